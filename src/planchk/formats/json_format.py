"""`--format json`: the versioned report (schema: `planchk schema report`), a panel with every
region's outcomes and the ranking (`planchk schema panel`), one region of a panel (its name and
report), and the versioned outcome of `validate` and `spec check` (`planchk schema validation`).

JSON is language-neutral: it carries both zh and en names, so the options are not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planchk.formats import RenderOptions

if TYPE_CHECKING:  # `evaluate --format json` needs neither module's code; start-up is shorter
    from planchk.results import PanelReport, RegionReport, Report
    from planchk.validation_results import Validation


def render_report(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON with a trailing newline; stable for golden files and diffs.

    `comparison` appears only with `--compare`, so reports without one keep their exact shape.
    """
    del options
    exclude = {"comparison"} if report.comparison is None else None
    return report.model_dump_json(indent=2, exclude=exclude) + "\n"


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region: its name and its report."""
    del options
    return entry.model_dump_json(indent=2) + "\n"


def render_panel(panel: PanelReport, options: RenderOptions) -> str:
    """The panel as indented JSON with a trailing newline."""
    del options
    # What model_dump_json does, with the newline added to the UTF-8 bytes: adding it to the
    # text would copy a text of tens of megabytes (20 MB more peak memory for 2,000 regions).
    data = panel.__pydantic_serializer__.to_json(panel, indent=2) + b"\n"
    return data.decode()


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """The outcome of `validate` or `spec check` as indented JSON with a trailing newline."""
    del options
    return validation.model_dump_json(indent=2) + "\n"
