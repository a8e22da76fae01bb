"""A new, empty input package (`juesuan init`), and 决算表.xlsx written from tables.

决算表.xlsx holds the 公开表 of the package's template only (`--template`: the national ten, the
Shanghai nine, …, as the template catalogue declares their titles, lines, columns and notes), in the
official layout the Excel renderer draws, with the template's notes (注：本表反映…).
“本表无数据” is left out: the build says it of the tables that stay empty, so a table the unit
fills in never carries it by mistake.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from juesuan.catalogue import NO_DATA_NOTE, TableDefinition
from juesuan.model import Column, Disclosure, Overview, Row, Table
from juesuan.package.files import INFO_FILE, TABLES_FILE
from juesuan.sources import SourceError


def create_package(
    folder: str | Path, unit: str = "", year: int | None = None, template: str = ""
) -> list[Path]:
    """Write an empty, commented package of `template` (national when blank) into `folder`
    (created if need be; must be empty). An unknown template is a `SourceError` naming the choices."""
    folder = Path(folder)
    name = _known(template)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SourceError(f"{folder} 已存在且不是空文件夹；请指定一个新的或空的文件夹")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file, data in blank_package(unit, year, name).items():
        (folder / file).write_bytes(data)
        written.append(folder / file)
    return written


def blank_package(unit: str = "", year: int | None = None, template: str = "") -> dict[str, bytes]:
    """The two files of an empty package of `template`: {单位信息.yaml: …, 决算表.xlsx: …} (a budget
    template's: {单位信息.yaml: …, 预算表.xlsx: …}, package/budget.py)."""
    name = _known(template)
    if _template(name).kind == "预算":
        from juesuan.package.budget import BUDGET_TABLES_FILE, budget_info_template

        return {
            INFO_FILE: budget_info_template(unit, year, name),
            BUDGET_TABLES_FILE: empty_workbook(unit, year, name),
        }
    return {INFO_FILE: info_template(unit, year, name), TABLES_FILE: empty_workbook(unit, year, name)}


def blank_package_zip(unit: str = "", year: int | None = None, template: str = "") -> bytes:
    """The empty package as a .zip of its folder (what the web page offers for download; `build`
    reads it as it is)."""
    import zipfile

    folder = unit or "输入包"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file, data in blank_package(unit, year, template).items():
            archive.writestr(f"{folder}/{file}", data)
    return buffer.getvalue()


def _known(template: str) -> str:
    from juesuan.catalogue.templates import NATIONAL, templates

    if template and template not in templates():
        raise SourceError(f"没有名为 {template} 的模板，可选：{'、'.join(templates())}")
    return template or NATIONAL


def info_template(unit: str = "", year: int | None = None, template: str = "") -> bytes:
    """The commented 单位信息.yaml, with 名称, 年度 and 模板 filled in when given."""
    text = files("juesuan").joinpath("package_template", INFO_FILE).read_text(encoding="utf-8")
    if unit:
        text = re.sub(r"(?m)^(  名称:)( +#)", lambda m: f"{m[1]} {unit}{m[2]}", text, count=1)
    if year is not None:
        text = re.sub(r"(?m)^(  年度:)( +#)", lambda m: f"{m[1]} {year}{m[2]}", text, count=1)
    if template:
        text = re.sub(r"(?m)^(  模板:)( +#)", lambda m: f"{m[1]} {template}{m[2]}", text, count=1)
    return text.encode("utf-8")


def empty_tables(unit: str = "", year: int | None = None, template: str = "") -> tuple[Table, ...]:
    """The template's tables (national: the ten) in its printed order, with their columns and
    notes and no figures (the layout draws the lines)."""
    found = _template(template)
    return tuple(
        Table(
            number,
            d.title,
            tuple(Column(c.key, c.heading) for c in d.columns),
            _rows(d, unit),
            unit,
            year,
            (d.note,),
        )
        for number in found.required or tuple(found.tables)
        if (d := found.tables[number])
    )


def _rows(definition: TableDefinition, unit: str) -> tuple[Row, ...]:
    """A table by unit (`named = "units"`: 西安 收入总表, 长沙 “三公” table …) prints, under its 合计, a
    line for the unit named (its code, where the template prints one, left for the unit to type):
    the unit fills in its figures there, and adds a line for each unit more. Other tables: none."""
    return (Row(unit, unit, ()),) if unit and definition.by_unit else ()


def _template(name: str):
    from juesuan.catalogue.templates import NATIONAL, template

    return template(name or NATIONAL)


AMOUNT_FORMAT = "#,##0.00"  # what is typed shows as printed: 10 as 10.00, 6.2 as 6.20
COUNT_FORMAT = "0"


def _format_blank_figures(sheet) -> None:
    """The blank figure cells (right-aligned) formatted as the tables print them: amounts to two
    decimals, the count lines of 公开10表 (辆, 台（套）) whole. A cell's line is the 行次 printed last
    before it in its row."""
    from juesuan.catalogue import table_definitions
    from juesuan.narrative.claims import COUNT_UNITS

    definition = table_definitions().get(sheet.title.removeprefix("公开").removesuffix("表"))
    units = {line.line: line.unit for line in definition.lines} if definition else {}
    for row in sheet.iter_rows():
        line = ""
        for cell in row:
            if cell.alignment.horizontal == "center" and isinstance(cell.value, str):
                line = cell.value.strip()
            elif cell.alignment.horizontal == "right" and cell.value is None:
                cell.number_format = COUNT_FORMAT if units.get(line) in COUNT_UNITS else AMOUNT_FORMAT


def empty_workbook(unit: str = "", year: int | None = None, template: str = "") -> bytes:
    return tables_workbook(empty_tables(unit, year, template), unit, year, template)


def tables_workbook(
    tables: Sequence[Table], unit: str = "", year: int | None = None, template: str = ""
) -> bytes:
    """决算表.xlsx: the tables drawn by the Excel renderer in `template` (national when blank), its
    other sheets and 本表无数据 left out."""
    from openpyxl import load_workbook

    from juesuan.catalogue.templates import under
    from juesuan.render import render

    found = _template(template)
    disclosure = Disclosure(
        unit, year, "", Overview(), tuple(tables), (), (), (), template=found.name, kind=found.kind
    )
    book = load_workbook(io.BytesIO(render(disclosure, "xlsx")))
    for sheet in list(book.worksheets):
        if not sheet.title.startswith(("公开", "预算")):
            book.remove(sheet)
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and NO_DATA_NOTE.removeprefix("说明：") in cell.value:
                    cell.value = None
    with under(found):
        for sheet in book.worksheets:
            _format_blank_figures(sheet)
    book.properties.title = f"{unit}{year or ''}年度部门{found.kind}表" if unit else f"部门{found.kind}表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
