"""The acceptance cases (tests/cases/) read from every source give the same problems.

Each case's CSV files are converted cell for cell (`tables.py`) to Parquet files, SQLite
tables and PostgreSQL tables (when a server is available, see `conftest.postgres`), and
validated from there. The problems must be the same as the CSV's, code for code, row for row,
column for column and message for message, modulo the location form (`2018.csv:3` for a file's
line, `2018.parquet row 2` for a source's row). The observations read must be the same too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from conftest import Postgres
from planchk.csvread import CsvReadError
from planchk.data import Observation, read_data
from planchk.problems import ProblemCode, place
from planchk.sources import SqlSource
from planchk.spec import Spec, load_spec
from planchk.validation import ProblemEntry, validate
from tables import CsvTable, read_csv, write_parquet, write_sql
from test_cases import CASES, SPEC, data_files, discover

DATA_CASES = [case for case in discover() if data_files(case)]

Converter = Callable[[str, CsvTable], str | SqlSource]
Key = tuple[str, str, str, int | None, int | None, str | None, str | None, str]


def _case_id(case: Path) -> str:
    return case.relative_to(CASES).as_posix()


def _tables(case: Path) -> dict[str, CsvTable]:
    tables = {}
    for name in data_files(case):
        try:
            tables[name] = read_csv(case / name)
        except CsvReadError as exc:
            pytest.skip(
                f"{name}: {exc.message}: a problem of the CSV text, which a table cannot have"
            )
    return tables


def _key(entry: ProblemEntry, file: str, line: int | None, message: str) -> Key:
    return (
        entry.code,
        entry.severity,
        file,
        line,
        entry.column,
        entry.column_name,
        entry.region,
        message,
    )


def _expected(
    problems: tuple[ProblemEntry, ...], tables: dict[str, CsvTable], labels: dict[str, str]
) -> list[Key]:
    """The CSV's problems as the converted source must report them."""
    pattern = re.compile("(" + "|".join(map(re.escape, tables)) + r"):(\d+)")

    def relocated(match: re.Match[str]) -> str:
        file, line = match.group(1), int(match.group(2))
        return place(labels[file], tables[file].row_of(line))

    found = []
    for entry in problems:
        table = tables[entry.file]
        if entry.code is ProblemCode.RAGGED_ROW:
            assert entry.line in table.ragged_lines  # the one thing a table cannot hold
            continue
        if entry.code is ProblemCode.UNCERTAIN_ENCODING:
            continue  # a doubt about the bytes of a CSV file: a table holds text, not bytes
        line = None if entry.line is None else table.row_of(entry.line)
        found.append(_key(entry, labels[entry.file], line, pattern.sub(relocated, entry.message)))
    return sorted(found, key=repr)


def _found(problems: tuple[ProblemEntry, ...]) -> list[Key]:
    return sorted(
        (_key(entry, entry.file, entry.line, entry.message) for entry in problems), key=repr
    )


def _observed(observations: Sequence[Observation]) -> list[tuple[object, ...]]:
    """The observations without their file and line."""
    return sorted(
        (
            o.region,
            o.indicator_id,
            o.year,
            o.value,
            o.qualifier,
            o.preliminary,
            o.reported,
            o.reported_unit,
            o.source,
            o.note,
        )
        for o in observations
    )


def _check(
    case: Path, convert: Converter, monkeypatch: pytest.MonkeyPatch, workdir: Path, *, sql: bool
) -> None:
    """Validate the case's CSV files (named relative to the case, as `test_cases` does), then
    their conversions (named relative to `workdir`), and compare."""
    tables = _tables(case)
    spec: Spec = load_spec(case / "spec.yaml" if (case / "spec.yaml").exists() else SPEC)
    if sql and any(not table.header for table in tables.values()):
        pytest.skip("a SQL table has at least one column")
    if sql and any(not _has_year(table) for table in tables.values()):
        pytest.skip("the year comes from the file's name, which a table does not have")
    monkeypatch.chdir(case)
    from_csv = validate(list(tables), spec)
    csv_problems = from_csv.problems
    csv_observed = read_data(list(tables), spec).dataset.observations

    monkeypatch.chdir(workdir)
    sources = {name: convert(name, table) for name, table in tables.items()}
    labels = {name: str(source) for name, source in sources.items()}
    converted = validate(list(sources.values()), spec)
    assert _found(converted.problems) == _expected(csv_problems, tables, labels)
    assert converted.valid == from_csv.valid or _only_ragged(csv_problems)

    observed = read_data(list(sources.values()), spec).dataset.observations
    if not _only_ragged(csv_problems, any_ragged=True):
        assert _observed(observed) == _observed(csv_observed)


def _has_year(table: CsvTable) -> bool:
    return any(cell.strip().casefold() in ("year", "年份", "年度") for cell in table.header)


def _only_ragged(problems: tuple[ProblemEntry, ...], *, any_ragged: bool = False) -> bool:
    ragged = [p for p in problems if p.code is ProblemCode.RAGGED_ROW]
    return bool(ragged) if any_ragged else bool(ragged) and len(ragged) == len(problems)


@pytest.mark.parametrize("case", DATA_CASES, ids=_case_id)
def test_parquet_gives_the_problems_of_csv(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def convert(name: str, table: CsvTable) -> str:
        target = f"{Path(name).stem}.parquet"
        write_parquet(table, Path(target))
        return target

    _check(case, convert, monkeypatch, tmp_path, sql=False)


@pytest.mark.parametrize("case", DATA_CASES, ids=_case_id)
def test_sqlite_gives_the_problems_of_csv(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def convert(name: str, table: CsvTable) -> SqlSource:
        url = f"sqlite:///{tmp_path / Path(name).stem}.db"
        write_sql(table, url, "observations")
        return SqlSource(url, table="observations")

    _check(case, convert, monkeypatch, tmp_path, sql=True)


@pytest.mark.parametrize("case", DATA_CASES, ids=_case_id)
def test_postgresql_gives_the_problems_of_csv(
    case: Path, postgres: Postgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def convert(name: str, table: CsvTable) -> SqlSource:
        qualified = f"{postgres.schema}.t_{Path(name).stem}"
        write_sql(table, postgres.url, qualified)
        return SqlSource(postgres.url, table=qualified)

    _check(case, convert, monkeypatch, tmp_path, sql=True)
