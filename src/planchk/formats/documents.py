"""Documents: reports for people to read and share (`planchk report`), one module per format.

A document is a text plus the files it refers to (the Markdown report's charts), so a renderer
still only renders: the command writes the files. Modules are imported when their format is asked
for, so matplotlib and jinja2 load only for `planchk report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from planchk.formats import Lang

if TYPE_CHECKING:
    from planchk.results import Report


class DocumentFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class DocumentOptions:
    """Language, and the folder (relative to the document) that holds its image files."""

    lang: Lang = Lang.EN
    asset_dir: str = "report_charts"


@dataclass(frozen=True)
class Document:
    """The document's text, and files to write next to it: relative path -> content."""

    text: str
    assets: dict[str, str] = field(default_factory=dict)


class DocumentRenderer(Protocol):
    def __call__(self, report: Report, options: DocumentOptions) -> Document: ...


#: Module (under planchk.formats) that renders each document format; a test checks all have one.
DOCUMENT_MODULES: dict[DocumentFormat, str] = {
    DocumentFormat.HTML: "html",
    DocumentFormat.MARKDOWN: "report_markdown",
}


def render_document(
    report: Report, fmt: DocumentFormat, options: DocumentOptions | None = None
) -> Document:
    """Render `report` (best from `evaluate_history`, for the history) as a `fmt` document."""
    module = import_module(f"planchk.formats.{DOCUMENT_MODULES[fmt]}")
    render: DocumentRenderer = module.render
    return render(report, options or DocumentOptions())
