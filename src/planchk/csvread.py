"""Reading a CSV file as a stream of rows, whatever encoding Excel or an editor saved it in.

Memory stays bounded by a batch of rows (at most `BATCH_ROWS` rows, about `BATCH_CHARS`
characters) and the longest line, not the file: the file is read twice, both times in pieces.
The first pass settles the encoding (UTF-8 with or without BOM, UTF-16 with a BOM as Excel's
"Unicode text" export writes it, else GB18030/GBK, which includes GBK and GB2312) and the
delimiter (comma, or tab); the second parses rows as they are read, a batch at a time. Line
numbers are those an editor shows, counting the lines inside quoted cells.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import IO, NamedTuple

from planchk.messages import msg
from planchk.problems import ProblemCode

#: Longest line read (in characters); a longer one is not a data row, and reading it whole would
#: let one line take all memory.
MAX_LINE_LENGTH = 1_000_000
_CHUNK = 1 << 20
#: Rows read and checked together (see `planchk.data`), and about the most characters they take.
BATCH_ROWS = 2048
BATCH_CHARS = 1 << 20
# Rows taken from the csv reader at a time while a batch fills: the batch's size is checked
# between steps, so a batch of long rows stops after about BATCH_CHARS characters.
_STEP = 32
UTF8 = "utf-8-sig"
GB18030 = "gb18030"
#: Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated.
UTF16 = "utf-16"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Characters looked at to tell the delimiter: the header, which comes first.
_HEADER_SAMPLE = 1 << 16


class CsvReadError(Exception):
    """Why a file, or the rest of it, cannot be read; `line` is 1-based when known."""

    def __init__(self, code: ProblemCode, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


class TextFormat(NamedTuple):
    """How a CSV file is written: its encoding, its delimiter, and, when the encoding is only
    assumed, the first line that casts doubt on it with the text it reads as there."""

    encoding: str
    delimiter: str = ","
    doubt: tuple[int, str] | None = None


def detect_encoding(path: Path) -> str:
    """`utf-8-sig`, `utf-16` or `gb18030`; see `detect_format`."""
    return detect_format(path).encoding


def detect_format(path: Path) -> TextFormat:
    """The encoding (UTF-8 with or without BOM; UTF-16 with a BOM, as Excel's "Unicode text"
    export; else GB18030/GBK) and the delimiter (a tab when the header has more tabs than
    commas, else a comma), read in pieces; raise `CsvReadError` for anything else.

    A file that is none of these (binary content, bytes no encoding explains, or UTF-8 lines
    mixed with GBK lines as happens when rows are pasted between editors) is an
    `encoding-error`. A file read as GB18030 whose text has characters rare in Chinese text
    (as a Windows-1252 file read as GBK has) carries a `doubt`.
    """
    try:
        with path.open("rb") as handle:
            if handle.read(2) in _UTF16_BOMS:
                encoding, doubt = UTF16, None
            else:
                handle.seek(0)
                if _is_utf8(handle):
                    encoding, doubt = UTF8, None
                else:
                    handle.seek(0)
                    encoding, doubt = _gb18030_or_error(handle)
        with path.open(encoding=encoding, newline="") as text:
            sample = text.read(_HEADER_SAMPLE)
    except OSError as exc:
        raise CsvReadError(
            ProblemCode.UNREADABLE_FILE, msg("cannot read the file: {reason}", reason=_reason(exc))
        ) from None
    except UnicodeError:
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            msg(
                "the file starts as {encoding} but is not valid {encoding}; save it as UTF-8",
                encoding=encoding,
            ),
            1,
        ) from None
    header = next((line for line in sample.splitlines() if line.strip()), "")
    delimiter = "\t" if header.count("\t") > header.count(",") else ","
    return TextFormat(encoding, delimiter, doubt)


def _is_utf8(handle: IO[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    while chunk := handle.read(_CHUNK):
        if b"\x00" in chunk:
            raise CsvReadError(
                ProblemCode.ENCODING_ERROR,
                msg(
                    "binary content (NUL bytes): not a CSV text file (UTF-16 text needs its "
                    "byte-order mark: save it as CSV UTF-8)"
                ),
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


def _gb18030_or_error(handle: IO[bytes]) -> tuple[str, tuple[int, str] | None]:
    """The file is not UTF-8: accept it as GB18030 unless it mixes in UTF-8 lines or is neither.

    Also returns the first line whose text has a character outside GB2312 (the 6,763 common
    hanzi and the usual symbols), with that text: Western European text (Windows-1252,
    Latin-1) read as GBK turns into such characters, Chinese text seldom has them.
    """
    decoder = codecs.getincrementaldecoder(GB18030)()
    first_utf8: int | None = None  # first line with non-ASCII text that is valid UTF-8
    first_other: int | None = None  # first line that is not valid UTF-8
    first_invalid: int | None = None  # first line that is not valid GB18030 either
    doubt: tuple[int, str] | None = None  # first line with characters rare in Chinese text
    line = 1
    bom = handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    handle.seek(0)
    while piece := handle.readline(_CHUNK):
        if b"\x00" in piece:
            raise CsvReadError(
                ProblemCode.ENCODING_ERROR,
                msg("binary content (NUL bytes): not a CSV text file"),
                line,
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
                decoded = decoder.decode(piece)
            except UnicodeDecodeError:
                first_invalid = line
            else:
                if doubt is None and not piece.isascii():
                    doubt = _rare_in_chinese(decoded, line)
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
            msg(
                "the file starts with a UTF-8 byte-order mark but line {line} is not UTF-8; "
                "save the whole file as UTF-8",
                line=first_other,
            ),
            first_other,
        )
    if first_utf8 is not None and first_other is not None:
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            msg(
                "the file mixes encodings: line {utf8} is UTF-8 but line {other} is not "
                "(GBK?); save the whole file as UTF-8",
                utf8=first_utf8,
                other=first_other,
            ),
            first_other,
        )
    if first_invalid is not None:
        raise CsvReadError(
            ProblemCode.ENCODING_ERROR,
            msg("bytes that are neither UTF-8 nor GB18030/GBK; save the file as UTF-8"),
            first_other or first_invalid,
        )
    return GB18030, doubt


def _rare_in_chinese(text: str, line: int) -> tuple[int, str] | None:
    """`(line, text)` when `text` has a character GB2312 does not have; else None."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return line, text.strip()[:60]
    return None


class RowBatch(NamedTuple):
    """Rows read together, with the number of the line each starts on."""

    lines: Sequence[int]
    rows: list[list[str]]


def csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with the number of the line each starts on, read as they are needed.

    Raises `CsvReadError` (after the rows before it) when the rest of the file cannot be read.
    """
    for lines, rows in csv_batches(path, encoding):
        yield from zip(lines, rows, strict=True)


def csv_batches(
    path: Path, encoding: str, size: int = BATCH_ROWS, delimiter: str = ","
) -> Iterator[RowBatch]:
    """The file's rows, up to `size` rows or about `BATCH_CHARS` characters at a time.

    A large panel has hundreds of thousands of rows: reading them a batch at a time keeps every
    step per row inside the csv module (no Python code runs per row), while the batch, not the
    file, bounds memory. Raises `CsvReadError` (after a batch with the rows before it) when the
    rest of the file cannot be read.
    """
    next_line = 1  # the line the next row starts on
    try:
        handle = path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise CsvReadError(
            ProblemCode.UNREADABLE_FILE,
            msg("cannot read the file: {reason}", reason=_reason(exc)),
            None,
        ) from None
    with handle:
        source = _Lines(handle)
        reader = csv.reader(chain.from_iterable(source.chunks()), strict=True, delimiter=delimiter)
        at_end = False
        while not at_end:
            rows: list[list[str]] = []
            failure: CsvReadError | None = None
            start_chars = source.chars
            try:
                # A few rows at a time, so that a batch of long rows stops after about
                # BATCH_CHARS characters; `extend` keeps the rows read before an error.
                while len(rows) < size and source.chars - start_chars < BATCH_CHARS:
                    step = min(_STEP, size - len(rows))
                    before = len(rows)
                    rows.extend(islice(reader, step))
                    if len(rows) - before < step:
                        at_end = True
                        break
            except (csv.Error, _LineTooLong, UnicodeDecodeError, OSError) as exc:
                failure = _read_error(exc, next_line + _spans(rows), encoding)
            if rows:
                read = reader.line_num - next_line + 1
                lines: Sequence[int] = (
                    range(next_line, next_line + len(rows))
                    if failure is None and read == len(rows)
                    else _starts(rows, next_line)
                )
                next_line += read if failure is None else _spans(rows)
                yield RowBatch(lines, rows)
            if failure is not None:
                raise failure


def _read_error(
    exc: csv.Error | _LineTooLong | UnicodeDecodeError | OSError, line: int, encoding: str
) -> CsvReadError:
    """What stopped the reading at `line` (where the row being read starts), as a problem."""
    if isinstance(exc, csv.Error):
        return CsvReadError(
            ProblemCode.MALFORMED_CSV,
            msg(
                "malformed CSV: {error}; the rest of the file was not read",
                error=_csv_error(exc),
            ),
            line,
        )
    if isinstance(exc, _LineTooLong):
        return CsvReadError(
            ProblemCode.MALFORMED_CSV,
            msg(
                "line {line} is longer than {limit:,} characters: not a data row; "
                "the rest of the file was not read",
                line=exc.line,
                limit=MAX_LINE_LENGTH,
            ),
            exc.line,
        )
    if isinstance(exc, UnicodeDecodeError):  # the file changed between the two passes
        return CsvReadError(
            ProblemCode.ENCODING_ERROR,
            msg(
                "the file is no longer valid {encoding}; the rest of the file was not read",
                encoding=encoding,
            ),
            line,
        )
    return CsvReadError(
        ProblemCode.UNREADABLE_FILE, msg("cannot read the file: {reason}", reason=_reason(exc))
    )


def _spans(rows: list[list[str]]) -> int:
    """How many lines `rows` take: one each, plus the line breaks inside their quoted cells."""
    return len(rows) + sum(_breaks(cells) for cells in rows)


def _breaks(cells: list[str]) -> int:
    text = "".join(cells)
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _starts(rows: list[list[str]], first: int) -> list[int]:
    """The line each of `rows` starts on, the first starting on line `first`."""
    starts = []
    line = first
    for cells in rows:
        starts.append(line)
        line += 1 + _breaks(cells)
    return starts


class _LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _Lines:
    """The physical lines of a text file (split as `open(..., newline="")` splits them), handed
    out a list per piece of the file read; refuses a line longer than `MAX_LINE_LENGTH`."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.chars = 0  # characters handed out so far
        self.count = 0  # lines handed out so far

    def chunks(self) -> Iterator[list[str]]:
        carry = ""
        while True:
            piece = self.handle.read(_CHUNK)
            text = carry + piece
            if piece:
                # The last line may go on in the next piece, and a last \r may be half of \r\n.
                cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
                carry = text[cut:]
                lines = io.StringIO(text[:cut], newline="").readlines() if cut else []
            else:
                lines = [text] if text else []
            too_long = self._first_too_long(lines)
            if too_long is None and piece and len(carry.rstrip("\r")) > MAX_LINE_LENGTH:
                too_long = len(lines)  # the line after these is too long already
            good = lines if too_long is None else lines[:too_long]
            self.count += len(good)
            self.chars += sum(map(len, good))
            if good:
                yield good
            if too_long is not None:
                raise _LineTooLong(self.count + 1)  # after the lines before it are read
            if not piece:
                return

    @staticmethod
    def _first_too_long(lines: list[str]) -> int | None:
        if not lines or max(map(len, lines)) <= MAX_LINE_LENGTH:
            return None  # the usual case: no line comes near the limit
        for index, line in enumerate(lines):
            if len(line.rstrip("\r\n")) > MAX_LINE_LENGTH:
                return index
        return None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


#: What the csv module says of a malformed file, as a message (the module's text otherwise).
_CSV_ERRORS = {
    "unexpected end of data": msg("unexpected end of data"),
    "line contains NUL": msg("line contains NUL"),
}
_FIELD_LIMIT = re.compile(r"field larger than field limit \((\d+)\)")
_EXPECTED_AFTER = re.compile(r"'(.)' expected after '(.)'")


def _csv_error(exc: csv.Error) -> str:
    """What the csv module says, in the reader's language where it is one of its usual texts."""
    text = str(exc)
    if text in _CSV_ERRORS:
        return _CSV_ERRORS[text]
    if found := _FIELD_LIMIT.fullmatch(text):
        return msg("field larger than field limit ({limit})", limit=found[1])
    if found := _EXPECTED_AFTER.fullmatch(text):
        return msg("'{wanted}' expected after '{after}'", wanted=found[1], after=found[2])
    return text
