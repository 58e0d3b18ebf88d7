"""Optional parts of planchk and the packages they need (`pip install 'planchk[EXTRA]'`).

`pip install planchk` gives evaluate, validate and every CI format. Reports for people, Parquet
files and databases need packages too large to impose on every install (the README states their
measured sizes); a command that needs one that is missing says exactly what to install.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

#: extra -> the modules it installs, as imported
EXTRAS: dict[str, tuple[str, ...]] = {
    "report": ("matplotlib", "jinja2", "docx"),
    "parquet": ("pyarrow",),
    "sql": ("sqlalchemy",),
    "postgresql": ("sqlalchemy", "psycopg"),
}

#: a module whose package on PyPI has another name (what `pip install` is given)
_PACKAGE_OF = {"docx": "python-docx"}


class MissingExtra(Exception):
    """A command needs modules of an extra that is not installed; the message says what to do."""

    def __init__(self, purpose: str, extra: str, missing: list[str]) -> None:
        from planchk.messages import msg  # noqa: PLC0415

        names = " and ".join(_PACKAGE_OF.get(name, name) for name in missing)
        values = {"purpose": purpose, "names": names, "install": f"pip install 'planchk[{extra}]'"}
        super().__init__(
            msg("{purpose} needs {names}, which is not installed: {install}", **values)
            if len(missing) == 1
            else msg("{purpose} needs {names}, which are not installed: {install}", **values)
        )
        self.extra = extra
        self.missing = missing


def require(extra: str, purpose: str) -> list[ModuleType]:
    """Import the modules of `extra`, or raise `MissingExtra` naming those that are missing."""
    found: list[ModuleType] = []
    missing: list[str] = []
    for name in EXTRAS[extra]:
        try:
            found.append(import_module(name))
        except ImportError:
            missing.append(name)
    if missing:
        raise MissingExtra(purpose, extra, missing)
    return found
