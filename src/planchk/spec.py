"""The indicator spec: what a plan promises, as validated, frozen models.

A spec is a YAML file with the plan's metadata, its scoring policy, its categories and one entry
per indicator. Unknown keys are rejected, and every error names the file, the indicator (number
and id) and the field. See the README's "Spec format" for the fields in prose.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from planchk.language import Lang
from planchk.messages import Message, indicator_ref, joined, msg, said
from planchk.problems import InputError, Problem, ProblemCode, Severity
from planchk.quantities import RANGE, Qualifier, in_range, normalise_text

if TYPE_CHECKING:
    from planchk.yamlload import Positions

SPEC_FILE_NAME = "indicators.yaml"
DEFAULT_SPEC_PATH = Path("targets") / SPEC_FILE_NAME
#: The largest spec read (the Haidian spec has 11 kB): `--spec /dev/zero` is refused, not read
#: until memory runs out.
MAX_SPEC_BYTES = 10_000_000


# Only plain decimal numbers: 5,8 is not 58, 0700 is not octal 448, 7:00 is not 420.
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _to_decimal(value: object) -> object:
    """Accept YAML ints, floats and plain decimal strings as exact decimals.

    A YAML float such as 5.8 arrives as the nearest binary float; its shortest repr is what the
    author wrote, so the Decimal is built from that and not from the float's binary expansion.
    Only plain decimal numbers are accepted (`planchk.yamlload` leaves 0700, 0x700, 7:00 and
    1_000 as text), within the range planchk computes with.
    """
    if isinstance(value, bool):
        raise _number_error(msg("expected a number, not a boolean"))
    if isinstance(value, float):
        if math.isnan(value):
            raise _number_error(msg("expected a finite number"))
        number = Decimal(repr(value)) if math.isfinite(value) else None
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if _PLAIN_DECIMAL.fullmatch(text) is None:
            raise _number_error(
                msg(
                    "expected a plain decimal number such as 5.8 or 700 (no comma, leading "
                    "zero, underscore, 0x or colon)"
                )
            )
        number = Decimal(text)
    else:
        return value
    if number is None or not in_range(number):
        raise _number_error(msg("out of the range planchk accepts ({range})", range=RANGE))
    return number


# A number field's own error type: its message is shown as written, without pydantic's
# "Value error, " prefix.
_NUMBER_ERROR = "spec_number"


def _number_error(message: Message) -> PydanticCustomError:
    # the message rides in the context, where it stays a message (the text is made a str)
    return PydanticCustomError(_NUMBER_ERROR, "{message}", {"message": message})


Number = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    PlainSerializer(float, return_type=float, when_used="json"),
]


class _Frozen(BaseModel):
    # Validators are built on first use, not at import: `planchk --help` never needs them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# A problem found by a model validator, at a place below the model it checks: ("direction",),
# ("indicators", 8, "id"). Pydantic puts a model validator's error at the model itself; carrying
# the place lets `parse_spec` name the field, and carrying a list reports every problem at once.
Located: TypeAlias = tuple[tuple[int | str, ...], str]
_LOCATED = "spec_located"


def _located_error(problems: list[Located]) -> PydanticCustomError:
    summary = "; ".join(f"{'.'.join(str(p) for p in loc)}: {message}" for loc, message in problems)
    return PydanticCustomError(_LOCATED, "{summary}", {"summary": summary, "problems": problems})


class Attribute(StrEnum):
    """约束性 (binding: must be met) or 预期性 (expected: anticipated)."""

    BINDING = "binding"
    EXPECTED = "expected"


#: The attributes as messages say them: their stable values, and their official terms in Chinese.
ATTRIBUTE_WORDS: dict[Attribute, Message] = {
    Attribute.BINDING: msg("binding"),
    Attribute.EXPECTED: msg("expected"),
}


class Direction(StrEnum):
    """Which way is better for the indicator's measure."""

    INCREASE = "increase"
    DECREASE = "decrease"

    @property
    def sign(self) -> int:
        return 1 if self is Direction.INCREASE else -1


class TargetKind(StrEnum):
    """What is judged: the measure's level, a running total, an average growth, a change."""

    LEVEL = "level"
    CUMULATIVE = "cumulative"
    AVERAGE_GROWTH = "average_growth"
    CHANGE = "change"
    EACH_YEAR = "each_year"
    QUALITATIVE = "qualitative"


#: The target kinds as people read them.
KIND_WORDS: dict[TargetKind, Message] = {
    TargetKind.LEVEL: msg("level"),
    TargetKind.CUMULATIVE: msg("cumulative"),
    TargetKind.AVERAGE_GROWTH: msg("average_growth"),
    TargetKind.CHANGE: msg("change"),
    TargetKind.EACH_YEAR: msg("each_year"),
    TargetKind.QUALITATIVE: msg("qualitative"),
}


class Comparator(StrEnum):
    """达到 (at_least), 超过 (more_than), 控制在…以内 (at_most), 低于 (less_than), 左右 (about)."""

    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    ABOUT = "about"
    BETWEEN = "between"

    @property
    def symbol(self) -> str:
        return _COMPARATOR_SYMBOLS[self]


_COMPARATOR_SYMBOLS = {
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
    Comparator.ABOUT: "≈",
    Comparator.BETWEEN: "∈",
}

#: The words a planner writes in a spec for the stable English values: the plan's own terms.
#: A value read with one of them is kept, and written to JSON, as its English value.
CHINESE_WORDS: dict[type[StrEnum], dict[str, str]] = {
    Attribute: {"约束性": "binding", "预期性": "expected"},
    Direction: {
        "增加": "increase",
        "越大越好": "increase",
        "减少": "decrease",
        "越小越好": "decrease",
    },
    Comparator: {
        "达到": "at_least",
        "不低于": "at_least",
        "不少于": "at_least",
        "超过": "more_than",
        "高于": "more_than",
        "控制在…以内": "at_most",
        "控制在...以内": "at_most",
        "控制在以内": "at_most",
        "以内": "at_most",
        "不超过": "at_most",
        "不高于": "at_most",
        "低于": "less_than",
        "左右": "about",
        "之间": "between",
        "区间": "between",
    },
}


def _english_value(enum: type[StrEnum]) -> Callable[[Any], Any]:
    words = CHINESE_WORDS[enum]

    def english(value: Any) -> Any:
        return words.get(value.strip(), value) if isinstance(value, str) else value

    return english


def _word_schema(enum: type[StrEnum]) -> WithJsonSchema:
    """The JSON Schema of a field that takes `enum`'s values or the plan's words for them, so
    that an editor checking the spec accepts 约束性 as it accepts binding."""
    values = [member.value for member in enum]
    return WithJsonSchema(
        {
            "enum": [*values, *CHINESE_WORDS[enum]],
            "type": "string",
            "description": f"{', '.join(values)}, or the plan's words for them",
        }
    )


#: An attribute, direction or comparator as a spec may write it: in English or the plan's words.
AttributeWord = Annotated[
    Attribute, BeforeValidator(_english_value(Attribute)), _word_schema(Attribute)
]
DirectionWord = Annotated[
    Direction, BeforeValidator(_english_value(Direction)), _word_schema(Direction)
]
ComparatorWord = Annotated[
    Comparator, BeforeValidator(_english_value(Comparator)), _word_schema(Comparator)
]

#: The kinds whose value can be held within a range (`comparator: between`).
RANGE_KINDS = frozenset({"level", "each_year"})
#: The kinds of target that may be tied to another indicator (`reference`).
REFERENCE_KINDS = frozenset({"average_growth", "level", "change"})


class ChangeMode(StrEnum):
    """A `change` target measures change relative to the baseline (%) or in the measure's unit."""

    RELATIVE = "relative"
    ABSOLUTE = "absolute"


class Path_(StrEnum):
    """The expected path of a level target from baseline to target."""

    LINEAR = "linear"
    COMPOUND = "compound"


class Reporting(StrEnum):
    """What a data row reports for the indicator."""

    LEVEL = "level"
    ADDITION = "addition"
    YEARLY_CHANGE = "yearly_change"
    CHANGE_FROM_BASE = "change_from_base"


class PriceBasis(StrEnum):
    """The prices a money measure is valued at: comparable (可比价, constant prices, for real
    growth) or current (现价, nominal)."""

    COMPARABLE = "comparable"
    CURRENT = "current"


class LocalText(_Frozen):
    """A text in Chinese and English; at least one is required."""

    zh: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one_language(self) -> LocalText:
        if not (self.zh or self.en):
            raise ValueError("give at least one of zh or en")
        return self

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to the other language."""
        first, second = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return first or second or ""


class Tolerance(_Frozen):
    """How far from an `about` target still counts as meeting it: absolute, or percent of it."""

    absolute: Number | None = Field(default=None, ge=0)
    relative: Number | None = Field(
        default=None, ge=0, le=100, description="percent of the target value"
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Tolerance:
        if (self.absolute is None) == (self.relative is None):
            raise ValueError("give exactly one of absolute or relative")
        return self

    def width(self, target: Decimal) -> Decimal:
        """The tolerance in the target's own terms."""
        if self.absolute is not None:
            return self.absolute
        assert self.relative is not None
        return abs(target) * self.relative / 100


class TargetRange(_Frozen):
    """The range of a `between` target, ends included (城镇调查失业率4.5%-5.5%)."""

    min: Number
    max: Number

    @model_validator(mode="after")
    def _ordered(self) -> TargetRange:
        if self.min > self.max:
            raise ValueError(
                msg(
                    "the range's min ({min}) must not be above its max ({max})",
                    min=self.min,
                    max=self.max,
                )
            )
        return self


class Target(_Frozen):
    """The end-of-plan target.

    `value` is in the indicator's unit for `level` and `cumulative` targets and for absolute
    changes; it is a percentage for `average_growth` (per year) and relative changes. Decreases
    are negative: 年均下降3% is `value: -3`; 累计降低15% is `value: -15`.
    """

    kind: TargetKind
    comparator: ComparatorWord | None = Field(
        default=None, description="how the value is judged; none for a qualitative target"
    )
    value: Number | None = Field(
        default=None,
        description="the target; for `between`, set from the range's max; none for a "
        "qualitative target",
    )
    text: LocalText | None = Field(
        default=None,
        description="a qualitative target's words (保持在合理区间), judged only by an assessment",
    )
    range: TargetRange | None = Field(
        default=None, description="for `between`: the range {min, max} the value must stay in"
    )
    tolerance: Tolerance | None = None
    change: ChangeMode | None = None
    path: Path_ = Path_.LINEAR
    reference: str | None = Field(
        default=None,
        description="another indicator's id: the target value is that indicator's measured "
        "value of the same quantity over the same years: its average growth for a growth "
        "target (全员劳动生产率增长高于GDP增长), its level in the assessment year for a level "
        "target, its change since the base year for a change target; no `value`",
    )
    aspirational: bool = Field(
        default=False,
        description="力争: judged and shown, but neither scored nor failing (one of `targets`)",
    )

    @model_validator(mode="before")
    @classmethod
    def _value_of_range(cls, data: Any) -> Any:
        # A range target is written without a value; `value` carries the range's max so that
        # code reading one number finds one. The kinds judge a range by both ends.
        if isinstance(data, dict) and "reference" in data:
            if "value" in data:
                raise ValueError(
                    msg(
                        "a target tied to another indicator (`reference`) takes its value from "
                        "that indicator's measured value: leave out `value`"
                    )
                )
            # `value` is unused for such a target: the kind measures the reference instead.
            return {**data, "value": 0}
        if (
            isinstance(data, dict)
            and _english_value(Comparator)(data.get("comparator")) == "between"
        ):
            if "value" in data:
                raise ValueError(
                    msg(
                        "a `between` target is written with `range: {form}`, not `value`",
                        form="{min, max}",
                    )
                )
            found = data.get("range")
            if not isinstance(found, dict) or "max" not in found or "min" not in found:
                raise ValueError(
                    msg("a `between` target needs `range: {form}`", form="{min: …, max: …}")
                )
            return {**data, "value": found["max"]}
        return data

    @property
    def in_percent(self) -> bool:
        """Whether the value is a percentage change: growth a year, or a relative change."""
        return self.kind is TargetKind.AVERAGE_GROWTH or self.change is ChangeMode.RELATIVE

    @property
    def is_qualitative(self) -> bool:
        """Whether the target is words judged only by an assessment (`kind: qualitative`)."""
        return self.kind is TargetKind.QUALITATIVE

    @property
    def number(self) -> Decimal:
        """The target value of a quantitative target (every kind but qualitative has one)."""
        if self.value is None:
            raise ValueError("a qualitative target has no value")
        return self.value

    @property
    def relation(self) -> Comparator:
        """The comparator of a quantitative target (every kind but qualitative has one)."""
        if self.comparator is None:
            raise ValueError("a qualitative target has no comparator")
        return self.comparator

    @model_validator(mode="after")
    def _qualitative(self) -> Target:
        if self.kind is TargetKind.QUALITATIVE:
            given = [
                name
                for name in ("comparator", "value", "range", "tolerance", "change")
                if getattr(self, name) is not None
            ]
            if given:
                raise ValueError(
                    msg(
                        "a qualitative target is words judged by an assessment: give "
                        "`text: {form}` without {fields}",
                        form="{zh: …, en: …}",
                        fields=", ".join(f"`{n}`" for n in given),
                    )
                )
            if self.text is None:
                raise ValueError(
                    msg("a qualitative target needs `text: {form}`", form="{zh: …, en: …}")
                )
            if self.path is not Path_.LINEAR:
                raise ValueError(msg("a qualitative target has no path"))
            return self
        if self.text is not None:
            raise ValueError(msg("`text` applies only to targets of kind qualitative"))
        if self.comparator is None:
            raise ValueError(
                msg("a {kind} target needs a `comparator`", kind=KIND_WORDS[self.kind])
            )
        if self.value is None:
            raise ValueError(msg("a {kind} target needs a `value`", kind=KIND_WORDS[self.kind]))
        return self

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.is_qualitative:
            return self
        if self.kind is TargetKind.CHANGE and self.change is None:
            raise ValueError(msg("a change target needs `change: relative` or `change: absolute`"))
        if self.kind is not TargetKind.CHANGE and self.change is not None:
            raise ValueError(msg("`change` applies only to targets of kind change"))
        if self.kind is not TargetKind.LEVEL and self.path is not Path_.LINEAR:
            raise ValueError(msg("`path` applies only to targets of kind level"))
        if self.tolerance is not None and self.comparator is not Comparator.ABOUT:
            raise ValueError(msg("`tolerance` applies only to the comparator about"))
        if self.comparator is Comparator.BETWEEN and self.path is not Path_.LINEAR:
            raise ValueError(msg("a `between` target is paced linearly: leave out `path`"))
        if self.range is not None and self.comparator is not Comparator.BETWEEN:
            raise ValueError(msg("`range` applies only to the comparator between"))
        if self.comparator is Comparator.BETWEEN and self.kind.value not in RANGE_KINDS:
            raise ValueError(
                msg(
                    "the comparator between holds a value in a range: it applies to targets of "
                    "kind level or each_year, not {kind}",
                    kind=KIND_WORDS[self.kind],
                )
            )
        if self.in_percent and self.number <= -100:
            raise ValueError(msg("a percentage change must be above -100"))
        if self.reference is not None and self.kind.value not in REFERENCE_KINDS:
            raise ValueError(
                msg(
                    "a target tied to another indicator (`reference`) applies to targets of "
                    "kind average_growth (高于GDP增长, 与经济增长基本同步), level or change, not "
                    "{kind}",
                    kind=KIND_WORDS[self.kind],
                )
            )
        if self.reference is not None and self.comparator is Comparator.BETWEEN:
            raise ValueError(
                msg(
                    "a target tied to another indicator (`reference`) is compared with one "
                    "value: it takes no range (comparator between)"
                )
            )
        return self


class Baseline(_Frozen):
    """The base-year value of the indicator's measure, with where it comes from."""

    value: Number
    year: int | None = Field(
        default=None,
        description="the year the baseline is from, where it is not the plan's base year "
        "(带*的为2019年数据): the elapsed share, the path and growth run from it",
    )
    qualifier: Qualifier = Qualifier.EXACT
    source: str | None = None
    quote: str | None = None


class Bounds(_Frozen):
    """Plausible range of a reported value, in the indicator's unit (`out-of-range` outside)."""

    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("`min` must not exceed `max`")
        return self


class ChangeBound(_Frozen):
    """The largest plausible change of a reported value on the previous year's value.

    `relative` is a percentage of the previous year's value; `absolute` is in the indicator's
    unit. For rows reported as `yearly_change` (already a change in percent) either one bounds
    the size of the reported change. A change beyond it is an `implausible-change` warning.
    """

    absolute: Number | None = Field(default=None, gt=0)
    relative: Number | None = Field(default=None, gt=0, description="percent of the previous year")

    @model_validator(mode="after")
    def _exactly_one(self) -> ChangeBound:
        if (self.absolute is None) == (self.relative is None):
            raise ValueError("give exactly one of absolute or relative")
        return self


class Indicator(_Frozen):
    """One row of the plan's indicator table."""

    no: int = Field(ge=1, description="the indicator's number in the plan's table")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="stable id: lower case, - or _")
    category: str
    name: LocalText
    measure: LocalText | None = Field(
        default=None, description="what the data reports, where it differs from the name"
    )
    unit: LocalText = Field(description="the unit data rows report the measure in")
    attribute: AttributeWord
    direction: DirectionWord
    target_: Target | None = Field(
        default=None, alias="target", description="the target; or give several as `targets`"
    )
    targets: tuple[Target, ...] = Field(
        default=(),
        description="several targets on the indicator (GDP: 92.7万亿元 and 6.5% a year), each "
        "judged; the indicator takes the worse status and the lower score",
    )
    baseline: Baseline | None = None
    reporting: Reporting = Reporting.LEVEL
    price_basis: PriceBasis | None = Field(
        default=None,
        description="the prices the measure is valued at (comparable 可比价 or current 现价); "
        "rows in the other basis are never used for its growth or change",
    )
    weight: Number | None = Field(
        default=None,
        ge=0,
        description="the indicator's weight in category and overall scores, overriding its "
        "attribute's weight in scoring.weights",
    )
    bounds: Bounds | None = None
    max_change: ChangeBound | None = Field(
        default=None,
        description="largest plausible change on the previous year (validate warns beyond it); "
        "default: 50% for indicators that are not running totals",
    )
    note: str | None = None
    responsible: str | None = Field(
        default=None,
        description="the department responsible for the indicator (责任单位), shown in the "
        "fill-in workbooks of `planchk template`",
    )

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        serialize_by_alias=True,  # a dump says `target`, as the spec does, and reads back
        json_schema_extra={"oneOf": [{"required": ["target"]}, {"required": ["targets"]}]},
    )

    @model_validator(mode="before")
    @classmethod
    def _one_target_field(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        # `target: null` (or an empty YAML value) gives no target, as if it were left out
        has_one, has_many = data.get("target") is not None, "targets" in data
        if has_one and has_many and data["targets"] in ([], ()):
            # what a one-target indicator's model_dump gives: read it back as it was
            data = {key: value for key, value in data.items() if key != "targets"}
            has_many = False
        if has_one and has_many:
            raise _located_error(
                [
                    (
                        ("targets",),
                        msg(
                            "give either `target` (one target) or `targets` (a list of "
                            "several), not both"
                        ),
                    )
                ]
            )
        if not (has_one or has_many):
            raise _located_error(
                [(("target",), msg("required field is missing: give `target` (or `targets`)"))]
            )
        found = data.get("targets")
        if has_many and isinstance(found, list) and len(found) < 2:
            raise _located_error(
                [
                    (
                        ("targets",),
                        msg("`targets` lists two or more targets; write a single one as `target`"),
                    )
                ]
            )
        return data

    @property
    def target(self) -> Target:
        """The indicator's target; of several (`targets`), the first."""
        if self.target_ is not None:
            return self.target_
        return self.targets[0]

    @property
    def all_targets(self) -> tuple[Target, ...]:
        """Every target of the indicator: the one `target`, or each of `targets`."""
        return self.targets or (self.target,)

    @property
    def several_targets(self) -> bool:
        return len(self.targets) > 1

    def with_target(self, target: Target) -> Indicator:
        """The indicator judged against `target` alone (one of its `targets`)."""
        return self.model_copy(update={"target_": target, "targets": ()})

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        problems: list[Located] = []
        if self.several_targets:
            if all(t.aspirational for t in self.targets):
                problems.append(
                    (
                        ("targets",),
                        msg(
                            "every target is aspirational (力争): at least one must be a target "
                            "the indicator is judged by"
                        ),
                    )
                )
            for index, target in enumerate(self.targets):
                if target.is_qualitative:
                    problems.append(
                        (
                            ("targets", index, "kind"),
                            msg(
                                "a qualitative target stands alone: write it as `target`, and "
                                "judge the indicator by an assessment (--assessments)"
                            ),
                        )
                    )
                problems.extend(
                    ((("targets", index, *place[1:]) if place[0] == "target" else place), msg)
                    for place, msg in self._target_problems(target)
                )
        elif self.target.aspirational:
            problems.append(
                (
                    ("target", "aspirational"),
                    msg(
                        "a single target cannot be aspirational (力争): list it in `targets` "
                        "beside the target the indicator is judged by"
                    ),
                )
            )
        else:
            problems.extend(self._target_problems(self.target))
        if problems:
            raise _located_error(problems)
        return self

    def _target_problems(self, target: Target) -> list[Located]:
        """What contradicts the indicator in one target: its comparator against the direction,
        its kind against the reporting."""
        problems: list[Located] = []
        comparator = target.comparator
        if comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN) and (
            self.direction is Direction.DECREASE
        ):
            problems.append(
                (
                    ("direction",),
                    msg(
                        "comparator {comparator} means more is better, but direction is decrease",
                        comparator=comparator.value,
                    ),
                )
            )
        if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN) and (
            self.direction is Direction.INCREASE
        ):
            problems.append(
                (
                    ("direction",),
                    msg(
                        "comparator {comparator} means less is better, but direction is increase",
                        comparator=comparator.value,
                    ),
                )
            )
        misfit = _target_misfit(self.reporting, target)
        if misfit is not None:
            problems.append((("reporting",), msg("reporting {misfit}", misfit=misfit)))
        return problems

    def reporting_misfit(self, mode: Reporting) -> str | None:
        """Why the indicator's target (any of several) cannot use figures reported as `mode`
        (the spec's `reporting`, or a data row's own `reported_as`), or None when it can."""
        for target in self.all_targets:
            misfit = _target_misfit(mode, target)
            if misfit is not None:
                return misfit
        return None

    def row_reporting_misfit(self, mode: Reporting) -> str | None:
        """Why a data row of the indicator cannot be reported as `mode`, or None.

        Growth targets and relative change targets chain a row's figure with the others' (a
        level, a yearly change, a change since the base year: `chains_rows`); other targets
        judge each year's figure as the spec's `reporting` names it, so their rows report that.
        """
        misfit = self.reporting_misfit(mode)
        if misfit is not None:
            return misfit
        if mode is not self.reporting and not self.chains_rows:
            return msg(
                "`{mode}` differs from the spec's reporting `{reporting}`: only growth "
                "and relative change targets can mix the ways rows are reported",
                mode=mode.value,
                reporting=self.reporting.value,
            )
        return None

    @property
    def chains_rows(self) -> bool:
        """Whether the target is judged on the change since the base year in percent, which
        rows reported in different ways (levels, yearly changes, changes since the base year)
        can give together."""
        return all(target.in_percent for target in self.all_targets)

    @property
    def reports_percent_change(self) -> bool:
        """Whether a data row holds a change in percent: a yearly change, or a relative change
        since the base year."""
        return self.is_percent_change(self.reporting)

    def is_percent_change(self, mode: Reporting) -> bool:
        """Whether a figure reported as `mode` is a change in percent: a yearly change, or a
        relative change since the base year."""
        if mode is Reporting.YEARLY_CHANGE:
            return True
        return mode is Reporting.CHANGE_FROM_BASE and self.target.change is not ChangeMode.ABSOLUTE


def _target_misfit(mode: Reporting, target: Target) -> str | None:
    """Why `target` cannot be judged from figures reported as `mode`, or None when it can."""
    kind = target.kind
    if kind is TargetKind.QUALITATIVE:
        # judged by an assessment, never from its figures; they may still be another
        # indicator's reference (GDP growth for 全员劳动生产率增长高于GDP增长), in any reporting
        return None
    if mode is Reporting.ADDITION and kind is not TargetKind.CUMULATIVE:
        return msg("`addition` goes with targets of kind cumulative")
    if mode is Reporting.YEARLY_CHANGE and not (
        kind in (TargetKind.AVERAGE_GROWTH, TargetKind.EACH_YEAR)
        or target.change is ChangeMode.RELATIVE
    ):
        return msg("`yearly_change` goes with average_growth, each_year or relative change targets")
    if mode is Reporting.CHANGE_FROM_BASE and kind not in (
        TargetKind.CHANGE,
        TargetKind.AVERAGE_GROWTH,
    ):
        return msg(
            "`change_from_base` (比2015年下降18.8%) goes with change or average_growth targets"
        )
    return None


class Thresholds(_Frozen):
    """Progress-ratio thresholds: on track at or above `on_track`, behind at or above `behind`."""

    on_track: Number = Field(default=Decimal("0.95"), gt=0)
    behind: Number = Field(default=Decimal("0.60"), gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.behind > self.on_track:
            raise ValueError("`behind` must not exceed `on_track`")
        return self


class Weights(_Frozen):
    """Weights of indicators in category and overall scores, by attribute."""

    binding: Number = Field(default=Decimal(1), ge=0)
    expected: Number = Field(default=Decimal(1), ge=0)

    def of(self, attribute: Attribute) -> Decimal:
        return self.binding if attribute is Attribute.BINDING else self.expected

    def of_indicator(self, indicator: Indicator) -> Decimal:
        """The indicator's own `weight` where the spec gives one, else its attribute's."""
        if indicator.weight is not None:
            return indicator.weight
        return self.of(indicator.attribute)


class Scoring(_Frozen):
    """The plan-wide scoring policy."""

    weights: Weights = Weights.model_construct()
    minimum_coverage: Number = Field(
        default=Decimal("0.8"), ge=0, le=1, description="share of indicators that must have a score"
    )
    thresholds: Thresholds = Thresholds.model_construct()
    tolerance: Tolerance = Field(
        default=Tolerance.model_construct(relative=Decimal(5)),
        description="default tolerance of `about` targets",
    )


class PlanInfo(_Frozen):
    """Plan metadata."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: LocalText
    issuer: LocalText | None = None
    document: str | None = Field(
        default=None, description="document number, e.g. 海政发〔2016〕40号"
    )
    base_year: int = Field(ge=1900, le=2200)
    end_year: int = Field(ge=1900, le=2200)
    source: str | None = None
    language: Lang = Field(
        default=Lang.EN,
        description="the language planchk reports in: en or zh (PLANCHK_LANG and --lang "
        "override it)",
    )

    @model_validator(mode="after")
    def _years(self) -> PlanInfo:
        if self.end_year <= self.base_year:
            raise ValueError(msg("end_year must be after base_year"))
        return self


class Category(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: LocalText


class TargetOverride(_Frozen):
    """A region's own target for an indicator: its value, and optionally its comparator and
    tolerance. The kind (and the change mode) stay the plan's."""

    value: Number
    comparator: ComparatorWord | None = None
    tolerance: Tolerance | None = None


class RegionIndicator(_Frozen):
    """Where a region's plan differs from the plan for one indicator: baseline, target or both."""

    baseline: Baseline | None = None
    target: TargetOverride | None = None

    @model_validator(mode="after")
    def _something(self) -> RegionIndicator:
        if self.baseline is None and self.target is None:
            raise ValueError("give the region's baseline, its target, or both")
        return self


class Spec(_Frozen):
    """A whole plan: metadata, scoring policy, categories and indicators."""

    schema_: Literal[1] = Field(default=1, alias="schema", description="spec format version")
    plan: PlanInfo
    scoring: Scoring = Scoring.model_construct()
    categories: tuple[Category, ...] = Field(min_length=1)
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    regions: dict[str, dict[str, RegionIndicator]] = Field(
        default_factory=dict,
        description="per-region baselines and targets: region name -> indicator id -> values "
        "that differ from the plan's (for data with a region column)",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
    _index: dict[str, Indicator] = PrivateAttr(default_factory=dict)
    _region_names: dict[str, str] = PrivateAttr(default_factory=dict)
    _region_specs: dict[str, Spec] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _references(self) -> Spec:
        categories: list[str] = [
            msg("category #{number}", number=n) for n in range(1, len(self.categories) + 1)
        ]
        indicators: list[str] = [
            msg("indicator {indicator}", indicator=_named(i)) for i in self.indicators
        ]
        problems = [
            *_duplicates(
                "categories", "id", msg("category id"), [c.id for c in self.categories], categories
            ),
            *_duplicates(
                "indicators", "id", msg("indicator id"), [i.id for i in self.indicators], indicators
            ),
            *_duplicates(
                "indicators", "no", msg("indicator no"), [i.no for i in self.indicators], indicators
            ),
            *_name_clashes(self.indicators),
        ]
        known = {c.id for c in self.categories}
        for index, indicator in enumerate(self.indicators):
            if indicator.category not in known:
                problems.append(
                    (
                        ("indicators", index, "category"),
                        msg(
                            "unknown category {category!r}; categories are {known}",
                            category=indicator.category,
                            known=", ".join(sorted(known)),
                        ),
                    )
                )
        problems.extend(_baseline_year_problems(self))
        problems.extend(_weight_problems(self))
        problems.extend(_reference_problems(self))
        problems.extend(_region_problems(self))
        if problems:
            raise _located_error(problems)
        return self

    def model_post_init(self, context: Any, /) -> None:
        self._build_index()

    def _build_index(self) -> None:
        index: dict[str, Indicator] = {}
        for ind in self.indicators:
            for name in (ind.id, str(ind.no), ind.name.zh, ind.name.en):
                if name:
                    index.setdefault(_key(name), ind)
        self._index = index
        self._region_specs = {}
        self._region_names = {_key(name): name for name in self.regions}

    def indicator(self, key: str) -> Indicator | None:
        """Find an indicator by id, number, or Chinese or English name (as data rows name them)."""
        found = self._index.get(key)  # ids and numbers, as most rows name them
        return found if found is not None else self._index.get(_key(key))

    def for_region(self, region: str | None) -> Spec:
        """The plan as it applies to `region`: its own baselines and targets where the spec's
        `regions` section gives them, the plan's everywhere else. Without overrides: `self`."""
        if region is None or not self.regions:
            return self
        name = self._region_names.get(_key(region))
        if name is None:
            return self
        cached = self._region_specs.get(name)
        if cached is None:
            overrides = self.regions[name]
            indicators = tuple(_override(ind, overrides.get(ind.id)) for ind in self.indicators)
            cached = self.model_copy(update={"indicators": indicators, "regions": {}})
            cached._build_index()
            self._region_specs[name] = cached
        return cached

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def base_year_of(self, indicator: Indicator) -> int:
        """The year an indicator's progress runs from: its baseline's year, else the plan's."""
        if indicator.baseline is not None and indicator.baseline.year is not None:
            return indicator.baseline.year
        return self.plan.base_year


def name_key(name: str) -> str:
    """How indicator names, ids and numbers are matched: full-width folded, spaces trimmed,
    any case."""
    return normalise_text(name).casefold()


_key = name_key


def region_key(name: str) -> str:
    """How region names are matched: full-width characters folded, spaces trimmed, any case."""
    return _key(name)


def _override(indicator: Indicator, region: RegionIndicator | None) -> Indicator:
    """`indicator` with a region's own baseline and target (checked by `_region_problems`)."""
    if region is None:
        return indicator
    update: dict[str, Any] = {}
    if region.baseline is not None:
        update["baseline"] = region.baseline
    if region.target is not None:
        target: dict[str, Any] = {"value": region.target.value}
        if region.target.comparator is not None:
            target["comparator"] = region.target.comparator
        if region.target.tolerance is not None:
            target["tolerance"] = region.target.tolerance
        update["target_"] = indicator.target.model_copy(update=target)
    return indicator.model_copy(update=update)


def _baseline_year_problems(spec: Spec) -> list[Located]:
    """Baselines dated outside the plan period, or in its end year (no progress could follow).

    The year before the base year is allowed: a plan written in its base year gives the latest
    figure it has (the 14th Five-Year Plan's 带*的为2019年数据, for a plan from 2020)."""
    plan = spec.plan
    problems: list[Located] = []
    for index, indicator in enumerate(spec.indicators):
        baseline = indicator.baseline
        if baseline is None or baseline.year is None:
            continue
        if not plan.base_year - 1 <= baseline.year < plan.end_year:
            problems.append(
                (
                    ("indicators", index, "baseline", "year"),
                    msg(
                        "the baseline's year must be from {first}, the year before the plan's "
                        "base year, to {last}, the year before its end year (got {year})",
                        first=plan.base_year - 1,
                        last=plan.end_year - 1,
                        year=baseline.year,
                    ),
                )
            )
    return problems


def _weight_problems(spec: Spec) -> list[Located]:
    """Every indicator weighing 0 (its own `weight`, else its attribute's in `scoring.weights`):
    no category or overall score can exist, and the report would blame the coverage."""
    weights = spec.scoring.weights
    if any(weights.of_indicator(indicator) for indicator in spec.indicators):
        return []
    if all(indicator.weight is not None for indicator in spec.indicators):
        where: tuple[str | int, ...] = ("indicators", 0, "weight")
    else:
        where = ("scoring", "weights")
    return [
        (
            where,
            msg(
                "every indicator's weight is 0 (its own `weight`, else its attribute's in "
                "scoring.weights), so no category or overall score can be computed; give some "
                "indicators a weight above 0"
            ),
        )
    ]


def _target_place(indicator: Indicator, number: int) -> tuple[int | str, ...]:
    """Where an indicator's target `number` (from 0) stands: `target`, or `targets.N`."""
    return ("targets", number) if indicator.several_targets else ("target",)


def references_of(indicator: Indicator) -> list[tuple[int, str]]:
    """(place among the indicator's targets, referenced id) of each target tied to another."""
    return [
        (number, target.reference)
        for number, target in enumerate(indicator.all_targets)
        if target.reference is not None
    ]


def _reference_problems(spec: Spec) -> list[Located]:
    """References to an unknown indicator, to itself, to one whose data cannot give the
    quantity the target compares (`reference_mismatch`), and cycles of references."""
    by_id = {ind.id: ind for ind in spec.indicators}
    problems: list[Located] = []
    for index, indicator in enumerate(spec.indicators):
        for number, ref in references_of(indicator):
            place = ("indicators", index, *_target_place(indicator, number), "reference")
            other = by_id.get(ref)
            if other is None:
                problems.append(
                    (
                        place,
                        msg(
                            "unknown indicator id {ref!r}: expected the id of another indicator",
                            ref=ref,
                        ),
                    )
                )
            elif other is indicator:
                problems.append((place, msg("an indicator cannot be its own reference")))
            else:
                target = indicator.all_targets[number]
                mismatch = reference_mismatch(spec, indicator, target, other)
                if mismatch is not None:
                    problems.append((place, mismatch))
    problems.extend(_reference_cycles(spec, by_id))
    return problems


def reference_mismatch(
    spec: Spec, indicator: Indicator, target: Target, other: Indicator
) -> str | None:
    """Why `other` cannot give the value `target` (of `indicator`) compares with, or None.

    A growth or change target compares the reference over the same years, so both run from
    the same base year; a level or absolute change is compared in the same unit; a change
    is compared in the same mode (relative or absolute) as the reference's own change target.
    """
    named = _named(other)
    if target.kind is TargetKind.LEVEL:
        if other.reporting is not Reporting.LEVEL:
            return msg(
                "indicator {indicator} is reported as {reporting}, which gives no level: "
                "expected an indicator reported as levels",
                indicator=named,
                reporting=other.reporting.value,
            )
        return _unit_mismatch(indicator, other)
    if other.reporting is Reporting.ADDITION:
        what = msg("average growth") if target.kind is TargetKind.AVERAGE_GROWTH else msg("change")
        return msg(
            "indicator {indicator} reports additions, which give no {what}: expected an "
            "indicator reported as levels, yearly changes or changes since the base year",
            indicator=named,
            what=what,
        )
    if spec.base_year_of(other) != spec.base_year_of(indicator):
        return msg(
            "indicator {indicator} runs from {other_year}, this one from {year}: a reference "
            "is measured over the same years, so both need the same base year",
            indicator=named,
            other_year=spec.base_year_of(other),
            year=spec.base_year_of(indicator),
        )
    if target.kind is not TargetKind.CHANGE:
        return None
    modes = {t.change for t in other.all_targets if t.kind is TargetKind.CHANGE}
    if modes and target.change not in modes:
        shown = joined([_MODE_WORDS[m] for m in sorted(modes, key=str) if m is not None])
        return msg(
            "the change target of indicator {indicator} is {shown}, this one is {mode}: "
            "expected a reference whose change target has the same mode",
            indicator=named,
            shown=shown,
            mode=_MODE_WORDS[target.change] if target.change is not None else "None",
        )
    if target.change is ChangeMode.ABSOLUTE:
        in_unit = other.reporting is Reporting.CHANGE_FROM_BASE and modes == {ChangeMode.ABSOLUTE}
        if other.reporting is not Reporting.LEVEL and not in_unit:
            return msg(
                "indicator {indicator} is reported as {reporting} in percent, which gives no "
                "change in its unit: expected an indicator reported as levels, or as changes "
                "since the base year with an absolute change target",
                indicator=named,
                reporting=other.reporting.value,
            )
        return _unit_mismatch(indicator, other)
    return None


#: The change modes as a message about references says them.
_MODE_WORDS = {ChangeMode.RELATIVE: msg("relative"), ChangeMode.ABSOLUTE: msg("absolute")}


def _unit_mismatch(indicator: Indicator, other: Indicator) -> str | None:
    """A level or absolute change compared with another indicator's needs the same unit."""
    if (indicator.unit.zh, indicator.unit.en) == (other.unit.zh, other.unit.en):
        return None
    return msg(
        "indicator {indicator} is in {unit}, this one in {own_unit}: expected a reference in "
        "the same unit",
        indicator=_named(other),
        unit=_unit_text(other),
        own_unit=_unit_text(indicator),
    )


def _named(indicator: Indicator) -> Message:
    """An indicator as a spec problem's message names it: by number and Chinese name in zh."""
    return indicator_ref(indicator.no, indicator.id, indicator.name.zh)


def _unit_text(indicator: Indicator) -> str:
    return " / ".join(u for u in (indicator.unit.zh, indicator.unit.en) if u) or msg("no unit")


def _reference_cycles(spec: Spec, by_id: dict[str, Indicator]) -> list[Located]:
    """A problem at the first reference of each cycle of references (a → b → a)."""
    edges = {
        ind.id: [ref for _, ref in references_of(ind) if ref in by_id and ref != ind.id]
        for ind in spec.indicators
    }
    problems: list[Located] = []
    reported: set[frozenset[str]] = set()
    for index, indicator in enumerate(spec.indicators):
        path = _cycle_from(indicator.id, edges)
        if path is None or frozenset(path) in reported:
            continue
        reported.add(frozenset(path))
        number = next(n for n, ref in references_of(indicator) if ref == path[1])
        problems.append(
            (
                ("indicators", index, *_target_place(indicator, number), "reference"),
                msg(
                    "a cycle of references: {path}: expected a reference to an indicator whose "
                    "target does not lead back here",
                    path=" → ".join(path),
                ),
            )
        )
    return problems


def _cycle_from(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """The ids of a cycle through `start` (start, …, start), or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in edges.get(node, []):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def _region_problems(spec: Spec) -> list[Located]:
    """Region overrides that name no indicator, or whose target contradicts the indicator."""
    by_id = {ind.id: ind for ind in spec.indicators}
    seen: dict[str, str] = {}
    problems: list[Located] = []
    for region, overrides in spec.regions.items():
        key = _key(region)
        if not key:
            problems.append((("regions", region), "a region needs a name"))
        elif key in seen:
            problems.append(
                (("regions", region), msg("the same region as {other!r}", other=seen[key]))
            )
        seen.setdefault(key, region)
        for indicator_id, override in overrides.items():
            place: tuple[int | str, ...] = ("regions", region, indicator_id)
            indicator = by_id.get(indicator_id)
            if indicator is None:
                problems.append((place, msg("unknown indicator id {id!r}", id=indicator_id)))
                continue
            target = override.target
            if target is None:
                continue
            if indicator.target.is_qualitative:
                problems.append(
                    (
                        (*place, "target"),
                        "a qualitative target has no value for a region to override: a region's "
                        "verdict is an assessment with its region (--assessments)",
                    )
                )
                continue
            if any(t.reference is not None for t in indicator.all_targets):
                problems.append(
                    (
                        (*place, "target"),
                        f"indicator {indicator.no} ({indicator.id}) has a target tied to "
                        "another indicator, whose value comes from that indicator's data: "
                        "give the region's baseline only",
                    )
                )
                continue
            if indicator.several_targets:
                problems.append(
                    (
                        (*place, "target"),
                        f"indicator {indicator.no} ({indicator.id}) has several targets "
                        "(`targets`), which a region override cannot replace one by one: a "
                        "region keeps the plan's targets; give the region's baseline only",
                    )
                )
                continue
            comparator = target.comparator or indicator.target.comparator
            if Comparator.BETWEEN in (comparator, indicator.target.comparator):
                problems.append(
                    (
                        (*place, "target"),
                        "a range target (comparator between) has no region override: a region "
                        "keeps the plan's range; give the region's baseline only",
                    )
                )
                continue
            increase = comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
            decrease = comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
            if (increase and indicator.direction is Direction.DECREASE) or (
                decrease and indicator.direction is Direction.INCREASE
            ):
                problems.append(
                    (
                        (*place, "target", "comparator"),
                        msg(
                            "comparator {comparator} contradicts the indicator's direction "
                            "{direction}",
                            comparator=str(comparator),
                            direction=indicator.direction.value,
                        ),
                    )
                )
            if target.tolerance is not None and comparator is not Comparator.ABOUT:
                problems.append(
                    (
                        (*place, "target", "tolerance"),
                        msg("`tolerance` applies only to the comparator about"),
                    )
                )
            if indicator.target.in_percent and target.value <= -100:
                problems.append(
                    ((*place, "target", "value"), "a percentage change must be above -100")
                )
    return problems


def _name_clashes(indicators: tuple[Indicator, ...]) -> list[Located]:
    """Names that a data row could not resolve to one indicator: a name that is another
    indicator's id or number, or a name two indicators share (compared as rows are matched:
    full-width folded, spaces trimmed, any case)."""
    labels = [msg("indicator {indicator}", indicator=_named(i)) for i in indicators]
    ids_and_numbers: dict[str, tuple[int, str]] = {}
    for index, ind in enumerate(indicators):
        ids_and_numbers.setdefault(_key(ind.id), (index, msg("id")))
        ids_and_numbers.setdefault(str(ind.no), (index, msg("number")))
    named: dict[str, int] = {}
    problems: list[Located] = []
    for index, ind in enumerate(indicators):
        for lang in ("zh", "en"):
            name = getattr(ind.name, lang)
            if not name:
                continue
            key = _key(name)
            place: tuple[int | str, ...] = ("indicators", index, "name", lang)
            other = ids_and_numbers.get(key)
            if other is not None and other[0] != index:
                problems.append(
                    (
                        place,
                        msg(
                            "the name {name!r} is the {what} of {other}: a data row naming it "
                            "would be ambiguous",
                            name=name,
                            what=other[1],
                            other=labels[other[0]],
                        ),
                    )
                )
            first = named.setdefault(key, index)
            if first != index:
                problems.append(
                    (
                        place,
                        msg(
                            "the name {name!r} is also the name of {other}: a data row naming "
                            "it would be ambiguous",
                            name=name,
                            other=labels[first],
                        ),
                    )
                )
    return problems


def _duplicates(
    section: str, field: str, what: str, values: list[Any], names: list[str]
) -> list[Located]:
    """A problem for each value already used by an earlier entry, placed at the later entry."""
    first: dict[Any, int] = {}
    problems: list[Located] = []
    for index, value in enumerate(values):
        if value in first:
            problems.append(
                (
                    (section, index, field),
                    msg(
                        "duplicate {what} {value!r}, already used by {other}",
                        what=what,
                        value=value,
                        other=names[first[value]],
                    ),
                )
            )
        else:
            first[value] = index
    return problems


# --- loading -------------------------------------------------------------------------------


class SpecError(InputError):
    """A spec that cannot be used."""


def bundled_spec_path() -> Path:
    """The Haidian spec shipped inside the package. An editable install runs planchk from its
    source checkout, where the wheel's copy (`force-include` in pyproject.toml) is not made:
    there it is the checkout's own `targets/indicators.yaml`, the file the wheel copies."""
    shipped = Path(str(resources.files("planchk") / "specs" / SPEC_FILE_NAME))
    if shipped.is_file():
        return shipped
    checkout = Path(__file__).resolve().parents[2] / DEFAULT_SPEC_PATH
    return checkout if checkout.is_file() else shipped


def default_spec_path(cwd: Path | None = None) -> Path:
    """`targets/indicators.yaml` under the working directory if present, else the bundled spec."""
    local = (cwd or Path.cwd()) / DEFAULT_SPEC_PATH
    return local if local.is_file() else bundled_spec_path()


def language_of(path: str | Path) -> Lang | None:
    """The `plan.language` a spec file sets, read without checking the rest of it: the language
    to tell a spec's own problems in. None when the file does not say (or cannot be read).
    Only a regular file of at most `MAX_SPEC_BYTES` is read: a pipe read here would be empty
    when the spec is loaded, and a device might never end."""
    try:
        found = Path(path)
        if not found.is_file() or found.stat().st_size > MAX_SPEC_BYTES:
            return None
        return language_in(found.read_bytes())
    except OSError:  # an unreadable spec simply does not say
        return None


def language_in(data: bytes) -> Lang | None:
    """The `plan.language` a spec file's bytes set (`language_of`), None when they do not say."""
    try:
        import yaml  # noqa: PLC0415

        # libyaml where it is installed (as load_yaml reads specs): the pure-Python parser
        # took 22.6 ms for the Haidian spec, libyaml 2.6 ms (median of 9, in turns)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(data.decode("utf-8"), Loader=loader)
        value = raw["plan"]["language"]
        return Lang(value)
    except Exception:  # any unreadable spec simply does not say
        return None


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file; raise `SpecError` naming file, indicator and field."""
    path = Path(path)
    return spec_of(read_spec_file(path), path)


def read_spec_file(path: Path) -> bytes:
    """A spec file's bytes (at most `MAX_SPEC_BYTES`); `SpecError` when it cannot be read."""
    from planchk.inputfiles import InputFileError, read_bytes  # noqa: PLC0415

    try:
        return read_bytes(path, MAX_SPEC_BYTES)
    except InputFileError as exc:
        raise SpecError(
            [_spec_problem(str(path), msg("cannot read the spec: {reason}", reason=said(exc)))]
        ) from None
    except OSError as exc:
        raise SpecError(
            [_spec_problem(str(path), msg("cannot read the spec: {reason}", reason=_reason(exc)))]
        ) from None


def spec_of(data: bytes, path: Path) -> Spec:
    """The spec in a spec file's bytes (`read_spec_file`); `SpecError` naming file, indicator
    and field."""
    from planchk.yamlload import (  # noqa: PLC0415 - keeps yaml off start-up
        Positions,
        YamlError,
        load_yaml,
    )

    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped
    except UnicodeDecodeError as exc:
        raise SpecError(
            [_spec_problem(str(path), msg("cannot read the spec: {reason}", reason=_reason(exc)))]
        ) from None
    try:
        raw = load_yaml(text)
    except YamlError as exc:
        raise SpecError([_spec_problem(str(path), exc.message, exc.line)]) from None
    return parse_spec(raw, str(path), lambda: Positions(text))


#: Builds the positions of a parsed document's values when problems need them.
PositionsOf: TypeAlias = "Callable[[], Positions] | None"


def parse_spec(raw: object, file: str = "<spec>", positions: PositionsOf = None) -> Spec:
    """Validate already-parsed YAML/JSON data as a spec.

    With `positions` (how to find where each value stands in the file), every problem carries
    the line and column of the field it is about, so `--format github` annotates that line.
    """
    if not isinstance(raw, dict):
        raise SpecError(
            [_spec_problem(file, "the spec must be a mapping with plan, categories and indicators")]
        )
    try:
        return Spec.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        inner = [err["loc"] for err in errors]
        found = positions() if positions is not None else None

        def problem(message: str, loc: tuple[int | str, ...]) -> Problem:
            place = None if found is None else found.of(loc)
            line, column = (None, None) if place is None else place
            return Problem(
                ProblemCode.INVALID_SPEC, Severity.ERROR, message, file, line, None, column
            )

        problems: list[Problem] = []
        for err in errors:
            loc = err["loc"]
            if err["type"] == "too_short" and any(
                len(other) > len(loc) and other[: len(loc)] == loc for other in inner
            ):
                continue  # "at least 1 item" only because every item failed: noise beside those
            if err["type"] == _LOCATED:
                located: list[Located] = err.get("ctx", {}).get("problems", [])
                problems.extend(
                    problem(
                        msg(
                            "{place}: {problem}", place=_where(raw, (*loc, *below)), problem=message
                        ),
                        (*loc, *below),
                    )
                    for below, message in located
                )
            else:
                problems.append(
                    problem(
                        msg("{place}: {problem}", place=_where(raw, loc), problem=_describe(err)),
                        loc,
                    )
                )
        raise SpecError(problems) from None


def _where(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """Name the place of an error: `indicator 8 (park-revenue-growth), field target.value`."""
    parts = [str(p) for p in loc]
    if len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
        entries = raw.get("indicators")
        label: str = msg("indicator #{number} in the list", number=loc[1] + 1)
        if (
            isinstance(entries, list)
            and loc[1] < len(entries)
            and isinstance(entries[loc[1]], dict)
        ):
            entry = entries[loc[1]]
            name = entry.get("name")
            label = msg(
                "indicator {indicator}",
                # as written, whatever it is: the spec is being refused
                indicator=indicator_ref(
                    str(entry.get("no", "?")),
                    str(entry.get("id", "?")),
                    str(name["zh"]) if isinstance(name, dict) and "zh" in name else None,
                ),
            )
        field = ".".join(parts[2:])
        return msg("{place}, field {field}", place=label, field=field) if field else label
    if len(loc) >= 2 and loc[0] == "categories" and isinstance(loc[1], int):
        field = ".".join(parts[2:])
        category = msg("category #{number}", number=loc[1] + 1)
        return msg("{place}, field {field}", place=category, field=field) if field else category
    return msg("field {field}", field=".".join(parts)) if parts else msg("spec")


def _describe(err: Any) -> str:
    kind = err.get("type", "")
    text: str = str(err.get("msg", "invalid"))
    if kind == "extra_forbidden":
        return msg("unknown key (check its spelling; see `planchk schema spec`)")
    if kind == "missing":
        return msg("required field is missing")
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    error = err.get("ctx", {}).get("error")
    if kind == "value_error" and isinstance(error, ValueError):
        text = said(error)  # the message itself, to be said in the reader's language
    if kind == _NUMBER_ERROR and isinstance(err.get("ctx", {}).get("message"), Message):
        text = err["ctx"]["message"]
    if kind in ("model_type", "dict_type"):
        field = err.get("loc", ("",))[-1]
        got = _kind_of(err.get("input"))
        if field in _TEXT_FIELDS:
            return msg(
                "expected a text in Chinese, English or both, such as {{zh: 单位, en: unit}}, "
                "got {got}",
                got=got,
            )
        return msg(
            "expected a mapping of fields (key: value, as in {{min: 4.5, max: 5.5}}), got {got}",
            got=got,
        )
    if kind == "too_short":
        return msg("needs at least one entry")
    bounds = {
        "greater_than_equal": (msg("at least"), "ge"),
        "greater_than": (msg("above"), "gt"),
        "less_than_equal": (msg("at most"), "le"),
        "less_than": (msg("below"), "lt"),
    }
    choices = re.findall(r"'[^']*'", str(err.get("ctx", {}).get("expected", "")))
    if kind == "enum" and len(choices) >= 2:
        text = msg(
            "expected {choices} or {last}", choices=", ".join(choices[:-1]), last=choices[-1]
        )
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        text = msg("expected a whole number")
    elif kind in bounds:
        words, key = bounds[kind]
        text = msg(
            "expected a number {bound} {limit}", bound=words, limit=str(err.get("ctx", {}).get(key))
        )
    elif text.startswith("Input should be "):
        text = "expected " + text.removeprefix("Input should be ")
    if "input" in err and not isinstance(err["input"], dict):  # a mapping is shown by its line
        shown = repr(err["input"])
        if len(shown) <= 40:
            return msg("{problem} (got {shown})", problem=text, shown=shown)
    return text


#: The fields that hold a `LocalText` ({zh, en}).
_TEXT_FIELDS = frozenset({"name", "measure", "unit", "title", "issuer", "text"})


def _kind_of(value: object) -> str:
    """What a planner wrote where a mapping belongs, in words: a list, a number, 'Emissions'."""
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float | Decimal):
        return f"the number {value}"
    shown = repr(value)
    return shown if len(shown) <= 40 else "a text"


def _spec_problem(file: str, message: str, line: int | None = None) -> Problem:
    return Problem(ProblemCode.INVALID_SPEC, Severity.ERROR, message, file, line)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
