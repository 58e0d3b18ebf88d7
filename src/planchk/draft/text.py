"""Reading a plan kept as plain text: pipe (Markdown) tables, tab-separated tables, and tables
copied from a web page or PDF where every cell has become a line of its own.

One-cell-per-line text has lost the table's shape; the header (类别 / 序号 / 指标 / 目标 / 属性)
gives the number of columns, and the 序号 cells, counting 1, 2, 3, mark where each row starts. A
line in parentheses below a name is kept in the name's cell as its note; lines between rows are
the next rows' category (a category split over two lines, 创新 / 国际化, is joined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document, Grid
from planchk.messages import msg

_HEADER_WORDS = re.compile(
    r"类别|领域|分类|序号|编号|指标|单位|目标|属性|基期|现状|基数|累计|年均|备注"
)
_YEAR_HEADER = re.compile(r"\d{4}年")
_INTEGER = re.compile(r"\d{1,3}")
_NOTE_START = re.compile(r"注[:：]?|[①②③④⑤⑥⑦⑧⑨⑩]|\d{1,2}[.、．]")
_HEADING = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]")
_SEPARATOR = re.compile(r":?-{2,}:?")
# A table cell is short; a longer line is prose, and ends a one-cell-per-line table.
_MAX_CATEGORY = 12
_MAX_HEADER = 12


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str


def read_text_file(path: Path) -> Document:
    """Read a .txt or .md plan: every table in it and its prose paragraphs."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DraftError(
            msg("{path}: cannot read the file ({error})", path=str(path), error=exc.strerror or exc)
        ) from exc
    return read_text(decode(raw, str(path)), str(path))


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (with or without a byte-order mark), else GB18030, which plans are often saved in."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftError(
        msg("{file}: the text is neither UTF-8 nor GB18030; save it as UTF-8", file=file)
    )


def read_text(text: str, file: str = "<text>") -> Document:
    """The tables and paragraphs of a plan's text."""
    lines = [_Line(i, line.strip()) for i, line in enumerate(text.splitlines(), start=1)]
    nonblank = [line for line in lines if line.text]
    used: set[int] = set()
    tables: list[Grid] = []
    tables += _delimited_tables(nonblank, used, "|")
    tables += _delimited_tables(nonblank, used, "\t")
    tables += _cell_per_line_tables(nonblank, used)
    tables.sort(key=lambda grid: int(grid.place.split()[-1]))
    paragraphs = tuple(line.text for line in nonblank if line.number not in used)
    title = nonblank[0].text if nonblank else ""
    numbered = tuple(
        Grid(
            msg("table {number} (line {line})", number=i, line=int(g.place.split()[-1])),
            g.rows,
            g.places,
            g.title,
            g.notes,
        )
        for i, g in enumerate(tables, start=1)
    )
    return Document(file, title, numbered, paragraphs)


def _title_before(lines: list[_Line], index: int) -> str:
    return lines[index - 1].text if index > 0 else ""


def _notes_after(lines: list[_Line], index: int, used: set[int]) -> tuple[str, ...]:
    """The 注: line after a table and the numbered notes that follow it."""
    notes: list[str] = []
    if index < len(lines) and re.match(r"注[:：]", lines[index].text):
        while index < len(lines) and _NOTE_START.match(lines[index].text) and len(notes) < 12:
            notes.append(lines[index].text)
            used.add(lines[index].number)
            index += 1
    return tuple(notes)


def _split_row(text: str, delimiter: str) -> tuple[str, ...]:
    if delimiter == "|":
        inner = text.strip()
        inner = inner.removeprefix("|").removesuffix("|")
        return tuple(cell.strip() for cell in inner.split("|"))
    return tuple(cell.strip() for cell in text.split("\t"))


def _delimited_tables(lines: list[_Line], used: set[int], delimiter: str) -> list[Grid]:
    tables: list[Grid] = []
    i = 0
    while i < len(lines):
        starts = lines[i].text.startswith("|") if delimiter == "|" else "\t" in lines[i].text
        if not starts or lines[i].number in used:
            i += 1
            continue
        first = i
        rows: list[tuple[str, ...]] = []
        places: list[str] = []
        while (
            i < len(lines)
            # a blank line ends the table
            and (i == first or lines[i].number == lines[i - 1].number + 1)
            and (lines[i].text.startswith("|") if delimiter == "|" else "\t" in lines[i].text)
        ):
            cells = _split_row(lines[i].text, delimiter)
            used.add(lines[i].number)
            if not all(_SEPARATOR.fullmatch(cell.replace(" ", "")) for cell in cells):
                rows.append(cells)
                places.append(msg("line {line}", line=lines[i].number))
            i += 1
        if len(rows) < 2:
            continue
        title = _title_before(lines, first)
        if title and lines[first - 1].number not in used and len(title) <= 60:
            used.add(lines[first - 1].number)
        notes = _notes_after(lines, i, used)
        place = msg("line {line}", line=lines[first].number)
        tables.append(Grid(place, tuple(rows), tuple(places), title, notes))
    return tables


def _is_header_cell(text: str) -> bool:
    if len(text) > _MAX_HEADER or _INTEGER.fullmatch(text):
        return False
    if "指标" in text:  # 规划指标, 主要指标 are a table's title, not one of its columns
        return text in ("指标", "指标名称", "指标属性")
    return bool(_HEADER_WORDS.search(text) or _YEAR_HEADER.match(text))


def _cell_per_line_tables(lines: list[_Line], used: set[int]) -> list[Grid]:
    tables: list[Grid] = []
    i = 0
    while i < len(lines):
        if lines[i].number in used or lines[i].text not in ("指标", "指标名称"):
            i += 1
            continue
        start = i
        while (
            start > 0
            and lines[start - 1].number not in used
            and (_is_header_cell(lines[start - 1].text))
        ):
            start -= 1
        end = i + 1
        while end < len(lines) and _is_header_cell(lines[end].text):
            end += 1
        header = tuple(line.text for line in lines[start:end])
        grid, after = _cell_per_line_body(lines, start, end, header)
        i = max(after, i + 1)
        if grid is None:
            continue
        for line in lines[start:after]:
            used.add(line.number)
        title = _title_before(lines, start)
        if title and len(title) <= 60 and lines[start - 1].number not in used:
            used.add(lines[start - 1].number)
        notes = _notes_after(lines, after, used)
        tables.append(Grid(grid.place, grid.rows, grid.places, title, notes))
    return tables


def _cell_per_line_body(
    lines: list[_Line], start: int, end: int, header: tuple[str, ...]
) -> tuple[Grid | None, int]:
    """Rebuild the rows below a one-cell-per-line header; None when it has no 序号 column."""
    number_col = next((k for k, h in enumerate(header) if re.search("序号|编号", h)), None)
    name_col = next((k for k, h in enumerate(header) if h in ("指标", "指标名称")), None)
    if number_col is None or name_col is None or name_col < number_col:
        return None, end
    values = len(header) - name_col - 1
    rows: list[tuple[str, ...]] = [header]
    places: list[str] = [msg("line {line}", line=lines[start].number)]
    category = ""
    pending: list[str] = []
    expected: int | None = None
    i = end
    while i < len(lines):
        text = lines[i].text
        is_start = _INTEGER.fullmatch(text) is not None and (
            int(text) == expected if expected is not None else int(text) <= 1
        )
        if not is_start:
            if (
                len(text) > _MAX_CATEGORY
                or _HEADING.match(text)
                or re.match(r"注[:：]", text)
                or len(pending) >= 3
            ):
                break
            pending.append(text)
            i += 1
            continue
        if pending:
            category = "".join(pending)
            pending = []
        number_line = lines[i]
        i += 1
        name_lines: list[str] = []
        if i < len(lines):
            name_lines.append(lines[i].text)
            i += 1
        while i < len(lines) and re.fullmatch(r"[(（].*[)）]", lines[i].text):
            name_lines.append(lines[i].text)
            i += 1
        cells = [lines[j].text for j in range(i, min(i + values, len(lines)))]
        i += len(cells)
        row = [""] * len(header)
        if number_col > 0:
            row[0] = category
        row[number_col] = number_line.text
        row[name_col] = "\n".join(name_lines)
        for k, cell in enumerate(cells):
            row[name_col + 1 + k] = cell
        rows.append(tuple(row))
        places.append(msg("line {line}", line=number_line.number))
        expected = int(number_line.text) + 1
    # Category lines after the last row belong to no row: they are where the table ended.
    after = i - len(pending)
    if len(rows) < 2:
        return None, end
    return Grid(msg("line {line}", line=lines[start].number), tuple(rows), tuple(places)), after
