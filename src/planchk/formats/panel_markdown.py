"""`--format markdown` for a panel: the regions' ranking as a GitHub-flavoured table."""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.formats.escaping import markdown
from planchk.formats.markdown import render as render_report
from planchk.formats.text import label, panel_failing_line
from planchk.results import PanelReport, RegionReport


def render(panel: PanelReport, options: RenderOptions) -> str:
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


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
