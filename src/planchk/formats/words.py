"""Wording of the multi-year views (terminal trend, HTML and Markdown reports), in en and zh.

Only words and number display: what a change or a projection means is decided by the engine
(`planchk.history`); this module says it.
"""

from __future__ import annotations

from planchk.formats.text import clean, number
from planchk.results import IndicatorResult, Report, StatusChange, StatusChangeKind

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "changes": "Changes that matter",
        "no_changes": "No status worsened and no binding indicator is set to miss its target.",
        "binding": "binding",
        "expected": "expected",
        "miss_projected": "{name} ({attribute}): at the pace so far it ends at {end} in {end_year}, "
        "missing the target {target}",
        "miss_final": "{name} ({attribute}): ended at {end} in {end_year}, missing the target "
        "{target}",
        "worsened": "{name}: {before} in {previous_year} → {after} in {year}",
        "by_year": "Status by year",
        "values": "Values",
        "end_value": "End (proj.)",
        "needed": "Needed",
        "per_year": "/yr",
        "overall_by_year": "Overall score",
        "history_legend": "✔ achieved  ● on track  ◐ behind  ○ off track  ✖ regressing or not "
        "achieved  ? no data",
        "outlook_legend": "End (proj.): value at the end of the plan at the pace so far; "
        "Needed: average growth or additions a year from now on to meet the target",
    },
    "zh": {
        "changes": "需要关注的变化",
        "no_changes": "没有指标状态变差，也没有约束性指标预计达不到目标。",
        "binding": "约束性",
        "expected": "预期性",
        "miss_projected": "{name}（{attribute}）：按目前进度{end_year}年预计为{end}，达不到目标{target}",
        "miss_final": "{name}（{attribute}）：{end_year}年为{end}，未达到目标{target}",
        "worsened": "{name}：{previous_year}年{before} → {year}年{after}",
        "by_year": "各年度状态",
        "values": "数值走势",
        "end_value": "期末预计",
        "needed": "所需进度",
        "per_year": "/年",
        "overall_by_year": "综合得分",
        "history_legend": "✔ 已完成  ● 符合进度  ◐ 略有滞后  ○ 明显滞后  ✖ 逆向变化或未完成  ? 缺少数据",
        "outlook_legend": "期末预计：按目前进度规划期末的值；所需进度：为完成目标今后每年需要的增速或新增量",
    },
}

_SPARKS = "▁▂▃▄▅▆▇█"


def word(lang: str, key: str, **values: object) -> str:
    return WORDS.get(lang, WORDS["en"])[key].format(**values)


def indicator_name(result: IndicatorResult, lang: str) -> str:
    return f"{result.no} {clean(result.name.get(lang))}"


def change_text(change: StatusChange, report: Report, lang: str) -> str:
    """One line of the "changes that matter" list."""
    result = next(r for r in report.indicators if r.no == change.no)
    name = indicator_name(result, lang)
    if change.kind is StatusChangeKind.END_VALUE_MISSES:
        key = "miss_final" if change.year == report.plan.end_year else "miss_projected"
        return word(
            lang,
            key,
            name=name,
            attribute=word(lang, "binding"),
            end=number(change.end_value, result.judged_unit),
            end_year=report.plan.end_year,
            target=number(change.target, result.judged_unit),
        )
    assert change.previous_status is not None
    return word(
        lang,
        "worsened",
        name=name,
        before=change.previous_status.label(lang),
        previous_year=change.previous_year,
        after=change.status.label(lang),
        year=change.year,
    )


def needed_text(result: IndicatorResult, lang: str) -> str:
    """The pace needed from now on: required average growth or required additions a year."""
    projection = result.projection
    if projection is None:
        return "–"
    if projection.required_yearly_addition is not None:
        return number(projection.required_yearly_addition) + word(lang, "per_year")
    if projection.required_growth is not None:
        return number(projection.required_growth, "%") + word(lang, "per_year")
    return "–"


def end_value_text(result: IndicatorResult) -> str:
    if result.projection is None:
        return "–"
    return number(result.projection.end_value, result.judged_unit)


def sparkline(values: list[float | None]) -> str:
    """Values as block characters scaled between their minimum and maximum; None is a space."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = high - low
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
        elif span == 0:
            chars.append(_SPARKS[3])
        else:
            chars.append(_SPARKS[round((value - low) / span * (len(_SPARKS) - 1))])
    return "".join(chars)


def yearly_values(result: IndicatorResult, first: int, last: int) -> list[float | None]:
    """The charted values of each year `first`..`last` (None where the data has none)."""
    if result.trajectory is None:
        return [None] * (last - first + 1)
    by_year = {p.year: p.value for p in result.trajectory.actual}
    return [by_year.get(y) for y in range(first, last + 1)]
