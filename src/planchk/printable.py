"""Text from a spec or data file made safe to print: control characters removed."""

from __future__ import annotations

import re

# Control characters (tab and newline aside) and the bidirectional overrides that can make text
# display in another order than it reads.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text from data or spec with terminal control characters removed."""
    return _CONTROL.sub("", text)
