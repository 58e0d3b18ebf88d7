"""`planchk template`: a fill-in workbook generated from the spec, and the marker that ties a
filled-in workbook to its plan and years.

The workbook has one sheet to fill in, laid out as departments lay out their tables (a title,
then one row per indicator with 序号, 指标, 单位, 属性, 责任单位, one column per year, 来源 and
备注), and a sheet of instructions. Year cells carry Excel data validation for numbers, as a
*warning* rather than a stop: the data format allows qualifiers (`>6100`, `约9000`) that are
text to Excel, so a department can keep one after Excel asks, while a typo is caught as it is
typed. A custom document property records the plan, the years and the region; planchk refuses
the workbook for another plan or year.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planchk.messages import msg
from planchk.spec import Attribute, Reporting, Spec
from planchk.workbook import TEMPLATE_PROPERTY, column_letter

DATA_SHEET = "填报表"
INSTRUCTIONS_SHEET = "填报说明"
_ATTRIBUTES = {Attribute.BINDING: "约束性", Attribute.EXPECTED: "预期性"}
_FIRST_COLUMNS = ("序号", "指标", "单位", "属性", "责任单位")
_LAST_COLUMNS = ("来源", "备注")
HEADER_ROW = 3

#: The instructions sheet, line by line: the Chinese text and its English, which an English
#: workbook adds below it (a Chinese one has the Chinese alone).
INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("填报说明", " / How to fill in this workbook"),
    ("", ""),
    (
        "1. 在“{data}”表中每个指标一行，每年一列：只在年份列填写数值，不要改动序号、指标、单位和年份。",
        "   One row per indicator, one column per year: fill in the year columns only; keep the "
        "number, name, unit and year headers as they are.",
    ),
    (
        "2. 数值按“单位”列的单位填写；百分比直接写数（5.8 表示 5.8%）。",
        "   Give figures in the unit of the 单位 column; a percentage as its number (5.8 is 5.8%).",
    ),
    (
        "3. 只知道下限或约数时，可在数值前写限定词：>6100、超过6100、6100以上（至少），约9000、接近9000"
        "（约数），<5、不足5（至多）。Excel 会提示“不是数字”，选“是”保留即可。",
        "   A bound or an approximate figure may carry a qualifier: >6100, ~9000, <5. Excel warns "
        "that it is not a number; choose Yes to keep it.",
    ),
    (
        "4. 预计数、初步核算数请在“备注”列写明“预计”或“初步核算”，数值列只写数。",
        "   Mark preliminary figures with 预计 or 初步核算 in the 备注 column, not in the figure.",
    ),
    (
        "5. “来源”列写数据出处（文件、公报或网址）。",
        "   Give each figure's source (document, bulletin or web address) in the 来源 column.",
    ),
    (
        "6. 空白单元格表示未填报。不要合并单元格，不要在表格下方另起表格；注释写在表格下方，以“注：”开头。",
        "   A blank cell is a figure not given. Do not merge cells or start a second table below; "
        "write notes below the table, starting with 注：.",
    ),
    (
        "7. 本表为 {plan}（{years}{region}）生成，用于其他规划或年份时 planchk 会拒收。",
        "   This workbook was written for {plan} ({years}{region}); planchk refuses it for another "
        "plan or year.",
    ),
)


@dataclass(frozen=True)
class TemplateMarker:
    """What a fill-in workbook was written for: the plan, the years and the region."""

    plan: str
    years: tuple[int, ...]
    region: str | None = None
    instructions: str = INSTRUCTIONS_SHEET

    def text(self) -> str:
        return json.dumps(
            {"plan": self.plan, "years": list(self.years), "region": self.region},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def parse(cls, text: str | None) -> TemplateMarker | None:
        """The marker of a workbook's custom property, or None for a workbook without one."""
        if text is None:
            return None
        try:
            found = json.loads(text)
            plan = str(found["plan"])
            years = tuple(int(year) for year in found["years"])
            region = found.get("region")
        except (ValueError, KeyError, TypeError):
            return cls(plan="", years=())  # a damaged marker is refused as no plan's
        return cls(plan=plan, years=years, region=None if region is None else str(region))

    def refusal(self, spec: Spec, file_year: int | None) -> str | None:
        """Why the workbook cannot be read against `spec` (and a file named after
        `file_year`), or None when it can."""
        if self.plan != spec.plan.id:
            written = (
                repr(self.plan) if self.plan else msg("an unknown plan (its marker is damaged)")
            )
            return msg(
                "the workbook is the fill-in template of {written}, not of the spec's plan "
                "{plan!r}; write one for this plan with `planchk template`",
                written=written,
                plan=spec.plan.id,
            )
        if file_year is not None and self.years and file_year not in self.years:
            shown = ", ".join(map(str, self.years))
            return msg(
                "the template was written for {shown}, but the file is named after "
                "{year}; write one for {year} with `planchk template --year {year}`",
                shown=shown,
                year=file_year,
            )
        return None


class TemplateError(Exception):
    """A template that cannot be written as asked; the message names the option."""


def template_years(spec: Spec, year: int | None) -> tuple[int, ...]:
    """The year columns: `year` alone, or every year of the plan from the base year."""
    if year is not None:
        return (year,)
    return tuple(range(spec.plan.base_year, spec.plan.end_year + 1))


def write_template(
    spec: Spec,
    path: Path,
    *,
    year: int | None = None,
    region: str | None = None,
    lang: str = "en",
) -> None:
    """Write the fill-in workbook for `spec` to `path` (see the module's docstring): its
    instructions and cell messages in Chinese and English, or in Chinese alone for `lang` zh.
    Raises
    `TemplateError` for a year outside the plan period or a path that is not an .xlsx file,
    `OSError` when the file cannot be written."""
    plan = spec.plan
    if year is not None and not plan.base_year <= year <= plan.end_year:
        raise TemplateError(
            msg(
                "--year {year} is outside the plan period {base_year}-{end_year}",
                year=year,
                base_year=plan.base_year,
                end_year=plan.end_year,
            )
        )
    if path.suffix.lower() != ".xlsx":
        raise TemplateError(msg("--output {path}: a template is an .xlsx workbook", path=str(path)))
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.packaging.custom import StringProperty  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    def english(text: str) -> str:
        return "" if lang == "zh" else text

    years = template_years(spec, year)
    marker = TemplateMarker(spec.plan.id, years, region)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    title = spec.plan.title.get("zh")
    period = f"{years[0]}年" if len(years) == 1 else f"{years[0]}-{years[-1]}年"
    sheet.append([f"{title} 指标填报表（{period}）"])
    sheet.append([f"地区：{region}" if region else ""])
    headers = [*_FIRST_COLUMNS, *(f"{y}年" for y in years), *_LAST_COLUMNS]
    sheet.append(headers)
    bold = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=14)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[HEADER_ROW]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for indicator in spec.indicators:
        unit = (
            "%"
            if indicator.reporting is Reporting.YEARLY_CHANGE
            else indicator.unit.zh or indicator.unit.en or ""
        )
        sheet.append(
            [
                indicator.no,
                indicator.name.get("zh"),
                unit,
                _ATTRIBUTES[indicator.attribute],
                indicator.responsible or "",
            ]
        )
    first_year = len(_FIRST_COLUMNS) + 1
    last_year = first_year + len(years) - 1
    last_row = HEADER_ROW + len(spec.indicators)
    validation = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+30",
        formula2="1E+30",
        allow_blank=True,
        errorStyle="warning",
        errorTitle="不是数字" + english(" / not a number"),
        error="这里应填数值。带限定词的数（>6100、约9000）可选“是”保留。"
        + english(
            " A number is expected here; choose Yes to keep a qualified figure such as >6100."
        ),
        promptTitle="数值" + english(" / figure"),
        prompt="按“单位”列的单位填写数值"
        + english(" / the figure, in the unit of the 单位 column"),
        showErrorMessage=True,
        showInputMessage=True,
    )
    validation.add(
        f"{column_letter(first_year)}{HEADER_ROW + 1}:{column_letter(last_year)}{last_row}"
    )
    sheet.add_data_validation(validation)
    widths = [6, 36, 10, 8, 16, *([12] * len(years)), 24, 24]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = f"{column_letter(first_year)}{HEADER_ROW + 1}"
    _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), spec, years, region, lang)
    workbook.custom_doc_props.append(StringProperty(name=TEMPLATE_PROPERTY, value=marker.text()))
    workbook.save(path)


def _instructions(
    sheet: object, spec: Spec, years: Sequence[int], region: str | None, lang: str
) -> None:
    shown = ", ".join(map(str, years))
    where = f", {region}" if region else ""
    values = {"data": DATA_SHEET, "plan": spec.plan.id, "years": shown, "region": where}
    for chinese, english in INSTRUCTIONS:
        if lang == "zh" or not english.startswith("   "):  # a heading: its English beside it
            heading = chinese + ("" if lang == "zh" else english)
            sheet.append([heading.format(**values)])  # type: ignore[attr-defined]
        else:
            sheet.append([chinese.format(**values)])  # type: ignore[attr-defined]
            sheet.append([english.format(**values)])  # type: ignore[attr-defined]
    sheet.column_dimensions["A"].width = 120  # type: ignore[attr-defined]
