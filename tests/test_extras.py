"""The lean install: evaluate and validate need no extra; report, Parquet and SQL say what to
install when theirs is missing."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.extras import EXTRAS, MissingExtra, require
from planchk.formats import OutputFormat

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: the modules of every extra, none of which `pip install planchk` installs
OPTIONAL = sorted({module for modules in EXTRAS.values() for module in modules})
runner = CliRunner()


def _names(requirements: list[str]) -> set[str]:
    return {r.split("[")[0].split(">")[0].split("=")[0].strip().casefold() for r in requirements}


def test_the_core_install_has_no_extra() -> None:
    core = _names(PROJECT["dependencies"])
    assert not core & {"matplotlib", "numpy", "jinja2", "pyarrow", "sqlalchemy", "psycopg"}


def test_each_extra_installs_its_modules_and_the_tests_get_all() -> None:
    extras = PROJECT["optional-dependencies"]
    for extra, modules in EXTRAS.items():
        assert set(modules) <= _names(extras[extra]), extra
    everything = set().union(*(_names(extras[extra]) for extra in EXTRAS))
    assert everything <= _names(extras["test"])


@pytest.mark.parametrize("missing", ["matplotlib", "jinja2"])
def test_report_without_its_extra_says_what_to_install(
    missing: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # `import missing` now fails
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["report", "data/2018.csv", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"planchk: planchk report needs {missing}, which is not installed: "
        "pip install 'planchk[report]'\n"
    )
    assert not (tmp_path / "r.html").exists()


def test_require_names_every_missing_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtra) as caught:
        require("report", "planchk report")
    assert str(caught.value) == (
        "planchk report needs matplotlib and jinja2, which are not installed: "
        "pip install 'planchk[report]'"
    )
    assert caught.value.missing == ["matplotlib", "jinja2"]


# Runs planchk with every optional module made unimportable, as after `pip install planchk`.
_LEAN = """
import json, sys
for name in {optional!r}:
    sys.modules[name] = None
from planchk.cli import main
codes = []
for args in {commands!r}:
    sys.argv = ["planchk", *args]
    try:
        main()
    except SystemExit as exit:
        codes.append(int(exit.code or 0))
    else:
        codes.append(0)
print(json.dumps(codes))
"""


def test_every_command_but_report_needs_no_extra() -> None:
    formats = [f.value for f in OutputFormat]
    out = ["--output", "/dev/null"]
    commands = [
        *(["evaluate", "data/2018.csv", "--format", fmt, *out] for fmt in formats),
        *(["validate", "data/2018.csv", "--format", fmt, *out] for fmt in formats),
        ["explain", "4", "data/2018.csv"],
        ["spec", "check", "targets/indicators.yaml", *out],
    ]
    code = _LEAN.format(optional=OPTIONAL, commands=commands)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # evaluate: not compliant (indicator 9); validate: valid with a warning; the others: done
    expected = [1] * len(formats) + [0] * len(formats) + [0, 0]
    assert json.loads(done.stdout.splitlines()[-1]) == expected, done.stderr
