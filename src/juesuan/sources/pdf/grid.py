"""Ruled tables: the grid of a page's ruling lines, and which cell each character falls in.

A grid is a region where vertical rulings overlap; its row boundaries are the horizontal rulings'
heights, its column boundaries the vertical rulings' positions. In each row band the boundaries
actually drawn there say which columns are merged: a merged cell's text belongs to its first
column (as layout text prints it), the columns it covers stay empty. Text wrapped inside a cell,
and figures set a little above or below the middle of their row, fall in the right cell whatever
their height.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from juesuan.sources.pdf.chars import Box, Char, Ruling
from juesuan.sources.pdf.settings import SETTINGS

TOLERANCE = SETTINGS.ruling_tolerance


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]  # column boundaries, left to right
    ys: tuple[float, ...]  # row boundaries, top to bottom
    spans: tuple[tuple[tuple[int, int], ...], ...]  # per band: (first, end) column of each cell
    roots: tuple[tuple[int, ...], ...]  # per band and column: the band its cell begins in

    @property
    def box(self) -> Box:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def by_cell(self, chars: Iterable[Char]) -> dict[tuple[int, int], list[Char]]:
        """The characters by the cell their centre falls in: (band, first column); a cell merged
        over several bands is the band it begins in."""
        xs, ys, cells = self.xs, self.ys, self._cells
        found: dict[tuple[int, int], list[Char]] = {}
        for char in chars:
            # bisecting between the first and the last boundary: a centre outside the grid
            # falls in its first or last band (column)
            band = bisect_right(ys, (char.top + char.bottom) / 2, 1, len(ys) - 1) - 1
            column = bisect_right(xs, (char.x0 + char.x1) / 2, 1, len(xs) - 1) - 1
            found.setdefault(cells[band][column], []).append(char)
        return found

    @cached_property
    def _cells(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Per band and column: (band, first column) of the cell it belongs to."""
        firsts = [self._firsts(band) for band in range(len(self.spans))]
        return tuple(
            tuple((root, firsts[root][column]) for column, root in enumerate(roots)) for roots in self.roots
        )

    def _firsts(self, band: int) -> list[int]:
        """For each column of the band, the first column of the cell it belongs to."""
        firsts = list(range(len(self.xs) - 1))
        for start, end in self.spans[band]:
            firsts[start:end] = [start] * (end - start)
        return firsts

    def cell_box(self, band: int, first: int, end: int) -> Box:
        """The box of the cell that begins in the band and spans columns first … end - 1."""
        last = band
        while last + 1 < len(self.roots) and self.roots[last + 1][first] == band:
            last += 1
        return self.xs[first], self.ys[band], self.xs[end], self.ys[last + 1]

    def span(self, band: int, first: int) -> int:
        return next((end - start for start, end in self.spans[band] if start == first), 1)


def find_grids(rulings: Iterable[Ruling]) -> list[Grid]:
    """The ruled tables of a page, top to bottom."""
    horizontal: list[Ruling] = []
    vertical: list[Ruling] = []
    for ruling in rulings:
        (horizontal if ruling.horizontal else vertical).append(ruling)
    grids = []
    for top, bottom in _regions(vertical):
        inside = [v for v in vertical if top - TOLERANCE <= v.top and v.bottom <= bottom + TOLERANCE]
        left, right = min(v.x0 for v in inside), max(v.x1 for v in inside)
        rows = [h for h in horizontal if top - TOLERANCE <= h.top <= bottom + TOLERANCE]
        rows = [h for h in rows if h.x1 > left + TOLERANCE and h.x0 < right - TOLERANCE]
        grid = _grid(inside, rows)
        if grid is not None:
            grids.append(grid)
    return grids


def _regions(vertical: list[Ruling]) -> list[tuple[float, float]]:
    """The vertical extents where vertical rulings overlap: one per table."""
    regions: list[list[float]] = []
    for ruling in sorted(vertical, key=lambda r: r.top):
        if regions and ruling.top <= regions[-1][1] + TOLERANCE:
            regions[-1][1] = max(regions[-1][1], ruling.bottom)
        else:
            regions.append([ruling.top, ruling.bottom])
    return [(top, bottom) for top, bottom in regions if bottom - top > 2 * TOLERANCE]


def _grid(vertical: list[Ruling], horizontal: list[Ruling]) -> Grid | None:
    xs = _levels((v.x0 + v.x1) / 2 for v in vertical)
    ys = _levels((h.top + h.bottom) / 2 for h in horizontal)
    if len(xs) < 3 or len(ys) < 2:
        return None  # a box around text, a chart's axes: no table
    drawn = _drawn(xs, vertical)
    bands = list(pairwise(ys))
    spans = tuple(_spans(drawn, (top + bottom) / 2) for top, bottom in bands)
    return Grid(tuple(xs), tuple(ys), spans, _roots(xs, ys, horizontal))


def _roots(xs: list[float], ys: list[float], horizontal: list[Ruling]) -> tuple[tuple[int, ...], ...]:
    """For each band and column, the band where its cell begins: the rows above it up to the first
    horizontal ruling drawn across the column belong to one cell."""
    middles = [(a + b) / 2 for a, b in pairwise(xs)]
    crossing = [[False] * len(middles) for _ in ys]
    for ruling in horizontal:
        level = _nearest(ys, (ruling.top + ruling.bottom) / 2)
        # the columns whose middle lies within the ruling's reach: a run of the sorted middles
        first, end = bisect_left(middles, ruling.x0 - TOLERANCE), bisect_right(middles, ruling.x1 + TOLERANCE)
        crossing[level][first:end] = [True] * max(end - first, 0)
    roots = [[0] * len(middles)]
    for band in range(1, len(ys) - 1):
        roots.append([band if crossing[band][c] else roots[band - 1][c] for c in range(len(middles))])
    return tuple(tuple(row) for row in roots)


def _nearest(levels: list[float], value: float) -> int:
    """The index of the level nearest to the value (levels sorted)."""
    index = bisect_right(levels, value)
    if index == len(levels) or (index and value - levels[index - 1] <= levels[index] - value):
        return index - 1
    return index


def _levels(values: Iterable[float]) -> list[float]:
    """Positions closer than TOLERANCE merged into one (their mean)."""
    levels: list[list[float]] = []
    for value in sorted(values):
        if levels and value - levels[-1][-1] <= TOLERANCE:
            levels[-1].append(value)
        else:
            levels.append([value])
    return [sum(level) / len(level) for level in levels]


def _drawn(xs: list[float], vertical: list[Ruling]) -> list[_Extents]:
    """For each column boundary, the vertical extents where a ruling is drawn along it."""
    drawn: list[list[tuple[float, float]]] = [[] for _ in xs]
    for ruling in vertical:
        x = (ruling.x0 + ruling.x1) / 2
        drawn[_nearest(xs, x)].append((ruling.top - TOLERANCE, ruling.bottom + TOLERANCE))
    return [_merged(extents) for extents in drawn]


_Extents = tuple[list[float], list[float]]  # the starts and the ends of extents that do not overlap


def _merged(extents: list[tuple[float, float]]) -> _Extents:
    """The extents, those that overlap or touch merged into one, top to bottom."""
    starts: list[float] = []
    ends: list[float] = []
    for start, end in sorted(extents):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _covers(extents: _Extents, y: float) -> bool:
    """Whether one of the extents holds y: the last one that starts above it, if any."""
    starts, ends = extents
    index = bisect_right(starts, y) - 1
    return index >= 0 and y <= ends[index]


def _spans(drawn: list[_Extents], middle: float) -> tuple[tuple[int, int], ...]:
    """The cells of the band through `middle`: runs of columns between boundaries drawn there."""
    inner = [i for i in range(1, len(drawn) - 1) if _covers(drawn[i], middle)]
    bounds = [0, *inner, len(drawn) - 1]
    return tuple(pairwise(bounds))
