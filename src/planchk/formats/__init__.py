"""Report formatters: one module per format, each a function from a result to text.

Each format has a module with `render(report, options)` for `evaluate` and a module with
`render_validation(validation, options)` for `validate` and `spec check`: the same module,
except for `table`, whose problem list is plain text and so does not import rich. A panel (data
with a region column) has its own module per format, with `render(panel, options)` for the
regions' ranking and `render_region(entry, options)` for one region's report (`--region NAME`).
Formatters only render: they compute nothing that the result does not hold. Modules are imported
when their format is asked for, so `--format json` never imports rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from planchk.policy import FailOn

if TYPE_CHECKING:
    from planchk.results import PanelReport, RegionReport, Report
    from planchk.validation import Validation


class Lang(StrEnum):
    """Language of names and labels in human-readable formats."""

    EN = "en"
    ZH = "zh"


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    """How to render: language of names and labels, colour, terminal width, and which
    indicators fail (`--fail-on`, for formats that mark failures: junit, github, markdown)."""

    lang: Lang = Lang.EN
    color: bool = False
    width: int = 100
    fail_on: FailOn = FailOn.BINDING


class Formatter(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str: ...


class ValidationFormatter(Protocol):
    def __call__(self, validation: Validation, options: RenderOptions) -> str: ...


#: Module (under planchk.formats) that renders each format; a test checks every format has one.
FORMATTER_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "table",
    OutputFormat.JSON: "json_format",
    OutputFormat.JUNIT: "junit",
    OutputFormat.GITHUB: "github",
    OutputFormat.MARKDOWN: "markdown",
}
#: Module that renders each format for `validate` and `spec check`.
VALIDATION_FORMATTER_MODULES: dict[OutputFormat, str] = {
    **FORMATTER_MODULES,
    OutputFormat.TABLE: "problem_list",
}


def formatter(fmt: OutputFormat) -> Formatter:
    """The `render` function of `fmt`'s module."""
    module = import_module(f"planchk.formats.{FORMATTER_MODULES[fmt]}")
    render: Formatter = module.render
    return render


def render(report: Report, fmt: OutputFormat, options: RenderOptions | None = None) -> str:
    """Render `report` as `fmt`."""
    return formatter(fmt)(report, options or RenderOptions())


def validation_formatter(fmt: OutputFormat) -> ValidationFormatter:
    """The `render_validation` function of `fmt`'s module."""
    module = import_module(f"planchk.formats.{VALIDATION_FORMATTER_MODULES[fmt]}")
    render_validation: ValidationFormatter = module.render_validation
    return render_validation


def render_validation(
    validation: Validation, fmt: OutputFormat, options: RenderOptions | None = None
) -> str:
    """Render the outcome of `validate` or `spec check` as `fmt`."""
    return validation_formatter(fmt)(validation, options or RenderOptions())


class PanelFormatter(Protocol):
    def __call__(self, panel: PanelReport, options: RenderOptions) -> str: ...


class RegionFormatter(Protocol):
    def __call__(self, entry: RegionReport, options: RenderOptions) -> str: ...


#: Module (under planchk.formats) that renders a panel in each format.
PANEL_FORMATTER_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "panel_table",
    OutputFormat.JSON: "panel_json",
    OutputFormat.JUNIT: "panel_junit",
    OutputFormat.GITHUB: "panel_github",
    OutputFormat.MARKDOWN: "panel_markdown",
}

#: Formats a person reads; the others are for machines and never get a progress bar.
HUMAN_FORMATS = frozenset({OutputFormat.TABLE, OutputFormat.MARKDOWN})


def render_panel(
    panel: PanelReport, fmt: OutputFormat, options: RenderOptions | None = None
) -> str:
    """Render a panel's ranking as `fmt`."""
    module = import_module(f"planchk.formats.{PANEL_FORMATTER_MODULES[fmt]}")
    panel_render: PanelFormatter = module.render
    return panel_render(panel, options or RenderOptions())


def render_region(
    entry: RegionReport, fmt: OutputFormat, options: RenderOptions | None = None
) -> str:
    """Render one region of a panel (`--region NAME`) as `fmt`."""
    module = import_module(f"planchk.formats.{PANEL_FORMATTER_MODULES[fmt]}")
    region_render: RegionFormatter = module.render_region
    return region_render(entry, options or RenderOptions())
