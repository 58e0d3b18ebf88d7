"""`--format markdown`: a GitHub-flavoured summary of a report, for a pull-request comment or
`$GITHUB_STEP_SUMMARY`: score and coverage, failing binding indicators first, categories and
indicators as tables."""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.formats.text import (
    actual_text,
    attribute_letter,
    clean,
    has_illustrative,
    label,
    number,
    scored_count,
    status_text,
    target_text,
)
from planchk.results import Report


def cell(text: str) -> str:
    """Text from a spec or data file made safe for a markdown table cell."""
    flat = " ".join(clean(text).split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")


def score_cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def overall_line(report: Report, lang: str) -> str:
    summary = report.summary
    if summary.score is None:
        why = label(lang, "withheld", coverage=summary.coverage, minimum=summary.minimum_coverage)
        return f"**{label(lang, 'overall')}: {why}**"
    coverage = label(
        lang,
        "coverage",
        coverage=summary.coverage,
        scored=scored_count(report),
        total=len(report.indicators),
    )
    return f"**{label(lang, 'overall')}: {summary.score:.1f} / 100**, {coverage}"


def render(report: Report, options: RenderOptions) -> str:
    """The report as GitHub-flavoured markdown."""
    lang = options.lang
    plan = report.plan
    lines = [
        f"## {cell(plan.title.get(lang))}",
        "",
        f"{plan.base_year}-{plan.end_year}, "
        + label(lang, "assessment", year=report.year, share=report.elapsed_share),
        "",
        overall_line(report, lang),
        "",
    ]
    failing = [r for r in report.indicators if r.binding_failure]
    if failing:
        lines.append(f"**{label(lang, 'markdown_failing')}:**")
        lines.append("")
        lines.extend(
            f"- {r.no} {cell(r.name.get(lang))}: {r.status.label(lang)}"
            + (f" ({cell(r.reason)})" if r.reason else "")
            for r in failing
        )
    else:
        lines.append(label(lang, "none_failing"))
    lines += [
        "",
        f"| {label(lang, 'category')} | {label(lang, 'score')} |",
        "| --- | ---: |",
    ]
    lines.extend(f"| {cell(c.name.get(lang))} | {score_cell(c.score)} |" for c in report.categories)
    headers = ("no", "indicator", "attr", "actual", "expected", "target", "status", "score")
    lines += [
        "",
        "| " + " | ".join(label(lang, h) for h in headers) + " |",
        "| ---: | --- | --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in report.indicators:
        row = (
            str(r.no),
            cell(r.name.get(lang)),
            attribute_letter(r.attribute),
            cell(actual_text(r)),
            number(r.expected, r.judged_unit),
            cell(target_text(r)),
            status_text(r, lang),
            score_cell(r.score),
        )
        lines.append("| " + " | ".join(row) + " |")
    notes = [label(lang, "attr_legend")]
    if any(r.approximate for r in report.indicators):
        notes.append(label(lang, "approximate"))
    if has_illustrative(report):
        notes.append(cell(label(lang, "illustrative")))
    lines += ["", *(f"{note}  " for note in notes[:-1]), notes[-1]]
    return "\n".join(lines) + "\n"
