"""Reading an indicator table kept in a workbook (.xlsx, every sheet) or a .csv file.

Merged cells (a category spanning its rows) give their text to every cell they cover.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document, Grid
from planchk.draft.text import decode
from planchk.messages import msg


def read_sheet(path: Path) -> Document:
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    return _read_xlsx(path)


def _read_csv(path: Path) -> Document:
    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise DraftError(
            msg("{path}: cannot read the file ({error})", path=str(path), error=exc.strerror or exc)
        ) from exc
    try:
        rows = [tuple(cell.strip() for cell in row) for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise DraftError(
            msg("{path}: not a readable CSV file ({error})", path=str(path), error=str(exc))
        ) from exc
    rows = [row for row in rows if any(row)]
    places = tuple(msg("line {line}", line=i) for i in range(1, len(rows) + 1))
    grid = Grid(msg("table {number} (line {line})", number=1, line=1), tuple(rows), places)
    return Document(str(path), "", (grid,) if rows else ())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # 5.8 as the sheet shows it, not 5.7999999; a whole number without `.0`.
        return str(Decimal(repr(value)).normalize()) if not value.is_integer() else str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> Document:
    import openpyxl  # noqa: PLC0415

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise DraftError(
            msg("{path}: not a readable .xlsx workbook ({error})", path=str(path), error=str(exc))
        ) from exc
    grids: list[Grid] = []
    for sheet in book.worksheets:
        values = [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top = values[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    values[r][c] = top
        kept = [(i, tuple(row)) for i, row in enumerate(values, start=1) if any(row)]
        if not kept:
            continue
        places = tuple(msg("sheet {sheet} row {row}", sheet=sheet.title, row=i) for i, _ in kept)
        grids.append(
            Grid(
                msg("table {number} (sheet {sheet})", number=len(grids) + 1, sheet=sheet.title),
                tuple(row for _, row in kept),
                places,
                sheet.title,
            )
        )
    return Document(str(path), "", tuple(grids))
