"""`--format junit` for a panel: one test case per region, failed when an indicator of the region
fails under `--fail-on`; `--region NAME` gives the region's own report, one case per indicator."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from planchk.formats import RenderOptions
from planchk.formats.escaping import one_line, xml_text
from planchk.formats.junit import render as render_report
from planchk.policy import failing_in_region
from planchk.results import PanelReport, RegionRank, RegionReport


def render(panel: PanelReport, options: RenderOptions) -> str:
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
            name=xml_attribute(region.region),
        )
        detail = _detail(ranks[region.region])
        found = failing[region.region]
        if found:
            numbers = ", ".join(f"{r.no} ({r.status.label(options.lang)})" for r in found)
            failure = ET.SubElement(
                case,
                "failure",
                type="not_compliant",
                message=xml_attribute(f"failing under --fail-on {options.fail_on}: {numbers}"),
            )
            failure.text = detail
        else:
            ET.SubElement(case, "system-out").text = detail
    return xml_document(root)


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region's report: a `<testcase>` per indicator, the suite named after the region."""
    return render_report(entry.report, options, region=entry.region)


def _detail(rank: RegionRank) -> str:
    parts = [
        f"rank: {'unranked (score withheld)' if rank.rank is None else rank.rank}",
        f"score: {'withheld' if rank.score is None else f'{rank.score:.1f}'}",
        f"coverage: {rank.coverage:.0%}",
        "failing binding indicators: "
        + (", ".join(str(no) for no in rank.binding_failures) or "none"),
    ]
    return "\n".join(xml_attribute(part) for part in parts)


def xml_attribute(text: str) -> str:
    """An attribute value: one line, only characters XML can carry."""
    return xml_text(one_line(text))


def xml_document(root: ET.Element) -> str:
    """`root` as an indented XML document with its declaration."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
