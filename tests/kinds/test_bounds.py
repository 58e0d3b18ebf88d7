"""A bounded value decides a status only as far as the bound proves it."""

from __future__ import annotations

from planchk.results import Status

from .conftest import plan, report, result

MORE_THAN = {"kind": "level", "comparator": "more_than", "value": 7000}


def test_a_lower_bound_below_the_baseline_is_inconclusive_not_regressing() -> None:
    """超过6100 against a baseline of 6151 proves no regression."""
    r = result(plan(MORE_THAN, baseline="6151"), {2016: ">6100"}, 2016)
    assert r.status is Status.INCONCLUSIVE
    assert r.score is None
    assert r.reason is not None
    assert ">6100" in r.reason
    assert "6151" in r.reason
    assert r.approximate


def test_a_lower_bound_that_meets_the_target_proves_it() -> None:
    r = result(plan(MORE_THAN, baseline="6151"), {2016: ">7100"}, 2016)
    assert r.status is Status.ACHIEVED
    assert not r.approximate


def test_a_lower_bound_proves_at_least_its_pace() -> None:
    """>6500 from 6151: at least R = 349/169.8, on track whatever the true value."""
    r = result(plan(MORE_THAN, baseline="6151"), {2016: ">6500"}, 2016)
    assert r.status is Status.ON_TRACK


def test_a_lower_bound_short_of_the_target_in_the_end_year_is_inconclusive() -> None:
    r = result(plan(MORE_THAN, baseline="6151"), {2020: ">6900"}, 2020)
    assert r.status is Status.INCONCLUSIVE


def test_an_upper_bound_proves_only_a_failure() -> None:
    """低于6000 for a measure that should rise: regressing is proven, achieving is not."""
    spec = plan(MORE_THAN, baseline="6151")
    assert result(spec, {2016: "<6000"}, 2016).status is Status.REGRESSING
    assert result(spec, {2016: "<8000"}, 2016).status is Status.INCONCLUSIVE


def test_compare_treats_inconclusive_as_unranked() -> None:
    """A status concluded after an inconclusive one is new evidence, not an improvement."""
    from planchk.compare import change_kind  # noqa: PLC0415
    from planchk.results import ChangeKind  # noqa: PLC0415

    spec = plan(MORE_THAN, baseline="6151")
    now = result(spec, {2017: "6900"}, 2017)
    assert now.status is Status.ON_TRACK
    assert change_kind(Status.INCONCLUSIVE, None, now) is ChangeKind.NEW_DATA
    later = result(spec, {2016: ">6100"}, 2016)
    assert change_kind(Status.ON_TRACK, 100.0, later) is ChangeKind.LOST_DATA


def test_an_inconclusive_status_projects_nothing_and_explain_says_why() -> None:
    from planchk.explain import explain  # noqa: PLC0415

    spec = plan(MORE_THAN, baseline="6151")
    rep = report(spec, {2016: ">6100"}, 2016)
    assert rep.indicators[0].projection is None
    text = explain(spec, rep, spec.indicators[0])
    assert "Status: inconclusive: not concluded: reported only as a bound, 2016: >6100" in text
    assert "Projection: none, a bound that decides nothing projects nothing" in text
