"""The `planchk` command: parses arguments, calls the library, maps outcomes to exit codes.

Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage; 3 internal
error. Results go to stdout (or --output); problems and notes go to stderr.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from planchk import __version__
from planchk.exitcodes import ExitCode
from planchk.formats import DocumentFormat, Lang, OutputFormat
from planchk.layout import Layout
from planchk.policy import FailOn
from planchk.problems import InputError, Severity
from planchk.schemas import SchemaName

if TYPE_CHECKING:
    from planchk.data import Dataset
    from planchk.evaluation import Evaluation
    from planchk.sources import SqlSource
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
    list[str],
    typer.Argument(
        help="Data files (.csv, .xlsx, .parquet), directories or a database URL "
        "(with --query or --table); together one time series."
    ),
]
QueryOption = Annotated[
    str | None,
    typer.Option("--query", help="With a database URL: the query whose rows are the data."),
]
TableOption = Annotated[
    str | None,
    typer.Option("--table", help="With a database URL: the table whose rows are the data."),
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
        help="With data that has a region column: the region to report in detail (required "
        "by explain and report; evaluate ranks every region without it).",
    ),
]
FailOnOption = Annotated[
    FailOn,
    typer.Option(
        "--fail-on",
        help="What makes the exit code 1: a failing binding indicator, any, or never.",
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help="In workbooks: read this sheet only. Default: every visible sheet with a table.",
        metavar="NAME",
    ),
]
LayoutOption = Annotated[
    Layout,
    typer.Option(
        "--layout",
        help="Tables are long (a row per figure) or wide (a row per indicator, a column per "
        "year). Default: read from the header.",
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
    fail_on: FailOnOption = FailOn.BINDING,
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
    region: RegionOption = None,
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
    query: QueryOption = None,
    table: TableOption = None,
) -> None:
    """Evaluate the data against the spec and print a scored report.

    With a region column in the data, every region is evaluated and ranked (or one region is
    reported in detail with --region).

    Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage;
    3 internal error.
    """
    from planchk.evaluation import evaluate as run_evaluation  # noqa: PLC0415
    from planchk.formats import RenderOptions, for_people, render, states_verdict  # noqa: PLC0415
    from planchk.progress import progress_if_wanted  # noqa: PLC0415

    loaded_spec, dataset = _load(spec, data, query, table, sheet=sheet, layout=layout)
    to_terminal = output is None and sys.stdout.isatty()
    options = RenderOptions(
        lang=lang,
        color=to_terminal and "NO_COLOR" not in os.environ,
        width=terminal_width(to_terminal, os.environ.get("COLUMNS")),
        fail_on=fail_on,
    )
    regions = len(dataset.regions) if dataset.is_panel and region is None else 0
    people = for_people(fmt) and output is None
    with (
        _usage_errors(),
        progress_if_wanted(regions, people, sys.stdout.isatty(), sys.stderr) as bar,
    ):
        result = run_evaluation(
            loaded_spec, dataset, year, region=region, previous=compare, progress=bar
        )
    _finish(
        loaded_spec,
        dataset,
        result,
        render(result, fmt, options),
        output,
        fail_on,
        announce=output is not None or not states_verdict(fmt),
    )


def _finish(
    spec: Spec,
    dataset: Dataset,
    result: Evaluation,
    text: str,
    output: Path | None,
    fail_on: FailOn,
    *,
    announce: bool,
    done: str | None = None,
) -> None:
    """Write the result, the data's warnings and `done`, and exit 1 when `--fail-on` fails the
    run (saying why on standard error when `announce`; else the output itself says it)."""
    from planchk.evaluation import warnings_of  # noqa: PLC0415
    from planchk.policy import not_compliant  # noqa: PLC0415

    _write(text, output)
    for warning in warnings_of(spec, dataset, result):
        typer.echo(warning, err=True)
    if done is not None:
        typer.echo(done, err=True)
    failing = not_compliant(result, fail_on)
    if failing is not None:
        if announce:
            typer.echo(f"planchk: not compliant (--fail-on {fail_on}): {failing}", err=True)
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
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
) -> None:
    """Show step by step how an indicator's status, score and projection were computed.

    Every number of the JSON audit trail appears with its key in brackets. Exit codes: 0 shown;
    2 invalid input or usage; 3 internal error.
    """
    from planchk.evaluation import evaluate_series, one_series  # noqa: PLC0415
    from planchk.explain import explain as explain_indicator  # noqa: PLC0415

    loaded_spec, dataset = _load(spec, data, sheet=sheet, layout=layout)
    with _usage_errors():
        own_spec = one_series(loaded_spec, dataset, region)[0]
        found = own_spec.indicator(indicator)
        if found is None:
            _fail(f"no indicator {indicator!r} in the spec; `planchk indicators` lists them")
        report = evaluate_series(loaded_spec, dataset, year, region)
    text = explain_indicator(own_spec, report, found, lang)
    _finish(loaded_spec, dataset, report, text, None, FailOn.NEVER, announce=False)


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
    region: RegionOption = None,
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
) -> None:
    """Write a report for people: every year of the data, charts, every number and the sources.

    Exit codes: 0 written (and compliant under --fail-on); 1 not compliant under --fail-on;
    2 invalid input or usage; 3 internal error.
    """
    from planchk.evaluation import evaluate_series  # noqa: PLC0415
    from planchk.extras import MissingExtra, require  # noqa: PLC0415
    from planchk.formats import DocumentOptions, render_document  # noqa: PLC0415

    try:
        require("report", "planchk report")
    except MissingExtra as exc:
        _fail(str(exc))
    loaded_spec, dataset = _load(spec, data, sheet=sheet, layout=layout)
    with _usage_errors():
        result = evaluate_series(loaded_spec, dataset, year, region)
    asset_dir = f"{output.stem}_charts"
    document = render_document(result, fmt, DocumentOptions(lang=lang, asset_dir=asset_dir))
    for name, content in sorted(document.assets.items()):
        target = output.parent / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"cannot create {target.parent}: {exc.strerror or exc}")
        _write(content, target)
    charts = (
        f" and {len(document.assets)} chart(s) in {output.parent / asset_dir}"
        if document.assets
        else ""
    )
    done = f"planchk: wrote {output}{charts}"
    _finish(loaded_spec, dataset, result, document.text, output, fail_on, announce=True, done=done)


@app.command()
def validate(
    data: Annotated[
        list[str],
        typer.Argument(
            help="Data files (.csv, .xlsx, .parquet), directories or a database URL "
            "(with --query or --table) to check."
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
) -> None:
    """Check data files against the spec without scoring them: every problem of every file.

    Exit codes: 0 valid; 1 errors (or warnings under --strict); 2 the command could not run
    (a missing path, a bad spec or option); 3 internal error.
    """
    from planchk.formats import render_validation  # noqa: PLC0415
    from planchk.sources import SourceError  # noqa: PLC0415
    from planchk.validation import validate as run_validation  # noqa: PLC0415

    sources = _sources(data, query, table, exist=True)
    loaded_spec = _load_spec(spec)
    try:
        validation = run_validation(
            sources,
            loaded_spec,
            strict=strict,
            max_problems=max_problems,
            sheet=sheet,
            layout=layout,
        )
    except SourceError as exc:
        _fail(str(exc))
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
    from planchk.formats import states_verdict  # noqa: PLC0415

    _write(text, output)
    if output is not None or not states_verdict(fmt):
        typer.echo(f"planchk: {'valid' if valid else 'not valid'}", err=True)
    if not valid:
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


@app.command()
def indicators(spec: SpecOption = None, lang: LangOption = Lang.EN) -> None:
    """List the spec's indicators: number, id, attribute, kind, target and name."""
    from planchk.formats.text import indicator_line  # noqa: PLC0415

    for ind in _load_spec(spec).indicators:
        typer.echo(indicator_line(ind, lang))


@app.command()
def template(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The workbook to write (.xlsx).", dir_okay=False),
    ],
    spec: SpecOption = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="The one year to fill in. Default: every year of the plan."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="The region the workbook is for; its figures are read as that region's.",
        ),
    ] = None,
) -> None:
    """Write a fill-in workbook from the spec: a row per indicator, a column per year.

    Exit codes: 0 written; 2 invalid input or usage; 3 internal error.
    """
    from planchk.template import write_template  # noqa: PLC0415

    loaded = _load_spec(spec)
    plan = loaded.plan
    if year is not None and not plan.base_year <= year <= plan.end_year:
        _fail(f"--year {year} is outside the plan period {plan.base_year}-{plan.end_year}")
    if output.suffix.lower() != ".xlsx":
        _fail(f"--output {output}: a template is an .xlsx workbook")
    try:
        write_template(loaded, output, year=year, region=region)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"planchk: wrote {output}", err=True)


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


def _load(
    spec: Path | None,
    data: list[str],
    query: str | None = None,
    table: str | None = None,
    *,
    sheet: str | None = None,
    layout: Layout = Layout.AUTO,
) -> tuple[Spec, Dataset]:
    from planchk.data import load_data  # noqa: PLC0415
    from planchk.sources import SourceError  # noqa: PLC0415

    sources = _sources(data, query, table)
    loaded = _load_spec(spec)
    try:
        return loaded, load_data(sources, loaded, sheet=sheet, layout=layout)
    except InputError as exc:
        _report_problems(exc)
    except SourceError as exc:
        _fail(str(exc))


def _sources(
    data: list[str], query: str | None, table: str | None, *, exist: bool = False
) -> list[str | SqlSource]:
    """The data arguments as paths and database sources; with `exist`, every path must exist."""
    from planchk.sources import SourceError, data_sources, is_database_url  # noqa: PLC0415

    if exist:
        for arg in data:
            if not is_database_url(arg) and not Path(arg).exists():
                _fail(f"{arg}: path does not exist")
    try:
        return data_sources(data, query, table)
    except SourceError as exc:
        _fail(str(exc))


@contextmanager
def _usage_errors() -> Iterator[None]:
    """The library's refusals (an unknown region, a year outside the plan, a previous report
    that is not one) as usage errors: exit code 2 with the message."""
    from planchk.compare import CompareError  # noqa: PLC0415
    from planchk.engine import EvaluationError  # noqa: PLC0415

    try:
        yield
    except EvaluationError as exc:
        _fail(str(exc))
    except CompareError as exc:
        _fail(f"--compare: {exc}")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


def terminal_width(to_terminal: bool, columns: str | None) -> int:
    """The width to render tables at: the terminal's, else `COLUMNS` (as for piped output),
    else 100; never below 60 (the narrowest width whose table keeps status and score) nor
    above 160 for a terminal."""
    if to_terminal:
        try:
            return max(60, min(os.get_terminal_size().columns, 160))
        except OSError:
            pass
    if columns is not None and columns.strip().isdigit():
        return max(60, int(columns))
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
