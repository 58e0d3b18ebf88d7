"""The typer application and its conventions: the `planchk` group, the command class that
shows arguments by name, bad option values told in plain words, `--version`, and commands built
only when a run asks for them.

`planchk.cli` names every command (`LAZY_COMMANDS`): its module is imported, and its options
made, only when the command runs or `--help` or completion lists it, so that a run of one
command never builds the others (building all of them took 8.9-10.0 ms, 3 runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup

from planchk import __version__
from planchk.exitcodes import ExitCode

if TYPE_CHECKING:
    from typer._click.core import Command as ClickCommand  # the click that typer carries
    from typer._click.core import Context as ClickContext

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


#: How to build each command of `planchk`, by name, in the order `planchk --help` lists them
#: (filled in by `planchk.cli`).
LAZY_COMMANDS: dict[str, Callable[[], ClickCommand]] = {}


def command_in(module: str, function: str, name: str | None = None) -> Callable[[], ClickCommand]:
    """How to build the command `function` of `module` (named after the function, or `name`)."""

    def build() -> ClickCommand:
        one = typer.Typer(
            add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
        )
        one.command(name, cls=Command)(getattr(import_module(module), function))
        return typer.main.get_command(one)

    return build


def group_of(
    name: str, help: str, commands: Mapping[str, tuple[str, str]]
) -> Callable[[], ClickCommand]:
    """How to build the command group `name` of `commands` (name -> module and function)."""

    def build() -> ClickCommand:
        group = typer.Typer(
            name=name,
            help=help,
            no_args_is_help=True,
            add_completion=False,
            pretty_exceptions_enable=False,
            rich_markup_mode=None,
        )
        for command, (module, function) in commands.items():
            group.command(command, cls=Command)(getattr(import_module(module), function))
        return typer.main.get_command(group)

    return build


class _LazyCommands(MutableMapping[str, "ClickCommand"]):
    """A group's commands: those of `LAZY_COMMANDS` built on first use, then kept."""

    def __init__(self, built: Mapping[str, ClickCommand]) -> None:
        self._built = dict(built)

    def __getitem__(self, name: str) -> ClickCommand:
        found = self._built.get(name)
        if found is None:
            found = self._built[name] = LAZY_COMMANDS[name]()  # a KeyError: no such command
        return found

    def __setitem__(self, name: str, command: ClickCommand) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*LAZY_COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*LAZY_COMMANDS, *self._built]))


class _Commands(TyperGroup):
    """planchk's command group: its commands built on first use; a bad option value is told in
    plain words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(self.commands)

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
