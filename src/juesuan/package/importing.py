"""An input package made from a published disclosure (`juesuan init FOLDER --from FILE`).

From this year's disclosure the package rebuilds it (to re-issue a corrected version): the tables
into 决算表.xlsx as they are printed; the unit, 概况 and 绩效自评表 into 单位信息.yaml; and what
第三部分 states beyond the tables (`narrated_facts`): last year's figures (stated, or this year's
less the change stated: `juesuan.rules.last_year`), 年初预算, reasons, uses, the 三公 counts and
the 中小企业 amounts; from a file without 公开10表 (Shanghai) also its 相关信息.
A figure is keyed by its cell only where the file's table heads that column as the national
template does (`measure_cells`), so a template's own columns are never read as another's.

From last year's disclosure (a year after the file's) last year's printed figures become this
year's 上年决算数, and the structure carries over: the unit, 概况, the tables' rows with their
codes and no figures, the projects of the 绩效自评表.

What could not be read is never guessed: it is listed in the comment block that opens
单位信息.yaml (and returned, for the command to print).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from juesuan.model import Disclosure, Table
from juesuan.package.files import INFO_FILE, TABLES_FILE
from juesuan.package.info import _ENUMERATED
from juesuan.package.info_text import info_text
from juesuan.sources import SourceError

# 上年决算数 keys (`juesuan.package.info.MEASURES`) by the cells the national template prints them in
MEASURE_CELLS = {
    "收入总计": (("01", "31", "1"),),
    "支出总计": (("01", "62", "2"),),
    "财政拨款收入总计": (("04", "32", "1"),),
    "财政拨款支出总计": (("04", "64", "2"),),
    "一般公共预算财政拨款支出": (("05", "合计", "1"),),
    "政府性基金预算财政拨款支出": (("07", "合计", "3"),),
    "国有资本经营预算财政拨款支出": (("08", "合计", "1"),),
    "机关运行经费": (("10", "5", "统计数"), ("10", "6", "统计数")),
    "三公经费": (("09", "1", "7"),),
    "因公出国（境）费": (("09", "1", "8"),),
    "公务用车购置费": (("09", "1", "10"),),
    "公务用车运行维护费": (("09", "1", "11"),),
    "公务接待费": (("09", "1", "12"),),
}
CLASS_TABLE, CLASS_COLUMN = "05", "1"  # a class's 一般公共预算财政拨款支出: 公开05表 第1栏


@dataclass
class Imported:
    """What goes into the package: the tables, the unit and the sections of 单位信息.yaml."""

    disclosure: Disclosure  # unit, year, title, 概况, tables and forms of the package
    kind: str = ""  # 单位类型
    sections: dict[str, dict] = field(default_factory=dict)  # 上年决算数, 年初预算数, 主要原因 …
    form_outlines: bool = False  # the forms as last year's projects: names and indicators only
    notes: list[str] = field(default_factory=list)  # what could not be read
    source: str = ""


def import_disclosure(path: str | Path, year: int | None = None) -> Imported:
    """The package's content from the disclosure at `path`; `year` the package's (None: the file's)."""
    from juesuan.sources import read_path

    disclosure, _ = read_path(path)
    if not disclosure.tables:
        raise SourceError(f"未在文件中读到任何公开表，无法据此创建输入包：{Path(path).name}")
    if not disclosure.unit:
        raise SourceError(f"未在文件中读到单位名称，无法据此创建输入包：{Path(path).name}")
    if disclosure.year is None:
        if year is None:
            raise SourceError(f"未在文件中读到决算年度，请用 --year 指定：{Path(path).name}")
        disclosure = replace(disclosure, year=year)
    if year is None or year == disclosure.year:
        found = _this_year(disclosure)
    elif year == disclosure.year + 1:
        found = _next_year(disclosure, year)
    else:
        raise SourceError(
            f"--year {year} 与文件的年度 {disclosure.year} 不符："
            f"同一年度重新生成，或取下一年度（{disclosure.year + 1}）"
        )
    found.source = Path(path).name
    return found


def _national(disclosure: Disclosure) -> bool:
    return not disclosure.template or disclosure.template.startswith("national")


def _this_year(disclosure: Disclosure) -> Imported:
    from juesuan.package.narrated import narrated_facts

    found = Imported(disclosure, _unit_kind(disclosure))
    found.sections, found.notes = narrated_facts(disclosure)
    if disclosure.overview.duties and not any(_ENUMERATED.match(p.text) for p in disclosure.overview.duties):
        found.notes.append("概况 职责 原文未编号：生成时编为（一）（二）……，与原文不同")
    if disclosure.glossary:
        found.notes.append("第四部分 名词解释 未读入：输入包不含名词解释，生成时按模板写出")
    return found


def _next_year(last: Disclosure, year: int) -> Imported:
    """This year's package with last year's figures as 上年决算数 and last year's structure."""
    tables = tuple(_blank(table, year) for table in last.tables)
    disclosure = replace(last, year=year, title="", tables=tables, narrative=(), glossary=())
    found = Imported(disclosure, _unit_kind(last), form_outlines=True)
    figures = printed_measures(last)
    if last.table("10") is None and "机关运行经费" not in figures:
        figures.update(_running_costs(last))
    found.sections["上年决算数"] = figures
    unread = [name for name in MEASURE_CELLS if name not in figures]
    if unread:
        found.notes.append(
            f"上年决算数 未读入（{last.year}年度文件的表中没有或栏目不同）：{'、'.join(unread)}"
        )
    found.notes.append(
        f"决算表为{last.year}年度的表式和科目，数字留空；年初预算数、主要原因、主要用于、“三公”经费说明、"
        f"政府采购、绩效自评表的数字为{year}年度的内容，须另行填写"
    )
    return found


def _running_costs(last: Disclosure) -> dict[str, Decimal]:
    """机关运行经费 as last year's 第三部分 states it, where no 公开10表 prints it (Shanghai)."""
    from juesuan.package.narrated import running_costs_stated

    stated = running_costs_stated(last)
    return {"机关运行经费": stated} if stated is not None else {}


def _blank(table: Table, year: int) -> Table:
    """The table's rows (codes, names, 行次) without figures."""
    rows = tuple(replace(row, cells=()) for row in table.rows)
    return replace(table, rows=rows, year=year)


def printed_measures(disclosure: Disclosure) -> dict[str, Decimal]:
    """{上年决算数 key: the figure the tables print}, for the figures printed in a column headed
    as the national template heads it."""
    values: dict[str, Decimal] = {}
    for name, cells in measure_cells(disclosure).items():
        printed = [_printed(disclosure, *cell) for cell in cells]
        if all(_no_data(disclosure, table) for table, _, _ in cells):
            values[name] = Decimal(0)  # a table printed as 本表无数据 states zeros
        elif any(value is not None for value in printed):
            values[name] = sum((value for value in printed if value is not None), Decimal(0))
    table = disclosure.table(CLASS_TABLE) if keyed_alike(disclosure, CLASS_TABLE, CLASS_COLUMN) else None
    for row in table.rows if table else ():
        value = _printed(disclosure, CLASS_TABLE, row.key, CLASS_COLUMN)
        if len(row.key) == 3 and row.key.isdigit() and value is not None:
            values[row.key] = value
    return values


def measure_cells(disclosure: Disclosure) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """`MEASURE_CELLS` whose tables the disclosure prints with those columns headed as the national
    template heads them (Shanghai's 公开08表 第1栏 is 年初结转和结余, not 合计; it has no 公开10表)."""
    return {
        name: cells
        for name, cells in MEASURE_CELLS.items()
        if all(keyed_alike(disclosure, table, column) for table, _, column in cells)
    }


def keyed_alike(disclosure: Disclosure, number: str, column: str) -> bool:
    from juesuan.catalogue import table_definitions

    table, definition = disclosure.table(number), table_definitions().get(number)
    if table is None or definition is None:
        return False
    national = next((c.heading for c in definition.columns if c.key == column), None)
    return national is not None and "".join(table.heading(column).split()) == "".join(national.split())


def _no_data(disclosure: Disclosure, number: str) -> bool:
    table = disclosure.table(number)
    return table is not None and table.is_empty


def _printed(disclosure: Disclosure, table: str, row: str, column: str) -> Decimal | None:
    found = disclosure.table(table)
    figure = found.figure(row, column) if found else None
    return figure.value if figure else None


def template_of(disclosure: Disclosure) -> str:
    """The package's 模板: the template the file was read under ("" for the national one)."""
    return "" if _national(disclosure) else disclosure.template


def _unit_kind(disclosure: Disclosure) -> str:
    """单位类型 as 公开10表 states it: 机关运行经费 on line 5 (行政单位) or 6 (参公事业单位)."""
    if not _national(disclosure):
        return ""
    if _printed(disclosure, "10", "5", "统计数"):
        return "行政单位"
    if _printed(disclosure, "10", "6", "统计数"):
        return "参照公务员法管理事业单位"
    return ""


def package_bytes(found: Imported) -> dict[str, bytes]:
    """{file name: content} of the package, both made before anything is written."""
    from juesuan.package.init import tables_workbook

    disclosure = found.disclosure
    if not found.kind:
        why = "：公开10表未印机关运行经费（第5行或第6行）" if _national(disclosure) else ""
        found.notes.append(f"单位类型 未读入{why}，请填写")
    workbook = tables_workbook(disclosure.tables, disclosure.unit, disclosure.year, template_of(disclosure))
    return {INFO_FILE: info_text(found).encode("utf-8"), TABLES_FILE: workbook}


def write_package(folder: str | Path, files: dict[str, bytes]) -> list[Path]:
    """The files written into `folder` (new or empty); on any failure nothing is left behind."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SourceError(f"{folder} 已存在且不是空文件夹；请指定一个新的或空的文件夹")
    created = not folder.exists()
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            written.append(folder / name)
            (folder / name).write_bytes(data)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return written
