"""Small table literals: a Table or Disclosure from plain dicts, for rule examples and tests.

    table_literal("02", {"208": {"1": "34.14"}, "20805": {"1": "23.83"}})

Values are printed text ("1,134.08", "34.14"); a cell left out is blank. A table of printed lines
(公开01/04/10表, and the single row of 公开09表) prints every line of the template in force, so a
row left out of such a literal is a printed blank line too, labelled as the template labels it;
`missing` names the lines the table does not have at all (a reader that failed to place them:
see the cell states in `juesuan.rules.cells`). A code table (02, 03, 05-08) has just the rows given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from juesuan.catalogue.tables import table_definitions
from juesuan.model import Column, Disclosure, Figure, Overview, Row, Table

Cells = Mapping[str, str]
LINE_KINDS = frozenset({"line", "single"})


def table_literal(
    number: str,
    rows: Mapping[str, Cells],
    labels: Mapping[str, str] | None = None,
    *,
    missing: Iterable[str] = (),
) -> Table:
    """A table whose rows are `rows` (row key → column key → printed value), in order; for a
    table of printed lines, every line of the template in its order, but those `missing`."""
    labels = {**_template_labels(number), **(labels or {})}
    rows = {**{key: {} for key in _template_rows(number)}, **rows}
    for key in missing:
        rows.pop(key, None)
    cols = dict.fromkeys(col for cells in rows.values() for col in cells)
    columns = tuple(Column(col, col) for col in cols)
    built = tuple(_row(number, key, cells, labels.get(key, "")) for key, cells in rows.items())
    return Table(number, f"公开{number}表", columns, built)


def disclosure_literal(*tables: Table, unit: str = "示例单位", year: int | None = 2024) -> Disclosure:
    return Disclosure(unit, year, f"{unit}{year}年度决算公开", Overview(), tables, (), (), ())


def _template_rows(number: str) -> tuple[str, ...]:
    definition = table_definitions().get(number)
    if definition is None or definition.rows not in LINE_KINDS:
        return ()
    return tuple(line.row for line in definition.lines) or ("1",)


def _template_labels(number: str) -> dict[str, str]:
    definition = table_definitions().get(number)
    if definition is None or definition.rows not in LINE_KINDS:
        return {}
    return {line.row: line.label for line in definition.lines if line.label}


def _row(table: str, key: str, cells: Cells, label: str) -> Row:
    figures = tuple((col, _figure(text)) for col, text in cells.items())
    code = key if key.isdigit() and table not in {"01", "04", "09", "10"} else ""
    line_no = key if table in {"01", "04", "10"} else ""
    return Row(key, label, figures, code, line_no)


def _figure(text: str) -> Figure:
    figure = Figure.parse(text)
    if figure is None:
        raise ValueError(f"不是数字：{text!r}")
    return figure
