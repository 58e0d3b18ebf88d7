"""The fixture plans under tests/fixtures evaluate with no workaround: golden JSON, terminal
table and markdown for each assessment year, and the statuses expected of key indicators.

tests/fixtures/national-14th: the national 14th Five-Year Plan's main indicators (2020 →
2025), all 20, with illustrative data and assessments of its qualitative GDP growth target. tests/fixtures/provincial: a constructed provincial-style plan using every target form. Regenerate a golden only for an intended change, and check its diff:
`python tests/test_fixture_plans.py`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()

#: The exit code of evaluate (--fail-on binding) for each fixture and assessment year.
EXIT = {
    ("national-14th", 2023): 1,  # 4 binding indicators fail (9, 14, 15, 16)
    ("national-14th", 2025): 1,
    ("provincial", 2023): 0,
    ("provincial", 2025): 1,  # 11 forest-coverage ends at 41.95 < 42
}
# (fixture, assessment year, format, golden file, exit code)
CASES = [
    (plan, year, fmt, f"{year}.{suffix}", code)
    for (plan, year), code in EXIT.items()
    for fmt, suffix in (("json", "json"), ("table", "txt"), ("markdown", "md"))
]


def output(plan: str, year: int, fmt: str) -> tuple[str, int]:
    """The output of evaluate, run in tests/fixtures so that the paths it shows are relative."""
    folder = Path(plan)
    os.chdir(FIXTURES)
    command = ["evaluate", str(folder / "data.csv"), "--spec", str(folder / "spec.yaml")]
    if (folder / "assessments.yaml").exists():
        command += ["--assessments", str(folder / "assessments.yaml")]
    result = runner.invoke(app, [*command, "--year", str(year), "--format", fmt])
    return result.stdout, result.exit_code


@pytest.mark.parametrize(
    ("plan", "year", "fmt", "golden", "code"), CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES]
)
def test_fixture_plan_matches_golden(
    plan: str, year: int, fmt: str, golden: str, code: int
) -> None:
    stdout, exit_code = output(plan, year, fmt)
    expected = (FIXTURES / plan / "golden" / golden).read_text(encoding="utf-8")
    assert stdout == expected, f"the {fmt} output for {plan} {year} changed"
    assert exit_code == code


def statuses(plan: str, year: int) -> dict[str, str]:
    stdout, _ = output(plan, year, "json")
    return {r["id"]: r["status"] for r in json.loads(stdout)["indicators"]}


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)  # restored after each test; `output` runs there


def test_national_14th_key_statuses_by_hand() -> None:
    """Computed by hand from data.csv (B = 2020, E = 2025; in 2023 s = 3/5):

    - 14 energy-intensity, 2023: chained yearly changes 0.973 × 0.999 × 0.995 = 0.96718...,
      a change of −3.28%; expected (0.865^(3/5) − 1) = −8.33%; R = 0.39 < 0.60: off_track.
      2025: the published change since 2020, −11.9% (口径 比基期), wins over the chain; −11.9
      is not ≤ −13.5: not_achieved.
    - 8 urban-unemployment (each year < 5.5): 2022 is 5.6, a missed year, final: not_achieved
      in 2023 and 2025 (before the end year).
    - 16 air-quality-days, 2023: 85.5 < baseline 87, moving away from 87.5: regressing;
      2025: 87.6 ≥ 87.5: achieved.
    - 19 grain-capacity (> 6.5): 6.95 in 2023 already satisfies it: achieved.
    - 1 gdp-growth (qualitative): on_track in 2023 by its assessment (marked manual); without
      assessments it would be no_data.
    - 2 labour-productivity-growth, 2023 (高于GDP增长): 1.087 × 1.042 × 1.057 = 1.197224…
      against GDP's 1.081 × 1.030 × 1.052 = 1.171333…: 6.18% > 5.41% a year, on_track (a
      growth target is never achieved before the end year), R = 6.18 / 5.41 = 1.14.
    - 18 forest-coverage, 2025: 24.0 < 24.1: not_achieved.
    """
    in_2023, in_2025 = statuses("national-14th", 2023), statuses("national-14th", 2025)
    assert in_2023["energy-intensity"] == "off_track"
    assert in_2025["energy-intensity"] == "not_achieved"
    assert (in_2023["urban-unemployment"], in_2025["urban-unemployment"]) == (
        "not_achieved",
        "not_achieved",
    )
    assert (in_2023["air-quality-days"], in_2025["air-quality-days"]) == (
        "regressing",
        "achieved",
    )
    assert in_2023["grain-capacity"] == "achieved"
    assert in_2025["forest-coverage"] == "not_achieved"
    assert in_2023["gdp-growth"] == "on_track"
    assert in_2023["labour-productivity-growth"] == "on_track"
    assert len(in_2023) == 20


def test_national_14th_2025_uses_the_published_change_since_2020() -> None:
    stdout, _ = output("national-14th", 2025, "json")
    energy = next(r for r in json.loads(stdout)["indicators"] if r["id"] == "energy-intensity")
    assert energy["actual"] == pytest.approx(-11.9)


def test_provincial_key_statuses_by_hand() -> None:
    """Computed by hand from data.csv (B = 2020, E = 2025):

    - 1 gdp, 2023: real growth chained 1.079 × 1.041 × 1.060 = 1.190626…, g = 5.99% a year,
      within 0.5 of 6 (about): on_track (growth is never achieved before E); target 2
      (力争 6.5%) is behind, but aspirational, so the indicator takes target 1's status.
      The current-price levels (现价) beside them are never used for the growth.
    - 9 energy-intensity, 2023: −3.1, −0.6, −1.4 chain to 0.969 × 0.994 × 0.986 = 0.94971…,
      −5.03%; the reference (10) chains −2.7, −0.1, −0.5 to −3.28%; −5.03 ≤ −3.28: achieved.
      2025: the published −13.9% (口径 比基期) against the nation's published −11.6%: achieved.
    - 4 rd-intensity, 2023: T = the nation's 2.65 in 2023; 2.58 is not more: P_t = 2.2 +
      (2.65 − 2.2)·3/5 = 2.47, R = 0.38/0.27 = 1.41: on_track.
    - 8 new-urban-jobs (每年60万人以上): 58 in 2023 misses: not_achieved, in 2025 too.
    - 3 urbanisation-rate (baseline 60.6 in 2019): s(2023) = 4/6, P_t = 63.53…; 63.7: on_track.
    - 11 forest-coverage (weight 3, binding), 2025: 41.95 < 42: not_achieved.
    - 12 business-environment (qualitative): on_track in 2023, not_achieved in 2025, by its
      assessments; and in 2023 an assessment overrides 8's computed not_achieved with on_track.
    """
    in_2023, in_2025 = statuses("provincial", 2023), statuses("provincial", 2025)
    assert in_2023["gdp"] == "on_track"
    assert (in_2023["energy-intensity"], in_2025["energy-intensity"]) == ("achieved", "achieved")
    assert in_2023["rd-intensity"] == "on_track"
    assert (in_2023["new-urban-jobs"], in_2025["new-urban-jobs"]) == ("on_track", "not_achieved")
    assert (in_2023["business-environment"], in_2025["business-environment"]) == (
        "on_track",
        "not_achieved",
    )
    assert in_2023["urbanisation-rate"] == "on_track"
    assert in_2025["forest-coverage"] == "not_achieved"


def test_provincial_weights_and_tied_values() -> None:
    stdout, _ = output("provincial", 2023, "json")
    by_id = {r["id"]: r for r in json.loads(stdout)["indicators"]}
    # the override: the assessment's status in force, the computed one kept beside it
    assert by_id["new-urban-jobs"]["computed_status"] == "not_achieved"
    assert by_id["forest-coverage"]["weight"] == 3
    assert by_id["national-rd-intensity"]["weight"] == 0
    assert by_id["rd-intensity"]["target"] == pytest.approx(2.65)
    assert by_id["rd-intensity"]["components"]["reference"] == "national-rd-intensity"
    assert by_id["rd-intensity"]["progress_ratio"] == pytest.approx(0.38 / 0.27, abs=5e-3)


if __name__ == "__main__":  # regenerate the goldens (an intended change only)
    for plan, year, fmt, golden, _ in CASES:
        target = FIXTURES / plan / "golden" / golden
        target.parent.mkdir(exist_ok=True)
        target.write_text(output(plan, year, fmt)[0], encoding="utf-8")
        sys.stdout.write(f"wrote {target}\n")
