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
from itertools import islice
from pathlib import Path
from typing import IO, NamedTuple, overload

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
    rows: Sequence[list[str]]


class ColumnRows(Sequence[list[str]]):
    """Rows of one width held as their columns, as the quick path of `csv_batches` splits
    them: read a column at a time (`columns`) with no list per row, or row by row, each row a
    new list as `csv.reader` gives it."""

    __slots__ = ("_length", "columns")

    def __init__(self, columns: list[list[str]], length: int) -> None:
        self.columns = columns
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> list[str]: ...
    @overload
    def __getitem__(self, index: slice) -> ColumnRows: ...
    def __getitem__(self, index: int | slice) -> list[str] | ColumnRows:
        if isinstance(index, slice):
            return ColumnRows(
                [column[index] for column in self.columns], len(range(self._length)[index])
            )
        range(self._length)[index]  # an IndexError outside the rows
        return [column[index] for column in self.columns]

    def __iter__(self) -> Iterator[list[str]]:
        return map(list, zip(*self.columns, strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # as a list's


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
    step per row inside C code (no Python code runs per row), while the batch, not the file,
    bounds memory. Rows in which no line needs the csv module (no quote, no lone carriage
    return, the same number of cells on every line: `_split`) are split at their delimiters
    into columns (`ColumnRows`), faster than `csv.reader` reads them; from the first batch of a
    piece of the file that is not so, `csv.reader` reads the rest of the piece (and on into the
    next pieces while a quoted cell goes on). Both give the same rows. Raises `CsvReadError` (after a batch with the rows before it)
    when the rest of the file cannot be read.
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
        pieces = source.chunks()
        feed = _Feed(pieces)
        reader = csv.reader(feed, strict=True, delimiter=delimiter)
        split = 0  # lines split by the quick path, which the reader's line_num does not count
        at_end = False
        while not at_end:
            if feed.drained:
                # Between two rows at the end of a piece: the next one may be split quickly.
                try:
                    piece = next(pieces, None)
                except (_LineTooLong, UnicodeDecodeError, OSError) as exc:
                    raise _read_error(exc, next_line, encoding) from None
                if piece is None:
                    return
                first = next_line
                for quick in _split(piece, delimiter, size):
                    if quick is None:
                        break  # this batch, and the rest of the piece, need the csv module
                    yield RowBatch(range(next_line, next_line + len(quick)), quick)
                    next_line += len(quick)
                    split += len(quick)
                else:
                    continue
                feed.take(piece, next_line - first)
            rows: list[list[str]] = []
            failure: CsvReadError | None = None
            start_chars = source.chars
            try:
                # A few rows at a time, so that a batch of long rows stops after about
                # BATCH_CHARS characters, and none past the end of the piece the feed holds
                # unless a quoted cell goes on there; `extend` keeps the rows read before an
                # error.
                while len(rows) < size and source.chars - start_chars < BATCH_CHARS:
                    step = min(_STEP, size - len(rows), feed.left)
                    if step == 0:
                        break  # the piece is read to its end, at the end of a row
                    before = len(rows)
                    rows.extend(islice(reader, step))
                    if len(rows) - before < step:
                        at_end = True
                        break
            except (csv.Error, _LineTooLong, UnicodeDecodeError, OSError) as exc:
                failure = _read_error(exc, next_line + _spans(rows), encoding)
            if rows:
                read = reader.line_num + split - next_line + 1
                lines: Sequence[int] = (
                    range(next_line, next_line + len(rows))
                    if failure is None and read == len(rows)
                    else _starts(rows, next_line)
                )
                next_line += read if failure is None else _spans(rows)
                yield RowBatch(lines, rows)
            if failure is not None:
                raise failure


def _split(piece: _Piece, delimiter: str, size: int) -> Iterator[ColumnRows | None]:
    """The rows of a piece, `size` at a time, split at `delimiter` into columns while that
    reads them exactly as `csv.reader` does; then None, and nothing more.

    It does for rows in which no character means anything to the csv module but the delimiter
    and the line breaks (no quote, no lone carriage return, no NUL), with no blank line (which
    `csv.reader` reads as a row of no cells), none longer than the csv module's field limit,
    and as many cells on every line of a batch. The lines of a batch are joined with a line
    feed between two delimiters, so one `split` cuts the batch into cells; the line feeds must
    then fall at every (width + 1)th cell and nowhere else, which proves each line's width."""
    lines = piece.cut
    text = piece.text
    if (
        lines is None
        or piece.longest is None
        or piece.longest > csv.field_size_limit()
        or '"' in text
        or "\x00" in text
    ):
        yield None
        return
    marker = f"{delimiter}\n{delimiter}"
    for start in range(0, len(lines), size):
        batch = lines[start : start + size]
        if "" in batch:
            yield None
            return
        width = batch[0].count(delimiter) + 1
        cells = marker.join(batch).split(delimiter)
        stride = width + 1
        if (
            len(cells) != len(batch) * stride - 1
            or cells[width::stride].count("\n") != len(batch) - 1
        ):
            yield None
            return
        yield ColumnRows([cells[column::stride] for column in range(width)], len(batch))


class _Feed:
    """The lines `csv.reader` reads: those of the piece it was given, then, when it reads on
    (a quoted cell going on past the piece), those of the next pieces."""

    def __init__(self, pieces: Iterator[_Piece]) -> None:
        self.pieces = pieces
        self.lines: list[str] = []
        self.at = 0

    def take(self, piece: _Piece, start: int = 0) -> None:
        """Read `piece` from its line `start` (0-based) on."""
        self.lines, self.at = io.StringIO(piece.text, newline="").readlines(), start

    @property
    def left(self) -> int:
        """Lines of the piece held that the reader has not read."""
        return len(self.lines) - self.at

    @property
    def drained(self) -> bool:
        return self.at == len(self.lines)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while self.at == len(self.lines):
            self.take(next(self.pieces))  # the end of the file ends the reader
        self.at += 1
        return self.lines[self.at - 1]


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


def _spans(rows: Sequence[list[str]]) -> int:
    """How many lines `rows` take: one each, plus the line breaks inside their quoted cells."""
    return len(rows) + sum(_breaks(cells) for cells in rows)


def _breaks(cells: list[str]) -> int:
    text = "".join(cells)
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _starts(rows: Sequence[list[str]], first: int) -> list[int]:
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


class _Piece(NamedTuple):
    """A piece of a text file ending at the end of a line (the file's last may have no line
    break), with its number of lines; unless a line of it ends in a lone carriage return, also
    the text of each line without its line break (`\\r\\n` or `\\n`, which `csv.reader`
    reads alike) and the length of the longest; else None for both."""

    text: str
    lines: int
    cut: list[str] | None
    longest: int | None


class _Lines:
    """The physical lines of a text file (split as `open(..., newline="")` splits them), handed
    out a piece of the file at a time; refuses a line longer than `MAX_LINE_LENGTH`."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.chars = 0  # characters handed out so far
        self.count = 0  # lines handed out so far

    def chunks(self) -> Iterator[_Piece]:
        carry = ""
        while True:
            piece = self.handle.read(_CHUNK)
            text = carry + piece
            if piece:
                # The last line may go on in the next piece, and a last \r may be half of \r\n.
                cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
                carry = text[cut:]
                text = text[:cut]
            found = _piece(text)
            too_long = False
            if found.longest is None or found.longest > MAX_LINE_LENGTH:
                found, too_long = self._before_too_long(found)
            if not too_long and piece and len(carry.rstrip("\r")) > MAX_LINE_LENGTH:
                too_long = True  # the line after these is too long already
            self.count += found.lines
            self.chars += len(found.text)
            if found.text:
                yield found
            if too_long:
                raise _LineTooLong(self.count + 1)  # after the lines before it are read
            if not piece:
                return

    def _before_too_long(self, found: _Piece) -> tuple[_Piece, bool]:
        """`found` and False, or the lines before its first line over `MAX_LINE_LENGTH` and
        True."""
        lines = io.StringIO(found.text, newline="").readlines()
        too_long = self._first_too_long(lines)
        if too_long is None:
            return found, False
        return _piece("".join(lines[:too_long])), True

    @staticmethod
    def _first_too_long(lines: list[str]) -> int | None:
        if not lines or max(map(len, lines)) <= MAX_LINE_LENGTH:
            return None  # the usual case: no line comes near the limit
        for index, line in enumerate(lines):
            if len(line.rstrip("\r\n")) > MAX_LINE_LENGTH:
                return index
        return None


def _piece(text: str) -> _Piece:
    """`text` as a piece: its lines counted, and cut where no line ends in a lone \\r."""
    unix = text
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return _Piece(text, len(io.StringIO(text, newline="").readlines()), None, None)
        unix = text.replace("\r\n", "\n")
    cut = unix.split("\n")
    if cut[-1] == "":
        cut.pop()  # after the last line break
    return _Piece(text, len(cut), cut, max(map(len, cut), default=0))


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
