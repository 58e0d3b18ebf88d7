"""`level` targets: headroom for a bound the baseline meets, the linear or compound projection,
the pace in percentage points for a measure in percent, no pace for a target already met."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.results import Status
from planchk.trails import LevelTrail

from .conftest import plan, report, result

CEILING = {"kind": "level", "comparator": "at_most", "value": 50}


def test_a_ceiling_that_fails_in_the_end_year_never_scores_100() -> None:
    """能源消费总量 ≤ 50 from a baseline of 43, 51 in 2020: not achieved, score 0."""
    spec = plan(CEILING, direction="decrease", baseline="43")
    r = result(spec, {2020: "51"}, 2020)
    assert r.status is Status.NOT_ACHIEVED
    assert r.score == 0
    assert isinstance(r.components, LevelTrail)
    assert r.components.headroom == "yes"
    assert report(spec, {2020: "51"}, 2020).summary.score == 0


def test_a_ceiling_within_its_headroom_is_measured_by_the_headroom_left() -> None:
    """(V_t − T)/(P_t − T): 45 in 2018 against the path 43 + 7·0.6 = 47.2 gives 5/2.8."""
    spec = plan(CEILING, direction="decrease", baseline="43")
    r = result(spec, {2018: "45"}, 2018)
    assert r.status is Status.ACHIEVED
    assert r.progress_ratio == pytest.approx(5 / 2.8)


def test_a_ceiling_breached_before_the_end_regresses_and_scores_0() -> None:
    spec = plan(CEILING, direction="decrease", baseline="43")
    r = result(spec, {2018: "52"}, 2018)
    assert r.status is Status.REGRESSING
    assert r.score == 0


@given(st.integers(min_value=51, max_value=10_000))
def test_a_failing_bound_scores_0_whatever_the_overshoot(value: int) -> None:
    spec = plan(CEILING, direction="decrease", baseline="43")
    assert result(spec, {2020: str(value)}, 2020).score == 0


def test_a_floor_the_baseline_meets_fails_with_score_0_too() -> None:
    """At least 18.65 from 20, 18 in 2020: the mirror of the ceiling."""
    spec = plan({"kind": "level", "comparator": "at_least", "value": 18.65}, baseline="20")
    r = result(spec, {2020: "18"}, 2020)
    assert (r.status, r.score) == (Status.NOT_ACHIEVED, 0)


def test_a_share_needs_percentage_points_a_year() -> None:
    """65% from 60% in 2018 with two years left: 2.5 points a year, not 4.08% growth."""
    spec = plan({"kind": "level", "comparator": "at_least", "value": 65}, baseline="58", unit="%")
    p = result(spec, {2018: "60"}, 2018).projection
    assert p is not None
    assert p.required_yearly_addition == pytest.approx(2.5)
    assert p.required_growth is None


def test_a_target_already_met_needs_no_pace() -> None:
    spec = plan({"kind": "level", "comparator": "more_than", "value": 7000}, baseline="6151")
    r = result(spec, {2018: "10500"}, 2018)
    assert r.status is Status.ACHIEVED
    assert r.projection is not None
    assert (r.projection.required_growth, r.projection.required_yearly_addition) == (None, None)


def test_the_projection_follows_the_declared_path_and_says_which() -> None:
    linear = plan({"kind": "level", "comparator": "at_least", "value": 200}, baseline="100")
    compound = plan(
        {"kind": "level", "comparator": "at_least", "value": 200, "path": "compound"},
        baseline="100",
    )
    on_linear = result(linear, {2018: "130"}, 2018).projection
    on_compound = result(compound, {2018: "130"}, 2018).projection
    assert on_linear is not None
    assert on_compound is not None
    assert (on_linear.path, on_compound.path) == ("linear", "compound")
    assert on_linear.end_value == pytest.approx(100 + 30 * 5 / 3)  # 150
    assert on_compound.end_value == pytest.approx(100 * 1.3 ** (5 / 3))  # 154.9
