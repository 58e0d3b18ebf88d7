"""`planchk report --format docx|xlsx`: the files read back with python-docx and openpyxl."""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import load_data
from planchk.formats import DocumentFormat, DocumentOptions, Lang, render_document
from planchk.formats.evaluation_table import build_evaluation_table
from planchk.formats.report_view import build_view, source_observations
from planchk.formats.status_marks import STATUS_COLOURS
from planchk.formats.summary_paragraph import summary_paragraph
from planchk.history import evaluate_history
from planchk.results import Report
from planchk.spec import Spec

runner = CliRunner()


@pytest.fixture(scope="module")
def report(spec: Spec, repo_root: Path) -> Report:
    """The sample data up to 2018, loaded with paths relative to the repository."""
    before = Path.cwd()
    os.chdir(repo_root)
    try:
        return evaluate_history(spec, load_data(["data"], spec), 2018)
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def word(report: Report) -> docx.document.Document:
    options = DocumentOptions(lang=Lang.ZH, date=datetime.date(2026, 12, 1))
    data = render_document(report, DocumentFormat.DOCX, options).data
    assert data is not None
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def workbook(report: Report) -> openpyxl.Workbook:
    data = render_document(report, DocumentFormat.XLSX, DocumentOptions(lang=Lang.ZH)).data
    assert data is not None
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def small(tmp_path: Path, repo_root: Path) -> list[str]:
    data = tmp_path / "small.csv"
    data.write_text("indicator,year,value\n1,2015,50\n1,2018,60\n2,2015,80\n2,2018,70\n")
    return [str(data), "--spec", str(repo_root / "tests" / "fixtures" / "specs" / "minimal.yaml")]


# Word


def test_docx_opens_with_the_title_date_and_summary(
    word: docx.document.Document, report: Report
) -> None:
    texts = [p.text for p in word.paragraphs]
    assert word.paragraphs[0].style is not None
    assert word.paragraphs[0].style.name == "Title"
    assert texts[0] == "海淀区“十三五”时期加强全国科技创新中心核心区建设规划"
    assert "2018年度评估 · 规划期 2015–2020 年；评估年份 2018，规划期已过 60%" in texts
    assert "日期：2026-12-01" in texts
    assert any(t.startswith("✱ 本报告含有仅供演示的示例数据") for t in texts)
    summary = texts.index("总体情况")
    assert texts[summary + 1] == summary_paragraph(report, "zh")


def test_a_chinese_docx_names_the_plan_by_its_chinese_title_only(
    word: docx.document.Document, report: Report
) -> None:
    """The plan has an English title too; a Chinese reader's document does not show it."""
    english = report.plan.title.get("en")
    assert english
    assert english != report.plan.title.get("zh")
    assert not any(english in p.text for p in word.paragraphs)
    options = DocumentOptions(lang=Lang.EN)
    data = render_document(report, DocumentFormat.DOCX, options).data
    assert data is not None
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert texts[:2] == [english, report.plan.title.get("zh")]  # English: both titles


def test_docx_lists_the_changes_that_matter(word: docx.document.Document, report: Report) -> None:
    view = build_view(report, "zh")
    items = [p for p in word.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert [p.text for p in items] == [c.text for c in view.changes]
    assert len(items) == 2
    assert items[0].runs[0].bold  # the binding miss is in bold


def test_docx_table_has_every_cell_of_the_evaluation_table(
    word: docx.document.Document, report: Report
) -> None:
    expected = build_evaluation_table(report, "zh")
    table = word.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert tuple(rows[0]) == expected.headings
    lines: list[list[str]] = []
    for group in expected.groups:
        lines.append([group.heading] * len(expected.headings))  # merged across the row
        lines.extend(list(row.cells()) for row in group.rows)
    assert rows[1:] == lines
    header = table.rows[0]._tr.trPr
    assert header is not None
    assert header.find(qn("w:tblHeader")) is not None  # repeated on each page
    # The assessment cell is shaded in its status colour.
    ninth = next(r for r in table.rows if r.cells[0].text == "9")
    shading = ninth.cells[8]._tc.tcPr.find(qn("w:shd"))
    assert (
        shading.get(qn("w:fill")) == STATUS_COLOURS[report.indicators[8].status].strip("#").upper()
    )
    assert ninth.cells[1].paragraphs[0].runs[0].bold  # binding


def test_docx_table_is_on_a4_landscape_and_the_rest_on_a4_portrait(
    word: docx.document.Document,
) -> None:
    sections = word.sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    for section in sections:
        assert section.page_width is not None
        assert section.page_height is not None
        width, height = sorted(side.mm for side in (section.page_width, section.page_height))
        assert abs(width - 210) < 0.1
        assert abs(height - 297) < 0.1


def test_docx_has_one_chart_image_per_indicator(
    word: docx.document.Document, report: Report
) -> None:
    assert len(word.inline_shapes) == len(report.indicators)  # every sample indicator has values
    charts = word.tables[1]
    headings = [cell.paragraphs[0].text for row in charts.rows for cell in row.cells]
    view = build_view(report, "zh")
    assert headings == [f"{i.no} {i.name} · {i.status_label}" for i in view.indicators]
    captions = [cell.paragraphs[-1].text for row in charts.rows for cell in row.cells]
    assert captions[3].startswith(view.indicators[3].pace_line)
    blobs = [part.blob for part in word.part.package.parts if part.partname.endswith(".png")]
    assert len(blobs) == len(report.indicators)
    assert all(blob.startswith(b"\x89PNG") for blob in blobs)


def test_docx_core_properties_are_dated_by_the_date_option(word: docx.document.Document) -> None:
    props = word.core_properties
    day = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    assert (props.created, props.modified, props.author) == (day, day, "planchk")


def test_documents_are_reproducible(tmp_path: Path, small: list[str]) -> None:
    for fmt in ("docx", "xlsx"):
        out = [tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"]
        for path in out:
            result = runner.invoke(app, ["report", *small, "--format", fmt, "-o", str(path)])
            assert result.exit_code == 0, result.output
        assert out[0].read_bytes() == out[1].read_bytes()
        entries = zipfile.ZipFile(out[0]).infolist()
        assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
        dated = tmp_path / f"dated.{fmt}"
        args = ["report", *small, "--format", fmt, "--date", "2026-12-01", "-o", str(dated)]
        assert runner.invoke(app, args).exit_code == 0
        entries = zipfile.ZipFile(dated).infolist()
        assert {e.date_time for e in entries} == {(2026, 12, 1, 0, 0, 0)}


# Excel


def _merged_text(sheet: Worksheet) -> dict[int, str]:
    """Rows whose first cell is merged across the whole table, with their text."""
    merged = {}
    for cells in sheet.merged_cells.ranges:
        if cells.min_col == 1 and cells.max_col == 11 and cells.min_row == cells.max_row:
            merged[cells.min_row] = str(sheet.cell(cells.min_row, 1).value)
    return merged


def test_xlsx_table_sheet_has_every_cell(workbook: openpyxl.Workbook, report: Report) -> None:
    assert workbook.sheetnames == ["评估表", "数据来源"]
    sheet = workbook["评估表"]
    table = build_evaluation_table(report, "zh")
    merged = _merged_text(sheet)
    assert merged[1] == table.title
    assert merged[3] == summary_paragraph(report, "zh")
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    assert tuple(sheet.cell(header, c).value for c in range(1, 12)) == table.headings
    row_no = header
    for group in table.groups:
        row_no += 1
        assert merged[row_no] == group.heading
        for row in group.rows:
            row_no += 1
            cells = tuple(sheet.cell(row_no, c).value for c in range(1, 12))
            want = (row.no, *row.cells()[1:9], None, None)  # empty author columns stay empty
            assert cells == want
            fill = sheet.cell(row_no, 9).fill.fgColor.rgb
            assert fill == "FF" + STATUS_COLOURS[row.status].strip("#").upper()
            assert sheet.cell(row_no, 2).font.b is row.binding
            assert sheet.cell(row_no, 2).alignment.wrap_text
    assert [merged[r] for r in range(row_no + 1, row_no + 1 + len(table.notes))] == list(
        table.notes
    )


def test_xlsx_table_sheet_is_set_up_for_printing(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["评估表"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.print_area == f"'评估表'!$A$1:$K${sheet.max_row}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width == 36
    assert sheet.column_dimensions["J"].width == 30


def test_xlsx_lists_every_observation_with_its_source(
    workbook: openpyxl.Workbook, report: Report
) -> None:
    sheet = workbook["数据来源"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["序号", "指标", "年份", "原始值", "数值", "单位"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    observations = source_observations(report)
    assert len(rows) == len(observations) > 0
    for row, (no, obs) in zip(rows, observations, strict=True):
        assert (row[0], row[2], row[4]) == (no, obs.year, obs.value)
        assert isinstance(row[4], int | float)  # a number, not text
        assert row[9] == (obs.source or None)
        assert (row[10], row[11]) == (obs.file, obs.line)
        assert row[8] == ("是" if obs.illustrative else None)
        qualifier = {"exact": None, "at_least": "不低于", "at_most": "不超过", "about": "约"}
        assert row[6] == qualifier[obs.qualifier]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{len(rows) + 1}"


def test_xlsx_english(report: Report) -> None:
    data = render_document(report, DocumentFormat.XLSX, DocumentOptions(lang=Lang.EN)).data
    assert data is not None
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Evaluation table", "Observations"]
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Assessment" in values
    assert "off track" in values


def test_report_refuses_an_office_format_for_a_panel(tmp_path: Path, repo_root: Path) -> None:
    panel = repo_root / "tests" / "fixtures" / "panel" / "districts.csv"
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["report", str(panel), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 2
    assert "ranking report is written as html" in result.stderr
    assert not out.exists()
