"""`planchk validate` benchmark: two source trees of planchk in turns, on the 2,000-region panel.

Times, each as a separate process started as the `planchk` script starts it (start-up
included), on the panel of bench/make_panel.py (2,000 regions × 20 indicators × 6 years for the
Haidian spec by default):

- `planchk validate` from `--before SRC` (say `git archive main src | tar -x -C
  /tmp/validate-before`, then `--before /tmp/validate-before/src`) and from this tree;
- with --frictionless PATH, `PATH validate --trusted` on the same file (as bench/goals.py);

and, inside one process each (the collector off, as in the CLI), the median of 5 runs of
`missing-indicator` and `implausible-change` over the panel read once, for both trees. All run
in turns (one run of each, then the next round; a first round not counted). Prints each
command's median wall time, its range, its median CPU time (user + system, which other work on
the machine moves less) and its peak memory:

    python bench/validate.py --before /tmp/validate-before/src --runs 7
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from make_panel import write_panel
from panel import LAUNCH, SPEC, measure_once

from planchk.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent

#: The two checks across rows, timed inside one process: prints their median seconds as JSON.
_CHECKS = """
import gc, json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
gc.disable()
from planchk.data import read_data
from planchk.spec import load_spec
from planchk.validation import implausible_changes, missing_indicators
spec = load_spec(sys.argv[2])
loaded = read_data([sys.argv[3]], spec)
checks = {
    "missing-indicator": lambda: list(missing_indicators(spec, loaded)),
    "implausible-change": lambda: implausible_changes(spec, loaded.dataset, loaded.files),
}
times = {name: [] for name in checks}
for _ in range(5):
    for name, check in checks.items():
        start = time.perf_counter()
        check()
        times[name].append(time.perf_counter() - start)
print(json.dumps({name: statistics.median(found) for name, found in times.items()}))
"""


def commands(file: Path, trees: dict[str, Path], frictionless: str | None) -> dict[str, list[str]]:
    python = sys.executable
    args = ["validate", str(file), "--spec", str(SPEC)]
    found = {
        "before: planchk validate": [python, "-c", LAUNCH, str(trees["before"]), *args],
        "after: planchk validate": [python, "-c", LAUNCH, str(trees["after"]), *args],
    }
    if frictionless is not None:
        found["frictionless validate"] = [frictionless, "validate", "--trusted", str(file)]
    return found


def checks_once(src: Path, file: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHECKS, str(src), str(SPEC), str(file)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found: dict[str, float] = json.loads(out.stdout)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the src folder of before")
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7, help="counted runs per command (median)")
    parser.add_argument("--frictionless", help="the frictionless executable, to compare with")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": ROOT / "src"}
    for src in trees.values():
        compileall.compile_dir(src / "planchk", quiet=1)  # as `pip install` does
    results: dict[str, list[dict[str, Any]]] = {}
    inside: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / f"panel-{args.regions}.csv"
        rows = write_panel(file, load_spec(SPEC), args.regions)
        found = commands(file, trees, args.frictionless)
        results = {name: [] for name in found}
        print(f"panel: {args.regions:,} regions, {rows:,} rows, {file.stat().st_size / 1e6:.1f} MB")
        print(f"load average {os.getloadavg()[0]:.2f} at the start, on {os.cpu_count()} cores")
        for round_ in range(args.runs + 1):  # the first round warms the file cache
            for name, command in found.items():
                result = measure_once(command, None, ROOT)
                if result["code"] not in (0, 1):
                    sys.exit(f"{name} failed ({result['code']}):\n{result['stderr']}")
                if round_:
                    results[name].append(result)
            for name, src in trees.items():
                checked = checks_once(src, file)
                if round_:
                    inside[name].append(checked)
    print(f"load average {os.getloadavg()[0]:.2f} at the end; {args.runs} runs in turns\n")
    print(f"{'command':<28} {'wall s':>7} {'range':>11} {'CPU s':>6} {'peak MB':>8}")
    medians = {}
    for name, runs in results.items():
        wall = [r["seconds"] for r in runs]
        medians[name] = statistics.median(wall)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = max(r["peak_kb"] for r in runs) / 1024
        shown = f"{min(wall):.2f}-{max(wall):.2f}"
        print(f"{name:<28} {medians[name]:7.3f} {shown:>11} {cpu:6.2f} {peak:8.0f}")
    if "frictionless validate" in medians:
        for name in ("before: planchk validate", "after: planchk validate"):
            ratio = medians[name] / medians["frictionless validate"]
            print(f"{name} / frictionless validate: {ratio:.2f}")
    print("\ninside one process, median of the processes' medians of 5 runs (range):")
    for check in ("missing-indicator", "implausible-change"):
        for name in trees:
            found_times = [r[check] for r in inside[name]]
            print(
                f"{check:<20} {name:<7} {statistics.median(found_times) * 1000:7.1f} ms "
                f"({min(found_times) * 1000:.1f}-{max(found_times) * 1000:.1f})"
            )


if __name__ == "__main__":
    main()
