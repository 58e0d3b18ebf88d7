"""`planchk spec draft`: from a plan's published indicator table to a draft spec.

`draft_spec(path)` reads the plan (text, .docx, .html, .xlsx/.csv or .pdf), finds its indicator
table, and returns a `DraftSpec`; `draft_output` gives what the command writes: the spec as YAML
or the review list as JSON, and a one-line summary. Input it cannot use raises `DraftError`.
This module imports the readers and the spec models only when a draft is made, so that the
command line starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from planchk.draft.errors import DraftError
from planchk.language import Lang
from planchk.messages import msg

if TYPE_CHECKING:
    from planchk.draft.model import DraftSpec

__all__ = ["DraftError", "DraftFormat", "DraftOutput", "draft_output", "draft_spec"]


class DraftFormat(StrEnum):
    """What `spec draft` writes: the draft spec, or the review list."""

    YAML = "yaml"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class DraftOutput:
    #: the spec (YAML) or the review list (JSON)
    text: str
    #: one line for stderr: what was drafted and what is left to review (a message, to be
    #: rendered in `lang`)
    summary: str
    #: the language the text is written in
    lang: Lang


def draft_spec(
    path: Path, table: int | None = None, base_year: int | None = None, end_year: int | None = None
) -> DraftSpec:
    """The draft spec of the plan at `path` (its first indicator table, or table `table`).
    A `DraftError` raised once the file was read carries the plan's language."""
    from planchk.draft.assemble import assemble  # noqa: PLC0415
    from planchk.draft.read import read_document  # noqa: PLC0415

    document = read_document(path)
    try:
        return assemble(document, table, base_year, end_year)
    except DraftError as exc:
        exc.language = document.language()
        raise


def draft_output(
    path: Path,
    fmt: DraftFormat = DraftFormat.YAML,
    table: int | None = None,
    base_year: int | None = None,
    end_year: int | None = None,
    lang: Lang | None = None,
) -> DraftOutput:
    """What `planchk spec draft` writes for the plan at `path`: its comments, review list and
    summary in `lang`, by default the plan's own language (Chinese for a Chinese table)."""
    from planchk.draft.review import render_review  # noqa: PLC0415
    from planchk.draft.writer import render_spec  # noqa: PLC0415

    draft = draft_spec(path, table, base_year, end_year)
    lang = draft.language if lang is None else lang
    if fmt is DraftFormat.JSON:
        text = render_review(
            Path(draft.file).name,
            draft.table,
            len(draft.indicators),
            draft.rows_left_out,
            draft.review,
            lang,
        )
    else:
        text = render_spec(draft, lang)
    counts = {
        "indicators": len(draft.indicators),
        "categories": len(draft.categories),
        "table": draft.table,
        "left_out": draft.rows_left_out,
        "choices": len(draft.review),
    }
    if draft.rows_left_out == 1:
        summary = msg(
            "drafted {indicators} indicators in {categories} categories from {table}; "
            "{left_out} row left out; {choices} choices to review (--format json lists them)",
            **counts,
        )
    else:
        summary = msg(
            "drafted {indicators} indicators in {categories} categories from {table}; "
            "{left_out} rows left out; {choices} choices to review (--format json lists them)",
            **counts,
        )
    return DraftOutput(text, summary, lang)
