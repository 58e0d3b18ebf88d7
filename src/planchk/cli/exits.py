"""Messages, writing and exit codes: every line on standard error, every result written, and
every exit code but 0 and 3 (see `planchk.cli.main`) goes through here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from planchk.cli.voice import current
from planchk.exitcodes import ExitCode
from planchk.messages import msg, said, text_in
from planchk.problems import InputError, Severity
from planchk.safetext import plain

if TYPE_CHECKING:
    from planchk.data import Dataset
    from planchk.evaluation import Evaluation
    from planchk.formats import OutputFormat
    from planchk.output import Output
    from planchk.policy import FailOn
    from planchk.spec import Spec


def say(text: str) -> None:
    """One line on standard error, in the command's language. Messages quote names, cells and
    file names from the input, so each line is made plain: no control sequence or workflow
    command reaches a terminal or a CI log."""
    typer.echo(plain(text_in(text, current())), err=True)


def fail(message: str, code: ExitCode = ExitCode.INVALID_INPUT) -> NoReturn:
    say(msg("planchk: {message}", message=message))
    raise typer.Exit(code)


def report_problems(error: InputError) -> NoReturn:
    """Every problem of the input, then exit code 2: nothing was evaluated."""
    from planchk.problems import omitted_note  # noqa: PLC0415

    errors = sum(1 for p in error.problems if p.severity is Severity.ERROR)
    for problem in error.problems:
        say(problem.localized(current()))
    note = omitted_note(error.omitted)
    if note is not None:
        say(msg("planchk: {message}", message=note))
        fail(msg("too many problems in the input to list; nothing was evaluated"))
    fail(msg("{count} error(s) in the input; nothing was evaluated", count=errors))


@contextmanager
def usage_errors() -> Iterator[None]:
    """The library's refusals (an unknown region, a year outside the plan, a previous report
    that is not one) as usage errors: exit code 2 with the message."""
    from planchk.engine import EvaluationError  # noqa: PLC0415

    try:
        yield
    except EvaluationError as exc:
        fail(said(exc))
    except ValueError as exc:
        # a CompareError is a ValueError; its module is imported only once one was raised, so
        # that a run without --compare does not import the previous report's models
        from planchk.compare import CompareError  # noqa: PLC0415

        if not isinstance(exc, CompareError):
            raise
        fail(msg("--compare: {message}", message=said(exc)))


def output_file(output: Path | None, *inputs: str | Path | None) -> Path | None:
    """The file `--output` names, None for standard output (none given, or `-`); a usage error
    when it is one of the inputs, which writing the result would destroy."""
    from planchk.output import is_stdout  # noqa: PLC0415
    from planchk.runfiles import input_clash  # noqa: PLC0415

    if output is None or is_stdout(output):
        return None
    clash = input_clash(output, inputs)
    if clash is not None:
        fail(
            msg(
                "--output {path} is an input ({clash}); write the result to another file",
                path=str(output),
                clash=str(clash),
            )
        )
    return output


def write(text: Output, output: Path | None) -> None:
    """Write a result to `output` (replaced only once complete) or to standard output; a full
    disk or a closed pipe is a one-line message and exit code 2."""
    from planchk.output import OutputError, write_file, write_stdout  # noqa: PLC0415

    try:
        if output is None:
            write_stdout(text)
        else:
            write_file(output, text)
    except OutputError as exc:
        fail(said(exc))


def finish(
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

    write(text, output)
    for warning in warnings_of(spec, dataset, result):
        say(warning)
    if done is not None:
        say(done)
    failing = not_compliant(result, fail_on)
    if failing is not None:
        if announce:
            say(
                msg(
                    "planchk: not compliant (--fail-on {fail_on}): {failing}",
                    fail_on=fail_on.value,
                    failing=failing,
                )
            )
        raise typer.Exit(ExitCode.NOT_COMPLIANT)


def finish_validation(text: str, valid: bool, fmt: OutputFormat, output: Path | None) -> None:
    """Write the outcome of `validate` or `spec check`, say whether it is valid (unless the
    output read in the terminal says it), and exit 1 when it is not."""
    from planchk.formats import states_verdict  # noqa: PLC0415

    write(text, output)
    if output is not None or not states_verdict(fmt):
        say(msg("planchk: valid") if valid else msg("planchk: not valid"))
    if not valid:
        raise typer.Exit(ExitCode.NOT_COMPLIANT)
