"""行次 for tables printed without them (Shanghai's 收入支出决算总表 …), found by each row's label.

A label matches a template line when both read the same without white space, their numbering
(一、 （一） 1.) and bracketed asides (（含专用结余）); lines are matched in template order on each
side, so that a label printed twice (04: 一般公共预算财政拨款 as line 1 and again as line 29 under
年初财政拨款结转和结余) takes the next line that fits. A label that fits no line is left out of
the reading and kept by the caller under its own name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from juesuan.catalogue.tables import LineDefinition, SideDefinition, TableDefinition
from juesuan.catalogue.tables import label_key as catalogue_label_key
from juesuan.sources.pdf.chars import plain


@lru_cache(maxsize=8192)  # the template's labels are compared again and again
def label_key(text: str) -> str:
    """A label as compared (see `catalogue.tables.label_key`), Kangxi radicals made plain."""
    return catalogue_label_key(plain(text))


@dataclass
class SideCursor:
    """One side's template lines, matched in order."""

    lines: list[LineDefinition]
    position: int = 0
    used: set[str] = field(default_factory=set)

    def fits(self, label: str) -> bool:
        key = label_key(label)
        return bool(key) and any(key in map(label_key, line.labels) for line in self.lines)

    def number(self, label: str) -> str | None:
        """The 行次 the label stands for: the next fitting line, else any unused one."""
        key = label_key(label)
        order = list(range(self.position, len(self.lines))) + list(range(self.position))
        for index in order:
            line = self.lines[index]
            if line.line not in self.used and key in map(label_key, line.labels):
                self.used.add(line.line)
                self.position = max(self.position, index + 1)
                return line.line
        return None


def cursors(definition: TableDefinition) -> list[SideCursor]:
    return [
        SideCursor([line for line in definition.lines if side.holds(line.line)]) for side in definition.sides
    ]


def side_widths(definition: TableDefinition) -> list[int]:
    """Cells per side without a 行次 column: the label and one per column."""
    return [1 + len(side.columns) for side in definition.sides]


def number_cells(
    cells: list[str], definition: TableDefinition, sides: list[SideCursor]
) -> tuple[list[str], list[int]]:
    """The cells with a 行次 after each side's label, and the sides whose label fits no line.

    A side without a label (01's empty left cells beside the 支出 classes) gets no 行次."""
    numbered: list[str] = []
    unknown: list[int] = []
    start = 0
    for index, width in enumerate(side_widths(definition)):
        label, *figures = (cells[start : start + width] + [""] * width)[:width]
        start += width
        number = sides[index].number(label) if label else ""
        if number is None:
            unknown.append(index)
            label, number, figures = "", "", [""] * len(figures)
        numbered += [label, number, *figures]
    return numbered, unknown


def split_sides(cells: list[str], definition: TableDefinition) -> list[tuple[SideDefinition, list[str]]]:
    """Each side's (label, figures …) cells of a line printed without 行次."""
    parts, start = [], 0
    for side, width in zip(definition.sides, side_widths(definition), strict=True):
        parts.append((side, (cells[start : start + width] + [""] * width)[:width]))
        start += width
    return parts
