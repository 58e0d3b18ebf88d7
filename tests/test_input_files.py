"""Inputs that are not regular files, and files in a data directory that planchk does not read."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import expand_paths
from planchk.inputfiles import InputFileError, read_text, special_kind
from planchk.problems import ProblemCode, Severity

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "2018.csv"
SPEC = ROOT / "targets" / "indicators.yaml"
runner = CliRunner()


def test_files_planchk_does_not_read_are_listed_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "2018.csv").write_bytes(SAMPLE.read_bytes())
    for name in ("2017.xls", "2016.xlsm", "2019.tsv", "2020.txt", "README.md", ".2015.csv.swp"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    os.mkfifo(tmp_path / "pipe.csv")
    files, problems = expand_paths([tmp_path])
    assert files == [tmp_path / "2018.csv"]
    reasons = {Path(p.file).name: p.message for p in problems}
    assert set(reasons) == {"2017.xls", "2016.xlsm", "2019.tsv", "2020.txt", "gone.csv", "pipe.csv"}
    assert {(p.code, p.severity) for p in problems} == {(ProblemCode.UNREAD_FILE, Severity.WARNING)}
    assert "save it as .xlsx or .csv" in reasons["2017.xls"]
    assert "macro-enabled" in reasons["2016.xlsm"]
    assert reasons["gone.csv"] == "not read: a broken link, not a data file"
    assert reasons["pipe.csv"] == "not read: a pipe, not a data file"


def test_unread_files_are_warnings_of_validate(tmp_path: Path) -> None:
    (tmp_path / "2018.csv").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "2019.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = runner.invoke(app, ["validate", str(tmp_path), "--spec", str(SPEC)])
    assert result.exit_code == 0
    assert "2019.xls: warning unread-file: not read: an Excel 97-2003 workbook" in result.stdout
    strict = runner.invoke(app, ["validate", str(tmp_path), "--spec", str(SPEC), "--strict"])
    assert strict.exit_code == 1


@pytest.mark.parametrize("command", ["evaluate", "validate"])
def test_a_device_as_data_is_refused_not_read(command: str) -> None:
    result = runner.invoke(app, [command, "/dev/zero", "--spec", str(SPEC)])
    assert result.exit_code == 2 if command == "evaluate" else 1
    assert "/dev/zero: error unreadable-file: a character device, not a data file" in (
        result.output
    )


def test_a_pipe_as_data_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "2018.csv"
    os.mkfifo(pipe)
    result = runner.invoke(app, ["evaluate", str(pipe), "--spec", str(SPEC)])
    assert result.exit_code == 2
    assert "a pipe, not a data file" in result.stderr


def test_a_device_as_spec_or_previous_report_is_refused() -> None:
    spec = runner.invoke(app, ["evaluate", str(SAMPLE), "--spec", "/dev/zero"])
    assert spec.exit_code == 2
    assert "cannot read the spec: a character device, not a file" in spec.stderr
    compare = runner.invoke(app, ["evaluate", str(SAMPLE), "--compare", "/dev/zero"])
    assert compare.exit_code == 2
    assert "--compare: /dev/zero: a character device, not a file" in compare.stderr
    check = runner.invoke(app, ["spec", "check", "/dev/zero"])
    assert check.exit_code == 1
    assert "a character device, not a file" in check.stdout


def test_a_spec_through_a_pipe_is_read(tmp_path: Path) -> None:
    pipe = tmp_path / "spec.yaml"
    os.mkfifo(pipe)

    def feed() -> None:
        with pipe.open("wb") as handle:
            handle.write(SPEC.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        text = read_text(pipe, 1_000_000)
    finally:
        writer.join()
    assert text == SPEC.read_text(encoding="utf-8")


def test_an_endless_pipe_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    pipe = tmp_path / "spec.yaml"
    os.mkfifo(pipe)

    def feed() -> None:
        try:
            with pipe.open("wb") as handle:
                while True:
                    handle.write(b"a" * 65536)
        except BrokenPipeError:
            pass  # the reader stopped, as it should

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with pytest.raises(InputFileError, match="larger than 1,000,000 bytes"):
            read_text(pipe, 1_000_000)
    finally:
        writer.join()


def test_a_large_spec_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    with path.open("wb") as handle:
        handle.truncate(20_000_000)  # sparse: no time or disk spent
    result = runner.invoke(app, ["spec", "check", str(path)])
    assert result.exit_code == 1
    assert "cannot read the spec: larger than 10,000,000 bytes" in result.stdout


def test_special_kinds(tmp_path: Path) -> None:
    assert special_kind(SAMPLE) is None
    assert special_kind(tmp_path) == "a directory"
    assert special_kind(Path("/dev/null")) == "a character device"
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    assert special_kind(tmp_path / "link") == "a broken link"
    with pytest.raises(FileNotFoundError):
        special_kind(tmp_path / "missing")
