"""Where `planchk evaluate --format json` spends its time on a panel, phase by phase inside one
process: importing planchk, reading the spec, reading and checking the rows (`load_data`),
judging every region (`evaluate`), writing the JSON (`stream_panel`), beside reading the same
file with `csv.reader`. Each run is a separate process (so imports are timed cold, with
bytecode), the garbage collector off as in the CLI; prints the median and range of each phase.
Run from the repository root with planchk installed:

    python bench/phases.py --regions 2000 --runs 5
"""

from __future__ import annotations

import argparse
import compileall
import json
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "src" / "planchk", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        panel = Path(tmp) / "panel.csv"
        write_panel(panel, load_spec(SPEC), args.regions)
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", ONE_RUN, str(panel), str(SPEC)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for _ in range(args.runs)
        ]
    print(f"{args.regions:,} regions, {args.runs} runs, each a separate process")
    print(f"{'phase':<40} {'median s':>9} {'range s':>15}")
    for phase in runs[0]:
        values = [run[phase] for run in runs]
        low, high = min(values), max(values)
        print(f"{phase:<40} {statistics.median(values):9.3f} {low:7.3f}-{high:.3f}")


if __name__ == "__main__":
    main()
