"""Every output format renders evaluations and validations, and no text from data breaks one."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

from planchk.data import load_data
from planchk.engine import evaluate
from planchk.evaluation import evaluate as evaluate_data
from planchk.formats import (
    EVALUATIONS,
    FORMATS,
    Document,
    DocumentFormat,
    OutputFormat,
    RenderOptions,
    Renders,
    render,
    render_document,
    render_panel_document,
    render_validation,
    renderer,
    supports,
)
from planchk.formats.escaping import (
    github_message,
    github_property,
    markdown,
    one_line,
    xml_text,
)
from planchk.policy import FailOn
from planchk.results import PanelReport, RegionReport, Report
from planchk.spec import Spec, parse_spec
from planchk.validation import validate
from planchk.validation_results import Validation

ROOT = Path(__file__).resolve().parents[1]
NASTY = (
    "A|B\nC\r\x1b[31mred\x07 <script>x</script> &lt; ]]> \"q\" 's' %0A ::error:: *b* [l](u) \u202e"
)


@pytest.fixture(scope="module")
def report_2018(spec: Spec) -> Report:
    return evaluate(spec, load_data([ROOT / "data" / "2018.csv"], spec))


@pytest.fixture(scope="module")
def validation_2018(spec: Spec) -> Validation:
    return validate([ROOT / "data" / "2018.csv"], spec)


@pytest.fixture(scope="module")
def panel_2018(spec: Spec) -> PanelReport:
    panel = evaluate_data(spec, load_data([ROOT / "tests" / "fixtures" / "panel"], spec), 2018)
    assert isinstance(panel, PanelReport)
    return panel


@pytest.fixture(scope="module")
def region_2018(spec: Spec) -> RegionReport:
    data = load_data([ROOT / "tests" / "fixtures" / "panel"], spec)
    region = evaluate_data(spec, data, 2018, region="district-0002")
    assert isinstance(region, RegionReport)
    return region


def test_the_registry_names_every_format_of_every_command() -> None:
    assert set(FORMATS) == set(OutputFormat) | set(DocumentFormat)
    for fmt in OutputFormat:  # `evaluate`, `validate` and `spec check` take every OutputFormat
        assert FORMATS[fmt].renders >= EVALUATIONS | {Renders.VALIDATION}
    for doc in DocumentFormat:  # `planchk report`
        assert Renders.DOCUMENT in FORMATS[doc].renders


@pytest.mark.parametrize(
    ("fmt", "what"), [(fmt, what) for fmt in FORMATS for what in Renders], ids=str
)
def test_every_format_renders_what_it_declares(
    fmt: str,
    what: Renders,
    report_2018: Report,
    panel_2018: PanelReport,
    region_2018: RegionReport,
    validation_2018: Validation,
    spec: Spec,
) -> None:
    module = import_module(f"planchk.formats.{FORMATS[fmt].module}")
    if not supports(fmt, what):
        assert not hasattr(module, f"render_{what}")  # declared and provided agree
        with pytest.raises(ValueError, match="does not render"):
            renderer(fmt, what)
        return
    output: str | Document
    if what is Renders.REPORT:
        output = render(report_2018, OutputFormat(fmt))
    elif what is Renders.PANEL:
        output = render(panel_2018, OutputFormat(fmt))
    elif what is Renders.REGION:
        output = render(region_2018, OutputFormat(fmt))
    elif what is Renders.VALIDATION:
        output = render_validation(validation_2018, OutputFormat(fmt))
    elif what is Renders.PANEL_DOCUMENT:
        output = render_panel_document(panel_2018, spec, DocumentFormat(fmt))
    else:
        output = render_document(report_2018, DocumentFormat(fmt))
    if isinstance(output, Document) and output.data is not None:  # Word, Excel: XML in a ZIP
        with zipfile.ZipFile(io.BytesIO(output.data)) as package:
            text = "".join(package.read(n).decode() for n in package.namelist() if ".xml" in n)
    else:
        text = output.text if isinstance(output, Document) else output
        assert text.endswith("\n")
    assert "\x1b" not in text
    expected = {
        Renders.REPORT: "79.7",  # the overall score of data/2018.csv
        Renders.PANEL: "district-0003",
        Renders.REGION: "district-0002",
        Renders.VALIDATION: "missing-indicator",
        Renders.DOCUMENT: "79.7",
        Renders.PANEL_DOCUMENT: "district-0003",
    }[what]
    assert expected in text


def test_table_format_for_validation_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from planchk.formats import OutputFormat, render_validation\n"
        "from planchk.spec import load_spec\n"
        "from planchk.validation import validate\n"
        "spec = load_spec('targets/indicators.yaml')\n"
        "text = render_validation(validate(['data/2018.csv'], spec), OutputFormat.TABLE)\n"
        "print('checked' in text, sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True []"


# --- escaping helpers --------------------------------------------------------------------


def test_one_line() -> None:
    assert one_line("a\r\nb\nc\td\x1b[0m\u202ee") == "a b c de"  # the whole ESC sequence goes


def test_markdown_escapes() -> None:
    assert markdown("a|b") == "a\\|b"
    assert markdown("x\ny") == "x y"
    assert markdown("<b>*i*</b>") == "\\<b>\\*i\\*\\</b>"
    assert markdown("[l](http://u)") == "\\[l\\](http://u)"
    assert markdown("R&D &lt;") == "R&D &amp;lt;"
    assert markdown("a\\|b") == "a\\\\\\|b"


def test_xml_text_drops_what_xml_cannot_carry() -> None:
    assert xml_text("a\x00b\x07c\tn\n\ufffe") == "abc n "  # on one line, as every text


def test_github_escapes() -> None:
    assert github_message("50%\nnext") == "50%25 next"
    assert github_message("::error::x ##[y]") == ":\u200b:error:\u200b:x #\u200b#[y]"
    assert github_property("a,b:c%") == "a%2Cb%3Ac%25"


# --- text from data and spec never breaks an output ----------------------------------------


def _nasty_spec() -> Spec:
    raw: dict[str, Any] = {
        "plan": {"id": "p", "title": {"en": NASTY}, "base_year": 2015, "end_year": 2020},
        "categories": [{"id": "c", "name": {"en": NASTY}}],
        "indicators": [
            {
                "no": 1,
                "id": "x",
                "category": "c",
                "name": {"en": NASTY},
                "unit": {"zh": "亿元"},
                "attribute": "binding",
                "direction": "increase",
                "target": {"kind": "level", "comparator": "at_least", "value": 200},
                "baseline": {"value": 100},
            },
            {
                "no": 2,
                "id": "y",
                "category": "c",
                "name": {"en": "plain"},
                "unit": {"zh": "亿元"},
                "attribute": "expected",
                "direction": "increase",
                "target": {"kind": "level", "comparator": "at_least", "value": 200},
            },
        ],
    }
    return parse_spec(raw)


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Validation]:
    """An evaluation and a validation whose every name, source, note and file name is nasty."""
    spec = _nasty_spec()
    directory = tmp_path_factory.mktemp("nasty")
    quoted = NASTY.replace('"', '""')
    header = "indicator,year,value,unit,source,note\n"
    good = directory / "good|file.csv"
    good.write_text(header + f'x,2018,120,亿元,"{quoted}","{quoted}"\n', encoding="utf-8")
    bad = directory / "a|b,c:d.csv"
    bad.write_text(
        header + f'x,2018,120,亿元,"{quoted}",\n"{quoted}?",2018,5,亿元,,\n', encoding="utf-8"
    )
    return evaluate(spec, load_data([good], spec)), validate([bad], spec)


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_nasty_text_in_markdown(nasty: tuple[Report, Validation]) -> None:
    report, validation = nasty
    for text in (
        render(report, OutputFormat.MARKDOWN),
        render_validation(validation, OutputFormat.MARKDOWN),
    ):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert re.search(r"(?<!\\)<(?!/?sub>|br>)", text) is None  # no HTML but ours
        assert "\r" not in text
        assert "\u202e" not in text
        rows = [line for line in text.splitlines() if line.startswith("|")]
        assert rows
        widths = {_unescaped_pipes(line) for line in rows if not line.startswith("| ---")}
        # every row of a table has as many cell borders as its header
        for table in re.split(r"\n\n", text):
            table_rows = [line for line in table.splitlines() if line.startswith("|")]
            assert len({_unescaped_pipes(line) for line in table_rows}) <= 1, table
        assert widths


def test_nasty_text_in_junit(nasty: tuple[Report, Validation]) -> None:
    report, validation = nasty
    for text in (
        render(report, OutputFormat.JUNIT),
        render_validation(validation, OutputFormat.JUNIT),
    ):
        root = ET.fromstring(text.encode("utf-8"))  # parses: nothing unescaped or illegal
        assert root.tag == "testsuites"
        names = [case.get("name", "") for case in root.iter("testcase")]
        assert names
        assert all("\n" not in name and "\x1b" not in name for name in names)
    root = ET.fromstring(render(report, OutputFormat.JUNIT).encode("utf-8"))
    first = next(root.iter("testcase")).get("name", "")
    assert "<script>x</script>" in first  # escaped on the way out, intact when read back


def test_nasty_text_in_github_commands(nasty: tuple[Report, Validation]) -> None:
    report, validation = nasty
    for text in (
        render(report, OutputFormat.GITHUB),
        render_validation(validation, OutputFormat.GITHUB),
    ):
        lines = text.splitlines()
        assert all(re.match(r"::(error|warning|notice)( [^:]*)?::", line) for line in lines)
        assert "\x1b" not in text
        assert "\r" not in text
    problems = render_validation(validation, OutputFormat.GITHUB)
    # the quoted cells on line 2 span lines 2-4 (a \n and a \r inside): the next row is on 5
    assert "a|b%2Cc%3Ad.csv,line=5,col=1,title=planchk unknown-indicator::" in problems


def test_nasty_text_in_table_and_json(nasty: tuple[Report, Validation]) -> None:
    report, validation = nasty
    table = render(report, OutputFormat.TABLE)
    listing = render_validation(validation, OutputFormat.TABLE)
    for text in (table, listing):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "\u202e" not in text
    assert "red" in table  # the text is shown, only the control sequence is gone
    assert "[31m" not in table
    assert json.loads(render(report, OutputFormat.JSON))["plan"]["title"]["en"] == NASTY
    problems = json.loads(render_validation(validation, OutputFormat.JSON))["problems"]
    assert any(p["code"] == "unknown-indicator" for p in problems)


# --- evaluate formats follow --fail-on ----------------------------------------------------


@pytest.mark.parametrize(("fail_on", "failures"), [("binding", 1), ("any", 10), ("never", 0)])
def test_junit_failures_follow_fail_on(report_2018: Report, fail_on: str, failures: int) -> None:
    text = render(report_2018, OutputFormat.JUNIT, RenderOptions(fail_on=FailOn(fail_on)))
    suite = ET.fromstring(text.encode("utf-8")).find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "20"
    assert suite.get("failures") == str(failures)
    assert len(suite.findall("testcase/failure")) == failures
    # indicator 11 has no data: skipped unless it fails
    assert suite.get("skipped") == ("0" if fail_on == "any" else "1")


def test_github_errors_follow_fail_on(report_2018: Report) -> None:
    binding = render(report_2018, OutputFormat.GITHUB)
    assert [line for line in binding.splitlines() if line.startswith("::error")] == [
        line for line in binding.splitlines() if "indicator 9 " in line
    ]
    assert "2018.csv,line=17,title=planchk binding indicator 9 off track::" in binding
    everything = render(report_2018, OutputFormat.GITHUB, RenderOptions(fail_on=FailOn.ANY))
    assert sum(line.startswith("::error") for line in everything.splitlines()) == 10


def test_markdown_lists_failing_binding_indicators_first(report_2018: Report) -> None:
    text = render(report_2018, OutputFormat.MARKDOWN)
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert rows[0].startswith("| 9 |")
    assert "**Overall score: 79.7 / 100**" in text
    assert "○ off track" in rows[0]
    assert len(rows) == 20  # indicator rows only: category rows start with a name


def test_markdown_in_chinese(report_2018: Report) -> None:
    from planchk.formats import Lang  # noqa: PLC0415

    text = render(report_2018, OutputFormat.MARKDOWN, RenderOptions(lang=Lang.ZH))
    assert "综合得分" in text
    assert "高新技术产业增加值" in text
