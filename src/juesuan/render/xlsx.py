"""The disclosure as an Excel workbook, in the official layout.

Sheets: 封面, 概况, 公开01表 … 公开10表 (drawn from `table_grid`: merged headings, borders, notes),
情况说明, 名词解释, 绩效自评表, and 其他 for text outside the five parts. Every figure is a numeric
cell whose number format prints exactly its decimals (#,##0.00; 0 for counts), so a reader gets
back the printed text and the checker its precision. `juesuan.sources.xlsx` reads it back.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import replace
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from juesuan.catalogue import NO_DATA_NOTE, table_definitions
from juesuan.model import Disclosure, Figure, Paragraph, PerformanceForm, Section, Table
from juesuan.render.budget_layout import money_unit, table_mark
from juesuan.render.layout import GridCell, prints_attachments, table_grid

_SIDE = Side(style="thin")
_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
_FILL = PatternFill("solid", fgColor="F2F2F2")
_MIDDLE = {"vertical": "center", "wrap_text": True}
_STYLES = {
    "title": (Font(bold=True, size=16), Alignment(horizontal="center", **_MIDDLE)),
    "heading": (Font(bold=True, size=12), Alignment(**_MIDDLE)),
    "head": (Font(bold=True), Alignment(horizontal="center", **_MIDDLE)),
    "section": (Font(bold=True), Alignment(**_MIDDLE)),
    "text": (Font(), Alignment(**_MIDDLE)),
    "center": (Font(), Alignment(horizontal="center", **_MIDDLE)),
    "number": (Font(), Alignment(horizontal="right", vertical="center")),
    "right": (Font(), Alignment(horizontal="right", vertical="center")),
}
_STYLE_ARRAYS: WeakKeyDictionary[Any, dict[object, Any]] = WeakKeyDictionary()
_KIND_STYLE = {"head": "section", "text": "text", "code": "text", "line": "center", "number": "number"}
_FORM_WIDTHS = (16, 14, 14, 22, 12, 12, 12, 12, 8, 8, 24)
_FUNDING = ("全年预算数", "全年执行数", "资金结(转)余", "执行率(%)", "得分")
_INDICATOR = ("一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值")
_INDICATOR_TAIL = ("定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施")


def render(disclosure: Disclosure) -> bytes:
    """The disclosure as the bytes of an .xlsx workbook."""
    book = Workbook()
    _cover(book.active, disclosure)
    _paragraph_sheet(book.create_sheet("概况"), "第一部分 概况", _overview_lines(disclosure))
    for table in disclosure.tables:
        _table_sheet(book.create_sheet(table_mark(table.number)), table)
    _paragraph_sheet(book.create_sheet("情况说明"), "第三部分 情况说明", _section_lines(disclosure.narrative))
    _glossary_sheet(book.create_sheet("名词解释"), disclosure)
    if prints_attachments(disclosure):
        _forms_sheet(book.create_sheet("绩效自评表"), disclosure.forms)
    if disclosure.extras:
        _paragraph_sheet(book.create_sheet("其他"), "其他内容", ((p.text, "text") for p in disclosure.extras))
    book.properties.title = disclosure.title or None
    book.properties.subject = disclosure.unit or None
    book.properties.creator = "juesuan"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def number_format(places: int) -> str:
    """The format that prints a figure with its decimals: 0, #,##0.0, #,##0.00 …"""
    return "0" if places <= 0 else "#,##0." + "0" * places


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    style: str = "text",
    across: int = 1,
    down: int = 1,
    framed: bool = False,
) -> None:
    """Write one value (a Figure as a number in its printed format) into a block of merged cells.

    A framed block gets its border on the top-left cell before merging: openpyxl then draws the
    block's edges from it; headings also get their fill.
    """
    cell = ws.cell(row, col)
    numbers = None
    if isinstance(value, Figure):
        cell.value, numbers = value.value, number_format(value.places)
    elif value not in (None, ""):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"  # never a formula, even for a target such as "=1项"
    made = _made(ws)
    key = (style, framed, numbers)
    if key not in made:
        if numbers:
            cell.number_format = numbers
        cell.font, cell.alignment = _STYLES[style]
        if framed:
            cell.border = _BORDER
            if style in ("head", "section"):
                cell.fill = _FILL
        made[key] = copy(cell._style)
    else:
        cell._style = copy(made[key])
    if across > 1 or down > 1:
        _merge(ws, row, col, row + down - 1, col + across - 1, framed)


def _made(ws: Worksheet) -> dict[object, Any]:
    """The style arrays this workbook's cells were given, by what was asked for: openpyxl looks
    a style up by hashing each of its parts, which was most of the time a workbook took; a cell
    given a style already made gets a copy of its array (as openpyxl copies a cell's style)."""
    return _STYLE_ARRAYS.setdefault(ws.parent, {})


def _merge(ws: Worksheet, top: int, left: int, bottom: int, right: int, framed: bool) -> None:
    """Merge the block, as `ws.merge_cells` does (the block's cells but the first become merged
    cells; in a framed block those on its edges carry the frame's sides), without its search of
    every merged range already there and its style look-ups. Blocks never overlap here."""
    block = MergedCellRange(ws, CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom).coord)
    ws.merged_cells.ranges.add(block)
    made = _made(ws)
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            if (row, col) == (top, left):
                continue
            cell = MergedCell(ws, row=row, column=col)
            edges = (row == top, col == left, col == right, row == bottom) if framed else ()
            if any(edges):
                if edges not in made:
                    names = ("top", "left", "right", "bottom")
                    cell.border = Border(**{name: _SIDE for name, on in zip(names, edges, strict=True) if on})
                    made[edges] = copy(cell._style)
                cell._style = copy(made[edges])
            ws._cells[row, col] = cell


def boxed(ws: Worksheet, row: int, cells: Iterable[tuple[int, int, object, str]], down: int = 1) -> None:
    """A framed row of (column, columns spanned, value, style) cells."""
    for col, across, value, style in cells:
        put(ws, row, col, value, style, across, down, framed=True)


def _print_setup(ws: Worksheet, landscape: bool = False, titles: tuple[int, int] | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if titles:
        ws.print_title_rows = f"{titles[0]}:{titles[1]}"


def _display_width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def fit_height(ws: Worksheet, row: int, text: str, width: float) -> None:
    """Room for wrapped text in merged cells, whose height Excel never fits by itself."""
    lines = -(-_display_width(text) // max(int(width), 1))
    if lines > 1:
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, 15 * lines + 3)


def _cover(ws: Worksheet, disclosure: Disclosure) -> None:
    ws.title = "封面"
    ws.column_dimensions["A"].width = 70
    rest = disclosure.title.removeprefix(disclosure.unit) if disclosure.unit else disclosure.title
    for row, text in ((3, disclosure.unit), (5, rest)):
        put(ws, row, 1, text, "title")
        ws.row_dimensions[row].height = 36
    _print_setup(ws)


def _paragraph_sheet(ws: Worksheet, title: str, lines: Iterable[tuple[str, str]]) -> None:
    """One heading or paragraph per row, in column A."""
    ws.column_dimensions["A"].width = 100
    put(ws, 1, 1, title, "title")
    for row, (text, style) in enumerate(lines, start=2):
        put(ws, row, 1, text, style)
    _print_setup(ws)


def _overview_lines(disclosure: Disclosure) -> Iterator[tuple[str, str]]:
    yield "一、本部门（单位）职责", "heading"
    yield from _paragraphs(disclosure.overview.duties)
    yield "二、机构设置情况", "heading"
    yield from _paragraphs(disclosure.overview.organisation)


def _paragraphs(paragraphs: Iterable[Paragraph]) -> Iterator[tuple[str, str]]:
    return ((paragraph.text, "text") for paragraph in paragraphs)


def _section_lines(sections: Iterable[Section], top: bool = True) -> Iterator[tuple[str, str]]:
    for section in sections:
        yield (section.heading if top else f"{section.number}{section.title}"), "heading"
        yield from _paragraphs(section.paragraphs)
        yield from _section_lines(section.subsections, top=False)


def _glossary_sheet(ws: Worksheet, disclosure: Disclosure) -> None:
    for col, width in zip("ABC", (8, 28, 90), strict=True):
        ws.column_dimensions[col].width = width
    put(ws, 1, 1, "第四部分 名词解释", "title", across=3)
    boxed(ws, 2, ((1, 1, "序号", "head"), (2, 1, "名词", "head"), (3, 1, "解释", "head")))
    for row, term in enumerate(disclosure.glossary, start=3):
        boxed(
            ws,
            row,
            ((1, 1, term.number, "center"), (2, 1, term.name, "text"), (3, 1, term.definition, "text")),
        )
    _print_setup(ws, titles=(2, 2))


def _table_sheet(ws: Worksheet, table: Table) -> None:
    """Title, 公开NN表, 部门名称 / 年度 / 金额单位, the grid's heading and body rows, the notes."""
    grid = table_grid(table)
    _table_top(ws, table, grid.width)
    body_top = 4 + len(grid.head)
    placed = _merge_blank_heads(list(_place(grid.head, 4))) + list(_place(grid.body, body_top))
    for row, col, cell in placed:
        value = cell.figure if cell.figure is not None else cell.text
        style = "head" if row < body_top else "center" if value == "——" else _KIND_STYLE[cell.kind]
        put(ws, row, col, value, style, cell.colspan, cell.rowspan, framed=True)
    _column_widths(ws, placed)
    _table_notes(ws, table, body_top + len(grid.body), grid.width)
    ws.freeze_panes = ws.cell(body_top, 1)
    _print_setup(ws, landscape=grid.width > 6, titles=(4, body_top - 1))


def _table_top(ws: Worksheet, table: Table, width: int) -> None:
    """The title, then 公开NN表 at the right, then 部门名称, 年度 and 金额单位 on one row."""
    put(ws, 1, 1, table.title or table_definitions()[table.number].title, "title", across=width)
    put(ws, 2, width, table_mark(table.number), "right")
    if table.unit_name:
        put(ws, 3, 1, f"部门名称：{table.unit_name}", "text", across=max(1, width // 2 - 1))
    if table.year:
        put(ws, 3, width // 2 + 1 if width > 3 else 2, f"{table.year}年度", "center")
    put(ws, 3, width, f"金额单位：{_money(table)}", "right")


def _table_notes(ws: Worksheet, table: Table, row: int, width: int) -> None:
    """注/说明 under the table, each across its width; an empty table says 本表无数据."""
    notes = table.notes + ((NO_DATA_NOTE,) if table.is_empty and not table.says_no_data else ())
    total = sum(ws.column_dimensions[get_column_letter(col)].width or 9 for col in range(1, width + 1))
    for index, note in enumerate(notes, start=row):
        put(ws, index, 1, note, "text", across=width)
        fit_height(ws, index, note, total)


def _money(table: Table) -> str:
    units = (f.unit for row in table.rows for _, f in row.cells if f.unit in ("元", "千元", "万元", "亿元"))
    return next(units, money_unit(table.number))


def _place(rows: Iterable[tuple[GridCell, ...]], top: int) -> Iterator[tuple[int, int, GridCell]]:
    """(row, column, cell) of each grid cell, skipping the slots taken by the spans above."""
    taken: set[tuple[int, int]] = set()
    for row, cells in enumerate(rows, start=top):
        col = 1
        for cell in cells:
            while (row, col) in taken:
                col += 1
            yield row, col, cell
            taken |= {(r, c) for r in range(row, row + cell.rowspan) for c in range(col, col + cell.colspan)}
            col += cell.colspan


def _merge_blank_heads(placed: list[tuple[int, int, GridCell]]) -> list[tuple[int, int, GridCell]]:
    """A blank heading cell under a one-column heading extends it (行次, 本年收入合计 … span down)."""
    cells = {(row, col): cell for row, col, cell in placed}
    for (row, col), cell in list(cells.items()):
        if cell.text or cell.colspan > 1 or cell.rowspan > 1:
            continue
        above = next(((r, col) for r in range(row - 1, 0, -1) if (r, col) in cells), None)
        if (
            above
            and cells[above].colspan == 1
            and cells[above].text
            and above[0] + cells[above].rowspan == row
        ):
            cells[above] = replace(cells[above], rowspan=cells[above].rowspan + 1)
            del cells[(row, col)]
    return [(row, col, cell) for (row, col), cell in cells.items()]


def _column_widths(ws: Worksheet, placed: Iterable[tuple[int, int, GridCell]]) -> None:
    widths: dict[int, int] = {}
    for _, col, cell in placed:
        if cell.colspan == 1:
            wanted = _display_width(cell.text) + (3 if cell.kind == "number" else 2)
            wanted = min(wanted, 16 if cell.kind == "head" else 40)
            widths[col] = max(widths.get(col, 6), wanted)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def _forms_sheet(ws: Worksheet, forms: Iterable[PerformanceForm]) -> None:
    """Each 项目支出绩效自评表 in its official eleven-column layout, one after another."""
    for col, width in enumerate(_FORM_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    put(ws, 1, 1, "第五部分 附件", "title", across=len(_FORM_WIDTHS))
    row = 3
    for form in forms:
        row = _form(ws, form, row) + 1
    _print_setup(ws)


def _form(ws: Worksheet, form: PerformanceForm, row: int) -> int:
    """Write one form from `row`; the next free row."""
    put(ws, row, 1, form.title, "heading", across=11)
    if form.year:
        row += 1
        put(ws, row, 1, f"（{form.year}年度）", "center", across=11)
    boxed(ws, row + 1, ((1, 1, "项目名称", "head"), (2, 10, form.project, "text")))
    department = ((1, 1, "主管部门及代码", "head"), (2, 4, form.department, "text"))
    boxed(ws, row + 2, (*department, (6, 1, "预算单位", "head"), (7, 5, form.unit, "text")))
    row = _form_funding(ws, form, row + 3)
    boxed(ws, row, ((1, 1, "项目年度绩效目标", "head"),), down=2)
    boxed(ws, row, ((2, 5, "年度目标", "head"), (7, 5, "实际完成情况", "head")))
    boxed(ws, row + 1, ((2, 5, form.annual_goal, "text"), (7, 5, form.achieved, "text")))
    fit_height(ws, row + 1, max(form.annual_goal, form.achieved, key=len), 50)
    row = _form_indicators(ws, form, row + 2)
    total = ((1, 1, "总分", "head"), (2, 8, "", "text"), (10, 1, form.total_score, "number"))
    boxed(ws, row, (*total, (11, 1, form.grade, "center")))
    return _form_analysis(ws, form, row + 1)


def _form_funding(ws: Worksheet, form: PerformanceForm, row: int) -> int:
    """项目资金: two heading rows, then one row per FundingLine."""
    heads = [(col, 1, text, "head") for col, text in enumerate(_FUNDING, start=5)]
    boxed(ws, row, ((2, 1, "资金来源", "head"), *heads, (10, 2, "偏差原因", "head")), down=2)
    boxed(ws, row, ((3, 2, "年初预算数", "head"),))
    boxed(ws, row + 1, ((3, 1, "目标申报数", "head"), (4, 1, "预算编制数", "head")))
    for index, line in enumerate(form.funding, start=row + 2):
        amounts = (line.declared, line.budgeted, line.full_year_budget, line.executed, line.balance)
        figures = [(col, 1, figure, "number") for col, figure in enumerate(amounts, start=3)]
        rate = ((8, 1, line.execution_rate, "number"), (9, 1, line.score, "number"))
        boxed(ws, index, ((2, 1, line.name, "text"), *figures, *rate, (10, 2, line.deviation, "text")))
    height = 2 + len(form.funding)
    boxed(ws, row, ((1, 1, "项目资金（万元）", "head"),), down=height)
    return row + height


def _form_indicators(ws: Worksheet, form: PerformanceForm, row: int) -> int:
    """绩效指标: a heading row, then one row per Indicator, equal 一级/二级 merged down."""
    heads = (*_INDICATOR, *_INDICATOR_TAIL)
    boxed(ws, row, [(col, 1, text, "head") for col, text in enumerate(heads, start=2)])
    for index, item in enumerate(form.indicators, start=row + 1):
        texts = (item.name, item.initial_target, item.adjusted_target, item.actual, item.note)
        cells = [(col, 1, text, "text") for col, text in enumerate(texts, start=4)]
        cells += [(9, 1, item.weight, "number"), (10, 1, item.score, "number"), (11, 1, item.reason, "text")]
        boxed(ws, index, cells)
    items = form.indicators
    for col, keys in ((2, [(i.level1,) for i in items]), (3, [(i.level1, i.level2) for i in items])):
        for start, length in _runs(keys):
            boxed(ws, row + 1 + start, ((col, 1, keys[start][-1], "center"),), down=length)
    boxed(ws, row, ((1, 1, "绩效指标", "head"),), down=1 + len(items))
    return row + 1 + len(items)


def _runs(keys: list[tuple[str, ...]]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of equal keys."""
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            yield start, index - start
            start = index


def _form_analysis(ws: Worksheet, form: PerformanceForm, row: int) -> int:
    """项目绩效分析: one (label, text) pair per row."""
    for index, (label, text) in enumerate(form.analysis, start=row):
        boxed(ws, index, ((2, 3, label, "text"), (5, 7, text, "text")))
        fit_height(ws, index, text, 70)
    if form.analysis:
        boxed(ws, row, ((1, 1, "项目绩效分析", "head"),), down=len(form.analysis))
    return row + len(form.analysis)
