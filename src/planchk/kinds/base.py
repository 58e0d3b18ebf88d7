"""What every target kind provides, and what it reads: the base of `planchk.kinds`.

A kind module owns everything about one kind of target (yamllint's rules are the model): how
progress is measured from the observations (`measure`), the explanation steps `planchk explain`
prints from the same numbers, the trajectory charted against the expected path, and its spec
rules. A kind measures; it never decides a status (`planchk.engine` does, in one place). It
decides what it measures exactly, from decimals and fractions; the comparisons that need powers
are screened in floats first (`planchk.exact.screened`), and a status never rests on a float
the screen cannot certify.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from planchk.data import Dataset, Observation
from planchk.exact import Surd, power_sign, satisfies, screened, sign
from planchk.kinds.steps import Steps
from planchk.quantities import Qualifier
from planchk.radicals import radical_sign
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Projection, Trajectory
from planchk.spec import Comparator, Direction, Indicator, Path_, Spec, TargetKind, Tolerance
from planchk.trails import AuditTrail, Trail


class NoData(Exception):
    """The indicator cannot be evaluated; the message says what is missing."""


@dataclass(frozen=True)
class Context:
    """What a kind may read: the spec, the data, the indicator and the assessment year."""

    spec: Spec
    dataset: Dataset
    indicator: Indicator
    year: int

    @property
    def base_year(self) -> int:
        """The year progress runs from: the baseline's year where the spec dates it."""
        return self.spec.base_year_of(self.indicator)

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

    def observations(self, year: int) -> tuple[Observation, ...]:
        """Every row of the indicator for `year`, one per way of reporting (口径)."""
        return self.dataset.rows(self.indicator.id, year)


@dataclass(frozen=True)
class Baseline:
    value: Fraction
    source: str  # "spec" or "data"
    qualified: bool
    observation: Observation | None = None


@dataclass(frozen=True)
class Measurement:
    """Progress of one indicator, exact where a status depends on it.

    `numerator / denominator` is the progress ratio R for every kind but average growth, whose
    ratio `g_t / g*` is decided in level space through `growth_ratio`. A denominator of zero
    marks a target that only asks to hold the baseline. `headroom` marks a ratio measured as the
    headroom left against the headroom expected (a bound the baseline already satisfies).
    """

    actual: float
    expected: float | None
    target_met: bool
    trail: Trail  # the kind's model of `planchk.trails`, the report's `components`
    numerator: Fraction | None = None
    denominator: Surd | None = None
    start_met: bool = False
    headroom: bool = False
    growth_ratio: Fraction | None = None  # V_t / V_B for average-growth targets
    growth_target: Fraction | None = None  # g* as a fraction (0.1 for 10%)
    # A growth target tied to another indicator: that indicator's V_t / V_B over the same
    # years, b; the target rate is then g_ref = b^(1/n) − 1 (`growth_target` is unused).
    reference_factor: Fraction | None = None
    shown_target: float | None = None  # the target judged against, for display only
    # g_ref is zero or against the indicator's direction: R is undefined, the target either
    # holds or not (methodology: a target that only asks to hold).
    reference_hold: bool = False
    reference_approximate: bool = False  # the reference's values are approximate or preliminary
    elapsed_years: int = 0
    ceiling_total: Fraction | None = None  # the ceiling T of an at_most cumulative target
    projection: Projection | None = None
    baseline: Baseline | None = None
    used: tuple[Observation, ...] = field(default=())
    # The target value judged against where it is not the spec's `value`: the nearer end of a
    # `between` range.
    target: Fraction | None = None
    # An every-year target: met so far is not yet achieved, and a missed year is final.
    every_year: bool = False
    missed: str | None = None  # the first missed year and its value, for the reason

    @property
    def measured(self) -> bool:
        """Whether progress was measured (without a baseline only 'met or not' is known)."""
        return self.numerator is not None or self.growth_ratio is not None

    @property
    def is_hold(self) -> bool:
        if self.reference_factor is not None:
            return self.reference_hold
        if self.growth_target is not None:
            return self.growth_target == 0
        return self.start_met or (self.denominator is not None and self.denominator.sign() == 0)

    def ratio_at_least(self, k: Fraction) -> bool:
        """R >= k, decided exactly."""
        if self.growth_ratio is not None and self.reference_factor is not None:
            return reference_ratio_at_least(
                self.growth_ratio, self.reference_factor, self.elapsed_years, k
            )
        if self.growth_ratio is not None and self.growth_target is not None:
            g, rho, n = self.growth_target, self.growth_ratio, self.elapsed_years
            x = 1 + k * g
            if g > 0:
                return x <= 0 or power_sign(rho, x, n) >= 0
            return x > 0 and power_sign(rho, x, n) <= 0
        if self.numerator is None or self.denominator is None:
            return False
        d = self.denominator.sign()
        difference = self.denominator.scale(k).compare(self.numerator)
        return difference >= 0 if d > 0 else difference <= 0

    def ratio(self) -> float | None:
        """R for display and scores (rounded floats never decide a status)."""
        if self.growth_ratio is not None and self.reference_factor is not None:
            if self.reference_hold:
                return None
            n = self.elapsed_years
            growth = math.exp(math.log(self.growth_ratio) / n) - 1
            return growth / (math.exp(math.log(self.reference_factor) / n) - 1)
        if self.growth_ratio is not None and self.growth_target is not None:
            if self.growth_target == 0:
                return None
            growth = math.exp(math.log(self.growth_ratio) / self.elapsed_years) - 1
            return growth / float(self.growth_target)
        if self.numerator is None or self.denominator is None or self.denominator.sign() == 0:
            return None
        # + 0.0 turns the -0.0 of no change on a decrease target into 0.0.
        return float(self.numerator) / float(self.denominator) + 0.0


def reference_ratio_at_least(a: Fraction, b: Fraction, n: int, k: Fraction) -> bool:
    """`R = g / g_ref ≥ k` for `g = a^(1/n) − 1`, `g_ref = b^(1/n) − 1`, `b ≠ 1`, exactly.

    `g ≥ k·g_ref` ⇔ `a^(1/n) ≥ k·b^(1/n) + (1 − k)`; dividing by a negative `g_ref` turns
    the inequality round (`planchk.radicals`).
    """
    difference = radical_sign(a, b, n, k, 1 - k)
    return difference >= 0 if b > 1 else difference <= 0


def fraction(value: Decimal) -> Fraction:
    return Fraction(value)


def target_bound(
    indicator: Indicator,
    spec: Spec,
    scale: Fraction = Fraction(1),
    tied: Fraction | None = None,
) -> tuple[Comparator, Fraction]:
    """The target as one inequality: `about` becomes a bound that allows the tolerance.

    `tied` is the value of a target tied to another indicator (`reference`), in place of the
    spec's `value`; a relative tolerance is then a percentage of it."""
    target = indicator.target
    own = fraction(target.number) if tied is None else tied
    value = own * scale
    if target.comparator is not Comparator.ABOUT:
        return target.relation, value
    tolerance = fraction_width(target.tolerance or spec.scoring.tolerance, own) * scale
    if indicator.direction is Direction.INCREASE:
        return Comparator.AT_LEAST, value - tolerance
    return Comparator.AT_MOST, value + tolerance


def fraction_width(tolerance: Tolerance, target: Fraction) -> Fraction:
    """`Tolerance.width` for a rational target (a referenced value need not be a decimal)."""
    if tolerance.absolute is not None:
        return fraction(tolerance.absolute)
    assert tolerance.relative is not None
    return abs(target) * fraction(tolerance.relative) / 100


def in_range(indicator: Indicator, value: Fraction) -> bool:
    """Whether `value` lies in a `between` target's range, ends included."""
    found = indicator.target.range
    assert found is not None
    return fraction(found.min) <= value <= fraction(found.max)


def tolerance_of(indicator: Indicator, spec: Spec) -> Decimal | None:
    if indicator.target.comparator is not Comparator.ABOUT:
        return None
    return (indicator.target.tolerance or spec.scoring.tolerance).width(indicator.target.number)


def meets(value: Fraction, bound: tuple[Comparator, Fraction]) -> bool:
    return satisfies(sign(value - bound[1]), bound[0])


def surd_meets(value: Surd, bound: tuple[Comparator, Fraction]) -> bool:
    return satisfies(-value.compare(bound[1]), bound[0])


def is_ceiling(bound: tuple[Comparator, Fraction]) -> bool:
    return bound[0] in (Comparator.AT_MOST, Comparator.LESS_THAN)


def in_percent(indicator: Indicator) -> bool:
    """Whether the measure itself is in percent (a share, a rate): its pace is in points."""
    return "%" in (indicator.unit.zh or "", indicator.unit.en or "")


def required_growth(needed_factor: float, years: int) -> float | None:
    """The average growth a year, in percent, that multiplies a value by `needed_factor`."""
    if years <= 0 or needed_factor <= 0:
        return None
    return (math.exp(math.log(needed_factor) / years) - 1) * 100


def linear_projection(
    end: Fraction,
    bound: tuple[Comparator, Fraction],
    *,
    required_yearly_addition: float | None = None,
    required_growth: float | None = None,
) -> Projection:
    """The end value anticipated on the straight line of the pace so far, whether it meets
    the target's `bound`, and the pace still needed."""
    return Projection(
        end_value=float(end),
        meets_target=meets(end, bound),
        path=Path_.LINEAR.value,
        required_growth=required_growth,
        required_yearly_addition=required_yearly_addition,
    )


@dataclass(frozen=True)
class Batch:
    """What a kind's `many` reads: one indicator of a panel for every region at once.

    `values(year)` holds each region's value for the year (None where it has none), by the
    region's place in the panel; `plain[i]` says that region `i` reports the indicator plainly
    in every year: one row a year, exact, final, in the spec's 口径 and prices. Regions with a
    plan of their own are not in a batch."""

    spec: Spec
    indicator: Indicator
    year: int
    plain: Sequence[bool]
    by_year: dict[int, Sequence[Decimal | None]]
    #: the ratios a status is decided at, highest first (on track, behind, 0)
    thresholds: tuple[Fraction, ...]

    @property
    def regions(self) -> int:
        return len(self.plain)

    @property
    def base_year(self) -> int:
        return self.spec.base_year_of(self.indicator)

    @property
    def elapsed(self) -> int:
        return self.year - self.base_year

    @property
    def share(self) -> Fraction:
        return Fraction(self.elapsed, self.spec.plan.end_year - self.base_year)

    @property
    def final(self) -> bool:
        return self.year == self.spec.plan.end_year

    def values(self, year: int) -> Sequence[Decimal | None]:
        return self.by_year.get(year) or (None,) * self.regions

    def spec_baseline(self) -> Fraction | None:
        """The spec's baseline as a fraction; None where the data gives it."""
        own = self.indicator.baseline
        return None if own is None else fraction(own.value)

    def baseline_of(self) -> Callable[[int], Fraction | None]:
        """Region `i`'s baseline: the spec's where it gives one, else the region's value in the
        base year (None where it has none)."""
        own = self.spec_baseline()
        if own is not None:
            return lambda i: own
        base = self.values(self.base_year)

        def from_data(i: int) -> Fraction | None:
            value = base[i]
            return None if value is None else fraction(value)

        return from_data

    def plain_levels(self) -> Iterator[tuple[int, Decimal, Fraction]]:
        """(region, V_t, V_B) of each plain region with a value in the year and a baseline."""
        current, baseline_of = self.values(self.year), self.baseline_of()
        for i, plain in enumerate(self.plain):
            value = current[i]
            if plain and value is not None and (v_b := baseline_of(i)) is not None:
                yield i, value, v_b

    @property
    def approximate(self) -> bool:
        """Whether the spec's baseline is approximate or a bound: every status resting on it
        is marked so (as `engine._approximate` marks a qualified baseline)."""
        own = self.indicator.baseline
        return own is not None and own.qualifier is not Qualifier.EXACT


class Measured(NamedTuple):
    """One region's plain measurement from a kind's `many`: what `measure` would find, reduced
    to what a panel shows and what its status is decided from. A named tuple, immutable as a
    frozen dataclass is, and about three times quicker to make (one per region and indicator).

    Plain means: a baseline, exact values, a target that is neither a hold nor a ceiling nor
    met at the baseline, so the status follows from `met` and, where it is not met before the
    end year, from `band`, the number of `Batch.thresholds` that R falls short of (0: R ≥ the
    first). `band` is None where no status needs it."""

    actual: float
    expected: float
    baseline: float | None
    ratio: float
    met: bool
    band: int | None
    approximate: bool = False


def screened_sign(approximate: float, exact: float) -> int | None:
    """sign(a - b) from floats `approximate` ≈ a and `exact` ≈ b (each a few roundings from
    the exact number), or None where float64 cannot certify it (`planchk.exact.screened`)."""
    return screened(approximate - exact, abs(approximate) + abs(exact))


def screened_decision(
    value: float, bound: float, comparator: Comparator, band: Callable[[], int | None] | None
) -> tuple[bool, int | None] | None:
    """What a kind's `many` decides for one region: whether the target is met (`value` against
    `bound`, screened) and, where it is not, the band `band()` finds (None for the end year,
    when no band is decided); None where the screen cannot certify either, which leaves the
    region to the exact path."""
    against = screened_sign(value, bound)
    if against is None:
        return None
    met = satisfies(against, comparator)
    if met or band is None:
        return met, None
    found = band()
    return None if found is None else (False, found)


def ratio_band(numerator: float, denominator: float, ks: Sequence[float]) -> int | None:
    """How many of the thresholds `ks` (highest first) R = numerator / denominator falls short
    of, from floats: R ≥ k ⇔ numerator − k·denominator has the sign of the denominator (or is
    0). None where a comparison it needs is inside the screen's margin."""
    positive = denominator > 0
    for band, k in enumerate(ks):
        found = screened_sign(numerator, k * denominator)
        if found is None:
            return None
        if (found > 0) == positive:
            return band
    return len(ks)


@dataclass(frozen=True)
class Kind:
    """Everything planchk knows about one kind of target; `planchk.kinds.KINDS` holds one each.

    - `measure`: progress from the observations (actual, expected, R, target met, projection
      and pace needed), exact where a status depends on it;
    - `target_words`: what the target is about, for the explanation's target line;
    - `judged`: the symbol of what is judged (V_t, A_t, g_t), for "target already met?";
    - `steps`: the explanation steps, from the numbers of the result's audit trail;
    - `projection_steps`: the anticipated end value and the pace needed, explained;
    - `trajectory`: the values against the expected path, for charts;
    - `check`: the kind's spec rules, as warnings about an indicator's target;
    - `trail`: the model of its audit trail (`planchk.trails.TRAILS[kind]`), what `measure`
      records and `steps` reads;
    - `many` (optional): `measure` for the plain regions of a panel at once (`Batch`), with
      every decision certified by the float screen or left to `measure`.
    """

    kind: TargetKind
    measure: Callable[[Context], Measurement]
    target_words: Callable[[Steps, Spec, Indicator], str]
    judged: Callable[[Steps], str]
    steps: Callable[[Steps, Spec, Indicator, IndicatorResult], None]
    projection_steps: Callable[[Steps, Spec, Indicator, IndicatorResult], None]
    trajectory: Callable[[Spec, Dataset, Indicator, IndicatorResult, int], Trajectory]
    check: Callable[[Indicator], tuple[str, ...]]
    trail: type[AuditTrail]
    #: the plain regions of a panel measured at once, in floats screened like `planchk.exact`
    #: (None for a region left to `measure`); a kind without it is measured region by region
    many: Callable[[Batch], list[Measured | None]] | None = None
