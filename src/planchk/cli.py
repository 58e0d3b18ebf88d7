"""The `planchk` command: parses arguments, calls the library, maps outcomes to exit codes.

Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage; 3 internal
error. Results go to stdout (or --output); problems and notes go to stderr.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from planchk import __version__
from planchk.exitcodes import ExitCode
from planchk.formats import Lang, OutputFormat
from planchk.formats.documents import DocumentFormat
from planchk.policy import FailOn
from planchk.problems import InputError, Severity
from planchk.schemas import SchemaName

if TYPE_CHECKING:
    from planchk.data import Dataset
    from planchk.formats import RenderOptions
    from planchk.formats.documents import Document, DocumentOptions
    from planchk.results import Report
    from planchk.spec import Spec

EXIT_CODES_HELP = (
    "Exit codes: 0 compliant under --fail-on (validate: valid); 1 not compliant (validate: "
    "errors, or warnings under --strict); 2 invalid input or usage (nothing is reported as a "
    "result); 3 internal error."
)

app = typer.Typer(
    name="planchk",
    help="Check reported statistics against a five-year plan's indicator targets.\n\n"
    + EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
spec_app = typer.Typer(help="Work with spec files.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(spec_app, name="spec")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planchk {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check reported statistics against a five-year plan's indicator targets."""


SpecOption = Annotated[
    Path | None,
    typer.Option(
        "--spec",
        help="Spec file. Default: targets/indicators.yaml in the current directory, "
        "else the Haidian spec shipped with planchk.",
        dir_okay=False,
    ),
]
DataArgument = Annotated[
    list[Path],
    typer.Argument(help="Data files (.csv, .xlsx) or directories; together one time series."),
]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Assessment year. Default: the latest in the data.")
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of names and labels.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the result to this file.", dir_okay=False),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="With data that has a region column: the region to report (required there).",
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit code 1).")]
MaxProblemsOption = Annotated[
    int | None,
    typer.Option(
        "--max-problems", min=0, help="List at most this many problems (all are counted)."
    ),
]


def _fail(message: str, code: ExitCode = ExitCode.INVALID_INPUT) -> NoReturn:
    typer.echo(f"planchk: {message}", err=True)
    raise typer.Exit(code)


def _report_problems(error: InputError) -> NoReturn:
    from planchk.problems import omitted_note  # noqa: PLC0415

    errors = sum(1 for p in error.problems if p.severity is Severity.ERROR)
    for problem in error.problems:
        typer.echo(str(problem), err=True)
    note = omitted_note(error.omitted)
    if note is not None:
        typer.echo(f"planchk: {note}", err=True)
        _fail("too many problems in the input to list; nothing was evaluated")
    _fail(f"{errors} error(s) in the input; nothing was evaluated")


@app.command()
def evaluate(
    data: DataArgument,
    spec: SpecOption = None,
    year: YearOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="What makes the exit code 1: a failing binding indicator, any, or never.",
        ),
    ] = FailOn.BINDING,
    lang: LangOption = Lang.EN,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            help="A previous JSON report: list the indicators whose status or score changed "
            "(with a region column: of the region named by --region).",
            dir_okay=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="With data that has a region column: report this region in detail "
            "instead of ranking all regions.",
        ),
    ] = None,
) -> None:
    """Evaluate the data against the spec and print a scored report.

    With a region column in the data, every region is evaluated and ranked (or one region is
    reported in detail with --region).

    Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage;
    3 internal error.
    """
    from planchk.engine import EvaluationError  # noqa: PLC0415
    from planchk.formats import RenderOptions, render  # noqa: PLC0415
    from planchk.history import evaluate_history as run_evaluation  # noqa: PLC0415
    from planchk.policy import failing_indicators  # noqa: PLC0415

    loaded_spec, dataset = _load(spec, data)
    to_terminal = output is None and sys.stdout.isatty()
    options = RenderOptions(
        lang=lang,
        color=to_terminal and "NO_COLOR" not in os.environ,
        width=_terminal_width() if to_terminal else 100,
        fail_on=fail_on,
    )
    if dataset.is_panel:
        _evaluate_panel(
            loaded_spec, dataset, year, fmt, output, options, region=region, compare=compare
        )
        return
    if region is not None:
        _fail("--region needs data with a region column (地区)")
    try:
        report = run_evaluation(loaded_spec, dataset, year)
    except EvaluationError as exc:
        _fail(str(exc))
    if compare is not None:
        report = _compared(report, compare)
    text = render(report, fmt, options)
    _write(text, output)
    for warning in dataset.warnings:
        typer.echo(str(warning), err=True)
    failing = failing_indicators(report, fail_on)
    if failing:
        if output is not None or fmt is not OutputFormat.TABLE:
            numbers = ", ".join(str(r.no) for r in failing)
            typer.echo(
                f"planchk: not compliant (--fail-on {fail_on}): indicator(s) {numbers}", err=True
            )
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


def _evaluate_panel(
    spec: Spec,
    dataset: Dataset,
    year: int | None,
    fmt: OutputFormat,
    output: Path | None,
    options: RenderOptions,
    *,
    region: str | None,
    compare: Path | None,
) -> None:
    """Evaluate a panel: rank every region, or report the one named by --region."""
    from planchk.engine import EvaluationError, assessment_year  # noqa: PLC0415
    from planchk.formats import HUMAN_FORMATS, render_panel, render_region  # noqa: PLC0415
    from planchk.panel import evaluate_panel, evaluate_region, unmatched_regions  # noqa: PLC0415
    from planchk.policy import failing_indicators, failing_regions  # noqa: PLC0415
    from planchk.progress import progress_bar, wanted  # noqa: PLC0415
    from planchk.results import RegionReport  # noqa: PLC0415

    fail_on = options.fail_on
    if compare is not None and region is None:
        _fail("--compare compares the report of one region: name it with --region NAME")
    name = None if region is None else _region_name(dataset, region)
    try:
        if name is not None:
            t = assessment_year(spec, dataset, year)
            report = evaluate_region(spec, dataset.for_region(name), name, t)
            if compare is not None:
                report = _compared(report, compare)
            entry = RegionReport(region=name, report=report)
            text = render_region(entry, fmt, options)
            failing = [str(r.no) for r in failing_indicators(entry.report, fail_on)]
        else:
            human = fmt in HUMAN_FORMATS and output is None
            if wanted(len(dataset.regions), human, sys.stdout.isatty(), sys.stderr):
                with progress_bar(len(dataset.regions), sys.stderr, "Evaluating regions") as bar:
                    panel = evaluate_panel(spec, dataset, year, bar)
            else:
                panel = evaluate_panel(spec, dataset, year)
            text = render_panel(panel, fmt, options)
            failing = failing_regions(panel, fail_on)
    except EvaluationError as exc:
        _fail(str(exc))
    _write(text, output)
    for warning in dataset.warnings:
        if name is None or warning.region == name:
            typer.echo(str(warning), err=True)
    for unmatched in unmatched_regions(spec, dataset):
        typer.echo(
            f"planchk: warning: the spec's regions section names {unmatched!r}, "
            "which is not a region of the data",
            err=True,
        )
    if failing:
        if output is not None or fmt is not OutputFormat.TABLE:
            what = "indicator(s)" if name is not None else "region(s)"
            shown = ", ".join(failing[:10]) + (
                f" and {len(failing) - 10} more" if len(failing) > 10 else ""
            )
            typer.echo(f"planchk: not compliant (--fail-on {fail_on}): {what} {shown}", err=True)
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


@app.command()
def explain(
    indicator: Annotated[
        str, typer.Argument(help="The indicator: its id, number, or Chinese or English name.")
    ],
    data: DataArgument,
    spec: SpecOption = None,
    year: YearOption = None,
    lang: LangOption = Lang.EN,
    region: RegionOption = None,
) -> None:
    """Show step by step how an indicator's status, score and projection were computed.

    Every number of the JSON audit trail appears with its key in brackets. Exit codes: 0 shown;
    2 invalid input or usage; 3 internal error.
    """
    from planchk.engine import EvaluationError  # noqa: PLC0415
    from planchk.explain import explain as explain_indicator  # noqa: PLC0415
    from planchk.history import evaluate_history  # noqa: PLC0415

    loaded_spec, dataset = _one_series(*_load(spec, data), region)
    found = loaded_spec.indicator(indicator)
    if found is None:
        _fail(f"no indicator {indicator!r} in the spec; `planchk indicators` lists them")
    try:
        report = evaluate_history(loaded_spec, dataset, year)
    except EvaluationError as exc:
        _fail(str(exc))
    _write(explain_indicator(loaded_spec, report, found, lang), None)
    for warning in dataset.warnings:
        typer.echo(str(warning), err=True)


@app.command()
def report(
    data: DataArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write. Markdown charts go to a folder next to it, FILE-stem_charts/.",
            dir_okay=False,
        ),
    ],
    spec: SpecOption = None,
    year: YearOption = None,
    fmt: Annotated[
        DocumentFormat, typer.Option("--format", help="Document format.")
    ] = DocumentFormat.HTML,
    lang: LangOption = Lang.EN,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="What makes the exit code 1 (default: never)."),
    ] = FailOn.NEVER,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="With data that has a region column: report this region; without it, "
            "the regions' ranking report is written (html).",
        ),
    ] = None,
    date: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="Date to put on the document, YYYY-MM-DD (default: none).",
        ),
    ] = None,
    appendix: Annotated[
        bool,
        typer.Option("--appendix", help="html: print the appendix (audit trail and sources) too."),
    ] = False,
) -> None:
    """Write a report for people: the evaluation table, the changes that matter, charts, and
    (html) every number and the sources.

    Exit codes: 0 written (and compliant under --fail-on); 1 not compliant under --fail-on;
    2 invalid input or usage; 3 internal error.
    """
    from planchk.engine import EvaluationError  # noqa: PLC0415
    from planchk.formats.documents import DocumentOptions, render_document  # noqa: PLC0415
    from planchk.history import evaluate_history  # noqa: PLC0415
    from planchk.policy import failing_indicators  # noqa: PLC0415

    asset_dir = f"{output.stem}_charts"
    options = DocumentOptions(
        lang=lang,
        asset_dir=asset_dir,
        date=None if date is None else date.date(),
        appendix=appendix,
    )
    loaded_spec, dataset = _load(spec, data)
    if dataset.is_panel and region is None:
        _report_panel(loaded_spec, dataset, year, fmt, output, options, fail_on)
        return
    loaded_spec, dataset = _one_series(loaded_spec, dataset, region)
    try:
        result = evaluate_history(loaded_spec, dataset, year)
    except EvaluationError as exc:
        _fail(str(exc))
    document = render_document(result, fmt, options)
    for name, content in sorted(document.assets.items()):
        target = output.parent / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"cannot create {target.parent}: {exc.strerror or exc}")
        _write(content, target)
    _write_document(document, output)
    for warning in dataset.warnings:
        typer.echo(str(warning), err=True)
    charts = (
        f" and {len(document.assets)} chart(s) in {output.parent / asset_dir}"
        if document.assets
        else ""
    )
    typer.echo(f"planchk: wrote {output}{charts}", err=True)
    failing = failing_indicators(result, fail_on)
    if failing:
        numbers = ", ".join(str(r.no) for r in failing)
        typer.echo(
            f"planchk: not compliant (--fail-on {fail_on}): indicator(s) {numbers}", err=True
        )
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


def _report_panel(
    spec: Spec,
    dataset: Dataset,
    year: int | None,
    fmt: DocumentFormat,
    output: Path,
    options: DocumentOptions,
    fail_on: FailOn,
) -> None:
    """`report` for a panel without --region: the regions' ranking report."""
    from planchk.engine import EvaluationError  # noqa: PLC0415
    from planchk.formats.documents import (  # noqa: PLC0415
        PANEL_DOCUMENT_MODULES,
        render_panel_document,
    )
    from planchk.panel import evaluate_panel  # noqa: PLC0415
    from planchk.policy import failing_regions  # noqa: PLC0415

    if fmt not in PANEL_DOCUMENT_MODULES:
        shown = ", ".join(f.value for f in PANEL_DOCUMENT_MODULES)
        _fail(
            f"the regions' ranking report is written as {shown}; for one region's report "
            f"as {fmt.value}, name it with --region NAME"
        )
    try:
        panel = evaluate_panel(spec, dataset, year)
    except EvaluationError as exc:
        _fail(str(exc))
    _write_document(render_panel_document(panel, spec, fmt, options), output)
    typer.echo(f"planchk: wrote {output} ({len(panel.regions)} regions)", err=True)
    failing = failing_regions(panel, fail_on)
    if failing:
        shown = ", ".join(failing[:10]) + (
            f" and {len(failing) - 10} more" if len(failing) > 10 else ""
        )
        typer.echo(f"planchk: not compliant (--fail-on {fail_on}): region(s) {shown}", err=True)
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


@app.command()
def validate(
    data: Annotated[
        list[Path],
        typer.Argument(help="Data files (.csv, .xlsx) or directories to check.", exists=True),
    ],
    spec: SpecOption = None,
    strict: StrictOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    max_problems: MaxProblemsOption = None,
) -> None:
    """Check data files against the spec without scoring them: every problem of every file.

    Exit codes: 0 valid; 1 errors (or warnings under --strict); 2 the command could not run
    (a missing path, a bad spec or option); 3 internal error.
    """
    from planchk.formats import render_validation  # noqa: PLC0415
    from planchk.validation import validate as run_validation  # noqa: PLC0415

    loaded_spec = _load_spec(spec)
    validation = run_validation(data, loaded_spec, strict=strict, max_problems=max_problems)
    _finish_validation(render_validation(validation, fmt), validation.valid, fmt, output)


@spec_app.command("check")
def spec_check(
    file: Annotated[
        Path, typer.Argument(help="The spec file (YAML) to check.", exists=True, dir_okay=False)
    ],
    strict: StrictOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    max_problems: MaxProblemsOption = None,
) -> None:
    """Check a spec file on its own: every problem, with the indicator and field it concerns.

    Exit codes: 0 valid; 1 not valid; 2 the command could not run; 3 internal error.
    """
    from planchk.formats import render_validation  # noqa: PLC0415
    from planchk.validation import check_spec  # noqa: PLC0415

    validation = check_spec(file, strict=strict, max_problems=max_problems)
    _finish_validation(render_validation(validation, fmt), validation.valid, fmt, output)


def _finish_validation(text: str, valid: bool, fmt: OutputFormat, output: Path | None) -> None:
    _write(text, output)
    if output is not None or fmt is not OutputFormat.TABLE:
        typer.echo(f"planchk: {'valid' if valid else 'not valid'}", err=True)
    if not valid:
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


@app.command()
def indicators(spec: SpecOption = None, lang: LangOption = Lang.EN) -> None:
    """List the spec's indicators: number, id, attribute, kind, target and name."""
    from planchk.formats.text import clean, number  # noqa: PLC0415

    loaded = _load_spec(spec)
    for ind in loaded.indicators:
        target = ind.target
        unit = "%" if target.kind == "average_growth" or target.change == "relative" else ""
        typer.echo(
            f"{ind.no:>3}  {ind.id:<36} {ind.attribute:<8} {target.kind:<14} "
            f"{target.comparator.symbol}{number(float(target.value), unit)}  {clean(ind.name.get(lang))}"
        )


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema to print.", metavar="NAME")],
) -> None:
    """Print a JSON Schema: spec files, or the JSON of evaluate, validate or a panel."""
    from planchk.schemas import schema_json  # noqa: PLC0415

    typer.echo(schema_json(name), nl=False)


def _load_spec(spec: Path | None) -> Spec:
    from planchk.spec import SpecError, default_spec_path, load_spec  # noqa: PLC0415

    try:
        return load_spec(spec if spec is not None else default_spec_path())
    except SpecError as exc:
        _report_problems(exc)


def _load(spec: Path | None, data: list[Path]) -> tuple[Spec, Dataset]:
    from planchk.data import load_data  # noqa: PLC0415

    loaded = _load_spec(spec)
    try:
        return loaded, load_data(data, loaded)
    except InputError as exc:
        _report_problems(exc)


def _region_name(dataset: Dataset, region: str) -> str:
    """The region of `dataset` that `region` names, as the data spells it; a usage error when
    the data has no such region."""
    from planchk.spec import region_key  # noqa: PLC0415

    wanted = region_key(region)
    for name in dataset.regions:
        if region_key(name) == wanted:
            return name
    shown = ", ".join(dataset.regions[:5]) + (", ..." if len(dataset.regions) > 5 else "")
    _fail(f"no region {region!r} in the data; its regions are {shown}")


def _one_series(spec: Spec, dataset: Dataset, region: str | None) -> tuple[Spec, Dataset]:
    """The spec and data of one time series: the data itself, or one region of a panel with
    the region's own baselines and targets."""
    if not dataset.is_panel:
        if region is not None:
            _fail("--region needs data with a region column (地区)")
        return spec, dataset
    if region is None:
        shown = ", ".join(dataset.regions[:5]) + (", ..." if len(dataset.regions) > 5 else "")
        _fail(f"the data has a region column: name one region with --region ({shown})")
    name = _region_name(dataset, region)
    return spec.for_region(name), dataset.for_region(name)


def _compared(report: Report, previous: Path) -> Report:
    from planchk.compare import CompareError, compare, load_previous  # noqa: PLC0415

    try:
        comparison = compare(report, load_previous(previous), str(previous))
    except CompareError as exc:
        _fail(f"--compare: {exc}")
    return report.model_copy(update={"comparison": comparison})


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


def _write_document(document: Document, output: Path) -> None:
    if document.data is None:
        _write(document.text, output)
        return
    try:
        output.write_bytes(document.data)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


def _terminal_width() -> int:
    try:
        return max(60, min(os.get_terminal_size().columns, 160))
    except OSError:
        return 100


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    # A run is short and keeps nearly everything it creates until it ends; the cyclic garbage
    # collector would only walk a large panel's objects again and again (reference counting
    # still frees what is no longer used).
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("planchk: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        typer.echo(
            f"planchk: internal error ({type(exc).__name__}: {exc}); "
            "please report it with the command you ran",
            err=True,
        )
        sys.exit(ExitCode.INTERNAL_ERROR)
