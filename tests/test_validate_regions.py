"""`planchk validate` on a panel (data with a region column): problems per region."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.problems import ProblemCode, Severity
from planchk.spec import Spec, parse_spec
from planchk.validation import CheckedRegion, Validation, validate
from planchk.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "targets" / "indicators.yaml"
runner = CliRunner()

# Three regions: east has a bad value, north a count below zero; west is clean apart from the
# indicators nobody reports (missing-indicator warnings, as in every region).
PANEL = """region,indicator,year,value,unit
east,1,2018,10500,家
east,2,2018,abc,家
west,1,2018,10400,家
west,2,2018,1000,家
north,1,2018,-5,家
north,2,2018,990,家
"""


def write(tmp_path: Path, text: str, name: str = "panel.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(validation: Validation, region: str) -> list[tuple[ProblemCode, Severity]]:
    return [(p.code, p.severity) for p in validation.problems if p.region == region]


def test_every_region_is_counted_in_the_order_the_data_names_it(tmp_path: Path, spec: Spec) -> None:
    result = validate([write(tmp_path, PANEL)], spec)
    assert [r.region for r in result.regions] == ["east", "west", "north"]
    errors = {r.region: r.errors for r in result.regions}
    assert errors == {"east": 1, "west": 0, "north": 1}
    # 20 indicators, two reported per region: 18 missing in 2018 in each
    assert {r.region: r.warnings for r in result.regions} == {"east": 18, "west": 18, "north": 18}
    assert (ProblemCode.TYPE_ERROR, Severity.ERROR) in codes(result, "east")
    assert (ProblemCode.OUT_OF_RANGE, Severity.ERROR) in codes(result, "north")
    assert result.errors == 2
    assert result.regions_with_problems() == list(result.regions)


def test_row_problems_carry_the_region_and_the_place(tmp_path: Path, spec: Spec) -> None:
    result = validate([write(tmp_path, PANEL)], spec)
    (bad,) = [p for p in result.problems if p.code is ProblemCode.TYPE_ERROR]
    assert (bad.line, bad.column, bad.column_name, bad.region) == (3, 4, "value", "east")
    assert bad.location.endswith("panel.csv:3:4 [value] (region 'east')")


def test_counts_per_region_include_problems_not_listed(tmp_path: Path, spec: Spec) -> None:
    result = validate([write(tmp_path, PANEL)], spec, max_problems=1)
    assert len(result.problems) == 1
    assert sum(r.errors + r.warnings for r in result.regions) == 2 + 3 * 18


def test_missing_indicator_looks_within_each_region(tmp_path: Path, spec: Spec) -> None:
    text = (
        "region,indicator,year,value,unit\na,1,2017,6500,家\na,1,2018,6600,家\nb,1,2018,6600,家\n"
    )
    result = validate([write(tmp_path, text)], spec)
    missing = [p for p in result.problems if p.code is ProblemCode.MISSING_INDICATOR]
    # Each region names indicator 1 for every year it reports, so it is never missing; b
    # reports 2018 only, so nothing is expected of it in 2017.
    assert not any(p.message.startswith("indicator 1 ") for p in missing)
    second = {
        (p.region, p.message.split(" has no value for ")[1][:4])
        for p in missing
        if p.message.startswith("indicator 2 ")
    }
    assert second == {("a", "2017"), ("a", "2018"), ("b", "2018")}


def test_a_region_without_a_year_another_region_has_is_not_asked_for_it(
    tmp_path: Path, spec: Spec
) -> None:
    text = (
        "region,indicator,year,value,unit\n"
        "a,1,2017,6500,家\na,2,2017,990,家\na,1,2018,6600,家\n"
        "b,1,2017,6500,家\nb,1,2018,6600,家\nb,2,2018,1000,家\n"
    )
    result = validate([write(tmp_path, text)], spec)
    second = {
        (p.region, "2017" in p.message, "2018" in p.message)
        for p in result.problems
        if p.code is ProblemCode.MISSING_INDICATOR and p.message.startswith("indicator 2 ")
    }
    assert second == {("a", False, True), ("b", True, False)}


def test_implausible_change_compares_a_region_with_itself(tmp_path: Path, spec: Spec) -> None:
    text = (
        "region,indicator,year,value,unit\n"
        "a,1,2017,6000,家\na,1,2018,6100,家\n"
        "b,1,2017,12000,家\nb,1,2018,12100,家\n"
        "c,1,2017,6000,家\nc,1,2018,12000,家\n"
    )
    result = validate([write(tmp_path, text)], spec)
    found = [p for p in result.problems if p.code is ProblemCode.IMPLAUSIBLE_CHANGE]
    assert [(p.region, p.line) for p in found] == [("c", 7)]
    assert "100.0% above the 2017 value 6000" in found[0].message


def regions_spec(overrides: dict[str, Any]) -> Spec:
    raw = load_yaml(SPEC.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return parse_spec({**raw, "regions": overrides})


def test_a_regions_own_baseline_means_no_base_year_row_is_expected(tmp_path: Path) -> None:
    own = regions_spec(
        {"b": {"cultural-creative-revenue-growth": {"baseline": {"value": 300, "source": "x"}}}}
    )
    text = "region,indicator,year,value,unit\na,1,2015,6151,家\nb,1,2015,6151,家\n"
    result = validate([write(tmp_path, text)], own)
    eleven = [
        p.region
        for p in result.problems
        if p.code is ProblemCode.MISSING_INDICATOR and p.message.startswith("indicator 11 ")
    ]
    assert eleven == ["a"]


def test_data_without_a_region_column_has_no_regions(tmp_path: Path, spec: Spec) -> None:
    result = validate([write(tmp_path, "indicator,year,value\n1,2018,10500\n")], spec)
    assert result.regions == ()
    assert all(p.region is None for p in result.problems)


# --- the formats ------------------------------------------------------------------------------


def run(tmp_path: Path, fmt: str) -> str:
    path = write(tmp_path, PANEL)
    result = runner.invoke(app, ["validate", str(path), "--spec", str(SPEC), "--format", fmt])
    assert result.exit_code == 1
    return result.stdout


def test_table_lists_the_regions_with_problems(tmp_path: Path) -> None:
    text = run(tmp_path, "table")
    lines = text.splitlines()
    start = lines.index("regions: 3 of 3 region(s) have problems")
    assert lines[start + 1 : start + 4] == [
        "  east: 1 error, 18 warnings",
        "  west: 0 errors, 18 warnings",
        "  north: 1 error, 18 warnings",
    ]
    assert "(region 'east'): error type-error: 'abc' is not a number" in text


def test_markdown_has_a_region_column_and_a_region_table(tmp_path: Path) -> None:
    text = run(tmp_path, "markdown")
    assert "| Line | Col | Region | Severity | Code | Message |" in text
    assert "| 3 | 4 | east | error | `type-error` | 'abc' is not a number |" in text
    assert "### Regions\n\n3 of 3 region(s) have problems\n" in text
    assert "| north | 1 | 18 |" in text


def test_json_has_every_region(tmp_path: Path) -> None:
    data = json.loads(run(tmp_path, "json"))
    assert data["regions"][0] == {"region": "east", "errors": 1, "warnings": 18}
    assert {p["region"] for p in data["problems"]} == {"east", "west", "north"}


def test_junit_has_a_case_per_region(tmp_path: Path) -> None:
    root = ET.fromstring(run(tmp_path, "junit"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["planchk validate", "planchk validate regions"]
    cases = suites[1].findall("testcase")
    assert [c.get("name") for c in cases] == ["east", "west", "north"]
    assert [c.find("failure") is not None for c in cases] == [True, False, True]
    assert root.get("tests") == "4"
    assert root.get("failures") == "3"  # the file and two regions


def test_github_titles_name_the_region(tmp_path: Path) -> None:
    text = run(tmp_path, "github")
    assert ",title=planchk type-error (region east)::'abc' is not a number" in text
    assert text.splitlines()[-1].endswith("in 3 of 3 region(s): not valid")


def test_a_region_failing_under_strict(tmp_path: Path) -> None:
    validation = Validation.model_validate(
        {
            "command": "validate",
            "plan": None,
            "strict": True,
            "valid": False,
            "errors": 0,
            "warnings": 1,
            "files": [],
            "regions": [{"region": "a", "errors": 0, "warnings": 1}],
            "problems": [],
            "not_listed": {},
        }
    )
    (region,) = validation.regions
    assert isinstance(region, CheckedRegion)
    assert validation.failing(region)
    assert not validation.model_copy(update={"strict": False}).failing(region)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_clean_panel_says_so(fmt: str) -> None:
    fixture = ROOT / "tests" / "fixtures" / "panel" / "districts.csv"
    result = runner.invoke(app, ["validate", str(fixture), "--spec", str(SPEC), "--format", fmt])
    assert result.exit_code == 0
    assert "5 region(s), none with a problem" in result.stdout


def test_a_region_written_two_ways_is_one_region_with_a_warning(tmp_path: Path) -> None:
    first = write(tmp_path, "region,indicator,year,value,unit\nHaidian,1,2018,10500,家\n", "a.csv")
    second = write(
        tmp_path,
        "region,indicator,year,value,unit\nhaidian,2,2018,1030,家\nＨaidian,4,2018,4.9,%\n",
        "b.csv",
    )
    spec = load_spec_file()
    result = validate([first, second], spec)
    spelling = [p for p in result.problems if p.code is ProblemCode.REGION_SPELLING]
    assert [(Path(p.file).name, p.line, p.region) for p in spelling] == [
        ("b.csv", 2, "Haidian"),
        ("b.csv", 3, "Haidian"),
    ]
    assert all(p.severity is Severity.WARNING for p in spelling)
    assert f"is written 'Haidian' at {first}:2" in spelling[0].message
    assert [region.region for region in result.regions] == ["Haidian"]


def test_region_spellings_in_a_plain_panel_name_their_lines(tmp_path: Path) -> None:
    # Plain rows (read column by column) report the line of each spelling too.
    rows = "".join(f"district-{n},1,2018,{10000 + n},家\n" for n in range(50))
    path = write(
        tmp_path, "region,indicator,year,value,unit\n" + rows + "DISTRICT-7,2,2018,1000,家\n"
    )
    result = validate([path], load_spec_file())
    (spelling,) = [p for p in result.problems if p.code is ProblemCode.REGION_SPELLING]
    assert (spelling.line, spelling.region) == (52, "district-7")
    assert f"at {path}:9" in spelling.message


def load_spec_file() -> Spec:
    from planchk.spec import load_spec  # noqa: PLC0415

    return load_spec(SPEC)
