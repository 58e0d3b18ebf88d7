"""Engine tests: every kind x comparator x direction x status, with exact boundaries.

Each case builds a one-indicator plan (base year 2015, end year 2020 unless said) and a series of
observations, and checks the status, the progress ratio and the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.data import Dataset, Observation
from planchk.engine import EvaluationError, evaluate, evaluate_indicator
from planchk.quantities import Qualifier
from planchk.results import IndicatorResult, Status
from planchk.spec import Spec, SpecError, parse_spec


def make_spec(
    target: dict[str, Any],
    *,
    direction: str = "increase",
    baseline: str | None = None,
    reporting: str = "level",
    attribute: str = "expected",
    end_year: int = 2020,
    extra: list[dict[str, Any]] | None = None,
    scoring: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
) -> Spec:
    """A one-indicator plan (and the `extra` indicators); `fields` adds to the indicator."""
    indicator: dict[str, Any] = {
        "no": 1,
        "id": "x",
        "category": "c",
        "name": {"en": "X"},
        "unit": {"zh": "家", "en": "units"},
        "attribute": attribute,
        "direction": direction,
        "target": target,
        "reporting": reporting,
    }
    if baseline is not None:
        indicator["baseline"] = {"value": baseline}
    indicator.update(fields or {})
    raw: dict[str, Any] = {
        "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": end_year},
        "categories": [{"id": "c", "name": {"en": "C"}}],
        "indicators": [indicator, *(extra or [])],
    }
    if scoring is not None:
        raw["scoring"] = scoring
    return parse_spec(raw)


def obs(
    year: int,
    value: str,
    qualifier: Qualifier = Qualifier.EXACT,
    *,
    indicator: str = "x",
    preliminary: bool = False,
) -> Observation:
    return Observation(
        indicator_id=indicator,
        year=year,
        value=Decimal(value),
        qualifier=qualifier,
        preliminary=preliminary,
        reported=value,
        reported_unit=None,
        source=None,
        note=None,
        file="test.csv",
        line=year - 2013,
    )


def data(values: dict[int, str]) -> Dataset:
    return Dataset(tuple(obs(year, value) for year, value in values.items()))


def run(spec: Spec, values: dict[int, str], year: int = 2018) -> IndicatorResult:
    return evaluate_indicator(spec, data(values), spec.indicators[0], year)


@dataclass(frozen=True)
class Case:
    name: str
    target: dict[str, Any]
    values: dict[int, str]
    status: Status
    year: int = 2018
    direction: str = "increase"
    baseline: str | None = None
    reporting: str = "level"
    end_year: int = 2020
    ratio: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


LEVEL_UP = {"kind": "level", "comparator": "at_least", "value": 200}
LEVEL_MORE = {"kind": "level", "comparator": "more_than", "value": 200}
LEVEL_DOWN = {"kind": "level", "comparator": "at_most", "value": 5}
LEVEL_BELOW = {"kind": "level", "comparator": "less_than", "value": 5}
LEVEL_ABOUT = {"kind": "level", "comparator": "about", "value": 1100}
CUM = {"kind": "cumulative", "comparator": "at_least", "value": 250}
CEILING = {"kind": "cumulative", "comparator": "at_most", "value": 100}
GROWTH = {"kind": "average_growth", "comparator": "at_least", "value": 10}
GROWTH_ABOUT = {"kind": "average_growth", "comparator": "about", "value": 5}
DECLINE = {"kind": "average_growth", "comparator": "at_most", "value": -3}
REDUCTION = {"kind": "change", "change": "relative", "comparator": "at_most", "value": -19}
RISE = {"kind": "change", "change": "absolute", "comparator": "at_least", "value": 1}

# Baseline 100, target 200, 2018 is 3/5 of the way: the expected level is 160.
CASES = [
    Case("level on the path", LEVEL_UP, {2015: "100", 2018: "160"}, Status.ON_TRACK, ratio=1.0),
    Case("level R exactly 0.95", LEVEL_UP, {2015: "100", 2018: "157"}, Status.ON_TRACK, ratio=0.95),
    Case("level just under 0.95", LEVEL_UP, {2015: "100", 2018: "156.9999"}, Status.BEHIND),
    Case("level R exactly 0.60", LEVEL_UP, {2015: "100", 2018: "136"}, Status.BEHIND, ratio=0.6),
    Case("level just under 0.60", LEVEL_UP, {2015: "100", 2018: "135.9999"}, Status.OFF_TRACK),
    Case("level no change", LEVEL_UP, {2015: "100", 2018: "100"}, Status.OFF_TRACK, ratio=0.0),
    Case("level moving away", LEVEL_UP, {2015: "100", 2018: "99"}, Status.REGRESSING),
    Case("level equal to target", LEVEL_UP, {2015: "100", 2018: "200"}, Status.ACHIEVED),
    Case("more_than equal is not met", LEVEL_MORE, {2015: "100", 2018: "200"}, Status.ON_TRACK),
    Case("more_than above is met", LEVEL_MORE, {2015: "100", 2018: "200.01"}, Status.ACHIEVED),
    Case("final equal to target", LEVEL_UP, {2015: "100", 2020: "200"}, Status.ACHIEVED, year=2020),
    Case(
        "final just short", LEVEL_UP, {2015: "100", 2020: "199.99"}, Status.NOT_ACHIEVED, year=2020
    ),
    # Decrease: baseline 10, ceiling 5; the expected level in 2018 is 7.
    Case(
        "at_most on the path",
        LEVEL_DOWN,
        {2015: "10", 2018: "7"},
        Status.ON_TRACK,
        direction="decrease",
        ratio=1.0,
    ),
    Case(
        "at_most equal to target",
        LEVEL_DOWN,
        {2015: "10", 2018: "5"},
        Status.ACHIEVED,
        direction="decrease",
    ),
    Case(
        "at_most behind", LEVEL_DOWN, {2015: "10", 2018: "8"}, Status.BEHIND, direction="decrease"
    ),
    Case(
        "at_most moving away",
        LEVEL_DOWN,
        {2015: "10", 2018: "11"},
        Status.REGRESSING,
        direction="decrease",
    ),
    Case(
        "less_than equal is not met",
        LEVEL_BELOW,
        {2015: "10", 2020: "5"},
        Status.NOT_ACHIEVED,
        direction="decrease",
        year=2020,
    ),
    Case(
        "less_than below is met",
        LEVEL_BELOW,
        {2015: "10", 2020: "4.99"},
        Status.ACHIEVED,
        direction="decrease",
        year=2020,
    ),
    # About 1100 with the default tolerance of 5%: 1045 and above meets it.
    Case("about at the tolerance edge", LEVEL_ABOUT, {2015: "800", 2018: "1045"}, Status.ACHIEVED),
    Case(
        "about beyond, in the direction",
        LEVEL_ABOUT,
        {2015: "800", 2020: "1500"},
        Status.ACHIEVED,
        year=2020,
    ),
    Case(
        "about just outside",
        LEVEL_ABOUT,
        {2015: "800", 2020: "1044.99"},
        Status.NOT_ACHIEVED,
        year=2020,
    ),
    Case(
        "about, decreasing",
        {"kind": "level", "comparator": "about", "value": 50},
        {2015: "80", 2018: "52.5"},
        Status.ACHIEVED,
        direction="decrease",
    ),
    # Hold targets: the target equals the baseline.
    Case(
        "hold kept",
        {"kind": "level", "comparator": "at_least", "value": 100},
        {2015: "100", 2018: "100"},
        Status.ACHIEVED,
    ),
    Case(
        "hold broken",
        {"kind": "level", "comparator": "at_least", "value": 100},
        {2015: "100", 2018: "99"},
        Status.REGRESSING,
    ),
    Case(
        "baseline already beyond target, then lost",
        LEVEL_UP,
        {2015: "250", 2018: "190"},
        Status.REGRESSING,
    ),
    # Compound path, 2015-2019: baseline 100, target 400, halfway the expected level is exactly 200.
    Case(
        "compound on the path",
        {**LEVEL_UP, "value": 400, "path": "compound"},
        {2015: "100", 2017: "200"},
        Status.ON_TRACK,
        year=2017,
        end_year=2019,
        ratio=1.0,
    ),
    Case(
        "compound R exactly 0.95",
        {**LEVEL_UP, "value": 400, "path": "compound"},
        {2015: "100", 2017: "195"},
        Status.ON_TRACK,
        year=2017,
        end_year=2019,
        ratio=0.95,
    ),
    Case(
        "compound just under 0.95",
        {**LEVEL_UP, "value": 400, "path": "compound"},
        {2015: "100", 2017: "194.9999"},
        Status.BEHIND,
        year=2017,
        end_year=2019,
    ),
    # Cumulative: 250 over five years; 150 expected by 2018.
    Case(
        "cumulative additions on pace",
        CUM,
        {2016: "50", 2017: "50", 2018: "50"},
        Status.ON_TRACK,
        reporting="addition",
        ratio=1.0,
    ),
    Case(
        "cumulative additions R 0.6",
        CUM,
        {2016: "30", 2017: "30", 2018: "30"},
        Status.BEHIND,
        reporting="addition",
        ratio=0.6,
    ),
    Case(
        "cumulative additions reach target",
        CUM,
        {2016: "100", 2017: "100", 2018: "50"},
        Status.ACHIEVED,
        reporting="addition",
    ),
    Case(
        "cumulative negative additions",
        CUM,
        {2016: "-5", 2017: "0", 2018: "0"},
        Status.REGRESSING,
        reporting="addition",
    ),
    Case(
        "cumulative from stock levels",
        CUM,
        {2015: "1000", 2018: "1150"},
        Status.ON_TRACK,
        ratio=1.0,
    ),
    Case("cumulative final short", CUM, {2015: "0", 2020: "249"}, Status.NOT_ACHIEVED, year=2020),
    # Ceiling on a running total: 100 at most, pro-rata share by 2018 is 60.
    Case(
        "ceiling within share",
        CEILING,
        {2016: "20", 2017: "20", 2018: "20"},
        Status.ON_TRACK,
        direction="decrease",
        reporting="addition",
        ratio=1.0,
    ),
    Case(
        "ceiling above share",
        CEILING,
        {2016: "20", 2017: "20", 2018: "21"},
        Status.BEHIND,
        direction="decrease",
        reporting="addition",
    ),
    Case(
        "ceiling reached, not exceeded",
        CEILING,
        {2016: "40", 2017: "40", 2018: "20"},
        Status.BEHIND,
        direction="decrease",
        reporting="addition",
        ratio=0.0,
    ),
    Case(
        "ceiling exceeded before the end",
        CEILING,
        {2016: "40", 2017: "40", 2018: "21"},
        Status.NOT_ACHIEVED,
        direction="decrease",
        reporting="addition",
    ),
    Case(
        "ceiling kept at the end",
        CEILING,
        {2016: "20", 2017: "20", 2018: "20", 2019: "20", 2020: "20"},
        Status.ACHIEVED,
        direction="decrease",
        reporting="addition",
        year=2020,
    ),
    # Average growth 10% a year: 133.1 after three years is exactly 10%.
    Case(
        "growth exactly the target",
        GROWTH,
        {2015: "100", 2018: "133.1"},
        Status.ON_TRACK,
        ratio=1.0,
    ),
    Case(
        "growth R exactly 0.95",
        GROWTH,
        {2015: "100", 2018: "131.2932375"},
        Status.ON_TRACK,
        ratio=0.95,
    ),
    Case("growth just under 0.95", GROWTH, {2015: "100", 2018: "131.2932374"}, Status.BEHIND),
    Case("growth R exactly 0.6", GROWTH, {2015: "100", 2018: "119.1016"}, Status.BEHIND, ratio=0.6),
    Case("growth just under 0.6", GROWTH, {2015: "100", 2018: "119.1015"}, Status.OFF_TRACK),
    Case("growth negative", GROWTH, {2015: "100", 2018: "99.9"}, Status.REGRESSING),
    Case(
        "growth final exactly", GROWTH, {2015: "100", 2020: "161.051"}, Status.ACHIEVED, year=2020
    ),
    Case(
        "growth final just short",
        GROWTH,
        {2015: "100", 2020: "161.0509"},
        Status.NOT_ACHIEVED,
        year=2020,
    ),
    Case(
        "growth chained from yearly changes",
        GROWTH,
        {2016: "10", 2017: "10", 2018: "10"},
        Status.ON_TRACK,
        reporting="yearly_change",
        ratio=1.0,
    ),
    Case(
        "growth about within tolerance",
        GROWTH_ABOUT,
        {2015: "100", 2018: "114.9375921875"},
        Status.ON_TRACK,
    ),
    Case(
        "growth about: a wide tolerance met early",
        {**GROWTH_ABOUT, "tolerance": {"absolute": 1}},
        {2015: "100", 2018: "112.4864"},
        Status.ON_TRACK,
        ratio=0.8,
    ),
    Case(
        "growth decline on target",
        DECLINE,
        {2015: "100", 2018: "91.2673"},
        Status.ON_TRACK,
        direction="decrease",
        ratio=1.0,
    ),
    Case(
        "growth decline stalled",
        DECLINE,
        {2015: "100", 2018: "100"},
        Status.OFF_TRACK,
        direction="decrease",
        ratio=0.0,
    ),
    Case(
        "growth decline reversed",
        DECLINE,
        {2015: "100", 2018: "101"},
        Status.REGRESSING,
        direction="decrease",
    ),
    # Relative change -19% over 2015-2019: halfway the expected change is exactly -10%.
    Case(
        "reduction on the path",
        REDUCTION,
        {2015: "1", 2017: "0.9"},
        Status.ON_TRACK,
        direction="decrease",
        year=2017,
        end_year=2019,
        ratio=1.0,
    ),
    Case(
        "reduction R exactly 0.95",
        REDUCTION,
        {2015: "1", 2017: "0.905"},
        Status.ON_TRACK,
        direction="decrease",
        year=2017,
        end_year=2019,
        ratio=0.95,
    ),
    Case(
        "reduction just under 0.95",
        REDUCTION,
        {2015: "1", 2017: "0.90501"},
        Status.BEHIND,
        direction="decrease",
        year=2017,
        end_year=2019,
    ),
    Case(
        "reduction reached early",
        REDUCTION,
        {2015: "1", 2017: "0.81"},
        Status.ACHIEVED,
        direction="decrease",
        year=2017,
        end_year=2019,
    ),
    Case(
        "reduction from yearly changes",
        REDUCTION,
        {2016: "-10", 2017: "0"},
        Status.ON_TRACK,
        direction="decrease",
        year=2017,
        end_year=2019,
        reporting="yearly_change",
        ratio=1.0,
    ),
    Case(
        "reduction reversed",
        REDUCTION,
        {2015: "1", 2017: "1.01"},
        Status.REGRESSING,
        direction="decrease",
        year=2017,
        end_year=2019,
    ),
    # Absolute change +1 (life expectancy): 76.34 + 1 = 77.34 exactly, which floats get wrong.
    Case(
        "absolute rise exactly met",
        RISE,
        {2015: "76.34", 2020: "77.34"},
        Status.ACHIEVED,
        year=2020,
    ),
    Case(
        "absolute rise on the path",
        RISE,
        {2015: "76.34", 2018: "76.94"},
        Status.ON_TRACK,
        ratio=1.0,
    ),
    Case(
        "absolute rise just short",
        RISE,
        {2015: "76.34", 2020: "77.3399"},
        Status.NOT_ACHIEVED,
        year=2020,
    ),
    # Missing data.
    Case("no value for the year", LEVEL_UP, {2015: "100"}, Status.NO_DATA),
    Case("no baseline, not met", LEVEL_UP, {2018: "150"}, Status.NO_DATA),
    Case("no baseline, met", LEVEL_UP, {2018: "250"}, Status.ACHIEVED),
    Case("no baseline, end year, not met", LEVEL_UP, {2020: "150"}, Status.NOT_ACHIEVED, year=2020),
    Case(
        "more_than: baseline at target, unchanged",
        LEVEL_MORE,
        {2015: "200", 2018: "200"},
        Status.OFF_TRACK,
    ),
    Case(
        "about ceiling on a running total",
        {"kind": "cumulative", "comparator": "about", "value": 100},
        {2016: "20", 2017: "20", 2018: "30"},
        Status.BEHIND,
        direction="decrease",
        reporting="addition",
    ),
    Case(
        "about ceiling: zero added is on track, not achieved",
        {"kind": "cumulative", "comparator": "about", "value": 100},
        {2016: "0", 2017: "0", 2018: "0"},
        Status.ON_TRACK,
        direction="decrease",
        reporting="addition",
    ),
    Case(
        "missing addition year", CUM, {2016: "50", 2018: "50"}, Status.NO_DATA, reporting="addition"
    ),
    Case("growth from a zero baseline", GROWTH, {2015: "0", 2018: "10"}, Status.NO_DATA),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_status(case: Case) -> None:
    spec = make_spec(
        case.target,
        direction=case.direction,
        baseline=case.baseline,
        reporting=case.reporting,
        end_year=case.end_year,
    )
    result = run(spec, case.values, case.year)
    assert result.status is case.status, (result.status, result.progress_ratio, result.reason)
    if case.ratio is not None:
        assert result.progress_ratio == pytest.approx(case.ratio, abs=1e-9)


def test_no_data_reason_names_the_missing_years() -> None:
    result = run(make_spec(CUM, reporting="addition"), {2016: "50", 2018: "50"})
    assert result.reason is not None
    assert "2017" in result.reason
    assert result.score is None


def test_not_achieved_without_baseline_has_no_score() -> None:
    result = run(make_spec(LEVEL_UP), {2020: "150"}, 2020)
    assert result.score is None
    assert result.reason is not None
    assert "no baseline" in result.reason


def test_no_baseline_reason_names_the_base_year() -> None:
    result = run(make_spec(LEVEL_UP), {2018: "150"})
    assert result.reason is not None
    assert "2015" in result.reason


@pytest.mark.parametrize(
    ("values", "score"),
    [
        ({2015: "100", 2018: "130"}, 50.0),  # R = 0.5
        ({2015: "100", 2018: "200"}, 100.0),  # achieved
        ({2015: "100", 2018: "180"}, 100.0),  # R = 4/3, clipped
        ({2015: "100", 2018: "90"}, 0.0),  # regressing, clipped
    ],
)
def test_score_is_clipped_ratio(values: dict[int, str], score: float) -> None:
    assert run(make_spec(LEVEL_UP), values).score == pytest.approx(score)


def test_spec_baseline_wins_over_data() -> None:
    result = run(make_spec(LEVEL_UP, baseline="120"), {2015: "100", 2018: "168"})
    assert result.baseline == 120
    assert result.baseline_source == "spec"
    assert result.progress_ratio == pytest.approx(1.0)  # (168-120) / ((200-120) * 0.6)


def test_thresholds_from_the_spec() -> None:
    spec = make_spec(LEVEL_UP, scoring={"thresholds": {"on_track": 0.5, "behind": 0.25}})
    assert run(spec, {2015: "100", 2018: "130"}).status is Status.ON_TRACK


def test_lower_bound_that_meets_the_target_is_proof() -> None:
    spec = make_spec(LEVEL_MORE, baseline="100")
    dataset = Dataset((obs(2018, "201", Qualifier.AT_LEAST),))
    result = evaluate_indicator(spec, dataset, spec.indicators[0], 2018)
    assert result.status is Status.ACHIEVED
    assert not result.approximate
    assert result.actual_qualifier == "at_least"


@pytest.mark.parametrize(
    "observation",
    [
        obs(2018, "150", Qualifier.AT_LEAST),
        obs(2018, "201", Qualifier.ABOUT),
        obs(2018, "201", preliminary=True),
    ],
)
def test_statuses_on_approximate_values_are_marked(observation: Observation) -> None:
    spec = make_spec(LEVEL_MORE, baseline="100")
    result = evaluate_indicator(spec, Dataset((observation,)), spec.indicators[0], 2018)
    assert result.approximate


def test_projection_and_required_pace() -> None:
    result = run(make_spec(GROWTH), {2015: "100", 2018: "121"})  # 10% a year for 3 years is 133.1
    assert result.projection is not None
    assert not result.projection.meets_target
    # To end at 161.051 from 121 in two years takes sqrt(161.051/121) - 1 = 15.37% a year.
    assert result.projection.required_growth == pytest.approx(15.369, abs=1e-3)
    cumulative = run(make_spec(CUM, reporting="addition"), {2016: "40", 2017: "40", 2018: "40"})
    assert cumulative.projection is not None
    assert cumulative.projection.end_value == pytest.approx(200)
    assert cumulative.projection.required_yearly_addition == pytest.approx(65)


def _plan_with(attributes: list[str]) -> Spec:
    indicators = [
        {
            "no": n,
            "id": f"i{n}",
            "category": "c",
            "name": {"en": f"I{n}"},
            "unit": {"en": "u"},
            "attribute": attribute,
            "direction": "increase",
            "target": {"kind": "level", "comparator": "at_least", "value": 200},
            "baseline": {"value": 100},
        }
        for n, attribute in enumerate(attributes, start=1)
    ]
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
            "scoring": {"weights": {"binding": 2, "expected": 1}},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": indicators,
        }
    )


def _dataset(values: dict[str, str]) -> Dataset:
    return Dataset(tuple(obs(2018, v, indicator=k) for k, v in values.items()))


def test_weighted_scores_by_attribute() -> None:
    spec = _plan_with(["binding", "expected"])
    report = evaluate(spec, _dataset({"i1": "130", "i2": "200"}))  # scores 50 (x2) and 100 (x1)
    assert report.summary.score == pytest.approx((2 * 50 + 100) / 3)
    assert report.categories[0].score == pytest.approx((2 * 50 + 100) / 3)
    assert report.summary.binding_failures == (1,)


def test_coverage_exactly_at_minimum_is_scored() -> None:
    spec = _plan_with(["expected"] * 5)
    report = evaluate(spec, _dataset({f"i{n}": "200" for n in range(1, 5)}))  # 4 of 5 = 0.8
    assert report.summary.coverage == pytest.approx(0.8)
    assert not report.summary.score_withheld
    assert report.summary.score == 100


def test_coverage_below_minimum_withholds_the_score() -> None:
    spec = _plan_with(["expected"] * 5)
    report = evaluate(spec, _dataset({f"i{n}": "200" for n in range(1, 4)}))  # 3 of 5
    assert report.summary.score_withheld
    assert report.summary.score is None
    assert report.summary.status_counts["no_data"] == 2


def test_binding_no_data_is_a_binding_failure() -> None:
    spec = _plan_with(["binding", "expected"])
    report = evaluate(spec, _dataset({"i2": "200"}))
    assert report.indicators[0].status is Status.NO_DATA
    assert report.indicators[0].binding_failure


def test_assessment_year_defaults_to_latest_and_is_checked() -> None:
    spec = _plan_with(["expected"])
    dataset = Dataset((obs(2017, "150", indicator="i1"), obs(2019, "190", indicator="i1")))
    assert evaluate(spec, dataset).year == 2019
    assert evaluate(spec, dataset, 2017).year == 2017
    with pytest.raises(EvaluationError, match="2016-2020"):
        evaluate(spec, dataset, 2015)
    with pytest.raises(EvaluationError):
        evaluate(spec, Dataset((obs(2015, "100", indicator="i1"),)))


decimals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=4)


@given(baseline=decimals, target=decimals)
def test_actual_equal_to_target_is_always_achieved(baseline: Decimal, target: Decimal) -> None:
    spec = make_spec(
        {"kind": "level", "comparator": "at_least", "value": str(target)}, baseline=str(baseline)
    )
    for year in (2016, 2018, 2020):
        assert run(spec, {year: str(target)}, year).status is Status.ACHIEVED


RANK = {
    Status.REGRESSING: 0,
    Status.OFF_TRACK: 1,
    Status.BEHIND: 2,
    Status.ON_TRACK: 3,
    Status.ACHIEVED: 4,
}


@given(
    baseline=decimals,
    low=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("2e9"), places=4),
    high=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("2e9"), places=4),
    growth=st.booleans(),
)
def test_more_is_never_worse_for_an_increase_target(
    baseline: Decimal, low: Decimal, high: Decimal, growth: bool
) -> None:
    low, high = min(low, high), max(low, high)
    target = (
        {"kind": "average_growth", "comparator": "at_least", "value": 10}
        if growth
        else {"kind": "level", "comparator": "at_least", "value": str(baseline * 2)}
    )
    spec = make_spec(target, baseline=str(baseline))
    worse = run(spec, {2018: str(low)}).status
    better = run(spec, {2018: str(high)}).status
    assert RANK[better] >= RANK[worse]


@given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(3)))
def test_growth_decision_matches_level_space_definition(factor: Fraction) -> None:
    """on_track iff (V_t/V_B) >= (1 + 0.95 g*)^n, computed here independently."""
    spec = make_spec(GROWTH, baseline="100")
    value = Fraction(100) * factor
    decimal_value = Decimal(value.numerator) / Decimal(value.denominator)  # rounded to 28 digits
    result = run(spec, {2018: str(decimal_value)})
    rho = Fraction(decimal_value) / 100
    expected_on_track = rho >= (1 + Fraction(95, 100) * Fraction(1, 10)) ** 3
    assert (result.status is Status.ON_TRACK) == expected_on_track


# --- a weight per indicator, a baseline from another year -------------------------------------


def test_an_indicator_weight_overrides_its_attribute_weight() -> None:
    """Binding 2, expected 1 by attribute; indicator 2 carries `weight: 3` of its own."""
    spec = _plan_with(["binding", "expected"])
    raw = spec.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raw["indicators"][1]["weight"] = 3
    weighted = parse_spec(raw)
    report = evaluate(weighted, _dataset({"i1": "130", "i2": "200"}))  # scores 50 and 100
    assert [r.weight for r in report.indicators] == [2, 3]
    assert report.summary.score == pytest.approx((2 * 50 + 3 * 100) / 5)
    zero = parse_spec(
        {**raw, "indicators": [raw["indicators"][0], {**raw["indicators"][1], "weight": 0}]}
    )
    assert evaluate(zero, _dataset({"i1": "130", "i2": "200"})).summary.score == 50


def test_indicator_weights_score_when_every_attribute_weight_is_zero() -> None:
    spec = _plan_with(["binding", "expected"])
    raw = spec.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raw["scoring"]["weights"] = {"binding": 0, "expected": 0}
    raw["indicators"][0]["weight"] = 3
    raw["indicators"][1]["weight"] = 1
    report = evaluate(parse_spec(raw), _dataset({"i1": "130", "i2": "200"}))  # 50 and 100
    assert [r.weight for r in report.indicators] == [3, 1]
    assert report.summary.score == pytest.approx((3 * 50 + 100) / 4)


@pytest.mark.parametrize(
    ("weights", "own"),
    [
        ({"binding": 0, "expected": 0}, [None, None]),
        ({"binding": 0, "expected": 0}, [0, None]),
        ({"binding": 2, "expected": 1}, [0, 0]),
        ({"binding": 0, "expected": 1}, [None, 0]),
    ],
)
def test_a_spec_whose_every_indicator_weighs_zero_is_refused(
    weights: dict[str, int], own: list[int | None]
) -> None:
    raw = _plan_with(["binding", "expected"]).model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )
    raw["scoring"]["weights"] = weights
    for indicator, weight in zip(raw["indicators"], own, strict=True):
        if weight is not None:
            indicator["weight"] = weight
    with pytest.raises(SpecError, match=r"every indicator.s weight is 0"):
        parse_spec(raw)
    raw["indicators"][1]["weight"] = 1  # one indicator with a weight: accepted
    accepted = parse_spec(raw)
    assert accepted.scoring.weights.of_indicator(accepted.indicators[1]) == 1


@pytest.mark.parametrize(
    ("target", "values", "year", "status", "ratio"),
    [
        # 60.6 in 2019 (带*的为2019年数据) towards 70 by 2020: the year 2020 is the whole way.
        (LEVEL_UP | {"value": 70}, {2020: "70"}, 2020, Status.ACHIEVED, None),
        (LEVEL_UP | {"value": 70}, {2020: "69.9"}, 2020, Status.NOT_ACHIEVED, None),
        # 10% a year from 2019: 66.66 in 2020 is exactly 10%.
        (GROWTH, {2020: "66.66"}, 2020, Status.ACHIEVED, 1.0),
        (GROWTH, {2020: "66.65"}, 2020, Status.NOT_ACHIEVED, None),
    ],
)
def test_a_baseline_from_another_year_runs_the_period_from_it(
    target: dict[str, Any], values: dict[int, str], year: int, status: Status, ratio: float | None
) -> None:
    spec = make_spec(target, end_year=2020)
    raw = spec.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raw["indicators"][0]["baseline"] = {"value": 60.6, "year": 2019}
    dated = parse_spec(raw)
    r = run(dated, values, year)
    assert r.status is status, r.reason
    assert r.components.base_year == 2019
    assert r.components.elapsed_share == 1.0
    if ratio is not None:
        assert r.progress_ratio == pytest.approx(ratio)


def test_a_dated_baseline_paces_the_path_from_its_year() -> None:
    """From 60.6 in 2018 to 70 in 2020, 2019 is half the way: the path expects 65.3."""
    spec = make_spec(LEVEL_UP | {"value": 70})
    raw = spec.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raw["indicators"][0]["baseline"] = {"value": 60.6, "year": 2018}
    dated = parse_spec(raw)
    on_path = run(dated, {2019: "65.3"}, 2019)
    assert on_path.status is Status.ON_TRACK
    assert on_path.expected == pytest.approx(65.3)
    assert on_path.progress_ratio == pytest.approx(1.0)
    before = run(dated, {2017: "62"}, 2017)
    assert before.status is Status.NO_DATA
    assert before.reason == "the baseline is from 2018: progress is judged from 2019 on"


def test_a_baseline_from_the_year_before_the_plan_starts() -> None:
    """The 14th Five-Year Plan (2020 → 2025) gives 60.6* for urbanisation, 带*的为2019年数据:
    the period runs from 2019, so 2023 is 4/6 of the way and the path expects
    60.6 + (65 − 60.6)·4/6 = 63.5333…; a year earlier than 2019 is refused."""
    spec = make_spec(LEVEL_UP | {"value": 65}, end_year=2025)
    raw = spec.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raw["plan"]["base_year"] = 2020
    raw["indicators"][0]["baseline"] = {"value": 60.6, "year": 2019}
    dated = parse_spec(raw)
    r = run(dated, {2023: "63.6"}, 2023)
    assert (r.status, r.components.base_year) == (Status.ON_TRACK, 2019)
    assert r.components.elapsed_share == pytest.approx(4 / 6)
    assert r.expected == pytest.approx(60.6 + 4.4 * 4 / 6)
    raw["indicators"][0]["baseline"] = {"value": 60.6, "year": 2018}
    with pytest.raises(SpecError, match="must be from 2019, the year before the plan's base year"):
        parse_spec(raw)
