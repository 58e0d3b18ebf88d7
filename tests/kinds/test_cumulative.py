"""`cumulative` targets: a ceiling breached has R < 0 and scores 0; a total already reached
needs no more additions; a ceiling's pace is the most that may still be added."""

from __future__ import annotations

import pytest

from planchk.results import Status

from .conftest import plan, result

CEILING = {"kind": "cumulative", "comparator": "at_most", "value": 100}
FLOOR = {"kind": "cumulative", "comparator": "at_least", "value": 100}


def test_a_breached_ceiling_has_a_negative_ratio_and_scores_0() -> None:
    """120 added by 2018 against at most 100: (100 − 120)/(100 − 60) = −0.5."""
    spec = plan(CEILING, direction="decrease", reporting="addition")
    r = result(spec, {2016: "40", 2017: "40", 2018: "40"}, 2018)
    assert r.status is Status.NOT_ACHIEVED
    assert r.progress_ratio == pytest.approx(-0.5)
    assert r.score == 0


def test_a_ceiling_gives_the_most_that_may_still_be_added() -> None:
    spec = plan(CEILING, direction="decrease", reporting="addition")
    r = result(spec, {2016: "10", 2017: "10", 2018: "10"}, 2018)
    assert r.status is Status.ON_TRACK
    assert r.projection is not None
    assert r.projection.required_yearly_addition == pytest.approx(35)


def test_a_total_already_reached_needs_no_more_additions() -> None:
    spec = plan(FLOOR, reporting="addition")
    r = result(spec, {2016: "50", 2017: "50", 2018: "50"}, 2018)
    assert r.status is Status.ACHIEVED
    assert r.projection is not None
    assert r.projection.required_yearly_addition is None
