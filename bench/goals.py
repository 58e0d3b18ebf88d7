"""Issue 11's speed goals in one table, from one run: planchk against reading the same file with
`csv.reader` and against `frictionless validate`, and planchk's start-up against the floor of
its own stack (a one-command typer program that validates one pydantic model).

Every command runs as a separate process, all of them in turns (one run of each, then the next
round; a first round is not counted), so that the machine's speed drifting during the run
affects them alike; each figure is the median wall time, and the peak memory the largest
resident set size. planchk's modules are compiled to bytecode first, as `pip install` does (an
editable install under PYTHONDONTWRITEBYTECODE would otherwise compile them on every run). Run
from the repository root with planchk installed:

    python bench/goals.py --runs 9 --frictionless /tmp/frictionless/bin/frictionless

frictionless is not a dependency of planchk: install it in a virtual environment of its own
(see the README's performance section). Without --frictionless its goals are left out.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from make_panel import write_panel
from panel import _CSV_FLOOR, SPEC, measure_all
from startup import TYPER_PYDANTIC

import planchk
from planchk.spec import load_spec

#: (what is measured, against what, the largest ratio the issue allows)
GOALS = (
    ("planchk evaluate", "read with csv.reader", 2.0),
    ("planchk validate", "read with csv.reader", 1.5),
    ("planchk evaluate", "frictionless validate", 0.5),
    ("planchk validate", "frictionless validate", 0.5),
    ("start-up: planchk evaluate --format json", "start-up: typer + one pydantic model", 1.15),
)

#: The largest peak memory (MB) the issue allows at 2,000 regions.
PEAK_GOAL_MB = 250


def commands(
    planchk_exe: str, file: Path, floor: Path, frictionless: str | None
) -> dict[str, list[str]]:
    spec = ["--spec", str(SPEC)]
    found = {
        "read with csv.reader": [sys.executable, "-c", _CSV_FLOOR, str(file)],
        "planchk validate": [planchk_exe, "validate", str(file), *spec],
        "planchk evaluate": [planchk_exe, "evaluate", str(file), *spec],
        "planchk evaluate --format json": [
            planchk_exe,
            "evaluate",
            str(file),
            *spec,
            "--format",
            "json",
        ],
        # the goal's own command, run from the repository root like the floor
        "start-up: planchk evaluate --format json": [
            planchk_exe,
            "evaluate",
            "data/2018.csv",
            "--format",
            "json",
        ],
        "start-up: typer + one pydantic model": [sys.executable, str(floor), "data/2018.csv"],
    }
    if frictionless is not None:
        found["frictionless validate"] = [frictionless, "validate", "--trusted", str(file)]
    return found


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=9, help="counted runs per command (median)")
    parser.add_argument("--frictionless", help="a frictionless executable to compare with")
    args = parser.parse_args()
    planchk_exe = shutil.which("planchk")
    if planchk_exe is None:
        sys.exit("planchk is not on PATH: install it first (see README)")
    if not (Path.cwd() / "data" / "2018.csv").is_file():
        sys.exit("run from the repository root: the start-up goal reads data/2018.csv")
    compileall.compile_dir(Path(planchk.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        # a spec cache of the run's own, warm after the uncounted round (bench/startup.py
        # also times it cold and turned off)
        os.environ["PLANCHK_CACHE_DIR"] = str(Path(tmp) / "spec-cache")
        file = Path(tmp) / f"panel-{args.regions}.csv"
        rows = write_panel(file, load_spec(SPEC), args.regions)
        floor = Path(tmp) / "typer_pydantic.py"
        floor.write_text(TYPER_PYDANTIC, encoding="utf-8")
        found = commands(planchk_exe, file, floor, args.frictionless)
        print(f"Python {platform.python_version()}; {load()} at the start")
        print(f"panel: {args.regions:,} regions, {rows:,} rows, {file.stat().st_size / 1e6:.1f} MB")
        print(f"{args.runs} counted runs of each command, in turns, after one uncounted round")
        measure_all(found, 1)  # warms the file cache and the bytecode
        results = measure_all(found, args.runs)
    print(f"{load()} at the end\n")
    print(f"{'command':<42} {'median s':>9} {'peak MB':>8}")
    for name, (seconds, peak) in results.items():
        print(f"{name:<42} {seconds:9.3f} {peak:8.0f}")
    print(f"\n{'goal':<80} {'ratio':>6} {'goal':>6}  met")
    for measured, against, bound in GOALS:
        if measured not in results or against not in results:
            continue
        ratio = results[measured][0] / results[against][0]
        met = "yes" if ratio <= bound else "no"
        print(f"{measured + ' / ' + against:<80} {ratio:6.2f} {bound:6.2f}  {met}")
    peak = max(results["planchk evaluate"][1], results["planchk evaluate --format json"][1])
    met = "yes" if peak <= PEAK_GOAL_MB else "no"
    print(f"{'peak memory of evaluate (MB)':<80} {peak:6.0f} {PEAK_GOAL_MB:6d}  {met}")


if __name__ == "__main__":
    main()
