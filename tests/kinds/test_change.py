"""`change` targets: the linear projection of absolute changes, points for a measure in
percent, and the spec rule on a decrease written as a positive ceiling."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.kinds import target_warnings
from planchk.results import Status

from .conftest import plan, result

AMBIGUOUS = """\
schema: 1
plan: {id: p, title: {en: P}, base_year: 2015, end_year: 2020}
categories: [{id: c, name: {en: C}}]
indicators:
  - no: 2
    id: energy-intensity
    category: c
    name: {en: Energy use per unit of GDP}
    unit: {en: tce per 10k yuan}
    attribute: binding
    direction: decrease
    target: {kind: change, change: relative, comparator: at_most, value: VALUE}
"""


def test_spec_check_warns_on_a_decrease_written_as_a_positive_ceiling(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(AMBIGUOUS.replace("VALUE", "15"), encoding="utf-8")
    outcome = CliRunner().invoke(app, ["spec", "check", str(path)])
    assert outcome.exit_code == 0, outcome.output
    assert "warning ambiguous-target: indicator 2 (energy-intensity) target:" in outcome.output
    # Both readings are named: the one written, and the plan's 降低15%.
    assert "at most +15%" in outcome.output
    assert "reduction of at least 15% (降低15%)" in outcome.output
    assert CliRunner().invoke(app, ["spec", "check", "--strict", str(path)]).exit_code == 1


def test_a_reduction_written_as_a_negative_change_raises_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(AMBIGUOUS.replace("VALUE", "-15"), encoding="utf-8")
    outcome = CliRunner().invoke(app, ["spec", "check", str(path)])
    assert (outcome.exit_code, "ambiguous-target" in outcome.output) == (0, False)


def test_the_shipped_specs_read_one_way(repo_root: Path) -> None:
    from planchk.spec import load_spec  # noqa: PLC0415

    for path in [
        repo_root / "targets/indicators.yaml",
        repo_root / "tests/fixtures/specs/national.yaml",
    ]:
        assert target_warnings(load_spec(path), str(path)) == []


def test_an_absolute_change_is_projected_linearly() -> None:
    """Life expectancy +1 from 76.34: 76.84 in 2018 projects 76.34 + 0.5·5/3."""
    spec = plan(
        {"kind": "change", "change": "absolute", "comparator": "at_least", "value": 1},
        baseline="76.34",
    )
    r = result(spec, {2018: "76.84"}, 2018)
    assert r.projection is not None
    assert r.projection.path == "linear"
    assert r.projection.end_value == pytest.approx(0.5 * 5 / 3)


def test_a_rate_change_needs_points_a_year() -> None:
    """A rate up 3 points from 10%: 11% in 2018 needs (10 + 3 − 11)/2 = 1 point a year."""
    spec = plan(
        {"kind": "change", "change": "absolute", "comparator": "at_least", "value": 3},
        baseline="10",
        unit="%",
    )
    r = result(spec, {2018: "11"}, 2018)
    assert r.status is Status.OFF_TRACK  # R = 1 / 1.8
    assert r.projection is not None
    assert r.projection.required_yearly_addition == pytest.approx(1.0)


def test_a_relative_change_met_needs_no_pace() -> None:
    spec = plan(
        {"kind": "change", "change": "relative", "comparator": "at_most", "value": -15},
        direction="decrease",
        baseline="100",
    )
    r = result(spec, {2018: "80"}, 2018)
    assert r.status is Status.ACHIEVED
    assert r.projection is not None
    assert r.projection.required_growth is None


def test_spec_check_looks_at_every_one_of_several_targets(tmp_path: Path) -> None:
    several = AMBIGUOUS.replace(
        "    target: {kind: change, change: relative, comparator: at_most, value: VALUE}\n",
        "    targets:\n"
        "      - {kind: change, change: relative, comparator: at_most, value: -15}\n"
        "      - {kind: change, change: relative, comparator: at_most, value: 15}\n",
    )
    path = tmp_path / "spec.yaml"
    path.write_text(several, encoding="utf-8")
    outcome = CliRunner().invoke(app, ["spec", "check", str(path)])
    assert outcome.exit_code == 0, outcome.output
    # the first target reads one way; the second one, a positive ceiling, is the one warned of
    assert (
        "indicator 2 (energy-intensity) targets #2: the target reads as a change of at most +15%"
        in outcome.output
    )
    assert "targets #1" not in outcome.output
