"""The review list: every choice in a draft that a person should confirm, and every table row
left out of it, with the text it came from and why.

`render_review` is what `planchk spec draft --format json` writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One choice to confirm: `field` of indicator `no` (None for the plan or a row left out)
    was drafted as `value` (None when left out) from `source`, for the reason `why`."""

    place: str
    no: int | None
    field: str
    value: str | None
    source: str
    why: str


def render_review(
    file: str, table: str, drafted: int, left_out: int, items: Sequence[ReviewItem]
) -> str:
    """The review list as JSON, in table order; the same input gives the same bytes."""
    document = {
        "source": file,
        "table": table,
        "indicators_drafted": drafted,
        "rows_left_out": left_out,
        "review": [asdict(item) for item in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_review_summary(items: Sequence[ReviewItem]) -> str:
    """One line per item, for the terminal (stderr) while the spec goes to its file."""
    lines = []
    for item in items:
        who = f"no. {item.no} " if item.no is not None else ""
        value = "left out" if item.value is None else item.value
        lines.append(f"{item.place}: {who}{item.field} = {value} ({item.why}; text: {item.source})")
    return "\n".join(lines) + ("\n" if lines else "")
