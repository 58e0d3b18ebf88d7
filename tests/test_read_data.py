"""read_data: every row accounted for, column numbers, and a bounded problem log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planchk.data import load_data, read_data
from planchk.problems import InputError, ProblemCode, ProblemLog, Severity, omitted_note
from planchk.spec import Spec

HEADER = "indicator,year,value,unit,source,note\n"


def write_csv(directory: Path, name: str, body: str, header: str = HEADER) -> Path:
    path = directory / name
    path.write_text(header + body, encoding="utf-8", newline="")
    return path


def test_rows_are_used_restated_or_rejected(tmp_path: Path, spec: Spec) -> None:
    first = write_csv(tmp_path, "a.csv", "2,2015,850,家,,\n1,2018,10500,家,,\n")
    second = write_csv(
        tmp_path,
        "b.csv",
        "2,2015,850,家,,\n2,2018,abc,家,,\n1,2018,10600,家,,\n\n4,2018,4.9,%,,,x\n3,2018,150,人,,\n",
    )
    loaded = read_data([first, second], spec)
    a, b = loaded.files
    assert (a.rows, a.used, a.restated, a.rejected, a.complete) == (2, 2, 0, 0, True)
    # the blank line is not a row; the restated base-year row is used once
    assert (b.rows, b.used, b.restated, b.rejected, b.complete) == (5, 1, 1, 3, True)
    assert [p.line for p in loaded.problems if p.file == str(second)] == [3, 4, 6]
    assert loaded.error_count == 3
    assert len(loaded.dataset.observations) == 3


def test_observations_are_kept_despite_errors_elsewhere(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018,10500,家,,\n2,2018,abc,家,,\n")
    loaded = read_data([path], spec)
    assert [o.indicator_id for o in loaded.dataset.observations] == [
        "national-high-tech-enterprises"
    ]
    with pytest.raises(InputError):
        load_data([path], spec)


def test_named_pairs_include_rows_whose_value_failed(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2018,abc,家,,\n2,2030,5,家,,\n")
    assert read_data([path], spec).named == {("national-high-tech-enterprises", 2018)}


def test_problems_carry_column_numbers(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(
        tmp_path,
        "x.csv",
        "x,1,2018,abc,家\nx,nope,2018,5,家\nx,1,2030,5,家\nx,2,2018,5,人\nx,1,2019,1,家,,extra\n",
        header="序号,indicator,year,value,unit\n",
    )
    loaded = read_data([path], spec)
    assert [(p.line, p.column, p.column_number) for p in loaded.problems] == [
        (2, "value", 4),
        (3, "indicator", 2),
        (4, "year", 3),
        (5, "unit", 5),
        (6, None, 6),  # ragged: the first cell beyond the header
    ]


def test_warnings_carry_column_numbers(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "1,2015,6000,家,,\n1,2018,预计10500,家,,\n")
    warnings = read_data([path], spec).problems
    assert [(p.code, p.column_number) for p in warnings] == [
        (ProblemCode.INCONSISTENT_BASELINE, 3),
        (ProblemCode.PRELIMINARY_VALUE, 3),
    ]


def test_header_column_given_twice_names_its_number(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "", header="indicator,year,value,数值\n")
    (problem,) = read_data([path], spec).problems
    assert (problem.code, problem.column, problem.column_number) == (
        ProblemCode.BAD_HEADER,
        "数值",
        4,
    )
    assert not read_data([path], spec).files[0].complete


def test_file_columns_are_reported(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "", header="指标,年份,数值,备注\n")
    assert dict(read_data([path], spec).files[0].columns) == {
        "indicator": 1,
        "year": 2,
        "value": 3,
        "note": 4,
    }


@pytest.mark.parametrize("value", ["1e309", "-1e400", "1e-99"])
def test_numbers_beyond_exact_range_are_out_of_range(
    tmp_path: Path, spec: Spec, value: str
) -> None:
    path = write_csv(tmp_path, "x.csv", f"1,2018,{value},家,,\n")
    (problem,) = read_data([path], spec).problems
    assert (problem.code, problem.severity, problem.column) == (
        ProblemCode.OUT_OF_RANGE,
        Severity.ERROR,
        "value",
    )


def test_problem_log_keeps_a_bounded_number_and_counts_the_rest(tmp_path: Path, spec: Spec) -> None:
    body = "".join(f"1,2018,x{i},家,,\n" for i in range(30)) + "99,2018,1,家,,\n"
    path = write_csv(tmp_path, "x.csv", body)
    loaded = read_data([path], spec, keep=10)
    assert len(loaded.problems) == 10
    assert loaded.omitted == {ProblemCode.TYPE_ERROR: 20, ProblemCode.UNKNOWN_INDICATOR: 1}
    assert loaded.error_count == 31
    assert loaded.files[0].rejected == 31
    with pytest.raises(InputError) as info:
        load_data([path], spec)
    assert len(info.value.problems) == 31


def test_omitted_note() -> None:
    assert omitted_note({}) is None
    note = omitted_note({ProblemCode.TYPE_ERROR: 2, ProblemCode.DUPLICATE_ROW: 3})
    assert note == "5 more problem(s) not listed (3 duplicate-row, 2 type-error)"
    log = ProblemLog(limit=0)
    assert len(log) == 0
    assert list(log) == []


# --- panels: the region column --------------------------------------------------------------

PANEL_HEADER = "region,indicator,year,value,unit\n"


def test_panel_problems_carry_their_region_and_column(tmp_path: Path, spec: Spec) -> None:
    body = "east,1,2018,10500,家\neast,2,2018,abc,家\nwest,1,2018,-3,家\n,1,2019,10600,家\n"
    path = write_csv(tmp_path, "p.csv", body, header=PANEL_HEADER)
    loaded = read_data([path], spec)
    found = [(p.line, p.code, p.column_number, p.region) for p in loaded.problems]
    assert found == [
        (3, ProblemCode.TYPE_ERROR, 4, "east"),
        (4, ProblemCode.OUT_OF_RANGE, 4, "west"),
        (5, ProblemCode.MISSING_VALUE, 1, None),  # no region given
    ]
    (summary,) = loaded.files
    assert (summary.rows, summary.used, summary.rejected) == (4, 1, 3)
    assert set(loaded.keys) == {
        ("east", "national-high-tech-enterprises", 2018),
        ("east", "enterprise-rd-institutions", 2018),
        ("west", "national-high-tech-enterprises", 2018),
    }


def test_a_value_out_of_range_is_found_in_an_otherwise_plain_batch(
    tmp_path: Path, spec: Spec
) -> None:
    body = "".join(f"r{i},1,2018,{6000 + i},家\n" for i in range(100)) + "r100,1,2018,-1,家\n"
    path = write_csv(tmp_path, "p.csv", body, header=PANEL_HEADER)
    loaded = read_data([path], spec)
    (problem,) = loaded.problems
    assert (problem.code, problem.line, problem.region) == (ProblemCode.OUT_OF_RANGE, 102, "r100")
    assert len(loaded.dataset.observations) == 100


def test_the_same_indicator_and_year_in_two_regions_is_no_duplicate(
    tmp_path: Path, spec: Spec
) -> None:
    body = "a,1,2018,10500,家\nb,1,2018,10500,家\na,1,2018,10600,家\n"
    path = write_csv(tmp_path, "p.csv", body, header=PANEL_HEADER)
    loaded = read_data([path], spec)
    (problem,) = loaded.problems
    assert (problem.code, problem.line, problem.region) == (ProblemCode.DUPLICATE_ROW, 4, "a")
    assert loaded.dataset.regions == ("a", "b")
    assert loaded.files[0].used == 2


def test_batches_and_rows_give_the_same_result(
    tmp_path: Path, spec: Spec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain batches read column by column account for rows exactly as row by row."""
    rows = [f"r{i // 120},{1 + i % 20},{2015 + i // 20 % 6},{1 + i % 50}\n" for i in range(6000)]
    # a batch with problems and duplicates among plain ones
    body = "".join([*rows[:2500], "r1,1,2018,abc\n", "r2,99,2018,5\n", *rows[:10], *rows[2500:]])
    path = write_csv(tmp_path, "p.csv", body, header="region,indicator,year,value\n")
    from planchk import data  # noqa: PLC0415

    read_plainly = data._RowReader._plain_batch
    plain_batches = []

    def spy(*args: Any) -> Any:
        found = read_plainly(*args)
        plain_batches.append(found is not None)
        return found

    monkeypatch.setattr(data._RowReader, "_plain_batch", spy)
    fast = read_data([path], spec)
    assert any(plain_batches)  # both ways were taken
    assert not all(plain_batches)
    monkeypatch.setattr(data._RowReader, "_plain_batch", lambda *args: None)
    slow = read_data([path], spec)
    assert len(fast.dataset.observations) == 6000
    assert fast.dataset.observations == slow.dataset.observations
    assert fast.problems == slow.problems
    assert {p.code for p in fast.problems} >= {ProblemCode.DUPLICATE_ROW, ProblemCode.TYPE_ERROR}
    assert fast.files == slow.files
    assert (fast.keys, fast.named, fast.covering) == (slow.keys, slow.named, slow.covering)
