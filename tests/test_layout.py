"""Tables as departments fill them in (planchk.layout, read by planchk.data): title rows, the
header below them, merged header cells, a units row, notes, wide and long layouts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planchk.data import read_data
from planchk.layout import Layout, header_cells, header_layout, is_note
from planchk.problems import ProblemCode, Severity
from planchk.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(ROOT / "targets" / "indicators.yaml")


def sheet_file(
    path: Path, rows: list[list[object]], merged: tuple[str, ...] = (), name: str = "Sheet1"
) -> Path:
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    for ref in merged:
        sheet.merge_cells(ref)
    book.save(path)
    return path


def values(path: Path, spec: Spec, **options: object) -> dict[tuple[str, int], Decimal]:
    loaded = read_data([path], spec, **options)  # type: ignore[arg-type]
    assert [p for p in loaded.problems if p.severity is Severity.ERROR] == []
    return {(o.indicator_id, o.year): o.value for o in loaded.dataset.observations}


WIDE: list[list[object]] = [
    ["海淀区“十三五”规划指标完成情况表"],
    ["填报单位：区统计局", None, None, None, "2019年3月"],
    ["序号", "指标", "单位", "属性", "2015年", "2016年", "2017年", "2018年", "备注"],
    [None, "一、高端创新要素", None, None, None, None, None, None, None],
    [1, "国家级高新技术企业", "家", "预期性", 6151, 7000, 8000, "10500", None],
    [4, "园区企业科技经费投入强度", "%", "预期性", 4.1, None, 4.5, 4.8999999999999995, "预计"],
    [8, "园区总收入年均增速", "万亿元", "约束性", 1.63, None, None, 2.25, None],
    [],
    ["注：2018年为快报数。"],
    ["资料来源：区统计局。"],
]


def test_wide_table_below_title_rows(tmp_path: Path, spec: Spec) -> None:
    path = sheet_file(tmp_path / "table.xlsx", WIDE)
    loaded = read_data([path], spec)
    assert [p for p in loaded.problems if p.severity is Severity.ERROR] == []
    found = {(o.indicator_id, o.year): o for o in loaded.dataset.observations}
    assert found[("national-high-tech-enterprises", 2018)].value == Decimal(10500)
    assert found[("rd-intensity", 2018)].value == Decimal("4.9")
    # 预计 in 备注 marks every figure of the row
    assert found[("rd-intensity", 2018)].preliminary
    assert found[("park-revenue-growth", 2018)].value == Decimal(22500)  # 2.25 万亿元 in 亿元
    assert found[("park-revenue-growth", 2015)].value == Decimal(16300)
    assert len(found) == 9
    assert found[("rd-intensity", 2017)].location == f"{path}!Sheet1!G6"
    summary = loaded.files[0]
    assert (summary.rows, summary.used, summary.rejected) == (9, 9, 0)
    preliminary = [p for p in loaded.problems if p.code is ProblemCode.PRELIMINARY_VALUE]
    assert [p.location for p in preliminary] == [f"{path}!Sheet1!{cell}6 [value]" for cell in "EGH"]


def test_wide_csv_is_read_too(tmp_path: Path, spec: Spec) -> None:
    path = tmp_path / "table.csv"
    path.write_text(
        "海淀区指标表\n\n指标,单位,2017,2018\n国家级高新技术企业,家,8000,10500\n",
        encoding="utf-8",
    )
    assert values(path, spec) == {
        ("national-high-tech-enterprises", 2017): Decimal(8000),
        ("national-high-tech-enterprises", 2018): Decimal(10500),
    }


def test_merged_header_over_two_rows_and_a_units_row(tmp_path: Path, spec: Spec) -> None:
    rows: list[list[object]] = [
        ["指标", "实际值", None],
        [None, "2017年", "2018年"],
        ["单位", "家", "家"],
        ["国家级高新技术企业", 8000, 10500],
        ["金融机构总数", 2300, 2450],
    ]
    path = sheet_file(tmp_path / "t.xlsx", rows, merged=("A1:A2", "B1:C1"))
    assert values(path, spec) == {
        ("national-high-tech-enterprises", 2017): Decimal(8000),
        ("national-high-tech-enterprises", 2018): Decimal(10500),
        ("financial-institutions", 2017): Decimal(2300),
        ("financial-institutions", 2018): Decimal(2450),
    }


def test_units_row_converts_a_long_value_column(tmp_path: Path, spec: Spec) -> None:
    rows: list[list[object]] = [
        ["indicator", "year", "value"],
        [None, None, "万亿元"],
        ["park-revenue-growth", 2018, 2.25],
    ]
    path = sheet_file(tmp_path / "t.xlsx", rows)
    assert values(path, spec) == {("park-revenue-growth", 2018): Decimal(22500)}


def test_layout_forced_long_refuses_a_wide_header(tmp_path: Path, spec: Spec) -> None:
    path = sheet_file(tmp_path / "t.xlsx", [["指标", "2018"], [1, 10500]])
    assert values(path, spec, layout=Layout.WIDE) == {
        ("national-high-tech-enterprises", 2018): Decimal(10500)
    }
    problem = read_data([path], spec, layout=Layout.LONG).problems[0]
    assert problem.code is ProblemCode.BAD_HEADER
    assert problem.location == f"{path}!Sheet1!1:1"


def test_a_second_table_on_the_sheet_is_an_error(tmp_path: Path, spec: Spec) -> None:
    rows: list[list[object]] = [
        ["指标", "2018"],
        [1, 10500],
        [],
        ["指标", "2019"],
        [1, 11000],
    ]
    path = sheet_file(tmp_path / "t.xlsx", rows)
    loaded = read_data([path], spec)
    assert [(p.code, p.line) for p in loaded.problems] == [(ProblemCode.TWO_TABLES, 4)]
    assert not loaded.files[0].complete
    assert len(loaded.dataset.observations) == 1


def test_a_merged_cell_inside_the_data_is_an_error(tmp_path: Path, spec: Spec) -> None:
    rows: list[list[object]] = [
        ["类别", "指标", "2017", "2018"],
        ["高端创新资源", "国家级高新技术企业", 8000, 10500],
        [None, "企业研发机构", 990, None],
    ]
    # the category merged down its rows is fine; a figure merged over two years is not
    path = sheet_file(tmp_path / "t.xlsx", rows, merged=("A2:A3", "C3:D3"))
    loaded = read_data([path], spec)
    merged = [p for p in loaded.problems if p.code is ProblemCode.MERGED_CELL]
    assert [p.location for p in merged] == [f"{path}!Sheet1!C3"]
    assert "C3:D3" in merged[0].message


def test_year_columns_that_are_not_years(tmp_path: Path, spec: Spec) -> None:
    rows: list[list[object]] = [
        ["指标", "2014年", "2018年", "2020年目标"],
        ["国家级高新技术企业", 5000, 10500, 7000],
    ]
    path = sheet_file(tmp_path / "t.xlsx", rows)
    loaded = read_data([path], spec)
    found = [(p.code, p.severity, p.location) for p in loaded.problems]
    assert found == [
        (ProblemCode.IGNORED_COLUMN, Severity.WARNING, f"{path}!Sheet1!D1"),
        (ProblemCode.YEAR_OUT_OF_RANGE, Severity.ERROR, f"{path}!Sheet1!B1"),
    ]
    assert [(o.year, o.value) for o in loaded.dataset.observations] == [(2018, Decimal(10500))]


def test_wide_rows_checked_like_long_rows(tmp_path: Path, spec: Spec) -> None:
    rows: list[list[object]] = [
        ["序号", "指标", "2018"],
        [1, "国家级高新技术企业", "abc"],
        [2, "国家级高新技术企业", 10500],
        [None, "no such indicator", 5],
        [3, None, 150],
    ]
    path = sheet_file(tmp_path / "t.xlsx", rows)
    loaded = read_data([path], spec)
    found = [(p.code, p.location) for p in loaded.problems]
    assert found == [
        (ProblemCode.TYPE_ERROR, f"{path}!Sheet1!C2 [value]"),
        (ProblemCode.UNKNOWN_INDICATOR, f"{path}!Sheet1!B3 [indicator]"),
        (ProblemCode.UNKNOWN_INDICATOR, f"{path}!Sheet1!B4 [indicator]"),
    ]
    assert "序号 2 is indicator 2" in loaded.problems[1].message
    assert [o.indicator_id for o in loaded.dataset.observations] == ["haiying-talents-added"]
    summary = loaded.files[0]
    assert (summary.rows, summary.used, summary.rejected) == (4, 1, 3)


def test_note_rows_and_their_continuation_lines() -> None:
    assert is_note(["注：1. 2018年为快报数"])
    assert is_note(["", "资料来源：统计局"])
    assert is_note(["* illustrative"])
    assert not is_note(["国家级高新技术企业", "10500"])
    assert not is_note(["注册企业数"])


def test_header_recognition() -> None:
    wide = header_cells(["序号", "指标", "2015年", "２０１６"])
    assert dict(wide.years) == {2: 2015, 3: 2016}
    assert header_layout(wide, Layout.AUTO) is Layout.WIDE
    assert header_layout(wide, Layout.LONG) is None
    long = header_cells(["indicator", "year", "value"])
    assert header_layout(long, Layout.AUTO) is Layout.LONG
    assert header_layout(header_cells(["海淀区 2018 年统计"]), Layout.AUTO) is None


@settings(max_examples=40, deadline=None)
@given(
    titles=st.integers(0, 4),
    figures=st.lists(st.integers(0, 100_000), min_size=1, max_size=5),
)
def test_every_figure_of_a_wide_csv_is_used(
    tmp_path_factory: pytest.TempPathFactory, titles: int, figures: list[int]
) -> None:
    spec = load_spec(ROOT / "targets" / "indicators.yaml")
    years = list(range(2016, 2016 + len(figures)))
    lines = [f"标题{n}" for n in range(titles)]
    lines.append("指标," + ",".join(f"{y}年" for y in years))
    lines.append("金融机构总数," + ",".join(map(str, figures)))
    path = tmp_path_factory.mktemp("wide") / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = read_data([path], spec)
    assert loaded.problems == ()
    assert [o.value for o in loaded.dataset.observations] == [Decimal(f) for f in figures]
    assert loaded.files[0].rows == loaded.files[0].used == len(figures)
