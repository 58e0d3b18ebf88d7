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
from pathlib import Path

from planchk.problems import InputError, Problem, ProblemCode, Severity
from planchk.quantities import (
    Qualifier,
    QuantityError,
    format_decimal,
    normalise_text,
    parse_quantity,
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
    files, problems = expand_paths(paths)
    if not paths:
        problems.append(_error(ProblemCode.NO_DATA, "no data files given", "<command line>"))
    observations: list[Observation] = []
    seen: dict[tuple[str, int], Observation] = {}
    for path in files:
        reader = _RowReader(path, spec)
        for obs in reader.observations():
            key = (obs.indicator_id, obs.year)
            first = seen.get(key)
            if first is None:
                seen[key] = obs
                observations.append(obs)
            elif first.file != obs.file and _same_figure(first, obs):
                continue  # the same figure restated in another file (a base-year row): used once
            else:
                reader.problems.append(
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
        problems.extend(reader.problems)
    problems.extend(_baseline_warnings(spec, observations))
    if any(p.severity is Severity.ERROR for p in problems):
        raise InputError(problems)
    return Dataset(tuple(observations), tuple(problems), tuple(str(f) for f in files))


def _same_figure(a: Observation, b: Observation) -> bool:
    return (a.value, a.qualifier, a.preliminary) == (b.value, b.qualifier, b.preliminary)


def _baseline_warnings(spec: Spec, observations: Iterable[Observation]) -> list[Problem]:
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

    def observations(self) -> Iterator[Observation]:
        rows = self._rows()
        header: dict[str, int] | None = None
        width = 0
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = self._header(line, cells)
                if header is None:
                    return
                width = len(cells)
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                self._add(
                    ProblemCode.RAGGED_ROW, f"{len(cells)} cells, the header has {width}", line
                )
                continue
            obs = self._observation(line, header, cells)
            if obs is not None:
                yield obs
        if header is None and not self.problems:
            self._add(ProblemCode.NO_DATA, "the file is empty", None)

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        if self.path.suffix.lower() == ".xlsx":
            yield from self._xlsx_rows()
        else:
            yield from self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, list[str]]]:
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
        start = 1
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error as exc:
            self._add(
                ProblemCode.BAD_HEADER if start == 1 else ProblemCode.RAGGED_ROW,
                f"malformed CSV: {exc}",
                start,
            )

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
        except QuantityError as exc:
            self._add(ProblemCode.TYPE_ERROR, str(exc), line, "value")
            return None
        unit = cell("unit") or ("%" if quantity.percent else "")
        factor = self._unit_factor(line, indicator, unit, quantity.percent)
        if year is None or factor is None:
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
                )
            )
        return Observation(
            indicator_id=indicator.id,
            year=year,
            value=quantity.value * factor,
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
        self, code: ProblemCode, message: str, line: int | None, column: str | None = None
    ) -> None:
        self.problems.append(Problem(code, Severity.ERROR, message, self.file, line, column))


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
