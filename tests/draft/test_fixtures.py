"""Each folder of tests/fixtures/draft/ is a plan in one input format with its expected draft:
`expected.yaml` (the spec) and `expected-review.json` (the review list). A new case is a new
folder. Every expected spec must pass `planchk spec check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "draft"
CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expected.yaml").is_file())
runner = CliRunner()


def _plan(case: Path) -> Path:
    plans = [p for p in case.iterdir() if not p.name.startswith("expected")]
    assert len(plans) == 1, f"{case} must hold one plan file besides its expected outputs"
    return plans[0]


def test_every_input_format_has_a_case() -> None:
    suffixes = {_plan(case).suffix for case in CASES}
    assert {".txt", ".md", ".docx", ".html", ".xlsx", ".pdf"} <= suffixes


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize(
    ("fmt", "golden"), [("yaml", "expected.yaml"), ("json", "expected-review.json")]
)
def test_draft_matches_its_golden(case: Path, fmt: str, golden: str) -> None:
    plan = _plan(case)
    result = runner.invoke(app, ["spec", "draft", str(plan), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (case / golden).read_text(encoding="utf-8"), (
        f"the draft of {plan.name} changed; if intended, regenerate with "
        f"`planchk spec draft {plan} --format {fmt} > {case / golden}`"
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expected_spec_passes_spec_check(case: Path) -> None:
    result = runner.invoke(app, ["spec", "check", str(case / "expected.yaml")])
    assert result.exit_code == 0, result.stdout


def test_the_same_table_in_three_formats_gives_the_same_indicators() -> None:
    def indicators(name: str) -> str:
        text = (FIXTURES / name / "expected.yaml").read_text(encoding="utf-8")
        return text[text.index("\ncategories:") :]

    docx = indicators("national-13th-docx")
    assert indicators("national-13th-xlsx") == docx
    assert indicators("national-13th-pdf") == docx
