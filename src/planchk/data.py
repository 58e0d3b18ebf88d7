"""Loading reported statistics (CSV or XLSX) into observations, checked against a spec.

Every data row is either turned into an `Observation` or reported as a `Problem` with its file,
line and column (and its region, in data with a region column); all problems of all files are
collected before anything is raised, so a user fixes a submission in one pass.

Files are streamed a batch of rows at a time (`planchk.csvread`): memory is bounded by a batch,
the observations kept and the problems kept, never by the file. Most batches of a large panel
are plain (known indicators, years, regions and plain numbers) and are read column by column
(`_RowReader._plain_batch`); any other batch is read row by row, which reports every problem.
A plain batch is also kept as columns (`ColumnBatch`, about 20 bytes a row where an
`Observation` takes about 360), and made into observations only where they are asked for;
duplicate rows are found through one number per region, indicator and year (`_KeyIndex`),
not a key tuple per row.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from decimal import Context, Decimal, getcontext
from functools import partial
from itertools import chain, compress, count, islice, repeat
from math import isinf
from operator import eq, gt, is_not, itemgetter, lt, mul, truediv
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast, overload

from planchk.csvread import (
    BATCH_ROWS,
    ColumnRows,
    CsvReadError,
    RowBatch,
    csv_batches,
    detect_format,
)
from planchk.gcpause import paused_gc
from planchk.inputfiles import special_kind
from planchk.layout import (
    COLUMN_ALIASES,
    HEADER_SEARCH,
    REQUIRED_COLUMNS,
    HeaderCells,
    Layout,
    Table,
    filled,
    header_cells,
    header_layout,
    is_note,
    table,
    with_units,
)
from planchk.messages import indicator_ref, msg, said
from planchk.problems import (
    MAX_KEPT_PROBLEMS,
    InputError,
    Problem,
    ProblemCode,
    ProblemLog,
    Severity,
    place,
    row_key,
    sort_problems,
)
from planchk.quantities import (
    Qualifier,
    QuantityError,
    QuantityRangeError,
    is_preliminary_note,
    normalise_text,
    parse_quantity,
    plain_column,
    plain_numbers,
    written_as_str,
)
from planchk.ranges import range_problem, value_limits
from planchk.reporting_words import (
    PRICE_BASIS_WORDS,
    REPORTING_WORDS,
    choices,
    price_basis_word,
    reporting_word,
)
from planchk.row_checks import mixed_row_problems
from planchk.sources import SqlSource, is_row_source
from planchk.spec import KIND_WORDS, Indicator, PriceBasis, Reporting, Spec
from planchk.units import conversion_factor

if TYPE_CHECKING:
    from planchk.workbook import CellRange, Sheet

    #: How a column of a plain batch is kept: its distinct values, in the order first read,
    #: and each row's place among them (None when every row has the same value).
    _Coded = tuple[tuple["_T", ...], array[int] | None]
    #: A plain batch's columns with the ids, units, sources, notes and regions coded: the
    #: rows' indicator ids, years, values, value texts, units, sources, notes, lines, regions.
    _CodedColumns = tuple[
        _Coded[str],
        Sequence[int],
        list[Decimal] | None,
        Sequence[str],
        _Coded[str | None],
        _Coded[str | None],
        _Coded[str | None],
        Sequence[int],
        _Coded[str | None],
    ]

_T = TypeVar("_T")

DATA_SUFFIXES = (".csv", ".xlsx", ".parquet")

__all__ = ["COLUMN_ALIASES", "REQUIRED_COLUMNS"]  # where they were before planchk.layout
_YEAR_FILE = re.compile(r"^(\d{4})$")
_YEAR_CELL = re.compile(r"(\d{4})(\.0+)?(年)?")
# The cells of one figure of a wide table, as the checks of a long row read them.
_WIDE_FIELDS = (
    "indicator",
    "year",
    "value",
    "unit",
    "source",
    "note",
    "region",
    "reported_as",
    "price_basis",
)
_WIDE_HEADER = {name: index for index, name in enumerate(_WIDE_FIELDS)}


class Observation(NamedTuple):
    """One reported value, converted exactly to the spec's unit.

    A named tuple rather than a frozen dataclass: a panel has hundreds of thousands of rows,
    and a named tuple is built several times faster.
    """

    indicator_id: str
    year: int
    value: Decimal
    qualifier: Qualifier
    preliminary: bool
    reported: str
    reported_unit: str | None
    source: str | None
    note: str | None
    file: str
    line: int
    region: str | None = None  # the row's region, in data with a region column
    sheet: str | None = None  # in a workbook: the sheet (`line` is then its row)
    column: int | None = None  # the value's column (1-based), when known
    #: how the row reports its figure where its 口径 differs from the spec's `reporting`
    #: (None: as the spec says, so rows with equal fields report alike)
    reported_as: Reporting | None = None
    #: the row's own price basis (价格口径), None where it gives none
    price_basis: PriceBasis | None = None

    def reporting(self, indicator: Indicator) -> Reporting:
        """How the row reports its figure: its own 口径, else the spec's `reporting`."""
        return self.reported_as or indicator.reporting

    @property
    def location(self) -> str:
        """`file:line`, or in a workbook `file!sheet!D7`, the value's cell."""
        return place(self.file, self.line, None if self.sheet is None else self.column, self.sheet)

    @property
    def illustrative(self) -> bool:
        """True when the row's source says the figure is constructed for demonstration."""
        return bool(self.source) and "illustrative" in (self.source or "").casefold()


def _coded(texts: Iterable[_T]) -> _Coded[_T]:
    """A column as its distinct values and a code per row (a byte where 256 values suffice)."""
    found = list(texts)
    table = dict.fromkeys(found)
    if len(table) == 1:
        return tuple(table), None
    code = {value: i for i, value in enumerate(table)}
    typecode = "B" if len(table) <= 1 << 8 else "H" if len(table) <= 1 << 16 else "I"
    return tuple(table), array(typecode, map(code.__getitem__, found))


def _coded_through(texts: Sequence[str], meaning: Mapping[str, _T]) -> _Coded[_T]:
    """`_coded` of what each text means, with one lookup per row: `meaning` maps every
    distinct text of `texts`, and no other, in the order first read (as `dict.fromkeys` of
    them orders them), so that only they are looked up and coded."""
    table = dict.fromkeys(meaning.values())  # in the order first read
    if len(table) == 1:
        return tuple(table), None
    code = {value: i for i, value in enumerate(table)}
    code_of = {text: code[value] for text, value in meaning.items()}
    typecode = "B" if len(table) <= 1 << 8 else "H" if len(table) <= 1 << 16 else "I"
    return tuple(table), array(typecode, list(map(code_of.__getitem__, texts)))


def _expanded(coded: _Coded[_T], count: int) -> Iterable[_T]:
    table, codes = coded
    return repeat(table[0], count) if codes is None else map(table.__getitem__, codes)


def _code_at(coded: _Coded[_T], k: int) -> _T:
    table, codes = coded
    return table[0] if codes is None else table[codes[k]]


def _line_numbers(lines: Sequence[int]) -> array[int]:
    try:
        return array("I", lines)
    except OverflowError:  # beyond 4 billion rows
        return array("q", lines)


#: Rebuilds a value from its digits and exponent; wide enough for any plain number's 60 digits,
#: so that nothing is rounded whatever the caller's context.
_SCALED = Context(prec=80).scaleb


#: 10^-exponent by exponent (`ColumnBatch.floats`), exact to 10^22.
_POWERS_OF_TEN = {-k: 10.0**k for k in range(129)}


def scaled(digits: int, exponent: int) -> Decimal:
    """The value `digits` × 10^`exponent`, with that exponent (`ColumnBatch.digits`)."""
    return Decimal(digits) if exponent == 0 else _SCALED(Decimal(digits), exponent)


class ColumnBatch:
    """The observations of one plain batch (`_RowReader._plain_columns`), kept as columns.

    An `Observation` per row costs about 360 bytes (the tuple, a Decimal, the text it was read
    from, a line number); here a row costs about 30: each value as its digits (a 64-bit integer)
    and exponent, the text it was written as only where `str` of the value would not give it
    back, and the indicator, year, unit, source, note and region as small codes. Observations
    are made as they are asked for, the same as row-by-row reading makes them."""

    __slots__ = (
        "_digits",
        "_exponents",
        "_reported",
        "_values",
        "column",
        "count",
        "file",
        "ids",
        "lines",
        "notes",
        "regions",
        "sheet",
        "sources",
        "units",
        "years",
    )

    def __init__(
        self,
        columns: tuple[
            Sequence[str],
            Sequence[int],
            list[Decimal],
            Sequence[str],
            Sequence[str | None],
            Sequence[str | None],
            Sequence[str | None],
            Sequence[int],
            Sequence[str | None],
        ],
        file: str,
        sheet: str | None,
        column: int,
        *,
        as_written: bool,
    ) -> None:
        """`columns` are the rows' indicator ids, years, values, value texts, units, sources,
        notes, lines and regions; `as_written` says that each value is its text read as a plain
        number (no unit's factor applied), so that it can be kept as its digits."""
        ids, years, values, reported, units, sources, notes, lines, regions = columns
        self._fill(
            (
                _coded(ids),
                years,
                values,
                reported,
                _coded(units),
                _coded(sources),
                _coded(notes),
                lines,
                _coded(regions),
            ),
            (file, sheet, column),
            as_written=as_written,
        )

    @classmethod
    def of_coded(
        cls,
        columns: _CodedColumns,
        file: str,
        sheet: str | None,
        column: int,
        *,
        as_written: bool,
    ) -> ColumnBatch:
        """The batch of the same columns with the ids, units, sources, notes and regions
        coded already (`_coded_through`), as `_RowReader._plain_columns` reads them."""
        batch = cls.__new__(cls)
        batch._fill(columns, (file, sheet, column), as_written=as_written)
        return batch

    def _fill(
        self,
        columns: _CodedColumns,
        place: tuple[str, str | None, int],
        *,
        as_written: bool,
    ) -> None:
        ids, years, values, reported, units, sources, notes, lines, regions = columns
        self.count = len(lines)
        self.file, self.sheet, self.column = place
        self.ids = ids
        self.years = array("H", years)
        self.units, self.sources, self.notes = units, sources, notes
        self.lines = _line_numbers(lines)
        self.regions = regions
        self._reported: list[str] | None = None
        self._digits: array[int] | None = None
        self._exponents: array[int] | None = None
        self._values: list[Decimal] | None = None
        if values is None or as_written:
            # Plain numbers read as they are written (most are) need no text: a regex over
            # the column tells (exactly), where a `str` of every value takes longer.
            if not written_as_str(reported):
                self._reported = list(reported)
            digits, exponents = _digits_of(reported)
            if digits is not None and exponents is not None:
                self._digits, self._exponents = digits, exponents
            else:  # beyond 64 bits: the values themselves
                self._values = values if values is not None else plain_numbers(reported)
                assert self._values is not None
            return
        if list(map(str, values)) != list(reported):
            self._reported = list(reported)
        self._values = values

    def __len__(self) -> int:
        return self.count

    def values(self) -> list[Decimal]:
        """Every row's value, as `plain_numbers` read it."""
        if self._values is not None:
            return self._values
        assert self._digits is not None
        assert self._exponents is not None
        if not any(self._exponents):
            return list(map(Decimal, self._digits))
        return list(map(_SCALED, map(Decimal, self._digits), self._exponents))

    def digits(self) -> tuple[array[int], array[int]] | None:
        """Each row's value as its digits and exponent (`scaled` makes the value of one),
        where the batch keeps them so; None where it keeps the values themselves."""
        if self._digits is None or self._exponents is None:
            return None
        return self._digits, self._exponents

    def floats(self) -> list[float]:
        """Every row's value as a float64, made without a Decimal per row, for float screens
        that allow for a few roundings: each is at most three roundings from the exact value
        (of the digits beyond 2^53, of 10^-exponent beyond 10^22, and of the quotient)."""
        if self._values is not None:
            return list(map(float, self._values))
        assert self._digits is not None
        assert self._exponents is not None
        floats = list(map(float, self._digits))
        if not any(self._exponents):
            return floats
        # the exponents are those of the digits after a decimal point: 0 or negative
        return list(map(truediv, floats, map(_POWERS_OF_TEN.__getitem__, self._exponents)))

    def indicator_ids(self) -> Iterable[str]:
        """Every row's indicator id."""
        return _expanded(self.ids, self.count)

    def region_names(self) -> Iterable[str | None]:
        """Every row's region."""
        return _expanded(self.regions, self.count)

    def value(self, k: int) -> Decimal:
        if self._values is not None:
            return self._values[k]
        assert self._digits is not None
        assert self._exponents is not None
        return _SCALED(Decimal(self._digits[k]), self._exponents[k])

    def observations(self) -> list[Observation]:
        """Every row's observation, made at once."""
        values = self.values()
        reported = self._reported if self._reported is not None else map(str, values)
        count = self.count
        return cast(
            "list[Observation]",
            list(
                map(
                    _new_observation,
                    zip(
                        _expanded(self.ids, count),
                        self.years,
                        values,
                        repeat(Qualifier.EXACT),
                        repeat(False),
                        reported,
                        _expanded(self.units, count),
                        _expanded(self.sources, count),
                        _expanded(self.notes, count),
                        repeat(self.file),
                        self.lines,
                        _expanded(self.regions, count),
                        repeat(self.sheet),
                        repeat(self.column),
                        repeat(None),
                        repeat(None),
                        strict=False,
                    ),
                )
            ),
        )

    def observation(self, k: int) -> Observation:
        """Row `k`'s observation."""
        value = self.value(k)
        return Observation(
            _code_at(self.ids, k),
            self.years[k],
            value,
            Qualifier.EXACT,
            False,
            str(value) if self._reported is None else self._reported[k],
            _code_at(self.units, k),
            _code_at(self.sources, k),
            _code_at(self.notes, k),
            self.file,
            self.lines[k],
            _code_at(self.regions, k),
            self.sheet,
            self.column,
        )


def _digits_of(texts: Sequence[str]) -> tuple[array[int] | None, array[int] | None]:
    """Each plain number's digits and exponent (`plain_numbers`: zero always `Decimal(0)`,
    exponent 0), when the digits fit 64 bits; else (None, None), and the values are kept as
    they are."""
    try:
        digits = array("q", map(int, map(str.replace, texts, repeat("."), repeat(""))))
    except (OverflowError, ValueError):
        return None, None
    points = map(str.find, texts, repeat("."))
    exponents = array(
        "b",
        [
            point - size + 1 if point >= 0 and number else 0
            for point, size, number in zip(points, map(len, texts), digits, strict=True)
        ],
    )
    return digits, exponents


class Observations(Sequence[Observation]):
    """A dataset's observations: rows read one by one, and plain batches kept as columns
    (`ColumnBatch`), in the order they were read. Iterating makes each batch's observations
    as it comes to it, so that a panel's rows are never all held as `Observation` tuples;
    `at` makes one row's. Equal to any sequence of the same observations."""

    def __init__(self, parts: Iterable[list[Observation] | ColumnBatch] = ()) -> None:
        self.parts: list[list[Observation] | ColumnBatch] = []
        self._starts: list[int] = []
        self._count = 0
        for part in parts:
            self._add_part(part)

    def _add_part(self, part: list[Observation] | ColumnBatch) -> None:
        self.parts.append(part)
        self._starts.append(self._count)
        self._count += len(part)

    def _append(self, obs: Observation) -> None:
        last = self.parts[-1] if self.parts else None
        if not isinstance(last, list):
            last = []
            self._add_part(last)
        last.append(obs)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Observation]:
        for part in self.parts:
            yield from (part if isinstance(part, list) else part.observations())

    def at(self, position: int) -> Observation:
        """The observation at `position`, made alone."""
        index = bisect_right(self._starts, position) - 1
        part = self.parts[index]
        k = position - self._starts[index]
        return part[k] if isinstance(part, list) else part.observation(k)

    @overload
    def __getitem__(self, index: int) -> Observation: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Observation, ...]: ...
    def __getitem__(self, index: int | slice) -> Observation | tuple[Observation, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self.at(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(map(eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Observations({len(self)} rows in {len(self.parts)} parts)"

    def years(self) -> set[int]:
        """The years of the rows."""
        found: set[int] = set()
        for part in self.parts:
            found.update(map(_YEAR, part) if isinstance(part, list) else part.years)
        return found

    def regions(self) -> list[str | None]:
        """The rows' regions, in the order first named."""
        found: dict[str | None, None] = {}
        for part in self.parts:
            found.update(
                dict.fromkeys(map(_REGION, part) if isinstance(part, list) else part.regions[0])
            )
        return list(found)

    def in_year(self, year: int) -> Iterator[Observation]:
        """The rows of `year`, in order, each batch's made only for its rows of the year."""
        for part in self.parts:
            if isinstance(part, list):
                yield from (obs for obs in part if obs.year == year)
            else:
                yield from map(part.observation, compress(count(), map(year.__eq__, part.years)))

    def loose(self) -> Iterator[Observation]:
        """The rows read one by one (the only ones that may have their own 口径 or prices)."""
        for part in self.parts:
            if isinstance(part, list):
                yield from part


class _KeyIndex:
    """Where each (region, indicator, year) of the data has its first row: one 32-bit number
    per region, indicator and year of the plan (-1 no row, -2 only a rejected row named it,
    else the row's place in `Observations`), in place of a dict keyed by a tuple per row."""

    def __init__(self, spec: Spec) -> None:
        self.base = spec.plan.base_year
        self.span = spec.plan.end_year - spec.plan.base_year + 1
        self.ids = [indicator.id for indicator in spec.indicators]
        self.indicators = {id_: k * self.span for k, id_ in enumerate(self.ids)}
        self.width = len(self.ids) * self.span
        self.names: list[str | None] = []
        self.regions: dict[str | None, int] = {}
        self.first = array("i")
        self.region(None)

    def region(self, name: str | None) -> int:
        """The first slot of region `name` (made on first sight)."""
        found = self.regions.get(name)
        if found is None:
            found = self.regions[name] = len(self.first)
            self.names.append(name)
            self.first.extend(_NO_ROW * self.width)
        return found

    def slot(self, region: str | None, indicator_id: str, year: int) -> int:
        return self.region(region) + self.indicators[indicator_id] + year - self.base

    def slots(self, batch: ColumnBatch) -> list[int]:
        """Each row's slot."""
        regions = [self.region(name) - self.base for name in batch.regions[0]]
        indicators = [self.indicators[id_] for id_ in batch.ids[0]]
        count = len(batch)
        region_codes = repeat(0, count) if batch.regions[1] is None else batch.regions[1]
        indicator_codes = repeat(0, count) if batch.ids[1] is None else batch.ids[1]
        return [
            regions[r] + indicators[i] + year
            for r, i, year in zip(region_codes, indicator_codes, batch.years, strict=False)
        ]

    def key(self, slot: int) -> tuple[str | None, str, int]:
        region, rest = divmod(slot, self.width)
        indicator, year = divmod(rest, self.span)
        return self.names[region], self.ids[indicator], self.base + year


_NO_ROW = array("i", [-1])
_NAMED = -2


class ObservationKeys(AbstractSet[tuple[str | None, str, int]]):
    """The (region, indicator id, year) that some row named (`LoadedData.keys`), as a set."""

    def __init__(self, index: _KeyIndex | None = None) -> None:
        self._index = index

    def __contains__(self, key: object) -> bool:
        index = self._index
        if index is None or not isinstance(key, tuple) or len(key) != 3:
            return False
        region, indicator, year = key
        start = index.regions.get(region)
        offset = index.indicators.get(indicator)
        if start is None or offset is None or not isinstance(year, int):
            return False
        if not 0 <= year - index.base < index.span:
            return False
        return index.first[start + offset + year - index.base] != -1

    def absent(self, region: str | None, year: int, ids: Sequence[str]) -> list[str]:
        """The ids of `ids` that no row named for `region` and `year`, in their order: what
        `[i for i in ids if (region, i, year) not in self]` gives, with the region and year
        looked up once (`missing-indicator` asks this of every region and year)."""
        index = self._index
        start = None if index is None else index.regions.get(region)
        if index is None or start is None or not 0 <= year - index.base < index.span:
            return list(ids)
        first, offsets, at = index.first, index.indicators, start + year - index.base
        return [i for i in ids if (offset := offsets.get(i)) is None or first[at + offset] == -1]

    def complete(self, region: str | None, year: int) -> bool:
        """Whether some row named every indicator of the spec for `region` and `year` (then
        `absent` finds none of them): one slice of the index, not a lookup per indicator."""
        index = self._index
        start = None if index is None else index.regions.get(region)
        if index is None or start is None or not 0 <= year - index.base < index.span:
            return False
        # the region's slots run indicator by indicator, a year each: one per `span`
        slots = index.first[start + year - index.base : start + index.width : index.span]
        return -1 not in slots

    def __iter__(self) -> Iterator[tuple[str | None, str, int]]:
        index = self._index
        if index is None:
            return iter(())
        slots = compress(count(), map((-1).__ne__, index.first))
        return map(index.key, slots)

    def __len__(self) -> int:
        index = self._index
        return 0 if index is None else len(index.first) - index.first.count(-1)

    def __repr__(self) -> str:
        return f"ObservationKeys({len(self)} keys)"


@dataclass(frozen=True)
class Dataset:
    """Observations by indicator and year, with the warnings found while loading.

    Data with a region column is a panel: `regions` names its regions in the order they first
    appear, and `for_region` or `split_regions` give each region's own dataset. Without a
    region column, `regions` is empty and the dataset is one time series, as always.

    An indicator's year may have one row for each way of reporting (口径): a yearly change and
    the published change since the base year, a level in current prices and the real growth.
    `get` gives the row reported as the spec says where there is one, `rows` every row.
    """

    #: a tuple, or in data read from files `Observations` (plain batches kept as columns)
    observations: Sequence[Observation]
    warnings: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    _index: dict[tuple[str, int], Observation] = field(default_factory=dict, repr=False)
    #: (indicator id, year) -> every row, for the few years with more than one
    _rows: dict[tuple[str, int], tuple[Observation, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if len(self.regions) > 1:
            return  # a panel is read one region at a time
        index = self._index
        for obs in self.observations:
            key = (obs.indicator_id, obs.year)
            first = index.setdefault(key, obs)
            if first is not obs:
                found = self._rows[key] = (*self._rows.get(key, (first,)), obs)
                # the row reported as the spec says, where there is one
                index[key] = next((o for o in found if o.reported_as is None), found[0])

    @property
    def is_panel(self) -> bool:
        """True for data with a region column."""
        return bool(self.regions)

    def get(self, indicator_id: str, year: int) -> Observation | None:
        if len(self.regions) > 1:
            raise ValueError("the data holds several regions: read one with for_region()")
        return self._index.get((indicator_id, year))

    def rows(self, indicator_id: str, year: int) -> tuple[Observation, ...]:
        """Every row of the indicator for `year`: one per way of reporting (口径)."""
        key = (indicator_id, year)
        found = self._rows.get(key)
        if found is not None:
            return found
        first = self.get(indicator_id, year)
        return () if first is None else (first,)

    def years(self) -> list[int]:
        if isinstance(self.observations, Observations):
            return sorted(self.observations.years())
        return sorted({obs.year for obs in self.observations})

    def for_region(self, region: str) -> Dataset:
        """The observations and warnings of one region of a panel."""
        if region not in self.regions:
            raise KeyError(region)
        return Dataset(
            tuple(o for o in self.observations if o.region == region),
            tuple(w for w in self.warnings if w.region == region),
            self.files,
            (region,),
        )

    def split_regions(self) -> dict[str, Dataset]:
        """Every region's own dataset, in the order of `regions` (one pass over the panel)."""
        observations: dict[str, list[Observation]] = {r: [] for r in self.regions}
        for obs in self.observations:
            if obs.region is not None:
                observations[obs.region].append(obs)
        warnings: dict[str | None, list[Problem]] = {}
        for warning in self.warnings:
            warnings.setdefault(warning.region, []).append(warning)
        return {
            region: Dataset(tuple(found), tuple(warnings.get(region, ())), self.files, (region,))
            for region, found in observations.items()
        }


@dataclass(frozen=True)
class FileSummary:
    """How the rows of one data file were accounted for:
    `rows == used + restated + rejected + notes`.

    `complete` is false when a problem stopped the reading (a bad header, bytes in no known
    encoding, malformed CSV); that problem says where, and the rows after it are not counted.
    """

    file: str
    rows: int = 0
    used: int = 0
    restated: int = 0
    rejected: int = 0
    #: rows below the table passed over as notes (注：…, * …): one filled cell, a note's mark
    notes: int = 0
    complete: bool = True
    #: the header's column numbers (1-based) by column name: indicator, year, value, ...
    columns: Mapping[str, int] = field(default_factory=dict)
    #: the years its rows name (in the plan period), whether or not their values were usable
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class LoadedData:
    """Everything read from data files, problems included: what `planchk validate` checks.

    `dataset` holds every observation that could be read, even when other rows have errors.
    `problems` are sorted by file and line; `omitted` counts by code those beyond the
    `MAX_KEPT_PROBLEMS` a run keeps. `keys` holds the (region, indicator id, year) that some row
    named, whether or not its value could be used (region None without a region column);
    `named` the (indicator id, year) pairs among them.
    """

    dataset: Dataset
    problems: tuple[Problem, ...]
    files: tuple[FileSummary, ...]
    omitted: Mapping[ProblemCode, int] = field(default_factory=dict)
    keys: ObservationKeys = field(default_factory=ObservationKeys)
    error_count: int = 0
    #: every problem (kept or omitted) counted by file and severity
    counts: Mapping[tuple[str, Severity], int] = field(default_factory=dict)
    #: (region or None, year) -> the first file read to its end with rows for that year (and
    #: region, in data with a region column): the years whose indicators are expected
    covering: Mapping[tuple[str | None, int], str] = field(default_factory=dict)
    #: in data with a region column: every problem (kept or omitted) of a region's rows,
    #: counted by region and severity
    region_counts: Mapping[tuple[str, Severity], int] = field(default_factory=dict)
    #: in data with a region column: every region some row names, in the order first named
    #: (`dataset.regions` has only those with a usable row)
    regions: tuple[str, ...] = ()

    @property
    def named(self) -> frozenset[tuple[str, int]]:
        """The (indicator id, year) pairs that some row named, in any region."""
        return frozenset((indicator, year) for _, indicator, year in self.keys)


#: Suffixes of files that hold tables planchk does not read, with what to do about each.
_OTHER_TABLES = {
    ".xls": msg("an Excel 97-2003 workbook: save it as .xlsx or .csv (File > Save As)"),
    ".xlsm": msg("a macro-enabled workbook: save it as .xlsx (File > Save As)"),
    ".xlsb": msg("a binary workbook: save it as .xlsx (File > Save As)"),
    ".ods": msg("an OpenDocument spreadsheet: save it as .xlsx or .csv"),
    ".numbers": msg("a Numbers spreadsheet: export it as .xlsx or .csv"),
    ".tsv": msg(
        "planchk reads .csv, .xlsx and .parquet files: rename it to .csv (tab-separated files "
        "are read) or save it as CSV"
    ),
    ".tab": msg(
        "planchk reads .csv, .xlsx and .parquet files: rename it to .csv (tab-separated files "
        "are read) or save it as CSV"
    ),
    ".txt": msg(
        "planchk reads .csv, .xlsx and .parquet files: if it is a table (Excel's Unicode text), "
        "rename it to .csv or save it as CSV"
    ),
}


def expand_paths(
    paths: Sequence[str | Path | SqlSource],
) -> tuple[list[Path | SqlSource], list[Problem]]:
    """Files named directly, plus the .csv, .xlsx and .parquet files under directories, in sorted
    order; database sources as they are.

    Nothing is skipped in silence: a named path that is not a regular file is an error, and a
    file under a directory that looks like data planchk does not read (.xls, .tsv, .txt, a
    broken link, a pipe) is an `unread-file` warning saying why and what to do. Other files
    (README.md, images) and hidden files are not data and are left alone.
    """
    files: list[Path | SqlSource] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        # A file named twice (directly and through its directory) is read once; reading it
        # twice would report each of its rows as a duplicate of itself.
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            files.append(file)

    for raw in paths:
        if isinstance(raw, SqlSource):
            files.append(raw)
            continue
        path = Path(raw)
        try:
            kind = special_kind(path)
        except OSError:
            problems.append(
                _error(ProblemCode.UNREADABLE_FILE, msg("no such file or directory"), str(path))
            )
            continue
        if kind == "a directory":
            found, unread = _directory_files(path)
            problems.extend(unread)
            if not found:
                problems.append(
                    _error(
                        ProblemCode.NO_DATA,
                        msg("no .csv or .xlsx files in directory {path}", path=str(path)),
                        str(path),
                    )
                )
            for file in found:
                add(file)
        elif kind is None:
            add(path)
        else:
            problems.append(
                _error(
                    ProblemCode.UNREADABLE_FILE,
                    msg(
                        "{kind}, not a data file: planchk reads a data file twice (first for "
                        "its encoding); save the data to a .csv or .xlsx file",
                        kind=kind,
                    ),
                    str(path),
                )
            )
    return files, problems


def _directory_files(directory: Path) -> tuple[list[Path], list[Problem]]:
    """The data files under `directory`, sorted, and an `unread-file` warning for each file
    there that looks like data but is not read."""
    found: list[Path] = []
    unread: list[Problem] = []
    for path in sorted(directory.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue  # hidden files and folders (.git, editors' lock files) are not data
        suffix = path.suffix.lower()
        try:
            kind = special_kind(path)
        except OSError:
            continue  # gone since the directory was listed
        if kind == "a directory":
            continue
        if kind is None and suffix in DATA_SUFFIXES:
            found.append(path)
            continue
        if kind is not None:
            reason = msg("{kind}, not a data file", kind=kind)
        elif suffix in _OTHER_TABLES:
            reason = _OTHER_TABLES[suffix]
        else:
            continue
        unread.append(
            Problem(
                ProblemCode.UNREAD_FILE,
                Severity.WARNING,
                msg("not read: {reason}", reason=reason),
                str(path),
            )
        )
    return found, unread


def load_data(
    paths: Sequence[str | Path | SqlSource],
    spec: Spec,
    *,
    sheet: str | None = None,
    layout: Layout = Layout.AUTO,
) -> Dataset:
    """Load and check data files against `spec`; raise `InputError` listing every error found.

    `sheet` names the one sheet to read in workbooks (default: every visible sheet that holds a
    table); `layout` forces tables to be read as long or wide (default: from the header)."""
    loaded = read_data(paths, spec, sheet=sheet, layout=layout)
    if loaded.error_count:
        raise InputError(list(loaded.problems), loaded.omitted)
    return loaded.dataset


def read_data(
    paths: Sequence[str | Path | SqlSource],
    spec: Spec,
    keep: int | None = None,
    *,
    sheet: str | None = None,
    layout: Layout = Layout.AUTO,
) -> LoadedData:
    """Read data files against `spec`, collecting every problem instead of raising.

    Files (and database results, `planchk.sources`) are streamed a batch of rows at a time;
    a database that cannot be read raises `planchk.sources.SourceError`. Memory is bounded by
    the observations kept (one per indicator and year, and region in a panel) and by `keep`,
    the number of problems kept (default `MAX_KEPT_PROBLEMS`; the rest are counted by code).
    """
    # Reading a panel creates hundreds of thousands of objects that all stay alive: the cyclic
    # collector would only walk them again and again (see `planchk.gcpause`).
    with paused_gc():
        return _read_data(
            paths, spec, MAX_KEPT_PROBLEMS if keep is None else keep, _Choice(sheet, layout)
        )


@dataclass(frozen=True)
class _Choice:
    """What the user chose to read: one sheet of each workbook, and a layout."""

    sheet: str | None = None
    layout: Layout = Layout.AUTO


def _read_data(
    paths: Sequence[str | Path | SqlSource], spec: Spec, keep: int, choice: _Choice
) -> LoadedData:
    files, path_problems = expand_paths(paths)
    log = ProblemLog(keep)
    log.extend(path_problems)
    if not paths:
        log.append(_error(ProblemCode.NO_DATA, "no data files given", "<command line>"))
    observations = Observations()
    index = _KeyIndex(spec)
    #: the rows of a key reported otherwise than its first row (a yearly change beside the
    #: change since the base year), by key and 口径
    other: dict[tuple[tuple[str | None, str, int], Reporting], Observation] = {}
    readers: list[_RowReader] = []
    spellings: dict[str, tuple[str, str, int | None]] = {}
    first = index.first
    for path in files:
        reader = _RowReader(path, spec, log, choice, spellings)
        readers.append(reader)
        for batch in reader.observation_batches():
            if isinstance(batch, ColumnBatch):
                slots = index.slots(batch)
            else:
                slots = [index.slot(*_KEY(obs)) for obs in batch]
            # No row's key given before, and none twice in the batch: the usual case, with
            # nothing to check row by row.
            if len(set(slots)) == len(slots) and _all_new(first, slots):
                for position, slot in enumerate(slots, start=len(observations)):
                    first[slot] = position
                if isinstance(batch, ColumnBatch):
                    observations._add_part(batch)
                else:
                    for obs in batch:
                        observations._append(obs)
                reader.used += len(batch)
                continue
            rows = batch.observations() if isinstance(batch, ColumnBatch) else batch
            for obs, slot in zip(rows, slots, strict=True):
                _add_checked(spec, obs, (index, slot, other), observations, reader, log)
    summaries = [reader.summary() for reader in readers]
    columns = {summary.file: summary.columns for summary in summaries}
    log.extend(_mixed_region_columns(readers))
    log.extend(_baseline_warnings(spec, observations, columns))
    # Only rows read one by one can have their own 口径 or prices: without such a row there
    # is nothing to check, and the plain batches are not made into observations to see that.
    if any(
        obs.reported_as is not None or obs.price_basis is not None for obs in observations.loose()
    ):
        log.extend(mixed_row_problems(spec, observations, columns))
    problems = tuple(sort_problems(log.kept))
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    regions = tuple(r for r in observations.regions() if r is not None)
    # Every used, restated or duplicate row's key has a row in `index`; rejected rows that
    # named an indicator and year are in their reader's `named`.
    for reader in readers:
        for key in reader.named:
            slot = index.slot(*key)
            if first[slot] == -1:
                first[slot] = _NAMED
    covering: dict[tuple[str | None, int], str] = {}
    for reader in readers:
        # A file not read to its end is left out: its unread rows may hold the values, and the
        # error that stopped it is enough.
        if reader.complete:
            for region_year in reader.region_years:
                covering.setdefault(region_year, reader.file)
    return LoadedData(
        dataset=Dataset(observations, warnings, tuple(str(f) for f in files), regions),
        problems=problems,
        files=tuple(summaries),
        omitted=dict(log.omitted),
        keys=ObservationKeys(index),
        error_count=log.errors,
        counts=dict(log.counts),
        covering=covering,
        region_counts=dict(log.region_counts),
        regions=tuple(
            dict.fromkeys(name for reader in readers for name in reader.region_names() if name)
        ),
    )


def _all_new(first: array[int], slots: Sequence[int]) -> bool:
    """Whether no slot has a row yet (nor a rejected row's name: none is marked while reading)."""
    return not any(map((-1).__ne__, map(first.__getitem__, slots)))


def _add_checked(
    spec: Spec,
    obs: Observation,
    kept: tuple[
        _KeyIndex,
        int,
        dict[tuple[tuple[str | None, str, int], Reporting], Observation],
    ],
    observations: Observations,
    reader: _RowReader,
    log: ProblemLog,
) -> None:
    """Keep `obs` unless it gives a figure that is already given: a restated figure (the same
    in another file, as base-year rows are) is used once, another is a `duplicate-row` error.

    A row reported otherwise (口径) than the key's first row gives another figure and is kept
    beside it (`kept` holds where each key's first row is, the slot of `obs`, and the other
    rows by key and 口径)."""
    index, slot, other = kept
    at = index.first[slot]
    first = observations.at(at) if at >= 0 else None
    if first is not None and first.reported_as != obs.reported_as:
        mode = obs.reporting(_by_id(spec, obs.indicator_id))
        first = other.setdefault((_KEY(obs), mode), obs)
        if first is obs:
            observations._append(obs)
            reader.used += 1
            return
    if first is None:
        index.first[slot] = len(observations)
        observations._append(obs)
        reader.used += 1
    elif first.file != obs.file and _same_figure(first, obs):
        reader.restated += 1
    else:
        reader.rejected += 1
        log.append(
            Problem(
                ProblemCode.DUPLICATE_ROW,
                Severity.ERROR,
                (
                    msg(
                        "indicator {indicator} for {year} is already given at {place}",
                        indicator=_label(spec, obs.indicator_id),
                        year=obs.year,
                        place=first.location,
                    )
                    if first.file == obs.file
                    else msg(
                        "indicator {indicator} for {year} is already given at {place} with "
                        "another value ({value})",
                        indicator=_label(spec, obs.indicator_id),
                        year=obs.year,
                        place=first.location,
                        value=first.reported,
                    )
                ),
                obs.file,
                obs.line,
                column_number=obs.column if obs.sheet is not None else None,
                region=obs.region,
                sheet=obs.sheet,
            )
        )


#: (region, indicator, year) of an observation: what must be unique in a dataset.
observation_key = _KEY = itemgetter(
    *(Observation._fields.index(f) for f in ("region", "indicator_id", "year"))
)
_REGION = itemgetter(Observation._fields.index("region"))
_YEAR = itemgetter(Observation._fields.index("year"))


def _same_figure(a: Observation, b: Observation) -> bool:
    return (a.value, a.qualifier, a.preliminary) == (b.value, b.qualifier, b.preliminary)


def _mixed_region_columns(readers: Sequence[_RowReader]) -> list[Problem]:
    """Files without a region column among files with one: their rows belong to no region."""
    with_column = [r.file for r in readers if r.has_region]
    if not with_column:
        return []
    return [
        _error(
            ProblemCode.BAD_HEADER,
            msg(
                "no region column (地区), but {file} has one: in a panel every file "
                "needs a region column",
                file=with_column[0],
            ),
            reader.file,
            reader.header_line or None,  # a source's header is row 0: no row to name
        )
        for reader in readers
        if reader.header_line is not None and not reader.has_region
    ]


def _baseline_warnings(
    spec: Spec, observations: Observations, columns: Mapping[str, Mapping[str, int]]
) -> list[Problem]:
    """An `inconsistent-baseline` warning for each base-year row that differs from the spec's
    baseline, in the order of the rows."""
    check = _BaselineCheck(spec, columns)
    for part in observations.parts:
        if isinstance(part, list):
            check.rows(part)
        else:
            check.batch(part)
    return check.warnings


class _BaselineCheck:
    """Compares base-year rows with the spec's baselines: rows read one by one each on its own,
    a plain batch over its columns (no observation made but for a row that differs)."""

    def __init__(self, spec: Spec, columns: Mapping[str, Mapping[str, int]]) -> None:
        self.spec = spec
        self.columns = columns
        self.base_year = spec.plan.base_year
        self.warnings: list[Problem] = []
        # The baselines that base-year rows are checked against, per spec: the plan's, or a
        # region's own where the spec's regions section gives them; each region's spec and
        # each spec's baselines looked up once.
        self._specs: dict[str | None, Spec] = {}
        self._baselines: dict[int, dict[str, Decimal]] = {}

    def expected(self, region: str | None) -> dict[str, Decimal]:
        """The baselines that `region`'s base-year rows are compared with, by indicator id."""
        region_spec = self._specs.get(region)
        if region_spec is None:
            region_spec = self._specs[region] = self.spec.for_region(region)
        found = self._baselines.get(id(region_spec))
        if found is None:
            base_year = self.base_year
            found = self._baselines[id(region_spec)] = {
                ind.id: ind.baseline.value
                for ind in region_spec.indicators
                # A baseline dated to another year is not the base-year row's to contradict.
                if ind.baseline is not None
                and ind.baseline.year in (None, base_year)
                and ind.reporting is Reporting.LEVEL
            }
        return found

    def rows(self, observations: Iterable[Observation]) -> None:
        base_year = self.base_year
        for obs in observations:
            if obs.year != base_year:
                continue
            baseline = self.expected(obs.region).get(obs.indicator_id)
            # a row with its own 口径 is no level to compare with the baseline
            if baseline is not None and obs.reported_as is None and obs.value != baseline:
                self._differs(obs, baseline)

    def batch(self, batch: ColumnBatch) -> None:
        """The base-year rows of a plain batch: their values are compared with their
        indicators' baselines inside `map` (Decimal comparison, so 1.50 equals 1.5), and an
        observation is made only for a row that differs."""
        rows = _positions(batch.years, self.base_year)
        if not rows:
            return
        expected = [self.expected(name) for name in batch.regions[0]]
        if any(found is not expected[0] for found in expected):
            # regions with baselines of their own: each row with its region's
            self.rows(map(batch.observation, rows))
            return
        ids, id_codes = batch.ids
        baselines = [expected[0].get(id_) for id_ in ids]
        if not any(map(_IS_SET, baselines)):
            return
        # Each distinct (indicator, value) is compared once: a panel's base-year rows mostly
        # restate the baseline, so there are few of them.
        codes = repeat(0) if id_codes is None else map(id_codes.__getitem__, rows)
        kept = batch.digits()
        if kept is None:
            values: Iterable[Decimal | tuple[int, int]] = map(batch.value, rows)
        else:
            digits, exponents = kept
            values = zip(
                map(digits.__getitem__, rows), map(exponents.__getitem__, rows), strict=True
            )
        keys = list(zip(codes, values, strict=False))  # `codes` may be endless
        differing: set[tuple[int, Decimal | tuple[int, int]]] = set()
        for code, value in set(keys):
            baseline = baselines[code]
            exact = value if isinstance(value, Decimal) else scaled(*value)
            if baseline is not None and exact != baseline:
                differing.add((code, value))
        if differing:
            for k, key in zip(rows, keys, strict=True):
                if key in differing:
                    self._differs(batch.observation(k), cast("Decimal", baselines[key[0]]))

    def _differs(self, obs: Observation, baseline: Decimal) -> None:
        self.warnings.append(
            Problem(
                ProblemCode.INCONSISTENT_BASELINE,
                Severity.WARNING,
                msg(
                    "indicator {indicator}: {value} differs from the spec's baseline "
                    "{baseline}; the spec's baseline is used",
                    indicator=_label(self.spec, obs.indicator_id),
                    value=obs.reported,
                    baseline=str(baseline),
                ),
                obs.file,
                obs.line,
                "value",
                obs.column or self.columns.get(obs.file, {}).get("value"),
                obs.region,
                obs.sheet,
            )
        )


def _positions(values: array[int], value: int) -> list[int]:
    """Where `value` is in `values`, in order (`array.index` scans in C, several times faster
    than testing each item through `map`)."""
    found: list[int] = []
    at = -1
    try:
        while True:
            at = values.index(value, at + 1)
            found.append(at)
    except ValueError:
        return found


#: Whether a baseline is set (not None), as a function for `map`.
_IS_SET = partial(is_not, None)


class _RowReader:
    """Reads one file's rows into observations, collecting problems instead of stopping."""

    def __init__(
        self,
        path: Path | SqlSource,
        spec: Spec,
        log: ProblemLog,
        choice: _Choice,
        spellings: dict[str, tuple[str, str, int | None]] | None = None,
    ) -> None:
        self.path = path
        #: region key -> the region's name as first written, with its file and line: shared by
        #: the readers of one run, so that every file spells a region the same way
        self.spellings = {} if spellings is None else spellings
        self.choice = choice
        #: the sheet being read, in a workbook; the table being read, and its notes' first row
        self.sheet: str | None = None
        self.table: Table | None = None
        self.notes_from: int | None = None
        #: the region a `planchk template` workbook was written for, if any
        self.marker_region: str | None = None
        #: the first non-empty row of the table being looked for, to say why none was found
        self._first_row: tuple[int, list[str]] | None = None
        self.file = str(path)
        self.spec = spec
        self.log = log
        self.errors = 0
        match = None if isinstance(path, SqlSource) else _YEAR_FILE.match(path.stem)
        self.file_year = int(match.group(1)) if match else None
        self.columns: dict[str, int] = {}  # column name -> 0-based index in the header
        self.header_line: int | None = None
        self.has_region = False
        #: (region or None, indicator id, year) that a row read row by row named (the rows of
        #: plain batches all become observations, whose keys say as much)
        self.named: set[tuple[str | None, str, int]] = set()
        #: the years, and the (region or None, year) pairs, that some row named
        self.years: set[int] = set()
        self.region_years: set[tuple[str | None, int]] = set()
        self.rows = self.used = self.restated = self.rejected = self.notes = 0
        #: in a database's rows: the row being read (its number and cells), whose key names it
        self._keyed = isinstance(path, SqlSource)
        self._current: tuple[int, list[str]] | None = None
        self.complete = True
        # A panel repeats the same few indicator names, years, units and region names on
        # hundreds of thousands of rows: each distinct text is looked up once.
        self._indicators: dict[str, Indicator | None] = {}
        self._years: dict[str, int | tuple[ProblemCode, str]] = {}
        self._factors: dict[tuple[str, str, bool, Reporting], Decimal | str] = {}
        self._regions: dict[str, str] = {}
        self._limits: dict[str, tuple[Decimal, Decimal]] = {}

    def summary(self) -> FileSummary:
        return FileSummary(
            file=self.file,
            rows=self.rows,
            used=self.used,
            restated=self.restated,
            rejected=self.rejected,
            notes=self.notes,
            complete=self.complete,
            columns={name: index + 1 for name, index in self.columns.items()},
            years=tuple(sorted(self.years)),
        )

    def region_names(self) -> Iterable[str]:
        """The regions the file's rows name, in the order first named ("" for none)."""
        return self._regions.values()

    def observations(self) -> Iterator[Observation]:
        """The file's observations, read as they are needed; problems go to the log."""
        for batch in self.observation_batches():
            yield from batch.observations() if isinstance(batch, ColumnBatch) else batch

    def observation_batches(self) -> Iterator[list[Observation] | ColumnBatch]:
        """The file's observations, a batch of rows at a time; problems go to the log."""
        try:
            if not isinstance(self.path, SqlSource) and self.path.suffix.lower() == ".xlsx":
                yield from self._workbook_batches()
            else:
                yield from self._table_batches(self._row_batches(), (), last=True)
        except CsvReadError as exc:
            self.complete = False
            self._add(exc.code, exc.message, exc.line)
            return
        if self.header_line is None and not self.errors:
            self._add(ProblemCode.NO_DATA, msg("the file is empty"), None)

    def _workbook_batches(self) -> Iterator[list[Observation] | ColumnBatch]:
        """Every sheet chosen (`--sheet`, else every visible sheet with a table)."""
        from planchk.template import TemplateMarker  # noqa: PLC0415
        from planchk.workbook import Workbook, WorkbookError  # noqa: PLC0415

        assert isinstance(self.path, Path)  # a database is never a workbook
        try:
            workbook = Workbook(self.path)
        except WorkbookError as exc:
            raise CsvReadError(ProblemCode.UNREADABLE_FILE, exc.message) from None
        with workbook:
            try:
                sheets = workbook.sheets()
            except WorkbookError as exc:
                raise CsvReadError(ProblemCode.UNREADABLE_FILE, exc.message) from None
            marker = TemplateMarker.parse(workbook.marker)
            if marker is not None:
                refusal = marker.refusal(self.spec, self.file_year)
                if refusal is not None:
                    self.complete = False
                    self._add(ProblemCode.WRONG_TEMPLATE, refusal, None)
                    return
                self.marker_region = marker.region
                self.has_region = marker.region is not None
                sheets = [s for s in sheets if s.name != marker.instructions]
            chosen = self._chosen_sheets(sheets)
            without_table: list[tuple[str, int, list[str]]] = []
            tables = 0
            for sheet in chosen:
                self.sheet = sheet.name
                self.table = None
                self.notes_from = None
                self._uncalculated_formulas(sheet)
                try:
                    rows = workbook.rows(sheet)
                    batches = _batched(rows)
                    yield from self._table_batches(batches, sheet.merged, last=False)
                except WorkbookError as exc:
                    self.complete = False
                    self._add(ProblemCode.UNREADABLE_FILE, exc.message, exc.line)
                    continue
                if self.table is not None:
                    tables += 1
                    if marker is not None:
                        self._check_template_years(marker.years)
                elif self._first_row is not None:
                    without_table.append((sheet.name, *self._first_row))
            self._sheets_without_table(without_table, tables)
            if not chosen and self.choice.sheet is None:
                self.complete = False
                self._add(
                    ProblemCode.NO_DATA,
                    "the workbook has no visible sheet; name a hidden one with --sheet",
                    None,
                )

    def _uncalculated_formulas(self, sheet: Sheet) -> None:
        """An error on each cell of the sheet that holds a formula without a calculated value:
        its value is unknown, and would otherwise read as an empty cell."""
        advice = msg(
            "open the workbook in Excel or LibreOffice and save it, so that its formulas are "
            "calculated"
        )
        for column, row in sheet.uncalculated:
            self._report(
                self._problem(
                    ProblemCode.UNCALCULATED_FORMULA,
                    msg(
                        "the cell holds a formula whose value was never calculated (the workbook "
                        "was written by a program and not opened since), so its value is "
                        "unknown: {advice}",
                        advice=advice,
                    ),
                    row,
                    column,
                )
            )
        rest = sheet.uncalculated_count - len(sheet.uncalculated)
        if rest:
            self._add(
                ProblemCode.UNCALCULATED_FORMULA,
                msg(
                    "{rest:,} more cell(s) of the sheet hold formulas whose values were never "
                    "calculated: {advice}",
                    rest=rest,
                    advice=advice,
                ),
                None,
            )

    def _sheets_without_table(
        self, without_table: Sequence[tuple[str, int, list[str]]], tables: int
    ) -> None:
        """Sheets with content but no table: a `no-table` warning beside sheets with tables,
        else a `bad-header` error for each (the workbook holds no table at all)."""
        for name, line, cells in without_table:
            self.sheet = name
            if tables:
                self._report(
                    Problem(
                        ProblemCode.NO_TABLE,
                        Severity.WARNING,
                        msg(
                            "the sheet holds no table (no row names an indicator column and "
                            "a value or year columns) and was not read"
                        ),
                        self.file,
                        sheet=name,
                    )
                )
            else:
                self.complete = False
                self._no_table(line, cells)
        self.sheet = None

    def _no_table(self, line: int, cells: list[str]) -> None:
        """A `bad-header` error on the first row, when no row of the first `HEADER_SEARCH`
        is the header of a table (of the layout forced by --layout, if any)."""
        if self.choice.layout is Layout.WIDE:
            self._add(
                ProblemCode.BAD_HEADER,
                msg(
                    "no wide table (--layout wide): no row names an indicator column (指标/序号) "
                    "and year columns (2018 or 2018年)"
                ),
                line,
            )
        elif self._header(line, cells) is not None:
            self._add(ProblemCode.BAD_HEADER, msg("no row is the header of a table"), line)

    def _chosen_sheets(self, sheets: Sequence[Sheet]) -> list[Sheet]:
        """The sheet named by `--sheet`, or every visible sheet (hidden ones said so)."""
        wanted = self.choice.sheet
        if wanted is not None:
            for sheet in sheets:
                if normalise_text(sheet.name).casefold() == normalise_text(wanted).casefold():
                    return [sheet]
            self.complete = False
            names = ", ".join(repr(sheet.name) for sheet in sheets)
            self._add(
                ProblemCode.NO_DATA,
                msg(
                    "no sheet named {wanted!r} (--sheet); the workbook's sheets are {names}",
                    wanted=wanted,
                    names=names,
                ),
                None,
            )
            return []
        for sheet in sheets:
            if sheet.hidden:
                self._report(
                    Problem(
                        ProblemCode.HIDDEN_SHEET,
                        Severity.WARNING,
                        msg(
                            "the sheet is hidden and was not read; unhide it, or read it with "
                            "--sheet {sheet!r}",
                            sheet=sheet.name,
                        ),
                        self.file,
                        sheet=sheet.name,
                    )
                )
        return [sheet for sheet in sheets if not sheet.hidden]

    def _check_template_years(self, years: tuple[int, ...]) -> None:
        """A template's year columns must be the ones it was written with."""
        found = self.table
        if found is None or not years:
            return
        given = tuple(sorted(found.years.values()))
        if given != tuple(sorted(years)):
            shown = ", ".join(map(str, sorted(years)))
            self.complete = False
            self._add(
                ProblemCode.WRONG_TEMPLATE,
                msg(
                    "the template was written for {shown}, but its year columns are "
                    "{given}: a template filled in for another year "
                    "is not read; write one for this year with `planchk template --year`",
                    shown=shown,
                    given=", ".join(map(str, given)) or msg("none"),
                ),
                found.line,
            )

    def _table_batches(
        self, batches: Iterable[RowBatch], merged: Sequence[CellRange], *, last: bool
    ) -> Iterator[list[Observation] | ColumnBatch]:
        """The observations of one table (a CSV file, or a sheet): its header is found below
        any title rows, then its rows are read long or wide. `last` says whether a missing
        table is reported here (a CSV file) or by the caller (a sheet of a workbook)."""
        self._first_row = None
        found = self._find_table(iter(batches), merged)
        if found is None:
            if self._first_row is not None and last:
                self.complete = False
                self._no_table(*self._first_row)
            return
        header, rest = found
        self.table = header
        self.header_line = self.header_line or header.line
        for problem in self._table_problems(header, merged):
            self._report(problem)
        if header.layout is Layout.WIDE:
            # the header's columns, until a figure's own are set: a table without figures is
            # then a header without data rows
            self.columns = dict(header.columns)
            for lines, rows in rest:
                found_obs: list[Observation] = []
                try:
                    for line, cells in zip(lines, rows, strict=True):
                        found_obs.extend(self._wide_row(line, cells, header))
                except _SecondTable:
                    self.complete = False
                    yield found_obs
                    return
                yield found_obs
            return
        columns = dict(header.columns)
        if header.units:
            columns, rest = _with_column_unit(header, rest)
        self.columns = columns
        self.has_region = self.has_region or "region" in columns
        width = max(header.width, max(columns.values()) + 1)
        for lines, rows in rest:
            if not rows:
                continue
            plain = self._plain_batch(columns, width, lines, rows)
            if plain is not None:
                self.rows += len(rows)
                yield plain
                continue
            found_rows: list[Observation] = []
            try:
                for line, cells in zip(lines, rows, strict=True):
                    obs = self._row(line, cells, columns, width)
                    if obs is not None:
                        found_rows.append(obs)
            except _SecondTable:
                self.complete = False
                yield found_rows
                return
            yield found_rows

    def _find_table(
        self, batches: Iterator[RowBatch], merged: Sequence[CellRange]
    ) -> tuple[Table, Iterable[RowBatch]] | None:
        """The table's header and the batches of rows after it; None when the first
        `HEADER_SEARCH` non-empty rows hold no header (`_first_row` is then the first)."""
        searched = 0
        seen: dict[int, list[str]] = {}
        for lines, rows in batches:
            for index, cells in enumerate(rows):
                if not any(map(str.strip, cells)):
                    continue
                line = lines[index]
                searched += 1
                if self._first_row is None:
                    self._first_row = (line, cells)
                seen[line] = cells
                shown = _merged_filled(line, cells, merged, seen) if merged else cells
                header = header_cells(shown)
                layout = header_layout(header, self.choice.layout)
                if layout is None:
                    if searched >= HEADER_SEARCH:
                        return None
                    continue
                if header.repeated is not None and (
                    layout is Layout.WIDE or header.repeated[0] in COLUMN_ALIASES
                ):
                    name, column = header.repeated
                    self._add(
                        ProblemCode.BAD_HEADER,
                        msg("column {name!r} appears twice", name=name),
                        line,
                        shown[column],
                        column_number=column + 1,
                    )
                    self.complete = False
                    self._first_row = None
                    return None
                if layout is Layout.LONG and not self._long_header_complete(header, line, shown):
                    self._first_row = None
                    return None
                found = table(line, shown, header, layout)
                rest = RowBatch(lines[index + 1 :], rows[index + 1 :])
                return self._with_units_row(found, chain([rest], batches))
        return None

    def _long_header_complete(self, header: HeaderCells, line: int, cells: list[str]) -> bool:
        """A long header needs a year column unless the file is named after the year."""
        if "year" in header.names or self.file_year is not None:
            return True
        self.complete = False
        self._header(line, cells)  # says what is missing, as for any header
        return False

    def _with_units_row(
        self, found: Table, batches: Iterator[RowBatch]
    ) -> tuple[Table, Iterable[RowBatch]]:
        """`found` with the units row under its header, if the first row after it is one."""
        for lines, rows in batches:
            for index, cells in enumerate(rows):
                if not any(map(str.strip, cells)):
                    continue
                units = with_units(found, lines[index], cells)
                if units is not None:
                    found, index = units, index + 1  # noqa: PLW2901
                rest = RowBatch(lines[index:], rows[index:])
                return found, chain([rest], batches)
        return found, iter(())

    def _table_problems(self, found: Table, merged: Sequence[CellRange]) -> list[Problem]:
        """Merged cells inside the table, year columns outside the plan period, and columns
        that name a year without being a year column."""
        problems: list[Problem] = []
        read = found.read_columns
        for cells in merged:
            if cells.max_row <= found.line:
                continue  # a merged title or header cell
            if not any(cells.min_col <= column + 1 <= cells.max_col for column in read):
                continue  # a merged cell of a column planchk does not read (类别, say)
            problems.append(
                self._problem(
                    ProblemCode.MERGED_CELL,
                    msg(
                        "cells {cells} are merged inside the table: a merged cell gives one "
                        "value for several cells; unmerge them and fill each cell",
                        cells=cells.ref,
                    ),
                    max(cells.min_row, found.line + 1),
                    cells.min_col,
                )
            )
        plan = self.spec.plan
        for column, year in list(found.years.items()):
            if not plan.base_year <= year <= plan.end_year:
                problems.append(
                    self._problem(
                        ProblemCode.YEAR_OUT_OF_RANGE,
                        msg(
                            "year column {year} is outside the plan period "
                            "{base}-{end}; its figures were not read",
                            year=year,
                            base=plan.base_year,
                            end=plan.end_year,
                        ),
                        found.line,
                        column + 1,
                    )
                )
        for column, text in found.ignored.items():
            problems.append(
                self._problem(
                    ProblemCode.IGNORED_COLUMN,
                    msg(
                        "column {text!r} names a year but is not a year column (2018 or 2018年); "
                        "it was not read",
                        text=text,
                    ),
                    found.line,
                    column + 1,
                    Severity.WARNING,
                )
            )
        return problems

    def _problem(
        self,
        code: ProblemCode,
        message: str,
        line: int,
        column: int,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        if severity is Severity.ERROR:
            self.errors += 1
        return Problem(code, severity, message, self.file, line, None, column, sheet=self.sheet)

    def _outside_table(self, line: int, cells: list[str]) -> bool:
        """Whether a row below the header is not a row of the table: a note (注：…, and the
        one-cell lines that continue it). A second header is a `two-tables` error that stops
        the sheet."""
        # Only a row with a single filled cell can be a note: a row with more cells is read as
        # data, so a figure next to a note's mark is reported, never passed over.
        if filled(cells) <= 1 and (self.notes_from is not None or is_note(cells)):
            self.notes_from = self.notes_from or line
            self.rows += 1
            self.notes += 1
            return True
        if header_layout(header_cells(cells), Layout.AUTO) is not None:
            self._add(
                ProblemCode.TWO_TABLES,
                msg(
                    "a second table starts here (its header is row {line}, the first table's "
                    "row {first}): put each table on its own sheet; the rest was not read",
                    line=line,
                    first=self.table.line if self.table else "?",
                ),
                line,
            )
            raise _SecondTable
        return False

    def _wide_row(self, line: int, cells: list[str], found: Table) -> list[Observation]:
        """The figures of one row of a wide table: one per filled year cell."""
        if not any(map(str.strip, cells)) or self._outside_table(line, cells):
            return []
        self._current = (line, cells)

        def cell(name: str) -> str:
            index = found.columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        figures = [
            (column, year, cells[column].strip())
            for column, year in found.years.items()
            if column < len(cells)
            and cells[column].strip()
            and self.spec.plan.base_year <= year <= self.spec.plan.end_year
        ]
        name, number = cell("indicator"), cell("no")
        indicator = self._indicator(name) if name else None
        by_number = self._indicator(normalise_text(number)) if number else None
        where = "indicator" if name or "no" not in found.columns else "no"
        self.columns = {where: found.columns[where]}
        problem: str | None = None
        if name and indicator is None:
            if not figures and self._is_category(name):
                return []  # a category's heading row (一、高端创新资源)
            problem = msg(
                "unknown indicator {name!r}; use an id, number or name from `planchk indicators`",
                name=name,
            )
        elif not name:
            indicator = by_number
            if indicator is None:
                if not figures:
                    return []  # a row numbering a group, with no figure
                problem = msg("no indicator given; name it in the 指标 column")
        elif by_number is not None and indicator is not None and by_number.id != indicator.id:
            problem = msg(
                "序号 {number} is indicator {numbered} but the row names indicator "
                "{named}: correct one of them",
                number=number,
                numbered=_describe(by_number),
                named=_describe(indicator),
            )
        if problem is not None:
            self.rows += max(len(figures), 1)
            self.rejected += max(len(figures), 1)
            self._add(ProblemCode.UNKNOWN_INDICATOR, problem, line, where)
            return []
        assert indicator is not None
        if self.has_region and "region" not in found.columns:
            region = self.marker_region or ""
        else:
            region = cell("region")
        row_unit, source, note = cell("unit"), cell("source"), cell("note")
        mode, basis = cell("reported_as"), cell("price_basis")
        found_obs: list[Observation] = []
        for column, year, raw in figures:
            self.rows += 1
            unit = row_unit or found.units.get(column, "")
            self.columns = {
                name: index
                for name, index in (
                    ("indicator", found.columns.get(where)),
                    ("year", column),
                    ("value", column),
                    ("unit", found.columns.get("unit")),
                    ("source", found.columns.get("source")),
                    ("note", found.columns.get("note")),
                    ("region", found.columns.get("region")),
                    ("reported_as", found.columns.get("reported_as")),
                    ("price_basis", found.columns.get("price_basis")),
                )
                if index is not None
            }
            synthetic = [indicator.id, str(year), raw, unit, source, note, region, mode, basis, ""]
            obs = self._observation(line, _WIDE_HEADER, synthetic)
            if obs is None:
                self.rejected += 1
            else:
                found_obs.append(obs._replace(column=column + 1))
        return found_obs

    def _is_category(self, name: str) -> bool:
        key = normalise_text(name).casefold()
        stripped = _CATEGORY_NUMBER.sub("", key)
        return any(
            key == category.id
            or stripped
            in {
                normalise_text(text).casefold()
                for text in (category.name.zh, category.name.en)
                if text
            }
            for category in self.spec.categories
        )

    def _row(
        self, line: int, cells: list[str], header: dict[str, int], width: int
    ) -> Observation | None:
        """One row, checked on its own: an observation, or None with its problems recorded."""
        if not any(map(str.strip, cells)):
            if self._keyed:
                # a database's row is a record, not a blank line between rows
                self.rows += 1
                self.rejected += 1
                self._add(
                    ProblemCode.MISSING_VALUE,
                    "every field of the row is NULL or empty, so it gives no figure; remove "
                    "the row, or fill it in (an outer join in the query?)",
                    line,
                )
                return None
            return None  # a blank line is not a row
        self._current = (line, cells)
        if self._outside_table(line, cells):
            return None
        self.rows += 1
        if len(cells) > width:
            # Even empty extra cells: `1,2018,10,500,` under `indicator,year,value,source` is
            # 10,500 split at its comma, and reading it as 10 (source 500) would misread it.
            region = self._note_named(line, header, cells)
            self._add(
                ProblemCode.RAGGED_ROW,
                msg(
                    "{cells} cells, the header has {width}; a number with a thousands "
                    'separator must be quoted ("10,500") or written without it',
                    cells=len(cells),
                    width=width,
                ),
                line,
                column_number=width + 1,
                region=region,
            )
            self.rejected += 1
            return None
        # Missing trailing cells are empty; one more empty cell stands for every column the
        # header does not have.
        padded = [*cells[:width], *[""] * (width - len(cells)), ""]
        obs = self._observation(line, header, padded)
        if obs is None:
            self.rejected += 1
        return obs

    def _note_named(self, line: int, header: dict[str, int], cells: list[str]) -> str | None:
        """Record the indicator and year a row names, when it names them plainly, without
        reporting anything: a rejected row still says which figure it meant to give. Returns
        the row's region, if it names one."""
        indicator = self.spec.indicator(cells[header["indicator"]].strip())
        index = header.get("year")
        raw = normalise_text(cells[index]) if index is not None else ""
        match = _YEAR_CELL.fullmatch(raw)
        year = int(match.group(1)) if match else (None if raw else self.file_year)
        region = (
            self._region_name(cells[header["region"]].strip(), line) if self.has_region else None
        )
        plan = self.spec.plan
        if indicator is None or year is None or not plan.base_year <= year <= plan.end_year:
            return region
        if region is not None or not self.has_region:
            self._name(region, indicator.id, year)
        return region

    def _plain_batch(
        self,
        header: dict[str, int],
        width: int,
        lines: Sequence[int],
        rows: Sequence[list[str]],
    ) -> ColumnBatch | None:
        """A batch of rows read column by column, or None if any row needs a closer look.

        Most rows of a large panel are plain: a known indicator, a year, a region, a number in
        ASCII digits within the indicator's range, and a unit that needs no check beyond the
        first row that has it. Such a batch is read a column at a time, each distinct text (an
        indicator's name, a year, a unit) looked up once, which is several times faster than
        reading row by row. A batch with anything else (an empty or ragged row, a qualifier, an
        unknown indicator, a value out of range, a preliminary figure) returns None and is read
        by `_row`, which reports every problem; both ways give the same observations
        (tests/test_panel.py checks this).
        """
        if isinstance(rows, ColumnRows):  # split by columns already (`planchk.csvread`)
            return (
                self._plain_columns(header, lines, rows.columns)
                if len(rows.columns) == width
                else None
            )
        if set(map(len, rows)) != {width}:
            return None
        return self._plain_columns(header, lines, list(zip(*rows, strict=True)))

    def _plain_columns(
        self, header: dict[str, int], lines: Sequence[int], columns: Sequence[Sequence[str]]
    ) -> ColumnBatch | None:
        """`_plain_batch` of a batch given as its columns (each as long as `lines`).

        Cells are stripped as the row-by-row reader strips them, but only once per distinct
        text: a panel repeats the same few indicators, years, units and regions, so each
        column but the values is read through a dict from its texts to what they mean."""
        empty = [""] * len(lines)

        def raw(name: str) -> Sequence[str]:
            index = header.get(name)
            return empty if index is None else columns[index]

        keys, units, raw_years = raw("indicator"), raw("unit"), raw("year")
        indicators = {key: self._indicator(key.strip()) for key in dict.fromkeys(keys)}
        years = {text: self._parse_year(text.strip()) for text in set(raw_years)}
        raw_regions = raw("region") if self.has_region else empty
        regions = self._plain_regions(raw_regions, lines)
        year_of = {text: year for text, year in years.items() if isinstance(year, int)}
        if not all(indicators.values()) or len(year_of) != len(years):
            return None
        if self.has_region and not all(regions.values()):
            return None
        ids = {key: indicator.id for key, indicator in indicators.items() if indicator}
        unit_of = _stripped(units)
        factors: dict[tuple[str, str], Decimal] = {}
        for key, unit in set(zip(keys, units, strict=True)):
            indicator = indicators[key]
            assert indicator is not None
            factor = self._factor(indicator, unit_of[unit] or "", False, indicator.reporting)
            if isinstance(factor, str):
                return None
            factors[(key, unit)] = factor
        note_of = _stripped(raw("note"))
        if any(note and is_preliminary_note(note) for note in note_of.values()):
            return None
        if any(any(_stripped(raw(name)).values()) for name in ("reported_as", "price_basis")):
            return None  # a row's own 口径 or 价格口径 is read, and checked, row by row
        raw_values = raw("value")
        if not plain_column(raw_values):
            # a plain number has no spaces: only a column with some is read stripped
            raw_values = list(map(str.strip, raw_values))
            if not plain_column(raw_values):
                return None
        values: list[Decimal] | None = None
        if (
            all(map(_IS_ONE.__eq__, map(str, factors.values())))
            and max(map(len, raw_values)) <= getcontext().prec
        ):
            # times a factor of 1 (exponent 0), a number of at most `prec` digits is itself,
            # and the batch keeps it as its digits: no Decimal is made for it here
            if not self._texts_within_limits(indicators, keys, raw_values):
                return None
        else:
            numbers = plain_numbers(raw_values)
            assert numbers is not None
            values = list(
                map(mul, numbers, map(factors.__getitem__, zip(keys, units, strict=True)))
            )
            if not self._within_limits(indicators, keys, values):
                return None
        row_years = list(map(year_of.__getitem__, raw_years))
        # Each column with few distinct texts is coded through them (`_coded_through`):
        # one lookup per row, not a list of what each row means and then its codes.
        row_regions = _coded_through(raw_regions, regions)
        self.years.update(year_of.values())
        if self.has_region:
            named = _expanded(row_regions, len(row_years))
            self.region_years.update(zip(named, row_years, strict=False))
        else:
            self.region_years.update((None, year) for year in year_of.values())
        return ColumnBatch.of_coded(
            (
                _coded_through(keys, ids),
                row_years,
                values,
                raw_values,
                _coded_through(units, unit_of),
                _coded_through(raw("source"), _stripped(raw("source"))),
                _coded_through(raw("note"), note_of),
                lines,
                row_regions,
            ),
            self.file,
            self.sheet,
            header["value"] + 1,
            as_written=values is None,
        )

    def _plain_regions(
        self, raw_regions: Sequence[str], lines: Sequence[int]
    ) -> dict[str, str | None]:
        """The region each distinct text of a batch's region column names (None for none), in
        the order first written, each looked up as `_region_name` looks it up."""
        known = self._regions
        regions: dict[str, str | None] = {}
        first_lines: dict[str, int] | None = None
        for text in dict.fromkeys(raw_regions):
            name = text.strip()
            if name in known:
                regions[text] = known[name] or None
                continue
            if first_lines is None:
                first_lines = dict(zip(reversed(raw_regions), reversed(lines), strict=True))
            regions[text] = self._region_name(name, first_lines[text])
        return regions

    def _within_limits(
        self,
        indicators: Mapping[str, Indicator | None],
        keys: Sequence[str],
        values: list[Decimal],
    ) -> bool:
        """Whether every value is within its indicator's range (`planchk.ranges`), compared
        exactly (the values of a plain batch are exact). Each row is compared with its
        indicator's lowest and highest value inside `map`, with no Python code run per row."""
        lowest, highest = self._limits_of(indicators)
        below = any(map(lt, values, map(lowest.__getitem__, keys)))
        return not below and not any(map(gt, values, map(highest.__getitem__, keys)))

    def _texts_within_limits(
        self, indicators: Mapping[str, Indicator | None], keys: Sequence[str], texts: Sequence[str]
    ) -> bool:
        """`_within_limits` of plain numbers given as their texts, screened in float64: `float`
        of a decimal text and of a limit are both correctly rounded, so a value whose float is
        below (above) its limit's is below (above) the limit, and one whose float is on the
        other side is within it; only values whose float equals the limit's are compared as
        Decimals (a float is made several times faster than a Decimal)."""
        lowest, highest = self._limits_of(indicators)
        floats = list(map(float, texts))
        for limits, beyond in ((lowest, lt), (highest, gt)):
            screen = {key: float(limit) for key, limit in limits.items()}
            if any(map(beyond, floats, map(screen.__getitem__, keys))):
                return False
            # A value whose float is 0.0 is 0 (a plain number is 0 or at least 1e-30 from
            # it), and so is a limit whose float is 0.0 (a spec's bounds are 0 or at least
            # 1e-30 from it, `planchk.spec`), so such a value is never beyond it; no value is
            # on an infinite limit. Only values on another limit's float are compared as
            # Decimals.
            near = {key: f for key, f in screen.items() if f != 0 and not isinf(f)}
            if not near:
                continue
            on_limit = compress(count(), map(eq, floats, map(near.get, keys)))
            on = {(keys[k], texts[k]) for k in on_limit}
            if any(beyond(Decimal(text), limits[key]) for key, text in on):
                return False
        return True

    def _limits_of(
        self, indicators: Mapping[str, Indicator | None]
    ) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
        """The lowest and highest value of each indicator key's range (infinite for none)."""
        lowest: dict[str, Decimal] = {}
        highest: dict[str, Decimal] = {}
        for key, indicator in indicators.items():
            assert indicator is not None
            limits = self._limits.get(indicator.id)
            if limits is None:
                low, high = value_limits(indicator)
                limits = self._limits[indicator.id] = (
                    _NO_LIMIT_BELOW if low is None else low.value,
                    _NO_LIMIT_ABOVE if high is None else high.value,
                )
            lowest[key], highest[key] = limits
        return lowest, highest

    def _row_batches(self) -> Iterator[RowBatch]:
        """The file's rows with the line each starts on, `BATCH_ROWS` rows at a time (for a
        Parquet file or a database, with the row's number: `planchk.sources`)."""
        if isinstance(self.path, SqlSource):
            from planchk.sources.sql import sql_batches  # noqa: PLC0415

            yield from sql_batches(self.path, BATCH_ROWS)
            return
        if is_row_source(self.path):
            from planchk.sources.parquet import parquet_batches  # noqa: PLC0415

            yield from parquet_batches(self.path, BATCH_ROWS)
            return
        text = detect_format(self.path)
        if text.doubt is not None:
            line, shown = text.doubt
            self._report(
                Problem(
                    ProblemCode.UNCERTAIN_ENCODING,
                    Severity.WARNING,
                    msg(
                        "the file is not UTF-8 and was read as GB18030/GBK, but line {line} "
                        "then reads {shown!r}, with characters rare in Chinese text: if it "
                        "was saved as Windows-1252 or Latin-1 (Western European), save it as "
                        "UTF-8",
                        line=line,
                        shown=shown,
                    ),
                    self.file,
                    line,
                )
            )
        yield from csv_batches(self.path, text.encoding, delimiter=text.delimiter)

    def _header(self, line: int, cells: list[str]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        by_alias = {
            normalise_text(alias).casefold(): name
            for name, aliases in COLUMN_ALIASES.items()
            for alias in aliases
        }
        for index, cell in enumerate(cells):
            name = by_alias.get(normalise_text(cell).casefold())
            if name is None:
                continue  # other columns (序号, remarks of the submitter) are left alone
            if name in columns:
                self._add(
                    ProblemCode.BAD_HEADER,
                    msg("column {name!r} appears twice", name=name),
                    line,
                    cell,
                    column_number=index + 1,
                )
                return None
            columns[name] = index
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if "year" not in columns and self.file_year is None:
            missing.append("year")
        if missing:
            expected = ", ".join(f"{c} ({'/'.join(COLUMN_ALIASES[c][1:])})" for c in missing)
            named = "year" in missing and not isinstance(self.path, SqlSource)
            problem = msg("missing column(s): {columns}", columns=expected)
            if named:
                problem = msg(
                    "{problem} (or name the file after the year, as in 2018.csv)", problem=problem
                )
            if any(";" in cell for cell in cells):
                problem = msg(
                    "{problem}; the header is separated by semicolons (;), as Excel saves CSV "
                    "where the decimal mark is a comma: save it with commas (CSV UTF-8) or as "
                    ".xlsx",
                    problem=problem,
                )
            self._add(ProblemCode.BAD_HEADER, problem, line)
            return None
        return columns

    def _observation(
        self, line: int, header: dict[str, int], cells: list[str]
    ) -> Observation | None:
        """One row as an observation, or its problems.

        `cells` has the header's width plus one empty cell, read for the columns the header
        lacks; this runs once per row of a batch that is not plain, so it indexes cells directly.
        """
        absent = len(cells) - 1
        get = header.get

        def cell(name: str) -> str:
            return cells[get(name, absent)].strip()

        key = cell("indicator")
        indicator = self._indicator(key)
        region = self._region_name(cell("region"), line) if self.has_region else None
        if indicator is None:
            self._add(
                ProblemCode.UNKNOWN_INDICATOR,
                msg(
                    "unknown indicator {name!r}; use an id, number or name from "
                    "`planchk indicators`",
                    name=key,
                )
                if key
                else msg("no indicator given; use an id, number or name from `planchk indicators`"),
                line,
                "indicator",
                region=region,
            )
            return None
        if self.has_region and region is None:
            self._add(ProblemCode.MISSING_VALUE, msg("no region given"), line, "region")
        year = self._year(line, cell("year"), region)
        if year is not None and (region is not None or not self.has_region):
            self._name(region, indicator.id, year)
        raw_value = cell("value")
        if not raw_value:
            self._add(
                ProblemCode.MISSING_VALUE,
                msg("no value for indicator {indicator}", indicator=_describe(indicator)),
                line,
                "value",
                region=region,
            )
            return None
        try:
            quantity = parse_quantity(raw_value)
        except QuantityRangeError as exc:
            self._add(ProblemCode.OUT_OF_RANGE, said(exc), line, "value", region=region)
            return None
        except QuantityError as exc:
            self._add(ProblemCode.TYPE_ERROR, said(exc), line, "value", region=region)
            return None
        manner = self._manner(indicator, cell("reported_as"), cell("price_basis"), line, region)
        if manner is None:
            return None
        mode, basis = manner
        unit = cell("unit") or ("%" if quantity.percent else "")
        factor = self._factor(indicator, unit, quantity.percent, mode)
        if isinstance(factor, str):
            self._add(ProblemCode.UNIT_MISMATCH, factor, line, "unit", region=region)
            return None
        if year is None or (self.has_region and region is None):
            return None
        value = quantity.value * factor
        out_of_range = range_problem(indicator, value, quantity.qualifier, mode)
        if out_of_range is not None:
            self._add(
                ProblemCode.OUT_OF_RANGE,
                msg(
                    "indicator {indicator} {year}: {problem}",
                    indicator=_describe(indicator),
                    year=year,
                    problem=out_of_range,
                ),
                line,
                "value",
                region=region,
            )
            return None
        note = cell("note") or None
        preliminary = quantity.preliminary or bool(note and is_preliminary_note(note))
        if preliminary:
            self._report(
                Problem(
                    ProblemCode.PRELIMINARY_VALUE,
                    Severity.WARNING,
                    msg(
                        "indicator {indicator} {year}: {value} is a preliminary figure",
                        indicator=_describe(indicator),
                        year=year,
                        value=raw_value,
                    ),
                    self.file,
                    line,
                    "value",
                    self.columns.get("value", header["value"]) + 1,
                    region,
                    self.sheet,
                )
            )
        return Observation(
            indicator.id,
            year,
            value,
            quantity.qualifier,
            preliminary,
            raw_value,
            unit or None,
            cell("source") or None,
            note,
            self.file,
            line,
            region,
            self.sheet,
            self.columns.get("value", header["value"]) + 1,
            None if mode is indicator.reporting else mode,
            basis,
        )

    def _manner(
        self, indicator: Indicator, raw_mode: str, raw_basis: str, line: int, region: str | None
    ) -> tuple[Reporting, PriceBasis | None] | None:
        """How a row reports its figure (口径, default the spec's `reporting`) and its price
        basis (价格口径, if given), or None with the problems recorded."""
        mode = indicator.reporting
        if raw_mode:
            named = reporting_word(raw_mode)
            if named is None:
                self._add(
                    ProblemCode.TYPE_ERROR,
                    msg(
                        "口径 {written!r} is not a way of reporting; use one of: {choices}",
                        written=raw_mode,
                        choices=choices(REPORTING_WORDS),
                    ),
                    line,
                    "reported_as",
                    region=region,
                )
                return None
            misfit = indicator.row_reporting_misfit(named)
            if misfit is not None:
                self._add(
                    ProblemCode.REPORTING_MISMATCH,
                    msg(
                        "indicator {indicator}, with a target of kind {kind}, cannot use a row "
                        "reported as {mode} (口径 {written!r}): {misfit}",
                        indicator=_describe(indicator),
                        kind=KIND_WORDS[indicator.target.kind],
                        mode=named.value,
                        written=raw_mode,
                        misfit=misfit,
                    ),
                    line,
                    "reported_as",
                    region=region,
                )
                return None
            mode = named
        basis = price_basis_word(raw_basis) if raw_basis else None
        if raw_basis and basis is None:
            self._add(
                ProblemCode.TYPE_ERROR,
                msg(
                    "价格口径 {written!r} is not a price basis; use one of: {choices}",
                    written=raw_basis,
                    choices=choices(PRICE_BASIS_WORDS),
                ),
                line,
                "price_basis",
                region=region,
            )
            return None
        return mode, basis

    def _name(self, region: str | None, indicator_id: str, year: int) -> None:
        """Record that a row names `indicator_id` for `year` (and `region`)."""
        self.named.add((region, indicator_id, year))
        self.years.add(year)
        self.region_years.add((region, year))

    def _indicator(self, key: str) -> Indicator | None:
        if key in self._indicators:
            return self._indicators[key]
        found = self._indicators[key] = self.spec.indicator(key) if key else None
        return found

    def _region_name(self, raw: str, line: int | None) -> str | None:
        """The region a cell names (one shared string per region), or None for an empty cell.

        Region names match as the spec's do (`planchk.spec.region_key`: full-width folded,
        spaces trimmed, any case): a second spelling of a region (`haidian`, `Ｈaidian`) is
        read as the region's first spelling, with a `region-spelling` warning, never as a
        region of its own.
        """
        region = self._regions.get(raw)
        if region is None:
            written = raw.strip()
            name = normalise_text(written)
            # name.casefold() is region_key(written): the name is normalised already.
            first_written, file, first_line = self.spellings.setdefault(
                name.casefold(), (written, self.file, line)
            )
            first = name if written == first_written else normalise_text(first_written)
            if written != first_written:
                where = file if first_line is None else f"{file}:{first_line}"
                self._report(
                    Problem(
                        ProblemCode.REGION_SPELLING,
                        Severity.WARNING,
                        msg(
                            "region {written!r} is written {first_written!r} at {where}: read "
                            "as {first!r} (names that differ only in case, width or "
                            "surrounding spaces are one region); write it the same way "
                            "everywhere",
                            written=written,
                            first_written=first_written,
                            where=where,
                            first=first,
                        ),
                        self.file,
                        line,
                        "region",
                        self.columns["region"] + 1 if "region" in self.columns else None,
                        first,
                    )
                )
            region = self._regions[raw] = first
        return region or None

    def _year(self, line: int, raw: str, region: str | None) -> int | None:
        year = self._years.get(raw)
        if year is None:
            year = self._years[raw] = self._parse_year(raw)
        if isinstance(year, int):
            return year
        code, message = year
        self._add(code, message, line, "year", region=region)
        return None

    def _parse_year(self, raw: str) -> int | tuple[ProblemCode, str]:
        """The year a cell names, or the problem with it (code and message)."""
        text = normalise_text(raw)
        if not text:
            if self.file_year is None:
                return ProblemCode.MISSING_YEAR, msg("no year given")
            year = self.file_year
        else:
            match = _YEAR_CELL.fullmatch(text)
            if match is None:
                return ProblemCode.TYPE_ERROR, msg("{raw!r} is not a year", raw=raw)
            year = int(match.group(1))
        plan = self.spec.plan
        if not plan.base_year <= year <= plan.end_year:
            return (
                ProblemCode.YEAR_OUT_OF_RANGE,
                msg(
                    "{year} is outside the plan period {base_year}-{end_year}",
                    year=year,
                    base_year=plan.base_year,
                    end_year=plan.end_year,
                ),
            )
        return year

    def _factor(
        self, indicator: Indicator, unit: str, percent: bool, mode: Reporting
    ) -> Decimal | str:
        """The factor from `unit` to the unit of a figure of `indicator` reported as `mode`, or
        why there is none (looked up once per indicator, unit and 口径)."""
        key = (indicator.id, unit, percent, mode)
        factor = self._factors.get(key)
        if factor is None:
            factor = self._factors[key] = _unit_factor(indicator, unit, percent, mode)
        return factor

    def _report(self, problem: Problem) -> None:
        """Log `problem`; in a database's rows, with the key of the row it is on."""
        current = self._current
        if self._keyed and current is not None and problem.line == current[0]:
            cells = current[1]
            named = [
                (name, cells[index] if index < len(cells) else "")
                for name in ("region", "indicator", "no", "year")
                if (index := self.columns.get(name)) is not None
            ]
            if any(text.strip() for _, text in named):
                problem = replace(problem, key=row_key(named))
        self.log.append(problem)

    def _add(
        self,
        code: ProblemCode,
        message: str,
        line: int | None,
        column: str | None = None,
        *,
        column_number: int | None = None,
        region: str | None = None,
    ) -> None:
        if column_number is None and column in self.columns:
            column_number = self.columns[column] + 1
        line = line or None  # a source's header is row 0: no row to name
        self.errors += 1
        self._report(
            Problem(
                code,
                Severity.ERROR,
                message,
                self.file,
                line,
                column,
                column_number,
                region,
                self.sheet,
            )
        )


_NO_LIMIT_BELOW = Decimal("-Infinity")
_NO_LIMIT_ABOVE = Decimal("Infinity")


def _stripped(texts: Sequence[str]) -> dict[str, str | None]:
    """Each distinct text of a column (in the order first read), stripped, None for an empty
    one: a column is then read with one lookup per row, not a strip and a test."""
    return {text: text.strip() or None for text in dict.fromkeys(texts)}


#: An observation from its fields in order, as `Observation._make` builds it, without a Python
#: call per row (a plain batch builds hundreds of thousands).
_new_observation = partial(tuple.__new__, Observation)
#: A factor that leaves a number as it is (exponent 0).
_IS_ONE = "1"


def _unit_factor(indicator: Indicator, unit: str, percent: bool, mode: Reporting) -> Decimal | str:
    """The factor from `unit` to the unit of a figure of `indicator` reported as `mode` (a
    change in percent is in %), or why there is none."""
    if indicator.is_percent_change(mode):
        expected, aliases = "%", ("percent",)
    else:
        expected, aliases = (
            indicator.unit.zh or indicator.unit.en or "",
            (indicator.unit.en or "",),
        )
    if not unit:
        return Decimal(1)
    factor = conversion_factor(unit, expected, aliases)
    if percent and conversion_factor(expected, "%") is None:
        # the unit may well be right: it is the value's `%` that does not fit
        return msg(
            "the value is a percentage (it ends in %), but indicator {indicator} "
            "is measured in {unit!r}: give the figure in {unit}, without %",
            indicator=_describe(indicator),
            unit=expected,
        )
    if factor is None or (percent and conversion_factor(unit, "%") is None):
        return msg(
            "unit {unit!r} does not match indicator {indicator}'s unit {expected!r} or a "
            "magnitude of it",
            unit=unit,
            indicator=_describe(indicator),
            expected=expected,
        )
    return factor


class _SecondTable(Exception):
    """A second table's header below the first: the rest of the sheet is not read."""


# The numbering of a category's heading row: 一、 (一) 1. A.
_CATEGORY_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]|[a-z]\s*[、.．])\s*"
)


def _with_column_unit(
    header: Table, batches: Iterable[RowBatch]
) -> tuple[dict[str, int], Iterator[RowBatch]]:
    """A long table's columns and rows with the unit of its units row filled into every row
    that gives none (a unit column is added when the table has none)."""
    unit = header.units.get(header.columns["value"], "")
    columns = dict(header.columns)
    index = columns.setdefault("unit", header.width)
    width = max(header.width, index + 1)

    def filled_rows() -> Iterator[RowBatch]:
        for lines, rows in batches:
            out = []
            for cells in rows:
                row = [*cells, *[""] * (width - len(cells))] if len(cells) < width else cells
                if any(map(str.strip, row)) and not row[index].strip():
                    row = [*row[:index], unit, *row[index + 1 :]]
                out.append(row)
            yield RowBatch(lines, out)

    return columns, filled_rows()


def _batched(rows: Iterator[tuple[int, list[str]]]) -> Iterator[RowBatch]:
    """A workbook's rows, `BATCH_ROWS` at a time, as CSV files are read."""
    while batch := list(islice(rows, BATCH_ROWS)):
        yield RowBatch([line for line, _ in batch], [cells for _, cells in batch])


def _merged_filled(
    line: int, cells: list[str], merged: Sequence[CellRange], seen: Mapping[int, list[str]]
) -> list[str]:
    """A row of the header area as a person reads it: each cell of a merged range shows the
    range's value (a header 指标 merged over two rows names the column on both)."""
    shown = list(cells)
    for cells_range in merged:
        if not cells_range.min_row <= line <= cells_range.max_row:
            continue
        source = seen.get(cells_range.min_row)
        if source is None or cells_range.min_col > len(source):
            continue
        value = source[cells_range.min_col - 1]
        if len(shown) < cells_range.max_col:
            shown.extend([""] * (cells_range.max_col - len(shown)))
        for column in range(cells_range.min_col, cells_range.max_col + 1):
            if not shown[column - 1].strip():
                shown[column - 1] = value
    return shown


def _describe(indicator: Indicator) -> str:
    return indicator_ref(indicator.no, indicator.id, indicator.name.zh)


def _by_id(spec: Spec, indicator_id: str) -> Indicator:
    found = spec.indicator(indicator_id)
    assert found is not None
    return found


def _label(spec: Spec, indicator_id: str) -> str:
    return _describe(_by_id(spec, indicator_id))


def _error(code: ProblemCode, message: str, file: str, line: int | None = None) -> Problem:
    return Problem(code, Severity.ERROR, message, file, line)
