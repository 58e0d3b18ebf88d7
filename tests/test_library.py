"""planchk as a library: the names the README promises, and no printing."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize(
    ("data", "extra"),
    [
        (["data/2018.csv"], []),  # one year
        (["data"], []),  # every year of the samples: history, trend, changes, trajectories
        (["data"], ["--year", "2018"]),
        (["tests/fixtures/panel"], ["--year", "2018"]),  # a panel: the ranking
        (["tests/fixtures/panel"], ["--year", "2018", "--region", "district-0002"]),
    ],
    ids=["one-year", "several-years", "several-years-2018", "panel", "region"],
)
def test_the_library_returns_what_the_command_prints(
    data: list[str], extra: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner  # noqa: PLC0415

    from planchk.cli import app  # noqa: PLC0415
    from planchk.formats import OutputFormat, render  # noqa: PLC0415

    monkeypatch.chdir(ROOT)
    printed = CliRunner().invoke(app, ["evaluate", *data, "--format", "json", *extra]).stdout
    spec = planchk.load_spec("targets/indicators.yaml")
    year = int(extra[1]) if extra else None
    region = extra[3] if len(extra) > 2 else None
    result = planchk.evaluate(spec, planchk.load_data(data, spec), year, region=region)
    assert json.loads(printed) == json.loads(render(result, OutputFormat.JSON))
    assert json.loads(printed) == result.model_dump(mode="json", exclude={"comparison"})


def test_the_library_report_has_every_year() -> None:
    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    report = planchk.evaluate(spec, planchk.load_data([ROOT / "data"], spec))
    assert isinstance(report, planchk.Report)
    assert [y.year for y in report.trend] == [2016, 2017, 2018, 2019, 2020]
    assert report.changes
    assert all(r.trajectory is not None for r in report.indicators)
    assert all(len(r.history) == 5 for r in report.indicators)


PANEL = ROOT / "tests" / "fixtures" / "panel" / "districts.csv"


def test_explanation_is_the_text_of_the_report_it_returns() -> None:
    from planchk.evaluation import evaluate_series, explanation  # noqa: PLC0415
    from planchk.explain import explain  # noqa: PLC0415

    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    dataset = planchk.load_data([ROOT / "data"], spec)
    report, text = explanation(spec, dataset, "national-high-tech-enterprises", 2018)
    assert report == evaluate_series(spec, dataset, 2018)
    indicator = spec.indicator("1")
    assert indicator is not None
    assert text == explain(spec, report, indicator, "en")
    assert explanation(spec, dataset, "1", 2018, lang="zh")[1] == explain(
        spec, report, indicator, "zh"
    )


def test_explanation_of_an_unknown_indicator_is_refused() -> None:
    from planchk.evaluation import explanation  # noqa: PLC0415

    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    dataset = planchk.load_data([ROOT / "data" / "2018.csv"], spec)
    with pytest.raises(planchk.EvaluationError, match="no indicator 'GDP per capita'"):
        explanation(spec, dataset, "GDP per capita")


def test_explanation_in_a_panel_needs_a_region() -> None:
    from planchk.evaluation import evaluate_series, explanation  # noqa: PLC0415

    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    dataset = planchk.load_data([PANEL], spec)
    with pytest.raises(planchk.EvaluationError, match="--region"):
        explanation(spec, dataset, "1")
    report, text = explanation(spec, dataset, "1", region="district-0002")
    assert report == evaluate_series(spec, dataset, None, "district-0002")
    assert text.strip()


def test_evaluate_panel_is_the_ranking_evaluate_returns() -> None:
    from planchk.evaluation import evaluate_panel  # noqa: PLC0415

    spec = planchk.load_spec(ROOT / "targets" / "indicators.yaml")
    dataset = planchk.load_data([PANEL], spec)
    assert evaluate_panel(spec, dataset) == planchk.evaluate(spec, dataset)
    series = planchk.load_data([ROOT / "data" / "2018.csv"], spec)
    with pytest.raises(planchk.EvaluationError, match="region column"):
        evaluate_panel(spec, series)
