"""Large-file benchmark: `planchk validate` on a generated 100 MB CSV of short rows.

Writes the file to a temporary directory (50 distinct valid rows, then the same rows repeated,
so most rows are duplicate-row errors: planchk keeps 10,000 problems and counts the rest), runs
`planchk validate FILE --format json --max-problems 0` in a subprocess, and prints the file's
size and row count, the wall time, and the subprocess's peak resident memory next to that of
the same command on a 50-row file. Run with planchk installed: `python bench/large_file.py [MB]`.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = [
    f"{no},{year},{100 + no},,illustrative,\n"
    for year in range(2016, 2021)
    for no in (1, 2, 3, 10, 14, 15, 16, 17, 18, 19)
]


def write(path: Path, size: int) -> int:
    """A CSV of at least `size` bytes; returns its number of data rows."""
    written = count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("indicator,year,value,unit,source,note\n")
        while written < size or count < len(ROWS):
            row = ROWS[count % len(ROWS)]
            handle.write(row)
            written += len(row)
            count += 1
    return count


def run(planchk: str, path: Path) -> tuple[float, float, dict[str, object]]:
    """(seconds, peak RSS in MB, parsed JSON) of validating `path` in a fresh process.

    ru_maxrss of RUSAGE_CHILDREN is the largest of all children so far, so run the small file
    first: the figure after the large one is then the large one's own peak.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [planchk, "validate", str(path), "--format", "json", "--max-problems", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB on Linux
    return seconds, peak / 1024, json.loads(done.stdout)


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    planchk = shutil.which("planchk")
    if planchk is None:
        sys.exit("planchk is not on PATH: install it first (see README)")
    with tempfile.TemporaryDirectory() as directory:
        small, large = Path(directory) / "small.csv", Path(directory) / "large.csv"
        write(small, 0)
        rows = write(large, megabytes * 1_000_000)
        small_time, small_rss, _ = run(planchk, small)
        large_time, large_rss, result = run(planchk, large)
    files = result["files"]
    assert isinstance(files, list)
    print(f"file:             {megabytes} MB, {rows:,} data rows")
    print(
        f"rows accounted:   {files[0]['rows']:,} ({files[0]['used']} used, "
        f"{files[0]['rejected']:,} rejected); errors counted: {result['errors']:,}"
    )
    print(f"wall time:        {large_time:.1f} s ({small_time:.2f} s for 50 rows)")
    print(f"peak RSS:         {large_rss:.0f} MB ({small_rss:.0f} MB for 50 rows)")


if __name__ == "__main__":
    main()
