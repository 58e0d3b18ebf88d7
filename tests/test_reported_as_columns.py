"""The 口径 (`reported_as`) and 价格口径 (`price_basis`) columns, read from every layout and source:
long and wide tables, CSV, XLSX, Parquet and SQLite give the same observations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import Observation, read_data
from planchk.policy import RevisionPolicy
from planchk.problems import ProblemCode
from planchk.revisions import revisions
from planchk.sources import SqlSource
from planchk.spec import PriceBasis, Reporting, Spec, load_spec
from tables import read_csv, write_parquet, write_sql

CASES = Path(__file__).resolve().parent / "cases"
SPEC = CASES / "valid" / "reported-as-wide" / "spec.yaml"
runner = CliRunner()

LONG = [
    ["indicator", "year", "value", "unit", "reported_as", "price_basis"],
    ["co2-intensity", "2016", "-6.6", "%", "", ""],
    ["co2-intensity", "2020", "-1.0", "%", "比上年", ""],
    ["co2-intensity", "2020", "-18.8", "%", "比基期", ""],
    ["gdp", "2015", "10000", "亿元", "当年值", "现价"],
    ["gdp", "2016", "6.9", "%", "yearly_change", "可比价"],
    ["gdp", "2016", "10800", "亿元", "", "current"],
]
WIDE = [
    ["指标", "单位", "口径", "价格口径", "2015年", "2016年", "2020年"],
    ["单位GDP二氧化碳排放降低", "%", "", "", "", "-6.6", "-1.0"],
    ["单位GDP二氧化碳排放降低", "%", "比基期", "", "", "", "-18.8"],
    ["地区生产总值", "亿元", "当年值", "现价", "10000", "10800", ""],
    ["地区生产总值", "%", "比上年", "可比价", "", "6.9", ""],
]
#: (indicator, year, value, reported_as, price_basis) of the rows above, in either layout
EXPECTED = {
    ("co2-intensity", 2016, "-6.6", None, None),
    ("co2-intensity", 2020, "-1.0", None, None),  # 比上年 is the spec's reporting
    ("co2-intensity", 2020, "-18.8", Reporting.CHANGE_FROM_BASE, None),
    ("gdp", 2015, "10000", None, PriceBasis.CURRENT),  # 当年值 is the spec's reporting
    ("gdp", 2016, "6.9", Reporting.YEARLY_CHANGE, PriceBasis.COMPARABLE),
    ("gdp", 2016, "10800", None, PriceBasis.CURRENT),
}


@pytest.fixture
def spec() -> Spec:
    return load_spec(SPEC)


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for cells in rows:
        sheet.append([text or None for text in cells])
    workbook.save(path)
    return path


def _seen(observations: Sequence[Observation]) -> set[tuple[object, ...]]:
    return {
        (o.indicator_id, o.year, str(o.value), o.reported_as, o.price_basis) for o in observations
    }


def _read(path: Path | SqlSource, spec: Spec) -> set[tuple[object, ...]]:
    loaded = read_data([path], spec)
    assert [p.message for p in loaded.problems] == []
    return _seen(loaded.dataset.observations)


def test_long_csv(tmp_path: Path, spec: Spec) -> None:
    assert _read(_csv(tmp_path / "d.csv", LONG), spec) == EXPECTED


def test_chinese_headers(tmp_path: Path, spec: Spec) -> None:
    header = ["指标", "年份", "数值", "单位", "口径", "价格口径"]
    assert _read(_csv(tmp_path / "d.csv", [header, *LONG[1:]]), spec) == EXPECTED


def test_wide_csv(tmp_path: Path, spec: Spec) -> None:
    assert _read(_csv(tmp_path / "d.csv", WIDE), spec) == EXPECTED


def test_long_and_wide_workbooks(tmp_path: Path, spec: Spec) -> None:
    # figures as text cells: a number cell keeps no trailing zero (-1.0 is -1)
    assert _read(_xlsx(tmp_path / "long.xlsx", LONG), spec) == EXPECTED
    assert _read(_xlsx(tmp_path / "wide.xlsx", WIDE), spec) == EXPECTED


def test_parquet_and_sqlite(tmp_path: Path, spec: Spec) -> None:
    table = read_csv(_csv(tmp_path / "d.csv", LONG))
    write_parquet(table, tmp_path / "d.parquet")
    assert _read(tmp_path / "d.parquet", spec) == EXPECTED
    url = f"sqlite:///{tmp_path / 'd.db'}"
    write_sql(table, url, "observations")
    assert _read(SqlSource(url, table="observations"), spec) == EXPECTED


def test_a_change_row_is_in_percent(tmp_path: Path, spec: Spec) -> None:
    rows = [LONG[0], ["gdp", "2016", "6.9", "亿元", "比上年", ""]]
    problems = read_data([_csv(tmp_path / "d.csv", rows)], spec).problems
    assert [(p.code, p.column) for p in problems] == [(ProblemCode.UNIT_MISMATCH, "unit")]


def test_two_rows_reported_alike_are_duplicates(tmp_path: Path, spec: Spec) -> None:
    rows = [
        LONG[0],
        ["gdp", "2016", "6.9", "%", "比上年", ""],
        ["gdp", "2016", "7", "%", "同比", ""],
    ]
    problems = read_data([_csv(tmp_path / "d.csv", rows)], spec).problems
    assert [(p.code, p.line) for p in problems] == [(ProblemCode.DUPLICATE_ROW, 3)]


def test_an_empty_column_reads_as_the_spec_says(tmp_path: Path, spec: Spec) -> None:
    """A plain batch (read column by column) with empty 口径 cells gives the rows as the spec
    reports them, as a batch read row by row does."""
    rows = [LONG[0], *[["forest-added", str(y), "10", "万亩", "", ""] for y in range(2016, 2021)]]
    found = read_data([_csv(tmp_path / "d.csv", rows)], spec).dataset.observations
    assert [(o.reported_as, o.price_basis) for o in found] == [(None, None)] * 5


@pytest.mark.parametrize(
    ("cells", "code", "column"),
    [
        (["gdp", "2016", "6.9", "%", "比去年", ""], ProblemCode.TYPE_ERROR, "reported_as"),
        (
            ["gdp", "2016", "6.9", "%", "当年新增", ""],
            ProblemCode.REPORTING_MISMATCH,
            "reported_as",
        ),
        (
            ["forest-added", "2016", "10", "万亩", "当年值", ""],
            ProblemCode.REPORTING_MISMATCH,
            "reported_as",
        ),
        (["gdp", "2016", "6.9", "%", "比上年", "可比"], ProblemCode.TYPE_ERROR, "price_basis"),
    ],
)
def test_a_row_that_cannot_be_read_names_the_field(
    tmp_path: Path, spec: Spec, cells: list[str], code: ProblemCode, column: str
) -> None:
    problems = read_data([_csv(tmp_path / "d.csv", [LONG[0], cells])], spec).problems
    assert [(p.code, p.line, p.column, p.column_number) for p in problems] == [
        (code, 2, column, LONG[0].index(column) + 1)
    ]


def test_revisions_compare_each_figure_with_its_own(tmp_path: Path, spec: Spec) -> None:
    """A year's yearly change and its change since the base year are two figures: unchanged,
    neither is a revision; a revised one is reported as itself."""
    before = read_data([_csv(tmp_path / "a.csv", LONG)], spec)
    # the two 2020 CO2 figures in the other order
    same = read_data([_csv(tmp_path / "b.csv", [*LONG[:2], LONG[3], LONG[2]])], spec)
    assert [r.kind for r in revisions(spec, before, same, RevisionPolicy.WARNING)] == [
        "removed",
        "removed",
        "removed",
    ]  # the three GDP rows; the two 2020 CO2 figures are unchanged
    changed = [*LONG[:3], ["co2-intensity", "2020", "-18.7", "%", "比基期", ""]]
    found = revisions(
        spec,
        read_data([_csv(tmp_path / "c.csv", LONG[:4])], spec),
        read_data([_csv(tmp_path / "d.csv", changed)], spec),
        RevisionPolicy.WARNING,
    )
    assert [(r.kind, r.year) for r in found] == [("revised", 2020)]


def test_explain_and_the_json_report_name_a_rows_own_reporting() -> None:
    case = CASES / "valid" / "reported-as-change-since-base"
    args = ["--spec", str(case / "spec.yaml"), "--year", "2020"]
    explained = runner.invoke(app, ["explain", "co2-intensity", str(case / "data.csv"), *args])
    assert explained.exit_code == 0, explained.output
    assert "2020: -18.8%; reported as “-18.8 (口径 比基期)”" in explained.stdout
    assert "V_t / V_B = (1 + (-18.8)/100) = 0.812" in explained.stdout
    report = runner.invoke(app, ["evaluate", str(case / "data.csv"), *args, "--format", "json"])
    indicators = json.loads(report.stdout)["indicators"]
    gdp = next(r for r in indicators if r["id"] == "gdp")
    assert [(o["year"], o.get("reported_as")) for o in gdp["observations"]] == [
        (2015, None),  # the baseline's row, as the spec reports it (当年值)
        (2016, None),
        (2017, "yearly_change"),
        (2018, "yearly_change"),
        (2019, "yearly_change"),
        (2020, "yearly_change"),
    ]
