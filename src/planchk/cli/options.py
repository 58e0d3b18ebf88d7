"""The options and arguments several commands share, each declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planchk.cli.helptext import help_text
from planchk.formats import Lang, OutputFormat
from planchk.layout import Layout
from planchk.policy import FailOn

SpecOption = Annotated[
    Path | None,
    typer.Option(
        "--spec",
        help=help_text(
            "Spec file. Default: targets/indicators.yaml in the current directory, "
            "else the Haidian spec shipped with planchk."
        ),
        dir_okay=False,
        metavar="PATH",
    ),
]
DataArgument = Annotated[
    list[str],
    typer.Argument(
        help=help_text(
            "Data files (.csv, .xlsx, .parquet), directories or a database URL "
            "(with --query or --table); together one time series."
        ),
        metavar="DATA",
    ),
]
QueryOption = Annotated[
    str | None,
    typer.Option(
        "--query",
        help=help_text("With a database URL: the query whose rows are the data."),
        metavar="SQL",
    ),
]
TableOption = Annotated[
    str | None,
    typer.Option(
        "--table",
        help=help_text("With a database URL: the table whose rows are the data."),
        metavar="NAME",
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        help=help_text("Assessment year. Default: the latest in the data."),
        metavar="YEAR",
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help=help_text(
            "Language of what people read. Default: PLANCHK_LANG, else the spec's "
            "plan.language, else en."
        ),
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help=help_text("Output format."))]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=help_text(
            "Write the result to this file (replaced only once complete); - for stdout."
        ),
        dir_okay=False,
        metavar="FILE",
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help=help_text(
            "With data that has a region column: the region to report in detail (required "
            "by explain and report; evaluate ranks every region without it)."
        ),
        metavar="NAME",
    ),
]
FailOnOption = Annotated[
    FailOn,
    typer.Option(
        "--fail-on",
        help=help_text("What makes the exit code 1: a failing binding indicator, any, or never."),
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help=help_text(
            "In workbooks: read this sheet only. Default: every visible sheet with a table."
        ),
        metavar="NAME",
    ),
]
LayoutOption = Annotated[
    Layout,
    typer.Option(
        "--layout",
        help=help_text(
            "Tables are long (a row per figure) or wide (a row per indicator, a column per "
            "year). Default: read from the header."
        ),
    ),
]
AssessmentsOption = Annotated[
    Path | None,
    typer.Option(
        "--assessments",
        help=help_text(
            "Manual assessments (.yaml or .csv): a person's status, with its reason, for "
            "qualitative targets or overriding a computed status (marked †)."
        ),
        dir_okay=False,
        metavar="FILE",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help=help_text("Warnings fail too (exit code 1)."))
]
MaxProblemsOption = Annotated[
    int | None,
    typer.Option(
        "--max-problems",
        min=0,
        help=help_text("List at most this many problems (all are counted)."),
        metavar="N",
    ),
]
