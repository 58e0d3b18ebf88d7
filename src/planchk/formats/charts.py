"""Charts for the HTML and Markdown reports: an indicator's values against its expected path.

Drawn with matplotlib (imported here only, so only the report formats pay for it) as SVG with
text kept as text (`svg.fonttype: none`): the browser draws the labels with its own fonts, so
Chinese renders wherever a CJK font is installed. Output is deterministic (fixed id salt, no
date), so the same report gives byte-identical charts.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from planchk.formats.status_marks import STATUS_COLOURS
from planchk.formats.text import clean
from planchk.results import IndicatorResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Fonts tried in order by the page (CSS) and by matplotlib when it measures text.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)
LATIN_FONTS = ("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")

EXPECTED_COLOUR = "#555555"
TARGET_COLOUR = "#1f4e79"

_CHART_WORDS = {
    "en": {
        "actual": "actual",
        "illustrative": "illustrative figure",
        "expected": "expected path",
        "target": "target",
        "index": "index, {base} = 100",
        "additions": "added since {base}",
    },
    "zh": {
        "actual": "实际值",
        "illustrative": "示例数据",
        "expected": "应达进度",
        "target": "目标",
        "index": "指数（{base}年=100）",
        "additions": "{base}年以来累计新增",
    },
}


def chart_words(lang: str) -> dict[str, str]:
    return _CHART_WORDS.get(lang, _CHART_WORDS["en"])


def _plain(text: str) -> str:
    """Text for matplotlib: `$` would start mathtext."""
    return clean(text).replace("$", r"\$")


def indicator_chart(
    result: IndicatorResult, lang: str, base_year: int, end_year: int
) -> str | None:
    """The indicator's trajectory as an SVG document; None when there is nothing to draw."""
    buffer = io.StringIO()
    if not _draw(result, lang, base_year, end_year, buffer, "svg"):
        return None
    return buffer.getvalue()


def indicator_png(
    result: IndicatorResult, lang: str, base_year: int, end_year: int, dpi: int = 200
) -> bytes | None:
    """The same chart as a PNG image (for documents that cannot hold SVG, such as Word's);
    None when there is nothing to draw. Text is drawn with the first installed font of
    `CJK_FONTS`, so Chinese labels need one of them installed."""
    buffer = io.BytesIO()
    if not _draw(result, lang, base_year, end_year, buffer, "png", dpi):
        return None
    return buffer.getvalue()


def _draw(
    result: IndicatorResult,
    lang: str,
    base_year: int,
    end_year: int,
    out: io.StringIO | io.BytesIO,
    fmt: str,
    dpi: int = 100,
) -> bool:
    """Draw the chart into `out` as `fmt` (svg or png); False when there is nothing to draw."""
    path = result.trajectory
    if path is None or not (path.actual or path.expected):
        return False
    import matplotlib as mpl  # noqa: PLC0415
    from matplotlib import font_manager  # noqa: PLC0415
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    # A font collection (wqy-zenhei.ttc) holds faces of other weights; matplotlib draws with
    # the nearest one and logs "Failed to find font weight normal" on stderr for each label,
    # which tells a user of planchk nothing.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = list(_png_cjk_fonts()) if fmt == "png" else [f for f in CJK_FONTS if f in installed]
    fonts = [*cjk, *(f for f in LATIN_FONTS if f in installed)] or ["DejaVu Sans"]
    words = chart_words(lang)
    with (
        mpl.rc_context(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": f"planchk-{result.id}",
                "font.family": "sans-serif",
                "font.sans-serif": fonts,
                "font.size": 8,
                "axes.spines.top": False,
                "axes.spines.right": False,
                "axes.edgecolor": "#888888",
                "xtick.color": "#444444",
                "ytick.color": "#444444",
            }
        ),
        warnings.catch_warnings(),
    ):
        # Without a CJK font installed, matplotlib measures Chinese labels with a fallback
        # font and warns; the browser draws them with its own fonts, so the SVG is still right.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        figure = Figure(figsize=(3.5, 2.3), layout="constrained")
        FigureCanvasSVG(figure) if fmt == "svg" else FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        colour = STATUS_COLOURS[result.status]
        if path.expected:
            ax.plot(
                [p.year for p in path.expected],
                [p.value for p in path.expected],
                linestyle="--",
                linewidth=1.2,
                color=EXPECTED_COLOUR,
                label=words["expected"],
            )
        if path.actual:
            ax.plot(
                [p.year for p in path.actual],
                [p.value for p in path.actual],
                linewidth=2,
                color=colour,
                marker="o",
                markersize=4,
                label=words["actual"],
            )
            shown = [p for p in path.actual if p.illustrative]
            if shown:
                ax.plot(
                    [p.year for p in shown],
                    [p.value for p in shown],
                    linestyle="none",
                    marker="o",
                    markersize=5,
                    markerfacecolor="white",
                    markeredgecolor=colour,
                    markeredgewidth=1.5,
                    label=words["illustrative"],
                )
        if path.target is not None:
            ax.axhline(path.target, color=TARGET_COLOUR, linewidth=0.6, linestyle=":")
            ax.plot(
                [end_year],
                [path.target],
                linestyle="none",
                marker="*",
                markersize=11,
                color=TARGET_COLOUR,
                label=words["target"],
            )
        ax.set_xlim(base_year - 0.3, end_year + 0.3)
        _axes_style(ax, path.quantity, result, lang, base_year, words)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(_tick))
        # Above the plot, in one row, so it never hides a value.
        ax.legend(
            fontsize=7,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=2,
            borderaxespad=0.2,
            handlelength=1.6,
            columnspacing=0.9,
            handletextpad=0.4,
        )
        # No date and no version in the file, so the same report gives the same bytes.
        metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, dpi=dpi, metadata=metadata)
    return True


@cache
def _png_cjk_fonts() -> tuple[str, ...]:
    """The CJK fonts a PNG chart draws Chinese labels with (an SVG leaves them to the
    browser), decided once per process so that every chart is drawn alike: those of `CJK_FONTS`
    that matplotlib knows, else the CJK fonts installed after its font cache was built."""
    from matplotlib import font_manager  # noqa: PLC0415

    installed = {f.name for f in font_manager.fontManager.ttflist}
    known = tuple(f for f in CJK_FONTS if f in installed)
    if known:
        return known
    added: set[str] = set()
    hints = ("cjk", "wqy", "sourcehan", "notosanssc", "yahei", "pingfang")
    for path in sorted(font_manager.findSystemFonts()):
        name = Path(path).name.lower().replace("-", "")
        if any(hint in name for hint in hints) and "serif" not in name:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue  # a font file matplotlib cannot read is simply not used
            added.add(font_manager.fontManager.ttflist[-1].name)  # the entry just added
    return tuple(sorted(added))


def _axes_style(
    ax: Axes, quantity: str, result: IndicatorResult, lang: str, base: int, words: dict[str, str]
) -> None:
    unit = clean(result.unit.get(lang))
    if quantity == "index":
        ylabel = words["index"].format(base=base)
    elif quantity == "additions":
        ylabel = words["additions"].format(base=base) + (f" ({unit})" if unit else "")
    else:
        ylabel = unit
    ax.set_ylabel(_plain(ylabel))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)


def _tick(value: float, _position: int | None) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}"


_SVG_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_SIZE = re.compile(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"')
_ID = re.compile(r'\b(id)="([^"]+)"')
_REFERENCE = re.compile(r'(url\(|href=")#')


def inline_svg(svg: str, title: str, prefix: str) -> str:
    """An SVG document made fit to sit inside HTML: no XML prologue or metadata, scalable,
    labelled for screen readers (`title` is escaped here), and with its element ids prefixed so
    that several charts on one page never share an id."""
    from markupsafe import escape  # noqa: PLC0415

    body = _METADATA.sub("", _SVG_PROLOGUE.sub("", svg, count=1), count=1)
    body = _SIZE.sub(r'\1 role="img"', body, count=1)
    body = _ID.sub(rf'\1="{prefix}-\2"', body)
    body = _REFERENCE.sub(rf"\1#{prefix}-", body)
    return body.replace(">", f"><title>{escape(clean(title))}</title>", 1)
