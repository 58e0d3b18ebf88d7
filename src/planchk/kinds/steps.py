"""The writer of `planchk explain`'s numbered steps, and the lines every kind shares.

Each line that reproduces a number of the report ends with its JSON key in brackets,
`[expected]`, so a reviewer can find it in the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planchk.messages import indicator_ref, text_in
from planchk.numbers import num, parenthesised
from planchk.results import IndicatorResult, Observed
from planchk.safetext import plain as clean
from planchk.trails import target_met

if TYPE_CHECKING:
    from planchk.spec import Spec

#: The qualifiers of reported values in Chinese (with their JSON value, as explain shows them).
_QUALIFIER_ZH = {"at_least": "下限值", "at_most": "上限值", "about": "约数"}

#: The expected paths in Chinese.
_PATH_ZH = {"linear": "线性", "compound": "复合"}


class Steps:
    """The lines of an explanation, in English or Chinese, with numbered steps."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []
        self.step = 0

    def path_word(self, path: str | None) -> str:
        """A path (linear, compound) as the language names it; in Chinese with its JSON value
        in brackets, as explain shows every value of the audit trail."""
        shown = path or ""
        return f"{_PATH_ZH[shown]}({shown})" if self.lang == "zh" and shown in _PATH_ZH else shown

    def say(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def line(self, text: str, *keys: str, indent: int = 4) -> None:
        tags = "".join(f"  [{key}]" for key in keys)
        self.lines.append(" " * indent + text + tags)

    def numbered(self, text: str, *keys: str) -> None:
        self.step += 1
        tags = "".join(f"  [{key}]" for key in keys)
        self.lines.append(f"{self.step:>2}. {text}{tags}")


def unit_suffix(result: IndicatorResult) -> str:
    """The judged unit glued to a number: `%`, or ` unit`."""
    unit = result.judged_unit
    return "%" if unit == "%" else f" {unit}" if unit else ""


def ratio_step(w: Steps, r: IndicatorResult, formula: str, note: str = "") -> None:
    """The progress ratio R with its formula, or why there is none."""
    note = f" ({note})" if note else ""
    if r.progress_ratio is None:
        w.numbered(
            w.say(
                f"Progress ratio R: none{note}; {clean(text_in(r.reason or '', w.lang))}",
                f"进度比 R:无{note};{clean(text_in(r.reason or '', w.lang))}",
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


def no_baseline_step(w: Steps) -> None:
    """What a kind that needs a baseline says when there is none."""
    w.numbered(
        w.say(
            "No baseline, so no progress ratio: only whether the target is met is known",
            "无基期值,无法计算进度比:只能判断目标是否完成",
        )
    )


def growth_factor_line(
    w: Steps, r: IndicatorResult, factor: float, value: float | None, reporting: str = "level"
) -> None:
    """V_t / V_B: from the change since the base year, chained from yearly changes, or from
    the level and the baseline; or from rows that each say how they are reported (口径)."""
    if any(o.reported_as is not None for o in r.observations):
        _chained_line(w, r, factor, reporting)
        return
    if reporting == "change_from_base":
        c = next((o.value for o in r.observations if o.year == r.components.year), 0.0)
        w.numbered(
            w.say(
                f"Growth factor from the change since the base year: V_t / V_B = 1 + "
                f"{parenthesised(c)}/100 = {num(factor)}",
                f"由较基期变化率得增长倍数:V_t / V_B = 1 + {parenthesised(c)}/100 = {num(factor)}",
            ),
            "growth_factor",
        )
        return
    if value is None or r.baseline is None:
        parts = " × ".join(f"(1 + {parenthesised(o.value)}/100)" for o in r.observations)
        w.numbered(
            w.say(
                f"Growth factor from the yearly changes: V_t / V_B = {parts} = {num(factor)}",
                f"由逐年变化率连乘得增长倍数:V_t / V_B = {parts} = {num(factor)}",
            ),
            "growth_factor",
        )
        return
    b = r.baseline
    w.numbered(
        w.say(
            f"Growth factor: V_t / V_B = {num(value)} / {parenthesised(b)} = {num(factor)}",
            f"增长倍数:V_t / V_B = {num(value)} / {parenthesised(b)} = {num(factor)}",
        ),
        "growth_factor",
        "value",
    )


def _chained_line(w: Steps, r: IndicatorResult, factor: float, reporting: str) -> None:
    """V_t / V_B from the rows as each is reported: a change since the base year or a level
    over the baseline, then the yearly changes chained onto it."""
    parts = []
    for o in r.observations:
        mode = o.reported_as or reporting
        if o.year == r.components.base_year:
            continue  # the baseline's own row
        if mode == "level":
            parts.append(f"({num(o.value)} / {parenthesised(r.baseline or 0.0)})")
        else:
            parts.append(f"(1 + {parenthesised(o.value)}/100)")
    shown = " × ".join(parts)
    w.numbered(
        w.say(
            f"Growth factor from the rows as each is reported (a change since the base year or "
            f"a level, then yearly changes): V_t / V_B = {shown} = {num(factor)}",
            f"按各行口径(较基期变化或水平值,再连乘逐年变化)得增长倍数:V_t / V_B = {shown} = "
            f"{num(factor)}",
        ),
        "growth_factor",
    )


def needed_line(w: Steps, r: IndicatorResult, formula: str | None) -> None:
    """The pace needed from now on, with its formula; none for a target already met."""
    p = r.projection
    if p is None:
        return
    no_pace = p.required_yearly_addition is None and p.required_growth is None
    if no_pace and target_met(r.components):
        w.line(
            w.say(
                "Needed from now on: nothing more, the target is already met",
                "今后所需:无,目标已经完成",
            )
        )
        return
    if p.required_yearly_addition is not None and formula is not None:
        points = r.judged_unit == "%"
        per_year = w.say(
            "percentage points a year" if points else "a year", "个百分点/年" if points else "/年"
        )
        w.line(
            w.say(
                f"Needed from now on: {formula} = {num(p.required_yearly_addition)} {per_year}",
                f"今后每年需:{formula} = {num(p.required_yearly_addition)} {per_year}",
            ),
            "projection.required_yearly_addition",
        )
    elif p.required_growth is not None and formula is not None:
        w.line(
            w.say(
                f"Needed from now on: average growth {formula} = {num(p.required_growth)}% a year",
                f"今后每年需增长:{formula} = {num(p.required_growth)}%",
            ),
            "projection.required_growth",
        )


def projection_line(w: Steps, r: IndicatorResult, end: str) -> None:
    """The anticipated end value `end` (a formula with its result) and whether it meets."""
    p = r.projection
    if p is None:
        return
    e = r.components.end_year
    flag = "true" if p.meets_target else "false"
    meets = w.say(
        f"meets the target ({flag})" if p.meets_target else f"misses the target ({flag})",
        f"能完成目标 ({flag})" if p.meets_target else f"不能完成目标 ({flag})",
    )
    path = ""
    if p.path is not None:
        path = w.say(f" on the {p.path} path", f"(按{w.path_word(p.path)}路径)")
    w.numbered(
        w.say(
            f"Anticipated value in {e} at the pace so far{path}: {end}; {meets}",
            f"按目前进度 {e} 年预计{path}:{end};{meets}",
        ),
        "projection.end_value",
        "projection.meets_target",
        *(["projection.path"] if p.path is not None else []),
    )


def provenance(w: Steps, obs: Observed) -> str:
    """Where a value comes from: as reported, the file and line, the source and notes."""
    reported = clean(obs.as_reported)
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
        notes.append(
            w.say(obs.qualifier, f"{_QUALIFIER_ZH.get(obs.qualifier, '')}({obs.qualifier})")
        )
    if obs.preliminary:
        notes.append(w.say("preliminary", "预计数"))
    if obs.illustrative:
        notes.append(w.say("* illustrative, not an official statistic", "* 示例数据,非官方统计"))
    return text + (f" ({'; '.join(notes)})" if notes else "")


def reference_zh(spec: Spec, reference: str) -> str:
    """The indicator a target is tied to, as a Chinese line names it: `指标1“国内生产总值”`."""
    other = spec.indicator(reference)
    if other is None:  # the spec refuses an unknown reference; its id, should one be read
        return f"指标 {reference}"
    return text_in(indicator_ref(other.no, other.id, other.name.zh), "zh")


def tied_line(
    w: Steps,
    spec: Spec,
    reference: str | None,
    value: float | None,
    year: int,
    key: str,
    change: bool,
) -> None:
    """The target value of a level or change target tied to another indicator: where it is
    from (the reference's level in year t, or its change since the base year to t)."""
    if reference is None or value is None:
        return
    named = reference_zh(spec, reference) if w.lang == "zh" else reference
    if change:
        text = w.say(
            f"Target value: the change of the reference, indicator {reference}, since the base "
            f"year to {year}: c* = {num(value)}",
            f"目标值:参照{named}基期至{year}年的变化:c* = {num(value)}",
        )
    else:
        text = w.say(
            f"Target value: the level of the reference, indicator {reference}, in {year}: "
            f"T = {num(value)}",
            f"目标值:参照{named}{year}年的数值:T = {num(value)}",
        )
    w.line(text, "reference", key)
