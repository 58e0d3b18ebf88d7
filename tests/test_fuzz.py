"""Property tests: generated CSV text and generated specs never break the loader or the CLI.

For any input: the loader returns (it never raises), the CLI exits 0, 1 or 2 and shows no
traceback, and every data row is accounted for: it is an observation, has an error on its
line or is counted as a note below the table, unless an error stopped the reading of the file
(and says so).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from planchk.cli import app
from planchk.data import read_data
from planchk.problems import Severity
from planchk.spec import Spec, SpecError, load_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "targets" / "indicators.yaml"
HAIDIAN = load_spec(SPEC_PATH)
runner = CliRunner()
# The loader runs in-process and is cheap; each CLI run reloads the Haidian spec (~60 ms), so
# tests that go through the CLI draw fewer examples.
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_CLI = settings(FUZZ, max_examples=50)
FORMATS = st.sampled_from(["table", "json", "junit", "github", "markdown"])

# --- strategies for data files -------------------------------------------------------------

nasty_text = st.text(max_size=12)
indicator_cells = st.one_of(
    st.sampled_from([i.id for i in HAIDIAN.indicators]),
    st.integers(0, 22).map(str),
    st.sampled_from([i.name.zh or "" for i in HAIDIAN.indicators]),
    nasty_text,
)
year_cells = st.one_of(
    st.integers(2013, 2022).map(str),
    st.sampled_from(["2018年", "２０１８", "2018.0", "", "18", "二〇一八"]),
    nasty_text,
)
number = st.one_of(
    st.integers(-(10**6), 10**7).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
value_cells = st.one_of(
    number,
    st.tuples(
        st.sampled_from(["", ">", "<", "~", "约", "超过", "预计", "不足", " "]),
        number,
        st.sampled_from(["", "%", "以上", "左右", "万", " "]),
    ).map("".join),
    st.sampled_from(["", "NaN", "inf", "1e309", "-0", "1,435", "5,8", "10 500", "abc"]),
    nasty_text,
)
unit_cells = st.one_of(
    st.sampled_from(["", "家", "万家", "人", "%", "亿元", "万亿元", "件", "万件", "亿美元", "项"]),
    nasty_text,
)
free_cells = st.one_of(st.just(""), st.just("illustrative"), nasty_text)


@st.composite
def good_rows(draw: st.DrawFn) -> list[str]:
    """A row the loader accepts (unless it repeats an earlier one): it makes observations."""
    indicator = draw(st.sampled_from(HAIDIAN.indicators))
    key = draw(st.sampled_from([indicator.id, str(indicator.no), indicator.name.zh or ""]))
    upper = 100 if indicator.unit.zh == "%" else 10**6
    value = draw(st.decimals(0, upper, places=2).map(str))
    unit = draw(st.sampled_from(["", indicator.unit.zh or ""]))
    note = draw(st.one_of(st.just(""), nasty_text))
    return [key, str(draw(st.integers(2015, 2020))), value, unit, "illustrative", note]


rows = st.lists(
    st.one_of(
        good_rows(),
        st.tuples(indicator_cells, year_cells, value_cells, unit_cells, free_cells, free_cells).map(
            list
        ),
        st.lists(nasty_text, max_size=8),  # ragged, blank or garbage rows
    ),
    max_size=25,
)
headers = st.one_of(
    st.just(["indicator", "year", "value", "unit", "source", "note"]),
    st.just(["指标", "年份", "数值", "单位", "来源", "备注"]),
    st.just(["indicator", "value", "unit", "year", "note", "source"]),
    st.lists(nasty_text, max_size=7),
)


@contextmanager
def directory() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def csv_text(header: list[str], body: list[list[str]], terminator: str) -> tuple[str, list[int]]:
    """The CSV text and the line each body row starts on (as editors and planchk count).

    Cells are quoted whenever they hold a line break: Python's writer, left to itself, does not
    quote a lone CR when the line terminator is LF, and such a cell really is two lines.
    """
    buffer = io.StringIO()
    if terminator == "\r\n":
        writer = csv.writer(buffer, lineterminator=terminator, quoting=csv.QUOTE_MINIMAL)
    else:
        writer = csv.writer(buffer, lineterminator=terminator, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    starts = []
    for row in body:
        text = buffer.getvalue()
        starts.append(1 + len(re.findall(r"\r\n|\r|\n", text)))
        writer.writerow(row)
    return buffer.getvalue(), starts


def invoke(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result


# --- data -----------------------------------------------------------------------------------


csv_files = st.tuples(
    headers,
    rows,
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["2018.csv", "data.csv", "2016.csv"]),
)


@FUZZ
@given(csv_file=csv_files)
def test_generated_csv_is_loaded_and_every_row_is_accounted_for(
    csv_file: tuple[list[str], list[list[str]], str, str, str],
) -> None:
    header, body, encoding, terminator, name = csv_file
    text, starts = csv_text(header, body, terminator)
    with directory() as tmp:
        path = tmp / name
        path.write_bytes(text.encode(encoding, errors="replace"))
        loaded = read_data([path], HAIDIAN)
        (summary,) = loaded.files
        errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
        if not summary.complete or not summary.columns:
            # Reading stopped at a bad header, a bad byte or malformed CSV, or the file has no
            # header at all: an error says where and why.
            assert errors
        else:
            data_lines = [
                line for line, row in zip(starts, body, strict=True) if any(c.strip() for c in row)
            ]
            assert summary.rows == len(data_lines)
            used = {o.line for o in loaded.dataset.observations}
            rejected = {p.line for p in errors}
            single_cell = {
                line
                for line, row in zip(starts, body, strict=True)
                if sum(1 for c in row if c.strip()) == 1
            }
            passed_over = [line for line in data_lines if line not in used | rejected]
            # only a row of one cell may be a note below the table, and each is counted
            assert all(line in single_cell for line in passed_over), (passed_over, text)
            assert len(passed_over) == summary.notes
            assert summary.used + summary.rejected + summary.notes == summary.rows
            assert summary.used == len(loaded.dataset.observations)


@FUZZ_CLI
@given(csv_file=csv_files, fmt=FORMATS)
def test_generated_csv_never_breaks_the_cli(
    csv_file: tuple[list[str], list[list[str]], str, str, str], fmt: str
) -> None:
    header, body, encoding, terminator, name = csv_file
    with directory() as tmp:
        path = tmp / name
        path.write_bytes(csv_text(header, body, terminator)[0].encode(encoding, errors="replace"))
        loaded = read_data([path], HAIDIAN)
        validated = invoke("validate", str(path), "--spec", str(SPEC_PATH), "--format", fmt)
        if loaded.error_count:
            assert validated.exit_code == 1
        elif validated.exit_code == 1:  # only a file with no data rows adds an error
            assert "no-data" in validated.stdout
        evaluated = invoke("evaluate", str(path), "--spec", str(SPEC_PATH), "--format", fmt)
        if loaded.error_count:
            assert evaluated.exit_code == 2
            assert evaluated.stdout == ""  # never a partial report


@FUZZ
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_arbitrary_bytes_never_break_the_loader(content: bytes) -> None:
    with directory() as tmp:
        path = tmp / "2018.csv"
        path.write_bytes(content)
        loaded = read_data([path], HAIDIAN)
        (summary,) = loaded.files
        assert summary.used + summary.rejected == summary.rows


@FUZZ_CLI
@given(
    content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)), fmt=FORMATS
)
def test_arbitrary_bytes_never_break_the_cli(content: bytes, fmt: str) -> None:
    with directory() as tmp:
        path = tmp / "2018.csv"
        path.write_bytes(content)
        invoke("validate", str(path), "--spec", str(SPEC_PATH), "--format", fmt)
        invoke("evaluate", str(path), "--spec", str(SPEC_PATH), "--format", fmt)


# --- specs ----------------------------------------------------------------------------------

directions = {
    "at_least": "increase",
    "more_than": "increase",
    "at_most": "decrease",
    "less_than": "decrease",
}


@st.composite
def indicators(draw: st.DrawFn, no: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["level", "cumulative", "average_growth", "change"]))
    comparator = draw(st.sampled_from([*directions, "about"]))
    direction = directions.get(comparator) or draw(st.sampled_from(["increase", "decrease"]))
    value = draw(st.integers(-50, 500))
    target: dict[str, Any] = {"kind": kind, "comparator": comparator, "value": value}
    reporting = "level"
    if kind == "change":
        target["change"] = draw(st.sampled_from(["relative", "absolute"]))
    if kind == "cumulative":
        reporting = draw(st.sampled_from(["level", "addition"]))
    if kind == "average_growth" or target.get("change") == "relative":
        reporting = draw(st.sampled_from(["level", "yearly_change"]))
    entry: dict[str, Any] = {
        "no": no,
        "id": f"i{no}",
        "category": "c",
        "name": {"en": draw(st.text(min_size=1, max_size=10))},
        "unit": {"zh": draw(st.sampled_from(["家", "%", "亿元", "吨"]))},
        "attribute": draw(st.sampled_from(["binding", "expected"])),
        "direction": direction,
        "target": target,
        "reporting": reporting,
    }
    if draw(st.booleans()):
        entry["baseline"] = {"value": draw(st.integers(0, 400))}
    if draw(st.booleans()):
        entry["max_change"] = {"relative": draw(st.integers(1, 200))}
    return entry


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    base = draw(st.integers(1990, 2030))
    count = draw(st.integers(1, 4))
    spec: dict[str, Any] = {
        "schema": 1,
        "plan": {
            "id": "fuzz",
            "title": {"en": draw(st.text(min_size=1, max_size=20))},
            "base_year": base,
            "end_year": base + draw(st.integers(1, 6)),
        },
        "categories": [{"id": "c", "name": {"en": "C"}}],
        "indicators": [draw(indicators(no)) for no in range(1, count + 1)],
    }
    # Sometimes break it: an unknown key, a missing key, a value of the wrong type.
    mutation = draw(st.sampled_from(["none", "none", "extra", "drop", "retype"]))
    victim = spec["indicators"][0]
    if mutation == "extra":
        victim[draw(st.text(min_size=1, max_size=5))] = draw(st.text(max_size=5))
    elif mutation == "drop":
        victim.pop(draw(st.sampled_from(sorted(victim))))
    elif mutation == "retype":
        victim[draw(st.sampled_from(sorted(victim)))] = draw(
            st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers()))
        )
    return spec


def data_for(spec: dict[str, Any], values: list[int]) -> str:
    base, end = spec["plan"]["base_year"], spec["plan"]["end_year"]
    lines = ["indicator,year,value"]
    for index, year in enumerate(range(base, end + 1)):
        for entry in spec["indicators"]:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                lines.append(f"{entry['id']},{year},{values[index % len(values)]}")
    return "\n".join(lines) + "\n"


@FUZZ_CLI
@given(spec=specs(), values=st.lists(st.integers(-5, 600), min_size=1, max_size=7), fmt=FORMATS)
def test_generated_specs_never_break_spec_check_or_evaluate(
    spec: dict[str, Any], values: list[int], fmt: str
) -> None:
    with directory() as tmp:
        spec_path = tmp / "spec.yaml"
        spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        checked = invoke("spec", "check", str(spec_path))
        assert checked.exit_code in (0, 1)
        data = tmp / "data.csv"
        data.write_text(data_for(spec, values), encoding="utf-8")
        evaluated = invoke("evaluate", str(data), "--spec", str(spec_path), "--format", fmt)
        if checked.exit_code == 1:
            assert evaluated.exit_code == 2
        invoke("validate", str(data), "--spec", str(spec_path), "--format", fmt)


@FUZZ_CLI
@given(text=st.text(max_size=200))
def test_arbitrary_yaml_text_never_breaks_spec_check(text: str) -> None:
    with directory() as tmp:
        spec_path = tmp / "spec.yaml"
        spec_path.write_text(text, encoding="utf-8")
        result = invoke("spec", "check", str(spec_path), "--format", "json")
        assert result.exit_code in (0, 1)


def test_the_generated_specs_include_valid_ones() -> None:
    """The spec strategy is not all noise: its unmutated draws load."""
    found: list[Spec] = []

    @settings(max_examples=60, deadline=None)
    @given(spec=specs())
    def collect(spec: dict[str, Any]) -> None:
        with directory() as tmp:
            path = tmp / "spec.yaml"
            path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
            with suppress(SpecError):  # counting the valid ones only
                found.append(load_spec(path))

    collect()
    assert found
