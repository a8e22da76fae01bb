"""The official layout of each 公开表 as a grid of printed cells, shared by every renderer.

HTML, PDF, Word and Excel all draw the same `Grid`: heading rows (with spans) and body rows,
so the layout of the national template is written once, here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from juesuan.catalogue import TableDefinition, economic_classification, table_definitions
from juesuan.model import Figure, Table

NOT_APPLICABLE = "——"  # printed in 公开06表 for 基本建设 classes, which basic expenditure never uses
_NOT_APPLICABLE_CLASSES = ("309", "311")


def part_two_title(disclosure) -> str:
    """第二部分's heading in the title's own word: 单位决算表 under a 单位决算公开, else 部门决算表
    (部门 and 单位 are never mixed in one document, CHECKLIST A14)."""
    kind = "预算" if getattr(disclosure, "kind", "") == "预算" else "决算"
    word = "单位" if f"单位{kind}" in (disclosure.title or "") else "部门"
    year = f"{disclosure.year}年" if disclosure.year else ""
    return f"第二部分 {year}{word}{kind}表"


def prints_attachments(disclosure) -> bool:
    """Whether 第五部分 附件 is printed: always in a 决算 (saying 无 when there is no 绩效自评表), in a
    预算 only when it has forms, as budgets have no 第五部分."""
    return bool(disclosure.forms) or getattr(disclosure, "kind", "") != "预算"


@dataclass(frozen=True)
class GridCell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    kind: str = "text"  # head | text | code | number | line
    figure: Figure | None = None
    ref: tuple[str, str] | None = None  # (row, col) of the table cell this shows


@dataclass(frozen=True)
class Grid:
    number: str
    title: str
    head: tuple[tuple[GridCell, ...], ...]
    body: tuple[tuple[GridCell, ...], ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def width(self) -> int:
        return sum(cell.colspan for cell in self.head[-1]) if self.head else 0


def table_grid(table: Table) -> Grid:
    """The table as the national template prints it: heading rows with spans, then body rows."""
    definition = table_definitions()[table.number]
    if table.number.startswith("预算"):  # a budget's tables: render/budget_layout.py
        from juesuan.render.budget_layout import budget_grid

        head, body = budget_grid(table, definition)
        return Grid(table.number, definition.title, head, body, table.notes)
    build = _BUILDERS[definition.rows if table.number not in _BY_NUMBER else table.number]
    head, body = build(table, definition)
    return Grid(table.number, definition.title, head, body, table.notes)


def placed(rows: Sequence[Sequence[GridCell]]) -> Iterator[tuple[int, int, GridCell]]:
    """(row, column, cell) of each cell of rows drawn with spans: a cell skips the columns that
    cells above still cover with their rowspan (the positions a sheet or a Word table needs)."""
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while (r, col) in covered:
                col += 1
            yield r, col, cell
            covered.update((r + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            col += cell.colspan


def column_widths(grid: Grid, widest: float = 16.0) -> tuple[float, ...]:
    """A width in em for each grid column: its widest one-column text (a heading longer than four
    characters may take two lines), between 2 and `widest` em, plus room for the cell padding."""
    widths = [2.0] * grid.width
    for rows, heading in ((grid.head, True), (grid.body, False)):
        for _, col, cell in placed(rows):
            if cell.colspan == 1 and col < len(widths):
                width = text_width(cell.text)
                width = max(width / 2, min(width, 4.0)) if heading else width
                widths[col] = max(widths[col], min(width, widest))
    return tuple(width + 0.8 for width in widths)


def text_width(text: str) -> float:
    """Printed width in em: CJK and full-width characters 1, others (digits, Latin) about 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in text)


def h(text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
    """A heading cell."""
    return GridCell(text, colspan, rowspan, "head")


def number(table: Table, row: str, col: str) -> GridCell:
    """The cell showing the table's figure at (row, col), empty when none is printed."""
    figure = table.figure(row, col)
    return GridCell(figure.text if figure else "", kind="number", figure=figure, ref=(row, col))


def _two_sided(table: Table, definition: TableDefinition):
    left, right = definition.sides
    rcols = right.columns
    head = (
        (h("收入", 3), h("支出", 2 + len(rcols))),
        (h("项目"), h("行次"), h("金额"), h("项目"), h("行次"), *(h(definition.heading(c)) for c in rcols)),
        (h("栏次"), h(""), h(left.columns[0]), h("栏次"), h(""), *(h(c) for c in rcols)),
    )
    lefts = [str(n) for n in range(int(left.first), int(left.last) + 1)]
    rights = [str(n) for n in range(int(right.first), int(right.last) + 1)]
    body = tuple(
        _side_cells(table, definition, a, left.columns) + _side_cells(table, definition, b, rcols)
        for a, b in zip_longest(lefts, rights)
    )
    return head, body


def _side_cells(table: Table, definition: TableDefinition, line: str | None, columns) -> tuple[GridCell, ...]:
    """The label, the 行次 and the figures of the row printed on that line (blank past a side's end)."""
    if line is None:
        return (GridCell(""), GridCell("", kind="line"), *(GridCell("", kind="number") for _ in columns))
    found = definition.line(line)
    key = found.row if found else line
    label = GridCell(_label(table, definition, key))
    return (label, GridCell(line, kind="line"), *(number(table, key, c) for c in columns))


def _label(table: Table, definition: TableDefinition, key: str) -> str:
    row = table.row(key)
    return row.label if row and row.label else definition.label(key)


def _coded(table: Table, definition: TableDefinition):
    keys = definition.column_keys
    head = (*_coded_heading(table.number, definition), (h("栏次", 2), *(h(k) for k in keys)))
    rows = table.rows or ()
    body = tuple(
        (GridCell(row.code or row.label, colspan=1 if row.code else 2, kind="code"),)
        + ((GridCell(row.label),) if row.code else ())
        + tuple(number(table, row.key, k) for k in keys)
        for row in rows
    )
    if not any(row.key == "合计" for row in rows):
        body = ((GridCell("合计", colspan=2), *(number(table, "合计", k) for k in keys)), *body)
    return head, body


def _coded_heading(number: str, definition: TableDefinition) -> tuple[tuple[GridCell, ...], ...]:
    """Two heading rows: 项目 over 科目代码/科目名称; a column's heading spans both rows unless it
    sits under a printed group heading (本年支出 over 小计, 基本支出, 项目支出)."""
    group, members = _COLUMN_GROUPS.get(number, ("", ()))
    top: list[GridCell] = [h("项目", 2)]
    second: list[GridCell] = [h("科目代码"), h("科目名称")]
    for key in definition.column_keys:
        if key not in members:
            top.append(h(definition.heading(key), rowspan=2))
            continue
        if key == members[0]:
            top.append(h(group, len(members)))
        second.append(h(definition.heading(key)))
    return tuple(top), tuple(second)


def _economic(table: Table, definition: TableDefinition):
    by_class = _economic_codes(table)
    people = by_class.get("301", []) + by_class.get("303", [])
    goods = by_class.get("302", [])
    rest = [c for k, codes in by_class.items() if k not in ("301", "302", "303") for c in codes]
    height = max(len(people), len(goods), -(-len(rest) // 2))
    groups = (people, goods, rest[:height], rest[height:])
    head = (
        (h("人员经费", 3), h("公用经费", 9)),
        tuple(h(text) for _ in groups for text in ("科目代码", "科目名称", "决算数")),
    )
    body = tuple(
        tuple(cell for group in groups for cell in _economic_cells(table, group, i)) for i in range(height)
    )
    foot = (
        GridCell("人员经费合计", 2),
        number(table, "人员经费合计", "决算数"),
        GridCell("公用经费合计", 8),
        number(table, "公用经费合计", "决算数"),
    )
    return head, (*body, foot)


def _economic_codes(table: Table) -> dict[str, list[str]]:
    """The catalogue's codes by class (the table is a catalogue too), plus any code the table
    prints that the catalogue lacks, so that no printed figure is left out of the grid."""
    catalogue = economic_classification().codes()
    extra = sorted({row.code for row in table.rows if row.code} - set(catalogue))
    by_class: dict[str, list[str]] = {}
    for code in catalogue:
        by_class.setdefault(code[:3], []).append(code)
    for code in extra:
        members = by_class.setdefault(code[:3], [])
        members.insert(sum(1 for known in members if known < code), code)
    return by_class


def _economic_cells(table: Table, group: list[str], index: int) -> tuple[GridCell, ...]:
    if index >= len(group):
        return (GridCell(), GridCell(), GridCell(kind="number"))
    code = group[index]
    row = table.row(code)
    name = economic_classification().name(code) or (row.label if row else "")
    cell = number(table, code, "决算数")
    if cell.figure is None and code[:3] in _NOT_APPLICABLE_CLASSES:
        cell = GridCell(NOT_APPLICABLE, kind="number")
    return (GridCell(code, kind="code"), GridCell(name), cell)


def _three_public(table: Table, definition: TableDefinition):
    group = (
        h("合计", rowspan=2),
        h("因公出国（境）费", rowspan=2),
        h("公务用车购置及运行维护费", 3),
        h("公务接待费", rowspan=2),
    )
    detail = (h("小计"), h("公务用车购置费"), h("公务用车运行维护费"))
    head = (
        (h("预算数", 6), h("决算数", 6)),
        group + group,
        detail + detail,
        tuple(h(str(k)) for k in range(1, 13)),
    )
    body = (tuple(number(table, "1", str(k)) for k in range(1, 13)),) if not table.is_empty else ()
    return head, body


def _statistics(table: Table, definition: TableDefinition):
    head = ((h("项目"), h("行次"), h("统计数")),)
    body: list[tuple[GridCell, ...]] = []
    for line in definition.lines:
        if line.section:
            body.append((GridCell(line.section, colspan=3, kind="head"),))
        label = _label(table, definition, line.line)
        if label or table.figure(line.line, "统计数"):
            body.append(
                (GridCell(label), GridCell(line.line, kind="line"), number(table, line.line, "统计数"))
            )
    return head, tuple(body)


_BUILDERS = {
    "line": _two_sided,
    "code": _coded,
    "economic": _economic,
    "09": _three_public,
    "10": _statistics,
}
_BY_NUMBER = ("09", "10")
# Column headings printed over several columns of a coded table: (heading, its 栏次).
_COLUMN_GROUPS = {
    "05": ("本年支出", ("1", "2", "3")),
    "07": ("本年支出", ("3", "4", "5")),
    "08": ("本年支出", ("1", "2", "3")),
}
