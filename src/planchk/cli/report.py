"""`planchk report`: a document for people, or for a panel without --region the regions'
ranking report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planchk.cli.exits import fail, finish, output_file, usage_errors, write
from planchk.cli.helptext import described, help_text
from planchk.cli.inputs import load, load_assessments
from planchk.cli.options import (
    AssessmentsOption,
    DataArgument,
    LangOption,
    LayoutOption,
    SheetOption,
    SpecOption,
    YearOption,
)
from planchk.cli.voice import current, start
from planchk.formats import DocumentFormat
from planchk.layout import Layout
from planchk.messages import msg, said
from planchk.policy import FailOn

if TYPE_CHECKING:
    from planchk.assessments import Assessments
    from planchk.data import Dataset
    from planchk.formats import Document, DocumentOptions
    from planchk.spec import Spec


@described(
    help_text(
        "Write a report for people: the evaluation table, the changes that matter, charts, and (html) every number and the sources. For a panel without --region: the regions' ranking."
    ),
    help_text(
        "Exit codes: 0 written (and compliant under --fail-on); 1 not compliant under --fail-on; 2 invalid input or usage; 3 internal error."
    ),
)
def report(
    data: DataArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=help_text(
                "File to write (- for stdout). Markdown charts go to a folder next to it, "
                "FILE-stem_charts/."
            ),
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    spec: SpecOption = None,
    year: YearOption = None,
    fmt: Annotated[
        DocumentFormat, typer.Option("--format", help=help_text("Document format."))
    ] = DocumentFormat.HTML,
    lang: LangOption = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help=help_text("What makes the exit code 1 (default: never).")),
    ] = FailOn.NEVER,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help=help_text(
                "With data that has a region column: report this region; without it, "
                "the regions' ranking report is written (html)."
            ),
        ),
    ] = None,
    date: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help=help_text("Date to put on the document, YYYY-MM-DD (default: none)."),
        ),
    ] = None,
    appendix: Annotated[
        bool,
        typer.Option(
            "--appendix", help=help_text("html: print the appendix (audit trail and sources) too.")
        ),
    ] = False,
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
    assessments: AssessmentsOption = None,
) -> None:
    from planchk.evaluation import evaluate_series  # noqa: PLC0415
    from planchk.extras import MissingExtra, require  # noqa: PLC0415
    from planchk.formats import DocumentOptions, render_document  # noqa: PLC0415

    start(lang, spec)
    try:
        require("report", "planchk report")
    except MissingExtra as exc:
        fail(said(exc))
    path = output_file(output, spec, assessments, *data)
    asset_dir = f"{output.stem if path is not None else 'report'}_charts"
    loaded_spec, dataset = load(spec, data, sheet=sheet, layout=layout)
    options = DocumentOptions(
        lang=current(),
        asset_dir=asset_dir,
        date=None if date is None else date.date(),
        appendix=appendix,
    )
    assessed = load_assessments(assessments, loaded_spec, dataset)
    if dataset.is_panel and region is None:
        _report_panel(loaded_spec, dataset, year, fmt, path, options, fail_on, assessed)
        return
    with usage_errors():
        result = evaluate_series(loaded_spec, dataset, year, region, assessed)
    document = render_document(result, fmt, options)
    if path is None and document.assets:
        fail(
            msg(
                "a {format} report has chart files: name the file to write with -o FILE, not -",
                format=fmt.value,
            )
        )
    _write_assets(document, output.parent)
    done = None
    if path is not None:
        done = (
            msg(
                "planchk: wrote {path} and {count} chart(s) in {folder}",
                path=str(output),
                count=len(document.assets),
                folder=str(output.parent / asset_dir),
            )
            if document.assets
            else msg("planchk: wrote {path}", path=str(output))
        )
    payload = document.text if document.data is None else document.data
    finish(loaded_spec, dataset, result, payload, path, fail_on, announce=True, done=done)


def _write_assets(document: Document, folder: Path) -> None:
    """The document's chart files, under `folder` (the document's own)."""
    for name, content in sorted(document.assets.items()):
        target = folder / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(
                msg(
                    "cannot create {path}: {reason}",
                    path=str(target.parent),
                    reason=exc.strerror or str(exc),
                )
            )
        write(content, target)


def _report_panel(
    spec: Spec,
    dataset: Dataset,
    year: int | None,
    fmt: DocumentFormat,
    output: Path | None,
    options: DocumentOptions,
    fail_on: FailOn,
    assessments: Assessments | None = None,
) -> None:
    """`report` for a panel without --region: the regions' ranking report."""
    from planchk.evaluation import evaluate_panel  # noqa: PLC0415
    from planchk.formats import Renders, render_panel_document, supports  # noqa: PLC0415

    if not supports(fmt, Renders.PANEL_DOCUMENT):
        shown = ", ".join(f.value for f in DocumentFormat if supports(f, Renders.PANEL_DOCUMENT))
        fail(
            msg(
                "the regions' ranking report is written as {formats}; for one region's report "
                "as {format}, name it with --region NAME",
                formats=shown,
                format=fmt.value,
            )
        )
    with usage_errors():
        panel = evaluate_panel(spec, dataset, year, assessments)
    document = render_panel_document(panel, spec, fmt, options)
    done = (
        None
        if output is None
        else msg(
            "planchk: wrote {path} ({count} regions)", path=str(output), count=len(panel.regions)
        )
    )
    finish(spec, dataset, panel, document.text, output, fail_on, announce=True, done=done)
