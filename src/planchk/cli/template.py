"""`planchk template`: the fill-in workbook of the spec."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planchk.cli.exits import fail, say
from planchk.cli.helptext import described, help_text
from planchk.cli.inputs import load_spec
from planchk.cli.options import LangOption, SpecOption
from planchk.cli.voice import current, start
from planchk.messages import msg, said


@described(
    help_text("Write a fill-in workbook from the spec: a row per indicator, a column per year."),
    help_text("Exit codes: 0 written; 2 invalid input or usage; 3 internal error."),
)
def template(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=help_text("The workbook to write (.xlsx)."),
            dir_okay=False,
            metavar="FILE.xlsx",
        ),
    ],
    spec: SpecOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=help_text("The one year to fill in. Default: every year of the plan."),
            metavar="YEAR",
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help=help_text(
                "The region the workbook is for; its figures are read as that region's."
            ),
            metavar="NAME",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    from planchk.template import TemplateError, write_template  # noqa: PLC0415

    start(lang, spec)
    loaded = load_spec(spec)
    try:
        write_template(loaded, output, year=year, region=region, lang=current())
    except TemplateError as exc:
        fail(said(exc))
    except OSError as exc:
        fail(
            msg("cannot write {path}: {reason}", path=str(output), reason=exc.strerror or str(exc))
        )
    say(msg("planchk: wrote {path}", path=str(output)))
