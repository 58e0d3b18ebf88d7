"""Help's language and how Chinese help is wrapped (`planchk.cli.helptext`)."""

from __future__ import annotations

import unicodedata

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.cli.helptext import _wrap, help_language
from planchk.language import LANG_VARIABLE, Lang

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["evaluate", "--help", "--lang", "zh"], {}, Lang.ZH),  # after --help
        (["--lang=zh", "spec", "check", "-h"], {}, Lang.ZH),
        (["evaluate", "--help"], {LANG_VARIABLE: "zh"}, Lang.ZH),
        (["evaluate", "--help", "--lang", "en"], {LANG_VARIABLE: "zh"}, Lang.EN),  # flag first
        (["evaluate", "--help", "--lang", "fr"], {LANG_VARIABLE: "zh"}, Lang.ZH),  # not one
        (["evaluate", "--help"], {LANG_VARIABLE: "fr"}, Lang.EN),
        (["evaluate", "--help", "--lang"], {}, Lang.EN),
        ([], {}, Lang.EN),
    ],
)
def test_help_language(args: list[str], environ: dict[str, str], expected: Lang) -> None:
    assert help_language(args, environ) is expected


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_chinese_lines_are_cut_by_their_columns_and_never_before_a_closing_mark() -> None:
    text = (
        "何种情况下退出码为 1：约束性指标未达标（binding）、任一指标未达标（any）或从不（never）。"
    )
    for width in range(20, 60):  # narrower, a unit like （binding）、 runs over
        lines = _wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
        for line in lines:
            assert _columns(line) <= width, (width, line)
            assert line[0] not in "，。；：、）", (width, line)
            assert line[-1] != "（", (width, line)
        assert not any(line.startswith("inding") for line in lines)  # a word stays whole


def test_english_help_and_errors_are_click_s() -> None:
    help_page = runner.invoke(app, ["spec", "--help"]).stdout
    assert help_page.startswith("Usage: planchk spec [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nOptions:\n" in help_page
    error = runner.invoke(app, ["spec", "chek"])
    assert error.exit_code == 2
    assert "Error: No such command 'chek'. Did you mean 'check'?" in error.stderr


def test_chinese_usage_errors_are_made_from_the_error() -> None:
    cases = {
        ("evaluate", "--lang", "zh"): "错误：缺少参数 'DATA'",
        ("spec", "chek", "--lang", "zh"): "错误：没有命令“chek”；是否要用 check？",
        ("evaluate", "data", "--nope", "--lang", "zh"): "错误：没有选项 --nope",
        ("evaluate", "data", "--year", "abc", "--lang", "zh"): "“abc”不是整数",
        ("evaluate", "data", "--format", "xml", "--lang", "zh"): "“xml”不是 table",
        ("evaluate", "data", "--lang", "zh", "--spec"): "错误：选项 --spec 需要一个值",
    }
    for args, said in cases.items():
        result = runner.invoke(app, list(args))
        assert result.exit_code == 2, args
        assert said in result.stderr, (args, result.stderr)
        if "--spec" not in args[-1:]:  # click gives that error no command: no usage line
            assert "用法： planchk " in result.stderr
            assert "查看帮助" in result.stderr
