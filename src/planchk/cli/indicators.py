"""`planchk indicators`: the spec's indicators, one line each."""

from __future__ import annotations

from planchk.cli.exits import write
from planchk.cli.helptext import described, help_text
from planchk.cli.inputs import load_spec
from planchk.cli.options import LangOption, SpecOption
from planchk.cli.voice import current, start


@described(
    help_text("List the spec's indicators: number, id, attribute, kind, target and name."),
)
def indicators(spec: SpecOption = None, lang: LangOption = None) -> None:
    from planchk.formats.text import indicator_line  # noqa: PLC0415

    start(lang, spec)
    loaded = load_spec(spec)
    lines = [f"{indicator_line(ind, current())}\n" for ind in loaded.indicators]
    write("".join(lines), None)
