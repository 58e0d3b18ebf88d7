"""`planchk explain`: how one indicator's status was computed, step by step, as plain text.

Every number of the indicator's audit trail (`components` in the JSON report) and of its result
(progress ratio, score, weight, projection) is shown in a formula with the numbers put in, so a
reviewer can check it with a calculator. Each such line ends with the JSON key it reproduces in
brackets, `[expected]`. Numbers are shown to six significant digits; statuses are decided exactly
by the engine, so a displayed R of 0.95 may be just below or above the threshold: the status line
says which rule applied.
"""

from __future__ import annotations

from planchk.kinds import KINDS
from planchk.kinds.steps import Steps, provenance, unit_suffix
from planchk.messages import text_in
from planchk.numbers import num
from planchk.results import MANUAL_MARK, TARGET_FIELDS, IndicatorResult, Report, Status, target_of
from planchk.safetext import plain as clean
from planchk.spec import Attribute, Comparator, Indicator, Reporting, Spec, TargetKind
from planchk.trails import (
    ChangeTrail,
    GrowthTrail,
    LevelTrail,
    QualitativeTrail,
    Trail,
    Unmeasured,
)

_COMPARATOR_WORDS = {
    "en": {
        Comparator.AT_LEAST: "at least",
        Comparator.MORE_THAN: "more than",
        Comparator.AT_MOST: "at most",
        Comparator.LESS_THAN: "less than",
        Comparator.ABOUT: "about",
        Comparator.BETWEEN: "between",
    },
    "zh": {
        Comparator.AT_LEAST: "达到",
        Comparator.MORE_THAN: "超过",
        Comparator.AT_MOST: "不超过",
        Comparator.LESS_THAN: "低于",
        Comparator.ABOUT: "约",
        Comparator.BETWEEN: "保持在",
    },
}


def _reports_value(trail: Trail) -> bool:
    """Whether the trail records the measure's value in the assessment year (`value`)."""
    if isinstance(trail, LevelTrail):
        return True
    return isinstance(trail, GrowthTrail | ChangeTrail) and trail.value is not None


def explain(spec: Spec, report: Report, indicator: Indicator, lang: str = "en") -> str:
    """The step-by-step computation of `indicator`'s status in `report`'s assessment year."""
    result = next(r for r in report.indicators if r.id == indicator.id)
    w = Steps(lang)
    other = "en" if lang == "zh" else "zh"
    name, other_name = clean(result.name.get(lang)), clean(result.name.get(other))
    title = f"{result.no} {result.id}: {name}"
    if other_name != name and lang != "zh":
        title += f" ({other_name})"
    w.lines.append(title)
    base, end, year = spec.base_year_of(indicator), spec.plan.end_year, report.year
    dated = ""
    if base != spec.plan.base_year:
        dated = w.say(
            f" (the baseline's year; the plan starts in {spec.plan.base_year})",
            f"(基期值年份;规划起始年为{spec.plan.base_year}年)",
        )
    w.line(
        w.say(
            f"Plan period: B = {base}{dated} to E = {end}; assessment year t = {year}",
            f"规划期:B = {base}{dated} 至 E = {end};评估年份 t = {year}",
        ),
        "base_year",
        "end_year",
        "year",
        indent=0,
    )
    if not result.targets:
        _target_steps(w, spec, indicator, result, year)
    for target in result.targets:
        own = result.model_copy(update={name: getattr(target, name) for name in TARGET_FIELDS})
        aspirational = w.say(
            " (aspirational, 力争: shown, neither scored nor failing)",
            "(力争:只展示,不计分、不判失败)",
        )
        w.lines.append("")
        w.lines.append(
            w.say(
                f"Target {target.number} of {len(result.targets)}",
                f"目标{target.number}(共{len(result.targets)}个)",
            )
            + (aspirational if target.aspirational else "")
        )
        _target_steps(w, spec, target_of(indicator, target), own, year)
    if result.targets:
        w.lines.append("")
        decider = next(t for t in result.targets if t.decides)
        w.lines.append(
            w.say(
                f"The indicator takes the worse status of its targets that are not aspirational "
                f"(no_data and inconclusive count as the worst), and the lower score: target "
                f"{decider.number}, {result.status.label('en')}, score "
                f"{'–' if result.score is None else num(result.score)}",
                f"指标取非力争目标中较差的状态(缺少数据、无法判定视为最差)和较低的得分:目标"
                f"{decider.number},{result.status.label('zh')},得分 "
                f"{'–' if result.score is None else num(result.score)}",
            )
        )
    _history_line(w, result)
    return "\n".join(w.lines) + "\n"


def _target_steps(
    w: Steps, spec: Spec, indicator: Indicator, result: IndicatorResult, year: int
) -> None:
    """The steps of one target: what it asks, the values, the measure, status and score."""
    c = result.components
    base, end = spec.base_year_of(indicator), spec.plan.end_year
    _target_line(w, spec, indicator, result)
    w.lines.append("")
    _baseline_step(w, indicator, result)
    _values_step(w, indicator, result)
    w.numbered(
        w.say(
            f"Share of the plan period elapsed s = (t − B) / (E − B) = ({year} − {base}) / "
            f"({end} − {base}) = {num(c.elapsed_share)}",
            f"规划期已过比例 s = (t − B) / (E − B) = ({year} − {base}) / ({end} − {base}) = "
            f"{num(c.elapsed_share)}",
        ),
        "elapsed_share",
    )
    kind = KINDS[indicator.target.kind]
    measured = not isinstance(c, Unmeasured | QualitativeTrail)
    if measured or (indicator.target.is_qualitative and result.assessment is not None):
        kind.steps(w, spec, indicator, result)
    if measured:
        _met_step(w, indicator, result)
    _status_step(w, spec, result, year == end)
    _score_step(w, result)
    _projection_step(w, spec, indicator, result)


def _level_unit(result: IndicatorResult, lang: str) -> str:
    unit = result.unit.get(lang)
    return f" {clean(unit)}" if unit else ""


def _target_line(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    target = indicator.target
    attribute = w.say(r.attribute.value, "约束性" if r.attribute is Attribute.BINDING else "预期性")
    if target.text is not None:
        text = clean(target.text.get(w.lang))
        w.line(
            w.say(
                f"Target: “{text}” by {spec.plan.end_year}, a qualitative target judged only by "
                f"an assessment; {attribute} indicator, weight {num(r.weight)}",
                f"目标:{spec.plan.end_year}年“{text}”,定性目标,仅由评估认定;{attribute}指标,"
                f"权重 {num(r.weight)}",
            ),
            "target_text",
            "weight",
            indent=0,
        )
        return
    words = _COMPARATOR_WORDS.get(w.lang, _COMPARATOR_WORDS["en"])[target.relation]
    value = f"{num(r.target_value)}{unit_suffix(r)}"
    if r.range is not None:
        low, high = num(r.range.min), num(r.range.max)
        value = w.say(
            f"{low} and {high}{unit_suffix(r)} (ends included)", f"{low}–{high}{unit_suffix(r)}之间"
        )
    kind = KINDS[target.kind].target_words(w, spec, indicator)
    tolerance = ""
    if r.tolerance is not None:
        tolerance = w.say(
            f" (within ±{num(r.tolerance)}, or beyond it in the {r.direction.value} direction)",
            f"(允许 ±{num(r.tolerance)},向{'增加' if r.direction.value == 'increase' else '减少'}"
            "方向超出时亦算完成)",
        )
    w.line(
        w.say(
            f"Target: {words} {value} by {spec.plan.end_year} ({kind}){tolerance}; "
            f"{attribute} indicator, weight {num(r.weight)}",
            f"目标:{spec.plan.end_year}年{words}{value}({kind}){tolerance};{attribute}指标,"
            f"权重 {num(r.weight)}",
        ),
        "target",
        "weight",
        indent=0,
    )


def _baseline_step(w: Steps, indicator: Indicator, r: IndicatorResult) -> None:
    if r.baseline is None:
        if indicator.reporting is Reporting.CHANGE_FROM_BASE:
            w.numbered(
                w.say(
                    "Baseline: not needed, the data reports the change since the base year",
                    "基期值:无需,数据为较基期变化",
                )
            )
        elif indicator.reporting is Reporting.YEARLY_CHANGE:
            w.numbered(
                w.say(
                    "Baseline: not needed, the data reports yearly changes",
                    "基期值:无需,数据为逐年变化率",
                )
            )
        elif indicator.reporting is Reporting.ADDITION:
            w.numbered(
                w.say(
                    "Baseline: not needed, the data reports additions",
                    "基期值:无需,数据为逐年新增量",
                )
            )
        else:
            w.numbered(w.say("Baseline: none", "基期值:无"))
        return
    unit = _level_unit(r, w.lang)
    if r.kind is TargetKind.LEVEL and r.judged_unit == "%":
        unit = "%"
    if r.baseline_source == "spec":
        spec_baseline = indicator.baseline
        where = w.say("from the spec", "取自规划表(spec)")
        if spec_baseline is not None and spec_baseline.source:
            where += f" ({clean(spec_baseline.source)})"
        if spec_baseline is not None and spec_baseline.quote:
            where += f": “{clean(spec_baseline.quote)}”"
    else:
        obs = next((o for o in r.observations if o.year == r.components.base_year), None)
        where = w.say("from the data", "取自数据")
        if obs is not None:
            where += f", {provenance(w, obs)}"
    w.numbered(f"{w.say('Baseline', '基期值')} V_B = {num(r.baseline)}{unit}, {where}", "baseline")


def _values_step(w: Steps, indicator: Indicator, r: IndicatorResult) -> None:
    base = r.components.base_year
    used = [o for o in r.observations if o.year != base or r.baseline_source != "data"]
    if not used:
        w.numbered(w.say("Values used: none", "所用数据:无"))
        return
    w.numbered(
        w.say("Values used (converted to the spec's unit):", "所用数据(已换算为规划表单位):")
    )
    unit = "%" if indicator.reports_percent_change else _level_unit(r, w.lang)
    if r.kind is TargetKind.LEVEL and r.judged_unit == "%":
        unit = "%"
    for obs in used:
        is_current = obs.year == r.components.year and _reports_value(r.components)
        keys: tuple[str, ...] = ()
        if is_current and indicator.reporting is Reporting.LEVEL and obs.reported_as is None:
            keys = ("value", "actual") if r.kind is TargetKind.LEVEL else ("value",)
        shown = unit
        if obs.reported_as is not None:
            # a row with its own 口径 (its provenance names it) has its own unit
            mode = Reporting(obs.reported_as)
            shown = "%" if indicator.is_percent_change(mode) else _level_unit(r, w.lang)
        w.line(f"{obs.year}: {num(obs.value)}{shown}; {provenance(w, obs)}", *keys, indent=6)


def _met_step(w: Steps, indicator: Indicator, r: IndicatorResult) -> None:
    c = r.components
    met = None if isinstance(c, Unmeasured | QualitativeTrail) else c.target_met
    comparator = indicator.target.relation
    symbol = comparator.symbol
    target = r.target_value
    bound = f"{num(target)}{unit_suffix(r)}"
    if r.tolerance is not None:
        # About a target: met within the tolerance, or beyond it in the indicator's direction.
        increase = r.direction.value == "increase"
        value = target - r.tolerance if increase else target + r.tolerance
        sign = "−" if increase else "+"
        bound = f"{num(target)} {sign} {num(r.tolerance)} = {num(value)}{unit_suffix(r)}"
        symbol = "≥" if increase else "≤"
    if r.range is not None:
        symbol, bound = "∈", f"[{num(r.range.min)}, {num(r.range.max)}]{unit_suffix(r)}"
    what = KINDS[indicator.target.kind].judged(w)
    # the JSON value in brackets, so that the line is found in the JSON report
    answer = w.say(str(met), f"{'是' if met == 'yes' else '否'} ({met})")
    w.numbered(
        w.say(
            f"End-of-plan target already satisfied ({what} {symbol} {bound})? {answer}",
            f"是否已满足规划期末目标({what} {symbol} {bound})?{answer}",
        ),
        "target_met",
        *(["tolerance"] if r.tolerance is not None else []),
    )


def _status_step(w: Steps, spec: Spec, r: IndicatorResult, final: bool) -> None:
    if r.assessment is not None:
        _assessed_status_step(w, r)
        return
    _computed_status_step(w, spec, r, final)


def _assessed_status_step(w: Steps, r: IndicatorResult) -> None:
    """The status given by an assessment, with the computed status it overrides (if any)."""
    a = r.assessment
    assert a is not None
    computed = r.computed_status
    if computed is not None:
        shown = f"{computed.label(w.lang)} ({computed.value})" if w.lang == "zh" else computed
        w.numbered(
            w.say(
                f"Computed from the data: {shown}; an assessment overrides it",
                f"按数据计算:{shown};评估认定取代计算结果",
            ),
            "computed_status",
        )
    label = f"{r.status.label(w.lang)} ({r.status.value})" if w.lang == "zh" else r.status.value
    who = clean(a.assessed_by) if a.assessed_by else w.say("not named", "未注明")
    when = a.date.isoformat() if a.date is not None else w.say("no date", "未注明日期")
    where = f"{clean(a.file)}:{a.line}" if a.line is not None else clean(a.file)
    w.line(
        w.say(
            f"Status: {label}{MANUAL_MARK} (by assessment: {clean(a.reason)}; by {who}, {when}; "
            f"{where})",
            f"状态:{label}{MANUAL_MARK}(评估认定:{clean(a.reason)};评估人 {who},{when};{where})",
        ),
        "status",
        "assessment",
    )


def _computed_status_step(w: Steps, spec: Spec, r: IndicatorResult, final: bool) -> None:
    c = r.components
    on, behind = num(c.threshold_on_track), num(c.threshold_behind)
    w.numbered(
        w.say(
            f"Thresholds: on track if R ≥ {on}, behind if R ≥ {behind}, off track if R ≥ 0, "
            "regressing if R < 0",
            f"判定标准:R ≥ {on} 符合进度,R ≥ {behind} 略有滞后,R ≥ 0 明显滞后,R < 0 逆向变化",
        ),
        "threshold_on_track",
        "threshold_behind",
    )
    label = f"{r.status.label(w.lang)} ({r.status.value})" if w.lang == "zh" else r.status.value
    if r.status is Status.NO_DATA:
        rule = w.say(
            f"no status can be computed: {clean(text_in(r.reason or '', w.lang))}",
            f"无法判断:{clean(text_in(r.reason or '', w.lang))}",
        )
    elif r.status is Status.INCONCLUSIVE:
        rule = w.say(
            f"not concluded: {clean(text_in(r.reason or '', w.lang))}",
            f"无法判定:{clean(text_in(r.reason or '', w.lang))}",
        )
    elif final:
        rule = w.say(
            f"in the end year {spec.plan.end_year} only the target counts: met or not",
            f"规划期末年份 {spec.plan.end_year} 只看目标是否完成",
        )
    elif r.reason:
        rule = clean(r.reason)
    elif r.status is Status.ACHIEVED:
        rule = w.say("the end-of-plan target is already met", "已提前完成规划期末目标")
    else:
        rule = w.say(
            f"R = {num(r.progress_ratio or 0.0)} against the thresholds (decided exactly)",
            f"R = {num(r.progress_ratio or 0.0)} 对照判定标准(精确判断)",
        )
    approx = ""
    if r.approximate:
        approx = w.say(
            "; ≈ it rests on an approximate, bounded or preliminary value",
            ";≈ 基于约数、区间值或预计值",
        )
    w.line(f"{w.say('Status', '状态')}: {label}: {rule}{approx}", "status")


def _score_step(w: Steps, r: IndicatorResult) -> None:
    weight = w.say(
        f"weight {num(r.weight)} ({r.attribute.value})",
        f"权重 {num(r.weight)}({'约束性' if r.attribute is Attribute.BINDING else '预期性'})",
    )
    if r.assessment is not None:
        score = w.say("none", "无") if r.score is None else num(r.score)
        text = w.say(
            f"Score: {score}, following the assessment's status (the computed score where it "
            f"lies in that status's band, else the band's own score); {weight}",
            f"得分:{score},按评估认定的状态计(计算得分在该状态区间内则沿用,否则取该区间的规定分);"
            f"{weight}",
        )
    elif r.score is None and r.status is Status.INCONCLUSIVE:
        text = w.say(f"Score: none (not concluded); {weight}", f"得分:无(无法判定);{weight}")
    elif r.score is None:
        text = w.say(f"Score: none (no data); {weight}", f"得分:无(缺少数据);{weight}")
    elif r.status is Status.ACHIEVED:
        text = w.say(
            f"Score: achieved scores {num(r.score)}; {weight}",
            f"得分:已完成计 {num(r.score)} 分;{weight}",
        )
    elif r.progress_ratio is None:
        text = w.say(
            f"Score: {num(r.score)} (no progress ratio: 100 while the target holds, else 0); "
            f"{weight}",
            f"得分:{num(r.score)}(无进度比:目标保持则 100,否则 0);{weight}",
        )
    else:
        text = w.say(
            f"Score = 100 × min(max(R, 0), 1) = 100 × min(max({num(r.progress_ratio)}, 0), 1) "
            f"= {num(r.score)}; {weight}",
            f"得分 = 100 × min(max(R, 0), 1) = 100 × min(max({num(r.progress_ratio)}, 0), 1) = "
            f"{num(r.score)};{weight}",
        )
    w.numbered(text, "score", "weight")


def _projection_step(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    if r.components.year == spec.plan.end_year:
        w.numbered(w.say("Projection: none, the plan period has ended", "期末预测:无,规划期已结束"))
        return
    if r.status is Status.INCONCLUSIVE:
        w.numbered(
            w.say(
                "Projection: none, a bound that decides nothing projects nothing",
                "期末预测:无,区间值无法判定",
            )
        )
        return
    if indicator.target.is_qualitative:
        w.numbered(
            w.say(
                "Projection: none, a qualitative target has no number to project",
                "期末预测:无,定性目标没有可预测的数值",
            )
        )
        return
    if r.projection is None:
        w.numbered(
            w.say(
                "Projection: none (no data, non-positive values, or a target judged year by year)",
                "期末预测:无(缺少数据、数值非正,或逐年考核的目标)",
            )
        )
        return
    KINDS[indicator.target.kind].projection_steps(w, spec, indicator, r)


def _history_line(w: Steps, r: IndicatorResult) -> None:
    if len(r.history) < 2:
        return
    steps = ", ".join(f"{p.year} {p.status.label(w.lang)}" for p in r.history)
    w.lines.append("")
    w.lines.append(w.say(f"Status by year: {steps}", f"各年度状态:{steps}"))
