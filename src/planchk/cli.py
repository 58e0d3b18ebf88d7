"""The `planchk` command: parses arguments, calls the library, maps outcomes to exit codes.

Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage; 3 internal
error. Results go to stdout (or --output); problems and notes go to stderr.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from planchk import __version__
from planchk.draft import DraftError, DraftFormat
from planchk.exitcodes import ExitCode
from planchk.formats import DocumentFormat, Lang, OutputFormat
from planchk.layout import Layout
from planchk.policy import FailOn, RevisionPolicy
from planchk.problems import InputError, Severity
from planchk.safetext import plain
from planchk.schemas import SchemaName

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext  # the click that typer carries

    from planchk.data import Dataset
    from planchk.evaluation import Evaluation
    from planchk.formats import DocumentOptions
    from planchk.output import Output
    from planchk.sources import SqlSource
    from planchk.spec import Spec

EXIT_CODES_HELP = (
    "Exit codes: 0 compliant under --fail-on (validate: valid); 1 not compliant (validate: "
    "errors, or warnings under --strict); 2 invalid input or usage (nothing is reported as a "
    "result); 3 internal error."
)


def usage_message(message: str) -> str:
    """A bad option value's message in planchk's words: without the "Value error, " prefix
    and the "Input should be" phrasing of the validation library underneath the options."""
    message = message.removeprefix("Value error, ")
    if message.startswith("Input should be a valid integer"):
        return "not a whole number"
    return message.replace("Input should be", "should be", 1)


class _Argument(TyperArgument):
    """An argument shown by its name alone (`DATA...`, `FILE`), as Unix usage lines do, not by
    its Python type."""

    def display_type_rich(self, ctx: ClickContext) -> str | None:
        del ctx
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class _Command(TyperCommand):
    """A planchk command: its arguments shown by name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


class _Commands(TyperGroup):
    """planchk's command group: a bad option value is told in plain words."""

    def invoke(self, ctx: ClickContext) -> object:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = usage_message(exc.message)
            raise


app = typer.Typer(
    name="planchk",
    cls=_Commands,
    help="Check reported statistics against a five-year plan's indicator targets.\n\n"
    + EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish
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
        metavar="PATH",
    ),
]
DataArgument = Annotated[
    list[str],
    typer.Argument(
        help="Data files (.csv, .xlsx, .parquet), directories or a database URL "
        "(with --query or --table); together one time series.",
        metavar="DATA",
    ),
]
QueryOption = Annotated[
    str | None,
    typer.Option(
        "--query", help="With a database URL: the query whose rows are the data.", metavar="SQL"
    ),
]
TableOption = Annotated[
    str | None,
    typer.Option(
        "--table", help="With a database URL: the table whose rows are the data.", metavar="NAME"
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year", help="Assessment year. Default: the latest in the data.", metavar="YEAR"
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of names and labels.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the result to this file (replaced only once complete); - for stdout.",
        dir_okay=False,
        metavar="FILE",
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="With data that has a region column: the region to report in detail (required "
        "by explain and report; evaluate ranks every region without it).",
        metavar="NAME",
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
        "--max-problems",
        min=0,
        help="List at most this many problems (all are counted).",
        metavar="N",
    ),
]


def _say(text: str) -> None:
    """One line on standard error. Messages quote names, cells and file names from the input,
    so each line is made plain: no control sequence or workflow command reaches a terminal or
    a CI log."""
    typer.echo(plain(text), err=True)


def _fail(message: str, code: ExitCode = ExitCode.INVALID_INPUT) -> NoReturn:
    _say(f"planchk: {message}")
    raise typer.Exit(code)


def _report_problems(error: InputError) -> NoReturn:
    from planchk.problems import omitted_note  # noqa: PLC0415

    errors = sum(1 for p in error.problems if p.severity is Severity.ERROR)
    for problem in error.problems:
        _say(str(problem))
    note = omitted_note(error.omitted)
    if note is not None:
        _say(f"planchk: {note}")
        _fail("too many problems in the input to list; nothing was evaluated")
    _fail(f"{errors} error(s) in the input; nothing was evaluated")


@app.command(cls=_Command)
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
            metavar="PREVIOUS.json",
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
    from planchk.formats import (  # noqa: PLC0415
        RenderOptions,
        for_people,
        render_stream,
        states_verdict,
    )
    from planchk.progress import progress_if_wanted  # noqa: PLC0415

    output = _output(output, spec, compare, *data)
    loaded_spec, dataset = _load(spec, data, query, table, sheet=sheet, layout=layout)
    to_terminal = output is None and sys.stdout.isatty()
    options = RenderOptions(
        lang=lang,
        color=output is None and colour_wanted(sys.stdout.isatty(), os.environ),
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
        render_stream(result, fmt, options),
        output,
        fail_on,
        announce=output is not None or not states_verdict(fmt),
    )


def _finish(
    spec: Spec,
    dataset: Dataset,
    result: Evaluation,
    text: Output,
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
        _say(warning)
    if done is not None:
        _say(done)
    failing = not_compliant(result, fail_on)
    if failing is not None:
        if announce:
            _say(f"planchk: not compliant (--fail-on {fail_on}): {failing}")
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


@app.command(cls=_Command)
def explain(
    indicator: Annotated[
        str,
        typer.Argument(
            help="The indicator: its id, number, or Chinese or English name.", metavar="INDICATOR"
        ),
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


@app.command(cls=_Command)
def report(
    data: DataArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write (- for stdout). Markdown charts go to a folder next to it, "
            "FILE-stem_charts/.",
            dir_okay=False,
            metavar="FILE",
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
    sheet: SheetOption = None,
    layout: LayoutOption = Layout.AUTO,
) -> None:
    """Write a report for people: the evaluation table, the changes that matter, charts, and
    (html) every number and the sources. For a panel without --region: the regions' ranking.

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
    path = _output(output, spec, *data)
    asset_dir = f"{output.stem if path is not None else 'report'}_charts"
    options = DocumentOptions(
        lang=lang,
        asset_dir=asset_dir,
        date=None if date is None else date.date(),
        appendix=appendix,
    )
    loaded_spec, dataset = _load(spec, data, sheet=sheet, layout=layout)
    if dataset.is_panel and region is None:
        _report_panel(loaded_spec, dataset, year, fmt, path, options, fail_on)
        return
    with _usage_errors():
        result = evaluate_series(loaded_spec, dataset, year, region)
    document = render_document(result, fmt, options)
    if path is None and document.assets:
        _fail(f"a {fmt} report has chart files: name the file to write with -o FILE, not -")
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
    done = f"planchk: wrote {output}{charts}" if path is not None else None
    payload = document.text if document.data is None else document.data
    _finish(loaded_spec, dataset, result, payload, path, fail_on, announce=True, done=done)


def _report_panel(
    spec: Spec,
    dataset: Dataset,
    year: int | None,
    fmt: DocumentFormat,
    output: Path | None,
    options: DocumentOptions,
    fail_on: FailOn,
) -> None:
    """`report` for a panel without --region: the regions' ranking report."""
    from planchk.evaluation import evaluate as run_evaluation  # noqa: PLC0415
    from planchk.formats import Renders, render_panel_document, supports  # noqa: PLC0415
    from planchk.results import PanelReport  # noqa: PLC0415

    if not supports(fmt, Renders.PANEL_DOCUMENT):
        shown = ", ".join(f.value for f in DocumentFormat if supports(f, Renders.PANEL_DOCUMENT))
        _fail(
            f"the regions' ranking report is written as {shown}; for one region's report "
            f"as {fmt.value}, name it with --region NAME"
        )
    with _usage_errors():
        panel = run_evaluation(spec, dataset, year)
    assert isinstance(panel, PanelReport)
    document = render_panel_document(panel, spec, fmt, options)
    done = None if output is None else f"planchk: wrote {output} ({len(panel.regions)} regions)"
    _finish(spec, dataset, panel, document.text, output, fail_on, announce=True, done=done)


@app.command(cls=_Command)
def validate(
    data: Annotated[
        list[str],
        typer.Argument(
            help="Data files (.csv, .xlsx, .parquet), directories or a database URL "
            "(with --query or --table) to check.",
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
            help="The data as it was (the base branch's data directory, say): list every "
            "figure revised, added or removed since. May be given more than once.",
            metavar="PATH",
        ),
    ] = None,
    revisions: Annotated[
        RevisionPolicy,
        typer.Option(
            "--revisions",
            help="With --previous: a figure revised without a reason in its note is an error, "
            "a warning, or allowed (listed only).",
        ),
    ] = RevisionPolicy.WARNING,
) -> None:
    """Check data files against the spec without scoring them: every problem of every file.

    Exit codes: 0 valid; 1 errors (or warnings under --strict); 2 the command could not run
    (a missing path, a bad spec or option); 3 internal error.
    """
    from planchk.formats import render_validation  # noqa: PLC0415
    from planchk.sources import SourceError  # noqa: PLC0415
    from planchk.validation import validate as run_validation  # noqa: PLC0415

    output = _output(output, spec, *data)
    sources = _sources(data, query, table, exist=True)
    before = previous or []
    for path in before:
        if not Path(path).exists():
            _fail(f"--previous {path}: no such file or directory")
    loaded_spec = _load_spec(spec)
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
        )
    except SourceError as exc:
        _fail(str(exc))
    _finish_validation(render_validation(validation, fmt), validation.valid, fmt, output)


@spec_app.command("check", cls=_Command)
def spec_check(
    file: Annotated[
        Path,
        typer.Argument(
            help="The spec file (YAML) to check.", exists=True, dir_okay=False, metavar="FILE"
        ),
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

    output = _output(output, file)
    validation = check_spec(file, strict=strict, max_problems=max_problems)
    _finish_validation(render_validation(validation, fmt), validation.valid, fmt, output)


@spec_app.command("draft", cls=_Command)
def spec_draft(
    plan: Annotated[
        Path,
        typer.Argument(
            help="The plan as published: .txt/.md, .docx, .html, .xlsx/.csv or .pdf.",
            exists=True,
            dir_okay=False,
            metavar="PLAN",
        ),
    ],
    table: Annotated[
        int | None,
        typer.Option(
            "--table", min=1, help="Use table N of the file (1 = its first table).", metavar="N"
        ),
    ] = None,
    base_year: Annotated[
        int | None,
        typer.Option(
            "--base-year", help="Base year. Default: from the table or title.", metavar="YEAR"
        ),
    ] = None,
    end_year: Annotated[
        int | None,
        typer.Option(
            "--end-year", help="End year. Default: from the table or title.", metavar="YEAR"
        ),
    ] = None,
    fmt: Annotated[
        DraftFormat, typer.Option("--format", help="yaml: the draft spec; json: the review list.")
    ] = DraftFormat.YAML,
    output: OutputOption = None,
) -> None:
    """Draft a spec from a plan's published indicator table, with a list of choices to review.

    Exit codes: 0 drafted; 2 no indicator table, an unreadable file or bad options; 3 internal
    error.
    """
    from planchk.draft import draft_output  # noqa: PLC0415

    try:
        drafted = draft_output(plan, fmt, table, base_year, end_year)
    except DraftError as exc:
        _fail(str(exc))
    _write(drafted.text, output)
    _say(f"planchk: {drafted.summary}")


def _finish_validation(text: str, valid: bool, fmt: OutputFormat, output: Path | None) -> None:
    from planchk.formats import states_verdict  # noqa: PLC0415

    _write(text, output)
    if output is not None or not states_verdict(fmt):
        _say(f"planchk: {'valid' if valid else 'not valid'}")
    if not valid:
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


@app.command(cls=_Command)
def indicators(spec: SpecOption = None, lang: LangOption = Lang.EN) -> None:
    """List the spec's indicators: number, id, attribute, kind, target and name."""
    from planchk.formats.text import indicator_line  # noqa: PLC0415

    lines = [f"{indicator_line(ind, lang)}\n" for ind in _load_spec(spec).indicators]
    _write("".join(lines), None)


@app.command(cls=_Command)
def template(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The workbook to write (.xlsx).",
            dir_okay=False,
            metavar="FILE.xlsx",
        ),
    ],
    spec: SpecOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The one year to fill in. Default: every year of the plan.",
            metavar="YEAR",
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="The region the workbook is for; its figures are read as that region's.",
            metavar="NAME",
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
    _say(f"planchk: wrote {output}")


@app.command(cls=_Command)
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema to print.", metavar="NAME")],
) -> None:
    """Print a JSON Schema: spec files, or the JSON of evaluate, validate or a panel."""
    from planchk.schemas import schema_json  # noqa: PLC0415

    _write(schema_json(name), None)


def _load_spec(spec: Path | None) -> Spec:
    from planchk.spec import (  # noqa: PLC0415
        DEFAULT_SPEC_PATH,
        SpecError,
        bundled_spec_path,
        default_spec_path,
        load_spec,
    )

    if spec is None:
        spec = default_spec_path()
        if spec == bundled_spec_path():
            # a plan judged against another plan's targets would be worse than no report
            _say(
                f"planchk: no --spec given and no {DEFAULT_SPEC_PATH} here: using the built-in "
                "spec of Haidian District's 13th Five-Year Plan"
            )
    try:
        return load_spec(spec)
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


def _output(output: Path | None, *inputs: str | Path | None) -> Path | None:
    """The file `--output` names, None for standard output (none given, or `-`); a usage error
    when it is one of the inputs (the spec, a previous report, a data file or a data file
    under a data directory), which writing the result would destroy."""
    from planchk.data import DATA_SUFFIXES  # noqa: PLC0415
    from planchk.output import is_stdout, same_file  # noqa: PLC0415
    from planchk.spec import default_spec_path  # noqa: PLC0415

    if output is None or is_stdout(output):
        return None
    named = [default_spec_path(), *(Path(p) for p in inputs if p is not None)]
    clash = same_file(output, named, DATA_SUFFIXES)
    if clash is not None:
        _fail(f"--output {output} is an input ({clash}); write the result to another file")
    return output


def _write(text: Output, output: Path | None) -> None:
    """Write a result to `output` (replaced only once complete) or to standard output; a full
    disk or a closed pipe is a one-line message and exit code 2."""
    from planchk.output import OutputError, write_file, write_stdout  # noqa: PLC0415

    try:
        if output is None:
            write_stdout(text)
        else:
            write_file(output, text)
    except OutputError as exc:
        _fail(str(exc))


def colour_wanted(to_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether the table is coloured: `NO_COLOR` set and not empty never (no-color.org),
    `FORCE_COLOR` set and not empty always, even piped (force-color.org), `TERM=dumb` never,
    else on a terminal."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return to_terminal and environ.get("TERM") != "dumb"


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
    except BrokenPipeError:  # standard output closed while a command printed (`| head -1`)
        from planchk.output import silence_stdout  # noqa: PLC0415

        silence_stdout()
        typer.echo("planchk: standard output was closed before the result was written", err=True)
        sys.exit(ExitCode.INVALID_INPUT)
    except Exception as exc:
        _say(
            f"planchk: internal error ({type(exc).__name__}: {exc}); "
            "please report it with the command you ran"
        )
        sys.exit(ExitCode.INTERNAL_ERROR)
