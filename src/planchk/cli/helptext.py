"""Help and usage errors in the reader's language.

Help is printed before any spec is read, so its language is `--lang zh` (or `--lang=zh`)
anywhere in the arguments, else `PLANCHK_LANG`, else English (`help_language`). Help texts are
written as `help_text("...")`, which leaves them as they are and marks them for `pybabel
extract` (keyword `help_text`); they are looked up in the catalog when help is rendered in
Chinese (`chinese_help`), with the words typer and its click print (Usage, Options, [default:
...]). English help is what typer renders, untouched. A usage error is told in planchk's words,
made from the exception's attributes (`usage_error_text`), never from click's English.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, get_args

import typer.core
from typer._click import HelpFormatter
from typer._click import exceptions as click_errors

from planchk.language import Lang, chosen_language
from planchk.messages import Message, joined, msg, text_in, translations

if TYPE_CHECKING:
    from typer._click.core import Command as ClickCommand
    from typer._click.core import Context as ClickContext


def help_text(text: str) -> str:
    """A help text as it reads in English, marked for the catalog (see the module's doc)."""
    return text


_F = TypeVar("_F", bound=Callable[..., Any])


def described(*paragraphs: str) -> Callable[[_F], _F]:
    """Give a command its help (its docstring) as `paragraphs`, each a `help_text`, so that the
    catalog has them."""

    def apply(function: _F) -> _F:
        function.__doc__ = "\n\n".join(paragraphs)
        return function

    return apply


#: What typer and click print around planchk's help texts, for the catalog: the section
#: headings, the marks after an option's help and the texts of the options they add.
TYPER_WORDS = (
    help_text("Usage: "),
    help_text("Arguments"),
    help_text("Options"),
    help_text("Commands"),
    help_text("default: {default}"),
    help_text("required"),
    help_text("Show this message and exit."),
    help_text("Install completion for the current shell."),
    help_text("Show completion for the current shell, to copy it or customize the installation."),
)


class _Help:
    lang: Lang = Lang.EN


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """`--lang X` or `--lang=X` anywhere in `args`, else `PLANCHK_LANG`, else English; a value
    that names no language planchk speaks counts as none (the command itself refuses it)."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in (Lang.EN, Lang.ZH):
            return Lang(value)
    try:
        return chosen_language(None, environ, None)
    except ValueError:  # a PLANCHK_LANG planchk does not speak: the command itself says so
        return Lang.EN


def set_help_language(lang: Lang) -> None:
    """The language help and usage errors of this run are rendered in."""
    _Help.lang = lang


def current_help_language() -> Lang:
    return _Help.lang


def _translated(text: str | None) -> str | None:
    """`text` in the help language, paragraph by paragraph (each is a message of the catalog,
    written on one line)."""
    if text is None or _Help.lang is Lang.EN:
        return text
    catalog = translations(_Help.lang)
    paragraphs = re.split(r"\n\s*\n", inspect.cleandoc(text))
    return "\n\n".join(catalog.gettext(" ".join(p.split())) for p in paragraphs)


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: A run of Latin text (a word, an option, a number) kept whole, or one other character.
_TOKEN = re.compile(r"[\x21-\x7e]+|\s+|.")
#: Punctuation that never starts a line in Chinese.
_NO_LINE_START = set("，。；：、）》”’！？]),.;:")
#: Punctuation that never ends a line.
_NO_LINE_END = set("（《“‘[(")


def _wrap(text: str, width: int) -> list[str]:
    """One paragraph of mixed Chinese and Latin text in lines of at most `width` columns,
    broken between Chinese characters or at spaces, never before closing punctuation."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line += " "
            continue
        if _width(line) + _width(token) <= width or not line.strip():
            line += token
            continue
        # a closing mark never starts a line nor an opening one ends it: what they hold goes
        # down with them (a Latin word whole)
        carry, rest = token, line
        while rest.strip() and (carry[0] in _NO_LINE_START or rest[-1] in _NO_LINE_END):
            last = re.search(r"[\x21-\x7e]+$|.$", rest)
            assert last is not None
            rest, carry = rest[: last.start()], last.group() + carry
        if not rest.strip():  # nowhere to break: the line runs over
            line += token
            continue
        lines.append(rest.rstrip())
        line = carry
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split("\n")) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


class ChineseHelpFormatter(HelpFormatter):
    """click's formatter, wrapping by the columns a Chinese text takes (two per character)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = translations(_Help.lang).gettext("Usage: ").rstrip() + " "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")  # a Chinese colon

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        blocks = ["\n".join(indent + line for line in _wrap(p, width)) for p in _paragraphs(text)]
        self.write("\n\n".join(blocks) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_col = min(max(_width(first) for first, _ in rows), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _width(first)))
            else:
                self.write("\n" + pad)
            lines = [
                line
                for p in _paragraphs(second)
                for line in _wrap(p, max(self.width - first_col - 2, 10))
            ]
            self.write("\n".join([lines[0], *(pad + line for line in lines[1:])]) + "\n")


def short_help(command: ClickCommand, limit: int) -> str | None:
    """The command's line in its group's list in Chinese: its help's first sentence, cut to
    `limit` columns; None in English (typer's own)."""
    if _Help.lang is Lang.EN:
        return None
    text = _translated(command.short_help or command.help) or ""
    first = _paragraphs(text)[0] if text.strip() else ""
    sentence = re.split(r"(?<=[。；])", first)[0]
    if _width(sentence) <= limit:
        return sentence
    cut = ""
    for char in sentence:
        if _width(cut + char) > limit - 2:
            break
        cut += char
    return cut + "…"


@contextmanager
def chinese_help(command: ClickCommand, ctx: ClickContext) -> Iterator[None]:
    """While help is rendered in Chinese: the command's and its parameters' help texts, and the
    words typer prints around them, from the catalog. Nothing changes in English."""
    if _Help.lang is Lang.EN:
        yield
        return
    params: list[Any] = list(command.get_params(ctx))  # typer's options and arguments
    saved = (command.help, [p.help for p in params], getattr(typer.core, "_"))  # noqa: B009
    catalog = translations(_Help.lang)
    command.help = _translated(command.help)
    for param in params:
        param.help = _translated(param.help)
    # typer translates its headings and marks with the gettext its module imported
    setattr(typer.core, "_", catalog.gettext)  # noqa: B010
    try:
        yield
    finally:
        command.help = saved[0]
        for param, text in zip(params, saved[1], strict=True):
            param.help = text
        setattr(typer.core, "_", saved[2])  # noqa: B010


# --- usage errors ---------------------------------------------------------------------------


class NoSuchCommand(click_errors.UsageError):
    """A command name the group does not have, with the names close to it."""

    def __init__(self, name: str, matches: list[str], ctx: ClickContext) -> None:
        suggestion = f" Did you mean {', '.join(repr(m) for m in matches)}?" if matches else ""
        super().__init__(f"No such command {name!r}.{suggestion}", ctx)
        self.name = name
        self.matches = matches


def _hint(error: click_errors.BadParameter) -> str:
    if error.param_hint is not None:
        hints = [error.param_hint] if isinstance(error.param_hint, str) else error.param_hint
        return " / ".join(repr(h) for h in hints)
    if error.param is not None:
        return error.param.get_error_hint()
    return ""


def _bad_value(error: click_errors.BadParameter) -> Message:
    """Why a value was refused, from what the parameter takes and the value (which planchk's
    parameters keep on the error, see `app`)."""
    if isinstance(error.message, Message):  # planchk's own refusal, already a message
        return error.message
    value = getattr(error, "planchk_value", None)
    shown = str(value[-1] if isinstance(value, list | tuple) and value else value)
    descriptor = getattr(error.param, "type_descriptor", None)
    if descriptor is None or value is None:
        return msg("not a value it takes")
    if descriptor.is_choice:
        choices = joined([str(getattr(c, "value", c)) for c in descriptor.choices])
        return msg("{value!r} is not one of {choices}", value=shown, choices=choices)
    if descriptor.is_path:
        return msg("{path} does not exist or is not a file", path=shown)
    info = descriptor.parameter_info
    if descriptor.is_ranged and shown.lstrip("-").isdigit():
        least = "" if info.min is None else f"x>={info.min}"
        most = "" if info.max is None else f"x<={info.max}"
        return msg(
            "{value} is outside {range}", value=shown, range=" ".join(filter(None, (least, most)))
        )
    if int in (descriptor.annotation, *get_args(descriptor.annotation)):
        return msg("{value!r} is not a whole number", value=shown)
    return msg("{value!r} is not a value it takes", value=shown)


def usage_error_text(error: click_errors.UsageError) -> str:
    """What planchk says of a usage error, in the help language."""
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        name = _hint(error)
        said = (
            msg("missing argument {name}", name=name)
            if error.param.param_type_name == "argument"
            else msg("missing option {name}", name=name)
        )
    elif isinstance(error, click_errors.BadParameter):
        said = msg(
            "invalid value for {name}: {reason}", name=_hint(error), reason=_bad_value(error)
        )
    elif isinstance(error, click_errors.NoSuchOption):
        said = (
            msg(
                "no such option {option}; did you mean {possible}?",
                option=error.option_name,
                possible=joined(sorted(error.possibilities)),
            )
            if error.possibilities
            else msg("no such option {option}", option=error.option_name)
        )
    elif isinstance(error, click_errors.BadOptionUsage):
        said = msg("option {option} needs a value", option=error.option_name)
    elif isinstance(error, NoSuchCommand):
        said = (
            msg(
                "no such command {name!r}; did you mean {matches}?",
                name=error.name,
                matches=joined(error.matches),
            )
            if error.matches
            else msg("no such command {name!r}", name=error.name)
        )
    else:
        return error.format_message()
    return text_in(said, _Help.lang)


def show_usage_error(error: click_errors.UsageError, echo: Callable[[str], None]) -> None:
    """The usage line, where to find help, and what was wrong: in English as click says it, in
    Chinese in planchk's words."""
    if _Help.lang is Lang.EN:
        error.show()
        return
    ctx = error.ctx
    if ctx is not None:
        usage = ctx.command.get_usage(ctx)
        echo(usage)
        if ctx.command.get_help_option(ctx) is not None:
            help_option = ctx.help_option_names[0]
            command = f"{ctx.command_path} {help_option}"
            echo(text_in(msg("Try {command!r} for help.", command=command), _Help.lang))
        echo("")
    echo(text_in(msg("Error: {message}", message=usage_error_text(error)), _Help.lang))
