"""No input breaks planchk: every bad input ends in a clear message and a documented exit code.

`evaluate` refuses bad data with exit code 2 and nothing on stdout (never a partial report);
`validate` lists the same problems with exit code 1; neither ever shows a traceback.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from planchk.cli import app

ROOT = Path(__file__).resolve().parents[1]
HEADER = "indicator,year,value,unit,source,note\n"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the repository's spec, as a user following the README has


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def evaluate_fails(path: Path | str, *fragments: str) -> Result:
    """`evaluate` exits 2 with nothing on stdout and the fragments on stderr."""
    result = run("evaluate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr
    return result


def validate_fails(path: Path | str, *fragments: str) -> Result:
    """`validate` exits 1 with the fragments in its problem list."""
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    for fragment in fragments:
        assert fragment in result.stdout
    return result


def write(tmp_path: Path, content: bytes | str, name: str = "2018.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- files that are not there or cannot be read ----------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.csv"
    evaluate_fails(missing, f"{missing}: error unreadable-file: no such file or directory")
    result = run("validate", str(missing))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_directory_without_data_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    evaluate_fails(tmp_path, "no-data", "no .csv or .xlsx files")
    validate_fails(tmp_path, "no-data")


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    for args in (
        ["evaluate", "data/2018.csv", "--spec", str(tmp_path)],
        ["evaluate", "data/2018.csv", "--compare", str(tmp_path)],
        ["evaluate", "data/2018.csv", "--output", str(tmp_path)],
        ["validate", "data/2018.csv", "--output", str(tmp_path)],
        ["spec", "check", str(tmp_path)],
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "directory" in result.stderr, args


def test_directory_named_like_a_data_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "2017.csv").mkdir()
    write(tmp_path, HEADER + "1,2018,10500,家,,\n")
    result = run("validate", str(tmp_path))
    assert "2017.csv" not in result.stdout


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make opening `denied` fail as it does for a file without read permission.

    Tests run as root in CI, where chmod 000 does not stop reading; this is what the loader
    sees when it does.
    """
    original = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self.resolve() == denied.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, HEADER + "1,2018,10500,家,,\n")
    _deny(monkeypatch, path)
    message = f"{path}: error unreadable-file: cannot read the file: Permission denied"
    evaluate_fails(path, message)
    validate_fails(path, message)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions; test_unreadable_file covers this",
)
def test_unreadable_file_by_permission(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,2018,10500,家,,\n")
    path.chmod(0)
    try:
        evaluate_fails(path, "unreadable-file", "Permission denied")
    finally:
        path.chmod(0o644)


# --- files with nothing, or not text, in them ---------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    evaluate_fails(path, f"{path}: error no-data: the file is empty")
    validate_fails(path, "no-data: the file is empty")


def test_header_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER)
    evaluate_fails(path, "no year after the base year")
    validate_fails(path, "no-data: the file has a header but no data rows")


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,  # every byte, NULs included
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"PK\x03\x04" + os.urandom(512).replace(b"\x00", b"\x01"),  # a zip, no NUL
        b"\xff\xfe" + "指标,年份".encode("utf-16-le"),
    ],
    ids=["all-bytes", "png", "zip-without-nul", "utf-16"],
)
def test_binary_garbage(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    result = evaluate_fails(path)
    assert any(code in result.stderr for code in ("encoding-error", "bad-header", "malformed-csv"))
    validate_fails(path)


def test_binary_garbage_named_xlsx(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04 not really a zip", name="2018.xlsx")
    evaluate_fails(path, "unreadable-file", "not a readable XLSX workbook")


def test_mixed_encodings(tmp_path: Path) -> None:
    content = (HEADER + "1,2018,10500,家,,\n").encode() + "2,2018,1030,家,,\n".encode("gbk")
    path = write(tmp_path, content)
    message = "line 2 is UTF-8 but line 3 is not (GBK?); save the whole file as UTF-8"
    evaluate_fails(path, f"{path}:3: error encoding-error: the file mixes encodings", message)
    validate_fails(path, message)


# --- CSV structure ------------------------------------------------------------------------


def test_ragged_rows(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,2018,10500,家,,,surplus\n2,2018,1030,家,,\n")
    evaluate_fails(path, f"{path}:2:7: error ragged-row: 7 cells, the header has 6")
    result = validate_fails(path, f"{path}:2:7: error ragged-row")
    assert "2 rows (1 used, 1 rejected)" in result.stdout


def test_quoted_newlines_keep_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + '1,2018,10500,家,,"two\nlines"\n2,2018,abc,家,,\n')
    validate_fails(path, f"{path}:4:3 [value]: error type-error")


def test_unterminated_quote_stops_the_file_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + '1,2018,10500,家,,\n2,2018,1030,家,,"open\n3,2018,150,人,,\n')
    evaluate_fails(path, "malformed-csv", "the rest of the file was not read")
    result = validate_fails(path, "not read to the end")
    assert "malformed-csv" in result.stdout


def test_an_over_long_line_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,2018,10500,家,," + "x" * 1_100_000 + "\n")
    evaluate_fails(path, "malformed-csv", "longer than 1,000,000 characters")


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("NaN", "type-error"),
        ("nan", "type-error"),
        ("inf", "type-error"),
        ("-Infinity", "type-error"),
        ("1e309", "out-of-range"),
        ("-1e309", "out-of-range"),
        ("1e-400", "out-of-range"),
        ("9" * 400, "out-of-range"),
    ],
)
def test_nan_inf_and_huge_numbers(tmp_path: Path, value: str, code: str) -> None:
    path = write(tmp_path, HEADER + f"1,2018,{value},家,,\n")
    evaluate_fails(path, f"{path}:2:3 [value]: error {code}")


@pytest.mark.parametrize("value", ["-0", "+0", "-0.0", "0e5"])
def test_negative_zero_is_zero(tmp_path: Path, value: str) -> None:
    # A running total of 0 (not negative, so no out-of-range), reported as written.
    path = write(tmp_path, HEADER + f"3,2018,{value},人,,\n")
    result = run("evaluate", str(path), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    (talents,) = [r for r in json.loads(result.stdout)["indicators"] if r["no"] == 3]
    assert talents["actual"] == 0
    assert str(talents["actual"]) == "0.0"  # not -0.0
    assert talents["observations"][-1]["reported"] == value


@pytest.mark.parametrize("value", [" 10500 ", "10 500", "10\u00a0500", "\t10500\t"])
def test_values_with_spaces(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, HEADER + f'1,2018,"{value}",家,,\n')
    result = run("validate", str(path))
    assert "[value]" not in result.stdout  # read as 10500: no problem with the value
    assert run("evaluate", str(path), "--format", "json").exit_code in (0, 1)


@pytest.mark.parametrize("value", ["1\u3000050\u00a00", "10 5", "81\n00", "8\t100"])
def test_spaces_that_are_no_grouping_are_a_type_error(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, HEADER + f'1,2018,"{value}",家,,\n')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "[value]: error type-error" in result.stdout


def test_spaces_around_cells_and_in_headers(tmp_path: Path) -> None:
    path = write(tmp_path, " indicator , year ,value\n 1 , 2018 , 10500 \n")
    result = run("validate", str(path))
    assert "1 file checked: 0 errors" in result.stdout


# --- specs --------------------------------------------------------------------------------


def test_yaml_alias_bomb_is_refused_quickly_with_bounded_memory(tmp_path: Path) -> None:
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    spec = write(tmp_path, "\n".join(levels) + "\n", name="bomb.yaml")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = run("spec", "check", str(spec))
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert f"{spec}:2 [" not in result.stdout
    assert "YAML aliases (*name) are not allowed" in result.stdout
    assert elapsed < 2
    assert peak < 10_000_000
    evaluated = run("evaluate", "data/2018.csv", "--spec", str(spec))
    assert evaluated.exit_code == 2
    assert "aliases" in evaluated.stderr


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [*a]\n",  # a list that contains itself
        "a: &a {b: *a}\n",  # a mapping that contains itself
        "plan: &p\n  id: x\n  self: *p\n",
    ],
    ids=["self-list", "self-mapping", "self-plan"],
)
def test_self_referencing_yaml_is_refused(tmp_path: Path, text: str) -> None:
    spec = write(tmp_path, text, name="loop.yaml")
    result = run("spec", "check", str(spec))
    assert result.exit_code == 1
    assert "aliases" in result.stdout


def test_deeply_nested_yaml_is_refused(tmp_path: Path) -> None:
    spec = write(tmp_path, "a: " + "[" * 50_000 + "]" * 50_000 + "\n", name="deep.yaml")
    result = run("spec", "check", str(spec))
    assert result.exit_code == 1
    assert "invalid-spec" in result.stdout


@pytest.mark.parametrize(
    ("fixture", "fragment"),
    [
        ("duplicate-indicator-id.yaml", "duplicate indicator id"),
        ("duplicate-indicator-no.yaml", "duplicate indicator no"),
        ("unknown-indicator-key.yaml", "unknown key"),
        ("unknown-top-level-key.yaml", "unknown key"),
        ("unknown-category.yaml", "unknown category"),
        ("yaml-duplicate-key.yaml", "duplicate key"),
    ],
)
def test_bad_specs_name_the_problem(fixture: str, fragment: str) -> None:
    path = ROOT / "tests" / "fixtures" / "specs" / "invalid" / fixture
    result = run("spec", "check", str(path))
    assert result.exit_code == 1
    assert fragment in result.stdout
    evaluated = run("evaluate", "data/2018.csv", "--spec", str(path))
    assert evaluated.exit_code == 2
    assert fragment in evaluated.stderr


def test_spec_in_binary_or_wrong_encoding(tmp_path: Path) -> None:
    for content in (b"\x00\x01\x02", "plan: 计划\n".encode("gbk")):
        spec = write(tmp_path, content, name="bad.yaml")
        result = run("spec", "check", str(spec))
        assert result.exit_code == 1
        assert "invalid-spec" in result.stdout
