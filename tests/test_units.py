"""split_unit and conversion_factor: exact conversion between magnitudes of one unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planchk.units import conversion_factor, split_unit


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("万亿元", (12, "元")),
        ("千亿元", (11, "元")),
        ("百亿元", (10, "元")),
        ("十亿元", (9, "元")),
        ("亿元", (8, "元")),
        ("千万元", (7, "元")),  # 千万 + 元, not 千 + 万元
        ("百万元", (6, "元")),
        ("十万元", (5, "元")),
        ("万件", (4, "件")),
        ("千件", (3, "件")),
        ("亿美元", (8, "美元")),
        ("元", (0, "元")),
        ("家", (0, "家")),
        ("件", (0, "件")),
        (" 万亿元 ", (12, "元")),
        ("万", (0, "万")),  # a bare magnitude word is a unit of its own, not 10^4 of nothing
        ("enterprises", (0, "enterprises")),
    ],
)
def test_split_unit(unit: str, expected: tuple[int, str]) -> None:
    assert split_unit(unit) == expected


@pytest.mark.parametrize("unit", ["%", "％", "percent", "Percent", "PERCENT", "百分比", " % "])
def test_split_unit_percent_words(unit: str) -> None:
    assert split_unit(unit) == (0, "%")


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("万亿元", "亿元", Decimal(10) ** 4),
        ("万件", "件", Decimal(10) ** 4),
        ("万家", "家", Decimal(10) ** 4),
        ("亿元", "万亿元", Decimal("0.0001")),
        ("千万元", "亿元", Decimal("0.1")),
        ("元", "亿元", Decimal("1E-8")),
        ("亿元", "亿元", Decimal(1)),
        ("美元", "亿美元", Decimal("1E-8")),
        ("件", "件", Decimal(1)),
        ("ＵＳＤ", "USD", Decimal(1)),  # full-width folds to the same unit
    ],
)
def test_conversion_factor(source: str, target: str, factor: Decimal) -> None:
    found = conversion_factor(source, target)
    assert isinstance(found, Decimal)
    assert found == factor


def test_wan_yi_yuan_to_yi_yuan_is_exact() -> None:
    factor = conversion_factor("万亿元", "亿元")
    assert factor == Decimal(10000)
    assert Decimal("1.63") * factor == Decimal(16300)
    assert Decimal("2.25") * factor == Decimal(22500)


def test_yi_yuan_to_wan_yi_yuan_is_exact() -> None:
    factor = conversion_factor("亿元", "万亿元")
    assert factor is not None
    assert factor == Decimal(1) / Decimal(10000)
    assert Decimal(16300) * factor == Decimal("1.63")


def test_conversions_are_inverse() -> None:
    there = conversion_factor("万件", "件")
    back = conversion_factor("件", "万件")
    assert there is not None
    assert back is not None
    assert there * back == 1


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("家", "人"),
        ("人", "家"),
        ("亿元", "亿美元"),  # 元 against 美元: not a magnitude
        ("万亿元", "件"),
        ("%", "家"),
        ("家", "%"),
        ("项", "件"),
        ("people", "家"),
    ],
)
def test_different_units_have_no_factor(source: str, target: str) -> None:
    assert conversion_factor(source, target) is None


@pytest.mark.parametrize(
    ("source", "target", "aliases"),
    [
        ("enterprises", "家", ("enterprises",)),
        ("100 million yuan", "亿元", ("100 million yuan",)),
        ("patents", "件", ("applications", "patents")),
    ],
)
def test_english_alias_gives_factor_one(source: str, target: str, aliases: tuple[str, ...]) -> None:
    assert conversion_factor(source, target, aliases) == Decimal(1)


def test_alias_is_needed_for_english_name() -> None:
    assert conversion_factor("enterprises", "家") is None
    assert conversion_factor("people", "家", ("enterprises",)) is None


@pytest.mark.parametrize("source", ["%", "％", "percent", "百分比"])
def test_percent_units_convert_to_percent_with_factor_one(source: str) -> None:
    assert conversion_factor(source, "%") == Decimal(1)
    assert conversion_factor(source, "%", ("percent",)) == Decimal(1)
