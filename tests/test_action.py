"""The GitHub Action (action.yml + action/run.sh) and the pre-commit hook, as far as they can be
run outside GitHub and pre-commit: the script runs for real against the installed planchk."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from hostile import CELL, FILE_HOSTILE, OWN_COMMAND, SPEC, csv_cell, yaml_text

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the environment planchk is installed in


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_action_metadata() -> None:
    action = load(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["files"]["required"] is True
    assert inputs["fail-on"]["default"] == "binding"
    steps = action["runs"]["steps"]
    used = set()
    for step in steps:
        for value in (step.get("env") or {}).values():
            used |= set(re.findall(r"inputs\.([\w-]+)", str(value)))
        # inputs reach the shell only through env: never spliced into a script
        assert "inputs." not in step.get("run", "")
    with_inputs = set()
    for step in steps:
        for value in (step.get("with") or {}).values():
            with_inputs |= set(re.findall(r"inputs\.([\w-]+)", str(value)))
    assert used | with_inputs == set(inputs)
    assert used == set(inputs) - {"python-version", "html-artifact"}
    assert any("action/run.sh" in step.get("run", "") for step in steps)
    assert os.access(ROOT / "action" / "run.sh", os.X_OK)


def test_action_leaves_the_callers_python_alone_and_caches_pip() -> None:
    steps = load(ROOT / "action.yml")["runs"]["steps"]
    by_action = {step.get("uses", "").split("@")[0]: step for step in steps}
    python = by_action["actions/setup-python"]
    assert python["with"]["update-environment"] is False  # no PATH or python changed for the job
    install = next(step for step in steps if step.get("name") == "Install planchk")
    assert "-m venv" in install["run"]
    assert "steps.python.outputs.python-path" in install["env"]["PYTHON"]
    assert by_action["actions/cache"]["with"]["path"] == "~/.cache/pip"
    upload = by_action["actions/upload-artifact"]
    assert "steps.planchk.outputs.html-report" in upload["if"]
    assert upload["with"]["path"] == "${{ steps.planchk.outputs.html-report }}"


def test_pre_commit_hook_metadata() -> None:
    (hook,) = load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "planchk-validate"
    assert hook["entry"] == "planchk validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for path in ("data/2018.csv", "data/2019/朝阳区.xlsx", "districts/data/2018.csv"):
        assert pattern.search(path), path
    # the data directories only: not every CSV of the repository
    for path in (
        "targets/indicators.yaml",
        "tests/fixtures/x.csv",
        "docs/table.csv",
        "metadata/2018.csv",
        "data/notes.txt",
    ):
        assert not pattern.search(path), path


def run_action(
    tmp_path: Path,
    cwd: Path = ROOT,
    *,
    log: bool = False,
    base_ref: str = "",
    **inputs: str,
) -> tuple[int, str, Path]:
    """Run action/run.sh as the Action's step does: GitHub's environment variables, each input
    as PLANCHK_NAME, planchk's own command named by PLANCHK_COMMAND. Returns the exit code,
    the standard output (with `log`, standard output and error as the job's log shows them)
    and the job summary's path."""
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(cwd),
        "GITHUB_BASE_REF": base_ref,  # set on pull requests only
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(tmp_path),
        "ACTION_PATH": str(ROOT),
        "PLANCHK_COMMAND": str(BIN / "planchk"),
        "PLANCHK_REPORT": str(tmp_path / "report.json"),
        **{f"PLANCHK_{key.upper()}": value for key, value in inputs.items()},
    }
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, str(ROOT / "action" / "run.sh")],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if log else subprocess.PIPE,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, summary


def outputs(tmp_path: Path) -> dict[str, str]:
    """The step outputs run.sh wrote to $GITHUB_OUTPUT (`name<<delimiter` blocks)."""
    lines = (tmp_path / "output").read_text(encoding="utf-8").splitlines()
    found, i = {}, 0
    while i < len(lines):
        name, delimiter = lines[i].split("<<", 1)
        end = lines.index(delimiter, i + 1)
        found[name] = "\n".join(lines[i + 1 : end])
        i = end + 1
    return found


@pytest.mark.skipif(shutil.which("bash") is None, reason="the Action's script runs in bash")
def test_action_fails_on_a_failing_binding_indicator(tmp_path: Path) -> None:
    code, log, summary = run_action(tmp_path, files="data/2018.csv")
    assert code == 1  # indicator 9 (binding) is off track
    assert "::warning file=data/2018.csv,title=planchk missing-indicator::" in log
    assert "::error file=data/2018.csv,line=17,title=planchk binding indicator 9" in log
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## planchk validate")
    assert "\n\n## planchk: Haidian District" in text
    assert "**Overall score: 79.7 / 100**" in text
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["year"] == 2018
    assert outputs(tmp_path) == {"report": str(tmp_path / "report.json")}


@pytest.mark.skipif(shutil.which("bash") is None, reason="the Action's script runs in bash")
def test_action_stops_at_invalid_data(tmp_path: Path) -> None:
    bad = tmp_path / "2018.csv"
    bad.write_text("indicator,year,value\n1,2018,abc\n", encoding="utf-8")
    code, log, summary = run_action(tmp_path, files=f"data/2017.csv\n{bad}", fail_on="never")
    assert code == 1
    assert f"::error file={bad},line=2,col=3,title=planchk type-error::" in log
    assert "Overall score" not in summary.read_text(encoding="utf-8")
    assert not (tmp_path / "report.json").exists()


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="the script runs in bash")


@needs_bash
def test_files_one_per_line_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "my data (final)"
    folder.mkdir()
    for year in (2017, 2018):
        shutil.copy(ROOT / "data" / f"{year}.csv", folder / f"{year} submitted.csv")
    # CRLF line ends, surrounding spaces and empty lines, as a YAML block may give them
    files = f"  {folder / '2017 submitted.csv'}\r\n\n{folder / '2018 submitted.csv'}  \n"
    code, log, summary = run_action(tmp_path, files=files, fail_on="never")
    assert code == 0, log
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["year"] == 2018
    assert {Path(f).name for f in report["data_files"]} == {
        "2017 submitted.csv",
        "2018 submitted.csv",
    }
    assert "**Overall score:" in summary.read_text(encoding="utf-8")


@needs_bash
def test_space_separated_files_get_a_hint(tmp_path: Path) -> None:
    code, log, _ = run_action(tmp_path, files="data/2017.csv data/2018.csv")
    assert code == 2
    assert log == (
        "::error title=planchk::files: 'data/2017.csv data/2018.csv' is not a path, but each of "
        "its words is: give one path per line\n"
    )


@needs_bash
def test_no_files_is_an_error(tmp_path: Path) -> None:
    code, log, _ = run_action(tmp_path, files="\n  \n")
    assert code == 2
    assert log == "::error title=planchk::the files input names no data file or directory\n"


@needs_bash
def test_compare_that_does_not_exist_yet_is_skipped(tmp_path: Path) -> None:
    absent = tmp_path / "previous" / "planchk-report.json"
    code, log, _ = run_action(tmp_path, files="data", year="2019", compare=str(absent))
    assert code == 1  # evaluated: indicator 9 fails, as without --compare
    assert log.startswith(
        f"::notice title=planchk::compare: {absent} does not exist yet (the first run?); "
        "the comparison is skipped\n"
    )
    assert "comparison" not in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


@needs_bash
def test_compare_with_a_previous_report(tmp_path: Path) -> None:
    previous = tmp_path / "previous.json"
    done = subprocess.run(
        [
            str(BIN / "planchk"),
            "evaluate",
            "data",
            "--year",
            "2018",
            "--format",
            "json",
            "-o",
            str(previous),
            "--fail-on",
            "never",
        ],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    code, log, _ = run_action(tmp_path, files="data", year="2019", compare=str(previous))
    assert code == 1
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["comparison"]["previous_year"] == 2018
    assert "::notice title=planchk indicator" in log
    assert "does not exist yet" not in log


@needs_bash
def test_lang_spec_and_html_report(tmp_path: Path) -> None:
    spec = tmp_path / "plan.yaml"
    shutil.copy(ROOT / "targets" / "indicators.yaml", spec)
    html = tmp_path / "out" / "planchk report.html"
    html.parent.mkdir()
    code, log, summary = run_action(
        tmp_path, files="data", spec=str(spec), lang="zh", html_report=str(html), fail_on="never"
    )
    assert code == 0, log
    assert "综合得分" in summary.read_text(encoding="utf-8")
    assert "<html" in html.read_text(encoding="utf-8")
    assert outputs(tmp_path) == {"report": str(tmp_path / "report.json"), "html-report": str(html)}
    # the spec given is the one used
    spec.write_text("schema: 1\n", encoding="utf-8")
    code, log, _ = run_action(tmp_path, log=True, files="data", spec=str(spec))
    assert code == 2
    assert f"{spec}:1:1: error invalid-spec: field plan: required" in log


@needs_bash
def test_hostile_text_through_the_action(tmp_path: Path) -> None:
    """The hostile corpus of test_hostile_text.py, run as the Action runs: the job's log holds
    no workflow command but planchk's own."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        SPEC.format(t=yaml_text(CELL), n1=yaml_text("A " + CELL), n2=yaml_text("B " + CELL)),
        encoding="utf-8",
    )
    folder = tmp_path / f"data {FILE_HOSTILE}"
    folder.mkdir()
    rows = ["indicator,year,value,source,note"]
    for year in (2016, 2017, 2018):
        rows.append(f"1,{year},{50 + 10 * (year - 2015)},{csv_cell(CELL)},{csv_cell(CELL)}")
        rows.append(f"2,{year},{80 - 2 * (year - 2015)},{csv_cell(CELL)},")
    (folder / f"{FILE_HOSTILE}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    bad = folder / f"bad {FILE_HOSTILE}.csv"
    bad.write_text(
        f"indicator,year,value\n{csv_cell(CELL)},2018,{csv_cell(CELL)}\n", encoding="utf-8"
    )
    html = tmp_path / "report.html"
    # valid data (evaluated, the HTML report written), then the folder with an invalid file too
    for files, expected in ((str(folder / f"{FILE_HOSTILE}.csv"), 0), (str(folder), 1)):
        code, log, summary = run_action(
            tmp_path, log=True, files=files, spec=str(spec), strict="false", html_report=str(html)
        )
        assert code == expected, log
        commands = [line for line in log.splitlines() if line.lstrip().startswith("::")]
        assert commands  # the log is not empty: annotations were written
        for line in log.splitlines():
            if line.lstrip().startswith("::"):
                assert OWN_COMMAND.match(line) or line.startswith("::error title=planchk::"), line
            else:
                assert "##[" not in line, line
        assert "INJECTED" in log  # the hostile text did reach the log, made harmless
        assert "\x1b" not in log
        text = summary.read_text(encoding="utf-8")
        assert re.search(r"(?<![\w&#;])@octocat", text) is None


def git(repo: Path, *args: str) -> None:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@needs_bash
@pytest.mark.skipif(shutil.which("git") is None, reason="the base branch is read with git")
def test_pull_request_revisions_against_the_base_branch(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    shutil.copy(ROOT / "targets" / "indicators.yaml", repo / "spec.yaml")
    for year in (2017, 2018):
        shutil.copy(ROOT / "data" / f"{year}.csv", repo / "data" / f"{year}.csv")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    git(repo, "remote", "add", "origin", str(repo))
    git(repo, "checkout", "-q", "-b", "submission")
    # the pull request revises indicator 1's 2018 figure without a reason, adds 2019
    text = (repo / "data" / "2018.csv").read_text(encoding="utf-8")
    (repo / "data" / "2018.csv").write_text(
        text.replace("1,2018,10500,", "1,2018,10600,"), encoding="utf-8"
    )
    shutil.copy(ROOT / "data" / "2019.csv", repo / "data" / "2019.csv")
    code, log, summary = run_action(
        tmp_path, repo, log=True, base_ref="main", files="data", spec="spec.yaml", fail_on="never"
    )
    assert code == 0, log  # a warning: valid
    assert "::warning file=data/2018.csv,line=9,title=planchk revised-value::indicator 1" in log
    assert "::notice title=planchk revisions::Figures since the previous data" in log
    assert ": 1 revised, 20 added, 0 removed" in log
    assert "Figures since the previous data" in summary.read_text(encoding="utf-8")
    code, log, _ = run_action(
        tmp_path, repo, log=True, base_ref="main", files="data", spec="spec.yaml", revisions="error"
    )
    assert code == 1
    assert "title=planchk revised-value::" in log
    # without a base branch (a push), nothing is compared
    code, log, _ = run_action(
        tmp_path, repo, log=True, files="data", spec="spec.yaml", fail_on="never"
    )
    assert code == 0
    assert "revisions" not in log
