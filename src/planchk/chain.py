"""The change since the base year that an indicator's rows give, where each row says how it is
reported (口径): `V_y / V_B` for a growth or relative change target.

A year may have several rows, one per way of reporting. The change since the base year for
year `y` comes from, in this order:

1. a row reported as `change_from_base` for `y`: `1 + c_y/100` (the published figure wins);
2. a level row for `y` with a baseline level: `V_y / V_B`;
3. a `yearly_change` row for `y`, chained onto the change since the base year for `y - 1`:
   `(V_{y-1} / V_B)·(1 + c_y/100)`.

Rows in another price basis than the indicator's (`price_basis`) are never used: a growth in
comparable prices is not computed from levels in current prices (`usable`).

Exact throughout (fractions); `bounds` gives the interval a chain of rounded figures allows,
for the `inconsistent-change` check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from planchk.messages import msg
from planchk.quantities import Qualifier
from planchk.rational import Fraction
from planchk.spec import Indicator, Reporting

if TYPE_CHECKING:
    from planchk.data import Observation

#: An indicator's rows for a year (one per way of reporting).
RowsOf = Callable[[int], Sequence["Observation"]]


@dataclass(frozen=True)
class Since:
    """`V_y / V_B` and the rows it rests on, in year order: the anchor (a change since the base
    year or a level; none when the chain starts at the base year) then the yearly changes."""

    factor: Fraction
    anchor: Observation | None
    chained: tuple[Observation, ...]
    #: whether the anchor is a change since the base year (else a level, or no anchor)
    from_change: bool = False

    @property
    def rows(self) -> tuple[Observation, ...]:
        return self.chained if self.anchor is None else (self.anchor, *self.chained)


def usable(obs: Observation, indicator: Indicator) -> bool:
    """Whether the row is in the indicator's price basis (a row or an indicator that names
    none is taken to agree)."""
    return obs.price_basis is None or indicator.price_basis in (None, obs.price_basis)


def by_mode(obs: Sequence[Observation], indicator: Indicator) -> dict[Reporting, Observation]:
    """The usable rows of one year by the way they are reported."""
    return {o.reporting(indicator): o for o in obs if usable(o, indicator)}


def base_row(indicator: Indicator, rows_of: RowsOf, base: int) -> Observation | None:
    """The base year's level row in the indicator's prices, if the data has one."""
    return by_mode(rows_of(base), indicator).get(Reporting.LEVEL)


def base_level(indicator: Indicator, rows_of: RowsOf, base: int) -> Fraction | None:
    """The baseline level: the spec's, else the base year's level row, else None."""
    if indicator.baseline is not None:
        return Fraction(indicator.baseline.value)
    row = base_row(indicator, rows_of, base)
    return None if row is None else Fraction(row.value)


def since_base(
    indicator: Indicator, rows_of: RowsOf, base: int, year: int, baseline: Fraction | None
) -> Since | str:
    """`V_year / V_base` from the rows, or why the rows do not give it."""
    chained: list[Observation] = []
    anchor: Observation | None = None
    factor = Fraction(1)
    from_change = False
    y = year
    while y > base:
        rows = by_mode(rows_of(y), indicator)
        found = rows.get(Reporting.CHANGE_FROM_BASE)
        if found is not None:
            anchor, factor, from_change = found, 1 + Fraction(found.value) / 100, True
            break
        found = rows.get(Reporting.LEVEL)
        if found is not None and baseline is not None:
            if baseline <= 0 or found.value <= 0:
                return msg("growth is undefined for a non-positive baseline or value")
            anchor, factor = found, Fraction(found.value) / baseline
            break
        found = rows.get(Reporting.YEARLY_CHANGE)
        if found is None:
            if Reporting.LEVEL in rows:
                return msg(
                    "no baseline for the {year} level: the spec gives none and the data has no "
                    "{base} value",
                    year=y,
                    base=base,
                )
            if y == year:
                return msg("no value for {year}", year=y)
            return msg("no yearly change for {years}", years=str(y))
        chained.append(found)
        y -= 1
    if factor <= 0:
        return msg("a change since the base year of {limit} or less leaves no level", limit="-100%")
    for obs in reversed(chained):
        factor *= 1 + Fraction(obs.value) / 100
    if factor <= 0:
        return msg("the yearly changes compound to a non-positive level")
    return Since(factor, anchor, tuple(reversed(chained)), from_change)


def half_unit(obs: Observation) -> Fraction | None:
    """Half a unit of the last digit the figure was published with (0.05 for -18.8), or None
    for a figure whose precision is unknown (a qualified or preliminary one)."""
    if obs.qualifier is not Qualifier.EXACT or obs.preliminary:
        return None
    exponent = obs.value.as_tuple().exponent
    if not isinstance(exponent, int):
        return None
    return Fraction(Decimal(5).scaleb(exponent - 1))


def change_bounds(change: Decimal, half: Fraction) -> tuple[Fraction, Fraction]:
    """The factors `1 + c/100` a change in percent rounded to `half` allows."""
    c = Fraction(change)
    return 1 + (c - half) / 100, 1 + (c + half) / 100


def bounds(since: Since) -> tuple[Fraction, Fraction] | None:
    """The interval of `V_y / V_B` that the chain's figures allow given their rounding, or None
    when a figure's precision is unknown or the chain starts at a level.

    Each figure `c` published to a half-unit `h` stands for a true change in `[c − h, c + h]`;
    factors `1 + c/100` are positive and the product is increasing in each, so the chain lies
    between the product of the lower ends and the product of the upper ends.
    """
    if since.anchor is not None and not since.from_change:
        return None
    low = high = Fraction(1)
    for obs in since.rows:
        half = half_unit(obs)
        if half is None:
            return None
        lo, hi = change_bounds(obs.value, half)
        if lo <= 0:
            return None
        low, high = low * lo, high * hi
    return low, high
