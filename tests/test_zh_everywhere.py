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

import codecs
import csv
import json
import re
import sqlite3
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from planchk.cli import app
from planchk.language import LANG_VARIABLE
from planchk.layout import COLUMN_ALIASES
from planchk.problems import ProblemCode
from planchk.spec import Spec, load_spec
from planchk.yamlload import load_yaml
from test_workbook import workbook

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
#: The methodology's symbols (B base year, E end year, t, s, R, T, V_t, b = V_t / V_B of a
#: reference, g_ref its growth ...), the attribute marks
#: of the tables (B 约束性, E 预期性, explained in their legend), and planchk's own name.
SYMBOLS = {"B", "E", "t", "s", "n", "R", "T", "b", "V", "g_ref", "min", "max", "planchk"}
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


# --- every problem of a spec, a data file and an assessments file, in Chinese -------------------

CASES = ROOT / "tests" / "cases"
FIXTURES = ROOT / "tests" / "fixtures"


def zh_copy(spec: Path, folder: Path, name: str) -> Path:
    """A copy of `spec` as a Chinese plan writes it: `language: zh`, its texts in Chinese only."""
    raw = chinese_only(load_yaml(spec.read_text("utf-8")))
    raw.setdefault("plan", {})["language"] = "zh"
    copy = folder / name
    copy.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def spec_words(raw: Any) -> set[str]:
    """The words of what a planner wrote in a spec: the ids, references and texts (a broken spec
    cannot be loaded to ask it)."""
    words: set[str] = set()
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key in ("id", "reference", "category", "zh", "en") and isinstance(value, str):
                words |= set(WORD.findall(value.replace("-", " "))) | {value}
            words |= spec_words(value)
    elif isinstance(raw, list):
        for value in raw:
            words |= spec_words(value)
    return words


def misused_qualitative(folder: Path) -> Path:
    """A Chinese spec with each misuse of a qualitative target: a comparator beside its text,
    no text, and a qualitative target among several."""
    raw = load_yaml(
        zh_copy(CASES / "valid/qualitative-targets-assessed/spec.yaml", folder, "q.yaml").read_text(
            "utf-8"
        )
    )
    first, second = raw["indicators"][0], raw["indicators"][2]
    first["target"] = {**first["target"], "comparator": "at_least", "value": 5}
    second["target"] = {"kind": "qualitative"}
    third = raw["indicators"][1]
    third["targets"] = [third.pop("target"), {"kind": "qualitative", "text": {"zh": "稳步提高"}}]
    path = folder / "定性目标.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def sqlite_with_a_bad_row(folder: Path) -> str:
    """The sample data of 2018 as a SQLite table, with one figure that is not a number."""
    with (ROOT / "data" / "2018.csv").open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    rows.append(["4", "2018", "很多", *[""] * (len(header) - 3)])
    path = folder / "统计.db"
    with sqlite3.connect(path) as db:
        db.execute("drop table if exists observations")
        db.execute(f"create table observations ({', '.join(f'{h} text' for h in header)})")
        db.executemany(
            f"insert into observations values ({', '.join('?' * len(header))})",
            [row + [""] * (len(header) - len(row)) for row in rows],
        )
    return f"sqlite:///{path}"


def problem_runs(folder: Path) -> Iterator[tuple[list[str], Path, list[Path]]]:
    """Commands over Chinese copies of the fixture plans and of the acceptance cases whose specs,
    data and assessments hold the problems of several, tied and qualitative targets, of price
    bases, ways of reporting and assessments; with the spec and the files whose words the
    output may quote."""
    for plan in ("national-14th", "provincial"):
        spec = zh_copy(FIXTURES / plan / "spec.yaml", folder, f"{plan}.yaml")
        data, assessed = FIXTURES / plan / "data.csv", FIXTURES / plan / "assessments.yaml"
        quoted = [data, assessed]
        for extra in ([], ["--assessments", str(assessed)]):
            yield ["evaluate", str(data), "--spec", str(spec), *extra], spec, quoted
            for indicator in load_spec(spec).indicators:
                yield (
                    ["explain", str(indicator.no), str(data), "--spec", str(spec), *extra],
                    spec,
                    quoted,
                )
        report = folder / f"{plan}.md"
        yield (
            [
                "report",
                str(data),
                "--spec",
                str(spec),
                "--assessments",
                str(assessed),
                "--format",
                "markdown",
                "-o",
                str(report),
            ],
            spec,
            quoted,
        )
    for case in (
        "invalid/price-basis-current-levels",
        "invalid/reported-as-mistakes",
        "valid/reported-as-inconsistent",
        "valid/qualitative-target-unassessed",
        "invalid/assessments-yaml-mistakes",
        "invalid/assessments-csv-mistakes",
    ):
        spec = zh_copy(CASES / case / "spec.yaml", folder, f"{Path(case).name}.yaml")
        files = sorted(
            p for p in (CASES / case).glob("*.csv") if not p.name.startswith("assessments")
        )
        assessments = list((CASES / case).glob("assessments.*"))
        extra = ["--assessments", str(assessments[0])] if assessments else []
        for command in ("validate", "evaluate"):
            yield (
                [command, *map(str, files), "--spec", str(spec), *extra],
                spec,
                files + assessments,
            )
    for broken in (
        CASES / "invalid/spec-several-targets/spec.yaml",
        CASES / "invalid/spec-tied-targets/spec.yaml",
        CASES / "invalid/spec-tied-target-fields/spec.yaml",
        CASES / "invalid/spec-tied-level-change/spec.yaml",
        FIXTURES / "specs/invalid/baseline-year-outside.yaml",
        FIXTURES / "specs/invalid/range-reversed.yaml",
        FIXTURES / "specs/invalid/duplicate-indicator-id.yaml",
        FIXTURES / "specs/invalid/name-is-another-id.yaml",
    ):
        spec = zh_copy(broken, folder, f"坏-{broken.parent.name}-{broken.name}")
        yield ["spec", "check", str(spec)], spec, []
    spec = misused_qualitative(folder)
    yield ["spec", "check", str(spec)], spec, []
    spec = folder / "规划.yaml"
    url = sqlite_with_a_bad_row(folder)
    yield ["validate", url, "--table", "observations", "--spec", str(spec)], spec, []
    yield from revision_runs(folder)
    panel = folder / "各区.csv"  # data with a region column: the regions' table of validate
    panel.write_text("地区,指标,年份,数值,单位\n海淀,1,2018,abc,\n朝阳,1,2018,10500,家\n", "utf-8")
    for fmt in ("table", "markdown"):
        yield ["validate", str(panel), "--spec", str(spec), "--format", fmt], spec, [panel]


def revision_runs(folder: Path) -> Iterator[tuple[list[str], Path, list[Path]]]:
    """`validate --previous` of the national fixture's data with a figure revised, one added
    and one removed, in table and markdown: the lines that list changed figures."""
    spec = zh_copy(FIXTURES / "national-14th" / "spec.yaml", folder, "修订.yaml")
    before = (FIXTURES / "national-14th" / "data.csv").read_text(encoding="utf-8").splitlines()
    previous, current = folder / "上次", folder / "本次"
    previous.mkdir(exist_ok=True)
    current.mkdir(exist_ok=True)
    (previous / "data.csv").write_text("\n".join(before[:-1]) + "\n", encoding="utf-8")
    revised = before[1].replace(",8.1,", ",8.4,")
    assert revised != before[1]
    rows = [before[0], revised, *before[3:]]  # the 2022 figure removed, the last one added
    (current / "data.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for fmt in ("table", "markdown"):
        args = ["validate", str(current / "data.csv"), "--previous", str(previous)]
        yield [*args, "--spec", str(spec), "--format", fmt], spec, [current / "data.csv"]


def english_of_problem_runs(folder: Path, flags: list[str]) -> tuple[dict[str, list[str]], int]:
    """The English words each of `problem_runs` prints (run with `flags`), by command, and the
    number of runs."""
    found: dict[str, list[str]] = {}
    runs_made = 0
    for args, spec, quoted in problem_runs(folder):
        result = runner.invoke(app, [*args, *flags])
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "Traceback" not in result.output
        text = result.stdout + result.stderr
        if args[0] == "report":
            text += Path(args[-1]).read_text(encoding="utf-8")
        allowed = (
            set(SYMBOLS)
            | {p.value for p in ProblemCode}
            | {"csv", "xlsx", "yaml", "md", "svg", "db", "sqlite"}  # file names and URLs
            | {"GDP"}  # of the planners' words (高于GDP增长)
            | {"observations"}  # the database table named by --table
        )
        allowed |= spec_words(load_yaml(spec.read_text("utf-8")))
        for path in quoted:  # the data's and the assessor's own words
            allowed |= set(WORD.findall(path.read_text(encoding="utf-8")))
        english = english_words(text, allowed, folder)
        if not flags:  # a Chinese run printed, in Chinese
            assert re.search(r"[\u4e00-\u9fff]", text), (args, text)
        if english:
            found[" ".join(args).replace(str(folder), "").replace(str(ROOT), "")] = english
        runs_made += 1
    return found, runs_made


def test_every_kind_of_problem_of_a_chinese_plan_is_said_in_chinese(workdir: Path) -> None:
    found, runs_made = english_of_problem_runs(workdir, [])
    assert runs_made > 80  # every fixture indicator explained, every case run
    assert not found, "English words in a Chinese run:\n" + "\n".join(
        f"{command}: {words}" for command, words in found.items()
    )


def test_the_check_finds_english_in_every_problem_run(workdir: Path) -> None:
    """The check above can fail on each of its runs: in English, every one prints words."""
    found, runs_made = english_of_problem_runs(workdir, ["--lang", "en"])
    assert len(found) == runs_made


def test_an_assessments_csv_problem_names_its_column_as_the_file_heads_it(workdir: Path) -> None:
    """A problem of an assessments CSV headed 理由, 评估结论 names the column [理由], not the
    field's English key [reason]."""
    case = CASES / "invalid/assessments-csv-mistakes"
    spec = zh_copy(case / "spec.yaml", workdir, "评估表头.yaml")
    args = ["validate", str(case / "2023.csv"), "--spec", str(spec)]
    result = runner.invoke(app, [*args, "--assessments", str(case / "assessments.csv")])
    assert result.exit_code == 1, result.output
    assert "assessments.csv:2:4 [理由]" in result.stdout
    assert "assessments.csv:3:3 [评估结论]" in result.stdout
    assert not re.search(r"\[(status|reason|year|indicator)\]", result.stdout)


# --- every invalid acceptance case, validated with a Chinese plan -------------------------------

NOT_DATA = {"expected.yaml", "spec.yaml", "assessments.yaml", "assessments.csv", ".gitattributes"}
#: The names a statistics office writes as they are: of file formats, encodings, the programs
#: that save them, sizes; and the cells of a sheet (B3, D1048576), left out with `CELL`.
TECHNICAL = {"CSV", "XLSX", "YAML", "UTF-8", "UTF-16", "GBK", "GB18030", "NUL", "Excel"}
TECHNICAL |= {"LibreOffice", "Windows-1252", "Latin-1", "KB", "MB", "xls", "zip", "URL", "sqlite"}
#: Also a user's: the names of columns a header may have (indicator, value ...), the symbol of
#: the range planchk accepts (|x|, and 0x as a spec must not write it), GDP of the plans' names.
TECHNICAL |= set(COLUMN_ALIASES) | {"x", "GDP"}
CELL = re.compile(r"\b[A-Z]{1,3}[0-9]+\b|\b[0-9]+e-?[0-9]+\b")  # and numbers as 1e-30


def zh_spec_of_case(case: Path, folder: Path) -> tuple[Path, set[str]]:
    """A Chinese copy of the case's spec (the repository's where it has none), and the words
    the planner wrote in it. A spec too broken to be loaded (an alias bomb, numbers YAML
    misreads) gets `language: zh` written under its `plan:` line, as a planner would add it;
    one without a `plan:` cannot say its language, and is run with `PLANCHK_LANG=zh`."""
    spec = case / "spec.yaml" if (case / "spec.yaml").exists() else ROOT / "targets/indicators.yaml"
    text = spec.read_text("utf-8")
    name = f"案例-{case.name}.yaml"
    try:
        copy = zh_copy(spec, folder, name)
    except Exception:  # the loader refuses it: what the case is about
        copy = folder / name
        copy.write_text(text.replace("\nplan:\n", "\nplan:\n  language: zh\n", 1), "utf-8")
    return copy, set(WORD.findall(text))


def invalid_case_runs(folder: Path) -> Iterator[tuple[str, list[str], set[str]]]:
    """`validate` over the data of every folder under tests/cases/invalid/ (`spec check` where
    the case is its spec) with a Chinese copy of its spec, and the words the output may quote."""
    for case in sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir()):
        spec, allowed = zh_spec_of_case(case, folder)
        files = sorted(p for p in case.iterdir() if p.is_file() and p.name not in NOT_DATA)
        for path in files:  # the data's own words (column names, sources, notes)
            allowed |= set(WORD.findall(path.read_text("utf-8", errors="replace")))
        expected = load_yaml((case / "expected.yaml").read_text("utf-8"))
        for problem in expected.get("problems") or []:  # the sheets' names
            allowed |= set(WORD.findall(problem.get("sheet", "")))
        assessments = [p for p in case.iterdir() if p.name.startswith("assessments.")]
        for path in assessments:
            allowed |= set(WORD.findall(path.read_text("utf-8")))
        extra = ["--assessments", str(assessments[0])] if assessments else []
        if files:
            yield case.name, ["validate", *map(str, files), "--spec", str(spec), *extra], allowed
        else:
            yield case.name, ["spec", "check", str(spec)], allowed


def english_of_invalid_cases(folder: Path, flags: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, args, quoted in invalid_case_runs(folder):
        spec = Path(args[args.index("--spec") + 1] if "--spec" in args else args[-1])
        says = "language: zh" in spec.read_text("utf-8")
        env = {} if says or flags else {LANG_VARIABLE: "zh"}
        result = runner.invoke(app, [*args, *flags], env=env)
        assert result.exit_code in (1, 2), (name, result.output)
        assert "Traceback" not in result.output
        text = result.stdout + result.stderr
        if not flags:
            assert re.search(r"[\u4e00-\u9fff]", text), (name, text)
        allowed = set(SYMBOLS) | {p.value for p in ProblemCode} | quoted
        allowed |= {"csv", "xlsx", "yaml", "md", "db"} | TECHNICAL
        english = english_words(CELL.sub(" ", text.replace(str(CASES), "")), allowed, folder)
        if english:
            found[name] = english
    return found


def test_every_invalid_case_is_said_in_chinese(workdir: Path) -> None:
    found = english_of_invalid_cases(workdir, [])
    assert not found, "English words in a Chinese run:\n" + "\n".join(
        f"{case}: {words}" for case, words in found.items()
    )


def test_the_check_finds_english_in_every_invalid_case(workdir: Path) -> None:
    """The check above can fail on each case: in English, every one prints words."""
    found = english_of_invalid_cases(workdir, ["--lang", "en"])
    assert set(found) == {p.name for p in (CASES / "invalid").iterdir() if p.is_dir()}


# --- the bad files the hardening tests build, validated with a Chinese plan ------------------

HEADER = "指标,年份,数值,单位,来源,备注\n"


def bad_files(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """Files as they go wrong in an office (binary, the wrong encoding, a broken quote, a zip
    bomb, a hidden sheet ...), each with the options it is validated with."""
    folder.mkdir()
    files: dict[str, bytes] = {
        "全部字节.csv": bytes(range(256)) * 4,
        "图片.csv": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "无BOM的UTF16.csv": "指标,年份\n".encode("utf-16-le"),
        "非UTF8非GBK.csv": HEADER.encode() + b"1,2018,\x80\xff,,,\n",
        "混用编码.csv": (HEADER + "1,2018,10500,家,,\n").encode()
        + "2,2018,1030,家,,\n".encode("gbk"),
        "BOM后GBK.csv": codecs.BOM_UTF8 + HEADER.encode() + "1,2018,5,家,,备注\n".encode("gbk"),
        "西欧编码.csv": "indicator,year,value,unit,source,note\n1,2018,5,,Café,\n".encode("cp1252"),
        "引号未闭合.csv": (
            HEADER + '1,2018,10500,家,,\n2,2018,1030,家,,"开\n3,2018,1,人,,\n'
        ).encode(),
        "超长行.csv": (HEADER + "1,2018,10500,家,," + "长" * 1_000_100 + "\n").encode(),
        "分号.csv": "指标;年份;数值\n1;2018;5\n".encode(),
        "重复列.csv": "指标,年份,数值,数值\n1,2018,5,5\n".encode(),
        "地区写法.csv": "地区,指标,年份,数值\nHaidian,1,2018,5\nHAIDIAN,2,2018,6\n".encode(),
        "2018.xlsx": b"PK\x03\x04 not really a zip",
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
        yield name, [str(folder / name)]
    bomb = workbook(folder / "压缩炸弹.xlsx", {"报表": [["指标", "年份", "数值"]]})
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 2**20))
    yield bomb.name, [str(bomb)]
    header: list[object] = ["指标", "年份", "数值"]
    hidden = workbook(
        folder / "隐藏.xlsx",
        {
            "一月": [header, [1, 2018, 10500]],
            "旧表": [header, [3, 2018, 9]],
            "说明": [["填报说明"]],
        },
        hidden=("旧表",),
    )
    yield hidden.name, [str(hidden)]
    yield f"{hidden.name} --sheet", [str(hidden), "--sheet", "没有这张表"]
    formula = workbook(folder / "公式.xlsx", {"报表": [header, [1, 2018, "=1+1"]]})
    yield formula.name, [str(formula)]
    wide = workbook(folder / "宽表.xlsx", {"报表": [["序号"], [1]]})
    yield f"{wide.name} --layout wide", [str(wide), "--layout", "wide"]
    (folder / "有地区.csv").write_text("地区,指标,年份,数值\n海淀,1,2018,5\n", "utf-8")
    (folder / "无地区.csv").write_text("指标,年份,数值\n1,2018,5\n", "utf-8")
    yield "地区列", [str(folder / "有地区.csv"), str(folder / "无地区.csv")]
    # databases named wrongly
    with sqlite3.connect(folder / "统计.db") as db:
        db.execute("create table 数据 (指标 text, 年份 text, 数值 text)")
    yield "没有的表", [f"sqlite:///{folder / '统计.db'}", "--table", "没有的表"]
    yield "没有的数据库", [f"sqlite:///{folder / '没有.db'}", "--table", "数据"]
    yield (
        "--query 与 --table",
        [f"sqlite:///{folder / '统计.db'}", "--table", "数据", "--query", "1"],
    )
    yield "--table 无数据库", [str(folder / "有地区.csv"), "--table", "数据"]


def english_of_bad_files(
    workdir: Path, folder: Path, flags: list[str]
) -> tuple[dict[str, list[str]], int]:
    spec = workdir / "规划.yaml"
    allowed = allowed_tokens(load_spec(spec), workdir) | TECHNICAL | {"db"}
    allowed |= {"xl", "media", "padding", "bin"}  # the file inside the zip bomb, named
    allowed |= {"Haidian"}  # a region's name, as a file writes it
    found: dict[str, list[str]] = {}
    runs_made = 0
    for name, args in bad_files(folder):
        result = runner.invoke(app, ["validate", *args, "--spec", str(spec), *flags])
        assert result.exit_code in (0, 1, 2), (name, result.output)  # 0: warnings only
        assert "Traceback" not in result.output
        text = CELL.sub(" ", (result.stdout + result.stderr).replace(str(folder), ""))
        if not flags:
            assert re.search(r"[\u4e00-\u9fff]", text), (name, text)
        english = english_words(text, allowed, workdir)
        if english:
            found[name] = english
        runs_made += 1
    return found, runs_made


def test_every_bad_file_is_said_in_chinese(workdir: Path) -> None:
    found, runs_made = english_of_bad_files(workdir, workdir / "坏文件", [])
    assert runs_made == 23
    assert not found, "English words in a Chinese run:\n" + "\n".join(
        f"{name}: {words}" for name, words in found.items()
    )


def test_the_check_finds_english_in_every_bad_file(workdir: Path) -> None:
    found, runs_made = english_of_bad_files(workdir, workdir / "坏文件-en", ["--lang", "en"])
    assert len(found) == runs_made


# --- spec draft: a plan's Chinese table drafted in Chinese, and its bad inputs --------------------

DRAFTS = FIXTURES / "draft"
#: The words of the command a draft's heading names (`由 planchk spec draft 根据…起草`).
DRAFT_COMMAND = {"spec", "draft"}


def draft_plans(folder: Path) -> Iterator[Path]:
    """Every plan under tests/fixtures/draft/ (text, Markdown, Word, HTML, Excel, PDF), and the
    Excel plan's table saved as CSV, the one format without a fixture of its own."""
    import openpyxl  # noqa: PLC0415

    for case in sorted(p for p in DRAFTS.iterdir() if (p / "expected.yaml").is_file()):
        yield next(p for p in case.iterdir() if not p.name.startswith("expected"))
    sheet = openpyxl.load_workbook(DRAFTS / "national-13th-xlsx" / "plan.xlsx").worksheets[0]
    path = folder / "规划表.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
        )
    yield path


def bad_draft_inputs(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """What `spec draft` refuses: a plan without an indicator table, a table without a target
    column, a table number out of range, no plan years, no row it can draft, years the wrong
    way round, and files it cannot read at all (with `PLANCHK_LANG=zh`: nothing tells their
    language). A library's own reason for an unreadable file is English; the Chinese message
    names the file and what it is not, and leaves the reason out."""
    folder.mkdir()
    texts = {
        "无指标表.md": "# 规划\n\n| 项目 | 金额 |\n| --- | --- |\n| 道路 | 5 |\n",
        "无目标列.md": "| 序号 | 指标 | 备注 |\n| --- | --- | --- |\n| 1 | 人口 | 无 |\n",
        "无年份.md": "| 序号 | 指标 | 目标 |\n| --- | --- | --- |\n| 1 | 人口(万人) | 50 |\n",
        "无可起草行.md": "“十三五”规划\n\n| 序号 | 指标 | 目标 |\n| --- | --- | --- |\n"
        "| 1 | 经济增长 | 保持在合理区间 |\n| 2 | 居民收入 | 高于GDP增长 |\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        yield name, [str(folder / name)]
    haidian = DRAFTS / "haidian-txt"
    plan = next(haidian.glob("*.txt"))
    yield "--table 7", [str(plan), "--table", "7"]
    yield "--table 1 非指标表", [str(folder / "无指标表.md"), "--table", "1"]
    yield "年份倒置", [str(folder / "无年份.md"), "--base-year", "2025", "--end-year", "2020"]
    for suffix in (".docx", ".pdf", ".xlsx"):
        (folder / f"损坏{suffix}").write_bytes(b"not a document at all")
        yield f"损坏{suffix}", [str(folder / f"损坏{suffix}")]
    (folder / "编码.txt").write_bytes(b"\xff\xfe\xff\xff\x81")
    yield "编码.txt", [str(folder / "编码.txt")]


def draft_text(result: Result, fmt: str) -> str:
    """What a person reads of a draft: standard error, and the spec's comments or the review
    list's places, sources and reasons (the spec's keys and values are its format's)."""
    text = result.stderr
    if fmt == "yaml":
        text += "\n".join(
            line.split("# ", 1)[1] for line in result.stdout.splitlines() if "# " in line
        )
    elif result.stdout:
        review = json.loads(result.stdout)
        text += review["table"] + "\n"
        for item in review["review"]:
            text += f"{item['place']} {item['source']} {item['why']}\n"
    return text


def english_of_drafts(folder: Path, flags: list[str]) -> tuple[dict[str, list[str]], int]:
    found: dict[str, list[str]] = {}
    runs_made = 0
    folder.mkdir()
    for plan in draft_plans(folder):
        source = (
            plan.read_text("utf-8", errors="replace")
            if plan.suffix in (".txt", ".md", ".html", ".csv")
            else ""
        )
        for fmt in ("yaml", "json"):
            result = runner.invoke(app, ["spec", "draft", str(plan), "--format", fmt, *flags])
            assert result.exit_code == 0, (plan, result.output)
            text = draft_text(result, fmt).replace(str(plan.parent), "")
            allowed = (
                set(SYMBOLS) | DRAFT_COMMAND | {"txt", "md", "docx", "html", "xlsx", "pdf", "csv"}
            )
            allowed |= set(WORD.findall(source)) | set(WORD.findall(plan.name)) | {"GDP", "PCT"}
            if not flags:
                assert re.search(r"[\u4e00-\u9fff]", result.stderr), (plan, result.stderr)
            english = english_words(text, allowed, folder)
            if english:
                found[f"{plan.name} {fmt}"] = english
            runs_made += 1
    env = {} if flags else {LANG_VARIABLE: "zh"}
    for name, args in bad_draft_inputs(folder / "坏规划"):
        # a file that can be read has its language; one that cannot is told in PLANCHK_LANG's
        unread = name.startswith(("损坏", "编码"))
        result = runner.invoke(app, ["spec", "draft", *args, *flags], env=env if unread else {})
        assert result.exit_code == 2, (name, result.output)
        assert "Traceback" not in result.output
        text = result.stderr.replace(str(folder), "").replace(str(DRAFTS), "")
        allowed = set(SYMBOLS) | DRAFT_COMMAND | TECHNICAL | {"md", "txt", "docx", "pdf", "xlsx"}
        allowed |= {"GDP", "N", "PDF"} | {w for arg in args for w in WORD.findall(arg)}
        if not flags:
            assert re.search(r"[\u4e00-\u9fff]", text), (name, text)
        english = english_words(text, allowed, folder)
        if english:
            found[name] = english
        runs_made += 1
    return found, runs_made


def test_spec_draft_of_a_chinese_plan_is_in_chinese(workdir: Path) -> None:
    found, runs_made = english_of_drafts(workdir / "起草", [])
    assert runs_made == 2 * 7 + 11
    assert not found, "English words in a Chinese run:\n" + "\n".join(
        f"{name}: {words}" for name, words in found.items()
    )


def test_the_check_finds_english_in_every_draft(workdir: Path) -> None:
    found, runs_made = english_of_drafts(workdir / "起草-en", ["--lang", "en"])
    assert len(found) == runs_made


# --- help and usage errors: in Chinese with --lang zh anywhere, or PLANCHK_LANG=zh ---------------

COMMANDS = [
    [],
    *([name] for name in ("evaluate", "explain", "report", "validate", "indicators")),
    *([name] for name in ("template", "schema", "spec")),
    ["spec", "check"],
    ["spec", "draft"],
]
#: What a help page may show in Latin letters: the command names, the choices of an option
#: (<table|json|...>, [默认：table]), the metavars of the usage lines and options (OPTIONS,
#: DATA, FILE, YEAR, written in capitals), and the technical names its texts use.
HELP_WORDS = {"evaluate", "explain", "report", "validate", "indicators", "template", "schema"}
HELP_WORDS |= {"spec", "check", "draft", "shell", "html", "Markdown", "Schema", "plan"}
HELP_WORDS |= {"language", "PLANCHK_LANG", "YYYY-MM-DD", "never", "binding", "any", "en", "zh"}
HELP_WORDS |= {"yaml", "json", "targets", "indicators", "md", "txt", "docx", "pdf", "csv"}
HELP_WORDS |= {"parquet", "table", "junit", "github", "markdown"}  # file types, formats
CHOICES = re.compile(r"<([^>]+)>")
CAPITALS = re.compile(r"\b[A-Z][A-Z_]*\b")
SHORT_OPTION = re.compile(r"(?<![\w-])-[a-z]\b")


def usage_errors(folder: Path) -> Iterator[list[str]]:
    """Mistakes a user makes on the command line: each kind of usage error."""
    data = str(ROOT / "data")
    yield []  # no command: the help
    yield ["evaluate"]  # a missing argument
    yield ["explain", "9"]
    yield ["evaluate", data, "--nope"]  # no such option
    yield ["evalute", data]  # no such command
    yield ["spec", "chek"]
    yield ["evaluate", data, "--format", "xml"]  # not one of the choices
    yield ["evaluate", data, "--year", "abc"]  # not a whole number
    yield ["spec", "draft", str(DRAFTS / "haidian-txt"), "--table", "0"]  # out of its range
    yield ["evaluate", data, "--spec"]  # an option without its value
    yield ["spec", "check", str(folder / "没有.yaml")]  # a file that does not exist


def help_text_of(args: list[str], env: dict[str, str]) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code in (0, 2), (args, result.output)
    assert "Traceback" not in result.output
    return result.stdout + result.stderr


def english_of_help(folder: Path, lang: str) -> tuple[dict[str, list[str]], int]:
    """The English words of every help page (`--lang` given after `--help`, and
    `PLANCHK_LANG` alone) and of every usage error, in `lang`."""
    found: dict[str, list[str]] = {}
    runs_made = 0
    pages: list[tuple[list[str], dict[str, str]]] = [
        ([*c, "--help", "--lang", lang], {}) for c in COMMANDS
    ]
    pages += [([*c, "--help"], {LANG_VARIABLE: lang}) for c in COMMANDS]
    pages += [(args, {LANG_VARIABLE: lang}) for args in usage_errors(folder)]
    for args, env in pages:
        text = help_text_of(args, env).replace(str(folder), "").replace(str(ROOT), "")
        text = SHORT_OPTION.sub(" ", text)  # -h, -o
        allowed = set(SYMBOLS) | HELP_WORDS | TECHNICAL | set(CAPITALS.findall(text))
        allowed |= {w for choices in CHOICES.findall(text) for w in WORD.findall(choices)}
        allowed |= {w for arg in args for w in WORD.findall(arg)}
        if lang == "zh":
            assert re.search(r"[\u4e00-\u9fff]", text), (args, text)
        english = english_words(text, allowed, folder)
        if english:
            found[" ".join(args) + (" PLANCHK_LANG" if env else "")] = english
        runs_made += 1
    return found, runs_made


def test_help_and_usage_errors_are_in_chinese(workdir: Path) -> None:
    found, runs_made = english_of_help(workdir, "zh")
    assert runs_made == 2 * len(COMMANDS) + 11
    assert not found, "English words in Chinese help:\n" + "\n".join(
        f"{name}: {words}" for name, words in found.items()
    )


def test_the_check_finds_english_in_every_help_page(workdir: Path) -> None:
    found, runs_made = english_of_help(workdir, "en")
    assert len(found) == runs_made


def test_chinese_help_keeps_to_the_terminal_width() -> None:
    """Chinese characters take two columns: a line of help stays within the width."""
    for command in COMMANDS:
        for columns in ("80", "100"):
            text = help_text_of([*command, "--help"], {LANG_VARIABLE: "zh", "COLUMNS": columns})
            widest = max(
                sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                for line in text.splitlines()
            )
            assert widest <= int(columns), (command, columns, widest)


def workbook_texts(path: Path) -> str:
    """Every text of a workbook a person reads: its cells and its cells' input and error
    messages."""
    import openpyxl  # noqa: PLC0415

    book = openpyxl.load_workbook(path)
    texts = [str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value]
    for sheet in book.worksheets:
        for rule in sheet.data_validations.dataValidation:
            texts += [rule.errorTitle or "", rule.error or "", rule.promptTitle or ""]
            texts.append(rule.prompt or "")
    return "\n".join(texts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fill_in_workbook_of_a_chinese_plan_is_in_chinese(workdir: Path, lang: str) -> None:
    """A Chinese plan's template is Chinese alone; an English run's adds the English."""
    spec = workdir / "规划.yaml"
    out = workdir / f"模板-{lang}.xlsx"
    flags = [] if lang == "zh" else ["--lang", "en"]
    result = runner.invoke(app, ["template", "--spec", str(spec), "-o", str(out), *flags])
    assert result.exit_code == 0, result.output
    loaded = load_spec(spec)
    allowed = allowed_tokens(loaded, workdir) | TECHNICAL | set(WORD.findall(loaded.plan.id))
    english = english_words(workbook_texts(out), allowed, workdir)
    assert bool(english) is (lang == "en"), english


def test_a_missing_extra_is_said_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """`spec draft` of a Word plan without the draft extra: what to install, in Chinese."""
    import sys  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` now fails
    plan = DRAFTS / "national-13th-docx" / "plan.docx"
    result = runner.invoke(app, ["spec", "draft", str(plan)], env={LANG_VARIABLE: "zh"})
    assert result.exit_code == 2
    assert "读取 .docx 格式的规划需要 python-docx，但尚未安装：pip install 'planchk[draft]'" in (
        result.stderr
    )
