"""Writing planchk's results: a file is replaced whole or not at all.

A file is written to a temporary file in the same directory and renamed into place, so a run
that fails or is interrupted half-way leaves the previous file as it was, and two runs writing
the same file at once leave one of their results, never a mixture. Special files (`/dev/null`,
`/dev/stdout`, a pipe) cannot be replaced and are written directly.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from planchk.messages import msg

#: What `-o` names to mean standard output.
STDOUT = "-"


class OutputError(Exception):
    """A result that could not be written; the message is one line for the user."""


def is_stdout(path: Path | None) -> bool:
    """Whether `path` (an `--output` value) means standard output: none given, or `-`."""
    return path is None or str(path) == STDOUT


#: What a command writes: text (written as UTF-8), a document's bytes, or UTF-8 chunks written
#: as they come (a panel's JSON, a region at a time).
Output = str | bytes | Iterable[bytes]


def write_file(path: Path, text: Output) -> None:
    """Write `text` (UTF-8, or the bytes of a Word or Excel document, or chunks of either) to
    `path`, replacing any previous file only once it is complete.

    Raises `OutputError` when the file cannot be written (a full disk, a missing directory,
    no permission); the previous file is then left as it was.
    """
    data = _chunks(text)
    target = Path(os.path.realpath(path))  # through a link: the file it names is replaced
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise OutputError(
            msg("cannot write {path}: {reason}", path=path, reason=_reason(exc))
        ) from None
    try:
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            if stat.S_ISDIR(existing.st_mode):
                raise OutputError(msg("cannot write {path}: it is a directory", path=path))
            _write_special(target, data)
        else:
            _replace(target, data, existing)
    except OSError as exc:
        raise OutputError(
            msg("cannot write {path}: {reason}", path=path, reason=_reason(exc))
        ) from None


def write_stdout(text: Output) -> None:
    """Write `text` (or a document's bytes, or chunks of either) to standard output; raise
    `OutputError` when it is closed or full."""
    try:
        if isinstance(text, str):
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            for chunk in _chunks(text):
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        silence_stdout()
        raise OutputError(msg("standard output was closed before the result was written")) from None
    except OSError as exc:
        silence_stdout()
        raise OutputError(
            msg("cannot write to standard output: {reason}", reason=_reason(exc))
        ) from None


def same_file(output: Path, inputs: Sequence[Path], suffixes: Sequence[str] = ()) -> Path | None:
    """The input that `output` would overwrite: one of `inputs`, or a file under an input
    directory that is read there (its suffix among `suffixes`); None when there is none."""
    if is_stdout(output) or not output.exists():
        return None  # a file that does not exist yet is no input
    resolved = output.resolve()
    for given in inputs:
        try:
            if given.is_dir():
                if resolved.is_relative_to(given.resolve()) and (
                    resolved.suffix.lower() in suffixes
                ):
                    return given
            elif given.exists() and os.path.samefile(given, output):
                return given
        except OSError:
            continue  # an input that cannot be looked at is reported where it is read
    return None


def _chunks(text: Output) -> Iterable[bytes]:
    if isinstance(text, str):
        return (text.encode("utf-8"),)
    if isinstance(text, bytes):
        return (text,)
    return text


def _replace(target: Path, data: Iterable[bytes], existing: os.stat_result | None) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in data:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file for its owner only; the result gets the previous file's
        # permissions, or those a new file would have.
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else _new_file_mode())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _write_special(target: Path, data: Iterable[bytes]) -> None:
    with target.open("wb") as stream:
        for chunk in data:
            stream.write(chunk)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit does not fail
    again with a second message (the recipe of Python's documentation on SIGPIPE)."""
    # Not a real file descriptor in a test's captured output: nothing to do there.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)
