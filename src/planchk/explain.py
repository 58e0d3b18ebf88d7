"""`planchk explain`: how one indicator's status was computed, step by step, as plain text.

Every number of the indicator's audit trail (`components` in the JSON report) and of its result
(progress ratio, score, weight, projection) is shown in a formula with the numbers put in, so a
reviewer can check it with a calculator. Each such line ends with the JSON key it reproduces in
brackets, `[expected]`. Numbers are shown to six significant digits; statuses are decided exactly
by the engine, so a displayed R of 0.95 may be just below or above the threshold: the status line
says which rule applied.
"""

from __future__ import annotations

from planchk.formats.text import clean
from planchk.results import IndicatorResult, Observed, Report, Status
from planchk.spec import Attribute, ChangeMode, Comparator, Indicator, Reporting, Spec, TargetKind

_COMPARATOR_WORDS = {
    "en": {
        Comparator.AT_LEAST: "at least",
        Comparator.MORE_THAN: "more than",
        Comparator.AT_MOST: "at most",
        Comparator.LESS_THAN: "less than",
        Comparator.ABOUT: "about",
    },
    "zh": {
        Comparator.AT_LEAST: "达到",
        Comparator.MORE_THAN: "超过",
        Comparator.AT_MOST: "不超过",
        Comparator.LESS_THAN: "低于",
        Comparator.ABOUT: "约",
    },
}


def num(value: float | int) -> str:
    """A number a calculator accepts: no thousands separators, six significant digits."""
    if isinstance(value, int) or (value == int(value) and abs(value) < 1e15):
        return str(int(value))
    if abs(value) >= 1e6:
        return f"{value:.0f}"
    return f"{value:.6g}"


def _f(components: dict[str, float | int | str | None], key: str) -> float:
    value = components[key]
    assert isinstance(value, int | float), f"{key} is not a number"
    return float(value)


def _p(value: float | int) -> str:
    """A number inside a formula: negative numbers in parentheses."""
    text = num(value)
    return f"({text})" if value < 0 else text


class _Writer:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []
        self.step = 0

    def say(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def line(self, text: str, *keys: str, indent: int = 4) -> None:
        tags = "".join(f"  [{key}]" for key in keys)
        self.lines.append(" " * indent + text + tags)

    def numbered(self, text: str, *keys: str) -> None:
        self.step += 1
        tags = "".join(f"  [{key}]" for key in keys)
        self.lines.append(f"{self.step:>2}. {text}{tags}")


def explain(spec: Spec, report: Report, indicator: Indicator, lang: str = "en") -> str:
    """The step-by-step computation of `indicator`'s status in `report`'s assessment year."""
    result = next(r for r in report.indicators if r.id == indicator.id)
    w = _Writer(lang)
    c = result.components
    other = "en" if lang == "zh" else "zh"
    name, other_name = clean(result.name.get(lang)), clean(result.name.get(other))
    title = f"{result.no} {result.id}: {name}"
    if other_name != name:
        title += f" ({other_name})"
    w.lines.append(title)
    base, end, year = spec.plan.base_year, spec.plan.end_year, report.year
    w.line(
        w.say(
            f"Plan period: B = {base} to E = {end}; assessment year t = {year}",
            f"规划期:B = {base} 至 E = {end};评估年份 t = {year}",
        ),
        "base_year",
        "end_year",
        "year",
        indent=0,
    )
    _target_line(w, spec, indicator, result)
    w.lines.append("")
    _baseline_step(w, indicator, result)
    _values_step(w, indicator, result)
    w.numbered(
        w.say(
            f"Share of the plan period elapsed s = (t − B) / (E − B) = ({year} − {base}) / "
            f"({end} − {base}) = {num(_f(c, 'elapsed_share'))}",
            f"规划期已过比例 s = (t − B) / (E − B) = ({year} − {base}) / ({end} − {base}) = "
            f"{num(_f(c, 'elapsed_share'))}",
        ),
        "elapsed_share",
    )
    if result.status is not Status.NO_DATA:
        _KIND_STEPS[indicator.target.kind](w, spec, indicator, result)
        _met_step(w, indicator, result)
    _status_step(w, spec, result, year == end)
    _score_step(w, result)
    _projection_step(w, indicator, result, year, end)
    _history_line(w, result)
    return "\n".join(w.lines) + "\n"


def _unit(result: IndicatorResult) -> str:
    unit = result.judged_unit
    return "%" if unit == "%" else f" {unit}" if unit else ""


def _level_unit(result: IndicatorResult, lang: str) -> str:
    unit = result.unit.get(lang)
    return f" {clean(unit)}" if unit else ""


def _target_line(w: _Writer, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    target = indicator.target
    words = _COMPARATOR_WORDS.get(w.lang, _COMPARATOR_WORDS["en"])[target.comparator]
    value = f"{num(r.target)}{_unit(r)}"
    base = spec.plan.base_year
    kind = {
        TargetKind.LEVEL: w.say("value of the measure", "指标数值"),
        TargetKind.CUMULATIVE: w.say(f"total added since {base}", f"{base}年以来累计新增"),
        TargetKind.AVERAGE_GROWTH: w.say(
            f"average annual growth since {base}", f"{base}年以来年均增速"
        ),
        TargetKind.CHANGE: w.say(f"change since {base}", f"较{base}年变化"),
    }[target.kind]
    if target.kind is TargetKind.LEVEL:
        kind += w.say(f", {target.path.value} path", f",{target.path.value} 路径")
    tolerance = ""
    if r.tolerance is not None:
        tolerance = w.say(
            f" (within ±{num(r.tolerance)}, or beyond it in the {r.direction.value} direction)",
            f"(允许 ±{num(r.tolerance)},超出方向为{r.direction.value}时亦算完成)",
        )
    attribute = w.say(r.attribute.value, "约束性" if r.attribute is Attribute.BINDING else "预期性")
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


def _baseline_step(w: _Writer, indicator: Indicator, r: IndicatorResult) -> None:
    if r.baseline is None:
        if indicator.reporting is Reporting.YEARLY_CHANGE:
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
        obs = next((o for o in r.observations if o.year == r.components["base_year"]), None)
        where = w.say("from the data", "取自数据")
        if obs is not None:
            where += f", {_provenance(w, obs)}"
    w.numbered(f"{w.say('Baseline', '基期值')} V_B = {num(r.baseline)}{unit}, {where}", "baseline")


def _provenance(w: _Writer, obs: Observed) -> str:
    reported = clean(obs.reported) + (f" {clean(obs.reported_unit)}" if obs.reported_unit else "")
    source = clean(obs.source) if obs.source else w.say("no source given", "未注明来源")
    text = w.say(
        (
            f"reported as “{reported}” in {clean(obs.file)} line {obs.line}, source: {source}"
            if obs.cell is None
            else f"reported as “{reported}” in {clean(obs.location)}, source: {source}"
        ),
        (
            f"原始数据“{reported}”,{clean(obs.file)} 第 {obs.line} 行,来源:{source}"
            if obs.cell is None
            else f"原始数据“{reported}”,{clean(obs.location)},来源:{source}"
        ),
    )
    notes = []
    if obs.qualifier != "exact":
        notes.append(obs.qualifier)
    if obs.preliminary:
        notes.append(w.say("preliminary", "预计数"))
    if obs.illustrative:
        notes.append(w.say("* illustrative, not an official statistic", "* 示例数据,非官方统计"))
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _values_step(w: _Writer, indicator: Indicator, r: IndicatorResult) -> None:
    base = r.components["base_year"]
    used = [o for o in r.observations if o.year != base or r.baseline_source != "data"]
    if not used:
        w.numbered(w.say("Values used: none", "所用数据:无"))
        return
    w.numbered(
        w.say("Values used (converted to the spec's unit):", "所用数据(已换算为规划表单位):")
    )
    unit = "%" if indicator.reporting is Reporting.YEARLY_CHANGE else _level_unit(r, w.lang)
    if r.kind is TargetKind.LEVEL and r.judged_unit == "%":
        unit = "%"
    for obs in used:
        is_current = obs.year == r.components["year"] and "value" in r.components
        keys: tuple[str, ...] = ()
        if is_current and indicator.reporting is Reporting.LEVEL:
            keys = ("value", "actual") if r.kind is TargetKind.LEVEL else ("value",)
        w.line(f"{obs.year}: {num(obs.value)}{unit}; {_provenance(w, obs)}", *keys, indent=6)


def _level_steps(w: _Writer, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    c = r.components
    b, v, e = _f(c, "baseline"), _f(c, "value"), _f(c, "expected")
    t, s = r.target, _f(c, "elapsed_share")
    if c["path"] == "compound":
        formula = f"V_B × (T / V_B)^s = {num(b)} × ({num(t)} / {num(b)})^{num(s)}"
    else:
        formula = f"V_B + (T − V_B) × s = {num(b)} + ({num(t)} − {_p(b)}) × {num(s)}"
    w.numbered(
        w.say(
            f"Expected value by t on the {c['path']} path: P_t = {formula} = {num(e)}",
            f"按{c['path']}路径 t 年应达到的值:P_t = {formula} = {num(e)}",
        ),
        "expected",
        "path",
    )
    progress, expected_progress = _f(c, "progress"), _f(c, "expected_progress")
    w.numbered(
        w.say(
            f"Progress so far: V_t − V_B = {num(v)} − {_p(b)} = {num(progress)}",
            f"实际进展:V_t − V_B = {num(v)} − {_p(b)} = {num(progress)}",
        ),
        "progress",
    )
    w.line(
        w.say(
            f"Expected progress: P_t − V_B = {num(e)} − {_p(b)} = {num(expected_progress)}",
            f"应有进展:P_t − V_B = {num(e)} − {_p(b)} = {num(expected_progress)}",
        ),
        "expected_progress",
    )
    _ratio_step(w, r, f"(V_t − V_B) / (P_t − V_B) = {num(progress)} / {_p(expected_progress)}")


def _cumulative_steps(w: _Writer, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    c = r.components
    total, e = _f(c, "additions_to_date"), _f(c, "expected")
    s = _f(c, "elapsed_share")
    if indicator.reporting is Reporting.ADDITION:
        parts = " + ".join(_p(o.value) for o in r.observations)
        formula = f"{parts} = {num(total)}"
    else:
        v = next(o.value for o in r.observations if o.year == c["year"])
        formula = f"V_t − V_B = {num(v)} − {_p(_f(c, 'baseline'))} = {num(total)}"
    w.numbered(
        w.say(f"Added since the base year: A_t = {formula}", f"基期以来累计新增:A_t = {formula}"),
        "additions_to_date",
        "actual",
    )
    w.numbered(
        w.say(
            f"Expected by t: P_t = T × s = {num(r.target)} × {num(s)} = {num(e)}",
            f"t 年应累计新增:P_t = T × s = {num(r.target)} × {num(s)} = {num(e)}",
        ),
        "expected",
    )
    if indicator.target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        formula = (
            f"(T − A_t) / (T − P_t) = ({num(r.target)} − {_p(total)}) / ({num(r.target)} − {_p(e)})"
        )
        _ratio_step(
            w,
            r,
            formula,
            w.say(
                "for a ceiling, the headroom left against the headroom expected",
                "上限指标:剩余空间与应剩空间之比",
            ),
        )
    else:
        _ratio_step(w, r, f"A_t / P_t = {num(total)} / {_p(e)}")


def _growth_factor_line(w: _Writer, indicator: Indicator, r: IndicatorResult) -> float:
    c = r.components
    factor = _f(c, "growth_factor")
    if indicator.reporting is Reporting.YEARLY_CHANGE:
        parts = " × ".join(f"(1 + {_p(o.value)}/100)" for o in r.observations)
        w.numbered(
            w.say(
                f"Growth factor from the yearly changes: V_t / V_B = {parts} = {num(factor)}",
                f"由逐年变化率连乘得增长倍数:V_t / V_B = {parts} = {num(factor)}",
            ),
            "growth_factor",
        )
    else:
        b, v = _f(c, "baseline"), _f(c, "value")
        w.numbered(
            w.say(
                f"Growth factor: V_t / V_B = {num(v)} / {_p(b)} = {num(factor)}",
                f"增长倍数:V_t / V_B = {num(v)} / {_p(b)} = {num(factor)}",
            ),
            "growth_factor",
            "value",
        )
    return factor


def _growth_steps(w: _Writer, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    c = r.components
    n = int(_f(c, "elapsed_years"))
    factor = _growth_factor_line(w, indicator, r)
    growth = _f(c, "average_growth")
    w.numbered(
        w.say(
            f"Average annual growth over n = t − B = {n} years: g_t = ((V_t / V_B)^(1/n) − 1) "
            f"× 100 = ({num(factor)}^(1/{n}) − 1) × 100 = {num(growth)}%",
            f"n = t − B = {n} 年的年均增速:g_t = ((V_t / V_B)^(1/n) − 1) × 100 = "
            f"({num(factor)}^(1/{n}) − 1) × 100 = {num(growth)}%",
        ),
        "average_growth",
        "elapsed_years",
        "actual",
    )
    w.line(
        w.say(
            f"Expected: the target rate g* = {num(r.target)}%",
            f"应达到:目标增速 g* = {num(r.target)}%",
        ),
        "expected",
    )
    _ratio_step(w, r, f"g_t / g* = {num(growth)} / {_p(r.target)}")
    on_track = _f(c, "threshold_on_track")
    level = (1 + on_track * r.target / 100) ** n
    w.line(
        w.say(
            f"Decided exactly without roots: R ≥ {num(on_track)} ⇔ V_t / V_B ≥ "
            f"(1 + {num(on_track)} × g*)^n = (1 + {num(on_track)} × {num(r.target / 100)})^{n} "
            f"= {num(level)}",
            f"精确判断,不开方:R ≥ {num(on_track)} ⇔ V_t / V_B ≥ (1 + {num(on_track)} × g*)^n = "
            f"(1 + {num(on_track)} × {num(r.target / 100)})^{n} = {num(level)}",
        )
    )


def _change_steps(w: _Writer, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    c = r.components
    change, e = _f(c, "change"), _f(c, "expected_change")
    s = _f(c, "elapsed_share")
    if indicator.target.change is ChangeMode.RELATIVE:
        factor = _growth_factor_line(w, indicator, r)
        w.numbered(
            w.say(
                f"Change since the base year: (V_t / V_B − 1) × 100 = ({num(factor)} − 1) × 100 "
                f"= {num(change)}%",
                f"较基期变化:(V_t / V_B − 1) × 100 = ({num(factor)} − 1) × 100 = {num(change)}%",
            ),
            "change",
            "actual",
        )
        w.numbered(
            w.say(
                f"Expected change by t: ((1 + c*)^s − 1) × 100 = ((1 + {_p(r.target / 100)})"
                f"^{num(s)} − 1) × 100 = {num(e)}%",
                f"t 年应有变化:((1 + c*)^s − 1) × 100 = ((1 + {_p(r.target / 100)})^{num(s)} − 1)"
                f" × 100 = {num(e)}%",
            ),
            "expected_change",
            "expected",
        )
    else:
        b, v = _f(c, "baseline"), _f(c, "value")
        w.numbered(
            w.say(
                f"Change since the base year: V_t − V_B = {num(v)} − {_p(b)} = {num(change)}",
                f"较基期变化:V_t − V_B = {num(v)} − {_p(b)} = {num(change)}",
            ),
            "change",
            "actual",
        )
        w.numbered(
            w.say(
                f"Expected change by t: c* × s = {_p(r.target)} × {num(s)} = {num(e)}",
                f"t 年应有变化:c* × s = {_p(r.target)} × {num(s)} = {num(e)}",
            ),
            "expected_change",
            "expected",
        )
    _ratio_step(w, r, f"{_p(change)} / {_p(e)}")


def _ratio_step(w: _Writer, r: IndicatorResult, formula: str, note: str = "") -> None:
    note = f" ({note})" if note else ""
    if r.progress_ratio is None:
        w.numbered(
            w.say(
                f"Progress ratio R: none{note}; {clean(r.reason or '')}",
                f"进度比 R:无{note};{clean(r.reason or '')}",
            )
        )
        return
    w.numbered(
        w.say(
            f"Progress ratio R = {formula} = {num(r.progress_ratio)}{note}",
            f"进度比 R = {formula} = {num(r.progress_ratio)}{note}",
        ),
        "progress_ratio",
    )


def _met_step(w: _Writer, indicator: Indicator, r: IndicatorResult) -> None:
    met = r.components.get("target_met")
    comparator = indicator.target.comparator
    symbol = comparator.symbol
    bound = f"{num(r.target)}{_unit(r)}"
    if r.tolerance is not None:
        # About a target: met within the tolerance, or beyond it in the indicator's direction.
        increase = r.direction.value == "increase"
        value = r.target - r.tolerance if increase else r.target + r.tolerance
        sign = "−" if increase else "+"
        bound = f"{num(r.target)} {sign} {num(r.tolerance)} = {num(value)}{_unit(r)}"
        symbol = "≥" if increase else "≤"
    what = {
        TargetKind.LEVEL: "V_t",
        TargetKind.CUMULATIVE: "A_t",
        TargetKind.AVERAGE_GROWTH: "g_t",
        TargetKind.CHANGE: w.say("the change", "变化"),
    }[indicator.target.kind]
    answer = w.say(str(met), f"{'是' if met == 'yes' else '否'} ({met})")
    w.numbered(
        w.say(
            f"End-of-plan target already satisfied ({what} {symbol} {bound})? {answer}",
            f"是否已满足规划期末目标({what} {symbol} {bound})?{answer}",
        ),
        "target_met",
        *(["tolerance"] if r.tolerance is not None else []),
    )


def _status_step(w: _Writer, spec: Spec, r: IndicatorResult, final: bool) -> None:
    c = r.components
    on, behind = num(_f(c, "threshold_on_track")), num(_f(c, "threshold_behind"))
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
            f"no status can be computed: {clean(r.reason or '')}",
            f"无法判断:{clean(r.reason or '')}",
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


def _score_step(w: _Writer, r: IndicatorResult) -> None:
    weight = w.say(
        f"weight {num(r.weight)} ({r.attribute.value})",
        f"权重 {num(r.weight)}({'约束性' if r.attribute is Attribute.BINDING else '预期性'})",
    )
    if r.score is None:
        text = w.say(f"Score: none (no data); {weight}", f"得分:无(缺少数据);{weight}")
    elif r.status is Status.ACHIEVED:
        text = w.say(
            f"Score: achieved scores {num(r.score)}; {weight}",
            f"得分:已完成计 {num(r.score)} 分;{weight}",
        )
    elif r.progress_ratio is None:
        text = w.say(
            f"Score: {num(r.score)} (a target to hold: 100 while it holds, else 0); {weight}",
            f"得分:{num(r.score)}(保持型目标:保持则 100,否则 0);{weight}",
        )
    else:
        text = w.say(
            f"Score = 100 × min(max(R, 0), 1) = 100 × min(max({num(r.progress_ratio)}, 0), 1) "
            f"= {num(r.score)}; {weight}",
            f"得分 = 100 × min(max(R, 0), 1) = 100 × min(max({num(r.progress_ratio)}, 0), 1) = "
            f"{num(r.score)};{weight}",
        )
    w.numbered(text, "score", "weight")


def _projection_step(w: _Writer, indicator: Indicator, r: IndicatorResult, t: int, e: int) -> None:
    if t >= e:
        w.numbered(w.say("Projection: none, the plan period has ended", "期末预测:无,规划期已结束"))
        return
    p = r.projection
    if p is None:
        w.numbered(
            w.say(
                "Projection: none (no data, or non-positive values)",
                "期末预测:无(缺少数据或数值非正)",
            )
        )
        return
    c = r.components
    base = int(_f(c, "base_year"))
    period, elapsed, remaining = e - base, t - base, e - t
    kind = indicator.target.kind
    unit = _unit(r)
    if kind is TargetKind.CUMULATIVE:
        total, s = _f(c, "additions_to_date"), _f(c, "elapsed_share")
        end = f"A_t / s = {num(total)} / {num(s)} = {num(p.end_value)}{unit}"
    elif kind is TargetKind.AVERAGE_GROWTH:
        end = w.say(
            f"the average growth so far continues: {num(p.end_value)}%",
            f"保持目前年均增速:{num(p.end_value)}%",
        )
    elif kind is TargetKind.LEVEL:
        b, v = _f(c, "baseline"), _f(c, "value")
        end = (
            f"V_B × (V_t / V_B)^((E − B) / (t − B)) = {num(b)} × ({num(v)} / {num(b)})"
            f"^({period}/{elapsed}) = {num(p.end_value)}{unit}"
        )
    elif indicator.target.change is ChangeMode.RELATIVE:
        factor = _f(c, "growth_factor")
        end = (
            f"((V_t / V_B)^((E − B) / (t − B)) − 1) × 100 = ({num(factor)}^({period}/{elapsed})"
            f" − 1) × 100 = {num(p.end_value)}%"
        )
    else:
        b, v = _f(c, "baseline"), _f(c, "value")
        end = (
            f"V_B × (V_t / V_B)^((E − B) / (t − B)) − V_B = {num(b)} × ({num(v)} / {num(b)})"
            f"^({period}/{elapsed}) − {_p(b)} = {num(p.end_value)}{unit}"
        )
    flag = "true" if p.meets_target else "false"
    meets = w.say(
        f"meets the target ({flag})" if p.meets_target else f"misses the target ({flag})",
        f"能完成目标 ({flag})" if p.meets_target else f"不能完成目标 ({flag})",
    )
    w.numbered(
        w.say(
            f"Anticipated value in {e} at the pace so far: {end}; {meets}",
            f"按目前进度 {e} 年预计:{end};{meets}",
        ),
        "projection.end_value",
        "projection.meets_target",
    )
    if p.required_yearly_addition is not None:
        total = _f(c, "additions_to_date")
        w.line(
            w.say(
                f"Needed from now on: (T − A_t) / (E − t) = ({num(r.target)} − {_p(total)}) / "
                f"{remaining} = {num(p.required_yearly_addition)} a year",
                f"今后每年需新增:(T − A_t) / (E − t) = ({num(r.target)} − {_p(total)}) / "
                f"{remaining} = {num(p.required_yearly_addition)}",
            ),
            "projection.required_yearly_addition",
        )
    elif p.required_growth is not None:
        formula = _needed_formula(indicator, r, remaining)
        w.line(
            w.say(
                f"Needed from now on: average growth {formula} = {num(p.required_growth)}% a year",
                f"今后每年需增长:{formula} = {num(p.required_growth)}%",
            ),
            "projection.required_growth",
        )


def _needed_formula(indicator: Indicator, r: IndicatorResult, remaining: int) -> str:
    """The required average growth from now on, as a formula with its numbers put in."""
    c = r.components
    kind = indicator.target.kind
    factor = _f(c, "growth_factor") if "growth_factor" in c else None
    if kind is TargetKind.LEVEL:
        symbols, ratio = "T / V_t", f"{num(r.target)} / {num(_f(c, 'value'))}"
    elif kind is TargetKind.AVERAGE_GROWTH and factor is not None:
        period = int(_f(c, "end_year")) - int(_f(c, "base_year"))
        symbols = "(1 + g*)^(E − B) / (V_t / V_B)"
        ratio = f"(1 + {_p(r.target / 100)})^{period} / {num(factor)}"
    elif factor is not None:
        symbols = "(1 + c*) / (V_t / V_B)"
        ratio = f"(1 + {_p(r.target / 100)}) / {num(factor)}"
    else:
        symbols = "(V_B + c*) / V_t"
        ratio = f"({num(_f(c, 'baseline'))} + {_p(r.target)}) / {num(_f(c, 'value'))}"
    return f"(({symbols})^(1/(E − t)) − 1) × 100 = (({ratio})^(1/{remaining}) − 1) × 100"


def _history_line(w: _Writer, r: IndicatorResult) -> None:
    if len(r.history) < 2:
        return
    steps = ", ".join(f"{p.year} {p.status.label(w.lang)}" for p in r.history)
    w.lines.append("")
    w.lines.append(w.say(f"Status by year: {steps}", f"各年度状态:{steps}"))


_KIND_STEPS = {
    TargetKind.LEVEL: _level_steps,
    TargetKind.CUMULATIVE: _cumulative_steps,
    TargetKind.AVERAGE_GROWTH: _growth_steps,
    TargetKind.CHANGE: _change_steps,
}
