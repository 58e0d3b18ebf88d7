"""JSON Schemas of the spec format and of planchk's JSON outputs, as printed by `planchk schema`."""

from __future__ import annotations

import json
from enum import StrEnum
from importlib import import_module
from typing import Any


class SchemaName(StrEnum):
    """What `planchk schema NAME` describes; `schemas/NAME.schema.json` keeps a copy of each."""

    SPEC = "spec"  #: spec files (targets/indicators.yaml), for editors and other tools
    REPORT = "report"  #: `evaluate --format json`
    VALIDATION = "validation"  #: `validate --format json` and `spec check --format json`
    PANEL = "panel"  #: `evaluate --format json` for data with a region column


#: (module, model, mode, title) of each schema; models are imported only when asked for.
_MODELS: dict[SchemaName, tuple[str, str, str, str]] = {
    SchemaName.SPEC: ("planchk.spec", "Spec", "validation", "planchk spec"),
    SchemaName.REPORT: ("planchk.results", "Report", "serialization", "planchk report"),
    SchemaName.VALIDATION: (
        "planchk.validation_results",
        "Validation",
        "serialization",
        "planchk validation",
    ),
    SchemaName.PANEL: ("planchk.results", "PanelReport", "serialization", "planchk panel report"),
}


def schema_json(name: SchemaName) -> str:
    """The JSON Schema `name` as indented, key-sorted JSON with a trailing newline."""
    module, model, mode, title = _MODELS[name]
    schema: dict[str, Any] = getattr(import_module(module), model).model_json_schema(mode=mode)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
