"""`planchk explain`: every number of the audit trail appears, in a line tagged with its key."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import Dataset, Observation, load_data
from planchk.explain import explain
from planchk.history import evaluate_history
from planchk.numbers import num
from planchk.quantities import Qualifier
from planchk.results import IndicatorResult, Report
from planchk.spec import Spec, parse_spec

runner = CliRunner()
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


def tagged(text: str, key: str) -> list[str]:
    return [line for line in text.splitlines() if f"[{key}]" in line]


def shows(line: str, value: float) -> bool:
    """Whether `line` holds `value` to the six significant digits explain prints."""
    return any(
        math.isclose(float(token), value, rel_tol=5e-6, abs_tol=5e-7)
        for token in NUMBER.findall(line)
    )


def audit_numbers(result: IndicatorResult) -> dict[str, float | int | str | None]:
    """The numbers of the JSON audit trail: components, and the result's own numbers."""
    numbers: dict[str, float | int | str | None] = result.components.model_dump(mode="json")
    for key in ("progress_ratio", "score", "weight", "target", "actual", "expected", "baseline"):
        numbers[key] = getattr(result, key)
    numbers["tolerance"] = result.tolerance
    if result.projection is not None:
        for key, value in result.projection.model_dump().items():
            numbers[f"projection.{key}"] = value
    return numbers


def assert_explained(text: str, result: IndicatorResult) -> None:
    for key, value in audit_numbers(result).items():
        if value is None:
            continue
        lines = tagged(text, key)
        assert lines, f"indicator {result.no}: no line tagged [{key}] in\n{text}"
        if isinstance(value, bool):
            flag = f"({str(value).lower()})"
            assert any(flag in line for line in lines), (key, value, lines)
        elif isinstance(value, str):
            assert any(value in line for line in lines), (key, value, lines)
        else:
            assert any(shows(line, value) for line in lines), (
                f"indicator {result.no}: {key} = {value} not shown in {lines}"
            )


@pytest.fixture(scope="module")
def sample(spec: Spec, repo_root: Path) -> Dataset:
    return load_data([repo_root / "data"], spec)


@pytest.mark.parametrize("year", [2016, 2018, 2019, 2020])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sample_indicator_is_explained(
    spec: Spec, sample: Dataset, year: int, lang: str
) -> None:
    report = evaluate_history(spec, sample, year)
    for indicator, result in zip(spec.indicators, report.indicators, strict=True):
        text = explain(spec, report, indicator, lang)
        assert_explained(text, result)
        assert any(result.status.value in line for line in tagged(text, "status"))


def _plan(indicator: dict[str, Any]) -> Spec:
    base = {
        "no": 1,
        "id": "x",
        "category": "c",
        "name": {"en": "X", "zh": "某指标"},
        "unit": {"en": "t"},
        "attribute": "binding",
        "direction": "increase",
    }
    base.update(indicator)
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [base],
        }
    )


def _data(values: dict[int, str]) -> Dataset:
    return Dataset(
        tuple(
            Observation("x", y, Decimal(v), Qualifier.EXACT, False, v, None, None, None, "t.csv", y)
            for y, v in values.items()
        )
    )


KINDS: dict[str, tuple[dict[str, Any], dict[int, str]]] = {
    "compound level": (
        {
            "target": {"kind": "level", "comparator": "at_least", "value": 400, "path": "compound"},
            "baseline": {"value": 100, "source": "plan"},
        },
        {2017: "150", 2018: "190"},
    ),
    "about level, decrease": (
        {
            "direction": "decrease",
            "target": {"kind": "level", "comparator": "about", "value": 50},
            "baseline": {"value": 80},
        },
        {2018: "70"},
    ),
    "cumulative additions": (
        {
            "target": {"kind": "cumulative", "comparator": "at_least", "value": 50},
            "reporting": "addition",
        },
        {2016: "8", 2017: "9.5", 2018: "10"},
    ),
    "cumulative ceiling": (
        {
            "direction": "decrease",
            "target": {"kind": "cumulative", "comparator": "at_most", "value": 3256},
            "reporting": "addition",
        },
        {2016: "600", 2017: "700"},
    ),
    "growth from yearly changes": (
        {
            "target": {"kind": "average_growth", "comparator": "more_than", "value": 6.5},
            "reporting": "yearly_change",
        },
        {2016: "6.9", 2017: "6.7", 2018: "6.6"},
    ),
    "relative change": (
        {
            "direction": "decrease",
            "target": {
                "kind": "change",
                "change": "relative",
                "comparator": "at_most",
                "value": -15,
            },
            "reporting": "yearly_change",
        },
        {2016: "-5", 2017: "-4.2"},
    ),
    "absolute change": (
        {
            "target": {
                "kind": "change",
                "change": "absolute",
                "comparator": "at_least",
                "value": 1,
            },
            "baseline": {"value": 81.2},
        },
        {2018: "81.6"},
    ),
    "regressing level": (
        {"target": {"kind": "level", "comparator": "at_least", "value": 10}},
        {2015: "8", 2018: "7.5"},
    ),
    "hold": (
        {
            "target": {"kind": "level", "comparator": "at_least", "value": 100},
            "baseline": {"value": 100},
        },
        {2018: "99"},
    ),
    "no data": (
        {"target": {"kind": "level", "comparator": "at_least", "value": 100}},
        {2018: "50"},
    ),
    "end year": (
        {
            "target": {"kind": "average_growth", "comparator": "at_least", "value": 7},
            "baseline": {"value": 100},
        },
        {2019: "120", 2020: "130"},
    ),
}


@pytest.mark.parametrize("case", list(KINDS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_kind_is_explained(case: str, lang: str) -> None:
    indicator, values = KINDS[case]
    spec = _plan(indicator)
    report: Report = evaluate_history(spec, _data(values))
    result = report.indicators[0]
    text = explain(spec, report, spec.indicators[0], lang)
    assert_explained(text, result)


def test_a_calculator_reproduces_the_level_steps(spec: Spec, repo_root: Path) -> None:
    """Indicator 4 in 2018: the formulas shown give the numbers shown."""
    report = evaluate_history(spec, load_data([repo_root / "data" / "2018.csv"], spec))
    text = explain(spec, report, spec.indicators[3])
    assert "P_t = V_B + (T − V_B) × s = 4.1 + (5.8 − 4.1) × 0.6 = 5.12" in text
    assert "R = (V_t − V_B) / (P_t − V_B) = 0.8 / 1.02 = 0.784314" in text
    assert abs(0.8 / 1.02 - 0.784314) < 5e-7
    assert "Status: behind" in text
    # A linear-path target is projected linearly, and a share's pace is in percentage points.
    assert "on the linear path" in text
    assert "4.1 + (4.9 − 4.1) × 5/3 = 5.43333%" in text
    assert abs(4.1 + (4.9 - 4.1) * 5 / 3 - 5.43333) < 5e-6
    assert "(5.8 − 4.9) / 2 = 0.45 percentage points a year" in text


def test_numbers_are_calculator_friendly() -> None:
    assert num(16300.0) == "16300"
    assert num(0.784313725490196) == "0.784314"
    assert num(-0.3) == "-0.3"
    assert num(12345678.9) == "12345679"


def test_explain_command(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    result = runner.invoke(app, ["explain", "rd-intensity", "data/2018.csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("4 rd-intensity: R&D spending intensity")
    by_name = runner.invoke(app, ["explain", "园区企业科技经费投入强度", "data/", "--lang", "zh"])
    assert by_name.exit_code == 0
    assert "状态: 未完成 (not_achieved)" in by_name.stdout
    assert "各年度状态:2016 明显滞后" in by_name.stdout


def test_explain_unknown_indicator_is_a_usage_error(repo_root: Path) -> None:
    result = runner.invoke(app, ["explain", "nope", str(repo_root / "data" / "2018.csv")])
    assert result.exit_code == 2
    assert "no indicator 'nope'" in result.stderr
