"""The evaluation table view and the summary paragraph, on the sample data and on small plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.data import load_data
from planchk.formats.evaluation_table import (
    COLUMNS,
    Remarks,
    build_evaluation_table,
    progress_text,
)
from planchk.formats.summary_paragraph import summary_paragraph
from planchk.history import evaluate_history
from planchk.results import Report, Status
from planchk.spec import Spec, load_spec

OFFICIAL_TERMS = {"已完成", "符合进度", "略有滞后", "明显滞后", "逆向变化", "未完成", "缺少数据"}


@pytest.fixture(scope="module")
def report_2018(spec: Spec, repo_root: Path) -> Report:
    before = Path.cwd()
    os.chdir(repo_root)
    try:
        return evaluate_history(spec, load_data(["data"], spec), 2018)
    finally:
        os.chdir(before)


def small_report(tmp_path: Path, repo_root: Path, rows: str) -> Report:
    spec = load_spec(repo_root / "tests" / "fixtures" / "specs" / "minimal.yaml")
    data = tmp_path / "small.csv"
    data.write_text("indicator,year,value,source\n" + rows, encoding="utf-8")
    return evaluate_history(spec, load_data([data], spec))


def test_headings_in_the_layout_of_evaluation_reports(report_2018: Report) -> None:
    table = build_evaluation_table(report_2018, "zh")
    assert table.headings == (
        "序号",
        "指标",
        "单位",
        "属性",
        "基期值（2015年）",
        "目标值（2020年）",
        "实际值（2018年）",
        "完成进度",
        "评价",
        "原因分析",
        "下一步措施",
    )
    assert len(table.headings) == len(COLUMNS)
    assert table.title == "2018年规划主要指标完成情况评估表"


def test_rows_grouped_by_category_in_the_plans_order(report_2018: Report) -> None:
    table = build_evaluation_table(report_2018, "zh")
    assert [g.id for g in table.groups] == [c.id for c in report_2018.categories]
    assert table.groups[0].heading == "一、高端创新要素（得分 100）"
    assert [row.no for row in table.rows] == [r.no for r in report_2018.indicators]
    for group in table.groups:
        expected = [r.no for r in report_2018.indicators if r.category == group.id]
        assert [row.no for row in group.rows] == expected


def test_every_cell_of_three_rows(report_2018: Report) -> None:
    rows = {row.no: row for row in build_evaluation_table(report_2018, "zh").rows}
    # Achieved, with a target "more than": progress says 已完成.
    assert rows[1].cells() == (
        "1", "国家级高新技术企业", "家", "预期性", "6,151", "超过7,000", "10,500✱", "已完成", "已完成", "", "",
    )  # fmt: skip
    # Binding, off track: marked ★, R 0.48 as 48%.
    assert rows[9].cells() == (
        "9", "高新技术产业增加值占全区GDP比重 ★", "%", "约束性", "58", "65", "60✱", "48%", "明显滞后", "", "",
    )  # fmt: skip
    # A growth target: judged in %, its baseline the measure's level with its unit; regressing
    # on an approximate value is marked ≈.
    assert rows[13].cells() == (
        "13", "新注册成立的科技企业年均增速", "%", "预期性", "17,000 家", "15左右", "-1.59✱", "-11%", "逆向变化≈", "", "",
    )  # fmt: skip
    assert rows[9].binding
    assert not rows[1].binding
    assert rows[13].status is Status.REGRESSING


def test_no_data_has_no_progress(report_2018: Report) -> None:
    row = next(r for r in build_evaluation_table(report_2018, "zh").rows if r.no == 11)
    assert (row.actual, row.progress, row.assessment) == ("–", "–", "缺少数据")


def test_every_assessment_is_an_official_term(report_2018: Report) -> None:
    table = build_evaluation_table(report_2018, "zh")
    assert {row.assessment for row in table.rows} <= OFFICIAL_TERMS
    assert {s.label("zh") for s in Status} >= OFFICIAL_TERMS


def test_notes_explain_only_the_marks_used(report_2018: Report, tmp_path: Path) -> None:
    notes = build_evaluation_table(report_2018, "zh").notes
    assert [n[0] for n in notes[:3]] == ["★", "✱", "≈"]
    plain = small_report(
        tmp_path, Path(__file__).resolve().parent.parent, "1,2015,50,x\n1,2018,80,x\n"
    )
    en_notes = build_evaluation_table(plain, "en").notes
    assert not any(n.startswith(("✱", "≈")) for n in en_notes)


def test_remarks_fill_the_authors_columns(report_2018: Report) -> None:
    remarks = {"high-tech-value-added-share": Remarks(reasons="产业结构调整", measures="加大招商")}
    rows = {row.no: row for row in build_evaluation_table(report_2018, "zh", remarks).rows}
    assert rows[9].cells()[-2:] == ("产业结构调整", "加大招商")
    assert rows[8].cells()[-2:] == ("", "")


def test_english_labels(report_2018: Report) -> None:
    table = build_evaluation_table(report_2018, "en")
    assert table.headings[4:9] == (
        "Baseline (2015)",
        "Target (2020)",
        "Actual (2018)",
        "Progress",
        "Assessment",
    )
    row = next(r for r in table.rows if r.no == 2)
    assert (row.target, row.assessment, row.attribute) == ("≈1,100", "on track", "expected")
    assert table.groups[0].heading == "High-end innovation resources (score 100)"


@given(ratio=st.floats(min_value=-50, max_value=50, allow_nan=False))
def test_progress_is_r_as_a_whole_percentage(report_2018: Report, ratio: float) -> None:
    update = {"status": Status.BEHIND, "progress_ratio": ratio}
    result = report_2018.indicators[3].model_copy(update=update)
    text = progress_text(result, "zh")
    assert text.endswith("%")
    assert text != "-0%"
    assert int(text[:-1]) == round(ratio * 100) or (text == "0%" and round(ratio * 100) == 0)


def test_summary_paragraph_zh(report_2018: Report) -> None:
    assert summary_paragraph(report_2018, "zh") == (
        "截至2018年，规划期（2015–2020年）已过60%。20项指标综合得分79.7分，其中19项有得分（覆盖率95%）。"
        "1项约束性指标未达要求：9 高新技术产业增加值占全区GDP比重（明显滞后）。"
        "从评价看，已完成1项、符合进度9项、略有滞后5项、明显滞后3项、逆向变化1项、缺少数据1项。"
    )


def test_summary_paragraph_en(report_2018: Report) -> None:
    text = summary_paragraph(report_2018, "en")
    assert text.startswith("By 2018, 60% of the plan period 2015–2020 has elapsed.")
    assert "score 79.7 out of 100 overall; 19 of them have a score (coverage 95%)" in text
    assert "1 binding indicator(s) fail: 9 High-tech industry value added" in text
    assert text.endswith("By status: achieved 1; on track 9; behind 5; off track 3; "
                         "regressing 1; no data 1.")  # fmt: skip


def test_summary_paragraph_withholds_the_score(tmp_path: Path, repo_root: Path) -> None:
    report = small_report(tmp_path, repo_root, "1,2015,50,x\n1,2018,80,x\n")
    assert report.summary.score is None
    text = summary_paragraph(report, "en")
    assert "The overall score is withheld: only 1 of the 2 indicators have a score" in text
    assert "below the minimum 80%" in text
    assert "No binding indicator fails." in text
