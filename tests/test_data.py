"""load_data: data files (CSV in any common encoding, XLSX) checked against the real spec."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from planchk.data import Dataset, Observation, load_data
from planchk.problems import InputError, Problem, ProblemCode, Severity
from planchk.quantities import Qualifier
from planchk.spec import Spec

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data"
HEADER = "indicator,year,value,unit,source,note\n"


def write_csv(directory: Path, name: str, body: str, header: str = HEADER) -> Path:
    """A UTF-8 CSV file under `directory` with `header` and then `body`."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body, encoding="utf-8", newline="")
    return path


def load_problems(paths: list[Path], spec: Spec) -> list[Problem]:
    """The problems of data that must fail to load."""
    with pytest.raises(InputError) as info:
        load_data(paths, spec)
    return info.value.problems


def only_problem(paths: list[Path], spec: Spec) -> Problem:
    problems = load_problems(paths, spec)
    assert len(problems) == 1, problems
    return problems[0]


def one_observation(dataset: Dataset) -> Observation:
    assert len(dataset.observations) == 1, dataset.observations
    return dataset.observations[0]


# --- the committed fixtures are what they claim to be ---------------------------------------


def test_fixture_encodings_are_as_named() -> None:
    bom = (FIXTURES / "utf8_bom.csv").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in bom
    gbk = (FIXTURES / "gbk_chinese_headers.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert gbk.decode("gbk").startswith("指标,年份,数值,单位,来源,备注")
    gb18030 = (FIXTURES / "gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb18030.decode("gbk")
    assert "𠮷" in gb18030.decode("gb18030")
    assert b"\x00" in (FIXTURES / "binary.csv").read_bytes()


# --- encodings and headers ----------------------------------------------------------------


def test_utf8_with_bom_and_crlf(spec: Spec) -> None:
    path = FIXTURES / "utf8_bom.csv"
    dataset = load_data([path], spec)
    assert [(o.indicator_id, o.year, o.value, o.line) for o in dataset.observations] == [
        ("rd-intensity", 2018, Decimal("4.9"), 2),
        ("high-tech-value-added-share", 2018, Decimal("60.0"), 3),
    ]
    assert dataset.observations[1].note == "占全区GDP比重"
    assert dataset.observations[0].file == str(path)
    assert dataset.warnings == ()
    assert dataset.files == (str(path),)


def test_gbk_with_chinese_headers(spec: Spec) -> None:
    dataset = load_data([FIXTURES / "gbk_chinese_headers.csv"], spec)
    by_id = {o.indicator_id: o for o in dataset.observations}
    assert set(by_id) == {
        "national-high-tech-enterprises",
        "park-revenue-growth",
        "listed-companies",
    }
    enterprises = by_id["national-high-tech-enterprises"]
    assert enterprises.value == Decimal(10500)  # "10,500", quoted
    assert enterprises.source == "统计公报"
    assert enterprises.note == "高新技术企业总数"
    assert enterprises.reported_unit == "家"
    revenue = by_id["park-revenue-growth"]
    assert revenue.value == Decimal(22500)
    assert revenue.reported == "2.25"
    assert revenue.reported_unit == "万亿元"
    assert revenue.note == "园区规模以上企业总收入"
    assert by_id["listed-companies"].line == 4


def test_gb18030_beyond_gbk_and_alternative_chinese_headers(spec: Spec) -> None:
    # 指标名称, 年度, 值, 数据来源 are accepted, as is a year written 2018年.
    obs = one_observation(load_data([FIXTURES / "gb18030.csv"], spec))
    assert obs.indicator_id == "technology-contracts-growth"
    assert obs.year == 2018
    assert obs.value == Decimal(1700)
    assert obs.source == "市科委"
    assert obs.note == "𠮷"


def test_english_headers_in_any_case_and_extra_columns_are_ignored(
    tmp_path: Path, spec: Spec
) -> None:
    path = write_csv(
        tmp_path,
        "upper.csv",
        "7,1,2018,10500,家\n",
        header="序号, Indicator ,YEAR,Value,UNIT\n",
    )
    obs = one_observation(load_data([path], spec))
    assert (obs.indicator_id, obs.year, obs.value) == (
        "national-high-tech-enterprises",
        2018,
        Decimal(10500),
    )
    assert obs.source is None
    assert obs.note is None


def test_year_from_file_name(spec: Spec) -> None:
    dataset = load_data([FIXTURES / "year-from-name" / "2018.csv"], spec)
    assert [(o.indicator_id, o.year, o.value) for o in dataset.observations] == [
        ("national-high-tech-enterprises", 2018, Decimal(10500)),
        ("invention-patents-growth", 2018, Decimal(21000)),
        ("import-export-value", 2018, Decimal(301)),
    ]


def test_empty_year_cell_falls_back_to_file_name(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "2019.csv", "1,,11000,家,,\n2,2018,1030,家,,\n")
    dataset = load_data([path], spec)
    assert [(o.indicator_id, o.year) for o in dataset.observations] == [
        ("national-high-tech-enterprises", 2019),
        ("enterprise-rd-institutions", 2018),  # a year cell wins over the file name
    ]


@pytest.mark.parametrize("name", ["report.csv", "2018-q4.csv", "18.csv", "data2018.csv"])
def test_missing_year_column_without_year_file_name(tmp_path: Path, spec: Spec, name: str) -> None:
    path = write_csv(tmp_path, name, "1,10500,家\n", header="indicator,value,unit\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.BAD_HEADER
    assert problem.severity is Severity.ERROR
    assert problem.file == str(path)
    assert problem.line == 1
    assert "year" in problem.message
    assert "2018.csv" in problem.message  # the hint to name the file after the year


@pytest.mark.parametrize(
    ("header", "missing"),
    [("year,value,unit\n", "indicator"), ("indicator,year,unit\n", "value")],
)
def test_missing_required_column(tmp_path: Path, spec: Spec, header: str, missing: str) -> None:
    path = write_csv(tmp_path, "2018.csv", "1,2018,10500\n", header=header)
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.BAD_HEADER
    assert missing in problem.message


def test_column_given_twice_is_a_bad_header(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018,5,6\n", header="indicator,year,value,数值\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.BAD_HEADER
    assert problem.column == "数值"
    assert "twice" in problem.message


def test_blank_lines_before_header_are_skipped(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "\n,,\n" + HEADER + "1,2018,10500,家,,\n", header="")
    obs = one_observation(load_data([path], spec))
    assert obs.line == 4


# --- indicators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "listed-companies",
        "LISTED-COMPANIES",
        "10",
        "１０",
        "境内上市挂牌企业",
        "Companies listed or quoted on domestic markets",
    ],
)
def test_indicator_by_id_number_or_name(tmp_path: Path, spec: Spec, key: str) -> None:
    path = write_csv(tmp_path, "x.csv", f"{key},2018,640,家,,\n")
    obs = one_observation(load_data([path], spec))
    assert obs.indicator_id == "listed-companies"
    assert obs.value == Decimal(640)


def test_unknown_indicator(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018,10500,家,,\n21,2018,5,家,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.UNKNOWN_INDICATOR
    assert problem.severity is Severity.ERROR
    assert problem.file == str(path)
    assert problem.line == 3
    assert problem.column == "indicator"
    assert "'21'" in problem.message


def test_empty_indicator_cell(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", ",2018,10500,家,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.UNKNOWN_INDICATOR
    assert "no indicator" in problem.message


# --- duplicates ---------------------------------------------------------------------------


def test_duplicate_row_in_one_file_names_the_first_place(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(
        tmp_path,
        "x.csv",
        "1,2018,10500,家,,\n4,2018,4.9,%,,\nnational-high-tech-enterprises,2018,10500,家,,\n",
    )
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.DUPLICATE_ROW
    assert problem.line == 4
    assert f"{path}:2" in problem.message
    assert "2018" in problem.message


def test_same_figure_restated_in_another_file_is_used_once(tmp_path: Path, spec: Spec) -> None:
    first = write_csv(tmp_path, "a.csv", "8,2015,1.63,万亿元,,\n1,2015,6151,家,,\n")
    second = write_csv(tmp_path, "b.csv", "8,2015,16300,亿元,,restated\n1,2015,6151,家,,\n")
    dataset = load_data([first, second], spec)
    assert len(dataset.observations) == 2
    revenue = dataset.get("park-revenue-growth", 2015)
    assert revenue is not None
    assert revenue.file == str(first)
    assert revenue.reported_unit == "万亿元"
    assert revenue.value == Decimal(16300)
    assert dataset.warnings == ()


def test_different_value_in_another_file_is_a_duplicate(tmp_path: Path, spec: Spec) -> None:
    first = write_csv(tmp_path, "a.csv", "2,2015,850,家,,\n")
    second = write_csv(tmp_path, "b.csv", "2,2015,851,家,,\n")
    problem = only_problem([first, second], spec)
    assert problem.code is ProblemCode.DUPLICATE_ROW
    assert problem.file == str(second)
    assert problem.line == 2
    assert f"{first}:2" in problem.message
    assert "another value (850)" in problem.message


@pytest.mark.parametrize(("one", "other"), [(">6100", "6100"), ("预计6100", "6100")])
def test_same_number_with_other_qualifier_is_a_duplicate(
    tmp_path: Path, spec: Spec, one: str, other: str
) -> None:
    first = write_csv(tmp_path, "a.csv", f"1,2016,{one},家,,\n")
    second = write_csv(tmp_path, "b.csv", f"1,2016,{other},家,,\n")
    problems = load_problems([first, second], spec)
    assert [p.code for p in problems if p.severity is Severity.ERROR] == [ProblemCode.DUPLICATE_ROW]


def test_same_file_named_twice_is_read_once(spec: Spec) -> None:
    directory = FIXTURES / "submissions"
    dataset = load_data([directory, directory / "2016.csv"], spec)
    assert len(dataset.files) == len(set(dataset.files)) == 3
    assert len(dataset.observations) == 4


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "1.2.3", "N/A", "5,8"])
def test_unparsable_value_is_a_type_error(tmp_path: Path, spec: Spec, value: str) -> None:
    path = write_csv(tmp_path, "x.csv", f'1,2018,"{value}",家,,\n')
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.TYPE_ERROR
    assert problem.column == "value"
    assert problem.line == 2
    assert problem.location == f"{path}:2 [value]"


def test_magnitude_in_value_is_a_type_error_naming_the_unit_column(
    tmp_path: Path, spec: Spec
) -> None:
    path = write_csv(tmp_path, "x.csv", "8,2018,1.63万亿,,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.TYPE_ERROR
    assert "unit column" in problem.message


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_value_is_missing_value(tmp_path: Path, spec: Spec, value: str) -> None:
    path = write_csv(tmp_path, "x.csv", f"1,2018,{value},家,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.MISSING_VALUE
    assert problem.column == "value"
    assert problem.line == 2


def test_row_shorter_than_header_has_missing_value(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018\n")
    assert only_problem([path], spec).code is ProblemCode.MISSING_VALUE


def test_qualified_values_keep_their_qualifier(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2016,>6100,家,,\n13,2016,接近1.7,万家,,\n")
    dataset = load_data([path], spec)
    enterprises = dataset.get("national-high-tech-enterprises", 2016)
    new_firms = dataset.get("new-tech-enterprises-growth", 2016)
    assert enterprises is not None
    assert new_firms is not None
    assert (enterprises.value, enterprises.qualifier) == (Decimal(6100), Qualifier.AT_LEAST)
    assert (new_firms.value, new_firms.qualifier) == (Decimal(17000), Qualifier.ABOUT)
    assert enterprises.reported == ">6100"


# --- years --------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2014", "2021", "1999", "2100"])
def test_year_out_of_range(tmp_path: Path, spec: Spec, year: str) -> None:
    path = write_csv(tmp_path, "x.csv", f"1,{year},10500,家,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.YEAR_OUT_OF_RANGE
    assert problem.column == "year"
    assert problem.line == 2
    assert "2015-2020" in problem.message


def test_year_out_of_range_from_file_name(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "2021.csv", "1,10500,家\n", header="indicator,value,unit\n")
    assert only_problem([path], spec).code is ProblemCode.YEAR_OUT_OF_RANGE


@pytest.mark.parametrize(
    ("cell", "year"),
    [("2015", 2015), ("2020", 2020), ("2018年", 2018), ("2018.0", 2018), ("２０１８", 2018)],
)
def test_year_forms_accepted(tmp_path: Path, spec: Spec, cell: str, year: int) -> None:
    path = write_csv(tmp_path, "x.csv", f"2,{cell},850,家,,\n")
    assert one_observation(load_data([path], spec)).year == year


@pytest.mark.parametrize("cell", ["二〇一八", "18", "2018-12", "20180"])
def test_year_that_is_not_a_year(tmp_path: Path, spec: Spec, cell: str) -> None:
    path = write_csv(tmp_path, "x.csv", f"1,{cell},10500,家,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.TYPE_ERROR
    assert problem.column == "year"


def test_missing_year_cell_without_year_file_name(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,,10500,家,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.MISSING_YEAR
    assert problem.column == "year"


# --- units --------------------------------------------------------------------------------


def test_wan_yi_yuan_converted_exactly_to_yi_yuan(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "8,2018,1.63,万亿元,,\n")
    obs = one_observation(load_data([path], spec))
    assert isinstance(obs.value, Decimal)
    assert obs.value == Decimal(16300)
    assert obs.reported == "1.63"
    assert obs.reported_unit == "万亿元"


def test_wan_jian_converted_to_jian(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "5,2018,2.1,万件,,\n6,2018,1180,件,,\n")
    dataset = load_data([path], spec)
    patents = dataset.get("invention-patents-growth", 2018)
    pct = dataset.get("pct-applications-growth", 2018)
    assert patents is not None
    assert pct is not None
    assert patents.value == Decimal(21000)
    assert pct.value == Decimal(1180)


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("1,2018,10500,,,", Decimal(10500)),  # no unit: the spec's unit
        ("1,2018,10500,enterprises,,", Decimal(10500)),  # the spec's English unit name
        ("1,2018,1.05,万家,,", Decimal(10500)),
        ("20,2018,3.01,百亿美元,,", Decimal(301)),
    ],
)
def test_other_accepted_units(tmp_path: Path, spec: Spec, row: str, value: Decimal) -> None:
    path = write_csv(tmp_path, "x.csv", row + "\n")
    assert one_observation(load_data([path], spec)).value == value


@pytest.mark.parametrize(
    "row",
    [
        "1,2018,10500,人,,",  # 人 for a 家 indicator
        "8,2018,1.63,万亿美元,,",  # 美元 for a 元 indicator
        "20,2018,301,亿元,,",  # 元 for a 美元 indicator
        "1,2018,5.8%,,,",  # a percentage for a 家 indicator
        "1,2018,5.8%,家,,",
    ],
)
def test_unit_mismatch(tmp_path: Path, spec: Spec, row: str) -> None:
    path = write_csv(tmp_path, "x.csv", row + "\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.UNIT_MISMATCH
    assert problem.column == "unit"
    assert problem.line == 2


def test_unit_mismatch_names_the_expected_unit(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018,10500,人,,\n")
    message = only_problem([path], spec).message
    assert "'人'" in message
    assert "'家'" in message


@pytest.mark.parametrize(
    "row", ["4,2018,5.8%,,,", "4,2018,5.8%,%,,", "4,2018,5.8,%,,", "4,2018,５.８％,,,"]
)
def test_percent_value_for_percent_indicator(tmp_path: Path, spec: Spec, row: str) -> None:
    path = write_csv(tmp_path, "x.csv", row + "\n")
    obs = one_observation(load_data([path], spec))
    assert obs.indicator_id == "rd-intensity"
    assert obs.value == Decimal("5.8")


# --- warnings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("8,2020,预计1.8,万亿元,,", Decimal(18000)),
        ("8,2020,1.8,万亿元,,预计", Decimal(18000)),
        ("8,2020,1.8,万亿元,,初步核算数", Decimal(18000)),
        ("8,2020,1.8,万亿元,,Preliminary estimate", Decimal(18000)),
        ("8,2020,初步核算18000,亿元,,", Decimal(18000)),
    ],
)
def test_preliminary_value_is_a_warning(
    tmp_path: Path, spec: Spec, row: str, value: Decimal
) -> None:
    path = write_csv(tmp_path, "x.csv", row + "\n")
    dataset = load_data([path], spec)
    obs = one_observation(dataset)
    assert obs.preliminary
    assert obs.value == value
    assert len(dataset.warnings) == 1
    warning = dataset.warnings[0]
    assert warning.code is ProblemCode.PRELIMINARY_VALUE
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.line, warning.column) == (str(path), 2, "value")


def test_final_value_is_not_preliminary(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "8,2020,1.8,万亿元,统计公报,final\n")
    dataset = load_data([path], spec)
    assert not one_observation(dataset).preliminary
    assert dataset.warnings == ()


def test_inconsistent_baseline_is_a_warning(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018,10500,家,,\n1,2015,6000,家,,\n")
    dataset = load_data([path], spec)
    assert len(dataset.observations) == 2
    assert len(dataset.warnings) == 1
    warning = dataset.warnings[0]
    assert warning.code is ProblemCode.INCONSISTENT_BASELINE
    assert warning.severity is Severity.WARNING
    assert (warning.line, warning.column) == (3, "value")
    assert "6151" in warning.message


@pytest.mark.parametrize(
    "row",
    [
        "1,2015,6151,家,,",
        "8,2015,1.63,万亿元,,",  # 1.63 万亿元 is exactly the baseline 16300 亿元
        '12,2015,"1,435",亿元,,',
        "2,2015,850,家,,",  # no baseline in the spec: nothing to compare
    ],
)
def test_consistent_baseline_has_no_warning(tmp_path: Path, spec: Spec, row: str) -> None:
    path = write_csv(tmp_path, "x.csv", row + "\n")
    assert load_data([path], spec).warnings == ()


def test_warnings_do_not_stop_loading_but_errors_carry_them(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(
        tmp_path, "x.csv", "1,2015,6000,家,,\n1,2020,预计12800,家,,\n2,2018,abc,家,,\n"
    )
    problems = load_problems([path], spec)
    assert [(p.line, p.code, p.severity) for p in problems] == [
        (2, ProblemCode.INCONSISTENT_BASELINE, Severity.WARNING),
        (3, ProblemCode.PRELIMINARY_VALUE, Severity.WARNING),
        (4, ProblemCode.TYPE_ERROR, Severity.ERROR),
    ]


# --- every problem at once, every row accounted for ------------------------------------------


def test_all_problems_of_a_file_are_reported_at_once(spec: Spec) -> None:
    path = FIXTURES / "three_bad_rows.csv"
    problems = load_problems([path], spec)
    assert [(p.line, p.code, p.column) for p in problems] == [
        (3, ProblemCode.UNKNOWN_INDICATOR, "indicator"),
        (5, ProblemCode.TYPE_ERROR, "value"),
        (6, ProblemCode.YEAR_OUT_OF_RANGE, "year"),
    ]
    assert all(p.file == str(path) for p in problems)


def test_problems_of_several_files_are_grouped_by_file_and_sorted_by_line(
    tmp_path: Path, spec: Spec
) -> None:
    b = write_csv(tmp_path, "b.csv", "1,2018,x,家,,\n99,2018,1,家,,\n")
    a = write_csv(tmp_path, "a.csv", "1,2018,10500,人,,\n2,2018,,家,,\n1,2030,1,家,,\n")
    problems = load_problems([b, a], spec)
    assert [(Path(p.file).name, p.line) for p in problems] == [
        ("a.csv", 2),
        ("a.csv", 3),
        ("a.csv", 4),
        ("b.csv", 2),
        ("b.csv", 3),
    ]


def test_row_with_two_problems_reports_both(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2030,10500,人,,\n")
    problems = load_problems([path], spec)
    assert {(p.code, p.column) for p in problems} == {
        (ProblemCode.YEAR_OUT_OF_RANGE, "year"),
        (ProblemCode.UNIT_MISMATCH, "unit"),
    }


def test_every_data_row_is_an_observation_or_a_problem(tmp_path: Path, spec: Spec) -> None:
    good = [
        "1,2018,10500,家,,",
        "4,2018,4.9%,,,",
        "8,2018,2.25,万亿元,,",
        "10,2018,640,家,,",
        "13,2018,约1.62,万家,,",
    ]
    bad = [
        "nope,2018,1,家,,",
        "2,2018,abc,家,,",
        "3,2018,,人,,",
        "5,2030,1,件,,",
        "6,2018,1,家,,",
        "1,2018,10600,家,,",  # duplicate of the first row
        "7,2018,1,项,,,x",
    ]
    rows = [row for pair in zip(good, bad, strict=False) for row in pair] + good[len(bad) :]
    rows += bad[len(good) :]
    path = write_csv(tmp_path, "x.csv", "".join(row + "\n" for row in rows))
    bad_lines = {number for number, row in enumerate(rows, start=2) if row in bad}
    problems = load_problems([path], spec)
    assert [p.line for p in problems] == sorted(bad_lines)  # one problem per bad row
    # The same file with the bad rows blanked out (line numbers kept) loads every good row.
    blanked = [("" if row in bad else row) for row in rows]
    path.write_text(HEADER + "".join(row + "\n" for row in blanked), encoding="utf-8")
    dataset = load_data([path], spec)
    good_lines = {number for number, row in enumerate(rows, start=2) if row in good}
    assert {o.line for o in dataset.observations} == good_lines
    assert len(dataset.observations) + len(problems) == len(rows)


def test_every_row_of_the_shipped_data_is_an_observation(repo_root: Path, spec: Spec) -> None:
    directory = repo_root / "data"
    dataset = load_data([directory], spec)
    rows = 0
    for path in sorted(directory.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                rows += 1
                indicator = spec.indicator(row["indicator"])
                assert indicator is not None
                obs = dataset.get(indicator.id, int(row["year"]))
                assert obs is not None, (path, row)
    assert not any(w.severity is Severity.ERROR for w in dataset.warnings)
    restated = rows - len(dataset.observations)
    # Files after the base year restate some 2015 figures; each is used once, from 2015.csv.
    assert restated > 0
    base_year = [o for o in dataset.observations if o.year == 2015]
    assert all(Path(o.file).name == "2015.csv" for o in base_year)
    assert len({(o.indicator_id, o.year) for o in dataset.observations}) == len(
        dataset.observations
    )


# --- files and directories ----------------------------------------------------------------


def test_directory_loads_all_data_files(spec: Spec) -> None:
    directory = FIXTURES / "submissions"
    dataset = load_data([directory], spec)
    assert [Path(f).relative_to(directory).as_posix() for f in dataset.files] == [
        "2016.csv",
        "2017.csv",
        "late/2019.csv",
    ]
    assert [(o.indicator_id, o.year) for o in dataset.observations] == [
        ("national-high-tech-enterprises", 2016),
        ("rd-intensity", 2016),
        ("national-high-tech-enterprises", 2017),
        ("national-high-tech-enterprises", 2019),
    ]
    assert dataset.years() == [2016, 2017, 2019]


def test_dataset_lookup(spec: Spec) -> None:
    dataset = load_data([FIXTURES / "submissions"], spec)
    found = dataset.get("national-high-tech-enterprises", 2017)
    assert found is not None
    assert found.value == Decimal(8000)
    assert dataset.get("national-high-tech-enterprises", 2018) is None
    assert dataset.get("rd-intensity", 2017) is None


def test_missing_path_is_unreadable(tmp_path: Path, spec: Spec) -> None:
    missing = tmp_path / "nope.csv"
    problem = only_problem([missing], spec)
    assert problem.code is ProblemCode.UNREADABLE_FILE
    assert problem.file == str(missing)
    assert problem.line is None


def test_missing_path_does_not_hide_problems_of_other_files(tmp_path: Path, spec: Spec) -> None:
    bad = write_csv(tmp_path, "bad.csv", "1,2018,abc,家,,\n")
    problems = load_problems([tmp_path / "nope.csv", bad], spec)
    assert {p.code for p in problems} == {ProblemCode.UNREADABLE_FILE, ProblemCode.TYPE_ERROR}


def test_empty_directory_is_no_data(tmp_path: Path, spec: Spec) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("indicator,value\n1,1\n", encoding="utf-8")
    problem = only_problem([empty], spec)
    assert problem.code is ProblemCode.NO_DATA
    assert problem.file == str(empty)


def test_no_paths_is_no_data(spec: Spec) -> None:
    assert only_problem([], spec).code is ProblemCode.NO_DATA


def test_empty_file_is_no_data(tmp_path: Path, spec: Spec) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.NO_DATA
    assert problem.file == str(path)


def test_binary_file_is_an_encoding_error(spec: Spec) -> None:
    path = FIXTURES / "binary.csv"
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.ENCODING_ERROR
    assert problem.file == str(path)


def test_bytes_in_no_known_encoding_name_their_line(tmp_path: Path, spec: Spec) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER.encode() + b"1,2018,10500,\xff\xfe\xff,,\n")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.ENCODING_ERROR
    assert problem.line == 2
    assert "UTF-8" in problem.message


def test_header_only_file_loads_no_observations(spec: Spec) -> None:
    dataset = load_data([FIXTURES / "header_only.csv"], spec)
    assert dataset.observations == ()
    assert dataset.warnings == ()
    assert dataset.years() == []


def test_ragged_row(spec: Spec) -> None:
    path = FIXTURES / "ragged.csv"
    problem = only_problem([path], spec)  # line 2 has only empty extra cells: fine
    assert problem.code is ProblemCode.RAGGED_ROW
    assert problem.line == 3
    assert problem.message == "7 cells, the header has 6"


def test_quoted_newlines_keep_line_numbers(spec: Spec) -> None:
    dataset = load_data([FIXTURES / "quoted_newlines.csv"], spec)
    assert [o.line for o in dataset.observations] == [2, 4, 7]
    assert dataset.observations[0].note == "first line\nsecond line"
    assert dataset.observations[1].note == "a\nb\nc"


def test_quoted_newlines_keep_line_numbers_of_later_problems(tmp_path: Path, spec: Spec) -> None:
    text = (FIXTURES / "quoted_newlines.csv").read_text(encoding="utf-8")
    path = tmp_path / "x.csv"
    path.write_text(text + "5,2018,abc,件,,\n", encoding="utf-8", newline="")
    problem = only_problem([path], spec)
    assert (problem.code, problem.line) == (ProblemCode.TYPE_ERROR, 8)


def test_unterminated_quote_is_reported(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", '1,2018,10500,家,,\n2,2018,1030,家,,"open\n')
    problems = load_problems([path], spec)
    assert [p.line for p in problems] == [3]
    assert problems[0].severity is Severity.ERROR


# --- XLSX ---------------------------------------------------------------------------------


def make_xlsx(path: Path, rows: list[list[object]], *, percent_cells: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    for row in rows:
        sheet.append(row)
    for ref in percent_cells:
        sheet[ref].number_format = "0.0%"
    # Sheets, layouts and workbook limits are tested in tests/test_workbook.py and
    # tests/test_layout.py.
    workbook.save(path)
    return path


def test_xlsx_first_sheet_with_exact_numeric_cells(tmp_path: Path, spec: Spec) -> None:
    path = make_xlsx(
        tmp_path / "report.xlsx",
        [
            ["indicator", "year", "value", "unit"],
            [4, 2018, 5.8, "%"],
            ["park-revenue-growth", 2018, 1.63, "万亿元"],
            [1, 2018.0, 10500, None],
            ["国家级高新技术企业", 2019, ">11000", "家"],
        ],
    )
    dataset = load_data([path], spec)
    rd = dataset.get("rd-intensity", 2018)
    revenue = dataset.get("park-revenue-growth", 2018)
    enterprises = dataset.get("national-high-tech-enterprises", 2018)
    later = dataset.get("national-high-tech-enterprises", 2019)
    assert rd is not None
    assert revenue is not None
    assert enterprises is not None
    assert later is not None
    assert rd.value == Decimal("5.8")
    assert (
        rd.value.as_tuple() == Decimal("5.8").as_tuple()
    )  # not 5.79999999999999982236431605997495353221893310546875
    assert rd.reported == "5.8"
    assert revenue.value == Decimal(16300)
    assert enterprises.value == Decimal(10500)
    assert enterprises.reported == "10500"
    assert later.qualifier is Qualifier.AT_LEAST
    assert [o.line for o in dataset.observations] == [2, 3, 4, 5]
    assert dataset.files == (str(path),)


def test_xlsx_line_numbers_count_empty_rows(tmp_path: Path, spec: Spec) -> None:
    path = make_xlsx(
        tmp_path / "report.xlsx",
        [[], ["indicator", "year", "value"], [1, 2018, 10500], [], [2, 2018, "abc"]],
    )
    problem = only_problem([path], spec)
    assert (problem.code, problem.line, problem.column) == (ProblemCode.TYPE_ERROR, 5, "value")
    assert problem.file == str(path)


def test_xlsx_year_from_file_name(tmp_path: Path, spec: Spec) -> None:
    path = make_xlsx(tmp_path / "2019.xlsx", [["指标", "数值"], [10, 680]])
    obs = one_observation(load_data([path], spec))
    assert (obs.indicator_id, obs.year, obs.value) == ("listed-companies", 2019, Decimal(680))


def test_xlsx_percent_formatted_cell_is_read_as_shown(tmp_path: Path, spec: Spec) -> None:
    # Excel stores a cell typed as 5.8% as 0.058 with a percent number format.
    path = make_xlsx(
        tmp_path / "report.xlsx",
        [["indicator", "year", "value"], [4, 2018, 0.058], [9, 2018, 0.6]],
        percent_cells=("C2", "C3"),
    )
    dataset = load_data([path], spec)
    assert [o.value for o in dataset.observations] == [Decimal("5.8"), Decimal(60)]


def test_xlsx_percent_formatted_cell_for_count_indicator_is_a_mismatch(
    tmp_path: Path, spec: Spec
) -> None:
    path = make_xlsx(
        tmp_path / "report.xlsx",
        [["indicator", "year", "value"], [1, 2018, 0.5]],
        percent_cells=("C2",),
    )
    assert only_problem([path], spec).code is ProblemCode.UNIT_MISMATCH


def test_directory_with_csv_and_xlsx(tmp_path: Path, spec: Spec) -> None:
    write_csv(tmp_path, "a.csv", "1,2018,10500,家,,\n")
    make_xlsx(tmp_path / "b.xlsx", [["indicator", "year", "value"], [2, 2018, 1030]])
    dataset = load_data([tmp_path], spec)
    assert [(Path(o.file).name, o.indicator_id) for o in dataset.observations] == [
        ("a.csv", "national-high-tech-enterprises"),
        ("b.xlsx", "enterprise-rd-institutions"),
    ]


def test_file_that_is_not_a_workbook_is_unreadable(tmp_path: Path, spec: Spec) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text(HEADER + "1,2018,10500,家,,\n", encoding="utf-8")
    problem = only_problem([path], spec)
    assert problem.code is ProblemCode.UNREADABLE_FILE
    assert problem.file == str(path)
