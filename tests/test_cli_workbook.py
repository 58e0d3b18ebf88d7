"""The data-reading commands with workbooks: --sheet, --layout, and sheet!cell locations in
what they print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[1]
SPEC = ["--spec", str(ROOT / "targets" / "indicators.yaml")]
runner = CliRunner()


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workbook with a wide sheet 2018, a long sheet 2019 and a sheet with a bad figure."""
    from openpyxl import Workbook  # noqa: PLC0415

    monkeypatch.chdir(tmp_path)
    workbook = Workbook()
    wide = workbook.active
    wide.title = "2018"
    wide.append(["指标", "2015年", "2018年"])
    wide.append(["国家级高新技术企业", 6151, 10500])
    wide.append(["企业研发机构", 850, 1030])
    long = workbook.create_sheet("2019")
    long.append(["indicator", "year", "value"])
    long.append([1, 2019, 11000])
    bad = workbook.create_sheet("bad")
    bad.append(["indicator", "year", "value"])
    bad.append([2, 2019, "abc"])
    workbook.save(tmp_path / "book.xlsx")
    return Path("book.xlsx")


def test_validate_names_the_sheet_and_cell_in_every_format(book: Path) -> None:
    table = runner.invoke(app, ["validate", str(book), *SPEC])
    assert table.exit_code == 1
    assert "  book.xlsx!bad!C2 [value]: error type-error: 'abc' is not a number" in table.stdout
    found = json.loads(
        runner.invoke(app, ["validate", str(book), *SPEC, "--format", "json"]).stdout
    )
    (problem,) = [p for p in found["problems"] if p["severity"] == "error"]
    assert (problem["sheet"], problem["line"], problem["column"]) == ("bad", 2, 3)
    github = runner.invoke(app, ["validate", str(book), *SPEC, "--format", "github"]).stdout
    assert "::error file=book.xlsx,line=2,col=3,title=planchk type-error at bad!C2::" in github
    markdown = runner.invoke(app, ["validate", str(book), *SPEC, "--format", "markdown"]).stdout
    assert "| 2 | 3 | error | `type-error` | bad!C2: 'abc' is not a number |" in markdown
    junit = runner.invoke(app, ["validate", str(book), *SPEC, "--format", "junit"]).stdout
    assert "book.xlsx!bad!C2 [value]: error type-error: 'abc' is not a number" in junit


def test_sheet_option_reads_one_sheet(book: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(book), *SPEC, "--sheet", "2019", "--format", "json"]
    )
    found = json.loads(result.stdout)
    assert [p["code"] for p in found["problems"] if p["severity"] == "error"] == []
    assert found["files"][0]["used"] == 1
    missing = runner.invoke(app, ["evaluate", str(book), *SPEC, "--sheet", "nope"])
    assert missing.exit_code == 2
    assert "no sheet named 'nope' (--sheet)" in missing.stderr
    assert "Traceback" not in missing.output


def test_layout_option_forces_the_layout(book: Path) -> None:
    result = runner.invoke(
        app, ["evaluate", str(book), *SPEC, "--sheet", "2019", "--layout", "wide"]
    )
    assert result.exit_code == 2
    assert "book.xlsx!2019!1:1: error bad-header" in result.stderr
    assert result.stdout == ""


def test_explain_and_json_give_the_cell_of_a_value(book: Path) -> None:
    result = runner.invoke(app, ["explain", "1", str(book), *SPEC, "--sheet", "2018"])
    assert result.exit_code == 0, result.output
    assert "reported as “10500” in book.xlsx!2018!C2" in result.stdout
    report = json.loads(
        runner.invoke(
            app, ["evaluate", str(book), *SPEC, "--sheet", "2018", "--format", "json"]
        ).stdout
    )
    (first,) = [r for r in report["indicators"] if r["no"] == 1]
    assert [o["cell"] for o in first["observations"]] == ["2018!C2"]
