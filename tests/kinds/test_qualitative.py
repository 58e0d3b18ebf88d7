"""Qualitative targets and manual assessments in the engine: the status, the computed status
kept beside an override, and the score that follows the manual status."""

from __future__ import annotations

from typing import Any

import pytest

from planchk.assessments import Assessments
from planchk.engine import evaluate, manual_score
from planchk.results import Assessment, IndicatorResult, Status
from planchk.spec import SpecError, parse_spec
from planchk.trails import QualitativeTrail

from .conftest import data, plan

QUALITATIVE: dict[str, Any] = {
    "kind": "qualitative",
    "text": {"zh": "保持在合理区间、各年度视情提出", "en": "kept within a reasonable range"},
}
LEVEL: dict[str, Any] = {"kind": "level", "comparator": "at_least", "value": 70}


def _assessment(status: Status, **fields: Any) -> Assessment:
    return Assessment(
        indicator="x", status=status, reason="the bulletin's growth", file="a.yaml", line=2,
        **fields,
    )  # fmt: skip


def _judged(
    target: dict[str, Any],
    values: dict[int, str],
    year: int,
    *assessed: Assessment,
    baseline: str | None = None,
) -> IndicatorResult:
    spec = plan(target, baseline=baseline)
    return evaluate(spec, data(values), year, Assessments(assessed)).indicators[0]


def test_a_qualitative_target_without_an_assessment_is_no_data_needing_one() -> None:
    r = _judged(QUALITATIVE, {2018: "6.7"}, 2018)
    assert r.status is Status.NO_DATA
    assert r.reason is not None
    assert r.reason.startswith("needs an assessment")
    assert r.score is None
    assert r.assessment is None
    assert r.computed_status is None
    assert r.comparator is None
    assert r.target is None
    assert r.target_text is not None
    assert r.target_text.zh == "保持在合理区间、各年度视情提出"
    assert isinstance(r.components, QualitativeTrail)


def test_without_an_assessment_a_qualitative_target_does_not_count_as_scored() -> None:
    spec = plan(QUALITATIVE)
    report = evaluate(spec, data({2018: "6.7"}), 2018)
    assert report.summary.coverage == 0.0
    assert report.summary.score is None


# (manual status, score of a qualitative target: no computed score, so the band's own)
QUALITATIVE_CASES = [
    (Status.ACHIEVED, 100.0),
    (Status.ON_TRACK, 100.0),
    (Status.BEHIND, 60.0),
    (Status.OFF_TRACK, 0.0),
    (Status.REGRESSING, 0.0),
    (Status.NOT_ACHIEVED, 0.0),
]


@pytest.mark.parametrize(("status", "score"), QUALITATIVE_CASES)
def test_a_qualitative_target_takes_its_assessment_s_status(status: Status, score: float) -> None:
    a = _assessment(status)
    r = _judged(QUALITATIVE, {2018: "6.7"}, 2018, a)
    assert r.status is status
    assert r.assessment == a
    assert r.computed_status is None  # a qualitative target has no computed status
    assert r.score == score
    assert r.reason == "the bulletin's growth"
    assert r.binding_failure is (status not in (Status.ACHIEVED, Status.ON_TRACK))


# Level target 70 from a baseline of 50 (2015-2020), assessed in 2018 (s = 0.6, pace 62):
# (value, computed status, computed score, manual status, score in force)
OVERRIDES = [
    ("62", Status.ON_TRACK, 100.0, Status.BEHIND, 60.0),  # computed 100 is above behind's band
    ("60", Status.BEHIND, 83.333333, Status.BEHIND, 83.333333),  # same band: computed kept
    ("60", Status.BEHIND, 83.333333, Status.ON_TRACK, 100.0),  # below on_track's band: 100
    ("60", Status.BEHIND, 83.333333, Status.OFF_TRACK, 0.0),
    ("54", Status.OFF_TRACK, 33.333333, Status.OFF_TRACK, 33.333333),
    ("54", Status.OFF_TRACK, 33.333333, Status.BEHIND, 60.0),
    ("54", Status.OFF_TRACK, 33.333333, Status.ACHIEVED, 100.0),
    ("45", Status.REGRESSING, 0.0, Status.REGRESSING, 0.0),
    ("45", Status.REGRESSING, 0.0, Status.NOT_ACHIEVED, 0.0),
    ("75", Status.ACHIEVED, 100.0, Status.NOT_ACHIEVED, 0.0),  # 100 is outside R < 1
    ("60", Status.BEHIND, 83.333333, Status.NOT_ACHIEVED, 83.333333),
]


@pytest.mark.parametrize(("value", "computed", "computed_score", "manual", "score"), OVERRIDES)
def test_an_assessment_overrides_a_computed_status_and_both_are_kept(
    value: str, computed: Status, computed_score: float, manual: Status, score: float
) -> None:
    plain = _judged(LEVEL, {2018: value}, 2018, baseline="50")
    assert plain.status is computed
    assert plain.score == pytest.approx(computed_score)
    r = _judged(LEVEL, {2018: value}, 2018, _assessment(manual), baseline="50")
    assert r.status is manual
    assert r.computed_status is computed
    assert r.score == pytest.approx(score)
    assert r.progress_ratio == plain.progress_ratio  # the measurement is unchanged
    assert r.components == plain.components


def test_an_assessment_of_a_quantitative_indicator_without_data_overrides_no_data() -> None:
    r = _judged(LEVEL, {}, 2018, _assessment(Status.ON_TRACK), baseline="50")
    assert r.status is Status.ON_TRACK
    assert r.computed_status is Status.NO_DATA
    assert r.score == 100.0


def test_the_most_specific_assessment_applies() -> None:
    every_year = _assessment(Status.BEHIND)
    in_2018 = _assessment(Status.ACHIEVED, year=2018)
    found = Assessments((every_year, in_2018))
    assert found.find("x", None, 2018) == in_2018
    assert found.find("x", None, 2019) == every_year
    assert found.find("x", "Haidian", 2019) == every_year
    in_region = _assessment(Status.OFF_TRACK, region="Haidian")
    regional = Assessments((every_year, in_2018, in_region))
    assert regional.find("x", "haidian", 2018) == in_region
    assert regional.find("x", "Chaoyang", 2018) == in_2018
    assert regional.find("y", None, 2018) is None


def test_an_assessment_for_another_year_does_not_apply() -> None:
    r = _judged(QUALITATIVE, {2018: "6.7"}, 2018, _assessment(Status.ON_TRACK, year=2017))
    assert r.status is Status.NO_DATA


def test_the_assessed_score_bands_follow_the_spec_s_thresholds() -> None:
    spec = plan(LEVEL).model_copy(
        update={
            "scoring": plan(LEVEL).scoring.model_copy(
                update={
                    "thresholds": plan(LEVEL).scoring.thresholds.model_copy(
                        update={"behind": 0.5, "on_track": 0.9}
                    )
                }
            )
        }
    )
    assert manual_score(spec, Status.BEHIND, None) == 50.0
    assert manual_score(spec, Status.BEHIND, 92.0) == 50.0  # 92 is on track with these
    assert manual_score(spec, Status.ON_TRACK, 92.0) == 92.0
    assert manual_score(spec, Status.OFF_TRACK, 50.0) == 0.0  # the band's upper end is open
    assert manual_score(spec, Status.NO_DATA, 50.0) is None


def test_a_qualitative_result_round_trips_its_json() -> None:
    for assessed in ((), (_assessment(Status.BEHIND, assessed_by="评估组"),)):
        r = _judged(QUALITATIVE, {2018: "6.7"}, 2018, *assessed)
        assert isinstance(r.components, QualitativeTrail)
        assert r.components.assessed == ("yes" if assessed else "no")
        assert IndicatorResult.model_validate_json(r.model_dump_json()) == r


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"kind": "qualitative"}, "needs `text"),
        ({"kind": "qualitative", "text": {"zh": "基本同步"}, "comparator": "about"}, "without `comparator`"),
        ({"kind": "qualitative", "text": {"zh": "基本同步"}, "value": 5}, "without `value`"),
        ({"kind": "qualitative", "text": {"zh": "基本同步"}, "path": "compound"}, "no path"),
        ({"kind": "level", "comparator": "at_least", "value": 5, "text": {"zh": "x"}}, "only to targets of kind qualitative"),
        ({"kind": "level", "value": 5}, "needs a `comparator`"),
        ({"kind": "level", "comparator": "at_least"}, "needs a `value`"),
    ],
)  # fmt: skip
def test_a_misused_qualitative_target_is_a_spec_error(target: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        plan(target)


def test_a_region_cannot_override_a_qualitative_target() -> None:
    spec = plan(QUALITATIVE).model_dump(mode="json", exclude_none=True)
    spec["regions"] = {"Haidian": {"x": {"target": {"value": 5}}}}
    with pytest.raises(SpecError, match="no value for a region to override"):
        parse_spec(spec)
