"""What planchk reads as an input file, and reading a whole text input within a size limit.

Data files are read twice (once for their encoding), so they must be regular files. A spec or
a previous report is read whole: a pipe (`--spec <(...)`) is read too, but never more than a
limit, so that `/dev/zero` or a huge file is refused instead of exhausting memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from planchk.messages import msg

_PIECE = 1 << 16

_KINDS = (
    (stat.S_ISDIR, msg("a directory")),
    (stat.S_ISFIFO, msg("a pipe")),
    (stat.S_ISCHR, msg("a character device")),
    (stat.S_ISBLK, msg("a block device")),
    (stat.S_ISSOCK, msg("a socket")),
)


class InputFileError(Exception):
    """An input file planchk will not read; the message says why, without the file name."""


def special_kind(path: Path) -> str | None:
    """What `path` is when it is not a regular file (`a pipe`, `a broken link`, ...); None for
    a regular file. Raises `FileNotFoundError` when nothing is there."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return msg("a broken link")
        raise
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), msg("not a regular file"))


def read_text(path: Path, limit: int) -> str:
    """The whole of a UTF-8 text file (a byte-order mark is dropped), at most `limit` bytes.

    Raises `InputFileError` for a directory, a device or a socket, or for more than `limit`
    bytes; `OSError` when it cannot be read and `UnicodeDecodeError` when it is not UTF-8.
    """
    return read_bytes(path, limit).decode("utf-8-sig")


def read_bytes(path: Path, limit: int) -> bytes:
    """The whole of a file, at most `limit` bytes, as `read_text` reads it, before decoding."""
    kind = special_kind(path)
    if kind is not None and kind != "a pipe":
        raise InputFileError(msg("{kind}, not a file", kind=kind))
    with path.open("rb") as handle:
        if kind is None:
            if os.fstat(handle.fileno()).st_size > limit:
                raise InputFileError(msg("larger than {limit:,} bytes", limit=limit))
            data = handle.read()
        else:
            data = _read_pipe(handle, limit)
    return data


def _read_pipe(handle: BinaryIO, limit: int) -> bytes:
    """What a pipe gives, in pieces (one read of `limit` bytes would allocate them all)."""
    pieces: list[bytes] = []
    size = 0
    while piece := handle.read(min(_PIECE, limit + 1 - size)):
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            raise InputFileError(msg("larger than {limit:,} bytes", limit=limit))
    return b"".join(pieces)
