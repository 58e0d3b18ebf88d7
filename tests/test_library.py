"""planchk as a library: the names the README promises, and no printing."""

from __future__ import annotations

from pathlib import Path

import pytest

import planchk

ROOT = Path(__file__).resolve().parents[1]


def test_public_api_evaluates_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    report = planchk.evaluate(spec, planchk.load_data([ROOT / "data" / "2018.csv"], spec))
    assert isinstance(report, planchk.Report)
    assert report.year == 2018
    assert [r.no for r in report.indicators if r.binding_failure] == [9]
    assert report.indicators[0].status is planchk.Status.ACHIEVED
    assert capsys.readouterr() == ("", "")  # evaluation is pure: nothing printed


def test_errors_are_exported() -> None:
    assert issubclass(planchk.SpecError, planchk.InputError)
    with pytest.raises(planchk.SpecError):
        planchk.load_spec(ROOT / "no-such-spec.yaml")


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        _ = planchk.no_such_name


def test_colour_only_when_asked() -> None:
    from planchk.formats import OutputFormat, RenderOptions, render  # noqa: PLC0415

    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    report = planchk.evaluate(spec, planchk.load_data([ROOT / "data" / "2018.csv"], spec))
    assert "\x1b[" in render(report, OutputFormat.TABLE, RenderOptions(color=True))
    assert "\x1b[" not in render(report, OutputFormat.TABLE, RenderOptions(color=False))
