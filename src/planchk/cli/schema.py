"""`planchk schema`: the JSON Schemas of spec files and of planchk's JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from planchk.cli.exits import write
from planchk.cli.helptext import described, help_text
from planchk.schemas import SchemaName


@described(
    help_text("Print a JSON Schema: spec files, or the JSON of evaluate, validate or a panel."),
)
def schema(
    name: Annotated[
        SchemaName, typer.Argument(help=help_text("Which schema to print."), metavar="NAME")
    ],
) -> None:
    from planchk.schemas import schema_json  # noqa: PLC0415

    write(schema_json(name), None)
