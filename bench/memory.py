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

Run from the repository root with planchk installed:
`python bench/memory.py [REGIONS ...] [--runs N] [--before SRC] [--only evaluate] [--keep DIR]`
(default 4,000 regions, one round).
"""

from __future__ import annotations

import argparse
import statistics
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
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        run_sizes(args, args.keep)
        return
    with tempfile.TemporaryDirectory() as folder:
        run_sizes(args, Path(folder))


if __name__ == "__main__":
    main()
