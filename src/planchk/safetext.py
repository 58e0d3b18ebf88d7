"""Text from data files, specs and file names, made safe for every stream planchk writes.

Names, notes, sources, units, regions and file names come from files planchk does not control,
and problem messages quote them. Written as they are, they could recolour or clear a terminal
(ESC sequences), plant a hidden link (OSC 8), show text in another order than it reads (bidi
overrides, "Trojan Source"), start a line of their own (newlines, U+2028), or, in a CI log,
become a workflow command of their own (a line starting with `::`, or `##[` anywhere). `plain`
is the one function every text from outside passes through before planchk shows it, on
standard output, standard error and in every format; the formats escape what is special to
them on top of it (`planchk.formats.escaping`).
"""

from __future__ import annotations

import re

# Whole ESC sequences, so their parameters do not stay behind as text: CSI (ESC [ or its 8-bit
# form), string sequences (OSC, which carries OSC 8 links, DCS, SOS, PM, APC) up to their
# terminator, and the short escapes (ESC and one character).
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Everything that ends a line somewhere: a terminal, a log viewer, a JavaScript parser.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")
# C0 and C1 control characters, DEL, and the marks and overrides that reorder text.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What a CI runner reads as a command: `::name::` at the start of a line (GitHub trims leading
# spaces first), and the older `##[name]` anywhere in a line.
_COMMAND_START = re.compile(r":(?=:)|#(?=#\[)")
#: Put between the characters of `::` and `##[`: invisible, and not a space to the runner.
ZERO_WIDTH_SPACE = "\u200b"


def one_line(text: str) -> str:
    """`text` on one line: ESC sequences, control characters and bidi overrides removed, line
    breaks and tabs turned into spaces. For a value whose `:` is escaped anyway (a property of
    a workflow command), where `plain`'s zero-width space would change a file name."""
    return _INVISIBLE.sub("", _LINE_BREAKS.sub(" ", _ESCAPE_SEQUENCE.sub("", text)))


def plain(text: str) -> str:
    """`text` safe to print anywhere: `one_line`, and `::` and `##[` broken by a zero-width
    space so that no CI runner takes the text for a workflow command, wherever a line starts."""
    return _COMMAND_START.sub(lambda m: m.group() + ZERO_WIDTH_SPACE, one_line(text))
