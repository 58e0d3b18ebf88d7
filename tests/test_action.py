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
    assert used == set(inputs) - {"python-version"}
    assert any("action/run.sh" in step.get("run", "") for step in steps)
    assert os.access(ROOT / "action" / "run.sh", os.X_OK)


def test_pre_commit_hook_metadata() -> None:
    (hook,) = load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "planchk-validate"
    assert hook["entry"] == "planchk validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("data/2018.csv")
    assert pattern.search("submissions/report.xlsx")
    assert not pattern.search("targets/indicators.yaml")


def run_action(tmp_path: Path, **inputs: str) -> tuple[int, str, Path]:
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "PLANCHK_REPORT": str(tmp_path / "report.json"),
        **{f"PLANCHK_{key.upper()}": value for key, value in inputs.items()},
    }
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, str(ROOT / "action" / "run.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, summary


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
    assert (tmp_path / "output").read_text(encoding="utf-8").startswith("report=")


@pytest.mark.skipif(shutil.which("bash") is None, reason="the Action's script runs in bash")
def test_action_stops_at_invalid_data(tmp_path: Path) -> None:
    bad = tmp_path / "2018.csv"
    bad.write_text("indicator,year,value\n1,2018,abc\n", encoding="utf-8")
    code, log, summary = run_action(tmp_path, files=f"data/2017.csv {bad}", fail_on="never")
    assert code == 1
    assert f"::error file={bad},line=2,col=3,title=planchk type-error::" in log
    assert "Overall score" not in summary.read_text(encoding="utf-8")
    assert not (tmp_path / "report.json").exists()
