"""`planchk validate --previous`: every figure revised, added or removed since the previous
data, in every format; revisions without a reason are `revised-value` problems per
`--revisions`."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.policy import RevisionPolicy
from planchk.spec import load_spec
from planchk.validation import validate

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "targets" / "indicators.yaml"
runner = CliRunner()


def edit(path: Path, indicator: str, value: str | None, note: str = "") -> None:
    """Set (or, with None, drop) the 2018 row of `indicator` in a copy of data/2018.csv."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        cells = line.split(",")
        if cells[0] == indicator and cells[1] == "2018":
            if value is None:
                continue
            cells[2], cells[-1] = value, note
            out.append(",".join(cells))
        else:
            out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    base, submitted = tmp_path / "base", tmp_path / "submitted"
    base.mkdir()
    submitted.mkdir()
    for year in (2017, 2018):
        shutil.copy(ROOT / "data" / f"{year}.csv", base / f"{year}.csv")
    for year in (2017, 2018, 2019):
        shutil.copy(ROOT / "data" / f"{year}.csv", submitted / f"{year}.csv")
    edit(submitted / "2018.csv", "1", "10600")  # revised, no reason
    edit(submitted / "2018.csv", "2", "1040", "corrected after the statistics bulletin")
    edit(submitted / "2018.csv", "3", None)  # removed
    edit(submitted / "2018.csv", "16", '"2,450"')  # written otherwise, the same figure
    return base, submitted


def test_every_change_is_listed(folders: tuple[Path, Path]) -> None:
    base, submitted = folders
    result = validate([submitted], load_spec(SPEC), previous=[base])
    kinds = {(r.kind, r.no, r.year) for r in result.revisions}
    assert ("revised", 1, 2018) in kinds
    assert ("revised", 2, 2018) in kinds
    assert ("removed", 3, 2018) in kinds
    assert not any(r.no == 16 and r.year == 2018 for r in result.revisions)  # same value
    added = [r for r in result.revisions if r.kind == "added"]
    assert {r.year for r in added} == {2019}
    assert len(added) == 20
    first = next(r for r in result.revisions if r.no == 1 and r.kind == "revised")
    assert (first.previous, first.current) == ("10500 家", "10600 家")
    assert first.previous_location == f"{base / '2018.csv'}:9"
    assert first.current_location == f"{submitted / '2018.csv'}:9"
    assert first.reason is None
    assert first.severity == "warning"
    explained = next(r for r in result.revisions if r.no == 2)
    assert explained.reason == "corrected after the statistics bulletin"
    assert explained.severity is None
    removed = next(r for r in result.revisions if r.kind == "removed")
    assert removed.current is None
    assert removed.previous_location == f"{base / '2018.csv'}:11"
    problems = [p for p in result.problems if p.code == "revised-value"]
    assert [(p.line, p.severity) for p in problems] == [(9, "warning")]
    assert result.valid  # a warning: valid unless --strict


@pytest.mark.parametrize(
    ("policy", "severities", "valid"),
    [
        (RevisionPolicy.ERROR, ["error"], False),
        (RevisionPolicy.WARNING, ["warning"], True),
        (RevisionPolicy.ALLOW, [], True),
    ],
)
def test_policy(
    folders: tuple[Path, Path], policy: RevisionPolicy, severities: list[str], valid: bool
) -> None:
    base, submitted = folders
    result = validate([submitted], load_spec(SPEC), previous=[base], policy=policy)
    found = [p.severity for p in result.problems if p.code == "revised-value"]
    assert found == severities
    assert result.valid is valid
    assert sum(r.kind == "revised" for r in result.revisions) == 2  # listed whatever the policy


def test_a_row_whose_value_cannot_be_read_is_not_removed(tmp_path: Path) -> None:
    base, submitted = tmp_path / "base.csv", tmp_path / "submitted.csv"
    base.write_text("indicator,year,value\n1,2018,10500\n", encoding="utf-8")
    submitted.write_text("indicator,year,value\n1,2018,abc\n", encoding="utf-8")
    result = validate([submitted], load_spec(SPEC), previous=[base])
    assert result.revisions == ()
    assert [p.code for p in result.problems if p.severity == "error"] == ["type-error"]


def test_every_format_lists_the_changes(folders: tuple[Path, Path]) -> None:
    base, submitted = folders
    args = ["validate", str(submitted), "--spec", str(SPEC), "--previous", str(base)]
    table = runner.invoke(app, args)
    assert table.exit_code == 0
    assert (
        f"Figures since the previous data ({base}): 2 revised, 20 added, 1 removed" in table.stdout
    )
    assert (
        "  indicator 1 (national-high-tech-enterprises) 2018: revised 10500 家 -> 10600 家 "
        f"(was at {base / '2018.csv'}:9, now at {submitted / '2018.csv'}:9); no reason given "
        "(warning)\n"
    ) in table.stdout
    assert "reason: corrected after the statistics bulletin" in table.stdout
    assert "indicator 3 (haiying-talents-added) 2018: removed 150 人" in table.stdout
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert data["previous"] == [str(base)]
    assert len(data["revisions"]) == 23
    github = runner.invoke(app, [*args, "--format", "github"]).stdout
    assert "::notice title=planchk revisions::Figures since the previous data" in github
    assert f"::warning file={submitted / '2018.csv'},line=9,title=planchk revised-value::" in github
    assert github.count("title=planchk added figure::") == 20
    markdown = runner.invoke(app, [*args, "--format", "markdown"]).stdout
    assert "| removed | indicator 3 (haiying-talents-added) 2018: removed 150 人" in markdown
    junit = ET.fromstring(runner.invoke(app, [*args, "--format", "junit"]).stdout)
    suite = next(s for s in junit.iter("testsuite") if s.get("name", "").endswith("revisions"))
    assert suite.get("tests") == "23"
    assert suite.get("failures") == "0"
    strict = ET.fromstring(runner.invoke(app, [*args, "--format", "junit", "--strict"]).stdout)
    suite = next(s for s in strict.iter("testsuite") if s.get("name", "").endswith("revisions"))
    assert suite.get("failures") == "1"


def test_revisions_error_fails_the_run(folders: tuple[Path, Path]) -> None:
    base, submitted = folders
    args = ["validate", str(submitted), "--spec", str(SPEC), "--previous", str(base)]
    result = runner.invoke(app, [*args, "--revisions", "error"])
    assert result.exit_code == 1
    assert "error revised-value: indicator 1 (national-high-tech-enterprises) 2018" in result.stdout
    assert runner.invoke(app, [*args, "--revisions", "allow", "--strict"]).exit_code == 1  # others
    assert "revised-value" not in runner.invoke(app, [*args, "--revisions", "allow"]).stdout


def test_previous_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(ROOT / "data" / "2018.csv"), "--previous", str(tmp_path / "nope")]
    )
    assert result.exit_code == 2
    assert f"--previous {tmp_path / 'nope'}: no such file or directory" in result.stderr
