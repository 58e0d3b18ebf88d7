"""planchk.output: results replace a file whole or not at all; `-o -`, inputs and full disks."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.output import OutputError, is_stdout, same_file, write_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "2018.csv"
runner = CliRunner()


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_file(path, "新的\n")
    assert path.read_text(encoding="utf-8") == "新的\n"
    assert sorted(tmp_path.iterdir()) == [path]  # no temporary file left


def test_a_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.json"
    path.write_text("previous", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="no space left on the device"):
        write_file(path, "x" * 100_000)
    assert path.read_text(encoding="utf-8") == "previous"
    assert sorted(tmp_path.iterdir()) == [path]


def test_an_interrupted_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.json"
    path.write_text("previous", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file(path, "new")
    assert path.read_text(encoding="utf-8") == "previous"
    assert sorted(tmp_path.iterdir()) == [path]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("previous", encoding="utf-8")
    path.chmod(0o640)
    write_file(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_file(tmp_path / "new.json", "new")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_link_is_followed_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("previous", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_file(link, "new")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"


def test_special_files_are_written_directly(tmp_path: Path) -> None:
    write_file(Path(os.devnull), "anything")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)  # still the device


def test_a_directory_or_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_file(tmp_path, "x")
    with pytest.raises(OutputError, match=r"cannot write .*missing"):
        write_file(tmp_path / "missing" / "report.json", "x")


def test_dash_means_standard_output() -> None:
    assert is_stdout(None)
    assert is_stdout(Path("-"))
    assert not is_stdout(Path("report.json"))


def test_same_file_finds_inputs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    csv = data / "2018.csv"
    csv.write_text("x", encoding="utf-8")
    notes = data / "notes.md"
    notes.write_text("x", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text("x", encoding="utf-8")
    assert same_file(csv, [data], (".csv",)) == data
    assert same_file(notes, [data], (".csv",)) is None  # not read from the directory
    assert same_file(tmp_path / "." / "spec.yaml", [spec]) == spec
    assert same_file(tmp_path / "new.json", [spec, data], (".csv",)) is None


# --- through the command ---------------------------------------------------------------------


def test_output_dash_writes_to_standard_output() -> None:
    result = runner.invoke(app, ["evaluate", str(SAMPLE), "--format", "json", "-o", "-"])
    assert result.exit_code == 1  # the sample data is not compliant
    assert result.stdout.startswith("{")
    assert not Path("-").exists()


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "2018.csv"
    data.write_bytes(SAMPLE.read_bytes())
    for args in (
        ["evaluate", str(data), "-o", str(data)],
        ["validate", str(tmp_path), "-o", str(data)],
        ["report", str(data), "-o", str(data)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert "is an input" in result.stderr
        assert data.read_bytes() == SAMPLE.read_bytes()


def test_output_naming_the_spec_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes((ROOT / "targets" / "indicators.yaml").read_bytes())
    result = runner.invoke(app, ["spec", "check", str(spec), "-o", str(spec)])
    assert result.exit_code == 2
    assert "is an input" in result.stderr
    assert spec.read_bytes() == (ROOT / "targets" / "indicators.yaml").read_bytes()


def test_a_full_disk_is_one_line_and_exit_code_2() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = runner.invoke(app, ["evaluate", str(SAMPLE), "-o", "/dev/full"])
    assert result.exit_code == 2
    assert result.stderr == "planchk: cannot write /dev/full: no space left on the device\n"


def _run(args: list[str], stdout: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "planchk", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "args", [["evaluate", "data/2018.csv", "--format", "json"], ["indicators"], ["schema", "spec"]]
)
def test_a_closed_pipe_is_one_line_and_exit_code_2(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        result = _run(args, write)
    finally:
        os.close(write)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1] == (
        "planchk: standard output was closed before the result was written"
    )
    assert b"Traceback" not in result.stderr


def test_a_full_standard_output_is_one_line_and_exit_code_2() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        result = _run(["schema", "report"], full.fileno())
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "planchk: cannot write to standard output: no space left on the device\n"
    )


def test_a_markdown_report_with_charts_needs_a_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(SAMPLE), "--format", "markdown", "-o", "-"])
    assert result.exit_code == 2
    assert "-o FILE" in result.stderr
    html = runner.invoke(app, ["report", str(SAMPLE), "-o", "-"])
    assert html.exit_code == 0
    assert html.stdout.startswith("<!DOCTYPE html>")
