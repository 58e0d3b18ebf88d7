"""Acceptance cases: every folder under tests/cases/valid/ and tests/cases/invalid/ is one case.

A case folder holds data files (any file other than `expected.yaml`, `spec.yaml` and
`assessments.yaml`/`assessments.csv`), an optional `spec.yaml` (default: the repository's spec),
an optional assessments file (passed as `--assessments`), and `expected.yaml`:

    validate_exit: 1        # exit code of `planchk validate FILES...`
    strict_exit: 1          # optional: the same with --strict
    evaluate_exit: 2        # optional: exit code of `planchk evaluate FILES...`
    spec_check_exit: 1      # instead of the above when the folder has no data files
    problems:               # every problem, exactly (order free): code, file, line if any
      - {code: type-error, file: 2018.csv, line: 4}
      - {code: merged-cell, file: 2018.xlsx, line: 3, sheet: Sheet}   # in a workbook
      - {code: unit-mismatch, file: 2018.csv, line: 5, message: "without %"}  # optional: a
                            # text the message contains (for a message that used to mislead)
    statuses:               # optional: `evaluate --format json`'s status of these indicators
      1: {status: on_track, computed: null, score: 100}   # computed: the overridden status

Workbooks of cases are written by tests/fixtures/make_case_workbooks.py.

A case passes when planchk reports exactly the listed problems, each once, in every output
format, with the listed exit codes. Adding a case needs no test code.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SPEC = ROOT / "targets" / "indicators.yaml"
ASSESSMENTS = ("assessments.yaml", "assessments.csv")
NOT_DATA = {"expected.yaml", "spec.yaml", ".gitattributes", *ASSESSMENTS}
runner = CliRunner()


def discover() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/*/expected.yaml"))


def case_id(path: Path) -> str:
    return path.relative_to(CASES).as_posix()


def load_expected(case: Path) -> dict[str, Any]:
    expected: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return expected


def data_files(case: Path) -> list[str]:
    return sorted(p.name for p in case.iterdir() if p.is_file() and p.name not in NOT_DATA)


def invoke(args: list[str]) -> Result:
    result = runner.invoke(app, args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# (code, file, line, sheet): the sheet only for problems in workbooks
Key = tuple[str, str, int | None, str | None]


def expected_problems(expected: dict[str, Any]) -> Counter[Key]:
    return Counter(
        (entry["code"], entry["file"], entry.get("line"), entry.get("sheet"))
        for entry in expected["problems"] or []
    )


def test_cases_exist_in_both_folders() -> None:
    kinds = {case.parent.name for case in discover()}
    assert kinds == {"valid", "invalid"}
    assert not [p for p in CASES.glob("*/*") if p.is_dir() and not (p / "expected.yaml").exists()]


@pytest.mark.parametrize("case", discover(), ids=case_id)
def test_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)  # problems name files as given: relative to the case
    expected = load_expected(case)
    files = data_files(case)
    spec = ["--spec", "spec.yaml"] if (case / "spec.yaml").exists() else ["--spec", str(SPEC)]
    spec += [
        arg for name in ASSESSMENTS if (case / name).exists() for arg in ("--assessments", name)
    ]
    valid = case.parent.name == "valid"
    if not files:
        command = ["spec", "check", "spec.yaml"]
        exit_code = expected["spec_check_exit"]
    else:
        command = ["validate", *files, *spec]
        exit_code = expected["validate_exit"]
    assert (exit_code == 0) is valid, "a case's folder must agree with its exit code"

    result = invoke([*command, "--format", "json"])
    assert result.exit_code == exit_code, result.output
    found = json.loads(result.stdout)["problems"]
    assert Counter(
        (p["code"], p["file"], p["line"], p["sheet"]) for p in found
    ) == expected_problems(expected)
    for entry in expected["problems"] or []:
        if "message" in entry:
            messages = [
                p["message"]
                for p in found
                if (p["code"], p["file"], p["line"])
                == (entry["code"], entry["file"], entry.get("line"))
            ]
            assert any(entry["message"] in m for m in messages), (entry, messages)
    _every_format_lists_every_problem(command, expected_problems(expected), exit_code)

    if "strict_exit" in expected:
        assert invoke([*command, "--strict"]).exit_code == expected["strict_exit"]
    if "evaluate_exit" in expected:
        evaluated = invoke(["evaluate", *files, *spec])
        assert evaluated.exit_code == expected["evaluate_exit"], evaluated.output
        if evaluated.exit_code == 2:
            assert evaluated.stdout == ""  # never a partial report
    if "statuses" in expected:
        report = json.loads(invoke(["evaluate", *files, *spec, "--format", "json"]).stdout)
        by_no = {r["no"]: r for r in report["indicators"]}
        for no, wanted in expected["statuses"].items():
            found = by_no[no]
            shown = {"status": found["status"], "computed": found["computed_status"]}
            shown["score"] = found["score"]
            assert shown == wanted, (no, shown)


def _every_format_lists_every_problem(
    command: list[str], problems: Counter[Key], exit_code: int
) -> None:
    """Each problem with a line appears once on that line in table, github, junit, markdown."""
    outputs = {fmt: invoke([*command, "--format", fmt]) for fmt in ("table", "github", "junit")}
    markdown = invoke([*command, "--format", "markdown"])
    for result in (*outputs.values(), markdown):
        assert result.exit_code == exit_code
    lined = Counter(
        (file, line, sheet) for _, file, line, sheet in problems.elements() if line is not None
    )
    for (file, line, sheet), count in lined.items():
        # file:line in a text file; in a workbook file!sheet!D7 (a cell) or file!sheet!7:7 (a row)
        where = (
            rf"{re.escape(file)}:{line}[:\s]"
            if sheet is None
            else rf"{re.escape(file)}!{re.escape(sheet)}!(?:[A-Z]+{line}|{line}:{line})[:\s]"
        )
        table = re.findall(rf"^  {where}", outputs["table"].stdout, re.M)
        assert len(table) == count, (file, line, outputs["table"].stdout)
        github = re.findall(rf"file={re.escape(file)},line={line},", outputs["github"].stdout)
        assert len(github) == count, (file, line)
        junit = re.findall(rf"(?:^|>){where}", outputs["junit"].stdout, re.M)
        assert len(junit) == count, (file, line)
    rows = [line for line in markdown.stdout.splitlines() if re.match(r"\| \d* \| \d* \|", line)]
    assert len(rows) == sum(problems.values())
