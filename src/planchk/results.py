"""Evaluation results: frozen models that formatters render and JSON serialises.

`REPORT_SCHEMA_VERSION` changes whenever a field is renamed or removed, or its meaning changes;
added fields keep the version.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planchk.messages import Message, Text, msg
from planchk.reporting_words import PRICE_BASIS_WORDS, REPORTING_WORDS
from planchk.spec import (
    Attribute,
    Comparator,
    Direction,
    Indicator,
    LocalText,
    PriceBasis,
    Reporting,
    TargetKind,
)
from planchk.trails import Trail, trail_model

#: 2: an indicator with several targets (`targets` in the spec) carries each target's result
#: in `targets`; single-target indicators are unchanged. `status` is the status in force, an
#: assessment's where one applies (`computed_status` then keeps the computed one); `comparator`
#: and `target` are null for a qualitative target.
REPORT_SCHEMA_VERSION = 2


class Status(StrEnum):
    """An indicator's status in the assessment year; values are stable and used verbatim."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OFF_TRACK = "off_track"
    REGRESSING = "regressing"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"
    INCONCLUSIVE = "inconclusive"

    @property
    def zh(self) -> str:
        """The official Chinese term (已完成, 符合进度, ...), from the message catalog."""
        return STATUS_WORDS[self].localized("zh")

    @property
    def symbol(self) -> str:
        return _STATUS_SYMBOL[self]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.value.replace("_", " ")


#: The statuses as messages say them: their stable values, and their official terms in Chinese.
STATUS_WORDS: dict[Status, Message] = {
    Status.ACHIEVED: msg("achieved"),
    Status.ON_TRACK: msg("on_track"),
    Status.BEHIND: msg("behind"),
    Status.OFF_TRACK: msg("off_track"),
    Status.REGRESSING: msg("regressing"),
    Status.NOT_ACHIEVED: msg("not_achieved"),
    Status.NO_DATA: msg("no_data"),
    Status.INCONCLUSIVE: msg("inconclusive"),
}
_STATUS_SYMBOL = {
    Status.ACHIEVED: "✔",
    Status.ON_TRACK: "●",
    Status.BEHIND: "◐",
    Status.OFF_TRACK: "○",
    Status.REGRESSING: "✖",
    Status.NOT_ACHIEVED: "✖",
    Status.NO_DATA: "?",
    Status.INCONCLUSIVE: "?",
}

#: How far each status is from the target, best first; no_data and inconclusive are not
#: comparable and have no place. Used for "worsened" between years and between reports.
STATUS_SEVERITY: dict[Status, int] = {
    Status.ACHIEVED: 0,
    Status.ON_TRACK: 1,
    Status.BEHIND: 2,
    Status.OFF_TRACK: 3,
    Status.REGRESSING: 4,
    Status.NOT_ACHIEVED: 5,
}

#: Statuses without a rank: no evidence, or evidence that decides nothing.
UNRANKED_STATUSES = frozenset(set(Status) - set(STATUS_SEVERITY))

#: Statuses that count as a failure of an indicator (for `--fail-on` and the failing list).
FAILING_STATUSES = frozenset(
    {
        Status.BEHIND,
        Status.OFF_TRACK,
        Status.REGRESSING,
        Status.NOT_ACHIEVED,
        Status.NO_DATA,
        Status.INCONCLUSIVE,
    }
)


class _Frozen(BaseModel):
    # Validators and serialisers are built on first use, not at import.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


_M = TypeVar("_M", bound=BaseModel)

#: The one set of field names shared by the results of a class built with the same fields.
_FIELDS_SETS: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


def compact(model: _M) -> _M:
    """`model`, holding the set of its fields given (pydantic's `model_fields_set`) that every
    frozen result of its class built with the same fields holds, instead of a set of its own.

    Each model keeps that set beside its values, and for an outcome it is larger than the
    values (728 bytes of about 1.3 KB): a panel of 50,000 regions holds about 900,000 results.
    Sharing it is safe for frozen models, which never add to it (a copy gets a set of its own);
    under tracemalloc the results of 10,000 regions took 226 MB with a set each, 103 MB shared."""
    fields = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault((type(model), frozenset(fields)), fields)
    if shared is not fields:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    return model


def _absent(value: object) -> bool:
    return value is None


class Observed(_Frozen):
    """A reported value used in the evaluation, in the spec's unit, with its provenance."""

    year: int
    value: float
    qualifier: str = Field(description="exact, at_least, at_most or about")
    preliminary: bool
    reported: str = Field(description="the value as written in the data file")
    reported_unit: str | None
    source: str | None
    illustrative: bool
    file: str
    line: int
    cell: str | None = Field(
        default=None, description="in a workbook: the value's sheet and cell, as Sheet1!D7"
    )
    reported_as: str | None = Field(
        default=None,
        exclude_if=_absent,
        description="the row's own 口径 where it differs from the spec's reporting: level, "
        "addition, yearly_change or change_from_base",
    )
    price_basis: str | None = Field(
        default=None,
        exclude_if=_absent,
        description="the row's own 价格口径, where it gives one: comparable or current",
    )

    @property
    def location(self) -> str:
        """`file:line`, or in a workbook `file!sheet!D7`."""
        return f"{self.file}:{self.line}" if self.cell is None else f"{self.file}!{self.cell}"

    @property
    def as_reported(self) -> str:
        """The figure as written, with its unit, and the row's own 口径 and 价格口径 where it
        gives them: `-18.8 % (口径 比基期)`."""
        text = self.reported + (f" {self.reported_unit}" if self.reported_unit else "")
        marks = []
        if self.reported_as is not None:
            marks.append(f"口径 {REPORTING_WORDS[Reporting(self.reported_as)][1]}")
        if self.price_basis is not None:
            marks.append(f"价格口径 {PRICE_BASIS_WORDS[PriceBasis(self.price_basis)][1]}")
        return f"{text} ({', '.join(marks)})" if marks else text


class Projection(_Frozen):
    """Where the indicator ends at the pace so far, and the pace needed to meet the target."""

    end_value: float = Field(description="anticipated end-of-plan value of what is judged")
    meets_target: bool
    path: str | None = Field(
        default=None, description="linear or compound: how the pace so far is extended"
    )
    required_growth: float | None = Field(
        default=None, description="required average annual growth of the measure from now, percent"
    )
    required_yearly_addition: float | None = Field(
        default=None,
        description="required addition to what is judged per remaining year, in its unit: "
        "additions for cumulative targets (the most still allowed for a ceiling), percentage "
        "points for a measure in percent",
    )


class YearPoint(_Frozen):
    """An indicator's evaluation in one year of the history (see `evaluate_history`)."""

    year: int
    status: Status
    approximate: bool
    score: float | None
    progress_ratio: float | None
    actual: float | None = Field(description="what is judged, in judged_unit")
    expected: float | None = Field(description="what the pace expects by this year")
    manual: bool = Field(default=False, description="the status is an assessment's")


class PathPoint(_Frozen):
    """One point of a trajectory: a year and a value of the charted quantity."""

    year: int
    value: float
    illustrative: bool = False
    approximate: bool = False


class Trajectory(_Frozen):
    """An indicator's actual values against the expected path from the baseline to the target.

    Charted in one quantity: the measure's level (level, growth and change targets), the running
    total added since the base year (cumulative targets), or an index with the base year at 100
    (growth and change targets reported only as yearly changes).
    """

    quantity: str = Field(description="level, additions or index")
    unit: str = Field(description="unit of the values: the spec's unit, or '' for an index")
    baseline: float | None = Field(description="value in the base year")
    target: float | None = Field(
        description="the end-of-plan target in the charted quantity; null without a baseline"
    )
    expected: tuple[PathPoint, ...] = Field(description="expected path, base year to end year")
    actual: tuple[PathPoint, ...] = Field(description="values from the data, by year")
    observations: tuple[Observed, ...] = Field(
        default=(), description="the indicator's rows of the data, base year to assessment year"
    )


class ValueRange(_Frozen):
    """The range of a `between` target, ends included."""

    min: float
    max: float


class TargetResult(_Frozen):
    """One target of an indicator with several (`targets` in the spec), judged on its own."""

    number: int = Field(description="the target's place in the spec's `targets`, from 1")
    aspirational: bool = Field(description="力争: judged and shown, but neither scored nor failing")
    decides: bool = Field(description="the target whose status the indicator takes")
    kind: TargetKind
    comparator: Comparator | None
    judged_unit: str = Field(description="unit of actual, expected and target")
    status: Status
    approximate: bool
    reason: str | None
    score: float | None = Field(description="null for an aspirational target (not scored)")
    progress_ratio: float | None
    actual: float | None
    expected: float | None
    target: float | None
    range: ValueRange | None = None
    tolerance: float | None
    projection: Projection | None
    components: Trail = Field(description="every number the status was derived from")

    @model_validator(mode="before")
    @classmethod
    def _typed_trail(cls, data: Any) -> Any:
        """Read `components` from JSON with the trail model of the target's kind."""
        return _typed_components(data)

    @classmethod
    def of(
        cls, number: int, aspirational: bool, decides: bool, own: IndicatorResult
    ) -> TargetResult:
        """Target `number` from the full result it has on its own (`own`, the indicator judged
        against that target alone); an aspirational target keeps no score."""
        fields = {name: getattr(own, name) for name in TARGET_FIELDS}
        if aspirational:
            fields["score"] = None
        return cls(number=number, aspirational=aspirational, decides=decides, **fields)


#: The fields of an indicator's result that each of its several targets has of its own.
TARGET_FIELDS = (
    "kind",
    "comparator",
    "judged_unit",
    "status",
    "approximate",
    "reason",
    "score",
    "progress_ratio",
    "actual",
    "expected",
    "target",
    "range",
    "tolerance",
    "projection",
    "components",
)


def _typed_components(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    components, kind = data.get("components"), data.get("kind")
    if isinstance(components, dict) and kind in set(TargetKind):
        model = trail_model(TargetKind(kind), "target_met" in components)
        return {**data, "components": model.model_validate(components)}
    return data


#: The mark of a status given by an assessment (`--assessments`) in every format and `explain`.
MANUAL_MARK = "†"


class Assessment(_Frozen):
    """A person's verdict on an indicator (`--assessments FILE`), with its justification."""

    indicator: str = Field(description="the indicator's id")
    region: str | None = Field(default=None, description="null: every region")
    year: int | None = Field(default=None, description="null: every assessment year")
    status: Status = Field(description="the status the assessment gives (the manual status)")
    reason: str
    assessed_by: str | None = None
    date: dt.date | None = None
    evidence: str | None = None
    cause: str | None = Field(default=None, description="原因分析 for the evaluation table")
    measures: str | None = Field(default=None, description="下一步措施 for the evaluation table")
    file: str
    line: int | None = None


class IndicatorResult(_Frozen):
    """The evaluation of one indicator in the assessment year.

    For an indicator with several targets, the fields from `kind` to `components` are those of
    the target that decides its status (`targets` holds each target's result).
    """

    no: int
    id: str
    category: str
    name: LocalText
    unit: LocalText
    judged_unit: str = Field(
        description="unit of actual, expected and target: % or the spec's unit"
    )
    attribute: Attribute
    direction: Direction
    kind: TargetKind
    comparator: Comparator | None = Field(description="null for a qualitative target")
    target_text: LocalText | None = Field(
        default=None, description="a qualitative target's words (kind qualitative)"
    )
    status: Status = Field(
        description="the status in force: the assessment's where one applies, else computed"
    )
    computed_status: Status | None = Field(
        default=None,
        description="the status computed from the data, where an assessment overrides it",
    )
    assessment: Assessment | None = Field(
        default=None, description="the assessment that gives the status, if any"
    )
    approximate: bool = Field(
        description="the status rests on an approximate, bounded or preliminary value"
    )
    reason: Text | None = Field(description="why the status is no_data, or a note on the status")
    score: float | None
    weight: float
    progress_ratio: float | None
    actual: float | None = Field(description="what is judged, in the assessment year")
    actual_qualifier: str = Field(description="qualifier carried over from the reported value")
    expected: float | None = Field(description="what the pace expects by the assessment year")
    target: float | None = Field(
        description="the target value judged against (for a range: its end nearer the value); "
        "null for a qualitative target"
    )
    range: ValueRange | None = Field(
        default=None, description="the range of a `between` target, ends included"
    )
    tolerance: float | None
    baseline: float | None = Field(description="base-year value of the measure")
    baseline_source: str | None = Field(description="spec or data")
    projection: Projection | None
    observations: tuple[Observed, ...]
    components: Trail = Field(
        description="every number the status was derived from (audit trail), by kind"
    )
    binding_failure: bool = Field(description="a binding indicator whose status counts as failing")
    history: tuple[YearPoint, ...] = Field(
        default=(), description="status in every year of the data up to the assessment year"
    )
    trajectory: Trajectory | None = Field(
        default=None, description="actual values against the expected path, for charts"
    )
    targets: tuple[TargetResult, ...] = Field(
        default=(),
        exclude_if=lambda targets: not targets,
        description="each target's result, for an indicator with several targets (left out "
        "for an indicator with one)",
    )

    @property
    def target_value(self) -> float:
        """The target value of a quantitative target (every kind but qualitative has one)."""
        if self.target is None:
            raise ValueError("a qualitative target has no value")
        return self.target

    @property
    def manual(self) -> bool:
        """Whether the status in force is an assessment's."""
        return self.assessment is not None

    @model_validator(mode="before")
    @classmethod
    def _typed_trail(cls, data: Any) -> Any:
        """Read `components` from JSON with the trail model of the indicator's kind."""
        return _typed_components(data)


def judged_against(indicator: Indicator, result: IndicatorResult) -> Indicator:
    """`indicator` with the one target its result's numbers are about: the deciding one of
    several, else its own."""
    for target in result.targets:
        if target.decides:
            return indicator.with_target(indicator.targets[target.number - 1])
    return indicator


def target_of(indicator: Indicator, target: TargetResult) -> Indicator:
    """`indicator` judged against one of its several targets alone."""
    return indicator.with_target(indicator.targets[target.number - 1])


class CategoryResult(_Frozen):
    id: str
    name: LocalText
    score: float | None
    coverage: float
    indicators: int


class Summary(_Frozen):
    score: float | None = Field(description="weighted overall score; null when coverage is too low")
    coverage: float
    minimum_coverage: float
    score_withheld: bool
    status_counts: dict[str, int]
    binding_failures: tuple[int, ...] = Field(description="numbers of failing binding indicators")


class YearScore(_Frozen):
    """The overall score in one year of the history."""

    year: int
    score: float | None
    coverage: float
    score_withheld: bool


class StatusChangeKind(StrEnum):
    """Why a change matters; values are stable and used verbatim."""

    WORSENED = "worsened"
    END_VALUE_MISSES = "end_value_misses"


class StatusChange(_Frozen):
    """A change a busy reader must see first: a status that worsened between two consecutive
    years of the data, or a binding indicator whose anticipated (or, in the end year, actual)
    end-of-plan value misses its target."""

    kind: StatusChangeKind
    no: int
    id: str
    binding: bool
    year: int
    previous_year: int | None = None
    previous_status: Status | None = None
    status: Status
    end_value: float | None = Field(default=None, description="in judged_unit (end_value_misses)")
    target: float | None = Field(description="null for a qualitative target")


class ChangeKind(StrEnum):
    """How an indicator changed since a previous report (`evaluate --compare`)."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    NEW_DATA = "new_data"
    LOST_DATA = "lost_data"

    def label(self, lang: str) -> str:
        return _CHANGE_ZH[self] if lang == "zh" else self.value.replace("_", " ")


_CHANGE_ZH = {
    ChangeKind.IMPROVED: "改善",
    ChangeKind.WORSENED: "恶化",
    ChangeKind.NEW_DATA: "新增数据",
    ChangeKind.LOST_DATA: "数据缺失",
}


class IndicatorChange(_Frozen):
    """An indicator whose status or score differs from the previous report."""

    no: int
    id: str
    name: LocalText
    change: ChangeKind
    previous_status: Status | None = Field(description="null when the previous report lacks it")
    status: Status
    previous_score: float | None
    score: float | None


class Comparison(_Frozen):
    """What changed since a previous JSON report: improved, worsened, new data, lost data."""

    previous_file: str
    previous_year: int
    changes: tuple[IndicatorChange, ...] = Field(description="in the spec's order")
    unchanged: int = Field(description="indicators with the same status and score as before")


class PlanRef(_Frozen):
    id: str
    title: LocalText
    base_year: int
    end_year: int


class Report(_Frozen):
    """A plan evaluated for one assessment year."""

    schema_version: int = REPORT_SCHEMA_VERSION
    tool: str = "planchk"
    plan: PlanRef
    year: int
    elapsed_share: float
    summary: Summary
    categories: tuple[CategoryResult, ...]
    indicators: tuple[IndicatorResult, ...]
    data_files: tuple[str, ...]
    warnings: tuple[Text, ...] = ()
    trend: tuple[YearScore, ...] = Field(
        default=(), description="overall score in every year of the data up to the assessment year"
    )
    changes: tuple[StatusChange, ...] = Field(
        default=(), description="status changes that matter, most important first"
    )
    comparison: Comparison | None = Field(
        default=None, description="changes since a previous report; only with --compare"
    )


class IndicatorOutcome(_Frozen):
    """An indicator's outcome, without the audit trail: one row of a region in a panel. The
    fields are those of the full `IndicatorResult`, which `--region NAME` reports."""

    no: int
    id: str
    attribute: Attribute
    status: Status
    computed_status: Status | None = None
    assessment: Assessment | None = None
    approximate: bool
    score: float | None
    progress_ratio: float | None
    actual: float | None
    expected: float | None
    target: float | None
    baseline: float | None
    reason: Text | None
    binding_failure: bool

    @classmethod
    def of(cls, result: IndicatorResult) -> IndicatorOutcome:
        """The outcome part of a full result."""
        return cls(**{name: getattr(result, name) for name in cls.model_fields})


class RegionResult(_Frozen):
    """One region of a panel: its scores and each indicator's outcome."""

    region: str
    summary: Summary
    categories: tuple[CategoryResult, ...]
    indicators: tuple[IndicatorOutcome, ...]
    warnings: tuple[Text, ...] = ()

    @classmethod
    def of(cls, region: str, report: Report) -> RegionResult:
        """The panel's view of a region's full report."""
        return cls(
            region=region,
            summary=report.summary,
            categories=report.categories,
            indicators=tuple(IndicatorOutcome.of(r) for r in report.indicators),
            warnings=report.warnings,
        )


class RegionRank(_Frozen):
    """One region's place in a panel's ranking."""

    region: str
    rank: int | None = Field(
        description="1 for the best overall score, equal scores share a rank; "
        "null when the region's score is withheld"
    )
    score: float | None
    coverage: float
    binding_failures: tuple[int, ...] = Field(description="numbers of failing binding indicators")


class RegionReport(_Frozen):
    """A region's full report (`--region NAME`): the same as evaluating its data alone."""

    region: str
    report: Report


class PanelReport(_Frozen):
    """A plan evaluated for every region of a panel (data with a region column) in one year.

    Each region has its scores and each indicator's outcome; the full report of a region, with
    the audit trail of every indicator, is `evaluate --region NAME`.
    """

    schema_version: int = REPORT_SCHEMA_VERSION
    tool: str = "planchk"
    plan: PlanRef
    year: int
    elapsed_share: float
    minimum_coverage: float
    ranking: tuple[RegionRank, ...] = Field(description="regions by overall score, best first")
    regions: tuple[RegionResult, ...] = Field(description="every region, in the data's order")
    data_files: tuple[str, ...]
    warnings: tuple[Text, ...] = ()
