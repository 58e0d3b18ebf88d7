"""`planchk report --format html`: one self-contained page, printable on A4.

The first printed pages are what a leader reads: the summary, the changes that matter and the
evaluation table; the overview by category and year and the charts follow; the appendix (every
number, the audit trail and the sources) is on the page but printed only with `--appendix`.

No script, no stylesheet or font from elsewhere: the CSS is inline and the charts are inline
SVG (text kept as text, drawn with the page's CJK-capable font stack). Rendered with jinja2 with
autoescaping on, so every text from the spec and the data is escaped.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from planchk.formats import Document, DocumentOptions
from planchk.formats.charts import CJK_FONTS, indicator_chart, inline_svg
from planchk.formats.evaluation_table import build_evaluation_table
from planchk.formats.report_view import build_view, doc_word, page_words
from planchk.formats.status_marks import STATUS_COLOURS, STATUS_INK, STATUS_SYMBOLS
from planchk.formats.summary_paragraph import summary_paragraph
from planchk.results import PanelReport, Report, Status
from planchk.spec import Spec


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("planchk.formats", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def style_values() -> dict[str, dict[str, str]]:
    """The status colours and their ink, by status value, for the page's CSS."""
    return {
        "colours": {s.value: c for s, c in STATUS_COLOURS.items()},
        "ink": {s.value: STATUS_INK[s] for s in Status},
    }


def render_panel_document(panel: PanelReport, spec: Spec, options: DocumentOptions) -> Document:
    """The regions' ranking report (see `planchk.formats.panel_html`)."""
    from planchk.formats.panel_html import render_panel  # noqa: PLC0415

    return render_panel(panel, spec, options)


def render_document(report: Report, options: DocumentOptions) -> Document:
    """The report as one HTML page with inline CSS and inline SVG charts."""
    lang = options.lang.value
    view = build_view(report, lang)
    charts: dict[int, Markup] = {}
    for result in report.indicators:
        svg = indicator_chart(result, lang, report.plan.base_year, report.plan.end_year)
        if svg is not None:
            # matplotlib writes the SVG and escapes its text; the title is escaped by inline_svg.
            title = f"{result.no} {result.name.get(lang)}"
            charts[result.no] = Markup(inline_svg(svg, title, f"chart{result.no}"))
    fonts = ", ".join(f'"{name}"' for name in CJK_FONTS)
    text = (
        environment()
        .get_template("report.html.j2")
        .render(
            view=view,
            w=view.words,
            t=page_words(lang),
            table=build_evaluation_table(report, lang),
            summary_text=summary_paragraph(report, lang),
            dated=None
            if options.date is None
            else doc_word(lang, "dated", date=options.date.isoformat()),
            appendix=options.appendix,
            charts=charts,
            **style_values(),
            statuses=[(s.value, STATUS_SYMBOLS[s], s.label(lang)) for s in Status],
            font_stack=Markup(fonts),  # constant font names, quoted for CSS
            html_lang="zh-CN" if lang == "zh" else "en",
        )
    )
    return Document(text=text)
