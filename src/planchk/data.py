"""Loading reported statistics (CSV or XLSX) into observations, checked against a spec.

Every data row is either turned into an `Observation` or reported as a `Problem` with its file,
line and column; all problems of all files are collected before anything is raised, so a user
fixes a submission in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from planchk.csvread import CsvReadError, csv_rows, detect_encoding
from planchk.problems import (
    MAX_KEPT_PROBLEMS,
    InputError,
    Problem,
    ProblemCode,
    ProblemLog,
    Severity,
    sort_problems,
)
from planchk.quantities import (
    Qualifier,
    QuantityError,
    QuantityRangeError,
    format_decimal,
    normalise_text,
    parse_quantity,
)
from planchk.ranges import range_problem
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
}
REQUIRED_COLUMNS = ("indicator", "value")
_PRELIMINARY_NOTE = re.compile(r"preliminary|estimate|预计|初步|预估", re.IGNORECASE)
_YEAR_FILE = re.compile(r"^(\d{4})$")
# Parts of an Excel number format that are shown as written: "text", \x, [Red] or [>100].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@dataclass(frozen=True, slots=True)
class Observation:
    """One reported value, converted exactly to the spec's unit."""

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

    @property
    def illustrative(self) -> bool:
        """True when the row's source says the figure is constructed for demonstration."""
        return bool(self.source) and "illustrative" in (self.source or "").casefold()


@dataclass(frozen=True)
class Dataset:
    """Observations by indicator and year, with the warnings found while loading."""

    observations: tuple[Observation, ...]
    warnings: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    _index: dict[tuple[str, int], Observation] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for obs in self.observations:
            self._index[(obs.indicator_id, obs.year)] = obs

    def get(self, indicator_id: str, year: int) -> Observation | None:
        return self._index.get((indicator_id, year))

    def years(self) -> list[int]:
        return sorted({obs.year for obs in self.observations})


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
    `MAX_KEPT_PROBLEMS` a run keeps. `named` holds the (indicator id, year) pairs that some row
    named, whether or not its value could be used.
    """

    dataset: Dataset
    problems: tuple[Problem, ...]
    files: tuple[FileSummary, ...]
    omitted: Mapping[ProblemCode, int] = field(default_factory=dict)
    named: frozenset[tuple[str, int]] = frozenset()
    error_count: int = 0
    #: every problem (kept or omitted) counted by file and severity
    counts: Mapping[tuple[str, Severity], int] = field(default_factory=dict)


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
    loaded = read_data(paths, spec)
    if loaded.error_count:
        raise InputError(list(loaded.problems), loaded.omitted)
    return loaded.dataset


def read_data(paths: Sequence[str | Path], spec: Spec, keep: int | None = None) -> LoadedData:
    """Read data files against `spec`, collecting every problem instead of raising.

    Files are streamed row by row; memory is bounded by the spec (one observation per indicator
    and year) and by `keep`, the number of problems kept (default `MAX_KEPT_PROBLEMS`; the rest
    are counted by code).
    """
    files, path_problems = expand_paths(paths)
    log = ProblemLog(MAX_KEPT_PROBLEMS if keep is None else keep)
    log.extend(path_problems)
    if not paths:
        log.append(_error(ProblemCode.NO_DATA, "no data files given", "<command line>"))
    observations: list[Observation] = []
    seen: dict[tuple[str, int], Observation] = {}
    summaries: list[FileSummary] = []
    named: set[tuple[str, int]] = set()
    for path in files:
        reader = _RowReader(path, spec, log)
        for obs in reader.observations():
            key = (obs.indicator_id, obs.year)
            first = seen.get(key)
            if first is None:
                seen[key] = obs
                observations.append(obs)
                reader.used += 1
            elif first.file != obs.file and _same_figure(first, obs):
                # The same figure restated in another file (a base-year row): used once.
                reader.restated += 1
            else:
                reader.rejected += 1
                log.append(
                    _error(
                        ProblemCode.DUPLICATE_ROW,
                        f"indicator {_label(spec, obs.indicator_id)} for {obs.year} is already "
                        f"given at {first.file}:{first.line}"
                        + (
                            ""
                            if first.file == obs.file
                            else f" with another value ({first.reported})"
                        ),
                        obs.file,
                        obs.line,
                    )
                )
        summaries.append(reader.summary())
        named |= reader.named
    columns = {summary.file: summary.columns for summary in summaries}
    log.extend(_baseline_warnings(spec, observations, columns))
    problems = tuple(sort_problems(log.kept))
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return LoadedData(
        dataset=Dataset(tuple(observations), warnings, tuple(str(f) for f in files)),
        problems=problems,
        files=tuple(summaries),
        omitted=dict(log.omitted),
        named=frozenset(named),
        error_count=log.errors,
        counts=dict(log.counts),
    )


def _same_figure(a: Observation, b: Observation) -> bool:
    return (a.value, a.qualifier, a.preliminary) == (b.value, b.qualifier, b.preliminary)


def _baseline_warnings(
    spec: Spec, observations: Iterable[Observation], columns: Mapping[str, Mapping[str, int]]
) -> list[Problem]:
    warnings = []
    for obs in observations:
        indicator = _by_id(spec, obs.indicator_id)
        if (
            obs.year == spec.plan.base_year
            and indicator.baseline is not None
            and indicator.reporting is Reporting.LEVEL
            and obs.value != indicator.baseline.value
        ):
            warnings.append(
                Problem(
                    ProblemCode.INCONSISTENT_BASELINE,
                    Severity.WARNING,
                    f"indicator {_label(spec, obs.indicator_id)}: {obs.reported} differs from the "
                    f"spec's baseline {indicator.baseline.value}; the spec's baseline is used",
                    obs.file,
                    obs.line,
                    "value",
                    columns.get(obs.file, {}).get("value"),
                )
            )
    return warnings


class _RowReader:
    """Reads one file's rows into observations, collecting problems instead of stopping."""

    def __init__(self, path: Path, spec: Spec, log: ProblemLog) -> None:
        self.path = path
        self.file = str(path)
        self.spec = spec
        self.log = log
        self.errors = 0
        match = _YEAR_FILE.match(path.stem)
        self.file_year = int(match.group(1)) if match else None
        self.columns: dict[str, int] = {}  # column name -> 0-based index in the header
        self.named: set[tuple[str, int]] = set()
        self.rows = self.used = self.restated = self.rejected = 0
        self.complete = True

    def summary(self) -> FileSummary:
        return FileSummary(
            file=self.file,
            rows=self.rows,
            used=self.used,
            restated=self.restated,
            rejected=self.rejected,
            complete=self.complete,
            columns={name: index + 1 for name, index in self.columns.items()},
            years=tuple(sorted({year for _, year in self.named})),
        )

    def observations(self) -> Iterator[Observation]:
        """The file's observations, read as they are needed; problems go to the log."""
        header: dict[str, int] | None = None
        width = 0
        try:
            for line, cells in self._rows():
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = self._header(line, cells)
                    if header is None:
                        self.complete = False
                        return
                    self.columns = header
                    width = len(cells)
                    continue
                self.rows += 1
                if len(cells) > width and any(c.strip() for c in cells[width:]):
                    self._note_named(header, cells)
                    self._add(
                        ProblemCode.RAGGED_ROW,
                        f"{len(cells)} cells, the header has {width}",
                        line,
                        column_number=width + 1,
                    )
                    self.rejected += 1
                    continue
                obs = self._observation(line, header, cells)
                if obs is None:
                    self.rejected += 1
                else:
                    yield obs
        except CsvReadError as exc:
            self.complete = False
            self._add(exc.code, exc.message, exc.line)
            return
        if header is None and not self.errors:
            self._add(ProblemCode.NO_DATA, "the file is empty", None)

    def _note_named(self, header: dict[str, int], cells: list[str]) -> None:
        """Record the indicator and year a row names, when it names them plainly, without
        reporting anything: a rejected row still says which figure it meant to give."""
        indicator = self.spec.indicator(cells[header["indicator"]].strip())
        index = header.get("year")
        raw = normalise_text(cells[index]) if index is not None else ""
        match = re.fullmatch(r"(\d{4})(\.0+)?(年)?", raw)
        year = int(match.group(1)) if match else (None if raw else self.file_year)
        plan = self.spec.plan
        if indicator is not None and year is not None and plan.base_year <= year <= plan.end_year:
            self.named.add((indicator.id, year))

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        if self.path.suffix.lower() == ".xlsx":
            yield from self._xlsx_rows()
        else:
            yield from csv_rows(self.path, detect_encoding(self.path))

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        import zipfile  # noqa: PLC0415

        from openpyxl import load_workbook  # noqa: PLC0415 - only XLSX input needs openpyxl

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
            hint = " (or name the file after the year, as in 2018.csv)" if "year" in missing else ""
            self._add(ProblemCode.BAD_HEADER, f"missing column(s): {expected}{hint}", line)
            return None
        return columns

    def _observation(
        self, line: int, header: dict[str, int], cells: list[str]
    ) -> Observation | None:
        def cell(name: str) -> str:
            index = header.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        key = cell("indicator")
        indicator = self.spec.indicator(key) if key else None
        if indicator is None:
            what = "no indicator given" if not key else f"unknown indicator {key!r}"
            self._add(
                ProblemCode.UNKNOWN_INDICATOR,
                f"{what}; use an id, number or name from `planchk indicators`",
                line,
                "indicator",
            )
            return None
        year = self._year(line, cell("year"))
        if year is not None:
            self.named.add((indicator.id, year))
        raw_value = cell("value")
        if not raw_value:
            self._add(
                ProblemCode.MISSING_VALUE,
                f"no value for indicator {_describe(indicator)}",
                line,
                "value",
            )
            return None
        try:
            quantity = parse_quantity(raw_value)
        except QuantityRangeError as exc:
            self._add(ProblemCode.OUT_OF_RANGE, str(exc), line, "value")
            return None
        except QuantityError as exc:
            self._add(ProblemCode.TYPE_ERROR, str(exc), line, "value")
            return None
        unit = cell("unit") or ("%" if quantity.percent else "")
        factor = self._unit_factor(line, indicator, unit, quantity.percent)
        if year is None or factor is None:
            return None
        value = quantity.value * factor
        out_of_range = range_problem(indicator, value, quantity.qualifier)
        if out_of_range is not None:
            self._add(
                ProblemCode.OUT_OF_RANGE,
                f"indicator {_describe(indicator)} {year}: {out_of_range}",
                line,
                "value",
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
                )
            )
        return Observation(
            indicator_id=indicator.id,
            year=year,
            value=value,
            qualifier=quantity.qualifier,
            preliminary=preliminary,
            reported=raw_value,
            reported_unit=unit or None,
            source=cell("source") or None,
            note=note,
            file=self.file,
            line=line,
        )

    def _year(self, line: int, raw: str) -> int | None:
        text = normalise_text(raw)
        if not text:
            if self.file_year is None:
                self._add(ProblemCode.MISSING_YEAR, "no year given", line, "year")
                return None
            year = self.file_year
        else:
            match = re.fullmatch(r"(\d{4})(\.0+)?(年)?", text)
            if match is None:
                self._add(ProblemCode.TYPE_ERROR, f"{raw!r} is not a year", line, "year")
                return None
            year = int(match.group(1))
        plan = self.spec.plan
        if not plan.base_year <= year <= plan.end_year:
            self._add(
                ProblemCode.YEAR_OUT_OF_RANGE,
                f"{year} is outside the plan period {plan.base_year}-{plan.end_year}",
                line,
                "year",
            )
            return None
        return year

    def _unit_factor(
        self, line: int, indicator: Indicator, unit: str, percent: bool
    ) -> Decimal | None:
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
            self._add(
                ProblemCode.UNIT_MISMATCH,
                f"unit {unit!r} does not match indicator {_describe(indicator)}'s unit "
                f"{expected!r} or a magnitude of it",
                line,
                "unit",
            )
            return None
        return factor

    def _add(
        self,
        code: ProblemCode,
        message: str,
        line: int | None,
        column: str | None = None,
        *,
        column_number: int | None = None,
    ) -> None:
        if column_number is None and column in self.columns:
            column_number = self.columns[column] + 1
        self.errors += 1
        self.log.append(
            Problem(code, Severity.ERROR, message, self.file, line, column, column_number)
        )


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
