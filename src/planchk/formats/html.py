"""`planchk report --format html`: one self-contained page, printable on A4.

No script, no stylesheet or font from elsewhere: the CSS is inline and the charts are inline
SVG (text kept as text, drawn with the page's CJK-capable font stack). Rendered with jinja2 with
autoescaping on, so every text from the spec and the data is escaped.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from planchk.formats import Document, DocumentOptions
from planchk.formats.charts import CJK_FONTS, STATUS_COLOURS, indicator_chart, inline_svg
from planchk.formats.report_view import build_view, page_words
from planchk.results import Report, Status

#: Text colour on each status colour, dark on light fills, for legibility in print too.
_INK = {Status.BEHIND: "#222222", Status.NO_DATA: "#222222", Status.ON_TRACK: "#0b2e13"}


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("planchk.formats", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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
            charts=charts,
            colours={s.value: c for s, c in STATUS_COLOURS.items()},
            ink={s.value: _INK.get(s, "#ffffff") for s in Status},
            statuses=[(s.value, s.symbol, s.label(lang)) for s in Status],
            font_stack=Markup(fonts),  # constant font names, quoted for CSS
            html_lang="zh-CN" if lang == "zh" else "en",
        )
    )
    return Document(text=text)
