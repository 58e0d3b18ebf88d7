"""What the terminal asks of the output: colour or not, and the width to render tables at."""

from __future__ import annotations

import os
from collections.abc import Mapping


def colour_wanted(to_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether the table is coloured: `NO_COLOR` set and not empty never (no-color.org),
    `FORCE_COLOR` set and not empty always, even piped (force-color.org), `TERM=dumb` never,
    else on a terminal."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return to_terminal and environ.get("TERM") != "dumb"


def terminal_width(to_terminal: bool, columns: str | None) -> int:
    """The width to render tables at: the terminal's, else `COLUMNS` (as for piped output),
    else 100; never below 60 (the narrowest width whose table keeps status and score) nor
    above 160 for a terminal."""
    if to_terminal:
        try:
            return max(60, min(os.get_terminal_size().columns, 160))
        except OSError:
            pass
    if columns is not None and columns.strip().isdigit():
        return max(60, int(columns))
    return 100
