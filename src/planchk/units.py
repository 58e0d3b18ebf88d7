"""Exact conversion between magnitudes of one unit (1.63 万亿元 = 16300 亿元).

Chinese statistics write the same measure in different magnitudes: 亿元 in one table, 万亿元 in a
press release. planchk accepts a row in any magnitude of the spec's unit and converts it exactly;
any other difference (家 against 人, 元 against 美元) is a unit mismatch.
"""

from __future__ import annotations

from decimal import Decimal

from planchk.quantities import normalise_text

# Longest first, so that 万亿元 is read as 万亿 + 元 and not 万 + 亿元.
_MAGNITUDES: tuple[tuple[str, int], ...] = (
    ("万亿", 12),
    ("千亿", 11),
    ("百亿", 10),
    ("十亿", 9),
    ("亿", 8),
    ("千万", 7),
    ("百万", 6),
    ("十万", 5),
    ("万", 4),
    ("千", 3),
)
_PERCENT_WORDS = frozenset({"%", "percent", "百分比", "％"})


def split_unit(unit: str) -> tuple[int, str]:
    """Split a unit into a power of ten and its base unit: 万亿元 -> (12, 元); 家 -> (0, 家)."""
    text = normalise_text(unit)
    if text.lower() in _PERCENT_WORDS:
        return 0, "%"
    for word, power in _MAGNITUDES:
        if text.startswith(word) and len(text) > len(word):
            return power, text[len(word) :]
    return 0, text


def conversion_factor(
    from_unit: str, to_unit: str, aliases: tuple[str, ...] = ()
) -> Decimal | None:
    """The exact factor that turns a value in `from_unit` into `to_unit`, or None if they differ.

    `aliases` are other names of `to_unit` (its English name, say) that mean factor 1.
    """
    source = normalise_text(from_unit)
    if source == normalise_text(to_unit) or source in {normalise_text(a) for a in aliases}:
        return Decimal(1)
    from_power, from_base = split_unit(source)
    to_power, to_base = split_unit(to_unit)
    if from_base != to_base:
        return None
    return Decimal(10) ** (from_power - to_power)
