"""Parquet files as data: typed columns, problems by row number, damaged files, no pyarrow."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import read_data
from planchk.spec import Spec
from tables import read_csv, write_parquet

runner = CliRunner()


def test_a_parquet_file_is_evaluated_as_its_csv(repo_root: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "2018.parquet"
    write_parquet(read_csv(repo_root / "data" / "2018.csv"), parquet)
    spec = str(repo_root / "targets" / "indicators.yaml")
    from_csv = runner.invoke(
        app, ["evaluate", str(repo_root / "data" / "2018.csv"), "--spec", spec]
    )
    from_parquet = runner.invoke(app, ["evaluate", str(parquet), "--spec", spec])
    assert from_parquet.exit_code == from_csv.exit_code == 1  # indicator 9 is off track
    assert from_parquet.stdout == from_csv.stdout


def test_typed_columns_are_read_as_their_values(spec: Spec, tmp_path: Path) -> None:
    """Integers, doubles and decimals give the figures they hold: a double as the shortest
    decimal that gives it (4.9, not 4.9000000000000003552...)."""
    path = tmp_path / "typed.parquet"
    table = pa.table(
        {
            "指标": pa.array(["1", "rd-intensity", "9", "16"]),
            "年份": pa.array([2018, 2018, 2018, 2018], pa.int16()),
            "数值": pa.array([None, None, None, None], pa.string()),
            "value_double": pa.array([10500.0, 4.9, 60.0, 2450.0]),
        }
    ).drop_columns(["数值"])
    table = table.rename_columns(["指标", "年份", "数值"])
    pq.write_table(table, path)
    decimals = tmp_path / "decimals.parquet"
    pq.write_table(
        pa.table(
            {
                "indicator": ["financial-institutions"],
                "year": pa.array([2017], pa.int64()),
                "value": pa.array([Decimal("2400.50")], pa.decimal128(10, 2)),
            }
        ),
        decimals,
    )
    loaded = read_data([path, decimals], spec)
    assert loaded.problems == ()
    values = {
        (o.indicator_id, o.year): (o.value, o.reported, o.line) for o in loaded.dataset.observations
    }
    assert values[("national-high-tech-enterprises", 2018)] == (Decimal(10500), "10500", 1)
    assert values[("rd-intensity", 2018)] == (Decimal("4.9"), "4.9", 2)
    assert values[("financial-institutions", 2017)] == (Decimal("2400.50"), "2400.50", 1)
    assert str(path) in loaded.dataset.files


def test_problems_name_the_row(spec: Spec, tmp_path: Path) -> None:
    path = tmp_path / "2018.parquet"
    pq.write_table(
        pa.table({"indicator": ["1", "nope", "2"], "value": ["10500", "1", "abc"]}), path
    )
    result = runner.invoke(app, ["validate", str(path), "--spec", str(_spec_file())])
    assert result.exit_code == 1
    assert f"{path} row 2, column 1 [indicator]: error unknown-indicator" in result.stdout
    assert (
        f"{path} row 3, column 2 [value]: error type-error: 'abc' is not a number" in result.stdout
    )


def test_a_header_problem_names_no_row(tmp_path: Path) -> None:
    path = tmp_path / "data.parquet"
    pq.write_table(pa.table({"indicator": ["1"], "value": ["3"]}), path)
    result = runner.invoke(app, ["validate", str(path), "--spec", str(_spec_file())])
    assert result.exit_code == 1
    assert (
        f"  {path}: error bad-header: missing column(s): year (年份/年度) (or name the file "
        "after the year, as in 2018.csv)"
    ) in result.stdout


def test_a_damaged_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "2018.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    result = runner.invoke(app, ["validate", str(path), "--spec", str(_spec_file())])
    assert result.exit_code == 1
    assert f"{path}: error unreadable-file: not a readable Parquet file" in result.stdout
    assert "Traceback" not in result.output


def test_a_directory_lists_parquet_files(tmp_path: Path, repo_root: Path) -> None:
    write_parquet(read_csv(repo_root / "data" / "2018.csv"), tmp_path / "2018.parquet")
    result = runner.invoke(app, ["validate", str(tmp_path), "--spec", str(_spec_file())])
    # the same rows as data/2018.csv: 27, all used
    assert f"{tmp_path / '2018.parquet'}: 27 rows (27 used, 0 rejected)" in result.stdout


def test_without_pyarrow_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "2018.parquet"
    pq.write_table(pa.table({"indicator": ["1"], "value": ["3"]}), path)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    for command in ("validate", "evaluate"):
        result = runner.invoke(app, [command, str(path), "--spec", str(_spec_file())])
        assert result.exit_code == 2
        assert result.stderr == (
            f"planchk: reading {path} needs pyarrow, which is not installed: "
            "pip install 'planchk[parquet]'\n"
        )


def _spec_file() -> Path:
    return Path(__file__).resolve().parents[1] / "targets" / "indicators.yaml"
