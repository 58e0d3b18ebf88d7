"""What every reader of a published plan returns: its tables as grids of cell text, and its prose.

A reader's only job is to turn a file format into this shape; finding the indicator table and
reading its cells happen afterwards, the same for every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planchk.language import Lang

#: A Chinese character (CJK Unified Ideographs).
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Grid:
    """One table as rows of cell text, with where each row is in the file.

    `places[i]` names row `i` for messages (`line 112`, `row 3`, `sheet 指标 row 3`). Vertically
    merged cells repeat their text in every row they span; an empty cell is `""`.
    `title` is the caption or the line just above the table, `notes` the 注: lines below it.
    """

    place: str
    rows: tuple[tuple[str, ...], ...]
    places: tuple[str, ...]
    title: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A published plan as planchk reads it: its title, tables and prose paragraphs."""

    file: str
    title: str
    tables: tuple[Grid, ...]
    paragraphs: tuple[str, ...] = ()

    def language(self) -> Lang:
        """The plan's language: Chinese when its title or a table's header writes Chinese (a
        table headed 指标, as every table planchk drafts from is), else English."""
        heads = (self.title, *(cell for grid in self.tables for cell in grid.rows[0]))
        return Lang.ZH if any(_HAN.search(text) for text in heads) else Lang.EN
