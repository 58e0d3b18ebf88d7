"""`--format github`: GitHub Actions workflow commands, so findings show on the pull request.

`validate`: every problem as `::error` or `::warning` with its file, line and column.
`evaluate`: an `::error` for each indicator that fails under `--fail-on`, a `::warning` for each
other indicator with a failing status, placed on the data row of the assessment year when there
is one; a `::notice` with the overall score; and one `::notice` per change with `--compare`.
For a panel: a `::notice` with how many regions fail, and an `::error` for each region with an
indicator that fails under `--fail-on`; `--region NAME` gives the region's own report, the
summary titled with the region.
Messages and properties are escaped as the runner expects (`%25`, `%0A`, `%3A`, `%2C`).
"""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.formats.escaping import github_message, github_property, one_line
from planchk.formats.text import (
    actual_text,
    assessment_text,
    label,
    manual_note,
    number,
    ratio_text,
    revision_line,
    revisions_heading,
    score_change,
    scored_count,
    target_lines,
    target_text,
)
from planchk.policy import failing_in_region, failing_indicators
from planchk.problems import omitted_note, place
from planchk.results import (
    FAILING_STATUSES,
    MANUAL_MARK,
    IndicatorResult,
    PanelReport,
    RegionReport,
    Report,
)
from planchk.validation_results import ProblemEntry, Validation


def render_report(report: Report, options: RenderOptions, region: str | None = None) -> str:
    """Workflow commands for the evaluation of `report` (of `region`, in a panel)."""
    lang = options.lang
    failing = {r.id for r in failing_indicators(report, options.fail_on)}
    lines = [_summary(report, lang, region)]
    for result in report.indicators:
        if result.id in failing:
            lines.append(_indicator("error", result, lang))
        elif result.status in FAILING_STATUSES:
            lines.append(_indicator("warning", result, lang))
    if report.comparison is not None:
        for change in report.comparison.changes:
            before = (
                "absent" if change.previous_status is None else change.previous_status.label(lang)
            )
            previous_score, score = score_change(change.previous_score, change.score)
            lines.append(
                _command(
                    "notice",
                    {"title": f"planchk indicator {change.no} {change.change.label(lang)}"},
                    f"{change.no} {change.name.get(lang)}: {before} {previous_score} -> "
                    f"{change.status.label(lang)} {score} "
                    f"(since {report.comparison.previous_file}, {report.comparison.previous_year})",
                )
            )
    return "\n".join(lines) + "\n"


def render_panel(panel: PanelReport, options: RenderOptions) -> str:
    """Workflow commands for the evaluation of every region of `panel`."""
    lang = options.lang
    ranks = {entry.region: entry for entry in panel.ranking}
    errors = []
    for region in panel.regions:
        found = failing_in_region(region, options.fail_on)
        if not found:
            continue
        rank = ranks[region.region]
        score = "withheld" if rank.score is None else f"{rank.score:.1f}"
        indicators = ", ".join(
            f"{r.no} {r.status.label(lang)}{manual_note(r, lang)}" for r in found
        )
        errors.append(
            _command(
                "error",
                {"title": f"planchk region {region.region}"},
                f"{region.region}: indicator(s) {indicators} (score {score}, "
                f"coverage {rank.coverage:.0%})",
            )
        )
    summary = _command(
        "notice",
        {"title": f"planchk {panel.plan.id} {panel.year}"},
        f"{len(panel.regions)} regions: {len(errors)} with an indicator failing under "
        f"--fail-on {options.fail_on}",
    )
    return "\n".join([summary, *errors]) + "\n"


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region's report as workflow commands, the summary titled with the region."""
    return render_report(entry.report, options, region=entry.region)


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """One `::error` or `::warning` per problem, then a `::notice` with the verdict."""
    del options
    lines = [_problem(p) for p in validation.problems]
    if validation.previous:
        lines.append(
            _command("notice", {"title": "planchk revisions"}, revisions_heading(validation))
        )
        for r in validation.revisions:
            properties: dict[str, str | int] = {}
            if r.file is not None and r.line is not None:
                properties |= {"file": r.file, "line": r.line}
            properties["title"] = f"planchk {r.kind} figure"
            lines.append(_command("notice", properties, revision_line(r)))
    note = omitted_note(validation.not_listed)
    if note is not None:
        lines.append(_command("warning", {"title": "planchk"}, note))
    verdict = "valid" if validation.valid else "not valid"
    lines.append(
        _command(
            "notice",
            {"title": f"planchk {validation.command}"},
            f"{len(validation.files)} file(s) checked: {validation.errors} error(s), "
            f"{validation.warnings} warning(s){_regions_note(validation)}: {verdict}",
        )
    )
    return "\n".join(lines) + "\n"


def _regions_note(validation: Validation) -> str:
    """`, in 3 of 2,000 region(s)` for data with a region column."""
    if not validation.regions:
        return ""
    found = len(validation.regions_with_problems())
    return f", in {found:,} of {len(validation.regions):,} region(s)"


def _problem(problem: ProblemEntry) -> str:
    properties: dict[str, str | int] = {"file": problem.file}
    if problem.line is not None:
        properties["line"] = problem.line
    if problem.column is not None:
        properties["col"] = problem.column
    region = "" if problem.region is None else f" (region {problem.region})"
    # a workbook's lines are not what GitHub shows: the title names the sheet and cell
    cell = (
        ""
        if problem.sheet is None
        else " at "
        + place(problem.file, problem.line, problem.column, problem.sheet).removeprefix(
            f"{problem.file}!"
        )
    )
    properties["title"] = f"planchk {problem.code}{region}{cell}"
    return _command(str(problem.severity), properties, problem.message)


def _summary(report: Report, lang: str, region: str | None = None) -> str:
    summary = report.summary
    if summary.score is None:
        score = label(lang, "withheld", coverage=summary.coverage, minimum=summary.minimum_coverage)
    else:
        score = f"{summary.score:.1f} / 100"
    coverage = label(
        lang,
        "coverage",
        coverage=summary.coverage,
        scored=scored_count(report),
        total=len(report.indicators),
    )
    return _command(
        "notice",
        {
            "title": f"planchk {report.plan.id} {report.year}"
            + ("" if region is None else f" {region}")
        },
        f"{label(lang, 'overall')}: {score}, {coverage}",
    )


def _indicator(kind: str, result: IndicatorResult, lang: str) -> str:
    properties: dict[str, str | int] = {}
    current = [o for o in result.observations if o.year == result.components.year]
    a = result.assessment
    if a is not None:  # the status is the assessment's: annotate its line
        properties["file"] = a.file
        if a.line is not None:
            properties["line"] = a.line
    elif current:
        properties["file"] = current[0].file
        properties["line"] = current[0].line
    properties["title"] = (
        f"planchk {result.attribute} indicator {result.no} {result.status.label(lang)}"
        f"{manual_note(result, lang)}"
    )
    detail = (
        f"{result.no} {result.name.get(lang)}: actual {actual_text(result)}, "
        f"pace {number(result.expected, result.judged_unit)}, "
        f"target {target_text(result, lang)}, R {ratio_text(result.progress_ratio)}"
    )
    if result.reason:
        detail += f"; {result.reason}"
    for line in target_lines(result, lang):
        detail += f"; {line}"
    assessed = assessment_text(result, lang)
    if assessed is not None:
        detail += f"; {MANUAL_MARK} {assessed}"
    return _command(kind, properties, detail)


def _command(kind: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={github_property(str(value))}" for key, value in properties.items())
    head = f"::{kind} {props}" if props else f"::{kind}"
    return f"{head}::{github_message(one_line(message))}"
