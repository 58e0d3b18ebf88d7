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
_PRELIMINARY_WORDS = ("预计", "初步", "初步核算", "预估")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class QuantityError(ValueError):
    """A value cell that is not a number planchk can read; the message says why."""


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
    """Show a Decimal without exponent or trailing zeros (16300, 5.8, 0.25)."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def parse_quantity(raw: str) -> Quantity:
    """Parse one value cell: `6151`, `1,435`, `５.８%`, `>6100`, `超过6100`, `~9000`, `预计1.8万亿`.

    Raises `QuantityError` with a reason when the cell holds no finite number.
    """
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
    if not value.is_finite() or value.adjusted() > 30:
        raise QuantityError(f"{raw.strip()!r} is out of the range planchk accepts (|x| < 1e30)")
    if value.is_zero():
        value = abs(value)  # -0 and 0 are the same observation
    return Quantity(value, qualifier, preliminary, percent)
