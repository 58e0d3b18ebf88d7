"""Finding the indicator table among a plan's tables and naming its columns.

The indicator table is the one headed 指标 with target-like columns (目标, 2020年, 累计, 属性);
`--table N` picks another. Below the header every row is a category row (类别 rows, or a
category cell that spans the row), an indicator row, or empty; nothing else is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document, Grid
from planchk.messages import joined, msg

_YEAR = re.compile(r"(\d{4})\s*年")
#: Why a body row is not an indicator row, for the rows that are neither left out nor drafted.
EMPTY_ROW = msg("empty row")
CATEGORY_ROW = msg("category row")


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds what (indices into a row); None where the table has no such column."""

    name: int
    category: int | None = None
    number: int | None = None
    unit: int | None = None
    base: int | None = None
    target: int | None = None
    cumulative: int | None = None
    attribute: int | None = None
    #: years named by the headers (2015, 2020), in column order
    years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TableRow:
    """One indicator row: its cells by meaning (empty text where the table has no column)."""

    place: str
    category: str
    number: str
    name: str
    unit: str = ""
    base: str = ""
    target: str = ""
    cumulative: str = ""
    attribute: str = ""
    base_header: str = ""
    target_header: str = ""
    cumulative_header: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    """The table a spec is drafted from: its rows and the rows it set aside with the reason."""

    index: int
    grid: Grid
    header: tuple[str, ...]
    columns: Columns
    rows: tuple[TableRow, ...]
    #: (place, text, reason) of every body row that is not an indicator row
    other_rows: tuple[tuple[str, str, str], ...]


def describe_tables(document: Document) -> str:
    """The tables found and their headers, for a message about the wrong ones."""
    if not document.tables:
        return msg(
            "no table at all (no | or tab separated rows, no one-cell-per-line table headed 指标)"
        )
    parts: list[str] = [
        msg(
            "{place}: {header}",
            place=grid.place,
            header=" | ".join(c.replace(chr(10), " ") for c in grid.rows[0]),
        )
        for grid in document.tables
    ]
    return msg("{count} table(s): {tables}", count=len(parts), tables=joined(parts, "; "))


def header_row(grid: Grid) -> int | None:
    """The index of the row (among the first three) that heads an indicator table."""
    for index, row in enumerate(grid.rows[:3]):
        if any(_is_name_header(cell) for cell in row):
            return index
    return None


def _is_name_header(cell: str) -> bool:
    text = cell.replace(" ", "")
    return "指标" in text and "属性" not in text and "体系" not in text


def map_columns(header: tuple[str, ...], end_year: int | None = None) -> Columns | None:
    """Name the columns of an indicator table's header; None when it has no 指标 column or no
    column a target could be in."""
    names: dict[str, int] = {}
    year_columns: list[tuple[int, int]] = []
    for index, raw in enumerate(header):
        cell = raw.replace(" ", "").replace("\n", "")
        year = _YEAR.search(cell)
        if "属性" in cell:
            names.setdefault("attribute", index)
        elif _is_name_header(cell) and "name" not in names:
            names["name"] = index
        elif re.search("类别|领域|分类|方面", cell):
            names.setdefault("category", index)
        elif re.search("序号|编号", cell):
            names.setdefault("number", index)
        elif "单位" in cell:
            names.setdefault("unit", index)
        elif re.search("累计|年均", cell):
            names.setdefault("cumulative", index)
        elif year is not None:
            year_columns.append((int(year.group(1)), index))
        elif re.search("基期|现状|基数|基准", cell):
            names.setdefault("base", index)
        elif "目标" in cell:
            names.setdefault("target", index)
    if "name" not in names:
        return None
    years = tuple(year for year, _ in year_columns)
    for found_year, index in year_columns:
        cell = header[index]
        latest = found_year == (end_year or max(years)) and len(set(years)) > 1
        is_target = "目标" in cell or latest or found_year == end_year
        if is_target and "target" not in names:
            names["target"] = index
        elif not is_target and "base" not in names:
            names["base"] = index
        elif "target" not in names:
            names["target"] = index
    if not {"target", "cumulative"} & names.keys() and year_columns:
        # A lone year column (2025年) beside no 目标 column holds the targets.
        names["target"] = year_columns[-1][1]
        if names.get("base") == names["target"]:
            del names["base"]
    if not {"target", "cumulative"} & names.keys():
        return None
    return Columns(years=years, **names)


def find_table(document: Document, number: int | None, end_year: int | None) -> IndicatorTable:
    """The indicator table (the first one headed 指标, or table `number`), or a DraftError that
    names the tables found and their headers."""
    if number is not None:
        if not 1 <= number <= len(document.tables):
            raise DraftError(
                msg(
                    "{file}: there is no table {number}; found {tables}",
                    file=document.file,
                    number=number,
                    tables=describe_tables(document),
                )
            )
        candidates = [(number, document.tables[number - 1])]
    else:
        candidates = list(enumerate(document.tables, start=1))
    for index, grid in candidates:
        head = header_row(grid)
        if head is None:
            continue
        columns = map_columns(grid.rows[head], end_year)
        if columns is None:
            continue
        return _read_rows(index, grid, head, columns)
    if number:
        which = msg("table {number} is not an indicator table", number=number)
        pick = ""
    else:
        which = msg("no indicator table")
        # --table N chooses among the tables found: there is nothing to choose without one
        pick = msg("; --table N picks one") if document.tables else ""
    raise DraftError(
        msg(
            "{file}: {which} (未找到指标表): an indicator table is headed 指标 and has a target "
            "column (目标, 2020年, 累计 or 年均); found {tables}{pick}",
            file=document.file,
            which=which,
            tables=describe_tables(document),
            pick=pick,
        )
    )


def _cell(row: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _read_rows(index: int, grid: Grid, head: int, columns: Columns) -> IndicatorTable:
    header = grid.rows[head]
    rows: list[TableRow] = []
    other: list[tuple[str, str, str]] = []
    category = ""
    for row, place in zip(grid.rows[head + 1 :], grid.places[head + 1 :], strict=True):
        texts = [cell.strip() for cell in row]
        filled = [text for text in texts if text]
        shown = " | ".join(text.replace("\n", " ") for text in texts)
        if not filled:
            other.append((place, shown, EMPTY_ROW))
            continue
        name = _cell(row, columns.name)
        cat = _cell(row, columns.category)
        if len(set(filled)) == 1 and (not name or name == cat or columns.category is None):
            # A row whose only text spans it (一、经济发展) names the category of the rows below.
            category = filled[0].replace("\n", "")
            other.append((place, shown, CATEGORY_ROW))
            continue
        if cat:
            category = cat.replace("\n", "")
        if not name:
            other.append((place, shown, msg("no indicator name in the 指标 column")))
            continue
        rows.append(
            TableRow(
                place=place,
                category=category,
                number=_cell(row, columns.number),
                name=name,
                unit=_cell(row, columns.unit),
                base=_cell(row, columns.base),
                target=_cell(row, columns.target),
                cumulative=_cell(row, columns.cumulative),
                attribute=_cell(row, columns.attribute),
                base_header=_cell(header, columns.base),
                target_header=_cell(header, columns.target),
                cumulative_header=_cell(header, columns.cumulative),
            )
        )
    return IndicatorTable(index, grid, header, columns, tuple(rows), tuple(other))
