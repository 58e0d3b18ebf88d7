"""Reading numbers the way statistics officials write them.

A reported figure is more than a number: bulletins say 超过6100 (at least 6100), 接近9000
(about 9000) or 预计 (a preliminary estimate). `parse_quantity` keeps the qualifier next to an
exact `Decimal`, so that a status can be computed with the number and still be shown with its
qualifier.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from planchk.messages import msg


class Qualifier(StrEnum):
    """How a reported figure relates to the true value."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"

    @property
    def symbol(self) -> str:
        """The prefix used when a qualified value is shown (`>6100`, `~9000`)."""
        return _SYMBOLS[self]


_SYMBOLS = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: ">",
    Qualifier.AT_MOST: "<",
    Qualifier.ABOUT: "~",
}

# Longest words first so that 以上 is not read as 上.
_PREFIXES: tuple[tuple[str, Qualifier], ...] = (
    (">=", Qualifier.AT_LEAST),
    ("<=", Qualifier.AT_MOST),
    (">", Qualifier.AT_LEAST),
    ("≥", Qualifier.AT_LEAST),
    ("超过", Qualifier.AT_LEAST),
    ("突破", Qualifier.AT_LEAST),
    ("超", Qualifier.AT_LEAST),
    ("逾", Qualifier.AT_LEAST),
    ("<", Qualifier.AT_MOST),
    ("≤", Qualifier.AT_MOST),
    ("不足", Qualifier.AT_MOST),
    ("不到", Qualifier.AT_MOST),
    ("~", Qualifier.ABOUT),
    ("≈", Qualifier.ABOUT),
    ("约", Qualifier.ABOUT),
    ("接近", Qualifier.ABOUT),
    ("近", Qualifier.ABOUT),
)
_SUFFIXES: tuple[tuple[str, Qualifier], ...] = (
    ("以上", Qualifier.AT_LEAST),
    ("多", Qualifier.AT_LEAST),
    ("以下", Qualifier.AT_MOST),
    ("以内", Qualifier.AT_MOST),
    ("左右", Qualifier.ABOUT),
)
#: The words that make a value preliminary, before the number (预计1.8, 初步核算1.8, 快报1.8).
#: Only these: a looser test (初步, "estimate") would mark final figures as preliminary.
PRELIMINARY_WORDS = ("预计", "初步核算", "快报")
_PRELIMINARY_NOTE = re.compile(r"预计|初步核算|快报|\bpreliminary\b", re.IGNORECASE)


def is_preliminary_note(note: str) -> bool:
    """Whether a row's note marks its figure preliminary: it holds 预计, 初步核算, 快报 or the
    word `preliminary` ("not an estimate" does not)."""
    return _PRELIMINARY_NOTE.search(note) is not None


#: Footnote marks written after a number (10500①, 10500¹, 10500*): kept with the value, never
#: read as digits. NFKC would fold ① and ¹ into 1 and turn 10500① into 105001.
_MARKS = re.compile(
    "(?:[*＊†‡※\u00b9\u00b2\u00b3\u2070-\u2079\u2460-\u2473\u24ea\u2474-\u2487"
    "\u2776-\u2793\u3251-\u325f\u32b1-\u32bf])+$"
)
# Digits written as marks anywhere else in a cell (10①500, ¹10500): never read as digits.
_MARK_DIGITS = re.compile(
    "[\u00b9\u00b2\u00b3\u2070-\u2079\u2080-\u2089\u2460-\u24ff\u2776-\u2793"
    "\u3251-\u325f\u32b1-\u32bf]"
)
# Spaces inside a number only between groups of three digits (10 500, after NFKC folded the
# no-break and thin spaces into plain ones).
_SPACE_GROUPED = re.compile(r"[+-]?\d{1,3}( \d{3})+(\.\d*)?")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Thousands separators only between groups of three digits: 1,435 but not 5,8 (a decimal comma).
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")


# A plain number in ASCII digits, as most cells are: it needs none of the steps of
# `parse_quantity`. At most 30 digits before and after the point keep it within the range
# planchk accepts (0, or 1e-30 <= |x| < 1e30).
_PLAIN_NUMBER = r"-?[0-9]{1,30}(?:\.[0-9]{1,30})?"
_PLAIN = re.compile(_PLAIN_NUMBER)
_PLAIN_COLUMN = re.compile(f"{_PLAIN_NUMBER}(?:\n{_PLAIN_NUMBER})*")
_ZERO = Decimal(0)
#: A plain number whose text `str` of its value (as `plain_number` reads it) does not give back,
#: at the start of a line: a leading zero (007), a zero written otherwise than 0 (-0, 0.00), or
#: a number below 1e-6 that `str` writes with an exponent (0.0000001 is 1E-7).
_NOT_AS_STR = re.compile(r"^(?:-?0[0-9]|-?0\.0{6}|-0+(?:\.0+)?$|0+\.0+$)", re.MULTILINE)


class QuantityError(ValueError):
    """A value cell that is not a number planchk can read; the message says why."""


class QuantityRangeError(QuantityError):
    """A number too large or too small for planchk to compute with exactly (1e309, 1e-99)."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """An exact reported number with its qualifier and whether it is preliminary.

    `percent` is true when the cell carried a trailing `%`; `mark` is the footnote mark written
    after the number (`①`, `¹`, `*`), empty when there is none.
    """

    value: Decimal
    qualifier: Qualifier = Qualifier.EXACT
    preliminary: bool = False
    percent: bool = False
    mark: str = ""

    def __str__(self) -> str:
        return f"{self.qualifier.symbol}{format_decimal(self.value)}{self.mark}"


#: The numbers planchk computes with, in words.
RANGE = msg("0 or 1e-30 <= |x| < 1e30")


def in_range(value: Decimal) -> bool:
    """Whether `value` is within `RANGE`. The bounds keep exact (Fraction) arithmetic fast:
    1e-999999999 would need a denominator of a billion digits, and 1e400000 in a target keeps
    an evaluation busy for minutes."""
    return value.is_zero() or (value.is_finite() and -30 <= value.adjusted() < 30)


def normalise_text(text: str) -> str:
    """Fold full-width characters to ASCII (NFKC) and trim white space."""
    return unicodedata.normalize("NFKC", text).strip()


def format_decimal(value: Decimal) -> str:
    """Show a Decimal without exponent or trailing zeros (16300, 5.8, 0.25).

    Exact for any number of digits: formatting with `f` does not round to the context precision
    (as `normalize` and `quantize` do, or fail beyond 28 digits).
    """
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def plain_number(text: str) -> Decimal | None:
    """`text` as a Decimal if it is a plain number in ASCII digits (`6151`, `-4.1`); None for
    anything else, which `parse_quantity` then reads. Zero is always `Decimal(0)` (not -0)."""
    if _PLAIN.fullmatch(text) is None:
        return None
    value = Decimal(text)
    return value if value else _ZERO


def plain_numbers(texts: Sequence[str]) -> list[Decimal] | None:
    """`plain_number` of every text, or None unless every one is plain; one pass of the regex
    over the whole column instead of one call per cell."""
    if not plain_column(texts):
        return None
    return [value if value else _ZERO for value in map(Decimal, texts)]


def plain_column(texts: Sequence[str]) -> bool:
    """Whether every text is a plain number (`plain_number`), by one regex over the column."""
    joined = "\n".join(texts)
    # a cell holding a line break, or one that is not a plain number, is not
    return joined.count("\n") == len(texts) - 1 and _PLAIN_COLUMN.fullmatch(joined) is not None


def written_as_str(texts: Sequence[str]) -> bool:
    """Whether every one of `texts`, plain numbers (`plain_numbers`), is what `str` writes of
    its value, so that the texts need not be kept beside the values; one regex search over
    the column instead of a Decimal and a `str` per cell."""
    return _NOT_AS_STR.search("\n".join(texts)) is None


def parse_quantity(raw: str) -> Quantity:
    """Parse one value cell: `6151`, `1,435`, `10 500`, `５.８%`, `>6100`, `超过6100`, `~9000`,
    `预计1.8`, `10500①`.

    Raises `QuantityError` with a reason when the cell holds no finite number, or holds one that
    could be read more than one way (`10 5`, a line break inside the number, `10①500`).
    """
    plain = plain_number(raw)
    if plain is not None:
        return Quantity(plain)
    shown = raw.strip()
    text, mark = _without_mark(shown)
    if _MARK_DIGITS.search(text):
        raise QuantityError(
            msg(
                "{shown!r}: a superscript or circled digit inside the value; "
                "write the footnote mark after the number (10500①) or in the note column",
                shown=shown,
            )
        )
    text = normalise_text(text)
    if not text:
        raise QuantityError(msg("the value is empty"))
    preliminary = False
    for word in PRELIMINARY_WORDS:
        if text.startswith(word):
            preliminary = True
            text = text[len(word) :].lstrip()
            break
    qualifier = Qualifier.EXACT
    for word, qual in _PREFIXES:
        if text.startswith(word):
            qualifier = qual
            text = text[len(word) :].lstrip()
            break
    for word, qual in _SUFFIXES:
        if text.endswith(word):
            if qualifier is not Qualifier.EXACT and qualifier is not qual:
                raise QuantityError(msg("contradictory qualifiers in {shown!r}", shown=shown))
            qualifier = qual
            text = text[: -len(word)].rstrip()
            break
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    text = _without_spaces(text, shown)
    if "," in text and _NUMBER.fullmatch(text.replace(",", "")) and not _GROUPED.fullmatch(text):
        raise QuantityError(
            msg(
                "{shown!r}: commas may only separate groups of three digits (1,435); "
                "write a decimal with a point (5.8)",
                shown=shown,
            )
        )
    text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        if re.fullmatch(r"[\d.,]+(万亿|亿|万|千)\S*", text):
            raise QuantityError(
                msg(
                    "{shown!r} has a magnitude word in the value; put the number in the value "
                    "column and the unit (万亿元, 万件) in the unit column",
                    shown=shown,
                )
            )
        raise QuantityError(msg("{shown!r} is not a number", shown=shown))
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid literals
        raise QuantityError(msg("{shown!r} is not a number", shown=shown)) from exc
    if value.is_zero():
        value = Decimal(0)  # -0, 0.00 and 0e-999 are the same observation
    elif not in_range(value):
        raise QuantityRangeError(
            msg("{shown!r} is out of the range planchk accepts ({range})", shown=shown, range=RANGE)
        )
    return Quantity(value, qualifier, preliminary, percent, mark)


def _without_mark(text: str) -> tuple[str, str]:
    """`text` without the footnote marks at its end, and the marks (`10500①` -> 10500, ①)."""
    found = _MARKS.search(text)
    if found is None or found.start() == 0:
        return text, ""
    return text[: found.start()].rstrip(), found.group()


def _without_spaces(text: str, shown: str) -> str:
    """The number in `text` with the spaces of a thousands grouping removed (10 500); any
    other white space inside it is an error, as it can be read more than one way."""
    if not any(char.isspace() for char in text):
        return text
    if any(char.isspace() and char != " " for char in text):
        raise QuantityError(
            msg(
                "{shown!r}: a tab or line break inside the value; write the number on one line",
                shown=shown,
            )
        )
    if _SPACE_GROUPED.fullmatch(text) is None:
        raise QuantityError(
            msg(
                "{shown!r}: spaces inside a number may only separate groups of three digits "
                "(10 500)",
                shown=shown,
            )
        )
    return text.replace(" ", "")
