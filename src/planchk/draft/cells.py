"""Reading the text of one cell: a name with its unit and note, a target, an attribute.

Each function returns what the cell says, or why it cannot be read; none guesses a number. The
mapping of target words to comparators is the spec's (README, "Spec format"):
超过/> more_than, 达到/≥/以上 at_least, 控制在…以内/≤/以下 at_most, 低于/< less_than, 左右/约 about.
A bare number is read as at_least, a documented convention that the review list names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planchk.quantities import normalise_text
from planchk.spec import Attribute, Comparator

# Marks that point to the table's notes: 77.3*, 森林覆盖率①.
FOOTNOTE_MARKS = re.compile(r"[*＊①②③④⑤⑥⑦⑧⑨⑩¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_UNIT = re.compile(r"^(?P<name>.*\S)\s*[(（](?P<unit>[^()（）]{1,10})[)）]$")
_NUMBERED = re.compile(r"^\d{1,3}\s*[.、．]\s*(?=\D)")
_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_BRACKETED = re.compile(r"^\[(?P<inner>[^\[\]]*)\]$")
_EMPTY = frozenset({"", "-", "--", "—", "——", "–", "/", "…", "无"})
_MAGNITUDE = {"万亿": 12, "千亿": 11, "百亿": 10, "亿": 8, "千万": 7, "百万": 6, "万": 4, "千": 3}

# Longest words first: 不低于 before 低于, 控制在 before 在.
_PREFIXES: tuple[tuple[str, Comparator], ...] = (
    (">=", Comparator.AT_LEAST),
    ("≥", Comparator.AT_LEAST),
    ("不低于", Comparator.AT_LEAST),
    ("不少于", Comparator.AT_LEAST),
    ("达到", Comparator.AT_LEAST),
    ("达", Comparator.AT_LEAST),
    ("<=", Comparator.AT_MOST),
    ("≤", Comparator.AT_MOST),
    ("不超过", Comparator.AT_MOST),
    ("不高于", Comparator.AT_MOST),
    ("控制在", Comparator.AT_MOST),
    (">", Comparator.MORE_THAN),
    ("超过", Comparator.MORE_THAN),
    ("大于", Comparator.MORE_THAN),
    ("高于", Comparator.MORE_THAN),
    ("多于", Comparator.MORE_THAN),
    ("<", Comparator.LESS_THAN),
    ("低于", Comparator.LESS_THAN),
    ("小于", Comparator.LESS_THAN),
    ("少于", Comparator.LESS_THAN),
    ("约", Comparator.ABOUT),
    ("~", Comparator.ABOUT),
    ("≈", Comparator.ABOUT),
)
_SUFFIXES: tuple[tuple[str, Comparator], ...] = (
    ("以上", Comparator.AT_LEAST),
    ("以内", Comparator.AT_MOST),
    ("以下", Comparator.AT_MOST),
    ("左右", Comparator.ABOUT),
)
_REFERENCE = re.compile(r"(高于|低于|快于|慢于|不低于|不高于|同步|持平)")


class Unreadable(StrEnum):
    """Why a target cell gives no target the spec can hold (yet)."""

    EMPTY = "empty"
    QUALITATIVE = "qualitative"
    REFERENCE = "reference"
    ASPIRATIONAL = "aspirational"
    RANGE = "range"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class NameCell:
    name: str
    unit: str
    note: str
    marks: tuple[str, ...]
    number: str = ""


@dataclass(frozen=True, slots=True)
class TargetCell:
    """A readable target: comparator and value as written, before kind and sign are decided."""

    text: str
    comparator: Comparator
    value: Decimal
    #: no comparator word: at_least by convention
    bare: bool
    #: written in brackets, [250]: a total over the plan period
    bracketed: bool
    marks: tuple[str, ...]
    #: a magnitude word in the cell (1.7万), as a power of ten, applied by the caller
    magnitude: int = 0
    #: text after the first target (、力争…), which the draft leaves out
    rest: str = ""


@dataclass(frozen=True, slots=True)
class NoTarget:
    text: str
    why: Unreadable
    marks: tuple[str, ...] = ()


# Brackets NFKC leaves alone: 〔1〕 and 【1】 are written for [1] too.
_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]"})


def clean(text: str) -> str:
    """NFKC (full-width to ASCII), inner line breaks and spaces folded. Footnote marks must be
    split off first: NFKC turns ④ into 4."""
    return re.sub(r"\s+", " ", normalise_text(text.translate(_BRACKETS))).strip()


def split_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without footnote marks, cleaned, and the marks (`77.3*` -> `77.3`, (`*`,))."""
    marks = tuple(FOOTNOTE_MARKS.findall(text))
    return clean(FOOTNOTE_MARKS.sub("", text)), marks


def read_name(cell: str) -> NameCell:
    """Name, unit (the last parentheses), note (lines in parentheses below) and marks."""
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    first, marks = split_marks(lines[0]) if lines else ("", ())
    note_lines = [clean(line) for line in lines[1:]]
    number = ""
    numbered = _NUMBERED.match(first)
    if numbered:
        number = re.sub(r"\D", "", numbered.group(0))
        first = first[numbered.end() :]
    unit = ""
    match = _UNIT.match(first)
    if match:
        first, unit = match.group("name").strip(), match.group("unit").strip()
    note = " ".join(line[1:-1] if re.fullmatch(r"\(.*\)", line) else line for line in note_lines)
    return NameCell(first, unit, note, marks, number)


def read_attribute(cell: str) -> Attribute | None:
    """约束性 -> binding, 预期性 -> expected; None for anything else."""
    text = clean(cell)
    if "约束" in text:
        return Attribute.BINDING
    if "预期" in text:
        return Attribute.EXPECTED
    return None


def is_empty(cell: str) -> bool:
    return split_marks(cell)[0] in _EMPTY


def read_target(cell: str) -> TargetCell | NoTarget:
    """What a target cell says, or why it holds no target the spec can hold."""
    text = " ".join(cell.split())
    body, marks = split_marks(cell)
    if body in _EMPTY:
        return NoTarget(text, Unreadable.EMPTY, marks)
    first, _, rest = _first_clause(body)
    bracketed = False
    inner = _BRACKETED.match(first)
    if inner:
        bracketed = True
        first = inner.group("inner").strip()
    if first.startswith("力争"):
        return NoTarget(text, Unreadable.ASPIRATIONAL, marks)
    if not re.search(r"\d", first):
        is_reference = _REFERENCE.search(first) is not None
        return NoTarget(
            text, Unreadable.REFERENCE if is_reference else Unreadable.QUALITATIVE, marks
        )
    if re.fullmatch(rf"{_NUMBER}\s*%?\s*[-~～至到]\s*{_NUMBER}\s*%?", first):
        return NoTarget(text, Unreadable.RANGE, marks)
    comparator: Comparator | None = None
    core = first
    for word, found in _PREFIXES:
        if core.startswith(word):
            comparator, core = found, core[len(word) :].strip()
            break
    for word, found in _SUFFIXES:
        if core.endswith(word):
            if comparator is not None and not (
                comparator is Comparator.AT_MOST and found is Comparator.AT_MOST
            ):
                return NoTarget(text, Unreadable.UNREADABLE, marks)
            comparator, core = found, core[: -len(word)].strip()
            break
    core = core.removesuffix("%").strip()
    magnitude = 0
    for word, power in _MAGNITUDE.items():
        if core.endswith(word):
            magnitude, core = power, core[: -len(word)].strip()
            break
    if not re.fullmatch(_NUMBER, core):
        return NoTarget(text, Unreadable.UNREADABLE, marks)
    return TargetCell(
        text=text,
        comparator=comparator or Comparator.AT_LEAST,
        value=Decimal(core),
        bare=comparator is None,
        bracketed=bracketed,
        marks=marks,
        magnitude=magnitude,
        rest=rest,
    )


def _first_clause(body: str) -> tuple[str, str, str]:
    """`>7、力争…` -> (`>7`, `、`, `力争…`); a cell with one target -> (cell, "", "")."""
    match = re.search(r"[、;；,，]", body)
    if match is None:
        return body.strip(), "", ""
    return body[: match.start()].strip(), match.group(0), body[match.end() :].strip()


def read_number(cell: str) -> Decimal | None:
    """A plain number in a cell (a baseline column's 6151, 77.3*); None for anything else."""
    body, _ = split_marks(cell)
    body = body.removesuffix("%").strip()
    return Decimal(body) if re.fullmatch(_NUMBER, body) else None
