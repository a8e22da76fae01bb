"""What a rule reports: a finding, its severity, the cells it concerns and where it sits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from juesuan.model import Disclosure, Origin


class Severity(StrEnum):
    ERROR = "error"  # a certain disagreement
    WARNING = "warning"  # normally wrong, but the rules allow exceptions
    INFO = "info"


@dataclass(frozen=True)
class CellRef:
    """A tidy-cell address: table ('01'…'10'), row key and column key."""

    table: str
    row: str
    col: str

    def to_dict(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class Finding:
    """One disagreement: rule id, severity, a Chinese message, the cells and where in the source.

    The first cell is the subject (the left-hand side of an identity); the others are
    the cells it was compared with. `where` says in words where the finding sits; `origin` is
    the same place as data (line, page and box, or sheet and cell): a rule gives it where it
    knows the paragraph, and the review step (`rules.report.review`) gives a finding with cells
    its subject cell's.
    """

    rule: str
    severity: Severity
    message: str
    cells: tuple[CellRef, ...] = ()
    where: str = ""
    origin: Origin | None = None

    def as_tuple(self) -> tuple[str, str, str, str]:
        """(rule, table, row, col) of the subject cell: the flat form tests assert on."""
        if not self.cells:
            return (self.rule, "", "", "")
        first = self.cells[0]
        return (self.rule, first.table, first.row, first.col)

    def cell_tuples(self) -> tuple[tuple[str, str, str, str], ...]:
        return tuple((self.rule, c.table, c.row, c.col) for c in self.cells)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "cells": [cell.to_dict() for cell in self.cells],
            "where": self.where,
            "origin": origin_dict(self.origin),
        }

    def __str__(self) -> str:
        where = f" {self.where}" if self.where else ""
        return f"[{self.severity}] {self.rule}{where}：{self.message}"


def flatten(findings: Iterable[Finding]) -> list[tuple[str, str, str, str]]:
    """Each finding as (rule, table, row, col), in order."""
    return [finding.as_tuple() for finding in findings]


def origin_dict(origin: Origin | None) -> dict[str, object] | None:
    """The origin's fields that are set (the JSON form), None for no origin."""
    if origin is None:
        return None
    fields = {"line": origin.line, "page": origin.page, "printed_page": origin.printed_page}
    fields["ocr_confidence"] = round(origin.confidence, 2) if origin.confidence is not None else None
    box = [round(edge, 2) for edge in origin.box] if origin.box else None  # points: 0.01 is plenty
    fields.update(box=box, sheet=origin.sheet, cell=origin.cell)
    return {key: value for key, value in fields.items() if value is not None}


def known(origin: Origin | None) -> bool:
    return origin is not None and origin != Origin()


def cell_origins(disclosure: Disclosure, finding: Finding) -> tuple[Origin, ...]:
    """Where each of the finding's cells was printed, subject first, each place once: the
    figure's origin, else its row's (a printed blank); cells never read give none."""
    from juesuan.rules.cells import row_at

    found: dict[Origin, None] = {}
    for cell in finding.cells:
        if not cell.table.isdigit():
            origin = form_cell_origin(disclosure, cell)
        elif (row := row_at(disclosure, cell)) is not None:
            figure = row.get(cell.col)
            origin = next((o for o in (figure.origin if figure else None, row.origin) if known(o)), None)
        else:
            origin = None
        if origin is not None:
            found[origin] = None
    return tuple(found)


# 绩效自评表 cells (table P01 …): the rules' column names → the funding line's figures
FUNDING_COLUMNS = {
    "全年预算数": "full_year_budget",
    "全年执行数": "executed",
    "资金结(转)余": "balance",
    "执行率": "execution_rate",
    "得分": "score",
}


def form_cell_origin(disclosure: Disclosure, cell: CellRef) -> Origin | None:
    """Where a 绩效自评表 cell was printed: a funding line's figure, an indicator's 分值 or 得分,
    the form's 总分; else the line's or indicator's own origin."""
    index = int(cell.table[1:]) if cell.table[:1] == "P" and cell.table[1:].isdigit() else 0
    if not 0 < index <= len(disclosure.forms):
        return None
    form = disclosure.forms[index - 1]
    figure, holder = None, None
    if cell.row == "总分":
        figure, holder = form.total_score, form
    elif line := next((each for each in form.funding if each.name == cell.row), None):
        figure, holder = getattr(line, FUNDING_COLUMNS.get(cell.col, ""), None), line
    elif indicator := next((each for each in form.indicators if each.name == cell.row), None):
        figure = {"分值": indicator.weight, "得分": indicator.score}.get(cell.col)
        holder = indicator
    candidates = (figure.origin if figure is not None else None, holder.origin if holder else None)
    return next((origin for origin in candidates if known(origin)), None)


def with_origin(disclosure: Disclosure, finding: Finding, named: dict[str, Origin] | None = None) -> Finding:
    """The finding with its origin: the rule's, else its subject cell's, else the place its
    `where` ends with (原文第68行), looked up among the disclosure's lines (`named_origins`)."""
    if known(finding.origin):
        return finding
    origins = cell_origins(disclosure, finding)
    if not origins and finding.where:
        named = named_origins(disclosure) if named is None else named
        origins = tuple(o for o in (named.get(finding.where.rsplit(" ", 1)[-1]),) if o is not None)
    return replace(finding, origin=origins[0]) if origins else finding


def named_origins(disclosure: Disclosure) -> dict[str, Origin]:
    """The origin of each line and paragraph by its name (原文第68行, 第15页): a name that several
    places share (a PDF page) stands for the page alone, without a box."""
    named: dict[str, Origin] = {}
    for paragraph in _paragraphs(disclosure):
        name, origin = str(paragraph.origin), paragraph.origin
        if not known(origin):
            continue
        if name in named and named[name] != origin:
            origin = (
                Origin(page=origin.page, printed_page=origin.printed_page) if origin.page else named[name]
            )
        named[name] = origin
    return named


def _paragraphs(disclosure: Disclosure):
    yield from (*disclosure.front, *disclosure.overview.duties, *disclosure.overview.organisation)
    for section in disclosure.narrative:
        yield section
        yield from _sections(section)
    yield from (*disclosure.glossary, *disclosure.extras)


def _sections(section):
    yield from section.paragraphs
    for child in section.subsections:
        yield child
        yield from _sections(child)
