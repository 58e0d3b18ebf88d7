"""The typer application and its conventions: the `planchk` group, the `spec` group, the
command class that shows arguments by name, bad option values told in plain words, `--version`.

Every command module registers its command on `app` (or `spec_app`) with `cls=Command`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from planchk import __version__
from planchk.exitcodes import ExitCode

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext  # the click that typer carries

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


class Command(TyperCommand):
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
