"""`level`: the value of the measure against the target (超过7000家; 占GDP比重65%).

Progress is paced from the baseline to the target along the indicator's path, linear
`P_t = V_B + (T − V_B)·s` or compound `P_t = V_B·(T/V_B)^s`, and `R = (V_t − V_B)/(P_t − V_B)`.
Where the baseline already satisfies the target (a ceiling of 50 from 43), R is the headroom
left against the headroom expected, `(V_t − T)/(P_t − T)`: 1 on the path, 0 at the bound,
negative beyond it, so a breached bound never scores. Without a baseline only "met or not" is
known. The projection extends the pace so far along the same path; the pace needed is the
average growth a year, or percentage points a year for a measure in percent. A range
(`comparator: between`) is measured by `planchk.kinds.within`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TypedDict

from planchk.data import Dataset
from planchk.exact import Surd
from planchk.kinds import reference, series, within
from planchk.kinds.base import (
    Batch,
    Context,
    Kind,
    Measured,
    Measurement,
    NoData,
    fraction,
    in_percent,
    meets,
    ratio_band,
    required_growth,
    screened_decision,
    surd_meets,
    target_bound,
)
from planchk.kinds.reading import baseline as read_baseline
from planchk.kinds.reading import level_at
from planchk.kinds.steps import (
    Steps,
    needed_line,
    no_baseline_step,
    projection_line,
    ratio_step,
    tied_line,
    unit_suffix,
)
from planchk.messages import msg
from planchk.numbers import num
from planchk.numbers import parenthesised as p
from planchk.rational import Fraction
from planchk.results import IndicatorResult, PathPoint, Projection, Trajectory
from planchk.spec import Comparator, Indicator, Path_, Spec, TargetKind
from planchk.trails import LevelTrail, audit, yes_no


def path_of(indicator: Indicator, v_b: Fraction, target: Fraction) -> Path_:
    """The declared path; a compound path needs a positive baseline and target, else linear."""
    compound = indicator.target.path is Path_.COMPOUND and v_b > 0 and target > 0
    return Path_.COMPOUND if compound else Path_.LINEAR


def measure(ctx: Context) -> Measurement:
    """The measure's value against the target, paced from the baseline (linear or compound)."""
    ind = ctx.indicator
    if ind.target.comparator is Comparator.BETWEEN:
        return within.measure(ctx)
    current = level_at(ctx, ctx.year)
    v_t = fraction(current.value)
    # a target tied to another indicator: T is that indicator's level in year t
    tied = None if ind.target.reference is None else reference.level_of(ctx)
    target = fraction(ind.target.number) if tied is None else tied.value
    bound = target_bound(ind, ctx.spec, tied=None if tied is None else target)
    tied_fields = _tied_fields(tied)
    met = meets(v_t, bound)
    baseline = read_baseline(ctx)
    if baseline is None:
        if met or ctx.remaining == 0:
            trail = LevelTrail(
                **audit(ctx.spec, ctx.year, ctx.indicator),
                value=float(v_t),
                **tied_fields,
                target_met=yes_no(met),
            )
            return Measurement(
                float(v_t), None, met, trail, used=(current,), **reference.measured(tied)
            )
        raise NoData(
            msg(
                "no baseline: the spec gives none and the data has no {year} value, "
                "and the target is not yet met",
                year=ctx.base_year,
            )
        )
    v_b = baseline.value
    s = ctx.share
    path = path_of(ind, v_b, target)
    if path is Path_.COMPOUND:
        expected_progress = Surd(-v_b, v_b, target / v_b, ctx.elapsed, ctx.period)
    else:
        expected_progress = Surd.rational((target - v_b) * s)
    expected = expected_progress.shift(v_b)
    start_met = meets(v_b, bound)
    # A baseline that already satisfies the target: R is headroom left over headroom expected.
    headroom = start_met and target != v_b
    numerator = v_t - target if headroom else v_t - v_b
    denominator = expected.shift(-target) if headroom else expected_progress
    trail = LevelTrail(
        **audit(ctx.spec, ctx.year, ctx.indicator),
        value=float(v_t),
        baseline=float(v_b),
        expected=float(expected),
        progress=float(v_t - v_b),
        expected_progress=float(expected_progress),
        path="compound" if path is Path_.COMPOUND else "linear",
        headroom="yes" if headroom else None,
        **tied_fields,
        target_met=yes_no(met),
    )
    return Measurement(
        actual=float(v_t),
        expected=float(expected),
        target_met=met,
        trail=trail,
        numerator=numerator,
        denominator=denominator,
        start_met=start_met,
        headroom=headroom,
        projection=_projection(ctx, v_b, v_t, path, met, target, bound),
        baseline=baseline,
        used=(current,),
        **reference.measured(tied),
    )


class _TiedTrail(TypedDict, total=False):
    """What a tied target adds to the trail: the reference's id and its level."""

    reference: str
    reference_value: float


def _tied_fields(tied: reference.Tied | None) -> _TiedTrail:
    """The trail's record of a target tied to another indicator: its id and its level."""
    if tied is None:
        return {}
    return {"reference": tied.indicator.id, "reference_value": float(tied.value)}


def _projection(
    ctx: Context,
    v_b: Fraction,
    v_t: Fraction,
    path: Path_,
    met: bool,
    target: Fraction,
    bound: tuple[Comparator, Fraction],
) -> Projection | None:
    if ctx.remaining <= 0:
        return None
    ind = ctx.indicator
    if path is Path_.COMPOUND:
        if v_t <= 0:
            return None
        end = Surd(Fraction(0), v_b, v_t / v_b, ctx.period, ctx.elapsed)
        end_value, end_meets = float(end), surd_meets(end, bound)
    else:
        linear_end = v_b + (v_t - v_b) / ctx.share
        end_value, end_meets = float(linear_end), meets(linear_end, bound)
    growth = points = None
    if not met:
        if in_percent(ind):
            points = float((target - v_t) / ctx.remaining)
        elif target > 0 and v_t > 0:
            growth = required_growth(float(target / v_t), ctx.remaining)
    return Projection(
        end_value=end_value,
        meets_target=end_meets,
        path=path.value,
        required_growth=growth,
        required_yearly_addition=points,
    )


def many(batch: Batch) -> list[Measured | None]:
    """`measure` for the plain regions of a panel on a linear path: V_t against the bound and
    R = (V_t − V_B)/(P_t − V_B) against the thresholds in floats, the numbers shown exact.

    Left to `measure`: ranges, tied and compound targets, and regions without a baseline,
    whose baseline meets the target (R is then the headroom, or a hold) or equals it, or
    whose decision the screen cannot certify."""
    ind, regions = batch.indicator, batch.regions
    target_ = ind.target
    if (
        target_.comparator is Comparator.BETWEEN
        or target_.reference is not None
        or target_.path is Path_.COMPOUND
        or batch.elapsed <= 0
    ):
        return [None] * regions
    target = fraction(target_.number)
    comparator, bound = target_bound(ind, batch.spec)
    bound_f, s = float(bound), batch.share
    ks = [float(k) for k in batch.thresholds]
    decide_band = not batch.final
    found: list[Measured | None] = [None] * regions

    def path(v_b: Fraction) -> tuple[Fraction, float, float, float] | None:
        """P_t − V_B exact, and in floats with P_t and V_B; None where the baseline meets the
        target (R is then the headroom, or a hold) or equals it, left to `measure`."""
        if v_b == target or meets(v_b, (comparator, bound)):
            return None
        expected_progress = (target - v_b) * s
        return (
            expected_progress,
            float(expected_progress),
            float(v_b + expected_progress),
            float(v_b),
        )

    def measured(
        value: Decimal, v_b: Fraction, line: tuple[Fraction, float, float, float]
    ) -> Measured | None:
        _, denominator, expected, baseline = line
        v_t = fraction(value)
        # float(V_t) as a fraction: both are correctly rounded, and this one is quicker; a zero
        # from the decimal, which keeps its sign (-0)
        actual = float(v_t) if value else float(value)
        numerator = float(v_t - v_b)
        decided = screened_decision(
            actual,
            bound_f,
            comparator,
            partial(ratio_band, numerator, denominator, ks) if decide_band else None,
        )
        if decided is None:
            return None
        met, band = decided
        return Measured(
            actual=actual,
            expected=expected,
            baseline=baseline,
            # + 0.0 as `Measurement.ratio`: no -0.0
            ratio=numerator / denominator + 0.0,
            met=met,
            band=band,
            approximate=batch.approximate,
        )

    # The spec's baseline is every region's: its path is worked out once.
    own = batch.spec_baseline()
    own_path = None if own is None else path(own)
    if own is not None and own_path is None:
        return found
    # A region's measurement follows from V_t and V_B alone: regions reporting the same are
    # measured once. Not a zero, whose sign float(V_t) keeps though -0 == 0.
    made: dict[tuple[Decimal, Fraction], Measured | None] = {}
    for i, value, v_b in batch.plain_levels():
        if value:
            key = (value, v_b)
            if key in made:
                found[i] = made[key]
                continue
        line = own_path if own_path is not None else path(v_b)
        if line is not None:
            found[i] = measured(value, v_b, line)
            if value:
                made[key] = found[i]
    return found


def target_words(w: Steps, spec: Spec, indicator: Indicator) -> str:
    path = indicator.target.path.value
    ref = indicator.target.reference
    if ref is not None:
        return w.say(
            f"value of the measure, {path} path, against the level of {ref} in the same year",
            f"指标数值,{w.path_word(path)}路径,与 {ref} 同年数值相比",
        )
    return w.say(f"value of the measure, {path} path", f"指标数值,{w.path_word(path)}路径")


def judged(w: Steps) -> str:
    return "V_t"


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    if r.range is not None:
        within.steps(w, spec, indicator, r)
        return
    trail = r.components
    if isinstance(trail, LevelTrail):
        tied_line(
            w, spec, trail.reference, trail.reference_value, trail.year, "reference_value", False
        )
    if not isinstance(trail, LevelTrail) or trail.baseline is None or trail.expected is None:
        no_baseline_step(w)
        return
    b, e, s = trail.baseline, trail.expected, trail.elapsed_share
    t, v = r.target_value, trail.value
    if trail.path == "compound":
        formula = f"V_B × (T / V_B)^s = {num(b)} × ({num(t)} / {num(b)})^{num(s)}"
    else:
        formula = f"V_B + (T − V_B) × s = {num(b)} + ({num(t)} − {p(b)}) × {num(s)}"
    w.numbered(
        w.say(
            f"Expected value by t on the {trail.path} path: P_t = {formula} = {num(e)}",
            f"按{w.path_word(trail.path)}路径 t 年应达到的值:P_t = {formula} = {num(e)}",
        ),
        "expected",
        "path",
    )
    progress, expected_progress = trail.progress or 0.0, trail.expected_progress or 0.0
    w.numbered(
        w.say(
            f"Progress so far: V_t − V_B = {num(v)} − {p(b)} = {num(progress)}",
            f"实际进展:V_t − V_B = {num(v)} − {p(b)} = {num(progress)}",
        ),
        "progress",
    )
    w.line(
        w.say(
            f"Expected progress: P_t − V_B = {num(e)} − {p(b)} = {num(expected_progress)}",
            f"应有进展:P_t − V_B = {num(e)} − {p(b)} = {num(expected_progress)}",
        ),
        "expected_progress",
    )
    if trail.headroom == "yes":
        ratio_step(
            w,
            r,
            f"(V_t − T) / (P_t − T) = ({num(v)} − {p(t)}) / ({num(e)} − {p(t)})",
            w.say(
                "the baseline already satisfies the target: the headroom left against the "
                "headroom expected",
                "基期值已满足目标:剩余空间与应剩空间之比",
            ),
        )
    else:
        ratio_step(w, r, f"(V_t − V_B) / (P_t − V_B) = {num(progress)} / {p(expected_progress)}")


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    if r.range is not None:
        within.projection_steps(w, spec, indicator, r)
        return
    pr, trail = r.projection, r.components
    if pr is None or not isinstance(trail, LevelTrail) or trail.baseline is None:
        return
    b, v = trail.baseline, trail.value
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    period, elapsed = end - base, trail.year - base
    unit = unit_suffix(r)
    if pr.path == "compound":
        formula = (
            f"V_B × (V_t / V_B)^((E − B) / (t − B)) = {num(b)} × ({num(v)} / {num(b)})"
            f"^({period}/{elapsed}) = {num(pr.end_value)}{unit}"
        )
    else:
        formula = (
            f"V_B + (V_t − V_B) × (E − B) / (t − B) = {num(b)} + ({num(v)} − {p(b)}) × "
            f"{period}/{elapsed} = {num(pr.end_value)}{unit}"
        )
    projection_line(w, r, formula)
    remaining = end - trail.year
    if pr.required_yearly_addition is not None:
        needed = f"(T − V_t) / (E − t) = ({num(r.target_value)} − {p(v)}) / {remaining}"
    else:
        needed = (
            f"((T / V_t)^(1/(E − t)) − 1) × 100 = (({num(r.target_value)} / {num(v)})"
            f"^(1/{remaining}) − 1) × 100"
        )
    needed_line(w, r, needed)


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The measure's values against the paced path from the baseline to the target."""
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    target = result.target_value  # the spec's value, or the end of a range the path runs to
    baseline = result.baseline
    expected: tuple[PathPoint, ...] = ()
    if baseline is not None:
        compound = indicator.target.path is Path_.COMPOUND and baseline > 0 and target > 0
        expected = series.expected_path(
            base,
            end,
            lambda y: (
                baseline * (target / baseline) ** series.share(y, base, end)
                if compound
                else baseline + (target - baseline) * series.share(y, base, end)
            ),
        )
    return Trajectory(
        quantity="level",
        unit=series.unit(indicator),
        baseline=baseline,
        target=target,
        expected=expected,
        actual=series.levels(dataset, indicator, base, year, baseline, result),
        observations=series.rows(dataset, indicator, base, year),
    )


def check(indicator: Indicator) -> tuple[str, ...]:
    """A level target has no rule of its own beyond the spec model's."""
    return ()


KIND = Kind(
    kind=TargetKind.LEVEL,
    measure=measure,
    target_words=target_words,
    judged=judged,
    steps=steps,
    projection_steps=projection_steps,
    trajectory=trajectory,
    check=check,
    trail=LevelTrail,
    many=many,
)
