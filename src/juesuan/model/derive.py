"""Blank totals and parent rows, computed from their parts: what a unit need not type twice.

Where a cell is blank and its parts are present, it gets their exact sum: the table totals and
column totals of the catalogue (`tables.toml`), the classification trees (功能分类 类 = Σ 款,
款 = Σ 项, 合计 = Σ 类; 公开06表 class heads, 人员经费合计, 公用经费合计) and the cells the template
says equal a cell of another table (`CROSS`: 公开01表 class lines from 公开03表 class rows …).
A missing 款 or 类 row above a printed 项 is added. A printed figure is never changed, even when
its parts disagree with it: that is for the checker to report. Pure, exact Decimal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from juesuan.model.disclosure import Disclosure, Problem
from juesuan.model.figures import Figure
from juesuan.model.tables import Row, Table

Cell = tuple[str, str, str]  # (table, row key, column key), as in the tidy cells
TOTAL = "合计"
FUNCTIONAL_LEVELS = {7: 5, 5: 3}  # 项 → 款 → 类 (code lengths)
# Cells the template says equal others, in the rules' identity grammar; for each blank cell the
# sources are tried in the order listed (its own table's totals first). {line01}, {line04} and
# {code} stand for each 功能分类 class and its lines in 公开01/04表.
CROSS = (
    "01[27,1] = 02[合计,1]",
    "01[1,1] = 04[1,1]",
    "01[1,1] = 02[合计,2] - 01[2,1] - 01[3,1]",
    "01[2,1] = 04[2,1]",
    "01[3,1] = 04[3,1]",
    "01[4,1] = 02[合计,3]",
    "01[5,1] = 02[合计,4]",
    "01[6,1] = 02[合计,5]",
    "01[7,1] = 02[合计,6]",
    "01[8,1] = 02[合计,7]",
    "01[58,2] = 03[合计,1]",
    "01[{line01},2] = 03[{code},1]",
    "04[1,1] = 01[1,1]",
    "04[2,1] = 07[合计,2]",
    "04[2,1] = 01[2,1]",
    "04[3,1] = 01[3,1]",
    "04[59,3] = 05[合计,1]",
    "04[59,4] = 07[合计,3]",
    "04[59,5] = 08[合计,1]",
    "04[{line04},3] = 05[{code},1]",
    "04[{line04},4] = 07[{code},3]",
    "04[{line04},5] = 08[{code},1]",
    "05[合计,2] = 06[人员经费合计,决算数] + 06[公用经费合计,决算数]",
)
_MAX_PASSES = 8


@dataclass(frozen=True)
class Filler:
    """target = Σ sign·part; applies when the target is blank and a positive part is present."""

    target: Cell
    parts: tuple[tuple[int, Cell], ...]
    basis: str  # in words, for the note saying how the cell was computed


def derive(disclosure: Disclosure) -> tuple[Disclosure, list[Problem]]:
    """The disclosure with its blank totals and parents filled, and a note for each cell filled.

    A filled figure (and its note) points at its row in the source: where it will be printed."""
    disclosure, problems = with_parent_rows(disclosure)
    derived = _Derivation(disclosure, fillers(disclosure)).run()
    origins = {(t.number, row.key): row.origin for t in disclosure.tables for row in t.rows}
    figures = {}
    for (table, row, col), (figure, filler) in derived.items():
        figures[table, row, col] = replace(figure, origin=origins[table, row])
        where = f"公开{table}表 {_row_name(table, row)} {_col_name(table, col)}"
        message = f"{where}原为空白，已按{filler.basis}填为 {figure.text}"
        problems.append(Problem(message, origins[table, row], "info"))
    return with_figures(disclosure, figures), problems


def fillers(disclosure: Disclosure) -> list[Filler]:
    """Every way a cell of this disclosure can be computed, best first for each cell."""
    from juesuan.catalogue import table_definitions

    found: list[Filler] = []
    for table in disclosure.tables:
        definition = table_definitions().get(table.number)
        if definition is not None:
            found += _hierarchy_fillers(table, definition.hierarchy)
            found += _total_fillers(table, definition)
    return found + list(_cross_fillers())


class _Derivation:
    """Each blank target evaluated from its parts, recursively, until nothing more can be filled."""

    def __init__(self, disclosure: Disclosure, found: list[Filler]) -> None:
        self.printed = {
            (t.number, row.key, col): figure
            for t in disclosure.tables
            for row in t.rows
            for col, figure in row.cells
        }
        self.rows = {(t.number, row.key) for t in disclosure.tables for row in t.rows}
        self.by_target: dict[Cell, list[Filler]] = defaultdict(list)
        for filler in found:
            if filler.target not in self.printed and filler.target[:2] in self.rows:
                self.by_target[filler.target].append(filler)
        self.derived: dict[Cell, tuple[Figure, Filler]] = {}

    def run(self) -> dict[Cell, tuple[Figure, Filler]]:
        """Passes until nothing changes; a sum whose parts wait on a cycle (01 line 1 and 04 line 1
        name each other) is put off while other passes may still fill those parts."""
        for final in (False, True):
            self.final = final
            for _ in range(_MAX_PASSES):
                before = len(self.derived)
                self.blank: set[Cell] = set()
                self.visiting: set[Cell] = set()
                for target in self.by_target:
                    self.value(target)
                if len(self.derived) == before:
                    break
        return self.derived

    def value(self, cell: Cell) -> tuple[Figure | None, bool]:
        """The cell's figure (printed or derived) and whether a blank answer is only provisional."""
        if cell in self.printed:
            return self.printed[cell], False
        if cell in self.derived:
            return self.derived[cell][0], False
        if cell in self.blank or cell in self.visiting:
            return None, cell in self.visiting
        self.visiting.add(cell)
        provisional = False
        for filler in self.by_target.get(cell, ()):
            state = self._fill(cell, filler)
            if state in ("filled", "waiting"):
                provisional = state == "waiting"
                break
            provisional = provisional or state == "unsure"
        self.visiting.discard(cell)
        if cell in self.derived:
            return self.derived[cell][0], False
        if not provisional:
            self.blank.add(cell)
        return None, provisional

    def _fill(self, cell: Cell, filler: Filler) -> str:
        """filled; waiting (a part may yet be filled); blank, or unsure (no part yet) otherwise."""
        found = [(sign, *self.value(part)) for sign, part in filler.parts]
        unsure = any(waiting for _, _, waiting in found)
        if not any(sign > 0 and figure is not None for sign, figure, _ in found):
            return "unsure" if unsure else "blank"
        if unsure and not self.final:
            return "waiting"
        self.derived[cell] = (_sum([(sign, figure) for sign, figure, _ in found]), filler)
        return "filled"


def _sum(parts: list[tuple[int, Figure | None]]) -> Figure:
    """The exact sum, printed with as many decimals as the most precise part."""
    present = [(sign, figure) for sign, figure in parts if figure is not None]
    total = sum((sign * figure.value for sign, figure in present), Decimal(0))
    places = max(figure.places for _, figure in present)
    return Figure(f"{total:.{places}f}", total, places, unit=present[0][1].unit)


def with_figures(disclosure: Disclosure, figures: dict[Cell, Figure]) -> Disclosure:
    """The disclosure with the given cells set, each row's cells kept in column order."""
    if not figures:
        return disclosure
    tables = tuple(_table_with(table, figures) for table in disclosure.tables)
    return replace(disclosure, tables=tables)


def _table_with(table: Table, figures: dict[Cell, Figure]) -> Table:
    order = {column.key: index for index, column in enumerate(table.columns)}
    rows = []
    for row in table.rows:
        added = {col: f for (t, r, col), f in figures.items() if t == table.number and r == row.key}
        if added:
            cells = sorted(
                {**dict(row.cells), **added}.items(), key=lambda cell: order.get(cell[0], len(order))
            )
            row = replace(row, cells=tuple(cells))
        rows.append(row)
    return replace(table, rows=tuple(rows))


def with_parent_rows(disclosure: Disclosure) -> tuple[Disclosure, list[Problem]]:
    """Coded tables with a row for every 款 and 类 above a printed code, and a 合计 row."""
    from juesuan.catalogue import table_definitions

    tables, problems = [], []
    for table in disclosure.tables:
        definition = table_definitions().get(table.number)
        if definition is not None and definition.hierarchy == "functional":
            table, added = _add_parents(table)
            notes = (f"公开{table.number}表缺少科目 {code} 行，已按分类目录补上" for code in added)
            problems += [Problem(note, severity="info") for note in notes]
        tables.append(table)
    return replace(disclosure, tables=tuple(tables)), problems


def _add_parents(table: Table) -> tuple[Table, list[str]]:
    from juesuan.catalogue import functional_classification

    catalogue = functional_classification()
    keys = {row.key for row in table.rows}
    rows: list[Row] = [] if TOTAL in keys or not table.rows else [Row(TOTAL, TOTAL)]
    added: list[str] = []
    for row in table.rows:
        for code in _ancestors(row.code or row.key):
            if code not in keys:
                keys.add(code)
                added.append(code)
                rows.append(Row(code, catalogue.name(code) or "", code=code))
        rows.append(row)
    return replace(table, rows=tuple(rows)), added


def _ancestors(code: str) -> list[str]:
    """The 类 and 款 above a 项 (or the 类 above a 款), top first."""
    if not code.isdigit() or len(code) not in FUNCTIONAL_LEVELS:
        return []
    parent = code[: FUNCTIONAL_LEVELS[len(code)]]
    return [*_ancestors(parent), parent]


def _hierarchy_fillers(table: Table, hierarchy: str) -> list[Filler]:
    """Parent = Σ children in each column: 功能分类 up to 合计, 经济分类 (06) up to the class."""
    if hierarchy not in ("functional", "economic"):
        return []
    children: dict[str, list[str]] = defaultdict(list)
    for row in table.rows:
        parent = _parent(row.key, hierarchy)
        if parent is not None:
            children[parent].append(row.key)
    columns = [column.key for column in table.columns]
    basis = {"functional": "其下各级科目之和", "economic": "其下各款之和"}[hierarchy]
    return [
        Filler((table.number, parent, col), tuple((1, (table.number, kid, col)) for kid in kids), basis)
        for parent, kids in children.items()
        for col in columns
    ]


def _parent(key: str, hierarchy: str) -> str | None:
    if not key.isdigit():
        return None
    if hierarchy == "economic":
        return key[:3] if len(key) == 5 else None
    if len(key) == 3:
        return TOTAL
    return key[: FUNCTIONAL_LEVELS[len(key)]] if len(key) in FUNCTIONAL_LEVELS else None


def _total_fillers(table: Table, definition) -> list[Filler]:
    """The catalogue's row totals (in the columns of the row's side) and column totals (every row)."""
    found = []
    for total in definition.totals:
        side = definition.side(total.row)
        for col in side.columns if side else definition.column_keys:
            parts = tuple((1, (table.number, part, col)) for part in total.parts)
            found.append(Filler((table.number, total.row, col), parts, f"第{_span(total.parts)}行之和"))
    for total in definition.column_totals:
        basis = f"第{_span(total.parts)}栏之和"
        for row in table.rows:
            parts = tuple((1, (table.number, row.key, part)) for part in total.parts)
            found.append(Filler((table.number, row.key, total.col), parts, basis))
    return found


def _span(keys: tuple[str, ...]) -> str:
    """``1至8`` for consecutive numbers, else the keys joined with 、."""
    numbers = [int(key) for key in keys if key.isdigit()]
    if len(numbers) == len(keys) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{keys[0]}至{keys[-1]}"
    return "、".join(keys)


@cache
def _cross_fillers() -> tuple[Filler, ...]:
    return tuple(_filler_of(each) for text in CROSS for each in _instances(text))


def _instances(text: str) -> list[str]:
    """The identity once, or once per 功能分类 class when it names {code}, {line01}, {line04}
    (which line of 公开01/04表 holds which class is the checker's data: rules/classes.txt)."""
    from juesuan.rules.classes import expenditure_classes

    if "{" not in text:
        return [text]
    return [text.format(code=c.code, line01=c.line01, line04=c.line04) for c in expenditure_classes()]


def _filler_of(text: str) -> Filler:
    """A Filler from ``target = a + b - c``, its basis the right-hand side in words."""
    from juesuan.rules.expressions import parse

    identity = parse(text)
    target = _cells(identity.left)[0]
    parts = tuple((sign, cell) for sign, ref in _signed(identity.right, 1) for cell in _cells(ref))
    words = "".join(f" {'+' if sign > 0 else '−'} {_cell_name(cell, target[0])}" for sign, cell in parts)
    return Filler(target, parts, words[3:])


def _signed(expr, sign: int) -> list:
    from juesuan.rules.expressions import BinOp, Ref

    if isinstance(expr, Ref):
        return [(sign, expr)]
    if isinstance(expr, BinOp):
        return _signed(expr.left, sign) + _signed(expr.right, -sign if expr.op == "-" else sign)
    return [pair for term in expr.terms for pair in _signed(term, sign)]


def _cells(ref) -> list[Cell]:
    from juesuan.rules.expressions import KeyRange

    rows = ref.row.names() if isinstance(ref.row, KeyRange) else (ref.row.name,)
    cols = ref.col.names() if isinstance(ref.col, KeyRange) else (ref.col.name,)
    return [(ref.table, row, col) for row in rows for col in cols]


def _cell_name(cell: Cell, home: str) -> str:
    table, row, col = cell
    return f"{'' if table == home else f'公开{table}表 '}{_row_name(table, row)} {_col_name(table, col)}"


def _row_name(table: str, row: str) -> str:
    return f"第{row}行" if table in ("01", "04", "10") and row.isdigit() else row


def _col_name(table: str, col: str) -> str:
    return f"第{col}栏" if col.isdigit() else col
