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
from typing import TYPE_CHECKING

from planchk.formats import RenderOptions

if TYPE_CHECKING:  # `evaluate --format json` needs neither module's code; start-up is shorter
    from planchk.results import PanelReport, RegionReport, Report
    from planchk.validation_results import Validation

# Only ever inside a string in JSON text, where a `\\u` escape (four hex digits) means the same character;
# the `#` that starts `##[` too, so that no line of the text is a workflow command to a runner.
_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|#(?=#\\[)"
)


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
    del options
    # What model_dump_json does, with the newline added to the UTF-8 bytes: adding it to the
    # text would copy a text of tens of megabytes (20 MB more peak memory for 2,000 regions).
    data = panel.__pydantic_serializer__.to_json(panel, indent=2) + b"\n"
    return _escaped(data.decode())


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """The outcome of `validate` or `spec check` as indented JSON with a trailing newline."""
    del options
    # `previous` and `revisions` appear only with --previous, so other results keep their shape
    exclude = None if validation.previous else {"previous", "revisions"}
    return _escaped(validation.model_dump_json(indent=2, exclude=exclude) + "\n")
