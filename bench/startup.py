"""Start-up benchmark: `planchk evaluate data/2018.csv --format json` against the bare import of
planchk's own dependencies (`import typer, pydantic, rich, yaml`), in the same run.

Prints the median wall time of each over N runs and their ratio. Run from the repository root
with planchk installed: `python bench/startup.py [runs]`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    planchk = shutil.which("planchk")
    if planchk is None:
        sys.exit("planchk is not on PATH: install it first (see README)")
    bare = median_seconds([sys.executable, "-c", "import typer, pydantic, rich, yaml"], runs)
    tool = median_seconds([planchk, "evaluate", "data/2018.csv", "--format", "json"], runs)
    print(f"runs per command:                         {runs}")
    print(f"import typer, pydantic, rich, yaml        {bare * 1000:8.1f} ms (median)")
    print(f"planchk evaluate data/2018.csv --format json {tool * 1000:6.1f} ms (median)")
    print(f"ratio                                     {tool / bare:8.2f}")


if __name__ == "__main__":
    main()
