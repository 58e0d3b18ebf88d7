"""Memory benchmark: peak memory and time of `evaluate` and `validate` on panels of N regions.

Writes bench/make_panel.py's panel (N regions × 20 indicators × 6 years for the Haidian spec:
50,000 regions is 6,000,000 rows, about 196 MB) for each size, then runs each command in a
process of its own and prints its wall time and peak resident memory (the maximum RSS of the
process tree, `panel.measure_once`).

With `--before SRC`, the same commands also run the planchk whose sources are in SRC (the `src`
directory of another checkout: `git archive main src | tar -x -C /tmp/memory-before`, then
`--before /tmp/memory-before/src`), with the same Python and libraries, in turns with this
checkout's (one run of each, then the next round); `--runs N` rounds, medians printed beside
every run. `--keep DIR` writes (and reuses) the panels in DIR instead of a temporary folder.
`--trace` instead measures, in this process under tracemalloc, what the loaded data, the panel's
columns (`Columns.of`) and the panel's results take, and the peak (this checkout's planchk, or
with `--before SRC` that one's).

Run from the repository root with planchk installed:
`python bench/memory.py [REGIONS ...] [--runs N] [--before SRC] [--only evaluate] [--keep DIR]`
(default 4,000 regions, one round).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from make_panel import write_panel
from panel import LAUNCH, SPEC, measure_once

from planchk.spec import load_spec

COMMANDS = {
    "evaluate": ["evaluate", "{file}", "--format", "json", "--fail-on", "never"],
    "validate": ["validate", "{file}", "--format", "json", "--max-problems", "0"],
}


def panel_file(folder: Path, regions: int) -> Path:
    """The panel of `regions` regions in `folder`, written unless it is there already."""
    path = folder / f"memory-panel-{regions}.csv"
    if not path.exists():
        write_panel(path, load_spec(SPEC), regions)
    return path


#: What the loaded data, `Columns.of` and the results take, under tracemalloc, in a process of
#: its own: argv is the src directory, the spec and the panel.
_TRACE = """
import sys, tracemalloc
sys.path.insert(0, sys.argv[1])
from planchk import load_data, load_spec
from planchk.columnar import Columns
from planchk.panel import judge_panel
spec = load_spec(sys.argv[2])
tracemalloc.start()
start = tracemalloc.get_traced_memory()[0]
dataset = load_data([sys.argv[3]], spec)
loaded, reading = tracemalloc.get_traced_memory()
columns = Columns.of(spec, dataset)
gathered = tracemalloc.get_traced_memory()[0]
del columns
before = tracemalloc.get_traced_memory()[0]
report = judge_panel(spec, dataset, spec.plan.end_year)
judged, peak = tracemalloc.get_traced_memory()
mb = 1e6
print(f"data {(loaded - start) / mb:.0f} MB (peak while reading {(reading - start) / mb:.0f}), "
      f"Columns.of {(gathered - loaded) / mb:.0f} MB, results {(judged - before) / mb:.0f} MB, "
      f"peak {peak / mb:.0f} MB")
"""


def trace_sizes(args: argparse.Namespace, folder: Path) -> None:
    src = args.before or Path(__file__).resolve().parents[1] / "src"
    for regions in args.regions:
        path = panel_file(folder, regions)
        done = subprocess.run(
            [sys.executable, "-c", _TRACE, str(src), str(SPEC), str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"{regions:,} regions, {src}: {done.stdout.strip()}")


def run_sizes(args: argparse.Namespace, folder: Path) -> None:
    trees = {"this checkout": Path(__file__).resolve().parents[1] / "src"}
    if args.before is not None:
        trees["before"] = args.before.resolve()
    for regions in args.regions:
        path = panel_file(folder, regions)
        print(f"{regions:,} regions: {path.stat().st_size / 1e6:.1f} MB")
        runs: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
        for _ in range(args.runs):
            for name in args.only:
                command = [part.format(file=path) for part in COMMANDS[name]]
                for tree, src in trees.items():
                    result = measure_once(
                        [sys.executable, "-c", LAUNCH, str(src), *command, "--spec", str(SPEC)]
                    )
                    if result["code"] not in (0, 1):
                        sys.exit(f"{name} ({tree}) failed:\n{result['stderr']}")
                    one = (result["seconds"], result["peak_kb"] / 1024, result["code"])
                    runs.setdefault((name, tree), []).append(one)
        for (name, tree), found in runs.items():
            seconds = statistics.median(s for s, _, _ in found)
            peak = max(p for _, p, _ in found)
            each = ", ".join(f"{s:.2f}" for s, _, _ in found)
            print(
                f"  planchk {name}, {tree}: {seconds:.2f} s (runs {each}), "
                f"{seconds / regions * 1000:.2f} ms/region, peak {peak:,.0f} MB"
            )
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("regions", type=int, nargs="*", default=[4000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--before", type=Path, help="the src directory of another planchk")
    parser.add_argument("--only", choices=sorted(COMMANDS), nargs="+", default=list(COMMANDS))
    parser.add_argument("--keep", type=Path, help="a folder to write (and reuse) panels in")
    parser.add_argument("--trace", action="store_true", help="where the memory goes, in-process")
    args = parser.parse_args()
    run = trace_sizes if args.trace else run_sizes
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args, args.keep)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(args, Path(folder))


if __name__ == "__main__":
    main()
