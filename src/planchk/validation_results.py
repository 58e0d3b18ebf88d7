"""The outcome of `planchk validate` and `planchk spec check`: frozen models that formatters
render (`validate --format json` prints a `Validation`). The checks that produce it are in
`planchk.validation`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planchk.messages import Text
from planchk.problems import Problem, ProblemCode, Severity, locate, place
from planchk.results import PlanRef

VALIDATION_SCHEMA_VERSION = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProblemEntry(_Frozen):
    """One problem, located as precisely as planchk can."""

    code: ProblemCode
    severity: Severity
    file: str
    line: int | None = Field(description="1-based line; null for a problem of the whole file")
    column: int | None = Field(description="1-based column number in the file's header")
    column_name: str | None = Field(description="the column's name: indicator, year, value, ...")
    region: str | None = Field(
        default=None, description="the region of the row, in data with a region column"
    )
    sheet: str | None = Field(
        default=None,
        description="in a workbook: the sheet; line and column are then the cell's row and column",
    )
    key: Text | None = Field(
        default=None,
        description="in a database's rows: the row's region, indicator and year as it gives them",
    )
    message: Text

    @classmethod
    def of(cls, problem: Problem) -> ProblemEntry:
        return cls(
            code=problem.code,
            severity=problem.severity,
            file=problem.file,
            line=problem.line,
            column=problem.column_number,
            column_name=problem.column,
            region=problem.region,
            sheet=problem.sheet,
            key=problem.key,
            message=problem.message,
        )

    @property
    def location(self) -> str:
        """`file:line:column [name] (region 'R')`, with the parts that are known; in a workbook
        `file!sheet!D7 [name]`."""
        return locate(
            place(self.file, self.line, self.column, self.sheet),
            self.column_name,
            self.region,
            self.key,
        )

    def as_problem(self) -> Problem:
        return Problem(
            self.code,
            self.severity,
            self.message,
            self.file,
            self.line,
            self.column_name,
            self.column,
            self.region,
            self.sheet,
            self.key,
        )


class CheckedFile(_Frozen):
    """One checked file: its problem counts and, for data files, how its rows were used."""

    file: str
    kind: Literal["data", "spec", "assessments"]
    errors: int
    warnings: int
    rows: int = Field(default=0, description="data rows read (blank lines and the header aside)")
    used: int = Field(default=0, description="rows that became observations")
    restated: int = Field(default=0, description="rows restating a figure given in another file")
    rejected: int = Field(default=0, description="rows with at least one error")
    notes: int = Field(
        default=0, description="rows below the table passed over as notes (注：…, * …)"
    )
    complete: bool = Field(
        default=True, description="false when a problem stopped the reading of the file"
    )


class CheckedRegion(_Frozen):
    """One region of data with a region column: how many problems its rows have."""

    region: str
    errors: int
    warnings: int


class Revision(_Frozen):
    """A figure revised, added or removed since the previous data (`validate --previous`)."""

    kind: Literal["revised", "added", "removed"]
    no: int = Field(description="the indicator's number")
    indicator: str = Field(description="the indicator's id")
    region: str | None = Field(description="the figure's region, in data with a region column")
    year: int
    previous: str | None = Field(description="the figure as written before; null when added")
    current: str | None = Field(description="the figure as written now; null when removed")
    previous_location: str | None = Field(description="where it was: file:line")
    current_location: str | None = Field(description="where it is now: file:line")
    file: str | None = Field(description="the submitted file holding it; null when removed")
    line: int | None = Field(description="its line in that file")
    reason: str | None = Field(description="a revision's reason: the note of its row")
    severity: Severity | None = Field(
        description="for a revision without a reason, the severity of its revised-value "
        "problem under --revisions (null: no problem)"
    )


class Validation(_Frozen):
    """The outcome of `planchk validate` or `planchk spec check`."""

    schema_version: int = VALIDATION_SCHEMA_VERSION
    tool: str = "planchk"
    command: Literal["validate", "spec check"]
    plan: PlanRef | None = Field(description="the plan checked against; null for a bad spec")
    strict: bool = Field(description="warnings count as failures (--strict)")
    valid: bool = Field(description="no errors (and, under strict, no warnings)")
    errors: int = Field(description="errors found, listed or not")
    warnings: int = Field(description="warnings found, listed or not")
    files: tuple[CheckedFile, ...]
    regions: tuple[CheckedRegion, ...] = Field(
        default=(),
        description="in data with a region column: every region its rows name, in the order "
        "they first appear, with the problems of its rows counted (listed or not); empty "
        "for data without one",
    )
    problems: tuple[ProblemEntry, ...] = Field(
        description="grouped by file, sorted by line; at most --max-problems of them"
    )
    not_listed: dict[ProblemCode, int] = Field(
        description="problems found but not listed (beyond --max-problems), counted by code"
    )
    previous: tuple[str, ...] = Field(
        default=(), description="the previous data compared with (--previous); empty without"
    )
    revisions: tuple[Revision, ...] = Field(
        default=(),
        description="with --previous: every figure revised, added or removed, by indicator "
        "number, region and year",
    )

    def file_problems(self, file: str) -> list[ProblemEntry]:
        """The listed problems of `file`."""
        return [p for p in self.problems if p.file == file]

    def sections(self) -> list[tuple[str, CheckedFile | None, list[ProblemEntry]]]:
        """(file, its summary, its listed problems) by file name: every checked file, and the
        paths that are problems themselves (a missing file, an empty directory)."""
        checked = {f.file: f for f in self.files}
        names = sorted({*checked, *(p.file for p in self.problems)})
        return [(name, checked.get(name), self.file_problems(name)) for name in names]

    def failing(self, entry: CheckedFile | CheckedRegion) -> bool:
        """Whether `entry` fails the check: it has errors, or warnings under --strict."""
        return entry.errors > 0 or (self.strict and entry.warnings > 0)

    def regions_with_problems(self) -> list[CheckedRegion]:
        """The regions with at least one error or warning, in the data's order."""
        return [r for r in self.regions if r.errors or r.warnings]
