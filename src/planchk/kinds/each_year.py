"""`each_year`: a target every year's value must meet (每年 / 各年度: 城镇新增就业每年10万人以上).

Each year from B+1 to t is judged on its own against the comparator: the measure's level, or
the year's change on the previous year in percent with `reporting: yearly_change`
(单位GDP能耗每年下降3% is `at_most -3`). A `between` target asks every year's value to stay in
its range. A missed year is final: the indicator is `not_achieved` from that year on, even
before the end year, and the reason names the year and its value. Met in every year so far is
`on_track` before the end year (later years must meet it too) and `achieved` in it. `R` is the
share of years met, so a target missed in one year of three scores 67 while it is not achieved.
Each year's value is needed: a missing year is `no_data`, unless an earlier year already missed.
There is no projection: the years to come are judged when they come.
"""

from __future__ import annotations

from typing import Literal

from planchk.data import Dataset, Observation
from planchk.exact import Surd
from planchk.kinds import series
from planchk.kinds.base import (
    Context,
    Kind,
    Measurement,
    NoData,
    fraction,
    in_range,
    meets,
    target_bound,
)
from planchk.kinds.steps import Steps, ratio_step, unit_suffix
from planchk.messages import msg
from planchk.numbers import num
from planchk.rational import Fraction
from planchk.results import IndicatorResult, PathPoint, Trajectory
from planchk.spec import Comparator, Indicator, Reporting, Spec, TargetKind
from planchk.trails import EachYearTrail, audit, yes_no


def year_met(indicator: Indicator, spec: Spec, value: Fraction) -> bool:
    """Whether one year's value meets the target (inside the range of a `between` target)."""
    if indicator.target.comparator is Comparator.BETWEEN:
        return in_range(indicator, value)
    return meets(value, target_bound(indicator, spec))


def measure(ctx: Context) -> Measurement:
    """Every year from B+1 to t against the target; the first missed year is final."""
    ind = ctx.indicator
    years = range(ctx.base_year + 1, ctx.year + 1)
    found = [ctx.observation(y) for y in years]
    present = [obs for obs in found if obs is not None]
    misses = [obs for obs in present if not year_met(ind, ctx.spec, fraction(obs.value))]
    missed = misses[0] if misses else None
    absent = [str(y) for y, obs in zip(years, found, strict=True) if obs is None]
    if absent and missed is None:
        raise NoData(msg("no value for {years}: every year is judged", years=", ".join(absent)))
    used: tuple[Observation, ...] = tuple(present)
    met_count = len(present) - len(misses)
    judged = len(present) if missed is None else len(years)
    current = ctx.observation(ctx.year)
    actual = float(current.value) if current is not None else float(present[-1].value)
    quantity: Literal["level", "yearly change"] = (
        "yearly change" if ind.reporting is Reporting.YEARLY_CHANGE else "level"
    )
    bound = None
    if ind.target.comparator is Comparator.ABOUT:
        bound = float(target_bound(ind, ctx.spec)[1])
    trail = EachYearTrail(
        **audit(ctx.spec, ctx.year, ind),
        years_judged=judged,
        years_met=met_count,
        missed_years=", ".join(str(obs.year) for obs in misses) or None,
        missed_year=None if missed is None else missed.year,
        missed_value=None if missed is None else float(missed.value),
        yearly_bound=bound,
        quantity=quantity,
        target_met=yes_no(missed is None),
    )
    description = None
    if missed is not None:
        description = msg(
            "{year} ({reported}): every year must meet the target",
            year=missed.year,
            reported=missed.reported,
        )
    return Measurement(
        actual=actual,
        # The value each year is held to; a range has two, shown as the target.
        expected=None if ind.target.range is not None else float(ind.target.number),
        target_met=missed is None,
        trail=trail,
        numerator=Fraction(met_count),
        denominator=Surd.rational(Fraction(judged)),
        used=used,
        every_year=True,
        missed=description,
    )


def target_words(w: Steps, spec: Spec, indicator: Indicator) -> str:
    start = spec.base_year_of(indicator) + 1
    if indicator.reporting is Reporting.YEARLY_CHANGE:
        return w.say(
            f"every year's change on the previous year, from {start}",
            f"自{start}年起每年比上年的变化",
        )
    return w.say(f"every year's value, from {start}", f"自{start}年起每年的数值")


def judged(w: Steps) -> str:
    return w.say("every year's value", "每年的数值")


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    trail = r.components
    if not isinstance(trail, EachYearTrail):
        return
    missed_years = {int(y) for y in (trail.missed_years or "").split(", ") if y}
    unit = "%" if trail.quantity == "yearly change" else unit_suffix(r)
    w.numbered(w.say("Each year against the target:", "逐年对照目标:"), "missed_years")
    for obs in r.observations:
        met = obs.year not in missed_years
        w.line(
            f"{obs.year}: {num(obs.value)}{unit} "
            + w.say(
                "meets the target" if met else "misses the target", "达标" if met else "未达标"
            ),
            indent=6,
        )
    if trail.missed_year is not None:
        w.numbered(
            w.say(
                f"First missed year: {trail.missed_year} ({num(trail.missed_value or 0.0)}{unit});"
                " a missed year is final",
                f"首个未达标年份:{trail.missed_year}({num(trail.missed_value or 0.0)}{unit}),"
                "一经未达标即为未完成",
            ),
            "missed_year",
            "missed_value",
        )
    ratio_step(
        w,
        r,
        w.say(
            f"years met / years judged = {trail.years_met} / {trail.years_judged}",
            f"达标年数 / 评估年数 = {trail.years_met} / {trail.years_judged}",
        ),
    )


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    """No projection: each year to come is judged on its own."""


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """Every year's value against the target, which is the same line in every year."""
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    target = float(indicator.target.number)
    actual = tuple(
        series.point(y, float(obs.value), obs)
        for y in range(base + 1, year + 1)
        if (obs := dataset.get(indicator.id, y)) is not None
    )
    yearly = indicator.reporting is Reporting.YEARLY_CHANGE
    return Trajectory(
        quantity="yearly change" if yearly else "level",
        unit="%" if yearly else series.unit(indicator),
        baseline=None,
        target=target,
        expected=tuple(PathPoint(year=y, value=target) for y in range(base + 1, end + 1)),
        actual=actual,
        observations=series.rows(dataset, indicator, base + 1, year),
    )


def check(indicator: Indicator) -> tuple[str, ...]:
    """An every-year target has no rule of its own beyond the spec model's."""
    return ()


KIND = Kind(
    kind=TargetKind.EACH_YEAR,
    trail=EachYearTrail,
    measure=measure,
    target_words=target_words,
    judged=judged,
    steps=steps,
    projection_steps=projection_steps,
    trajectory=trajectory,
    check=check,
)
