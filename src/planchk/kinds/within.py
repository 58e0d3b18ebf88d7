"""A range on a `level` target (`comparator: between`): the value held in `[min, max]`.

城镇调查失业率控制在4.5%–5.5%; 总人口保持在两个界限之间. Met inside the range, ends included.
Progress is measured by the distance to the range, `d(v) = min − v` below it, `v − max` above
it and 0 inside. With a baseline outside the range the expected path runs linearly from the
baseline to the end nearer to it, `P_t = V_B + (T − V_B)·s`, and `R = (d_B − d_t)/(d_B·s)`: the
distance closed against the distance the path closes by t (1 on the path, 0 no closer,
negative further away; a value past the far end is measured by its distance to that end).
With a baseline inside the range the target asks to hold it: achieved while inside, regressing
once outside, not achieved outside in the end year. The projection extends the change so far
linearly; the pace needed runs to the end nearer to the value.
"""

from __future__ import annotations

from planchk.exact import Surd
from planchk.kinds.base import (
    Context,
    Measurement,
    NoData,
    fraction,
    in_percent,
    required_growth,
)
from planchk.kinds.reading import baseline as read_baseline
from planchk.kinds.reading import level_at
from planchk.kinds.steps import Steps, needed_line, projection_line, ratio_step, unit_suffix
from planchk.messages import msg
from planchk.numbers import num
from planchk.numbers import parenthesised as p
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Projection
from planchk.spec import Indicator, Path_, Spec
from planchk.trails import LevelTrail, audit, yes_no


def _ends(indicator: Indicator) -> tuple[Fraction, Fraction]:
    found = indicator.target.range
    assert found is not None  # the spec model gives every `between` target its range
    return fraction(found.min), fraction(found.max)


def distance(indicator: Indicator, value: Fraction) -> Fraction:
    """How far `value` lies outside the range: 0 inside it, ends included."""
    low, high = _ends(indicator)
    return low - value if value < low else value - high if value > high else Fraction(0)


def nearer_end(indicator: Indicator, value: Fraction) -> Fraction:
    """The end of the range nearer to `value` (the lower one at the exact middle)."""
    low, high = _ends(indicator)
    return low if value - low <= high - value else high


def measure(ctx: Context) -> Measurement:
    """The value's distance to the range, against the distance the path closes by t."""
    ind = ctx.indicator
    current = level_at(ctx, ctx.year)
    v_t = fraction(current.value)
    d_t = distance(ind, v_t)
    met = d_t == 0
    baseline = read_baseline(ctx)
    if baseline is None:
        if met or ctx.remaining == 0:
            trail = LevelTrail(
                **audit(ctx.spec, ctx.year, ind),
                value=float(v_t),
                distance=float(d_t),
                nearer_end=float(nearer_end(ind, v_t)),
                target_met=yes_no(met),
            )
            return Measurement(
                float(v_t), None, met, trail, used=(current,), target=nearer_end(ind, v_t)
            )
        raise NoData(
            msg(
                "no baseline: the spec gives none and the data has no {year} value, "
                "and the value is not yet in the range",
                year=ctx.base_year,
            )
        )
    v_b = baseline.value
    d_b = distance(ind, v_b)
    holding = d_b == 0
    end = nearer_end(ind, v_t if holding else v_b)
    expected = v_b if holding else v_b + (end - v_b) * ctx.share
    trail = LevelTrail(
        **audit(ctx.spec, ctx.year, ind),
        value=float(v_t),
        baseline=float(v_b),
        expected=float(expected),
        path="linear",
        distance=float(d_t),
        baseline_distance=float(d_b),
        nearer_end=float(nearer_end(ind, v_t)),
        target_met=yes_no(met),
    )
    return Measurement(
        actual=float(v_t),
        expected=float(expected),
        target_met=met,
        trail=trail,
        numerator=d_b - d_t,
        denominator=Surd.rational(d_b * ctx.share),
        start_met=holding,
        headroom=holding,
        projection=_projection(ctx, v_b, v_t),
        baseline=baseline,
        used=(current,),
        target=end,
    )


def _projection(ctx: Context, v_b: Fraction, v_t: Fraction) -> Projection | None:
    if ctx.remaining <= 0:
        return None
    ind = ctx.indicator
    end_value = v_b + (v_t - v_b) / ctx.share
    growth = points = None
    if distance(ind, v_t) != 0:
        goal = nearer_end(ind, v_t)
        if in_percent(ind):
            points = float((goal - v_t) / ctx.remaining)
        elif goal > 0 and v_t > 0:
            growth = required_growth(float(goal / v_t), ctx.remaining)
    return Projection(
        end_value=float(end_value),
        meets_target=distance(ind, end_value) == 0,
        path=Path_.LINEAR.value,
        required_growth=growth,
        required_yearly_addition=points,
    )


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    trail = r.components
    if r.range is None or not isinstance(trail, LevelTrail) or trail.distance is None:
        return
    low, high, unit = num(r.range.min), num(r.range.max), unit_suffix(r)
    w.numbered(
        w.say(
            f"Distance to the range [{low}, {high}]{unit}: min − V below it, V − max above it, "
            f"0 inside; d_t = {num(trail.distance)}",
            f"与区间 [{low}, {high}]{unit} 的距离:低于下限为 下限 − V,高于上限为 V − 上限,"
            f"区间内为 0;d_t = {num(trail.distance)}",
        ),
        "distance",
    )
    b, d_b, e = trail.baseline, trail.baseline_distance, trail.expected
    if b is None or d_b is None or e is None:
        w.numbered(w.say("Baseline: none, so no progress ratio", "无基期值,无法计算进度比"))
        return
    if d_b == 0:
        w.numbered(
            w.say(
                f"The baseline {num(b)} is inside the range: the target asks to hold it",
                f"基期值 {num(b)} 已在区间内:目标为保持在区间内",
            ),
            "baseline_distance",
        )
        return
    s = trail.elapsed_share
    w.numbered(
        w.say(
            f"Expected value by t, linear to the end nearer the baseline T = {num(r.target_value)}: "
            f"P_t = V_B + (T − V_B) × s = {num(b)} + ({num(r.target_value)} − {p(b)}) × {num(s)} "
            f"= {num(e)}",
            f"t 年应达到的值(线性趋近离基期值较近的一端 T = {num(r.target_value)}):"
            f"P_t = V_B + (T − V_B) × s = {num(b)} + ({num(r.target_value)} − {p(b)}) × {num(s)} "
            f"= {num(e)}",
        ),
        "expected",
        "target",
    )
    ratio_step(
        w,
        r,
        f"(d_B − d_t) / (d_B × s) = ({num(d_b)} − {p(trail.distance)}) / ({num(d_b)} × {num(s)})",
        w.say("the distance to the range closed", "与区间距离的缩小"),
    )


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    pr, trail = r.projection, r.components
    if pr is None or not isinstance(trail, LevelTrail) or trail.baseline is None:
        return
    b, v = trail.baseline, trail.value
    base, end, year = spec.base_year_of(indicator), spec.plan.end_year, trail.year
    projection_line(
        w,
        r,
        f"V_B + (V_t − V_B) × (E − B) / (t − B) = {num(b)} + ({num(v)} − {p(b)}) × "
        f"{end - base}/{year - base} = {num(pr.end_value)}{unit_suffix(r)}",
    )
    if pr.required_yearly_addition is None and pr.required_growth is None:
        return
    goal, remaining = num(trail.nearer_end or 0.0), end - year
    if pr.required_yearly_addition is not None:
        needed = f"(T' − V_t) / (E − t) = ({goal} − {p(v)}) / {remaining}"
    else:
        needed = (
            f"((T' / V_t)^(1/(E − t)) − 1) × 100 = (({goal} / {num(v)})^(1/{remaining}) − 1) × 100"
        )
    w.line(
        w.say(
            f"T' = {goal}, the end of the range nearer to the value",
            f"T' = {goal},离当前值较近的一端",
        ),
        "nearer_end",
    )
    needed_line(w, r, needed)
