"""Float-screen benchmark: judging a panel and its `implausible-change` checks with the float
screen of `planchk.exact` and with every comparison decided exactly, in turns, in one process.

Writes a panel with bench/make_panel.py (default 2,000 regions of the Haidian spec), reads it
once, then times `evaluate_panel` and `implausible_changes` with the screen (MARGIN = 1e-12) and
without it (MARGIN = inf: the screen certifies nothing), one run of each in turns, and prints the
medians, how many comparisons the screen decided and left to fractions, and whether the two
reports are identical. Run from the repository root with planchk installed:

    python bench/screen.py [--regions 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_panel import write_panel

from planchk import exact
from planchk.data import Dataset, load_data
from planchk.panel import evaluate_panel
from planchk.spec import Spec, load_spec
from planchk.validation import implausible_changes

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "targets" / "indicators.yaml"


def timed(margin: float, work: Callable[[], object]) -> tuple[float, object]:
    exact.MARGIN = margin
    try:
        start = time.perf_counter()
        result = work()
        return time.perf_counter() - start, result
    finally:
        exact.MARGIN = 1e-12


def decisions(spec: Spec, dataset: Dataset) -> tuple[int, int]:
    """(decided in floats, left to fractions) over one evaluation of the panel."""
    counts = [0, 0]
    original = exact.screened

    def counting(difference: float, magnitude: float) -> int | None:
        found = original(difference, magnitude)
        counts[found is None] += 1
        return found

    exact.screened = counting
    try:
        evaluate_panel(spec, dataset)
    finally:
        exact.screened = original
    return counts[0], counts[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    spec = load_spec(SPEC)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "panel.csv"
        rows = write_panel(file, spec, args.regions)
        dataset = load_data([file], spec)
    print(f"panel: {args.regions:,} regions, {rows:,} rows; {args.runs} runs in turns")
    work: dict[str, Callable[[], object]] = {
        "evaluate_panel": lambda: evaluate_panel(spec, dataset).model_dump_json(),
        "implausible_changes": lambda: implausible_changes(spec, dataset),
    }
    print(f"{'step':<22} {'screened s':>11} {'exact s':>9} {'ratio':>6} identical")
    for name, job in work.items():
        times: dict[str, list[float]] = {"screened": [], "exact": []}
        results: dict[str, object] = {}
        for _ in range(args.runs):
            for mode, margin in (("screened", 1e-12), ("exact", math.inf)):
                seconds, results[mode] = timed(margin, job)
                times[mode].append(seconds)
        fast, slow = (statistics.median(times[m]) for m in ("screened", "exact"))
        same = results["screened"] == results["exact"]
        print(f"{name:<22} {fast:11.3f} {slow:9.3f} {fast / slow:6.2f} {same}")
        if not same:
            sys.exit(f"{name}: the screened and exact results differ")
    certified, left = decisions(spec, dataset)
    print(f"comparisons with a power: {certified:,} decided in floats, {left:,} by fractions")


if __name__ == "__main__":
    main()
