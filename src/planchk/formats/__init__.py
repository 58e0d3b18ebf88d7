"""Output formats: one module per format, each rendering every result it supports as text.

`FORMATS` is the registry: each entry names its module and declares what it renders (a single
series' report, a panel's ranking, one region of a panel, the problem list of `validate` and
`spec check`, a document for `planchk report`) and how it is read (by people, who get a progress
bar; by a terminal reader, for whom the table itself states the verdict). The command asks the
registry, never which format it is. A module renders a result with `render_<what>(result,
options)`; a test renders every format for every result it declares. Formatters only render:
they compute nothing that the result does not hold. Modules are imported when their format is
asked for, so `--format json` never imports rich.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING

from planchk.language import Lang as Lang
from planchk.policy import FailOn

if TYPE_CHECKING:
    from planchk.results import PanelReport, RegionReport, Report
    from planchk.spec import Spec
    from planchk.validation_results import Validation


class OutputFormat(StrEnum):
    """`--format` of `evaluate`, `validate` and `spec check`: the formats that render results."""

    TABLE = "table"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"
    MARKDOWN = "markdown"


class DocumentFormat(StrEnum):
    """`--format` of `planchk report`: the formats that render documents."""

    HTML = "html"
    MARKDOWN = "markdown"
    DOCX = "docx"
    XLSX = "xlsx"


class Renders(StrEnum):
    """What a format can render."""

    REPORT = "report"  #: one time series (`Report`)
    PANEL = "panel"  #: every region of a panel, ranked (`PanelReport`)
    REGION = "region"  #: one region of a panel (`RegionReport`)
    VALIDATION = "validation"  #: the outcome of `validate` or `spec check` (`Validation`)
    DOCUMENT = "document"  #: a report for people (`Document`), for `planchk report`
    #: the regions' ranking for people (`Document`), `planchk report` for a panel
    PANEL_DOCUMENT = "panel_document"


#: Everything `evaluate` may return; a format for `evaluate` renders all three.
EVALUATIONS = frozenset({Renders.REPORT, Renders.PANEL, Renders.REGION})


@dataclass(frozen=True)
class FormatEntry:
    """A format's module (under planchk.formats) and what it declares."""

    module: str
    renders: frozenset[Renders]
    #: A person reads it (table, markdown): a long panel run shows a progress bar.
    for_people: bool = False
    #: Read in a terminal, the output itself states the verdict (the table's failing list), so
    #: the command does not repeat it on standard error.
    states_verdict: bool = False


FORMATS: dict[str, FormatEntry] = {
    "table": FormatEntry(
        "table", EVALUATIONS | {Renders.VALIDATION}, for_people=True, states_verdict=True
    ),
    "json": FormatEntry("json_format", EVALUATIONS | {Renders.VALIDATION}),
    "junit": FormatEntry("junit", EVALUATIONS | {Renders.VALIDATION}),
    "github": FormatEntry("github", EVALUATIONS | {Renders.VALIDATION}),
    "markdown": FormatEntry(
        "markdown", EVALUATIONS | {Renders.VALIDATION, Renders.DOCUMENT}, for_people=True
    ),
    "html": FormatEntry(
        "html", frozenset({Renders.DOCUMENT, Renders.PANEL_DOCUMENT}), for_people=True
    ),
    "docx": FormatEntry("docx", frozenset({Renders.DOCUMENT}), for_people=True),
    "xlsx": FormatEntry("xlsx", frozenset({Renders.DOCUMENT}), for_people=True),
}


@dataclass(frozen=True)
class RenderOptions:
    """How to render: language of names and labels, colour, terminal width, and which
    indicators fail (`--fail-on`, for formats that mark failures: junit, github, markdown)."""

    lang: Lang = Lang.EN
    color: bool = False
    width: int = 100
    fail_on: FailOn = FailOn.BINDING


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
    """The document's text, or its bytes (`data`) for Word and Excel, and files to write next
    to it: relative path -> content."""

    text: str = ""
    assets: dict[str, str] = field(default_factory=dict)
    data: bytes | None = None


def supports(fmt: str, what: Renders) -> bool:
    """Whether the format named `fmt` declares that it renders `what`."""
    entry = FORMATS.get(fmt)
    return entry is not None and what in entry.renders


def for_people(fmt: str) -> bool:
    return FORMATS[fmt].for_people


def states_verdict(fmt: str) -> bool:
    return FORMATS[fmt].states_verdict


def renderer(fmt: str, what: Renders) -> Callable[..., object]:
    """The function of `fmt`'s module that renders `what`; ValueError if it declares none."""
    if not supports(fmt, what):
        raise ValueError(f"the {fmt} format does not render a {what}")
    function: Callable[..., object] = getattr(
        import_module(f"planchk.formats.{FORMATS[fmt].module}"), f"render_{what}"
    )
    return function


def render(
    result: Report | RegionReport | PanelReport,
    fmt: OutputFormat,
    options: RenderOptions | None = None,
) -> str:
    """Render what `planchk.evaluate` returned (a report, one region, a panel) as `fmt`."""
    from planchk.results import PanelReport, RegionReport  # noqa: PLC0415

    what = (
        Renders.PANEL
        if isinstance(result, PanelReport)
        else Renders.REGION
        if isinstance(result, RegionReport)
        else Renders.REPORT
    )
    text = renderer(fmt, what)(result, options or RenderOptions())
    assert isinstance(text, str)
    return text


def render_stream(
    result: Report | RegionReport | PanelReport,
    fmt: OutputFormat,
    options: RenderOptions | None = None,
) -> str | Iterator[bytes]:
    """`render`, or the same text as UTF-8 chunks where the format writes a panel a region at a
    time (its module's `stream_panel`), so that a command writing it never holds it whole."""
    from planchk.results import PanelReport  # noqa: PLC0415

    if isinstance(result, PanelReport) and supports(fmt, Renders.PANEL):
        stream = getattr(
            import_module(f"planchk.formats.{FORMATS[fmt].module}"), "stream_panel", None
        )
        if stream is not None:
            chunks: Iterator[bytes] = stream(result, options or RenderOptions())
            return chunks
    return render(result, fmt, options)


def render_validation(
    validation: Validation, fmt: OutputFormat, options: RenderOptions | None = None
) -> str:
    """Render the outcome of `validate` or `spec check` as `fmt`."""
    text = renderer(fmt, Renders.VALIDATION)(validation, options or RenderOptions())
    assert isinstance(text, str)
    return text


def render_document(
    report: Report, fmt: DocumentFormat, options: DocumentOptions | None = None
) -> Document:
    """Render `report` (from `planchk.evaluate`, with every year) as a `fmt` document."""
    document = renderer(fmt, Renders.DOCUMENT)(report, options or DocumentOptions())
    assert isinstance(document, Document)
    return document


def render_panel_document(
    panel: PanelReport, spec: Spec, fmt: DocumentFormat, options: DocumentOptions | None = None
) -> Document:
    """Render a panel's ranking as a `fmt` document; the spec gives the indicators' names,
    which a panel's outcomes do not carry."""
    document = renderer(fmt, Renders.PANEL_DOCUMENT)(panel, spec, options or DocumentOptions())
    assert isinstance(document, Document)
    return document
