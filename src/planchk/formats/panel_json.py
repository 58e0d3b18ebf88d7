"""`--format json` for a panel: every region's full report and the ranking
(schema: `planchk schema panel`)."""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.results import PanelReport, RegionReport


def render(panel: PanelReport, options: RenderOptions) -> str:
    """The panel as indented JSON with a trailing newline."""
    del options  # JSON is language-neutral: it carries both zh and en names
    return panel.model_dump_json(indent=2) + "\n"


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region: its name and its report."""
    del options
    return entry.model_dump_json(indent=2) + "\n"
