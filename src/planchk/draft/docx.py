"""Reading a plan kept as a Word document (.docx, with python-docx): its tables in document
order, the paragraphs around them, and the 注: paragraphs below each table.

Vertically merged cells (a category cell spanning its rows, as published plans have them) come
back from python-docx as the one merged cell in every row it spans, so each row has its category.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document, Grid
from planchk.messages import msg


def read_docx(path: Path) -> Document:
    import docx  # noqa: PLC0415
    from docx.opc.exceptions import PackageNotFoundError  # noqa: PLC0415
    from docx.table import Table  # noqa: PLC0415
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DraftError(
            msg("{path}: not a readable .docx document ({error})", path=str(path), error=str(exc))
        ) from exc
    paragraphs: list[str] = []
    grids: list[Grid] = []
    pending: list[tuple[Table, str, int]] = []
    notes: dict[int, list[str]] = {}
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            last = len(pending) - 1
            if pending and (
                text.startswith(("注:", "注：")) or (notes.get(last) and text[:1] in "①②③④⑤⑥⑦⑧⑨⑩")
            ):
                notes.setdefault(last, []).append(text)
                continue
            paragraphs.append(text)
        elif isinstance(block, Table):
            pending.append((block, paragraphs[-1] if paragraphs else "", len(paragraphs)))
    for index, (table, title, _) in enumerate(pending):
        rows = [tuple(cell.text.strip() for cell in row.cells) for row in table.rows]
        kept = [(i, row) for i, row in enumerate(rows, start=1) if any(row)]
        if not kept:
            continue
        number = len(grids) + 1
        grids.append(
            Grid(
                msg(
                    "table {number} (table {index} of the document)",
                    number=number,
                    index=index + 1,
                ),
                tuple(row for _, row in kept),
                tuple(msg("table {index} row {row}", index=index + 1, row=i) for i, _ in kept),
                title,
                tuple(notes.get(index, [])),
            )
        )
    title = paragraphs[0] if paragraphs else ""
    return Document(str(path), title, tuple(grids), tuple(paragraphs))
