"""A panel judged as columns (`planchk.columnar`) is the panel judged region by region: the
same JSON, table and markdown, byte for byte, on random panels, on the benchmark panel and on a
boundary panel whose values sit exactly on every decision threshold; and what the float screen
cannot certify is judged on its own, exactly."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planchk import columnar
from planchk.assessments import Assessments
from planchk.cli import app
from planchk.data import load_data
from planchk.engine import decide_many
from planchk.kinds.base import Measured
from planchk.panel import evaluate_panel
from planchk.results import Assessment, PanelReport, Status
from planchk.spec import Comparator, Indicator, Path_, Reporting, Spec, TargetKind, parse_spec
from test_screen_identity import PACES, decimal_text, haidian_raw, with_powers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_panel import write_panel  # noqa: E402

runner = CliRunner()

#: What the Haidian plan and `with_powers` lack: a decreasing level (a level ceiling met by
#: falling), a ceiling on a running total, yearly additions, a level that may be negative, a
#: growth target of zero (a hold) and a decreasing growth target.
EXTRA: list[dict[str, Any]] = [
    {"id": "level-down", "unit": {"zh": "吨"}, "baseline": {"value": 60}, "direction": "decrease",
     "target": {"kind": "level", "comparator": "at_most", "value": 50}},
    {"id": "land-ceiling", "unit": {"zh": "公顷"}, "baseline": {"value": 0},
     "direction": "decrease", "target": {"kind": "cumulative", "comparator": "at_most", "value": 300}},
    {"id": "added-yearly", "unit": {"zh": "个"}, "reporting": "addition",
     "target": {"kind": "cumulative", "comparator": "at_least", "value": 40}},
    {"id": "balance", "unit": {"zh": "亿元"}, "baseline": {"value": -120},
     "target": {"kind": "level", "comparator": "at_least", "value": 30}},
    {"id": "no-decline", "unit": {"zh": "亿元"}, "baseline": {"value": 500},
     "target": {"kind": "average_growth", "comparator": "at_least", "value": 0}},
    {"id": "emissions-down", "unit": {"zh": "万吨"}, "baseline": {"value": 900},
     "direction": "decrease", "target": {"kind": "average_growth", "comparator": "about", "value": -3}},
]  # fmt: skip


def columnar_raw() -> dict[str, Any]:
    raw = with_powers(haidian_raw())
    own = copy.deepcopy(raw)
    template = own["indicators"][0]
    for number, fields in enumerate(EXTRA, start=len(own["indicators"]) + 1):
        indicator = {k: v for k, v in template.items() if k not in ("baseline", "target")}
        indicator.update({"no": number, "name": {"en": fields["id"]}, "direction": "increase"})
        indicator.update(fields)
        own["indicators"].append(indicator)
    return own


@pytest.fixture(scope="module")
def spec() -> Spec:
    return parse_spec(columnar_raw())


@contextmanager
def region_by_region() -> Iterator[None]:
    saved = columnar.ENABLED
    columnar.ENABLED = False
    try:
        yield
    finally:
        columnar.ENABLED = saved


def baseline(indicator: Indicator) -> Fraction:
    """The spec's baseline, else the base-year value the panel gives."""
    if indicator.baseline is not None:
        return Fraction(indicator.baseline.value)
    if indicator.target.kind is TargetKind.LEVEL:
        return Fraction(indicator.target.number) * Fraction(4, 5)
    return Fraction(1000)


def boundaries(spec: Spec, indicator: Indicator, year: int) -> list[Fraction]:
    """Values for `year` on every threshold R = 1, 0.95, 0.60, 0 and a little below it, on
    the target and both ends of its tolerance, and no change at all; some irrational
    thresholds only a hair off (a compound path, a relative change)."""
    target = indicator.target
    b, t = baseline(indicator), Fraction(target.number)
    base, end = spec.plan.base_year, spec.plan.end_year
    s, n = Fraction(year - base, end - base), year - base
    width = Fraction(0)
    if target.comparator is Comparator.ABOUT:
        width = Fraction((target.tolerance or spec.scoring.tolerance).width(target.number))
    ks = [Fraction(k) for k in ("1", "0.95", "0.6", "0", "-0.05")]
    found = [b]
    match target.kind:
        case TargetKind.LEVEL:
            found += [t, t - width, t + width]
            if target.path is Path_.COMPOUND:
                expected = Fraction(float(b) * (float(t) / float(b)) ** float(s))
                found += [expected, expected * (1 + Fraction(1, 10**14))]
            else:
                found += [b + k * (t - b) * s for k in ks]
        case TargetKind.CUMULATIVE:
            zero = Fraction(0) if indicator.reporting is Reporting.ADDITION else b
            found += [zero + t, zero + t - width, zero + t + width]
            found += [zero + k * t * s for k in ks]
        case TargetKind.AVERAGE_GROWTH:
            g = t / 100
            found += [b * (1 + k * g) ** n for k in ks]
            found += [b * (1 + g + w / 100) ** n for w in (-width, width)]
        case TargetKind.CHANGE:
            c = t / 100
            found += [b * (1 + c), b + t, b + t * s] + [b + k * t * s for k in ks]
    return [v for v in found if reportable(indicator, v)]


def reportable(indicator: Indicator, value: Fraction) -> bool:
    """A finite decimal the indicator's range allows: only the balance may be negative, and a
    share is at most 100%."""
    if decimal_text(value) is None:
        return False
    if indicator.unit.zh == "%" and value > 100:
        return False
    return value >= 0 or indicator.id == "balance"


def panel_text(spec: Spec, chosen: list[dict[str, Fraction]], year: int) -> str:
    """Region `r` reports `chosen[r][id]` for `year` and its baseline in the years before (for
    yearly additions: none added before `year`)."""
    lines = ["region,indicator,year,value,unit"]
    for r, values in enumerate(chosen):
        for ind in spec.indicators:
            adding = ind.reporting is Reporting.ADDITION
            for y in range(spec.plan.base_year, year + 1):
                value = values[ind.id] if y == year else Fraction(0) if adding else baseline(ind)
                lines.append(f"r{r:03d},{ind.no},{y},{decimal_text(value)},{ind.unit.zh}")
    return "\n".join(lines) + "\n"


def boundary_panel(spec: Spec, year: int) -> list[dict[str, Fraction]]:
    values = {ind.id: boundaries(spec, ind, year) for ind in spec.indicators}
    regions = max(map(len, values.values()))
    return [{id_: found[r % len(found)] for id_, found in values.items()} for r in range(regions)]


def cli(*args: str) -> str:
    result = runner.invoke(app, ["evaluate", *args, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_same_as_region_by_region(
    spec: Spec, path: Path, year: int, alone: bool, raw: dict[str, Any] | None = None
) -> None:
    """The panel's JSON, table and markdown as judged region by region; with `alone`, each
    region's row as the region's own data gives it. `raw` is the spec's text (`spec`'s)."""
    spec_file = path.with_name("spec.yaml")
    text = json.dumps(columnar_raw() if raw is None else raw)
    spec_file.write_text(text, encoding="utf-8")  # YAML reads JSON
    args = [str(path), "--spec", str(spec_file), "--year", str(year)]
    formats = [["--format", "json"], ["--format", "table"], ["--format", "markdown"]]
    fast = [cli(*args, *f) for f in formats]
    with region_by_region():
        slow = [cli(*args, *f) for f in formats]
    assert fast == slow
    if not alone:
        return
    report = judged(spec, path, year)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    for result in report.regions:
        own = path.with_name(f"{result.region}.csv")
        own.write_text(
            "\n".join([header, *(r for r in rows if r.startswith(result.region + ","))]) + "\n",
            encoding="utf-8",
        )
        with region_by_region():
            (only,) = judged(spec, own, year).regions
        assert only.model_dump_json() == result.model_dump_json()


def judged(spec: Spec, path: Path, year: int) -> PanelReport:
    return evaluate_panel(spec, load_data([path], spec), year)


def tally(
    spec: Spec, path: Path, year: int, assessments: Assessments | None = None
) -> columnar.Tally:
    found = columnar.Tally()
    data = load_data([path], spec)
    columnar.judge_columns(spec, data, year, assessments or Assessments(), tally=found)
    return found


@pytest.mark.parametrize("year", [2018, 2020])
def test_boundary_panel_is_judged_as_region_by_region(
    spec: Spec, tmp_path: Path, year: int
) -> None:
    path = tmp_path / "boundary.csv"
    path.write_text(panel_text(spec, boundary_panel(spec, year), year), encoding="utf-8")
    assert_same_as_region_by_region(spec, path, year, alone=True)
    statuses = {o.status.value for r in judged(spec, path, year).regions for o in r.indicators}
    if year == 2018:
        assert {"achieved", "on_track", "behind", "off_track", "regressing"} <= statuses
    else:
        assert {"achieved", "not_achieved"} <= statuses


def named(spec: Spec, id_: str) -> Indicator:
    found = spec.indicator(id_)
    assert found is not None
    return found


def test_values_on_a_threshold_are_judged_on_their_own(spec: Spec, tmp_path: Path) -> None:
    """A value exactly on a threshold (R = 0.95, the target itself, growth at 0.95 g*) is left
    to the exact path; a value well inside a band is judged in columns."""
    year = 2018
    s, n = Fraction(3, 5), 3
    level = named(spec, "national-high-tech-enterprises")  # 6151 → more than 7000
    total = named(spec, "haiying-talents-added")  # at least 250 added
    growth = named(spec, "park-revenue-growth")  # at least 10% a year from 16300
    b, t = Fraction(6151), Fraction(7000)
    on = {
        level.id: b + Fraction(95, 100) * (t - b) * s,
        total.id: Fraction(250),
        growth.id: 16300 * (1 + Fraction(95, 100) * Fraction(1, 10)) ** n,
    }
    off = {
        level.id: b + Fraction(1, 2) * (t - b) * s,
        total.id: Fraction(100),
        growth.id: 16300 * (1 + Fraction(1, 2) * Fraction(1, 10)) ** n,
    }
    rest = {ind.id: baseline(ind) for ind in spec.indicators}
    path = tmp_path / "thresholds.csv"
    path.write_text(panel_text(spec, [{**rest, **on}, {**rest, **off}], year), encoding="utf-8")
    found = tally(spec, path, year)
    for id_ in on:
        assert ("r000", id_) in found.alone
        assert ("r001", id_) in found.columns
    assert_same_as_region_by_region(spec, path, year, alone=False)
    statuses = {o.id: o.status.value for o in judged(spec, path, year).regions[0].indicators}
    assert statuses[level.id] == "on_track"  # R exactly 0.95
    assert statuses[total.id] == "achieved"  # exactly the target
    assert statuses[growth.id] == "on_track"  # g_t exactly 0.95 g*


def test_what_has_no_plain_form_is_judged_on_its_own(spec: Spec, tmp_path: Path) -> None:
    """Kinds without `many`, ceilings, holds, compound paths and approximate rows are judged
    region by region; the plain indicators in columns."""
    year = 2018
    rest = {ind.id: baseline(ind) * Fraction(11, 10) for ind in spec.indicators}
    path = tmp_path / "kinds.csv"
    path.write_text(panel_text(spec, [rest], year), encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace(
        f"r000,1,{year},", f"r000,1,{year},约"
    )  # an approximate value (约 6766.1)
    path.write_text(text, encoding="utf-8")
    found = tally(spec, path, year)
    alone = {id_ for _, id_ in found.alone}
    assert {
        "national-high-tech-enterprises",  # approximate
        "compound-level",
        "energy-intensity",  # a change: no `many`
        "land-ceiling",
        "no-decline",
    } <= alone
    assert {"added-yearly", "park-revenue-growth", "level-down", "balance"} <= {
        id_ for _, id_ in found.columns
    }
    assert_same_as_region_by_region(spec, path, year, alone=False)


def test_benchmark_panel_is_judged_as_region_by_region(tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    haidian = parse_spec(haidian_raw())
    write_panel(path, haidian, 120)
    spec_file = ROOT / "targets" / "indicators.yaml"
    for year in ("2018", "2020"):
        args = [str(path), "--spec", str(spec_file), "--year", year, "--format"]
        fast = [cli(*args, f) for f in ("json", "table", "markdown")]
        with region_by_region():
            assert fast == [cli(*args, f) for f in ("json", "table", "markdown")]
    found = tally(haidian, path, 2018)
    assert len(found.columns) > 0.9 * 120 * len(haidian.indicators)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    year=st.sampled_from([2016, 2018, 2020]),
    paces=PACES,
)
def test_random_panels_are_judged_as_region_by_region(
    spec: Spec, tmp_path_factory: pytest.TempPathFactory, year: int, paces: list[Fraction]
) -> None:
    """Regions moving at their own paces (values rounded to six decimals: most near, not on, a
    threshold), in a year before the end and in the end year."""
    s = Fraction(year - spec.plan.base_year, spec.plan.end_year - spec.plan.base_year)
    n = year - spec.plan.base_year
    chosen: list[dict[str, Fraction]] = []
    for pace in paces:
        values: dict[str, Fraction] = {}
        for ind in spec.indicators:
            b, t = baseline(ind), Fraction(ind.target.number)
            match ind.target.kind:
                case TargetKind.LEVEL:
                    v = b + (t - b) * s * pace
                case TargetKind.CUMULATIVE:
                    v = (0 if ind.reporting is Reporting.ADDITION else b) + t * s * pace
                case TargetKind.AVERAGE_GROWTH:
                    v = b * max(1 + t / 100 * pace, Fraction(1, 10)) ** n
                case _:
                    v = b * (1 + t / 100 * s * pace)
            rounded = Fraction(round(v, 6))
            values[ind.id] = rounded if reportable(ind, rounded) else baseline(ind)
        chosen.append(values)
    path = tmp_path_factory.mktemp("random") / "panel.csv"
    path.write_text(panel_text(spec, chosen, year), encoding="utf-8")
    assert_same_as_region_by_region(spec, path, year, alone=True)


def sparse_raw() -> dict[str, Any]:
    """The columnar plan with a growth target tied to another indicator's growth, and a region
    (r002) with a plan of its own."""
    raw = columnar_raw()
    tied = {k: v for k, v in raw["indicators"][0].items() if k not in ("baseline", "target")}
    tied.update(
        {
            "no": len(raw["indicators"]) + 1,
            "id": "tied-growth",
            "name": {"en": "tied-growth"},
            "unit": {"zh": "亿元"},
            "direction": "increase",
            "baseline": {"value": 500},
            "target": {
                "kind": "average_growth",
                "comparator": "at_least",
                "reference": "park-revenue-growth",
            },
        }
    )
    raw["indicators"].append(tied)
    raw["regions"] = {"r002": {"national-high-tech-enterprises": {"target": {"value": 6900}}}}
    return raw


def sparse_panel(spec: Spec, year: int, kept: list[tuple[set[int], bool]]) -> str:
    """Region `r` has only the rows of the indicators numbered in `kept[r][0]` (all of them
    where the set is empty), and with `kept[r][1]` only their rows of `year`; the values are the
    baselines moved a tenth towards the target (added values for yearly additions)."""
    full = {ind.id: baseline(ind) * Fraction(11, 10) for ind in spec.indicators}
    header, *rows = panel_text(spec, [full] * len(kept), year).splitlines()
    chosen = [header]
    for row in rows:
        region, number, row_year, *_ = row.split(",")
        numbers, only_year = kept[int(region[1:])]
        if (not numbers or int(number) in numbers) and (not only_year or int(row_year) == year):
            chosen.append(row)
    return "\n".join(chosen) + "\n"


def test_regions_without_rows_share_one_judgement(tmp_path: Path) -> None:
    """A region without any row of an indicator gets the one judgement of no rows, the same as
    its own data gives; a region with a base-year row only, a plan of its own, a target tied to
    an indicator it reports, or an assessed indicator is judged on its own."""
    raw = sparse_raw()
    spec = parse_spec(raw)
    year = 2018
    data_baseline = next(ind for ind in spec.indicators if ind.baseline is None)
    kept = [
        ({1}, True),  # one row, as bench/many_regions.py
        ({data_baseline.no}, False),  # the indicator's base-year row and its 2018 row
        ({1}, True),  # r002 has a plan of its own
        (set(), False),  # every row
        ({named(spec, "park-revenue-growth").no}, False),  # the reference, not the tied one
    ]
    path = tmp_path / "sparse.csv"
    path.write_text(sparse_panel(spec, year, kept), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    # r001 keeps only the base-year row of its indicator: no value for 2018
    path.write_text(
        "".join(
            line
            for line in text.splitlines(keepends=True)
            if not line.startswith(f"r001,{data_baseline.no},{year},")
        ),
        encoding="utf-8",
    )
    found = tally(spec, path, year)
    ids = {ind.id for ind in spec.indicators}
    first = spec.indicators[0].id
    shared = set(found.without_rows)
    assert {("r000", id_) for id_ in ids - {first, "tied-growth"}} <= shared
    assert ("r000", "tied-growth") in found.alone  # a tied target reads another's rows
    assert ("r001", data_baseline.id) in found.alone  # a base-year row is a row
    assert all(region != "r002" for region, _ in found.without_rows + found.columns)
    assert all(region != "r003" for region, _ in found.without_rows)
    assert ("r004", "tied-growth") in found.alone  # its reference has rows there
    assert ("r004", "level-down") in shared
    assessed = Assessments(
        (Assessment(indicator="level-down", status=Status.BEHIND, reason="", file="a.yaml"),)
    )
    with_assessment = tally(spec, path, year, assessed)
    assert ("r000", "level-down") in with_assessment.alone
    assert_same_as_region_by_region(spec, path, year, alone=True, raw=raw)
    statuses = {o.status.value for r in judged(spec, path, year).regions for o in r.indicators}
    assert "no_data" in statuses


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    year=st.sampled_from([2016, 2020]),
    kept=st.lists(
        st.tuples(st.sets(st.integers(1, 12), max_size=4), st.booleans()), min_size=2, max_size=4
    ),
)
def test_random_sparse_panels_are_judged_as_region_by_region(
    tmp_path_factory: pytest.TempPathFactory, year: int, kept: list[tuple[set[int], bool]]
) -> None:
    """Regions reporting a few indicators, some only in the assessment year."""
    raw = sparse_raw()
    spec = parse_spec(raw)
    path = tmp_path_factory.mktemp("sparse") / "panel.csv"
    path.write_text(sparse_panel(spec, year, kept), encoding="utf-8")
    assert_same_as_region_by_region(spec, path, year, alone=True, raw=raw)


def test_regions_alike_in_scores_keep_their_own_statuses(spec: Spec, tmp_path: Path) -> None:
    """Two regions whose indicators score alike but differ in a status (off track at R = 0,
    regressing below it: both score 0) have their own summaries: scores shared between
    regions are keyed by the statuses too."""
    year = 2018
    level = named(spec, "national-high-tech-enterprises")  # 6151 → more than 7000
    rest = {ind.id: baseline(ind) * Fraction(11, 10) for ind in spec.indicators}
    chosen = [{**rest, level.id: Fraction(6151)}, {**rest, level.id: Fraction(6100)}]
    path = tmp_path / "alike.csv"
    path.write_text(panel_text(spec, chosen, year), encoding="utf-8")
    first, second = judged(spec, path, year).regions
    assert [o.score for o in first.indicators] == [o.score for o in second.indicators]
    assert first.summary.status_counts != second.summary.status_counts
    assert_same_as_region_by_region(spec, path, year, alone=True)


def test_measurements_alike_share_one_outcome_but_for_a_zero_sign(spec: Spec) -> None:
    """`decide_many` builds one outcome for measurements alike, keyed by their figures; 0.0
    and -0.0 are equal numbers, but the JSON writes the sign, so they keep their own (the
    reader gives no -0, so a panel cannot show this: it is checked on measurements)."""
    balance = named(spec, "balance")
    plain = Measured(actual=10.0, expected=20.0, baseline=-120.0, ratio=0.5, met=False, band=2)
    zero, negative = plain._replace(actual=0.0), plain._replace(actual=-0.0)
    found = decide_many(spec, balance, 2018, [plain, zero, None, negative, plain, zero])
    assert found[2] is None
    assert found[0] is found[4]
    assert found[1] is found[5]
    assert found[1] is not found[3]
    shown = [d.outcome.model_dump_json() for d in found if d is not None]
    assert '"actual":-0.0' in shown[2]
    assert '"actual":0.0' in shown[1]
    alone = [decide_many(spec, balance, 2018, [m])[0] for m in (plain, zero, negative)]
    assert [d.outcome.model_dump_json() for d in alone if d is not None] == shown[:3]


@pytest.mark.parametrize("id_", ["haiying-talents-added", "enterprise-rd-institutions"])
def test_regions_alike_in_value_but_not_in_baseline_are_measured_each(
    tmp_path: Path, id_: str
) -> None:
    """A kind's `many` measures regions reporting the same figures once; the key is the value
    and the baseline, so two regions with the same value in the year but different base-year
    values (a running total or a level without a baseline in the spec) are measured each."""
    raw = columnar_raw()
    for indicator in raw["indicators"]:
        if indicator["id"] == id_:
            indicator.pop("baseline", None)
    spec = parse_spec(raw)
    year = 2018
    ind = named(spec, id_)
    rest = {i.id: baseline(i) * Fraction(11, 10) for i in spec.indicators}
    text = panel_text(spec, [rest, rest, rest], year)
    base = f"r001,{ind.no},{spec.plan.base_year},{decimal_text(baseline(ind))},"
    assert base in text
    lower = decimal_text(baseline(ind) * Fraction(1, 2))
    text = text.replace(base, f"r001,{ind.no},{spec.plan.base_year},{lower},")
    path = tmp_path / "baselines.csv"
    path.write_text(text, encoding="utf-8")
    found = tally(spec, path, year)
    assert {(r, id_) for r in ("r000", "r001", "r002")} <= set(found.columns)
    first, second, third = (
        next(o for o in region.indicators if o.id == id_)
        for region in judged(spec, path, year).regions
    )
    assert first == third
    assert first.baseline != second.baseline
    assert_same_as_region_by_region(spec, path, year, alone=True, raw=raw)
