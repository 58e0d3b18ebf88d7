"""How a run of the `planchk` script ends (`planchk.cli.ending`): `validate` ends the process at
once after its output, with the same exit code and the same complete output as a run that
returns; `main` (and so `CliRunner`) returns as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[1]
SPEC = str(ROOT / "targets" / "indicators.yaml")

#: Runs planchk's entry named by argv[1] (run or main) with an atexit handler that says it
#: ran: a process ended at once never runs it.
_PROGRAM = """
import atexit, sys
atexit.register(lambda: print("atexit ran", file=sys.stderr))
import planchk.cli
entry = sys.argv[1]
sys.argv = ["planchk", *sys.argv[2:]]
getattr(planchk.cli, entry)()
"""


def _bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "2018.csv"
    path.write_text(
        "indicator,year,value,unit,source,note\n1,2018,abc,家,,\n4,2018,6,人,,\n",
        encoding="utf-8",
    )
    return path


def _script(args: list[str]) -> subprocess.CompletedProcess[str]:
    """`python -m planchk ARGS`, as the `planchk` script runs (planchk.cli.run)."""
    env = {**os.environ, "PLANCHK_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "planchk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
@pytest.mark.parametrize("valid", [True, False])
def test_the_script_ends_with_the_code_and_output_of_a_run_that_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, valid: bool
) -> None:
    data = str(ROOT / "data" / "2018.csv") if valid else str(_bad_file(tmp_path))
    args = ["validate", data, "--spec", SPEC, "--format", fmt]
    ended = _script(args)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PLANCHK_LANG", "en")
    returned = CliRunner().invoke(app, args)
    assert ended.returncode == returned.exit_code == (0 if valid else 1)
    assert ended.stdout == returned.stdout
    assert ended.stderr == returned.stderr
    assert ended.stdout.strip()


def test_a_file_written_by_output_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "validation.json"
    args = ["validate", str(_bad_file(tmp_path)), "--spec", SPEC, "--format", "json"]
    ended = _script(args)
    written = _script([*args, "--output", str(out)])
    assert (ended.returncode, written.returncode) == (1, 1)
    assert out.read_text(encoding="utf-8") == ended.stdout
    assert written.stderr == "planchk: not valid\n"


@pytest.mark.parametrize(("entry", "at_once"), [("run", True), ("main", False)])
def test_only_the_script_ends_at_once(entry: str, at_once: bool) -> None:
    """`run` (the script) skips the interpreter's exit, atexit handlers included; `main`
    returns and the interpreter exits as usual."""
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, entry, "validate", "data/2018.csv", "--spec", SPEC],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("1 file checked: 0 errors, 1 warning. Valid.\n")
    assert ("atexit ran" in done.stderr) is not at_once
