"""What the HTML and Markdown reports show, as display strings: one view, two templates.

Numbers are formatted here and words chosen here, so both formats say the same thing; the
templates only place these strings (and escape them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planchk import __version__
from planchk.formats.status_marks import STATUS_SYMBOLS
from planchk.formats.text import (
    actual_text,
    assessment_text,
    attribute_letter,
    clean,
    has_illustrative,
    has_manual,
    label,
    manual_legend,
    manual_note,
    number,
    ratio_text,
    score_text,
    scored_count,
    target_lines,
    target_text,
)
from planchk.formats.words import change_text, end_value_text, needed_text, word
from planchk.messages import text_in
from planchk.numbers import num
from planchk.results import (
    MANUAL_MARK,
    IndicatorResult,
    Observed,
    Report,
    Status,
    StatusChangeKind,
)
from planchk.spec import Attribute

DOC_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "evaluation": "Evaluation for {year}",
        "period": "Plan period {base}–{end}; assessment year {year}, {share:.0%} of the period "
        "elapsed",
        "illustrative_banner": "This report contains illustrative figures, constructed for "
        "demonstration: they are marked ✱ in tables and drawn as hollow points in charts. "
        "They are not official statistics.",
        "summary": "Summary",
        "binding_failing": "binding indicator(s) failing",
        "score_by_year": "Overall score by year",
        "year": "Year",
        "categories": "Scores by category",
        "grid": "Progress by indicator and year",
        "charts": "Each indicator against its expected path",
        "charts_note": "Solid line: values from the data; dashed line: the path from the "
        "baseline to the target; star: the target in {end}.",
        "no_chart": "No chart: {reason}",
        "no_values": "no values in the data",
        "numbers": "Every number",
        "audit": "Audit trail: the numbers each status was derived from",
        "components": "components",
        "sources": "Sources of the data",
        "sources_note": "Every data row of the evaluated years, as written in the data files.",
        "reported": "Reported",
        "value": "Value",
        "unit": "Unit",
        "source": "Source",
        "file": "File",
        "warnings": "Warnings about the data",
        "weight": "Weight",
        "end_value": "End (proj.)",
        "needed": "Needed",
        "attribute": "Attribute",
        "binding": "binding",
        "expected": "expected",
        "illustrative_mark": "✱ illustrative",
        "pace_line": "Actual {actual} · expected by {year} {expected} · target {target} · "
        "R {ratio} · score {score}",
        "outlook_line": "At the pace so far: {end} in {end_year} ({meets}); needed from now "
        "on: {needed}",
        "meets": "meets the target",
        "misses": "misses the target",
        "method": "Method: status from the progress ratio R (progress so far over the "
        "progress the plan's pace expects); on track R ≥ {on}, behind R ≥ {behind}, off track "
        "R ≥ 0, regressing R < 0; score 100 × R clipped to [0, 1]. `planchk explain "
        "INDICATOR DATA` shows each computation step by step.",
        "footer": "Made by planchk {version} from {files}.",
        "legend": "Legend",
        "dated": "Date: {date}",
        "overview": "Overview by category and year",
        "appendix": "Appendix",
        "appendix_note": "Printed only with `planchk report --appendix`.",
    },
    "zh": {
        "evaluation": "{year}年度评估",
        "period": "规划期 {base}–{end} 年；评估年份 {year}，规划期已过 {share:.0%}",
        "illustrative_banner": "本报告含有仅供演示的示例数据：表中标有 ✱，图中为空心点。"
        "示例数据并非官方统计数据。",
        "summary": "概览",
        "binding_failing": "项约束性指标未达要求",
        "score_by_year": "各年度综合得分",
        "year": "年份",
        "categories": "分类得分",
        "grid": "各指标各年度进展",
        "charts": "各指标实际值与应达进度",
        "charts_note": "实线：实际数据；虚线：从基期值到目标值的应达进度；星号：{end}年目标。",
        "no_chart": "无图：{reason}",
        "no_values": "数据中没有数值",
        "numbers": "全部数值",
        "audit": "计算依据：每项状态所依据的数值",
        "components": "计算数值（components）",
        "sources": "数据来源",
        "sources_note": "评估年份内的每一行数据，按数据文件原文列出。",
        "reported": "原始值",
        "value": "数值",
        "unit": "单位",
        "source": "来源",
        "file": "文件",
        "warnings": "数据警告",
        "weight": "权重",
        "end_value": "期末预计",
        "needed": "所需进度",
        "attribute": "属性",
        "binding": "约束性",
        "expected": "预期性",
        "illustrative_mark": "✱ 示例数据",
        "pace_line": "实际 {actual} · {year}年应达 {expected} · 目标 {target} · R {ratio} · "
        "得分 {score}",
        "outlook_line": "按目前进度：{end_year}年预计 {end}（{meets}）；今后所需进度：{needed}",
        "meets": "能完成目标",
        "misses": "不能完成目标",
        "method": "方法：按进度比 R（实际进展与按时间进度应有进展之比）判断状态；R ≥ {on} "
        "符合进度，R ≥ {behind} 略有滞后，R ≥ 0 明显滞后，R < 0 逆向变化；得分为 100 × R"
        "（限于 0 到 1）。运行 `planchk explain 指标 数据` 可查看逐步计算过程。",
        "footer": "由 planchk {version} 根据 {files} 生成。",
        "legend": "图例",
        "dated": "日期：{date}",
        "overview": "分类与年度概览",
        "appendix": "附录",
        "appendix_note": "仅在使用 `planchk report --appendix` 时打印。",
    },
}


def doc_word(lang: str, key: str, **values: object) -> str:
    return DOC_WORDS.get(lang, DOC_WORDS["en"])[key].format(**values)


@dataclass(frozen=True)
class Cell:
    """A progress-grid cell: a status in a year."""

    status: str  # the Status value, used as a CSS class
    symbol: str
    label: str
    approximate: bool


@dataclass(frozen=True)
class ChangeLine:
    kind: str
    severe: bool
    text: str


@dataclass(frozen=True)
class SourceRow:
    no: int
    year: int
    reported: str
    value: str
    unit: str
    source: str
    link: str | None  # the source when it is an http(s) address
    where: str
    illustrative: bool
    approximate: bool


@dataclass(frozen=True)
class IndicatorView:
    no: int
    id: str
    name: str
    other_name: str
    attribute: str
    attribute_letter: str
    binding: bool
    status: str
    status_label: str
    baseline: str
    actual: str
    expected: str
    target: str
    ratio: str
    score: str
    weight: str
    end_value: str
    needed: str
    illustrative: bool
    reason: str
    cells: tuple[Cell, ...]
    pace_line: str
    outlook_line: str | None
    chart_note: str | None
    components: tuple[tuple[str, str], ...]
    targets: tuple[str, ...] = ()  # several targets: each one's line with its own result


@dataclass(frozen=True)
class ReportView:
    lang: str
    title: str
    subtitle: str
    evaluation: str
    period: str
    charts_note: str
    illustrative: bool
    score: str
    score_note: str
    binding_failing: int
    status_counts: tuple[tuple[str, str, str, int], ...]  # (status, symbol, label, count)
    trend: tuple[tuple[int, str], ...]
    categories: tuple[tuple[str, str, float], ...]  # (name, score text, bar width %)
    years: tuple[int, ...]
    changes: tuple[ChangeLine, ...]
    indicators: tuple[IndicatorView, ...]
    sources: tuple[SourceRow, ...]
    warnings: tuple[str, ...]
    method: str
    notes: str
    footer: str
    words: dict[str, str] = field(default_factory=dict)


def build_view(report: Report, lang: str) -> ReportView:
    """Everything the report documents show, formatted for `lang`."""
    summary = report.summary
    if summary.score is None:
        score = "–"
        note = label(lang, "withheld", coverage=summary.coverage, minimum=summary.minimum_coverage)
    else:
        score = f"{summary.score:.1f}"
        note = label(
            lang,
            "coverage",
            coverage=summary.coverage,
            scored=scored_count(report),
            total=len(report.indicators),
        )
    title = clean(report.plan.title.get(lang))
    # An English report names the plan by its Chinese title too (the plan's own name); a
    # Chinese report shows the Chinese title only.
    subtitle = clean(report.plan.title.get("zh")) if lang != "zh" else title
    years = tuple(y.year for y in report.trend) or (report.year,)
    trail = report.indicators[0].components if report.indicators else None
    return ReportView(
        lang=lang,
        title=title,
        subtitle="" if subtitle == title else subtitle,
        evaluation=doc_word(lang, "evaluation", year=report.year),
        charts_note=doc_word(lang, "charts_note", end=report.plan.end_year),
        period=doc_word(
            lang,
            "period",
            base=report.plan.base_year,
            end=report.plan.end_year,
            year=report.year,
            share=report.elapsed_share,
        ),
        illustrative=has_illustrative(report)
        or any(
            o.illustrative
            for r in report.indicators
            if r.trajectory
            for o in r.trajectory.observations
        ),
        score=score,
        score_note=note,
        binding_failing=len(summary.binding_failures),
        status_counts=tuple(
            (s.value, STATUS_SYMBOLS[s], s.label(lang), summary.status_counts.get(s.value, 0))
            for s in Status
            if summary.status_counts.get(s.value, 0)
        ),
        trend=tuple((y.year, score_text(y.score)) for y in report.trend),
        categories=tuple(
            (
                clean(c.name.get(lang)),
                score_text(c.score),
                0.0 if c.score is None else round(c.score, 1),
            )
            for c in report.categories
        ),
        years=years,
        changes=tuple(
            ChangeLine(
                kind=c.kind.value,
                severe=c.kind is StatusChangeKind.END_VALUE_MISSES,
                text=change_text(c, report, lang),
            )
            for c in report.changes
        ),
        indicators=tuple(_indicator(r, report, lang, years) for r in report.indicators),
        sources=_sources(report, lang),
        warnings=tuple(clean(text_in(w, lang)) for w in report.warnings),
        method=doc_word(
            lang,
            "method",
            on=num(0.95 if trail is None else trail.threshold_on_track),
            behind=num(0.6 if trail is None else trail.threshold_behind),
        ),
        notes=_notes(lang, has_manual(report.indicators)),
        footer=doc_word(
            lang,
            "footer",
            version=__version__,
            files=", ".join(clean(f) for f in report.data_files),
        ),
        words=DOC_WORDS.get(lang, DOC_WORDS["en"]),
    )


def _indicator(
    r: IndicatorResult, report: Report, lang: str, years: tuple[int, ...]
) -> IndicatorView:
    other = "en" if lang == "zh" else "zh"
    by_year = {p.year: p for p in r.history}
    cells = []
    for year in years:
        point = by_year.get(year)
        status = point.status if point else (r.status if year == report.year else Status.NO_DATA)
        cells.append(
            Cell(
                status=status.value,
                symbol=STATUS_SYMBOLS[status],
                label=status.label(lang) + (MANUAL_MARK if point and point.manual else ""),
                approximate=bool(point and point.approximate),
            )
        )
    baseline_unit = "" if r.judged_unit == "%" and r.kind != "level" else r.judged_unit
    actual = actual_text(r)  # ends with * when the assessment year's value is illustrative
    illustrative = actual.endswith("*")
    outlook = None
    if r.projection is not None:
        outlook = doc_word(
            lang,
            "outlook_line",
            end=end_value_text(r),
            end_year=report.plan.end_year,
            meets=doc_word(lang, "meets" if r.projection.meets_target else "misses"),
            needed=needed_text(r, lang),
        )
    chart_note = None
    if r.trajectory is None or not (r.trajectory.actual or r.trajectory.expected):
        chart_note = doc_word(
            lang, "no_chart", reason=clean(text_in(r.reason or doc_word(lang, "no_values"), lang))
        )
    return IndicatorView(
        no=r.no,
        id=r.id,
        name=clean(r.name.get(lang)),
        other_name=clean(r.name.get(other)),
        attribute=doc_word(lang, "binding" if r.attribute is Attribute.BINDING else "expected"),
        attribute_letter=attribute_letter(r.attribute),
        binding=r.attribute is Attribute.BINDING,
        status=r.status.value,
        status_label=f"{STATUS_SYMBOLS[r.status]} {r.status.label(lang)}"
        + ("≈" if r.approximate else "")
        + manual_note(r, lang),
        baseline=number(r.baseline, baseline_unit),
        actual=actual.removesuffix("*"),
        expected=number(r.expected, r.judged_unit),
        target=target_text(r, lang),
        ratio=ratio_text(r.progress_ratio),
        score=score_text(r.score),
        weight=num(r.weight),
        end_value=end_value_text(r),
        needed=needed_text(r, lang),
        illustrative=illustrative,
        reason=clean(text_in(r.reason or "", lang)),
        cells=tuple(cells),
        pace_line=doc_word(
            lang,
            "pace_line",
            actual=actual_text(r),
            year=report.year,
            expected=number(r.expected, r.judged_unit),
            target=target_text(r, lang),
            ratio=ratio_text(r.progress_ratio),
            score=score_text(r.score),
        )
        + _assessed_line(r, lang),
        outlook_line=outlook,
        chart_note=chart_note,
        components=tuple(
            (
                key,
                "–"
                if value is None
                else num(value)
                if isinstance(value, int | float)
                else clean(value),
            )
            for key, value in r.components.model_dump(mode="json").items()
        ),
        targets=tuple(clean(line) for line in target_lines(r, lang)),
    )


def _assessed_line(r: IndicatorResult, lang: str) -> str:
    """` · † assessed by …: reason; evidence: …` after the pace line, for an assessment's status."""
    a, who = r.assessment, assessment_text(r, lang)
    if a is None or who is None:
        return ""
    evidence = ""
    if a.evidence:
        evidence = (
            f"；依据：{clean(a.evidence)}" if lang == "zh" else f"; evidence: {clean(a.evidence)}"
        )
    return f" · {MANUAL_MARK} {who}: {clean(a.reason)}{evidence}"


def source_observations(report: Report) -> tuple[tuple[int, Observed], ...]:
    """Every data row of the evaluated years once, with its indicator's number, by indicator
    and year."""
    rows: dict[str, tuple[int, Observed]] = {}
    for r in report.indicators:
        found = r.trajectory.observations if r.trajectory else ()
        for obs in (*found, *r.observations):
            # a row of a wide table holds several years: a value is known by its location
            rows.setdefault(obs.location, (r.no, obs))
    return tuple(sorted(rows.values(), key=lambda item: (item[0], item[1].year)))


def _sources(report: Report, lang: str) -> tuple[SourceRow, ...]:
    units = {r.no: clean(r.unit.get(lang)) for r in report.indicators}
    result = []
    for no, obs in source_observations(report):
        source = clean(obs.source or "")
        link = source if source.startswith(("https://", "http://")) and " " not in source else None
        result.append(
            SourceRow(
                no=no,
                year=obs.year,
                reported=clean(obs.as_reported),
                value=num(obs.value),
                unit=units[no],
                source=source or "–",
                link=link,
                where=clean(obs.location),
                illustrative=obs.illustrative,
                approximate=obs.preliminary or obs.qualifier != "exact",
            )
        )
    return tuple(result)


def _notes(lang: str, manual: bool = False) -> str:
    """The legend under the table of numbers: attribute letters, ≈ and ✱, and † where a
    status is an assessment's."""
    parts = [
        label(lang, "attr_legend"),
        label(lang, "approximate"),
        doc_word(lang, "illustrative_mark"),
        *([manual_legend(lang)] if manual else []),
    ]
    return "。".join(parts) + "。" if lang == "zh" else ". ".join(parts) + "."


def page_words(lang: str) -> dict[str, str]:
    """Labels of the shared terminal wording the documents reuse."""
    keys = ("overall", "category", "score", "no", "indicator", "baseline", "actual", "expected")
    words = {key: label(lang, key) for key in keys}
    words.update(
        target=label(lang, "target"),
        ratio=label(lang, "ratio"),
        status=label(lang, "status"),
        changes=word(lang, "changes"),
        no_changes=word(lang, "no_changes"),
        approximate=label(lang, "approximate"),
        attr=label(lang, "attr"),
        attr_legend=label(lang, "attr_legend"),
    )
    return words
