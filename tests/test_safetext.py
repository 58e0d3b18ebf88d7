"""`planchk.safetext.plain`: the one function text from outside passes through before it is
shown. Property tests over any text, and the sequences it exists for."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from planchk.safetext import ZERO_WIDTH_SPACE, one_line, plain

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# text built from the pieces an attacker would combine, and anything else
PIECES = st.sampled_from(
    [
        "\x1b",
        "[",
        "]",
        "8",
        ";",
        "\\",
        "\x07",
        "\x9b",
        "\x9d",
        "\x9c",
        ":",
        "#",
        "\n",
        "\r",
        "\u2028",
        "\u202e",
        "m",
        "a",
        " ",
        "@",
        "error",
        "\x85",
    ]
)
TEXT = st.one_of(st.text(), st.lists(PIECES, max_size=40).map("".join))


@given(TEXT)
def test_plain_leaves_nothing_a_terminal_or_runner_acts_on(text: str) -> None:
    shown = plain(text)
    assert UNSAFE.search(shown) is None
    assert "::" not in shown
    assert "##[" not in shown
    assert plain(shown) == shown  # applying it twice changes nothing


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp"))))
def test_plain_keeps_ordinary_text(text: str) -> None:
    assert plain(text).replace(ZERO_WIDTH_SPACE, "") == text.replace(ZERO_WIDTH_SPACE, "")


def test_escape_sequences_go_whole() -> None:
    assert plain("\x1b[1;31mred\x1b[0m") == "red"
    assert plain("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\") == "click"
    assert plain("\x1b]0;title\x07rest") == "rest"  # a window title set with BEL
    assert plain("\x9b2J8-bit") == "8-bit"
    assert plain("a\x1bcb") == "ab"  # ESC c resets a terminal


def test_line_breaks_and_reordering() -> None:
    assert plain("a\nb\r\nc\u2028d\u2029e\x85f\tg") == "a b c d e f g"
    assert plain("abc\u202edcba\u202c\u2066x\u2069\u200f") == "abcdcbax"


def test_workflow_commands_are_broken() -> None:
    assert plain("::error::x") == f":{ZERO_WIDTH_SPACE}:error:{ZERO_WIDTH_SPACE}:x"
    assert plain("x\n::add-mask::y").split(" ", 1)[1].startswith(f":{ZERO_WIDTH_SPACE}:")
    assert plain("a ##[error]b") == f"a #{ZERO_WIDTH_SPACE}#[error]b"
    assert plain("10:30 #1") == "10:30 #1"  # single colons and hashes stay
    assert one_line("a::b\nc") == "a::b c"  # for values whose `:` is escaped anyway
