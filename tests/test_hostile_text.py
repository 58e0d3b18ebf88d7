"""Hostile text from data, specs and file names never reaches any stream raw.

A corpus of names, notes, sources, units, regions and file names carrying ESC sequences, OSC 8
links, C1 controls, bidi overrides, newlines, U+2028, workflow commands and @mentions is driven
through every command, in every format, and each stream (standard output, standard error, the
files written) is checked: no control character, no line a CI runner would take for a workflow
command other than planchk's own, no mention, and every format still parses.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner, Result

from hostile import CELL, FILE_HOSTILE, FORBIDDEN, HOSTILE, OWN_COMMAND, SPEC, csv_cell, yaml_text
from planchk.cli import app
from planchk.safetext import plain

runner = CliRunner()


@dataclass(frozen=True)
class Corpus:
    root: Path
    spec: Path
    data: Path  # a file whose name, notes and sources are hostile
    panel: Path  # the same with hostile region names
    invalid: Path  # a file whose cells are wrong in hostile ways
    bad_spec: Path
    region: str


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Corpus:
    monkeypatch.chdir(tmp_path)
    # the indicator names differ (names are unique), both hostile
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        SPEC.format(
            t=yaml_text(HOSTILE),
            n1=yaml_text("Output " + HOSTILE),
            n2=yaml_text("Emissions " + HOSTILE),
        ),
        encoding="utf-8",
    )
    folder = tmp_path / f"data {FILE_HOSTILE}"
    folder.mkdir()
    data = folder / f"obs {FILE_HOSTILE}.csv"
    rows = ["indicator,year,value,source,note"]
    for year, (output, emissions) in {2016: (60, 76), 2017: (70, 72), 2018: (75, 70)}.items():
        rows.append(f"1,{year},{output},{csv_cell(CELL)},{csv_cell(CELL)}")
        rows.append(f"2,{year},{emissions},{csv_cell('https://x.example/' + CELL)},")
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    region = "east " + FILE_HOSTILE
    panel = folder / f"panel {FILE_HOSTILE}.csv"
    panel_rows = ["region,indicator,year,value,source,note"]
    for name in (region, "west " + CELL):
        for row in rows[1:]:
            panel_rows.append(f"{csv_cell(name)},{row}")
    panel.write_text("\n".join(panel_rows) + "\n", encoding="utf-8")
    invalid = folder / f"bad {FILE_HOSTILE}.csv"
    invalid.write_text(
        "indicator,year,value,unit,note\n"
        f"{csv_cell(CELL)},2018,1,,\n"
        f"1,2018,{csv_cell('12' + CELL)},,\n"
        f"2,2018,3,{csv_cell(CELL)},\n"
        f"1,{csv_cell(CELL)},3,,\n"
        f"2,2017,80,,{csv_cell('预计 ' + CELL)}\n",
        encoding="utf-8",
    )
    bad_spec = tmp_path / f"spec {FILE_HOSTILE}.yaml"
    bad_spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "    attribute: expected\n", f"    attribute: expected\n    {yaml_text(HOSTILE)}: 1\n"
        ),
        encoding="utf-8",
    )
    return Corpus(tmp_path, spec, data, panel, invalid, bad_spec, region)


def check_stream(text: str, where: str, *, github: bool = False, markdown: bool = False) -> None:
    """Nothing raw in `text`, one stream of one run."""
    found = FORBIDDEN.search(text)
    assert found is None, (
        f"{where}: raw {found.group()!r} in {text[max(0, found.start() - 60) : found.end() + 60]!r}"
    )
    for line in text.splitlines():
        if github and OWN_COMMAND.match(line):
            # the runner reads the line as planchk's command; its properties are escaped, and
            # a `##[` in a file name stays the file's
            continue
        assert not line.lstrip().startswith("::"), f"{where}: a workflow command: {line!r}"
        assert "##[" not in line, f"{where}: ##[ in {line!r}"
    if markdown:
        assert re.search(r"(?<![\w&#;])@octocat", text) is None, f"{where}: a mention"


def streams(result: Result) -> Iterator[tuple[str, str]]:
    yield "stdout", result.stdout
    yield "stderr", result.stderr


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "internal error" not in result.stderr
    return result


FORMATS = ["table", "json", "junit", "github", "markdown"]


def check_format(text: str, fmt: str, where: str) -> None:
    """`text` is standard output in `fmt` when `where` says so, else standard error."""
    if "stderr" in where:
        check_stream(text, where)
        return
    check_stream(text, where, github=fmt == "github", markdown=fmt == "markdown")
    if fmt == "json" and text:
        json.loads(text)
    if fmt == "junit" and text:
        ET.fromstring(text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_evaluate_every_format(corpus: Corpus, fmt: str) -> None:
    for data, extra in (
        (corpus.data, []),
        (corpus.panel, []),
        (corpus.panel, ["--region", corpus.region]),
    ):
        result = run("evaluate", str(data), "--spec", str(corpus.spec), "--format", fmt, *extra)
        assert result.exit_code in (0, 1), result.stderr
        for name, text in streams(result):
            check_format(text, fmt, f"evaluate {fmt} {extra} {name}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_evaluate_with_compare(corpus: Corpus, fmt: str) -> None:
    previous = corpus.root / f"previous {FILE_HOSTILE}.json"
    first = run(
        "evaluate",
        str(corpus.data),
        "--spec",
        str(corpus.spec),
        "--format",
        "json",
        "--year",
        "2017",
        "-o",
        str(previous),
    )
    assert previous.exists(), first.stderr
    result = run(
        "evaluate",
        str(corpus.data),
        "--spec",
        str(corpus.spec),
        "--format",
        fmt,
        "--compare",
        str(previous),
    )
    for name, text in streams(result):
        check_format(text, fmt, f"evaluate --compare {fmt} {name}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_every_format(corpus: Corpus, fmt: str) -> None:
    for data in (corpus.invalid, corpus.panel, corpus.data.parent):
        result = run("validate", str(data), "--spec", str(corpus.spec), "--format", fmt)
        for name, text in streams(result):
            check_format(text, fmt, f"validate {fmt} {data.name} {name}")
    result = run(
        "validate",
        str(corpus.invalid),
        "--spec",
        str(corpus.spec),
        "--format",
        fmt,
        "-o",
        str(corpus.root / f"out {FILE_HOSTILE}.txt"),
    )
    for name, text in streams(result):
        check_format(text, fmt, f"validate -o {fmt} {name}")


def test_validate_finds_the_hostile_rows(corpus: Corpus) -> None:
    """The corpus does reach the messages: the checks above are not passing on empty output."""
    result = run("validate", str(corpus.invalid), "--spec", str(corpus.spec), "--format", "json")
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert {"unknown-indicator", "type-error", "unit-mismatch", "preliminary-value"} <= codes
    table = run("validate", str(corpus.invalid), "--spec", str(corpus.spec))
    assert plain("::error::INJECTED") in table.stdout
    assert "INJECTED" in table.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_spec_check_every_format(corpus: Corpus, fmt: str) -> None:
    result = run("spec", "check", str(corpus.bad_spec), "--format", fmt)
    assert result.exit_code == 1
    for name, text in streams(result):
        check_format(text, fmt, f"spec check {fmt} {name}")
    # a bad spec given to the other commands: the problems go to standard error
    for args in (["evaluate", str(corpus.data)], ["validate", str(corpus.data)], ["indicators"]):
        result = run(*args, "--spec", str(corpus.bad_spec))
        assert result.exit_code == 2
        for name, text in streams(result):
            check_stream(text, f"{args[0]} with a bad spec {name}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explain_and_indicators(corpus: Corpus, lang: str) -> None:
    for args in (
        ["explain", "1", str(corpus.data), "--spec", str(corpus.spec)],
        ["explain", "2", str(corpus.panel), "--spec", str(corpus.spec), "--region", corpus.region],
        ["explain", HOSTILE, str(corpus.data), "--spec", str(corpus.spec)],
        ["indicators", "--spec", str(corpus.spec)],
        ["evaluate", str(corpus.panel), "--spec", str(corpus.spec), "--region", HOSTILE],
        ["evaluate", str(corpus.invalid), "--spec", str(corpus.spec)],
    ):
        result = run(*args, "--lang", lang)
        for name, text in streams(result):
            check_stream(text, f"{args[0]} {lang} {name}")
    listing = run("indicators", "--spec", str(corpus.spec))
    assert "Output" in listing.stdout


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_documents(corpus: Corpus, fmt: str) -> None:
    # a name with spaces and parentheses, as people name files
    output = (
        corpus.root
        / "out dir"
        / f"mid-term (draft) {FILE_HOSTILE}.{'md' if fmt == 'markdown' else 'html'}"
    )
    output.parent.mkdir()
    result = run(
        "report", str(corpus.data), "--spec", str(corpus.spec), "--format", fmt, "-o", str(output)
    )
    assert result.exit_code == 0, result.stderr
    for name, text in streams(result):
        check_stream(text, f"report {fmt} {name}")
    text = output.read_text(encoding="utf-8")
    check_stream(text, f"report {fmt} document", markdown=fmt == "markdown")
    svgs = list(output.parent.rglob("*.svg"))
    for svg in svgs:
        content = svg.read_text(encoding="utf-8")
        check_stream(content, f"chart {svg.name}")
        ET.fromstring(content)
    if fmt == "markdown":
        targets = re.findall(r"^!\[.*\]\(([^)\s]+)\)$", text, flags=re.M)
        assert len(targets) == len(svgs) == 2
        for target in targets:
            assert (output.parent / unquote(target)).is_file(), target
    else:
        assert "<title>" in text
        for title in re.findall(r"<title>(.*?)</title>", text, flags=re.S):
            check_stream(title, "svg title")


def test_coloured_table_carries_only_planchk_colours(corpus: Corpus) -> None:
    """With colour forced, the only ESC sequences are the table's own colours (SGR): none from
    the data, no OSC 8 link from rich markup in a name."""
    for data in (corpus.data, corpus.panel):
        result = runner.invoke(
            app, ["evaluate", str(data), "--spec", str(corpus.spec)], env={"FORCE_COLOR": "1"}
        )
        assert result.exit_code in (0, 1), result.stderr
        assert "\x1b[" in result.stdout  # coloured indeed
        assert "\x1b]" not in result.stdout
        assert "[link=https://evil.example]" in result.stdout  # shown as written, not a link
        check_stream(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout), "coloured table")


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_previous_every_format(corpus: Corpus, fmt: str) -> None:
    """Revisions quote notes, regions and file names of both the data and the previous data."""
    previous = corpus.root / f"previous {FILE_HOSTILE}"
    previous.mkdir()
    old = corpus.panel.read_text(encoding="utf-8").replace(",2018,75,", ",2018,74,")
    (previous / corpus.panel.name).write_text(old.replace(",2017,", ",2016,", 1), encoding="utf-8")
    result = run(
        "validate",
        str(corpus.panel),
        "--spec",
        str(corpus.spec),
        "--previous",
        str(previous),
        "--format",
        fmt,
    )
    if fmt == "json":
        assert any(r["kind"] == "revised" for r in json.loads(result.stdout)["revisions"])
    for name, text in streams(result):
        check_format(text, fmt, f"validate --previous {fmt} {name}")
