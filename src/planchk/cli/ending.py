"""How a run of the `planchk` script ends: at once, once its output is complete.

A run over a large panel holds hundreds of thousands of objects (the rows read, their values,
their keys) until it ends; freeing them one by one when the command returns, and the rest at
interpreter exit, is work whose result nobody sees. The console script (`planchk.cli.run`)
lets a command that has written all of its output end the process with `os._exit` instead,
its objects still held. Only the script does: `planchk.cli.main`, typer's `CliRunner` and
library use return as functions do. Nothing planchk runs registers an `atexit` handler, and a
file written by `--output` is closed (and renamed into place) before the output is complete.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import typer

_AT_ONCE = {"allowed": False}


def allow() -> None:
    """Let this process end at once after a command's output (the console script only)."""
    _AT_ONCE["allowed"] = True


@contextmanager
def at_once_after() -> Iterator[None]:
    """Run the block that writes a command's output and its exit code (by `typer.Exit`); in
    the console script, then flush standard output and error and end the process with that
    code, before the command's objects are freed. Any other exception goes on as it came."""
    try:
        yield
    except typer.Exit as exc:
        code = exc.exit_code
        if not _AT_ONCE["allowed"]:
            raise
    else:
        code = 0
        if not _AT_ONCE["allowed"]:
            return
    for stream in (sys.stdout, sys.stderr):
        # results and messages are flushed as they are written; this is the last guard. A
        # stream closed under us has nothing left to write, and the code already says so.
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
