"""Changing one printed number of a disclosure, to see that the checker notices."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from juesuan.model import Disclosure, Figure, Row, Table


def changed_text(figure: Figure, delta: Decimal) -> str:
    """The figure's value plus delta, printed with the same number of decimals."""
    value = (figure.value + delta).quantize(Decimal(1).scaleb(-figure.places))
    return f"{value:f}"


def with_figure(disclosure: Disclosure, table: str, row: str, col: str, text: str) -> Disclosure:
    """The disclosure with one table cell printed as `text`."""
    tables = tuple(_with_cell(t, row, col, text) if t.number == table else t for t in disclosure.tables)
    return dataclasses.replace(disclosure, tables=tables)


def _with_cell(table: Table, row: str, col: str, text: str) -> Table:
    rows = table.rows if table.row(row) else (*table.rows, Row(row, row))
    return dataclasses.replace(
        table, rows=tuple(_row_with(r, col, text) if r.key == row else r for r in rows)
    )


def _row_with(row: Row, col: str, text: str) -> Row:
    """The row with `col` printed as `text` (added when the row had no figure there)."""
    old = row.get(col)
    new = Figure.parse(text, old.origin if old else row.origin, old.unit if old else "")
    if old is None:
        return dataclasses.replace(row, cells=(*row.cells, (col, new)))
    return dataclasses.replace(row, cells=tuple((key, new if key == col else f) for key, f in row.cells))


def sample_with(old: str, new: str) -> Disclosure:
    """The reference disclosure read again with the first `old` in its text replaced by `new`."""
    from conftest import SAMPLE

    from juesuan.sources import read_bytes

    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    disclosure, _ = read_bytes(text.replace(old, new, 1).encode("utf-8"), "changed.txt")
    return disclosure


def findings_of(disclosure: Disclosure, prefix: str) -> list[tuple[str, str, str, str]]:
    """(rule, table, row, col) of what the rules whose ids start with `prefix` find."""
    from juesuan.rules import run_rules
    from juesuan.rules.registry import registered_rules

    rules = [each for each in registered_rules() if each.id.startswith(prefix)]
    return [finding.as_tuple() for finding in run_rules(disclosure, rules)]
