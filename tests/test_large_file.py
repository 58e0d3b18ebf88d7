"""A 100 MB data file is read as a stream: memory stays bounded far below the file's size."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from planchk.data import read_data
from planchk.problems import MAX_KEPT_PROBLEMS, ProblemCode
from planchk.spec import Spec

SIZE = 100_000_000
# Rows carry a 10 kB free-text column (ignored by planchk), so that 100 MB is ~10,000 rows and
# the test takes seconds; bench/large_file.py reads 100 MB of short rows (millions of them).
PAD = "x" * 10_000


def write_large_file(path: Path) -> int:
    """A CSV of at least SIZE bytes: 50 valid distinct rows, then the same rows repeated."""
    rows = [
        f"{no},{year},{100 + no},,illustrative,,{PAD}\n"
        for year in range(2016, 2021)
        for no in (1, 2, 3, 10, 14, 15, 16, 17, 18, 19)
    ]
    written = count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("indicator,year,value,unit,source,note,remarks\n")
        while written < SIZE:
            row = rows[count % len(rows)]
            handle.write(row)
            written += len(row)
            count += 1
    return count


@pytest.mark.large
def test_100_mb_file_is_streamed_with_bounded_memory(tmp_path: Path, spec: Spec) -> None:
    path = tmp_path / "large.csv"
    rows = write_large_file(path)
    assert path.stat().st_size >= SIZE
    tracemalloc.start()
    try:
        loaded = read_data([path], spec)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Reading the whole file would need its 100 MB at least once (the old loader held it three
    # times: bytes, text and a StringIO copy). Streaming needs a few lines and the problem log:
    # 10,000 kept problems whose messages keep their parameters, to be told in either language
    # (about 0.6 kB each; 24.4 MB measured, 18.0 MB when messages were plain text).
    assert peak < 27_000_000, f"peak {peak / 1e6:.1f} MB"
    (summary,) = loaded.files
    assert summary.complete
    assert summary.rows == rows
    assert summary.used == 50
    assert summary.rejected == rows - 50  # each repeated row is a duplicate-row error
    assert loaded.error_count == rows - 50
    assert len(loaded.problems) == min(rows - 50, MAX_KEPT_PROBLEMS)
    assert {p.code for p in loaded.problems} == {ProblemCode.DUPLICATE_ROW}
