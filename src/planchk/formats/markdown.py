"""`--format markdown`: a GitHub-flavoured summary for a pull-request comment or
`$GITHUB_STEP_SUMMARY`.

`evaluate`: overall score and coverage, category scores, and a table of indicators with status
symbols, the failing binding indicators first; with `--compare`, a table of what changed.
`validate`: the verdict, then a table of problems per file. Every text from data or spec is
escaped, so a `|` or a newline in a name cannot break a table.
"""

from __future__ import annotations

from planchk.formats import Lang, RenderOptions
from planchk.formats.escaping import markdown
from planchk.formats.problem_list import regions_summary, verdict
from planchk.formats.text import (
    actual_text,
    attribute_letter,
    has_illustrative,
    label,
    number,
    ratio_text,
    score_text,
    scored_count,
    status_text,
    target_text,
)
from planchk.policy import failing_indicators
from planchk.problems import omitted_note, place
from planchk.results import Comparison, Report
from planchk.validation import ProblemEntry, Validation


def render(report: Report, options: RenderOptions) -> str:
    """The evaluation as a markdown summary."""
    lang = options.lang
    plan, summary = report.plan, report.summary
    failing = failing_indicators(report, options.fail_on)
    binding = [r for r in report.indicators if r.binding_failure]
    lines = [f"## planchk: {markdown(plan.title.get(lang))}", ""]
    lines.append(
        f"{plan.base_year}-{plan.end_year}, "
        + label(lang, "assessment", year=report.year, share=report.elapsed_share)
    )
    lines.append("")
    if summary.score is None:
        why = label(lang, "withheld", coverage=summary.coverage, minimum=summary.minimum_coverage)
        lines.append(f"**{label(lang, 'overall')}: {why}**")
    else:
        coverage = label(
            lang,
            "coverage",
            coverage=summary.coverage,
            scored=scored_count(report),
            total=len(report.indicators),
        )
        lines.append(f"**{label(lang, 'overall')}: {summary.score:.1f} / 100**, {coverage}")
    lines.append("")
    if binding:
        names = ", ".join(f"{r.no} {markdown(r.name.get(lang))}" for r in binding)
        lines.append(f"❌ **{label(lang, 'failing_count', count=len(binding))}**: {names}")
    else:
        lines.append(f"✅ {label(lang, 'none_failing')}")
    if failing and options.fail_on != "binding":
        numbers = ", ".join(str(r.no) for r in failing)
        lines.append("")
        lines.append(f"Failing under `--fail-on {options.fail_on}`: {numbers}")
    lines += ["", f"### {label(lang, 'categories')}", ""]
    lines += [f"| {label(lang, 'category')} | {label(lang, 'score')} |", "| --- | ---: |"]
    for category in report.categories:
        lines.append(f"| {markdown(category.name.get(lang))} | {score_text(category.score)} |")
    lines += ["", f"### {label(lang, 'indicators')}", ""]
    headings = ["no", "indicator", "attr", "actual", "expected", "target", "ratio", "status"]
    lines.append("| " + " | ".join(label(lang, h) for h in [*headings, "score"]) + " |")
    lines.append("| ---: | --- | :-: | ---: | ---: | ---: | ---: | --- | ---: |")
    ordered = sorted(report.indicators, key=lambda r: not r.binding_failure)  # stable
    for r in ordered:
        cells = [
            str(r.no),
            markdown(r.name.get(lang)),
            attribute_letter(r.attribute),
            markdown(actual_text(r)),
            markdown(number(r.expected, r.judged_unit)),
            markdown(target_text(r)),
            ratio_text(r.progress_ratio),
            markdown(status_text(r, lang)),
            score_text(r.score),
        ]
        if r.binding_failure:
            cells[1] = f"**{cells[1]}**"
        lines.append("| " + " | ".join(cells) + " |")
    if report.comparison is not None:
        lines += ["", *_comparison(report.comparison, lang)]
    notes = [label(lang, "attr_legend")]
    if any(r.approximate for r in report.indicators):
        notes.append(label(lang, "approximate"))
    if has_illustrative(report):
        notes.append(label(lang, "illustrative"))
    lines += ["", "<sub>" + "<br>".join(markdown(note) for note in notes) + "</sub>"]
    return "\n".join(lines) + "\n"


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """The verdict, then one table of problems per file."""
    del options
    icon = "✅" if validation.valid else "❌"
    lines = [f"## planchk {validation.command}", "", f"{icon} {markdown(verdict(validation))}"]
    for name, checked, problems in validation.sections():
        if not problems:
            continue
        counts = (
            ""
            if checked is None
            else f" ({checked.errors} error(s), {checked.warnings} warning(s))"
        )
        lines += ["", f"### {markdown(name)}{counts}", ""]
        if validation.regions:  # data with a region column: each problem names its region
            lines += [
                "| Line | Col | Region | Severity | Code | Message |",
                "| ---: | ---: | --- | --- | --- | --- |",
            ]
        else:
            lines += [
                "| Line | Col | Severity | Code | Message |",
                "| ---: | ---: | --- | --- | --- |",
            ]
        for p in problems:
            line = "" if p.line is None else str(p.line)
            column = "" if p.column is None else str(p.column)
            region = f" {markdown(p.region or '')} |" if validation.regions else ""
            # in a workbook, Line and Col are the sheet's row and column: the message says which
            # sheet and cell
            where = "" if p.sheet is None else f"{markdown(_cell(p))}: "
            lines.append(
                f"| {line} | {column} |{region} {p.severity} | `{p.code}` | "
                f"{where}{markdown(p.message)} |"
            )
    if validation.regions:
        lines += ["", "### Regions", "", markdown(regions_summary(validation))]
        found = validation.regions_with_problems()
        if found:
            lines += ["", "| Region | Errors | Warnings |", "| --- | ---: | ---: |"]
            lines.extend(f"| {markdown(r.region)} | {r.errors} | {r.warnings} |" for r in found)
    note = omitted_note(validation.not_listed)
    if note is not None:
        lines += ["", markdown(note)]
    return "\n".join(lines) + "\n"


def _comparison(comparison: Comparison, lang: Lang | str) -> list[str]:
    title = label(
        lang, "changes", file=markdown(comparison.previous_file), year=comparison.previous_year
    )
    lines = [f"### {title}", ""]
    if comparison.changes:
        headings = [label(lang, key) for key in ("no", "indicator", "change", "before", "now")]
        lines.append("| " + " | ".join(headings) + " |")
        lines.append("| ---: | --- | --- | --- | --- |")
        for change in comparison.changes:
            before = (
                "–"
                if change.previous_status is None
                else f"{change.previous_status.symbol} {change.previous_status.label(lang)} "
                f"{score_text(change.previous_score)}"
            )
            now = f"{change.status.symbol} {change.status.label(lang)} {score_text(change.score)}"
            lines.append(
                f"| {change.no} | {markdown(change.name.get(lang))} | "
                f"{change.change.label(lang)} | {before} | {now} |"
            )
        lines.append("")
    lines.append(label(lang, "unchanged", count=comparison.unchanged))
    return lines


def _cell(problem: ProblemEntry) -> str:
    """`Sheet1!D7` (or `Sheet1!7:7`, `Sheet1`) for a problem in a workbook."""
    return place(problem.file, problem.line, problem.column, problem.sheet).removeprefix(
        f"{problem.file}!"
    )
