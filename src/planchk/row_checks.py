"""Checks across an indicator's rows that say how they are reported (口径) or at which prices
(价格口径): `price-basis` errors and `inconsistent-change` warnings.

- `price-basis` (error): a row in another price basis than the indicator's `price_basis`. A
  level row of a growth or relative change target is allowed when its year's change since the
  base year is given without it, by rows in the indicator's basis (the real yearly growth, or
  the published change since the base year): planchk then never uses it. Every other such row
  would be used, and a growth in comparable prices is never computed from current prices.
- `inconsistent-change` (warning): a year with both a published change since the base year and
  yearly changes that chain back to the base year (or to an earlier published change since the
  base year), where the two cannot both be roundings of one true series: each figure `c`
  published with a half-unit `h` (0.05 for -18.8) stands for a change in `[c − h, c + h]`, the
  chain for the product of those intervals (`planchk.chain.bounds`); the warning fires when the
  chain's interval and the published figure's are disjoint. Touching intervals are consistent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from planchk.chain import (
    RowsOf,
    Since,
    base_level,
    bounds,
    by_mode,
    change_bounds,
    half_unit,
    since_base,
)
from planchk.messages import indicator_ref, msg
from planchk.problems import Problem, ProblemCode, Severity
from planchk.rational import Fraction
from planchk.reporting_words import PRICE_BASIS_WORDS
from planchk.spec import Indicator, PriceBasis, Reporting, Spec

if TYPE_CHECKING:
    from planchk.data import Observation

_BASIS_WORDS = {
    PriceBasis.COMPARABLE: msg("comparable prices (可比价)"),
    PriceBasis.CURRENT: msg("current prices (现价)"),
}
#: The price bases as "growth in {basis} prices" says them.
_BASIS_NAMES = {PriceBasis.COMPARABLE: msg("comparable"), PriceBasis.CURRENT: msg("current")}

Rows = dict[int, list["Observation"]]


def mixed_row_problems(
    spec: Spec, observations: Sequence[Observation], columns: Mapping[str, Mapping[str, int]]
) -> list[Problem]:
    """The `price-basis` errors and `inconsistent-change` warnings of the rows read."""
    marked = {
        (obs.region, obs.indicator_id)
        for obs in observations
        if obs.reported_as is not None or obs.price_basis is not None
    }
    if not marked:
        return []
    series: dict[tuple[str | None, str], Rows] = {key: {} for key in marked}
    for obs in observations:
        found = series.get((obs.region, obs.indicator_id))
        if found is not None:
            found.setdefault(obs.year, []).append(obs)
    problems: list[Problem] = []
    for (region, indicator_id), rows in series.items():
        own = spec.for_region(region)
        indicator = own.indicator(indicator_id)
        assert indicator is not None
        base = own.base_year_of(indicator)
        baseline = base_level(indicator, _rows_of(rows), base)
        problems.extend(_price_basis(indicator, rows, base, baseline, columns))
        if indicator.chains_rows:
            problems.extend(_inconsistent(indicator, rows, base, columns))
    return problems


def _rows_of(rows: Rows) -> RowsOf:
    """The rows of a year, as `planchk.chain` reads them."""

    def rows_of(year: int) -> Sequence[Observation]:
        return rows.get(year, ())

    return rows_of


def _price_basis(
    indicator: Indicator,
    rows: Rows,
    base: int,
    baseline: Fraction | None,
    columns: Mapping[str, Mapping[str, int]],
) -> list[Problem]:
    declared = indicator.price_basis
    if declared is None:
        return []
    problems = []
    for year in sorted(rows):
        for obs in rows[year]:
            if obs.price_basis in (None, declared):
                continue
            if indicator.chains_rows and obs.reporting(indicator) is Reporting.LEVEL:
                given = year == base or isinstance(
                    since_base(indicator, _rows_of(rows), base, year, baseline), Since
                )
                if given:
                    continue  # the year's growth is given in the indicator's prices
                why = msg(
                    "planchk never computes growth in {declared} prices from levels in {given} "
                    "prices; give the yearly growth in {declared} prices (口径 比上年, 价格口径 "
                    "{word}) for every year to {year}, or the change since {base} (口径 比基期)",
                    declared=_BASIS_NAMES[declared],
                    given=_BASIS_NAMES[obs.price_basis],
                    word=PRICE_BASIS_WORDS[declared][1],
                    year=year,
                    base=base,
                )
            else:
                why = msg("give the figure in {declared} prices", declared=_BASIS_NAMES[declared])
            problems.append(
                _problem(
                    ProblemCode.PRICE_BASIS,
                    Severity.ERROR,
                    msg(
                        "indicator {indicator} {year}: the spec measures it in {declared} and "
                        "this row is in {given}: {why}",
                        indicator=_named(indicator),
                        year=year,
                        declared=_BASIS_WORDS[declared],
                        given=_BASIS_WORDS[obs.price_basis],
                        why=why,
                    ),
                    obs,
                    "price_basis",
                    columns,
                )
            )
    return problems


def _inconsistent(
    indicator: Indicator, rows: Rows, base: int, columns: Mapping[str, Mapping[str, int]]
) -> list[Problem]:
    problems = []
    for year in sorted(rows):
        found = by_mode(rows[year], indicator)
        published = found.get(Reporting.CHANGE_FROM_BASE)
        yearly = found.get(Reporting.YEARLY_CHANGE)
        if published is None or yearly is None or year <= base:
            continue
        half = half_unit(published)
        before = since_base(indicator, _rows_of(rows), base, year - 1, None)
        if half is None or not isinstance(before, Since):
            continue  # no chain to the base year, or a figure of unknown precision
        chain = Since(
            before.factor * (1 + Fraction(yearly.value) / 100),
            before.anchor,
            (*before.chained, yearly),
            before.from_change,
        )
        allowed = bounds(chain)
        if allowed is None:
            continue
        low, high = change_bounds(published.value, half)
        if allowed[1] >= low and allowed[0] <= high:
            continue  # both may be roundings of one true series
        problems.append(
            _problem(
                ProblemCode.INCONSISTENT_CHANGE,
                Severity.WARNING,
                msg(
                    "indicator {indicator} {year}: the published change since {base}, "
                    "{published}, disagrees with the yearly changes chained from {start} "
                    "({rows}): they give {chained}, between {low} and {high} given the "
                    "rounding of each figure, and {published} stands for {published_low} to "
                    "{published_high}; the published change since the base year is used",
                    indicator=_named(indicator),
                    year=year,
                    base=base,
                    published=f"{published.reported}%",
                    start=_start(chain, base),
                    rows=", ".join(o.location for o in chain.rows),
                    chained=f"{_percent(chain.factor)}%",
                    low=f"{_percent(allowed[0])}%",
                    high=f"{_percent(allowed[1])}%",
                    published_low=f"{_percent(low)}%",
                    published_high=f"{_percent(high)}%",
                ),
                published,
                "value",
                columns,
            )
        )
    return problems


def _start(chain: Since, base: int) -> str:
    if chain.anchor is None:
        return msg("{base_year}", base_year=base)  # 2015, in Chinese 2015年
    return msg("the published change since {base} for {year}", base=base, year=chain.anchor.year)


def _percent(factor: Fraction) -> str:
    change = (factor - 1) * 100
    return f"{Decimal(change.numerator) / Decimal(change.denominator):.4f}".rstrip("0").rstrip(".")


def _named(indicator: Indicator) -> str:
    return indicator_ref(indicator.no, indicator.id, indicator.name.zh)


def _problem(
    code: ProblemCode,
    severity: Severity,
    message: str,
    obs: Observation,
    column: str,
    columns: Mapping[str, Mapping[str, int]],
) -> Problem:
    number = columns.get(obs.file, {}).get(column)
    if column == "value" and obs.column is not None:
        number = obs.column
    return Problem(
        code, severity, message, obs.file, obs.line, column, number, obs.region, obs.sheet
    )
