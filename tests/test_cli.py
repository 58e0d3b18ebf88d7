"""The command line, through typer's runner: outputs, exit codes and error handling."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from planchk import __version__
from planchk.cli import app, main
from planchk.schemas import SchemaName, schema_json

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
runner = CliRunner()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, as a user following the README does."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ROOT


def test_evaluate_2018_table_matches_golden(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv"])
    golden = GOLDEN / "report-2018.txt"
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        "the table report changed; if intended, regenerate with "
        "`planchk evaluate data/2018.csv > tests/golden/report-2018.txt`"
    )
    assert result.exit_code == 1  # indicator 9 (binding) is off track


def test_evaluate_2018_json_matches_golden(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "json"])
    golden = GOLDEN / "report-2018.json"
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        "the JSON report changed; if intended, regenerate with "
        "`planchk evaluate data/2018.csv --format json > tests/golden/report-2018.json`"
    )


def test_json_report_validates_against_its_schema(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/", "--format", "json"])
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads(schema_json(SchemaName.REPORT)))
    assert report["schema_version"] == 2
    assert report["year"] == 2020
    first = report["indicators"][0]
    for key in (
        "no",
        "id",
        "attribute",
        "status",
        "score",
        "progress_ratio",
        "actual",
        "expected",
        "target",
        "baseline",
        "reason",
        "components",
    ):
        assert key in first


def test_sample_2018_has_the_promised_mix(in_repo: Path) -> None:
    report = json.loads(
        runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "json"]).stdout
    )
    statuses = {r["no"]: r["status"] for r in report["indicators"]}
    assert statuses[9] in ("behind", "off_track", "regressing")  # a failing binding indicator
    assert "no_data" in statuses.values()
    assert len(set(statuses.values())) >= 5
    assert report["summary"]["score"] is not None
    assert report["summary"]["binding_failures"] == [9]


@pytest.mark.parametrize(("fail_on", "code"), [("binding", 1), ("any", 1), ("never", 0)])
def test_fail_on(in_repo: Path, fail_on: str, code: int) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--fail-on", fail_on])
    assert result.exit_code == code


def test_compliant_year_exits_zero(in_repo: Path, tmp_path: Path) -> None:
    data = tmp_path / "2018.csv"
    rows = (
        (ROOT / "data" / "2018.csv")
        .read_text(encoding="utf-8")
        .replace("9,2018,60.0", "9,2018,63.0")
    )
    data.write_text(rows, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(data)])
    assert result.exit_code == 0, result.stdout


def test_output_file(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "json", "-o", str(out)])
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2018
    assert "not compliant" in result.stderr


def test_year_option_and_directories(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data", "--year", "2017", "--format", "json"])
    assert json.loads(result.stdout)["year"] == 2017


def test_year_outside_plan_is_a_usage_error(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--year", "2021"])
    assert result.exit_code == 2
    assert "2016-2020" in result.stderr
    assert result.stdout == ""


def test_chinese_labels(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--lang", "zh"])
    assert "国家级高新技术企业" in result.stdout
    assert "未达要求的约束性指标" in result.stdout


def test_bad_data_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "2018.csv"
    bad.write_text("indicator,value,unit\n1,abc,家\nnope,5,家\n4,6,人\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert result.stdout == ""
    # the column by number and name, as validate shows it
    assert f"{bad}:2:2 [value]: error type-error" in result.stderr
    assert f"{bad}:3:1 [indicator]: error unknown-indicator" in result.stderr
    assert f"{bad}:4:3 [unit]: error unit-mismatch" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_broken_spec_exits_2(tmp_path: Path, in_repo: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("plan: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--spec", str(spec)])
    assert result.exit_code == 2
    assert f"{spec}:" in result.stderr
    assert "invalid-spec" in result.stderr


def test_bundled_spec_is_used_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["evaluate", str(ROOT / "data" / "2018.csv"), "--format", "json"])
    assert json.loads(result.stdout)["plan"]["id"] == "haidian-13th-fyp-sti"


def test_bundled_spec_is_the_repository_spec() -> None:
    from planchk.spec import bundled_spec_path  # noqa: PLC0415

    assert bundled_spec_path().read_bytes() == (ROOT / "targets" / "indicators.yaml").read_bytes()


def test_indicators_lists_the_spec(in_repo: Path) -> None:
    result = runner.invoke(app, ["indicators"])
    lines = result.stdout.splitlines()
    assert len(lines) == 20
    assert "park-revenue-growth" in lines[7]
    assert "binding" in lines[7]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.stdout.strip() == f"planchk {__version__}"


def test_schema_commands() -> None:
    assert json.loads(runner.invoke(app, ["schema", "spec"]).stdout)["title"] == "planchk spec"
    assert json.loads(runner.invoke(app, ["schema", "report"]).stdout)["title"] == "planchk report"


def test_help_documents_exit_codes() -> None:
    result = runner.invoke(app, ["evaluate", "--help"])
    assert "Exit codes" in result.stdout
    assert "--fail-on" in result.stdout


def test_unknown_format_is_a_usage_error(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "pdf"])
    assert result.exit_code == 2


def test_no_color_when_piped(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv"])
    assert "\x1b[" not in result.stdout


def test_internal_errors_become_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("planchk.cli.app", broken)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 3
    assert "internal error" in capsys.readouterr().err


def test_lines_fit_80_columns(in_repo: Path) -> None:
    from planchk.data import load_data  # noqa: PLC0415
    from planchk.engine import evaluate  # noqa: PLC0415
    from planchk.formats import Lang, OutputFormat, RenderOptions, render  # noqa: PLC0415
    from planchk.spec import load_spec  # noqa: PLC0415

    spec = load_spec("targets/indicators.yaml")
    report = evaluate(spec, load_data(["data/2018.csv"], spec))
    from rich.cells import cell_len  # noqa: PLC0415

    for lang in Lang:
        text = render(report, OutputFormat.TABLE, RenderOptions(lang=lang, width=80))
        assert max(cell_len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("data", ["data/2018.csv", "data/"])
def test_piped_output_honours_columns(in_repo: Path, width: int, data: str) -> None:
    from rich.cells import cell_len  # noqa: PLC0415

    result = runner.invoke(app, ["evaluate", data], env={"COLUMNS": str(width)})
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    # Every indicator row keeps its status and its score, however narrow.
    head = next(i for i, line in enumerate(lines) if line.startswith("No Indicator"))
    assert "Status" in lines[head]
    assert lines[head].endswith("Score")
    end = next(i for i, line in enumerate(lines) if line.startswith("Binding indicators"))
    rows = [line for line in lines[head + 2 : end] if line[:2].strip().isdigit()]
    assert len(rows) == 20
    for line in rows:
        assert re.search(
            r"(achieved|on track|behind|off track|regressing|no data)≈? +(\d+|–)$", line
        )


def test_columns_below_60_or_not_a_number_are_not_honoured(in_repo: Path) -> None:
    from planchk.cli import terminal_width  # noqa: PLC0415

    assert terminal_width(False, "40") == 60
    assert terminal_width(False, "wide") == 100
    assert terminal_width(False, None) == 100
    assert terminal_width(False, "132") == 132
