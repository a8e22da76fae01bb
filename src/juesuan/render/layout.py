"""The official layout of each 公开表 as a grid of printed cells, shared by every renderer.

HTML, PDF, Word and Excel all draw the same `Grid`: heading rows (with spans) and body rows,
so the layout of the national template is written once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.catalogue import TableDefinition, economic_classification, table_definitions
from juesuan.model import Figure, Table

NOT_APPLICABLE = "——"  # printed in 公开06表 for 基本建设 classes, which basic expenditure never uses
_NOT_APPLICABLE_CLASSES = ("309", "311")


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
    definition = table_definitions()[table.number]
    build = _BUILDERS[definition.rows if table.number not in _BY_NUMBER else table.number]
    head, body = build(table, definition)
    return Grid(table.number, definition.title, head, body, table.notes)


def h(text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
    return GridCell(text, colspan, rowspan, "head")


def number(table: Table, row: str, col: str) -> GridCell:
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
    lefts = range(int(left.first), int(left.last) + 1)
    rights = range(int(right.first), int(right.last) + 1)
    body = tuple(
        _side_cells(table, definition, str(a), left.columns) + _side_cells(table, definition, str(b), rcols)
        for a, b in zip(lefts, rights, strict=True)
    )
    return head, body


def _side_cells(table: Table, definition: TableDefinition, line: str, columns) -> tuple[GridCell, ...]:
    label = GridCell(_label(table, definition, line))
    return (label, GridCell(line, kind="line"), *(number(table, line, c) for c in columns))


def _label(table: Table, definition: TableDefinition, line: str) -> str:
    row = table.row(line)
    return row.label if row and row.label else definition.label(line)


def _coded(table: Table, definition: TableDefinition):
    keys = definition.column_keys
    head = (
        (h("项目", 2), *(h(definition.heading(k)) for k in keys)),
        (h("科目代码"), h("科目名称"), *(h("") for _ in keys)),
        (h("栏次", 2), *(h(k) for k in keys)),
    )
    rows = table.rows or ()
    body = tuple(
        (GridCell(row.code or row.label, colspan=1 if row.code else 2, kind="code"),)
        + ((GridCell(row.label),) if row.code else ())
        + tuple(number(table, row.key, k) for k in keys)
        for row in rows
    )
    if not any(row.key == "合计" for row in rows):
        body = ((GridCell("合计", colspan=2), *(GridCell(kind="number") for _ in keys)), *body)
    return head, body


def _economic(table: Table, definition: TableDefinition):
    catalogue = economic_classification()
    by_class: dict[str, list[str]] = {}
    for code in catalogue.codes():
        by_class.setdefault(code[:3], []).append(code)
    people = by_class.get("301", []) + by_class.get("303", [])
    goods = by_class.get("302", [])
    rest = [c for k, codes in by_class.items() if k not in ("301", "302", "303") for c in codes]
    height = max(len(people), len(goods))
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


def _economic_cells(table: Table, group: list[str], index: int) -> tuple[GridCell, ...]:
    if index >= len(group):
        return (GridCell(), GridCell(), GridCell(kind="number"))
    code = group[index]
    name = economic_classification().name(code) or ""
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
        if line.label:
            body.append(
                (GridCell(line.label), GridCell(line.line, kind="line"), number(table, line.line, "统计数"))
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
