"""`--format json`: the versioned report (schema: `planchk schema report`), a panel with every
region's outcomes and the ranking (`planchk schema panel`), one region of a panel (its name and
report), and the versioned outcome of `validate` and `spec check` (`planchk schema validation`).

JSON is language-neutral: it carries both zh and en names, so the options are not read.
Text from data is kept as it was written, but the characters a terminal, a log viewer or a
JavaScript parser would act on (DEL, C1 controls, bidi overrides, U+2028 and U+2029; the JSON
encoder already escapes C0 controls and ESC), and the `#` of a `##[` that a CI runner would read
as a command, are written as `\\u` escapes of four hex digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from planchk.formats import RenderOptions

if TYPE_CHECKING:  # `evaluate --format json` needs neither module's code; start-up is shorter
    from pydantic import BaseModel

    from planchk.results import PanelReport, RegionReport, Report
    from planchk.validation_results import Validation

# Only ever inside a string in JSON text, where a `\\u` escape (four hex digits) means the same character;
# the `#` that starts `##[` too, so that no line of the text is a workflow command to a runner.
_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|#(?=#\\[)"
)
#: The same characters as `_UNSAFE`, as their UTF-8 bytes: searching the encoder's bytes for them
#: takes a third of the time of decoding them and searching the text (a panel's regions are
#: searched one by one). UTF-8 is self-synchronising, so a match is always a whole character;
#: tests/test_json_escaping.py checks both patterns agree on every code point.
_UNSAFE_UTF8 = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|#(?=#\[)"
)

#: A byte string that each of `_UNSAFE_UTF8`'s matches contains: text without any of them has
#: nothing to escape. Looking for these with `in` (C's memchr) takes a fifth of the time of the
#: pattern's search over a region's JSON (0.028 s against 0.136 s for 2,000 regions).
_UNSAFE_STARTS = (b"\xe2", b"\xc2", b"\xd8", b"\x7f", b"##[")


def _may_need_escapes(data: bytes) -> bool:
    return any(start in data for start in _UNSAFE_STARTS)


def _escaped(text: str) -> str:
    if _UNSAFE.search(text) is None:  # the usual case: no copy of a large text
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render_report(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON with a trailing newline; stable for golden files and diffs.

    `comparison` appears only with `--compare`, so reports without one keep their exact shape.
    """
    del options
    exclude = {"comparison"} if report.comparison is None else None
    return _escaped(report.model_dump_json(indent=2, exclude=exclude) + "\n")


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region: its name and its report."""
    del options
    return _escaped(entry.model_dump_json(indent=2) + "\n")


def render_panel(panel: PanelReport, options: RenderOptions) -> str:
    """The panel as indented JSON with a trailing newline."""
    return b"".join(stream_panel(panel, options)).decode()


#: The panel's regions as `to_json(indent=2)` writes an empty tuple at the top level: where the
#: regions' own JSON goes.
_NO_REGIONS = b'\n  "regions": [],\n'


def stream_panel(panel: PanelReport, options: RenderOptions) -> Iterator[bytes]:
    """`render_panel`'s UTF-8 bytes, a region at a time: the JSON of 50,000 regions is about
    half a gigabyte, which is then never held at once (nor as text and bytes both)."""
    del options
    head, tail = _serialized(panel.model_copy(update={"regions": ()})).split(_NO_REGIONS)
    yield head + b'\n  "regions": ['
    for index, region in enumerate(panel.regions):
        # a region nested two levels deep: the same JSON, each line indented by four spaces
        text = _serialized(region).replace(b"\n", b"\n    ")
        yield (b"\n    " if index == 0 else b",\n    ") + text
    yield (b"\n  ],\n" if panel.regions else b"],\n") + tail + b"\n"


def _serialized(model: BaseModel) -> bytes:
    """What model_dump_json(indent=2) gives, as escaped UTF-8 bytes."""
    data = model.__pydantic_serializer__.to_json(model, indent=2)
    if not _may_need_escapes(data) or _UNSAFE_UTF8.search(data) is None:  # the usual case
        return data
    return _escaped(data.decode()).encode()


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """The outcome of `validate` or `spec check` as indented JSON with a trailing newline."""
    del options
    # `previous` and `revisions` appear only with --previous, so other results keep their shape
    exclude = None if validation.previous else {"previous", "revisions"}
    return _escaped(validation.model_dump_json(indent=2, exclude=exclude) + "\n")
