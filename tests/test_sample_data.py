"""The shipped sample data: every figure states its source, constructed ones say so."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "data").glob("*.csv"))


def test_one_file_per_plan_year() -> None:
    assert [f.stem for f in FILES] == [str(y) for y in range(2015, 2021)]


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_every_row_has_a_source(path: Path) -> None:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        source = row["source"]
        assert source in {"illustrative", "plan text (baseline)"} or source.startswith("http"), row


def test_published_figures_are_used() -> None:
    """A few real figures the sample must carry with their qualifiers (see README)."""
    expected = {
        ("1", "2017"): "~9000",
        ("8", "2016"): ">1.8",
        ("8", "2020"): ">3",
        ("11", "2016"): "6389",
        ("12", "2017"): "1620",
        ("5", "2017"): "1.9",
    }
    found = {}
    for path in FILES:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["source"] != "illustrative":
                    found[(row["indicator"], row["year"])] = row["value"]
    for key, value in expected.items():
        assert found.get(key) == value, key
