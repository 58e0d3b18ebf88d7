"""Start-up benchmark: `planchk evaluate data/2018.csv --format json` against the floor of its own
stack, a one-command typer program that validates one pydantic model, in the same run.

Prints the median wall time, the median processor time (user and system: steadier than the wall
time on a machine shared with other work) and the peak memory of each over N runs (taken in
turns, after one uncounted round), with each time's ratio to the floor's (the goal is at most
1.15 in wall time): planchk with its spec cache warm (the entry written by an earlier run), cold
(an empty cache directory for every run, so each run parses the spec and writes the entry) and
turned off (`PLANCHK_NO_CACHE=1`). With `--before SRC`, also the planchk whose sources are in
SRC (the `src` directory of another checkout, such as the main branch: `git archive main src |
tar -x -C /tmp/before`, then `--before /tmp/before/src`), run with the same Python and libraries (`--warm-only` times only
the floor, the warm planchk and the before, for a quicker comparison). For reference it also
times the bare import of planchk's dependencies (`import typer, pydantic, rich, yaml`) and the
smallest typer program, one command with one option. Every planchk is compiled to bytecode
first, as `pip install` does, and started the same way (its `planchk.cli.main`, as the `planchk`
script does). Run from the repository root with planchk installed:
`python bench/startup.py [--runs N] [--before SRC] [--warm-only]`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from panel import LAUNCH

import planchk

HELLO_TYPER = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "planchk") -> None:
    print(name)


app()
"""

#: The floor the goal is measured against: one typer command that validates one pydantic model.
TYPER_PYDANTIC = """\
import pydantic
import typer

app = typer.Typer()


class Row(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")
    indicator: str
    year: int
    value: float


@app.command()
def main(path: str) -> None:
    print(Row(indicator="x", year=2018, value=1.5).model_dump_json(), path)


app()
"""

#: The goal's own command, run from the repository root.
EVALUATE = ["evaluate", "data/2018.csv", "--format", "json"]


@dataclass
class Command:
    """A command to time, with the environment it runs in; `cold` gives each run an empty
    cache directory of its own (made before the clock starts)."""

    args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cold: bool = False


def measure(commands: dict[str, Command], runs: int) -> dict[str, tuple[float, float, float]]:
    """The median wall time (seconds), the median processor time (user and system, seconds:
    steadier than the wall time on a machine shared with other work) and the largest peak
    memory (MB, the resident set size) of each command over `runs` runs, taken in turns (one run of each command, then the next
    round) after one uncounted round, so that a machine slowing down or speeding up during the
    benchmark affects every command alike and leaves their ratios alone."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(runs + 1):
            for name, command in commands.items():
                env = {**os.environ, **command.env}
                if command.cold:
                    env["PLANCHK_CACHE_DIR"] = tempfile.mkdtemp(dir=scratch)
                start = time.perf_counter()
                child = subprocess.Popen(
                    command.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
                )
                _, status, usage = os.wait4(child.pid, 0)  # the child's own peak memory
                seconds = time.perf_counter() - start
                child.returncode = os.waitstatus_to_exitcode(status)
                if round_:
                    times[name].append(seconds)
                    cpu[name].append(usage.ru_utime + usage.ru_stime)
                    peaks[name].append(usage.ru_maxrss / 1024)  # KB on Linux
    return {
        name: (statistics.median(times[name]), statistics.median(cpu[name]), max(peaks[name]))
        for name in commands
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="counted runs per command")
    parser.add_argument("--before", type=Path, help="the src directory of another planchk")
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="time only the floor, planchk with its cache warm and the planchk of --before",
    )
    args = parser.parse_args()
    if not (Path.cwd() / "data" / "2018.csv").is_file():
        sys.exit("run from the repository root: the start-up goal reads data/2018.csv")
    after = Path(planchk.__file__).parent.parent
    trees = [after] if args.before is None else [after, args.before.resolve()]
    for tree in trees:
        compileall.compile_dir(tree / "planchk", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        hello_file = Path(tmp) / "hello_typer.py"
        hello_file.write_text(HELLO_TYPER, encoding="utf-8")
        floor_file = Path(tmp) / "typer_pydantic.py"
        floor_file.write_text(TYPER_PYDANTIC, encoding="utf-8")
        warm = str(Path(tmp) / "warm-cache")
        run_after = [sys.executable, "-c", LAUNCH, str(after), *EVALUATE]
        commands = {
            "typer command validating one pydantic model (the floor)": Command(
                [sys.executable, str(floor_file), "data/2018.csv"]
            ),
            "planchk evaluate, spec cache warm": Command(run_after, {"PLANCHK_CACHE_DIR": warm}),
        }
        if not args.warm_only:
            commands["planchk evaluate, spec cache cold"] = Command(run_after, cold=True)
            commands["planchk evaluate, spec cache off"] = Command(
                run_after, {"PLANCHK_NO_CACHE": "1"}
            )
        if args.before is not None:
            commands["before: planchk evaluate"] = Command(
                [sys.executable, "-c", LAUNCH, str(args.before.resolve()), *EVALUATE],
                {"PLANCHK_CACHE_DIR": warm},
            )
        if not args.warm_only:
            commands["for reference: import typer, pydantic, rich, yaml"] = Command(
                [sys.executable, "-c", "import typer, pydantic, rich, yaml"]
            )
            commands["for reference: a one-command typer program"] = Command(
                [sys.executable, str(hello_file)]
            )
        load = os.getloadavg()[0]
        results = measure(commands, args.runs)
    floor, floor_cpu, _ = results["typer command validating one pydantic model (the floor)"]
    print(f"{args.runs} counted runs of each command, in turns, after one uncounted round")
    print(f"load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    print(
        f"{'command':<58} {'median ms':>9} {'/ floor':>8} {'cpu ms':>8} {'/ floor':>8} {'peak MB':>8}"
    )
    for name, (seconds, used, peak) in results.items():
        print(
            f"{name:<58} {seconds * 1000:9.1f} {seconds / floor:8.2f} "
            f"{used * 1000:8.1f} {used / floor_cpu:8.2f} {peak:8.0f}"
        )
    print("goal: planchk evaluate at most 1.15 x the floor")


if __name__ == "__main__":
    main()
