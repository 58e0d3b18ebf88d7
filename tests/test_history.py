"""Several years at once: status history, score per year, trajectories and changes that matter."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planchk.data import Dataset, Observation, load_data
from planchk.engine import evaluate
from planchk.history import changes_that_matter, evaluate_history
from planchk.quantities import Qualifier
from planchk.results import STATUS_SEVERITY, Status, StatusChangeKind
from planchk.spec import Spec, parse_spec

ROOT = Path(__file__).resolve().parents[1]
ADDED = {"history", "trajectory", "trend", "changes"}


def plan(*targets: dict[str, Any], end_year: int = 2020) -> Spec:
    """A plan with one indicator per target dict (keys of an indicator may be given too)."""
    indicators = []
    for n, extra in enumerate(targets, start=1):
        indicator: dict[str, Any] = {
            "no": n,
            "id": f"i{n}",
            "category": "c",
            "name": {"en": f"I{n}"},
            "unit": {"en": "u"},
            "attribute": "expected",
            "direction": "increase",
        }
        indicator.update(extra)
        indicators.append(indicator)
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": end_year},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": indicators,
        }
    )


def data(values: dict[tuple[str, int], str], illustrative: set[int] | None = None) -> Dataset:
    return Dataset(
        tuple(
            Observation(
                indicator_id=key,
                year=year,
                value=Decimal(value),
                qualifier=Qualifier.EXACT,
                preliminary=False,
                reported=value,
                reported_unit=None,
                source="illustrative" if year in (illustrative or set()) else "bulletin",
                note=None,
                file="t.csv",
                line=year - 2013,
            )
            for (key, year), value in values.items()
        )
    )


LEVEL = {
    "target": {"kind": "level", "comparator": "at_least", "value": 200},
    "baseline": {"value": 100},
}


@pytest.fixture(scope="module")
def sample(spec: Spec, repo_root: Path) -> Dataset:
    return load_data([repo_root / "data"], spec)


def test_every_year_of_the_data_is_evaluated(spec: Spec, sample: Dataset) -> None:
    report = evaluate_history(spec, sample)
    assert report.year == 2020
    assert [y.year for y in report.trend] == [2016, 2017, 2018, 2019, 2020]
    for result in report.indicators:
        assert [p.year for p in result.history] == [2016, 2017, 2018, 2019, 2020]
    # Each year's entry is that year's one-year evaluation, unchanged.
    for point in report.trend:
        single = evaluate(spec, sample, point.year)
        assert point.score == single.summary.score
        assert point.coverage == single.summary.coverage
        for result, alone in zip(report.indicators, single.indicators, strict=True):
            entry = next(p for p in result.history if p.year == point.year)
            assert (entry.status, entry.score, entry.progress_ratio, entry.actual) == (
                alone.status,
                alone.score,
                alone.progress_ratio,
                alone.actual,
            )


def test_the_assessment_year_report_is_the_one_year_report(spec: Spec, sample: Dataset) -> None:
    history = evaluate_history(spec, sample, 2018).model_dump(exclude=ADDED)
    history["indicators"] = [
        {k: v for k, v in r.items() if k not in ADDED} for r in history["indicators"]
    ]
    single = evaluate(spec, sample, 2018).model_dump(exclude=ADDED)
    single["indicators"] = [
        {k: v for k, v in r.items() if k not in ADDED} for r in single["indicators"]
    ]
    assert history == single


def test_years_after_the_assessment_year_are_left_out(spec: Spec, sample: Dataset) -> None:
    report = evaluate_history(spec, sample, 2018)
    assert [y.year for y in report.trend] == [2016, 2017, 2018]


def test_a_requested_year_without_data_is_still_the_assessment_year() -> None:
    spec = plan(LEVEL)
    report = evaluate_history(spec, data({("i1", 2017): "140"}), 2019)
    assert report.year == 2019
    assert [p.year for p in report.indicators[0].history] == [2017, 2019]
    assert [p.status for p in report.indicators[0].history] == [Status.ON_TRACK, Status.NO_DATA]


def test_status_history_follows_the_data() -> None:
    # Pace: 120 by 2016, 140 by 2017, 160 by 2018; the target 200 is reached in 2019.
    values = {("i1", 2016): "120", ("i1", 2017): "130", ("i1", 2018): "90", ("i1", 2019): "200"}
    report = evaluate_history(plan(LEVEL), data(values))
    statuses = [p.status for p in report.indicators[0].history]
    assert statuses == [Status.ON_TRACK, Status.BEHIND, Status.REGRESSING, Status.ACHIEVED]
    worsened = [(c.previous_year, c.year) for c in report.changes]
    assert worsened == [(2017, 2018), (2016, 2017)]  # latest first; the recovery is not listed
    assert all(c.kind is StatusChangeKind.WORSENED for c in report.changes)
    assert report.changes[0].previous_status is Status.BEHIND
    assert report.changes[0].status is Status.REGRESSING


def test_no_data_years_never_count_as_worsening() -> None:
    report = evaluate_history(plan(LEVEL), data({("i1", 2016): "120", ("i1", 2018): "100"}), 2018)
    history = report.indicators[0].history
    assert [p.year for p in history] == [2016, 2018]
    report = evaluate_history(plan(LEVEL, LEVEL), data({("i1", 2016): "120", ("i2", 2017): "1"}))
    assert report.indicators[0].history[-1].status is Status.NO_DATA
    assert not [c for c in report.changes if c.no == 1]


def test_binding_projection_that_misses_is_listed_first() -> None:
    binding = {**LEVEL, "attribute": "binding"}
    # 2018: 130 against a pace of 160; at that pace it ends near 2020's 150-ish, short of 200.
    values = {("i1", 2017): "140", ("i1", 2018): "130", ("i2", 2017): "140", ("i2", 2018): "130"}
    report = evaluate_history(plan(binding, LEVEL), data(values))
    kinds = [(c.kind, c.no) for c in report.changes]
    assert kinds == [
        (StatusChangeKind.END_VALUE_MISSES, 1),
        (StatusChangeKind.WORSENED, 1),
        (StatusChangeKind.WORSENED, 2),
    ]
    miss = report.changes[0]
    projection = report.indicators[0].projection
    assert projection is not None
    assert miss.end_value == projection.end_value
    assert miss.end_value is not None
    assert miss.target == 200
    assert miss.end_value < miss.target


def test_binding_not_achieved_in_the_end_year_is_listed_with_its_actual_value() -> None:
    report = evaluate_history(plan({**LEVEL, "attribute": "binding"}), data({("i1", 2020): "190"}))
    assert len(report.changes) == 1
    change = report.changes[0]
    assert change.kind is StatusChangeKind.END_VALUE_MISSES
    assert change.status is Status.NOT_ACHIEVED
    assert change.end_value == 190


def test_a_binding_indicator_that_will_make_it_is_not_listed() -> None:
    report = evaluate_history(plan({**LEVEL, "attribute": "binding"}), data({("i1", 2018): "170"}))
    assert report.changes == ()


def test_every_status_but_no_data_is_ranked() -> None:
    assert set(STATUS_SEVERITY) == set(Status) - {Status.NO_DATA, Status.INCONCLUSIVE}
    assert changes_that_matter((), 2018, 2020) == ()


def test_trajectory_of_a_level_target_runs_from_baseline_to_target() -> None:
    report = evaluate_history(plan(LEVEL), data({("i1", 2016): "120", ("i1", 2018): "150"}, {2018}))
    path = report.indicators[0].trajectory
    assert path is not None
    assert path.quantity == "level"
    assert [(p.year, p.value) for p in path.expected] == [
        (2015, 100),
        (2016, 120),
        (2017, 140),
        (2018, 160),
        (2019, 180),
        (2020, 200),
    ]
    assert [(p.year, p.value, p.illustrative) for p in path.actual] == [
        (2015, 100, False),
        (2016, 120, False),
        (2018, 150, True),
    ]
    assert (path.baseline, path.target) == (100, 200)


def test_trajectory_of_a_compound_level_target() -> None:
    target = {"kind": "level", "comparator": "at_least", "value": 400, "path": "compound"}
    report = evaluate_history(plan({"target": target, "baseline": {"value": 100}}), data({}), 2018)
    path = report.indicators[0].trajectory
    assert path is not None
    assert path.expected[0].value == 100
    assert path.expected[-1].value == 400
    assert path.expected[1].value == pytest.approx(100 * 4**0.2)


def test_trajectory_of_additions_stops_at_a_missing_year() -> None:
    cumulative = {
        "target": {"kind": "cumulative", "comparator": "at_least", "value": 50},
        "reporting": "addition",
    }
    values = {("i1", 2016): "10", ("i1", 2017): "12", ("i1", 2019): "5"}
    report = evaluate_history(plan(cumulative), data(values))
    path = report.indicators[0].trajectory
    assert path is not None
    assert path.quantity == "additions"
    assert [(p.year, p.value) for p in path.actual] == [(2015, 0), (2016, 10), (2017, 22)]
    assert [p.value for p in path.expected] == [0, 10, 20, 30, 40, 50]


def test_trajectory_of_a_growth_target_is_the_level_path() -> None:
    growth = {
        "target": {"kind": "average_growth", "comparator": "at_least", "value": 10},
        "baseline": {"value": 1000},
    }
    report = evaluate_history(plan(growth), data({("i1", 2017): "1210"}))
    path = report.indicators[0].trajectory
    assert path is not None
    assert [p.value for p in path.expected[:3]] == [1000, 1100, 1210]
    assert path.target == pytest.approx(1000 * 1.1**5)


def test_trajectory_of_yearly_changes_is_an_index() -> None:
    growth = {
        "target": {"kind": "change", "change": "relative", "comparator": "at_most", "value": -15},
        "direction": "decrease",
        "reporting": "yearly_change",
    }
    report = evaluate_history(plan(growth), data({("i1", 2016): "-5", ("i1", 2017): "-4"}))
    path = report.indicators[0].trajectory
    assert path is not None
    assert path.quantity == "index"
    assert [p.value for p in path.actual] == [100, 95, pytest.approx(91.2)]
    assert path.target == pytest.approx(85)


def test_growth_target_without_baseline_charts_values_alone() -> None:
    growth = {"target": {"kind": "average_growth", "comparator": "at_least", "value": 10}}
    report = evaluate_history(plan(growth), data({("i1", 2017): "1210"}))
    path = report.indicators[0].trajectory
    assert path is not None
    assert (path.baseline, path.target, path.expected) == (None, None, ())
    assert [(p.year, p.value) for p in path.actual] == [(2017, 1210)]
    assert [o.year for o in path.observations] == [2017]


def test_the_end_of_plan_verdict_is_not_a_worsening_when_the_score_rose() -> None:
    # 2019: 170 against a pace of 180 (behind, score 87.5); 2020: 190, short of 200 (not
    # achieved, score 90): the verdict of the end year, not a turn for the worse.
    report = evaluate_history(plan(LEVEL), data({("i1", 2019): "170", ("i1", 2020): "190"}))
    statuses = [(p.status, p.score) for p in report.indicators[0].history]
    assert [s for s, _ in statuses] == [Status.BEHIND, Status.NOT_ACHIEVED]
    assert statuses[1][1] is not None
    assert statuses[0][1] is not None
    assert statuses[1][1] > statuses[0][1]
    assert report.changes == ()


def test_the_end_of_plan_verdict_is_a_worsening_when_the_score_fell() -> None:
    report = evaluate_history(plan(LEVEL), data({("i1", 2019): "170", ("i1", 2020): "150"}))
    assert [p.status for p in report.indicators[0].history] == [
        Status.BEHIND,
        Status.NOT_ACHIEVED,
    ]
    assert [(c.kind, c.previous_year, c.year) for c in report.changes] == [
        (StatusChangeKind.WORSENED, 2019, 2020)
    ]


def test_the_2020_samples_list_no_verdict_whose_score_held_or_rose(spec: Spec) -> None:
    report = evaluate_history(spec, load_data([ROOT / "data"], spec))
    by_no = {r.no: {p.year: p for p in r.history} for r in report.indicators}
    for change in report.changes:
        if change.kind is StatusChangeKind.WORSENED and change.year == 2020:
            assert change.previous_year is not None
            before, after = by_no[change.no][change.previous_year], by_no[change.no][2020]
            assert (after.score or 0) < (before.score or 0)
    # indicator 7 went from behind (90) to not achieved (94): no worsening
    assert not [c for c in report.changes if c.no == 7]
