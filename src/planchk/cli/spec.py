"""`planchk spec check` and `planchk spec draft`: a spec file checked on its own, and a spec
drafted from a plan's published indicator table."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from planchk.cli.exits import fail, finish_validation, output_file, say, write
from planchk.cli.helptext import described, help_text
from planchk.cli.options import (
    FormatOption,
    LangOption,
    MaxProblemsOption,
    OutputOption,
    StrictOption,
)
from planchk.cli.voice import choose, current
from planchk.draft import DraftError, DraftFormat
from planchk.formats import Lang, OutputFormat
from planchk.messages import msg, said


@described(
    help_text(
        "Check a spec file on its own: every problem, with the indicator and field it concerns."
    ),
    help_text("Exit codes: 0 valid; 1 not valid; 2 the command could not run; 3 internal error."),
)
def spec_check(
    file: Annotated[
        Path,
        typer.Argument(
            help=help_text("The spec file (YAML) to check."),
            exists=True,
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    strict: StrictOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    max_problems: MaxProblemsOption = None,
    lang: LangOption = None,
) -> None:
    from planchk.formats import RenderOptions, render_validation  # noqa: PLC0415
    from planchk.spec import language_of  # noqa: PLC0415
    from planchk.validation import check_spec  # noqa: PLC0415

    choose(lang, language_of(file))
    output = output_file(output, file)
    validation = check_spec(file, strict=strict, max_problems=max_problems)
    text = render_validation(validation, fmt, RenderOptions(lang=current()))
    finish_validation(text, validation.valid, fmt, output)


@described(
    help_text(
        "Draft a spec from a plan's published indicator table, with a list of choices to review."
    ),
    help_text(
        "Exit codes: 0 drafted; 2 no indicator table, an unreadable file or bad options; 3 internal error."
    ),
)
def spec_draft(
    plan: Annotated[
        Path,
        typer.Argument(
            help=help_text("The plan as published: .txt/.md, .docx, .html, .xlsx/.csv or .pdf."),
            exists=True,
            dir_okay=False,
            metavar="PLAN",
        ),
    ],
    table: Annotated[
        int | None,
        typer.Option(
            "--table",
            min=1,
            help=help_text("Use table N of the file (1 = its first table)."),
            metavar="N",
        ),
    ] = None,
    base_year: Annotated[
        int | None,
        typer.Option(
            "--base-year",
            help=help_text("Base year. Default: from the table or title."),
            metavar="YEAR",
        ),
    ] = None,
    end_year: Annotated[
        int | None,
        typer.Option(
            "--end-year",
            help=help_text("End year. Default: from the table or title."),
            metavar="YEAR",
        ),
    ] = None,
    fmt: Annotated[
        DraftFormat,
        typer.Option("--format", help=help_text("yaml: the draft spec; json: the review list.")),
    ] = DraftFormat.YAML,
    output: OutputOption = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help=help_text(
                "Language of the draft's comments, review list and messages. Default: "
                "PLANCHK_LANG, else the plan's (zh for a Chinese table), else en."
            ),
        ),
    ] = None,
) -> None:
    from planchk.draft import draft_output  # noqa: PLC0415

    choose(lang)  # until the plan is read: --lang, else PLANCHK_LANG, else English
    try:
        drafted = draft_output(plan, fmt, table, base_year, end_year, _draft_language(lang))
    except DraftError as exc:
        choose(lang, exc.language)
        fail(said(exc))
    choose(lang, drafted.lang)
    write(drafted.text, output)
    say(msg("planchk: {message}", message=drafted.summary))


def _draft_language(flag: Lang | None) -> Lang | None:
    """The language the draft is written in when the command says one (`--lang`, else
    `PLANCHK_LANG`); None leaves it to the plan's own language."""
    from planchk.language import LANG_VARIABLE  # noqa: PLC0415

    return current() if flag is not None or os.environ.get(LANG_VARIABLE, "").strip() else None
