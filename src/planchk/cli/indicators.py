"""`planchk indicators`: the spec's indicators, one line each."""

from __future__ import annotations

from planchk.cli.exits import write
from planchk.cli.inputs import load_spec
from planchk.cli.options import LangOption, SpecOption
from planchk.formats import Lang


def indicators(spec: SpecOption = None, lang: LangOption = Lang.EN) -> None:
    """List the spec's indicators: number, id, attribute, kind, target and name."""
    from planchk.formats.text import indicator_line  # noqa: PLC0415

    lines = [f"{indicator_line(ind, lang)}\n" for ind in load_spec(spec).indicators]
    write("".join(lines), None)
