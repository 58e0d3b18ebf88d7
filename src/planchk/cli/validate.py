"""`planchk validate`: every problem of the data files, without scoring them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planchk.cli.exits import fail, finish_validation, output_file
from planchk.cli.helptext import described, help_text
from planchk.cli.inputs import load_spec
from planchk.cli.inputs import sources as data_sources
from planchk.cli.options import (
    AssessmentsOption,
    FormatOption,
    LangOption,
    LayoutOption,
    MaxProblemsOption,
    OutputOption,
    QueryOption,
    SheetOption,
    SpecOption,
    StrictOption,
    TableOption,
)
from planchk.cli.voice import current, start
from planchk.formats import OutputFormat
from planchk.layout import Layout
from planchk.messages import msg, said
from planchk.policy import RevisionPolicy


@described(
    help_text(
        "Check data files against the spec without scoring them: every problem of every file."
    ),
    help_text(
        "Exit codes: 0 valid; 1 errors (or warnings under --strict); 2 the command could not run (a missing path, a bad spec or option); 3 internal error."
    ),
)
def validate(
    data: Annotated[
        list[str],
        typer.Argument(
            help=help_text(
                "Data files (.csv, .xlsx, .parquet), directories or a database URL "
                "(with --query or --table) to check."
            ),
            metavar="DATA",
        ),
    ],
    spec: SpecOption = None,
    strict: StrictOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    max_problems: MaxProblemsOption = None,
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
    query: QueryOption = None,
    table: TableOption = None,
    previous: Annotated[
        list[str] | None,
        typer.Option(
            "--previous",
            help=help_text(
                "The data as it was (the base branch's data directory, say): list every "
                "figure revised, added or removed since. May be given more than once."
            ),
            metavar="PATH",
        ),
    ] = None,
    revisions: Annotated[
        RevisionPolicy,
        typer.Option(
            "--revisions",
            help=help_text(
                "With --previous: a figure revised without a reason in its note is an error, "
                "a warning, or allowed (listed only)."
            ),
        ),
    ] = RevisionPolicy.WARNING,
    assessments: AssessmentsOption = None,
    lang: LangOption = None,
) -> None:
    from planchk.formats import RenderOptions, render_validation  # noqa: PLC0415
    from planchk.sources import SourceError  # noqa: PLC0415
    from planchk.validation import validate as run_validation  # noqa: PLC0415

    start(lang, spec)
    output = output_file(output, spec, assessments, *data)
    sources = data_sources(data, query, table, exist=True)
    if assessments is not None and not assessments.exists():
        fail(msg("--assessments {path}: no such file", path=str(assessments)))
    before = previous or []
    for path in before:
        if not Path(path).exists():
            fail(msg("--previous {path}: no such file or directory", path=path))
    loaded_spec = load_spec(spec)
    try:
        validation = run_validation(
            sources,
            loaded_spec,
            strict=strict,
            max_problems=max_problems,
            sheet=sheet,
            layout=layout,
            previous=before,
            policy=revisions,
            assessments=assessments,
        )
    except SourceError as exc:
        fail(said(exc))
    text = render_validation(validation, fmt, RenderOptions(lang=current()))
    finish_validation(text, validation.valid, fmt, output)
