"""`each_year` targets: every year from B+1 to t judged on its own; a missed year is final."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.evaluation import evaluate_series
from planchk.results import STATUS_SEVERITY, Status
from planchk.trails import EachYearTrail

from .conftest import data, plan, result

# 城镇新增就业每年10万人以上.
JOBS = {"kind": "each_year", "comparator": "at_least", "value": 10}
MORE = {"kind": "each_year", "comparator": "more_than", "value": 10}
# 单位GDP能耗每年下降3%, reported as yearly changes.
DOWN = {"kind": "each_year", "comparator": "at_most", "value": -3}
BELOW = {"kind": "each_year", "comparator": "less_than", "value": -3}
ABOUT = {"kind": "each_year", "comparator": "about", "value": 6, "tolerance": {"absolute": 0.5}}
RANGE = {"kind": "each_year", "comparator": "between", "range": {"min": 4.5, "max": 5.5}}


@dataclass(frozen=True)
class Case:
    name: str
    target: dict[str, Any]
    values: dict[int, str]
    year: int
    status: Status
    direction: str = "increase"
    reporting: str = "level"
    ratio: float | None = None


CASES = [
    Case("every year met", JOBS, {2016: "11", 2017: "10", 2018: "12"}, 2018, Status.ON_TRACK),
    Case("exactly at the target", JOBS, {2016: "10"}, 2016, Status.ON_TRACK, ratio=1.0),
    Case("missed once", JOBS, {2016: "11", 2017: "9.99", 2018: "12"}, 2018, Status.NOT_ACHIEVED),
    Case("missed in the first year", JOBS, {2016: "9"}, 2016, Status.NOT_ACHIEVED, ratio=0.0),
    Case("more_than equal misses", MORE, {2016: "10"}, 2016, Status.NOT_ACHIEVED),
    Case("more_than above meets", MORE, {2016: "10.01"}, 2016, Status.ON_TRACK),
    Case(
        "every year met in the end year",
        JOBS,
        dict.fromkeys(range(2016, 2021), "10"),
        2020,
        Status.ACHIEVED,
    ),
    Case(
        "missed in the end year",
        JOBS,
        {**dict.fromkeys(range(2016, 2020), "10"), 2020: "9"},
        2020,
        Status.NOT_ACHIEVED,
        ratio=0.8,
    ),
    Case("a year missing", JOBS, {2016: "11", 2018: "12"}, 2018, Status.NO_DATA),
    Case("missed before a gap", JOBS, {2016: "9", 2018: "12"}, 2018, Status.NOT_ACHIEVED),
    Case(
        "yearly decline met",
        DOWN,
        {2016: "-3", 2017: "-4.1"},
        2017,
        Status.ON_TRACK,
        direction="decrease",
        reporting="yearly_change",
    ),
    Case(
        "yearly decline missed",
        DOWN,
        {2016: "-3", 2017: "-2.9"},
        2017,
        Status.NOT_ACHIEVED,
        direction="decrease",
        reporting="yearly_change",
        ratio=0.5,
    ),
    Case(
        "less_than equal misses",
        BELOW,
        {2016: "-3"},
        2016,
        Status.NOT_ACHIEVED,
        direction="decrease",
        reporting="yearly_change",
    ),
    Case("about at the tolerance edge", ABOUT, {2016: "5.5"}, 2016, Status.ON_TRACK),
    Case("about beyond, in the direction", ABOUT, {2016: "9"}, 2016, Status.ON_TRACK),
    Case("about just outside", ABOUT, {2016: "5.49"}, 2016, Status.NOT_ACHIEVED),
    Case("range ends included", RANGE, {2016: "4.5", 2017: "5.5"}, 2017, Status.ON_TRACK),
    Case("range left", RANGE, {2016: "5", 2017: "5.51"}, 2017, Status.NOT_ACHIEVED),
    Case("range undershot", RANGE, {2016: "4.49"}, 2016, Status.NOT_ACHIEVED),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_year_status(case: Case) -> None:
    spec = plan(case.target, direction=case.direction, reporting=case.reporting)
    r = result(spec, case.values, case.year)
    assert r.status is case.status, r.reason
    if case.ratio is not None:
        assert r.progress_ratio == pytest.approx(case.ratio)


def test_a_missed_year_is_named_and_scores_the_share_of_years_met() -> None:
    r = result(plan(JOBS), {2016: "11", 2017: "9", 2018: "12"}, 2018)
    assert r.status is Status.NOT_ACHIEVED
    assert r.reason == "missed in 2017 (9): every year must meet the target"
    assert isinstance(r.components, EachYearTrail)
    assert r.components.missed_year == 2017
    assert r.components.missed_years == "2017"
    assert r.score == pytest.approx(200 / 3)
    assert r.binding_failure


def test_met_so_far_is_on_track_not_achieved_before_the_end_year() -> None:
    r = result(plan(JOBS), {2016: "11", 2017: "12"}, 2017)
    assert (r.status, r.score, r.reason) == (
        Status.ON_TRACK,
        100,
        "every year so far meets the target",
    )
    assert r.projection is None


def test_a_missing_year_says_which() -> None:
    r = result(plan(JOBS), {2016: "11", 2018: "12"}, 2018)
    assert r.reason == "no value for 2017: every year is judged"


def test_the_trajectory_holds_every_year_against_the_target() -> None:
    spec = plan(JOBS)
    report = evaluate_series(spec, data({2016: "11", 2017: "9"}), 2017)
    path = report.indicators[0].trajectory
    assert path is not None
    assert [p.value for p in path.actual] == [11, 9]
    assert {p.value for p in path.expected} == {10}
    assert [p.year for p in path.expected] == list(range(2016, 2021))


RANK = STATUS_SEVERITY
yearly = st.decimals(min_value=0, max_value=30, places=2).map(str)


@given(st.lists(yearly, min_size=1, max_size=4), st.decimals(0, "9.99", places=2).map(str))
def test_adding_a_failing_year_never_improves_the_status(values: list[str], failing: str) -> None:
    spec = plan(JOBS)
    before = dict(zip(range(2016, 2016 + len(values)), values, strict=True))
    year = 2015 + len(values)
    after = {**before, year + 1: failing}
    old = result(spec, before, year)
    new = result(spec, after, year + 1)
    assert new.status is Status.NOT_ACHIEVED
    assert RANK[new.status] >= RANK[old.status]
    assert (new.score or 0) <= (old.score or 0)
