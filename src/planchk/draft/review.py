"""The review list: every choice in a draft that a person should confirm, and every table row
left out of it, with the text it came from and why.

`render_review` is what `planchk spec draft --format json` writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from planchk.messages import text_in


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
    file: str,
    table: str,
    drafted: int,
    left_out: int,
    items: Sequence[ReviewItem],
    lang: str = "en",
) -> str:
    """The review list as JSON, in table order, its places and reasons in `lang` (the keys,
    fields and values are the spec's); the same input gives the same bytes."""
    document = {
        "source": file,
        "table": text_in(table, lang),
        "indicators_drafted": drafted,
        "rows_left_out": left_out,
        "review": [
            {
                "place": text_in(item.place, lang),
                "no": item.no,
                "field": item.field,
                "value": item.value,
                "source": text_in(item.source, lang),
                "why": text_in(item.why, lang),
            }
            for item in items
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
