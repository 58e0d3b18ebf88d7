"""Each reader turns its format into grids of cell text; merged cells repeat their text."""

from __future__ import annotations

from pathlib import Path

from planchk.draft.read import read_document
from planchk.draft.text import read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "draft"


def test_one_cell_per_line_rebuilds_rows_and_joins_a_split_category() -> None:
    text = "\n\n".join(
        [
            "规划指标",
            "类别",
            "序号",
            "指标",
            "目标",
            "属性",
            "经济",
            "1",
            "人口(万人)",
            "(常住)",
            "50",
            "预期性",
            "创新",
            "国际化",
            "2",
            "专利(件)",
            "10左右",
            "约束性",
            "三、主要任务",
        ]
    )
    document = read_text(text)
    (grid,) = document.tables
    assert grid.rows == (
        ("类别", "序号", "指标", "目标", "属性"),
        ("经济", "1", "人口(万人)\n(常住)", "50", "预期性"),
        ("创新国际化", "2", "专利(件)", "10左右", "约束性"),
    )
    assert grid.title == "规划指标"
    assert document.paragraphs == ("三、主要任务",)


def test_tab_separated_text() -> None:
    document = read_text("标题\n指标\t2020年\t2025年\n人口(万人)\t40\t50\n")
    assert document.tables[0].rows[1] == ("人口(万人)", "40", "50")


def test_csv(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "类别,指标,2020年,2025年,属性\n经济,人口(万人),40,50,预期性\n", encoding="utf-8"
    )
    (grid,) = read_document(plan).tables
    assert grid.rows[1] == ("经济", "人口(万人)", "40", "50", "预期性")
    assert grid.places[1] == "line 2"


def test_docx_vertically_merged_category_cells() -> None:
    document = read_document(FIXTURES / "national-13th-docx" / "plan.docx")
    (grid,) = document.tables
    assert [row[0] for row in grid.rows[1:5]] == ["经济发展"] * 4
    assert grid.rows[5][0] == "创新驱动"
    assert grid.notes[0].startswith("注:①〔〕内为五年累计数")
    assert grid.title == "专栏1 “十三五”时期经济社会发展主要指标"


def test_xlsx_merged_cells_and_pdf_text_layer() -> None:
    for name in ("national-13th-xlsx/plan.xlsx", "national-13th-pdf/plan.pdf"):
        (grid,) = read_document(FIXTURES / name).tables
        assert len(grid.rows) == 21
        assert grid.rows[1][:3] == ("经济发展", "1", "国内生产总值(万亿元)"), name


def test_html_rowspan() -> None:
    document = read_document(FIXTURES / "national-14th-html" / "plan.html")
    (grid,) = document.tables
    assert [row[0] for row in grid.rows[1:4]] == ["经济发展"] * 3
    assert document.title.startswith("中华人民共和国国民经济和社会发展第十四个五年规划")
    assert grid.notes[0].startswith("注:①")


def test_category_rows_name_the_rows_below() -> None:
    from planchk.draft.assemble import assemble  # noqa: PLC0415

    text = (
        "“十四五”规划\n\n| 序号 | 指标 | 2025年 | 属性 |\n| --- | --- | --- | --- |\n"
        "| 一、经济发展 | | | |\n| 1 | 地区生产总值(亿元) | 1000 | 预期性 |\n"
        "| 二、绿色生态 | 二、绿色生态 | 二、绿色生态 | 二、绿色生态 |\n| 2 | 森林覆盖率(%) | 45 | 约束性 |\n"
    )
    draft = assemble(read_text(text, "plan.md"), None, None, None)
    assert [c.name for c in draft.categories] == ["一、经济发展", "二、绿色生态"]
    assert [i.category for i in draft.indicators] == ["category-1", "category-2"]
    assert (draft.other_rows, draft.rows_left_out) == (2, 0)
