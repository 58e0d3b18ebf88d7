"""`planchk report` for a panel without `--region`: the regions' ranking report as one HTML page.

The ranking (rank, region, overall score, coverage, failing binding indicators), the category
scores of every region, and a regions × indicators grid coloured by status, regions in the
ranking's order. Self-contained like the report of one series (inline CSS, no script), and
rendered with the same autoescaping environment and styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from planchk import __version__
from planchk.formats import Document, DocumentOptions
from planchk.formats.charts import CJK_FONTS
from planchk.formats.html import environment, style_values
from planchk.formats.report_view import doc_word
from planchk.formats.status_marks import STATUS_SYMBOLS
from planchk.formats.text import (
    clean,
    has_manual,
    label,
    manual_legend,
    manual_note,
    panel_failing_line,
    score_text,
)
from planchk.results import PanelReport, Status
from planchk.spec import Spec

_WORDS = {
    "en": {
        "ranking": "Ranking of the regions",
        "categories": "Scores by category and region",
        "grid": "Status of each indicator by region",
        "key": "Indicators",
        "detail": "The full report of one region: planchk report DATA --region NAME -o FILE",
        "binding_mark": "★ binding indicator",
    },
    "zh": {
        "ranking": "各地区排名",
        "categories": "各地区分类得分",
        "grid": "各地区各指标状态",
        "key": "指标",
        "detail": "查看单个地区的完整报告：planchk report 数据 --region 地区名 -o 文件",
        "binding_mark": "★ 约束性指标",
    },
}


@dataclass(frozen=True)
class GridCell:
    no: int
    status: str
    symbol: str
    label: str
    approximate: bool
    manual: bool = False  # the status is an assessment's: † in the cell


@dataclass(frozen=True)
class RegionLine:
    rank: str
    region: str
    score: str
    coverage: str
    failing: str
    categories: tuple[str, ...]
    cells: tuple[GridCell, ...]


def render_panel(panel: PanelReport, spec: Spec, options: DocumentOptions) -> Document:
    """The ranking report of `panel` as one HTML page."""
    lang = options.lang.value
    words = _WORDS.get(lang, _WORDS["en"])
    by_region = {r.region: r for r in panel.regions}
    binding = {ind.no for ind in spec.indicators if ind.attribute == "binding"}
    names = {ind.no: clean(ind.name.get(lang)) for ind in spec.indicators}
    lines = []
    for entry in panel.ranking:
        region = by_region[entry.region]
        cells = tuple(
            GridCell(
                no=outcome.no,
                status=outcome.status.value,
                symbol=STATUS_SYMBOLS[outcome.status],
                label=outcome.status.label(lang) + manual_note(outcome, lang),
                approximate=outcome.approximate,
                manual=outcome.assessment is not None,
            )
            for outcome in region.indicators
        )
        lines.append(
            RegionLine(
                rank="–" if entry.rank is None else str(entry.rank),
                region=clean(entry.region),
                score="–" if entry.score is None else f"{entry.score:.1f}",
                coverage=f"{entry.coverage:.0%}",
                failing=", ".join(str(no) for no in entry.binding_failures) or "–",
                categories=tuple(score_text(c.score) for c in region.categories),
                cells=cells,
            )
        )
    title = clean(panel.plan.title.get(lang))
    # as in the region's report: an English report adds the Chinese title, a Chinese one does not
    other = clean(panel.plan.title.get("zh")) if lang != "zh" else title
    fonts = ", ".join(f'"{name}"' for name in CJK_FONTS)
    text = (
        environment()
        .get_template("panel_report.html.j2")
        .render(
            title=title,
            subtitle="" if other == title else other,
            heading=f"{panel.plan.base_year}–{panel.plan.end_year} · "
            + label(
                lang,
                "panel",
                regions=len(panel.regions),
                year=panel.year,
                share=panel.elapsed_share,
            ),
            dated=None
            if options.date is None
            else doc_word(lang, "dated", date=options.date.isoformat()),
            failing_line=panel_failing_line(panel, lang),
            words=words,
            headings={
                key: label(lang, key)
                for key in ("rank", "region", "score", "coverage_short", "failing_binding")
            },
            categories=[clean(c.name.get(lang)) for c in panel.regions[0].categories],
            indicators=[(o.no, names[o.no], o.no in binding) for o in panel.regions[0].indicators],
            lines=lines,
            statuses=[(s.value, STATUS_SYMBOLS[s], s.label(lang)) for s in Status],
            manual_legend=(
                manual_legend(lang)
                if any(has_manual(r.indicators) for r in panel.regions)
                else None
            ),
            footer=doc_word(
                lang,
                "footer",
                version=__version__,
                files=", ".join(clean(f) for f in panel.data_files),
            ),
            **style_values(),
            font_stack=Markup(fonts),  # constant font names, quoted for CSS
            html_lang="zh-CN" if lang == "zh" else "en",
        )
    )
    return Document(text=text)
