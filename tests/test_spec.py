"""Spec loading: the shipped Haidian spec, a national-style plan, and every way a spec can be bad.

Bad specs live in tests/fixtures/specs/invalid/, one defect each. A file's `# expect: TEXT` lines
give, in order, the text each reported problem must contain (one line per problem, no more
problems), and `# expect-line: N` the line every problem must point at. A new case is a new file.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planchk.problems import ProblemCode, Severity
from planchk.quantities import Qualifier
from planchk.spec import (
    Attribute,
    ChangeMode,
    Comparator,
    Direction,
    Path_,
    Reporting,
    Spec,
    SpecError,
    TargetKind,
    bundled_spec_path,
    default_spec_path,
    load_spec,
    parse_spec,
)
from planchk.yamlload import YamlError, load_yaml

REPO = Path(__file__).resolve().parents[1]
SHIPPED_SPEC = REPO / "targets" / "indicators.yaml"
SPECS = Path(__file__).resolve().parent / "fixtures" / "specs"
NATIONAL_SPEC = SPECS / "national.yaml"
MINIMAL_SPEC = SPECS / "minimal.yaml"
INVALID_SPECS = sorted((SPECS / "invalid").glob("*.yaml"))


@pytest.fixture(scope="module")
def shipped_spec() -> Spec:
    return load_spec(SHIPPED_SPEC)


@pytest.fixture(scope="module")
def national_spec() -> Spec:
    return load_spec(NATIONAL_SPEC)


def _raw(path: Path) -> dict[str, Any]:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def _problem_messages(path: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return [problem.message for problem in caught.value.problems]


# --- the shipped spec ------------------------------------------------------------------------


def test_shipped_spec_has_twenty_numbered_indicators(shipped_spec: Spec) -> None:
    assert len(shipped_spec.indicators) == 20
    assert [indicator.no for indicator in shipped_spec.indicators] == list(range(1, 21))
    assert len({indicator.id for indicator in shipped_spec.indicators}) == 20


def test_shipped_spec_has_five_categories_all_used(shipped_spec: Spec) -> None:
    category_ids = [category.id for category in shipped_spec.categories]
    assert len(category_ids) == 5
    assert {indicator.category for indicator in shipped_spec.indicators} == set(category_ids)


def test_shipped_spec_binding_indicators_are_8_and_9(shipped_spec: Spec) -> None:
    attributes = {indicator.no: indicator.attribute for indicator in shipped_spec.indicators}
    assert {no for no, a in attributes.items() if a is Attribute.BINDING} == {8, 9}
    assert {no for no, a in attributes.items() if a is Attribute.EXPECTED} == set(range(1, 21)) - {
        8,
        9,
    }


def test_shipped_spec_plan_period_and_weights(shipped_spec: Spec) -> None:
    assert shipped_spec.plan.base_year == 2015
    assert shipped_spec.plan.end_year == 2020
    weights = shipped_spec.scoring.weights
    assert weights.binding == Decimal(2)
    assert weights.expected == Decimal(1)
    assert weights.of(Attribute.BINDING) == Decimal(2)
    assert weights.of(Attribute.EXPECTED) == Decimal(1)


@pytest.mark.parametrize(
    ("no", "value", "qualifier"),
    [
        (1, Decimal(6151), Qualifier.EXACT),
        (5, Decimal(15600), Qualifier.EXACT),
        (8, Decimal(16300), Qualifier.EXACT),
        (10, Decimal(554), Qualifier.EXACT),
        (12, Decimal(1435), Qualifier.EXACT),
        (13, Decimal(17000), Qualifier.ABOUT),
    ],
)
def test_shipped_spec_baselines(
    shipped_spec: Spec, no: int, value: Decimal, qualifier: Qualifier
) -> None:
    indicator = shipped_spec.indicator(str(no))
    assert indicator is not None
    assert indicator.no == no
    assert indicator.baseline is not None
    assert indicator.baseline.value == value
    assert indicator.baseline.qualifier is qualifier


def test_shipped_spec_values_are_exact_decimals(shipped_spec: Spec) -> None:
    rd_intensity = shipped_spec.indicator("rd-intensity")
    assert rd_intensity is not None
    value = rd_intensity.target.value
    assert isinstance(value, Decimal)
    # Decimal(5.8) would be 5.79999999999999982236431605997495353221893310546875.
    assert value == Decimal("5.8")
    assert str(value) == "5.8"
    scoring = shipped_spec.scoring
    assert scoring.minimum_coverage == Decimal("0.8")
    assert scoring.thresholds.on_track == Decimal("0.95")
    assert scoring.thresholds.behind == Decimal("0.6")
    assert scoring.tolerance.relative == Decimal(5)
    for indicator in shipped_spec.indicators:
        assert type(indicator.target.value) is Decimal, indicator.id
        if indicator.baseline is not None:
            assert type(indicator.baseline.value) is Decimal, indicator.id


def test_shipped_spec_finds_indicators_by_id_number_and_name(shipped_spec: Spec) -> None:
    by_id = shipped_spec.indicator("park-revenue-growth")
    assert by_id is not None
    assert by_id.no == 8
    assert shipped_spec.indicator("８") is by_id  # a full-width digit, as in Chinese tables
    assert shipped_spec.indicator(" 园区总收入年均增速 ") is by_id
    assert shipped_spec.indicator("average annual growth of the park's total revenue") is by_id
    assert shipped_spec.indicator("no-such-indicator") is None
    assert shipped_spec.category("entrepreneurship").name.get("en") == (
        "Innovation and entrepreneurship vitality"
    )


def test_bundled_spec_is_the_shipped_spec() -> None:
    bundled = bundled_spec_path()
    assert bundled.is_file()
    assert bundled.read_text(encoding="utf-8") == SHIPPED_SPEC.read_text(encoding="utf-8"), (
        "the installed package bundles a different indicators.yaml: reinstall planchk"
    )


def test_default_spec_path_prefers_the_working_directory(tmp_path: Path) -> None:
    assert default_spec_path(tmp_path) == bundled_spec_path()
    local = tmp_path / "targets" / "indicators.yaml"
    local.parent.mkdir()
    local.write_text(SHIPPED_SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    assert default_spec_path(tmp_path) == local


# --- a national-style plan: the format is general ----------------------------------------------


@dataclass(frozen=True)
class Expected:
    """How one indicator of national.yaml was written."""

    no: int
    attribute: Attribute
    direction: Direction
    kind: TargetKind
    comparator: Comparator
    value: Decimal
    change: ChangeMode | None = None
    path: Path_ = Path_.LINEAR
    reporting: Reporting = Reporting.LEVEL
    tolerance_absolute: Decimal | None = None
    baseline: Decimal | None = None


NATIONAL = {
    "gdp-growth": Expected(
        1,
        Attribute.EXPECTED,
        Direction.INCREASE,
        TargetKind.AVERAGE_GROWTH,
        Comparator.MORE_THAN,
        Decimal("6.5"),
        baseline=Decimal(676708),
    ),
    "energy-intensity-reduction": Expected(
        2,
        Attribute.BINDING,
        Direction.DECREASE,
        TargetKind.CHANGE,
        Comparator.AT_MOST,
        Decimal(-15),
        change=ChangeMode.RELATIVE,
        reporting=Reporting.YEARLY_CHANGE,
    ),
    "new-construction-land": Expected(
        3,
        Attribute.BINDING,
        Direction.DECREASE,
        TargetKind.CUMULATIVE,
        Comparator.AT_MOST,
        Decimal(3256),
        reporting=Reporting.ADDITION,
        baseline=Decimal(0),
    ),
    "life-expectancy": Expected(
        4,
        Attribute.EXPECTED,
        Direction.INCREASE,
        TargetKind.CHANGE,
        Comparator.AT_LEAST,
        Decimal(1),
        change=ChangeMode.ABSOLUTE,
        baseline=Decimal("76.34"),
    ),
    "urban-unemployment-rate": Expected(
        5,
        Attribute.EXPECTED,
        Direction.DECREASE,
        TargetKind.LEVEL,
        Comparator.LESS_THAN,
        Decimal(5),
    ),
    "forest-coverage": Expected(
        6,
        Attribute.BINDING,
        Direction.INCREASE,
        TargetKind.LEVEL,
        Comparator.ABOUT,
        Decimal("23.04"),
        tolerance_absolute=Decimal("0.2"),
        baseline=Decimal("21.66"),
    ),
    "per-capita-disposable-income": Expected(
        7,
        Attribute.EXPECTED,
        Direction.INCREASE,
        TargetKind.LEVEL,
        Comparator.AT_LEAST,
        Decimal(30000),
        path=Path_.COMPOUND,
        baseline=Decimal(21966),
    ),
    "arable-land": Expected(
        8,
        Attribute.BINDING,
        Direction.INCREASE,
        TargetKind.LEVEL,
        Comparator.AT_LEAST,
        Decimal("18.65"),
        baseline=Decimal("18.65"),
    ),
}


def test_national_spec_loads(national_spec: Spec) -> None:
    assert national_spec.plan.id == "national-13th-fyp-sample"
    assert (national_spec.plan.base_year, national_spec.plan.end_year) == (2015, 2020)
    assert [c.id for c in national_spec.categories] == [
        "economy",
        "resources-environment",
        "livelihood",
    ]
    assert [i.id for i in national_spec.indicators] == list(NATIONAL)


@pytest.mark.parametrize("indicator_id", list(NATIONAL))
def test_national_spec_indicator_fields(national_spec: Spec, indicator_id: str) -> None:
    expected = NATIONAL[indicator_id]
    indicator = national_spec.indicator(indicator_id)
    assert indicator is not None
    target = indicator.target
    assert indicator.no == expected.no
    assert indicator.attribute is expected.attribute
    assert indicator.direction is expected.direction
    assert indicator.reporting is expected.reporting
    assert target.kind is expected.kind
    assert target.comparator is expected.comparator
    assert target.value == expected.value
    assert str(target.value) == str(expected.value)
    assert target.change is expected.change
    assert target.path is expected.path
    if expected.tolerance_absolute is None:
        assert target.tolerance is None
    else:
        assert target.tolerance is not None
        assert target.tolerance.absolute == expected.tolerance_absolute
        assert target.tolerance.relative is None
    if expected.baseline is None:
        assert indicator.baseline is None
    else:
        assert indicator.baseline is not None
        assert indicator.baseline.value == expected.baseline


def test_national_spec_hold_target_equals_its_baseline(national_spec: Spec) -> None:
    arable_land = national_spec.indicator("耕地保有量")
    assert arable_land is not None
    assert arable_land.baseline is not None
    assert arable_land.target.value == arable_land.baseline.value


def test_national_spec_other_fields_as_written(national_spec: Spec) -> None:
    scoring = national_spec.scoring
    assert (scoring.weights.binding, scoring.weights.expected) == (Decimal(3), Decimal(1))
    assert scoring.minimum_coverage == Decimal("0.75")
    assert (scoring.thresholds.on_track, scoring.thresholds.behind) == (
        Decimal("0.9"),
        Decimal("0.5"),
    )
    assert scoring.tolerance.absolute == Decimal("0.5")
    assert national_spec.category("resources-environment").name.get("en") == "资源环境"
    assert national_spec.category("livelihood").name.get("zh") == "People's livelihood"
    life = national_spec.indicator("life-expectancy")
    assert life is not None
    assert life.baseline is not None
    assert life.baseline.qualifier is Qualifier.ABOUT
    assert life.baseline.quote == "人均预期寿命76.34岁"
    assert life.measure is not None
    assert life.measure.en == "Average life expectancy"
    income = national_spec.indicator("per-capita-disposable-income")
    assert income is not None
    assert income.baseline is not None
    assert income.baseline.qualifier is Qualifier.AT_LEAST
    unemployment = national_spec.indicator("urban-unemployment-rate")
    assert unemployment is not None
    assert unemployment.bounds is not None
    assert (unemployment.bounds.min, unemployment.bounds.max) == (Decimal(0), Decimal(100))


def test_national_spec_round_trips_to_what_was_written(national_spec: Spec) -> None:
    """Every field written in the file comes back unchanged, and no other field is set."""
    dumped = national_spec.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == _raw(NATIONAL_SPEC)


def test_minimal_spec_loads() -> None:
    """The base of the invalid/ cases is itself valid, so each case has just its own defect."""
    minimal = load_spec(MINIMAL_SPEC)
    assert [i.id for i in minimal.indicators] == ["output", "emissions"]
    assert minimal.scoring.weights.binding == Decimal(1)


# --- bad specs -------------------------------------------------------------------------------


def _expectations(path: Path) -> tuple[list[str], list[tuple[int | None, int | None]]]:
    """The messages a bad spec must give, and where: `# expect-line: 12` (one line for every
    problem) or `# expect-line: 12:5` (line and column), one per problem in order."""
    messages: list[str] = []
    places: list[tuple[int | None, int | None]] = []
    for text in path.read_text(encoding="utf-8").splitlines():
        if text.startswith("# expect: "):
            messages.append(text.removeprefix("# expect: "))
        elif text.startswith("# expect-line: "):
            line, _, column = text.removeprefix("# expect-line: ").partition(":")
            places.append((int(line), int(column) if column else None))
    if len(places) <= 1:
        places = (places or [(None, None)]) * len(messages)
    return messages, places


def test_every_invalid_spec_states_what_it_expects() -> None:
    assert len(INVALID_SPECS) >= 25
    for path in INVALID_SPECS:
        assert _expectations(path)[0], f"{path.name} has no `# expect:` line"


@pytest.mark.parametrize("path", INVALID_SPECS, ids=[p.stem for p in INVALID_SPECS])
def test_invalid_spec_is_refused_with_located_problems(path: Path) -> None:
    messages, places = _expectations(path)
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    problems = caught.value.problems
    assert len(problems) == len(messages), [p.message for p in problems]
    for problem, message, (line, column) in zip(problems, messages, places, strict=True):
        assert message in problem.message
        assert problem.file == str(path)
        assert problem.code is ProblemCode.INVALID_SPEC
        assert problem.severity is Severity.ERROR
        assert problem.line == line
        assert problem.column_number == column
        # located as validate shows it: file:line:column
        where = str(path) if line is None else f"{path}:{line}"
        where += "" if line is None or column is None else f":{column}"
        assert str(problem).startswith(f"{where}: ")
    assert str(path) in str(caught.value)


def test_all_problems_are_reported_at_once() -> None:
    messages = _problem_messages(SPECS / "invalid" / "two-bad-indicators.yaml")
    assert len(messages) >= 2
    assert any(m.startswith("indicator 1 (output), ") for m in messages)
    assert any(m.startswith("indicator 2 (emissions), ") for m in messages)


def test_indicator_problem_names_number_id_and_field() -> None:
    raw = _raw(SHIPPED_SPEC)
    raw["indicators"][7]["target"]["value"] = "ten percent"
    with pytest.raises(SpecError) as caught:
        parse_spec(raw, "plan.yaml")
    [problem] = caught.value.problems
    assert problem.file == "plan.yaml"
    assert problem.message.startswith("indicator 8 (park-revenue-growth), field target.value: ")


def test_problems_in_the_shipped_spec_are_all_reported() -> None:
    raw = _raw(SHIPPED_SPEC)
    bad = copy.deepcopy(raw)
    bad["indicators"][1]["colour"] = "blue"
    bad["indicators"][7]["direction"] = "decrease"
    bad["indicators"][19]["target"]["comparator"] = "roughly"
    with pytest.raises(SpecError) as caught:
        parse_spec(bad, "plan.yaml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 3, messages
    assert messages[0].startswith("indicator 2 (enterprise-rd-institutions), field colour: ")
    assert messages[1].startswith("indicator 8 (park-revenue-growth), field direction: ")
    assert messages[2].startswith("indicator 20 (import-export-value), field target.comparator: ")


def test_end_year_must_be_after_base_year() -> None:
    raw = _raw(MINIMAL_SPEC)
    for end_year in (2015, 2014):
        raw["plan"]["end_year"] = end_year
        with pytest.raises(SpecError, match="end_year must be after base_year"):
            parse_spec(raw)
    raw["plan"]["end_year"] = 2016
    assert parse_spec(raw).plan.end_year == 2016


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = SPECS / "invalid" / "alias-bomb.yaml"
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        load_spec(bomb)
    elapsed = time.perf_counter() - started
    assert "aliases" in str(caught.value)
    assert elapsed < 2.0


def test_yaml_norway_problem_does_not_hit_the_key_no() -> None:
    assert load_yaml("no: 8\n") == {"no": 8}
    assert load_yaml("a: no\nb: yes\nc: on\nd: off\n") == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "off",
    }
    assert load_yaml("a: true\nb: false\n") == {"a": True, "b": False}
    raw = _raw(MINIMAL_SPEC)
    assert [entry["no"] for entry in raw["indicators"]] == [1, 2]


def test_no_written_as_no_is_a_type_error_not_a_boolean() -> None:
    raw = _raw(MINIMAL_SPEC)
    raw["indicators"][0]["no"] = load_yaml("no")
    with pytest.raises(SpecError) as caught:
        parse_spec(raw)
    [problem] = caught.value.problems
    assert problem.message.startswith("indicator no (output), field no: ")


def test_missing_spec_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(SpecError) as caught:
        load_spec(missing)
    [problem] = caught.value.problems
    assert problem.file == str(missing)
    assert "cannot read the spec" in problem.message


def test_directory_as_spec_path(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path)
    [problem] = caught.value.problems
    assert problem.file == str(tmp_path)
    assert "cannot read the spec" in problem.message


def test_non_utf8_spec_file(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    text = MINIMAL_SPEC.read_text(encoding="utf-8").replace("Minimal plan", "Plan für Köln")
    latin1.write_bytes(text.encode("latin-1"))
    with pytest.raises(SpecError) as caught:
        load_spec(latin1)
    [problem] = caught.value.problems
    assert problem.file == str(latin1)
    assert "cannot read the spec" in problem.message
    assert "utf-8" in problem.message


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + MINIMAL_SPEC.read_bytes())
    assert load_spec(with_bom).plan.id == "minimal"


def test_control_character_is_refused_with_its_line(tmp_path: Path) -> None:
    spec = tmp_path / "bell.yaml"
    text = MINIMAL_SPEC.read_text(encoding="utf-8").replace("{en: Emissions}", "{en: Emis\asions}")
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    [problem] = caught.value.problems
    expected_line = text.splitlines().index("    name: {en: Emis\asions}") + 1
    assert problem.line == expected_line
    assert "#x0007" in problem.message


@pytest.mark.parametrize("raw", [None, [], "spec", 3])
def test_parse_spec_refuses_what_is_not_a_mapping(raw: object) -> None:
    with pytest.raises(SpecError, match="must be a mapping"):
        parse_spec(raw, "given.yaml")


def test_yaml_errors_carry_a_line_number() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("a: 1\nb: [1, 2\nc: 3\n")
    assert caught.value.line == 3
    assert caught.value.message.startswith("not valid YAML: ")
    with pytest.raises(YamlError) as duplicate:
        load_yaml("a: 1\nb: 2\na: 3\n")
    assert duplicate.value.line == 3
    assert duplicate.value.message == "duplicate key 'a'"


@pytest.mark.parametrize(
    "text",
    ["? [a, b]\n: 1\n", "? {a: 1}\n: 1\n", "{[a]: 1}\n", "!!set {? [a]}\n"],
    ids=["sequence", "mapping", "flow", "set"],
)
def test_yaml_unhashable_keys_are_yaml_errors(text: str) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text)
    assert caught.value.line == 1


@pytest.mark.parametrize(
    "text", ["0700", "0x700", "0o17", "0b101", "7:00", "1_000", ".inf", ".NaN"]
)
def test_yaml_numbers_only_in_plain_decimal(text: str) -> None:
    # YAML 1.1 reads these as 448, 1792, 15, 5, 420, 1000, inf and nan.
    assert load_yaml(f"a: {text}\n") == {"a": text}


@pytest.mark.parametrize(
    ("text", "value"), [("700", 700), ("-7", -7), ("0", 0), ("5.8", 5.8), ("7e2", 700.0)]
)
def test_plain_yaml_numbers_are_numbers(text: str, value: float) -> None:
    loaded = load_yaml(f"a: {text}\n")["a"]
    assert loaded == value
    assert type(loaded) is type(value)


def test_a_number_of_thousands_of_digits_is_refused() -> None:
    with pytest.raises(YamlError, match="thousands of digits"):
        load_yaml("a: " + "9" * 5000 + "\n")


def test_a_range_target_has_no_region_override() -> None:
    raw: dict[str, Any] = {
        "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
        "categories": [{"id": "c", "name": {"en": "C"}}],
        "indicators": [
            {
                "no": 1,
                "id": "x",
                "category": "c",
                "name": {"en": "X"},
                "unit": {"en": "%"},
                "attribute": "binding",
                "direction": "decrease",
                "target": {
                    "kind": "level",
                    "comparator": "between",
                    "range": {"min": 4.5, "max": 5.5},
                },
            }
        ],
        "regions": {"A": {"x": {"target": {"value": 5}}}},
    }
    with pytest.raises(SpecError, match=r"field regions\.A\.x\.target: a range target"):
        parse_spec(raw)
    raw["regions"] = {"A": {"x": {"baseline": {"value": 6}}}}
    assert parse_spec(raw).for_region("A").indicators[0].baseline is not None


def test_a_dumped_spec_reads_back_as_it_was() -> None:
    spec = load_spec(SHIPPED_SPEC)
    assert parse_spec(spec.model_dump(mode="json", exclude_none=True)) == spec
