"""Wording and number display shared by the human-readable formats (table, markdown, github,
junit and the documents)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from planchk.compare import SCORE_DECIMALS
from planchk.messages import Message, msg
from planchk.numbers import number as number  # noqa: PLC0414 (the formats read it here)
from planchk.results import (
    MANUAL_MARK,
    IndicatorOutcome,
    IndicatorResult,
    PanelReport,
    Report,
    Status,
    TargetResult,
)
from planchk.safetext import plain
from planchk.spec import ATTRIBUTE_WORDS, KIND_WORDS, Attribute, Comparator, Indicator, Target

#: Text from data or spec made safe to show; the formats read it here.
clean = plain

if TYPE_CHECKING:
    from planchk.validation_results import Revision, Validation

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "assessment": "assessment year {year} ({share:.0%} of the plan period elapsed)",
        "overall": "Overall score",
        "withheld": "withheld: coverage {coverage:.0%} is below the minimum {minimum:.0%}",
        "coverage": "coverage {coverage:.0%} ({scored} of {total} indicators scored)",
        "category": "Category",
        "score": "Score",
        "no": "No",
        "indicator": "Indicator",
        "attr": "A",
        "baseline": "Base",
        "actual": "Actual",
        "expected": "Pace",
        "target": "Target",
        "ratio": "R",
        "status": "Status",
        "binding_failures": "Binding indicators failing",
        "none_failing": "No binding indicator fails.",
        "no_data": "Without data",
        "approximate": "≈ status rests on an approximate, bounded or preliminary value",
        "illustrative": "* illustrative figure, constructed for demonstration: not an official statistic",
        "attr_legend": "A: attribute, B binding (约束性) or E expected (预期性); Pace: expected by this year",
        "left_out": "Not shown, to fit the width: {columns} (a wider COLUMNS or --format json shows them)",
        "warnings": "{count} warning(s) about the data; run `planchk validate` for details",
        "categories": "Categories",
        "indicators": "Indicators",
        "failing_count": "{count} binding indicator(s) failing",
        "changes": "Changes since {file} ({year})",
        "change": "Change",
        "before": "Before",
        "now": "Now",
        "unchanged": "{count} indicator(s) unchanged",
        "panel": "{regions} regions, assessment year {year} ({share:.0%} of the plan period elapsed)",
        "rank": "Rank",
        "region": "Region",
        "coverage_short": "Coverage",
        "failing_binding": "Failing binding indicators",
        "panel_failing": "{count} of {regions} regions have a failing binding indicator",
        "panel_withheld": "{count} region(s) unranked: coverage below the minimum {minimum:.0%}",
        "panel_detail": "Details of one region: planchk evaluate ... --region NAME",
        "region_heading": "Region: {region}",
    },
    "zh": {
        "assessment": "评估年份 {year}（规划期已过 {share:.0%}）",
        "overall": "综合得分",
        "withheld": "不予计算：数据覆盖率 {coverage:.0%} 低于 {minimum:.0%}",
        "coverage": "覆盖率 {coverage:.0%}（{scored}/{total} 项指标有得分）",
        "category": "类别",
        "score": "得分",
        "no": "序号",
        "indicator": "指标",
        "attr": "属",
        "baseline": "基期",
        "actual": "实际",
        "expected": "进度",
        "target": "目标",
        "ratio": "R",
        "status": "状态",
        "binding_failures": "未达要求的约束性指标",
        "none_failing": "约束性指标均达到要求。",
        "no_data": "缺少数据",
        "approximate": "≈ 状态基于约数、区间值或预计值",
        "illustrative": "* 示例数据，仅供演示，并非官方统计数据",
        "attr_legend": "属：指标属性，B 约束性，E 预期性；进度：按时间进度应达到的值",
        "left_out": "为适应宽度未显示：{columns}（加大 COLUMNS 或使用 --format json 可查看）",
        "warnings": "数据有 {count} 条警告；运行 `planchk validate` 查看",
        "categories": "类别得分",
        "indicators": "指标",
        "failing_count": "{count} 项约束性指标未达要求",
        "changes": "与 {file}（{year} 年）相比的变化",
        "change": "变化",
        "before": "此前",
        "now": "现在",
        "unchanged": "{count} 项指标无变化",
        "panel": "{regions} 个地区，评估年份 {year}（规划期已过 {share:.0%}）",
        "rank": "排名",
        "region": "地区",
        "coverage_short": "覆盖率",
        "failing_binding": "未达要求的约束性指标",
        "panel_failing": "{regions} 个地区中有 {count} 个存在未达要求的约束性指标",
        "panel_withheld": "{count} 个地区未排名：数据覆盖率低于 {minimum:.0%}",
        "panel_detail": "查看单个地区：planchk evaluate ... --region 地区名",
        "region_heading": "地区：{region}",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    return LABELS.get(lang, LABELS["en"])[key].format(**values)


def indicator_line(ind: Indicator, lang: str) -> str:
    """One line of `planchk indicators`: number, id, attribute, kind, target and name."""
    goal = " & ".join(_goal(target, lang) for target in ind.all_targets)
    kinds = list(dict.fromkeys(target.kind for target in ind.all_targets))
    kind = "+".join(k.value for k in kinds)
    if lang == "zh":
        attribute = ATTRIBUTE_WORDS[ind.attribute].localized(lang)
        words = "+".join(KIND_WORDS[k].localized(lang) for k in kinds)
        return (
            f"{ind.no:>3}  {ind.id:<36} {_padded(attribute, 6)} {_padded(words, 8)} "
            f"{goal}  {clean(ind.name.get(lang))}"
        )
    return (
        f"{ind.no:>3}  {ind.id:<36} {ind.attribute:<8} {kind:<14} "
        f"{goal}  {clean(ind.name.get(lang))}"
    )


def _padded(text: str, cells: int) -> str:
    """`text` padded to `cells` terminal cells (a Chinese character takes two)."""
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(cells - width, 0)


def _goal(target: Target, lang: str) -> str:
    """A target in a few characters: ≥200, 6%–6.5%, >growth of gdp, (≥2.8); a qualitative
    target's words."""
    if target.text is not None:
        return clean(target.text.get(lang))
    unit = "%" if target.kind == "average_growth" or target.change == "relative" else ""
    goal = f"{target.relation.symbol}{number(float(target.number), unit)}"
    if target.reference is not None:
        growth = msg("growth of {reference}", reference=target.reference).localized(lang)
        goal = f"{target.relation.symbol}{growth}"
    if target.range is not None:
        goal = f"{number(float(target.range.min), unit)}–{number(float(target.range.max), unit)}"
    return f"({goal})" if target.aspirational else goal


def actual_text(result: IndicatorResult) -> str:
    qualifier = {"at_least": ">", "at_most": "<", "about": "~"}.get(result.actual_qualifier, "")
    marks = (
        "*"
        if any(o.illustrative for o in result.observations if o.year == result.components.year)
        else ""
    )
    return f"{qualifier}{number(result.actual, result.judged_unit)}{marks}"


def target_text(
    result: IndicatorResult | TargetResult, lang: str = "en", *, short: bool = False
) -> str:
    """The target as a cell shows it; a qualitative target's words, or with `short` (a narrow
    table) the word `qualitative`."""
    if isinstance(result, IndicatorResult) and result.target_text is not None:
        if short:
            return "定性" if lang == "zh" else "qualitative"
        return clean(result.target_text.get(lang))
    if result.range is not None:  # a `between` target: both ends, as the plan writes them
        unit = result.judged_unit
        return f"{number(result.range.min, unit)}–{number(result.range.max, unit)}"
    comparator = result.comparator
    symbol = "" if comparator in (Comparator.AT_LEAST, None) else comparator.symbol
    if comparator is Comparator.AT_MOST:
        symbol = "≤"
    return f"{symbol}{number(result.target, result.judged_unit)}"


#: What each kind of target is about, in the per-target lines of several targets.
_KIND_WORDS = {
    "en": {
        "level": "level",
        "cumulative": "total added",
        "average_growth": "average growth",
        "change": "change",
        "each_year": "every year",
    },
    "zh": {
        "level": "水平",
        "cumulative": "累计",
        "average_growth": "年均增速",
        "change": "变化",
        "each_year": "每年",
    },
}


def target_label(target: TargetResult, lang: str) -> str:
    """`target 2 (aspirational)`, `目标2（力争）`: one of an indicator's several targets."""
    if lang == "zh":
        return f"目标{target.number}" + ("（力争）" if target.aspirational else "")
    return f"target {target.number}" + (" (aspirational)" if target.aspirational else "")


def target_line(target: TargetResult, lang: str) -> str:
    """One target of several with its own result: what it asks, the actual, R, status, score."""
    kind = _KIND_WORDS.get(lang, _KIND_WORDS["en"])[target.kind.value]
    actual = number(target.actual, target.judged_unit)
    ratio, score = ratio_text(target.progress_ratio), score_text(target.score)
    status = status_text(target, lang)
    if lang == "zh":
        line = f"{target_label(target, lang)}：{kind} {target_text(target)}，实际 {actual}，"
        line += f"R {ratio}，{status}，得分 {score}"
        return line + ("，决定指标状态" if target.decides else "")
    line = f"{target_label(target, lang)}: {kind} {target_text(target)}: actual {actual}, "
    line += f"R {ratio}, {status}, score {score}"
    return line + (", decides the indicator's status" if target.decides else "")


def target_lines(result: IndicatorResult, lang: str) -> list[str]:
    """Each target of an indicator with several, one line each; none for a single target."""
    return [target_line(target, lang) for target in result.targets]


def attribute_letter(attribute: Attribute) -> str:
    return "B" if attribute is Attribute.BINDING else "E"


def status_text(result: IndicatorResult | IndicatorOutcome | TargetResult, lang: str) -> str:
    """`● on track`, with ≈ for an approximate status and, for an assessment's status, the
    mark † and the computed status it overrides: `◐ behind† (● on track)`."""
    approx = "≈" if result.approximate else ""
    note = "" if isinstance(result, TargetResult) else manual_note(result, lang)
    return f"{result.status.symbol} {result.status.label(lang)}{approx}{note}"


def manual_note(result: IndicatorResult | IndicatorOutcome, lang: str) -> str:
    """`†`, and ` (● on track)`, the computed status, where the assessment overrides one;
    empty for a computed status."""
    if result.assessment is None:
        return ""
    computed = result.computed_status
    if computed is None:
        return MANUAL_MARK
    return f"{MANUAL_MARK} ({computed.symbol} {computed.label(lang)})"


def manual_legend(lang: str) -> str:
    """What † means, for the foot of a report that has a status given by an assessment."""
    if lang == "zh":
        return "† 评估认定的状态（--assessments）；其后括号内为按数据计算的状态"
    return (
        "† status given by an assessment (--assessments); after it, in brackets, the status "
        "computed from the data"
    )


def assessment_text(result: IndicatorResult | IndicatorOutcome, lang: str) -> str | None:
    """Who assessed the status, when and where: `assessed by 区发改委, 2019-03-15 (a.yaml:3)`;
    None for a computed status."""
    a = result.assessment
    if a is None:
        return None
    who = clean(a.assessed_by) if a.assessed_by else ("未注明" if lang == "zh" else "not named")
    when = "" if a.date is None else f", {a.date.isoformat()}"
    where = clean(a.file) if a.line is None else f"{clean(a.file)}:{a.line}"
    head = "评估人" if lang == "zh" else "assessed by"
    return f"{head} {who}{when} ({where})"


def has_manual(results: Iterable[IndicatorResult | IndicatorOutcome]) -> bool:
    """Whether any status is an assessment's (the report then needs `manual_legend`)."""
    return any(r.assessment is not None for r in results)


def ratio_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def score_change(before: float | None, after: float | None) -> tuple[str, str]:
    """Two scores of a comparison, shown with the fewest decimals (0 to the comparison's
    `SCORE_DECIMALS`) that tell them apart, so a change never reads "98 → 98"."""
    if before is None or after is None or before == after:
        return score_text(before), score_text(after)
    for decimals in range(SCORE_DECIMALS + 1):
        shown = f"{before:.{decimals}f}", f"{after:.{decimals}f}"
        if shown[0] != shown[1]:
            return shown
    return score_text(before), score_text(after)


def scored_count(report: Report) -> int:
    return sum(1 for r in report.indicators if r.score is not None)


def has_illustrative(report: Report) -> bool:
    return any(o.illustrative for r in report.indicators for o in r.observations)


STATUS_STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.BEHIND: "yellow",
    Status.OFF_TRACK: "dark_orange",
    Status.REGRESSING: "bold red",
    Status.NOT_ACHIEVED: "bold red",
    Status.NO_DATA: "dim",
    Status.INCONCLUSIVE: "dim",
}


def panel_failing_line(panel: PanelReport, lang: str) -> str:
    """How many regions of a panel fail a binding indicator, and how many are unranked."""
    failing = sum(1 for entry in panel.ranking if entry.binding_failures)
    line = label(lang, "panel_failing", count=failing, regions=len(panel.regions))
    unranked = sum(1 for entry in panel.ranking if entry.rank is None)
    if unranked:
        line += "; " + label(lang, "panel_withheld", count=unranked, minimum=panel.minimum_coverage)
    return line


def regions_summary(validation: Validation) -> str:
    """`3 of 2,000 regions have problems` (data with a region column)."""
    found = len(validation.regions_with_problems())
    total = len(validation.regions)
    if not found:
        return msg("{total:,} region(s), none with a problem", total=total)
    return msg("{found:,} of {total:,} region(s) have problems", found=found, total=total)


def revisions_heading(validation: Validation) -> Message:
    """`Figures since the previous data (base/data): 2 revised, 20 added, 1 removed`."""
    counts = dict.fromkeys(("revised", "added", "removed"), 0)
    for r in validation.revisions:
        counts[r.kind] += 1
    return msg(
        "Figures since the previous data ({previous}): {revised} revised, {added} added, "
        "{removed} removed",
        previous=", ".join(validation.previous),
        **counts,
    )


def revision_kind(revision: Revision) -> Message:
    """The kind of a changed figure as a reader says it: revised, added or removed."""
    kinds = {"revised": msg("revised"), "added": msg("added"), "removed": msg("removed")}
    return kinds[revision.kind]


def revision_line(revision: Revision) -> Message:
    """One figure that changed: `indicator 1 (id) 2018: revised 10500 -> 10600 (...)`."""
    r = revision
    head = (
        msg("indicator {no} ({id}) {year}", no=r.no, id=r.indicator, year=r.year)
        if r.region is None
        else msg(
            "indicator {no} ({id}) {year} (region {region})",
            no=r.no,
            id=r.indicator,
            year=r.year,
            region=repr(r.region),
        )
    )
    if r.kind == "added":
        return msg(
            "{head}: added {current} ({location})",
            head=head,
            current=r.current,
            location=r.current_location,
        )
    if r.kind == "removed":
        return msg(
            "{head}: removed {previous} (was at {location})",
            head=head,
            previous=r.previous,
            location=r.previous_location,
        )
    line = msg(
        "{head}: revised {previous} -> {current} (was at {was}, now at {now})",
        head=head,
        previous=r.previous,
        current=r.current,
        was=r.previous_location,
        now=r.current_location,
    )
    if r.reason is not None:
        return msg("{line}; reason: {reason}", line=line, reason=r.reason)
    if r.severity is None:
        return line
    return msg("{line}; no reason given ({severity})", line=line, severity=r.severity)


def verdict(validation: Validation) -> str:
    """`3 files checked: 2 errors, 1 warning. Not valid.`"""
    if validation.valid:
        outcome = msg("Valid.")
    elif validation.errors:
        outcome = msg("Not valid.")
    else:
        outcome = msg("Not valid under --strict (warnings count).")
    return msg(
        "{files} checked: {errors}, {warnings}. {outcome}",
        files=plural(len(validation.files), "file"),
        errors=plural(validation.errors, "error"),
        warnings=plural(validation.warnings, "warning"),
        outcome=outcome,
    )


#: A count of things, as `plural` says it: one, and more than one.
_COUNTED = {
    "error": (msg("{count} error"), msg("{count} errors")),
    "warning": (msg("{count} warning"), msg("{count} warnings")),
    "file": (msg("{count} file"), msg("{count} files")),
    "row": (msg("{count} row"), msg("{count} rows")),
    "note": (msg("{count} note"), msg("{count} notes")),
}


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`: a message, in any language."""
    one, more = _COUNTED[word]
    return msg((one if count == 1 else more).msgid, count=count)
