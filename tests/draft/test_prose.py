"""Baselines from the plan's prose, plan years, and ids."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planchk.draft.errors import DraftError
from planchk.draft.ids import indicator_id, unique_ids
from planchk.draft.prose import Measure, base_paragraphs, closeness, propose_baselines
from planchk.draft.years import plan_ordinal, plan_years
from planchk.quantities import Qualifier

REVIEW = [
    "(一)“十二五”期间发展回顾",
    "2015年,海淀园规模以上高新技术企业实现总收入1.63万亿元,是2010年的2.3倍;国家级高新技术企业总数达6151家。",
    "集成电路设计产业聚集了70余家企业,总收入超过200亿元,占全市80%左右。",
    "全区注册资本在100万元以上的外资研发机构达350家。新增跨国公司地区总部20个。",
    "(二)“十三五”时期发展形势",
    "到2020年,技术合同成交额达2000亿元。",
]


def test_base_paragraphs_are_the_review_of_the_previous_plan() -> None:
    paragraphs = base_paragraphs(REVIEW, 2015, 2020, 13)
    assert paragraphs == REVIEW[1:4]


def test_baselines_are_proposed_from_the_closest_clause_in_the_unit() -> None:
    measures = [
        Measure(1, ("国家级高新技术企业",), "家", Decimal(7000)),
        Measure(8, ("园区总收入", "园区规模以上企业总收入"), "", Decimal(10)),
        Measure(2, ("企业研发机构",), "家", Decimal(1100)),
        Measure(17, ("跨国公司地区总部",), "个", Decimal(5)),
    ]
    found = propose_baselines(base_paragraphs(REVIEW, 2015, 2020, 13), measures)
    assert found[1].value == 6151
    assert found[1].quote == "国家级高新技术企业总数达6151家"
    # 1.63万亿元 in 亿元, the unit statistics give money in; not the 200亿元 of one industry.
    assert (found[8].value, found[8].unit) == (Decimal(16300), "亿元")
    # 外资研发机构 are not 企业研发机构; 新增…20个 is an addition, not a level.
    assert 2 not in found
    assert 17 not in found


def test_approximate_quotes_keep_their_qualifier() -> None:
    found = propose_baselines(
        ["2015年,海淀园新设科技型企业接近1.7万家"],
        [Measure(13, ("新注册成立的科技企业",), "", Decimal(15))],
    )
    assert found[13].value == 17000
    assert found[13].qualifier is Qualifier.ABOUT


def test_closeness() -> None:
    assert closeness("技术合同成交额", "技术合同成交额") == 1
    assert closeness("全区发明专利授权量", "发明专利授权量") == 1
    assert closeness("企业研发机构", "注册资本在100万元以上的外资研发机构") < Decimal("0.5")


@pytest.mark.parametrize(
    ("title", "ordinal"),
    [("海淀区“十三五”时期规划", 13), ("“十四五”规划", 14), ("第十个五年计划", None)],
)
def test_plan_ordinal(title: str, ordinal: int | None) -> None:
    assert plan_ordinal(title) == ordinal


def test_plan_years() -> None:
    assert plan_years("“十四五”规划", (), None, None, "f").base == 2020
    assert plan_years("", (2015, 2020), None, None, "f").end == 2020
    years = plan_years("“十三五”", (), None, 2021, "f")
    assert (years.base, years.end) == (2015, 2021)
    with pytest.raises(DraftError, match="--base-year and --end-year"):
        plan_years("规划", (2020,), None, None, "f")
    with pytest.raises(DraftError, match="not after"):
        plan_years("规划", (), 2020, 2020, "f")


def test_ids_are_glosses_or_numbers_and_unique() -> None:
    assert indicator_id("国内生产总值(GDP)增长", 1) == "gdp-growth"
    assert indicator_id("园区总收入年均增速", 8) == "indicator-8"
    assert unique_ids(["gdp", "gdp", "gdp-2", "x"]) == ["gdp", "gdp-2", "gdp-2-2", "x"]
