"""A compiled cache of parsed specs, so that a run reads a spec it has read before without
parsing its YAML and building and running the spec's validators (start-up).

An entry is a valid spec's `Spec` and its `plan.language` (`planchk.spec.language_of`),
pickled, in a file named by its key: a hash of the spec file's bytes together with planchk's
version, the source of the modules that read a spec (`KEY_MODULES`) and of the YAML library,
pydantic's version and Python's. A changed byte in any of them is another key, so a stale entry
is never read. An entry is unpickled only once its key and the hash of its content check out,
and then with only the classes of the spec's modules allowed (`PICKLED_MODULES`); an entry
that is unreadable, not the user's own, corrupt or does not load is ignored and written again.
Entries are written atomically (a temporary file renamed), and not at all where the directory
cannot be written.

Only a valid spec is stored: a spec with errors is read, and its errors reported, on every
run. A spec's warnings are found from the `Spec` itself, so they are printed with the cache as
without it; nothing a user sees depends on whether the cache was used.

The directory is `PLANCHK_CACHE_DIR`, else `$XDG_CACHE_HOME/planchk`, else `~/.cache/planchk`;
`PLANCHK_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from planchk.language import Lang
from planchk.spec import (
    MAX_SPEC_BYTES,
    Spec,
    language_in,
    language_of,
    read_spec_file,
    spec_of,
)

#: The environment variable naming the cache directory.
CACHE_DIR_VARIABLE = "PLANCHK_CACHE_DIR"
#: The environment variable that turns the cache off (set to 1).
NO_CACHE_VARIABLE = "PLANCHK_NO_CACHE"

#: The modules that read a spec file into a `Spec` (`planchk.spec`, what it imports, the YAML
#: reader, this module): their source is part of every key, so a change to any is a miss.
KEY_MODULES = (
    "planchk",
    "planchk.inputfiles",
    "planchk.language",
    "planchk.messages",
    "planchk.problems",
    "planchk.quantities",
    "planchk.spec",
    "planchk.speccache",
    "planchk.yamlload",
)
#: The modules whose classes a `Spec` is pickled with (besides `decimal.Decimal`): unpickling
#: refuses any other class.
PICKLED_MODULES = ("planchk.language", "planchk.messages", "planchk.quantities", "planchk.spec")

#: The first bytes of an entry; a new layout of the file gets a new one.
_MAGIC = b"planchk-spec-cache-1\n"
_DIGEST = 32  # bytes of a SHA-256
#: An entry larger than this is not read (the Haidian spec's is about 17 KB).
_MAX_ENTRY_BYTES = 4 * MAX_SPEC_BYTES
_LANGUAGES = {None: b"-", Lang.EN: b"e", Lang.ZH: b"z"}
_LANGUAGE_OF_BYTE = {byte: lang for lang, byte in _LANGUAGES.items()}


def cache_directory(environ: Mapping[str, str]) -> Path | None:
    """Where entries are kept; None when the cache is turned off (or there is no home)."""
    if environ.get(NO_CACHE_VARIABLE, "").strip() not in ("", "0"):
        return None
    named = environ.get(CACHE_DIR_VARIABLE, "")
    if named:
        return Path(named)
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():  # a relative one is to be ignored (XDG base directories)
        return Path(xdg) / "planchk"
    try:
        return Path.home() / ".cache" / "planchk"
    except RuntimeError:  # no home directory to be found
        return None


def load_spec(path: Path) -> Spec:
    """`planchk.spec.load_spec(path)`, from the cache when it holds the spec's bytes."""
    directory = cache_directory(os.environ)
    data = read_spec_file(path)
    key = None if directory is None else entry_key(data)
    if directory is None or key is None:
        return spec_of(data, path)
    entry = _read_entry(directory, key)
    if entry is not None:
        spec = _unpickled(entry[1])
        if spec is not None:
            return spec
    spec = spec_of(data, path)  # a SpecError is raised here, and never stored
    _write_entry(directory, key, language_in(data), spec)
    return spec


def language_of_spec(path: Path) -> Lang | None:
    """`planchk.spec.language_of(path)`, from the cache when it holds the spec's bytes (then no
    YAML is parsed)."""
    directory = cache_directory(os.environ)
    if directory is not None:
        try:
            key = None
            if path.is_file() and path.stat().st_size <= MAX_SPEC_BYTES:
                key = entry_key(path.read_bytes())
            entry = None if key is None else _read_entry(directory, key)
            if entry is not None:
                return entry[0]
        except OSError:
            pass  # told as language_of tells it
    return language_of(path)


def entry_key(data: bytes) -> bytes | None:
    """The key of a spec file's bytes: it changes with them and with the code that reads them;
    None when that code's source cannot be read (then nothing is cached)."""
    code = _code_key()
    return None if code is None else hashlib.sha256(code + hashlib.sha256(data).digest()).digest()


@cache
def _code_key() -> bytes | None:
    """What besides the spec's bytes decides the entry: the versions of planchk, pydantic and
    Python, and the source of `KEY_MODULES` and of the YAML library (read, not imported)."""
    from importlib.util import find_spec  # noqa: PLC0415

    from pydantic.version import VERSION  # noqa: PLC0415

    from planchk import __version__  # noqa: PLC0415

    found = hashlib.sha256(_MAGIC)
    for part in (__version__, VERSION, sys.version):
        found.update(part.encode() + b"\0")
    package = Path(__file__).parent
    yaml = find_spec("yaml")
    files = [
        package / (name.removeprefix("planchk").lstrip(".") or "__init__") for name in KEY_MODULES
    ]
    try:
        sources = [file.with_suffix(".py").read_bytes() for file in files]
        if yaml is not None and yaml.origin is not None:
            sources.append(Path(yaml.origin).read_bytes())  # it holds the version
    except OSError:  # a package without its source (in a zip, say)
        return None
    for source in sources:
        found.update(hashlib.sha256(source).digest())
    return found.digest()


def _entry_path(directory: Path, key: bytes) -> Path:
    return directory / f"{key.hex()}.pickle"


def _read_entry(directory: Path, key: bytes) -> tuple[Lang | None, bytes] | None:
    """The language and the pickled spec of the entry for `key`; None when there is none that
    is the user's own and whose key and content hash check out."""
    try:
        with _entry_path(directory, key).open("rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_size > _MAX_ENTRY_BYTES or status.st_uid != _user():
                return None
            data = handle.read()
    except (OSError, ValueError):
        return None
    head = len(_MAGIC)
    if not data.startswith(_MAGIC) or data[head : head + _DIGEST] != key:
        return None
    digest, language = data[head + _DIGEST : head + 2 * _DIGEST], data[head + 2 * _DIGEST :][:1]
    payload = data[head + 2 * _DIGEST + 1 :]
    if hashlib.sha256(payload).digest() != digest or language not in _LANGUAGE_OF_BYTE:
        return None
    return _LANGUAGE_OF_BYTE[language], payload


def _user() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


def _write_entry(directory: Path, key: bytes, language: Lang | None, spec: Spec) -> None:
    """Store an entry, replacing any; silently nothing where the directory cannot be written or
    the spec does not pickle with the allowed classes."""
    try:
        payload = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a spec holding something pickle cannot write: read it every run
        return
    if _unpickled(payload) is None:
        return
    header = _MAGIC + key + hashlib.sha256(payload).digest() + _LANGUAGES[language]
    temporary: str | None = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=directory)
        with os.fdopen(handle, "wb") as out:
            out.write(header + payload)
        os.replace(temporary, _entry_path(directory, key))
        temporary = None
    except OSError:
        pass  # a read-only home, a full disk: the cache is only a shortcut
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


class _SpecUnpickler(pickle.Unpickler):
    """Builds only the classes of the pickled modules and `decimal.Decimal`."""

    def find_class(self, module: str, name: str, /) -> Any:
        if module in PICKLED_MODULES or (module, name) == ("decimal", "Decimal"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a class of a spec")


def _unpickled(payload: bytes) -> Spec | None:
    """The spec an entry's payload holds; None when it does not load as one."""
    try:
        spec = _SpecUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a corrupt or foreign entry is only a miss
        return None
    return spec if isinstance(spec, Spec) else None
