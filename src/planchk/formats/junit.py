"""`--format junit`: JUnit XML for CI test report views (GitHub, GitLab, Jenkins).

`evaluate`: one test case per indicator, failed when `--fail-on` fails it, skipped when it has
no data and does not fail; for a panel, one test case per region, failed when an indicator of the
region fails under `--fail-on` (`--region NAME`: the region's own report, the suite named after
the region). `validate` and `spec check`: one test case per file, failed when it
has errors (or warnings under `--strict`). No timestamps or durations, so the output is stable.
All text from data and specs is stripped of characters XML cannot carry and escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from planchk.formats import RenderOptions
from planchk.formats.escaping import one_line, xml_text
from planchk.formats.text import (
    actual_text,
    assessment_text,
    manual_note,
    number,
    ratio_text,
    revision_line,
    score_change,
    score_text,
    target_lines,
    target_text,
)
from planchk.policy import failing_in_region, failing_indicators
from planchk.results import (
    MANUAL_MARK,
    Comparison,
    IndicatorResult,
    PanelReport,
    RegionRank,
    RegionReport,
    Report,
    Status,
)
from planchk.validation_results import ProblemEntry, Validation


def render_report(report: Report, options: RenderOptions, region: str | None = None) -> str:
    """One `<testcase>` per indicator in a `<testsuite>` for the plan and assessment year (and
    the region, for one region of a panel)."""
    lang = options.lang
    failing = {r.id for r in failing_indicators(report, options.fail_on)}
    skipped = [r for r in report.indicators if r.id not in failing and r.status is Status.NO_DATA]
    name = f"planchk evaluate {report.plan.id} {report.year}"
    if region is not None:
        name = _attr(f"{name} {region}")
    root = ET.Element("testsuites", name="planchk", tests=str(len(report.indicators)))
    root.set("failures", str(len(failing)))
    suite = ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=str(len(report.indicators)),
        failures=str(len(failing)),
        errors="0",
        skipped=str(len(skipped)),
    )
    properties = ET.SubElement(suite, "properties")
    summary = report.summary
    for key, value in (
        ("plan", report.plan.id),
        ("year", str(report.year)),
        ("score", "withheld" if summary.score is None else f"{summary.score:.1f}"),
        ("coverage", f"{summary.coverage:.0%}"),
        ("fail_on", str(options.fail_on)),
        *([] if region is None else [("region", _attr(region))]),
    ):
        ET.SubElement(properties, "property", name=key, value=value)
    for result in report.indicators:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{report.plan.id}.{result.category}",
            name=_attr(f"{result.no:02d} {result.id}: {result.name.get(lang)}"),
        )
        detail = _detail(result, lang)
        if result.id in failing:
            failure = ET.SubElement(
                case,
                "failure",
                type=result.status.value,
                message=_attr(
                    f"{result.attribute} indicator {result.no} is {result.status.label(lang)}"
                    f"{manual_note(result, lang)}"
                ),
            )
            failure.text = detail
        elif result.status is Status.NO_DATA:
            ET.SubElement(case, "skipped", message=_attr(f"no data: {result.reason or ''}"))
        else:
            ET.SubElement(case, "system-out").text = detail
    if report.comparison is not None:
        ET.SubElement(suite, "system-out").text = _comparison(report.comparison, lang)
    return _serialise(root)


def render_panel(panel: PanelReport, options: RenderOptions) -> str:
    """A `<testsuite>` for the plan and assessment year with a `<testcase>` per region."""
    failing = {r.region: failing_in_region(r, options.fail_on) for r in panel.regions}
    failures = sum(1 for found in failing.values() if found)
    count = str(len(panel.regions))
    name = f"planchk evaluate {panel.plan.id} {panel.year} regions"
    root = ET.Element("testsuites", name="planchk", tests=count, failures=str(failures))
    suite = ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=count,
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    properties = ET.SubElement(suite, "properties")
    for key, value in (
        ("plan", panel.plan.id),
        ("year", str(panel.year)),
        ("regions", count),
        ("fail_on", str(options.fail_on)),
    ):
        ET.SubElement(properties, "property", name=key, value=value)
    ranks = {entry.region: entry for entry in panel.ranking}
    for region in panel.regions:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{panel.plan.id}.regions",
            name=_attr(region.region),
        )
        detail = _rank_detail(ranks[region.region])
        found = failing[region.region]
        if found:
            numbers = ", ".join(
                f"{r.no} ({r.status.label(options.lang)}{manual_note(r, options.lang)})"
                for r in found
            )
            failure = ET.SubElement(
                case,
                "failure",
                type="not_compliant",
                message=_attr(f"failing under --fail-on {options.fail_on}: {numbers}"),
            )
            failure.text = detail
        else:
            ET.SubElement(case, "system-out").text = detail
    return _serialise(root)


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region's report: a `<testcase>` per indicator, the suite named after the region."""
    return render_report(entry.report, options, region=entry.region)


def _rank_detail(rank: RegionRank) -> str:
    parts = [
        f"rank: {'unranked (score withheld)' if rank.rank is None else rank.rank}",
        f"score: {'withheld' if rank.score is None else f'{rank.score:.1f}'}",
        f"coverage: {rank.coverage:.0%}",
        "failing binding indicators: "
        + (", ".join(str(no) for no in rank.binding_failures) or "none"),
    ]
    return "\n".join(_attr(part) for part in parts)


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """One `<testcase>` per checked file (and per missing path), failed when the file fails;
    for data with a region column, a second suite with one `<testcase>` per region."""
    del options
    sections = validation.sections()
    failures = sum(
        1
        for _, checked, problems in sections
        if (validation.failing(checked) if checked is not None else bool(problems))
    )
    name = f"planchk {validation.command}"
    region_failures = sum(1 for r in validation.regions if validation.failing(r))
    tests = len(sections) + len(validation.regions)
    root = ET.Element("testsuites", name="planchk", tests=str(tests))
    root.set("failures", str(failures + region_failures))
    suite = ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=str(len(sections)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for file, checked, problems in sections:
        case = ET.SubElement(suite, "testcase", classname=name, name=_attr(file))
        listing = _listing(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        fails = validation.failing(checked) if checked is not None else bool(problems)
        if fails:
            counts = (
                f"{checked.errors} error(s), {checked.warnings} warning(s)"
                if checked is not None
                else f"{errors} error(s)"
            )
            failure = ET.SubElement(case, "failure", type="invalid", message=_attr(counts))
            failure.text = listing
        elif listing:
            ET.SubElement(case, "system-out").text = listing
    if validation.regions:
        _region_suite(root, validation, f"{name} regions", region_failures)
    if validation.previous:
        revised = _revisions_suite(root, validation, f"{name} revisions")
        root.set("tests", str(tests + len(validation.revisions)))
        root.set("failures", str(failures + region_failures + revised))
    return _serialise(root)


def _revisions_suite(root: ET.Element, validation: Validation, name: str) -> int:
    """A `<testcase>` per figure revised, added or removed since the previous data, failed
    when it is a revision without a reason that fails the check; returns the failures."""
    failing = [
        r.severity == "error" or (validation.strict and r.severity == "warning")
        for r in validation.revisions
    ]
    suite = ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=str(len(validation.revisions)),
        failures=str(sum(failing)),
        errors="0",
        skipped="0",
    )
    ET.SubElement(suite, "properties").append(
        ET.Element("property", name="previous", value=_attr(", ".join(validation.previous)))
    )
    for revision, fails in zip(validation.revisions, failing, strict=True):
        line = revision_line(revision)
        case = ET.SubElement(suite, "testcase", classname=name, name=_attr(line))
        if fails:
            ET.SubElement(case, "failure", type="revised-value", message=_attr(line))
    return sum(failing)


def _region_suite(root: ET.Element, validation: Validation, name: str, failures: int) -> None:
    """A `<testcase>` per region, failed when the region's rows have errors (or warnings under
    --strict), listing the region's listed problems."""
    suite = ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=str(len(validation.regions)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    listed: dict[str, list[ProblemEntry]] = {}
    for problem in validation.problems:
        if problem.region is not None:
            listed.setdefault(problem.region, []).append(problem)
    for region in validation.regions:
        case = ET.SubElement(suite, "testcase", classname=name, name=_attr(region.region))
        listing = _listing(listed.get(region.region, []))
        if validation.failing(region):
            counts = f"{region.errors} error(s), {region.warnings} warning(s)"
            failure = ET.SubElement(case, "failure", type="invalid", message=_attr(counts))
            failure.text = listing
        elif listing:
            ET.SubElement(case, "system-out").text = listing


def _listing(problems: list[ProblemEntry]) -> str:
    return "\n".join(_attr(f"{p.location}: {p.severity} {p.code}: {p.message}") for p in problems)


def _detail(result: IndicatorResult, lang: str) -> str:
    parts = [
        f"status: {result.status.label(lang)}{manual_note(result, lang)}"
        f"{' (approximate)' if result.approximate else ''}",
        f"actual: {actual_text(result)}",
        f"pace: {number(result.expected, result.judged_unit)}",
        f"target: {target_text(result, lang)}",
        f"R: {ratio_text(result.progress_ratio)}",
        f"score: {score_text(result.score)}",
    ]
    if result.reason:
        parts.append(f"reason: {result.reason}")
    parts.extend(target_lines(result, lang))
    assessed = assessment_text(result, lang)
    if assessed is not None:
        parts.append(f"{MANUAL_MARK} {assessed}")
    sources = [o.location for o in result.observations if o.year == _year(result)]
    if sources:
        parts.append(f"data: {', '.join(sources)}")
    return "\n".join(_attr(part) for part in parts)


def _year(result: IndicatorResult) -> int:
    return result.components.year


def _comparison(comparison: Comparison, lang: str) -> str:
    lines = [f"changes since {comparison.previous_file} ({comparison.previous_year}):"]
    for change in comparison.changes:
        before = "absent" if change.previous_status is None else change.previous_status.label(lang)
        previous_score, score = score_change(change.previous_score, change.score)
        lines.append(
            f"{change.no} {change.id}: {change.change.label(lang)} "
            f"({before} {previous_score} -> {change.status.label(lang)} {score})"
        )
    lines.append(f"{comparison.unchanged} unchanged")
    return "\n".join(_attr(line) for line in lines)


def _attr(text: str) -> str:
    """An attribute value: one line."""
    return xml_text(one_line(text))


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
