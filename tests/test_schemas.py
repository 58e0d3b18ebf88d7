"""The committed JSON Schemas match the models, and the shipped spec validates against its schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from planchk.schemas import SchemaName, schema_json
from planchk.yamlload import load_yaml

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parents[1] / "schemas"
SHIPPED_SPEC = REPO / "targets" / "indicators.yaml"
NATIONAL_SPEC = Path(__file__).resolve().parent / "fixtures" / "specs" / "national.yaml"


def _committed_spec_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / "spec.schema.json").read_text(encoding="utf-8"))
    return schema


def _spec_schema_errors(instance: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(_committed_spec_schema())
    return [error.message for error in validator.iter_errors(instance)]


def _raw(path: Path) -> dict[str, Any]:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


@pytest.mark.parametrize("name", list(SchemaName))
def test_committed_schema_is_up_to_date(name: SchemaName) -> None:
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert schema_json(name) == committed, (
        f"schemas/{name}.schema.json is out of date: "
        f"run `planchk schema {name} > schemas/{name}.schema.json`"
    )


@pytest.mark.parametrize("name", list(SchemaName))
def test_generated_schema_is_a_valid_2020_12_schema(name: SchemaName) -> None:
    schema = json.loads(schema_json(name))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", [SHIPPED_SPEC, NATIONAL_SPEC], ids=["shipped", "national"])
def test_spec_validates_against_the_json_schema(path: Path) -> None:
    assert _spec_schema_errors(_raw(path)) == []


@pytest.mark.parametrize(
    "where",
    ["top level", "plan", "indicator", "target"],
)
def test_unknown_key_fails_the_json_schema(where: str) -> None:
    raw = copy.deepcopy(_raw(SHIPPED_SPEC))
    place = {
        "top level": raw,
        "plan": raw["plan"],
        "indicator": raw["indicators"][7],
        "target": raw["indicators"][7]["target"],
    }[where]
    place["colour"] = "blue"
    errors = _spec_schema_errors(raw)
    assert errors, f"an unknown key at the {where} passed the JSON Schema"
    assert any("colour" in error for error in errors), errors


def test_missing_required_field_fails_the_json_schema() -> None:
    raw = copy.deepcopy(_raw(SHIPPED_SPEC))
    del raw["indicators"][0]["unit"]
    assert any("'unit' is a required property" in error for error in _spec_schema_errors(raw))


def test_an_indicator_needs_target_or_targets_not_both_in_the_json_schema() -> None:
    raw = copy.deepcopy(_raw(SHIPPED_SPEC))
    first = raw["indicators"][0]
    target = first.pop("target")
    assert any("is not valid under any of the given schemas" in e for e in _spec_schema_errors(raw))
    first["targets"] = [target, {**target, "aspirational": True}]
    assert _spec_schema_errors(raw) == []
    first["target"] = target
    assert any("is valid under each of" in e for e in _spec_schema_errors(raw))


def test_shipped_spec_points_editors_at_the_schema() -> None:
    first_line = SHIPPED_SPEC.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/spec.schema.json"
    pointed_at = SHIPPED_SPEC.parent / first_line.split("$schema=", 1)[1]
    assert pointed_at.resolve() == (SCHEMAS / "spec.schema.json").resolve()
    assert pointed_at.is_file()


def test_national_fixture_points_editors_at_the_schema() -> None:
    first_line = NATIONAL_SPEC.read_text(encoding="utf-8").splitlines()[0]
    pointed_at = NATIONAL_SPEC.parent / first_line.split("$schema=", 1)[1]
    assert pointed_at.resolve() == (SCHEMAS / "spec.schema.json").resolve()


def test_the_golden_report_validates_against_the_report_schema() -> None:
    # Each indicator's audit trail matches exactly one trail model of the schema (oneOf).
    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    report = json.loads((REPO / "tests" / "golden" / "report-2018.json").read_text("utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(report)]
    assert errors == []
    broken = copy.deepcopy(report)
    broken["indicators"][0]["components"]["additions_to_date"] = 1.0
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
