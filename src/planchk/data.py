"""Loading reported statistics (CSV or XLSX) into observations, checked against a spec.

Every data row is either turned into an `Observation` or reported as a `Problem` with its file,
line and column (and its region, in data with a region column); all problems of all files are
collected before anything is raised, so a user fixes a submission in one pass.

Files are streamed a batch of rows at a time (`planchk.csvread`): memory is bounded by a batch,
the observations kept and the problems kept, never by the file. Most batches of a large panel
are plain (known indicators, years, regions and plain numbers) and are read column by column
(`_RowReader._plain_batch`); any other batch is read row by row, which reports every problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, islice, repeat
from operator import gt, itemgetter, lt, mul
from pathlib import Path
from typing import NamedTuple

from planchk.csvread import BATCH_ROWS, CsvReadError, RowBatch, csv_batches, detect_encoding
from planchk.gcpause import paused_gc
from planchk.problems import (
    MAX_KEPT_PROBLEMS,
    InputError,
    Problem,
    ProblemCode,
    ProblemLog,
    Severity,
    place,
    sort_problems,
)
from planchk.quantities import (
    Qualifier,
    QuantityError,
    QuantityRangeError,
    format_decimal,
    normalise_text,
    parse_quantity,
    plain_numbers,
)
from planchk.ranges import range_problem, value_limits
from planchk.sources import SqlSource, is_row_source
from planchk.spec import Indicator, Reporting, Spec
from planchk.units import conversion_factor

DATA_SUFFIXES = (".csv", ".xlsx", ".parquet")

#: Column names planchk reads, with the Chinese headers accepted for each.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注"),
    "region": ("region", "地区"),
}
REQUIRED_COLUMNS = ("indicator", "value")
_PRELIMINARY_NOTE = re.compile(r"preliminary|estimate|预计|初步|预估", re.IGNORECASE)
_YEAR_FILE = re.compile(r"^(\d{4})$")
_YEAR_CELL = re.compile(r"(\d{4})(\.0+)?(年)?")
# Parts of an Excel number format that are shown as written: "text", \x, [Red] or [>100].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


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

    @property
    def illustrative(self) -> bool:
        """True when the row's source says the figure is constructed for demonstration."""
        return bool(self.source) and "illustrative" in (self.source or "").casefold()


@dataclass(frozen=True)
class Dataset:
    """Observations by indicator and year, with the warnings found while loading.

    Data with a region column is a panel: `regions` names its regions in the order they first
    appear, and `for_region` or `split_regions` give each region's own dataset. Without a
    region column, `regions` is empty and the dataset is one time series, as always.
    """

    observations: tuple[Observation, ...]
    warnings: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    _index: dict[tuple[str, int], Observation] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if len(self.regions) > 1:
            return  # a panel is read one region at a time
        for obs in self.observations:
            self._index[(obs.indicator_id, obs.year)] = obs

    @property
    def is_panel(self) -> bool:
        """True for data with a region column."""
        return bool(self.regions)

    def get(self, indicator_id: str, year: int) -> Observation | None:
        if len(self.regions) > 1:
            raise ValueError("the data holds several regions: read one with for_region()")
        return self._index.get((indicator_id, year))

    def years(self) -> list[int]:
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
    """How the rows of one data file were accounted for: `rows == used + restated + rejected`.

    `complete` is false when a problem stopped the reading (a bad header, bytes in no known
    encoding, malformed CSV); that problem says where, and the rows after it are not counted.
    """

    file: str
    rows: int = 0
    used: int = 0
    restated: int = 0
    rejected: int = 0
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
    keys: frozenset[tuple[str | None, str, int]] = frozenset()
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


def expand_paths(
    paths: Sequence[str | Path | SqlSource],
) -> tuple[list[Path | SqlSource], list[Problem]]:
    """Files named directly, plus the .csv, .xlsx and .parquet files under directories, in sorted
    order; database sources as they are."""
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
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in DATA_SUFFIXES and p.is_file()
            )
            if not found:
                problems.append(
                    _error(
                        ProblemCode.NO_DATA,
                        f"no .csv or .xlsx files in directory {path}",
                        str(path),
                    )
                )
            for file in found:
                add(file)
        elif path.is_file():
            add(path)
        else:
            problems.append(
                _error(ProblemCode.UNREADABLE_FILE, "no such file or directory", str(path))
            )
    return files, problems


def load_data(paths: Sequence[str | Path | SqlSource], spec: Spec) -> Dataset:
    """Load and check data files against `spec`; raise `InputError` listing every error found."""
    loaded = read_data(paths, spec)
    if loaded.error_count:
        raise InputError(list(loaded.problems), loaded.omitted)
    return loaded.dataset


def read_data(
    paths: Sequence[str | Path | SqlSource], spec: Spec, keep: int | None = None
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
        return _read_data(paths, spec, MAX_KEPT_PROBLEMS if keep is None else keep)


def _read_data(paths: Sequence[str | Path | SqlSource], spec: Spec, keep: int) -> LoadedData:
    files, path_problems = expand_paths(paths)
    log = ProblemLog(keep)
    log.extend(path_problems)
    if not paths:
        log.append(_error(ProblemCode.NO_DATA, "no data files given", "<command line>"))
    observations: list[Observation] = []
    seen: dict[tuple[str | None, str, int], Observation] = {}
    readers: list[_RowReader] = []
    for path in files:
        reader = _RowReader(path, spec, log)
        readers.append(reader)
        for batch in reader.observation_batches():
            keyed = dict(zip(map(_KEY, batch), batch, strict=True))
            if len(keyed) == len(batch) and seen.keys().isdisjoint(keyed):
                # No duplicates, the usual case: nothing to check row by row.
                seen.update(keyed)
                observations.extend(batch)
                reader.used += len(batch)
                continue
            for obs in batch:
                _add_checked(spec, obs, seen, observations, reader, log)
    summaries = [reader.summary() for reader in readers]
    columns = {summary.file: summary.columns for summary in summaries}
    log.extend(_mixed_region_columns(readers))
    log.extend(_baseline_warnings(spec, observations, columns))
    problems = tuple(sort_problems(log.kept))
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    regions = tuple(r for r in dict.fromkeys(map(_REGION, observations)) if r is not None)
    # Every used, restated or duplicate row's key is a key of `seen`; rejected rows that named
    # an indicator and year are in their reader's `named`.
    keys = frozenset(seen).union(*(reader.named for reader in readers))
    covering: dict[tuple[str | None, int], str] = {}
    for reader in readers:
        # A file not read to its end is left out: its unread rows may hold the values, and the
        # error that stopped it is enough.
        if reader.complete:
            for region_year in reader.region_years:
                covering.setdefault(region_year, reader.file)
    return LoadedData(
        dataset=Dataset(tuple(observations), warnings, tuple(str(f) for f in files), regions),
        problems=problems,
        files=tuple(summaries),
        omitted=dict(log.omitted),
        keys=keys,
        error_count=log.errors,
        counts=dict(log.counts),
        covering=covering,
        region_counts=dict(log.region_counts),
        regions=tuple(
            dict.fromkeys(name for reader in readers for name in reader.region_names() if name)
        ),
    )


def _add_checked(
    spec: Spec,
    obs: Observation,
    seen: dict[tuple[str | None, str, int], Observation],
    observations: list[Observation],
    reader: _RowReader,
    log: ProblemLog,
) -> None:
    """Keep `obs` unless it gives a figure that is already given: a restated figure (the same
    in another file, as base-year rows are) is used once, another is a `duplicate-row` error."""
    key = _KEY(obs)
    first = seen.get(key)
    if first is None:
        seen[key] = obs
        observations.append(obs)
        reader.used += 1
    elif first.file != obs.file and _same_figure(first, obs):
        reader.restated += 1
    else:
        reader.rejected += 1
        log.append(
            Problem(
                ProblemCode.DUPLICATE_ROW,
                Severity.ERROR,
                f"indicator {_label(spec, obs.indicator_id)} for {obs.year} is already "
                f"given at {place(first.file, first.line)}"
                + ("" if first.file == obs.file else f" with another value ({first.reported})"),
                obs.file,
                obs.line,
                region=obs.region,
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
            f"no region column (地区), but {with_column[0]} has one: in a panel every file "
            "needs a region column",
            reader.file,
            reader.header_line or None,  # a source's header is row 0: no row to name
        )
        for reader in readers
        if reader.header_line is not None and not reader.has_region
    ]


def _baseline_warnings(
    spec: Spec, observations: Sequence[Observation], columns: Mapping[str, Mapping[str, int]]
) -> list[Problem]:
    warnings = []
    base_year = spec.plan.base_year
    # The baselines that base-year rows are checked against, per spec: the plan's, or a
    # region's own where the spec's regions section gives them.
    baselines: dict[int, dict[str, Decimal]] = {}
    for obs in compress(observations, map(base_year.__eq__, map(_YEAR, observations))):
        region_spec = spec.for_region(obs.region)
        expected = baselines.get(id(region_spec))
        if expected is None:
            expected = baselines[id(region_spec)] = {
                ind.id: ind.baseline.value
                for ind in region_spec.indicators
                if ind.baseline is not None and ind.reporting is Reporting.LEVEL
            }
        baseline = expected.get(obs.indicator_id)
        if baseline is not None and obs.value != baseline:
            warnings.append(
                Problem(
                    ProblemCode.INCONSISTENT_BASELINE,
                    Severity.WARNING,
                    f"indicator {_label(spec, obs.indicator_id)}: {obs.reported} differs from the "
                    f"spec's baseline {baseline}; the spec's baseline is used",
                    obs.file,
                    obs.line,
                    "value",
                    columns.get(obs.file, {}).get("value"),
                    obs.region,
                )
            )
    return warnings


class _RowReader:
    """Reads one file's rows into observations, collecting problems instead of stopping."""

    def __init__(self, path: Path | SqlSource, spec: Spec, log: ProblemLog) -> None:
        self.path = path
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
        self.rows = self.used = self.restated = self.rejected = 0
        self.complete = True
        # A panel repeats the same few indicator names, years, units and region names on
        # hundreds of thousands of rows: each distinct text is looked up once.
        self._indicators: dict[str, Indicator | None] = {}
        self._years: dict[str, int | tuple[ProblemCode, str]] = {}
        self._factors: dict[tuple[str, str, bool], Decimal | str] = {}
        self._regions: dict[str, str] = {}
        self._limits: dict[str, tuple[Decimal, Decimal]] = {}

    def summary(self) -> FileSummary:
        return FileSummary(
            file=self.file,
            rows=self.rows,
            used=self.used,
            restated=self.restated,
            rejected=self.rejected,
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
            yield from batch

    def observation_batches(self) -> Iterator[list[Observation]]:
        """The file's observations, a batch of rows at a time; problems go to the log."""
        header: dict[str, int] | None = None
        width = 0
        try:
            for lines, rows in self._row_batches():
                if header is None:
                    for index, cells in enumerate(rows):
                        if any(map(str.strip, cells)):
                            header = self._header(lines[index], cells)
                            if header is None:
                                self.complete = False
                                return
                            self.columns = header
                            self.header_line = lines[index]
                            self.has_region = "region" in header
                            width = len(cells)
                            lines, rows = lines[index + 1 :], rows[index + 1 :]  # noqa: PLW2901
                            break
                    else:
                        continue
                if not rows:
                    continue
                plain = self._plain_batch(header, width, lines, rows)
                if plain is not None:
                    self.rows += len(rows)
                    yield plain
                    continue
                found = map(self._row, lines, rows, repeat(header), repeat(width))
                yield [obs for obs in found if obs is not None]
        except CsvReadError as exc:
            self.complete = False
            self._add(exc.code, exc.message, exc.line)
            return
        if header is None and not self.errors:
            self._add(ProblemCode.NO_DATA, "the file is empty", None)

    def _row(
        self, line: int, cells: list[str], header: dict[str, int], width: int
    ) -> Observation | None:
        """One row, checked on its own: an observation, or None with its problems recorded."""
        if not any(map(str.strip, cells)):
            return None  # a blank line is not a row
        self.rows += 1
        if len(cells) > width and any(map(str.strip, cells[width:])):
            region = self._note_named(header, cells)
            self._add(
                ProblemCode.RAGGED_ROW,
                f"{len(cells)} cells, the header has {width}",
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

    def _note_named(self, header: dict[str, int], cells: list[str]) -> str | None:
        """Record the indicator and year a row names, when it names them plainly, without
        reporting anything: a rejected row still says which figure it meant to give. Returns
        the row's region, if it names one."""
        indicator = self.spec.indicator(cells[header["indicator"]].strip())
        index = header.get("year")
        raw = normalise_text(cells[index]) if index is not None else ""
        match = _YEAR_CELL.fullmatch(raw)
        year = int(match.group(1)) if match else (None if raw else self.file_year)
        region = self._region_name(cells[header["region"]].strip()) if self.has_region else None
        plan = self.spec.plan
        if indicator is None or year is None or not plan.base_year <= year <= plan.end_year:
            return region
        if region is not None or not self.has_region:
            self._name(region, indicator.id, year)
        return region

    def _plain_batch(
        self, header: dict[str, int], width: int, lines: Sequence[int], rows: list[list[str]]
    ) -> list[Observation] | None:
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
        if set(map(len, rows)) != {width}:
            return None
        columns = list(zip(*rows, strict=True))
        empty = [""] * len(rows)

        def column(name: str) -> list[str]:
            index = header.get(name)
            return empty if index is None else list(map(str.strip, columns[index]))

        keys, units = column("indicator"), column("unit")
        indicators = {key: self._indicator(key) for key in set(keys)}
        raw_years = column("year")
        years = {raw: self._parse_year(raw) for raw in set(raw_years)}
        raw_regions = column("region") if self.has_region else empty
        regions = {raw: self._region_name(raw) for raw in dict.fromkeys(raw_regions)}
        year_of = {raw: year for raw, year in years.items() if isinstance(year, int)}
        if not all(indicators.values()) or len(year_of) != len(years):
            return None
        if self.has_region and not all(regions.values()):
            return None
        ids = {key: indicator.id for key, indicator in indicators.items() if indicator}
        factors: dict[tuple[str, str], Decimal] = {}
        for key, unit in set(zip(keys, units, strict=True)):
            indicator = indicators[key]
            assert indicator is not None
            factor = self._factor(indicator, unit, False)
            if isinstance(factor, str):
                return None
            factors[(key, unit)] = factor
        notes = column("note")
        if any(note and _PRELIMINARY_NOTE.search(note) for note in set(notes)):
            return None
        raw_values = column("value")
        numbers = plain_numbers(raw_values)
        if numbers is None:
            return None
        values = list(map(mul, numbers, map(factors.__getitem__, zip(keys, units, strict=True))))
        if not self._within_limits(indicators, keys, values):
            return None
        row_ids = list(map(ids.__getitem__, keys))
        row_years = list(map(year_of.__getitem__, raw_years))
        row_regions = list(map(regions.__getitem__, raw_regions))
        self.years.update(year_of.values())
        if self.has_region:
            self.region_years.update(zip(row_regions, row_years, strict=True))
        else:
            self.region_years.update((None, year) for year in year_of.values())
        return list(
            map(
                Observation._make,
                zip(
                    row_ids,
                    row_years,
                    values,
                    repeat(Qualifier.EXACT),
                    repeat(False),
                    raw_values,
                    _or_none(units),
                    _or_none(column("source")),
                    _or_none(notes),
                    repeat(self.file),
                    lines,
                    row_regions,
                    strict=False,
                ),
            )
        )

    def _within_limits(
        self, indicators: Mapping[str, Indicator | None], keys: list[str], values: list[Decimal]
    ) -> bool:
        """Whether every value is within its indicator's range (`planchk.ranges`), compared
        exactly (the values of a plain batch are exact). Each row is compared with its
        indicator's lowest and highest value inside `map`, with no Python code run per row."""
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
        below = any(map(lt, values, map(lowest.__getitem__, keys)))
        return not below and not any(map(gt, values, map(highest.__getitem__, keys)))

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
        if self.path.suffix.lower() != ".xlsx":
            yield from csv_batches(self.path, detect_encoding(self.path))
            return
        rows = self._xlsx_rows()
        while True:
            batch: list[tuple[int, list[str]]] = []
            try:
                batch.extend(islice(rows, BATCH_ROWS))
            except CsvReadError:
                if batch:
                    yield RowBatch([line for line, _ in batch], [cells for _, cells in batch])
                raise
            if not batch:
                return
            yield RowBatch([line for line, _ in batch], [cells for _, cells in batch])

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        import zipfile  # noqa: PLC0415

        from openpyxl import load_workbook  # noqa: PLC0415 - only XLSX input needs openpyxl

        if _is_compound_document(self.path):
            raise CsvReadError(ProblemCode.UNREADABLE_FILE, _ENCRYPTED_WORKBOOK)
        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise CsvReadError(
                ProblemCode.UNREADABLE_FILE, f"not a readable XLSX workbook: {exc}"
            ) from None
        number = 0
        try:
            sheet = workbook.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(), start=1):
                yield (
                    number,
                    [_cell_text(cell.value, getattr(cell, "number_format", None)) for cell in row],
                )
        except Exception as exc:
            # A damaged workbook can fail anywhere inside openpyxl and its XML parser, with
            # exceptions of their own; none of them may reach the user as a traceback.
            raise CsvReadError(
                ProblemCode.UNREADABLE_FILE,
                f"the workbook is damaged after row {number} ({type(exc).__name__}); "
                "the rest of the sheet was not read",
                number or None,
            ) from None
        finally:
            workbook.close()

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
                    f"column {name!r} appears twice",
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
            hint = " (or name the file after the year, as in 2018.csv)" if named else ""
            self._add(ProblemCode.BAD_HEADER, f"missing column(s): {expected}{hint}", line)
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
        region = self._region_name(cell("region")) if self.has_region else None
        if indicator is None:
            what = "no indicator given" if not key else f"unknown indicator {key!r}"
            self._add(
                ProblemCode.UNKNOWN_INDICATOR,
                f"{what}; use an id, number or name from `planchk indicators`",
                line,
                "indicator",
                region=region,
            )
            return None
        if self.has_region and region is None:
            self._add(ProblemCode.MISSING_VALUE, "no region given", line, "region")
        year = self._year(line, cell("year"), region)
        if year is not None and (region is not None or not self.has_region):
            self._name(region, indicator.id, year)
        raw_value = cell("value")
        if not raw_value:
            self._add(
                ProblemCode.MISSING_VALUE,
                f"no value for indicator {_describe(indicator)}",
                line,
                "value",
                region=region,
            )
            return None
        try:
            quantity = parse_quantity(raw_value)
        except QuantityRangeError as exc:
            self._add(ProblemCode.OUT_OF_RANGE, str(exc), line, "value", region=region)
            return None
        except QuantityError as exc:
            self._add(ProblemCode.TYPE_ERROR, str(exc), line, "value", region=region)
            return None
        unit = cell("unit") or ("%" if quantity.percent else "")
        factor = self._factor(indicator, unit, quantity.percent)
        if isinstance(factor, str):
            self._add(ProblemCode.UNIT_MISMATCH, factor, line, "unit", region=region)
            return None
        if year is None or (self.has_region and region is None):
            return None
        value = quantity.value * factor
        out_of_range = range_problem(indicator, value, quantity.qualifier)
        if out_of_range is not None:
            self._add(
                ProblemCode.OUT_OF_RANGE,
                f"indicator {_describe(indicator)} {year}: {out_of_range}",
                line,
                "value",
                region=region,
            )
            return None
        note = cell("note") or None
        preliminary = quantity.preliminary or bool(note and _PRELIMINARY_NOTE.search(note))
        if preliminary:
            self.log.append(
                Problem(
                    ProblemCode.PRELIMINARY_VALUE,
                    Severity.WARNING,
                    f"indicator {_describe(indicator)} {year}: {raw_value} is a preliminary figure",
                    self.file,
                    line,
                    "value",
                    header["value"] + 1,
                    region,
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
        )

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

    def _region_name(self, raw: str) -> str | None:
        """The region a cell names (one shared string per region), or None for an empty cell."""
        region = self._regions.get(raw)
        if region is None:
            region = self._regions[raw] = normalise_text(raw)
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
                return ProblemCode.MISSING_YEAR, "no year given"
            year = self.file_year
        else:
            match = _YEAR_CELL.fullmatch(text)
            if match is None:
                return ProblemCode.TYPE_ERROR, f"{raw!r} is not a year"
            year = int(match.group(1))
        plan = self.spec.plan
        if not plan.base_year <= year <= plan.end_year:
            return (
                ProblemCode.YEAR_OUT_OF_RANGE,
                f"{year} is outside the plan period {plan.base_year}-{plan.end_year}",
            )
        return year

    def _factor(self, indicator: Indicator, unit: str, percent: bool) -> Decimal | str:
        """The factor from `unit` to the indicator's unit, or why there is none (looked up once
        per indicator and unit)."""
        key = (indicator.id, unit, percent)
        factor = self._factors.get(key)
        if factor is None:
            factor = self._factors[key] = _unit_factor(indicator, unit, percent)
        return factor

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
        self.log.append(
            Problem(code, Severity.ERROR, message, self.file, line, column, column_number, region)
        )


_NO_LIMIT_BELOW = Decimal("-Infinity")
_NO_LIMIT_ABOVE = Decimal("Infinity")


def _or_none(texts: list[str]) -> Iterator[str | None]:
    """Each text, None for an empty one (one lookup per row, not one test)."""
    return map({text: text or None for text in set(texts)}.__getitem__, texts)


def _unit_factor(indicator: Indicator, unit: str, percent: bool) -> Decimal | str:
    """The factor from `unit` to the indicator's unit, or why there is none."""
    if indicator.reporting is Reporting.YEARLY_CHANGE:
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
        return (
            f"the value is a percentage (it ends in %), but indicator {_describe(indicator)} "
            f"is measured in {expected!r}: give the figure in {expected}, without %"
        )
    if factor is None or (percent and conversion_factor(unit, "%") is None):
        return (
            f"unit {unit!r} does not match indicator {_describe(indicator)}'s unit "
            f"{expected!r} or a magnitude of it"
        )
    return factor


#: The signature of an OLE compound document, the container Excel uses for a workbook
#: encrypted with a password (and for the old .xls format); an .xlsx is a zip archive.
_COMPOUND_DOCUMENT = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_WORKBOOK = (
    "an encrypted (password-protected) workbook, or an old .xls workbook under an .xlsx name: "
    "planchk cannot read it; in Excel remove the password (File > Info > Protect Workbook > "
    "Encrypt with Password) and save it as an Excel Workbook (.xlsx)"
)


def _is_compound_document(path: Path | SqlSource) -> bool:
    if isinstance(path, SqlSource):
        return False
    try:
        with path.open("rb") as file:
            return file.read(8) == _COMPOUND_DOCUMENT
    except OSError:
        return False  # openpyxl reports what cannot be opened


def _cell_text(value: object, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and number_format
        and "%" in _FORMAT_LITERALS.sub("", number_format)
    ):
        # Excel stores a cell shown as 5.8% as 0.058: give the figure as it was typed.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return f"{format_decimal(number * 100)}%"
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def _describe(indicator: Indicator) -> str:
    return f"{indicator.no} ({indicator.id})"


def _by_id(spec: Spec, indicator_id: str) -> Indicator:
    found = spec.indicator(indicator_id)
    assert found is not None
    return found


def _label(spec: Spec, indicator_id: str) -> str:
    return _describe(_by_id(spec, indicator_id))


def _error(code: ProblemCode, message: str, file: str, line: int | None = None) -> Problem:
    return Problem(code, Severity.ERROR, message, file, line)
