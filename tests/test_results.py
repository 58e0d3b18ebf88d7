"""The result models: `compact`, which lets results of a class share their set of given fields."""

from __future__ import annotations

from pathlib import Path

from planchk import evaluate, load_data
from planchk.results import CategoryResult, IndicatorOutcome, PanelReport, compact
from planchk.spec import LocalText, Spec

NAME = LocalText(zh="甲", en="A")


def _category(score: float | None) -> CategoryResult:
    return CategoryResult(id="a", name=NAME, score=score, coverage=1.0, indicators=2)


def test_results_built_with_the_same_fields_share_one_set() -> None:
    first, second = compact(_category(0.5)), compact(_category(0.75))
    assert first.model_fields_set == second.model_fields_set
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__


def test_compact_changes_neither_values_nor_fields_given() -> None:
    built = _category(0.5)
    before_json, before_fields = built.model_dump_json(), set(built.model_fields_set)
    assert compact(built) is built
    assert built.model_dump_json() == before_json
    assert built.model_fields_set == before_fields


def test_results_built_with_other_fields_keep_their_own_set() -> None:
    values = {
        "no": 1,
        "id": "x",
        "attribute": "binding",
        "status": "achieved",
        "approximate": False,
        "score": 1.0,
        "progress_ratio": 1.0,
        "actual": 1.0,
        "expected": 1.0,
        "target": 1.0,
        "baseline": 0.0,
        "reason": None,
        "binding_failure": False,
    }
    plain = compact(IndicatorOutcome.model_validate(values))
    computed = compact(IndicatorOutcome.model_validate({**values, "computed_status": "on_track"}))
    assert "computed_status" in computed.model_fields_set
    assert "computed_status" not in plain.model_fields_set


def test_a_copy_of_a_compact_result_has_a_set_of_its_own() -> None:
    # model_copy adds the fields it updates to the copy's set: the shared one must not change
    shared = compact(CategoryResult(id="a", name=NAME, score=None, coverage=0.0, indicators=0))
    other = compact(_category(0.5))
    assert "score" in shared.model_fields_set
    copy = other.model_copy(update={"score": 0.25})
    assert copy.__pydantic_fields_set__ is not other.__pydantic_fields_set__
    assert other.model_fields_set == shared.model_fields_set


def test_a_panel_s_outcomes_share_their_sets(tmp_path: Path, spec: Spec) -> None:
    rows = ["region,indicator,year,value"]
    rows += [f"R{r},1,2018,{70 + r}" for r in range(5)]
    path = tmp_path / "panel.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = evaluate(spec, load_data([path], spec))
    assert isinstance(report, PanelReport)
    outcomes = [outcome for region in report.regions for outcome in region.indicators]
    sets = {id(o.__pydantic_fields_set__) for o in outcomes if o.no == 1}
    assert len({o.actual for o in outcomes if o.no == 1}) == 5  # five distinct outcomes
    assert len(sets) == 1
