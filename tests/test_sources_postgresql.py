"""A real PostgreSQL server as a source (started by .ci/run; see `conftest.postgres`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner, Result

from conftest import Postgres
from planchk.cli import app
from planchk.data import read_data
from planchk.sources import SqlSource, raw_password, redact_url
from planchk.spec import Spec
from tables import engine, read_csv, write_sql

runner = CliRunner()
SPEC = str(Path(__file__).resolve().parents[1] / "targets" / "indicators.yaml")


def run(*args: str) -> Result:
    result = runner.invoke(app, [*args, "--spec", SPEC])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_a_table_is_evaluated_as_its_csv(postgres: Postgres, repo_root: Path) -> None:
    csv = repo_root / "data" / "2018.csv"
    write_sql(read_csv(csv), postgres.url, f"{postgres.schema}.observations")
    from_csv = run("evaluate", str(csv), "--format", "json")
    table = f"{postgres.schema}.observations"
    from_table = run("evaluate", postgres.url, "--table", table, "--format", "json")
    assert from_table.exit_code == from_csv.exit_code == 1
    label = f"{redact_url(postgres.url)}#{table}"
    # The same report, but for the file and line (row) that each observation names.
    assert label in from_table.stdout
    assert _same_but_lines(from_table.stdout, from_csv.stdout, str(csv), label)
    query = f"select * from {postgres.schema}.observations order by row_key"
    from_query = run("evaluate", postgres.url, "--query", query)
    assert from_query.exit_code == 1
    assert from_query.stdout == run("evaluate", str(csv)).stdout


def _same_but_lines(got: str, expected: str, file: str, label: str) -> bool:
    """The JSON reports agree once the file is renamed and every line number is left out."""
    import json  # noqa: PLC0415
    import re  # noqa: PLC0415

    def strip(text: str, name: str) -> object:
        return json.loads(re.sub(r'"line": \d+', '"line": 0', text.replace(f'"{name}"', '"F"')))

    return strip(got, label) == strip(expected, file)


def test_typed_columns(postgres: Postgres, spec: Spec) -> None:
    with engine(postgres.url).begin() as connection:
        connection.execute(
            sa.text(
                f'create table {postgres.schema}.typed ("指标" text, "年份" integer, '
                '"数值" numeric(12, 3), "单位" varchar(8), id serial primary key)'
            )
        )
        connection.execute(
            sa.text(
                f'insert into {postgres.schema}.typed ("指标", "年份", "数值", "单位") values '
                "('1', 2018, 10500, '家'), ('rd-intensity', 2018, 4.9, '%'), "
                "('financial-institutions', 2017, 2400.5, null)"
            )
        )
    source = SqlSource(postgres.url, table=f"{postgres.schema}.typed")
    loaded = read_data([source], spec)
    assert loaded.problems == ()
    found = {
        (o.indicator_id, o.year): (o.value, o.reported, o.line) for o in loaded.dataset.observations
    }
    assert found == {
        ("national-high-tech-enterprises", 2018): (Decimal(10500), "10500.000", 1),
        ("rd-intensity", 2018): (Decimal("4.9"), "4.900", 2),
        ("financial-institutions", 2017): (Decimal("2400.5"), "2400.500", 3),
    }


def test_failures_are_exit_2_and_never_show_the_password(postgres: Postgres) -> None:
    password = raw_password(postgres.url)
    assert password  # .ci/run's server asks for one
    wrong = postgres.url.replace(f":{password}@", ":not-the-password@")
    cases = [
        (
            [postgres.url, "--query", "select nope"],
            'the query failed: column "nope" does not exist',
        ),
        ([postgres.url, "--table", f"{postgres.schema}.absent"], "no table"),
        ([wrong, "--table", "t"], "cannot connect"),
    ]
    for args, message in cases:
        for command in ("evaluate", "validate"):
            result = run(command, *args)
            assert result.exit_code == 2, result.output
            assert message in result.stderr
            assert password not in result.output
            assert "not-the-password" not in result.output
            assert result.stdout == ""


def test_a_query_that_changes_data_is_rolled_back(postgres: Postgres, repo_root: Path) -> None:
    table = f"{postgres.schema}.observations"
    write_sql(read_csv(repo_root / "data" / "2018.csv"), postgres.url, table)
    result = run("validate", postgres.url, "--query", f"delete from {table}")
    assert result.exit_code == 2
    # A streamed result is a server-side cursor, which only a query can open.
    assert 'the query failed: syntax error at or near "delete"' in result.stderr
    with engine(postgres.url).connect() as connection:
        assert connection.execute(sa.text(f"select count(*) from {table}")).scalar() == 27


def test_problems_name_the_row_key_and_null_rows_are_reported(
    postgres: Postgres, spec: Spec
) -> None:
    table = f"{postgres.schema}.keyed"
    with engine(postgres.url).begin() as connection:
        connection.execute(
            sa.text(f"create table {table} (region text, indicator text, year int, value text)")
        )
        connection.execute(
            sa.text(
                f"insert into {table} values ('A', '1', 2018, '10500'), ('A', '4', 2018, 'x'),"
                " (null, null, null, null)"
            )
        )
    query = f"select * from {table} order by value nulls last"
    loaded = read_data([SqlSource(postgres.url, query=query)], spec)
    found = {(p.code.value, p.line): p.key for p in loaded.problems if p.line is not None}
    assert found == {
        ("type-error", 2): "region 'A', indicator '4', year '2018'",
        ("missing-value", 3): None,
    }
