"""Golden outputs of the CI formats for data/2018.csv: evaluate and validate, each format."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
runner = CliRunner()

# (command, format, golden file, exit code)
CASES = [
    ("evaluate", "junit", "report-2018.junit.xml", 1),
    ("evaluate", "github", "report-2018.github.txt", 1),
    ("evaluate", "markdown", "report-2018.md", 1),
    ("validate", "table", "validate-2018.txt", 0),
    ("validate", "json", "validate-2018.json", 0),
    ("validate", "junit", "validate-2018.junit.xml", 0),
    ("validate", "github", "validate-2018.github.txt", 0),
    ("validate", "markdown", "validate-2018.md", 0),
]


@pytest.mark.parametrize(("command", "fmt", "golden", "code"), CASES, ids=[c[2] for c in CASES])
def test_format_matches_golden(
    command: str, fmt: str, golden: str, code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, [command, "data/2018.csv", "--format", fmt])
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8"), (
        f"the {fmt} output of {command} changed; if intended, regenerate with "
        f"`planchk {command} data/2018.csv --format {fmt} > tests/golden/{golden}`"
    )
    assert result.exit_code == code


def test_every_new_format_has_goldens() -> None:
    for fmt in ("junit", "github", "markdown"):
        assert any(c[1] == fmt and c[0] == "evaluate" for c in CASES)
        assert any(c[1] == fmt and c[0] == "validate" for c in CASES)
