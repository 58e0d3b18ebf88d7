"""Audit trails: each kind's model round-trips its JSON, and reports read back keep their shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from planchk.results import IndicatorResult, Report
from planchk.spec import TargetKind
from planchk.trails import (
    TRAILS,
    ChangeTrail,
    CumulativeTrail,
    GrowthTrail,
    LevelTrail,
    Unmeasured,
)

from .conftest import plan, result

GOLDEN = Path(__file__).parents[1] / "golden" / "report-2018.json"
SCHEMAS = Path(__file__).parents[2] / "schemas"

#: (target, baseline, reporting, data) giving one measured result of each kind, with the
#: optional numbers of its trail present and absent.
CASES: dict[str, tuple[dict[str, Any], str | None, str, dict[int, str]]] = {
    "level with a baseline": ({"kind": "level", "comparator": "at_least", "value": 70}, "50", "level", {2018: "60"}),
    "level without a baseline": ({"kind": "level", "comparator": "at_least", "value": 70}, None, "level", {2018: "75"}),
    "level ceiling (headroom)": ({"kind": "level", "comparator": "at_most", "value": 50}, "43", "level", {2018: "45"}),
    "cumulative additions": ({"kind": "cumulative", "comparator": "at_least", "value": 250}, None, "addition", {2016: "50", 2017: "50", 2018: "50"}),
    "cumulative stock": ({"kind": "cumulative", "comparator": "at_least", "value": 250}, "100", "level", {2018: "250"}),
    "average growth": ({"kind": "average_growth", "comparator": "at_least", "value": 10}, "100", "level", {2018: "130"}),
    "relative change": ({"kind": "change", "change": "relative", "comparator": "at_least", "value": 20}, "100", "level", {2018: "112"}),
    "absolute change": ({"kind": "change", "change": "absolute", "comparator": "at_least", "value": 20}, "100", "level", {2018: "112"}),
    "change since the base year": ({"kind": "change", "change": "relative", "comparator": "at_least", "value": 20}, None, "change_from_base", {2018: "12"}),
    "level range": ({"kind": "level", "comparator": "between", "range": {"min": 4.5, "max": 5.5}}, "6", "level", {2018: "5.8"}),
    "every year": ({"kind": "each_year", "comparator": "at_least", "value": 10}, None, "level", {2016: "11", 2017: "9", 2018: "12"}),
}  # fmt: skip


def _result(case: str) -> IndicatorResult:
    target, baseline, reporting, values = CASES[case]
    direction = "decrease" if target["comparator"] == "at_most" else "increase"
    spec = plan(target, direction=direction, baseline=baseline, reporting=reporting)
    return result(spec, values, 2018)


@pytest.mark.parametrize("case", CASES)
def test_every_kind_s_trail_round_trips_its_json(case: str) -> None:
    r = _result(case)
    trail = r.components
    assert isinstance(trail, TRAILS[r.kind])
    written = r.model_dump_json()
    read = IndicatorResult.model_validate_json(written)
    assert type(read.components) is type(trail)
    assert read == r
    assert read.model_dump_json() == written
    # A number that does not apply is left out, never null, and target_met closes the trail.
    components = json.loads(written)["components"]
    assert None not in components.values()
    assert list(components)[-1] == "target_met"
    # ... and it fits exactly one trail of the report's JSON Schema.
    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    one = {"$defs": schema["$defs"], "$ref": "#/$defs/IndicatorResult"}
    assert list(jsonschema.Draft202012Validator(one).iter_errors(json.loads(written))) == []


def test_every_kind_has_a_round_trip_case() -> None:
    # A qualitative target measures nothing (no target_met): its trail's round trip is in
    # test_qualitative.py.
    kinds = {_result(case).kind for case in CASES}
    assert kinds | {TargetKind.QUALITATIVE} == set(TargetKind)


def test_the_optional_numbers_of_a_trail_are_left_out_when_they_do_not_apply() -> None:
    level = _result("level without a baseline").components
    assert isinstance(level, LevelTrail)
    assert level.baseline is None
    assert "baseline" not in level.model_dump(mode="json")
    assert level.headroom is None
    ceiling = _result("level ceiling (headroom)").components
    assert isinstance(ceiling, LevelTrail)
    assert ceiling.model_dump(mode="json")["headroom"] == "yes"
    additions = _result("cumulative additions").components
    assert isinstance(additions, CumulativeTrail)
    assert "baseline" not in additions.model_dump(mode="json")
    relative, absolute = (
        _result("relative change").components,
        _result("absolute change").components,
    )
    assert isinstance(relative, ChangeTrail)
    assert isinstance(absolute, ChangeTrail)
    assert relative.value is None
    assert relative.growth_factor is not None
    assert absolute.growth_factor is None
    assert absolute.value == 112
    assert isinstance(_result("average growth").components, GrowthTrail)


def test_a_result_without_evidence_has_only_the_common_trail() -> None:
    r = result(
        plan({"kind": "level", "comparator": "at_least", "value": 70}, baseline="50"), {}, 2018
    )
    assert isinstance(r.components, Unmeasured)
    assert list(r.components.model_dump(mode="json")) == [
        "base_year",
        "end_year",
        "year",
        "elapsed_share",
        "threshold_on_track",
        "threshold_behind",
    ]
    assert IndicatorResult.model_validate_json(r.model_dump_json()) == r


def test_a_report_written_before_reads_back_into_the_same_json() -> None:
    """The golden report, written with the dict trail, reads back typed and writes unchanged."""
    text = GOLDEN.read_text(encoding="utf-8")
    report = Report.model_validate_json(text)
    kinds = {type(r.components) for r in report.indicators}
    assert {LevelTrail, CumulativeTrail, GrowthTrail, Unmeasured} <= kinds
    assert json.loads(report.model_dump_json(exclude={"comparison"})) == json.loads(text)


def test_a_trail_that_does_not_fit_its_kind_is_refused() -> None:
    data = json.loads(_result("level with a baseline").model_dump_json())
    data["kind"] = "cumulative"
    with pytest.raises(ValueError, match="additions_to_date"):
        IndicatorResult.model_validate(data)
