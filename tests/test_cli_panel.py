"""`planchk evaluate` on a panel (data with a region column), through typer's runner."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from planchk.cli import app
from planchk.progress import MIN_REGIONS, progress_bar, wanted
from planchk.quantities import parse_quantity, plain_number, plain_numbers
from planchk.schemas import SchemaName, schema_json

ROOT = Path(__file__).resolve().parents[1]
PANEL = Path(__file__).resolve().parent / "fixtures" / "panel" / "districts.csv"
REGIONS = [f"district-000{n}" for n in range(1, 6)]
runner = CliRunner()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def test_table_ranks_every_region(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(PANEL), "--year", "2018"])
    assert result.exit_code == 1  # binding indicators fail in some districts
    lines = result.stdout.splitlines()[1:]  # the title takes two lines
    assert lines[1] == "2015-2020, 5 regions, assessment year 2018 (60% of the plan period elapsed)"
    assert all(len(line) <= 100 for line in lines)
    assert lines[4].split() == [
        "Rank",
        "Region",
        "Score",
        "Coverage",
        "Failing",
        "binding",
        "indicators",
    ]
    ranking = lines[6:11]
    assert sorted(line.split()[1] for line in ranking) == REGIONS
    assert ranking[0].split()[0] == "1"
    assert "--region NAME" in result.stdout
    assert "\x1b[" not in result.stdout + result.stderr  # no colour, no progress bar when piped


def test_json_holds_every_region_and_validates(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(PANEL), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    panel = json.loads(result.stdout)
    jsonschema.validate(panel, json.loads(schema_json(SchemaName.PANEL)))
    assert [r["region"] for r in panel["regions"]] == REGIONS
    assert sorted(r["region"] for r in panel["ranking"]) == REGIONS
    assert all(len(r["indicators"]) == 20 for r in panel["regions"])
    assert panel["year"] == 2020


def test_committed_panel_schema_is_up_to_date() -> None:
    committed = (ROOT / "schemas" / "panel.schema.json").read_text(encoding="utf-8")
    assert schema_json(SchemaName.PANEL) == committed, (
        "run `planchk schema panel > schemas/panel.schema.json`"
    )


def test_markdown_ranking(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(PANEL), "--format", "markdown", "--year", "2018"])
    assert result.exit_code == 1
    assert "| Rank | Region | Score | Coverage | Failing binding indicators |" in result.stdout
    assert sum(line.startswith("| ") for line in result.stdout.splitlines()) == 2 + 5
    assert "not compliant (--fail-on binding): region(s)" in result.stderr


def test_region_detail(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(PANEL), "--region", "district-0003"])
    assert result.stdout.startswith("Region: district-0003\nHaidian District")
    assert "Binding indicators" in result.stdout or "No binding indicator fails." in result.stdout
    detail = runner.invoke(
        app, ["evaluate", str(PANEL), "--region", "district-0003", "--format", "json"]
    )
    entry = json.loads(detail.stdout)
    assert entry["region"] == "district-0003"
    report = entry["report"]
    assert report["indicators"][0]["components"]  # the full report, with its audit trail
    panel = json.loads(runner.invoke(app, ["evaluate", str(PANEL), "--format", "json"]).stdout)
    region = panel["regions"][2]
    assert region["region"] == "district-0003"
    assert region["summary"] == report["summary"]  # the same as in the whole panel
    assert region["categories"] == report["categories"]
    for brief, full in zip(region["indicators"], report["indicators"], strict=True):
        assert brief == {key: full[key] for key in brief}


def test_region_detail_in_markdown(in_repo: Path) -> None:
    result = runner.invoke(
        app, ["evaluate", str(PANEL), "--region", "district-0001", "--format", "markdown"]
    )
    assert result.stdout.startswith("# Region: district-0001\n\n## planchk: Haidian District")
    assert "| No | Indicator | A | Actual | Pace | Target | R | Status | Score |" in result.stdout


def test_unknown_region_is_a_usage_error(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(PANEL), "--region", "Atlantis"])
    assert result.exit_code == 2
    assert "no region 'Atlantis' in the data" in result.stderr
    assert "district-0001" in result.stderr
    assert result.stdout == ""


def test_region_option_needs_a_region_column(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--region", "海淀区"])
    assert result.exit_code == 2
    assert "--region needs data with a region column" in result.stderr


def test_markdown_report_without_regions(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "markdown"])
    assert result.exit_code == 1
    text = result.stdout
    assert text.startswith("## planchk: Haidian District")
    assert "**Overall score: 79.7 / 100**" in text
    assert text.index("1 binding indicator(s) failing") < text.index("| Category | Score |")
    assert "| 9 | **High-tech industry value added as a share of district GDP** | B |" in text


# --- progress bar -------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("regions", "human", "stdout_tty", "stderr_tty", "shown"),
    [
        (MIN_REGIONS, True, True, True, True),
        (MIN_REGIONS - 1, True, True, True, False),  # quick: no bar
        (MIN_REGIONS, False, True, True, False),  # JSON: never
        (MIN_REGIONS, True, False, True, False),  # report piped
        (MIN_REGIONS, True, True, False, False),  # stderr piped
    ],
)
def test_progress_bar_only_where_a_person_watches(
    regions: int, human: bool, stdout_tty: bool, stderr_tty: bool, shown: bool
) -> None:
    stderr = _Terminal() if stderr_tty else io.StringIO()
    assert wanted(regions, human, stdout_tty, stderr) is shown


def test_progress_bar_draws_on_its_stream() -> None:
    stream = _Terminal()
    with progress_bar(3, stream, "Evaluating regions") as advance:
        for done in range(1, 4):
            advance(done, 3)
    assert "Evaluating regions" in stream.getvalue()


# --- plain numbers read fast are read as parse_quantity reads them ---------------------------


@given(st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,30})?", fullmatch=True))
def test_plain_numbers_equal_parse_quantity(text: str) -> None:
    slow = parse_quantity(f" {text} ")  # the leading space takes the general path
    assert plain_number(text) == slow.value
    assert str(plain_number(text)) == str(slow.value)
    assert plain_numbers([text, text]) == [slow.value, slow.value]


@pytest.mark.parametrize("texts", [["1", "2 "], ["1", "1\n2"], ["1,435"], ["５"], ["1e5"], [">3"]])
def test_plain_numbers_refuse_anything_else(texts: list[str]) -> None:
    assert plain_numbers(texts) is None


def test_readme_panel_sample_is_the_real_output(in_repo: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- panel-report:start -->\n```text\n(.*?)```\n<!-- panel-report:end -->", readme, re.S
    )
    assert match is not None, "README.md lost its panel-report markers"
    result = runner.invoke(
        app, ["evaluate", "tests/fixtures/panel/districts.csv", "--year", "2018"]
    )
    assert match.group(1) == result.stdout, (
        "update the README's panel sample from "
        "`planchk evaluate tests/fixtures/panel/districts.csv --year 2018`"
    )


def test_spec_region_missing_from_the_data_is_a_warning(in_repo: Path, tmp_path: Path) -> None:
    spec = (ROOT / "targets" / "indicators.yaml").read_text(encoding="utf-8")
    spec += "\nregions:\n  district-0002:\n    rd-intensity: {target: {value: 5}}\n"
    spec += "  distrcit-0003:\n    rd-intensity: {target: {value: 5}}\n"
    path = tmp_path / "spec.yaml"
    path.write_text(spec, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(PANEL), "--spec", str(path)])
    assert result.exit_code == 1
    assert "regions section names 'distrcit-0003', which is not a region" in result.stderr
    assert "district-0002'," not in result.stderr


# --- the other commands and formats with a region column --------------------------------------


def test_junit_has_a_case_per_region(in_repo: Path) -> None:
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    result = runner.invoke(app, ["evaluate", str(PANEL), "--format", "junit", "--year", "2018"])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    cases = root.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == REGIONS
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    panel = json.loads(
        runner.invoke(app, ["evaluate", str(PANEL), "--format", "json", "--year", "2018"]).stdout
    )
    failing = {r["region"] for r in panel["ranking"] if r["binding_failures"]}
    assert set(failed) == failing
    assert failing
    assert root.get("failures") == str(len(failed))


def test_github_has_an_error_per_failing_region(in_repo: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(PANEL), "--format", "github", "--year", "2018"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::notice title=planchk haidian-13th-fyp-sti 2018::5 regions: ")
    errors = [line for line in lines if line.startswith("::error title=planchk region ")]
    assert len(errors) == int(lines[0].split("5 regions: ")[1].split()[0])
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["junit", "github"])
def test_one_region_in_ci_formats_names_the_region(in_repo: Path, fmt: str) -> None:
    result = runner.invoke(
        app, ["evaluate", str(PANEL), "--region", "district-0002", "--format", fmt]
    )
    assert "haidian-13th-fyp-sti 2020 district-0002" in result.stdout


def test_region_detail_covers_every_year(in_repo: Path) -> None:
    detail = runner.invoke(
        app, ["evaluate", str(PANEL), "--region", "district-0004", "--format", "json"]
    )
    report = json.loads(detail.stdout)["report"]
    assert [point["year"] for point in report["trend"]] == [2016, 2017, 2018, 2019, 2020]
    assert len(report["indicators"][0]["history"]) == 5


def test_explain_and_report_take_a_region(in_repo: Path, tmp_path: Path) -> None:
    explained = runner.invoke(app, ["explain", "9", str(PANEL), "--region", "district-0002"])
    assert explained.exit_code == 0
    assert "9 high-tech-value-added-share" in explained.stdout
    written = tmp_path / "district.md"
    made = runner.invoke(
        app,
        [
            "report",
            str(PANEL),
            "--region",
            "district-0002",
            "-o",
            str(written),
            "--format",
            "markdown",
        ],
    )
    assert made.exit_code == 0
    assert written.is_file()


@pytest.mark.parametrize("command", ["explain", "report"])
def test_explain_needs_a_region_with_a_panel_and_report_ranks(
    in_repo: Path, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "r.html"
    args = ["9", str(PANEL)] if command == "explain" else [str(PANEL), "-o", str(out)]
    result = runner.invoke(app, [command, *args])
    if command == "explain":
        assert result.exit_code == 2
        assert "the data has a region column: name one region with --region" in result.stderr
    else:  # without --region, report writes the regions' ranking
        assert result.exit_code == 0, result.output
        assert 'id="ranking"' in out.read_text(encoding="utf-8")
    plain = ["9", "data/2018.csv"] if command == "explain" else ["data/2018.csv", "-o", "x.html"]
    result = runner.invoke(app, [command, *plain, "--region", "海淀区"])
    assert result.exit_code == 2
    assert "--region needs data with a region column" in result.stderr


def test_compare_one_region_with_its_earlier_report(in_repo: Path, tmp_path: Path) -> None:
    earlier = runner.invoke(
        app,
        ["evaluate", str(PANEL), "--region", "district-0002", "--year", "2018", "--format", "json"],
    )
    previous = tmp_path / "previous.json"
    previous.write_text(earlier.stdout, encoding="utf-8")
    now = runner.invoke(
        app,
        [
            "evaluate",
            str(PANEL),
            "--region",
            "district-0002",
            "--compare",
            str(previous),
            "--format",
            "json",
        ],
    )
    comparison = json.loads(now.stdout)["report"]["comparison"]
    assert comparison["previous_year"] == 2018
    assert comparison["changes"]
    refused = runner.invoke(app, ["evaluate", str(PANEL), "--compare", str(previous)])
    assert refused.exit_code == 2
    assert "name it with --region NAME" in refused.stderr


def test_validate_a_panel(in_repo: Path) -> None:
    result = runner.invoke(app, ["validate", str(PANEL)])
    assert result.exit_code == 0
    assert "600 rows (600 used, 0 rejected)" in result.stdout
