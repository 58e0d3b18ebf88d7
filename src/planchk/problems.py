"""Problems found in input files, as values: one bad row must not hide the rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planchk.messages import Message, joined, msg, text_in


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ProblemCode(StrEnum):
    """Stable problem codes; their values appear unchanged in every output format."""

    # errors in data files
    UNREADABLE_FILE = "unreadable-file"
    ENCODING_ERROR = "encoding-error"
    BAD_HEADER = "bad-header"
    RAGGED_ROW = "ragged-row"
    MALFORMED_CSV = "malformed-csv"
    UNKNOWN_INDICATOR = "unknown-indicator"
    DUPLICATE_ROW = "duplicate-row"
    TYPE_ERROR = "type-error"
    MISSING_VALUE = "missing-value"
    MISSING_YEAR = "missing-year"
    UNIT_MISMATCH = "unit-mismatch"
    YEAR_OUT_OF_RANGE = "year-out-of-range"
    NO_DATA = "no-data"
    OUT_OF_RANGE = "out-of-range"
    REPORTING_MISMATCH = "reporting-mismatch"
    PRICE_BASIS = "price-basis"
    # errors in the layout of tables and workbooks
    TWO_TABLES = "two-tables"
    MERGED_CELL = "merged-cell"
    WRONG_TEMPLATE = "wrong-template"
    UNCALCULATED_FORMULA = "uncalculated-formula"
    # errors in assessments files (--assessments)
    UNKNOWN_REGION = "unknown-region"
    INVALID_STATUS = "invalid-status"
    # errors in specs
    INVALID_SPEC = "invalid-spec"
    # warnings
    PRELIMINARY_VALUE = "preliminary-value"
    INCONSISTENT_BASELINE = "inconsistent-baseline"
    INCONSISTENT_CHANGE = "inconsistent-change"
    MISSING_INDICATOR = "missing-indicator"
    IMPLAUSIBLE_CHANGE = "implausible-change"
    UNREAD_FILE = "unread-file"
    UNCERTAIN_ENCODING = "uncertain-encoding"
    REGION_SPELLING = "region-spelling"
    HIDDEN_SHEET = "hidden-sheet"
    NO_TABLE = "no-table"
    IGNORED_COLUMN = "ignored-column"
    # with --previous: a figure changed without a reason (a warning, or an error by policy)
    REVISED_VALUE = "revised-value"
    # warnings in specs
    AMBIGUOUS_TARGET = "ambiguous-target"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as planchk can."""

    code: ProblemCode
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: str | None = None
    #: 1-based number of the column named by `column` in the file's header, when it has one
    column_number: int | None = None
    region: str | None = None  # the region of the row, in data with a region column
    #: in a workbook: the sheet; `line` is then the sheet's row and `column_number` its column
    sheet: str | None = None
    #: in a database's rows: the row's key, its region, indicator and year as the row gives
    #: them (`indicator '4', year '2018'`), since a row's number depends on the query's order
    key: str | None = None

    @property
    def location(self) -> str:
        """`file:line:column [name]` (in a workbook `file!sheet!D7 [name]`) and the region,
        with the parts that are known: as `validate` shows it."""
        return locate(
            place(self.file, self.line, self.column_number, self.sheet),
            self.column,
            self.region,
            self.key,
        )

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code}: {self.message}"

    def localized(self, lang: str) -> str:
        """The problem as `validate` shows it, in `lang`; the code stays as it is everywhere."""
        if lang == "en":
            return str(self)
        return msg(
            "{location}: {severity} {code}: {message}",
            location=self.localized_location(lang),
            severity=SEVERITY_WORDS[self.severity],
            code=self.code.value,
            message=self.message,
        ).localized(lang)

    def localized_location(self, lang: str) -> str:
        """`location` in `lang`."""
        where: str = place(self.file, self.line, self.column_number, self.sheet)
        if isinstance(where, Message):
            where = where.localized(lang)
        if self.column is not None:
            field = FIELD_WORDS.get(self.column)
            where = f"{where} [{self.column if field is None else field.localized(lang)}]"
        if self.key is not None:  # a database row's key, as the row gives it
            return f"{where} ({text_in(self.key, lang)})"
        if self.region is None:
            return where
        return msg("{where} (region {region!r})", where=where, region=self.region).localized(lang)


class ProblemText(Message):
    """A problem as one line of text (a report's warnings): `str(problem)`, in any language."""

    problem: Problem

    def __new__(cls, problem: Problem) -> ProblemText:
        self = str.__new__(cls, str(problem))
        self.msgid = str.__str__(self)
        self.params = {}
        self.problem = problem
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (ProblemText, (self.problem,))

    def localized(self, lang: str) -> str:
        return self.problem.localized(lang)


#: The fields of a data row as a problem's location names them (`[value]`).
FIELD_WORDS: dict[str, Message] = {
    "indicator": msg("indicator"),
    "no": msg("no"),
    "year": msg("year"),
    "value": msg("value"),
    "unit": msg("unit"),
    "source": msg("source"),
    "note": msg("note"),
    "region": msg("region"),
}

#: The severities as people read them.
SEVERITY_WORDS: dict[Severity, Message] = {
    Severity.ERROR: msg("error"),
    Severity.WARNING: msg("warning"),
}


def locate(where: str, column: str | None, region: str | None, key: str | None) -> str:
    """`where [column]` and the row's key, else its region: `2018.csv:3:3 [value] (region
    'A')`, `sqlite:///stats.db row 3, column 3 [value] (region 'A', indicator '4', year '2018')`."""
    where = where if column is None else f"{where} [{column}]"
    if key is not None:
        return f"{where} ({key})"
    return where if region is None else f"{where} (region {region!r})"


def row_key(cells: Iterable[tuple[str, str]]) -> str:
    """`region 'A', indicator '4', year empty`: the named cells of a row, as its key (`地区
    'A'，指标 '4'，年份 为空` in Chinese)."""
    return joined(
        [
            msg("{field} {text!r}", field=FIELD_WORDS.get(name, name), text=text.strip())
            if text.strip()
            else msg("{field} empty", field=FIELD_WORDS.get(name, name))
            for name, text in cells
        ]
    )


def place(file: str, line: int | None, column: int | None = None, sheet: str | None = None) -> str:
    """Where a problem or a value is: `file:line:column` in a text file; `file row N, column C`
    for a source whose rows have numbers but no lines (a Parquet file, a database URL); and in
    a workbook `file!sheet!D7` (a cell), `file!sheet!7:7` (a row) or `file!sheet`. Only the
    parts that are known are given."""
    if sheet is not None:
        from planchk.workbook import cell_ref  # noqa: PLC0415

        where = f"{file}!{sheet}"
        if line is None:
            return where
        return f"{where}!{line}:{line}" if column is None else f"{where}!{cell_ref(column, line)}"
    if line is None:
        return file
    if not _numbers_rows(file):
        return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"
    if column is None:
        return msg("{file} row {line}", file=file, line=line)
    return msg("{file} row {line}, column {column}", file=file, line=line, column=column)


def _numbers_rows(file: str) -> bool:
    return "://" in file or file.lower().endswith(".parquet")


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Group by file, errors before warnings, then by line: the order a reader fixes them in
    (a warning may well go away with the error it follows from)."""
    return sorted(problems, key=problem_order)


def problem_order(p: Problem) -> tuple[str, bool, int, str]:
    """`sort_problems`' key."""
    return (p.file, p.severity is not Severity.ERROR, p.line or 0, p.code.value)


#: Problems kept per run; beyond it they are only counted, so memory stays bounded on a file of
#: millions of bad rows. No real submission comes near it.
MAX_KEPT_PROBLEMS = 10_000


class ProblemLog:
    """The problems of one run in the order found: the first `limit` kept, the rest counted."""

    def __init__(self, limit: int = MAX_KEPT_PROBLEMS) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.omitted: Counter[ProblemCode] = Counter()
        self.errors = 0
        #: every problem counted by file and severity, kept or not
        self.counts: Counter[tuple[str, Severity]] = Counter()
        #: every problem of a row with a region (in a panel) counted by region and severity
        self.region_counts: Counter[tuple[str, Severity]] = Counter()

    def append(self, problem: Problem) -> None:
        if problem.severity is Severity.ERROR:
            self.errors += 1
        self.counts[(problem.file, problem.severity)] += 1
        if problem.region is not None:
            self.region_counts[(problem.region, problem.severity)] += 1
        if len(self.kept) < self.limit:
            self.kept.append(problem)
        else:
            self.omitted[problem.code] += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.kept)

    def __len__(self) -> int:
        return len(self.kept)


def omitted_note(omitted: Mapping[ProblemCode, int]) -> str | None:
    """`12 more problems not listed (10 duplicate-row, 2 type-error)`, or None when none."""
    total = sum(omitted.values())
    if not total:
        return None
    parts = ", ".join(f"{count} {code}" for code, count in sorted(omitted.items()))
    return msg("{total} more problem(s) not listed ({parts})", total=total, parts=parts)


class InputError(Exception):
    """Input planchk cannot use; carries every problem found so all can be reported at once.

    `omitted` counts, by code, problems found beyond what a run keeps (`MAX_KEPT_PROBLEMS`).
    """

    def __init__(
        self, problems: list[Problem], omitted: Mapping[ProblemCode, int] | None = None
    ) -> None:
        self.problems = sort_problems(problems)
        self.omitted: dict[ProblemCode, int] = dict(omitted or {})
        note = omitted_note(self.omitted)
        super().__init__("\n".join([*(str(p) for p in self.problems), *([note] if note else [])]))
