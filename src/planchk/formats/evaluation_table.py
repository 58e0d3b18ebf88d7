"""The evaluation table of mid-term and final plan evaluations (中期评估, 总结评估), as a view.

One row per indicator, grouped by category, in the columns such reports use: 序号, 指标, 单位,
属性, 基期值, 目标值, 实际值 (of the assessment year), 完成进度 (the progress ratio R as a
percentage, or 已完成), 评价 (the status in its official term), 原因分析 and 下一步措施. The last two
are the author's: `Remarks` fills them where they have been written, else the indicator's
assessment (`--assessments`: its `cause` and `measures`), and otherwise they stay empty for the
author to fill in. A status given by an assessment is marked † (with the computed status it
overrides, if any) and the legend says so. Every cell is a display string, so the HTML, Word and
Excel documents show the same table; built from the `Report` alone, computing nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planchk.formats.status_marks import STATUS_SYMBOLS
from planchk.formats.text import (
    actual_text,
    clean,
    manual_legend,
    manual_note,
    number,
    score_text,
    target_label,
    target_text,
)
from planchk.results import IndicatorResult, Report, Status, TargetResult
from planchk.spec import Attribute, Comparator

#: Column keys, in order; `COLUMN_WORDS` has their headings.
COLUMNS = (
    "no",
    "indicator",
    "unit",
    "attribute",
    "baseline",
    "target",
    "actual",
    "progress",
    "assessment",
    "reasons",
    "measures",
)

COLUMN_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "no": "No.",
        "indicator": "Indicator",
        "unit": "Unit",
        "attribute": "Attribute",
        "baseline": "Baseline ({base})",
        "target": "Target ({end})",
        "actual": "Actual ({year})",
        "progress": "Progress",
        "assessment": "Assessment",
        "reasons": "Analysis of causes",
        "measures": "Next steps",
    },
    "zh": {
        "no": "序号",
        "indicator": "指标",
        "unit": "单位",
        "attribute": "属性",
        "baseline": "基期值（{base}年）",
        "target": "目标值（{end}年）",
        "actual": "实际值（{year}年）",
        "progress": "完成进度",
        "assessment": "评价",
        "reasons": "原因分析",
        "measures": "下一步措施",
    },
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Evaluation of the plan's indicators, {year}",
        "binding": "binding",
        "expected": "expected",
        "achieved": "achieved",
        "group": "{name} (score {score})",
        "binding_note": "★ binding indicator (约束性), to be met",
        "illustrative_note": "✱ illustrative figure, constructed for demonstration: not an "
        "official statistic",
        "approximate_note": "≈ assessment rests on an approximate, bounded or preliminary value",
        "progress_note": "Progress: progress so far against the progress the plan's pace "
        "expects by {year} (R), as a percentage",
    },
    "zh": {
        "title": "{year}年规划主要指标完成情况评估表",
        "binding": "约束性",
        "expected": "预期性",
        "achieved": "已完成",
        "group": "{number}、{name}（得分 {score}）",
        "binding_note": "★ 约束性指标",
        "illustrative_note": "✱ 示例数据，仅供演示，并非官方统计数据",
        "approximate_note": "≈ 评价基于约数、区间值或预计值",
        "progress_note": "完成进度：截至{year}年的实际进展与按时间进度应有进展之比（R），以百分比表示",
    },
}

#: How a target is written in each language: `{v}` is the number.
_TARGET_FORMS: dict[str, dict[Comparator, str]] = {
    "en": {
        Comparator.AT_LEAST: "{v}",
        Comparator.MORE_THAN: ">{v}",
        Comparator.AT_MOST: "≤{v}",
        Comparator.LESS_THAN: "<{v}",
        Comparator.ABOUT: "≈{v}",
    },
    "zh": {
        Comparator.AT_LEAST: "{v}",
        Comparator.MORE_THAN: "超过{v}",
        Comparator.AT_MOST: "不超过{v}",
        Comparator.LESS_THAN: "低于{v}",
        Comparator.ABOUT: "{v}左右",
    },
}

_CHINESE_NUMERALS = "一二三四五六七八九十"
BINDING_MARK = "★"
ILLUSTRATIVE_MARK = "✱"
APPROXIMATE_MARK = "≈"


@dataclass(frozen=True)
class Remarks:
    """What the author writes against an indicator: the analysis of causes (原因分析) and the
    next steps (下一步措施). Empty where nothing has been written yet."""

    reasons: str = ""
    measures: str = ""


@dataclass(frozen=True)
class EvaluationRow:
    """One indicator's row; every field is the text of its cell."""

    no: int
    id: str
    name: str  # with ★ when binding
    unit: str
    attribute: str
    binding: bool
    baseline: str
    target: str
    actual: str  # with ✱ when the assessment year's figure is illustrative
    illustrative: bool
    progress: str  # R as a percentage, or 已完成
    status: Status
    assessment: str  # the status in its official term
    approximate: bool  # the assessment rests on an approximate value: shown with ≈
    symbol: str
    manual: bool  # the status is an assessment's: † (and the computed status) in its cell
    reasons: str
    measures: str

    def cells(self) -> tuple[str, ...]:
        """The row's cells in the order of `COLUMNS`."""
        assessment = self.assessment + (APPROXIMATE_MARK if self.approximate else "")
        return (
            str(self.no),
            self.name,
            self.unit,
            self.attribute,
            self.baseline,
            self.target,
            self.actual,
            self.progress,
            assessment,
            self.reasons,
            self.measures,
        )


@dataclass(frozen=True)
class EvaluationGroup:
    """A category's heading (with its score) and its indicators."""

    id: str
    heading: str
    score: str
    rows: tuple[EvaluationRow, ...]


@dataclass(frozen=True)
class EvaluationTable:
    title: str
    year: int
    headings: tuple[str, ...]  # in the order of COLUMNS
    groups: tuple[EvaluationGroup, ...]
    notes: tuple[str, ...]  # the legend under the table, only for the marks it uses

    @property
    def rows(self) -> tuple[EvaluationRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)


def evaluation_words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def build_evaluation_table(
    report: Report, lang: str, remarks: Mapping[str, Remarks] | None = None
) -> EvaluationTable:
    """The evaluation table of `report` in `lang`; `remarks` (by indicator id) fills the
    author's columns."""
    words = evaluation_words(lang)
    columns = COLUMN_WORDS.get(lang, COLUMN_WORDS["en"])
    plan = report.plan
    headings = tuple(
        columns[key].format(base=plan.base_year, end=plan.end_year, year=report.year)
        for key in COLUMNS
    )
    written = remarks or {}
    groups = []
    for index, category in enumerate(report.categories):
        results = [r for r in report.indicators if r.category == category.id]
        if not results:
            continue
        score = score_text(category.score)
        numeral = _CHINESE_NUMERALS[index] if index < len(_CHINESE_NUMERALS) else str(index + 1)
        groups.append(
            EvaluationGroup(
                id=category.id,
                heading=words["group"].format(
                    number=numeral, name=clean(category.name.get(lang)), score=score
                ),
                score=score,
                rows=tuple(_row(r, lang, written.get(r.id, Remarks())) for r in results),
            )
        )
    table_rows = [row for group in groups for row in group.rows]
    notes = []
    if any(row.binding for row in table_rows):
        notes.append(words["binding_note"])
    if any(row.illustrative for row in table_rows):
        notes.append(words["illustrative_note"])
    if any(row.approximate for row in table_rows):
        notes.append(words["approximate_note"])
    if any(row.manual for row in table_rows):
        notes.append(manual_legend(lang))
    notes.append(words["progress_note"].format(year=report.year))
    return EvaluationTable(
        title=words["title"].format(year=report.year),
        year=report.year,
        headings=headings,
        groups=tuple(groups),
        notes=tuple(notes),
    )


def _row(r: IndicatorResult, lang: str, remarks: Remarks) -> EvaluationRow:
    words = evaluation_words(lang)
    binding = r.attribute is Attribute.BINDING
    spec_unit = clean(r.unit.get(lang))
    # Growth and relative-change targets are judged in percent; their baseline is the level of
    # the measure in the base year, in the spec's unit, so it carries that unit in its cell.
    judged_in_percent = r.judged_unit == "%" and r.kind != "level"
    unit = "%" if judged_in_percent else spec_unit
    baseline = number(r.baseline)
    if judged_in_percent and r.baseline is not None and spec_unit:
        baseline = f"{baseline} {spec_unit}"
    illustrative = actual_text(r).endswith("*")
    qualifier = {"at_least": ">", "at_most": "<", "about": "~"}.get(r.actual_qualifier, "")
    actual = "–" if r.actual is None else f"{qualifier}{number(r.actual)}"
    if illustrative:
        actual += ILLUSTRATIVE_MARK
    return EvaluationRow(
        no=r.no,
        id=r.id,
        name=clean(r.name.get(lang)) + (f" {BINDING_MARK}" if binding else ""),
        unit=unit,
        attribute=words["binding" if binding else "expected"],
        binding=binding,
        baseline=baseline,
        target=_target(r, lang),
        actual=actual,
        illustrative=illustrative,
        progress=progress_text(r, lang),
        status=r.status,
        assessment=r.status.label(lang) + manual_note(r, lang),
        approximate=r.approximate,
        symbol=STATUS_SYMBOLS[r.status],
        manual=r.assessment is not None,
        reasons=clean(remarks.reasons or _assessed(r, "cause")),
        measures=clean(remarks.measures or _assessed(r, "measures")),
    )


def _assessed(r: IndicatorResult, column: str) -> str:
    """The assessment's text for 原因分析 (`cause`) or 下一步措施 (`measures`), or empty."""
    a = r.assessment
    if a is None:
        return ""
    return (a.cause if column == "cause" else a.measures) or ""


def _target(r: IndicatorResult, lang: str) -> str:
    """The target as the plan writes it; a `between` target shows both ends, a qualitative one
    its words. Several targets are listed with each one's own assessment (the row's assessment
    is the indicator's)."""
    if r.targets:
        separator = ";" if lang == "zh" else "; "
        return separator.join(
            f"{target_label(t, lang)}: {_target_value(t, lang, t.judged_unit)} "
            f"({t.status.label(lang)})"
            for t in r.targets
        )
    return _target_value(r, lang)


def _target_value(r: IndicatorResult | TargetResult, lang: str, unit: str = "") -> str:
    if r.range is not None:
        return f"{number(r.range.min, unit)}–{number(r.range.max, unit)}"
    if r.comparator is None or r.target is None:  # qualitative: the plan's words
        return target_text(r, lang) if isinstance(r, IndicatorResult) else ""
    forms = _TARGET_FORMS.get(lang, _TARGET_FORMS["en"])
    return forms[r.comparator].format(v=number(r.target, "%" if unit == "%" else ""))


def progress_text(r: IndicatorResult, lang: str) -> str:
    """完成进度: R as a whole percentage, 已完成 once achieved, – without a ratio."""
    if r.status is Status.ACHIEVED:
        return evaluation_words(lang)["achieved"]
    if r.progress_ratio is None:
        return "–"
    percent = round(r.progress_ratio * 100)
    return f"{0 if percent == 0 else percent}%"  # never "-0%"
