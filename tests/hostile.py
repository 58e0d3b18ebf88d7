"""The hostile corpus: text that tries every way out of a report, for test_hostile_text.py and
the Action's test."""

from __future__ import annotations

import json
import re

#: Each payload tries one way out; `INJECTED` marks what must never become a command.
PAYLOADS = [
    "\x1b[31mred\x1b[0m \x1b[2J",
    "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
    "\x9b31m C1 \x85 next",
    "abc\u202edcba\u202c \u2066iso\u2069",
    "one\ntwo\r\nthree\u2028four\u2029five",
    "::error::INJECTED",
    "\n::set-output name=x::INJECTED\n  ::add-mask::INJECTED",
    "##[error]INJECTED",
    "hello @octocat and @org/team",
    "[link=https://evil.example]rich link[/link] [bold red]markup[/]",
    "\x07bell \x7fdel \x00nul",
]
HOSTILE = " ".join(PAYLOADS)
#: A CSV file with a NUL byte is refused as binary, so data cells carry the rest.
CELL = HOSTILE.replace("\x00", "")
#: The same, with what YAML and a file name can hold.
FILE_HOSTILE = "x \x1b[31m::error::INJECTED \u202e (1) ##[warning]INJECTED @octocat"

# What may never appear raw in any stream.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
OWN_COMMAND = re.compile(r"^::(error|warning|notice) (?:[^:]*,)?title=planchk[^:]*::")


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar for `text`: every non-printable character escaped."""
    return json.dumps(text, ensure_ascii=True)


SPEC = """\
schema: 1
plan:
  id: hostile
  title: {{en: {t}, zh: {t}}}
  base_year: 2015
  end_year: 2020
categories:
  - id: economy
    name: {{en: {t}, zh: {t}}}
indicators:
  - no: 1
    id: output
    category: economy
    name: {{en: {n1}, zh: {n1}}}
    unit: {{en: {t}, zh: 亿元}}
    attribute: binding
    direction: increase
    target: {{kind: level, comparator: at_least, value: 100}}
    baseline: {{value: 50, source: {t}, quote: {t}}}
  - no: 2
    id: emissions
    category: economy
    name: {{en: {n2}, zh: {n2}}}
    unit: {{en: tonnes, zh: 吨}}
    attribute: expected
    direction: decrease
    target: {{kind: level, comparator: at_most, value: 50}}
    baseline: {{value: 80}}
"""


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
