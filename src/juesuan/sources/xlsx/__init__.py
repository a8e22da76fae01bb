"""The reader for Excel workbooks (.xlsx), in the layout `juesuan.render.xlsx` writes.

Sheets are recognised by their name or their first rows: 封面, 概况, 公开01表 … 公开10表 (or any
sheet whose title row names a table), 情况说明, 名词解释, 绩效自评表, 其他. Cells are read as
printed (number formats decide decimals; numbers typed as text are parsed), every value keeps its
sheet and cell. What cannot be placed is a `Problem`; a broken, oversized or foreign workbook is a
`SourceError`.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

from juesuan.model import (
    Disclosure,
    Front,
    Origin,
    Overview,
    Paragraph,
    PerformanceForm,
    Problem,
    Section,
    Table,
    Term,
)
from juesuan.sources import names_the_file
from juesuan.sources.limits import MAX_SHEETS, SHEETS
from juesuan.sources.xlsx.cells import SheetLine, sheet_lines

__all__ = ["MAX_SHEETS", "read_xlsx", "sheet_kind"]
_KINDS = (
    ("cover", ("封面",), ()),
    ("overview", ("概况",), ("第一部分",)),
    ("narrative", ("情况说明",), ("第三部分",)),
    ("glossary", ("名词解释",), ("第四部分",)),
    ("forms", ("自评", "附件"), ("第五部分",)),
    ("extras", (), ("其他内容",)),
)
EXTRAS_TITLE = "其他内容"


@dataclass
class _Parts:
    """What the sheets hold, gathered in sheet order."""

    cover: list[SheetLine] = field(default_factory=list)
    overview: Overview = Overview()
    tables: list[Table] = field(default_factory=list)
    narrative: tuple[Section, ...] = ()
    glossary: tuple[Term, ...] = ()
    forms: tuple[PerformanceForm, ...] = ()
    extras: tuple[Paragraph, ...] = ()
    problems: list[Problem] = field(default_factory=list)


@names_the_file
def read_xlsx(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    """The disclosure in an .xlsx workbook, and what could not be read from it."""
    from juesuan.catalogue.templates import reading_under
    from juesuan.sources import SourceError
    from juesuan.sources.layout import read_front
    from juesuan.sources.precision import as_printed

    sheets, properties_title = _load(data, name)
    parts = _Parts()
    texts = [sheet for sheet, _ in sheets] + [line.text for _, lines in sheets for line in lines]
    with reading_under(texts) as detection:
        for sheet, lines in sheets:
            _read_sheet(sheet, lines, parts)
    if not parts.tables and not parts.narrative:
        kind = detection.template.kind
        raise SourceError(f"不是部门{kind}公开文件（工作簿中找不到公开表或情况说明）：{name}")
    tables = tuple(parts.tables)
    unit, year, title = read_front(_prose(parts.cover), tables)
    title = properties_title if "决算" in properties_title else title
    found = (parts.overview, tables, parts.narrative, parts.glossary, parts.forms)
    disclosure = Disclosure(
        unit, year, title, *found, "xlsx", parts.extras, front=_front(sheets, parts.cover)
    )
    return detection.stamp(as_printed(disclosure)), parts.problems


def _front(sheets: list[tuple[str, list[SheetLine]]], cover: list[SheetLine]) -> Front:
    """The cover sheet's lines, each part sheet's heading (its first row: 第一部分 概况) and each
    table sheet's head lines (部门名称、金额单位); a workbook prints no 目录."""
    from juesuan.sources.layout import is_part_heading
    from juesuan.sources.layout.table_meta import head_lines

    headings = [lines[0] for _, lines in sheets if lines and is_part_heading(lines[0].text)]
    heads = [
        line
        for name, lines in sheets
        if lines and sheet_kind(name, lines) == "table"
        for line in head_lines(lines)
    ]
    return Front(_lines(_prose(cover)), (), _lines(headings), _lines(heads))


def _lines(lines: list) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line.text, line.origin) for line in lines)


def _load(data: bytes, name: str) -> tuple[list[tuple[str, list[SheetLine]]], str]:
    """(sheet name, its rows) of every worksheet, and the workbook's title property."""
    from openpyxl import load_workbook

    from juesuan.sources import SourceError
    from juesuan.sources.office import check_office

    check_office(data, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # a broken package fails in many ways inside openpyxl
            said = "无法打开 Excel 文件：文件已损坏或不是 .xlsx 格式，请用 Excel 打开检查或重新导出"
            raise SourceError(f"{said}：{name}") from error
        try:
            if len(book.sheetnames) > MAX_SHEETS:
                raise SHEETS.refused(name, len(book.sheetnames), MAX_SHEETS)
            return [
                (sheet.title, sheet_lines(sheet)) for sheet in book.worksheets
            ], book.properties.title or ""
        except SourceError:
            raise
        except Exception as error:
            said = "无法读取 Excel 文件的内容：工作表数据损坏或不合常规，请用 Excel 打开检查或重新导出"
            raise SourceError(f"{said}：{name}") from error
        finally:
            book.close()


def sheet_kind(name: str, lines: list[SheetLine]) -> str:
    """table, cover, overview, narrative, glossary, forms, extras, or "" for a sheet of neither.

    A sheet whose name or title rows name a table is that table; the others are told by their
    name (概况, 情况说明 …) or, failing that, by their first row (第三部分 情况说明 …).
    """
    from juesuan.sources.xlsx.tables import table_definition

    if table_definition(name, lines) is not None:
        return "table"
    for kind, names, _ in _KINDS:
        if any(word in name for word in names):
            return kind
    first = lines[0].joined().text if lines else ""
    return next((kind for kind, _, starts in _KINDS if first.startswith(starts)), "")


def _read_sheet(name: str, lines: list[SheetLine], parts: _Parts) -> None:
    from juesuan.sources.xlsx import forms as xlsx_forms
    from juesuan.sources.xlsx import text as xlsx_text

    kind = sheet_kind(name, lines) if lines else "empty"
    if kind == "table":
        _read_table(name, lines, parts)
    elif kind == "cover":
        parts.cover += lines
    elif kind in ("overview", "narrative", "glossary", "forms"):
        reader = {
            "overview": xlsx_text.read_overview,
            "narrative": xlsx_text.read_sections,
            "glossary": xlsx_text.read_terms,
            "forms": xlsx_forms.read_forms,
        }[kind]
        found, problems = reader(lines)
        setattr(parts, kind, found)
        parts.problems += problems
    elif kind == "extras":
        texts = [line for line in _prose(lines) if line.text != EXTRAS_TITLE]
        parts.extras = tuple(Paragraph(line.text, line.origin) for line in texts)
    elif kind != "empty":
        parts.problems.append(Problem(f"无法识别的工作表“{name}”，未读取", Origin(sheet=name, cell="A1")))


def _read_table(name: str, lines: list[SheetLine], parts: _Parts) -> None:
    from juesuan.sources.xlsx.tables import read_table_sheet

    table, problems = read_table_sheet(name, lines)
    parts.problems += problems
    if table is None:
        return
    if any(found.number == table.number for found in parts.tables):
        message = f"公开{table.number}表重复出现，只读取第一张"
        parts.problems.append(Problem(message, table.origin))
        return
    parts.tables.append(table)


def _prose(lines: list[SheetLine]) -> list[SheetLine]:
    from juesuan.sources.xlsx.text import prose

    return prose(lines)
