"""Report formatters: one module per format, each a function from a `Report` to text.

Formatters only render: they compute nothing that the report does not hold. Modules are imported
when their format is asked for, so `--format json` never imports rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from planchk.results import Report


class Lang(StrEnum):
    """Language of names and labels in human-readable formats."""

    EN = "en"
    ZH = "zh"


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


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
}


def formatter(fmt: OutputFormat) -> Formatter:
    """The `render` function of `fmt`'s module."""
    module = import_module(f"planchk.formats.{FORMATTER_MODULES[fmt]}")
    render: Formatter = module.render
    return render


def render(report: Report, fmt: OutputFormat, options: RenderOptions | None = None) -> str:
    """Render `report` as `fmt`."""
    return formatter(fmt)(report, options or RenderOptions())
