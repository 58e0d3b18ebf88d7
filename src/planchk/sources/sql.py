"""Reading a query's result or a table from a database (with SQLAlchemy Core) as text rows.

The result is streamed (`stream_results`, `yield_per`): rows come from the server a batch at a
time, so memory is bounded by a batch, as for a CSV file. Rows are numbered from 1 in the order
of the result (give the query an `order by` for numbers that stay the same); the header, the
result's column names, has number 0.

Every failure to get rows (no driver, a connection that cannot be made, a query that fails, a
missing table) is a `SourceError` whose message names the URL without its password.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from planchk.csvread import RowBatch
from planchk.extras import MissingExtra, require
from planchk.messages import msg, said
from planchk.sources import SourceError, SqlSource, raw_password, redact_url
from planchk.sources.cells import cell_text

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Engine

#: The driver used for a URL that names none (`postgresql://`): psycopg 3, installed by the
#: `postgresql` extra, rather than SQLAlchemy's default, psycopg2.
DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg"}
#: The extra that installs each backend's driver.
DRIVER_EXTRAS = {"postgresql": "postgresql"}


def sql_batches(source: SqlSource, size: int) -> Iterator[RowBatch]:
    """The result's column names, then its rows, `size` rows at a time."""
    try:
        require("sql", msg("reading {source}", source=source.label))
    except MissingExtra as exc:
        raise SourceError(said(exc)) from None
    from sqlalchemy import exc as errors  # noqa: PLC0415

    url = _url(source)
    engine = _engine(source, url)
    try:
        try:
            connection = engine.connect()
        except errors.SQLAlchemyError as exc:
            raise SourceError(
                msg(
                    "{source}: cannot connect: {reason}",
                    source=source.label,
                    reason=_reason(exc, url),
                )
            ) from None
        with connection:
            statement = _statement(source, connection)
            result = connection.execution_options(stream_results=True, yield_per=size).execute(
                statement
            )
            # Closed even when the reader stops early (a bad header): a server-side cursor
            # left open would hold the transaction.
            with result:
                yield RowBatch([0], [list(result.keys())])
                number = 0
                for partition in result.partitions(size):
                    rows = [list(map(cell_text, row)) for row in partition]
                    yield RowBatch(range(number + 1, number + 1 + len(rows)), rows)
                    number += len(rows)
    except errors.NoSuchTableError:
        raise SourceError(
            msg("{url}: no table {table!r}", url=redact_url(source.url), table=source.table)
        ) from None
    except errors.SQLAlchemyError as exc:
        what = msg("the query failed") if source.query is not None else msg("cannot read the table")
        raise SourceError(
            msg(
                "{source}: {what}: {reason}",
                source=source.label,
                what=what,
                reason=_reason(exc, url),
            )
        ) from None
    finally:
        engine.dispose()


def _url(source: SqlSource) -> URL:
    from sqlalchemy import exc as errors  # noqa: PLC0415
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    try:
        url = make_url(source.url)
    except errors.ArgumentError:
        raise SourceError(
            msg("{source}: not a database URL planchk can read", source=source.label)
        ) from None
    raw = raw_password(source.url)
    if raw is not None and unquote(raw) != url.password:
        # The URL parser and planchk's own reading disagree on where the password ends: the
        # driver's messages could then show a piece of it.
        raise SourceError(
            msg(
                "{source}: cannot tell where the password ends: write '@' in a password "
                "as {at}, ':' as {colon} and '/' as {slash}",
                source=source.label,
                at="%40",
                colon="%3A",
                slash="%2F",
            )
        )
    driver = DEFAULT_DRIVERS.get(url.drivername)
    if driver is not None:
        url = url.set(drivername=driver)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            raise SourceError(
                msg(
                    "{source}: name a database file, sqlite:///path/to/file.db", source=source.label
                )
            )
        if not Path(database).is_file():
            raise SourceError(
                msg(
                    "{source}: no such database file {database}",
                    source=source.label,
                    database=database,
                )
            )
        # Read only: opening a missing or mistyped file must not create an empty database.
        url = url.set(database=f"file:{database}?mode=ro", query={"uri": "true"})
    return url


def _engine(source: SqlSource, url: URL) -> Engine:
    from sqlalchemy import create_engine  # noqa: PLC0415
    from sqlalchemy import exc as errors  # noqa: PLC0415
    from sqlalchemy.pool import NullPool  # noqa: PLC0415

    backend = url.get_backend_name()
    try:
        return create_engine(url, poolclass=NullPool)
    except errors.NoSuchModuleError:
        raise SourceError(
            msg(
                "{source}: planchk cannot read {backend} databases",
                source=source.label,
                backend=backend,
            )
        ) from None
    except ImportError as exc:
        extra = DRIVER_EXTRAS.get(backend)
        hint = (
            f"pip install 'planchk[{extra}]'"
            if extra
            else msg("install it, or use SQLite or PostgreSQL (pip install 'planchk[postgresql]')")
        )
        raise SourceError(
            msg(
                "{source}: the {backend} driver ({driver}) is not installed: {hint}",
                source=source.label,
                backend=backend,
                driver=exc.name,
                hint=hint,
            )
        ) from None


def _statement(source: SqlSource, connection: Any) -> Any:
    from sqlalchemy import MetaData, Table, select, text  # noqa: PLC0415

    if source.query is not None:
        return text(source.query)
    assert source.table is not None
    schema, _, name = source.table.rpartition(".")
    table = Table(name, MetaData(), schema=schema or None, autoload_with=connection)
    # In the table's own order where it has a primary key, so row numbers stay the same.
    return select(table).order_by(*table.primary_key.columns)


def _reason(exc: Exception, url: URL) -> str:
    """The driver's own message, first line, with the URL's password removed."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    text = reason[0] if reason else type(exc).__name__
    if url.password:
        text = text.replace(str(url.password), "***")
    return text
