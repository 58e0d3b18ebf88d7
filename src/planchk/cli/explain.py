"""`planchk explain`: how one indicator's status, score and projection were computed."""

from __future__ import annotations

from typing import Annotated

import typer

from planchk.cli.exits import finish, usage_errors
from planchk.cli.helptext import described, help_text
from planchk.cli.inputs import load, load_assessments
from planchk.cli.options import (
    AssessmentsOption,
    DataArgument,
    LangOption,
    LayoutOption,
    RegionOption,
    SheetOption,
    SpecOption,
    YearOption,
)
from planchk.cli.voice import current, start
from planchk.layout import Layout
from planchk.policy import FailOn


@described(
    help_text("Show step by step how an indicator's status, score and projection were computed."),
    help_text(
        "Every number of the JSON audit trail appears with its key in brackets. Exit codes: 0 shown; 2 invalid input or usage; 3 internal error."
    ),
)
def explain(
    indicator: Annotated[
        str,
        typer.Argument(
            help=help_text("The indicator: its id, number, or Chinese or English name."),
            metavar="INDICATOR",
        ),
    ],
    data: DataArgument,
    spec: SpecOption = None,
    year: YearOption = None,
    lang: LangOption = None,
    region: RegionOption = None,
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
    assessments: AssessmentsOption = None,
) -> None:
    from planchk.evaluation import explanation  # noqa: PLC0415

    start(lang, spec)
    loaded_spec, dataset = load(spec, data, sheet=sheet, layout=layout)
    assessed = load_assessments(assessments, loaded_spec, dataset)
    with usage_errors():
        report, text = explanation(
            loaded_spec, dataset, indicator, year, region, current(), assessments=assessed
        )
    finish(loaded_spec, dataset, report, text, None, FailOn.NEVER, announce=False)
