"""Many-regions benchmark: memory and time for a panel of N regions with one row each.

Writes `region,indicator,year,value,unit` rows, one per region (indicator 1 of the Haidian
spec, 2018), to a temporary directory, runs `planchk validate FILE --format json
--max-problems 0` and `planchk evaluate FILE --format json` in separate processes, and prints
the file's size and, for each command, its wall time and peak resident memory. Run with planchk
installed: `python bench/many_regions.py [REGIONS]` (default 50,000).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def write(path: Path, regions: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("region,indicator,year,value,unit\n")
        for number in range(regions):
            handle.write(f"district-{number:06d},1,2018,{10000 + number % 1000},家\n")


def peak_of(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of `command` in a child that measures itself."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL, check=False)\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(seconds, peak / 1024, done.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    regions = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    planchk = shutil.which("planchk")
    if planchk is None:
        sys.exit("planchk is not installed in this environment")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "panel.csv"
        write(path, regions)
        print(f"{regions:,} regions, one row each: {path.stat().st_size / 1e6:.1f} MB")
        for name, args in (
            ("validate", ["validate", str(path), "--format", "json", "--max-problems", "0"]),
            ("evaluate", ["evaluate", str(path), "--format", "json", "--fail-on", "never"]),
        ):
            seconds, peak, code = peak_of([planchk, *args])
            print(f"  planchk {name}: {seconds:.2f} s, peak {peak:,.0f} MB (exit code {code})")


if __name__ == "__main__":
    main()
