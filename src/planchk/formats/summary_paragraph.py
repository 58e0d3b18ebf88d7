"""The summary paragraph that opens an evaluation report, in en and zh.

Says in prose what the summary cards show: the overall score (or why it is withheld), the
coverage, the binding indicators that fail and how many indicators have each status. The
documents (HTML, Word, Excel) print it above the evaluation table.
"""

from __future__ import annotations

from planchk.formats.text import clean, manual_note, scored_count
from planchk.results import Report, Status

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "opening": "By {year}, {share:.0%} of the plan period {base}–{end} has elapsed.",
        "score": "The {total} indicators score {score:.1f} out of 100 overall; {scored} of them "
        "have a score (coverage {coverage:.0%}).",
        "withheld": "The overall score is withheld: only {scored} of the {total} indicators "
        "have a score (coverage {coverage:.0%}, below the minimum {minimum:.0%}).",
        "binding_none": "No binding indicator fails.",
        "binding": "{count} binding indicator(s) fail: {names}.",
        "binding_item": "{no} {name} ({status})",
        "counts": "By status: {counts}.",
        "count": "{label} {count}",
        "separator": "; ",
    },
    "zh": {
        "opening": "截至{year}年，规划期（{base}–{end}年）已过{share:.0%}。",
        "score": "{total}项指标综合得分{score:.1f}分，其中{scored}项有得分（覆盖率{coverage:.0%}）。",
        "withheld": "{total}项指标中仅{scored}项有得分（覆盖率{coverage:.0%}，低于{minimum:.0%}），"
        "综合得分不予计算。",
        "binding_none": "约束性指标均达到要求。",
        "binding": "{count}项约束性指标未达要求：{names}。",
        "binding_item": "{no} {name}（{status}）",
        "counts": "从评价看，{counts}。",
        "count": "{label}{count}项",
        "separator": "、",
    },
}


def summary_paragraph(report: Report, lang: str) -> str:
    """The summary of `report` as one paragraph in `lang`."""
    words = _WORDS.get(lang, _WORDS["en"])
    summary = report.summary
    plan = report.plan
    total = len(report.indicators)
    parts = [
        words["opening"].format(
            year=report.year, share=report.elapsed_share, base=plan.base_year, end=plan.end_year
        )
    ]
    if summary.score is None:
        parts.append(
            words["withheld"].format(
                total=total,
                scored=scored_count(report),
                coverage=summary.coverage,
                minimum=summary.minimum_coverage,
            )
        )
    else:
        parts.append(
            words["score"].format(
                total=total,
                score=summary.score,
                scored=scored_count(report),
                coverage=summary.coverage,
            )
        )
    failing = [r for r in report.indicators if r.no in summary.binding_failures]
    if failing:
        names = words["separator"].join(
            words["binding_item"].format(
                no=r.no,
                name=clean(r.name.get(lang)),
                status=r.status.label(lang) + manual_note(r, lang),
            )
            for r in failing
        )
        parts.append(words["binding"].format(count=len(failing), names=names))
    else:
        parts.append(words["binding_none"])
    counts = words["separator"].join(
        words["count"].format(label=s.label(lang), count=summary.status_counts[s.value])
        for s in Status
        if summary.status_counts.get(s.value)
    )
    if counts:
        parts.append(words["counts"].format(counts=counts))
    return ("" if lang == "zh" else " ").join(parts)
