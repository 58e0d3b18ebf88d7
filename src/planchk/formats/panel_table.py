"""`--format table` for a panel: the regions' ranking in the terminal.

A panel may have thousands of regions, so the ranking is laid out as plain aligned columns
(widths measured in terminal cells, so Chinese region names line up) rather than through a rich
table, which takes a noticeable time for thousands of rows.
"""

from __future__ import annotations

from rich.cells import cell_len

from planchk.formats import RenderOptions
from planchk.formats.text import clean, label, panel_failing_line
from planchk.results import PanelReport, RegionReport

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def render(panel: PanelReport, options: RenderOptions) -> str:
    """The ranking: rank, region, overall score, coverage, failing binding indicators."""
    lang = options.lang
    plan = panel.plan
    title = _wrap(clean(plan.title.get(lang)), options.width)
    lines = [
        *((f"{_BOLD}{line}{_RESET}" if options.color else line) for line in title),
        f"{plan.base_year}-{plan.end_year}, "
        + label(
            lang, "panel", regions=len(panel.regions), year=panel.year, share=panel.elapsed_share
        ),
        panel_failing_line(panel, lang),
        "",
    ]
    header = [label(lang, k) for k in ("rank", "region", "score", "coverage_short")]
    header.append(label(lang, "failing_binding"))
    rows = [
        [
            "–" if entry.rank is None else str(entry.rank),
            clean(entry.region),
            "–" if entry.score is None else f"{entry.score:.1f}",
            f"{entry.coverage:.0%}",
            ", ".join(str(no) for no in entry.binding_failures) or "–",
        ]
        for entry in panel.ranking
    ]
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(4)]
    right = (True, False, True, True)
    for row in [header, *rows]:
        cells = [_pad(row[i], widths[i], right[i]) for i in range(4)]
        lines.append(" ".join([*cells, row[4]]).rstrip())
        if row is header:
            lines.append("─" * (sum(widths) + 4 + cell_len(header[4])))
    lines += ["", label(lang, "panel_detail")]
    return "\n".join(lines) + "\n"


def render_region(entry: RegionReport, options: RenderOptions) -> str:
    """One region's report, headed by its name."""
    from planchk.formats.table import render as render_report  # noqa: PLC0415 - rich tables

    heading = label(options.lang, "region_heading", region=clean(entry.region))
    return heading + "\n" + render_report(entry.report, options)


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells, broken at spaces where there are
    any (a Chinese title has none, and its characters are two cells wide)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if cell_len(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    return [*lines, line] if line or not lines else lines


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - cell_len(text))
    return space + text if right else text + space
