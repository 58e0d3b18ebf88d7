"""Reading a CSV file as a stream of rows, whatever encoding Excel or an editor saved it in.

Memory stays bounded by the longest line, not the file: the file is read twice, both times in
pieces. The first pass settles the encoding (UTF-8 with or without BOM, else GB18030/GBK, which
includes GBK and GB2312); the second parses rows as they are read. Line numbers are those an
editor shows, counting the lines inside quoted cells.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from planchk.problems import ProblemCode

#: Longest line read (in characters); a longer one is not a data row, and reading it whole would
#: let one line take all memory.
MAX_LINE_LENGTH = 1_000_000
_CHUNK = 1 << 20
UTF8 = "utf-8-sig"
GB18030 = "gb18030"


class CsvReadError(Exception):
    """Why a file, or the rest of it, cannot be read; `line` is 1-based when known."""

    def __init__(self, code: ProblemCode, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def detect_encoding(path: Path) -> str:
    """`utf-8-sig` or `gb18030`, read in pieces; raise `CsvReadError` for anything else.

    A file that is neither (binary content, bytes no encoding explains, or UTF-8 lines mixed with
    GBK lines as happens when rows are pasted between editors) is an `encoding-error`.
    """
    try:
        with path.open("rb") as handle:
            if _is_utf8(handle):
                return UTF8
            handle.seek(0)
            return _gb18030_or_error(handle)
    except OSError as exc:
        raise CsvReadError(
            ProblemCode.UNREADABLE_FILE, f"cannot read the file: {_reason(exc)}"
        ) from None


def _is_utf8(handle: IO[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    while chunk := handle.read(_CHUNK):
        if b"\x00" in chunk:
            raise CsvReadError(
                ProblemCode.ENCODING_ERROR,
                "binary content (NUL bytes): not a CSV text file",
                lines + chunk.count(b"\n", 0, chunk.index(b"\x00")),
            )
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
        lines += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _gb18030_or_error(handle: IO[bytes]) -> str:
    """The file is not UTF-8: accept it as GB18030 unless it mixes in UTF-8 lines or is neither."""
    decoder = codecs.getincrementaldecoder(GB18030)()
    first_utf8: int | None = None  # first line with non-ASCII text that is valid UTF-8
    first_other: int | None = None  # first line that is not valid UTF-8
    first_invalid: int | None = None  # first line that is not valid GB18030 either
    line = 1
    bom = handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    handle.seek(0)
    while piece := handle.readline(_CHUNK):
        if b"\x00" in piece:
            raise CsvReadError(
                ProblemCode.ENCODING_ERROR, "binary content (NUL bytes): not a CSV text file", line
            )
        if not piece.isascii():
            try:
                piece.decode("utf-8")
            except UnicodeDecodeError:
                first_other = first_other or line
            else:
                first_utf8 = first_utf8 or line
        if first_invalid is None:
            try:
                decoder.decode(piece)
            except UnicodeDecodeError:
                first_invalid = line
        if piece.endswith(b"\n"):
            line += 1
    if first_invalid is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            first_invalid = line
    if bom:  # the file says it is UTF-8, so GB18030 cannot be what was meant
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            f"the file starts with a UTF-8 byte-order mark but line {first_other} is not UTF-8; "
            "save the whole file as UTF-8",
            first_other,
        )
    if first_utf8 is not None and first_other is not None:
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            f"the file mixes encodings: line {first_utf8} is UTF-8 but line {first_other} is not "
            "(GBK?); save the whole file as UTF-8",
            first_other,
        )
    if first_invalid is not None:
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            "bytes that are neither UTF-8 nor GB18030/GBK; save the file as UTF-8",
            first_other or first_invalid,
        )
    return GB18030


def csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with the number of the line each starts on, read as they are needed.

    Raises `CsvReadError` (after the rows before it) when the rest of the file cannot be read.
    """
    start = 1
    try:
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(_lines(handle), strict=True)
            try:
                for cells in reader:
                    yield start, cells
                    start = reader.line_num + 1
            except csv.Error as exc:
                raise CsvReadError(
                    ProblemCode.MALFORMED_CSV,
                    f"malformed CSV: {exc}; the rest of the file was not read",
                    start,
                ) from None
    except _LineTooLong as exc:
        raise CsvReadError(
            ProblemCode.MALFORMED_CSV,
            f"line {exc.line} is longer than {MAX_LINE_LENGTH:,} characters: not a data row; "
            "the rest of the file was not read",
            exc.line,
        ) from None
    except UnicodeDecodeError:  # the file changed between the two passes
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            f"the file is no longer valid {encoding}; the rest of the file was not read",
            start,
        ) from None
    except OSError as exc:
        raise CsvReadError(
            ProblemCode.UNREADABLE_FILE, f"cannot read the file: {_reason(exc)}", None
        ) from None


class _LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _lines(handle: IO[str]) -> Iterator[str]:
    """The physical lines of `handle`, refusing one longer than `MAX_LINE_LENGTH`."""
    number = 0
    readline = handle.readline
    while line := readline(MAX_LINE_LENGTH + 1):
        number += 1
        if len(line) > MAX_LINE_LENGTH and not line.endswith(("\n", "\r")):
            raise _LineTooLong(number)
        yield line


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
