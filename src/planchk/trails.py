"""The audit trail of a result (`components` in the JSON report): one frozen model per kind.

Every trail holds the plan's years, the assessment year, the share of the period elapsed and the
scoring thresholds (`AuditTrail`); a measured one adds the numbers its kind measured and whether
the target is met. An indicator without evidence has only the common part (`Unmeasured`).
`TRAILS` maps each kind to its model (each kind in `planchk.kinds` names it as its `trail`),
and a report read back from JSON gets the model of its indicator's kind.

The JSON keeps the flat shape reports have always had: a number that does not apply is left
out, not written as null, and `target_met` closes the object.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from planchk.rational import Fraction
from planchk.spec import Indicator, Spec, TargetKind

YesNo = Literal["yes", "no"]


def _absent(value: object) -> bool:
    return value is None


def optional() -> float | None:
    """A number the trail holds only in some cases: absent from the JSON when it does not."""
    value: float | None = Field(default=None, exclude_if=_absent)
    return value


class Audit(TypedDict):
    """The common part of every trail, as keyword arguments of a trail model."""

    base_year: int
    end_year: int
    year: int
    elapsed_share: float
    threshold_on_track: float
    threshold_behind: float


def audit(spec: Spec, year: int, indicator: Indicator | None = None) -> Audit:
    """The common part of the trail of an indicator of `spec` assessed in `year`; the base year
    is the indicator's baseline year where its spec dates the baseline."""
    base = spec.plan.base_year if indicator is None else spec.base_year_of(indicator)
    end = spec.plan.end_year
    thresholds = spec.scoring.thresholds
    return Audit(
        base_year=base,
        end_year=end,
        year=year,
        elapsed_share=float(Fraction(year - base, end - base)),
        threshold_on_track=float(thresholds.on_track),
        threshold_behind=float(thresholds.behind),
    )


class AuditTrail(BaseModel):
    """What every trail holds: the plan's years, the assessment year and the thresholds."""

    # Validators and serialisers are built on first use, not at import.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    #: The tag of the model in the union `Trail` (a kind's value, or "unmeasured").
    tag: ClassVar[str] = "unmeasured"

    base_year: int
    end_year: int
    year: int = Field(description="the assessment year")
    elapsed_share: float = Field(description="s = (t − B) / (E − B)")
    threshold_on_track: float
    threshold_behind: float


class Unmeasured(AuditTrail):
    """The trail of an indicator whose progress could not be measured (no data)."""


class LevelTrail(AuditTrail):
    """A level target: the value, and with a baseline the paced path."""

    tag: ClassVar[str] = TargetKind.LEVEL.value

    value: float
    baseline: float | None = optional()
    expected: float | None = optional()
    progress: float | None = optional()
    expected_progress: float | None = optional()
    path: Literal["linear", "compound"] | None = Field(default=None, exclude_if=_absent)
    headroom: Literal["yes"] | None = Field(
        default=None,
        exclude_if=_absent,
        description="the baseline already satisfies the target: R is headroom left over expected",
    )
    # A range (`between`): the value's distance to it, the baseline's, and the nearer end.
    distance: float | None = optional()
    baseline_distance: float | None = optional()
    nearer_end: float | None = optional()
    # A target tied to another indicator: its id and its level in the assessment year (T).
    reference: str | None = Field(default=None, exclude_if=_absent)
    reference_value: float | None = optional()
    target_met: YesNo


class EachYearTrail(AuditTrail):
    """An every-year target: the years judged, the years met and the first year missed."""

    tag: ClassVar[str] = TargetKind.EACH_YEAR.value

    years_judged: int
    years_met: int
    missed_years: str | None = Field(
        default=None, exclude_if=_absent, description="the years missed, as 2017, 2019"
    )
    missed_year: int | None = Field(default=None, exclude_if=_absent)
    missed_value: float | None = optional()
    yearly_bound: float | None = optional()
    quantity: Literal["level", "yearly change"]
    target_met: YesNo


class CumulativeTrail(AuditTrail):
    """A cumulative target: the total added since the base year and its pro-rata share."""

    tag: ClassVar[str] = TargetKind.CUMULATIVE.value

    additions_to_date: float
    expected: float
    baseline: float | None = optional()
    target_met: YesNo


class GrowthTrail(AuditTrail):
    """An average-growth target: the growth factor and the average growth in percent."""

    tag: ClassVar[str] = TargetKind.AVERAGE_GROWTH.value

    growth_factor: float
    elapsed_years: int
    average_growth: float
    baseline: float | None = optional()
    value: float | None = optional()
    # A target tied to another indicator: its id, its V_t / V_B and its average growth (%).
    reference: str | None = Field(default=None, exclude_if=_absent)
    reference_growth_factor: float | None = optional()
    reference_growth: float | None = optional()
    target_met: YesNo


class ChangeTrail(AuditTrail):
    """A change target: the change so far and the change expected."""

    tag: ClassVar[str] = TargetKind.CHANGE.value

    growth_factor: float | None = Field(
        default=None, exclude_if=_absent, description="relative changes"
    )
    value: float | None = Field(default=None, exclude_if=_absent, description="absolute changes")
    baseline: float | None = optional()
    change: float
    expected_change: float
    # A target tied to another indicator: its id and its change since the base year (c*).
    reference: str | None = Field(default=None, exclude_if=_absent)
    reference_change: float | None = optional()
    target_met: YesNo


class QualitativeTrail(AuditTrail):
    """A qualitative target: nothing is measured; its status is its assessment's
    (`assessment` in the report), or no_data without one."""

    tag: ClassVar[str] = TargetKind.QUALITATIVE.value

    assessed: YesNo = Field(description="whether an assessment gives the status")


#: The trail model of each kind; a report read back from JSON is validated with these.
TRAILS: dict[TargetKind, type[AuditTrail]] = {
    TargetKind.LEVEL: LevelTrail,
    TargetKind.CUMULATIVE: CumulativeTrail,
    TargetKind.AVERAGE_GROWTH: GrowthTrail,
    TargetKind.CHANGE: ChangeTrail,
    TargetKind.EACH_YEAR: EachYearTrail,
    TargetKind.QUALITATIVE: QualitativeTrail,
}


def _tag(value: object) -> str | None:
    # The JSON does not name the kind: `IndicatorResult` picks the model from its own `kind`.
    return value.tag if isinstance(value, AuditTrail) else None


#: Any result's audit trail, one model per kind (the JSON report's `components`).
Trail = Annotated[
    Annotated[LevelTrail, Tag(LevelTrail.tag)]
    | Annotated[CumulativeTrail, Tag(CumulativeTrail.tag)]
    | Annotated[GrowthTrail, Tag(GrowthTrail.tag)]
    | Annotated[ChangeTrail, Tag(ChangeTrail.tag)]
    | Annotated[EachYearTrail, Tag(EachYearTrail.tag)]
    | Annotated[QualitativeTrail, Tag(QualitativeTrail.tag)]
    | Annotated[Unmeasured, Tag(Unmeasured.tag)],
    Discriminator(_tag),
]


def trail_model(kind: TargetKind, measured: bool) -> type[AuditTrail]:
    """The model of a trail of `kind`: its kind's when measured (`target_met` present); a
    qualitative target's trail is always its own (it never measures)."""
    if kind is TargetKind.QUALITATIVE:
        return QualitativeTrail
    return TRAILS[kind] if measured else Unmeasured


def yes_no(met: bool) -> YesNo:
    """`target_met` as the JSON writes it."""
    return "yes" if met else "no"


def target_met(trail: Trail) -> bool:
    """Whether the trail records the target as met (an unmeasured one records nothing)."""
    if isinstance(trail, Unmeasured | QualitativeTrail):
        return False
    return trail.target_met == "yes"
