"""`--format github` for a panel: a `::notice` with how many regions fail, and an `::error` for
each region with an indicator that fails under `--fail-on`; `--region NAME` gives the region's
own report as workflow commands."""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.formats.escaping import github_message, github_property, one_line
from planchk.formats.github import render as render_report
from planchk.policy import failing_in_region
from planchk.results import PanelReport, RegionReport


def render(panel: PanelReport, options: RenderOptions) -> str:
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
        indicators = ", ".join(f"{r.no} {r.status.label(lang)}" for r in found)
        errors.append(
            command(
                "error",
                {"title": f"planchk region {region.region}"},
                f"{region.region}: indicator(s) {indicators} (score {score}, "
                f"coverage {rank.coverage:.0%})",
            )
        )
    summary = command(
        "notice",
        {"title": f"planchk {panel.plan.id} {panel.year}"},
        f"{len(panel.regions)} regions: {len(errors)} with an indicator failing under "
        f"--fail-on {options.fail_on}",
    )
    return "\n".join([summary, *errors]) + "\n"


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region's report as workflow commands, the summary titled with the region."""
    return render_report(entry.report, options, region=entry.region)


def command(kind: str, properties: dict[str, str | int], message: str) -> str:
    """A workflow command (`::error title=...::message`), escaped as the runner expects."""
    props = ",".join(f"{key}={github_property(str(value))}" for key, value in properties.items())
    head = f"::{kind} {props}" if props else f"::{kind}"
    return f"{head}::{github_message(one_line(message))}"
