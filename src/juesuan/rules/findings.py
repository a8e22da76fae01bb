"""What a rule reports: a finding, its severity and the cells it concerns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


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
    the cells it was compared with.
    """

    rule: str
    severity: Severity
    message: str
    cells: tuple[CellRef, ...] = ()
    where: str = ""

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
        }

    def __str__(self) -> str:
        where = f" {self.where}" if self.where else ""
        return f"[{self.severity}] {self.rule}{where}：{self.message}"


def flatten(findings: Iterable[Finding]) -> list[tuple[str, str, str, str]]:
    """Each finding as (rule, table, row, col), in order."""
    return [finding.as_tuple() for finding in findings]
