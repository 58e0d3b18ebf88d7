"""Documents: reports for people to read and share (`planchk report`), one module per format.

A document is a text (or, for Word and Excel, the bytes of the file) plus the files it refers
to (the Markdown report's charts), so a renderer still only renders: the command writes the
files. For a panel (data with a region column), `render_panel_document` writes the regions'
ranking report. Modules are imported when their format is asked
for, so matplotlib and jinja2 load only for `planchk report`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from planchk.formats import Lang

if TYPE_CHECKING:
    from planchk.results import PanelReport, Report
    from planchk.spec import Spec


class DocumentFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"
    DOCX = "docx"
    XLSX = "xlsx"


@dataclass(frozen=True)
class DocumentOptions:
    """Language, the folder (relative to the document) that holds its image files, the date
    to put on the document (none when not given: documents carry no timestamp), and whether
    the appendix (audit trail and sources) is printed."""

    lang: Lang = Lang.EN
    asset_dir: str = "report_charts"
    date: datetime.date | None = None
    appendix: bool = False


@dataclass(frozen=True)
class Document:
    """The document's text, or its bytes (`data`) for binary formats, and files to write next
    to it: relative path -> content."""

    text: str = ""
    assets: dict[str, str] = field(default_factory=dict)
    data: bytes | None = None


class DocumentRenderer(Protocol):
    def __call__(self, report: Report, options: DocumentOptions) -> Document: ...


#: Module (under planchk.formats) that renders each document format; a test checks all have one.
DOCUMENT_MODULES: dict[DocumentFormat, str] = {
    DocumentFormat.HTML: "html",
    DocumentFormat.MARKDOWN: "report_markdown",
    DocumentFormat.DOCX: "docx",
    DocumentFormat.XLSX: "xlsx",
}

#: Module that renders a panel's ranking report in each format that has one.
PANEL_DOCUMENT_MODULES: dict[DocumentFormat, str] = {
    DocumentFormat.HTML: "panel_html",
}


def render_document(
    report: Report, fmt: DocumentFormat, options: DocumentOptions | None = None
) -> Document:
    """Render `report` (best from `evaluate_history`, for the history) as a `fmt` document."""
    module = import_module(f"planchk.formats.{DOCUMENT_MODULES[fmt]}")
    render: DocumentRenderer = module.render
    return render(report, options or DocumentOptions())


class PanelDocumentRenderer(Protocol):
    def __call__(self, panel: PanelReport, spec: Spec, options: DocumentOptions) -> Document: ...


def render_panel_document(
    panel: PanelReport, spec: Spec, fmt: DocumentFormat, options: DocumentOptions | None = None
) -> Document:
    """Render a panel's ranking report as a `fmt` document (see `PANEL_DOCUMENT_MODULES`);
    the spec gives the indicators' names, which a panel's outcomes do not carry."""
    module = import_module(f"planchk.formats.{PANEL_DOCUMENT_MODULES[fmt]}")
    render: PanelDocumentRenderer = module.render_panel
    return render(panel, spec, options or DocumentOptions())
