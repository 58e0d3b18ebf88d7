"""Ranges (`comparator: between`) on level targets: met inside the range, ends included; R the
distance to the range closed against the distance the path closes; a baseline inside the range
asks to hold it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.results import Status

from .conftest import plan, result

# 城镇调查失业率 between 4.5% and 5.5%.
RANGE = {"kind": "level", "comparator": "between", "range": {"min": 4.5, "max": 5.5}}


@dataclass(frozen=True)
class Case:
    name: str
    baseline: str
    value: str
    year: int
    status: Status
    ratio: float | None = None
    direction: str = "decrease"


# Base year 2015, end year 2020: 2018 is s = 0.6 of the way.
CASES = [
    # From above the range (6): the path runs to 5.5, closing 0.5·0.6 = 0.3 by 2018.
    Case("on the path", "6", "5.7", 2018, Status.ON_TRACK, 1.0),
    Case("R exactly 0.95", "6", "5.715", 2018, Status.ON_TRACK, 0.95),
    Case("just under 0.95", "6", "5.71501", 2018, Status.BEHIND),
    Case("R exactly 0.60", "6", "5.82", 2018, Status.BEHIND, 0.6),
    Case("just under 0.60", "6", "5.82001", 2018, Status.OFF_TRACK),
    Case("no closer", "6", "6", 2018, Status.OFF_TRACK, 0.0),
    Case("further away", "6", "6.1", 2018, Status.REGRESSING),
    Case("at the upper end", "6", "5.5", 2018, Status.ACHIEVED),
    Case("at the lower end", "6", "4.5", 2018, Status.ACHIEVED),
    Case("just past the lower end", "6", "4.49", 2018, Status.ON_TRACK),
    Case("just above the upper end", "6", "5.5001", 2018, Status.ON_TRACK),
    Case("end year at the upper end", "6", "5.5", 2020, Status.ACHIEVED),
    Case("end year at the lower end", "6", "4.5", 2020, Status.ACHIEVED),
    Case("end year just above", "6", "5.51", 2020, Status.NOT_ACHIEVED),
    Case("end year just below", "6", "4.49", 2020, Status.NOT_ACHIEVED),
    # From below the range (4): the mirror, with the path running to 4.5.
    Case("from below, on the path", "4", "4.3", 2018, Status.ON_TRACK, 1.0, "increase"),
    Case("from below, moving away", "4", "3.9", 2018, Status.REGRESSING, None, "increase"),
    Case("from below, inside", "4", "5", 2018, Status.ACHIEVED, None, "increase"),
    # A baseline inside the range asks to hold it.
    Case("held", "5", "5.2", 2018, Status.ACHIEVED),
    Case("held at an end", "5", "4.5", 2020, Status.ACHIEVED),
    Case("left the range", "5", "5.6", 2018, Status.REGRESSING),
    Case("left it in the end year", "5", "4.4", 2020, Status.NOT_ACHIEVED),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_range_status(case: Case) -> None:
    spec = plan(RANGE, baseline=case.baseline, unit="%", direction=case.direction)
    r = result(spec, {case.year: case.value}, case.year)
    assert r.status is case.status, r.reason
    if case.ratio is not None:
        assert r.progress_ratio == pytest.approx(case.ratio)
    assert r.range is not None
    assert (r.range.min, r.range.max) == (4.5, 5.5)


def test_a_range_left_scores_0_and_gives_the_reason_in_the_end_year() -> None:
    spec = plan(RANGE, baseline="5", unit="%")
    r = result(spec, {2020: "5.6"}, 2020)
    assert (r.status, r.score) == (Status.NOT_ACHIEVED, 0)
    assert r.reason == "the baseline met the target; the value no longer does"


def test_the_target_judged_is_the_end_the_path_runs_to() -> None:
    above = result(plan(RANGE, baseline="6", unit="%"), {2018: "5.8"}, 2018)
    below = result(plan(RANGE, baseline="4", unit="%"), {2018: "4.2"}, 2018)
    assert above.target == 5.5
    assert above.expected == pytest.approx(5.7)
    assert below.target == 4.5
    assert below.expected == pytest.approx(4.3)


def test_the_pace_needed_runs_to_the_end_nearer_the_value() -> None:
    """5.8 in 2018 with two years left: (5.5 − 5.8)/2 = −0.15 points a year."""
    r = result(plan(RANGE, baseline="6", unit="%"), {2018: "5.8"}, 2018)
    assert r.projection is not None
    assert r.projection.required_yearly_addition == pytest.approx(-0.15)
    assert not r.projection.meets_target  # 6 − 0.2·5/3 = 5.67 stays above the range
    inside = result(plan(RANGE, baseline="6", unit="%"), {2018: "5.2"}, 2018)
    assert inside.projection is not None
    assert inside.projection.required_yearly_addition is None


def test_without_a_baseline_a_value_in_the_range_is_achieved() -> None:
    spec = plan(RANGE, unit="%")
    assert result(spec, {2018: "5"}, 2018).status is Status.ACHIEVED
    assert result(spec, {2018: "6"}, 2018).status is Status.NO_DATA
    assert result(spec, {2020: "6"}, 2020).status is Status.NOT_ACHIEVED


@given(st.decimals(min_value=0, max_value=20, places=3))
def test_every_value_in_the_range_is_met_and_every_value_outside_is_not(value: Decimal) -> None:
    spec = plan(RANGE, baseline="6", unit="%")
    r = result(spec, {2020: str(value)}, 2020)
    inside = Decimal("4.5") <= value <= Decimal("5.5")
    assert (r.status is Status.ACHIEVED) == inside
