"""Problems found in input files, as values: one bad row must not hide the rest."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
    UNKNOWN_INDICATOR = "unknown-indicator"
    DUPLICATE_ROW = "duplicate-row"
    TYPE_ERROR = "type-error"
    MISSING_VALUE = "missing-value"
    MISSING_YEAR = "missing-year"
    UNIT_MISMATCH = "unit-mismatch"
    YEAR_OUT_OF_RANGE = "year-out-of-range"
    NO_DATA = "no-data"
    # errors in specs
    INVALID_SPEC = "invalid-spec"
    # warnings
    PRELIMINARY_VALUE = "preliminary-value"
    INCONSISTENT_BASELINE = "inconsistent-baseline"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as planchk can."""

    code: ProblemCode
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: str | None = None
    region: str | None = None  # the region of the row, in data with a region column

    @property
    def location(self) -> str:
        """`file:line` (or just the file) followed by the column name and the region when
        known."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        where = where if self.column is None else f"{where} [{self.column}]"
        return where if self.region is None else f"{where} (region {self.region!r})"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code}: {self.message}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Group by file, then by line: the order a reader fixes them in."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.code.value))


class InputError(Exception):
    """Input planchk cannot use; carries every problem found so all can be reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
