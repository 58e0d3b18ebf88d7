"""The words a data row may use to say how its figure is reported (口径, `reported_as`) and at
which prices (价格口径, `price_basis`), as statistics offices write them.

Each word names one value; a cell is matched after `normalise_text` (full-width folded, spaces
trimmed) and in any case. An empty cell means "as the spec says". The value cell holds the signed change (`-18.8` for
下降18.8%), so no word says "decrease": a word that flipped the sign would be a guess.
"""

from __future__ import annotations

from planchk.messages import joined, msg
from planchk.quantities import normalise_text
from planchk.spec import PriceBasis, Reporting

#: The words for each way a figure is reported, the English value first.
REPORTING_WORDS: dict[Reporting, tuple[str, ...]] = {
    Reporting.LEVEL: ("level", "当年值", "水平值", "绝对值"),
    Reporting.ADDITION: ("addition", "当年新增", "本年新增", "新增"),
    Reporting.YEARLY_CHANGE: ("yearly_change", "比上年", "同比"),
    Reporting.CHANGE_FROM_BASE: ("change_from_base", "比基期", "累计", "比基期累计"),
}

#: The words for each price basis, the English value first.
PRICE_BASIS_WORDS: dict[PriceBasis, tuple[str, ...]] = {
    PriceBasis.COMPARABLE: ("comparable", "可比价", "可比价格", "不变价"),
    PriceBasis.CURRENT: ("current", "现价", "当年价", "当年价格"),
}

_REPORTING = {
    normalise_text(word).casefold(): mode
    for mode, words in REPORTING_WORDS.items()
    for word in words
}
_PRICE_BASIS = {
    normalise_text(word).casefold(): basis
    for basis, words in PRICE_BASIS_WORDS.items()
    for word in words
}


def reporting_word(text: str) -> Reporting | None:
    """The way of reporting a 口径 cell names, or None for a word that names none."""
    return _REPORTING.get(normalise_text(text).casefold())


def price_basis_word(text: str) -> PriceBasis | None:
    """The price basis a 价格口径 cell names, or None for a word that names none."""
    return _PRICE_BASIS.get(normalise_text(text).casefold())


def choices(words: dict[Reporting, tuple[str, ...]] | dict[PriceBasis, tuple[str, ...]]) -> str:
    """The accepted words, for a message: `level (当年值, 水平值, 绝对值); ...` in English,
    `当年值，水平值，绝对值（level）；...` in Chinese."""
    return joined(
        [
            msg("{value} ({synonyms})", value=names[0], synonyms=joined(names[1:]))
            for names in words.values()
        ],
        "; ",
    )
