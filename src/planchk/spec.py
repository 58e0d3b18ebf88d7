"""The indicator spec: what a plan promises, as validated, frozen models.

A spec is a YAML file with the plan's metadata, its scoring policy, its categories and one entry
per indicator. Unknown keys are rejected, and every error names the file, the indicator (number
and id) and the field. See the README's "Spec format" for the fields in prose.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from planchk.problems import InputError, Problem, ProblemCode, Severity
from planchk.quantities import Qualifier, normalise_text

SPEC_FILE_NAME = "indicators.yaml"
DEFAULT_SPEC_PATH = Path("targets") / SPEC_FILE_NAME


def _to_decimal(value: object) -> object:
    """Accept YAML ints, floats and numeric strings as exact decimals.

    A YAML float such as 5.8 arrives as the nearest binary float; its shortest repr is what the
    author wrote, so the Decimal is built from that and not from the float's binary expansion.
    """
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except ArithmeticError:
            raise ValueError("expected a number") from None
        if not number.is_finite():
            raise ValueError("expected a finite number")
        return number
    return value


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


class Comparator(StrEnum):
    """达到 (at_least), 超过 (more_than), 控制在…以内 (at_most), 低于 (less_than), 左右 (about)."""

    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    ABOUT = "about"

    @property
    def symbol(self) -> str:
        return _COMPARATOR_SYMBOLS[self]


_COMPARATOR_SYMBOLS = {
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
    Comparator.ABOUT: "≈",
}


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


class Target(_Frozen):
    """The end-of-plan target.

    `value` is in the indicator's unit for `level` and `cumulative` targets and for absolute
    changes; it is a percentage for `average_growth` (per year) and relative changes. Decreases
    are negative: 年均下降3% is `value: -3`; 累计降低15% is `value: -15`.
    """

    kind: TargetKind
    comparator: Comparator
    value: Number
    tolerance: Tolerance | None = None
    change: ChangeMode | None = None
    path: Path_ = Path_.LINEAR

    @property
    def in_percent(self) -> bool:
        """Whether the value is a percentage change: growth a year, or a relative change."""
        return self.kind is TargetKind.AVERAGE_GROWTH or self.change is ChangeMode.RELATIVE

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.kind is TargetKind.CHANGE and self.change is None:
            raise ValueError("a change target needs `change: relative` or `change: absolute`")
        if self.kind is not TargetKind.CHANGE and self.change is not None:
            raise ValueError("`change` applies only to targets of kind change")
        if self.kind is not TargetKind.LEVEL and self.path is not Path_.LINEAR:
            raise ValueError("`path` applies only to targets of kind level")
        if self.tolerance is not None and self.comparator is not Comparator.ABOUT:
            raise ValueError("`tolerance` applies only to the comparator about")
        if self.in_percent and self.value <= -100:
            raise ValueError("a percentage change must be above -100")
        return self


class Baseline(_Frozen):
    """The base-year value of the indicator's measure, with where it comes from."""

    value: Number
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
    attribute: Attribute
    direction: Direction
    target: Target
    baseline: Baseline | None = None
    reporting: Reporting = Reporting.LEVEL
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

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        problems: list[Located] = []
        comparator = self.target.comparator
        if comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN) and (
            self.direction is Direction.DECREASE
        ):
            problems.append(
                (
                    ("direction",),
                    f"comparator {comparator} means more is better, but direction is decrease",
                )
            )
        if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN) and (
            self.direction is Direction.INCREASE
        ):
            problems.append(
                (
                    ("direction",),
                    f"comparator {comparator} means less is better, but direction is increase",
                )
            )
        kind = self.target.kind
        if self.reporting is Reporting.ADDITION and kind is not TargetKind.CUMULATIVE:
            problems.append(
                (("reporting",), "reporting `addition` goes with targets of kind cumulative")
            )
        if self.reporting is Reporting.YEARLY_CHANGE and not (
            kind is TargetKind.AVERAGE_GROWTH or self.target.change is ChangeMode.RELATIVE
        ):
            problems.append(
                (
                    ("reporting",),
                    "reporting `yearly_change` goes with average_growth or relative change targets",
                )
            )
        if problems:
            raise _located_error(problems)
        return self


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

    @model_validator(mode="after")
    def _years(self) -> PlanInfo:
        if self.end_year <= self.base_year:
            raise ValueError("end_year must be after base_year")
        return self


class Category(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: LocalText


class TargetOverride(_Frozen):
    """A region's own target for an indicator: its value, and optionally its comparator and
    tolerance. The kind (and the change mode) stay the plan's."""

    value: Number
    comparator: Comparator | None = None
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
        categories = [f"category #{n}" for n in range(1, len(self.categories) + 1)]
        indicators = [f"indicator {i.no} ({i.id})" for i in self.indicators]
        problems = [
            *_duplicates(
                "categories", "id", "category id", [c.id for c in self.categories], categories
            ),
            *_duplicates(
                "indicators", "id", "indicator id", [i.id for i in self.indicators], indicators
            ),
            *_duplicates(
                "indicators", "no", "indicator no", [i.no for i in self.indicators], indicators
            ),
        ]
        known = {c.id for c in self.categories}
        for index, indicator in enumerate(self.indicators):
            if indicator.category not in known:
                problems.append(
                    (
                        ("indicators", index, "category"),
                        f"unknown category {indicator.category!r}; "
                        f"categories are {', '.join(sorted(known))}",
                    )
                )
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


def _key(name: str) -> str:
    return normalise_text(name).casefold()


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
        update["target"] = indicator.target.model_copy(update=target)
    return indicator.model_copy(update=update)


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
            problems.append((("regions", region), f"the same region as {seen[key]!r}"))
        seen.setdefault(key, region)
        for indicator_id, override in overrides.items():
            place: tuple[int | str, ...] = ("regions", region, indicator_id)
            indicator = by_id.get(indicator_id)
            if indicator is None:
                problems.append((place, f"unknown indicator id {indicator_id!r}"))
                continue
            target = override.target
            if target is None:
                continue
            comparator = target.comparator or indicator.target.comparator
            increase = comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
            decrease = comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
            if (increase and indicator.direction is Direction.DECREASE) or (
                decrease and indicator.direction is Direction.INCREASE
            ):
                problems.append(
                    (
                        (*place, "target", "comparator"),
                        f"comparator {comparator} contradicts the indicator's direction "
                        f"{indicator.direction}",
                    )
                )
            if target.tolerance is not None and comparator is not Comparator.ABOUT:
                problems.append(
                    (
                        (*place, "target", "tolerance"),
                        "`tolerance` applies only to the comparator about",
                    )
                )
            if indicator.target.in_percent and target.value <= -100:
                problems.append(
                    ((*place, "target", "value"), "a percentage change must be above -100")
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
                    f"duplicate {what} {value!r}, already used by {names[first[value]]}",
                )
            )
        else:
            first[value] = index
    return problems


# --- loading -------------------------------------------------------------------------------


class SpecError(InputError):
    """A spec that cannot be used."""


def bundled_spec_path() -> Path:
    """The Haidian spec shipped inside the package."""
    return Path(str(resources.files("planchk") / "specs" / SPEC_FILE_NAME))


def default_spec_path(cwd: Path | None = None) -> Path:
    """`targets/indicators.yaml` under the working directory if present, else the bundled spec."""
    local = (cwd or Path.cwd()) / DEFAULT_SPEC_PATH
    return local if local.is_file() else bundled_spec_path()


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file; raise `SpecError` naming file, indicator and field."""
    from planchk.yamlload import YamlError, load_yaml  # noqa: PLC0415 - keeps yaml off start-up

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(
            [_spec_problem(str(path), f"cannot read the spec: {_reason(exc)}")]
        ) from None
    try:
        raw = load_yaml(text)
    except YamlError as exc:
        raise SpecError([_spec_problem(str(path), exc.message, exc.line)]) from None
    return parse_spec(raw, str(path))


def parse_spec(raw: object, file: str = "<spec>") -> Spec:
    """Validate already-parsed YAML/JSON data as a spec."""
    if not isinstance(raw, dict):
        raise SpecError(
            [_spec_problem(file, "the spec must be a mapping with plan, categories and indicators")]
        )
    try:
        return Spec.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        inner = [err["loc"] for err in errors]
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
                    _spec_problem(file, f"{_where(raw, (*loc, *below))}: {message}")
                    for below, message in located
                )
            else:
                problems.append(_spec_problem(file, f"{_where(raw, loc)}: {_describe(err)}"))
        raise SpecError(problems) from None


def _where(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """Name the place of an error: `indicator 8 (park-revenue-growth), field target.value`."""
    parts = [str(p) for p in loc]
    if len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
        entries = raw.get("indicators")
        label = f"indicator #{loc[1] + 1} in the list"
        if (
            isinstance(entries, list)
            and loc[1] < len(entries)
            and isinstance(entries[loc[1]], dict)
        ):
            entry = entries[loc[1]]
            label = f"indicator {entry.get('no', '?')} ({entry.get('id', '?')})"
        field = ".".join(parts[2:])
        return f"{label}, field {field}" if field else label
    if len(loc) >= 2 and loc[0] == "categories" and isinstance(loc[1], int):
        field = ".".join(parts[2:])
        return f"category #{loc[1] + 1}" + (f", field {field}" if field else "")
    return f"field {'.'.join(parts)}" if parts else "spec"


def _describe(err: Any) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid"))
    if kind == "extra_forbidden":
        return "unknown key (check its spelling; see `planchk schema spec`)"
    if kind == "missing":
        return "required field is missing"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if "input" in err and kind not in ("model_type", "dict_type"):
        shown = repr(err["input"])
        if len(shown) <= 40:
            return f"{msg} (got {shown})"
    return msg


def _spec_problem(file: str, message: str, line: int | None = None) -> Problem:
    return Problem(ProblemCode.INVALID_SPEC, Severity.ERROR, message, file, line)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
