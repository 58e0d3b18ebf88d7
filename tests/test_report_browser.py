"""The HTML report in a real browser: headless Chromium loads it, offline, and it renders.

Checks what a person would: the page loads without console errors or exceptions and without
fetching anything; every chart is drawn with a real size; the Chinese title and chart labels
are there as text; the evaluation table and the progress grid are coloured, regressing and not
achieved in different colours; the screenshot is not blank; it prints to A4 pages, the summary,
changes and evaluation table within the first two, and the appendix only with --appendix. Skipped when Chromium is absent, except under CI, which installs it (.ci/run).
Set PLANCHK_SCREENSHOTS=DIR to keep the screenshot and the PDF for a look.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from browser import Chromium, find_chromium
from planchk.cli import app

CHROMIUM = find_chromium()
UNDER_CI = bool(os.environ.get("CI"))

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not UNDER_CI,
    reason="headless Chromium is not installed (Debian: apt-get install chromium); "
    "CI installs it and runs this test",
)

PAGE_FACTS = """(() => {
  const charts = [...document.querySelectorAll('figure.chart svg')];
  const sizes = charts.map(svg => svg.getBoundingClientRect()).map(r => [r.width, r.height]);
  const labels = [...document.querySelectorAll('figure.chart svg text')].map(t => t.textContent);
  const firstCell = document.querySelector('table.grid td.cell');
  return {
    title: document.querySelector('h1').innerText,
    firstChange: document.querySelector('#changes li').innerText,
    charts: charts.length,
    sizes: sizes,
    labels: labels,
    labelWidth: Math.max(...[...document.querySelectorAll('figure.chart svg text')]
      .filter(t => /[\\u4e00-\\u9fff]/.test(t.textContent))
      .map(t => t.getComputedTextLength())),
    gridCells: document.querySelectorAll('table.grid td.cell').length,
    cellColour: getComputedStyle(firstCell).backgroundColor,
    evaluationRows: document.querySelectorAll('table.evaluation tr[id^="evaluation-"]').length,
    regressingColour: getComputedStyle(document.querySelector('.chip.s-regressing')).backgroundColor,
    notAchievedColour: getComputedStyle(document.querySelector('.chip.s-not_achieved')).backgroundColor,
    resources: performance.getEntriesByType('resource').map(e => e.name),
    pageWider: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
})()"""


#: A4 between the page's 12 mm margins, in CSS pixels (96 per inch).
PRINTED_WIDTH = round((210 - 24) / 25.4 * 96)
PRINTED_HEIGHT = (297 - 24) / 25.4 * 96

PRINTED_FACTS = """(() => {
  const bottom = el => el.getBoundingClientRect().bottom + window.scrollY;
  return {
    evaluationBottom: bottom(document.querySelector('#evaluation table.evaluation')),
    appendixShown: getComputedStyle(document.querySelector('#appendix')).display !== 'none',
  };
})()"""


def printed_facts(browser: Chromium) -> dict[str, float | bool]:
    """Where the evaluation table ends when laid out for print on A4, and whether the
    appendix is printed."""
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": PRINTED_WIDTH, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
    )
    facts: dict[str, float | bool] = browser.evaluate(PRINTED_FACTS)
    browser.send("Emulation.setEmulatedMedia", {"media": ""})
    return facts


def check_printing(
    printed: dict[str, float | bool],
    pages: int,
    printed_appendix: dict[str, float | bool],
    pdf_appendix: bytes,
) -> None:
    """What a leader reads fits the first two printed pages; the appendix prints on request."""
    assert float(printed["evaluationBottom"]) < 2 * PRINTED_HEIGHT
    assert printed["appendixShown"] is False
    assert printed_appendix["appendixShown"] is True
    assert len(re.findall(rb"/MediaBox", pdf_appendix)) > pages


def test_html_report_renders_in_chromium(tmp_path: Path, repo_root: Path) -> None:
    if CHROMIUM is None:
        pytest.fail("CI must run the browser test, but Chromium is missing (.ci/run installs it)")
    page = tmp_path / "report.html"
    args = ["report", str(repo_root / "data"), "--lang", "zh", "-o", str(page)]
    assert CliRunner().invoke(app, args).exit_code == 0
    with_appendix = tmp_path / "appendix.html"
    args = [*args[:-2], "--appendix", "-o", str(with_appendix)]
    assert CliRunner().invoke(app, args).exit_code == 0
    with Chromium(CHROMIUM, tmp_path / "profile") as browser:
        browser.open(page.as_uri())
        facts = browser.evaluate(PAGE_FACTS)
        png = browser.screenshot(width=900)
        pdf = browser.pdf()
        printed = printed_facts(browser)
        errors = browser.errors()
        browser.open(with_appendix.as_uri())
        printed_appendix = printed_facts(browser)
        pdf_appendix = browser.pdf()
        errors += browser.errors()
    assert errors == []
    assert facts["resources"] == []  # nothing fetched: the page is self-contained
    assert facts["title"] == "海淀区“十三五”时期加强全国科技创新中心核心区建设规划"
    assert facts["firstChange"].startswith("9 高新技术产业增加值占全区GDP比重（约束性）")
    assert facts["charts"] == 20
    assert all(width > 250 and height > 150 for width, height in facts["sizes"])
    assert {"实际值", "应达进度", "目标"} <= set(facts["labels"])
    assert facts["labelWidth"] > 10  # Chinese chart labels are laid out as text
    assert facts["gridCells"] == 20 * 5
    assert facts["cellColour"] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert facts["evaluationRows"] == 20
    assert facts["regressingColour"] != facts["notAchievedColour"]
    assert not facts["pageWider"]  # nothing sticks out of the page at 900 px

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == 900
    assert image.height > 3000
    colours = image.resize((90, image.height // 10)).getcolors(maxcolors=1 << 16)
    assert colours is not None
    assert len(colours) > 200  # text, charts and coloured cells, not a blank page

    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4
    check_printing(printed, len(boxes), printed_appendix, pdf_appendix)

    keep = os.environ.get("PLANCHK_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        Path(keep, "report-zh.png").write_bytes(png)
        Path(keep, "report-zh.pdf").write_bytes(pdf)
        Path(keep, "report-zh-appendix.pdf").write_bytes(pdf_appendix)
        shutil.copy(page, Path(keep, "report-zh.html"))
