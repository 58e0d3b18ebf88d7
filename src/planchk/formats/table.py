"""`--format table`: what a terminal shows, for every result.

`evaluate`: the report drawn with rich, readable without colour (piped output, NO_COLOR) and in
an 80-column terminal: statuses carry a symbol and a word, not only a colour, and long names wrap
inside their column; with more than one year, the changes that matter first and the status by
year after the table. A panel's ranking is laid out as plain aligned columns (widths measured in
terminal cells, so Chinese region names line up): a panel may have thousands of regions, which a
rich table takes a noticeable time to lay out. `validate` and `spec check`: problems grouped by
file, one per line starting `file:line:column [name]`, which terminals and editors turn into a
link to the place.

rich is imported by the functions that draw with it, so the plain-text results (the problem
list) start without it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from planchk.formats import Lang, RenderOptions
from planchk.formats.escaping import one_line
from planchk.formats.text import (
    STATUS_STYLES,
    actual_text,
    attribute_letter,
    clean,
    has_illustrative,
    has_manual,
    label,
    manual_legend,
    manual_note,
    number,
    panel_failing_line,
    plural,
    ratio_text,
    regions_summary,
    revision_line,
    revisions_heading,
    score_change,
    score_text,
    scored_count,
    status_text,
    target_label,
    target_text,
    verdict,
)
from planchk.formats.words import (
    change_text,
    end_value_text,
    needed_text,
    sparkline,
    word,
    yearly_values,
)
from planchk.messages import joined, msg, text_in
from planchk.problems import omitted_note
from planchk.results import (
    MANUAL_MARK,
    Comparison,
    IndicatorResult,
    PanelReport,
    RegionReport,
    Report,
    Status,
    StatusChangeKind,
    TargetResult,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from planchk.validation_results import CheckedFile, Validation


def render_report(report: Report, options: RenderOptions) -> str:
    """The report as a terminal table (ANSI colours only when `options.color`)."""
    from rich.console import Console  # noqa: PLC0415

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
    columns = _indicator_columns(report, options)
    console.print(_indicator_table(report, options, columns))
    _print_lists(console, report, options.lang, columns)
    if is_multi_year(report):
        print_trend(console, report, options)
    # rich pads wrapped rows to the full width; trailing blanks only get in the way of diffs.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _print_heading(console: Console, report: Report, lang: Lang) -> None:
    from rich.text import Text  # noqa: PLC0415

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
            Text.assemble(
                (f"{label(lang, 'overall')}: {summary.score:.1f} / 100", "bold"), f"  {coverage}"
            )
        )
    console.print()


def _category_table(report: Report, lang: Lang) -> Table:
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
    table.add_column(label(lang, "category"), overflow="fold")
    table.add_column(label(lang, "score"), justify="right")
    for category in report.categories:
        table.add_row(clean(category.name.get(lang)), score_text(category.score))
    return table


#: Columns left out, in this order, when the table would not fit the width otherwise: the
#: status and the score always stay (the JSON report has every number).
NARROW_DROPS = ("baseline", "expected", "ratio")
#: The narrowest the indicator's name may get before a column is left out.
NAME_MIN_WIDTH = 14
NAME_NARROW_WIDTH = 10


def _indicator_columns(report: Report, options: RenderOptions) -> list[str]:
    """The indicator table's value columns that fit `options.width`, in order."""
    from rich.cells import cell_len  # noqa: PLC0415

    columns = ["no", "attr", "baseline", "actual", "expected", "target", "ratio", "status"]
    columns.append("score")
    rows = [_indicator_cells(r, options.lang) for r in report.indicators]
    widths = {
        key: max(cell_len(label(options.lang, key)), *(cell_len(row[key]) for row in rows))
        for key in columns
    }
    # Each column but the first is set off by one space (three, with padding, from 110 on).
    gap = 3 if options.width >= 110 else 1

    def fits(kept: list[str], name: int) -> bool:
        return sum(widths[key] for key in kept) + name + gap * len(kept) <= options.width

    if fits(columns, NAME_MIN_WIDTH):
        return columns
    for drop in NARROW_DROPS:
        columns.remove(drop)
        if fits(columns, NAME_NARROW_WIDTH):
            break
    return columns


def _indicator_cells(r: IndicatorResult, lang: str) -> dict[str, str]:
    # A growth indicator's baseline is the level of its measure, not a percentage.
    baseline_unit = "" if r.judged_unit == "%" and r.kind != "level" else r.judged_unit
    return {
        "no": str(r.no),
        "attr": attribute_letter(r.attribute),
        "baseline": number(r.baseline, baseline_unit),
        "actual": actual_text(r),
        "expected": number(r.expected, r.judged_unit),
        "target": target_text(r, lang, short=True),
        "ratio": ratio_text(r.progress_ratio),
        "status": status_text(r, lang),
        "score": score_text(r.score),
    }


def _indicator_table(report: Report, options: RenderOptions, columns: list[str]) -> Table:
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    lang = options.lang
    narrow = len(columns) < 9
    # Narrow terminals get one space between columns so the name keeps room to wrap.
    padding = (0, 1) if options.width >= 110 else (0, 0)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=padding, show_edge=False)
    for key in columns:
        table.add_column(
            label(lang, key),
            justify="left" if key in ("attr", "status") else "right",
            no_wrap=True,
        )
        if key == "no":
            table.add_column(
                label(lang, "indicator"),
                overflow="fold",
                ratio=1,
                min_width=NAME_NARROW_WIDTH if narrow else NAME_MIN_WIDTH,
            )
    for r in report.indicators:
        cells = _indicator_cells(r, lang)
        row: list[str | Text] = []
        for key in columns:
            if key == "status":
                row.append(Text(cells[key], style=STATUS_STYLES[r.status]))
            else:
                row.append(cells[key])
            if key == "no":
                row.append(clean(r.name.get(lang)))
        table.add_row(*row)
        for target in r.targets:  # several targets: one line each under the indicator
            sub = _target_cells(target, lang)
            row = []
            for key in columns:
                if key == "status":
                    row.append(Text(sub[key], style=STATUS_STYLES[target.status]))
                else:
                    row.append(sub[key])
                if key == "no":
                    row.append(f"  ↳ {target_label(target, lang)}")
            table.add_row(*row)
    return table


def _target_cells(t: TargetResult, lang: str) -> dict[str, str]:
    """One of an indicator's several targets, in the indicator table's columns."""
    return {
        "no": "",
        "attr": "",
        "baseline": "",
        "actual": number(t.actual, t.judged_unit),
        "expected": number(t.expected, t.judged_unit),
        "target": target_text(t),
        "ratio": ratio_text(t.progress_ratio),
        "status": status_text(t, lang),
        "score": score_text(t.score),
    }


def _print_lists(console: Console, report: Report, lang: Lang, columns: list[str]) -> None:
    from rich.text import Text  # noqa: PLC0415

    failing = [r for r in report.indicators if r.binding_failure]
    if failing:
        console.print(Text(label(lang, "binding_failures") + ":", style="bold red"))
        for r in failing:
            reason = f": {clean(text_in(r.reason, lang))}" if r.reason else ""
            status = r.status.label(lang) + manual_note(r, lang)
            console.print(f"  {r.no} {clean(r.name.get(lang))} - {status}{reason}")
    else:
        console.print(Text(label(lang, "none_failing"), style="green"))
    missing = [r for r in report.indicators if r.status is Status.NO_DATA]
    if missing:
        console.print(Text(label(lang, "no_data") + ":", style="bold"))
        for r in missing:
            console.print(
                f"  {r.no} {clean(r.name.get(lang))}: {clean(text_in(r.reason or '', lang))}"
            )
    if report.comparison is not None:
        _print_comparison(console, report.comparison, lang)
    console.print()
    notes = [label(lang, "attr_legend")]
    left_out = [label(lang, key) for key in NARROW_DROPS if key not in columns]
    if left_out:
        notes.append(label(lang, "left_out", columns=", ".join(left_out)))
    if any(r.approximate for r in report.indicators):
        notes.append(label(lang, "approximate"))
    if has_illustrative(report):
        notes.append(label(lang, "illustrative"))
    if has_manual(report.indicators):
        notes.append(manual_legend(lang))
    for note in notes:
        console.print(Text(note, style="dim"))


def _print_comparison(console: Console, comparison: Comparison, lang: Lang) -> None:
    from rich.text import Text  # noqa: PLC0415

    title = label(
        lang, "changes", file=clean(comparison.previous_file), year=comparison.previous_year
    )
    console.print(Text(title + ":", style="bold"))
    for change in comparison.changes:
        previous_score, score = score_change(change.previous_score, change.score)
        before = (
            "–"
            if change.previous_status is None
            else f"{change.previous_status.symbol} {change.previous_status.label(lang)} "
            f"{previous_score}"
        )
        now = f"{change.status.symbol} {change.status.label(lang)} {score}"
        console.print(
            f"  {change.no} {clean(change.name.get(lang))}: {change.change.label(lang)} "
            f"({before} → {now})"
        )
    console.print(f"  {label(lang, 'unchanged', count=comparison.unchanged)}")


def is_multi_year(report: Report) -> bool:
    return len(report.trend) > 1


def print_changes(console: Console, report: Report, lang: str) -> None:
    """The short list a busy reader sees first."""
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

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
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

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
                Text(
                    point.status.symbol + (MANUAL_MARK if point.manual else ""),
                    style=STATUS_STYLES[point.status],
                )
                if point
                else ""
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
    from rich.text import Text  # noqa: PLC0415

    console.print()
    console.print(trend_table(report, options))
    console.print(Text(word(options.lang, "history_legend"), style="dim"))
    if report.year < report.plan.end_year:
        console.print(Text(word(options.lang, "outlook_legend"), style="dim"))


_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def render_panel(panel: PanelReport, options: RenderOptions) -> str:
    """The ranking: rank, region, overall score, coverage, failing binding indicators."""
    from rich.cells import cell_len  # noqa: PLC0415

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
    heading = label(options.lang, "region_heading", region=clean(entry.region))
    return heading + "\n" + render_report(entry.report, options)


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells, broken at spaces where there are
    any (a Chinese title has none, and its characters are two cells wide)."""
    from rich.cells import cell_len  # noqa: PLC0415

    lines: list[str] = []
    line = ""
    for piece in text.split(" "):
        candidate = f"{line} {piece}" if line else piece
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in piece:
            if cell_len(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    return [*lines, line] if line or not lines else lines


def _pad(text: str, width: int, right: bool) -> str:
    from rich.cells import cell_len  # noqa: PLC0415

    space = " " * (width - cell_len(text))
    return space + text if right else text + space


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """Every file with its counts and its problems, then a one-line verdict."""
    lang = options.lang  # no colour needed to read problems
    lines: list[str] = []
    for name, checked, problems in validation.sections():
        counts = "" if checked is None else f": {text_in(_counts(checked), lang)}"
        lines.append(one_line(name) + counts)
        lines.extend(f"  {one_line(problem.as_problem().localized(lang))}" for problem in problems)
    if validation.regions:
        lines.extend(_regions(validation, lang))
    if validation.previous:
        lines.append(one_line(text_in(revisions_heading(validation), lang)))
        lines.extend(f"  {one_line(text_in(revision_line(r), lang))}" for r in validation.revisions)
    note = omitted_note(validation.not_listed)
    if note is not None:
        lines.append(text_in(msg("{note} (see --max-problems)", note=note), lang))
    lines.append(text_in(verdict(validation), lang))
    return "\n".join(lines) + "\n"


def _regions(validation: Validation, lang: str) -> list[str]:
    """In data with a region column: how many regions have problems, and each one's counts."""
    found = validation.regions_with_problems()
    lines = [text_in(msg("regions: {summary}", summary=regions_summary(validation)), lang)]
    lines.extend(
        "  "
        + text_in(
            msg(
                "{region}: {errors}, {warnings}",
                region=one_line(r.region),
                errors=plural(r.errors, "error"),
                warnings=plural(r.warnings, "warning"),
            ),
            lang,
        )
        for r in found
    )
    return lines


def _counts(checked: CheckedFile) -> str:
    found = msg(
        "{errors}, {warnings}",
        errors=plural(checked.errors, "error"),
        warnings=plural(checked.warnings, "warning"),
    )
    if checked.kind == "spec":
        return found
    parts: list[str] = [msg("{count} used", count=checked.used)]
    if checked.restated:
        parts.append(msg("{count} restated", count=checked.restated))
    parts.append(msg("{count} rejected", count=checked.rejected))
    if checked.notes:
        parts.append(plural(checked.notes, "note"))
    rows = msg("{rows} ({parts})", rows=plural(checked.rows, "row"), parts=joined(parts))
    if not checked.complete:
        rows = msg("{rows}, not read to the end", rows=rows)
    return msg("{rows}; {found}", rows=rows, found=found)
