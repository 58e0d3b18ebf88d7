"""Report formatters: one module per format, each a function from a `Report` to text.

Formatters only render: they compute nothing that the report does not hold. Modules are imported
when their format is asked for, so `--format json` never imports rich. A panel (data with a
region column) has its own formatter per format, rendering a `PanelReport`: the regions' ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from planchk.results import PanelReport, RegionReport, Report


class Lang(StrEnum):
    """Language of names and labels in human-readable formats."""

    EN = "en"
    ZH = "zh"


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    """How to render: language of names and labels, colour, terminal width."""

    lang: Lang = Lang.EN
    color: bool = False
    width: int = 100


class Formatter(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str: ...


#: Module (under planchk.formats) that renders each format; a test checks every format has one.
FORMATTER_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "table",
    OutputFormat.JSON: "json_format",
    OutputFormat.MARKDOWN: "markdown",
}


def formatter(fmt: OutputFormat) -> Formatter:
    """The `render` function of `fmt`'s module."""
    module = import_module(f"planchk.formats.{FORMATTER_MODULES[fmt]}")
    render: Formatter = module.render
    return render


def render(report: Report, fmt: OutputFormat, options: RenderOptions | None = None) -> str:
    """Render `report` as `fmt`."""
    return formatter(fmt)(report, options or RenderOptions())


class PanelFormatter(Protocol):
    def __call__(self, panel: PanelReport, options: RenderOptions) -> str: ...


class RegionFormatter(Protocol):
    def __call__(self, entry: RegionReport, options: RenderOptions) -> str: ...


#: Module (under planchk.formats) that renders a panel in each format.
PANEL_FORMATTER_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "panel_table",
    OutputFormat.JSON: "panel_json",
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
