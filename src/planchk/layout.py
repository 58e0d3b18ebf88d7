"""Where the table is on a sheet, and how it is laid out: long or wide.

Departments fill in tables as people read them: a title and a date above, the header not on
the first row (sometimes over two rows, with merged cells), a row of units under it, notes
below. Two layouts hold the same figures:

- **long**: one row per figure, with an indicator and a value column (and a year column,
  unless the file is named after the year);
- **wide**: one row per indicator, one column per year (`2015`, `2015年`), as yearbooks and
  evaluation tables are laid out, with optional 序号, 单位, 属性, 责任单位, 备注 columns.

This module only reads the shape of a table: which row is the header, which columns are which,
where notes begin. `planchk.data` turns the rows into observations and checks them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from planchk.quantities import QuantityError, normalise_text, parse_quantity


class Layout(StrEnum):
    """`--layout`: read from the header (`auto`), or forced."""

    AUTO = "auto"
    LONG = "long"
    WIDE = "wide"


#: Column names planchk reads, with the Chinese headers accepted for each.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注"),
    "region": ("region", "地区"),
    # how the row's figure is reported, and at which prices (planchk.reporting_words)
    "reported_as": ("reported_as", "口径", "统计口径"),
    "price_basis": ("price_basis", "价格口径"),
}
#: Columns of a wide table that planchk recognises but does not need: they are checked
#: against the indicator (序号) or shown nowhere (属性, 责任单位).
WIDE_ALIASES: dict[str, tuple[str, ...]] = {
    "no": ("no", "序号", "编号"),
    "attribute": ("attribute", "属性", "指标属性"),
    "responsible": ("responsible", "责任单位"),
}
REQUIRED_COLUMNS = ("indicator", "value")
#: Non-empty rows searched for the header: title rows above it are few.
HEADER_SEARCH = 30

_YEAR_HEADER = re.compile(r"(\d{4})(?:\.0+)?\s*年?")
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# A note below a table starts with a marker: 注：, 说明：, 资料来源：, Note:, a * or ①. This
# pattern and `_UNIT_WORD` are compiled on first use (`re`'s cache), by a table only: compiling
# them took about 2 ms of every run's start-up.
_NOTE = (
    r"\s*(?:注\s*\d*\s*[:：.、①-⑳]|(?:说明|备注|资料来源|数据来源|来源|填表人|填报人|填报单位|"
    r"审核人|负责人|联系人|联系电话|制表人?|填报日期|填表日期)\s*[:：]|(?:notes?|sources?)\s*:|[*※①-⑳])"
)

_UNIT_WORD = r"[%‰]|[\u4e00-\u9fff]{1,6}(?:/[\u4e00-\u9fff]{1,4})?"

_BY_ALIAS = {
    normalise_text(alias).casefold(): name
    for aliases in (COLUMN_ALIASES, WIDE_ALIASES)
    for name, names in aliases.items()
    for alias in names
}


@dataclass(frozen=True)
class Table:
    """A table's header: its layout, and which column (0-based) holds what."""

    layout: Layout
    line: int  # the header's row (or line)
    columns: Mapping[str, int]
    #: a wide table's year columns: column -> year, in the header's order
    years: Mapping[int, int] = field(default_factory=dict)
    #: columns whose header names a year but is not a year column (`2020年目标`)
    ignored: Mapping[int, str] = field(default_factory=dict)
    #: the units row under the header, if there is one: its line and each column's unit
    units_line: int | None = None
    units: Mapping[int, str] = field(default_factory=dict)
    width: int = 0

    @property
    def read_columns(self) -> frozenset[int]:
        """The columns whose cells planchk reads."""
        wanted = set(self.years)
        wanted.update(index for name, index in self.columns.items() if name not in WIDE_ALIASES)
        return frozenset(wanted)


@dataclass(frozen=True)
class HeaderCells:
    """What one row would be as a header: the named columns, the year columns, the columns
    that name a year but are not one, and the first column named twice."""

    names: Mapping[str, int]
    years: Mapping[int, int]
    ignored: Mapping[int, str]
    repeated: tuple[str, int] | None


def header_cells(cells: Sequence[str]) -> HeaderCells:
    """Read `cells` as a header row."""
    names: dict[str, int] = {}
    years: dict[int, int] = {}
    ignored: dict[int, str] = {}
    repeated: tuple[str, int] | None = None
    seen_years: set[int] = set()
    for index, cell in enumerate(cells):
        text = normalise_text(cell)
        name = _BY_ALIAS.get(text.casefold())
        if name is not None:
            if name in names and repeated is None:
                repeated = (name, index)
            names.setdefault(name, index)
            continue
        match = _YEAR_HEADER.fullmatch(text)
        if match is not None:
            year = int(match.group(1))
            if year in seen_years and repeated is None:
                repeated = (str(year), index)
            seen_years.add(year)
            years[index] = year
        elif _HAS_YEAR.search(text):
            ignored[index] = cell.strip()
    return HeaderCells(names, years, ignored, repeated)


def header_layout(header: HeaderCells, layout: Layout) -> Layout | None:
    """The layout a header row has (within `layout`, when forced), or None if it is none."""
    names = header.names
    long = "indicator" in names and "value" in names
    wide = ("indicator" in names or "no" in names) and bool(header.years) and "value" not in names
    if layout is Layout.LONG:
        return Layout.LONG if "indicator" in names and "value" in names else None
    if layout is Layout.WIDE:
        return Layout.WIDE if ("indicator" in names or "no" in names) and header.years else None
    if long:
        return Layout.LONG
    return Layout.WIDE if wide else None


def is_note(cells: Sequence[str]) -> bool:
    """Whether a row is a note (注：…, 资料来源：…, * …): its first non-empty cell starts so."""
    first = next((cell for cell in cells if cell.strip()), "")
    return bool(first) and re.match(_NOTE, normalise_text(first), re.IGNORECASE) is not None


def filled(cells: Sequence[str]) -> int:
    """How many cells of a row hold something."""
    return sum(1 for cell in cells if cell.strip())


def table(line: int, cells: Sequence[str], header: HeaderCells, layout: Layout) -> Table:
    """The table whose header is `cells` on `line`, read as `layout`."""
    if layout is Layout.LONG:
        columns = {n: i for n, i in header.names.items() if n in COLUMN_ALIASES}
        return Table(layout, line, columns, ignored={}, width=len(cells))
    return Table(
        layout, line, dict(header.names), dict(header.years), dict(header.ignored), width=len(cells)
    )


def with_units(found: Table, line: int, cells: Sequence[str]) -> Table | None:
    """`found` with the units row `cells` on `line`, or None if the row is not a units row.

    A units row has nothing in the indicator column (or 单位), and only units, never numbers,
    in the value or year columns."""
    value_columns = list(found.years) if found.layout is Layout.WIDE else [found.columns["value"]]
    indicator = found.columns.get("indicator", found.columns.get("no"))
    first = (
        normalise_text(cells[indicator]) if indicator is not None and indicator < len(cells) else ""
    )
    marked = first.casefold() in {"单位", "unit", "计量单位"}
    if first and not marked:
        return None
    units = {
        index: normalise_text(cells[index])
        for index in value_columns
        if index < len(cells) and cells[index].strip()
    }
    if not units or any(_is_number(text) for text in units.values()):
        return None
    # Without 单位 in the first column, only unit words make a units row: a row of other text
    # is a data row and is checked as one.
    if not marked and not all(re.fullmatch(_UNIT_WORD, text) for text in units.values()):
        return None
    return Table(
        found.layout,
        found.line,
        found.columns,
        found.years,
        found.ignored,
        line,
        units,
        found.width,
    )


def _is_number(text: str) -> bool:
    try:
        parse_quantity(text)
    except QuantityError:
        return False
    return True
