"""The README cannot go stale: its sample report, codes and formats are checked against planchk."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planchk.cli import app
from planchk.exitcodes import ExitCode
from planchk.formats import FORMATS, DocumentFormat, OutputFormat
from planchk.problems import ProblemCode
from planchk.results import Status, StatusChangeKind
from planchk.spec import Comparator, TargetKind, parse_spec

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_sample_report_is_the_golden_report() -> None:
    match = re.search(
        r"<!-- sample-report:start -->\n```text\n(.*?)```\n<!-- sample-report:end -->", README, re.S
    )
    assert match is not None, "README.md lost its sample-report markers"
    golden = (ROOT / "tests" / "golden" / "report-2018.txt").read_text(encoding="utf-8")
    assert match.group(1) == golden, (
        "update the README's sample report from tests/golden/report-2018.txt"
    )


@pytest.mark.parametrize("code", list(ProblemCode))
def test_problem_codes_are_documented(code: ProblemCode) -> None:
    assert f"`{code.value}`" in README


@pytest.mark.parametrize("status", list(Status))
def test_statuses_are_documented(status: Status) -> None:
    assert f"`{status.value}`" in README


@pytest.mark.parametrize("code", list(ExitCode))
def test_exit_codes_are_documented(code: ExitCode) -> None:
    assert f"| {code.value} |" in README


def test_every_format_has_a_formatter_and_is_documented() -> None:
    assert set(OutputFormat) | set(DocumentFormat) == set(FORMATS)
    for fmt in OutputFormat:
        assert fmt.value in README


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"^python3 -m venv .*$", README, re.M)
    assert len(commands) == 2, "the README's set-up section must give exactly two commands"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines(), ".ci/run must run the README's test command verbatim"
    assert "planchk evaluate data/2018.csv" in commands[0]


def test_readme_explain_sample_is_the_real_output() -> None:
    match = re.search(
        r"<!-- explain-sample:start -->\n```text\n(.*?)```\n<!-- explain-sample:end -->",
        README,
        re.S,
    )
    assert match is not None, "README.md lost its explain-sample markers"
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        output = CliRunner().invoke(app, ["explain", "4", "data/2018.csv"]).stdout
    finally:
        os.chdir(before)
    assert match.group(1) == output, (
        "update the README's explain sample: planchk explain 4 data/2018.csv"
    )


def test_multi_year_views_are_documented() -> None:
    for command in ("planchk explain", "planchk report"):
        assert command in README
    for fmt in DocumentFormat:
        assert fmt.value in README
    for kind in StatusChangeKind:
        assert f"`{kind.value}`" in README


@pytest.mark.parametrize("kind", list(TargetKind))
def test_target_kinds_are_documented(kind: TargetKind) -> None:
    assert f"`{kind.value}`" in README


@pytest.mark.parametrize("comparator", list(Comparator))
def test_comparators_are_documented(comparator: Comparator) -> None:
    assert f"`{comparator.value}`" in README


# The indicator the README's examples of targets tied to another indicator refer to.
REFERENCED = {
    "no": 2,
    "id": "gdp-growth",
    "category": "c",
    "name": {"en": "GDP growth"},
    "unit": {"en": "%"},
    "attribute": "expected",
    "direction": "increase",
    "target": {"kind": "average_growth", "comparator": "about", "value": 5},
}
#: The other indicators the examples' references name: a level in % and a relative change.
REFERENCED_LEVEL = {
    **REFERENCED,
    "no": 3,
    "id": "national-rd-intensity",
    "name": {"en": "National R&D intensity"},
    "target": {"kind": "level", "comparator": "at_least", "value": 2.5},
}
REFERENCED_CHANGE = {
    **REFERENCED,
    "no": 4,
    "id": "national-energy-intensity",
    "name": {"en": "National energy use per unit of GDP"},
    "direction": "decrease",
    "target": {"kind": "change", "change": "relative", "comparator": "at_most", "value": -13.5},
}


def test_readme_target_examples_are_valid_specs() -> None:
    """Each example of the spec reference, set into a one-indicator plan, loads."""
    start = README.index("Examples from other plans, none of which needs code:")
    block = README[
        README.index("```yaml", start) + len("```yaml") : README.index("```", start + 60)
    ]
    examples: list[list[str]] = []
    comment = False
    for line in block.strip().splitlines():
        if line.startswith("#"):
            if not comment:  # a comment of one or more lines opens an example
                examples.append([])
            comment = True
        else:
            examples[-1].append(line)
            comment = False
    assert len(examples) >= 9
    for lines in examples:
        fields = yaml.safe_load("\n".join(lines))
        indicator = {
            "no": 1,
            "id": "x",
            "category": "c",
            "name": {"en": "X"},
            "unit": {"en": "%"},
            "attribute": "expected",
            "direction": "increase",
            "target": {"kind": "level", "comparator": "at_least", "value": 1},
            **fields,
        }
        if "targets" in fields:  # several targets in place of the one default target
            del indicator["target"]
        parse_spec(
            {
                "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
                "categories": [{"id": "c", "name": {"en": "C"}}],
                "indicators": [indicator, REFERENCED, REFERENCED_LEVEL, REFERENCED_CHANGE],
            }
        )
