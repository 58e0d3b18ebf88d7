"""`cumulative`: the total added since the base year against the target (累计新增250人).

The total `A_t` is the additions summed over B+1..t, or the stock at t minus the stock at B;
it is paced pro rata, `P_t = T·s`, and `R = A_t / P_t`. A total that must stay low (at most,
less than) is a ceiling: on track within its pro-rata share, behind above it, failed once
exceeded, with R the headroom left against the headroom expected, `(T − A_t)/(T − P_t)`. The
projection is linear, `A_t / s`; the pace needed is the additions a year, `(T − A_t)/(E − t)`.
"""

from __future__ import annotations

from functools import partial

from planchk.data import Dataset, Observation
from planchk.exact import Surd
from planchk.kinds import series
from planchk.kinds.base import (
    Batch,
    Context,
    Kind,
    Measured,
    Measurement,
    fraction,
    is_ceiling,
    linear_projection,
    meets,
    ratio_band,
    screened_decision,
    target_bound,
)
from planchk.kinds.reading import level_at, require_baseline, yearly_series
from planchk.kinds.steps import Steps, needed_line, projection_line, ratio_step, unit_suffix
from planchk.numbers import num
from planchk.numbers import parenthesised as p
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Trajectory
from planchk.spec import Indicator, Reporting, Spec, TargetKind
from planchk.trails import CumulativeTrail, audit, yes_no


def measure(ctx: Context) -> Measurement:
    """Additions since the base year (summed, or stock minus base stock) against T·s."""
    ind = ctx.indicator
    used: list[Observation] = []
    baseline = None
    if ind.reporting is Reporting.ADDITION:
        additions = yearly_series(ctx, "additions")
        used.extend(additions)
        total = sum((fraction(o.value) for o in additions), Fraction(0))
    else:
        current = level_at(ctx, ctx.year)
        baseline = require_baseline(ctx)
        used.append(current)
        total = fraction(current.value) - baseline.value
    target = fraction(ind.target.number)
    bound = target_bound(ind, ctx.spec)
    expected = target * ctx.share
    # A running total that must stay low (at most, less than, or about with direction decrease)
    # is a ceiling: judged against its pro-rata share, never achieved before the end.
    ceiling = is_ceiling(bound)
    met = meets(total, bound)
    projection = None
    if ctx.remaining > 0:
        end = total / ctx.share
        projection = linear_projection(
            end,
            bound,
            required_yearly_addition=None
            if met and not ceiling
            else float((target - total) / ctx.remaining),
        )
    trail = CumulativeTrail(
        **audit(ctx.spec, ctx.year, ctx.indicator),
        additions_to_date=float(total),
        expected=float(expected),
        baseline=None if baseline is None else float(baseline.value),
        target_met=yes_no(met),
    )
    return Measurement(
        actual=float(total),
        expected=float(expected),
        target_met=met,
        trail=trail,
        numerator=total,
        denominator=Surd.rational(expected),
        start_met=not ceiling and meets(Fraction(0), bound),
        ceiling_total=target if ceiling else None,
        projection=projection,
        baseline=baseline,
        used=tuple(used),
    )


def many(batch: Batch) -> list[Measured | None]:
    """`measure` for the plain regions of a panel: A_t against the bound and R = A_t / (T·s)
    against the thresholds in floats, the numbers shown exact.

    Left to `measure`: ceilings, targets met by adding nothing (a hold), and regions missing a
    year or a baseline, or whose decision the screen cannot certify."""
    ind, regions = batch.indicator, batch.regions
    baseline_of = batch.baseline_of()
    target = fraction(ind.target.number)
    bound = target_bound(ind, batch.spec)
    expected = target * batch.share
    if is_ceiling(bound) or meets(Fraction(0), bound) or expected == 0 or batch.elapsed <= 0:
        return [None] * regions
    comparator, bound_f = bound[0], float(bound[1])
    expected_f = float(expected)
    ks = [float(k) for k in batch.thresholds]
    decide_band = not batch.final
    adding = ind.reporting is Reporting.ADDITION
    approximate = batch.approximate and not adding  # additions use no baseline
    years = range(batch.base_year + 1, batch.year + 1)
    columns = [batch.values(y) for y in years] if adding else [batch.values(batch.year)]
    found: list[Measured | None] = [None] * regions

    def measured(total: Fraction, baseline: float | None) -> Measured | None:
        actual = float(total)
        decided = screened_decision(
            actual,
            bound_f,
            comparator,
            partial(ratio_band, actual, expected_f, ks) if decide_band else None,
        )
        if decided is None:
            return None
        met, band = decided
        return Measured(
            actual=actual,
            expected=expected_f,
            baseline=baseline,
            ratio=actual / expected_f + 0.0,  # as `Measurement.ratio`: no -0.0
            met=met,
            band=band,
            approximate=approximate,
        )

    # A region's measurement follows from its values (and baseline) alone, all exact numbers:
    # regions reporting the same ones (often whole counts added) are measured once.
    made: dict[tuple[object, ...], Measured | None] = {}
    for i, plain in enumerate(batch.plain):
        if not plain:
            continue
        values = tuple(column[i] for column in columns)
        if None in values:
            continue
        v_b: Fraction | None = None  # additions use no baseline
        if not adding:
            v_b = baseline_of(i)
            if v_b is None:
                continue
        key = values if v_b is None else (values[0], v_b)
        if key in made:
            found[i] = made[key]
            continue
        if v_b is None:
            total = sum((fraction(v) for v in values if v is not None), Fraction(0))
            found[i] = made[key] = measured(total, None)
        else:
            current = values[0]
            assert current is not None
            found[i] = made[key] = measured(fraction(current) - v_b, float(v_b))
    return found


def target_words(w: Steps, spec: Spec, indicator: Indicator) -> str:
    base = spec.base_year_of(indicator)
    return w.say(f"total added since {base}", f"{base}年以来累计新增")


def judged(w: Steps) -> str:
    return "A_t"


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    trail = r.components
    if not isinstance(trail, CumulativeTrail):
        return
    total, e, s = trail.additions_to_date, trail.expected, trail.elapsed_share
    if indicator.reporting is Reporting.ADDITION or trail.baseline is None:
        parts = " + ".join(p(o.value) for o in r.observations)
        formula = f"{parts} = {num(total)}"
    else:
        year = trail.year
        v = next((o.value for o in r.observations if o.year == year), trail.baseline + total)
        formula = f"V_t − V_B = {num(v)} − {p(trail.baseline)} = {num(total)}"
    w.numbered(
        w.say(f"Added since the base year: A_t = {formula}", f"基期以来累计新增:A_t = {formula}"),
        "additions_to_date",
        "actual",
    )
    w.numbered(
        w.say(
            f"Expected by t: P_t = T × s = {num(r.target_value)} × {num(s)} = {num(e)}",
            f"t 年应累计新增:P_t = T × s = {num(r.target_value)} × {num(s)} = {num(e)}",
        ),
        "expected",
    )
    if is_ceiling(target_bound(indicator, spec)):
        formula = f"(T − A_t) / (T − P_t) = ({num(r.target_value)} − {p(total)}) / ({num(r.target_value)} − {p(e)})"
        ratio_step(
            w,
            r,
            formula,
            w.say(
                "for a ceiling, the headroom left against the headroom expected",
                "上限指标:剩余空间与应剩空间之比",
            ),
        )
    else:
        ratio_step(w, r, f"A_t / P_t = {num(total)} / {p(e)}")


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    pr, trail = r.projection, r.components
    if pr is None or not isinstance(trail, CumulativeTrail):
        return
    s, total = trail.elapsed_share, trail.additions_to_date
    projection_line(
        w, r, f"A_t / s = {num(total)} / {num(s)} = {num(pr.end_value)}{unit_suffix(r)}"
    )
    remaining = spec.plan.end_year - trail.year
    formula = f"(T − A_t) / (E − t) = ({num(r.target_value)} − {p(total)}) / {remaining}"
    if is_ceiling(target_bound(indicator, spec)) and pr.required_yearly_addition is not None:
        # A ceiling is not met by adding: what is left is the most that may still be added.
        w.line(
            w.say(
                f"At most from now on: {formula} = {num(pr.required_yearly_addition)} a year",
                f"今后每年至多新增:{formula} = {num(pr.required_yearly_addition)}",
            ),
            "projection.required_yearly_addition",
        )
        return
    needed_line(w, r, formula)


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The running total against its pro-rata path from 0 to the target."""
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    target = float(indicator.target.number)
    return Trajectory(
        quantity="additions",
        unit=series.unit(indicator),
        baseline=0.0,
        target=target,
        expected=series.expected_path(base, end, lambda y: target * series.share(y, base, end)),
        actual=series.additions(dataset, indicator, base, year, result.baseline),
        observations=series.rows(dataset, indicator, base, year),
    )


def check(indicator: Indicator) -> tuple[str, ...]:
    """A cumulative target has no rule of its own beyond the spec model's."""
    return ()


KIND = Kind(
    kind=TargetKind.CUMULATIVE,
    measure=measure,
    target_words=target_words,
    judged=judged,
    steps=steps,
    projection_steps=projection_steps,
    trajectory=trajectory,
    check=check,
    trail=CumulativeTrail,
    many=many,
)
