"""Reading XLSX workbooks: their sheets, which are hidden, and each cell's value as Excel shows it.

A workbook is a zip archive of XML files. Before anything is parsed, the archive's declared
sizes are checked against `WorkbookLimits` (a zip bomb of 1.6 MB can need gigabytes), and its
sheets are then streamed row by row with openpyxl in read-only mode, ignoring the `<dimension>`
a sheet claims (a wrong one would drop rows and columns, or pad a sheet with millions of empty
cells). Merged ranges, which read-only mode does not give, are found by scanning the sheet's XML.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from planchk.messages import msg
from planchk.quantities import format_decimal

#: Excel's last row and column: no sheet holds more.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Parts of an Excel number format that are shown as written: "text", \x, [Red] or [>100].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_MERGE = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)"'
)
_REF = re.compile(r"([A-Za-z]{1,3})(\d+)")
_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
#: A cell holding a formula and no value (no <v>, or an empty one): a workbook written by a
#: program and never calculated. A text formula (t="str") whose value is empty is calculated:
#: Excel writes `=IF(A1>0,"",…)` so. The closing </c> must be in view, so a cell cut at the end
#: of a chunk is not taken for one without a value.
_UNCALCULATED = re.compile(
    rb"<" + _NS + rb"c\b([^>]*?)(?<!/)>\s*<" + _NS + rb"f\b[^>]*?(?:/>|>[^<]*</" + _NS + rb"f>)"
    rb"\s*(?:<" + _NS + rb"v\b[^>]*?(?:/>|>\s*</" + _NS + rb"v>)\s*)?</" + _NS + rb"c>"
)
#: Any formula: a chunk without one (most data sheets) is not scanned cell by cell.
_FORMULA = re.compile(rb"<" + _NS + rb"f\b")
_CELL_REF = re.compile(rb'\br="([A-Za-z]{1,3}\d+)"')
_TEXT_TYPE = re.compile(rb'\bt="str"')
#: Bytes kept from one chunk of a sheet's XML for the next: more than any cell or merge holds
#: (a formula is at most 8,192 characters).
_OVERLAP = 1 << 16
#: Uncalculated formulas located per sheet; beyond it they are only counted.
MAX_UNCALCULATED = 1_000
_CHUNK = 1 << 20
#: The custom document property that marks a fill-in workbook written by `planchk template`.
TEMPLATE_PROPERTY = "planchk-template"


@dataclass(frozen=True)
class WorkbookLimits:
    """What a workbook may need once unpacked; beyond it, it is refused before it is read.

    Real submissions are below these: the sheet of a 2,000-region panel (240,000 rows of 7
    cells, `bench/make_panel.py`) unpacks to 59 MB, 10.6 times its packed size. A zip bomb or a
    sheet padded to Excel's last cell is far above.
    """

    #: the sum of the archive members' uncompressed sizes
    max_uncompressed: int = 256 * 2**20
    #: uncompressed over compressed size, for members larger than `ratio_from`
    max_ratio: int = 100
    ratio_from: int = 2**20
    max_members: int = 10_000
    #: cells read from one sheet, empty cells inside a row included
    max_cells: int = 5_000_000


DEFAULT_LIMITS = WorkbookLimits()


class WorkbookError(Exception):
    """Why a workbook, or the rest of a sheet, cannot be read; `line` is 1-based when known."""

    def __init__(self, message: str, sheet: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.line = line


@dataclass(frozen=True)
class CellRange:
    """A rectangle of cells, 1-based and inclusive, as in `B3:D4`."""

    min_col: int
    min_row: int
    max_col: int
    max_row: int

    @property
    def ref(self) -> str:
        first = cell_ref(self.min_col, self.min_row)
        last = cell_ref(self.max_col, self.max_row)
        return first if first == last else f"{first}:{last}"


def column_letter(column: int) -> str:
    """`1` -> `A`, `27` -> `AA`."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref(column: int, row: int) -> str:
    """`(4, 7)` -> `D7`."""
    return f"{column_letter(column)}{row}"


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def parse_range(ref: str) -> CellRange:
    """`B3:D4` (or `B3`) as a `CellRange`."""
    cells = [_REF.fullmatch(part) for part in ref.split(":")]
    if not all(cells) or not 1 <= len(cells) <= 2:
        raise ValueError(f"not a cell range: {ref!r}")
    (first_col, first_row), (last_col, last_row) = (
        (_column_number(m.group(1)), int(m.group(2))) for m in (cells[0], cells[-1]) if m
    )
    return CellRange(
        min(first_col, last_col),
        min(first_row, last_row),
        max(first_col, last_col),
        max(first_row, last_row),
    )


def shown_number(value: float) -> Decimal:
    """A numeric cell's value as Excel shows it: at most 15 significant digits, the shortest
    decimal that reads back as that number (4.8999999999999995 is 4.9, 0.1 + 0.2 is 0.3)."""
    shortest = Decimal(repr(value))
    if len(shortest.as_tuple().digits) <= 15:
        return shortest
    return Decimal(f"{value:.15g}")


def cell_text(value: object, number_format: str | None = None) -> str:
    """A cell's value as the text a person reads in Excel: numbers to 15 significant digits,
    a cell formatted as a percentage (stored as 0.058) as `5.8%`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, int | float):
        number = shown_number(value) if isinstance(value, float) else Decimal(value)
        if number_format and "%" in _FORMAT_LITERALS.sub("", number_format):
            return f"{format_decimal(number * 100)}%"
        return format_decimal(number)
    if isinstance(value, str):
        return value
    return str(value)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name, whether it is hidden, its merged ranges."""

    name: str
    hidden: bool
    merged: tuple[CellRange, ...]
    index: int
    #: cells (column, row) that hold a formula and no calculated value, the first
    #: `MAX_UNCALCULATED` of them; `uncalculated_count` counts them all (with any cell whose
    #: XML gives no reference)
    uncalculated: tuple[tuple[int, int], ...] = ()
    uncalculated_count: int = 0


class Workbook:
    """An open workbook whose sheets are read one at a time; use it as a context manager."""

    def __init__(self, path: Path, limits: WorkbookLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        check_archive(path, limits)
        import warnings  # noqa: PLC0415

        from openpyxl import load_workbook  # noqa: PLC0415 - only XLSX input needs openpyxl

        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it drops (data validation, conditional
                # formatting); reading values needs none of them.
                warnings.simplefilter("ignore")
                self._book: Any = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise WorkbookError(
                msg("not a readable XLSX workbook: {reason}", reason=_reason(exc))
            ) from None
        self._archive = zipfile.ZipFile(path)

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._book.close()
        self._archive.close()

    @property
    def marker(self) -> str | None:
        """The `planchk template` marker of a generated fill-in workbook, if it has one."""
        props = getattr(self._book, "custom_doc_props", None)
        for prop in props or ():
            if getattr(prop, "name", None) == TEMPLATE_PROPERTY:
                value = getattr(prop, "value", None)
                return None if value is None else str(value)
        return None

    def sheets(self) -> list[Sheet]:
        """Every worksheet in the workbook's order (chart sheets hold no cells)."""
        found = []
        for index, worksheet in enumerate(self._book.worksheets):
            scan = self._scan(worksheet)
            found.append(
                Sheet(
                    name=str(worksheet.title),
                    hidden=worksheet.sheet_state != "visible",
                    merged=scan.merged,
                    index=index,
                    uncalculated=scan.uncalculated,
                    uncalculated_count=scan.uncalculated_count,
                )
            )
        return found

    def rows(self, sheet: Sheet) -> Iterator[tuple[int, list[str]]]:
        """The sheet's rows with their numbers, every row and column that holds a cell,
        whatever the sheet's `<dimension>` claims; cells as Excel shows them."""
        worksheet = self._book.worksheets[sheet.index]
        worksheet.reset_dimensions()  # a wrong <dimension> must neither drop nor pad cells
        cells = 0
        number = 0
        try:
            for number, row in enumerate(worksheet.iter_rows(), start=1):
                if number > EXCEL_MAX_ROWS:
                    raise WorkbookError(
                        msg(
                            "the sheet has rows beyond Excel's last row {last:,}",
                            last=EXCEL_MAX_ROWS,
                        ),
                        sheet.name,
                        number,
                    )
                cells += len(row)
                if cells > self.limits.max_cells:
                    raise WorkbookError(
                        msg(
                            "the sheet has more than {limit:,} cells; "
                            "the rest of the sheet was not read",
                            limit=self.limits.max_cells,
                        ),
                        sheet.name,
                        number,
                    )
                if row:
                    yield (
                        number,
                        [
                            cell_text(cell.value, getattr(cell, "number_format", None))
                            for cell in row
                        ],
                    )
        except WorkbookError:
            raise
        except Exception as exc:
            # A damaged workbook can fail anywhere inside openpyxl and its XML parser, with
            # exceptions of their own; none of them may reach the user as a traceback.
            raise WorkbookError(
                msg(
                    "the workbook is damaged after row {row} ({error}); "
                    "the rest of the sheet was not read",
                    row=number,
                    error=type(exc).__name__,
                ),
                sheet.name,
                number or None,
            ) from None

    def _scan(self, worksheet: Any) -> _SheetScan:
        """The sheet's merged ranges and its formulas without a value, scanned from its XML
        (read-only mode reads neither). Cell text cannot contain `<` unescaped, so the
        patterns only meet real elements."""
        member = getattr(worksheet, "_worksheet_path", None)
        if not isinstance(member, str):
            return _SheetScan((), (), 0)
        merged: dict[CellRange, None] = {}
        uncalculated: list[tuple[int, int]] = []
        count = 0
        tail = b""
        #: where in the XML the text scanned so far ends: the overlap kept from it is scanned
        #: again with the next chunk, and what ends inside it was found already
        scanned = start = 0
        try:
            with self._archive.open(member.lstrip("/")) as source:
                while chunk := source.read(_CHUNK):
                    text = tail + chunk
                    seen = scanned - start
                    for match in _MERGE.finditer(text):
                        if match.end() > seen:
                            merged[parse_range(match.group(1).decode("ascii"))] = None
                    cells = _UNCALCULATED.finditer(text) if _FORMULA.search(text) else ()
                    for match in cells:
                        if match.end() <= seen or _TEXT_TYPE.search(match.group(1)):
                            continue
                        count += 1
                        ref = _CELL_REF.search(match.group(1))
                        if ref and len(uncalculated) < MAX_UNCALCULATED:
                            uncalculated.append(_cell_place(ref.group(1)))
                    scanned = start + len(text)
                    tail = text[-_OVERLAP:]
                    start = scanned - len(tail)
        except (KeyError, OSError, zipfile.BadZipFile, ValueError) as exc:
            raise WorkbookError(
                msg("the sheet's merged cells cannot be read: {reason}", reason=_reason(exc))
            ) from None
        return _SheetScan(tuple(merged), tuple(uncalculated), count)


@dataclass(frozen=True)
class _SheetScan:
    merged: tuple[CellRange, ...]
    uncalculated: tuple[tuple[int, int], ...]
    uncalculated_count: int


def _cell_place(ref: bytes) -> tuple[int, int]:
    """`b"D7"` -> `(4, 7)`: the cell's column and row."""
    cells = parse_range(ref.decode("ascii"))
    return cells.min_col, cells.min_row


#: The signature of an OLE compound document, the container Excel uses for a workbook
#: encrypted with a password (and for the old .xls format); an .xlsx is a zip archive.
_COMPOUND_DOCUMENT = bytes.fromhex("d0cf11e0a1b11ae1")
ENCRYPTED_WORKBOOK = msg(
    "an encrypted (password-protected) workbook, or an old .xls workbook under an .xlsx name: "
    "planchk cannot read it; in Excel remove the password (File > Info > Protect Workbook > "
    "Encrypt with Password) and save it as an Excel Workbook (.xlsx)"
)


def _is_compound_document(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(8) == _COMPOUND_DOCUMENT
    except OSError:
        return False  # the zip reader says what cannot be opened


def check_archive(path: Path, limits: WorkbookLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook whose archive would unpack beyond `limits`, before reading any of it.

    The sizes are those the archive declares; Python's zip reader never unpacks more than a
    member declares, so a lie only truncates the member (and fails its checksum)."""
    if _is_compound_document(path):
        raise WorkbookError(ENCRYPTED_WORKBOOK)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise WorkbookError(
            msg("not a readable XLSX workbook: {reason}", reason=_reason(exc))
        ) from None
    if len(members) > limits.max_members:
        raise WorkbookError(
            msg(
                "the archive holds {count:,} files, more than the {limit:,} "
                "a workbook may have; it was not read",
                count=len(members),
                limit=limits.max_members,
            )
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed:
        raise WorkbookError(
            msg(
                "the workbook would unpack to {size}, more than the "
                "{limit} planchk reads; it was not read",
                size=_size(total),
                limit=_size(limits.max_uncompressed),
            )
        )
    for member in members:
        if member.file_size > limits.ratio_from and (
            member.file_size > limits.max_ratio * max(member.compress_size, 1)
        ):
            raise WorkbookError(
                msg(
                    "{member} would unpack {ratio:,.0f} times its packed size ({packed} to "
                    "{unpacked}), more than the {limit} times a workbook needs: a zip bomb? "
                    "It was not read",
                    member=member.filename,
                    ratio=member.file_size / max(member.compress_size, 1),
                    packed=_size(member.compress_size),
                    unpacked=_size(member.file_size),
                    limit=limits.max_ratio,
                )
            )


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:,.1f} MB"
    return f"{count / 2**10:,.1f} KB"


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    if text == "File is not a zip file":  # zipfile's, for any file that is not a workbook
        return msg("File is not a zip file")
    return text or type(exc).__name__
