"""`reporting: change_from_base`: a data row holds the change since the base year, in percent
for a relative change (比2015年下降18.8% is -18.8), in the unit for an absolute one."""

from __future__ import annotations

from typing import Any

import pytest

from planchk.engine import evaluate
from planchk.explain import explain
from planchk.results import Status
from planchk.spec import Spec, SpecError
from planchk.trails import ChangeTrail

from .conftest import data, plan, result

# 单位GDP二氧化碳排放比2015年下降18%.
CARBON = {"kind": "change", "change": "relative", "comparator": "at_most", "value": -18}
# 人均预期寿命提高1岁.
LIFE = {"kind": "change", "change": "absolute", "comparator": "at_least", "value": 1}
GROWTH = {"kind": "average_growth", "comparator": "at_least", "value": 10}


def _spec(target: dict[str, Any], direction: str = "increase") -> Spec:
    return plan(target, direction=direction, reporting="change_from_base")


@pytest.mark.parametrize(
    ("target", "direction", "value", "year", "status"),
    [
        (CARBON, "decrease", "-18", 2020, Status.ACHIEVED),  # exactly at the target
        (CARBON, "decrease", "-17.99", 2020, Status.NOT_ACHIEVED),
        (CARBON, "decrease", "-18.8", 2018, Status.ACHIEVED),
        (CARBON, "decrease", "-12", 2018, Status.ON_TRACK),  # (0.82^0.6 − 1) = −11.2% expected
        (CARBON, "decrease", "-8", 2018, Status.BEHIND),
        (CARBON, "decrease", "-2", 2018, Status.OFF_TRACK),
        (CARBON, "decrease", "1", 2018, Status.REGRESSING),
        (LIFE, "increase", "1", 2020, Status.ACHIEVED),  # exactly at the target
        (LIFE, "increase", "0.99", 2020, Status.NOT_ACHIEVED),
        (LIFE, "increase", "0.6", 2018, Status.ON_TRACK),  # 1 × 0.6 expected: R = 1
        (LIFE, "increase", "0.57", 2018, Status.ON_TRACK),  # R exactly 0.95
        (LIFE, "increase", "0.5699", 2018, Status.BEHIND),
        (LIFE, "increase", "-0.1", 2018, Status.REGRESSING),
        (GROWTH, "increase", "61.051", 2020, Status.ACHIEVED),  # 1.1^5 exactly
        (GROWTH, "increase", "61.05", 2020, Status.NOT_ACHIEVED),
    ],
)
def test_change_from_base_status(
    target: dict[str, Any], direction: str, value: str, year: int, status: Status
) -> None:
    r = result(_spec(target, direction), {year: value}, year)
    assert r.status is status, r.reason


def test_a_relative_change_needs_no_baseline_and_reads_one_row() -> None:
    r = result(_spec(CARBON, "decrease"), {2016: "-3", 2018: "-12"}, 2018)
    assert r.baseline is None
    assert r.actual == pytest.approx(-12)
    assert isinstance(r.components, ChangeTrail)
    assert r.components.growth_factor == pytest.approx(0.88)
    assert [o.year for o in r.observations] == [2018]


def test_an_absolute_change_is_the_row_itself() -> None:
    r = result(_spec(LIFE), {2018: "0.6"}, 2018)
    assert r.actual == pytest.approx(0.6)
    assert r.progress_ratio == pytest.approx(1.0)
    assert r.projection is not None
    assert r.projection.end_value == pytest.approx(1.0)


def test_explain_reads_the_reported_change() -> None:
    spec = _spec(CARBON, "decrease")
    text = explain(spec, evaluate(spec, data({2018: "-12"}), 2018), spec.indicators[0])
    assert "Baseline: not needed, the data reports the change since the base year" in text
    assert "V_t / V_B = 1 + (-12)/100 = 0.88" in text
    life = _spec(LIFE)
    text = explain(life, evaluate(life, data({2018: "0.6"}), 2018), life.indicators[0])
    assert "Change since the base year: as reported, 0.6" in text


def test_change_from_base_goes_with_change_and_growth_targets_only() -> None:
    with pytest.raises(SpecError, match="reporting `change_from_base`"):
        plan({"kind": "level", "comparator": "at_least", "value": 1}, reporting="change_from_base")
