"""`planchk report --format docx`: the evaluation in a Word document a planner can paste from.

In order: the title (and the date with `--date`), the illustrative-figures notice where there
are any, the summary paragraph, the changes that matter, the evaluation table on A4 landscape
(grouped by category, header repeated on every page, the assessment coloured by status), and one
chart per indicator as a PNG image with its figures underneath. Written with python-docx; the
only XML set by hand is what python-docx has no API for (a repeated header row, cell shading
and the East Asian font).
"""

from __future__ import annotations

import datetime
import io

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell

from planchk.formats import Document, DocumentOptions
from planchk.formats.charts import indicator_png
from planchk.formats.evaluation_table import COLUMNS, EvaluationTable, build_evaluation_table
from planchk.formats.report_view import ReportView, build_view, page_words
from planchk.formats.status_marks import STATUS_COLOURS, STATUS_INK
from planchk.formats.summary_paragraph import summary_paragraph
from planchk.formats.zip_dates import EARLIEST, with_fixed_dates
from planchk.results import Report

#: Column widths of the evaluation table in cm, by column key: 26.3 cm in all, the width of A4
#: landscape between margins of 1.5 cm.
WIDTHS = {
    "no": 1.0,
    "indicator": 5.2,
    "unit": 1.5,
    "attribute": 1.5,
    "baseline": 2.2,
    "target": 2.1,
    "actual": 2.1,
    "progress": 1.6,
    "assessment": 1.9,
    "reasons": 3.6,
    "measures": 3.6,
}
_RIGHT = {"baseline", "target", "actual", "progress"}
_CENTRE = {"no", "unit", "attribute", "assessment"}
LATIN_FONT = "Arial"
EAST_ASIAN_FONT = "SimSun"

_WORDS = {
    "en": {"dated": "Date: {date}", "summary": "Summary"},
    "zh": {"dated": "日期：{date}", "summary": "总体情况"},
}


def render_document(report: Report, options: DocumentOptions) -> Document:
    """The Word document's bytes."""
    lang = options.lang.value
    view = build_view(report, lang)
    words = _WORDS.get(lang, _WORDS["en"])
    t = page_words(lang)
    document = new_document()
    _styles(document)
    section = document.sections[0]
    _a4(section, landscape=False)

    document.add_heading(view.title, level=0)
    if view.subtitle:
        document.add_paragraph(view.subtitle)
    document.add_paragraph(f"{view.evaluation} · {view.period}")
    if options.date is not None:
        document.add_paragraph(words["dated"].format(date=options.date.isoformat()))
    if view.illustrative:
        banner = document.add_paragraph().add_run("✱ " + view.words["illustrative_banner"])
        banner.bold = True
        banner.font.color.rgb = RGBColor.from_string("B2182B")

    document.add_heading(words["summary"], level=1)
    document.add_paragraph(summary_paragraph(report, lang))

    document.add_heading(t["changes"], level=1)
    if view.changes:
        for change in view.changes:
            item = document.add_paragraph(style="List Bullet").add_run(change.text)
            item.bold = change.severe
    else:
        document.add_paragraph(t["no_changes"])

    table = build_evaluation_table(report, lang)
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    _a4(landscape, landscape=True)
    document.add_heading(table.title, level=1)
    _evaluation_table(document, table)
    for note in table.notes:
        document.add_paragraph(note).runs[0].font.size = Pt(8)

    portrait = document.add_section(WD_SECTION.NEW_PAGE)
    _a4(portrait, landscape=False)
    document.add_heading(view.words["charts"], level=1)
    document.add_paragraph(view.charts_note).runs[0].font.size = Pt(9)
    _charts(document, report, view, lang)
    document.add_paragraph(view.footer).runs[0].font.size = Pt(8)

    properties = document.core_properties
    properties.title = view.title
    properties.author = "planchk"
    properties.last_modified_by = "planchk"
    properties.revision = 1
    # The file's own dates: those of --date, else a fixed one, never the time of writing.
    dated = _datetime(options)
    properties.created = dated
    properties.modified = dated
    properties.last_printed = dated
    buffer = io.BytesIO()
    document.save(buffer)
    return Document(data=with_fixed_dates(buffer.getvalue(), options.date))


def _datetime(options: DocumentOptions) -> datetime.datetime:
    return datetime.datetime.combine(
        options.date or EARLIEST, datetime.time(0, 0), tzinfo=datetime.UTC
    )


def _styles(document: WordDocument) -> None:
    """Body text that Word draws in a Chinese font too."""
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)  # 五号
    normal.font.name = LATIN_FONT
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _a4(section: object, *, landscape: bool) -> None:
    from docx.section import Section  # noqa: PLC0415

    assert isinstance(section, Section)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height
    margin = Cm(1.5) if landscape else Cm(2.2)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = Cm(1.8)


def _evaluation_table(document: WordDocument, table: EvaluationTable) -> None:
    grid = document.add_table(rows=1, cols=len(COLUMNS))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, heading, key in zip(header.cells, table.headings, COLUMNS, strict=True):
        _write(cell, heading, key, bold=True, size=8.5, centre=True)
        _shade(cell, "DCE6F1")
    for group in table.groups:
        row = grid.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        _write(merged, group.heading, "indicator", bold=True, size=9)
        _shade(merged, "F2F2F2")
        for entry in group.rows:
            cells = grid.add_row().cells
            for cell, text, key in zip(cells, entry.cells(), COLUMNS, strict=True):
                bold = (key == "indicator" and entry.binding) or key == "assessment"
                colour = STATUS_INK[entry.status] if key == "assessment" else None
                _write(cell, text, key, bold=bold, size=8.5, colour=colour)
                if key == "assessment":
                    _shade(cell, STATUS_COLOURS[entry.status])
    # Word reads the cells' widths, LibreOffice the columns'.
    for column, key in zip(grid.columns, COLUMNS, strict=True):
        column.width = Cm(WIDTHS[key])
    for row in grid.rows:
        for cell, key in zip(row.cells, COLUMNS, strict=True):
            cell.width = Cm(WIDTHS[key])


def _write(
    cell: _Cell,
    text: str,
    key: str,
    *,
    bold: bool = False,
    size: float = 9,
    centre: bool = False,
    colour: str | None = None,
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour.removeprefix("#").upper())
    if centre or key in _CENTRE:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif key in _RIGHT:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_as_header(row: object) -> None:
    """Mark a table row as the header Word repeats at the top of every page."""
    from docx.table import _Row  # noqa: PLC0415

    assert isinstance(row, _Row)
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _shade(cell: _Cell, colour: str) -> None:
    """Fill a cell with a colour (hex, with or without #)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.removeprefix("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _charts(document: WordDocument, report: Report, view: ReportView, lang: str) -> None:
    """Two charts a row, each with its heading and its figures underneath."""
    indicators = list(zip(report.indicators, view.indicators, strict=True))
    grid = document.add_table(rows=0, cols=2)
    grid.autofit = False
    for column in grid.columns:
        column.width = Cm(8.3)
    for start in range(0, len(indicators), 2):
        cells = grid.add_row().cells
        for cell, (result, shown) in zip(cells, indicators[start : start + 2], strict=False):
            cell.width = Cm(8.3)
            heading = cell.paragraphs[0].add_run(f"{shown.no} {shown.name} · {shown.status_label}")
            heading.bold = True
            heading.font.size = Pt(9)
            png = indicator_png(result, lang, report.plan.base_year, report.plan.end_year)
            if png is None:
                cell.add_paragraph(shown.chart_note or "").runs[0].font.size = Pt(8)
            else:
                cell.add_paragraph().add_run().add_picture(
                    io.BytesIO(png), width=Cm(7.6)
                )  # inside the cell margins
            caption = shown.pace_line + (f"\n{shown.outlook_line}" if shown.outlook_line else "")
            caption += "".join(f"\n{line}" for line in shown.targets)
            cell.add_paragraph(caption).runs[0].font.size = Pt(7.5)
