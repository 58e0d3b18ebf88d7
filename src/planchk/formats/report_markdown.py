"""`planchk report --format markdown`: the report for a repository or a pull request.

The same content as the HTML report; the charts are SVG files written next to the document (in
`options.asset_dir`) and linked as images. Rendered with jinja2, with every value passed through
`escape_markdown`, so no text from the spec or the data can open a link, an HTML tag or a table
cell of its own.
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from planchk.formats.charts import indicator_chart
from planchk.formats.documents import Document, DocumentOptions
from planchk.formats.report_view import build_view, page_words
from planchk.results import Report, Status

#: Coloured marks for the progress grid (GitHub shows emoji in colour), with the status symbol.
STATUS_MARKS: dict[Status, str] = {
    Status.ACHIEVED: "✅",
    Status.ON_TRACK: "🟢●",
    Status.BEHIND: "🟡◐",
    Status.OFF_TRACK: "🟠○",
    Status.REGRESSING: "🔴↓",
    Status.NOT_ACHIEVED: "🟤✖",
    Status.NO_DATA: "⚪?",
}

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")


def escape_markdown(value: object) -> str:
    """Any value as Markdown text that shows as written (Markup passes unchanged)."""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())  # no newline may end a table row or start a block
    return _SPECIAL.sub(r"\\\1", text)


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("planchk.formats", "templates"),
        autoescape=False,  # Markdown, not HTML: escape_markdown below escapes every value
        finalize=escape_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(report: Report, options: DocumentOptions) -> Document:
    """The report as Markdown, with one SVG chart file per indicator that has values."""
    lang = options.lang.value
    view = build_view(report, lang)
    assets: dict[str, str] = {}
    images: dict[int, Markup] = {}
    for result in report.indicators:
        svg = indicator_chart(result, lang, report.plan.base_year, report.plan.end_year)
        if svg is None:
            continue
        name = f"{options.asset_dir}/indicator-{result.no:02d}.svg"
        assets[name] = svg
        alt = escape_markdown(f"{result.no} {result.name.get(lang)}")
        images[result.no] = Markup(f"![{alt}]({name})")  # alt is escaped; the name is ours
    marks = {s.value: s_mark for s, s_mark in STATUS_MARKS.items()}
    text = (
        environment()
        .get_template("report.md.j2")
        .render(
            view=view,
            w=view.words,
            t=page_words(lang),
            images=images,
            marks=marks,
            statuses=[(s.value, STATUS_MARKS[s], s.label(lang)) for s in Status],
        )
    )
    return Document(text=text, assets=assets)
