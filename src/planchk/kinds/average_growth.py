"""`average_growth`: average annual growth since the base year against a rate (年均增长10%).

`g_t = (V_t/V_B)^(1/(t−B)) − 1`, from levels or chained from yearly changes, against the
target rate `g*`; `R = g_t / g*`, decided without roots in level space:
`g_t ≥ k·g*` ⇔ `V_t/V_B ≥ (1 + k·g*)^(t−B)`. Judged over the whole period, so never achieved
before the end year. The projection keeps the average growth so far (compound); the pace
needed is the average growth a year that brings the period's average to `g*`.
"""

from __future__ import annotations

import math
from functools import partial

from planchk.data import Dataset, Observation
from planchk.exact import power_sign, satisfies
from planchk.kinds import reference, series
from planchk.kinds.base import (
    Baseline,
    Batch,
    Context,
    Kind,
    Measured,
    Measurement,
    fraction,
    required_growth,
    screened_decision,
    screened_sign,
    target_bound,
)
from planchk.kinds.reading import growth_factor
from planchk.kinds.steps import (
    Steps,
    growth_factor_line,
    needed_line,
    projection_line,
    ratio_step,
    reference_zh,
)
from planchk.numbers import num
from planchk.numbers import parenthesised as p
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Projection, Trajectory
from planchk.spec import Comparator, Indicator, Path_, Reporting, Spec, TargetKind
from planchk.trails import GrowthTrail, audit, yes_no


def measure(ctx: Context) -> Measurement:
    """g_t = (V_t/V_B)^(1/(t-B)) - 1 against g*, compared in level space."""
    ind = ctx.indicator
    used: list[Observation] = []
    factor, baseline, _ = growth_factor(ctx, used)
    n = ctx.elapsed
    if ind.target.reference is not None:
        return _measure_against_reference(ctx, factor, baseline, used)
    g_star = fraction(ind.target.number) / 100
    comparator, g_bound = target_bound(ind, ctx.spec, Fraction(1, 100))
    level_bound = 1 + g_bound
    if level_bound <= 0:
        met = comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
    else:
        met = satisfies(power_sign(factor, level_bound, n), comparator)
    trail, projection = _trail(ctx, factor, baseline, met, float(g_star) * 100)
    return Measurement(
        actual=trail.average_growth,
        expected=float(g_star) * 100,
        target_met=met,
        trail=trail,
        growth_ratio=factor,
        growth_target=g_star,
        elapsed_years=n,
        projection=projection,
        baseline=baseline,
        used=tuple(used),
    )


def many(batch: Batch) -> list[Measured | None]:
    """`measure` for the plain regions of a panel reporting levels: ρ = V_t/V_B against
    (1 + g)^n for the bound and each threshold, as `power_sign` screens it, the numbers shown
    as `measure` computes them.

    Left to `measure`: tied targets, yearly or since-base changes, a target of no growth (a
    hold), non-positive values, and regions whose decision the screen cannot certify."""
    ind, regions = batch.indicator, batch.regions
    n = batch.elapsed
    g_star = fraction(ind.target.number) / 100
    comparator, g_bound = target_bound(ind, batch.spec, Fraction(1, 100))
    if (
        ind.target.reference is not None
        or ind.reporting is not Reporting.LEVEL
        or n <= 0
        or g_star == 0
        or 1 + g_bound <= 0
    ):
        return [None] * regions
    try:
        # the powers `power_sign` compares with: the bound's, then each threshold's
        bound_power = float(1 + g_bound) ** n
        powers = [(1 + k * g_star, float(1 + k * g_star) ** n) for k in batch.thresholds]
    except OverflowError:
        return [None] * regions
    rising = g_star > 0
    expected = float(g_star) * 100
    rate = float(g_star)
    decide_band = not batch.final
    found: list[Measured | None] = [None] * regions
    for i, value, v_b in batch.plain_levels():
        if v_b <= 0 or value <= 0:
            continue
        rho = float(fraction(value) / v_b)
        decided = screened_decision(
            rho,
            bound_power,
            comparator,
            partial(_growth_band, rho, powers, rising) if decide_band else None,
        )
        if decided is None:
            continue
        met, band = decided
        growth = math.exp(math.log(rho) / n) - 1  # as `_trail`, from float(V_t / V_B)
        found[i] = Measured(
            actual=growth * 100,
            expected=expected,
            baseline=float(v_b),
            ratio=growth / rate,
            met=met,
            band=band,
            approximate=batch.approximate,
        )
    return found


def _growth_band(rho: float, powers: list[tuple[Fraction, float]], rising: bool) -> int | None:
    """How many thresholds g_t / g* falls short of, as `Measurement.ratio_at_least` decides
    them (R ≥ k ⇔ ρ against (1 + k·g*)^n), screened; None where one is inside the margin."""
    for band, (x, power) in enumerate(powers):
        if rising and x <= 0:
            return band
        if not rising and x <= 0:
            continue
        found = screened_sign(rho, power)
        if found is None:
            return None
        if (found > 0) == rising:
            return band
    return len(powers)


def _measure_against_reference(
    ctx: Context, factor: Fraction, baseline: Baseline | None, used: list[Observation]
) -> Measurement:
    """g_t against g_ref, the referenced indicator's average growth over the same years."""
    found = reference.reference_of(ctx)
    n, b = ctx.elapsed, found.factor
    met = reference.met(ctx, factor, b, n)
    g_ref = found.growth(n)
    trail, projection = _trail(
        ctx,
        factor,
        baseline,
        met,
        g_ref,
        reference=found.indicator.id,
        reference_growth_factor=float(b),
        reference_growth=g_ref,
    )
    return Measurement(
        actual=trail.average_growth,
        expected=g_ref,
        target_met=met,
        trail=trail,
        growth_ratio=factor,
        elapsed_years=n,
        reference_factor=b,
        shown_target=g_ref,
        reference_hold=reference.holds_only(b, ctx.indicator.direction),
        reference_approximate=found.approximate,
        projection=projection,
        baseline=baseline,
        used=tuple(used),
    )


def _trail(
    ctx: Context,
    factor: Fraction,
    baseline: Baseline | None,
    met: bool,
    rate: float,
    **reference_fields: str | float,
) -> tuple[GrowthTrail, Projection | None]:
    """The audit trail of a growth measured against `rate` (percent a year), and the
    projection at the growth so far with the pace needed to reach `rate` over the period."""
    n = ctx.elapsed
    growth = math.exp(math.log(factor) / n) - 1
    projection = None
    if ctx.remaining > 0:
        needed = (1 + rate / 100) ** ctx.period / float(factor)
        projection = Projection(
            end_value=growth * 100,
            meets_target=met,
            path=Path_.COMPOUND.value,
            required_growth=required_growth(needed, ctx.remaining),
        )
    trail = GrowthTrail(
        **audit(ctx.spec, ctx.year, ctx.indicator),
        growth_factor=float(factor),
        elapsed_years=n,
        average_growth=growth * 100,
        baseline=None if baseline is None else float(baseline.value),
        value=None if baseline is None else float(baseline.value * factor),
        target_met=yes_no(met),
        **reference_fields,
    )
    return trail, projection


def target_words(w: Steps, spec: Spec, indicator: Indicator) -> str:
    base = spec.base_year_of(indicator)
    ref = indicator.target.reference
    if ref is not None:
        return w.say(
            f"average annual growth since {base}, against the growth of {ref} over the same years",
            f"{base}年以来年均增速,与 {ref} 同期增速相比",
        )
    return w.say(f"average annual growth since {base}", f"{base}年以来年均增速")


def judged(w: Steps) -> str:
    return "g_t"


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    trail = r.components
    if not isinstance(trail, GrowthTrail):
        return
    n, factor, growth = trail.elapsed_years, trail.growth_factor, trail.average_growth
    growth_factor_line(w, r, factor, trail.value, indicator.reporting.value)
    w.numbered(
        w.say(
            f"Average annual growth over n = t − B = {n} years: g_t = ((V_t / V_B)^(1/n) − 1) "
            f"× 100 = ({num(factor)}^(1/{n}) − 1) × 100 = {num(growth)}%",
            f"n = t − B = {n} 年的年均增速:g_t = ((V_t / V_B)^(1/n) − 1) × 100 = "
            f"({num(factor)}^(1/{n}) − 1) × 100 = {num(growth)}%",
        ),
        "average_growth",
        "elapsed_years",
        "actual",
    )
    if trail.reference is not None and trail.reference_growth_factor is not None:
        _reference_steps(w, spec, r, trail.reference, trail.reference_growth_factor, trail, growth)
        return
    w.line(
        w.say(
            f"Expected: the target rate g* = {num(r.target_value)}%",
            f"应达到:目标增速 g* = {num(r.target_value)}%",
        ),
        "expected",
    )
    ratio_step(w, r, f"g_t / g* = {num(growth)} / {p(r.target_value)}")
    on_track = trail.threshold_on_track
    level = (1 + on_track * r.target_value / 100) ** n
    w.line(
        w.say(
            f"Decided exactly without roots: R ≥ {num(on_track)} ⇔ V_t / V_B ≥ "
            f"(1 + {num(on_track)} × g*)^n = (1 + {num(on_track)} × {num(r.target_value / 100)})^{n} "
            f"= {num(level)}",
            f"精确判断,不开方:R ≥ {num(on_track)} ⇔ V_t / V_B ≥ (1 + {num(on_track)} × g*)^n = "
            f"(1 + {num(on_track)} × {num(r.target_value / 100)})^{n} = {num(level)}",
        )
    )


def _reference_steps(
    w: Steps,
    spec: Spec,
    r: IndicatorResult,
    ref: str,
    b: float,
    trail: GrowthTrail,
    growth: float,
) -> None:
    """The reference's growth as the target rate, and how R is decided without rounding."""
    n = trail.elapsed_years
    w.line(
        w.say(
            f"Expected: the growth of the reference, indicator {ref}, over the same "
            f"years: g_ref = (b^(1/n) − 1) × 100 = ({num(b)}^(1/{n}) − 1) × 100 = {num(r.target_value)}%",
            f"应达到:参照{reference_zh(spec, ref)}同期的年均增速:g_ref = (b^(1/n) − 1) × 100 = "
            f"({num(b)}^(1/{n}) − 1) × 100 = {num(r.target_value)}%",
        ),
        "reference_growth_factor",
        "reference_growth",
        "expected",
    )
    if r.progress_ratio is None:
        w.line(
            w.say(
                "g_ref is zero or against the indicator's direction: R = g_t / g_ref measures no "
                "progress, so the target is judged as one that asks to hold",
                "g_ref 为零或与指标方向相反:R = g_t / g_ref 不反映进度,按保持型目标判断",
            )
        )
        return
    ratio_step(w, r, f"g_t / g_ref = {num(growth)} / {p(r.target_value)}")
    on_track = trail.threshold_on_track
    w.line(
        w.say(
            f"Decided exactly: g_t ≥ g_ref ⇔ V_t / V_B ≥ b; R ≥ {num(on_track)} ⇔ "
            f"(V_t / V_B)^(1/n) ≥ {num(on_track)} × b^(1/n) + {num(1 - on_track)} (for g_ref > 0), "
            "with the roots bracketed between rationals",
            f"精确判断:g_t ≥ g_ref ⇔ V_t / V_B ≥ b;R ≥ {num(on_track)} ⇔ "
            f"(V_t / V_B)^(1/n) ≥ {num(on_track)} × b^(1/n) + {num(1 - on_track)}(g_ref > 0 时),"
            "根式以有理数区间夹逼",
        )
    )


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    pr = r.projection
    if pr is None:
        return
    projection_line(
        w,
        r,
        w.say(
            f"the average growth so far continues: {num(pr.end_value)}%",
            f"保持目前年均增速:{num(pr.end_value)}%",
        ),
    )
    trail = r.components
    if not isinstance(trail, GrowthTrail):
        return
    period = spec.plan.end_year - spec.base_year_of(indicator)
    remaining = spec.plan.end_year - trail.year
    formula = (
        "(((1 + g*)^(E − B) / (V_t / V_B))^(1/(E − t)) − 1) × 100 = "
        f"(((1 + {p(r.target_value / 100)})^{period} / {num(trail.growth_factor)})"
        f"^(1/{remaining}) − 1) × 100"
    )
    needed_line(w, r, formula)


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The level (or index) against growth at the target rate from the baseline."""
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    # a target tied to another indicator: the reference's measured growth (the result's target)
    reference = indicator.target.reference is not None
    rate = 1 + (result.target_value if reference else float(indicator.target.number)) / 100
    return series.measure_trajectory(
        dataset, indicator, result, year, base, end, lambda start, y: start * rate ** (y - base)
    )


def check(indicator: Indicator) -> tuple[str, ...]:
    """A growth target has no rule of its own beyond the spec model's."""
    return ()


KIND = Kind(
    kind=TargetKind.AVERAGE_GROWTH,
    measure=measure,
    target_words=target_words,
    judged=judged,
    steps=steps,
    projection_steps=projection_steps,
    trajectory=trajectory,
    check=check,
    trail=GrowthTrail,
    many=many,
)
