"""Panel benchmark: validate and evaluate a synthetic panel of many regions, against the floor of
reading the file with Python's csv module and against `frictionless validate`.

Writes panels with bench/make_panel.py (2,000 regions × 20 indicators × 6 years = 240,000 rows
for the Haidian spec), runs each command as a separate process several times (in turns: one run
of each command, then the next round), and prints the median wall time and the peak memory
(maximum resident set size) of each. Run from the repository root with planchk installed:

    python bench/panel.py                      # the 2,000-region panel
    python bench/panel.py --growth             # also 250, 500, 1,000, 2,000 and 4,000 regions
    python bench/panel.py --frictionless PATH  # also `PATH validate` on the same file

Besides the commands, it times reading and checking every row through the library
(`load_data`: the reading both commands start with), and `planchk validate` when the installed
planchk has that command.

frictionless is not a dependency of planchk: install it in a virtual environment of its own
(see the README's performance section) and pass its executable with --frictionless.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from make_panel import write_panel

from planchk.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "targets" / "indicators.yaml"

# Runs a command and prints its wall time, CPU time and the peak memory of its process tree, measured
# from a process of its own so that each command's peak is its own.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_kb": usage.ru_maxrss, "code": done.returncode,
                  "stderr": done.stderr.decode(errors="replace")[-500:]}))
"""

#: planchk's CLI from the sources in argv[1], as the `planchk` script starts it (to time another
#: checkout's planchk beside this one).
LAUNCH = (
    "import sys\n"
    "sys.path.insert(0, sys.argv.pop(1))\n"
    "sys.argv[0] = 'planchk'\n"
    "from planchk.cli import main\n"
    "sys.exit(main())\n"
)

# The reading both commands start with: read the spec and check every row of the file.
_LOAD_ONLY = (
    "import sys\n"
    "from planchk import load_data, load_spec\n"
    "load_data([sys.argv[2]], load_spec(sys.argv[1]))\n"
)

_CSV_FLOOR = (
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
    "    rows = sum(1 for _ in csv.reader(f))\n"
)


def measure_once(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> dict[str, Any]:
    """One run of `command` measured from a process of its own (`_MEASURE`): seconds, cpu,
    peak_kb, code and the end of its stderr."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=cwd,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def measure_all(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall seconds and the largest peak memory (MB) of each command over `runs` runs,
    taken in turns (one run of each command, then the next round), so that a machine slowing
    down or speeding up during the benchmark affects every command alike and leaves their
    ratios alone."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            result = measure_once(command)
            if result["code"] not in (0, 1):
                sys.exit(f"{' '.join(command)} failed ({result['code']}):\n{result['stderr']}")
            times[name].append(result["seconds"])
            peaks[name].append(result["peak_kb"] / 1024)
    return {name: (statistics.median(times[name]), max(peaks[name])) for name in commands}


def has_validate(planchk: str) -> bool:
    shown = subprocess.run([planchk, "--help"], capture_output=True, text=True, check=False)
    return " validate " in shown.stdout


def commands(planchk: str, file: Path, frictionless: str | None) -> dict[str, list[str]]:
    spec = ["--spec", str(SPEC)]
    found: dict[str, list[str]] = {
        "read with csv (floor)": [sys.executable, "-c", _CSV_FLOOR, str(file)],
    }
    found["planchk: read and check rows"] = [sys.executable, "-c", _LOAD_ONLY, str(SPEC), str(file)]
    if has_validate(planchk):
        found["planchk validate"] = [planchk, "validate", str(file), *spec]
    found["planchk evaluate (table)"] = [planchk, "evaluate", str(file), *spec]
    found["planchk evaluate --format json"] = [
        planchk,
        "evaluate",
        str(file),
        *spec,
        "--format",
        "json",
    ]
    if frictionless is not None:
        found["frictionless validate"] = [frictionless, "validate", "--trusted", str(file)]
    return found


def panel_table(planchk: str, file: Path, runs: int, frictionless: str | None) -> None:
    results = measure_all(commands(planchk, file, frictionless), runs)
    floor = results["read with csv (floor)"][0]
    other = results.get("frictionless validate", (None, None))[0]
    print(f"{'command':<32} {'median s':>9} {'peak MB':>8} {'x csv':>6} {'x frictionless':>15}")
    for name, (seconds, peak) in results.items():
        against = "" if other is None else f"{seconds / other:15.2f}"
        print(f"{name:<32} {seconds:9.2f} {peak:8.0f} {seconds / floor:6.2f} {against}")


def growth(planchk: str, directory: Path, runs: int) -> None:
    spec = load_spec(SPEC)
    sizes = (250, 500, 1000, 2000, 4000)
    rows: dict[str, int] = {}
    evaluations: dict[str, list[str]] = {}
    for regions in sizes:
        file = directory / f"panel-{regions}.csv"
        rows[str(regions)] = write_panel(file, spec, regions)
        evaluations[str(regions)] = [planchk, "evaluate", str(file), "--spec", str(SPEC)]
    results = measure_all(evaluations, runs)
    print(f"{'regions':>8} {'rows':>9} {'evaluate s':>11} {'ms/region':>10} {'peak MB':>8}")
    for regions in sizes:
        seconds, peak = results[str(regions)]
        print(
            f"{regions:>8,} {rows[str(regions)]:>9,} {seconds:11.2f} "
            f"{seconds / regions * 1000:10.2f} {peak:8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--frictionless", help="a frictionless executable to compare with")
    parser.add_argument("--growth", action="store_true", help="also time 250 to 4,000 regions")
    args = parser.parse_args()
    planchk = shutil.which("planchk")
    if planchk is None:
        sys.exit("planchk is not on PATH: install it first (see README)")
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / f"panel-{args.regions}.csv"
        rows = write_panel(file, load_spec(SPEC), args.regions)
        size = file.stat().st_size / 1e6
        print(f"panel: {args.regions:,} regions, {rows:,} rows, {size:.1f} MB; {args.runs} runs")
        panel_table(planchk, file, args.runs, args.frictionless)
        if args.growth:
            print()
            growth(planchk, Path(tmp), args.runs)


if __name__ == "__main__":
    main()
