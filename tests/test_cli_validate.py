"""`planchk validate`, `planchk spec check` and `planchk schema validation` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.schemas import SchemaName, schema_json

ROOT = Path(__file__).resolve().parents[1]
SPECS = Path(__file__).resolve().parent / "fixtures" / "specs"
HEADER = "indicator,year,value,unit,source,note\n"
runner = CliRunner()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "2018.csv"
    path.write_text(HEADER + "1,2018,abc,家,,\nnope,2018,5,家,,\n4,2018,6,人,,\n", encoding="utf-8")
    return path


def test_valid_data_exits_0_with_a_verdict(in_repo: Path) -> None:
    result = runner.invoke(app, ["validate", "data/2018.csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "1 file checked: 0 errors, 1 warning. Valid."
    assert result.stderr == ""


def test_warnings_fail_under_strict(in_repo: Path) -> None:
    result = runner.invoke(app, ["validate", "data/2018.csv", "--strict"])
    assert result.exit_code == 1
    assert "Not valid under --strict" in result.stdout


def test_errors_exit_1_and_are_all_listed(tmp_path: Path, in_repo: Path) -> None:
    path = bad_file(tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:3 [value]: error type-error" in result.stdout
    assert f"{path}:3:1 [indicator]: error unknown-indicator" in result.stdout
    assert f"{path}:4:4 [unit]: error unit-mismatch" in result.stdout
    assert "Traceback" not in result.output


def test_all_files_in_one_run(tmp_path: Path, in_repo: Path) -> None:
    path = bad_file(tmp_path)
    result = runner.invoke(app, ["validate", str(path), "data/2018.csv", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads(schema_json(SchemaName.VALIDATION)))
    assert [f["file"] for f in report["files"]] == [str(path), "data/2018.csv"]
    assert report["errors"] == 3
    assert result.stderr == "planchk: not valid\n"


def test_max_problems(tmp_path: Path, in_repo: Path) -> None:
    path = bad_file(tmp_path)
    result = runner.invoke(app, ["validate", str(path), "--max-problems", "1"])
    assert result.exit_code == 1
    assert "more problem(s) not listed" in result.stdout
    assert runner.invoke(app, ["validate", str(path), "--max-problems", "-1"]).exit_code == 2


def test_output_file(tmp_path: Path, in_repo: Path) -> None:
    out = tmp_path / "validation.xml"
    result = runner.invoke(
        app, ["validate", "data/2018.csv", "--format", "junit", "--output", str(out)]
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert result.stderr == "planchk: valid\n"


def test_unwritable_output_is_exit_2(tmp_path: Path, in_repo: Path) -> None:
    out = tmp_path / "missing-dir" / "out.txt"
    result = runner.invoke(app, ["validate", "data/2018.csv", "--output", str(out)])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_bad_spec_is_exit_2(tmp_path: Path, in_repo: Path) -> None:
    spec = SPECS / "invalid" / "unknown-indicator-key.yaml"
    result = runner.invoke(app, ["validate", "data/2018.csv", "--spec", str(spec)])
    assert result.exit_code == 2
    assert "invalid-spec" in result.stderr


def test_validate_help_documents_exit_codes() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert "Exit codes: 0 valid; 1 errors" in " ".join(result.stdout.split())


# --- spec check ----------------------------------------------------------------------------


def test_spec_check_valid(in_repo: Path) -> None:
    result = runner.invoke(app, ["spec", "check", "targets/indicators.yaml"])
    assert result.exit_code == 0
    assert "targets/indicators.yaml: 0 errors, 0 warnings" in result.stdout
    assert "Valid." in result.stdout


@pytest.mark.parametrize("path", sorted((SPECS / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_spec_check_every_invalid_fixture_exits_1(path: Path) -> None:
    result = runner.invoke(app, ["spec", "check", str(path), "--format", "github"])
    assert result.exit_code == 1, result.output
    assert f"::error file={path}" in result.stdout
    assert "invalid-spec" in result.stdout
    assert "Traceback" not in result.output


def test_spec_check_annotates_the_line_and_column_of_the_field() -> None:
    path = SPECS / "invalid" / "range-reversed.yaml"
    result = runner.invoke(app, ["spec", "check", str(path), "--format", "github"])
    assert f"::error file={path},line=20,col=48,title=planchk invalid-spec::" in result.stdout
    assert "field target.range: the range's min (5.5) must not be above its max (4.5)" in (
        result.stdout
    )


def test_spec_check_missing_file_or_directory_is_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["spec", "check", str(tmp_path / "absent.yaml")]).exit_code == 2
    assert runner.invoke(app, ["spec", "check", str(tmp_path)]).exit_code == 2


def test_schema_validation_command_matches_the_committed_copy() -> None:
    result = runner.invoke(app, ["schema", "validation"])
    committed = (ROOT / "schemas" / "validation.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "run `planchk schema validation > schemas/validation.schema.json`"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(committed))


def test_evaluate_says_when_problems_are_not_all_listed(
    tmp_path: Path, in_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planchk.problems.MAX_KEPT_PROBLEMS", 3)
    monkeypatch.setattr("planchk.data.MAX_KEPT_PROBLEMS", 3)
    path = tmp_path / "2018.csv"
    path.write_text(HEADER + "".join(f"1,2018,x{i},家,,\n" for i in range(5)), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("error type-error") == 3
    assert "planchk: 2 more problem(s) not listed (2 type-error)" in result.stderr
