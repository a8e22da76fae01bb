"""Checking an identity against a disclosure.

Each side becomes an Interval (what its printed figures can stand for); the identity fails only
when the two intervals are disjoint. The finding states the printed value, the expected value
(the right-hand side computed from the printed figures) and the difference.

Cannot check. A printed blank counts as 0, but a cell that was not read is unknown (the three
states of a cell are defined in `juesuan.rules.cells`): a row the table should print and does
not have, e.g. a 总计 line the reader failed to place. An identity instance (one binding of its
wildcards) naming such a cell is not evaluated: it yields a single info finding
"无法核对：公开01表 第31行 未读到……" that names the missing rows, never an error. When none of the
cells it did read holds a figure there is nothing to compare and it yields nothing, as a
blank = blank identity always did. An identity over a table the disclosure lacks yields nothing:
the publication rules report the missing table.

Rounding at the template's word. The template's note "本套报表金额单位转换时可能存在尾数误差"
allows two tables printing the same quantity to differ in the last printed place. When a
cross-table identity has one cell on each side, in two different tables, both printed, and their
printed values differ by at most one unit of the last place both print (10⁻ᵏ, k the smaller of
their decimals: 0.01 between 236.63 and 236.64), the disagreement is a warning saying so, not an
error. Exact Decimal arithmetic on the printed figures; sums within a table are untouched (their
intervals already allow the rounding of every term), and so are counts (`exact`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalogue.tables import table_definitions, table_name
from juesuan.model import Disclosure, Figure, Table
from juesuan.rules.cells import (
    ONE_ROW_TABLES,
    cell_name,
    col_name,
    figure_at,
    is_unread,
    row_name,
    template_label,
    where,
)
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
TAIL_NOTE = "尾数误差"  # what a template's note says when it allows a last-place difference
TAIL_WORDING = "在金额单位转换的尾数误差之内（一个末位单位），请核实"


def check_identity(
    identity: Identity, disclosure: Disclosure, *, rule: str, severity: Severity, exact: bool = False
) -> Iterator[Finding]:
    """Findings for every binding of the identity's wildcards where its two sides cannot agree,
    or where a cell it names was not read (one info finding per binding).

    An identity over a table the disclosure lacks is skipped: a missing table is its own finding.
    """
    if not has_tables(identity, disclosure):
        return
    for concrete in bound_identities(identity, disclosure):
        finding = check_concrete(concrete, disclosure, rule, severity, exact)
        if finding is not None:
            yield finding


def has_tables(identity: Identity, disclosure: Disclosure) -> bool:
    """Whether the disclosure has every table the identity names (else it is neither checked nor
    used to derive)."""
    return all(disclosure.table(ref.table) is not None for ref in identity_refs(identity))


def bound_identities(identity: Identity, disclosure: Disclosure) -> list[Identity]:
    """The identity once for each binding of its wildcards (see `wildcard_bindings`): the
    wildcard-free identities the checker evaluates and the derivation solves."""
    return [
        Identity(bind(identity.left, row, col), bind(identity.right, row, col), identity.text)
        for row, col in wildcard_bindings(identity, disclosure)
    ]


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


def signed_cells(expr: Expr, sign: int = 1) -> list[tuple[int, CellRef]]:
    """The cells of a wildcard-free expression, ranges expanded, each with the sign (+1 or −1) it is
    added with: ``a - (b + c)`` is a, −b, −c."""
    if isinstance(expr, Ref):
        return [(sign, cell) for cell in cells_of(expr)]
    if isinstance(expr, Sum):
        return [pair for term in expr.terms for pair in signed_cells(term, sign)]
    right = -sign if expr.op == "-" else sign
    return signed_cells(expr.left, sign) + signed_cells(expr.right, right)


def is_single_cell(expr: Expr) -> bool:
    """Whether the expression is one cell (a reference without a range)."""
    return isinstance(expr, Ref) and len(cells_of(expr)) == 1


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
    """The finding of one wildcard-free identity: None when it holds (or there is nothing to
    compare), info when a cell it names was not read, else a disagreement of `severity` (a
    warning when it is the one-unit difference the template allows between two tables)."""
    missing = unread_cells(identity, disclosure)
    if missing:
        return cannot_check(identity, disclosure, rule, missing)
    left = evaluate(identity.left, disclosure, exact)
    right = evaluate(identity.right, disclosure, exact)
    if left.overlaps(right):
        return None
    cells = touched_cells(identity, disclosure)
    message = _message(identity, disclosure, left, right)
    if not exact and severity == Severity.ERROR and within_conversion_tail(identity, disclosure):
        severity, message = Severity.WARNING, f"{message}，{TAIL_WORDING}"
    return Finding(rule, severity, message, cells, where(disclosure, cells[0]))


def unread_cells(identity: Identity, disclosure: Disclosure) -> tuple[CellRef, ...]:
    """The cells the identity names that were not read, in order."""
    every = [cell for ref in identity_refs(identity) for cell in cells_of(ref)]
    return tuple(dict.fromkeys(cell for cell in every if is_unread(disclosure, cell)))


def cannot_check(
    identity: Identity, disclosure: Disclosure, rule: str, missing: tuple[CellRef, ...]
) -> Finding | None:
    """The info finding of an identity naming cells that were not read; None when none of the
    cells it did read holds a figure (nothing to compare)."""
    cells = touched_cells(identity, disclosure)
    if len(cells) == 1 and figure_at(disclosure, cells[0]) is None:
        return None
    subject = cells[0]
    name = cell_name(disclosure, subject) if is_single_cell(identity.left) else _side_name(identity, subject)
    basis = describe(identity.right, subject)
    message = f"无法核对：{_missing_rows(missing)} 未读到（表中没有这一行），不能判断 {name} 是否等于 {basis}"
    cells = tuple(dict.fromkeys([*cells, *missing]))
    return Finding(rule, Severity.INFO, message, cells, where(disclosure, subject))


def _missing_rows(missing: tuple[CellRef, ...]) -> str:
    """公开01表 第55行 二十四、债务还本支出、第56行 二十五、债务付息支出；公开03表 210: one name a row."""
    rows_by_table: dict[str, dict[str, None]] = {}
    for cell in missing:
        rows_by_table.setdefault(cell.table, {})[cell.row] = None
    return "；".join(
        f"{table_name(table)} " + "、".join(_row_title(table, row) for row in rows)
        for table, rows in rows_by_table.items()
    )


def _row_title(table: str, row: str) -> str:
    """第55行 二十四、债务还本支出 (the label the template prints), 210, or 数据行 for 公开09表."""
    name = row_name(table, Key(row)) or ("数据行" if table in ONE_ROW_TABLES else row)
    return " ".join(part for part in (name, template_label(table, row)) if part)


def within_conversion_tail(identity: Identity, disclosure: Disclosure) -> bool:
    """Whether the identity compares one printed cell of a table with one printed cell of another
    and their printed values differ by at most one unit of the last place both print, under a
    template whose notes allow 尾数误差."""
    pair = _cross_table_pair(identity, disclosure)
    if pair is None or not _template_allows_tail():
        return False
    first, second = pair
    unit = Decimal(1).scaleb(-min(first.places, second.places))
    return abs(first.value - second.value) <= unit


def _cross_table_pair(identity: Identity, disclosure: Disclosure) -> tuple[Figure, Figure] | None:
    if not (is_single_cell(identity.left) and is_single_cell(identity.right)):
        return None
    (left,), (right,) = cells_of(identity.left), cells_of(identity.right)
    if left.table == right.table:
        return None
    first, second = figure_at(disclosure, left), figure_at(disclosure, right)
    return (first, second) if first is not None and second is not None else None


def _template_allows_tail() -> bool:
    return any(TAIL_NOTE in definition.note for definition in table_definitions().values())


def touched_cells(identity: Identity, disclosure: Disclosure) -> tuple[CellRef, ...]:
    """The subject cell (first on the left, even if blank), then every filled cell either side."""
    every = [cell for ref in identity_refs(identity) for cell in cells_of(ref)]
    filled = [cell for cell in every[1:] if figure_at(disclosure, cell) is not None]
    return tuple(dict.fromkeys([every[0], *filled]))


def _message(identity: Identity, disclosure: Disclosure, left: Interval, right: Interval) -> str:
    places = _places(identity, disclosure)
    subject = cells_of(next(iter(identity_refs(identity))))[0]
    if is_single_cell(identity.left):
        name = cell_name(disclosure, subject)
        figure = figure_at(disclosure, subject)
        printed = figure.text if figure else "空"
    else:
        name = _side_name(identity, subject)
        printed = _format(left.mid, places)
    basis = describe(identity.right, subject)
    expected, difference = _format(right.mid, places), _format(abs(left.mid - right.mid), places)
    return f"{name} 为 {printed}，按 {basis} 应为 {expected}（差 {difference}）"


def _side_name(identity: Identity, subject: CellRef) -> str:
    """The left-hand side, when it is more than one cell: 公开10表 第5行 + 第6行."""
    return f"{table_name(subject.table)} " + describe(identity.left, CellRef(subject.table, "", ""))


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
    parts = [] if same_table else [table_name(ref.table)]
    if not same_row or same_col:
        parts.append(row_name(ref.table, ref.row))
    if not same_col:
        parts.append(col_name(ref.table, ref.col))
    return " ".join(part for part in parts if part) or f"{ref.table}[{_name(ref.row)},{_name(ref.col)}]"


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
