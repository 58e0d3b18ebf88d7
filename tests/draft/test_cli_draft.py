"""`planchk spec draft` through typer's runner: outputs, the path to an evaluated report, and
what bad input gets (exit code 2 and a message naming what was found)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "draft"
HAIDIAN = FIXTURES / "haidian-txt" / "haidian-13th-fyp-sti-plan.zh.txt"
runner = CliRunner()


def test_draft_writes_the_spec_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "indicators.yaml"
    result = runner.invoke(app, ["spec", "draft", str(HAIDIAN), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    # a Chinese table: the summary in Chinese with no flag, and the spec says its language
    assert "起草了5类20项指标；0行未采用；45项选择待复核" in result.stderr
    assert "\n  language: zh\n" in out.read_text(encoding="utf-8")
    check = runner.invoke(app, ["spec", "check", str(out)])
    assert check.exit_code == 0, check.stdout
    assert "通过" in check.stdout  # the drafted spec reports in Chinese too
    english = runner.invoke(app, ["spec", "draft", str(HAIDIAN), "--lang", "en"])
    assert "drafted 20 indicators in 5 categories" in english.stderr
    assert "0 rows left out" in english.stderr
    assert "\n  language: zh\n" in english.stdout  # the plan's language, not the run's


def test_draft_speaks_the_language_it_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang, else PLANCHK_LANG, else the plan's language; the review list follows."""
    review = runner.invoke(app, ["spec", "draft", str(HAIDIAN), "--format", "json"]).stdout
    assert '"why": "规划期"' in review
    assert '"table": "表1（第106行）"' in review
    monkeypatch.setenv("PLANCHK_LANG", "en")
    english = runner.invoke(app, ["spec", "draft", str(HAIDIAN), "--format", "json"])
    assert '"why": "the plan period"' in english.stdout
    assert english.stderr.startswith("planchk: drafted 20 indicators")
    chinese = runner.invoke(app, ["spec", "draft", str(HAIDIAN), "--lang", "zh"])
    assert chinese.stdout.startswith("# 由 planchk spec draft 根据")
    assert chinese.stderr.startswith("planchk：依据表1（第106行）起草了")


def test_an_error_about_a_chinese_plan_is_in_chinese_and_about_others_in_english(
    tmp_path: Path,
) -> None:
    chinese = tmp_path / "规划.md"
    chinese.write_text("# 规划\n\n| 项目 | 金额 |\n| --- | --- |\n| 道路 | 5 |\n", "utf-8")
    result = runner.invoke(app, ["spec", "draft", str(chinese)])
    assert result.exit_code == 2
    assert "未找到指标表" in result.stderr
    assert "no indicator table" not in result.stderr
    english = tmp_path / "plan.md"
    english.write_text("# Plan\n\n| Item | Amount |\n| --- | --- |\n| Roads | 5 |\n", "utf-8")
    result = runner.invoke(app, ["spec", "draft", str(english)])
    assert result.exit_code == 2
    assert "no indicator table" in result.stderr


def test_draft_is_byte_for_byte_deterministic() -> None:
    first = runner.invoke(app, ["spec", "draft", str(HAIDIAN)])
    second = runner.invoke(app, ["spec", "draft", str(HAIDIAN)])
    assert first.stdout == second.stdout
    assert first.stdout.startswith("# 由 planchk spec draft")


def test_review_list_as_json() -> None:
    result = runner.invoke(app, ["spec", "draft", str(HAIDIAN), "--format", "json"])
    review = json.loads(result.stdout)
    assert review["indicators_drafted"] == 20
    assert review["rows_left_out"] == 0
    fields = {(item["no"], item["field"]) for item in review["review"]}
    assert (6, "unit") in fields
    assert (11, "unit") in fields
    baseline = next(i for i in review["review"] if i["no"] == 5 and i["field"] == "baseline")
    assert baseline["value"] == "15600"
    assert baseline["source"] == "全区发明专利授权量达1.56万件"


def test_from_the_published_plan_to_an_evaluated_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's path: draft, set the two units the review list asks for, evaluate. Every
    indicator then gets the status it gets with the shipped spec."""
    monkeypatch.chdir(ROOT)
    drafted = runner.invoke(app, ["spec", "draft", str(HAIDIAN)]).stdout
    lines = drafted.splitlines()
    for no, unit in ((6, "件"), (11, "亿元")):
        start = lines.index(f"  - no: {no}")
        at = next(i for i in range(start, len(lines)) if lines[i].startswith("    unit:"))
        lines[at] = f'    unit: {{zh: "{unit}"}}'
    spec = tmp_path / "indicators.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ours = runner.invoke(
        app, ["evaluate", "data/2018.csv", "--spec", str(spec), "--format", "json"]
    )
    shipped = runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "json"])
    assert ours.exit_code == shipped.exit_code == 1
    statuses = {i["no"]: i["status"] for i in json.loads(ours.stdout)["indicators"]}
    expected = {i["no"]: i["status"] for i in json.loads(shipped.stdout)["indicators"]}
    assert statuses == expected


def _fails(args: list[str], *needles: str) -> str:
    """The command fails with exit code 2 and says `needles` (in English: `--lang en`)."""
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr
    return result.stderr


def test_text_without_an_indicator_table(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# 规划\n\n| 项目 | 金额 |\n| --- | --- |\n| 道路 | 5 |\n", encoding="utf-8")
    _fails(["spec", "draft", str(plan)], "no indicator table", "项目 | 金额", "--table N")


def test_a_table_headed_indicator_without_target_columns(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| 序号 | 指标 | 备注 |\n| --- | --- | --- |\n| 1 | 人口 | 无 |\n", encoding="utf-8"
    )
    _fails(["spec", "draft", str(plan)], "序号 | 指标 | 备注", "target column")


def test_table_number_out_of_range() -> None:
    _fails(["spec", "draft", str(HAIDIAN), "--table", "7"], "there is no table 7", "1 table(s)")


def test_plan_years_unknown(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| 序号 | 指标 | 目标 |\n| --- | --- | --- |\n| 1 | 人口(万人) | 50 |\n", encoding="utf-8"
    )
    _fails(["spec", "draft", str(plan)], "--base-year and --end-year")
    ok = runner.invoke(
        app,
        ["spec", "draft", str(plan), "--base-year", "2020", "--end-year", "2025", "--lang", "en"],
    )
    assert ok.exit_code == 0
    assert "base_year: 2020  # --base-year and --end-year" in ok.stdout


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".xlsx"])
def test_unreadable_binary_files(tmp_path: Path, suffix: str) -> None:
    plan = tmp_path / f"plan{suffix}"
    plan.write_bytes(b"not a document at all")
    _fails(["spec", "draft", str(plan)], "not a readable", plan.name)


def test_text_in_neither_utf8_nor_gb18030(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(b"\xff\xfe\xff\xff\x81")
    _fails(["spec", "draft", str(plan)], "UTF-8")


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(HAIDIAN.read_text(encoding="utf-8").encode("gb18030"))
    result = runner.invoke(app, ["spec", "draft", str(plan)])
    assert result.exit_code == 0
    assert "起草了5类20项指标" in result.stderr


def test_a_missing_file() -> None:
    result = runner.invoke(app, ["spec", "draft", "no-such-plan.docx"])
    assert result.exit_code == 2


def test_table_option_picks_another_table_and_marks_in_names_are_explained(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "“十四五”规划\n\n| 序号 | 指标 | 目标 |\n| --- | --- | --- |\n| 1 | 人口(万人) | 50 |\n\n"
        "| 序号 | 指标 | 目标 | 属性 |\n| --- | --- | --- | --- |\n| 1 | 森林覆盖率①(%) | 45 | 约束性 |\n\n"
        "注:①含灌木林。\n",
        encoding="utf-8",
    )
    first = runner.invoke(app, ["spec", "draft", str(plan), "--format", "json"])
    assert json.loads(first.stdout)["table"] == "表1（第3行）"
    second = runner.invoke(app, ["spec", "draft", str(plan), "--table", "2", "--format", "json"])
    review = json.loads(second.stdout)
    assert review["table"] == "表2（第7行）"
    mark = next(item for item in review["review"] if item["field"] == "name")
    assert (mark["value"], mark["source"]) == ("森林覆盖率", "①含灌木林")
    spec = runner.invoke(app, ["spec", "draft", str(plan), "--table", "2"]).stdout
    assert "attribute: binding  # 约束性" in spec
    assert "base_year: 2020" in spec


def test_docx_and_pdf_without_the_draft_extra_say_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` now fails
    result = runner.invoke(
        app, ["spec", "draft", str(FIXTURES / "national-13th-docx" / "plan.docx")]
    )
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "plan.docx: reading a .docx plan needs python-docx, which is not installed: "
        "pip install 'planchk[draft]'\n"
    )


def test_text_html_and_sheets_need_no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("docx", "pdfplumber", "pdfminer"):
        monkeypatch.setitem(sys.modules, module, None)
    for plan in (
        HAIDIAN,
        FIXTURES / "national-14th-html" / "plan.html",
        FIXTURES / "national-13th-xlsx" / "plan.xlsx",
    ):
        assert runner.invoke(app, ["spec", "draft", str(plan)]).exit_code == 0, plan
