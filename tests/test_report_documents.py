"""`planchk report`: the HTML and Markdown documents, their charts, escaping and the command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import Dataset, Observation, load_data
from planchk.formats import (
    DocumentFormat,
    DocumentOptions,
    Lang,
    Renders,
    render_document,
    supports,
)
from planchk.formats.markdown import escape_markdown
from planchk.history import evaluate_history
from planchk.quantities import Qualifier
from planchk.results import Report
from planchk.spec import Spec, parse_spec

GOLDEN = Path(__file__).resolve().parent / "golden"
runner = CliRunner()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def report(spec: Spec, repo_root: Path) -> Report:
    """The sample data loaded as a user in the repository does (paths relative: data/...)."""
    before = Path.cwd()
    os.chdir(repo_root)
    try:
        return evaluate_history(spec, load_data(["data"], spec))
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def html_zh(report: Report) -> str:
    return render_document(report, DocumentFormat.HTML, DocumentOptions(lang=Lang.ZH)).text


def test_every_document_format_has_a_renderer() -> None:
    assert all(supports(fmt, Renders.DOCUMENT) for fmt in DocumentFormat)


def test_html_is_self_contained(html_zh: str) -> None:
    tags = parse(html_zh).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for tag, attrs in tags:
        assert "src" not in attrs, tag
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("https://", "http://")), attrs
    assert "@import" not in html_zh
    assert not re.search(r"url\((?!#)", html_zh)  # only references inside the page
    assert "@page { size: A4" in html_zh


def test_a_chinese_html_names_the_plan_by_its_chinese_title_only(
    report: Report, html_zh: str
) -> None:
    english = report.plan.title.get("en")
    assert english
    assert english != report.plan.title.get("zh")
    assert 'class="subtitle"' not in html_zh
    assert english not in html_zh


def test_html_has_every_part_with_what_a_leader_reads_first(report: Report, html_zh: str) -> None:
    parts = ("summary", "changes", "evaluation", "overview", "grid", "charts", "appendix")
    order = [html_zh.index(f'id="{part}"') for part in (*parts, "numbers", "sources")]
    assert order == sorted(order)
    text = " ".join(parse(html_zh).text)
    assert "海淀区“十三五”时期加强全国科技创新中心核心区建设规划" in text
    assert "2020年为62.5%，未达到目标65%" in text  # the binding miss, listed first
    assert "85.6" in text  # overall score
    # The grid: one coloured cell per indicator and year.
    cells = re.findall(r'<td class="cell s-(\w+)"', html_zh)
    assert len(cells) == len(report.indicators) * len(report.trend)
    assert cells[: len(report.trend)] == [p.status.value for p in report.indicators[0].history]


def test_html_charts_keep_text_as_text(report: Report, html_zh: str) -> None:
    charts = re.findall(r"<svg.*?</svg>", html_zh, re.S)
    assert len(charts) == len(report.indicators)  # every sample indicator has values
    assert all("<text" in svg and "<path" in svg for svg in charts)
    assert "实际值" in charts[0]
    assert "应达进度" in charts[0]
    assert "目标" in charts[0]
    assert "<title>1 国家级高新技术企业</title>" in charts[0]
    ids = re.findall(r'\bid="([^"]+)"', html_zh)
    assert len(ids) == len(set(ids)), "element ids must be unique across the inline charts"


def test_html_marks_illustrative_figures(report: Report, html_zh: str) -> None:
    assert 'id="illustrative-banner"' in html_zh
    rows = re.findall(r'<tr class="illustrative">', html_zh)
    illustrative = {
        (o.file, o.line)
        for r in report.indicators
        if r.trajectory
        for o in r.trajectory.observations
        if o.illustrative
    }
    assert len(rows) == len(illustrative) > 0
    assert html_zh.count('<span class="tag">✱ 示例数据</span>') == len(illustrative)


def test_html_shows_every_number_of_every_indicator(report: Report, html_zh: str) -> None:
    numbers = html_zh[html_zh.index('id="numbers"') : html_zh.index('id="sources"')]
    audit = numbers[numbers.index('class="audit"') :]
    for r in report.indicators:
        for key in r.components.model_dump(mode="json"):
            assert f"<code>{key}</code>" in audit
    assert numbers.count("<tr>") >= 2 * len(report.indicators)


def test_documents_are_deterministic() -> None:
    for fmt in DocumentFormat:
        first, second = (render_document(hostile_report(), fmt) for _ in range(2))
        assert first == second


def test_english_html(report: Report) -> None:
    html = render_document(report, DocumentFormat.HTML, DocumentOptions(lang=Lang.EN)).text
    assert '<html lang="en">' in html
    assert f'<p class="subtitle">{report.plan.title.get("zh")}</p>' in html
    assert "Changes that matter" in html
    assert "expected path" in html


HOSTILE = "<script>alert(1)</script> | *x* [y](javascript:alert(2)) $\\frac{1}{2}$ &amp;"


def hostile_report() -> Report:
    spec = parse_spec(
        {
            "plan": {"id": "p", "title": {"en": HOSTILE}, "base_year": 2015, "end_year": 2020},
            "categories": [{"id": "c", "name": {"en": HOSTILE}}],
            "indicators": [
                {
                    "no": 1,
                    "id": "x",
                    "category": "c",
                    "name": {"en": HOSTILE, "zh": HOSTILE},
                    "unit": {"en": HOSTILE},
                    "attribute": "binding",
                    "direction": "increase",
                    "target": {"kind": "level", "comparator": "at_least", "value": 200},
                    "baseline": {"value": 100},
                }
            ],
        }
    )
    sources = [HOSTILE, 'https://example.org/"><script>alert(3)</script>', "javascript:alert(4)"]
    rows = tuple(
        Observation(
            "x",
            year,
            Decimal(value),
            Qualifier.EXACT,
            False,
            HOSTILE,
            HOSTILE,
            source,
            None,
            f"{HOSTILE}.csv",
            year,
        )
        for year, value, source in zip(
            (2016, 2017, 2018), ("110", "90", "120"), sources, strict=True
        )
    )
    return evaluate_history(spec, Dataset(rows))


def test_html_escapes_every_text_from_spec_and_data() -> None:
    html = render_document(hostile_report(), DocumentFormat.HTML).text
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tags = parse(html).tags
    hrefs = [attrs.get("href") for tag, attrs in tags if tag == "a"]
    assert hrefs == ['https://example.org/"><script>alert(3)</script>']  # parsed back: escaped
    assert 'href="javascript' not in html
    assert "&amp;amp;" in html  # an entity in the data is shown, not interpreted


def test_markdown_escapes_every_text_from_spec_and_data() -> None:
    document = render_document(hostile_report(), DocumentFormat.MARKDOWN)
    text = document.text
    assert "<script>" not in text
    assert "](javascript" not in text
    assert r"\<script\>alert\(1\)\</script\>" in text
    # No table row gains a cell: every row of the numbers table has the header's cell count.
    table = text[text.index("| No | Indicator | A |") :].split("\n\n")[0].splitlines()
    counts = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
    assert len(counts) == 1
    assert len(document.assets) == 1
    chart = next(iter(document.assets.values()))
    assert "<script" not in chart  # matplotlib escapes the unit label it draws


def test_escape_markdown() -> None:
    assert escape_markdown("a|b*c_d") == r"a\|b\*c\_d"
    assert escape_markdown("line\nbreak") == "line break"
    assert escape_markdown(2.5) == "2.5"


def test_markdown_matches_golden(report: Report) -> None:
    options = DocumentOptions(lang=Lang.EN, asset_dir="report-2015-2020_charts")
    document = render_document(report, DocumentFormat.MARKDOWN, options)
    golden = GOLDEN / "report-2015-2020.md"
    assert document.text == golden.read_text(encoding="utf-8"), (
        "the Markdown report changed; if intended, regenerate with `planchk report data/ "
        "--format markdown -o tests/golden/report-2015-2020.md` (then delete "
        "tests/golden/report-2015-2020_charts/)"
    )
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", document.text)
    assert sorted(images) == sorted(document.assets)
    assert all(name.startswith("report-2015-2020_charts/indicator-") for name in images)
    assert all(svg.startswith("<?xml") and "<text" in svg for svg in document.assets.values())


def test_report_command_writes_html(tmp_path: Path, repo_root: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(repo_root / "data"), "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"planchk：已写入 {out}" in result.stderr  # in the language of the run
    assert result.stdout == ""


def test_report_command_writes_markdown_and_charts(tmp_path: Path, repo_root: Path) -> None:
    out = tmp_path / "docs" / "mid-term.md"
    out.parent.mkdir()
    args = ["report", str(repo_root / "data"), "--year", "2018", "--format", "markdown"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    charts = sorted((out.parent / "mid-term_charts").iterdir())
    assert len(charts) == 20
    text = out.read_text(encoding="utf-8")
    assert "![1 National high-tech enterprises](mid-term_charts/indicator-01.svg)" in text
    assert "**Evaluation for 2018**" in text


@pytest.fixture
def small(tmp_path: Path, repo_root: Path) -> list[str]:
    """A two-indicator plan whose binding indicator is off track in 2018 (fast to chart)."""
    data = tmp_path / "small.csv"
    data.write_text("indicator,year,value\n1,2015,50\n1,2018,60\n2,2015,80\n2,2018,70\n")
    return [str(data), "--spec", str(repo_root / "tests" / "fixtures" / "specs" / "minimal.yaml")]


def test_report_command_fails_on_request(tmp_path: Path, small: list[str]) -> None:
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", *small, "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["report", *small, "-o", str(out), "--fail-on", "binding"])
    assert result.exit_code == 1
    assert out.exists()
    assert "indicator(s) 1" in result.stderr


def test_report_command_needs_an_output(repo_root: Path) -> None:
    result = runner.invoke(app, ["report", str(repo_root / "data")])
    assert result.exit_code == 2


def test_report_command_cannot_write(tmp_path: Path, small: list[str]) -> None:
    out = tmp_path / "missing" / "r.html"
    result = runner.invoke(app, ["report", *small, "-o", str(out)])
    assert result.exit_code == 2
    assert f"cannot write {out}" in result.stderr


def test_evaluate_never_imports_the_report_libraries(repo_root: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from planchk.cli import app\n"
        "CliRunner().invoke(app, ['evaluate', 'data/', '--format', 'json'])\n"
        "CliRunner().invoke(app, ['explain', '4', 'data/'])\n"
        "print(sorted(m for m in ('matplotlib', 'jinja2') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_chart_links_are_percent_encoded(tmp_path: Path, small: list[str]) -> None:
    out = tmp_path / "mid term (draft).md"
    result = runner.invoke(app, ["report", *small, "--format", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    links = re.findall(r"!\[[^\]]*\]\(([^)]*)\)", out.read_text(encoding="utf-8"))
    assert links
    for link in links:
        assert link.startswith("mid%20term%20%28draft%29_charts/indicator-")
        assert (tmp_path / urllib.parse.unquote(link)).is_file()  # the link names the file


def test_html_evaluation_table_first(report: Report, html_zh: str) -> None:
    from planchk.formats.evaluation_table import build_evaluation_table  # noqa: PLC0415

    table = build_evaluation_table(report, "zh")
    section = html_zh[html_zh.index('id="evaluation"') : html_zh.index('id="overview"')]
    for heading in table.headings:
        assert f">{heading}</th>" in section
    rows = re.findall(r'<tr class="(binding|expected)" id="evaluation-(\d+)">', section)
    assert [int(no) for _, no in rows] == [r.no for r in report.indicators]
    assert [kind for kind, _ in rows].count("binding") == 2
    statuses = re.findall(r'<td class="assessment s-(\w+)">', section)
    assert statuses == [r.status.value for r in report.indicators]
    for group in table.groups:
        assert group.heading in section


def test_regressing_and_not_achieved_look_different(html_zh: str) -> None:
    regressing = re.search(r"\.s-regressing \{ background: (#\w+)", html_zh)
    missed = re.search(r"\.s-not_achieved \{ background: (#\w+)", html_zh)
    assert regressing is not None
    assert missed is not None
    assert regressing.group(1) != missed.group(1)
    legend = html_zh[html_zh.index('<div class="legend">') :]
    assert '<span class="chip s-regressing">↓</span> 逆向变化' in legend
    assert '<span class="chip s-not_achieved">✖</span> 未完成' in legend


def test_html_appendix_is_printed_only_on_request(report: Report, html_zh: str) -> None:
    assert '<div id="appendix" class="new-page print-hidden">' in html_zh
    assert re.search(r"@media print \{[^@]*\.print-hidden \{ display: none; \}", html_zh)
    options = DocumentOptions(lang=Lang.ZH, appendix=True)
    printed = render_document(report, DocumentFormat.HTML, options).text
    assert '<div id="appendix" class="new-page">' in printed


def test_html_is_dated_only_with_a_date(report: Report, html_zh: str) -> None:
    assert 'id="date"' not in html_zh
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", html_zh)
    options = DocumentOptions(lang=Lang.ZH, date=date(2026, 12, 1))
    dated = render_document(report, DocumentFormat.HTML, options).text
    assert '<span id="date">日期：2026-12-01</span>' in dated


def test_report_command_date_option(tmp_path: Path, small: list[str]) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *small, "-o", str(out), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Date: 2026-12-01" in out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["report", *small, "-o", str(out), "--date", "1.12.2026"])
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_panel_report_ranks_the_regions(tmp_path: Path, repo_root: Path) -> None:
    from planchk.panel import evaluate_panel  # noqa: PLC0415
    from planchk.spec import load_spec  # noqa: PLC0415

    spec = load_spec(repo_root / "targets" / "indicators.yaml")
    data = repo_root / "tests" / "fixtures" / "panel" / "districts.csv"
    out = tmp_path / "panel.html"
    args = ["report", str(data), "--year", "2018", "--lang", "zh", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "（5 个地区）" in result.stderr  # in the language of the run (--lang zh)
    html = out.read_text(encoding="utf-8")
    panel = evaluate_panel(spec, load_data([data], spec), 2018)
    ranking = html[html.index('id="ranking"') : html.index('id="categories"')]
    regions = re.findall(r'<tr><td class="num">(\d+)</td><td>([\w-]+)</td>', ranking)
    assert regions == [(str(e.rank), e.region) for e in panel.ranking]
    categories = html[html.index('id="categories"') : html.index('id="grid"')]
    first = next(r for r in panel.regions if r.region == panel.ranking[0].region)
    scores = [f'<td class="num">{c.score:.0f}</td>' for c in first.categories if c.score]
    assert "".join(scores) in categories
    cells = re.findall(r'<td class="cell s-(\w+)"', html)
    by_region = {r.region: r for r in panel.regions}
    assert cells == [o.status.value for e in panel.ranking for o in by_region[e.region].indicators]
    assert "高新技术产业增加值占全区GDP比重 ★" in html
    assert spec.plan.title.get("en") not in html  # a Chinese report: the Chinese title only
    failing = runner.invoke(app, [*args, "--fail-on", "binding"])
    assert failing.exit_code == 1
    assert "地区 district-0001" in failing.stderr  # the failing regions, in Chinese (--lang zh)


def test_panel_report_escapes_region_names(tmp_path: Path, repo_root: Path) -> None:
    data = tmp_path / "panel.csv"
    data.write_text(
        "region,indicator,year,value\n<b>x</b>,1,2015,50\n<b>x</b>,1,2018,60\n"
        "y,1,2015,50\ny,1,2018,70\n",
        encoding="utf-8",
    )
    spec = repo_root / "tests" / "fixtures" / "specs" / "minimal.yaml"
    out = tmp_path / "panel.html"
    result = runner.invoke(app, ["report", str(data), "--spec", str(spec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
