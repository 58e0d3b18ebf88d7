"""`--format json`: the versioned report (schema: `planchk schema report`)."""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.results import Report


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON with a trailing newline; stable for golden files and diffs."""
    del options  # JSON is language-neutral: it carries both zh and en names
    return report.model_dump_json(indent=2) + "\n"
