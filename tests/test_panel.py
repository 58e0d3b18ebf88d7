"""Panels: data with a region column, per-region baselines and targets, ranking."""

from __future__ import annotations

import copy
import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planchk.data import load_data
from planchk.engine import EvaluationError, evaluate
from planchk.formats import RenderOptions
from planchk.formats.json_format import _escaped, render_panel, stream_panel
from planchk.history import evaluate_history
from planchk.panel import Shared, evaluate_panel, evaluate_region, judge_region, rank_regions
from planchk.problems import InputError, ProblemCode, Severity
from planchk.results import PanelReport, RegionResult, Report, ValueRange
from planchk.spec import Comparator, Spec, SpecError, TargetKind, parse_spec
from planchk.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
PANEL = Path(__file__).resolve().parent / "fixtures" / "panel" / "districts.csv"

# District 2's own plan: a lower baseline and target for indicator 1, a lower growth target for
# indicator 8 (binding), and an "about" target with its own tolerance for indicator 14.
OVERRIDES: dict[str, Any] = {
    "national-high-tech-enterprises": {
        "baseline": {"value": 5000, "source": "district plan"},
        "target": {"value": 5600},
    },
    "park-revenue-growth": {"target": {"value": 8}},
    "innovative-firms-over-10bn": {"target": {"value": 28, "tolerance": {"absolute": 1}}},
}


def raw_spec() -> dict[str, Any]:
    raw = load_yaml((ROOT / "targets" / "indicators.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def region_spec_by_hand(raw: dict[str, Any], overrides: dict[str, Any]) -> Spec:
    """A region's plan written out in full, without the regions section: the way a district
    that evaluates its own data alone would write it."""
    own = copy.deepcopy(raw)
    for indicator in own["indicators"]:
        override = overrides.get(indicator["id"], {})
        if "baseline" in override:
            indicator["baseline"] = override["baseline"]
        indicator["target"] = {**indicator["target"], **override.get("target", {})}
    return parse_spec(own)


def panel_rows() -> list[dict[str, str]]:
    """The fixture panel with gaps: district 3 lacks indicator 9 in 2020 and district 5 has no
    2020 at all; district 2's base-year row of indicator 1 matches its own baseline; and a
    region with a Chinese name."""
    with PANEL.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = [
        r
        for r in rows
        if not (r["region"] == "district-0003" and r["indicator"] == "9" and r["year"] == "2020")
        and not (r["region"] == "district-0005" and r["year"] == "2020")
    ]
    for row in kept:
        if row["region"] == "district-0002" and row["indicator"] == "1" and row["year"] == "2015":
            row["value"] = "5000"
    kept += [{**r, "region": "海淀区"} for r in rows if r["region"] == "district-0004"]
    return kept


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def comparable(report: Report) -> dict[str, Any]:
    """A report without where its data came from (file names and lines differ by design)."""
    dumped = report.model_dump(mode="json")
    del dumped["data_files"], dumped["warnings"]
    return {key: _without_places(value) for key, value in dumped.items()}


def _without_places(value: Any) -> Any:
    """`value` without the file and line of every observation (or trajectory point) in it."""
    if isinstance(value, dict):
        return {k: _without_places(v) for k, v in value.items() if k not in ("file", "line")}
    if isinstance(value, list):
        return [_without_places(v) for v in value]
    return value


@pytest.fixture
def regions_spec() -> Spec:
    raw = raw_spec()
    raw["regions"] = {"district-0002": OVERRIDES}
    return parse_spec(raw)


@pytest.fixture
def panel_file(tmp_path: Path) -> Path:
    return write_rows(
        tmp_path / "panel.csv", panel_rows(), ["region", "indicator", "year", "value", "unit"]
    )


@pytest.mark.parametrize("year", [None, 2018])
def test_panel_equals_each_region_evaluated_alone(
    regions_spec: Spec, panel_file: Path, tmp_path: Path, year: int | None
) -> None:
    dataset = load_data([panel_file], regions_spec)
    panel = evaluate_panel(regions_spec, dataset, year)
    assert [r.region for r in panel.regions] == [
        "district-0001",
        "district-0002",
        "district-0003",
        "district-0004",
        "district-0005",
        "海淀区",
    ]
    assert panel.year == (year or 2020)
    raw = raw_spec()
    for number, entry in enumerate(panel.regions):
        # The region's rows alone, in a file without a region column, against its own plan
        # written out in full: what the district would run by itself.
        own_spec = region_spec_by_hand(raw, OVERRIDES if entry.region == "district-0002" else {})
        rows = [r for r in panel_rows() if r["region"] == entry.region]
        own_file = write_rows(
            tmp_path / f"alone-{number}.csv", rows, ["indicator", "year", "value", "unit"]
        )
        alone = evaluate(own_spec, load_data([own_file], own_spec), panel.year)
        expected = RegionResult.of(entry.region, alone)
        assert entry.model_copy(update={"warnings": ()}) == expected, entry.region
        # The region's full report (--region NAME) is what `planchk evaluate` gives for its rows
        # alone: the assessment year's report with every earlier year of its data.
        detail = evaluate_region(
            regions_spec, dataset.for_region(entry.region), entry.region, panel.year
        )
        alone_history = evaluate_history(own_spec, load_data([own_file], own_spec), panel.year)
        assert comparable(detail) == comparable(alone_history), entry.region
        assert detail.summary == alone.summary, entry.region
    # The comparison is not vacuous: the regions differ, and the overrides and gaps show.
    statuses = {r.status for entry in panel.regions for r in entry.indicators}
    if year is None:  # the end year: achieved or not, or no data
        assert statuses == {"achieved", "not_achieved", "no_data"}
    else:
        assert len(statuses) >= 4
    assert len({entry.summary.score for entry in panel.regions}) >= 5
    by_region = {entry.region: entry for entry in panel.regions}
    own = by_region["district-0002"].indicators[0]
    assert (own.baseline, own.target) == (5000, 5600)
    assert by_region["district-0001"].indicators[0].target == 7000
    if year is None:
        assert all(r.status == "no_data" for r in by_region["district-0005"].indicators)
        assert by_region["district-0003"].indicators[8].status == "no_data"


def test_ranking_orders_scores_and_shares_ranks(regions_spec: Spec, panel_file: Path) -> None:
    panel = evaluate_panel(regions_spec, load_data([panel_file], regions_spec), 2018)
    assert_ranking(panel)
    # district-0004 and 海淀区 have the same data, so the same score and the same rank.
    ranks = {r.region: r for r in panel.ranking}
    assert ranks["district-0004"].score == ranks["海淀区"].score
    assert ranks["district-0004"].rank == ranks["海淀区"].rank
    again = rank_regions(list(reversed(panel.regions)))
    assert again == panel.ranking  # the order of the data does not change the ranking


def assert_ranking(panel: PanelReport) -> None:
    ranked = [r for r in panel.ranking if r.rank is not None]
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, key=lambda s: -(s or 0))
    for position, entry in enumerate(ranked, start=1):
        first = next(i for i, r in enumerate(ranked, start=1) if r.score == entry.score)
        assert entry.rank == first, (position, entry)
    unranked = [r for r in panel.ranking if r.rank is None]
    assert all(r.score is None for r in unranked)
    assert panel.ranking[len(ranked) :] == tuple(unranked)


def test_withheld_region_is_ranked_last(regions_spec: Spec, panel_file: Path) -> None:
    panel = evaluate_panel(regions_spec, load_data([panel_file], regions_spec))
    last = panel.ranking[-1]
    assert (last.region, last.rank, last.score) == ("district-0005", None, None)
    assert last.coverage == 0
    assert_ranking(panel)


def test_a_dataset_without_regions_is_not_a_panel(spec: Spec) -> None:
    dataset = load_data([ROOT / "data" / "2018.csv"], spec)
    assert not dataset.is_panel
    assert dataset.regions == ()
    with pytest.raises(EvaluationError, match="no region column"):
        evaluate_panel(spec, dataset)


def test_a_panel_is_read_one_region_at_a_time(spec: Spec) -> None:
    dataset = load_data([PANEL], spec)
    with pytest.raises(EvaluationError, match="holds 5 regions"):
        evaluate(spec, dataset)
    assert len(dataset.regions) == 5
    with pytest.raises(ValueError, match="several regions"):
        dataset.get("rd-intensity", 2018)
    region = dataset.for_region("district-0003")
    assert region.regions == ("district-0003",)
    assert len(region.observations) == 120
    assert region.get("rd-intensity", 2018) is not None
    split = dataset.split_regions()
    assert list(split) == list(dataset.regions)
    assert split["district-0003"].observations == region.observations
    with pytest.raises(KeyError):
        dataset.for_region("nowhere")


# --- loading panels -------------------------------------------------------------------------


def test_chinese_region_header_and_names_are_normalised(spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    path.write_text(
        "地区,指标,年份,数值\n海淀区,4,2018,4.9\n 海淀区 ,9,2018,60\n朝阳区,4,2018,3.1\n",
        encoding="utf-8",
    )
    dataset = load_data([path], spec)
    assert dataset.regions == ("海淀区", "朝阳区")
    assert [o.region for o in dataset.observations] == ["海淀区", "海淀区", "朝阳区"]


def test_same_indicator_and_year_in_two_regions_is_no_duplicate(spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    path.write_text(
        "region,indicator,year,value\na,4,2018,4.9\nb,4,2018,4.9\na,4,2018,5.0\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_data([path], spec)
    (problem,) = caught.value.problems
    assert problem.code is ProblemCode.DUPLICATE_ROW
    assert (problem.line, problem.region) == (4, "a")
    assert f"{path}:2" in problem.message
    assert str(problem).startswith(f"{path}:4 (region 'a'): error duplicate-row: ")


def test_row_without_region_is_an_error(spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    path.write_text("region,indicator,year,value\na,4,2018,4.9\n,9,2018,60\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data([path], spec)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.column) == (ProblemCode.MISSING_VALUE, 3, "region")


def test_files_with_and_without_region_column_do_not_mix(spec: Spec, tmp_path: Path) -> None:
    panel = tmp_path / "a.csv"
    panel.write_text("region,indicator,year,value\na,4,2018,4.9\n", encoding="utf-8")
    single = tmp_path / "b.csv"
    single.write_text("indicator,year,value\n4,2018,4.9\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data([panel, single], spec)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.line) == (ProblemCode.BAD_HEADER, str(single), 1)
    assert "region column" in problem.message


def test_problems_and_warnings_carry_their_region(spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    path.write_text(
        "region,indicator,year,value\na,1,2015,6000\nb,1,2016,预计6300\nc,4,2018,x\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_data([path], spec)
    found = {(p.code, p.severity, p.region) for p in caught.value.problems}
    assert found == {
        (ProblemCode.INCONSISTENT_BASELINE, Severity.WARNING, "a"),
        (ProblemCode.PRELIMINARY_VALUE, Severity.WARNING, "b"),
        (ProblemCode.TYPE_ERROR, Severity.ERROR, "c"),
    }


def test_baseline_warning_uses_the_regions_own_baseline(regions_spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    path.write_text(
        "region,indicator,year,value\ndistrict-0002,1,2015,5000\ndistrict-0001,1,2015,5000\n",
        encoding="utf-8",
    )
    dataset = load_data([path], regions_spec)
    (warning,) = dataset.warnings
    assert (warning.code, warning.region) == (ProblemCode.INCONSISTENT_BASELINE, "district-0001")
    assert dataset.for_region("district-0001").warnings == (warning,)
    assert dataset.for_region("district-0002").warnings == ()


def test_plain_batches_read_as_row_by_row(
    spec: Spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The column-wise reading of plain batches gives exactly what row-by-row reading gives."""
    rows = panel_rows()
    path = write_rows(tmp_path / "p.csv", rows, ["region", "indicator", "year", "value", "unit"])
    fast = load_data([path], spec)
    from planchk import data  # noqa: PLC0415

    monkeypatch.setattr(data._RowReader, "_plain_batch", lambda *args: None)
    slow = load_data([path], spec)
    assert fast.observations == slow.observations
    assert [type(o.value) for o in fast.observations] == [type(o.value) for o in slow.observations]
    assert [str(o.value) for o in fast.observations] == [str(o.value) for o in slow.observations]
    assert fast.warnings == slow.warnings


def test_a_batch_with_one_unusual_row_is_read_row_by_row(spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    body = "".join(f"r{i},4,2018,{i}.5\n" for i in range(50))
    path.write_text(
        "region,indicator,year,value,note\n" + body + "r99,4,2018,~7,\nr98,4,2018,0.00,\n",
        encoding="utf-8",
    )
    dataset = load_data([path], spec)
    assert len(dataset.observations) == 52
    about = dataset.for_region("r99").observations[0]
    assert (str(about.qualifier), about.value) == ("about", Decimal(7))
    zero = dataset.for_region("r98").observations[0]
    assert str(zero.value) == "0"


# --- per-region baselines and targets in the spec ---------------------------------------------


def test_for_region_applies_overrides(regions_spec: Spec) -> None:
    own = regions_spec.for_region("district-0002")
    first = own.indicator("1")
    assert first is not None
    assert first.baseline is not None
    assert (first.baseline.value, first.target.value) == (Decimal(5000), Decimal(5600))
    assert first.target.comparator is Comparator.MORE_THAN
    growth = own.indicator("park-revenue-growth")
    assert growth is not None
    assert growth.target.value == Decimal(8)
    assert growth.target.kind is TargetKind.AVERAGE_GROWTH
    assert own.regions == {}
    assert regions_spec.for_region("district-0001") is regions_spec
    assert regions_spec.for_region(None) is regions_spec
    assert regions_spec.for_region("ｄｉｓｔｒｉｃｔ-0002") is own  # full-width: the same region
    plan_first = regions_spec.indicator("1")
    assert plan_first is not None
    assert plan_first.target.value == 7000


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"nonexistent": {"target": {"value": 1}}}, "unknown indicator id 'nonexistent'"),
        (
            {"rd-intensity": {"target": {"value": 5, "comparator": "at_most"}}},
            "regions.x.rd-intensity.target.comparator: comparator at_most contradicts",
        ),
        (
            {"rd-intensity": {"target": {"value": 5, "tolerance": {"relative": 1}}}},
            "`tolerance` applies only to the comparator about",
        ),
        ({"rd-intensity": {}}, "give the region's baseline, its target, or both"),
        ({"rd-intensity": {"target": {"value": 5, "kind": "level"}}}, "unknown key"),
        (
            {"park-revenue-growth": {"target": {"value": -100}}},
            "a percentage change must be above -100",
        ),
    ],
)
def test_bad_region_overrides_are_spec_errors(override: dict[str, Any], message: str) -> None:
    raw = raw_spec()
    raw["regions"] = {"x": override}
    with pytest.raises(SpecError) as caught:
        parse_spec(raw, "spec.yaml")
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems
    assert all(p.code is ProblemCode.INVALID_SPEC for p in caught.value.problems)


def test_the_same_region_twice_is_a_spec_error() -> None:
    raw = raw_spec()
    raw["regions"] = {
        "海淀区": {"rd-intensity": {"target": {"value": 6}}},
        "海淀区 ": {"rd-intensity": {"target": {"value": 7}}},
    }
    with pytest.raises(SpecError, match="the same region as '海淀区'"):
        parse_spec(raw)


# --- memory: equal parts shared, the JSON written a region at a time --------------------------


def one_row_regions(tmp_path: Path, names: list[str]) -> Path:
    rows = [
        {"region": name, "indicator": "1", "year": "2018", "value": str(9000 + 500 * (n % 3))}
        for n, name in enumerate(names)
    ]
    return write_rows(tmp_path / "one-row.csv", rows, ["region", "indicator", "year", "value"])


def test_equal_parts_of_regions_are_one_object(spec: Spec, tmp_path: Path) -> None:
    names = [f"district-{n:03d}" for n in range(30)]
    dataset = load_data([one_row_regions(tmp_path, names)], spec)
    panel = evaluate_panel(spec, dataset)
    for entry in panel.regions:  # shared, yet each region's own result
        alone = judge_region(spec, dataset.for_region(entry.region), entry.region, panel.year)
        assert entry == alone
    # an indicator without data has one outcome object in all 30 regions; three values of
    # indicator 1 give three outcomes; equal summaries are one object
    assert len({id(entry.indicators[1]) for entry in panel.regions}) == 1
    assert len({id(entry.indicators[0]) for entry in panel.regions}) == 3
    summaries = {entry.summary.model_dump_json() for entry in panel.regions}
    assert len({id(entry.summary) for entry in panel.regions}) == len(summaries)


def test_shared_parts_tell_negative_zero_apart() -> None:
    shared = Shared()
    first = shared.part(ValueRange(min=0.0, max=1.0))
    assert shared.part(ValueRange(min=0.0, max=1.0)) is first
    negative = shared.part(ValueRange(min=-0.0, max=1.0))
    assert negative is not first
    assert negative.model_dump_json() == '{"min":-0.0,"max":1.0}'


@pytest.mark.parametrize("names", [[], ["district-1"], ["a\u202eb", "##[error]x", "海淀区", "c"]])
def test_the_streamed_json_is_the_panel_as_pydantic_writes_it(
    spec: Spec, tmp_path: Path, names: list[str]
) -> None:
    if names:
        panel = evaluate_panel(spec, load_data([one_row_regions(tmp_path, names)], spec))
    else:
        full = evaluate_panel(spec, load_data([one_row_regions(tmp_path, ["x"])], spec))
        panel = full.model_copy(update={"regions": (), "ranking": ()})
    options = RenderOptions()
    chunks = list(stream_panel(panel, options))
    assert len(chunks) == len(panel.regions) + 2
    text = b"".join(chunks).decode()
    assert text == render_panel(panel, options)
    assert text == _escaped(panel.model_dump_json(indent=2) + "\n")
    assert json.loads(text)["regions"] == json.loads(panel.model_dump_json())["regions"]
    assert "\u202e" not in text
    assert "##[" not in text
