"""`planchk explain` never ends in an internal error: every indicator of every spec the
project ships (targets/, tests/fixtures/specs/, tests/fixtures/forms/), for every year of its data, also with the
data reported as plain levels and without baselines, the forms a kind must explain too."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planchk.data import Dataset, Observation, load_data
from planchk.explain import explain
from planchk.history import evaluate_history
from planchk.quantities import Qualifier
from planchk.spec import Reporting, Spec, parse_spec
from planchk.yamlload import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = [
    ROOT / "targets" / "indicators.yaml",
    *sorted((ROOT / "tests/fixtures/specs").glob("*.yaml")),
    *sorted((ROOT / "tests/fixtures").glob("*/spec.yaml")),  # the fixture plans
]


def _raw(path: Path) -> dict[str, Any]:
    raw = load_yaml(path.read_text(encoding="utf-8-sig"))
    assert isinstance(raw, dict)
    return raw


def _variants(raw: dict[str, Any]) -> dict[str, Spec]:
    """The spec as written; with every indicator reported as levels; and without baselines."""
    levels = copy.deepcopy(raw)
    bare = copy.deepcopy(raw)
    for indicator in levels["indicators"]:
        indicator["reporting"] = "level"
    for indicator in bare["indicators"]:
        indicator.pop("baseline", None)
        indicator["reporting"] = "level"
    return {"as written": parse_spec(raw), "levels": parse_spec(levels), "bare": parse_spec(bare)}


def _constructed(spec: Spec, with_base_year: bool) -> Dataset:
    """A value for every indicator and year, in the indicator's reporting mode."""
    plan = spec.plan
    first = plan.base_year if with_base_year else plan.base_year + 1
    rows: list[Observation] = []
    for no, indicator in enumerate(spec.indicators):
        for y in range(first, plan.end_year + 1):
            if indicator.reporting is Reporting.YEARLY_CHANGE:
                text = "-3.5"
            elif indicator.reporting is Reporting.ADDITION:
                text = str(10 + no)
            else:
                # Levels that rise, fall or stay put, so every status and sign is met.
                step = (no % 3) - 1
                text = str(Decimal(100 + no) + step * (y - plan.base_year))
            rows.append(
                Observation(
                    indicator.id,
                    y,
                    Decimal(text),
                    Qualifier.EXACT,
                    False,
                    text,
                    None,
                    None,
                    None,
                    "constructed.csv",
                    len(rows) + 2,
                )
            )
    return Dataset(tuple(rows))


def _explain_every_year(spec: Spec, dataset: Dataset) -> int:
    explained = 0
    plan = spec.plan
    for year in sorted(y for y in dataset.years() if plan.base_year < y <= plan.end_year):
        report = evaluate_history(spec, dataset, year)
        for indicator in spec.indicators:
            for lang in ("en", "zh"):
                text = explain(spec, report, indicator, lang)
                assert text.startswith(f"{indicator.no} {indicator.id}")
                explained += 1
    return explained


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
@pytest.mark.parametrize("variant", ["as written", "levels", "bare"])
@pytest.mark.parametrize("with_base_year", [True, False], ids=["base-year row", "no base row"])
def test_explain_never_fails_on_constructed_data(
    path: Path, variant: str, with_base_year: bool
) -> None:
    spec = _variants(_raw(path))[variant]
    dataset = _constructed(spec, with_base_year)
    years = spec.plan.end_year - spec.plan.base_year
    assert _explain_every_year(spec, dataset) == years * len(spec.indicators) * 2


def test_explain_never_fails_on_the_sample_data() -> None:
    spec = parse_spec(_raw(SPECS[0]))
    dataset = load_data([ROOT / "data"], spec)
    assert _explain_every_year(spec, dataset) == 5 * len(spec.indicators) * 2
