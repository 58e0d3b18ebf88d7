"""The JSON format's two searches for characters to escape, over text and over UTF-8 bytes,
find the same characters: every code point is tried, alone and next to others."""

from __future__ import annotations

import pytest

from planchk.formats.json_format import _UNSAFE, _UNSAFE_UTF8, _may_need_escapes

_EVERY_CHARACTER = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_both_patterns_find_the_same_characters() -> None:
    text = "a".join(_EVERY_CHARACTER)
    in_text = [m.group() for m in _UNSAFE.finditer(text)]
    in_bytes = [m.group().decode() for m in _UNSAFE_UTF8.finditer(text.encode())]
    assert in_bytes == in_text
    assert len(in_text) == 47  # DEL, 32 C1 controls, U+061C, 2+5+4 bidi marks, U+2028-9


@pytest.mark.parametrize(
    "text", ["##[", "#[", "#", "a##[x", "#中#[", "###[", "中\u2028文", "\u00a0\u2027\u202f"]
)
def test_both_patterns_agree_on(text: str) -> None:
    found = [m.group() for m in _UNSAFE.finditer(text)]
    assert [m.group().decode() for m in _UNSAFE_UTF8.finditer(text.encode())] == found


def test_text_without_the_starts_of_a_match_has_none() -> None:
    # the quick check may pass text with nothing to escape on to the pattern, never the reverse
    for character in _EVERY_CHARACTER:
        for text in (character, f"#{character}", f"{character}#["):
            data = text.encode()
            if _UNSAFE_UTF8.search(data) is not None:
                assert _may_need_escapes(data), repr(text)
    assert not _may_need_escapes('{"name": "海淀区", "score": 0.5}'.encode())
