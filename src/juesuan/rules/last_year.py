"""Last year's figures the narrative states or implies, against last year's published tables.

第三部分 compares this year with last: “收入总计1,134.08万元……收入总计增加308.64万元” implies
last year's 收入总计 was 1134.08 − 308.64 = 825.44 (within 825.43–825.45: both are rounded);
“2023年机关运行经费支出14.43万元” states it. The
tracer (`juesuan.narrative.trace`) knows which cell of this year each change is of; last year's
disclosure of the same unit prints the same item in the same cell (same table, row and column), so
with a corpus that holds it (`juesuan check FILE --corpus 语料库.duckdb`) each such figure is held
against that cell, in intervals: a finding is a certain disagreement, never a rounding.

`last_year_figures` is also what the corpus stores (table ``last_year``), so the figures can be
queried across units whether or not last year's file was ever collected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure, Figure
from juesuan.model.tidy import TidyCell
from juesuan.narrative.claims import Claim
from juesuan.narrative.trace import Trace
from juesuan.rules.evaluate import signed_cells
from juesuan.rules.expressions import parse_expression
from juesuan.rules.findings import CellRef, Finding
from juesuan.rules.intervals import Interval
from juesuan.rules.narrative import _AGAINST_BUDGET, FORMS_SOURCES, claim_text, known, traces_of, where
from juesuan.rules.outside import PublishedYear, published_versions
from juesuan.rules.registry import Rule, rule

# tables of numbered lines (行次), every line always there: a line not read from a table read is blank
LINE_TABLES = frozenset(("01", "04", "09", "10"))
# what the item's words carry besides its name: who and which year before it (国家信访局2024年度
# 收、支总计), the comparison and the direction after it (较上年增加)
_YEAR = re.compile(r"^.*?\d{4}\s*年度?|^本年度?")
_COMPARED = re.compile(
    r"(与(上一?|\d{4})年度?(决算数?)?相比|[较比](上一?|\d{4})?年?度?(决算数?)?|同比)?"
    r"(增加|减少|增长|下降|上升|降低)?了?$"
)


@dataclass(frozen=True)
class LastYearFigure:
    """One of last year's figures as the narrative states it (`derived` False) or implies it
    (this year's figure less the change stated, `derived` True)."""

    section: str  # 一, 五（三） …
    what: str  # the item's words, as the narrative names it
    value: Interval  # what last year's figure can be, from the printed precision
    text: str  # the figure as printed, or as derived (two decimals for 万元)
    places: int  # decimals of the figure printed, or of the change it was derived with
    cells: tuple[CellRef, ...]  # this year's cells of the item: last year's are at the same address
    derived: bool
    trace: Trace  # the change (or stated amount) in its sentence

    @property
    def source(self) -> str:
        """The cells as a source expression: ``01[31,1]``, ``05[201,1] + 05[203,1]``."""
        return " + ".join(f"{cell.table}[{cell.row},{cell.col}]" for cell in self.cells)


def last_year_figures(disclosure: Disclosure) -> list[LastYearFigure]:
    """Every last-year figure of the narrative that is of table cells, in the narrative's order."""
    traces = traces_of(disclosure)
    sources = {id(trace.claim): trace.source for trace in traces}
    found = []
    for trace in traces:
        if _of_last_year(trace):
            figure = _figure_of(disclosure, trace, sources)
            if figure is not None:
                found.append(figure)
    return found


def _of_last_year(trace: Trace) -> bool:
    """A change against last year, traced to this year's figure (not one against the budget)."""
    claim = trace.claim
    return (
        claim.kind == "change"
        and trace.traced
        and claim.sign != 0
        and not _AGAINST_BUDGET.search(claim.label)
    )


def _figure_of(disclosure: Disclosure, trace: Trace, sources: dict[int, str | None]) -> LastYearFigure | None:
    current = trace.operands[0] if trace.operands else None
    source = sources.get(id(current)) if current is not None else trace.source
    cells = _cells(source)
    if not cells:
        return None
    what = _words(disclosure, current.label if current is not None else trace.claim.label, cells)
    if len(trace.operands) == 2:  # 2023年…14.43万元，2024年…15.57万元，增加1.14万元: stated
        stated = trace.operands[1]
        value = Interval.of(stated.figure)
        return LastYearFigure(
            trace.section, what, value, stated.figure.text, stated.figure.places, cells, False, trace
        )
    this_year = known(disclosure, current) if current is not None else _cells_value(disclosure, cells)
    change = trace.claim.figure
    value = this_year - Interval.of(change) * trace.claim.sign
    if not value.is_bounded:
        return None
    text = f"{value.mid.quantize(Decimal(1).scaleb(-change.places)):f}"
    return LastYearFigure(trace.section, what, value, text, change.places, cells, True, trace)


def _cells(source: str | None) -> tuple[CellRef, ...]:
    """The cells a source adds up (all with +), or () for a source that is not a sum of cells."""
    if not source or source in FORMS_SOURCES or ":" in source or " " in source.strip().split("[")[0]:
        return ()
    try:
        signed = signed_cells(parse_expression(source))
    except (ValueError, AttributeError, TypeError):  # a wildcard or a form the grammar keeps
        return ()
    if any(sign < 0 for sign, _ in signed):
        return ()
    return tuple(cell for _, cell in signed)


def _cells_value(disclosure: Disclosure, cells: tuple[CellRef, ...]) -> Interval:
    from juesuan.rules.cells import figure_at

    total = Interval.exact(0)
    for cell in cells:
        total = total + Interval.of(figure_at(disclosure, cell))
    return total


def _words(disclosure: Disclosure, label: str, cells: tuple[CellRef, ...]) -> str:
    """The item's words without the year (2024年度收入总计: 收入总计); a bare 支出决算 is named
    by its cell (公开05表 201 一般公共服务支出 第1栏)."""
    from juesuan.narrative.context import BARE

    words = _COMPARED.sub("", _YEAR.sub("", label.strip("、，,：: "))).strip("、，,：: ")
    if not words or words in BARE or words.startswith(("较", "比", "与")):
        return "＋".join(_cell_words(disclosure, cell) for cell in cells)
    return words


def _cell_words(disclosure: Disclosure, cell: CellRef) -> str:
    """The cell's name; in a table of one row (公开09表), its column's heading (决算数合计)."""
    from juesuan.catalogue.tables import table_name
    from juesuan.rules.cells import ONE_ROW_TABLES, cell_name

    table = disclosure.table(cell.table)
    if table is not None and cell.table in ONE_ROW_TABLES and table.heading(cell.col):
        return f"{table_name(cell.table)} {table.heading(cell.col)}"
    return cell_name(disclosure, cell)


def printed_last_year(
    published: PublishedYear, cells: tuple[CellRef, ...], disclosure: Disclosure
) -> tuple[Interval, list[tuple[CellRef, str]]] | None:
    """What last year's tables print in these cells (their sum) and the cells printed, or None
    when it is not known: a row not in last year's tables (a code row may be coded otherwise), a
    row named otherwise than this year's (the 行次 or the classification changed), a column last
    year's table keys otherwise. A line missing from a table of numbered lines is blank, when the
    lines both years print are numbered alike."""
    by_address = {(c.table, c.row, c.col): c for c in published.cells}
    items = {(c.table, c.row): c.item for c in published.cells}
    columns = {(c.table, c.col) for c in published.cells}
    total, shown = Interval.exact(0), []
    for cell in cells:
        item = items.get((cell.table, cell.row))
        if item is None and not (
            cell.table in LINE_TABLES and _numbered_alike(published, disclosure, cell.table)
        ):
            return None
        if item is not None and not _same_item(item, _label(disclosure, cell.table, cell.row)):
            return None
        if (cell.table, cell.col) not in columns:
            return None
        printed: TidyCell | None = by_address.get((cell.table, cell.row, cell.col))
        figure = Figure.parse(printed.value) if printed else None
        if printed is not None and figure is None:
            return None  # a value that is not a figure (—, 无): nothing to compare
        total = total + Interval.of(figure)
        if printed is not None:
            shown.append((cell, printed.value))
    return total, shown


def _numbered_alike(published: PublishedYear, disclosure: Disclosure, table: str) -> bool:
    """Every line of `table` both years print has the same name in both, and there is one."""
    lines = {(c.row, c.item) for c in published.cells if c.table == table}
    return bool(lines) and all(_same_item(item, _label(disclosure, table, row)) for row, item in lines)


def _label(disclosure: Disclosure, table: str, row: str) -> str:
    from juesuan.rules.cells import row_at

    found = row_at(disclosure, CellRef(table, row, ""))
    return found.label if found else ""


_ORDINAL = re.compile(r"^(其中[：:]?)?[（(]?[一二三四五六七八九十百零\d]+[)）、.．]")


def _same_item(last: str, this: str) -> bool:
    """The same row name, numbering and spaces aside; a row without a name agrees with any."""
    last, this = (_ORDINAL.sub("", re.sub(r"\s+", "", name)) for name in (last, this))
    return not last or not this or last == this


@rule(
    id="N-last-year",
    title="情况说明上年数与上年决算一致",
    doc="第三部分所述上年数（及由本年数减增减额推得的上年数）须与语料库中本单位上年公开的决算表同一单元格一致"
    "（按尾数区间判断；以 --corpus 提供语料库）。",
)
def last_year_agrees(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    versions = published_versions(disclosure, this, disclosure.year - 1 if disclosure.year else 0)
    if not isinstance(versions, tuple):
        yield from [versions] if versions else []
        return
    for figure in last_year_figures(disclosure):
        yield from _against(disclosure, this, figure, versions)


def _against(
    disclosure: Disclosure, this: Rule, figure: LastYearFigure, versions: tuple[PublishedYear, ...]
) -> Iterator[Finding]:
    """An error when every version of last year's disclosure prints the item otherwise (one that
    agrees, or does not say, leaves nothing certain; one in 元 where this year's is in 万元 does not
    say); named after the likeliest version."""
    unit = money_unit(disclosure)
    printed = [
        printed_last_year(published, figure.cells, disclosure)
        if _same_money_unit(unit, published.money_unit)
        else None
        for published in versions
    ]
    if any(found is None or figure.value.overlaps(found[0]) for found in printed):
        return
    value, shown = printed[0]
    published = versions[0]
    from juesuan.rules.cells import cell_name

    if shown:
        cells = "、".join(f"{cell_name(disclosure, cell)} {text}" for cell, text in shown)
        total = f"合计 {value.mid:f}" if len(shown) > 1 else ""
        printed_words = f"印 {cells}{'，' + total if total else ''}"
    else:
        printed_words = f"{'、'.join(cell_name(disclosure, cell) for cell in figure.cells)}为空白"
        printed_words = f"的{printed_words}"
    difference = abs(Decimal(figure.text) - value.mid)
    message = f"{_stated(figure)}，而{published.year}年度决算公开{printed_words}（差 {difference:f}）"
    yield this.finding(message, figure.cells, where(figure.trace))


def money_unit(disclosure: Disclosure) -> str | None:
    """The 金额单位 the table heads state (the most of them: 万元, 元), None when none states one."""
    from collections import Counter

    from juesuan.rules.front import head_lines, money_units

    stated = Counter(unit for line in head_lines(disclosure) for unit in money_units(line))
    return stated.most_common(1)[0][0] if stated else None


def _same_money_unit(this: str | None, last: str | None) -> bool:
    """Last year's figures are of the same unit as this year's: known alike, or not stated in one
    of them (the national format is 万元)."""
    return this is None or last is None or this == last


def _stated(figure: LastYearFigure) -> str:
    change: Claim = figure.trace.claim
    if not figure.derived:
        return f"情况说明所述上年数“{claim_text(figure.trace.operands[1])}”"
    unit = change.figure.unit or "万元"
    return f"由“{claim_text(change)}”推得上年{figure.what}为 {figure.text}{unit}"
