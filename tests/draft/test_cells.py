"""Reading one cell: names with units and notes, targets, attributes, footnote marks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planchk.draft import cells
from planchk.draft.cells import NoTarget, TargetCell, Unreadable
from planchk.spec import Attribute, Comparator


@pytest.mark.parametrize(
    ("text", "comparator", "value", "bare", "bracketed"),
    [
        ("超过7000", Comparator.MORE_THAN, "7000", False, False),
        (">6.5%", Comparator.MORE_THAN, "6.5", False, False),
        ("1100左右", Comparator.ABOUT, "1100", False, False),
        ("约5", Comparator.ABOUT, "5", False, False),
        ("5.8", Comparator.AT_LEAST, "5.8", True, False),
        ("达到60", Comparator.AT_LEAST, "60", False, False),
        ("95以上", Comparator.AT_LEAST, "95", False, False),
        ("<5", Comparator.LESS_THAN, "5", False, False),
        ("低于5.5", Comparator.LESS_THAN, "5.5", False, False),
        ("控制在3以内", Comparator.AT_MOST, "3", False, False),
        ("≤46", Comparator.AT_MOST, "46", False, False),
        ("[250]", Comparator.AT_LEAST, "250", True, True),
        ("〔13.5〕", Comparator.AT_LEAST, "13.5", True, True),
        ("【1】", Comparator.AT_LEAST, "1", True, True),
        ("[>5000]", Comparator.MORE_THAN, "5000", False, True),
        ("〔<3256〕", Comparator.LESS_THAN, "3256", False, True),
        ("＞７", Comparator.MORE_THAN, "7", False, False),
    ],
)
def test_targets(
    text: str, comparator: Comparator, value: str, bare: bool, bracketed: bool
) -> None:
    reading = cells.read_target(text)
    assert isinstance(reading, TargetCell)
    assert (reading.comparator, reading.value, reading.bare, reading.bracketed) == (
        comparator,
        Decimal(value),
        bare,
        bracketed,
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", Unreadable.EMPTY),
        ("—", Unreadable.EMPTY),
        ("保持在合理区间", Unreadable.QUALITATIVE),
        ("完成市级下达任务", Unreadable.QUALITATIVE),
        ("高于GDP增长", Unreadable.REFERENCE),
        ("与GDP增长基本同步", Unreadable.REFERENCE),
        ("力争8", Unreadable.ASPIRATIONAL),
        ("6-6.5", Unreadable.RANGE),
        ("7.2‰", Unreadable.UNREADABLE),
        ("超过5以内", Unreadable.UNREADABLE),
    ],
)
def test_cells_without_a_target_the_spec_can_hold(text: str, why: Unreadable) -> None:
    reading = cells.read_target(text)
    assert isinstance(reading, NoTarget)
    assert reading.why is why


def test_a_second_target_in_the_cell_is_kept_aside() -> None:
    reading = cells.read_target(">7、力争投入强度高于“十三五”时期实际")
    assert isinstance(reading, TargetCell)
    assert reading.value == 7
    assert reading.rest == "力争投入强度高于“十三五”时期实际"


def test_footnote_marks_are_split_before_full_width_folding() -> None:
    # NFKC would turn ④ into 4: 87④ must stay 87.
    assert cells.read_number("87④") == Decimal(87)
    assert cells.read_number("77.3*") == Decimal("77.3")
    assert cells.split_marks("23.2*") == ("23.2", ("*",))


def test_magnitude_word_in_a_target() -> None:
    reading = cells.read_target("1.7万")
    assert isinstance(reading, TargetCell)
    assert (reading.value, reading.magnitude) == (Decimal("1.7"), 4)


@pytest.mark.parametrize(
    ("cell", "name", "unit", "note"),
    [
        ("国家级高新技术企业(家)", "国家级高新技术企业", "家", ""),
        ("国际专利(PCT)年均增速(%)", "国际专利(PCT)年均增速", "%", ""),
        ("进出口总额（亿美元）", "进出口总额", "亿美元", ""),
        (
            "企业研发机构(家)\n(园区企业设立的各类研发中心,不含高校院所)",
            "企业研发机构",
            "家",
            "园区企业设立的各类研发中心,不含高校院所",
        ),
        ("农业灌溉用水有效利用系数", "农业灌溉用水有效利用系数", "", ""),
        ("3.常住人口城镇化率(%)", "常住人口城镇化率", "%", ""),
    ],
)
def test_names(cell: str, name: str, unit: str, note: str) -> None:
    reading = cells.read_name(cell)
    assert (reading.name, reading.unit, reading.note) == (name, unit, note)


def test_numbered_name() -> None:
    assert cells.read_name("12.技术合同成交额(亿元)").number == "12"


@pytest.mark.parametrize(
    ("text", "attribute"),
    [("约束性", Attribute.BINDING), ("预期性", Attribute.EXPECTED), ("", None), ("其他", None)],
)
def test_attributes(text: str, attribute: Attribute | None) -> None:
    assert cells.read_attribute(text) == attribute
