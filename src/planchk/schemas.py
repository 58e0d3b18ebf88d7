"""JSON Schemas of the spec format and of the JSON report, as printed by `planchk schema`."""

from __future__ import annotations

import json

from planchk.results import PanelReport, Report
from planchk.spec import Spec


def spec_schema() -> str:
    """The JSON Schema of spec files, for editors (yaml-language-server) and other tools."""
    schema = Spec.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planchk spec"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def report_schema() -> str:
    """The JSON Schema of `planchk evaluate --format json` output."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planchk report"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def validation_schema() -> str:
    """The JSON Schema of `planchk validate --format json` (and `spec check`) output."""
    from planchk.validation import Validation  # noqa: PLC0415

    schema = Validation.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planchk validation"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def panel_schema() -> str:
    """The JSON Schema of `planchk evaluate --format json` output for data with regions."""
    schema = PanelReport.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planchk panel report"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
