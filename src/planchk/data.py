"""Loading reported statistics (CSV or XLSX) into observations, checked against a spec.

Every data row is either turned into an `Observation` or reported as a `Problem` with its file,
line and column; all problems of all files are collected before anything is raised, so a user
fixes a submission in one pass.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, compress, count, islice, repeat
from operator import itemgetter, mul
from pathlib import Path
from typing import NamedTuple

from planchk.gcpause import paused_gc
from planchk.problems import InputError, Problem, ProblemCode, Severity
from planchk.quantities import (
    Qualifier,
    Quantity,
    QuantityError,
    format_decimal,
    normalise_text,
    parse_quantity,
    plain_number,
    plain_numbers,
)
from planchk.spec import Indicator, Reporting, Spec
from planchk.units import conversion_factor

DATA_SUFFIXES = (".csv", ".xlsx")

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
#: Rows read and checked together (see `_RowReader._plain_batch`).
BATCH_ROWS = 2048
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


def expand_paths(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files named directly, plus the .csv and .xlsx files under directories, in sorted order."""
    files: list[Path] = []
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


def load_data(paths: Sequence[str | Path], spec: Spec) -> Dataset:
    """Load and check data files against `spec`; raise `InputError` listing every error found."""
    with paused_gc():
        return _load_data(paths, spec)


def _load_data(paths: Sequence[str | Path], spec: Spec) -> Dataset:
    files, problems = expand_paths(paths)
    if not paths:
        problems.append(_error(ProblemCode.NO_DATA, "no data files given", "<command line>"))
    observations: list[Observation] = []
    seen: dict[tuple[str | None, str, int], Observation] = {}
    readers: list[_RowReader] = []
    for path in files:
        reader = _RowReader(path, spec)
        readers.append(reader)
        found = list(chain.from_iterable(reader.observation_batches()))
        keyed = dict(zip(_keys(found), found, strict=True))
        if len(keyed) == len(found) and seen.keys().isdisjoint(keyed):
            seen.update(keyed)  # no duplicates, the usual case: nothing to check row by row
            observations.extend(found)
            problems.extend(reader.problems)
            continue
        for obs in found:
            key = (obs.region, obs.indicator_id, obs.year)
            first = seen.get(key)
            if first is None:
                seen[key] = obs
                observations.append(obs)
            elif first.file != obs.file and _same_figure(first, obs):
                continue  # the same figure restated in another file (a base-year row): used once
            else:
                reader.problems.append(
                    Problem(
                        ProblemCode.DUPLICATE_ROW,
                        Severity.ERROR,
                        f"indicator {_label(spec, obs.indicator_id)} for {obs.year}"
                        f" is already given at {first.file}:{first.line}"
                        + (
                            ""
                            if first.file == obs.file
                            else f" with another value ({first.reported})"
                        ),
                        obs.file,
                        obs.line,
                        region=obs.region,
                    )
                )
        problems.extend(reader.problems)
    problems.extend(_mixed_region_columns(readers))
    problems.extend(_baseline_warnings(spec, observations))
    if any(p.severity is Severity.ERROR for p in problems):
        raise InputError(problems)
    regions = tuple(r for r in dict.fromkeys(map(_REGION, observations)) if r is not None)
    return Dataset(tuple(observations), tuple(problems), tuple(str(f) for f in files), regions)


#: (region, indicator, year) of an observation: what must be unique in a dataset.
_KEY = itemgetter(*(Observation._fields.index(f) for f in ("region", "indicator_id", "year")))
_REGION = itemgetter(Observation._fields.index("region"))
_YEAR = itemgetter(Observation._fields.index("year"))


def _keys(observations: list[Observation]) -> Iterable[tuple[str | None, str, int]]:
    return map(_KEY, observations)


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
            reader.header_line,
        )
        for reader in readers
        if reader.header_line is not None and not reader.has_region
    ]


def _baseline_warnings(spec: Spec, observations: Sequence[Observation]) -> list[Problem]:
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
                    f"indicator {_label(spec, obs.indicator_id)}: {obs.reported} differs "
                    f"from the spec's baseline {baseline}; the spec's baseline is used",
                    obs.file,
                    obs.line,
                    "value",
                    obs.region,
                )
            )
    return warnings


class _RowReader:
    """Reads one file's rows into observations, collecting problems instead of stopping."""

    def __init__(self, path: Path, spec: Spec) -> None:
        self.path = path
        self.file = str(path)
        self.spec = spec
        self.problems: list[Problem] = []
        match = _YEAR_FILE.match(path.stem)
        self.file_year = int(match.group(1)) if match else None
        self.header_line: int | None = None
        self.has_region = False
        # A panel repeats the same few indicator names, years, units and region names on
        # hundreds of thousands of rows: each distinct text is looked up once.
        self._indicators: dict[str, Indicator | None] = {}
        self._years: dict[str, int | tuple[ProblemCode, str]] = {}
        self._factors: dict[tuple[str, str, bool], Decimal | str] = {}
        self._regions: dict[str, str] = {}

    def observations(self) -> Iterator[Observation]:
        return chain.from_iterable(self.observation_batches())

    def observation_batches(self) -> Iterator[list[Observation]]:
        """The file's observations, a batch of rows at a time; problems go to `problems`."""
        header: dict[str, int] | None = None
        width = 0
        for batch in self._row_batches():
            if header is None:
                for index, (line, cells) in enumerate(batch):
                    if any(map(str.strip, cells)):
                        header = self._header(line, cells)
                        if header is None:
                            return
                        self.header_line = line
                        self.has_region = "region" in header
                        width = len(cells)
                        batch = batch[index + 1 :]  # noqa: PLW2901 - the rows after the header
                        break
                else:
                    continue
            plain = self._plain_batch(header, width, batch) if batch else []
            if plain is not None:
                yield plain
                continue
            found = (self._row(line, header, width, cells) for line, cells in batch)
            yield [obs for obs in found if obs is not None]
        if header is None and not self.problems:
            self._add(ProblemCode.NO_DATA, "the file is empty", None)

    def _row(
        self, line: int, header: dict[str, int], width: int, cells: list[str]
    ) -> Observation | None:
        """One row, checked on its own: an observation, or None with its problems recorded."""
        if not any(map(str.strip, cells)):
            return None
        if len(cells) > width and any(map(str.strip, cells[width:])):
            self._add(ProblemCode.RAGGED_ROW, f"{len(cells)} cells, the header has {width}", line)
            return None
        # Missing trailing cells are empty; one more empty cell stands for every column the
        # header does not have.
        padded = [*cells[:width], *[""] * (width - len(cells)), ""]
        return self._observation(line, header, padded)

    def _plain_batch(
        self, header: dict[str, int], width: int, batch: list[tuple[int, list[str]]]
    ) -> list[Observation] | None:
        """A batch of rows read column by column, or None if any row needs a closer look.

        Most rows of a large panel are plain: a known indicator, a year, a region, a number in
        ASCII digits and a unit that needs no check beyond the first row that has it. Such a
        batch is read a column at a time, each distinct text (an indicator's name, a year, a
        unit) looked up once, which is several times faster than reading row by row. A batch
        with anything else (an empty or ragged row, a qualifier, an unknown indicator, a
        preliminary figure) returns None and is read by `_row`, which reports every problem;
        both ways give the same observations (tests/test_data.py checks this).
        """
        lines, rows = zip(*batch, strict=True)
        if set(map(len, rows)) != {width}:
            return None
        columns = list(zip(*rows, strict=True))
        empty = [""] * len(rows)

        def column(name: str) -> list[str]:
            index = header.get(name)
            return empty if index is None else list(map(str.strip, columns[index]))

        keys, units = column("indicator"), column("unit")
        indicators = {key: self.spec.indicator(key) if key else None for key in set(keys)}
        years = {raw: self._parse_year(raw) for raw in set(column("year"))}
        raw_regions = column("region") if self.has_region else [""] * len(rows)
        regions = {
            raw: normalise_text(raw) if self.has_region else None for raw in set(raw_regions)
        }
        if not all(indicators.values()) or not all(isinstance(y, int) for y in years.values()):
            return None
        if self.has_region and not all(regions.values()):
            return None
        ids = {key: indicator.id for key, indicator in indicators.items() if indicator}
        factors: dict[tuple[str, str], Decimal] = {}
        for key, unit in set(zip(keys, units, strict=True)):
            indicator = indicators[key]
            assert indicator is not None
            factor = _unit_factor(indicator, unit, False)
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
        return list(
            map(
                Observation._make,
                zip(
                    map(ids.__getitem__, keys),
                    map(years.__getitem__, column("year")),
                    map(mul, numbers, map(factors.__getitem__, zip(keys, units, strict=True))),
                    repeat(Qualifier.EXACT),
                    repeat(False),
                    raw_values,
                    _or_none(units),
                    _or_none(column("source")),
                    _or_none(notes),
                    repeat(self.file),
                    lines,
                    map(regions.__getitem__, raw_regions),
                    strict=False,
                ),
            )
        )

    def _row_batches(self) -> Iterator[list[tuple[int, list[str]]]]:
        """(line, cells) of the file's rows, `BATCH_ROWS` rows at a time."""
        if self.path.suffix.lower() != ".xlsx":
            yield from self._csv_batches()
            return
        rows = self._xlsx_rows()
        while batch := list(islice(rows, BATCH_ROWS)):
            yield batch

    def _csv_batches(self) -> Iterator[list[tuple[int, list[str]]]]:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            self._add(
                ProblemCode.UNREADABLE_FILE, f"cannot read the file: {exc.strerror or exc}", None
            )
            return
        text = self._decode(raw)
        if text is None:
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        # Without quotes no row spans lines: row n is line n, and the reader's line count need
        # not be read after every row (a panel has hundreds of thousands).
        quoted = '"' in text
        batch: list[tuple[int, list[str]]] = []
        start = 1
        try:
            if not quoted:
                for row in zip(count(1), reader):
                    batch.append(row)
                    if len(batch) == BATCH_ROWS:
                        yield batch
                        batch = []
            else:
                for cells in reader:
                    batch.append((start, cells))
                    start = reader.line_num + 1
                    if len(batch) == BATCH_ROWS:
                        yield batch
                        batch = []
        except csv.Error as exc:
            line = start if quoted else max(reader.line_num, 1)
            self._add(
                ProblemCode.BAD_HEADER if line == 1 else ProblemCode.RAGGED_ROW,
                f"malformed CSV: {exc}",
                line,
            )
        if batch:
            yield batch

    def _decode(self, raw: bytes) -> str | None:
        if b"\x00" in raw:
            self._add(
                ProblemCode.ENCODING_ERROR, "binary content (NUL bytes): not a CSV text file", None
            )
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as utf8_error:
            try:
                return raw.decode("gb18030")
            except UnicodeDecodeError:
                line = raw.count(b"\n", 0, utf8_error.start) + 1
                self._add(
                    ProblemCode.ENCODING_ERROR,
                    f"byte {utf8_error.start} is neither UTF-8 nor GB18030/GBK; save the file as UTF-8",
                    line,
                )
                return None

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        import zipfile  # noqa: PLC0415

        from openpyxl import load_workbook  # noqa: PLC0415 - only XLSX input needs openpyxl

        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            self._add(ProblemCode.UNREADABLE_FILE, f"not a readable XLSX workbook: {exc}", None)
            return
        try:
            sheet = workbook.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(), start=1):
                yield (
                    number,
                    [_cell_text(cell.value, getattr(cell, "number_format", None)) for cell in row],
                )
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
                self._add(ProblemCode.BAD_HEADER, f"column {name!r} appears twice", line, cell)
                return None
            columns[name] = index
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if "year" not in columns and self.file_year is None:
            missing.append("year")
        if missing:
            expected = ", ".join(f"{c} ({'/'.join(COLUMN_ALIASES[c][1:])})" for c in missing)
            hint = " (or name the file after the year, as in 2018.csv)" if "year" in missing else ""
            self._add(ProblemCode.BAD_HEADER, f"missing column(s): {expected}{hint}", line)
            return None
        return columns

    def _observation(
        self, line: int, header: dict[str, int], cells: list[str]
    ) -> Observation | None:
        """One row as an observation, or its problems.

        `cells` has the header's width plus one empty cell, read for the columns the header
        lacks; this loop runs once per row of a panel, so it indexes cells directly.
        """
        absent = len(cells) - 1
        get = header.get

        def cell(name: str) -> str:
            return cells[get(name, absent)].strip()

        key = cell("indicator")
        if key in self._indicators:
            indicator = self._indicators[key]
        else:
            indicator = self._indicators[key] = self.spec.indicator(key) if key else None
        if indicator is None:
            what = "no indicator given" if not key else f"unknown indicator {key!r}"
            self._add(
                ProblemCode.UNKNOWN_INDICATOR,
                f"{what}; use an id, number or name from `planchk indicators`",
                line,
                "indicator",
            )
            return None
        region = self._region(line, cell("region")) if self.has_region else None
        year = self._year(line, cell("year"))
        raw_value = cell("value")
        if not raw_value:
            self._add(
                ProblemCode.MISSING_VALUE,
                f"no value for indicator {_describe(indicator)}",
                line,
                "value",
                region,
            )
            return None
        plain = plain_number(raw_value)
        try:
            quantity = Quantity(plain) if plain is not None else parse_quantity(raw_value)
        except QuantityError as exc:
            self._add(ProblemCode.TYPE_ERROR, str(exc), line, "value", region)
            return None
        unit = cell("unit") or ("%" if quantity.percent else "")
        factor = self._unit_factor(line, indicator, unit, quantity.percent, region)
        if year is None or factor is None or (self.has_region and region is None):
            return None
        note = cell("note") or None
        preliminary = quantity.preliminary or bool(note and _PRELIMINARY_NOTE.search(note))
        if preliminary:
            self.problems.append(
                Problem(
                    ProblemCode.PRELIMINARY_VALUE,
                    Severity.WARNING,
                    f"indicator {_describe(indicator)} {year}: {raw_value} is a preliminary figure",
                    self.file,
                    line,
                    "value",
                    region,
                )
            )
        return Observation(
            indicator.id,
            year,
            quantity.value * factor,
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

    def _region(self, line: int, raw: str) -> str | None:
        """The region named in a row (one shared string per region), or None with a problem."""
        region = self._regions.get(raw)
        if region is None:
            if not raw:
                self._add(ProblemCode.MISSING_VALUE, "no region given", line, "region")
                return None
            region = self._regions[raw] = normalise_text(raw)
        return region

    def _year(self, line: int, raw: str) -> int | None:
        year = self._years.get(raw)
        if year is None:
            year = self._years[raw] = self._parse_year(raw)
        if isinstance(year, int):
            return year
        code, message = year
        self._add(code, message, line, "year")
        return None

    def _parse_year(self, raw: str) -> int | tuple[ProblemCode, str]:
        text = normalise_text(raw)
        if not text:
            if self.file_year is None:
                return ProblemCode.MISSING_YEAR, "no year given"
            year = self.file_year
        else:
            match = re.fullmatch(r"(\d{4})(\.0+)?(年)?", text)
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

    def _unit_factor(
        self, line: int, indicator: Indicator, unit: str, percent: bool, region: str | None
    ) -> Decimal | None:
        key = (indicator.id, unit, percent)
        factor = self._factors.get(key)
        if factor is None:
            factor = self._factors[key] = _unit_factor(indicator, unit, percent)
        if isinstance(factor, str):
            self._add(ProblemCode.UNIT_MISMATCH, factor, line, "unit", region)
            return None
        return factor

    def _add(
        self,
        code: ProblemCode,
        message: str,
        line: int | None,
        column: str | None = None,
        region: str | None = None,
    ) -> None:
        self.problems.append(
            Problem(code, Severity.ERROR, message, self.file, line, column, region)
        )


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
    if factor is None or (percent and conversion_factor(unit, "%") is None):
        return (
            f"unit {unit!r} does not match indicator {_describe(indicator)}'s unit "
            f"{expected!r} or a magnitude of it"
        )
    return factor


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
