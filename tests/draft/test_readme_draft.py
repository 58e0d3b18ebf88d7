"""The README's `spec draft` section shows real output."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PLAN = "tests/fixtures/draft/haidian-txt/haidian-13th-fyp-sti-plan.zh.txt"
runner = CliRunner()


def _block(name: str) -> str:
    match = re.search(
        f"<!-- {name}:start -->\n```[a-z]+\n(.*?)```\n<!-- {name}:end -->", README, re.S
    )
    assert match is not None, name
    return match.group(1)


def test_the_draft_command_is_in_the_commands_list() -> None:
    assert "planchk spec draft PLAN [--table N]" in README
    assert f"planchk spec draft {PLAN} -o draft.yaml" in README


def test_readme_draft_sample_and_summary_are_the_real_output() -> None:
    result = runner.invoke(app, ["spec", "draft", str(ROOT / PLAN)])
    assert _block("draft-sample") in result.stdout
    assert _block("draft-summary") == result.stderr
