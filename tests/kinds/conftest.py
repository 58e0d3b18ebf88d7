"""Helpers for the kind tests: a one-indicator plan (2015-2020) and its data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planchk.data import Dataset, Observation
from planchk.engine import evaluate
from planchk.quantities import Qualifier
from planchk.results import IndicatorResult, Report
from planchk.spec import Spec, parse_spec


def plan(
    target: dict[str, Any],
    *,
    direction: str = "increase",
    baseline: str | None = None,
    unit: str = "units",
    reporting: str = "level",
) -> Spec:
    indicator: dict[str, Any] = {
        "no": 1,
        "id": "x",
        "category": "c",
        "name": {"en": "X"},
        "unit": {"en": unit},
        "attribute": "binding",
        "direction": direction,
        "target": target,
        "reporting": reporting,
    }
    if baseline is not None:
        indicator["baseline"] = {"value": baseline}
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [indicator],
        }
    )


def data(values: dict[int, str]) -> Dataset:
    """Rows for indicator `x`; a value may start with > or < for a bound (超过, 低于)."""
    rows: list[Observation] = []
    for year, text in values.items():
        qualifier = {">": Qualifier.AT_LEAST, "<": Qualifier.AT_MOST}.get(text[0], Qualifier.EXACT)
        number = text.lstrip("<>")
        rows.append(
            Observation(
                "x", year, Decimal(number), qualifier, False, text, None, None, None, "t.csv", year
            )
        )
    return Dataset(tuple(rows))


def report(spec: Spec, values: dict[int, str], year: int) -> Report:
    return evaluate(spec, data(values), year)


def result(spec: Spec, values: dict[int, str], year: int) -> IndicatorResult:
    return report(spec, values, year).indicators[0]
