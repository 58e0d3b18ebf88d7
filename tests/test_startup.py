"""What a run of one command loads: only its own command, and none of the modules only other
commands, formats or inputs need (how start-up is kept short; README "Performance")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Runs the command of its arguments, then prints every module loaded, one a line, on stderr.
PROGRAM = """\
import sys
from planchk.cli import main
try:
    main()
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""

#: Modules an `evaluate --format json` run of a CSV file needs none of.
NOT_NEEDED = (
    "planchk.cli.explain",
    "planchk.cli.report",
    "planchk.cli.validate",
    "planchk.cli.indicators",
    "planchk.cli.template",
    "planchk.cli.schema",
    "planchk.cli.spec",
    "planchk.compare",
    "planchk.explain",
    "planchk.panel",
    "planchk.columnar",
    "planchk.draft",
    "planchk.schemas",
    "planchk.validation",
    "planchk.workbook",
    "planchk.formats.table",
    "planchk.formats.html",
    "openpyxl",
    "rich",
    "matplotlib",
)


def loaded_by(args: list[str], cache: Path) -> set[str]:
    env = {**os.environ, "PLANCHK_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return set(done.stderr.splitlines())


@pytest.fixture(scope="module")
def warm_run(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules of `planchk evaluate data/2018.csv --format json` with its spec cached."""
    cache = tmp_path_factory.mktemp("cache")
    args = ["evaluate", "data/2018.csv", "--format", "json"]
    loaded_by(args, cache)  # stores the spec
    return loaded_by(args, cache)


@pytest.mark.parametrize("module", NOT_NEEDED)
def test_evaluate_json_loads_nothing_it_does_not_need(module: str, warm_run: set[str]) -> None:
    assert "planchk.cli.evaluate" in warm_run
    assert not any(m == module or m.startswith(module + ".") for m in warm_run)


def test_a_cached_spec_is_not_parsed(warm_run: set[str]) -> None:
    assert "planchk.speccache" in warm_run
    assert "yaml" not in warm_run
    assert "planchk.yamlload" not in warm_run


def test_help_builds_every_command(tmp_path: Path) -> None:
    loaded = loaded_by(["--help"], tmp_path)
    assert {f"planchk.cli.{name}" for name in ("evaluate", "report", "spec")} <= loaded
