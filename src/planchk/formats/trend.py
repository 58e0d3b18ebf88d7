"""The terminal's multi-year view: changes that matter, status by year, sparklines, outlook.

Rendered by `planchk.formats.table` when the report holds more than one year.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from planchk.formats import RenderOptions
from planchk.formats.text import STATUS_STYLES, clean, label, score_text
from planchk.formats.words import (
    change_text,
    end_value_text,
    needed_text,
    sparkline,
    word,
    yearly_values,
)
from planchk.results import Report, StatusChangeKind


def is_multi_year(report: Report) -> bool:
    return len(report.trend) > 1


def print_changes(console: Console, report: Report, lang: str) -> None:
    """The short list a busy reader sees first."""
    console.print(Text(word(lang, "changes") + ":", style="bold"))
    if not report.changes:
        console.print(Text("  " + word(lang, "no_changes"), style="green"))
    # A grid keeps wrapped lines indented under their text.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for change in report.changes:
        style = "bold red" if change.kind is StatusChangeKind.END_VALUE_MISSES else "yellow"
        mark = "✖" if change.kind is StatusChangeKind.END_VALUE_MISSES else "▼"
        grid.add_row(Text(f" {mark}", style=style), change_text(change, report, lang))
    if report.changes:
        console.print(grid)
    console.print()


def trend_table(report: Report, options: RenderOptions) -> Table:
    """Indicators x years as coloured status symbols, a sparkline of values, and the outlook."""
    lang = options.lang
    years = [y.year for y in report.trend]
    outlook = report.year < report.plan.end_year
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1) if options.width >= 110 else (0, 0),
        show_edge=False,
        title=word(lang, "by_year"),
        title_justify="left",
        title_style="bold",
    )
    table.add_column(label(lang, "no"), justify="right", no_wrap=True)
    table.add_column(label(lang, "indicator"), overflow="fold", ratio=1, min_width=14)
    for year in years:
        table.add_column(f"{year % 100:02d}", justify="center", no_wrap=True)
    table.add_column(word(lang, "values"), no_wrap=True)
    if outlook:
        table.add_column(word(lang, "end_value"), justify="right", no_wrap=True)
        table.add_column(word(lang, "needed"), justify="right", no_wrap=True)
    first = report.plan.base_year
    for r in report.indicators:
        cells: list[str | Text] = [str(r.no), clean(r.name.get(lang))]
        by_year = {p.year: p for p in r.history}
        for year in years:
            point = by_year.get(year)
            cells.append(
                Text(point.status.symbol, style=STATUS_STYLES[point.status]) if point else ""
            )
        cells.append(sparkline(yearly_values(r, first, report.year)))
        if outlook:
            cells.extend([end_value_text(r), needed_text(r, lang)])
        table.add_row(*cells)
    scores: list[str | Text] = ["", Text(word(lang, "overall_by_year"), style="bold")]
    scores.extend(score_text(y.score) for y in report.trend)
    table.add_section()
    table.add_row(*scores)
    return table


def print_trend(console: Console, report: Report, options: RenderOptions) -> None:
    console.print()
    console.print(trend_table(report, options))
    console.print(Text(word(options.lang, "history_legend"), style="dim"))
    if report.year < report.plan.end_year:
        console.print(Text(word(options.lang, "outlook_legend"), style="dim"))
