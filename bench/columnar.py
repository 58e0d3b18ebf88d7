"""Columnar-judging benchmark: a panel judged as columns (`planchk.columnar`) against the same
panel judged region by region (`columnar.ENABLED = False`, the path before the change), in
turns, in one run.

For each panel size (written with bench/make_panel.py for the Haidian spec) it
- reads the panel once and times judging alone (`evaluate_panel`) both ways in one process, one
  run of each in turns, with the garbage collector off as in the CLI, and checks that the two
  panel JSONs are identical;
- times `planchk evaluate FILE --format json` both ways, each a separate process (start-up,
  reading, judging and writing), in turns, with its peak memory (largest resident set size).

Run from the repository root with planchk installed:

    python bench/columnar.py [--regions 2000 16000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
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
    args = parser.parse_args()
    spec = load_spec(SPEC)
    with tempfile.TemporaryDirectory() as directory:
        for regions in args.regions:
            file = Path(directory) / f"panel-{regions}.csv"
            rows = write_panel(file, spec, regions)
            print(f"{regions:,} regions ({rows:,} rows, {file.stat().st_size / 1e6:.1f} MB):")
            judging(spec, file, args.runs)
            evaluating(file, args.runs)
            file.unlink()


if __name__ == "__main__":
    main()
