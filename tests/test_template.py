"""`planchk template` (planchk.template): the fill-in workbook, its round trip, and refusals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import load_data, read_data
from planchk.problems import ProblemCode
from planchk.quantities import Qualifier
from planchk.spec import Spec, load_spec
from planchk.template import DATA_SHEET, HEADER_ROW, INSTRUCTIONS_SHEET, TemplateMarker
from planchk.workbook import TEMPLATE_PROPERTY, Workbook

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "targets" / "indicators.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(SPEC)


def template(path: Path, *options: str, spec: Path = SPEC) -> Path:
    result = runner.invoke(app, ["template", "-o", str(path), "--spec", str(spec), *options])
    assert result.exit_code == 0, result.output
    assert f"wrote {path}" in result.stderr
    return path


def open_book(path: Path) -> Any:
    from openpyxl import load_workbook  # noqa: PLC0415

    return load_workbook(path)


def test_template_has_a_row_per_indicator_and_a_column_per_year(tmp_path: Path, spec: Spec) -> None:
    book = open_book(template(tmp_path / "填报表.xlsx"))
    assert book.sheetnames == [DATA_SHEET, INSTRUCTIONS_SHEET]
    sheet = book[DATA_SHEET]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    years = [f"{y}年" for y in range(2015, 2021)]
    assert header == ["序号", "指标", "单位", "属性", "责任单位", *years, "来源", "备注"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]
    assert len(rows) == len(spec.indicators)
    assert rows[0][:4] == [1, "国家级高新技术企业", "家", "预期性"]
    assert rows[7][:4] == [8, "园区总收入年均增速", "亿元", "约束性"]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "decimal"
    assert validation.errorStyle == "warning"  # a qualified figure (>6100) can be kept
    assert str(validation.sqref) == f"F4:K{HEADER_ROW + len(spec.indicators)}"
    marker = {p.name: p.value for p in book.custom_doc_props}[TEMPLATE_PROPERTY]
    assert TemplateMarker.parse(marker) == TemplateMarker(spec.plan.id, tuple(range(2015, 2021)))
    instructions = "\n".join(str(row[0].value) for row in book[INSTRUCTIONS_SHEET].iter_rows())
    for convention in (">6100", "预计", "注："):
        assert convention in instructions


def test_responsible_department_comes_from_the_spec(tmp_path: Path) -> None:
    text = SPEC.read_text(encoding="utf-8").replace(
        "  - no: 1\n", "  - no: 1\n    responsible: 区科委\n", 1
    )
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(text, encoding="utf-8")
    sheet = open_book(template(tmp_path / "t.xlsx", "--year", "2018", spec=spec_path))[DATA_SHEET]
    assert sheet.cell(HEADER_ROW + 1, 5).value == "区科委"
    assert [c.value for c in sheet[HEADER_ROW]][5] == "2018年"


def test_filled_in_template_reads_back_with_no_loss(tmp_path: Path, spec: Spec) -> None:
    """Every figure of data/2018.csv typed into the template reads back as the same value,
    qualifier, preliminary mark, unit and source."""
    sample = load_data([ROOT / "data" / "2018.csv"], spec)
    figures = [o for o in sample.observations if o.year == 2018]
    path = template(tmp_path / "2018.xlsx", "--year", "2018")
    book = open_book(path)
    sheet = book[DATA_SHEET]
    row_of = {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    for obs in figures:
        indicator = spec.indicator(obs.indicator_id)
        assert indicator is not None
        row = row_of[indicator.no]
        plain = obs.qualifier is Qualifier.EXACT and obs.reported_unit in (
            None,
            sheet.cell(row, 3).value,
        )
        # a plain figure as a number, as Excel stores what is typed; others as text
        sheet.cell(row, 6).value = float(obs.value) if plain else obs.reported
        if not plain:
            sheet.cell(row, 3).value = obs.reported_unit or sheet.cell(row, 3).value
        sheet.cell(row, 7).value = obs.source
        sheet.cell(row, 8).value = obs.note
    book.save(path)
    loaded = read_data([path], spec)
    assert [p for p in loaded.problems if p.code is not ProblemCode.PRELIMINARY_VALUE] == []
    back = {o.indicator_id: o for o in loaded.dataset.observations}
    assert len(back) == len(figures)
    for obs in figures:
        read = back[obs.indicator_id]
        assert (read.value, read.qualifier, read.preliminary, read.source, read.year) == (
            obs.value,
            obs.qualifier,
            obs.preliminary,
            obs.source,
            obs.year,
        ), obs.indicator_id
        assert read.sheet == DATA_SHEET
    assert loaded.files[0].rows == loaded.files[0].used == len(figures)


def test_template_for_another_plan_is_refused(tmp_path: Path, spec: Spec) -> None:
    text = SPEC.read_text(encoding="utf-8").replace(
        "id: haidian-13th-fyp-sti", "id: chaoyang-13th-fyp", 1
    )
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    path = template(tmp_path / "t.xlsx", spec=other)
    (problem,) = read_data([path], spec).problems
    assert problem.code is ProblemCode.WRONG_TEMPLATE
    assert "'chaoyang-13th-fyp', not of the spec's plan 'haidian-13th-fyp-sti'" in problem.message


def test_template_for_another_year_is_refused(tmp_path: Path, spec: Spec) -> None:
    path = template(tmp_path / "2019.xlsx", "--year", "2018")
    (problem,) = read_data([path], spec).problems
    assert problem.code is ProblemCode.WRONG_TEMPLATE
    assert "written for 2018, but the file is named after 2019" in problem.message
    # the year header changed by hand
    edited = template(tmp_path / "t.xlsx", "--year", "2018")
    book = open_book(edited)
    book[DATA_SHEET].cell(HEADER_ROW, 6).value = "2019年"
    book.save(edited)
    (problem,) = read_data([edited], spec).problems
    assert problem.code is ProblemCode.WRONG_TEMPLATE
    assert problem.location == f"{edited}!{DATA_SHEET}!{HEADER_ROW}:{HEADER_ROW}"


def test_template_for_a_region_reads_as_that_region(tmp_path: Path, spec: Spec) -> None:
    path = template(tmp_path / "t.xlsx", "--year", "2018", "--region", "朝阳区")
    book = open_book(path)
    book[DATA_SHEET].cell(HEADER_ROW + 1, 6).value = 5000
    book.save(path)
    dataset = load_data([path], spec)
    assert dataset.regions == ("朝阳区",)
    assert [(o.region, o.value) for o in dataset.observations] == [("朝阳区", Decimal(5000))]
    with Workbook(path) as opened:
        assert TemplateMarker.parse(opened.marker) == TemplateMarker(
            spec.plan.id, (2018,), "朝阳区"
        )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--year", "2021"], "--year 2021 is outside the plan period 2015-2020"),
        (["-o", "t.csv"], "a template is an .xlsx workbook"),
    ],
)
def test_template_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["template", "-o", "t.xlsx", "--spec", str(SPEC), *options])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_template_not_filled_in_is_no_data(tmp_path: Path, spec: Spec) -> None:
    path = template(tmp_path / "2018.xlsx", "--year", "2018")
    result = runner.invoke(app, ["validate", str(path), "--spec", str(SPEC)])
    assert result.exit_code == 1
    assert "error no-data: the file has a header but no data rows" in result.stdout


@pytest.mark.parametrize(
    ("name", "year", "message"),
    [
        ("t.xlsx", 2030, "--year 2030 is outside the plan period 2015-2020"),
        ("t.csv", None, "a template is an .xlsx workbook"),
    ],
)
def test_write_template_refuses_what_it_cannot_write(
    tmp_path: Path, spec: Spec, name: str, year: int | None, message: str
) -> None:
    from planchk.template import TemplateError, write_template  # noqa: PLC0415

    with pytest.raises(TemplateError, match=message):
        write_template(spec, tmp_path / name, year=year)
    assert not (tmp_path / name).exists()
