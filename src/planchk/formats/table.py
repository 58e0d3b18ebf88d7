"""`--format table`: the terminal report, rendered with rich.

Readable without colour (piped output, NO_COLOR) and in an 80-column terminal: statuses carry a
symbol and a word, not only a colour, and long names wrap inside their column.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from planchk.formats import Lang, RenderOptions
from planchk.formats.text import (
    STATUS_STYLES,
    actual_text,
    attribute_letter,
    clean,
    has_illustrative,
    label,
    number,
    ratio_text,
    score_text,
    scored_count,
    status_text,
    target_text,
)
from planchk.formats.trend import is_multi_year, print_changes, print_trend
from planchk.results import Comparison, Report, Status


def render(report: Report, options: RenderOptions) -> str:
    """The report as a terminal table (ANSI colours only when `options.color`)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        markup=False,  # names and reasons come from files: "[/x]" in one must print as written
        emoji=False,
        legacy_windows=False,
    )
    _print_heading(console, report, options.lang)
    if is_multi_year(report):
        print_changes(console, report, options.lang)
    console.print(_category_table(report, options.lang))
    console.print()
    console.print(_indicator_table(report, options))
    _print_lists(console, report, options.lang)
    if is_multi_year(report):
        print_trend(console, report, options)
    # rich pads wrapped rows to the full width; trailing blanks only get in the way of diffs.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _print_heading(console: Console, report: Report, lang: Lang) -> None:
    plan, summary = report.plan, report.summary
    console.print(Text(clean(plan.title.get(lang)), style="bold"))
    console.print(
        f"{plan.base_year}-{plan.end_year}, "
        + label(lang, "assessment", year=report.year, share=report.elapsed_share)
    )
    if summary.score is None:
        why = label(lang, "withheld", coverage=summary.coverage, minimum=summary.minimum_coverage)
        console.print(Text(f"{label(lang, 'overall')}: {why}", style="bold yellow"))
    else:
        coverage = label(
            lang,
            "coverage",
            coverage=summary.coverage,
            scored=scored_count(report),
            total=len(report.indicators),
        )
        console.print(
            Text(f"{label(lang, 'overall')}: {summary.score:.1f} / 100", style="bold"), end=""
        )
        console.print(f"  {coverage}")
    console.print()


def _category_table(report: Report, lang: Lang) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
    table.add_column(label(lang, "category"), overflow="fold")
    table.add_column(label(lang, "score"), justify="right")
    for category in report.categories:
        table.add_row(clean(category.name.get(lang)), score_text(category.score))
    return table


def _indicator_table(report: Report, options: RenderOptions) -> Table:
    lang = options.lang
    # Narrow terminals get one space between columns so the name keeps room to wrap.
    padding = (0, 1) if options.width >= 110 else (0, 0)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=padding, show_edge=False)
    table.add_column(label(lang, "no"), justify="right", no_wrap=True)
    table.add_column(label(lang, "indicator"), overflow="fold", ratio=1, min_width=14)
    table.add_column(label(lang, "attr"), no_wrap=True)
    for key in ("baseline", "actual", "expected", "target", "ratio"):
        table.add_column(label(lang, key), justify="right", no_wrap=True)
    table.add_column(label(lang, "status"), no_wrap=True)
    table.add_column(label(lang, "score"), justify="right", no_wrap=True)
    for r in report.indicators:
        # A growth indicator's baseline is the level of its measure, not a percentage.
        baseline_unit = "" if r.judged_unit == "%" and r.kind != "level" else r.judged_unit
        table.add_row(
            str(r.no),
            clean(r.name.get(lang)),
            attribute_letter(r.attribute),
            number(r.baseline, baseline_unit),
            actual_text(r),
            number(r.expected, r.judged_unit),
            target_text(r),
            ratio_text(r.progress_ratio),
            Text(status_text(r, lang), style=STATUS_STYLES[r.status]),
            score_text(r.score),
        )
    return table


def _print_lists(console: Console, report: Report, lang: Lang) -> None:
    failing = [r for r in report.indicators if r.binding_failure]
    if failing:
        console.print(Text(label(lang, "binding_failures") + ":", style="bold red"))
        for r in failing:
            reason = f": {clean(r.reason)}" if r.reason else ""
            console.print(f"  {r.no} {clean(r.name.get(lang))} - {r.status.label(lang)}{reason}")
    else:
        console.print(Text(label(lang, "none_failing"), style="green"))
    missing = [r for r in report.indicators if r.status is Status.NO_DATA]
    if missing:
        console.print(Text(label(lang, "no_data") + ":", style="bold"))
        for r in missing:
            console.print(f"  {r.no} {clean(r.name.get(lang))}: {clean(r.reason or '')}")
    if report.comparison is not None:
        _print_comparison(console, report.comparison, lang)
    console.print()
    notes = [label(lang, "attr_legend")]
    if any(r.approximate for r in report.indicators):
        notes.append(label(lang, "approximate"))
    if has_illustrative(report):
        notes.append(label(lang, "illustrative"))
    for note in notes:
        console.print(Text(note, style="dim"))


def _print_comparison(console: Console, comparison: Comparison, lang: Lang) -> None:
    title = label(
        lang, "changes", file=clean(comparison.previous_file), year=comparison.previous_year
    )
    console.print(Text(title + ":", style="bold"))
    for change in comparison.changes:
        before = (
            "–"
            if change.previous_status is None
            else f"{change.previous_status.symbol} {change.previous_status.label(lang)} "
            f"{score_text(change.previous_score)}"
        )
        now = f"{change.status.symbol} {change.status.label(lang)} {score_text(change.score)}"
        console.print(
            f"  {change.no} {clean(change.name.get(lang))}: {change.change.label(lang)} "
            f"({before} → {now})"
        )
    console.print(f"  {label(lang, 'unchanged', count=comparison.unchanged)}")
