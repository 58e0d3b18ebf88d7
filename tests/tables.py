"""Test helpers: CSV files converted to the other sources planchk reads, cell for cell.

Every cell is kept as the text the CSV holds (a table of text columns), so a source read
differently from a CSV file shows as a difference in the problems planchk reports. A table has
no cells beyond its columns: a ragged row's extra cells are left out, the one difference a
conversion makes (`ragged_lines` says which lines had them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from planchk.csvread import csv_rows, detect_encoding

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and rows, with the line each row starts on."""

    header: list[str]
    lines: list[int]  # lines[r - 1] is the line of row r
    rows: list[list[str]]
    header_line: int | None
    ragged_lines: frozenset[int]

    def row_of(self, line: int) -> int | None:
        """The row number (1-based) of the row starting on `line`; None for the header."""
        return None if line == self.header_line else self.lines.index(line) + 1


def read_csv(path: Path) -> CsvTable:
    """The file's rows, the header being the first row that is not blank (as planchk reads)."""
    header: list[str] | None = None
    header_line = None
    lines: list[int] = []
    rows: list[list[str]] = []
    ragged: set[int] = set()
    for line, cells in csv_rows(path, detect_encoding(path)):
        if header is None:
            if any(cell.strip() for cell in cells):
                header, header_line = cells, line
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            ragged.add(line)
        lines.append(line)
        rows.append([*cells[: len(header)], *[""] * (len(header) - len(cells))])
    return CsvTable(header or [], lines, rows, header_line, frozenset(ragged))


def write_parquet(table: CsvTable, path: Path) -> None:
    """The table as a Parquet file of text columns."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    columns = [
        pa.array([row[i] for row in table.rows], pa.string()) for i in range(len(table.header))
    ]
    pq.write_table(pa.Table.from_arrays(columns, names=table.header), path)


def write_sql(table: CsvTable, url: str, name: str) -> None:
    """The table as a database table (`schema.name` or `name`) of text columns, with a primary
    key, `row_key`, that keeps the file's order; it comes last, so that the other columns keep
    their numbers in problems."""
    import sqlalchemy as sa  # noqa: PLC0415

    schema, _, name = name.rpartition(".")
    columns = [sa.Column(column, sa.Text) for column in table.header]
    created = sa.Table(
        name,
        sa.MetaData(),
        *columns,
        sa.Column("row_key", sa.Integer, primary_key=True, autoincrement=False),
        schema=schema or None,
    )
    with engine(url).begin() as connection:
        created.create(connection)
        if table.rows:
            connection.execute(
                created.insert(),
                [
                    {**dict(zip(table.header, row, strict=True)), "row_key": number}
                    for number, row in enumerate(table.rows, 1)
                ],
            )


@cache
def engine(url: str) -> Engine:
    """One engine per database for the tests' own statements (a PostgreSQL engine's first
    connection costs most of a second), without a pool: no connection outlives its use."""
    import sqlalchemy as sa  # noqa: PLC0415

    return sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=sa.pool.NullPool
    )
