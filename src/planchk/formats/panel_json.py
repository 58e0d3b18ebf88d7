"""`--format json` for a panel: every region's full report and the ranking
(schema: `planchk schema panel`)."""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.results import PanelReport, RegionReport


def render(panel: PanelReport, options: RenderOptions) -> str:
    """The panel as indented JSON with a trailing newline."""
    del options  # JSON is language-neutral: it carries both zh and en names
    # What model_dump_json does, with the newline added to the UTF-8 bytes: adding it to the
    # text would copy a text of tens of megabytes (20 MB more peak memory for 2,000 regions).
    data = panel.__pydantic_serializer__.to_json(panel, indent=2) + b"\n"
    return data.decode()


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region: its name and its report."""
    del options
    return entry.model_dump_json(indent=2) + "\n"
