"""Where `planchk evaluate --format json` spends its time on a panel, phase by phase inside one
process: importing planchk, reading the spec, reading and checking the rows (`load_data`),
judging every region (`evaluate`), writing the JSON (`stream_panel`), beside reading the same
file with `csv.reader`. Each run is a separate process (so imports are timed cold, with
bytecode), the garbage collector off as in the CLI; prints the median and range of each phase.
With `--before SRC` (say `git archive main src | tar -x -C /tmp/before`, then
`--before /tmp/before/src`) the same runs are made with that tree's planchk too, in turns with
this tree's (one process of each, then the next round), and both are printed side by side.
Run from the repository root with planchk installed:

    python bench/phases.py --regions 2000 --runs 5
    python bench/phases.py --regions 2000 --runs 5 --before /tmp/before/src
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

from make_panel import write_panel

from planchk import load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "targets" / "indicators.yaml"

ONE_RUN = """
import csv, gc, json, sys, time
gc.disable()
path, spec_path = sys.argv[1], sys.argv[2]
times = {}
t = time.perf_counter()
with open(path, newline="", encoding="utf-8") as f:
    rows = sum(1 for _ in csv.reader(f))
times["read with csv.reader"] = time.perf_counter() - t
t = time.perf_counter()
from planchk import evaluate, load_data, load_spec
from planchk.formats import RenderOptions
from planchk.formats.json_format import stream_panel
times["import planchk"] = time.perf_counter() - t
t = time.perf_counter()
spec = load_spec(spec_path)
times["read the spec"] = time.perf_counter() - t
t = time.perf_counter()
dataset = load_data([path], spec)
times["load_data (read and check the rows)"] = time.perf_counter() - t
t = time.perf_counter()
panel = evaluate(spec, dataset)
times["evaluate (judge every region)"] = time.perf_counter() - t
t = time.perf_counter()
size = sum(len(part) for part in stream_panel(panel, RenderOptions()))
times["write the JSON"] = time.perf_counter() - t
print(json.dumps(times))
"""


def one_run(panel: Path, src: Path | None) -> dict[str, float]:
    """The phases of one process, with `src`'s planchk first on the path where given."""
    env = None if src is None else {**os.environ, "PYTHONPATH": str(src)}
    found = subprocess.run(
        [sys.executable, "-c", ONE_RUN, str(panel), str(SPEC)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    times: dict[str, float] = json.loads(found)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="the src folder of before, run in turns")
    args = parser.parse_args()
    trees: dict[str, Path | None] = {"after": None}
    if args.before is not None:
        trees = {"before": args.before.resolve(), "after": ROOT / "src"}
    for src in trees.values():
        compileall.compile_dir((ROOT / "src" if src is None else src) / "planchk", quiet=1)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        panel = Path(tmp) / "panel.csv"
        write_panel(panel, load_spec(SPEC), args.regions)
        for _ in range(args.runs):
            for name, src in trees.items():
                runs[name].append(one_run(panel, src))
    print(f"{args.regions:,} regions, {args.runs} runs, each a separate process")
    header = "".join(f" {name + ' median s':>17} {'range s':>13}" for name in trees)
    print(f"{'phase':<40}{header}")
    for phase in runs["after"][0]:
        shown = ""
        for found in runs.values():
            values = [run[phase] for run in found]
            low, high = min(values), max(values)
            shown += f" {statistics.median(values):17.3f} {low:6.3f}-{high:.3f}"
        print(f"{phase:<40}{shown}")


if __name__ == "__main__":
    main()
