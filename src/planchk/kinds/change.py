"""`change`: the change since the base year against a change (单位GDP能耗累计降低15%).

Relative changes `V_t/V_B − 1` (in percent, from levels or chained yearly changes) are paced
compound, `(1 + c*)^s − 1`; absolute changes `V_t − V_B` (in the unit) are paced linear,
`c*·s`. `R` is the change so far over the change expected. The projection extends the pace so
far along the same path; the pace needed is the average growth a year of the measure, or
percentage points a year for a measure in percent.

A decrease written as a positive `at_most` change ("at most +15") allows the measure to rise;
a plan's 降低15% is a reduction of at least 15, `at_most: -15`. The spec check warns.
"""

from __future__ import annotations

from typing import TypedDict

from planchk.data import Dataset, Observation
from planchk.exact import Surd
from planchk.kinds import reference, series
from planchk.kinds.base import (
    Baseline,
    Context,
    Kind,
    Measurement,
    fraction,
    in_percent,
    linear_projection,
    meets,
    required_growth,
    surd_meets,
    target_bound,
)
from planchk.kinds.reading import growth_factor, level_at, require_baseline
from planchk.kinds.steps import (
    Steps,
    growth_factor_line,
    needed_line,
    projection_line,
    ratio_step,
    tied_line,
    unit_suffix,
)
from planchk.numbers import num
from planchk.numbers import parenthesised as p
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Projection, Trajectory
from planchk.spec import (
    ChangeMode,
    Comparator,
    Direction,
    Indicator,
    Path_,
    Reporting,
    Spec,
    TargetKind,
)
from planchk.trails import ChangeTrail, audit, yes_no


def measure(ctx: Context) -> Measurement:
    """Change since the base year, relative (%) or absolute, against (1+c*)^s - 1 or c*·s."""
    if ctx.indicator.target.change is ChangeMode.RELATIVE:
        return _relative(ctx)
    return _absolute(ctx)


def _relative(ctx: Context) -> Measurement:
    ind = ctx.indicator
    used: list[Observation] = []
    factor, baseline, _ = growth_factor(ctx, used)
    tied = _tied(ctx)
    target = _target(ctx, tied)
    c_star = target / 100
    change = factor - 1
    bound = target_bound(ind, ctx.spec, Fraction(1, 100), None if tied is None else target)
    denominator = Surd(Fraction(-1), Fraction(1), 1 + c_star, ctx.elapsed, ctx.period)
    met = meets(change, bound)
    projection = None
    if ctx.remaining > 0:
        end = Surd(Fraction(-1), Fraction(1), factor, ctx.period, ctx.elapsed)
        projection = Projection(
            end_value=float(end) * 100,
            meets_target=surd_meets(end, bound),
            path=Path_.COMPOUND.value,
            required_growth=None
            if met
            else required_growth(float((1 + c_star) / factor), ctx.remaining),
        )
    trail = ChangeTrail(
        **audit(ctx.spec, ctx.year, ctx.indicator),
        change=float(change) * 100,
        expected_change=float(denominator) * 100,
        growth_factor=float(factor),
        baseline=None if baseline is None else float(baseline.value),
        **_tied_fields(tied),
        target_met=yes_no(met),
    )
    return _measured(
        trail, met, change, denominator, bound, projection, baseline, tuple(used), tied
    )


def _absolute(ctx: Context) -> Measurement:
    ind = ctx.indicator
    current = level_at(ctx, ctx.year)
    if ind.reporting is Reporting.CHANGE_FROM_BASE:
        return _absolute_reported(ctx, current)
    baseline = require_baseline(ctx)
    v_t, v_b = fraction(current.value), baseline.value
    tied = _tied(ctx)
    target = _target(ctx, tied)
    change = v_t - v_b
    bound = target_bound(ind, ctx.spec, tied=None if tied is None else target)
    met = meets(change, bound)
    projection = None
    if ctx.remaining > 0:
        end = change / ctx.share
        goal = v_b + target
        growth = points = None
        if not met:
            if in_percent(ind):
                points = float((goal - v_t) / ctx.remaining)
            elif goal > 0 and v_t > 0:
                growth = required_growth(float(goal / v_t), ctx.remaining)
        projection = linear_projection(
            end, bound, required_growth=growth, required_yearly_addition=points
        )
    return _absolute_measurement(ctx, change, current, projection, tied, baseline)


def target_words(w: Steps, spec: Spec, indicator: Indicator) -> str:
    base = spec.base_year_of(indicator)
    ref = indicator.target.reference
    if ref is not None:
        return w.say(
            f"change since {base}, against the change of {ref} over the same years",
            f"较{base}年变化,与 {ref} 同期变化相比",
        )
    return w.say(f"change since {base}", f"较{base}年变化")


def judged(w: Steps) -> str:
    return w.say("the change", "变化")


def _absolute_reported(ctx: Context, current: Observation) -> Measurement:
    """An absolute change reported as such (人均预期寿命比2015年提高1.2岁): no baseline needed."""
    ind = ctx.indicator
    change = fraction(current.value)
    tied = _tied(ctx)
    target = _target(ctx, tied)
    bound = target_bound(ind, ctx.spec, tied=None if tied is None else target)
    met = meets(change, bound)
    projection = None
    if ctx.remaining > 0:
        end = change / ctx.share
        projection = linear_projection(
            end,
            bound,
            required_yearly_addition=None if met else float((target - change) / ctx.remaining),
        )
    return _absolute_measurement(ctx, change, current, projection, tied)


def _absolute_measurement(
    ctx: Context,
    change: Fraction,
    current: Observation,
    projection: Projection | None,
    tied: reference.Tied | None,
    baseline: Baseline | None = None,
) -> Measurement:
    """An absolute change against the expected change c*·s, with V_t and V_B in its trail when
    the data reports levels (a `baseline`); c* is the referenced change for a `tied` target."""
    target = _target(ctx, tied)
    bound = target_bound(ctx.indicator, ctx.spec, tied=None if tied is None else target)
    denominator = Surd.rational(target * ctx.share)
    met = meets(change, bound)
    trail = ChangeTrail(
        **audit(ctx.spec, ctx.year, ctx.indicator),
        change=float(change),
        expected_change=float(denominator),
        value=None if baseline is None else float(change + baseline.value),
        baseline=None if baseline is None else float(baseline.value),
        **_tied_fields(tied),
        target_met=yes_no(met),
    )
    return _measured(trail, met, change, denominator, bound, projection, baseline, (current,), tied)


def _measured(
    trail: ChangeTrail,
    met: bool,
    change: Fraction,
    denominator: Surd,
    bound: tuple[Comparator, Fraction],
    projection: Projection | None,
    baseline: Baseline | None,
    used: tuple[Observation, ...],
    tied: reference.Tied | None,
) -> Measurement:
    """A change against the change expected by now: R = `change` / `denominator`, the actual and
    expected change as the trail records them (in percent for a relative change); a `tied`
    target is judged against the referenced change."""
    return Measurement(
        actual=trail.change,
        expected=trail.expected_change,
        target_met=met,
        trail=trail,
        numerator=change,
        denominator=denominator,
        start_met=meets(Fraction(0), bound),
        projection=projection,
        baseline=baseline,
        used=used,
        **reference.measured(tied),
    )


def _tied(ctx: Context) -> reference.Tied | None:
    """A target tied to another indicator: that indicator's change since the base year."""
    return None if ctx.indicator.target.reference is None else reference.change_of(ctx)


def _target(ctx: Context, tied: reference.Tied | None) -> Fraction:
    """c*: the spec's value, or the referenced change (percent, or in the unit)."""
    return fraction(ctx.indicator.target.number) if tied is None else tied.value


class _TiedTrail(TypedDict, total=False):
    """What a tied target adds to the trail: the reference's id and its change."""

    reference: str
    reference_change: float


def _tied_fields(tied: reference.Tied | None) -> _TiedTrail:
    """The trail's record of a tied target: the reference's id and its change."""
    if tied is None:
        return {}
    return {"reference": tied.indicator.id, "reference_change": float(tied.value)}


def _current_level(indicator: Indicator, r: IndicatorResult) -> float | None:
    """V_t as reported, when the data reports levels."""
    if indicator.reporting is not Reporting.LEVEL:
        return None
    year = r.components.year
    return next((o.value for o in r.observations if o.year == year), None)


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    trail = r.components
    if not isinstance(trail, ChangeTrail):
        return
    change, e, s = trail.change, trail.expected_change, trail.elapsed_share
    tied_line(
        w, spec, trail.reference, trail.reference_change, trail.year, "reference_change", True
    )
    if trail.growth_factor is not None:
        factor = trail.growth_factor
        growth_factor_line(w, r, factor, _current_level(indicator, r), indicator.reporting.value)
        w.numbered(
            w.say(
                f"Change since the base year: (V_t / V_B − 1) × 100 = ({num(factor)} − 1) × 100 "
                f"= {num(change)}%",
                f"较基期变化:(V_t / V_B − 1) × 100 = ({num(factor)} − 1) × 100 = {num(change)}%",
            ),
            "change",
            "actual",
        )
        w.numbered(
            w.say(
                f"Expected change by t: ((1 + c*)^s − 1) × 100 = ((1 + {p(r.target_value / 100)})"
                f"^{num(s)} − 1) × 100 = {num(e)}%",
                f"t 年应有变化:((1 + c*)^s − 1) × 100 = ((1 + {p(r.target_value / 100)})^{num(s)} − 1)"
                f" × 100 = {num(e)}%",
            ),
            "expected_change",
            "expected",
        )
    else:
        b, v = trail.baseline or 0.0, trail.value or 0.0
        formula = f"V_t − V_B = {num(v)} − {p(b)} = {num(change)}"
        if trail.value is None:  # reported as the change since the base year
            formula = w.say(f"as reported, {num(change)}", f"数据直接给出,{num(change)}")
        w.numbered(
            w.say(f"Change since the base year: {formula}", f"较基期变化:{formula}"),
            "change",
            "actual",
        )
        w.numbered(
            w.say(
                f"Expected change by t: c* × s = {p(r.target_value)} × {num(s)} = {num(e)}",
                f"t 年应有变化:c* × s = {p(r.target_value)} × {num(s)} = {num(e)}",
            ),
            "expected_change",
            "expected",
        )
    ratio_step(w, r, f"{p(change)} / {p(e)}")


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    pr, trail = r.projection, r.components
    if pr is None or not isinstance(trail, ChangeTrail):
        return
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    year = trail.year
    period, elapsed, remaining = end - base, year - base, end - year
    if trail.growth_factor is not None:
        factor = trail.growth_factor
        formula = (
            f"((V_t / V_B)^((E − B) / (t − B)) − 1) × 100 = ({num(factor)}^({period}/{elapsed})"
            f" − 1) × 100 = {num(pr.end_value)}%"
        )
        needed = (
            "(((1 + c*) / (V_t / V_B))^(1/(E − t)) − 1) × 100 = "
            f"(((1 + {p(r.target_value / 100)}) / {num(factor)})^(1/{remaining}) − 1) × 100"
        )
    else:
        b, v = trail.baseline or 0.0, trail.value or 0.0
        formula = (
            f"(V_t − V_B) × (E − B) / (t − B) = {p(trail.change)} × {period}/{elapsed} "
            f"= {num(pr.end_value)}{unit_suffix(r)}"
        )
        if pr.required_yearly_addition is not None:
            needed = f"(V_B + c* − V_t) / (E − t) = ({num(b)} + {p(r.target_value)} − {p(v)}) / {remaining}"
        else:
            needed = (
                "(((V_B + c*) / V_t)^(1/(E − t)) − 1) × 100 = "
                f"((({num(b)} + {p(r.target_value)}) / {num(v)})^(1/{remaining}) − 1) × 100"
            )
    projection_line(w, r, formula)
    needed_line(w, r, needed)


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The level (or index) against the paced change from the baseline."""
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    # a target tied to another indicator: the reference's change (the result's target)
    reference = indicator.target.reference is not None
    target = result.target_value if reference else float(indicator.target.number)

    def share(y: int) -> float:
        return series.share(y, base, end)

    if indicator.target.change is ChangeMode.RELATIVE:
        return series.measure_trajectory(
            dataset,
            indicator,
            result,
            year,
            base,
            end,
            lambda start, y: start * (1 + target / 100) ** share(y),
        )
    return series.measure_trajectory(
        dataset, indicator, result, year, base, end, lambda start, y: start + target * share(y)
    )


def check(indicator: Indicator) -> tuple[str, ...]:
    """A decrease written as a positive ceiling on the change can be read two ways."""
    target = indicator.target
    if (
        indicator.direction is Direction.DECREASE
        and target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
        and target.number > 0
    ):
        value = target.number
        unit = "%" if target.in_percent else ""
        return (
            f"the target reads as a change of at most +{value}{unit}, which lets a measure "
            f"that should decrease rise by up to {value}{unit}; if the plan means a reduction "
            f"of at least {value}{unit} (降低{value}{unit}), write comparator: at_most, "
            f"value: -{value}",
        )
    return ()


KIND = Kind(
    kind=TargetKind.CHANGE,
    measure=measure,
    target_words=target_words,
    judged=judged,
    steps=steps,
    projection_steps=projection_steps,
    trajectory=trajectory,
    check=check,
    trail=ChangeTrail,
)
