"""Rows that say how they are reported (口径) and at which prices: the change since the base year
chained from them (`planchk.chain`), and the `inconsistent-change` and `price-basis` checks
(`planchk.row_checks`), with their exact boundaries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.data import Dataset, Observation
from planchk.engine import evaluate_indicator
from planchk.problems import ProblemCode
from planchk.quantities import Qualifier
from planchk.results import Status
from planchk.row_checks import mixed_row_problems
from planchk.spec import PriceBasis, Reporting, Spec
from test_engine import make_spec

Y, C, L = Reporting.YEARLY_CHANGE, Reporting.CHANGE_FROM_BASE, Reporting.LEVEL
CHANGE_DOWN = {"kind": "change", "change": "relative", "comparator": "at_most", "value": -18}
GROWTH = {"kind": "average_growth", "comparator": "at_least", "value": "6.5"}


def row(
    year: int,
    value: str,
    mode: Reporting | None = None,
    basis: PriceBasis | None = None,
    line: int | None = None,
) -> Observation:
    return Observation(
        "x",
        year,
        Decimal(value),
        Qualifier.EXACT,
        False,
        value,
        None,
        None,
        None,
        "d.csv",
        line or year - 2013,
        reported_as=mode,
        price_basis=basis,
    )


def spec_for(
    target: dict[str, Any],
    reporting: str,
    basis: str | None = None,
    *,
    direction: str = "increase",
    end_year: int = 2020,
) -> Spec:
    fields = {} if basis is None else {"price_basis": basis}
    return make_spec(
        target, reporting=reporting, direction=direction, end_year=end_year, fields=fields
    )


@dataclass(frozen=True)
class Case:
    name: str
    target: dict[str, Any]
    reporting: str
    rows: tuple[Observation, ...]
    year: int
    actual: float | None  # None: no data
    status: Status
    direction: str = "increase"
    baseline: str | None = None
    basis: str | None = None
    reason: str | None = None


CASES = [
    Case(
        "the published change since the base year wins for its year",
        CHANGE_DOWN,
        "yearly_change",
        (
            row(2016, "-6.6"),
            row(2017, "-5.1"),
            row(2018, "-4.0"),
            row(2019, "-4.1"),
            row(2020, "-1.0"),
            row(2020, "-18.8", C),
        ),
        2020,
        -18.8,
        Status.ACHIEVED,
        direction="decrease",
    ),
    Case(
        "a change exactly at the target is met",
        CHANGE_DOWN,
        "yearly_change",
        (row(2016, "-10"), row(2020, "-18", C)),
        2020,
        -18.0,
        Status.ACHIEVED,
        direction="decrease",
    ),
    Case(
        "just short of the target is not met",
        CHANGE_DOWN,
        "yearly_change",
        (row(2016, "-10"), row(2020, "-17.99", C)),
        2020,
        -17.99,
        Status.NOT_ACHIEVED,
        direction="decrease",
    ),
    Case(
        "yearly changes chain onto an earlier published change since the base year",
        CHANGE_DOWN,
        "yearly_change",
        (row(2016, "-5"), row(2017, "-10", C), row(2018, "-10")),
        2018,
        -19.0,  # 0.9 x 0.9 - 1
        Status.ACHIEVED,
        direction="decrease",
    ),
    Case(
        "a row's own 口径 overrides the spec's change_from_base",
        CHANGE_DOWN,
        "change_from_base",
        (row(2016, "-10", Y), row(2017, "-10", Y)),
        2017,
        -19.0,
        Status.ACHIEVED,
        direction="decrease",
    ),
    Case(
        "growth from a level over the baseline, then yearly changes",
        GROWTH,
        "level",
        (row(2015, "100"), row(2016, "110"), row(2017, "10", Y)),
        2017,
        10.0,  # 1.1 x 1.1 over two years
        Status.ON_TRACK,
    ),
    Case(
        "a year without a figure breaks the chain",
        GROWTH,
        "level",
        (row(2015, "100"), row(2017, "10", Y)),
        2017,
        None,
        Status.NO_DATA,
        reason="no yearly change for 2016",
    ),
    Case(
        "current-price levels are passed over for the real yearly growth",
        GROWTH,
        "level",
        (
            row(2015, "100", None, PriceBasis.CURRENT),
            row(2016, "112", None, PriceBasis.CURRENT),
            row(2016, "7", Y, PriceBasis.COMPARABLE),
        ),
        2016,
        7.0,
        Status.ON_TRACK,
        basis="comparable",
    ),
    Case(
        "current-price levels alone give no growth in comparable prices",
        GROWTH,
        "level",
        (row(2015, "100", None, PriceBasis.CURRENT), row(2016, "112", None, PriceBasis.CURRENT)),
        2016,
        None,
        Status.NO_DATA,
        basis="comparable",
        reason="no value for 2016",
    ),
    Case(
        "rows in the indicator's own prices are used as usual",
        GROWTH,
        "level",
        (row(2015, "100", None, PriceBasis.CURRENT), row(2016, "112", None, PriceBasis.CURRENT)),
        2016,
        12.0,
        Status.ON_TRACK,
        basis="current",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_rows_own_reporting_is_used(case: Case) -> None:
    spec = spec_for(case.target, case.reporting, case.basis, direction=case.direction)
    result = evaluate_indicator(spec, Dataset(case.rows), spec.indicators[0], case.year)
    assert result.status is case.status, result.reason
    if case.actual is None:
        assert result.actual is None
        assert case.reason is not None
        assert case.reason in (result.reason or "")
    else:
        assert result.actual == pytest.approx(case.actual)


def test_the_rows_of_a_year_are_kept_side_by_side() -> None:
    published = row(2020, "-18.8", C)
    yearly = row(2020, "-1.0")
    dataset = Dataset((published, yearly))
    assert dataset.get("x", 2020) is yearly  # the row reported as the spec says
    assert dataset.rows("x", 2020) == (published, yearly)
    assert dataset.rows("x", 2019) == ()


def _warnings(rows: tuple[Observation, ...], reporting: str = "yearly_change") -> list[str]:
    spec = spec_for(CHANGE_DOWN, reporting, direction="decrease")
    return [
        p.message
        for p in mixed_row_problems(spec, rows, {})
        if p.code is ProblemCode.INCONSISTENT_CHANGE
    ]


@pytest.mark.parametrize(
    ("yearly", "published", "warns"),
    [
        # -5.0 stands for [-5.05, -4.95]: factors [0.9495, 0.9505]
        (("-5.0",), "-5.1", False),  # [-5.15, -5.05]: touches at -5.05
        (("-5.0",), "-5.11", True),  # [-5.115, -5.105]: beyond
        (("-5.0",), "-4.9", False),  # touches at -4.95
        (("-5.0",), "-4.94", True),  # [-4.945, -4.935]: beyond
        # -6.6 then -5.1: at most 0.9345 x 0.9495 = 0.88730775, -11.269225%
        (("-6.6", "-5.1"), "-11.26922", False),  # its lower end is exactly that
        (("-6.6", "-5.1"), "-11.26921", True),  # one unit of its last digit beyond
        (("-6.6", "-5.1"), "-11.3", False),
    ],
)
def test_inconsistent_change_at_the_rounding_bound(
    yearly: tuple[str, ...], published: str, warns: bool
) -> None:
    rows = tuple(row(2016 + i, value) for i, value in enumerate(yearly))
    last = 2015 + len(yearly)
    found = _warnings((*rows, row(last, published, C, line=20)))
    assert bool(found) is warns
    if warns:
        # naming both: the yearly rows and the published row's figure
        assert all(r.location in found[0] for r in rows)
        assert f"{published}%" in found[0]


def test_the_chain_may_start_at_an_earlier_published_change() -> None:
    rows = (row(2016, "-5.0", C), row(2017, "-5.0"), row(2017, "-9.8", C, line=30))
    assert _warnings(rows) == []  # 0.95 x 0.95 = 0.9025, -9.75%: within the rounding
    beyond = (row(2016, "-5.0", C), row(2017, "-5.0"), row(2017, "-10.1", C, line=30))
    assert len(_warnings(beyond)) == 1


def test_no_warning_without_a_chain_to_the_base_year() -> None:
    rows = (row(2017, "-5.0"), row(2017, "-30.0", C, line=30))  # 2016 is missing
    assert _warnings(rows) == []


def _rounded(value: Fraction, places: int) -> Decimal:
    with localcontext(prec=400):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


@given(
    st.lists(
        st.tuples(
            st.fractions(min_value=-15, max_value=15, max_denominator=10**6),
            st.integers(min_value=0, max_value=4),
        ),
        min_size=1,
        max_size=10,
    ),
    st.integers(min_value=0, max_value=4),
)
def test_yearly_figures_rounded_from_one_series_never_warn(
    changes: list[tuple[Fraction, int]], places: int
) -> None:
    """Yearly changes and the change since the base year, each rounded from one true series
    to any number of decimals, are never `inconsistent-change`."""
    factor = Fraction(1)
    rows = []
    for offset, (change, digits) in enumerate(changes, start=1):
        factor *= 1 + change / 100
        rows.append(row(2015 + offset, str(_rounded(change, digits))))
    last = 2015 + len(changes)
    published = row(last, str(_rounded((factor - 1) * 100, places)), C, line=99)
    spec = spec_for(CHANGE_DOWN, "yearly_change", direction="decrease", end_year=2030)
    problems = mixed_row_problems(spec, (*rows, published), {})
    assert [p.message for p in problems] == []


def _price_errors(basis: str, rows: tuple[Observation, ...]) -> list[int]:
    spec = spec_for(GROWTH, "level", basis)
    return [
        p.line or 0 for p in mixed_row_problems(spec, rows, {}) if p.code is ProblemCode.PRICE_BASIS
    ]


def test_price_basis_error_names_the_rows_it_would_need() -> None:
    current = PriceBasis.CURRENT
    levels = (
        row(2015, "100", None, current),
        row(2016, "110", None, current),
        row(2017, "120", None, current),
    )
    assert _price_errors("comparable", levels) == [3, 4]  # 2016 and 2017; 2015 is the base
    growth = (row(2016, "7", Y), row(2017, "7", Y, PriceBasis.COMPARABLE))
    assert _price_errors("comparable", (*levels, *growth)) == []  # the real growth is given
    assert _price_errors("comparable", (*levels, growth[1])) == [3, 4]  # 2016 is not
    assert _price_errors("current", levels) == []
    nominal = (row(2016, "9", Y, current),)
    assert _price_errors("comparable", nominal) == [3]  # a nominal growth is never used
