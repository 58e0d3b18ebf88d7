"""Command-line conventions: -h, shell completion, help that names arguments rather than
Python types, plain messages for bad option values, NO_COLOR / FORCE_COLOR / TERM=dumb, and
a note when the built-in spec is used."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app, colour_wanted, usage_message

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
COMMANDS = [
    ["evaluate"],
    ["validate"],
    ["explain"],
    ["report"],
    ["indicators"],
    ["schema"],
    ["spec", "check"],
    ["spec", "draft"],
    ["template"],
]


@pytest.mark.parametrize("command", [[], *COMMANDS])
def test_dash_h_is_help(command: list[str]) -> None:
    short = runner.invoke(app, [*command, "-h"])
    assert short.exit_code == 0, short.output
    assert short.stdout == runner.invoke(app, [*command, "--help"]).stdout
    assert short.stdout.startswith("Usage: planchk")


def test_help_names_arguments_not_python_types() -> None:
    evaluate = runner.invoke(app, ["evaluate", "-h"]).stdout
    assert evaluate.startswith("Usage: planchk evaluate [OPTIONS] DATA...\n")
    for shown in (
        "--spec PATH",
        "--year YEAR",
        "-o, --output FILE",
        "--compare PREVIOUS.json",
        "--region NAME",
    ):
        assert shown in evaluate
    validate = runner.invoke(app, ["validate", "-h"]).stdout
    assert "--max-problems N" in validate
    explain = runner.invoke(app, ["explain", "-h"]).stdout
    assert explain.startswith("Usage: planchk explain [OPTIONS] INDICATOR DATA...\n")
    check = runner.invoke(app, ["spec", "check", "-h"]).stdout
    assert check.startswith("Usage: planchk spec check [OPTIONS] FILE\n")
    draft = runner.invoke(app, ["spec", "draft", "-h"]).stdout
    assert draft.startswith("Usage: planchk spec draft [OPTIONS] PLAN\n")
    assert "--table N" in draft
    template = runner.invoke(app, ["template", "-h"]).stdout
    for text in (evaluate, validate, explain, check, draft, template):
        for python_type in ("<list[", "<int>", "<str>", "<file>", "{"):
            assert python_type not in text


def test_shell_completion_is_available() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0
    assert "_PLANCHK_COMPLETE" in result.stdout
    assert "--install-completion" in runner.invoke(app, ["-h"]).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "Invalid value for '--format': 'xml' is not one of 'table',"),
        (["--year", "1e3"], "Invalid value for '--year': not a whole number"),
        (["--lang", "fr"], "Invalid value for '--lang': 'fr' is not one of 'en', 'zh'."),
    ],
)
def test_bad_option_values_in_plain_words(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["evaluate", str(ROOT / "data" / "2018.csv"), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Value error" not in result.stderr
    assert "Input should be" not in result.stderr


def test_usage_message() -> None:
    assert usage_message("Value error, 'x' is not one of 'a'.") == "'x' is not one of 'a'."
    assert usage_message("Input should be greater than or equal to 0") == (
        "should be greater than or equal to 0"
    )
    assert usage_message("path 'x' does not exist.") == "path 'x' does not exist."


@pytest.mark.parametrize(
    ("terminal", "environ", "colour"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": ""}, True),  # set but empty: no-color.org says it does not count
        (True, {"NO_COLOR": "1"}, False),
        (False, {"FORCE_COLOR": "1"}, True),  # forced even when piped
        (False, {"FORCE_COLOR": ""}, False),
        (True, {"TERM": "dumb"}, False),
        (False, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
        (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # the user's refusal wins
    ],
)
def test_colour_wanted(terminal: bool, environ: dict[str, str], colour: bool) -> None:
    assert colour_wanted(terminal, environ) is colour


def test_force_color_colours_piped_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    data = str(ROOT / "data" / "2018.csv")
    forced = runner.invoke(app, ["evaluate", data], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in forced.stdout
    plain = runner.invoke(app, ["evaluate", data], env={"NO_COLOR": "", "FORCE_COLOR": ""})
    assert "\x1b[" not in plain.stdout
    assert forced.exit_code == plain.exit_code == 1


def test_built_in_spec_is_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no targets/indicators.yaml here
    result = runner.invoke(app, ["indicators"])
    assert result.stderr.startswith(
        "planchk: no --spec given and no targets/indicators.yaml here: using the built-in spec "
        "of Haidian District's 13th Five-Year Plan\n"
    )
    monkeypatch.chdir(ROOT)
    assert "built-in" not in runner.invoke(app, ["indicators"]).stderr
    given = runner.invoke(app, ["indicators", "--spec", str(ROOT / "targets" / "indicators.yaml")])
    assert "built-in" not in given.stderr
