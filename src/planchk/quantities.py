"""Reading numbers the way statistics officials write them.

A reported figure is more than a number: bulletins say 超过6100 (at least 6100), 接近9000
(about 9000) or 预计 (a preliminary estimate). `parse_quantity` keeps the qualifier next to an
exact `Decimal`, so that a status can be computed with the number and still be shown with its
qualifier.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum


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
# 初步核算 before 初步, so that the whole word is removed.
_PRELIMINARY_WORDS = ("预计", "初步核算", "初步", "预估")
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


class QuantityError(ValueError):
    """A value cell that is not a number planchk can read; the message says why."""


class QuantityRangeError(QuantityError):
    """A number too large or too small for planchk to compute with exactly (1e309, 1e-99)."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """An exact reported number with its qualifier and whether it is preliminary.

    `percent` is true when the cell carried a trailing `%`.
    """

    value: Decimal
    qualifier: Qualifier = Qualifier.EXACT
    preliminary: bool = False
    percent: bool = False

    def __str__(self) -> str:
        return f"{self.qualifier.symbol}{format_decimal(self.value)}"


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


def plain_numbers(texts: list[str]) -> list[Decimal] | None:
    """`plain_number` of every text, or None unless every one is plain; one pass of the regex
    over the whole column instead of one call per cell."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1 or _PLAIN_COLUMN.fullmatch(joined) is None:
        return None  # a cell holding a line break, or one that is not a plain number
    return [value if value else _ZERO for value in map(Decimal, texts)]


def parse_quantity(raw: str) -> Quantity:
    """Parse one value cell: `6151`, `1,435`, `５.８%`, `>6100`, `超过6100`, `~9000`, `预计1.8`.

    Raises `QuantityError` with a reason when the cell holds no finite number.
    """
    plain = plain_number(raw)
    if plain is not None:
        return Quantity(plain)
    text = normalise_text(raw)
    text = re.sub(r"\s+", "", text)
    if not text:
        raise QuantityError("the value is empty")
    preliminary = False
    for word in _PRELIMINARY_WORDS:
        if text.startswith(word):
            preliminary = True
            text = text[len(word) :]
            break
    qualifier = Qualifier.EXACT
    for word, qual in _PREFIXES:
        if text.startswith(word):
            qualifier = qual
            text = text[len(word) :]
            break
    for word, qual in _SUFFIXES:
        if text.endswith(word):
            if qualifier is not Qualifier.EXACT and qualifier is not qual:
                raise QuantityError(f"contradictory qualifiers in {raw.strip()!r}")
            qualifier = qual
            text = text[: -len(word)]
            break
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if "," in text and _NUMBER.fullmatch(text.replace(",", "")) and not _GROUPED.fullmatch(text):
        raise QuantityError(
            f"{raw.strip()!r}: commas may only separate groups of three digits (1,435); "
            "write a decimal with a point (5.8)"
        )
    text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        if re.fullmatch(r"[\d.,]+(万亿|亿|万|千)\S*", text):
            raise QuantityError(
                f"{raw.strip()!r} has a magnitude word in the value; "
                "put the number in the value column and the unit (万亿元, 万件) in the unit column"
            )
        raise QuantityError(f"{raw.strip()!r} is not a number")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid literals
        raise QuantityError(f"{raw.strip()!r} is not a number") from exc
    if value.is_zero():
        value = Decimal(0)  # -0, 0.00 and 0e-999 are the same observation
    elif not value.is_finite() or not -30 <= value.adjusted() < 30:
        # The bounds keep exact (Fraction) arithmetic on the value fast: 1e-999999999 would
        # need a denominator of a billion digits.
        raise QuantityRangeError(
            f"{raw.strip()!r} is out of the range planchk accepts (0 or 1e-30 <= |x| < 1e30)"
        )
    return Quantity(value, qualifier, preliminary, percent)
