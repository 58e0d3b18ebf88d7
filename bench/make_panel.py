"""Write a synthetic panel: every region reports every indicator of a spec for every plan year.

With the Haidian spec and 2,000 regions this is 2,000 × 20 × 6 = 240,000 rows (about 7 MB).
Figures are constructed (seeded, so the same arguments give the same file): each region moves
from the base year towards the target at its own pace, from well behind to ahead, so a panel
holds every status. Where the spec gives a baseline, the base-year row restates it exactly.

    python bench/make_panel.py --regions 2000 --output /tmp/panel-2000.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from decimal import Decimal
from pathlib import Path

from planchk.quantities import format_decimal
from planchk.spec import Indicator, Spec, TargetKind, load_spec

ROOT = Path(__file__).resolve().parent.parent
# Units counted in whole numbers: their figures are written without decimals.
_COUNTS = frozenset({"家", "件", "人", "项"})


def region_name(number: int) -> str:
    return f"district-{number:04d}"


def _base(indicator: Indicator, rng: random.Random) -> float:
    if indicator.baseline is not None:
        return float(indicator.baseline.value)
    target = float(indicator.target.number)
    if indicator.target.kind is TargetKind.LEVEL:
        return target * rng.uniform(0.7, 0.9)
    return 1000 * rng.uniform(0.5, 2.0)  # the level of a growth indicator's measure


def _value(indicator: Indicator, base: float, share: float, years: int, pace: float) -> float:
    target = float(indicator.target.number)
    kind = indicator.target.kind
    if kind is TargetKind.LEVEL:
        return base + (target - base) * share * pace
    if kind is TargetKind.CUMULATIVE:
        return target * share * pace
    growth = target / 100 * pace  # average_growth: the measure's level compounds
    return base * (1 + growth) ** years


def _text(indicator: Indicator, value: float) -> str:
    if indicator.unit.zh in _COUNTS:
        return str(max(round(value), 0))
    return format_decimal(Decimal(f"{value:.2f}"))


def panel_rows(spec: Spec, regions: int, seed: int = 2016) -> list[list[str]]:
    """The panel's rows (without header), region by region, year by year."""
    rng = random.Random(seed)
    plan = spec.plan
    period = plan.end_year - plan.base_year
    rows: list[list[str]] = []
    for number in range(1, regions + 1):
        region = region_name(number)
        paces = {ind.id: rng.uniform(-0.2, 1.5) for ind in spec.indicators}
        bases = {ind.id: _base(ind, rng) for ind in spec.indicators}
        for year in range(plan.base_year, plan.end_year + 1):
            elapsed = year - plan.base_year
            for ind in spec.indicators:
                base = bases[ind.id]
                if elapsed == 0:
                    text = (
                        format_decimal(ind.baseline.value)
                        if ind.baseline is not None
                        else _text(ind, base)
                    )
                else:
                    value = _value(ind, base, elapsed / period, elapsed, paces[ind.id])
                    text = _text(ind, value)
                rows.append([region, str(ind.no), str(year), text, ind.unit.zh or ""])
    return rows


def write_panel(path: Path, spec: Spec, regions: int, seed: int = 2016) -> int:
    """Write the panel CSV to `path`; returns the number of data rows."""
    rows = panel_rows(spec, regions, seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region", "indicator", "year", "value", "unit"])
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--spec", type=Path, default=ROOT / "targets" / "indicators.yaml")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    spec = load_spec(args.spec)
    count = write_panel(args.output, spec, args.regions, args.seed)
    size = args.output.stat().st_size
    print(f"{args.output}: {count:,} rows, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
