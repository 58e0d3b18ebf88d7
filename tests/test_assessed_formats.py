"""Assessments in every format: the manual status marked †, the computed status beside it,
the legend, and the evaluation table's 原因分析 / 下一步措施 filled from the assessments."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from planchk.assessments import load_assessments
from planchk.cli import app
from planchk.data import load_data
from planchk.explain import explain
from planchk.formats import DocumentFormat, DocumentOptions, Lang, render_document
from planchk.formats.evaluation_table import build_evaluation_table
from planchk.history import evaluate_history
from planchk.results import Report, Status
from planchk.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
ASSESSMENTS = "tests/fixtures/assessments/haidian-2018.yaml"
runner = CliRunner()

# (format, golden file): `evaluate data/2018.csv --assessments ASSESSMENTS --format FORMAT`
GOLDENS = [
    ("table", "assessed-2018.txt"),
    ("json", "assessed-2018.json"),
    ("junit", "assessed-2018.junit.xml"),
    ("github", "assessed-2018.github.txt"),
    ("markdown", "assessed-2018.md"),
]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ROOT


@pytest.fixture(scope="module")
def assessed() -> Report:
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        spec = load_spec("targets/indicators.yaml")
        found = load_assessments(ASSESSMENTS, spec)
        return evaluate_history(spec, load_data(["data/2018.csv"], spec), 2018, found)
    finally:
        os.chdir(before)


@pytest.mark.parametrize(("fmt", "golden"), GOLDENS, ids=[g[1] for g in GOLDENS])
def test_every_evaluate_format_matches_its_golden(in_repo: Path, fmt: str, golden: str) -> None:
    result = runner.invoke(
        app, ["evaluate", "data/2018.csv", "--assessments", ASSESSMENTS, "--format", fmt]
    )
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8"), (
        f"the {fmt} output with assessments changed; if intended, regenerate with `planchk "
        f"evaluate data/2018.csv --assessments {ASSESSMENTS} --format {fmt} > "
        f"tests/golden/{golden}`"
    )
    assert result.exit_code == 1  # indicator 9 (binding) is assessed behind: still failing


@pytest.mark.parametrize("fmt", ["table", "junit", "github", "markdown"])
def test_every_text_format_marks_the_override_and_shows_the_computed_status(
    in_repo: Path, fmt: str
) -> None:
    out = runner.invoke(
        app, ["evaluate", "data/2018.csv", "--assessments", ASSESSMENTS, "--format", fmt]
    ).stdout
    assert "behind† (○ off track)" in out  # indicator 9: manual behind over computed off track
    assert "behind† (? no data)" in out or fmt in ("junit", "github")  # indicator 11 listed
    if fmt in ("table", "markdown"):
        assert "† status given by an assessment" in out


def test_the_json_report_carries_the_manual_and_the_computed_status(in_repo: Path) -> None:
    out = runner.invoke(
        app, ["evaluate", "data/2018.csv", "--assessments", ASSESSMENTS, "--format", "json"]
    ).stdout
    report = json.loads(out)
    assert report["schema_version"] == 2
    nine = next(r for r in report["indicators"] if r["no"] == 9)
    assert (nine["status"], nine["computed_status"], nine["score"]) == ("behind", "off_track", 60.0)
    assert nine["assessment"]["status"] == "behind"
    assert nine["assessment"]["date"] == "2019-03-15"
    assert nine["assessment"]["line"] == 3
    assert nine["progress_ratio"] == pytest.approx(0.476190476)  # the measurement is kept
    one = next(r for r in report["indicators"] if r["no"] == 1)
    assert (one["computed_status"], one["assessment"]) == (None, None)


def test_github_annotates_the_assessment_s_line(in_repo: Path) -> None:
    out = runner.invoke(
        app, ["evaluate", "data/2018.csv", "--assessments", ASSESSMENTS, "--format", "github"]
    ).stdout
    line = next(x for x in out.splitlines() if "indicator 9 " in x)
    assert f"file={ASSESSMENTS},line=3," in line
    assert "assessed by District Development and Reform Commission, 2019-03-15" in line


def test_the_evaluation_table_fills_causes_and_measures_from_the_assessments(
    assessed: Report,
) -> None:
    table = build_evaluation_table(assessed, "zh")
    nine = next(row for row in table.rows if row.no == 9)
    assert nine.reasons == "新一代信息技术企业统计口径调整"
    assert nine.measures == "加快集成电路设计企业入统"
    assert nine.cells()[8] == "略有滞后† (○ 明显滞后)"
    eleven = next(row for row in table.rows if row.no == 11)
    assert eleven.cells()[8] == "略有滞后† (? 缺少数据)"
    assert (eleven.reasons, eleven.measures) == ("", "")  # that assessment wrote none
    assert any(note.startswith("† 评估认定的状态") for note in table.notes)
    plain = build_evaluation_table(assessed.model_copy(update={"indicators": ()}), "zh")
    assert not any(note.startswith("†") for note in plain.notes)


def test_explain_shows_the_computed_and_the_manual_status(assessed: Report) -> None:
    spec = load_spec(ROOT / "targets" / "indicators.yaml")
    indicator = spec.indicator("9")
    assert indicator is not None
    text = explain(spec, assessed, indicator)
    assert "Computed from the data: off_track; an assessment overrides it" in text
    assert "Status: behind† (by assessment: the 2018 share excludes" in text
    assert "District Development and Reform Commission, 2019-03-15" in text
    assert "Score: 60, following the assessment's status" in text


def test_html_and_markdown_documents_mark_the_override(assessed: Report) -> None:
    for fmt in (DocumentFormat.HTML, DocumentFormat.MARKDOWN):
        text = render_document(assessed, fmt, DocumentOptions(lang=Lang.EN)).text
        text = text.replace("\\", "")  # Markdown escapes brackets
        assert "behind† (○ off track)" in text, fmt
        assert "† status given by an assessment" in text, fmt
        assert "assessed by District Development and Reform Commission, 2019-03-15" in text, fmt


def test_word_and_excel_documents_mark_the_override(assessed: Report) -> None:
    options = DocumentOptions(lang=Lang.ZH)
    data = render_document(assessed, DocumentFormat.DOCX, options).data
    assert data is not None
    word = docx.Document(io.BytesIO(data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "略有滞后† (○ 明显滞后)" in cells
    assert "加快集成电路设计企业入统" in cells
    text = "\n".join(p.text for p in word.paragraphs)
    assert "† 评估认定的状态" in text
    book = render_document(assessed, DocumentFormat.XLSX, options).data
    assert book is not None
    sheet = openpyxl.load_workbook(io.BytesIO(book)).worksheets[0]
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "略有滞后† (○ 明显滞后)" in values
    assert "新一代信息技术企业统计口径调整" in values
    assert any(v.startswith("† 评估认定的状态") for v in values)


def test_the_history_marks_the_years_an_assessment_gives(assessed: Report) -> None:
    eleven = next(r for r in assessed.indicators if r.no == 11)
    assert [(p.year, p.status, p.manual) for p in eleven.history][-1] == (
        2018,
        Status.BEHIND,
        True,
    )


def test_cli_explain_report_and_validate_take_assessments(in_repo: Path, tmp_path: Path) -> None:
    shown = runner.invoke(app, ["explain", "9", "data/2018.csv", "--assessments", ASSESSMENTS])
    assert shown.exit_code == 0
    assert "behind†" in shown.stdout
    out = tmp_path / "report.html"
    written = runner.invoke(
        app, ["report", "data/2018.csv", "--assessments", ASSESSMENTS, "-o", str(out)]
    )
    assert written.exit_code == 0, written.output
    assert "behind† (○ off track)" in out.read_text(encoding="utf-8")
    checked = runner.invoke(
        app, ["validate", "data/2018.csv", "--assessments", ASSESSMENTS, "--format", "json"]
    )
    assert checked.exit_code == 0
    files = json.loads(checked.stdout)["files"]
    assert {"file": ASSESSMENTS, "kind": "assessments", "rows": 2, "used": 2} in [
        {k: f[k] for k in ("file", "kind", "rows", "used")} for f in files
    ]


def test_bad_assessments_stop_evaluate_with_exit_code_2(in_repo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("- {indicator: 9, status: behind}\n", encoding="utf-8")
    for command in (["evaluate"], ["explain", "9"], ["report", "-o", str(tmp_path / "r.html")]):
        result = runner.invoke(app, [*command, "data/2018.csv", "--assessments", str(bad)])
        assert result.exit_code == 2, command
        assert result.stdout == ""
        assert f"{bad}:1 [reason]: error missing-value" in result.stderr
    checked = runner.invoke(app, ["validate", "data/2018.csv", "--assessments", str(bad)])
    assert checked.exit_code == 1  # validate: errors in the input
    missing = runner.invoke(app, ["validate", "data/2018.csv", "--assessments", "absent.yaml"])
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr


def test_a_panel_takes_each_region_s_assessment(in_repo: Path, tmp_path: Path) -> None:
    assessments = tmp_path / "a.csv"
    assessments.write_text(
        "indicator,region,status,reason\n"
        "9,district-0001,not_achieved,the district's own survey\n"
        "9,,achieved,every other district\n",
        encoding="utf-8",
    )
    args = ["evaluate", "tests/fixtures/panel/districts.csv", "--assessments", str(assessments)]
    panel = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    nine = {
        region["region"]: next(i for i in region["indicators"] if i["no"] == 9)
        for region in panel["regions"]
    }
    assert len(nine) > 1
    for region, outcome in nine.items():
        wanted = "not_achieved" if region == "district-0001" else "achieved"
        assert outcome["status"] == wanted, region
        assert outcome["assessment"]["status"] == wanted
        assert outcome["computed_status"] is not None
    one = json.loads(
        runner.invoke(app, [*args, "--region", "district-0001", "--format", "json"]).stdout
    )
    assert next(i for i in one["report"]["indicators"] if i["no"] == 9)["status"] == (
        "not_achieved"
    )
    unknown = tmp_path / "b.csv"
    unknown.write_text("indicator,region,status,reason\n9,district-9999,behind,r\n", "utf-8")
    result = runner.invoke(
        app, ["evaluate", "tests/fixtures/panel/districts.csv", "--assessments", str(unknown)]
    )
    assert result.exit_code == 2
    assert "unknown-region: no region 'district-9999' in the data" in result.stderr


def test_the_readme_example_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Manual assessments: `--assessments`", 1)[1].split("\n## ", 1)[0]
    shown = section.rsplit("```text\n", 1)[1].split("```", 1)[0].splitlines()
    monkeypatch.chdir(ROOT / "tests" / "cases" / "valid" / "qualitative-targets-assessed")
    monkeypatch.setenv("COLUMNS", "100")
    args = ["evaluate", "2023.csv", "--spec", "spec.yaml", "--assessments", "assessments.yaml"]
    lines = runner.invoke(app, args).stdout.splitlines()
    assert all(line in lines for line in shown), "update the README's assessments example"
    assert len(shown) == 4


def test_the_library_takes_assessments_and_returns_what_the_command_prints(in_repo: Path) -> None:
    import planchk  # noqa: PLC0415

    spec = planchk.load_spec("targets/indicators.yaml")
    found = planchk.load_assessments(ASSESSMENTS, spec)
    report = planchk.evaluate(spec, planchk.load_data(["data/2018.csv"], spec), assessments=found)
    assert isinstance(report, Report)
    printed = runner.invoke(
        app, ["evaluate", "data/2018.csv", "--assessments", ASSESSMENTS, "--format", "json"]
    ).stdout
    from planchk.formats import OutputFormat, render  # noqa: PLC0415

    assert json.loads(render(report, OutputFormat.JSON)) == json.loads(printed)
