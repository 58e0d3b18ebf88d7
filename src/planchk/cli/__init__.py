"""The `planchk` command: parses arguments, calls the library, maps outcomes to exit codes.

Exit codes: 0 compliant under --fail-on; 1 not compliant; 2 invalid input or usage; 3 internal
error. Results go to stdout (or --output); problems and notes go to stderr.

One module per command or command group (`evaluate`, `explain`, `report`, `validate`, `spec`,
`indicators`, `template`, `schema`), registered below on the application of `app.py`; the
options they share are in `options.py`, messages, writing and exit codes in `exits.py`, reading
the spec and data in `inputs.py`, colour and width in `terminal.py`, help and usage errors in
the reader's language in `helptext.py`.
"""

from __future__ import annotations

import gc
import sys

from planchk.cli.app import EXIT_CODES_HELP, LAZY_COMMANDS, app, command_in, group_of, usage_message
from planchk.cli.exits import say
from planchk.cli.helptext import help_text
from planchk.cli.terminal import colour_wanted, terminal_width
from planchk.exitcodes import ExitCode
from planchk.messages import msg

__all__ = ["EXIT_CODES_HELP", "app", "colour_wanted", "main", "terminal_width", "usage_message"]

# The commands, named in one place in the order `planchk --help` lists them; each is built
# (its module imported) only when a run needs it.
for _name in ("evaluate", "explain", "report", "validate", "indicators", "template", "schema"):
    LAZY_COMMANDS[_name] = command_in(f"planchk.cli.{_name}", _name)
LAZY_COMMANDS["spec"] = group_of(
    "spec",
    help_text("Work with spec files."),
    {"check": ("planchk.cli.spec", "spec_check"), "draft": ("planchk.cli.spec", "spec_draft")},
)


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    # A run is short and keeps nearly everything it creates until it ends; the cyclic garbage
    # collector would only walk a large panel's objects again and again (reference counting
    # still frees what is no longer used).
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        say(msg("planchk: interrupted"))
        sys.exit(130)
    except BrokenPipeError:  # standard output closed while a command printed (`| head -1`)
        from planchk.output import silence_stdout  # noqa: PLC0415

        silence_stdout()
        say(msg("planchk: standard output was closed before the result was written"))
        sys.exit(ExitCode.INVALID_INPUT)
    except Exception as exc:
        say(
            msg(
                "planchk: internal error ({kind}: {error}); please report it with the command "
                "you ran",
                kind=type(exc).__name__,
                error=str(exc),
            )
        )
        sys.exit(ExitCode.INTERNAL_ERROR)
