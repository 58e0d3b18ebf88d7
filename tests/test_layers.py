"""The import contracts of pyproject.toml (run by `lint-imports` in .ci/run) cover every module."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "planchk"

#: Modules that make up the user interface: the command, its progress bar, the formats.
INTERFACE = {"planchk", "planchk.__main__", "planchk.cli", "planchk.progress", "planchk.formats"}


def _contracts() -> dict[str, dict[str, list[str]]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _modules() -> set[str]:
    """Every module and package of planchk, by dotted name."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        parts = ["planchk", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names.add(".".join(parts))
    return names


def _covered(module: str, named: set[str]) -> bool:
    return any(module == n or module.startswith(n + ".") for n in named)


def test_every_module_is_core_or_interface() -> None:
    """A new module (a package such as planchk.kinds too) must be placed in the contracts."""
    core = set(_contracts()["The core imports no user-interface library"]["source_modules"])
    unplaced = sorted(m for m in _modules() if not _covered(m, core | INTERFACE))
    assert unplaced == [], f"add {unplaced} to the import contracts in pyproject.toml"


def test_every_format_module_is_in_the_rich_contract() -> None:
    """Only the table format may import rich: every other format module is listed."""
    contract = _contracts()["Only the table format and the terminal progress bar import rich"]
    formats = {m for m in _modules() if m.startswith("planchk.formats.")}
    assert formats - set(contract["source_modules"]) == {"planchk.formats.table"}


def test_judging_modules_never_import_formats() -> None:
    contract = _contracts()["Judging never imports the formats or the command"]
    judging = {
        "planchk.engine",
        "planchk.explain",
        "planchk.kinds",
        "planchk.numbers",
        "planchk.trajectory",
    }
    assert judging <= set(contract["source_modules"])
