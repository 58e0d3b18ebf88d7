"""Targets tied to another indicator (`reference`): the target rate is the referenced
indicator's measured average growth over the same years, decided exactly.

Table-driven like tests/test_engine.py: a plan 2015 → 2020 with the reference `gdp` and the
indicator `x` tied to it, both reported as levels with 100 in 2015; assessed in 2018 (n = 3)
unless said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import Dataset
from planchk.engine import evaluate_indicator
from planchk.results import STATUS_SEVERITY, IndicatorResult, Status
from planchk.spec import Spec, parse_spec
from test_engine import obs

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tied"
runner = CliRunner()


def tied_spec(target: dict[str, Any], direction: str = "increase") -> Spec:
    def indicator(no: int, id_: str, target: dict[str, Any]) -> dict[str, Any]:
        return {
            "no": no,
            "id": id_,
            "category": "c",
            "name": {"en": id_},
            "unit": {"en": "units"},
            "attribute": "expected",
            "direction": direction,
            "target": target,
        }

    own = {"kind": "average_growth", "comparator": "at_least", "value": 7}
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [
                indicator(1, "gdp", own if direction == "increase" else {**own, "value": -7,
                          "comparator": "at_most"}),
                indicator(2, "x", {"kind": "average_growth", "reference": "gdp", **target}),
            ],
        }
    )  # fmt: skip


def run(
    target: dict[str, Any],
    reference: dict[int, str],
    values: dict[int, str],
    year: int = 2018,
    direction: str = "increase",
) -> IndicatorResult:
    return evaluate_tied(tied_spec(target, direction), "gdp", reference, values, year)


def evaluate_tied(
    spec: Spec, reference_id: str, reference: dict[int, str], values: dict[int, str], year: int
) -> IndicatorResult:
    """Indicator 2, `x`, of `spec` in `year`, with the values of its reference and its own."""
    rows = [obs(y, v, indicator=reference_id) for y, v in reference.items()]
    rows += [obs(y, v, indicator="x") for y, v in values.items()]
    return evaluate_indicator(spec, Dataset(tuple(rows)), spec.indicators[1], year)


MORE = {"comparator": "more_than"}
AT_LEAST = {"comparator": "at_least"}
AT_MOST = {"comparator": "at_most"}
ABOUT = {"comparator": "about", "tolerance": {"absolute": 0.5}}
ABOUT_REL = {"comparator": "about", "tolerance": {"relative": 10}}
TEN = {2015: "100", 2018: "133.1"}  # 10% a year exactly: 1.1^3 = 1.331
THIRTY = {2015: "100", 2018: "130"}  # g_ref = 1.3^(1/3) − 1, irrational


@dataclass(frozen=True)
class Case:
    name: str
    target: dict[str, Any]
    reference: dict[int, str]
    value: str  # x in the assessment year (100 in 2015)
    status: Status
    year: int = 2018
    direction: str = "increase"
    ratio: float | None = field(default=None)


CASES = [
    Case("equal to an irrational reference, at_least", AT_LEAST, THIRTY, "130", Status.ON_TRACK,
         ratio=1.0),
    Case("equal to the reference, more_than, R = 1", MORE, THIRTY, "130", Status.ON_TRACK),
    Case("above the reference", MORE, THIRTY, "131", Status.ON_TRACK),
    Case("R exactly 0.95 (9.5% against 10%)", MORE, TEN, "131.2932375", Status.ON_TRACK,
         ratio=0.95),
    Case("R just under 0.95", MORE, TEN, "131.2932374", Status.BEHIND),
    Case("behind", MORE, TEN, "125", Status.BEHIND),
    Case("off track", MORE, TEN, "110", Status.OFF_TRACK),
    Case("R exactly 0", MORE, TEN, "100", Status.OFF_TRACK, ratio=0.0),
    Case("regressing", MORE, TEN, "95", Status.REGRESSING),
    Case("about: 9.5% is within 0.5 points of 10%", ABOUT, TEN, "131.2932375", Status.ON_TRACK),
    Case("about: just outside the tolerance", ABOUT, TEN, "131.2932374", Status.BEHIND),
    Case("about relative: 9% is within 10% of 10%", ABOUT_REL, TEN, "129.5029", Status.ON_TRACK),
    Case("about relative: just outside", ABOUT_REL, TEN, "129.5028", Status.BEHIND),
    Case("end year: equal to the reference", AT_LEAST, {2015: "100", 2020: "161.051"},
         "161.051", Status.ACHIEVED, year=2020),
    Case("end year: equal is not more", MORE, {2015: "100", 2020: "161.051"}, "161.051",
         Status.NOT_ACHIEVED, year=2020),
    # Decrease: the reference falls 5% a year (0.95^3 = 0.857375).
    Case("decrease: equal to a falling reference", AT_MOST, {2015: "100", 2018: "85.7375"},
         "85.7375", Status.ON_TRACK, direction="decrease", ratio=1.0),
    Case("decrease: falling more slowly", AT_MOST, {2015: "100", 2018: "85.7375"}, "90",
         Status.BEHIND, direction="decrease"),
    # g_ref = 0 or against the direction: R is undefined; the target holds or it does not.
    Case("a flat reference, met", MORE, {2015: "100", 2018: "100"}, "105", Status.ON_TRACK),
    Case("a flat reference, not met", MORE, {2015: "100", 2018: "100"}, "99",
         Status.REGRESSING),
    Case("a flat reference, more_than, no change", MORE, {2015: "100", 2018: "100"}, "100",
         Status.OFF_TRACK),
    Case("a falling reference, met", AT_LEAST, {2015: "100", 2018: "90"}, "92", Status.ON_TRACK),
    Case("a falling reference, not met", AT_LEAST, {2015: "100", 2018: "90"}, "85",
         Status.REGRESSING),
    Case("a falling reference in the end year, not met", AT_LEAST, {2015: "100", 2020: "90"},
         "85", Status.NOT_ACHIEVED, year=2020),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_target_is_the_reference_measured_growth(case: Case) -> None:
    result = run(
        case.target,
        case.reference,
        {2015: "100", case.year: case.value},
        case.year,
        case.direction,
    )
    assert result.status is case.status, result.reason
    if case.ratio is not None:
        assert result.progress_ratio == pytest.approx(case.ratio, abs=1e-12)
    growth = (float(case.reference[case.year]) / 100) ** (1 / (case.year - 2015)) * 100 - 100
    assert result.target == pytest.approx(growth)
    assert result.components.model_dump()["reference"] == "gdp"


def test_flat_or_opposite_references_have_no_ratio_and_say_why() -> None:
    result = run(AT_LEAST, {2015: "100", 2018: "90"}, {2015: "100", 2018: "92"})
    assert result.progress_ratio is None
    assert result.reason is not None
    assert "against the indicator's direction" in result.reason
    assert result.score == 100.0


def test_a_missing_reference_value_is_no_data_naming_the_reference() -> None:
    result = run(MORE, {2015: "100"}, {2015: "100", 2018: "130"})
    assert result.status is Status.NO_DATA
    assert result.reason == (
        "the reference, indicator 1 (gdp), has no growth for 2015-2018: no value for 2018"
    )


@given(
    low=st.decimals(min_value=80, max_value=160, places=2),
    step=st.decimals(min_value=0, max_value=40, places=2),
    value=st.decimals(min_value=80, max_value=160, places=2),
    year=st.sampled_from([2017, 2018, 2020]),
    comparator=st.sampled_from(["at_least", "more_than", "about"]),
)
def test_raising_the_reference_never_improves_the_status(
    low: Any, step: Any, value: Any, year: int, comparator: str
) -> None:
    def status(reference: Any) -> Status:
        return run(
            {"comparator": comparator},
            {2015: "100", year: str(reference)},
            {2015: "100", year: str(value)},
            year,
        ).status

    before, after = status(low), status(low + step)
    assert STATUS_SEVERITY[after] >= STATUS_SEVERITY[before], (before, after)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["evaluate", "--format", "json"], '"reference": "gdp-growth"'),
        (["evaluate"], "5.41%"),
        (["explain", "labour-productivity-growth"], "g_ref = (b^(1/n) − 1) × 100"),
    ],
)
def test_the_fixture_plan_shows_the_referenced_growth(args: list[str], expected: str) -> None:
    command = [*args, str(FIXTURE / "2023.csv"), "--spec", str(FIXTURE / "spec.yaml")]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout
