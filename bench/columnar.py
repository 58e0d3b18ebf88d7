"""Columnar-judging benchmark: a panel judged as columns (`planchk.columnar`) against the same
panel judged region by region (`columnar.ENABLED = False`, the path before the change), in
turns, in one run.

For each panel size (written with bench/make_panel.py for the Haidian spec) it
- reads the panel once and times judging alone (`evaluate_panel`) both ways in one process, one
  run of each in turns, with the garbage collector off as in the CLI, and checks that the two
  panel JSONs are identical;
- times `planchk evaluate FILE --format json` both ways, each a separate process (start-up,
  reading, judging and writing), in turns, with its peak memory (largest resident set size).

With `--before SRC` (the `src` directory of another checkout: `git archive main src | tar -x
-C /tmp/before`, then `--before /tmp/before/src`) it also times judging as columns by that
planchk against this checkout's, each in a process of its own (`_JUDGE_ONCE`: read the panel,
judge it once to build what is built on first use, then time one judging with the garbage
collector off, and hash its JSON), one run of each in turns, and checks the two JSONs are equal.

Run from the repository root with planchk installed:

    python bench/columnar.py [--regions 2000 16000] [--runs 5] [--before SRC] [--only judging]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_panel import write_panel
from panel import SPEC, measure_all

from planchk import columnar
from planchk.data import load_data
from planchk.panel import evaluate_panel
from planchk.spec import Spec, load_spec

# `planchk` with the columnar path switched off: every region judged on its own.
_REGION_BY_REGION = (
    "import sys\n"
    "from planchk import columnar\n"
    "columnar.ENABLED = False\n"
    "from planchk.cli import main\n"
    "sys.argv[0] = 'planchk'\n"
    "main()\n"
)


# Judging alone by the planchk in sys.argv[1] (a src directory): seconds of the second run and
# the JSON's hash, printed as JSON.
_JUDGE_ONCE = (
    "import gc, hashlib, json, sys, time\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from planchk.data import load_data\n"
    "from planchk.panel import evaluate_panel\n"
    "from planchk.spec import load_spec\n"
    "spec = load_spec(sys.argv[2])\n"
    "dataset = load_data([sys.argv[3]], spec)\n"
    "gc.disable()\n"
    "evaluate_panel(spec, dataset)\n"
    "gc.collect()\n"
    "start = time.perf_counter()\n"
    "report = evaluate_panel(spec, dataset)\n"
    "seconds = time.perf_counter() - start\n"
    "digest = hashlib.sha256(report.model_dump_json().encode()).hexdigest()\n"
    "print(json.dumps({'seconds': seconds, 'json': digest}))\n"
)


def judging_before(file: Path, before: Path, runs: int) -> None:
    trees = {
        "before": before.resolve(),
        "this checkout": Path(__file__).resolve().parents[1] / "src",
    }
    times: dict[str, list[float]] = {name: [] for name in trees}
    digests: dict[str, set[str]] = {name: set() for name in trees}
    for _ in range(runs):
        for name, src in trees.items():
            out = subprocess.run(
                [sys.executable, "-c", _JUDGE_ONCE, str(src), str(SPEC), str(file)],
                capture_output=True,
                text=True,
                check=True,
            )
            found = json.loads(out.stdout)
            times[name].append(found["seconds"])
            digests[name].add(found["json"])
    for name in trees:
        print(
            f"  judging as columns, {name}: {statistics.median(times[name]):.3f} s "
            f"(runs {_runs(times[name])})"
        )
    ratio = statistics.median(times["this checkout"]) / statistics.median(times["before"])
    same = len(digests["before"] | digests["this checkout"]) == 1
    print(f"  ratio {ratio:.2f}; identical JSON: {same}")


def judging(spec: Spec, file: Path, runs: int) -> None:
    dataset = load_data([file], spec)
    times: dict[bool, list[float]] = {True: [], False: []}
    reports: dict[bool, str] = {}
    gc.disable()
    try:
        for _ in range(runs):
            for enabled in (False, True):
                columnar.ENABLED = enabled
                start = time.perf_counter()
                report = evaluate_panel(spec, dataset)
                times[enabled].append(time.perf_counter() - start)
                reports[enabled] = report.model_dump_json()
                del report
                gc.collect()
    finally:
        columnar.ENABLED = True
        gc.enable()
    before, after = statistics.median(times[False]), statistics.median(times[True])
    print(f"  judging, region by region: {before:.3f} s (runs {_runs(times[False])})")
    print(f"  judging, as columns:       {after:.3f} s (runs {_runs(times[True])})")
    print(f"  ratio {after / before:.2f}; identical JSON: {reports[True] == reports[False]}")


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def evaluating(file: Path, runs: int) -> None:
    args = ["evaluate", str(file), "--spec", str(SPEC), "--format", "json"]
    results = measure_all(
        {
            "region by region": [sys.executable, "-c", _REGION_BY_REGION, *args],
            "as columns": [sys.executable, "-m", "planchk", *args],
        },
        runs,
    )
    for name, (seconds, peak) in results.items():
        print(f"  planchk evaluate --format json, {name}: {seconds:.3f} s, {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[2000, 16000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="the src directory of another planchk")
    parser.add_argument(
        "--only", choices=["judging", "evaluate"], nargs="+", default=["judging", "evaluate"]
    )
    args = parser.parse_args()
    spec = load_spec(SPEC)
    with tempfile.TemporaryDirectory() as directory:
        for regions in args.regions:
            file = Path(directory) / f"panel-{regions}.csv"
            rows = write_panel(file, spec, regions)
            print(f"{regions:,} regions ({rows:,} rows, {file.stat().st_size / 1e6:.1f} MB):")
            if "judging" in args.only:
                judging(spec, file, args.runs)
                if args.before is not None:
                    judging_before(file, args.before, args.runs)
            if "evaluate" in args.only:
                evaluating(file, args.runs)
            file.unlink()


if __name__ == "__main__":
    main()
