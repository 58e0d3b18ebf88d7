"""Reading a Parquet file (with pyarrow) as batches of text rows, a column at a time.

The file is read a record batch at a time, so memory is bounded by a batch, as for CSV. Each
column of a batch is turned into text at once (`cell_text`), then the columns into rows, which
`planchk.data` checks like a CSV file's. Rows are numbered from 1; the header has number 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from planchk.csvread import CsvReadError, RowBatch
from planchk.extras import require
from planchk.messages import msg, said
from planchk.problems import ProblemCode
from planchk.sources import SourceError
from planchk.sources.cells import cell_text


def parquet_batches(path: Path, size: int) -> Iterator[RowBatch]:
    """The header, then the file's rows, `size` rows at a time.

    Raises `SourceError` when pyarrow is not installed, and `CsvReadError` (after the rows
    before it) when the file, or the rest of it, cannot be read.
    """
    from planchk.extras import MissingExtra  # noqa: PLC0415

    try:
        require("parquet", msg("reading {source}", source=str(path)))
    except MissingExtra as exc:
        raise SourceError(said(exc)) from None
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise CsvReadError(
            ProblemCode.UNREADABLE_FILE,
            msg("not a readable Parquet file: {reason}", reason=_reason(exc)),
        ) from None
    with parquet:
        yield RowBatch([0], [list(parquet.schema_arrow.names)])
        number = 0
        batches = parquet.iter_batches(batch_size=size)
        while True:
            try:
                batch = next(batches, None)
            except (OSError, pa.ArrowException) as exc:
                raise CsvReadError(
                    ProblemCode.UNREADABLE_FILE,
                    msg(
                        "the file is damaged after row {row} ({reason}); "
                        "the rest of the file was not read",
                        row=number,
                        reason=_reason(exc),
                    ),
                    number or None,
                ) from None
            if batch is None:
                return
            columns = [list(map(cell_text, column.to_pylist())) for column in batch.columns]
            rows = [list(row) for row in zip(*columns, strict=True)]
            yield RowBatch(range(number + 1, number + 1 + len(rows)), rows)
            number += len(rows)


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
