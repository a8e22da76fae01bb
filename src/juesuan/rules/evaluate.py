"""Checking an identity against a disclosure.

Each side becomes an Interval (what its printed figures can stand for); the identity fails only
when the two intervals are disjoint. The finding states the printed value, the expected value
(the right-hand side computed from the printed figures) and the difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Table
from juesuan.rules.cells import cell_name, col_name, figure_at, row_name, where
from juesuan.rules.expressions import (
    AnyKey,
    BinOp,
    Expr,
    Identity,
    Key,
    KeyRange,
    Ref,
    Selector,
    Sum,
    bind,
    identity_refs,
)
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import ZERO, Interval

DEFAULT_PLACES = 2  # 万元 with two decimals, when no figure says otherwise


def check_identity(
    identity: Identity, disclosure: Disclosure, *, rule: str, severity: Severity, exact: bool = False
) -> Iterator[Finding]:
    """Findings for every binding of the identity's wildcards where its two sides cannot agree.

    An identity over a table the disclosure lacks is skipped: a missing table is its own finding.
    """
    if any(disclosure.table(ref.table) is None for ref in identity_refs(identity)):
        return
    for row, col in wildcard_bindings(identity, disclosure):
        concrete = Identity(bind(identity.left, row, col), bind(identity.right, row, col), identity.text)
        finding = check_concrete(concrete, disclosure, rule, severity, exact)
        if finding is not None:
            yield finding


def wildcard_bindings(identity: Identity, disclosure: Disclosure) -> list[tuple[str | None, str | None]]:
    """(row, col) for each binding of ``*``: the rows/columns of the first table that uses it."""
    found = identity_refs(identity)
    row_ref = next((ref for ref in found if isinstance(ref.row, AnyKey)), None)
    col_ref = next((ref for ref in found if isinstance(ref.col, AnyKey)), None)
    rows: list[str | None] = [None]
    cols: list[str | None] = [None]
    if row_ref is not None:
        rows = [row.key for row in _table(disclosure, row_ref.table).rows]
    if col_ref is not None:
        cols = list(column_keys(_table(disclosure, col_ref.table)))
    return [(row, col) for row in rows for col in cols]


def column_keys(table: Table) -> tuple[str, ...]:
    """The table's column keys, plus any key a cell uses that the columns do not list."""
    keys = [column.key for column in table.columns]
    keys += [key for row in table.rows for key, _ in row.cells if key not in keys]
    return tuple(dict.fromkeys(keys))


def cells_of(ref: Ref) -> list[CellRef]:
    """The cells a (wildcard-free) reference names, ranges expanded."""
    rows = ref.row.names() if isinstance(ref.row, KeyRange) else (_name(ref.row),)
    cols = ref.col.names() if isinstance(ref.col, KeyRange) else (_name(ref.col),)
    return [CellRef(ref.table, row, col) for row in rows for col in cols]


def evaluate(expr: Expr, disclosure: Disclosure, exact: bool = False) -> Interval:
    if isinstance(expr, Ref):
        total = ZERO
        for cell in cells_of(expr):
            total = total + Interval.of(figure_at(disclosure, cell), exact=exact)
        return total
    if isinstance(expr, Sum):
        total = ZERO
        for term in expr.terms:
            total = total + evaluate(term, disclosure, exact)
        return total
    left, right = evaluate(expr.left, disclosure, exact), evaluate(expr.right, disclosure, exact)
    return left + right if expr.op == "+" else left - right


def check_concrete(
    identity: Identity, disclosure: Disclosure, rule: str, severity: Severity, exact: bool = False
) -> Finding | None:
    left = evaluate(identity.left, disclosure, exact)
    right = evaluate(identity.right, disclosure, exact)
    if left.overlaps(right):
        return None
    cells = touched_cells(identity, disclosure)
    message = _message(identity, disclosure, left, right)
    return Finding(rule, severity, message, cells, where(disclosure, cells[0]))


def touched_cells(identity: Identity, disclosure: Disclosure) -> tuple[CellRef, ...]:
    """The subject cell (first on the left, even if blank), then every filled cell either side."""
    every = [cell for ref in identity_refs(identity) for cell in cells_of(ref)]
    filled = [cell for cell in every[1:] if figure_at(disclosure, cell) is not None]
    return tuple(dict.fromkeys([every[0], *filled]))


def _message(identity: Identity, disclosure: Disclosure, left: Interval, right: Interval) -> str:
    places = _places(identity, disclosure)
    subject = cells_of(next(iter(identity_refs(identity))))[0]
    if _is_single_cell(identity.left):
        name = cell_name(disclosure, subject)
        figure = figure_at(disclosure, subject)
        printed = figure.text if figure else "空"
    else:
        name = f"公开{subject.table}表 " + describe(identity.left, CellRef(subject.table, "", ""))
        printed = _format(left.mid, places)
    basis = describe(identity.right, subject)
    expected, difference = _format(right.mid, places), _format(abs(left.mid - right.mid), places)
    return f"{name} 为 {printed}，按 {basis} 应为 {expected}（差 {difference}）"


def describe(expr: Expr, home: CellRef) -> str:
    """A short Chinese reading of an expression, naming cells relative to the subject cell."""
    if isinstance(expr, Ref):
        return _describe_ref(expr, home)
    if isinstance(expr, Sum):
        return "、".join(describe(term, home) for term in expr.terms) + "之和"
    right = describe(expr.right, home)
    if isinstance(expr.right, BinOp):
        right = f"（{right}）"
    return f"{describe(expr.left, home)} {'+' if expr.op == '+' else '−'} {right}"


def _describe_ref(ref: Ref, home: CellRef) -> str:
    same_table = ref.table == home.table
    same_row = same_table and not isinstance(ref.row, KeyRange) and _name(ref.row) == home.row
    same_col = same_table and not isinstance(ref.col, KeyRange) and _name(ref.col) == home.col
    parts = [] if same_table else [f"公开{ref.table}表"]
    if not same_row or same_col:
        parts.append(row_name(ref.table, ref.row))
    if not same_col:
        parts.append(col_name(ref.table, ref.col))
    return " ".join(part for part in parts if part) or f"{ref.table}[{_name(ref.row)},{_name(ref.col)}]"


def _is_single_cell(expr: Expr) -> bool:
    return isinstance(expr, Ref) and len(cells_of(expr)) == 1


def _places(identity: Identity, disclosure: Disclosure) -> int:
    figures = [figure_at(disclosure, cell) for ref in identity_refs(identity) for cell in cells_of(ref)]
    places = [figure.places for figure in figures if figure is not None]
    return max(places, default=DEFAULT_PLACES)


def _format(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def _name(selector: Selector) -> str:
    return selector.name if isinstance(selector, Key) else ""


def _table(disclosure: Disclosure, number: str) -> Table:
    table = disclosure.table(number)
    if table is None:
        raise LookupError(f"没有公开{number}表")
    return table
