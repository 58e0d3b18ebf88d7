"""Reading what an indicator needs from the data: the level in a year, the baseline, a series
of yearly values, the growth factor since the base year. Each raises `NoData` saying what is
missing."""

from __future__ import annotations

from typing import Literal

from planchk.chain import Since, base_row, since_base
from planchk.data import Observation
from planchk.kinds.base import Baseline, Context, NoData, fraction
from planchk.messages import msg
from planchk.quantities import Qualifier
from planchk.rational import Fraction
from planchk.spec import Reporting


def level_at(ctx: Context, year: int) -> Observation:
    obs = ctx.observation(year)
    if obs is None:
        raise NoData(msg("no value for {year}", year=year))
    return obs


def baseline(ctx: Context) -> Baseline | None:
    """The spec's baseline, else the data's base-year value, else None."""
    spec_baseline = ctx.indicator.baseline
    if spec_baseline is not None:
        return Baseline(
            fraction(spec_baseline.value), "spec", spec_baseline.qualifier is not Qualifier.EXACT
        )
    obs = ctx.observation(ctx.base_year)
    if obs is None:
        return None
    qualified = obs.qualifier is not Qualifier.EXACT or obs.preliminary
    return Baseline(fraction(obs.value), "data", qualified, obs)


def require_baseline(ctx: Context) -> Baseline:
    found = baseline(ctx)
    if found is None:
        raise NoData(
            msg(
                "no baseline: the spec gives none and the data has no {year} value",
                year=ctx.base_year,
            )
        )
    return found


def yearly_series(ctx: Context, what: Literal["additions", "yearly change"]) -> list[Observation]:
    """The values of every year from B + 1 to t; all of them are needed."""
    years = range(ctx.base_year + 1, ctx.year + 1)
    found = [ctx.observation(y) for y in years]
    missing = [str(y) for y, obs in zip(years, found, strict=True) if obs is None]
    if missing:
        years_missing = ", ".join(missing)
        if what == "additions":
            raise NoData(msg("no additions for {years}", years=years_missing))
        raise NoData(msg("no yearly change for {years}", years=years_missing))
    return [obs for obs in found if obs is not None]


def growth_factor(
    ctx: Context, used: list[Observation]
) -> tuple[Fraction, Baseline | None, Observation | None]:
    """V_t / V_B, from levels, by chaining yearly changes or from the change since the base
    year (`1 + c_t/100`); with the baseline and level used.

    Where rows say how they are reported (口径) or at which prices, the change since the base
    year is chained from them (`planchk.chain`)."""
    if mixed(ctx):
        return _chained(ctx, used)
    if ctx.indicator.reporting is Reporting.CHANGE_FROM_BASE:
        current = level_at(ctx, ctx.year)
        used.append(current)
        factor = 1 + fraction(current.value) / 100
        if factor <= 0:
            raise NoData(
                msg(
                    "a change since the base year of {limit} or less leaves no level", limit="-100%"
                )
            )
        return factor, None, None
    if ctx.indicator.reporting is Reporting.YEARLY_CHANGE:
        changes = yearly_series(ctx, "yearly change")
        used.extend(changes)
        factor = Fraction(1)
        for obs in changes:
            factor *= 1 + fraction(obs.value) / 100
        if factor <= 0:
            raise NoData(msg("the yearly changes compound to a non-positive level"))
        return factor, None, None
    current = level_at(ctx, ctx.year)
    found = require_baseline(ctx)
    used.append(current)
    if found.value <= 0 or current.value <= 0:
        raise NoData(msg("growth is undefined for a non-positive baseline or value"))
    return fraction(current.value) / found.value, found, current


def mixed(ctx: Context) -> bool:
    """Whether a row from the base year to t has its own 口径 or price basis, or shares its
    year with another row."""
    return any(
        len(found) > 1 or found[0].reported_as is not None or found[0].price_basis is not None
        for found in (
            ctx.dataset.rows(ctx.indicator.id, y) for y in range(ctx.base_year, ctx.year + 1)
        )
        if found
    )


def _chained(
    ctx: Context, used: list[Observation]
) -> tuple[Fraction, Baseline | None, Observation | None]:
    """V_t / V_B chained from rows reported in different ways (`planchk.chain.since_base`)."""
    found = _level_baseline(ctx)
    rows_of = ctx.observations
    since = since_base(
        ctx.indicator, rows_of, ctx.base_year, ctx.year, None if found is None else found.value
    )
    if not isinstance(since, Since):
        raise NoData(since)
    used.extend(since.rows)
    anchor = since.anchor
    if anchor is None or since.from_change:
        return since.factor, None, None
    # a level over the baseline, then the yearly changes after it, if any
    return since.factor, found, None if since.chained else anchor


def _level_baseline(ctx: Context) -> Baseline | None:
    """The spec's baseline, else the data's base-year level in the indicator's prices."""
    if ctx.indicator.baseline is not None:
        return baseline(ctx)
    obs = base_row(ctx.indicator, ctx.observations, ctx.base_year)
    if obs is None:
        return None
    qualified = obs.qualifier is not Qualifier.EXACT or obs.preliminary
    return Baseline(fraction(obs.value), "data", qualified, obs)
