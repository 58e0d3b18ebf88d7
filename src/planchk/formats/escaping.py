"""Making text from data files and specs safe inside each output format.

Every text from outside is first made plain (`planchk.safetext.plain`: one line, no control
characters, ESC sequences or bidi overrides, no workflow command); each format then escapes
what is special to it: markdown punctuation, entities and `@mentions`; characters XML cannot
hold; the `%`, `:` and `,` of workflow commands; percent-encoding for link targets.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from planchk.safetext import one_line as _one_line
from planchk.safetext import plain

# Characters XML 1.0 does not allow at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Inside a line (never at its start) these are the characters markdown gives a meaning to:
# emphasis, code, links and images, HTML, table cells, strikethrough, and escapes themselves.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# For text that may start a line or a block as well: headings, lists, quotes, entities.
_MARKDOWN_ANYWHERE = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")
# An `@` GitHub would read as a mention of a user or team (`@name`, `@org/team`).
_MENTION = re.compile(r"(?<![0-9A-Za-z_])@(?=[0-9A-Za-z])")


def one_line(text: str) -> str:
    """`text` on one line and safe to print (`planchk.safetext.plain`)."""
    return plain(text)


def markdown(text: str) -> str:
    """`text` as literal GitHub-flavoured markdown on one line, safe inside a table cell.

    Markdown punctuation is backslash-escaped (so `|` cannot split a cell, `<b>` is no HTML and
    `[x](y)` no link), an `&` that would start an entity is written `&amp;` (so `&lt;` stays as
    typed), and an `@` that would mention someone is followed by a zero-width space entity (as
    `@&#8203;name`, which GitHub shows as `@name` and notifies no one). The text never starts a
    line, so `#`, `>` and list markers need no escape.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", plain(text)))
    return _MENTION.sub("@&#8203;", escaped)


def markdown_anywhere(text: str) -> str:
    """`text` as literal markdown wherever it stands, at the start of a line too: every
    character markdown may give a meaning to is backslash-escaped, and mentions neutralised."""
    return _MENTION.sub("@&#8203;", _MARKDOWN_ANYWHERE.sub(r"\\\1", plain(text)))


def link_target(path: str) -> str:
    """A relative path as a markdown link or image target: percent-encoded, so spaces and
    parentheses do not end it (`/` kept)."""
    return quote(path, safe="/")


def xml_text(text: str) -> str:
    """`text` with the characters XML 1.0 cannot carry removed (ElementTree escapes the rest)."""
    return _NOT_XML.sub("", plain(text))


def github_message(text: str) -> str:
    """The message part of a GitHub Actions workflow command (after `::`)."""
    return plain(text).replace("%", "%25")


def github_property(text: str) -> str:
    """A property value of a workflow command (`file=`, `title=`): also no `:` or `,`. The
    value is escaped, not broken by `plain`'s zero-width space, so a file name stays the file's."""
    return _one_line(text).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
