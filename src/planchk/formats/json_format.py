"""`--format json`: the versioned report (schema: `planchk schema report`) and the versioned
outcome of `validate` and `spec check` (schema: `planchk schema validation`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planchk.formats import RenderOptions

if TYPE_CHECKING:  # `evaluate --format json` needs neither module's code; start-up is shorter
    from planchk.results import Report
    from planchk.validation import Validation


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON with a trailing newline; stable for golden files and diffs.

    `comparison` appears only with `--compare`, so reports without one keep their exact shape.
    """
    del options  # JSON is language-neutral: it carries both zh and en names
    exclude = {"comparison"} if report.comparison is None else None
    return report.model_dump_json(indent=2, exclude=exclude) + "\n"


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """The outcome of `validate` or `spec check` as indented JSON with a trailing newline."""
    del options
    return validation.model_dump_json(indent=2) + "\n"
