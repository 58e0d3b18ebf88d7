"""The compliance engine: spec and data in, a frozen `Report` out.

Target kinds (`planchk.kinds`, one module each) measure progress; this module applies the plan's
policy in one place: the status of each indicator, its score and weight, category and overall scores,
coverage, and which binding indicators fail. It is pure: it reads nothing and prints nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress
from operator import mul
from typing import NamedTuple, Protocol

from planchk.assessments import Assessments
from planchk.data import Dataset
from planchk.kinds import KINDS
from planchk.kinds.base import Context, Measured, Measurement, NoData, fraction, tolerance_of
from planchk.kinds.series import observed
from planchk.messages import msg, said
from planchk.numbers import num
from planchk.problems import ProblemText
from planchk.quantities import Qualifier
from planchk.rational import Fraction
from planchk.results import (
    FAILING_STATUSES,
    STATUS_SEVERITY,
    STATUS_WORDS,
    Assessment,
    CategoryResult,
    IndicatorOutcome,
    IndicatorResult,
    Observed,
    PlanRef,
    Report,
    Status,
    Summary,
    TargetResult,
    ValueRange,
    compact,
)
from planchk.spec import Attribute, Comparator, Direction, Indicator, Spec, TargetKind
from planchk.trails import QualitativeTrail, Trail, Unmeasured, audit, yes_no


class EvaluationError(ValueError):
    """The evaluation cannot be run as asked (an assessment year outside the plan period)."""


def assessment_year(spec: Spec, dataset: Dataset, year: int | None = None) -> int:
    """The year to assess: `year` if given, else the latest year in the data after the base year."""
    plan = spec.plan
    if year is None:
        later = [y for y in dataset.years() if y > plan.base_year]
        if not later:
            raise EvaluationError(
                msg(
                    "the data has no year after the base year {year}; nothing to assess",
                    year=plan.base_year,
                )
            )
        return max(later)
    if not plan.base_year < year <= plan.end_year:
        raise EvaluationError(
            msg(
                "the assessment year must be in {first}-{last}, got {year}",
                first=plan.base_year + 1,
                last=plan.end_year,
                year=year,
            )
        )
    return year


def evaluate(
    spec: Spec,
    dataset: Dataset,
    year: int | None = None,
    assessments: Assessments | None = None,
) -> Report:
    """Evaluate every indicator of `spec` for the assessment year (default: latest in the data),
    with the status of `assessments` where one applies (`planchk.assessments`)."""
    if len(dataset.regions) > 1:
        raise EvaluationError(
            f"the data holds {len(dataset.regions)} regions: evaluate them with "
            "planchk.panel.evaluate_panel, or one of them with dataset.for_region(name)"
        )
    t = assessment_year(spec, dataset, year)
    region = dataset.regions[0] if dataset.regions else None
    found = assessments or Assessments()
    results = tuple(
        evaluate_indicator(spec, dataset, ind, t, found.find(ind.id, region, t))
        for ind in spec.indicators
    )
    return Report(
        plan=PlanRef(
            id=spec.plan.id,
            title=spec.plan.title,
            base_year=spec.plan.base_year,
            end_year=spec.plan.end_year,
        ),
        year=t,
        elapsed_share=float(
            Fraction(t - spec.plan.base_year, spec.plan.end_year - spec.plan.base_year)
        ),
        summary=_summary(spec, results),
        categories=tuple(_category(spec, c.id, results) for c in spec.categories),
        indicators=results,
        data_files=dataset.files,
        warnings=tuple(ProblemText(w) for w in dataset.warnings),
    )


def evaluate_indicator(
    spec: Spec,
    dataset: Dataset,
    indicator: Indicator,
    year: int,
    assessment: Assessment | None = None,
) -> IndicatorResult:
    """Evaluate one indicator for `year`, with the status of `assessment` if one is given."""
    j = judge_indicator(spec, dataset, indicator, year, assessment)
    if not j.parts:
        return _result(spec, j, year)
    # each target's full result, built once: the deciding one's is the indicator's own
    own = [_result(spec, part, year) for part in j.parts]
    targets = tuple(
        TargetResult.of(number, part.indicator.target.aspirational, number - 1 == j.decider, r)
        for number, (part, r) in enumerate(zip(j.parts, own, strict=True), 1)
    )
    return own[j.decider].model_copy(
        update={
            "status": j.status,
            "computed_status": j.computed_status,
            "assessment": j.assessment,
            "score": j.score,
            "reason": j.reason,
            "weight": j.weight,
            "binding_failure": j.binding_failure,
            "targets": targets,
        }
    )


@dataclass(frozen=True, slots=True)
class Judgement:
    """An indicator's status, score and weight with the measurement they rest on: what its
    result is built from. A panel ranks thousands of regions from judgements without building
    every full result."""

    indicator: Indicator
    status: Status
    score: float | None
    ratio: float | None
    weight: float
    reason: str | None
    measurement: Measurement | None
    # An indicator with several targets: each target's own judgement (its `indicator` judged
    # against that target alone), and the place of the one whose status the indicator takes.
    parts: tuple[Judgement, ...] = ()
    decider: int = 0
    computed_status: Status | None = None  # where an assessment overrides a computed status
    assessment: Assessment | None = None

    @property
    def no(self) -> int:
        return self.indicator.no

    @property
    def category(self) -> str:
        return self.indicator.category

    @property
    def binding_failure(self) -> bool:
        if self.indicator.target.aspirational:
            return False
        return self.status in FAILING_STATUSES and self.indicator.attribute is Attribute.BINDING

    @property
    def deciding(self) -> Judgement:
        """The judgement the indicator's numbers come from: its deciding target's, or itself."""
        return self.parts[self.decider] if self.parts else self


def judge_indicator(
    spec: Spec,
    dataset: Dataset,
    indicator: Indicator,
    year: int,
    assessment: Assessment | None = None,
) -> Judgement:
    """Measure one indicator for `year` and decide its status and score; an `assessment`
    gives the status in force (`assessed`)."""
    computed = _computed(spec, dataset, indicator, year)
    return computed if assessment is None else assessed(spec, computed, assessment)


def assessed(spec: Spec, computed: Judgement, assessment: Assessment) -> Judgement:
    """The judgement with an assessment's status in force (methodology: manual assessments).

    The computed status is kept beside it, except for a qualitative target, which has none.
    The score follows the manual status: the computed score where it lies in the manual
    status's band (on track R ≥ 0.95, behind 0.60 ≤ R < 0.95, off track 0 ≤ R < 0.60, not
    achieved R < 1, with the spec's thresholds), else the band's own score: achieved and on
    track 100, behind 100 × the behind threshold (60), off track, regressing and not achieved
    0; an assessment of no status has no score.
    """
    status = assessment.status
    qualitative = computed.indicator.target.is_qualitative
    return Judgement(
        indicator=computed.indicator,
        status=status,
        score=manual_score(spec, status, computed.score),
        ratio=computed.ratio,
        weight=computed.weight,
        reason=assessment.reason,
        measurement=computed.measurement,
        computed_status=None if qualitative else computed.status,
        assessment=assessment,
        parts=computed.parts,
        decider=computed.decider,
    )


def manual_score(spec: Spec, status: Status, computed: float | None) -> float | None:
    """The score of an indicator whose status is an assessment's (see `assessed`)."""
    thresholds = spec.scoring.thresholds
    on_track, behind = float(100 * thresholds.on_track), float(100 * thresholds.behind)
    bands: dict[Status, tuple[float, float, float]] = {  # (lowest, highest, the band's own)
        Status.ACHIEVED: (100.0, 100.0, 100.0),
        Status.ON_TRACK: (on_track, 100.0, 100.0),
        Status.BEHIND: (behind, on_track, behind),
        Status.OFF_TRACK: (0.0, behind, 0.0),
        Status.REGRESSING: (0.0, 0.0, 0.0),
        Status.NOT_ACHIEVED: (0.0, 100.0, 0.0),
    }
    band = bands.get(status)
    if band is None:
        return None
    low, high, own = band
    inside = computed is not None and low <= computed <= high
    # The upper ends of behind, off track and not achieved are open (R < 0.95, ...).
    if (
        inside
        and computed == high
        and status
        in (
            Status.BEHIND,
            Status.OFF_TRACK,
            Status.NOT_ACHIEVED,
        )
    ):
        inside = False
    return computed if inside and computed is not None else own


def _computed(spec: Spec, dataset: Dataset, indicator: Indicator, year: int) -> Judgement:
    """The status and score the data gives; an indicator with several targets takes the worse
    status and the lower score of those not aspirational."""
    if not indicator.several_targets:
        return _judge_target(spec, dataset, indicator, year)
    parts = tuple(
        _judge_target(spec, dataset, indicator.with_target(target), year)
        for target in indicator.targets
    )
    judged = [i for i, part in enumerate(parts) if not part.indicator.target.aspirational]
    decider = max(judged, key=lambda i: (_severity(parts[i].status), -(parts[i].score or 0), -i))
    chosen = parts[decider]
    scores = [parts[i].score for i in judged]
    score = (
        None if chosen.score is None or None in scores else min(s for s in scores if s is not None)
    )
    reason = (
        msg(
            "target {number} of {count} decides: {reason}",
            number=decider + 1,
            count=len(parts),
            reason=chosen.reason,
        )
        if chosen.reason
        else msg("target {number} of {count} decides", number=decider + 1, count=len(parts))
    )
    return Judgement(
        indicator,
        chosen.status,
        score,
        chosen.ratio,
        chosen.weight,
        reason,
        chosen.measurement,
        parts,
        decider,
    )


def _severity(status: Status) -> int:
    """How far a status is from its target (`STATUS_SEVERITY`); a target that cannot be judged
    (no_data, inconclusive) leaves the indicator unjudged, so it counts as the farthest."""
    return STATUS_SEVERITY.get(status, len(STATUS_SEVERITY))


def _judge_target(spec: Spec, dataset: Dataset, indicator: Indicator, year: int) -> Judgement:
    """Measure an indicator against its one target for `year`; decide its status and score."""
    ctx = Context(spec, dataset, indicator, year)
    weight = float(spec.scoring.weights.of_indicator(indicator))
    try:
        if ctx.elapsed <= 0:
            raise NoData(
                msg(
                    "the baseline is from {year}: progress is judged from {next} on",
                    year=ctx.base_year,
                    next=ctx.base_year + 1,
                )
            )
        measurement = KINDS[indicator.target.kind].measure(ctx)
    except NoData as missing:
        return Judgement(indicator, Status.NO_DATA, None, None, weight, said(missing), None)
    status, ratio, reason = _status(spec, indicator, measurement, year)
    unproven = _unproven(indicator, measurement, status)
    if unproven is not None:
        return Judgement(indicator, Status.INCONCLUSIVE, None, None, weight, unproven, measurement)
    unmeasured = not measurement.measured
    score = None if unmeasured and status is Status.NOT_ACHIEVED else _score(status, ratio)
    return Judgement(indicator, status, score, ratio, weight, reason, measurement)


class Scored(Protocol):
    """What category and overall scores are computed from: a result or a judgement."""

    @property
    def no(self) -> int: ...
    @property
    def category(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def score(self) -> float | None: ...
    @property
    def weight(self) -> float: ...
    @property
    def binding_failure(self) -> bool: ...


def scores(spec: Spec, scored: Sequence[Scored]) -> tuple[Summary, tuple[CategoryResult, ...]]:
    """The overall summary and the category scores of a plan's indicators."""
    items = tuple(scored)
    by_category: dict[str, list[Scored]] = {c.id: [] for c in spec.categories}
    for item in items:
        by_category[item.category].append(item)
    return _summary(spec, items), tuple(
        _category(spec, c.id, by_category[c.id]) for c in spec.categories
    )


def outcome(judgement: Judgement, year: int) -> IndicatorOutcome:
    """The brief result of a judgement: as `IndicatorOutcome.of` the full result would give."""
    indicator, m = judgement.indicator, judgement.measurement
    judged = judgement.deciding.indicator  # judged against its deciding target
    baseline, _ = _baseline_of(indicator, m)
    return IndicatorOutcome(
        no=indicator.no,
        id=indicator.id,
        attribute=indicator.attribute,
        status=judgement.status,
        computed_status=judgement.computed_status,
        assessment=judgement.assessment,
        approximate=m is not None and _approximate(judged, m, judgement.status, year),
        score=judgement.score,
        progress_ratio=_rounded_ratio(judgement.ratio),
        actual=None if m is None else m.actual,
        expected=None if m is None else m.expected,
        target=_target_value(judged, m),
        baseline=baseline,
        reason=judgement.reason,
        binding_failure=judgement.binding_failure,
    )


def _baseline_of(indicator: Indicator, m: Measurement | None) -> tuple[float | None, str | None]:
    """The base-year value shown for an indicator, and where it comes from."""
    if m is not None:
        if m.baseline is not None:
            return float(m.baseline.value), m.baseline.source
        return None, None
    if indicator.baseline is not None:
        return float(indicator.baseline.value), "spec"
    return None, None


def _rounded_ratio(ratio: float | None) -> float | None:
    return None if ratio is None else round(ratio, 9)


def _status(
    spec: Spec, indicator: Indicator, m: Measurement, year: int
) -> tuple[Status, float | None, str | None]:
    """The one place where progress becomes a status (methodology: Status)."""
    thresholds = spec.scoring.thresholds
    final = year == spec.plan.end_year
    ratio = m.ratio()
    if not m.measured:
        # No baseline: whether the target is met is known, the pace is not.
        if m.target_met:
            return (
                Status.ACHIEVED,
                None,
                msg("the target is met; no baseline, so no progress ratio"),
            )
        return (
            Status.NOT_ACHIEVED,
            None,
            msg("the target is not met; no baseline, so no progress ratio"),
        )
    if m.ceiling_total is not None:
        return _ceiling_status(m, m.ceiling_total, final)
    if m.missed is not None:  # an every-year target missed in some year: final
        return Status.NOT_ACHIEVED, ratio, msg("missed in {missed}", missed=m.missed)
    if m.every_year and m.target_met and not final:
        return Status.ON_TRACK, ratio, msg("every year so far meets the target")
    if final:
        if m.target_met:
            return Status.ACHIEVED, ratio, None
        if m.headroom and m.start_met:
            return (
                Status.NOT_ACHIEVED,
                ratio,
                msg("the baseline met the target; the value no longer does"),
            )
        return Status.NOT_ACHIEVED, ratio, None
    is_growth = indicator.target.kind is TargetKind.AVERAGE_GROWTH
    if m.target_met and not is_growth:
        return Status.ACHIEVED, ratio, None
    if m.is_hold and m.reference_factor is not None:
        # R = g_t / g_ref measures nothing when the reference is flat or moves the other way
        if m.target_met:
            return (
                Status.ON_TRACK,
                None,
                msg(
                    "the reference's growth is zero or against the indicator's direction, so R "
                    "is undefined: the target is met"
                ),
            )
        assert m.growth_ratio is not None
        if (m.growth_ratio - 1) * indicator.direction.sign < 0:  # moving away from the target
            return (
                Status.REGRESSING,
                None,
                msg(
                    "the reference's growth is zero or against the indicator's direction, so R "
                    "is undefined: the target is not met"
                ),
            )
        # no change at all, against a flat reference that a strict comparator asks to beat
        return (
            Status.OFF_TRACK,
            None,
            msg(
                "the reference's growth is zero or against the indicator's direction, so R is "
                "undefined: the target is not met, with no change"
            ),
        )
    if m.is_hold:
        if m.target_met:
            return Status.ON_TRACK, ratio, msg("the target holds")
        moving_away = m.numerator is None or m.numerator * indicator.direction.sign < 0
        if m.start_met or is_growth or moving_away:
            return (
                Status.REGRESSING,
                None,
                msg("the target asks to hold a level that is no longer met"),
            )
        return Status.OFF_TRACK, None, None
    if is_growth and m.target_met:
        return Status.ON_TRACK, ratio, msg("the growth so far already satisfies the target")
    if m.ratio_at_least(fraction(thresholds.on_track)):
        return Status.ON_TRACK, ratio, None
    if m.ratio_at_least(fraction(thresholds.behind)):
        return Status.BEHIND, ratio, None
    if m.ratio_at_least(Fraction(0)):
        return Status.OFF_TRACK, ratio, None
    return Status.REGRESSING, ratio, None


#: The status of R in each band of `thresholds` (R ≥ on track, ≥ behind, ≥ 0, below 0).
_BANDS = (Status.ON_TRACK, Status.BEHIND, Status.OFF_TRACK, Status.REGRESSING)


def thresholds(spec: Spec) -> tuple[Fraction, ...]:
    """The ratios a status is decided at, highest first: on track, behind, 0 (`_status`)."""
    found = spec.scoring.thresholds
    return fraction(found.on_track), fraction(found.behind), Fraction(0)


class Decided(NamedTuple):
    """A plain measurement's status, score and outcome: the `Judgement` of a region judged as
    one of a column (`planchk.columnar`), what `scores` and a panel read. A named tuple, as
    immutable as a frozen dataclass and quicker to make."""

    no: int
    category: str
    weight: float
    status: Status
    score: float | None
    binding_failure: bool
    outcome: IndicatorOutcome


def decide_many(
    spec: Spec, indicator: Indicator, year: int, measured: Sequence[Measured | None]
) -> list[Decided | None]:
    """`_status`, `_score` and `outcome` for the plain measurements of a kind's `many`, which
    are neither holds nor ceilings nor unmeasured nor bounded, so that only these rules of
    `_status` apply: in the end year met or not; before it met is achieved (for growth, on
    track), else the band of R among the thresholds.

    Regions measured alike (the same figures, as regions reporting the same values are) share
    one `Decided`, built once: an outcome is a frozen model, and building it is most of the
    cost. A zero's sign is part of the key, since the JSON writes it (-0.0 == 0.0)."""
    final = year == spec.plan.end_year
    is_growth = indicator.target.kind is TargetKind.AVERAGE_GROWTH
    growth_met = msg("the growth so far already satisfies the target")
    weight = float(spec.scoring.weights.of_indicator(indicator))
    target = _target_value(indicator, None)
    binding = indicator.attribute is Attribute.BINDING and not indicator.target.aspirational
    no, id_, attribute, category = (
        indicator.no,
        indicator.id,
        indicator.attribute,
        indicator.category,
    )

    def status_of(met: bool, band: int | None) -> tuple[Status, str | None, bool]:
        """The status, reason and binding failure of a measurement met or in `band`."""
        reason: str | None = None
        if final:
            status = Status.ACHIEVED if met else Status.NOT_ACHIEVED
        elif met:
            status = Status.ON_TRACK if is_growth else Status.ACHIEVED
            reason = growth_met if is_growth else None
        else:
            assert band is not None
            status = _BANDS[band]
        return status, reason, binding and status in FAILING_STATUSES

    rules: dict[tuple[bool, int | None], tuple[Status, str | None, bool]] = {}
    validate = IndicatorOutcome.model_validate
    made: dict[object, Decided] = {}
    found: list[Decided | None] = []
    append = found.append
    for m in measured:
        if m is None:
            append(None)
            continue
        # A measurement is a tuple: its own key, but for a zero's sign (m[:4] are the numbers)
        key: object = m if 0.0 not in m[:4] else (m, repr(m[:4]))
        same = made.get(key)
        if same is None:
            rule = rules.get((m.met, m.band))
            if rule is None:
                rule = rules[(m.met, m.band)] = status_of(m.met, m.band)
            status, reason, failing = rule
            score = _score(status, m.ratio)
            shown = compact(
                validate(
                    {
                        "no": no,
                        "id": id_,
                        "attribute": attribute,
                        "status": status,
                        "approximate": m.approximate,
                        "score": score,
                        "progress_ratio": round(m.ratio, 9),
                        "actual": m.actual,
                        "expected": m.expected,
                        "target": target,
                        "baseline": m.baseline,
                        "reason": reason,
                        "binding_failure": failing,
                    }
                )
            )
            same = made[key] = Decided(no, category, weight, status, score, failing, shown)
        append(same)
    return found


def _unproven(indicator: Indicator, m: Measurement, status: Status) -> str | None:
    """Why a status computed from a bounded value is not proven by it, or None when it is.

    A bound in the indicator's direction (超过6100 for a measure that should rise) proves only
    that the value is at least that good: the status it gives stands, read as "at least", unless
    it is regressing or not achieved, which the true value may not be. A bound against the
    direction proves only that the value is no better: regressing and not achieved stand, a
    better status does not.
    """
    bounds = [o for o in m.used if o.qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST)]
    if not bounds:
        return None
    failing = status in (Status.REGRESSING, Status.NOT_ACHIEVED)
    towards = [_bound_direction(o.qualifier) is indicator.direction for o in bounds]
    if all(towards) and not failing:
        return None
    if not any(towards) and failing:
        return None
    shown = "; ".join(f"{o.year}: {o.reported}" for o in bounds)
    if m.baseline is None:
        return msg(
            "reported only as a bound, {bounds}: at the bound the indicator would be "
            "{status}, which the bound does not prove",
            bounds=shown,
            status=STATUS_WORDS[status],
        )
    return msg(
        "reported only as a bound, {bounds} against a baseline of {baseline}: at the bound "
        "the indicator would be {status}, which the bound does not prove",
        bounds=shown,
        baseline=num(float(m.baseline.value)),
        status=STATUS_WORDS[status],
    )


def _bound_direction(qualifier: Qualifier) -> Direction:
    """Which way a bounded value may lie from its number: up for at least, down for at most."""
    return Direction.INCREASE if qualifier is Qualifier.AT_LEAST else Direction.DECREASE


def _ceiling_status(
    m: Measurement, ceiling: Fraction, final: bool
) -> tuple[Status, float | None, str | None]:
    """A ceiling on a running total: on track within its pro-rata share, failed once exceeded.

    Its progress ratio is the headroom left against the headroom expected,
    (T - A_t) / (T - T·s): 1 at the pro-rata share, 0 at the ceiling, negative beyond it.
    """
    assert m.numerator is not None
    assert m.denominator is not None
    total, share = m.numerator, m.denominator
    expected_headroom = ceiling - share.a  # the pro-rata share is rational: T·s
    headroom = float((ceiling - total) / expected_headroom) if expected_headroom else None
    if not m.target_met:
        return Status.NOT_ACHIEVED, headroom, msg("the running total exceeds the ceiling")
    if final:
        return Status.ACHIEVED, 1.0, None
    within_share = share.compare(total) <= 0  # total <= T·s
    if within_share:
        return Status.ON_TRACK, headroom, msg("within its pro-rata share of the ceiling")
    return Status.BEHIND, headroom, msg("above its pro-rata share of the ceiling")


def _score(status: Status, ratio: float | None) -> float | None:
    """100 × clip(R, 0, 1); achieved scores 100; no_data and inconclusive have no score."""
    if status is Status.ACHIEVED:
        return 100.0
    if status in (Status.NO_DATA, Status.INCONCLUSIVE):
        return None
    if ratio is None:  # a hold target: it either holds or it does not
        return 100.0 if status is Status.ON_TRACK else 0.0
    return round(100 * min(max(ratio, 0.0), 1.0), 6)


def _approximate(indicator: Indicator, m: Measurement, status: Status, year: int) -> bool:
    """Whether the status rests on a value that is approximate, preliminary or a bound.

    A bound in the indicator's direction that already meets the target is proof enough
    (超过7000 meets "more than 7000" whatever the true value is).
    """
    if m.baseline is not None and m.baseline.qualified:
        return True
    if m.reference_approximate:
        return True
    for obs in m.used:
        if obs.preliminary or obs.qualifier is Qualifier.ABOUT:
            return True
        if obs.qualifier is Qualifier.EXACT:
            continue
        is_proof = (
            status is Status.ACHIEVED
            and obs.year == year
            and _bound_direction(obs.qualifier) is indicator.direction
        )
        if not is_proof:
            return True
    return False


def _target_value(indicator: Indicator, m: Measurement | None) -> float | None:
    """The target judged against: the spec's value, or the range end the measurement used;
    None for a qualitative target."""
    if m is not None and m.shown_target is not None:
        return m.shown_target
    if m is not None and m.target is not None:
        return float(m.target)
    value = indicator.target.value
    return None if value is None else float(value)


def _range_of(indicator: Indicator) -> ValueRange | None:
    found = indicator.target.range
    return None if found is None else ValueRange(min=float(found.min), max=float(found.max))


def _judged_unit(indicator: Indicator) -> str:
    if indicator.target.in_percent:
        return "%"
    return indicator.unit.zh or indicator.unit.en or ""


#: A data row as the report describes it (also used for trajectories, `planchk.trajectory`).
_observed = observed


def _result(spec: Spec, j: Judgement, year: int) -> IndicatorResult:
    indicator, status, m = j.indicator, j.status, j.measurement
    observations: tuple[Observed, ...] = ()
    baseline, baseline_source = _baseline_of(indicator, m)
    qualifier = Qualifier.EXACT.value
    components: Trail
    if indicator.target.is_qualitative:
        assessed = yes_no(j.assessment is not None)
        components = QualitativeTrail(**audit(spec, year, indicator), assessed=assessed)
    else:
        components = Unmeasured(**audit(spec, year, indicator)) if m is None else m.trail
    if m is not None:
        used = list(m.used)
        if m.baseline is not None and m.baseline.observation is not None:
            used.insert(0, m.baseline.observation)
        observations = tuple(_observed(o) for o in sorted(used, key=lambda o: o.year))
        current = [o for o in m.used if o.year == year]
        if current and indicator.target.kind in (TargetKind.LEVEL,):
            qualifier = current[0].qualifier.value
    tolerance = tolerance_of(indicator, spec)
    tied = None if m is None or indicator.target.reference is None else _target_value(indicator, m)
    if tied is not None:
        tolerance = _reference_tolerance(indicator, spec, tied)
    approximate = m is not None and _approximate(indicator, m, status, year)
    failing = status in FAILING_STATUSES
    return IndicatorResult(
        no=indicator.no,
        id=indicator.id,
        category=indicator.category,
        name=indicator.name,
        unit=indicator.unit,
        judged_unit=_judged_unit(indicator),
        attribute=indicator.attribute,
        direction=indicator.direction,
        kind=indicator.target.kind,
        comparator=indicator.target.comparator,
        target_text=indicator.target.text,
        status=status,
        computed_status=j.computed_status,
        assessment=j.assessment,
        approximate=approximate,
        reason=j.reason,
        score=j.score,
        weight=j.weight,
        progress_ratio=_rounded_ratio(j.ratio),
        actual=None if m is None else m.actual,
        actual_qualifier=qualifier,
        expected=None if m is None else m.expected,
        target=_target_value(indicator, m),
        range=_range_of(indicator),
        tolerance=None if tolerance is None else float(tolerance),
        baseline=baseline,
        baseline_source=baseline_source,
        # A projection from a bound that decides nothing would claim what the bound cannot.
        projection=None if m is None or status is Status.INCONCLUSIVE else m.projection,
        observations=observations,
        components=components,
        binding_failure=failing and indicator.attribute is Attribute.BINDING,
    )


def _reference_tolerance(indicator: Indicator, spec: Spec, growth: float) -> Decimal | None:
    """An `about` tolerance against a referenced value (a growth in percentage points, a
    level or change in its terms), for display."""
    if indicator.target.comparator is not Comparator.ABOUT:
        return None
    tolerance = indicator.target.tolerance or spec.scoring.tolerance
    if tolerance.absolute is not None:
        return tolerance.absolute
    assert tolerance.relative is not None
    return abs(Decimal(repr(growth))) * tolerance.relative / 100


def _weighted(results: Iterable[Scored]) -> tuple[float | None, float, int]:
    """(weighted mean score, coverage share, number of indicators)."""
    items = list(results)
    return _weighted_scores([r.weight for r in items], [r.score for r in items])


def _weighted_scores(
    weights: Sequence[float], scores: Sequence[float | None]
) -> tuple[float | None, float, int]:
    """`_weighted` of indicators with these weights and scores: the one place a weighted score
    is computed, so that a panel's scores computed in bulk (`scores_many`) add the same floats
    in the same order, to the same bits. The weighted sum is Σ w·(s or 0.0) over the scored
    indicators in order (a list summed is summed as the generator it replaces)."""
    count = len(scores)
    if None in scores:
        kept = [(w, s) for w, s in zip(weights, scores, strict=True) if s is not None]
        weights, scores = [w for w, _ in kept], [s for _, s in kept]
    scored = len(scores)
    coverage = scored / count if count else 0.0
    total_weight = sum(weights)
    if not scored or total_weight == 0:
        return None, coverage, count
    if 0.0 in scores:  # `or 0.0`: no -0.0 in a product
        scores = [s or 0.0 for s in scores]
    mean = sum(map(mul, weights, scores)) / total_weight
    return round(mean, 6), coverage, count


def _category(spec: Spec, category_id: str, results: Sequence[Scored]) -> CategoryResult:
    score, coverage, count = _weighted(r for r in results if r.category == category_id)
    return CategoryResult(
        id=category_id,
        name=spec.category(category_id).name,
        score=score,
        coverage=coverage,
        indicators=count,
    )


def _summary(spec: Spec, results: Sequence[Scored]) -> Summary:
    return _Summaries(spec).of(
        [r.weight for r in results],
        [r.score for r in results],
        [r.status for r in results],
        tuple(r.no for r in results if r.binding_failure),
    )


class _Summaries:
    """Overall summaries of a plan's indicators, from their weights, scores and statuses; what
    does not vary between regions (the minimum coverage, the statuses' names) read once."""

    def __init__(self, spec: Spec) -> None:
        self._minimum = fraction(spec.scoring.minimum_coverage)
        self._minimum_shown = float(spec.scoring.minimum_coverage)
        self._names = {status: status.value for status in Status}

    def of(
        self,
        weights: Sequence[float],
        scores: Sequence[float | None],
        statuses: Iterable[Status],
        binding_failures: tuple[int, ...],
    ) -> Summary:
        score, coverage, count = _weighted_scores(weights, scores)
        scored = count - scores.count(None)
        # Coverage against the minimum is compared exactly (16/20 is exactly 0.8).
        withheld = Fraction(scored, count) < self._minimum
        found = Counter(statuses)
        counts = {name: found[status] for status, name in self._names.items()}
        return Summary(
            score=None if withheld else score,
            coverage=coverage,
            minimum_coverage=self._minimum_shown,
            score_withheld=withheld,
            status_counts=counts,
            binding_failures=binding_failures,
        )


def scores_many(
    spec: Spec, columns: Sequence[Sequence[Scored]], regions: int
) -> list[tuple[Summary, tuple[CategoryResult, ...]]]:
    """`scores(spec, region)` of each of `regions` regions judged against the plan itself,
    from each indicator's judgements as a column over the regions (`columns[k][i]`: the
    plan's k-th indicator in region i), with the arithmetic of `scores` in the same order.

    What a score is computed from that varies between regions is each indicator's status,
    score and whether it fails (its number, category and weight are the plan's), so regions
    alike in these share one summary, and regions alike in the scores of a category's
    indicators share its result. A score's sign does not matter (`_weighted` reads
    `score or 0.0`)."""
    indicators = spec.indicators
    weights = [float(spec.scoring.weights.of_indicator(ind)) for ind in indicators]
    nos = [ind.no for ind in indicators]
    score_columns = [[j.score for j in column] for column in columns]
    status_columns = [[j.status for j in column] for column in columns]
    failing_columns = [[j.binding_failure for j in column] for column in columns]
    empty: list[tuple[()]] = [()] * regions
    by_category: list[list[CategoryResult]] = []
    for category in spec.categories:
        places = [k for k, ind in enumerate(indicators) if ind.category == category.id]
        own = [weights[k] for k in places]
        made: dict[tuple[float | None, ...], CategoryResult] = {}
        results: list[CategoryResult] = []
        for key in zip(*(score_columns[k] for k in places), strict=True) if places else empty:
            found = made.get(key)
            if found is None:
                score, coverage, size = _weighted_scores(own, key)
                found = made[key] = compact(
                    CategoryResult(
                        id=category.id,
                        name=category.name,
                        score=score,
                        coverage=coverage,
                        indicators=size,
                    )
                )
            results.append(found)
        by_category.append(results)
    summaries = _Summaries(spec)
    made_summaries: dict[tuple[tuple[object, ...], ...], Summary] = {}
    found_summaries: list[Summary] = []
    # a plan has indicators and categories (`Spec`): every zip below has columns
    rows = zip(
        zip(*score_columns, strict=True),
        zip(*status_columns, strict=True),
        zip(*failing_columns, strict=True),
        strict=True,
    )
    for row in rows:
        summary = made_summaries.get(row)
        if summary is None:
            scores_, statuses, failing = row
            summary = made_summaries[row] = compact(
                summaries.of(weights, scores_, statuses, tuple(compress(nos, failing)))
            )
        found_summaries.append(summary)
    return list(zip(found_summaries, zip(*by_category, strict=True), strict=True))
