"""Blank totals and parent rows, computed from their parts: what a unit need not type twice.

Where a cell is blank and its parts are present, it gets their exact sum. The arithmetic is the
checker's, stated once, under the disclosure's template (`template_of`) and only as far as its
rules hold there (`rules_for`):

- the classification trees of `juesuan.rules.hierarchy` in the tables the template marks
  (功能分类 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类; 公开06表 class heads, 人员经费合计, 公用经费合计);
- the error identities of `rules/identities.txt` and the template's own: an identity ``L = R``
  fills a blank L, when L is one cell, from R; when each side is one cell, a blank R from L; and
  a cell its 解出 field names from the other terms (公开01表 第1行 = 公开02表 合计 第2栏 − 第2行
  − 第3行). Wildcards and ranges are expanded as the checker expands them (`juesuan.rules.evaluate`).

For each blank cell its own table's sums are tried first (the tree, then the identities in the
file's order), then those of other tables, then the solved ones. A missing 款 or 类 row above a
printed 项 is added. A printed figure is never changed, even when its parts disagree with it: that
is for the checker to report. Pure, exact Decimal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.catalogue.tables import table_name
from juesuan.model.disclosure import Disclosure, Problem
from juesuan.model.figures import Figure
from juesuan.model.tables import Row, Table

Cell = tuple[str, str, str]  # (table, row key, column key), as in the tidy cells
TOTAL = "合计"
FUNCTIONAL_LEVELS = {7: 5, 5: 3}  # 项 → 款 → 类 (code lengths)
TREE_RULES = {"functional": "H-functional-sum", "economic": "H06-economic-sum"}
_MAX_PASSES = 8


@dataclass(frozen=True)
class Filler:
    """target = Σ sign·part; applies when the target is blank and a positive part is present."""

    target: Cell
    parts: tuple[tuple[int, Cell], ...]
    basis: str  # in words, for the note saying how the cell was computed
    rule: str = ""  # the rule stating it
    rank: tuple[int, int, int] = (0, 0, 0)  # (from other tables, solved for a part, not the tree)


def derive(disclosure: Disclosure) -> tuple[Disclosure, list[Problem]]:
    """The disclosure with its blank totals and parents filled, and a note for each cell filled.

    A filled figure (and its note) points at its row in the source: where it will be printed."""
    from juesuan.catalogue.templates import template_of, under

    with under(template_of(disclosure)):
        disclosure, problems = with_parent_rows(disclosure)
        derivation = _Derivation(disclosure, fillers(disclosure))
        derived = derivation.run()
    origins = {(t.number, row.key): row.origin for t in disclosure.tables for row in t.rows}
    figures = {}
    for (table, row, col), (figure, filler) in derived.items():
        figures[table, row, col] = replace(figure, origin=origins[table, row])
        where = f"{table_name(table)} {_row_name(table, row)} {_col_name(table, col)}"
        message = f"{where}原为空白，已按{filler.basis}填为 {figure.text}"
        first = derivation.instead.get((table, row, col))
        if first is not None and first[1] is not filler:  # not where its own parts moved
            message += _why_not(figure, *first)
        problems.append(Problem(message, origins[table, row], "info"))
    return with_figures(disclosure, figures), problems


def _why_not(used: Figure, other: Figure, filler: Filler) -> str:
    """Why another way's figure was used rather than the first way's."""
    difference = abs(used.value - other.value)
    return (
        f"（按{filler.basis}为 {other.text}，相差 {difference}，属各数的尾数误差；"
        "取前者，与表中其他数字一致）"
    )


def fillers(disclosure: Disclosure) -> list[Filler]:
    """Every way a cell of this disclosure can be computed, best first for each cell, from the
    rules that hold in its template."""
    from juesuan.catalogue.templates import template_of, under
    from juesuan.rules.registry import rules_for

    found_template = template_of(disclosure)
    rules = rules_for(found_template)
    held = {each.id for each in rules}
    with under(found_template):
        found = [*_tree_fillers(disclosure, held), *_identity_fillers(disclosure, rules)]
    order = {table.number: index for index, table in enumerate(disclosure.tables)}

    def tried(filler: Filler) -> tuple[int, ...]:
        """Own table's first (table by table, its tree first), then other tables', solved last."""
        other, solved, kind = filler.rank
        return (other, solved, 0 if other else order.get(filler.target[0], len(order)), kind)

    return sorted(found, key=tried)


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
        self.involving: dict[Cell, set[Filler]] = defaultdict(set)  # every identity naming a cell
        for filler in found:
            if filler.target[:2] not in self.rows:
                continue
            for cell in (filler.target, *(part for _, part in filler.parts)):
                self.involving[cell].add(filler)
            if filler.target not in self.printed:
                self.by_target[filler.target].append(filler)
        self.derived: dict[Cell, tuple[Figure, Filler]] = {}
        self.width = {cell: figure.half_unit for cell, figure in self.printed.items()}
        self.instead: dict[Cell, tuple[Figure, Filler]] = {}  # a first way's figure, set aside

    def run(self) -> dict[Cell, tuple[Figure, Filler]]:
        """Passes until nothing changes; a sum whose parts wait on a cycle (01 line 1 and 04 line 1
        name each other) is put off while other passes may still fill those parts, and so is a
        cell whose first way waits so (it does not fall back to a later way). The final passes
        take what is there: a part still waiting counts as blank. Then the ways are reconciled."""
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
        self.reconcile()
        return self.derived

    def reconcile(self) -> None:
        """Where a filled cell's ways give different figures, the one the other figures agree with,
        so that a derived total never contradicts one printed elsewhere.

        Cells an identity makes equal one to one (公开04表 第59行 = 公开05表 合计) print one figure,
        so they are weighed together: each figure their ways give is tried on all of them and
        weighed as the checker will see it once printed, against every identity naming one of
        them, each side an interval of its printed figures. They take the figure fewest of those
        reject, then the surest (a total printed elsewhere, ±0.005, before a sum of twenty rounded
        rows), then the first way's: 公开05表 合计 is the sum of its rounded 类 (1126.91) until
        公开04表 prints 1126.92 for it, which the sum's wider interval also allows. Passes until
        nothing moves (a moved cell changes the sums that hold it)."""
        for _ in range(_MAX_PASSES):
            moved = False
            for members in self._equal_groups():
                moved = self._settle(members) or moved
            if not moved:
                break
        for cell in self.instead:  # name the cell's own way where one gives the figure now
            figure, filler = self.derived[cell]
            self.derived[cell] = (figure, self._source(cell, (figure, Decimal(0), filler)))

    def _equal_groups(self) -> list[list[Cell]]:
        """The filled cells, grouped with every cell an identity makes them equal to one to one
        (its other cells blank: 第59行 第2栏 = 第3至5栏之和 where only 第3栏 holds a figure)."""
        parent: dict[Cell, Cell] = {}

        def root(cell: Cell) -> Cell:
            while parent.get(cell, cell) != cell:
                cell = parent[cell]
            return cell

        for target, ways in self.by_target.items():
            for filler in ways:
                present = [(sign, part) for sign, part in filler.parts if self._figure(part) is not None]
                if len(present) == 1 and present[0][0] == 1:
                    parent[root(present[0][1])] = root(target)
        groups: dict[Cell, list[Cell]] = defaultdict(list)
        for cell in [*self.derived, *(c for c in parent if c not in self.derived)]:
            groups[root(cell)].append(cell)
        return [members for members in groups.values() if members[0] in self.derived]

    def _settle(self, members: list[Cell]) -> bool:
        """Give the group's filled cells the figure the identities around them accept best."""
        filled = [cell for cell in members if cell in self.derived]
        current = {cell: self._way(self.derived[cell][1]) for cell in filled}
        candidates = []  # (figure, width, the way or printed cell giving it), first way's first
        for cell in filled:
            if current[cell] is not None:
                candidates.append(current[cell])
        for cell in members:
            if cell in self.printed:
                candidates.append((self.printed[cell], self.width[cell], cell))
            else:
                ways = (self._way(filler) for filler in self.by_target[cell])
                candidates += [way for way in ways if way is not None]
        if not candidates:
            return False
        identities = set().union(*(self.involving[cell] for cell in filled))
        best = min(candidates, key=lambda way: (self._rejections(filled, way[0], identities), way[1]))
        moved = False
        for cell in filled:
            figure, filler = self.derived[cell]
            own = current[cell]
            if own is None or best[0].value != own[0].value:
                if own is not None:
                    self.instead.setdefault(cell, (own[0], filler))
                filler = self._source(cell, best)
            moved = moved or best[0].text != figure.text
            self.derived[cell], self.width[cell] = (best[0], filler), best[1]
        return moved

    def _source(self, cell: Cell, chosen: tuple[Figure, Decimal, Filler | Cell]) -> Filler:
        """The way of `cell` that gives the chosen figure: its own, or the cell of its group the
        figure was taken from (第2栏 = 第1栏 where 第3栏 is blank)."""
        for own in self.by_target[cell]:
            found = self._way(own)
            if found is not None and found[0].value == chosen[0].value:
                return own
        way = chosen[2]
        if isinstance(way, Filler) and way.target == cell:
            return way
        source = way.target if isinstance(way, Filler) else way
        return Filler(cell, ((1, source),), _cell_name(source, cell[0]))

    def _rejections(self, cells: list[Cell], figure: Figure, identities: set[Filler]) -> tuple[int, int]:
        """How many identities reject `cells` printed as `figure`, the others as they are: as
        errors, and as the checker's warnings (two tables one unit of the last place apart, the
        template's 尾数误差). An identity whose target is still blank says nothing."""
        from juesuan.rules.intervals import Interval

        def printed(cell: Cell) -> Figure | None:
            return figure if cell in cells else self._figure(cell)

        errors = warnings = 0
        for filler in identities:
            target = printed(filler.target)
            if target is None:
                continue
            parts = [(sign, printed(part)) for sign, part in filler.parts]
            total = sum((Interval.of(part) * sign for sign, part in parts), Interval.exact(0))
            if Interval.of(target).overlaps(total):
                continue
            if _one_unit_across_tables(filler, target, parts):
                warnings += 1
            else:
                errors += 1
        return errors, warnings

    def _way(self, filler: Filler) -> tuple[Figure, Decimal, Filler] | None:
        """The figure a way gives now (a blank part counts as 0, as in `_fill`) and how far the
        true amount may lie from it; None when no positive part is at hand."""
        parts = [(sign, self._figure(part)) for sign, part in filler.parts]
        if not any(sign > 0 and figure is not None for sign, figure in parts):
            return None
        return _sum(parts), self._width(filler), filler

    def _width(self, filler: Filler) -> Decimal:
        """Each printed part's half unit and each filled part's own width (a blank part is an
        exact 0): a total printed elsewhere (±0.005) is surer than a sum of twenty rounded rows."""
        return sum((self.width.get(part, Decimal(0)) for _, part in filler.parts), Decimal(0))

    def _figure(self, cell: Cell) -> Figure | None:
        return self.printed[cell] if cell in self.printed else self.derived.get(cell, (None,))[0]

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
            if provisional and not self.final:
                break  # a way tried first may still give it: wait for it rather than fall back
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
        self.width[cell] = self._width(filler)
        return "filled"


def _one_unit_across_tables(filler: Filler, target: Figure, parts: list[tuple[int, Figure | None]]) -> bool:
    """One figure equal to one of another table, one unit of the last place apart: the rounding
    the template's note allows between tables (`juesuan.rules.evaluate.within_conversion_tail`)."""
    if len(parts) != 1 or parts[0][1] is None or filler.parts[0][1][0] == filler.target[0]:
        return False
    part = parts[0][1]
    return abs(target.value - part.value) <= Decimal(1).scaleb(-min(target.places, part.places))


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
            notes = (f"{table_name(table.number)}缺少科目 {code} 行，已按分类目录补上" for code in added)
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


def _tree_fillers(disclosure: Disclosure, held: set[str]) -> Iterator[Filler]:
    """Parent = Σ children in each column, as `juesuan.rules.hierarchy` groups them."""
    from juesuan.rules.evaluate import column_keys
    from juesuan.rules.hierarchy import tree_groups, tree_tables

    for kind, rule in TREE_RULES.items():
        if rule not in held:
            continue
        for table in tree_tables(disclosure, kind):
            for parent, children in tree_groups(table, kind):
                basis = _tree_basis(kind, parent, children)
                for col in column_keys(table):
                    parts = tuple((1, (table.number, child, col)) for child in children)
                    yield Filler((table.number, parent, col), parts, basis, rule)


def _tree_basis(kind: str, parent: str, children: tuple[str, ...]) -> str:
    if kind == "functional":
        return "其下各级科目之和"
    return "其下各款之和" if parent.isdigit() else f"第{_span(children)}行之和"


def _identity_fillers(disclosure: Disclosure, rules) -> Iterator[Filler]:
    """The fillers of every error identity that holds, each instance bound to the disclosure's
    rows and columns as the checker binds it."""
    from juesuan.rules.evaluate import bound_identities, has_tables, is_single_cell, signed_cells
    from juesuan.rules.findings import Severity
    from juesuan.rules.identities import IdentityCheck

    for rule in rules:
        if not isinstance(rule.check, IdentityCheck) or rule.severity != Severity.ERROR:
            continue
        for instance in rule.check.instances:
            if not has_tables(instance.identity, disclosure):
                continue
            solve = [(ref.table, ref.row.name, ref.col.name) for ref in instance.solve]
            for identity in bound_identities(instance.identity, disclosure):
                # Σ terms = 0: the left side's cells as they are added, the right side's negated
                terms = [(sign, _cell(c)) for sign, c in signed_cells(identity.left)]
                terms += [(-sign, _cell(c)) for sign, c in signed_cells(identity.right)]
                if is_single_cell(identity.left):
                    yield from _solved(terms[0][1], terms, rule.id)
                    if is_single_cell(identity.right):
                        yield from _solved(terms[1][1], terms, rule.id)
                for cell in solve:
                    yield from _solved(cell, terms, rule.id, solved=True)


def _solved(target: Cell, terms: list[tuple[int, Cell]], rule: str, solved: bool = False) -> Iterator[Filler]:
    """target from Σ terms = 0, when it is one of the terms: k·target + Σ others = 0 gives
    target = Σ −k·others (k = ±1)."""
    own = [sign for sign, cell in terms if cell == target]
    if len(own) != 1:
        return
    parts = tuple((-own[0] * sign, cell) for sign, cell in terms if cell != target)
    other_table = any(cell[0] != target[0] for _, cell in parts)
    yield Filler(target, parts, _basis(target, parts), rule, (int(other_table), int(solved), 1))


def _basis(target: Cell, parts: tuple[tuple[int, Cell], ...]) -> str:
    """第1至8行之和 / 第2至7栏之和 for a sum down a column or across a row of the target's table,
    else the parts named one by one: 公开02表 合计 第2栏 − 第2行 第1栏 − 第3行 第1栏."""
    table, row, col = target
    if len(parts) > 1 and all(sign > 0 and cell[0] == table for sign, cell in parts):
        rows, cols = tuple(cell[1] for _, cell in parts), tuple(cell[2] for _, cell in parts)
        if set(cols) == {col} and all(key.isdigit() for key in rows):
            return f"第{_span(rows)}行之和"
        if set(rows) == {row} and all(key.isdigit() for key in cols):
            return f"第{_span(cols)}栏之和"
    words = "".join(f" {'+' if sign > 0 else '−'} {_cell_name(cell, table)}" for sign, cell in parts)
    return words[3:]


def _cell(ref) -> Cell:
    return (ref.table, ref.row, ref.col)


def _span(keys: tuple[str, ...]) -> str:
    """``1至8`` for consecutive numbers, else the keys joined with 、."""
    numbers = [int(key) for key in keys if key.isdigit()]
    if len(numbers) == len(keys) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{keys[0]}至{keys[-1]}"
    return "、".join(keys)


def _cell_name(cell: Cell, home: str) -> str:
    table, row, col = cell
    return f"{'' if table == home else f'公开{table}表 '}{_row_name(table, row)} {_col_name(table, col)}"


def _row_name(table: str, row: str) -> str:
    return f"第{row}行" if table in ("01", "04", "10") and row.isdigit() else row


def _col_name(table: str, col: str) -> str:
    return f"第{col}栏" if col.isdigit() else col
