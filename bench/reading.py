"""Reading benchmark: planchk before and after a change to how rows are read, in turns.

Times, on the panel of bench/make_panel.py (2,000 regions × 20 indicators × 6 years for the
Haidian spec by default), each as a separate process, start-up included:

- reading the file with `csv.reader` (the floor the issue's goals are stated against);
- `load_data` (read the spec, read and check every row) through the library;
- `planchk validate` and `planchk evaluate` (the ranking table);

for two source trees of planchk: `--before SRC` (say `git archive main src | tar -x -C
/tmp/before`, then `--before /tmp/before/src`) and the tree this script is in. All commands
run in turns (one run of each, then the next round; a first round not counted), so that the
shared machine's speed drifting affects them alike. Prints each command's median wall time,
its median CPU time (user + system, which other work on the machine moves less) and its peak
memory (largest resident set size), and each median against `csv.reader`'s:

    python bench/reading.py --before /tmp/before/src --runs 7
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from make_panel import write_panel
from panel import _CSV_FLOOR, _LOAD_ONLY, SPEC, measure_once

from planchk.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent

Command = tuple[list[str], dict[str, str]]


def commands(file: Path, trees: dict[str, Path]) -> dict[str, Command]:
    python = sys.executable
    found: dict[str, Command] = {
        "read with csv.reader": ([python, "-c", _CSV_FLOOR, str(file)], {}),
    }
    spec = ["--spec", str(SPEC)]
    for name, src in trees.items():
        env = {"PYTHONPATH": str(src)}
        found[f"{name}: load_data"] = ([python, "-c", _LOAD_ONLY, str(SPEC), str(file)], env)
        found[f"{name}: planchk validate"] = (
            [python, "-m", "planchk", "validate", str(file), *spec],
            env,
        )
        found[f"{name}: planchk evaluate"] = (
            [python, "-m", "planchk", "evaluate", str(file), *spec],
            env,
        )
    return found


def measure(found: dict[str, Command], runs: int) -> dict[str, list[dict[str, Any]]]:
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in found}
    for _ in range(runs):
        for name, (command, env) in found.items():
            result = measure_once(command, {**os.environ, **env}, ROOT)
            if result["code"] not in (0, 1):
                sys.exit(f"{name} failed ({result['code']}):\n{result['stderr']}")
            results[name].append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the src folder of before")
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7, help="counted runs per command (median)")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": ROOT / "src"}
    for src in trees.values():
        compileall.compile_dir(src / "planchk", quiet=1)  # as `pip install` does
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / f"panel-{args.regions}.csv"
        rows = write_panel(file, load_spec(SPEC), args.regions)
        found = commands(file, trees)
        print(f"panel: {args.regions:,} regions, {rows:,} rows, {file.stat().st_size / 1e6:.1f} MB")
        print(f"load average {os.getloadavg()[0]:.2f} at the start, on {os.cpu_count()} cores")
        measure(found, 1)  # warms the file cache
        results = measure(found, args.runs)
    print(f"load average {os.getloadavg()[0]:.2f} at the end; {args.runs} runs in turns\n")
    floor = statistics.median(r["seconds"] for r in results["read with csv.reader"])
    print(f"{'command':<28} {'wall s':>7} {'range':>13} {'CPU s':>6} {'peak MB':>8} {'x csv':>6}")
    for name, found_runs in results.items():
        wall = [r["seconds"] for r in found_runs]
        cpu = statistics.median(r["cpu"] for r in found_runs)
        peak = max(r["peak_kb"] for r in found_runs) / 1024
        median = statistics.median(wall)
        shown = f"{min(wall):.2f}-{max(wall):.2f}"
        print(f"{name:<28} {median:7.3f} {shown:>13} {cpu:6.2f} {peak:8.0f} {median / floor:6.2f}")


if __name__ == "__main__":
    main()
