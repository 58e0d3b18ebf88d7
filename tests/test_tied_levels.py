"""Level and change targets tied to another indicator (`reference`): T is the referenced
indicator's level in the assessment year, c* its change since the base year in the same mode;
both rational, so judged with the kind's normal exact rules.

Table-driven like tests/test_tied_targets.py: a plan 2020 → 2025 with the reference `r` and
the indicator `x` tied to it, assessed in 2023 (s = 3/5) unless said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.data import Dataset
from planchk.engine import evaluate_indicator
from planchk.explain import explain
from planchk.history import evaluate_history
from planchk.quantities import Qualifier
from planchk.results import STATUS_SEVERITY, IndicatorResult, Status
from planchk.spec import Spec, SpecError, parse_spec
from test_engine import obs
from test_explain import assert_explained
from test_tied_targets import evaluate_tied


def indicator(no: int, id_: str, target: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "no": no,
        "id": id_,
        "category": "c",
        "name": {"en": id_},
        "unit": {"en": "units"},
        "attribute": "expected",
        "direction": "increase",
        "target": target,
        **extra,
    }


def tied_spec(
    target: dict[str, Any],
    direction: str = "increase",
    reference: dict[str, Any] | None = None,
    **extra: Any,
) -> Spec:
    comparator = "at_least" if direction == "increase" else "at_most"
    own = {"kind": "level", "comparator": comparator, "value": 70}
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2020, "end_year": 2025},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [
                indicator(1, "r", own, {"direction": direction, **(reference or {})}),
                indicator(2, "x", {"reference": "r", **target}, {"direction": direction, **extra}),
            ],
        }
    )


def run(
    target: dict[str, Any],
    reference: dict[int, str],
    values: dict[int, str],
    year: int = 2023,
    direction: str = "increase",
) -> IndicatorResult:
    return evaluate_tied(tied_spec(target, direction), "r", reference, values, year)


LEVEL = {"kind": "level"}
GROWTH = {"kind": "average_growth", "comparator": "at_least", "value": 5}
TOTAL = {"kind": "cumulative", "comparator": "at_least", "value": 5}
REL = {"kind": "change", "change": "relative"}
ABS = {"kind": "change", "change": "absolute"}


@dataclass(frozen=True)
class Case:
    name: str
    target: dict[str, Any]
    reference: dict[int, str]
    baseline: str  # x in 2020
    value: str  # x in the assessment year
    status: Status
    target_value: float  # T (or c*) the result shows
    year: int = 2023
    direction: str = "increase"
    ratio: float | None = field(default=None)


R60 = {2020: "50", 2023: "60"}  # T = 60 in 2023: P_t = 40 + (60 − 40)·3/5 = 52
CASES = [
    # level, at_least: R = (V_t − 40) / (52 − 40)
    Case("level: equal to the reference is achieved", {**LEVEL, "comparator": "at_least"}, R60,
         "40", "60", Status.ACHIEVED, 60),
    Case("level: on the path, R = 1", {**LEVEL, "comparator": "at_least"}, R60, "40", "52",
         Status.ON_TRACK, 60, ratio=1.0),
    Case("level: R exactly 0.95 (51.4)", {**LEVEL, "comparator": "at_least"}, R60, "40", "51.4",
         Status.ON_TRACK, 60, ratio=0.95),
    Case("level: R just under 0.95", {**LEVEL, "comparator": "at_least"}, R60, "40", "51.39",
         Status.BEHIND, 60),
    Case("level: R exactly 0.60 (47.2)", {**LEVEL, "comparator": "at_least"}, R60, "40", "47.2",
         Status.BEHIND, 60, ratio=0.6),
    Case("level: off track", {**LEVEL, "comparator": "at_least"}, R60, "40", "45",
         Status.OFF_TRACK, 60),
    Case("level: regressing", {**LEVEL, "comparator": "at_least"}, R60, "40", "39",
         Status.REGRESSING, 60),
    Case("level: equal is not more", {**LEVEL, "comparator": "more_than"}, R60, "40", "60",
         Status.ON_TRACK, 60),
    Case("level: about, within 1 of the reference",
         {**LEVEL, "comparator": "about", "tolerance": {"absolute": 1}}, R60, "40", "59",
         Status.ACHIEVED, 60),
    Case("level: about relative, 2% of 60 = 1.2",
         {**LEVEL, "comparator": "about", "tolerance": {"relative": 2}}, R60, "40", "58.8",
         Status.ACHIEVED, 60),
    Case("level: about relative, just outside",
         {**LEVEL, "comparator": "about", "tolerance": {"relative": 2}}, R60, "40", "58.79",
         Status.ON_TRACK, 60),
    Case("level, end year: equal to the reference", {**LEVEL, "comparator": "at_least"},
         {2020: "50", 2025: "65"}, "40", "65", Status.ACHIEVED, 65, year=2025),
    Case("level, end year: equal is not more", {**LEVEL, "comparator": "more_than"},
         {2020: "50", 2025: "65"}, "40", "65", Status.NOT_ACHIEVED, 65, year=2025),
    # level, decrease: a ceiling at the reference's level (T = 60, P_t = 80 − 20·3/5 = 68)
    Case("level, decrease: at the ceiling", {**LEVEL, "comparator": "at_most"}, R60, "80", "60",
         Status.ACHIEVED, 60, direction="decrease"),
    Case("level, decrease: on the path", {**LEVEL, "comparator": "at_most"}, R60, "80", "68",
         Status.ON_TRACK, 60, direction="decrease", ratio=1.0),
    Case("level, decrease: rising", {**LEVEL, "comparator": "at_most"}, R60, "80", "81",
         Status.REGRESSING, 60, direction="decrease"),
    # change, relative: c* = 90/100 − 1 = −10%; expected (0.9^(3/5) − 1)·100 = −6.127%
    Case("relative: the same change as the reference", {**REL, "comparator": "at_most"},
         {2020: "100", 2023: "90"}, "200", "180", Status.ACHIEVED, -10, direction="decrease"),
    Case("relative: falling more slowly", {**REL, "comparator": "at_most"},
         {2020: "100", 2023: "90"}, "200", "190", Status.BEHIND, -10, direction="decrease"),
    Case("relative: rising", {**REL, "comparator": "at_most"},
         {2020: "100", 2023: "90"}, "200", "201", Status.REGRESSING, -10, direction="decrease"),
    Case("relative: a rational, non-decimal reference (−1/3 ⋅ 100%)",
         {**REL, "comparator": "at_most"}, {2020: "3", 2023: "2"}, "300", "200", Status.ACHIEVED,
         -100 / 3, direction="decrease"),
    Case("relative: just short of a non-decimal reference", {**REL, "comparator": "at_most"},
         {2020: "3", 2023: "2"}, "300", "200.0000001", Status.ON_TRACK, -100 / 3,
         direction="decrease"),
    Case("relative, end year: equal", {**REL, "comparator": "at_most"},
         {2020: "100", 2025: "82"}, "50", "41", Status.ACHIEVED, -18, year=2025,
         direction="decrease"),
    Case("relative, end year: equal is not less", {**REL, "comparator": "less_than"},
         {2020: "100", 2025: "82"}, "50", "41", Status.NOT_ACHIEVED, -18, year=2025,
         direction="decrease"),
    # change, absolute: c* = 78 − 77 = 1; expected 1·3/5 = 0.6
    Case("absolute: the same change as the reference", {**ABS, "comparator": "at_least"},
         {2020: "77", 2023: "78"}, "70", "71", Status.ACHIEVED, 1),
    Case("absolute: R exactly 0.95", {**ABS, "comparator": "at_least"},
         {2020: "77", 2023: "78"}, "70", "70.57", Status.ON_TRACK, 1, ratio=0.95),
    Case("absolute: R just under 0.95", {**ABS, "comparator": "at_least"},
         {2020: "77", 2023: "78"}, "70", "70.569", Status.BEHIND, 1),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_target_is_the_reference_measured_value(case: Case) -> None:
    result = run(
        case.target,
        case.reference,
        {2020: case.baseline, case.year: case.value},
        case.year,
        case.direction,
    )
    assert result.status is case.status, result.reason
    if case.ratio is not None:
        assert result.progress_ratio == pytest.approx(case.ratio, abs=1e-12)
    assert result.target == pytest.approx(case.target_value)
    assert result.components.model_dump()["reference"] == "r"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", CASES[::4], ids=[c.name for c in CASES[::4]])
def test_explain_shows_where_the_target_value_comes_from(case: Case, lang: str) -> None:
    spec = tied_spec(case.target, case.direction)
    rows = [obs(y, v, indicator="r") for y, v in case.reference.items()]
    rows += [obs(2020, case.baseline, indicator="x"), obs(case.year, case.value, indicator="x")]
    report = evaluate_history(spec, Dataset(tuple(rows)), case.year)
    text = explain(spec, report, spec.indicators[1], lang)
    assert_explained(text, report.indicators[1])
    assert ("indicator r" if lang == "en" else "参照指标1“r”") in text  # in zh by number and name


def test_a_change_reference_reported_as_change_since_the_base_year() -> None:
    spec = tied_spec(
        {**ABS, "comparator": "at_least"},
        reference={
            "reporting": "change_from_base",
            "target": {
                "kind": "change",
                "change": "absolute",
                "comparator": "at_least",
                "value": 1,
            },
        },
    )
    rows = (obs(2023, "1.5", indicator="r"), obs(2020, "70", indicator="x"),
            obs(2023, "71.5", indicator="x"))  # fmt: skip
    result = evaluate_indicator(spec, Dataset(rows), spec.indicators[1], 2023)
    assert (result.status, result.target) == (Status.ACHIEVED, 1.5)


@pytest.mark.parametrize(
    ("target", "reference", "reason"),
    [
        ({**LEVEL, "comparator": "at_least"}, {2020: "50"},
         "the reference, indicator 1 (r), has no level: no value for 2023"),
        ({**REL, "comparator": "at_least"}, {2023: "50"},
         "the reference, indicator 1 (r), has no change for 2020-2023: no baseline: the spec "
         "gives none and the data has no 2020 value"),
        ({**ABS, "comparator": "at_least"}, {2020: "50"},
         "the reference, indicator 1 (r), has no change for 2020-2023: no value for 2023"),
    ],
)  # fmt: skip
def test_a_missing_reference_value_is_no_data_naming_the_reference(
    target: dict[str, Any], reference: dict[int, str], reason: str
) -> None:
    result = run(target, reference, {2020: "40", 2023: "50"})
    assert result.status is Status.NO_DATA
    assert result.reason == reason


def test_a_reference_reported_as_a_bound_gives_no_value() -> None:
    spec = tied_spec({**LEVEL, "comparator": "at_least"})
    rows = (obs(2023, "60", Qualifier.AT_LEAST, indicator="r"), obs(2020, "40", indicator="x"),
            obs(2023, "50", indicator="x"))  # fmt: skip
    result = evaluate_indicator(spec, Dataset(rows), spec.indicators[1], 2023)
    assert result.status is Status.NO_DATA
    assert result.reason is not None
    assert "reported only as a bound" in result.reason


@pytest.mark.parametrize(
    ("target", "reference", "extra", "message"),
    [
        ({**LEVEL, "comparator": "at_least"}, {"unit": {"en": "tonnes"}}, {},
         "indicator 1 (r) is in tonnes, this one in units: expected a reference in the same unit"),
        ({**LEVEL, "comparator": "at_least"}, {"reporting": "yearly_change", "target": GROWTH}, {},
         "indicator 1 (r) is reported as yearly_change, which gives no level"),
        ({**ABS, "comparator": "at_least"}, {"unit": {"en": "tonnes"}}, {},
         "expected a reference in the same unit"),
        ({**ABS, "comparator": "at_least"},
         {"target": {"kind": "change", "change": "relative", "comparator": "at_least",
                     "value": 5}}, {},
         "the change target of indicator 1 (r) is relative, this one is absolute"),
        ({**ABS, "comparator": "at_least"}, {"reporting": "yearly_change", "target": GROWTH}, {},
         "which gives no change in its unit"),
        ({**REL, "comparator": "at_least"}, {"reporting": "addition", "target": TOTAL}, {},
         "reports additions, which give no change"),
        ({**REL, "comparator": "at_least"}, {}, {"baseline": {"value": 1, "year": 2021}},
         "a reference is measured over the same years"),
        ({"kind": "cumulative", "comparator": "at_least"}, {}, {},
         "applies to targets of kind average_growth"),
        ({**LEVEL, "comparator": "between", "range": {"min": 1, "max": 2}}, {}, {},
         "it takes no range"),
    ],
)  # fmt: skip
def test_a_reference_that_cannot_give_the_value_is_a_spec_error(
    target: dict[str, Any], reference: dict[str, Any], extra: dict[str, Any], message: str
) -> None:
    with pytest.raises(SpecError) as error:
        tied_spec(target, reference=reference, **extra)
    assert message in str(error.value)
    assert "reference" in str(error.value) or "range" in str(error.value)


@given(
    low=st.decimals(min_value=30, max_value=90, places=2),
    step=st.decimals(min_value=0, max_value=40, places=2),
    value=st.decimals(min_value=30, max_value=90, places=2),
    year=st.sampled_from([2021, 2023, 2025]),
    comparator=st.sampled_from(["at_least", "more_than", "about"]),
)
def test_a_level_target_moves_with_its_reference(
    low: Any, step: Any, value: Any, year: int, comparator: str
) -> None:
    """Raising the reference's level raises T: it never improves the status, and the target
    shown is the reference's level."""

    def result(reference: Any) -> IndicatorResult:
        return run(
            {**LEVEL, "comparator": comparator},
            {2020: "50", year: str(reference)},
            {2020: "50", year: str(value)},
            year,
        )

    before, after = result(low), result(low + step)
    assert STATUS_SEVERITY[after.status] >= STATUS_SEVERITY[before.status]
    assert (before.target, after.target) == (float(low), float(low + step))


@given(
    low=st.decimals(min_value=60, max_value=99, places=2),
    step=st.decimals(min_value=0, max_value=30, places=2),
    value=st.decimals(min_value=60, max_value=120, places=2),
    year=st.sampled_from([2021, 2023, 2025]),
    mode=st.sampled_from([REL, ABS]),
)
def test_a_change_target_moves_with_its_reference(
    low: Any, step: Any, value: Any, year: int, mode: dict[str, Any]
) -> None:
    """A reduction tied to the reference's: a deeper cut of the reference never improves
    the status of the indicator tied to it."""

    def status(reference: Any) -> Status:
        return run(
            {**mode, "comparator": "at_most"},
            {2020: "100", year: str(reference)},
            {2020: "100", year: str(value)},
            year,
            "decrease",
        ).status

    before, after = status(low), status(low - step)
    assert STATUS_SEVERITY[after] >= STATUS_SEVERITY[before], (before, after)


def test_a_qualitative_indicator_is_still_a_reference() -> None:
    """GDP growth in the 14th Five-Year Plan is qualitative (保持在合理区间) and reported as
    yearly changes; productivity growth 高于GDP增长 is still tied to its measured growth."""
    gdp = {"kind": "qualitative", "text": {"zh": "保持在合理区间、各年度视情提出"}}
    spec = parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2020, "end_year": 2025},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [
                indicator(1, "r", gdp, {"reporting": "yearly_change"}),
                indicator(
                    2,
                    "x",
                    {"kind": "average_growth", "comparator": "more_than", "reference": "r"},
                    {"reporting": "yearly_change"},
                ),
            ],
        }
    )
    rows = [obs(y, v, indicator="r") for y, v in ((2021, "8.1"), (2022, "3.0"), (2023, "5.2"))]
    rows += [obs(y, v, indicator="x") for y, v in ((2021, "8.7"), (2022, "4.2"), (2023, "5.7"))]
    result = evaluate_indicator(spec, Dataset(tuple(rows)), spec.indicators[1], 2023)
    assert result.status is Status.ON_TRACK
    # GDP: 1.081 × 1.030 × 1.052 = 1.17133…, 5.41% a year
    assert result.target == pytest.approx((1.081 * 1.03 * 1.052) ** (1 / 3) * 100 - 100)
