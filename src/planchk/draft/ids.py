"""Stable ASCII ids for drafted indicators and categories.

An id must be lower-case ASCII (the spec's rule); pinyin would need a dictionary planchk does not
ship. A name that is a well-known term of Chinese plans' indicator tables gets its English gloss;
any other gets `indicator-N` (its number in the table) or `category-N`. The same table always
gives the same ids, and a second use of an id gets `-2`, `-3`.
"""

from __future__ import annotations

from collections.abc import Iterable

from planchk.draft.prose import core

# Terms common to the indicator tables of national, provincial and district plans.
_GLOSSARY: dict[str, str] = {
    "国内生产总值": "gdp",
    "国内生产总值GDP": "gdp",
    "地区生产总值": "gdp",
    "国内生产总值GDP增长": "gdp-growth",
    "地区生产总值增长": "gdp-growth",
    "地区生产总值年均增速": "gdp-growth",
    "全员劳动生产率增长": "labour-productivity-growth",
    "常住人口城镇化率": "urbanisation-rate",
    "常住人口": "resident-population",
    "常住人口规模": "resident-population",
    "全社会研发经费投入增长": "rd-spending-growth",
    "研究与试验发展经费投入强度": "rd-intensity",
    "全社会研究与试验发展经费支出占地区生产总值比重": "rd-intensity",
    "每万人口高价值发明专利拥有量": "high-value-patents-per-10000",
    "每万人口发明专利拥有量": "patents-per-10000",
    "数字经济核心产业增加值占GDP比重": "digital-economy-share",
    "居民人均可支配收入增长": "disposable-income-growth",
    "城镇调查失业率": "urban-unemployment-rate",
    "城镇登记失业率": "registered-unemployment-rate",
    "劳动年龄人口平均受教育年限": "years-of-schooling",
    "人均预期寿命": "life-expectancy",
    "基本养老保险参保率": "pension-coverage",
    "单位GDP能源消耗降低": "energy-intensity-reduction",
    "单位地区生产总值能耗降低": "energy-intensity-reduction",
    "单位GDP二氧化碳排放降低": "carbon-intensity-reduction",
    "单位地区生产总值二氧化碳排放降低": "carbon-intensity-reduction",
    "森林覆盖率": "forest-coverage",
    "粮食综合生产能力": "grain-output-capacity",
    "能源综合生产能力": "energy-output-capacity",
    "进出口总额": "imports-and-exports",
    "金融机构总数": "financial-institutions",
    "国家级高新技术企业": "national-high-tech-enterprises",
    "技术合同成交额": "technology-contract-turnover",
    "一般公共预算收入": "general-budget-revenue",
    "社会消费品零售总额": "retail-sales",
    "城乡居民人均可支配收入": "disposable-income",
    "新增就业": "new-jobs",
    "城镇新增就业": "new-urban-jobs",
    "耕地保有量": "farmland",
}


def gloss(name: str) -> str | None:
    """The English id of a well-known indicator name, or None."""
    return _GLOSSARY.get(core(name)) or _GLOSSARY.get(name)


def unique_ids(proposals: Iterable[str]) -> list[str]:
    """The proposals in order, a repeated one suffixed -2, -3 (never colliding with another)."""
    seen: set[str] = set()
    out: list[str] = []
    for proposal in proposals:
        candidate, n = proposal, 1
        while candidate in seen:
            n += 1
            candidate = f"{proposal}-{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def indicator_id(name: str, number: int) -> str:
    return gloss(name) or f"indicator-{number}"


def category_id(number: int) -> str:
    return f"category-{number}"
