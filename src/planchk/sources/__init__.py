"""Data sources besides CSV and XLSX files: Parquet files and SQL databases.

Each source yields its rows as text cells, a batch at a time, headed by its column names, so that
`planchk.data` maps them by the same names and Chinese aliases and checks them with the same row
checks as a CSV file. A Parquet file is named by its path; a database by its URL
(`sqlite:///stats.db`, `postgresql://user@host/db`) with a query or a table name.

Their rows have numbers, not lines: a problem names the source and the row's number (1 for the
first row), `stats.parquet row 3`, `sqlite:///stats.db row 3` for a query's result or
`sqlite:///stats.db#observations row 3` for a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planchk.messages import msg

PARQUET_SUFFIX = ".parquet"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?#]*:)([^?#]*)@")


class SourceError(Exception):
    """A source that cannot be read at all: a database that cannot be reached, a query that
    fails, a missing table, a missing driver. The message never holds a URL's password."""


def is_database_url(text: str) -> bool:
    """True for `scheme://...`: a database URL rather than a path."""
    return _URL.match(text) is not None


@dataclass(frozen=True)
class SqlSource:
    """Rows of a database: the result of `query`, or every row of `table`."""

    url: str
    query: str | None = None
    table: str | None = None

    def __post_init__(self) -> None:
        if (self.query is None) == (self.table is None):
            raise SourceError(
                msg(
                    "{source}: a database needs a query or a table: --query or --table "
                    "(evaluate and validate)",
                    source=self.label,
                )
            )

    @property
    def label(self) -> str:
        """The source as problems name it: the URL with its password, if any, replaced by
        `***`, and `#TABLE` for a table."""
        url = redact_url(self.url)
        return url if self.table is None else f"{url}#{self.table}"

    def __str__(self) -> str:
        return self.label


def redact_url(url: str) -> str:
    """`url` with the password of its `user:password@` part replaced by `***`."""
    # Up to the last "@" before the query string: a password may itself hold an "@".
    return _PASSWORD.sub(r"\1***@", url)


def raw_password(url: str) -> str | None:
    """The password of `url` as written (still %-encoded), or None when it has none."""
    match = _PASSWORD.match(url)
    return None if match is None else match.group(2)


def data_sources(
    args: Sequence[str], query: str | None = None, table: str | None = None
) -> list[str | SqlSource]:
    """The command line's data arguments: paths as given, database URLs as `SqlSource`s with
    the query or table. Raises `SourceError` for --query or --table without a URL, or a URL
    without either."""
    urls = [arg for arg in args if is_database_url(arg)]
    if (query is not None or table is not None) and not urls:
        raise SourceError(msg("--query and --table need a database URL (sqlite:///stats.db, ...)"))
    if query is not None and table is not None:
        raise SourceError(msg("give either --query or --table, not both"))
    return [SqlSource(arg, query, table) if is_database_url(arg) else arg for arg in args]


def is_row_source(path: Path) -> bool:
    """True for a Parquet file: read by `planchk.sources.parquet`."""
    return path.suffix.lower() == PARQUET_SUFFIX
