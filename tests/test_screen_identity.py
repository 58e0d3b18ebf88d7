"""The float screen changes no result: panels judged with it, without it (every comparison
exact) and region by region give the same report, on random panels and on a boundary panel
whose values sit exactly on the decision thresholds."""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planchk import exact
from planchk.data import load_data
from planchk.panel import evaluate_panel
from planchk.results import PanelReport
from planchk.spec import Comparator, Indicator, Path_, Spec, TargetKind, parse_spec
from planchk.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2018  # s = 3/5 of the Haidian plan, three years of growth: boundaries are decimals


def haidian_raw() -> dict[str, Any]:
    raw = load_yaml((ROOT / "targets" / "indicators.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def with_powers(raw: dict[str, Any]) -> dict[str, Any]:
    """The Haidian plan with targets whose decisions need fractional powers: a compound level
    path, a relative change (expected `(1 + c*)^s − 1`), an absolute change and a decrease."""
    own = copy.deepcopy(raw)
    extra = [
        {"id": "compound-level", "unit": {"zh": "亿元"}, "baseline": {"value": 1200},
         "target": {"kind": "level", "comparator": "at_least", "value": 1800, "path": "compound"}},
        {"id": "energy-intensity", "unit": {"zh": "吨/万元"}, "baseline": {"value": 0.4},
         "direction": "decrease",
         "target": {"kind": "change", "comparator": "at_most", "value": -15, "change": "relative"}},
        {"id": "life-expectancy", "unit": {"zh": "岁"}, "baseline": {"value": 82.5},
         "target": {"kind": "change", "comparator": "at_least", "value": 1, "change": "absolute"}},
        {"id": "pm25", "unit": {"zh": "微克/立方米"}, "baseline": {"value": 80.6}, "direction": "decrease",
         "target": {"kind": "average_growth", "comparator": "at_most", "value": -4}},
    ]  # fmt: skip
    template = own["indicators"][0]
    for number, fields in enumerate(extra, start=len(own["indicators"]) + 1):
        indicator = {k: v for k, v in template.items() if k not in ("baseline", "target")}
        indicator.update({"no": number, "name": {"en": fields["id"]}}, **fields)
        if "direction" not in fields:
            indicator["direction"] = "increase"
        own["indicators"].append(indicator)
    return own


@pytest.fixture(scope="module")
def spec() -> Spec:
    return parse_spec(with_powers(haidian_raw()))


@contextmanager
def exact_only() -> Iterator[None]:
    """Every comparison decided with fractions: a screen whose margin no difference exceeds."""
    saved = exact.MARGIN
    exact.MARGIN = math.inf
    try:
        yield
    finally:
        exact.MARGIN = saved


def decimal_text(value: Fraction) -> str | None:
    """`value` as a finite decimal, or None when it has none (a third)."""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return None
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.{digits}f}"


def baseline_of(indicator: Indicator) -> Fraction:
    """The spec's baseline, else a base-year value the data gives (four fifths of a level
    target: a share stays below 100%)."""
    if indicator.baseline is not None:
        return Fraction(indicator.baseline.value)
    if indicator.target.kind is TargetKind.LEVEL:
        return Fraction(indicator.target.number) * Fraction(4, 5)
    return Fraction(1000)


def reportable(indicator: Indicator, value: Fraction) -> bool:
    """Within the range every indicator of these plans allows (counts and shares)."""
    return (
        decimal_text(value) is not None
        and value >= 0
        and (indicator.unit.zh != "%" or value <= 100)
    )


def boundary_values(spec: Spec, indicator: Indicator) -> list[Fraction]:
    """Values for the assessment year on every threshold R = 0.95, 0.60, 0 and on the target
    (and its tolerance), wherever such a value is rational; the others a hair off them."""
    target = indicator.target
    b, t = baseline_of(indicator), Fraction(target.number)
    s = Fraction(YEAR - spec.plan.base_year, spec.plan.end_year - spec.plan.base_year)
    n = YEAR - spec.plan.base_year
    width = Fraction(0)
    if target.comparator is Comparator.ABOUT:
        width = Fraction((target.tolerance or spec.scoring.tolerance).width(target.number))
    ks = [Fraction(k) for k in ("1", "0.95", "0.6", "0", "-0.05")]
    found: list[Fraction] = []
    match target.kind:
        case TargetKind.LEVEL:
            found += [t, t - width, t + width]
            if target.path is Path_.COMPOUND:
                expected = b * (t / b) ** (float(s))  # irrational: values a hair off it
                found += [Fraction(expected) * k for k in (1, Fraction(1) + Fraction(1, 10**14))]
            else:
                found += [b + k * (t - b) * s for k in ks]
        case TargetKind.CUMULATIVE:
            found += [b + t, b + t - width] + [b + k * t * s for k in ks]
        case TargetKind.AVERAGE_GROWTH:
            g = t / 100
            found += [b * (1 + k * g) ** n for k in ks]
            found += [b * (1 + g + w / 100) ** n for w in (-width, width)]
        case TargetKind.CHANGE:
            c = t / 100
            if target.change is not None and target.change.value == "relative":
                found += [b * (1 + c)]
                expected = (1 + float(c)) ** float(s) - 1  # irrational: a hair off each side
                found += [b * (1 + Fraction(expected) * k) for k in (Fraction(95, 100), 1)]
            else:
                found += [b + t, b + t * s] + [b + k * t * s for k in ks]
    return found


def panel_csv(spec: Spec, values: dict[str, list[Fraction]], regions: int) -> str:
    """A panel whose region `r` reports, for each indicator, candidate `r` (cycled) in 2018
    and the baseline in the base year (the years between restate the baseline)."""
    lines = ["region,indicator,year,value,unit"]
    for r in range(regions):
        for ind in spec.indicators:
            candidates = [v for v in values[ind.id] if reportable(ind, v)]
            chosen = candidates[r % len(candidates)] if candidates else baseline_of(ind)
            for year in range(spec.plan.base_year, YEAR + 1):
                value = chosen if year == YEAR else baseline_of(ind)
                lines.append(f"r{r:03d},{ind.no},{year},{decimal_text(value)},{ind.unit.zh}")
    return "\n".join(lines) + "\n"


def judged(spec: Spec, path: Path) -> PanelReport:
    return evaluate_panel(spec, load_data([path], spec), YEAR)


def assert_identical(spec: Spec, path: Path) -> None:
    screened = judged(spec, path).model_dump_json()
    with exact_only():
        exact_report = judged(spec, path)
    assert screened == exact_report.model_dump_json()
    # Judging each region on its own gives that region's row of the panel.
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    by_region = {r.region: r for r in exact_report.regions}
    for region in sorted({row.split(",")[0] for row in rows}):
        alone = path.with_name(f"{region}.csv")
        alone.write_text(
            "\n".join([header, *(row for row in rows if row.startswith(region + ","))]) + "\n",
            encoding="utf-8",
        )
        (only,) = judged(spec, alone).regions
        assert only.model_dump_json() == by_region[region].model_dump_json()


def test_boundary_panel_is_judged_as_exactly(spec: Spec, tmp_path: Path) -> None:
    values = {ind.id: boundary_values(spec, ind) for ind in spec.indicators}
    regions = max(len(v) for v in values.values())
    path = tmp_path / "boundary.csv"
    path.write_text(panel_csv(spec, values, regions), encoding="utf-8")
    assert_identical(spec, path)


def test_boundary_panel_reaches_every_threshold(spec: Spec, tmp_path: Path) -> None:
    """The boundary panel is what it says: statuses on both sides of every threshold occur,
    and the screen leaves decisions to the fractions (values on a threshold)."""
    values = {ind.id: boundary_values(spec, ind) for ind in spec.indicators}
    path = tmp_path / "boundary.csv"
    path.write_text(panel_csv(spec, values, max(map(len, values.values()))), encoding="utf-8")
    undecided = 0
    original = exact.screened

    def counting(difference: float, magnitude: float) -> int | None:
        nonlocal undecided
        found = original(difference, magnitude)
        undecided += found is None
        return found

    exact.screened = counting
    try:
        report = judged(spec, path)
    finally:
        exact.screened = original
    statuses = {o.status.value for r in report.regions for o in r.indicators}
    assert {"achieved", "on_track", "behind", "off_track", "regressing"} <= statuses
    assert undecided > 0


#: Three regions' paces: each on a threshold (R = 0.95, 0.6, 0, 1, or just below 0) or anywhere
#: between -1 and 2.
PACES = st.lists(
    st.one_of(
        st.sampled_from([Fraction(k) for k in ("0.95", "0.6", "0", "1", "-0.05")]),
        st.fractions(min_value=-1, max_value=2, max_denominator=1000),
    ),
    min_size=3,
    max_size=3,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paces=PACES)
def test_random_panels_are_judged_as_exactly(
    spec: Spec, tmp_path_factory: pytest.TempPathFactory, paces: list[Fraction]
) -> None:
    """Three regions, each moving at its own pace on every indicator (values rounded to six
    decimals, so most lie near, not on, the thresholds)."""
    values: dict[str, list[Fraction]] = {}
    s = Fraction(3, 5)
    for ind in spec.indicators:
        b, t = baseline_of(ind), Fraction(ind.target.number)
        out = []
        for pace in paces:
            match ind.target.kind:
                case TargetKind.LEVEL:
                    v = b + (t - b) * s * pace
                case TargetKind.CUMULATIVE:
                    v = b + t * s * pace
                case TargetKind.AVERAGE_GROWTH:
                    v = b * max(1 + t / 100 * pace, Fraction(1, 10)) ** 3
                case _:
                    v = b * (1 + t / 100 * s * pace)
            out.append(Fraction(round(v, 6)))
        values[ind.id] = out
    path = tmp_path_factory.mktemp("random") / "panel.csv"
    path.write_text(panel_csv(spec, values, len(paces)), encoding="utf-8")
    assert_identical(spec, path)
