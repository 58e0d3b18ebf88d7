"""Reading a plan published as a PDF with a text layer (pdfplumber's table extraction).

A scanned PDF has no text layer and gives no table: the message says so. Merged cells come back
empty below their first row; the category column then carries the category down.
"""

from __future__ import annotations

from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document, Grid
from planchk.messages import msg


def read_pdf(path: Path) -> Document:
    import pdfplumber  # noqa: PLC0415
    from pdfminer.pdfparser import PDFSyntaxError  # noqa: PLC0415
    from pdfplumber.utils.exceptions import PdfminerException  # noqa: PLC0415

    grids: list[Grid] = []
    paragraphs: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            for page_number, page in enumerate(pdf.pages, start=1):
                lines = [line.strip() for line in (page.extract_text() or "").splitlines()]
                notes = tuple(line for line in lines if line.startswith(("注:", "注：")))
                paragraphs += [line for line in lines if line and line not in notes]
                for table in page.extract_tables():
                    rows = [tuple((cell or "").strip() for cell in row) for row in table]
                    kept = [(i, row) for i, row in enumerate(rows, start=1) if any(row)]
                    if not kept:
                        continue
                    number = len(grids) + 1
                    grids.append(
                        Grid(
                            msg("table {number} (page {page})", number=number, page=page_number),
                            tuple(row for _, row in kept),
                            tuple(
                                msg("page {page} row {row}", page=page_number, row=i)
                                for i, _ in kept
                            ),
                            lines[0] if lines else "",
                            notes,
                        )
                    )
    except (PdfminerException, PDFSyntaxError, OSError, ValueError, KeyError) as exc:
        raise DraftError(
            msg("{path}: not a readable PDF ({error})", path=str(path), error=str(exc))
        ) from exc
    if not paragraphs and not grids:
        raise DraftError(
            msg(
                "{path}: the PDF has no text layer (a scan?): planchk reads only PDFs with text",
                path=str(path),
            )
        )
    title = paragraphs[0] if paragraphs else ""
    return Document(str(path), title, tuple(grids), tuple(paragraphs))
