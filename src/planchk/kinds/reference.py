"""Targets tied to another indicator (全员劳动生产率增长高于GDP增长, 居民人均可支配收入增长
与经济增长基本同步): the referenced value, for `average_growth`, `level` and `change`.

A level target's T is the reference's level in the assessment year t (`level_of`); a change
target's c* is the reference's change since the base year to t, in the same mode
(`change_of`). Both are rational, so the kinds judge them with their normal exact rules, T in
place of the spec's value. A growth target's rate is irrational in general:

The target rate is the referenced indicator's measured average growth over the same years,
`g_ref = b^(1/n) − 1` with `b` its `V_t/V_B`, whatever that indicator's own target is. With
`a` the indicator's own `V_t/V_B`, `g ≥ g_ref ⇔ a ≥ b`; `about` tolerances and the progress
thresholds compare `a^(1/n)` with `k·b^(1/n) + c`, decided exactly by `planchk.radicals`.

`R = g / g_ref` measures progress only while the reference moves in the indicator's direction.
When `g_ref = 0` (R undefined) or `g_ref` is against the direction (R's sign would flip, so a
worse growth would show a larger R), the target is judged as one that asks to hold
(methodology: 耕地保有量不减少): on track while it is met; when it is not, regressing if the
indicator moves against its direction and off track if it has not changed at all (a flat
reference that `more_than` asks to beat); achieved or not achieved in the end year; with no
progress ratio. So raising the reference's growth never improves the status.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypedDict

from planchk.data import Observation
from planchk.kinds.base import Context, NoData, fraction
from planchk.kinds.reading import growth_factor, level_at, require_baseline
from planchk.messages import indicator_ref, msg, said
from planchk.quantities import Qualifier
from planchk.radicals import radical_sign
from planchk.rational import Fraction
from planchk.spec import ChangeMode, Comparator, Direction, Indicator, Reporting


@dataclass(frozen=True)
class Reference:
    """The referenced indicator's growth over the years of the indicator judged."""

    indicator: Indicator
    factor: Fraction  # b = V_t / V_B of the reference
    approximate: bool  # its values are approximate or preliminary

    def growth(self, n: int) -> float:
        """g_ref in percent, for display."""
        return (math.exp(math.log(self.factor) / n) - 1) * 100


@dataclass(frozen=True)
class Tied:
    """The referenced indicator's level, or its change since the base year, to year t: the
    target value of a level or change target tied to it."""

    indicator: Indicator
    value: Fraction  # in the target's terms: the unit, or percent for a relative change
    approximate: bool  # its values are approximate or preliminary


class TiedFields(TypedDict, total=False):
    """What a tied target adds to its kind's `Measurement`: the value judged against."""

    target: Fraction
    reference_approximate: bool


def measured(tied: Tied | None) -> TiedFields:
    """A tied target's value, judged against in place of the spec's value (none untied)."""
    if tied is None:
        return {}
    return {"target": tied.value, "reference_approximate": tied.approximate}


def _other(ctx: Context) -> Context:
    ref_id = ctx.indicator.target.reference
    assert ref_id is not None
    other = ctx.spec.indicator(ref_id)
    assert other is not None  # the spec refuses an unknown reference
    return Context(ctx.spec, ctx.dataset, other, ctx.year)


def _named(other: Indicator) -> str:
    return indicator_ref(other.no, other.id, other.name.zh)


def _tied(other: Context, value: Fraction, used: list[Observation], approximate: bool) -> Tied:
    """The referenced value, refused where a row is only a bound (超过…), which gives none."""
    bounds = [o for o in used if o.qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST)]
    if bounds:
        shown = "; ".join(f"{o.year}: {o.reported}" for o in bounds)
        raise NoData(
            msg(
                "the reference, indicator {indicator}, is reported only as a bound ({shown}), "
                "which does not give its value",
                indicator=_named(other.indicator),
                shown=shown,
            )
        )
    approximate = approximate or any(o.preliminary or o.qualifier is Qualifier.ABOUT for o in used)
    return Tied(other.indicator, value, approximate)


def level_of(ctx: Context) -> Tied:
    """The referenced indicator's level in year t; `NoData` naming it when it is missing."""
    other = _other(ctx)
    try:
        current = level_at(other, ctx.year)
    except NoData as missing:
        raise NoData(
            msg(
                "the reference, indicator {indicator}, has no level: {reason}",
                indicator=_named(other.indicator),
                reason=said(missing),
            )
        ) from None
    return _tied(other, fraction(current.value), [current], False)


def change_of(ctx: Context) -> Tied:
    """The referenced indicator's change since the base year to t, relative (percent) or
    absolute (in the unit) as the target's; `NoData` naming it when it is missing."""
    other = _other(ctx)
    used: list[Observation] = []
    try:
        if ctx.indicator.target.change is ChangeMode.RELATIVE:
            factor, baseline, _ = growth_factor(other, used)
            approximate = baseline is not None and baseline.qualified
            return _tied(other, (factor - 1) * 100, used, approximate)
        current = level_at(other, ctx.year)
        used.append(current)
        if other.indicator.reporting is Reporting.CHANGE_FROM_BASE:
            return _tied(other, fraction(current.value), used, False)
        found = require_baseline(other)
    except NoData as missing:
        raise NoData(
            msg(
                "the reference, indicator {indicator}, has no change for {base}-{year}: {reason}",
                indicator=_named(other.indicator),
                base=ctx.base_year,
                year=ctx.year,
                reason=said(missing),
            )
        ) from None
    change = fraction(current.value) - found.value
    if found.observation is not None:
        used.append(found.observation)
    return _tied(other, change, used, found.qualified)


def reference_of(ctx: Context) -> Reference:
    """The referenced indicator's V_t / V_B over B..t; `NoData` naming it when it is missing."""
    ref_id = ctx.indicator.target.reference
    assert ref_id is not None
    other = ctx.spec.indicator(ref_id)
    assert other is not None  # the spec refuses an unknown reference
    used: list[Observation] = []
    try:
        factor, baseline, _ = growth_factor(Context(ctx.spec, ctx.dataset, other, ctx.year), used)
    except NoData as missing:
        raise NoData(
            msg(
                "the reference, indicator {indicator}, has no growth for {base}-{year}: {reason}",
                indicator=_named(other),
                base=ctx.base_year,
                year=ctx.year,
                reason=said(missing),
            )
        ) from None
    bounds = [o for o in used if o.qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST)]
    if bounds:
        shown = "; ".join(f"{o.year}: {o.reported}" for o in bounds)
        raise NoData(
            msg(
                "the reference, indicator {indicator}, is reported only as a bound ({shown}), "
                "which does not give its growth",
                indicator=_named(other),
                shown=shown,
            )
        )
    approximate = any(o.preliminary or o.qualifier is Qualifier.ABOUT for o in used)
    if baseline is not None and baseline.qualified:
        approximate = True
    return Reference(other, factor, approximate)


def met(ctx: Context, a: Fraction, b: Fraction, n: int) -> bool:
    """Whether g = a^(1/n) − 1 satisfies the target against g_ref = b^(1/n) − 1, exactly."""
    target, direction = ctx.indicator.target, ctx.indicator.direction
    match target.comparator:
        case Comparator.AT_LEAST:
            return a >= b
        case Comparator.MORE_THAN:
            return a > b
        case Comparator.AT_MOST:
            return a <= b
        case Comparator.LESS_THAN:
            return a < b
    # about: within the tolerance, or beyond it in the indicator's direction
    tolerance = target.tolerance or ctx.spec.scoring.tolerance
    up = direction is Direction.INCREASE
    if tolerance.absolute is not None:  # percentage points of growth
        width = fraction(tolerance.absolute) / 100
        difference = radical_sign(a, b, n, Fraction(1), -width if up else width)
    else:  # percent of |g_ref|: the bound is g_ref·(1 ∓ rel·sign(g_ref)) = k·g_ref
        assert tolerance.relative is not None
        rel = fraction(tolerance.relative) / 100
        s = (b > 1) - (b < 1)
        k = 1 - rel * s if up else 1 + rel * s
        difference = radical_sign(a, b, n, k, 1 - k)
    return difference >= 0 if up else difference <= 0


def holds_only(b: Fraction, direction: Direction) -> bool:
    """Whether R is undefined: g_ref is zero or against the indicator's direction."""
    return b == 1 or (b > 1) != (direction is Direction.INCREASE)
