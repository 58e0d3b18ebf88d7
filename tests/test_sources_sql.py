"""SQLite databases as data (--query, --table), and every way a database can fail to be read."""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from planchk.cli import app
from planchk.data import read_data
from planchk.problems import ProblemCode, Severity
from planchk.sources import SourceError, SqlSource, data_sources, redact_url
from planchk.spec import Spec
from tables import read_csv, write_sql

runner = CliRunner()
SPEC = str(Path(__file__).resolve().parents[1] / "targets" / "indicators.yaml")


def run(*args: str) -> Result:
    result = runner.invoke(app, [*args, "--spec", SPEC])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def stats_db(repo_root: Path, tmp_path: Path) -> str:
    """The rows of data/2015.csv to data/2018.csv as one SQLite table, `observations`, of text
    columns: each figure once (the yearly files restate the base year's figures)."""
    tables = [read_csv(repo_root / "data" / f"{year}.csv") for year in range(2015, 2019)]
    rows: dict[tuple[str, str], list[str]] = {}
    for table in tables:
        for row in table.rows:
            rows.setdefault((row[0], row[1]), row)
    url = f"sqlite:///{tmp_path / 'stats.db'}"
    write_sql(replace(tables[0], rows=list(rows.values())), url, "observations")
    return url


def test_a_table_is_evaluated_as_the_csv_files(repo_root: Path, stats_db: str) -> None:
    files = [str(repo_root / "data" / f"{year}.csv") for year in range(2015, 2019)]
    from_csv = run("evaluate", *files)
    from_table = run("evaluate", stats_db, "--table", "observations")
    assert from_table.exit_code == from_csv.exit_code == 1
    assert from_table.stdout == from_csv.stdout


def test_a_query_selects_the_rows(repo_root: Path, stats_db: str) -> None:
    from_csv = run("evaluate", str(repo_root / "data" / "2018.csv"), "--format", "markdown")
    query = "select * from observations where year in ('2015', '2018') order by row_key"
    from_query = run("evaluate", stats_db, "--query", query, "--format", "markdown")
    assert from_query.exit_code == from_csv.exit_code == 1
    assert from_query.stdout == from_csv.stdout
    assert run("validate", stats_db, "--query", query).exit_code == 0


def sqlite_table(path: Path, columns: str, rows: list[tuple[object, ...]]) -> Path:
    """A SQLite database at `path` with one table, `t`, of `columns` holding `rows`."""
    with sqlite3.connect(path) as db:
        db.execute(f"create table t ({columns})")
        db.executemany(f"insert into t values ({', '.join('?' * len(rows[0]))})", rows)
    db.close()
    return path


def test_typed_columns_and_chinese_names(spec: Spec, tmp_path: Path) -> None:
    path = sqlite_table(
        tmp_path / "typed.db",
        '"指标" text, "年份" integer, "数值" real, "单位" text',
        [("1", 2018, 10500, "家"), ("rd-intensity", 2018, 4.9, "%"), ("20", 2017, 0.1, None)],
    )
    loaded = read_data([SqlSource(f"sqlite:///{path}", table="t")], spec)
    assert loaded.problems == ()
    found = {(o.indicator_id, o.year): (o.value, o.line) for o in loaded.dataset.observations}
    assert found == {
        ("national-high-tech-enterprises", 2018): (Decimal(10500), 1),
        ("rd-intensity", 2018): (Decimal("4.9"), 2),
        ("import-export-value", 2017): (Decimal("0.1"), 3),
    }


def test_problems_name_the_result_row(stats_db: str) -> None:
    query = "select indicator, year, 'x' || value as value from observations where row_key <= 2"
    result = run("validate", stats_db, "--query", query)
    assert result.exit_code == 1
    # the row's number and its key: a number alone changes with the query's order
    assert (
        f"{stats_db} row 2, column 3 [value] (indicator '2', year '2015'): error type-error"
        in result.stdout
    )
    entries = json.loads(run("validate", stats_db, "--query", query, "--format", "json").stdout)
    keys = {p["line"]: p["key"] for p in entries["problems"] if p["code"] == "type-error"}
    assert keys == {1: "indicator '1', year '2015'", 2: "indicator '2', year '2015'"}
    result = run("validate", stats_db, "--query", "select indicator, value from observations")
    assert f"  {stats_db}: error bad-header: missing column(s): year (年份/年度)\n" in result.stdout


def test_every_row_problem_names_the_region_indicator_and_year(spec: Spec, tmp_path: Path) -> None:
    path = sqlite_table(
        tmp_path / "panel.db",
        "region text, indicator text, year text, value text",
        [
            ("A", "1", "2018", "10500"),
            ("A", "nope", "2018", "1"),
            ("B", "4", "2031", "4.9"),
            ("B", "4", "2018", ""),
            ("B", "4", "2017", "-1e999999"),
        ],
    )
    loaded = read_data([SqlSource(f"sqlite:///{path}", table="t")], spec)
    found = {(p.code, p.line): p.key for p in loaded.problems if p.line is not None}
    assert found == {
        (ProblemCode.UNKNOWN_INDICATOR, 2): "region 'A', indicator 'nope', year '2018'",
        (ProblemCode.YEAR_OUT_OF_RANGE, 3): "region 'B', indicator '4', year '2031'",
        (ProblemCode.MISSING_VALUE, 4): "region 'B', indicator '4', year '2018'",
        (ProblemCode.OUT_OF_RANGE, 5): "region 'B', indicator '4', year '2017'",
    }
    assert all(p.location.endswith(f"({p.key})") for p in loaded.problems if p.key)


def test_a_row_of_nulls_is_reported_not_skipped(spec: Spec, tmp_path: Path) -> None:
    path = sqlite_table(
        tmp_path / "nulls.db",
        "indicator text, year integer, value real",
        [("1", 2018, 10500), (None, None, None), ("", None, None)],
    )
    loaded = read_data([SqlSource(f"sqlite:///{path}", query="select * from t")], spec)
    nulls = [p for p in loaded.problems if p.code is ProblemCode.MISSING_VALUE]
    assert [(p.line, p.severity) for p in nulls] == [(2, Severity.ERROR), (3, Severity.ERROR)]
    assert "every field of the row is NULL or empty" in nulls[0].message
    (summary,) = loaded.files
    assert (summary.rows, summary.used, summary.rejected) == (3, 1, 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--query", "select nope from observations"], "the query failed: no such column: nope"),
        (["--query", "selec 1"], 'the query failed: near "selec": syntax error'),
        (["--table", "absent"], "no table 'absent'"),
        (["--query", "delete from observations"], "attempt to write a readonly database"),
        ([], "a database needs a query or a table: --query or --table (evaluate and validate)"),
    ],
)
def test_a_failing_query_or_table_is_exit_2(stats_db: str, args: list[str], message: str) -> None:
    for command in ("evaluate", "validate"):
        result = run(command, stats_db, *args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert message in result.stderr
        assert result.stderr.startswith(f"planchk: {stats_db}")
    assert run("validate", stats_db, "--table", "observations").exit_code == 0  # rows still there


def test_options_without_a_database_are_usage_errors(repo_root: Path, stats_db: str) -> None:
    csv = str(repo_root / "data" / "2018.csv")
    result = run("evaluate", csv, "--query", "select 1")
    assert (result.exit_code, result.stderr) == (
        2,
        "planchk: --query and --table need a database URL (sqlite:///stats.db, ...)\n",
    )
    result = run("validate", stats_db, "--query", "select 1", "--table", "t")
    assert (result.exit_code, result.stderr) == (
        2,
        "planchk: give either --query or --table, not both\n",
    )


def test_a_missing_database_file_is_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'absent.db'}"
    result = run("validate", url, "--table", "t")
    assert result.exit_code == 2
    assert result.stderr == f"planchk: {url}#t: no such database file {tmp_path / 'absent.db'}\n"
    assert not (tmp_path / "absent.db").exists()


def test_unknown_backends_and_missing_drivers(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("evaluate", "nosuchdb://me:hunter2@localhost/db", "--table", "t")
    assert (result.exit_code, result.stderr) == (
        2,
        "planchk: nosuchdb://me:***@localhost/db#t: planchk cannot read nosuchdb databases\n",
    )
    monkeypatch.setitem(sys.modules, "psycopg", None)  # the driver is not installed
    result = run("evaluate", "postgresql://me:hunter2@127.0.0.1:9/db", "--table", "t")
    assert (result.exit_code, result.stderr) == (
        2,
        "planchk: postgresql://me:***@127.0.0.1:9/db#t: the postgresql driver (psycopg) is not "
        "installed: pip install 'planchk[postgresql]'\n",
    )


def test_without_sqlalchemy_the_message_says_what_to_install(
    stats_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    result = run("validate", stats_db, "--table", "observations")
    assert (result.exit_code, result.stderr) == (
        2,
        f"planchk: reading {stats_db}#observations needs sqlalchemy, which is not installed: "
        "pip install 'planchk[sql]'\n",
    )


def test_a_connection_refused_never_shows_the_password(unused_port: int) -> None:
    url = f"postgresql://planchk:hunter2-secret@127.0.0.1:{unused_port}/stats"
    for args in (["--table", "t"], ["--query", "select 1"]):
        result = run("validate", url, *args)
        assert result.exit_code == 2
        assert "cannot connect" in result.stderr
        assert "hunter2" not in result.output
        assert f"postgresql://planchk:***@127.0.0.1:{unused_port}/stats" in result.stderr


def test_a_password_that_cannot_be_told_from_the_host_is_refused() -> None:
    result = run("validate", "postgresql://me:pa@ss@127.0.0.1:9/db", "--table", "t")
    assert result.exit_code == 2
    assert "pa@ss" not in result.output
    assert "ss@" not in result.output
    assert "write '@' in a password as %40" in result.stderr


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:secret@host/db", "postgresql://u:***@host/db"),
        ("postgresql://u:se@cr@et@host:5432/db?x=1", "postgresql://u:***@host:5432/db?x=1"),
        ("postgresql://u@host/db", "postgresql://u@host/db"),
        ("sqlite:///a/b:c.db", "sqlite:///a/b:c.db"),
        ("postgresql+psycopg://u:p%40ss@host/db", "postgresql+psycopg://u:***@host/db"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown
    assert str(SqlSource(url, query="select 1")) == shown


def test_data_sources_keep_paths_as_given() -> None:
    assert data_sources(["data/2018.csv", "x.parquet"]) == ["data/2018.csv", "x.parquet"]
    assert data_sources(["a.csv", "sqlite:///s.db"], table="t") == [
        "a.csv",
        SqlSource("sqlite:///s.db", table="t"),
    ]
    with pytest.raises(SourceError, match="--query and --table need a database URL"):
        data_sources(["a.csv"], query="select 1")


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (bound and released)."""
    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
