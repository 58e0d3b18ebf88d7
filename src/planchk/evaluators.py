"""One evaluator per target kind: each measures progress, none decides a status.

An evaluator reads the observations an indicator needs and returns a `Measurement`: what is
judged, the exact progress so far against the expected progress, whether the end-of-plan target
is already satisfied, and the projection. Statuses, scores and what fails are decided in one
place, `planchk.engine`, from these measurements (see the methodology in the README).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from planchk.data import Dataset, Observation
from planchk.exact import Surd, satisfies, sign
from planchk.quantities import Qualifier
from planchk.rational import Fraction
from planchk.results import Projection
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


class NoData(Exception):
    """The indicator cannot be evaluated; the message says what is missing."""


@dataclass(frozen=True)
class Context:
    """What an evaluator may read: the spec, the data, the indicator and the assessment year."""

    spec: Spec
    dataset: Dataset
    indicator: Indicator
    year: int

    @property
    def base_year(self) -> int:
        return self.spec.plan.base_year

    @property
    def end_year(self) -> int:
        return self.spec.plan.end_year

    @property
    def elapsed(self) -> int:
        return self.year - self.base_year

    @property
    def period(self) -> int:
        return self.end_year - self.base_year

    @property
    def share(self) -> Fraction:
        """s = (t - B) / (E - B), the share of the plan period that has elapsed."""
        return Fraction(self.elapsed, self.period)

    @property
    def remaining(self) -> int:
        return self.end_year - self.year

    def observation(self, year: int) -> Observation | None:
        return self.dataset.get(self.indicator.id, year)


@dataclass
class Baseline:
    value: Fraction
    source: str  # "spec" or "data"
    qualified: bool
    observation: Observation | None = None


@dataclass
class Measurement:
    """Progress of one indicator, exact where a status depends on it.

    `numerator / denominator` is the progress ratio R for every kind but average growth, whose
    ratio `g_t / g*` is decided in level space through `growth_ratio`. A denominator of zero
    marks a target that only asks to hold the baseline.
    """

    actual: float
    expected: float | None
    target_met: bool
    numerator: Fraction | None = None
    denominator: Surd | None = None
    start_met: bool = False
    growth_ratio: Fraction | None = None  # V_t / V_B for average-growth targets
    growth_target: Fraction | None = None  # g* as a fraction (0.1 for 10%)
    ceiling_total: Fraction | None = None  # the ceiling T of an at_most cumulative target
    projection: Projection | None = None
    baseline: Baseline | None = None
    used: list[Observation] = field(default_factory=list)
    components: dict[str, float | int | str | None] = field(default_factory=dict)

    @property
    def is_hold(self) -> bool:
        if self.growth_target is not None:
            return self.growth_target == 0
        return self.start_met or (self.denominator is not None and self.denominator.sign() == 0)

    def ratio_at_least(self, k: Fraction) -> bool:
        """R >= k, decided exactly."""
        if self.growth_ratio is not None and self.growth_target is not None:
            g, rho, n = self.growth_target, self.growth_ratio, self.components["elapsed_years"]
            assert isinstance(n, int)
            x = 1 + k * g
            if g > 0:
                return x <= 0 or rho >= x**n
            return x > 0 and rho <= x**n
        if self.numerator is None or self.denominator is None:
            return False
        d = self.denominator.sign()
        difference = self.denominator.scale(k).compare(self.numerator)
        return difference >= 0 if d > 0 else difference <= 0

    def ratio(self) -> float | None:
        """R for display and scores (rounded floats never decide a status)."""
        if self.growth_ratio is not None and self.growth_target is not None:
            if self.growth_target == 0:
                return None
            n = self.components["elapsed_years"]
            assert isinstance(n, int)
            growth = math.exp(math.log(self.growth_ratio) / n) - 1
            return growth / float(self.growth_target)
        if self.numerator is None or self.denominator is None or self.denominator.sign() == 0:
            return None
        return float(self.numerator) / float(self.denominator)


def fraction(value: Decimal) -> Fraction:
    return Fraction(value)


def target_bound(
    indicator: Indicator, spec: Spec, scale: Fraction = Fraction(1)
) -> tuple[Comparator, Fraction]:
    """The target as one inequality: `about` becomes a bound that allows the tolerance."""
    target = indicator.target
    value = fraction(target.value) * scale
    if target.comparator is not Comparator.ABOUT:
        return target.comparator, value
    tolerance = fraction((target.tolerance or spec.scoring.tolerance).width(target.value)) * scale
    if indicator.direction is Direction.INCREASE:
        return Comparator.AT_LEAST, value - tolerance
    return Comparator.AT_MOST, value + tolerance


def tolerance_of(indicator: Indicator, spec: Spec) -> Decimal | None:
    if indicator.target.comparator is not Comparator.ABOUT:
        return None
    return (indicator.target.tolerance or spec.scoring.tolerance).width(indicator.target.value)


def meets(value: Fraction, bound: tuple[Comparator, Fraction]) -> bool:
    return satisfies(sign(value - bound[1]), bound[0])


def surd_meets(value: Surd, bound: tuple[Comparator, Fraction]) -> bool:
    return satisfies(-value.compare(bound[1]), bound[0])


# --- reading what an indicator needs ---------------------------------------------------------


def _level_at(ctx: Context, year: int) -> Observation:
    obs = ctx.observation(year)
    if obs is None:
        raise NoData(f"no value for {year}")
    return obs


def _baseline(ctx: Context) -> Baseline | None:
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


def _require_baseline(ctx: Context) -> Baseline:
    baseline = _baseline(ctx)
    if baseline is None:
        raise NoData(f"no baseline: the spec gives none and the data has no {ctx.base_year} value")
    return baseline


def _yearly_series(ctx: Context, what: str) -> list[Observation]:
    years = range(ctx.base_year + 1, ctx.year + 1)
    found = [ctx.observation(y) for y in years]
    missing = [str(y) for y, obs in zip(years, found, strict=True) if obs is None]
    if missing:
        raise NoData(f"no {what} for {', '.join(missing)}")
    return [obs for obs in found if obs is not None]


def _growth_factor(
    ctx: Context, m_used: list[Observation]
) -> tuple[Fraction, Baseline | None, Observation | None]:
    """V_t / V_B, from levels or by chaining yearly changes; with the baseline and level used."""
    if ctx.indicator.reporting is Reporting.YEARLY_CHANGE:
        changes = _yearly_series(ctx, "yearly change")
        m_used.extend(changes)
        factor = Fraction(1)
        for obs in changes:
            factor *= 1 + fraction(obs.value) / 100
        if factor <= 0:
            raise NoData("the yearly changes compound to a non-positive level")
        return factor, None, None
    current = _level_at(ctx, ctx.year)
    baseline = _require_baseline(ctx)
    m_used.append(current)
    if baseline.value <= 0 or current.value <= 0:
        raise NoData("growth is undefined for a non-positive baseline or value")
    return fraction(current.value) / baseline.value, baseline, current


def _growth_rate(factor: Fraction, years: int) -> float:
    return math.exp(math.log(factor) / years) - 1


def _required_growth(needed_factor: float, years: int) -> float | None:
    if years <= 0 or needed_factor <= 0:
        return None
    return (math.exp(math.log(needed_factor) / years) - 1) * 100


# --- evaluators ------------------------------------------------------------------------------


def evaluate_level(ctx: Context) -> Measurement:
    """`level`: the measure's value against the target, paced from the baseline (linear or compound)."""
    ind = ctx.indicator
    current = _level_at(ctx, ctx.year)
    v_t = fraction(current.value)
    bound = target_bound(ind, ctx.spec)
    target = fraction(ind.target.value)
    met = meets(v_t, bound)
    baseline = _baseline(ctx)
    components: dict[str, float | int | str | None] = {"value": float(v_t)}
    if baseline is None:
        if met or ctx.remaining == 0:
            return Measurement(float(v_t), None, met, used=[current], components=components)
        raise NoData(
            f"no baseline: the spec gives none and the data has no {ctx.base_year} value, "
            "and the target is not yet met"
        )
    v_b = baseline.value
    s = ctx.share
    # A compound path needs a positive baseline and target; otherwise the path is linear.
    path = (
        Path_.COMPOUND
        if ind.target.path is Path_.COMPOUND and v_b > 0 and target > 0
        else Path_.LINEAR
    )
    if path is Path_.COMPOUND:
        denominator = Surd(-v_b, v_b, target / v_b, ctx.elapsed, ctx.period)
    else:
        denominator = Surd.rational((target - v_b) * s)
    expected = denominator.shift(v_b)
    projection = None
    if ctx.remaining > 0 and v_b > 0 and v_t > 0:
        end = Surd(Fraction(0), v_b, v_t / v_b, ctx.period, ctx.elapsed)
        projection = Projection(
            end_value=float(end),
            meets_target=surd_meets(end, bound),
            required_growth=_required_growth(float(target / v_t), ctx.remaining)
            if target > 0
            else None,
        )
    components.update(
        baseline=float(v_b),
        expected=float(expected),
        progress=float(v_t - v_b),
        expected_progress=float(denominator),
        path=path.value,
    )
    return Measurement(
        actual=float(v_t),
        expected=float(expected),
        target_met=met,
        numerator=v_t - v_b,
        denominator=denominator,
        start_met=meets(v_b, bound),
        projection=projection,
        baseline=baseline,
        used=[current],
        components=components,
    )


def evaluate_cumulative(ctx: Context) -> Measurement:
    """`cumulative`: additions since the base year (summed, or stock minus base stock) against T·s."""
    ind = ctx.indicator
    used: list[Observation] = []
    baseline = None
    if ind.reporting is Reporting.ADDITION:
        additions = _yearly_series(ctx, "additions")
        used.extend(additions)
        total = sum((fraction(o.value) for o in additions), Fraction(0))
    else:
        current = _level_at(ctx, ctx.year)
        baseline = _require_baseline(ctx)
        used.append(current)
        total = fraction(current.value) - baseline.value
    target = fraction(ind.target.value)
    bound = target_bound(ind, ctx.spec)
    s = ctx.share
    expected = target * s
    # A running total that must stay low (at most, less than, or about with direction decrease)
    # is a ceiling: judged against its pro-rata share, never achieved before the end.
    bound_comparator = bound[0]
    ceiling = bound_comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
    projection = None
    if ctx.remaining > 0:
        end = total / s
        projection = Projection(
            end_value=float(end),
            meets_target=meets(end, bound),
            required_yearly_addition=float((target - total) / ctx.remaining),
        )
    components: dict[str, float | int | str | None] = {
        "additions_to_date": float(total),
        "expected": float(expected),
    }
    if baseline is not None:
        components["baseline"] = float(baseline.value)
    return Measurement(
        actual=float(total),
        expected=float(expected),
        target_met=meets(total, bound),
        numerator=total,
        denominator=Surd.rational(expected),
        start_met=not ceiling and meets(Fraction(0), bound),
        ceiling_total=target if ceiling else None,
        projection=projection,
        baseline=baseline,
        used=used,
        components=components,
    )


def evaluate_average_growth(ctx: Context) -> Measurement:
    """`average_growth`: g_t = (V_t/V_B)^(1/(t-B)) - 1 against g*, compared in level space."""
    ind = ctx.indicator
    used: list[Observation] = []
    factor, baseline, _ = _growth_factor(ctx, used)
    n = ctx.elapsed
    g_star = fraction(ind.target.value) / 100
    comparator, g_bound = target_bound(ind, ctx.spec, Fraction(1, 100))
    level_bound = 1 + g_bound
    if level_bound <= 0:
        met = comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
    else:
        met = satisfies(sign(factor - level_bound**n), comparator)
    growth = _growth_rate(factor, n)
    projection = None
    if ctx.remaining > 0:
        needed = (1 + float(g_star)) ** ctx.period / float(factor)
        projection = Projection(
            end_value=growth * 100,
            meets_target=met,
            required_growth=_required_growth(needed, ctx.remaining),
        )
    components: dict[str, float | int | str | None] = {
        "growth_factor": float(factor),
        "elapsed_years": n,
        "average_growth": growth * 100,
    }
    if baseline is not None:
        components["baseline"] = float(baseline.value)
        components["value"] = float(baseline.value * factor)
    return Measurement(
        actual=growth * 100,
        expected=float(g_star) * 100,
        target_met=met,
        growth_ratio=factor,
        growth_target=g_star,
        projection=projection,
        baseline=baseline,
        used=used,
        components=components,
    )


def evaluate_change(ctx: Context) -> Measurement:
    """`change`: change since the base year, relative (%) or absolute, against c*·s or (1+c*)^s - 1."""
    ind = ctx.indicator
    used: list[Observation] = []
    target = fraction(ind.target.value)
    projection = None
    s = ctx.share
    components: dict[str, float | int | str | None] = {}
    if ind.target.change is ChangeMode.RELATIVE:
        factor, baseline, _ = _growth_factor(ctx, used)
        c_star = target / 100
        change = factor - 1
        bound = target_bound(ind, ctx.spec, Fraction(1, 100))
        denominator = Surd(Fraction(-1), Fraction(1), 1 + c_star, ctx.elapsed, ctx.period)
        scale = 100
        if ctx.remaining > 0:
            end = Surd(Fraction(-1), Fraction(1), factor, ctx.period, ctx.elapsed)
            projection = Projection(
                end_value=float(end) * 100,
                meets_target=surd_meets(end, bound),
                required_growth=_required_growth(float((1 + c_star) / factor), ctx.remaining),
            )
        components["growth_factor"] = float(factor)
    else:
        current = _level_at(ctx, ctx.year)
        baseline = _require_baseline(ctx)
        used.append(current)
        v_t = fraction(current.value)
        change = v_t - baseline.value
        bound = target_bound(ind, ctx.spec)
        denominator = Surd.rational(target * s)
        scale = 1
        if ctx.remaining > 0 and baseline.value > 0 and v_t > 0:
            end = Surd(
                -baseline.value, baseline.value, v_t / baseline.value, ctx.period, ctx.elapsed
            )
            goal = baseline.value + target
            projection = Projection(
                end_value=float(end),
                meets_target=surd_meets(end, bound),
                required_growth=_required_growth(float(goal / v_t), ctx.remaining)
                if goal > 0
                else None,
            )
        components["value"] = float(v_t)
    if baseline is not None:
        components["baseline"] = float(baseline.value)
    components.update(change=float(change) * scale, expected_change=float(denominator) * scale)
    return Measurement(
        actual=float(change) * scale,
        expected=float(denominator) * scale,
        target_met=meets(change, bound),
        numerator=change,
        denominator=denominator,
        start_met=meets(Fraction(0), bound),
        projection=projection,
        baseline=baseline,
        used=used,
        components=components,
    )


Evaluator = Callable[[Context], Measurement]

#: The evaluator of each target kind; a test checks that every kind has one.
EVALUATORS: dict[TargetKind, Evaluator] = {
    TargetKind.LEVEL: evaluate_level,
    TargetKind.CUMULATIVE: evaluate_cumulative,
    TargetKind.AVERAGE_GROWTH: evaluate_average_growth,
    TargetKind.CHANGE: evaluate_change,
}
