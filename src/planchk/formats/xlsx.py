"""`planchk report --format xlsx`: the evaluation table as a formatted Excel workbook.

Two sheets: the evaluation table (title, summary, the table grouped by category with status
colours, wrapped text, a frozen header repeated on every printed page, and an A4 landscape print
area one page wide), and every observation of the evaluated years with its source, the value as
a number. Written with openpyxl; dated only with `--date`.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from planchk.formats import Document, DocumentOptions
from planchk.formats.evaluation_table import (
    COLUMNS,
    EvaluationRow,
    EvaluationTable,
    build_evaluation_table,
)
from planchk.formats.report_view import DOC_WORDS, source_observations
from planchk.formats.status_marks import STATUS_COLOURS, STATUS_INK
from planchk.formats.summary_paragraph import summary_paragraph
from planchk.formats.text import clean, label
from planchk.formats.zip_dates import EARLIEST, with_fixed_dates
from planchk.results import Report

#: Column widths in characters (a Chinese character counts about two).
WIDTHS = {
    "no": 6,
    "indicator": 36,
    "unit": 10,
    "attribute": 8,
    "baseline": 14,
    "target": 13,
    "actual": 13,
    "progress": 10,
    "assessment": 11,
    "reasons": 30,
    "measures": 30,
}
#: Columns whose text is aligned right (numbers) or centred (short words).
_RIGHT = {"baseline", "target", "actual", "progress"}
_CENTRE = {"no", "unit", "attribute", "assessment"}

_SHEET_WORDS = {
    "en": {
        "table": "Evaluation table",
        "observations": "Observations",
        "dated": "Date: {date}",
        "year": "Year",
        "reported": "Reported",
        "value": "Value",
        "qualifier": "Qualifier",
        "preliminary": "Preliminary",
        "illustrative": "Illustrative",
        "file": "File",
        "line": "Line",
        "yes": "yes",
        "exact": "",
        "at_least": "at least",
        "at_most": "at most",
        "about": "about",
    },
    "zh": {
        "table": "评估表",
        "observations": "数据来源",
        "dated": "日期：{date}",
        "year": "年份",
        "reported": "原始值",
        "value": "数值",
        "qualifier": "限定",
        "preliminary": "预计数",
        "illustrative": "示例数据",
        "file": "文件",
        "line": "行",
        "yes": "是",
        "exact": "",
        "at_least": "不低于",
        "at_most": "不超过",
        "about": "约",
    },
}

_THIN = Side(style="thin", color="FF999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill(fill_type="solid", fgColor="FFDCE6F1")
_GROUP_FILL = PatternFill(fill_type="solid", fgColor="FFF2F2F2")


def _argb(colour: str) -> str:
    return "FF" + colour.removeprefix("#").upper()


def render_document(report: Report, options: DocumentOptions) -> Document:
    """The workbook's bytes: the evaluation table and the observations."""
    lang = options.lang.value
    workbook = Workbook()
    table_sheet = workbook.active
    assert table_sheet is not None
    words = _SHEET_WORDS.get(lang, _SHEET_WORDS["en"])
    table_sheet.title = words["table"]
    _table_sheet(table_sheet, report, build_evaluation_table(report, lang), lang, options)
    _observations_sheet(workbook.create_sheet(words["observations"]), report, lang)
    properties = workbook.properties
    properties.creator = "planchk"
    properties.title = clean(report.plan.title.get(lang))
    # The file's own dates: those of --date, else a fixed one, never the time of writing.
    dated = datetime.datetime.combine(options.date or EARLIEST, datetime.time(0, 0))
    properties.created = dated
    properties.modified = dated
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the time of saving as `modified`.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # closes it
    return Document(data=with_fixed_dates(buffer.getvalue(), options.date))


def _table_sheet(
    sheet: Worksheet,
    report: Report,
    table: EvaluationTable,
    lang: str,
    options: DocumentOptions,
) -> None:
    words = _SHEET_WORDS.get(lang, _SHEET_WORDS["en"])
    doc_words = DOC_WORDS.get(lang, DOC_WORDS["en"])
    last = get_column_letter(len(COLUMNS))
    width = len(COLUMNS)
    lines: list[tuple[str, Font, float | None]] = [
        (table.title, Font(bold=True, size=14), 22),
        (clean(report.plan.title.get(lang)), Font(size=11), None),
    ]
    if options.date is not None:
        lines.append((words["dated"].format(date=options.date.isoformat()), Font(size=10), None))
    lines.append((summary_paragraph(report, lang), Font(size=10), 48))
    if any(row.illustrative for row in table.rows):
        lines.append(
            ("✱ " + doc_words["illustrative_banner"], Font(bold=True, color="FFB2182B"), 30)
        )
    row_no = 0
    for text, font, height in lines:
        row_no += 1
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=width)
        cell = sheet.cell(row=row_no, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if height is not None:
            sheet.row_dimensions[row_no].height = height
    row_no += 1
    header_row = row_no
    for column, heading in enumerate(table.headings, start=1):
        cell = sheet.cell(row=row_no, column=column, value=heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    sheet.row_dimensions[row_no].height = 30
    for group in table.groups:
        row_no += 1
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=width)
        cell = sheet.cell(row=row_no, column=1, value=group.heading)
        cell.font = Font(bold=True)
        cell.fill = _GROUP_FILL
        for column in range(1, width + 1):
            sheet.cell(row=row_no, column=column).border = _BORDER
        for row in group.rows:
            row_no += 1
            _table_row(sheet, row_no, row)
    for note in table.notes:
        row_no += 1
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=width)
        sheet.cell(row=row_no, column=1, value=note).font = Font(size=9, color="FF5F6368")
    for column, key in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[key]
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{last}{row_no}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def _table_row(sheet: Worksheet, row_no: int, row: EvaluationRow) -> None:
    for column, (key, text) in enumerate(zip(COLUMNS, row.cells(), strict=True), start=1):
        value: str | int = row.no if key == "no" else text
        cell = sheet.cell(row=row_no, column=column, value=value)
        cell.border = _BORDER
        horizontal = "right" if key in _RIGHT else "center" if key in _CENTRE else "left"
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=horizontal)
        if key == "indicator" and row.binding:
            cell.font = Font(bold=True)
        if key == "assessment":
            cell.fill = PatternFill(fill_type="solid", fgColor=_argb(STATUS_COLOURS[row.status]))
            cell.font = Font(bold=True, color=_argb(STATUS_INK[row.status]))
        if key == "actual" and row.illustrative:
            cell.font = Font(color="FFB2182B")


def _observations_sheet(sheet: Worksheet, report: Report, lang: str) -> None:
    words = _SHEET_WORDS.get(lang, _SHEET_WORDS["en"])
    doc_words = DOC_WORDS.get(lang, DOC_WORDS["en"])
    columns = (
        ("no", label(lang, "no"), 6),
        ("indicator", label(lang, "indicator"), 34),
        ("year", words["year"], 7),
        ("reported", words["reported"], 14),
        ("value", words["value"], 12),
        ("unit", doc_words["unit"], 10),
        ("qualifier", words["qualifier"], 10),
        ("preliminary", words["preliminary"], 9),
        ("illustrative", words["illustrative"], 9),
        ("source", doc_words["source"], 50),
        ("file", words["file"], 24),
        ("line", words["line"], 6),
    )
    for column, (_key, heading, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=column, value=heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    names = {r.no: clean(r.name.get(lang)) for r in report.indicators}
    units = {r.no: clean(r.unit.get(lang)) for r in report.indicators}
    row_no = 1
    for no, obs in source_observations(report):
        row_no += 1
        reported = clean(obs.as_reported)
        values: tuple[str | int | float, ...] = (
            no,
            names[no],
            obs.year,
            reported,
            obs.value,
            units[no],
            words.get(obs.qualifier, obs.qualifier),
            words["yes"] if obs.preliminary else "",
            words["yes"] if obs.illustrative else "",
            clean(obs.source or ""),
            clean(obs.file),
            obs.line,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_no, column=column, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=column == 10)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{row_no}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
