"""Making text from data files and specs safe inside each output format.

Names, notes, sources, file names and problem messages (which quote cells) come from files that
planchk does not control. None of them may break a report: no terminal control sequences, no
markdown table cell split by a pipe or a newline, no XML that does not parse, no GitHub workflow
command ended early or smuggled in on a new line.
"""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, and the bidirectional overrides and isolates that can make
# text display in another order than it reads ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")
# Characters XML 1.0 does not allow at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Inside a line (never at its start) these are the characters markdown gives a meaning to:
# emphasis, code, links and images, HTML, table cells, strikethrough, and escapes themselves.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def one_line(text: str) -> str:
    """`text` on one line: line breaks and tabs become spaces, control characters go."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))


def markdown(text: str) -> str:
    """`text` as literal GitHub-flavoured markdown on one line, safe inside a table cell.

    Markdown punctuation is backslash-escaped (so `|` cannot split a cell, `<b>` is no HTML and
    `[x](y)` no link), and an `&` that would start an entity is written `&amp;` (so `&lt;` stays
    as typed). The text never starts a line, so `#`, `>` and list markers need no escape.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", one_line(text)))


def xml_text(text: str) -> str:
    """`text` with the characters XML 1.0 cannot carry removed (ElementTree escapes the rest)."""
    return _NOT_XML.sub(
        "", _CONTROL.sub(lambda m: m.group() if m.group() in "\t\n\r" else "", text)
    )


def github_message(text: str) -> str:
    """The message part of a GitHub Actions workflow command (after `::`)."""
    cleaned = _CONTROL.sub(lambda m: m.group() if m.group() in "\n\r" else "", text)
    return cleaned.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (`file=`, `title=`): also no `:` or `,`."""
    return github_message(one_line(text)).replace(":", "%3A").replace(",", "%2C")
