"""`--format markdown`: a GitHub-flavoured summary for a pull-request comment or
`$GITHUB_STEP_SUMMARY`, and `planchk report --format markdown`, the report for people.

`evaluate`: overall score and coverage, category scores, and a table of indicators with status
symbols, the failing binding indicators first; with `--compare`, a table of what changed; for a
panel, the regions' ranking (`--region NAME`: the region's report headed by its name).
`validate`: the verdict, then a table of problems per file. Every text from data or spec is
escaped, so a `|` or a newline in a name cannot break a table.

The document (`planchk report`) has the same content as the HTML report; its charts are SVG
files written next to it (in `options.asset_dir`) and linked as images. It is rendered with
jinja2, every value passed through `escape_markdown`, so no text from the spec or the data can
open a link, an HTML tag or a table cell of its own. jinja2 and matplotlib are imported only
for the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planchk.formats import Document, DocumentOptions, Lang, RenderOptions
from planchk.formats.escaping import link_target, markdown, markdown_anywhere
from planchk.formats.text import (
    actual_text,
    attribute_letter,
    has_illustrative,
    has_manual,
    label,
    manual_legend,
    number,
    panel_failing_line,
    ratio_text,
    regions_summary,
    revision_kind,
    revision_line,
    revisions_heading,
    score_change,
    score_text,
    scored_count,
    status_text,
    target_label,
    target_text,
    verdict,
)
from planchk.messages import msg, text_in
from planchk.policy import failing_indicators
from planchk.problems import SEVERITY_WORDS, omitted_note, place
from planchk.results import Comparison, PanelReport, RegionReport, Report, Status
from planchk.validation_results import ProblemEntry, Validation

if TYPE_CHECKING:
    from jinja2 import Environment


def render_report(report: Report, options: RenderOptions) -> str:
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
            markdown(target_text(r, lang)),
            ratio_text(r.progress_ratio),
            markdown(status_text(r, lang)),
            score_text(r.score),
        ]
        if r.binding_failure:
            cells[1] = f"**{cells[1]}**"
        lines.append("| " + " | ".join(cells) + " |")
        for t in r.targets:  # several targets: one row each under the indicator
            sub = [
                "",
                f"↳ {markdown(target_label(t, lang))}",
                "",
                markdown(number(t.actual, t.judged_unit)),
                markdown(number(t.expected, t.judged_unit)),
                markdown(target_text(t)),
                ratio_text(t.progress_ratio),
                markdown(status_text(t, lang)),
                score_text(t.score),
            ]
            lines.append("| " + " | ".join(sub) + " |")
    if report.comparison is not None:
        lines += ["", *_comparison(report.comparison, lang)]
    notes = [label(lang, "attr_legend")]
    if any(r.approximate for r in report.indicators):
        notes.append(label(lang, "approximate"))
    if has_illustrative(report):
        notes.append(label(lang, "illustrative"))
    if has_manual(report.indicators):
        notes.append(manual_legend(lang))
    lines += ["", "<sub>" + "<br>".join(markdown(note) for note in notes) + "</sub>"]
    return "\n".join(lines) + "\n"


def render_panel(panel: PanelReport, options: RenderOptions) -> str:
    """The ranking: rank, region, overall score, coverage, failing binding indicators."""
    lang = options.lang
    plan = panel.plan
    lines = [
        f"## planchk: {markdown(plan.title.get(lang))}",
        "",
        f"{plan.base_year}-{plan.end_year}, "
        + label(
            lang, "panel", regions=len(panel.regions), year=panel.year, share=panel.elapsed_share
        ),
        "",
        panel_failing_line(panel, lang),
        "",
        "| "
        + " | ".join(
            label(lang, key)
            for key in ("rank", "region", "score", "coverage_short", "failing_binding")
        )
        + " |",
        "| ---: | --- | ---: | ---: | --- |",
    ]
    for entry in panel.ranking:
        failing = ", ".join(str(no) for no in entry.binding_failures) or "–"
        rank = "–" if entry.rank is None else str(entry.rank)
        lines.append(
            f"| {rank} | {markdown(entry.region)} | {_score(entry.score)} | "
            f"{entry.coverage:.0%} | {failing} |"
        )
    lines += ["", label(lang, "panel_detail")]
    return "\n".join(lines) + "\n"


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region's report, headed by its name."""
    heading = label(options.lang, "region_heading", region=markdown(entry.region))
    return f"# {heading}\n\n" + render_report(entry.report, options)


#: The columns of a problem table; Region only in data with a region column.
_PROBLEM_HEADINGS = (
    msg("Line"),
    msg("Col"),
    msg("Region"),
    msg("Severity"),
    msg("Code"),
    msg("Message"),
)

#: The columns of the regions' table of a panel's validation.
_REGION_HEADINGS = (msg("Region"), msg("Errors"), msg("Warnings"))


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """The verdict, then one table of problems per file."""
    lang = options.lang

    def said(text: str) -> str:
        return markdown(text_in(text, lang))

    icon = "✅" if validation.valid else "❌"
    verdict_text = said(verdict(validation))
    lines = [f"## planchk {validation.command}", "", f"{icon} {verdict_text}"]
    for name, checked, problems in validation.sections():
        if not problems:
            continue
        counts = (
            ""
            if checked is None
            else " ("
            + said(
                msg(
                    "{errors} error(s), {warnings} warning(s)",
                    errors=checked.errors,
                    warnings=checked.warnings,
                )
            )
            + ")"
        )
        head = [said(h) for h in _PROBLEM_HEADINGS]
        lines += ["", f"### {markdown(name)}{counts}", ""]
        if validation.regions:  # data with a region column: each problem names its region
            lines += [
                "| " + " | ".join(head) + " |",
                "| ---: | ---: | --- | --- | --- | --- |",
            ]
        else:
            del head[2]
            lines += [
                "| " + " | ".join(head) + " |",
                "| ---: | ---: | --- | --- | --- |",
            ]
        for p in problems:
            line = "" if p.line is None else str(p.line)
            column = "" if p.column is None else str(p.column)
            region = f" {markdown(p.region or '')} |" if validation.regions else ""
            # in a workbook, Line and Col are the sheet's row and column: the message says which
            # sheet and cell
            where = "" if p.sheet is None else f"{markdown(_cell(p))}: "
            severity = said(SEVERITY_WORDS[p.severity])
            lines.append(
                f"| {line} | {column} |{region} {severity} | `{p.code}` | "
                f"{where}{said(p.message)} |"
            )
    if validation.regions:
        heading = said(msg("Regions"))
        lines += ["", f"### {heading}", "", said(regions_summary(validation))]
        found = validation.regions_with_problems()
        if found:
            columns = " | ".join(said(h) for h in _REGION_HEADINGS)
            lines += ["", f"| {columns} |", "| --- | ---: | ---: |"]
            lines.extend(f"| {markdown(r.region)} | {r.errors} | {r.warnings} |" for r in found)
    if validation.previous:
        lines += ["", f"### {said(revisions_heading(validation))}", ""]
        if validation.revisions:
            change, figure = said(msg("Change")), said(msg("Figure"))
            lines += [f"| {change} | {figure} |", "| --- | --- |"]
            lines.extend(
                f"| {said(revision_kind(r))} | {said(revision_line(r))} |"
                for r in validation.revisions
            )
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
            previous_score, score = score_change(change.previous_score, change.score)
            before = (
                "–"
                if change.previous_status is None
                else f"{change.previous_status.symbol} {change.previous_status.label(lang)} "
                f"{previous_score}"
            )
            now = f"{change.status.symbol} {change.status.label(lang)} {score}"
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


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


#: Coloured marks for the progress grid (GitHub shows emoji in colour), with the status symbol.
STATUS_MARKS: dict[Status, str] = {
    Status.ACHIEVED: "✅",
    Status.ON_TRACK: "🟢●",
    Status.BEHIND: "🟡◐",
    Status.OFF_TRACK: "🟠○",
    Status.REGRESSING: "🔴↓",
    Status.NOT_ACHIEVED: "🟤✖",
    Status.NO_DATA: "⚪?",
    Status.INCONCLUSIVE: "⚪?",
}


def escape_markdown(value: object) -> str:
    """Any value as Markdown text that shows as written (Markup passes unchanged)."""
    from markupsafe import Markup  # noqa: PLC0415

    if isinstance(value, Markup):
        return str(value)
    return markdown_anywhere(str(value))


def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined  # noqa: PLC0415

    return Environment(
        loader=PackageLoader("planchk.formats", "templates"),
        autoescape=False,  # Markdown, not HTML: escape_markdown below escapes every value
        finalize=escape_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_document(report: Report, options: DocumentOptions) -> Document:
    """The report as Markdown, with one SVG chart file per indicator that has values."""
    from markupsafe import Markup  # noqa: PLC0415

    from planchk.formats.charts import indicator_chart  # noqa: PLC0415 - imports matplotlib
    from planchk.formats.report_view import build_view, page_words  # noqa: PLC0415

    lang = options.lang.value
    view = build_view(report, lang)
    assets: dict[str, str] = {}
    images: dict[int, Markup] = {}
    for result in report.indicators:
        svg = indicator_chart(result, lang, report.plan.base_year, report.plan.end_year)
        if svg is None:
            continue
        name = f"{options.asset_dir}/indicator-{result.no:02d}.svg"
        assets[name] = svg
        alt = escape_markdown(f"{result.no} {result.name.get(lang)}")
        # alt is escaped; the folder is named after the output file, so its target is encoded
        images[result.no] = Markup(f"![{alt}]({link_target(name)})")
    marks = {s.value: s_mark for s, s_mark in STATUS_MARKS.items()}
    text = (
        environment()
        .get_template("report.md.j2")
        .render(
            view=view,
            w=view.words,
            t=page_words(lang),
            images=images,
            marks=marks,
            statuses=[(s.value, STATUS_MARKS[s], s.label(lang)) for s in Status],
        )
    )
    return Document(text=text, assets=assets)
