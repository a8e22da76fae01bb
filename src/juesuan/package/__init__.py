"""The input package: what a unit fills in to have its whole disclosure built.

A folder (or a .zip of it) with two files:

- ``决算表.xlsx``: the ten 公开表 in the official layout, as the final-accounts software exports
  them (read with the Excel reader, `juesuan.sources.xlsx`);
- ``单位信息.yaml``: everything else, under Chinese keys (单位, 概况, 上年决算数, 年初预算数, 主要原因,
  主要用于, 三公经费说明, 政府采购, 说明, 绩效自评, 绩效自评表), see docs/package.md.

`read_package` gives the disclosure without 第三部分 and 第四部分 (the build writes them), the
`Facts`, and the problems worth reporting. Bad input is a `SourceError` with one Chinese line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.model import Disclosure, Figure, Origin, Overview, PerformanceForm, Problem, Table
from juesuan.model.facts import Facts
from juesuan.package.files import INFO_FILE, TABLES_FILE, package_files
from juesuan.sources import SourceError

if TYPE_CHECKING:
    from juesuan.package.info import Unit

__all__ = ["INFO_FILE", "TABLES_FILE", "read_info", "read_package"]


def read_package(path: str | Path) -> tuple[Disclosure, Facts, list[Problem]]:
    """The disclosure (tables, 概况, forms), the facts and the problems of the package at `path`."""
    files = package_files(path)
    info = read_info(files[INFO_FILE])
    unit = info.unit
    tables, problems = read_tables(files[TABLES_FILE], unit.name, unit.year)
    if _kind(unit.template) == "预算":  # its tables by unit: 合计 and lines (package/budget.py)
        from juesuan.package.budget import unit_lines

        tables = unit_lines(tables, unit.name, unit.template)
    disclosure = Disclosure(
        unit=unit.name,
        year=unit.year,
        title=unit.title,
        overview=info.overview,
        tables=tables,
        narrative=(),
        glossary=(),
        forms=info.forms,
        source_format="package",
        template=unit.template,
        kind=_kind(unit.template),
    )
    return disclosure, info.facts, problems


@dataclass(frozen=True)
class Info:
    """单位信息.yaml as read: the unit, 概况, the facts and the 绩效自评表."""

    unit: Unit
    overview: Overview
    facts: Facts
    forms: tuple[PerformanceForm, ...]


def read_info(data: bytes) -> Info:
    """单位信息.yaml read and checked whole, as `read_package` reads it (the web form checks its
    values with this); a bad value is a `SourceError` naming the line and the key."""
    from juesuan.package.budget import BUDGET_TOP_KEYS, is_budget_info, read_budget_facts
    from juesuan.package.forms import read_forms
    from juesuan.package.info import TOP_KEYS, read_facts, read_overview, read_unit
    from juesuan.package.safe_yaml import load_yaml
    from juesuan.package.values import canonical, section, text

    loaded = load_yaml(data, INFO_FILE)
    if is_budget_info(loaded):  # a 部门预算 package (package/budget.py)
        info = canonical(loaded, BUDGET_TOP_KEYS, "单位信息.yaml")
        unit = read_unit(info)
        if not text(section(info, "单位"), "标题"):
            unit = replace(unit, title=f"{unit.name}{unit.year}年度部门预算")
        return Info(unit, read_overview(info), read_budget_facts(info, unit.kind), ())
    info = canonical(loaded, TOP_KEYS, "单位信息.yaml")
    unit = read_unit(info)
    overview = read_overview(info)
    facts = read_facts(info, unit)
    return Info(unit, overview, facts, read_forms(info, unit.year, unit.name))


def _kind(template: str) -> str:
    """决算, or 预算 when the package's template is a budget's."""
    from juesuan.catalogue.templates import templates

    found = templates().get(template)
    return found.kind if found is not None else "决算"


def read_tables(data: bytes, unit: str, year: int) -> tuple[tuple[Table, ...], list[Problem]]:
    """The 公开表 of 决算表.xlsx, with the unit and year filled where the sheet leaves them blank.

    “本表无数据” is dropped: whether a table is empty is the build's to say, after the blank
    totals are filled, so that a table filled in never keeps the template's remark."""
    from juesuan.sources.xlsx import read_xlsx

    try:
        workbook, problems = read_xlsx(data, TABLES_FILE)
    except SourceError as error:
        raise SourceError(f"{TABLES_FILE}：{error}") from None
    problems = list(problems) + _foreign_parts(workbook)
    tables = []
    for table in workbook.tables:
        problems += _mismatches(table, unit, year)
        notes = tuple(note for note in table.notes if "本表无数据" not in note)
        table = replace(table, unit_name=table.unit_name or unit, year=table.year or year, notes=notes)
        tables.append(in_cents(table))
    return tuple(tables), problems


CENTS = 2  # the 公开表 print 万元 to two decimals


def in_cents(table: Table) -> Table:
    """The table with every amount to two decimals: a 10 or 6.2 typed into a General cell is the
    10.00 or 6.20 the unit meant, printed so and checked as exact to 0.01 (not ±0.5). Count lines
    (辆, 台（套）) stay whole."""
    from juesuan.rules.table_values import count_unit

    rows = tuple(
        row if count_unit(table, row) else replace(row, cells=tuple((key, _cents(f)) for key, f in row.cells))
        for row in table.rows
    )
    return replace(table, rows=rows)


def _cents(figure: Figure) -> Figure:
    if figure.places >= CENTS:
        return figure
    grouping = "," if "," in figure.text else ""
    text = format(figure.value.quantize(Decimal(1).scaleb(-CENTS)), f"{grouping}.{CENTS}f")
    return replace(figure, text=text, places=CENTS, implied_places=None)


def _mismatches(table: Table, unit: str, year: int) -> list[Problem]:
    """A table printed for another unit or year than 单位信息.yaml says."""
    found = []
    if table.unit_name and table.unit_name != unit:
        message = f"{_mark(table.number)}的单位“{table.unit_name}”与单位信息中的“{unit}”不一致"
        found.append(Problem(message, table.origin))
    if table.year and table.year != year:
        message = f"{_mark(table.number)}的年度 {table.year} 与单位信息中的 {year} 不一致"
        found.append(Problem(message, table.origin))
    return found


def _mark(number: str) -> str:
    """决算表.xlsx 公开05表, or 预算表.xlsx 预算05表 of a budget package."""
    from juesuan.package.files import BUDGET_TABLES_FILE

    return (
        f"{BUDGET_TABLES_FILE} {number}表" if number.startswith("预算") else f"{TABLES_FILE} 公开{number}表"
    )


def _foreign_parts(workbook: Disclosure) -> list[Problem]:
    """决算表.xlsx holds the tables only; anything else in it is left out, and said so."""
    parts = [
        name
        for name, present in (
            ("概况", workbook.overview.duties or workbook.overview.organisation),
            ("情况说明", workbook.narrative),
            ("名词解释", workbook.glossary),
            ("绩效自评表", workbook.forms),
        )
        if present
    ]
    if not parts:
        return []
    message = f"{TABLES_FILE} 中的{'、'.join(parts)}未读取：这些内容取自 {INFO_FILE} 或由程序生成"
    return [Problem(message, Origin(sheet=TABLES_FILE), "info")]
