"""Reading a plan published as a web page: its <table>s and the text around them.

Cells spanning rows or columns (rowspan, colspan) give their text to every cell they cover, so a
merged category cell names each of its rows. Line breaks inside a cell (<br>, <p>) are kept: a
note below an indicator's name stays on its own line.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document, Grid
from planchk.draft.text import decode
from planchk.messages import msg

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title"})


class _Cell:
    def __init__(self, rowspan: int, colspan: int) -> None:
        self.parts: list[str] = []
        self.rowspan = rowspan
        self.colspan = colspan

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        return "\n".join(" ".join(line.split()) for line in lines if line.strip())


class _Table:
    def __init__(self, line: int, title: str) -> None:
        self.line = line
        self.title = title
        self.rows: list[list[_Cell]] = []
        self.lines: list[int] = []


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 100))
    except ValueError:
        return 1


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.stack: list[_Table] = []
        self.cell: _Cell | None = None
        self.paragraphs: list[str] = []
        self.block: list[str] = []
        self.title = ""
        self.in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self.block).split())
        if text:
            if self.in_title and not self.title:
                self.title = text
            self.paragraphs.append(text)
        self.block = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self._flush()
            title = self.paragraphs[-1] if self.paragraphs else ""
            self.stack.append(_Table(self.getpos()[0], title))
        elif not self.stack:
            if tag in _BLOCKS or tag == "br":
                self._flush()
            self.in_title = tag in ("title", "h1") or self.in_title
        elif tag == "tr":
            self.stack[-1].rows.append([])
            self.stack[-1].lines.append(self.getpos()[0])
        elif tag in ("td", "th") and self.stack[-1].rows:
            self.cell = _Cell(_span(attributes.get("rowspan")), _span(attributes.get("colspan")))
            self.stack[-1].rows[-1].append(self.cell)
        elif tag in ("br", "p", "div") and self.cell is not None:
            self.cell.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.stack:
            table = self.stack.pop()
            if not self.stack:
                self.tables.append(table)
        elif tag in ("td", "th"):
            self.cell = None
        elif not self.stack and tag in _BLOCKS:
            self._flush()
            if tag in ("title", "h1"):
                self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.parts.append(data)
        elif not self.stack:
            self.block.append(data)


def _grid(index: int, table: _Table) -> Grid | None:
    """Rows with spans filled in; None for a table without rows."""
    filled: dict[tuple[int, int], str] = {}
    widths = 0
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in filled:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    filled[(r + dr, c + dc)] = cell.text()
            c += cell.colspan
        widths = max(widths, c)
    rows = [tuple(filled.get((r, c), "") for c in range(widths)) for r in range(len(table.rows))]
    kept = [(line, row) for line, row in zip(table.lines, rows, strict=True) if any(row)]
    if not kept:
        return None
    return Grid(
        msg("table {number} (line {line})", number=index, line=table.line),
        tuple(row for _, row in kept),
        tuple(msg("line {line}", line=line) for line, _ in kept),
        table.title,
    )


def read_html(path: Path) -> Document:
    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise DraftError(
            msg("{path}: cannot read the file ({error})", path=str(path), error=exc.strerror or exc)
        ) from exc
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser._flush()
    grids: list[Grid] = []
    for table in parser.tables:
        grid = _grid(len(grids) + 1, table)
        if grid is not None:
            grids.append(grid)
    notes = tuple(p for p in parser.paragraphs if p.startswith(("注:", "注：")))
    if notes and grids:
        last = grids[-1]
        grids[-1] = Grid(last.place, last.rows, last.places, last.title, notes)
    paragraphs = tuple(p for p in parser.paragraphs if p not in notes)
    title = parser.title or (paragraphs[0] if paragraphs else "")
    return Document(str(path), title, tuple(grids), paragraphs)
