"""Precision as the producer printed it: each figure read with the decimals its column implies.

Every reader hands its disclosure through `as_printed` (the layout reader's `assemble`, shared by
text, Word and PDF; the PDF reader again once it adds its kept rows; the Excel reader). It groups
the figures by the column they were printed in and lets `juesuan.model.figures.column_precision`
say what each stands for: a table's column (one 栏次 of one 公开表, over all its rows and pages),
and a money column of the 绩效自评表 (年初预算数, 全年预算数, 全年执行数, 资金结余) over all the
document's forms, which one export prints alike. The rules see it through `Figure.interval`;
nothing else changes. Applying it twice changes nothing more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from juesuan.model import Disclosure, Figure, FundingLine, PerformanceForm, Table
from juesuan.model.figures import column_precision

# the money columns of a form's 项目资金 lines; 执行率 is a percentage and 得分 a score, apart
FORM_MONEY = ("declared", "budgeted", "full_year_budget", "executed", "balance")


def as_printed(disclosure: Disclosure) -> Disclosure:
    """The disclosure with every figure exact to the decimals its column implies."""
    tables = tuple(_table_as_printed(table) for table in disclosure.tables)
    forms = _forms_as_printed(disclosure.forms)
    unchanged = all(new is old for new, old in zip(tables, disclosure.tables, strict=True))
    if unchanged and forms is disclosure.forms:
        return disclosure
    return replace(disclosure, tables=tables, forms=forms)


def _table_as_printed(table: Table) -> Table:
    columns: dict[str, list[Figure]] = defaultdict(list)
    for row in table.rows:
        for key, figure in row.cells:
            columns[key].append(figure)
    places = {key: p for key, figures in columns.items() if (p := column_precision(figures)) is not None}
    if not places:
        return table
    rows = tuple(
        replace(row, cells=tuple((key, _exact_to(figure, places.get(key))) for key, figure in row.cells))
        for row in table.rows
    )
    return replace(table, rows=rows)


def _forms_as_printed(forms: tuple[PerformanceForm, ...]) -> tuple[PerformanceForm, ...]:
    places: dict[str, int] = {}
    for name in FORM_MONEY:
        figures = [figure for form in forms for line in form.funding if (figure := getattr(line, name))]
        if (found := column_precision(figures)) is not None:
            places[name] = found
    if not places:
        return forms
    return tuple(_form_as_printed(form, places) for form in forms)


def _form_as_printed(form: PerformanceForm, places: dict[str, int]) -> PerformanceForm:
    return replace(form, funding=tuple(_line_as_printed(line, places) for line in form.funding))


def _line_as_printed(line: FundingLine, places: dict[str, int]) -> FundingLine:
    return replace(line, **{name: _exact_to(getattr(line, name), found) for name, found in places.items()})


def _exact_to(figure: Figure | None, places: int | None) -> Figure | None:
    return figure if figure is None or places is None else figure.exact_to(places)
