"""Reading a published plan by its file type; each format has its own module."""

from __future__ import annotations

from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document

SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".xlsx", ".csv", ".pdf")


def read_document(path: Path) -> Document:
    """The tables and prose of the plan at `path`, by its suffix (plain text for any other)."""
    if not path.is_file():
        raise DraftError(f"{path}: no such file")
    suffix = path.suffix.lower()
    # Each reader imports its library only when a file of its kind is read.
    if suffix == ".docx":
        from planchk.draft.docx import read_docx  # noqa: PLC0415

        return read_docx(path)
    if suffix in (".html", ".htm"):
        from planchk.draft.html import read_html  # noqa: PLC0415

        return read_html(path)
    if suffix in (".xlsx", ".csv"):
        from planchk.draft.sheet import read_sheet  # noqa: PLC0415

        return read_sheet(path)
    if suffix == ".pdf":
        from planchk.draft.pdf import read_pdf  # noqa: PLC0415

        return read_pdf(path)
    from planchk.draft.text import read_text_file  # noqa: PLC0415

    return read_text_file(path)
