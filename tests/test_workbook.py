"""Reading workbooks (planchk.workbook): every cell whatever <dimension> says, hidden sheets,
numbers as Excel shows them, and archives refused before they are unpacked."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.data import load_data, read_data
from planchk.problems import ProblemCode, Severity
from planchk.spec import Spec, load_spec
from planchk.workbook import (
    MAX_UNCALCULATED,
    CellRange,
    Workbook,
    WorkbookError,
    WorkbookLimits,
    cell_text,
    check_archive,
    column_letter,
    parse_range,
    shown_number,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(ROOT / "targets" / "indicators.yaml")


def workbook(
    path: Path, sheets: Mapping[str, Sequence[Sequence[object]]], hidden: tuple[str, ...] = ()
) -> Path:
    from openpyxl import Workbook as OpenWorkbook  # noqa: PLC0415

    book = OpenWorkbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def rewrite_member(path: Path, member: str, change: str, to: str) -> None:
    """Edit one XML file of a saved workbook (as another program might have written it)."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    text = contents[member].decode("utf-8")
    assert re.search(change, text), text[:500]
    contents[member] = re.sub(change, to, text).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


# --- numbers as Excel shows them -------------------------------------------------------------


def test_binary_noise_is_read_as_excel_shows_it() -> None:
    assert shown_number(4.8999999999999995) == Decimal("4.9")
    assert shown_number(0.1 + 0.2) == Decimal("0.3")
    assert cell_text(4.8999999999999995) == "4.9"
    assert cell_text(16300.0) == "16300"
    assert cell_text(1e16) == "10000000000000000"
    assert cell_text(0.058, "0.0%") == "5.8%"
    assert cell_text(0.058, '0.0"%"') == "0.058"  # a quoted % is text, not a percent format
    assert cell_text(True) == "TRUE"
    assert cell_text(float("nan")) == "nan"


@given(st.floats(min_value=-9.99e307, max_value=9.99e307))  # Excel's largest number
def test_shown_number_has_at_most_15_significant_digits_and_is_the_nearest(value: float) -> None:
    shown = shown_number(value)
    digits = shown.normalize().as_tuple().digits
    assert len(digits) <= 15
    assert abs(float(shown) - value) <= abs(value) * 1e-14


def test_value_equal_to_its_target_is_achieved_when_excel_stored_noise(
    tmp_path: Path, spec: Spec
) -> None:
    path = workbook(
        tmp_path / "2018.xlsx",
        {"data": [["indicator", "year", "value"], [4, 2018, 4.8999999999999995]]},
    )
    obs = load_data([path], spec).observations[0]
    assert obs.value == Decimal("4.9")
    assert obs.reported == "4.9"


# --- every row and column, whatever <dimension> says -------------------------------------------


def test_rows_and_columns_beyond_the_dimension_are_read(tmp_path: Path, spec: Spec) -> None:
    path = workbook(
        tmp_path / "2018.xlsx",
        {
            "data": [
                ["indicator", "year", "value", "unit"],
                ["park-revenue-growth", 2018, 2.25, "万亿元"],
                [1, 2018, 10500, "家"],
            ]
        },
    )
    rewrite_member(
        path, "xl/worksheets/sheet1.xml", r'<dimension ref="[^"]+" ?/>', '<dimension ref="A1:C2"/>'
    )
    dataset = load_data([path], spec)
    revenue = dataset.get("park-revenue-growth", 2018)
    assert revenue is not None
    assert revenue.value == Decimal(22500)  # 2.25 万亿元, the unit column D kept
    assert dataset.get("national-high-tech-enterprises", 2018) is not None  # row 3 kept


def test_a_dimension_claiming_the_whole_sheet_is_not_read_as_cells(
    tmp_path: Path, spec: Spec
) -> None:
    path = workbook(
        tmp_path / "2018.xlsx", {"data": [["indicator", "year", "value"], [1, 2018, 10500]]}
    )
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        r'<dimension ref="[^"]+" ?/>',
        '<dimension ref="A1:XFD1048576"/>',
    )
    loaded = read_data([path], spec)
    assert [o.value for o in loaded.dataset.observations] == [Decimal(10500)]
    assert loaded.files[0].rows == 1


# --- sheets ----------------------------------------------------------------------------------


def test_every_visible_sheet_is_read_and_hidden_ones_are_said(tmp_path: Path, spec: Spec) -> None:
    header = ["indicator", "year", "value"]
    path = workbook(
        tmp_path / "data.xlsx",
        {
            "一月": [header, [1, 2018, 10500]],
            "二月": [header, [2, 2018, 1030]],
            "old": [header, [3, 2018, 999]],
            "说明": [["这张表说明填报方法"]],
        },
        hidden=("old",),
    )
    loaded = read_data([path], spec)
    assert sorted(o.indicator_id for o in loaded.dataset.observations) == [
        "enterprise-rd-institutions",
        "national-high-tech-enterprises",
    ]
    found = {(p.code, p.sheet, p.severity) for p in loaded.problems}
    assert found == {
        (ProblemCode.HIDDEN_SHEET, "old", Severity.WARNING),
        (ProblemCode.NO_TABLE, "说明", Severity.WARNING),
    }
    assert [o.location for o in loaded.dataset.observations] == [
        f"{path}!一月!C2",
        f"{path}!二月!C2",
    ]


def test_sheet_option_reads_one_sheet_even_a_hidden_one(tmp_path: Path, spec: Spec) -> None:
    header = ["indicator", "year", "value"]
    path = workbook(
        tmp_path / "data.xlsx",
        {"a": [header, [1, 2018, 10500]], "old": [header, [3, 2018, 99]]},
        hidden=("old",),
    )
    loaded = read_data([path], spec, sheet="old")
    assert [o.indicator_id for o in loaded.dataset.observations] == ["haiying-talents-added"]
    assert loaded.problems == ()
    missing = read_data([path], spec, sheet="nope")
    assert [(p.code, p.message) for p in missing.problems] == [
        (
            ProblemCode.NO_DATA,
            "no sheet named 'nope' (--sheet); the workbook's sheets are 'a', 'old'",
        )
    ]


def test_a_workbook_without_a_table_names_the_sheet(tmp_path: Path, spec: Spec) -> None:
    path = workbook(tmp_path / "2018.xlsx", {"报表": [["海淀区统计报表"], [], ["名称", "数"]]})
    loaded = read_data([path], spec)
    problem = loaded.problems[0]
    assert (problem.code, problem.sheet, problem.line) == (ProblemCode.BAD_HEADER, "报表", 1)
    assert problem.location == f"{path}!报表!1:1"
    assert not loaded.files[0].complete


def test_only_hidden_sheets_is_said(tmp_path: Path, spec: Spec) -> None:
    path = workbook(
        tmp_path / "2018.xlsx",
        {"a": [["indicator", "year", "value"], [1, 2018, 10500]], "blank": []},
        hidden=("a",),
    )
    codes = [p.code for p in read_data([path], spec).problems]
    assert codes == [ProblemCode.NO_DATA, ProblemCode.HIDDEN_SHEET]  # errors before warnings


# --- bounded resources ---------------------------------------------------------------------


def test_zip_bomb_is_refused_before_it_is_read(tmp_path: Path, spec: Spec) -> None:
    path = workbook(tmp_path / "2018.xlsx", {"a": [["indicator", "year", "value"]]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 2**20))  # 8 MB packing to 8 KB
    with pytest.raises(WorkbookError, match=r"would unpack .* times its packed size"):
        check_archive(path)
    problem = read_data([path], spec).problems[0]
    assert problem.code is ProblemCode.UNREADABLE_FILE
    assert "zip bomb" in problem.message


def test_total_size_limit(tmp_path: Path) -> None:
    path = workbook(tmp_path / "a.xlsx", {"a": [["indicator", "year", "value"]]})
    with pytest.raises(WorkbookError, match="would unpack to"):
        check_archive(path, WorkbookLimits(max_uncompressed=1000))


def test_cell_limit_stops_a_sheet_with_a_message(tmp_path: Path) -> None:
    path = workbook(tmp_path / "a.xlsx", {"a": [[1, 2, 3]] * 10})
    with Workbook(path, WorkbookLimits(max_cells=20)) as book:
        sheet = book.sheets()[0]
        with pytest.raises(WorkbookError, match="more than 20 cells"):
            list(book.rows(sheet))


def test_not_a_zip_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"indicator,year,value\n")
    with pytest.raises(WorkbookError, match="not a readable XLSX workbook"):
        check_archive(path)


# --- merged cells ----------------------------------------------------------------------------


def test_merged_ranges_are_found(tmp_path: Path) -> None:
    from openpyxl import Workbook as OpenWorkbook  # noqa: PLC0415

    book = OpenWorkbook()
    sheet = book.active
    sheet.append(["title"])
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("B3:B4")
    book.save(tmp_path / "m.xlsx")
    with Workbook(tmp_path / "m.xlsx") as opened:
        merged = opened.sheets()[0].merged
    assert merged == (CellRange(1, 1, 4, 1), CellRange(2, 3, 2, 4))
    assert [m.ref for m in merged] == ["A1:D1", "B3:B4"]


# --- formulas without values ----------------------------------------------------------------


def test_formulas_without_a_calculated_value_are_found(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "f.xlsx",
        {"S": [["indicator", "year", "value"], [1, 2018, "=A1*2"], [2, 2018, "=7"], [3, 2018, 4]]},
    )
    # as Excel saves them: C3 calculated to 7; C2 a text formula calculated to "" (=IF(…,""))
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        r'<c r="C3"><f>7</f><v\s*(?:/>|></v>)',
        '<c r="C3"><f>7</f><v>7</v>',
    )
    with Workbook(path) as opened:
        assert opened.sheets()[0].uncalculated == ((3, 2),)
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        r'<c r="C2"><f>A1\*2</f><v\s*(?:/>|></v>)',
        '<c r="C2" t="str"><f>A1*2</f><v></v>',
    )
    rewrite_member(path, "xl/worksheets/sheet1.xml", r"<v>7</v>", "")  # no <v> at all
    with Workbook(path) as opened:
        sheet = opened.sheets()[0]
    assert (sheet.uncalculated, sheet.uncalculated_count) == (((3, 3),), 1)


def test_formulas_across_chunks_are_counted_once_and_located_up_to_the_limit(
    tmp_path: Path,
) -> None:
    count = MAX_UNCALCULATED + 4_000
    long = "=" + "+".join(["1"] * 200)  # 400 bytes a cell: the sheet's XML spans chunks
    path = workbook(tmp_path / "many.xlsx", {"S": [[long] for _ in range(count)]})
    with Workbook(path) as opened:
        sheet = opened.sheets()[0]
    assert sheet.uncalculated_count == count
    assert sheet.uncalculated == tuple((1, row) for row in range(1, MAX_UNCALCULATED + 1))


def test_uncalculated_formulas_are_errors_on_their_cells(tmp_path: Path, spec: Spec) -> None:
    path = workbook(
        tmp_path / "2018.xlsx",
        {"S": [["indicator", "year", "value"], [1, 2018, "=9000+1"]]},
    )
    problems = read_data([path], spec).problems
    found = [p for p in problems if p.code is ProblemCode.UNCALCULATED_FORMULA]
    assert [p.location for p in found] == [f"{path}!S!C2"]
    assert found[0].severity is Severity.ERROR
    assert "open the workbook in Excel or LibreOffice and save it" in found[0].message


def test_cell_references() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 16384)] == ["A", "Z", "AA", "XFD"]
    assert parse_range("D7") == CellRange(4, 7, 4, 7)
    assert parse_range("C2:A1") == CellRange(1, 1, 3, 2)
    with pytest.raises(ValueError, match="not a cell range"):
        parse_range("7:7")
