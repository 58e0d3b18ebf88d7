"""`planchk evaluate`: the scored report of the data against the spec."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from planchk.cli.exits import finish, output_file, usage_errors
from planchk.cli.helptext import described, help_text
from planchk.cli.inputs import load, load_assessments
from planchk.cli.options import (
    AssessmentsOption,
    DataArgument,
    FailOnOption,
    FormatOption,
    LangOption,
    LayoutOption,
    OutputOption,
    QueryOption,
    RegionOption,
    SheetOption,
    SpecOption,
    TableOption,
    YearOption,
)
from planchk.cli.terminal import colour_wanted, terminal_width
from planchk.cli.voice import current, start
from planchk.formats import OutputFormat
from planchk.layout import Layout
from planchk.policy import FailOn


@described(
    help_text("Evaluate the data against the spec and print a scored report."),
    help_text(
        "With a region column in the data, every region is evaluated and ranked (or one region is reported in detail with --region)."
    ),
    help_text(
        "Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage; 3 internal error."
    ),
)
def evaluate(
    data: DataArgument,
    spec: SpecOption = None,
    year: YearOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.BINDING,
    lang: LangOption = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            help=help_text(
                "A previous JSON report: list the indicators whose status or score changed "
                "(with a region column: of the region named by --region)."
            ),
            dir_okay=False,
            metavar="PREVIOUS.json",
        ),
    ] = None,
    region: RegionOption = None,
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
    query: QueryOption = None,
    table: TableOption = None,
    assessments: AssessmentsOption = None,
) -> None:
    from planchk.evaluation import evaluate as run_evaluation  # noqa: PLC0415
    from planchk.formats import (  # noqa: PLC0415
        RenderOptions,
        for_people,
        render_stream,
        states_verdict,
    )
    from planchk.progress import progress_if_wanted  # noqa: PLC0415

    start(lang, spec)
    output = output_file(output, spec, compare, assessments, *data)
    loaded_spec, dataset = load(spec, data, query, table, sheet=sheet, layout=layout)
    assessed = load_assessments(assessments, loaded_spec, dataset)
    to_terminal = output is None and sys.stdout.isatty()
    options = RenderOptions(
        lang=current(),
        color=output is None and colour_wanted(sys.stdout.isatty(), os.environ),
        width=terminal_width(to_terminal, os.environ.get("COLUMNS")),
        fail_on=fail_on,
    )
    regions = len(dataset.regions) if dataset.is_panel and region is None else 0
    people = for_people(fmt) and output is None
    with (
        usage_errors(),
        progress_if_wanted(regions, people, sys.stdout.isatty(), sys.stderr) as bar,
    ):
        result = run_evaluation(
            loaded_spec,
            dataset,
            year,
            region=region,
            previous=compare,
            progress=bar,
            assessments=assessed,
        )
    finish(
        loaded_spec,
        dataset,
        result,
        render_stream(result, fmt, options),
        output,
        fail_on,
        announce=output is not None or not states_verdict(fmt),
    )
