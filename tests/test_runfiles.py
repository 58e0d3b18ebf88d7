"""planchk.runfiles: which spec a run reads, which data paths are missing, and an output that
would overwrite an input, on their own (the command only tells what they find)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planchk.runfiles import input_clash, missing_path, spec_to_use
from planchk.spec import DEFAULT_SPEC_PATH, bundled_spec_path


def test_a_named_spec_is_used_without_a_note(tmp_path: Path) -> None:
    named = tmp_path / "plan.yaml"
    assert spec_to_use(named) == (named, None)


@pytest.fixture
def local_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """targets/indicators.yaml in the working directory (a temporary one)."""
    local = tmp_path / DEFAULT_SPEC_PATH
    local.parent.mkdir()
    local.write_text("plan: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return local


def test_the_local_spec_is_used_without_a_note(local_spec: Path) -> None:
    assert spec_to_use(None) == (local_spec, None)


def test_the_shipped_spec_comes_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path, note = spec_to_use(None)
    assert path == bundled_spec_path()
    assert note is not None
    assert str(DEFAULT_SPEC_PATH) in note
    assert "Haidian" in note


def test_missing_path_is_the_first_that_does_not_exist(tmp_path: Path) -> None:
    there = tmp_path / "2018.csv"
    there.write_text("", encoding="utf-8")
    gone = tmp_path / "2019.csv"
    assert missing_path([str(there), str(gone), str(tmp_path / "x.csv")]) == str(gone)
    assert missing_path([str(there), str(tmp_path)]) is None


def test_a_database_url_is_not_a_missing_path() -> None:
    assert missing_path(["sqlite:///no/such/stats.db"]) is None


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("data/2018.csv", "data/2018.csv"),  # a data file named
        ("plan.yaml", "plan.yaml"),  # the spec named
        ("data/more.xlsx", None),  # not there yet: nothing to destroy
        ("report.json", None),
    ],
)
def test_input_clash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, expected: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "2018.csv").write_text("", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text("", encoding="utf-8")
    clash = input_clash(Path(output), [Path("plan.yaml"), None, "data/2018.csv"])
    assert (None if clash is None else str(clash)) == expected


def test_a_data_file_under_an_input_directory_clashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "2018.csv").write_text("", encoding="utf-8")
    assert input_clash(Path("data/2018.csv"), ["data"]) is not None
    assert input_clash(Path("data/notes.txt"), ["data"]) is None


def test_the_local_spec_clashes_even_when_not_named(local_spec: Path) -> None:
    assert input_clash(DEFAULT_SPEC_PATH, []) == local_spec
