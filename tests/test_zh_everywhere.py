"""A Chinese plan runs in Chinese with no flag: every command that prints for people, run with a
spec that says `language: zh` (and, as a Chinese plan has, no English texts), leaves no English
word in what a user reads.

What may remain in ASCII letters is small and named in `allowed_tokens`: what the user wrote or
types (file names, indicator and category ids, region names, option names and commands),
planchk's stable codes (problem codes, which the README lists), the symbols of the methodology's
formulas (B, E, t, V_t, R ...) and, in `explain` and the report's audit trail, the JSON keys and
values a reviewer looks the numbers up by.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from planchk.cli import app
from planchk.problems import ProblemCode
from planchk.spec import Spec, load_spec
from planchk.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

WORD = re.compile(r"[A-Za-z](?:[A-Za-z0-9_*-]*[A-Za-z0-9*])?")
#: Spans left out before looking for words: commands in backticks, options with their value,
#: HTML tags of the Markdown output, JSON keys in brackets ([expected]) and the value quoted
#: after its translation ((off_track), (no)), `key = value` of the audit trail, and math symbols
#: with subscripts (V_t, g*).
SPANS = re.compile(
    r"\S*\.(?:csv|xlsx|yaml|md|svg)\b|\S*_charts\b|/data\b|https?://\S+"
    r"|^## planchk .*$"
    r"|字段 [\w.]+|'[^']*'"
    r"|`[^`]*`"
    r"|--[a-z-]+(?: [a-z_-]+)?"
    r"|</?[a-z]+>"
    r"|\[[a-z_.]+\]"
    r"|[(（][a-z_]+[)）]"
    r"|\b[a-z_]+\\?_?[a-z_\\]* = [\w.-]+",
    re.MULTILINE,
)
#: The methodology's symbols (B base year, E end year, t, s, R, T, V_t ...), the attribute marks
#: of the tables (B 约束性, E 预期性, explained in their legend), and planchk's own name.
SYMBOLS = {"B", "E", "t", "s", "n", "R", "T", "min", "max", "planchk"}
#: Symbols with a subscript or a star: V_t, V_B, P_t, A_t, g_t, g*.
SUBSCRIPTED = re.compile(r"[A-Za-z](?:_[A-Za-z]|\*)")


def chinese_only(raw: Any) -> Any:
    """`raw` without the English of its texts ({zh, en} keeps zh): a plan written in Chinese."""
    if isinstance(raw, dict):
        if "zh" in raw and set(raw) <= {"zh", "en"}:
            return {"zh": raw["zh"]}
        if "source" in raw and "value" in raw:  # a baseline: where the planner took it from
            return {**raw, "source": "规划文本"}
        return {key: chinese_only(value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [chinese_only(value) for value in raw]
    return raw


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Chinese spec, the sample data, data with errors and a broken spec."""
    folder = tmp_path_factory.mktemp("zh")
    raw = chinese_only(load_yaml((ROOT / "targets" / "indicators.yaml").read_text("utf-8")))
    raw["plan"]["language"] = "zh"
    dump = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    (folder / "规划.yaml").write_text(dump, encoding="utf-8")
    bad = dict(raw, plan={**raw["plan"], "colour": "red"})
    bad["indicators"] = [
        dict(raw["indicators"][0], attribute="restrictive"),
        *raw["indicators"][1:],
    ]
    (folder / "坏.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    (folder / "填报.csv").write_text(
        "indicator,year,value,unit,source,note\n"
        "1,2018,abc,,,\n"  # not a number
        "不存在的指标,2018,5,,,\n"  # unknown indicator
        "1,2030,5,,,\n"  # outside the plan period
        "2,2018,,,,\n"  # no value
        "4,2018,5,万元,,\n"  # wrong unit
        "1,2018,10500,家,,\n"
        "1,2018,10600,家,,\n"  # the same figure twice
        "1,2019,预计11000,家,,\n",  # preliminary
        encoding="utf-8",
    )
    return folder


def allowed_tokens(spec: Spec, data: Path) -> set[str]:
    """Words a Chinese run may still show: see the module's docstring."""
    tokens = set(SYMBOLS)
    tokens |= {p.value for p in ProblemCode}
    tokens |= {i.id for i in spec.indicators} | {c.id for c in spec.categories}
    for ind in spec.indicators:  # ids split at - and _, the Latin in names (GDP, PCT)
        tokens |= set(WORD.findall(ind.id.replace("-", " ")))
        tokens |= set(WORD.findall(ind.name.get("zh") + (ind.unit.get("zh") or "")))
    # the data's own words: its column names (indicator, year, ...) and its sources
    for path in data.glob("*.csv"):
        tokens |= set(WORD.findall(path.read_text(encoding="utf-8")))
    tokens |= {"csv", "xlsx", "yaml", "md", "svg"}  # file names
    return tokens


def english_words(text: str, allowed: set[str], folder: Path) -> list[str]:
    text = text.replace(str(folder), "").replace(str(ROOT), "")
    text = SPANS.sub(" ", text)
    return sorted(
        {w for w in WORD.findall(text) if w not in allowed and not SUBSCRIPTED.fullmatch(w)}
    )


def runs(folder: Path) -> Iterator[tuple[list[str], Path | None]]:
    """Every command that prints for people, as a user runs them (no --lang), and the file a
    command writes."""
    spec, data = str(folder / "规划.yaml"), str(ROOT / "data")
    for fmt in ("table", "markdown"):
        yield ["evaluate", data, "--spec", spec, "--format", fmt], None
        yield ["validate", str(folder / "填报.csv"), "--spec", spec, "--format", fmt], None
        yield ["spec", "check", str(folder / "坏.yaml"), "--format", fmt], None
    for no in range(1, 21):
        yield ["explain", str(no), data, "--spec", spec], None
    for year in ("2016", "2018"):
        yield ["explain", "9", data, "--spec", spec, "--year", year], None
    yield ["indicators", "--spec", spec], None
    yield (
        ["report", data, "--spec", spec, "--format", "markdown", "-o", str(folder / "报告.md")],
        (folder / "报告.md"),
    )
    yield ["template", "--spec", spec, "-o", str(folder / "填报表.xlsx")], None
    # the command's own errors
    yield ["evaluate", str(folder / "没有.csv"), "--spec", spec], None
    yield ["explain", "不存在", data, "--spec", spec], None
    yield ["evaluate", data, "--spec", spec, "--year", "2030"], None
    yield ["template", "--spec", spec, "--year", "2030", "-o", str(folder / "x.xlsx")], None
    yield ["template", "--spec", spec, "-o", str(folder / "x.csv")], None
    yield ["evaluate", data, "--spec", spec, "-o", spec], None
    yield ["indicators", "--spec", str(folder / "坏.yaml")], None


def test_a_chinese_plan_runs_in_chinese_without_a_flag(workdir: Path) -> None:
    spec = load_spec(workdir / "规划.yaml")
    allowed = allowed_tokens(spec, ROOT / "data") | allowed_tokens(spec, workdir)
    found: dict[str, list[str]] = {}
    chinese = 0
    for args, written in runs(workdir):
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "Traceback" not in result.output
        text = result.stdout + result.stderr
        if written is not None:
            text += written.read_text(encoding="utf-8")
        chinese += bool(re.search(r"[\u4e00-\u9fff]", text))
        english = english_words(text, allowed, workdir)
        if english:
            found[" ".join(args).replace(str(workdir), "")] = english
    assert chinese == len(list(runs(workdir)))  # every run printed, in Chinese
    assert not found, "English words in a Chinese run:\n" + "\n".join(
        f"{command}: {words}" for command, words in found.items()
    )


def test_the_check_finds_english(workdir: Path) -> None:
    """The check above can fail: an English run of the same commands is full of words."""
    spec = load_spec(workdir / "规划.yaml")
    allowed = allowed_tokens(spec, ROOT / "data")
    result = runner.invoke(
        app,
        [
            "validate",
            str(workdir / "填报.csv"),
            "--spec",
            str(workdir / "规划.yaml"),
            "--lang",
            "en",
        ],
    )
    assert {"unknown", "not", "number", "outside", "period"} <= set(
        english_words(result.stdout, allowed, workdir)
    )
