"""Many-regions benchmark: memory and time for a panel of N regions with one row each.

Writes `region,indicator,year,value,unit` rows, one per region (indicator 1 of the Haidian
spec, 2018), to a temporary directory, runs `planchk validate FILE --format json
--max-problems 0` and `planchk evaluate FILE --format json` in separate processes, and prints
the file's size and, for each command, its wall time and peak resident memory.

With `--before SRC`, the same commands also run the planchk whose sources are in SRC (the `src`
directory of another checkout: `git archive main src | tar -x -C /tmp/before`, then `--before
/tmp/before/src`), with the same Python and libraries, in turns with this checkout's (one run
of each, then the next round); `--runs N` rounds, medians printed beside every run.

Run from the repository root with planchk installed:
`python bench/many_regions.py [REGIONS ...] [--runs N] [--before SRC] [--only evaluate]`
(default 50,000 regions, one round).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from panel import LAUNCH, measure_once

COMMANDS = {
    "validate": ["validate", "{file}", "--format", "json", "--max-problems", "0"],
    "evaluate": ["evaluate", "{file}", "--format", "json", "--fail-on", "never"],
}


def write(path: Path, regions: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("region,indicator,year,value,unit\n")
        for number in range(regions):
            handle.write(f"district-{number:06d},1,2018,{10000 + number % 1000},家\n")


def peak_of(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of `command`, measured from a process of its own."""
    result = measure_once(command)
    return result["seconds"], result["peak_kb"] / 1024, result["code"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("regions", type=int, nargs="*", default=[50_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--before", type=Path, help="the src directory of another planchk")
    parser.add_argument("--only", choices=sorted(COMMANDS), nargs="+", default=list(COMMANDS))
    args = parser.parse_args()
    trees = {"this checkout": Path(__file__).resolve().parents[1] / "src"}
    if args.before is not None:
        trees["before"] = args.before.resolve()
    for regions in args.regions:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "panel.csv"
            write(path, regions)
            print(f"{regions:,} regions, one row each: {path.stat().st_size / 1e6:.1f} MB")
            runs: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
            for _ in range(args.runs):
                for name in args.only:
                    command = [part.format(file=path) for part in COMMANDS[name]]
                    for tree, src in trees.items():
                        one = peak_of([sys.executable, "-c", LAUNCH, str(src), *command])
                        runs.setdefault((name, tree), []).append(one)
            for (name, tree), found in runs.items():
                seconds = statistics.median(s for s, _, _ in found)
                peak = max(p for _, p, _ in found)
                each = ", ".join(f"{s:.2f}" for s, _, _ in found)
                codes = sorted({c for _, _, c in found})
                print(
                    f"  planchk {name}, {tree}: {seconds:.2f} s (runs {each}), "
                    f"peak {peak:,.0f} MB (exit code {', '.join(map(str, codes))})"
                )


if __name__ == "__main__":
    main()
