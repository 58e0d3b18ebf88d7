"""The typer application and its conventions: the `planchk` group, the command class that
shows arguments by name, bad option values told in plain words, `--version`, and commands built
only when a run asks for them.

`planchk.cli` names every command (`LAZY_COMMANDS`): its module is imported, and its options
made, only when the command runs or `--help` or completion lists it, so that a run of one
command never builds the others (building all of them took 8.9-10.0 ms, 3 runs).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from difflib import get_close_matches
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer._click import HelpFormatter
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from planchk import __version__
from planchk.cli.helptext import (
    ChineseHelpFormatter,
    NoSuchCommand,
    chinese_help,
    current_help_language,
    help_language,
    help_text,
    set_help_language,
    short_help,
    show_usage_error,
)
from planchk.exitcodes import ExitCode
from planchk.language import Lang

if TYPE_CHECKING:
    from typer._click.core import Command as ClickCommand  # the click that typer carries
    from typer._click.core import Context as ClickContext

EXIT_CODES_HELP = help_text(
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


def _keeping_value(process: Any, param: Any, ctx: ClickContext, value: Any) -> Any:
    """`process(ctx, value)`, keeping a refused value on the error, so that a usage error can
    be told from it in any language (`helptext.usage_error_text`)."""
    try:
        return process(ctx, value)
    except click_errors.BadParameter as exc:
        exc.planchk_value = value  # type: ignore[attr-defined]
        raise


class _Option(TyperOption):
    """An option that keeps a refused value."""

    def process_value(self, ctx: ClickContext, value: Any) -> Any:
        return _keeping_value(super().process_value, self, ctx, value)


class _Argument(TyperArgument):
    """An argument shown by its name alone (`DATA...`, `FILE`), as Unix usage lines do, not by
    its Python type; it keeps a refused value."""

    def process_value(self, ctx: ClickContext, value: Any) -> Any:
        return _keeping_value(super().process_value, self, ctx, value)

    def display_type_rich(self, ctx: ClickContext) -> str | None:
        del ctx
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class _Context(typer.Context):
    """A command's context: help is formatted for Chinese when it is rendered in Chinese."""

    def make_formatter(self) -> HelpFormatter:
        if current_help_language() is Lang.EN:
            return super().make_formatter()
        return ChineseHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)


class _InLanguage:
    """Help and the command list in the help language (`helptext`): nothing changes in
    English."""

    context_class: type[ClickContext] = _Context

    def format_help(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        with chinese_help(self, ctx):  # type: ignore[arg-type]
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        text = short_help(self, limit)  # type: ignore[arg-type]
        return super().get_short_help_str(limit) if text is None else text  # type: ignore[misc]


class Command(_InLanguage, TyperCommand):
    """A planchk command: its arguments shown by name, its help in the help language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument
            elif type(param) is TyperOption:
                param.__class__ = _Option


class Group(_InLanguage, TyperGroup):
    """A group of planchk commands (`spec`): a command it does not have is a `NoSuchCommand`."""

    def resolve_command(
        self, ctx: ClickContext, args: list[str]
    ) -> tuple[str | None, ClickCommand | None, list[str]]:
        name = args[0] if args else ""
        if args and not name.startswith("-") and self.get_command(ctx, name) is None:
            matches = get_close_matches(name, list(self.commands))
            raise NoSuchCommand(name, matches, ctx)
        return super().resolve_command(ctx, args)


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
            cls=Group,
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


class _Commands(Group):
    """planchk's command group: its commands built on first use; a bad option value is told in
    plain words, and every usage error and help in the language of the arguments or
    `PLANCHK_LANG` (`helptext`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(self.commands)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        set_help_language(help_language(arguments, os.environ))
        if not standalone_mode:
            return super().main(
                arguments, prog_name, complete_var, False, windows_expand_args, **extra
            )
        try:
            result = super().main(
                arguments, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click_errors.NoArgsIsHelpError as exc:
            typer.echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except click_errors.UsageError as exc:
            show_usage_error(exc, lambda line: typer.echo(line, err=True))
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: ClickContext) -> object:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = usage_message(exc.message)
            raise


app = typer.Typer(
    name="planchk",
    cls=_Commands,
    help=help_text("Check reported statistics against a five-year plan's indicator targets.")
    + "\n\n"
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
            "--version",
            callback=_version,
            is_eager=True,
            help=help_text("Show the version and exit."),
        ),
    ] = False,
    lang: Annotated[
        Lang | None,
        # not shown: it only chooses the language of this help (see `helptext`)
        typer.Option("--lang", hidden=True),
    ] = None,
) -> None:
    """Check reported statistics against a five-year plan's indicator targets."""
    del lang
