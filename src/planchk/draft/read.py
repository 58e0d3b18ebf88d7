"""Reading a published plan by its file type; each format has its own module."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from planchk.draft.errors import DraftError
from planchk.draft.grid import Document
from planchk.messages import msg, said

SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".xlsx", ".csv", ".pdf")
#: suffix -> (module, the package of the `draft` extra that installs it)
_LIBRARIES = {".docx": ("docx", "python-docx"), ".pdf": ("pdfplumber", "pdfplumber")}


def _require(path: Path, suffix: str) -> None:
    """A DraftError saying what to install when the reader's library is missing."""
    from planchk.extras import MissingExtra  # noqa: PLC0415

    module, package = _LIBRARIES[suffix]
    try:
        import_module(module)
    except ImportError:
        missing = MissingExtra(msg("reading a {suffix} plan", suffix=suffix), "draft", [package])
        raise DraftError(msg("{path}: {error}", path=str(path), error=said(missing))) from None


def read_document(path: Path) -> Document:
    """The tables and prose of the plan at `path`, by its suffix (plain text for any other)."""
    if not path.is_file():
        raise DraftError(msg("{path}: no such file", path=str(path)))
    suffix = path.suffix.lower()
    if suffix in _LIBRARIES:
        _require(path, suffix)
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
