"""Value ranges: spec bounds, no negative counts, no shares above 100%."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planchk.data import read_data
from planchk.problems import ProblemCode, Severity
from planchk.quantities import Qualifier
from planchk.ranges import range_problem, value_limits
from planchk.spec import Indicator, Spec

HEADER = "indicator,year,value,unit,source,note\n"


def indicator(**changes: Any) -> Indicator:
    fields: dict[str, Any] = {
        "no": 1,
        "id": "x",
        "category": "c",
        "name": {"en": "X"},
        "unit": {"zh": "家"},
        "attribute": "expected",
        "direction": "increase",
        "target": {"kind": "level", "comparator": "at_least", "value": 10},
    }
    fields.update(changes)
    return Indicator.model_validate(fields)


@pytest.mark.parametrize(
    ("unit", "low", "high"),
    [
        ({"zh": "家"}, Decimal(0), None),
        ({"zh": "万家"}, Decimal(0), None),
        ({"zh": "人", "en": "people"}, Decimal(0), None),
        ({"zh": "%"}, None, Decimal(100)),
        ({"en": "%"}, None, Decimal(100)),
        ({"zh": "亿元"}, None, None),  # money can be negative (a loss)
        ({"en": "enterprises"}, None, None),  # only Chinese measure words are known counts
    ],
)
def test_default_limits(unit: dict[str, str], low: Decimal | None, high: Decimal | None) -> None:
    found_low, found_high = value_limits(indicator(unit=unit))
    assert (found_low and found_low.value, found_high and found_high.value) == (low, high)


def test_yearly_changes_have_no_default_limits() -> None:
    growth = indicator(
        unit={"zh": "%"},
        reporting="yearly_change",
        target={"kind": "average_growth", "comparator": "at_least", "value": 5},
    )
    assert value_limits(growth) == (None, None)


def test_spec_bounds_replace_the_rule_on_their_side() -> None:
    low, high = value_limits(indicator(bounds={"min": -10, "max": 500}))
    assert low is not None
    assert high is not None
    assert (low.value, high.value) == (Decimal(-10), Decimal(500))
    low, high = value_limits(indicator(unit={"zh": "%"}, bounds={"min": 1}))
    assert low is not None
    assert high is not None
    assert (low.value, high.value) == (Decimal(1), Decimal(100))


@pytest.mark.parametrize(
    ("value", "qualifier", "bad"),
    [
        (Decimal(-1), Qualifier.EXACT, True),
        (Decimal(-1), Qualifier.ABOUT, True),
        (Decimal(-1), Qualifier.AT_MOST, True),  # at most -1: certainly negative
        (Decimal(-1), Qualifier.AT_LEAST, False),  # at least -1: may be positive
        (Decimal(0), Qualifier.EXACT, False),  # a minimum is inclusive
        (Decimal(101), Qualifier.EXACT, True),
        (Decimal(101), Qualifier.AT_MOST, False),
        (Decimal(101), Qualifier.AT_LEAST, True),
        (Decimal(100), Qualifier.EXACT, False),  # so is a maximum
    ],
)
def test_qualified_values_are_out_of_range_only_when_certain(
    value: Decimal, qualifier: Qualifier, bad: bool
) -> None:
    bounded = indicator(bounds={"min": 0, "max": 100})
    assert (range_problem(bounded, value, qualifier) is not None) is bad


def test_messages_say_what_and_why() -> None:
    assert range_problem(indicator(), Decimal(-3), Qualifier.EXACT) == (
        "-3 is below 0: a count cannot be negative"
    )
    share = indicator(unit={"zh": "%"})
    assert range_problem(share, Decimal("100.5"), Qualifier.EXACT) == (
        "100.5 is above 100: a share cannot exceed 100%"
    )


def test_bounds_with_min_above_max_are_refused() -> None:
    with pytest.raises(ValueError, match="must not exceed"):
        indicator(bounds={"min": 5, "max": 1})


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1,2018,-5,家,,", "count cannot be negative"),
        ("15,2018,-0.1,万家,,", "count cannot be negative"),
        ("4,2018,120%,,,", "spec's bounds"),  # the Haidian spec bounds shares to 0-100
        ("9,2018,100.01,%,,", "spec's bounds"),
    ],
)
def test_loader_rejects_out_of_range_rows(
    tmp_path: Path, spec: Spec, row: str, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    loaded = read_data([path], spec)
    (problem,) = loaded.problems
    assert (problem.code, problem.severity, problem.line, problem.column) == (
        ProblemCode.OUT_OF_RANGE,
        Severity.ERROR,
        2,
        "value",
    )
    assert message in problem.message
    assert loaded.dataset.observations == ()


@pytest.mark.parametrize("value", ["-0", "0", "-0.0"])
def test_negative_zero_is_a_valid_count(tmp_path: Path, spec: Spec, value: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(HEADER + f"3,2018,{value},人,,\n", encoding="utf-8")
    loaded = read_data([path], spec)
    assert loaded.problems == ()
    (obs,) = loaded.dataset.observations
    assert obs.value == 0
    assert not obs.value.is_signed()
