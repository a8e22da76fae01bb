"""Figures take the origin of the cell they are read from, by its index in the line: the readers
give their lines per-cell origins (`Line.origins`), the shared table readers keep each cell's index
through their reshaping."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from conftest import SAMPLE

from juesuan.model import Origin
from juesuan.sources.layout.lines import Line, split_lines, split_parts
from juesuan.sources.layout.tables import read_tables


def test_a_cell_without_its_own_origin_is_at_the_line():
    line = Line(7, "合计\t1.00\t2.00")
    assert line.origin_of(1) == Origin(line=7)
    placed = replace(line, origins=(Origin(cell="A7"), Origin(cell="B7")))
    assert placed.origin_of(1) == Origin(cell="B7")
    assert placed.origin_of(2) == placed.origin_of(-1) == Origin(line=7)
    assert placed == line  # the origins are not part of the line's identity


def test_every_figure_is_read_from_the_cell_whose_origin_it_carries():
    _, parts = split_parts(split_lines(SAMPLE.read_text(encoding="utf-8")))
    lines = [replace(line, origins=_numbered(line)) for line in parts[2]]
    cells = {line.no: line.cells for line in lines}
    tables, _ = read_tables(lines)
    used: Counter[tuple[int, str]] = Counter()
    figures = [figure for table in tables for row in table.rows for _, figure in row.cells]
    assert len(figures) > 200
    for figure in figures:
        origin = figure.origin
        assert origin.cell is not None, figure
        assert cells[origin.line][int(origin.cell)] == figure.text
        used[(origin.line, origin.cell)] += 1
    assert max(used.values()) == 1  # an amount printed twice on a line (01's two sides): two cells


def _numbered(line: Line) -> tuple[Origin, ...]:
    """Each cell's origin: the line and the cell's index."""
    return tuple(Origin(line=line.no, cell=str(index)) for index in range(len(line.cells)))
