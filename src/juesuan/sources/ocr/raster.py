"""Page images: ruling lines found in the pixels and wiped, image files opened, PDF pages rendered.

A scan has no drawn lines, only ink. A table's rulings are long thin runs of dark pixels: they
become the `Ruling`s the PDF reader finds its grids with (so a scanned table is cut into cells
as a printed one is), and they are wiped from the image before recognition (a ruling beside a
figure reads as 1, | or 了). Horizontal rulings are at least `LONG` points long (no stroke of a
character is); vertical ones at least `TALL` points and touching a horizontal one at an end
(a title's tall strokes touch none). Coordinates: pixels here, points (1/72 in) in a `Ruling`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from juesuan.sources.pdf.chars import Ruling
from juesuan.sources.pdf.settings import SETTINGS

if TYPE_CHECKING:
    import numpy as np

INK = 200  # a gray level below this is ink (0 black … 255 white): a thin ruling is light gray
LONG = 30.0  # points: the shortest horizontal ruling
TALL = 12.0  # points: the shortest vertical ruling
FRINGE = 0.5  # points: wiped around a ruling
REACH = 3.0  # points: how close a vertical ruling's end comes to the horizontal one it meets


@dataclass(frozen=True)
class Segment:
    """A run of ink pixels along one direction: rows top … bottom, columns left … right (inclusive)."""

    top: int
    bottom: int
    left: int
    right: int


def rulings(gray: np.ndarray, scale: float) -> tuple[list[Ruling], list[Segment]]:
    """The page's rulings in points, and the pixel segments they came from (to wipe)."""
    ink = gray < INK
    thick = SETTINGS.thin * scale
    across = [s for s in _segments(ink, round(LONG * scale)) if s.bottom - s.top + 1 <= thick]
    down = [_transposed(s) for s in _segments(ink.T, round(TALL * scale))]
    down = [s for s in down if s.right - s.left + 1 <= thick and _meets(s, across, REACH * scale)]
    found = [_ruling(s, scale) for s in across + down]
    return found, across + down


def wiped(gray: np.ndarray, segments: list[Segment], scale: float) -> np.ndarray:
    """The image with the segments painted white, with a fringe of half a point around each
    (a blurred ruling's edge, left, reads as a quote mark)."""
    clean = gray.copy()
    fringe = max(1, round(FRINGE * scale))
    for s in segments:
        clean[
            max(s.top - fringe, 0) : s.bottom + fringe + 1, max(s.left - fringe, 0) : s.right + fringe + 1
        ] = 255
    return clean


def _segments(ink: np.ndarray, shortest: int) -> list[Segment]:
    """Horizontal runs of ink at least `shortest` long, runs on neighbouring rows that overlap
    joined into one segment (a line a few pixels thick)."""
    import numpy as np

    edges = np.diff(np.pad(ink, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # row-major order: the n-th end closes the n-th start
    long = ends - starts >= shortest
    open_: list[list[int]] = []  # [top, bottom, left, right]
    done: list[list[int]] = []
    for row, left, right in zip(
        rows[long].tolist(), starts[long].tolist(), (ends[long] - 1).tolist(), strict=True
    ):
        for segment in open_:
            if segment[1] >= row - 1 and min(right, segment[3]) - max(left, segment[2]) >= shortest // 2:
                segment[1], segment[2], segment[3] = row, min(left, segment[2]), max(right, segment[3])
                break
        else:
            open_.append([row, row, left, right])
        done += [s for s in open_ if s[1] < row - 1]
        open_ = [s for s in open_ if s[1] >= row - 1]
    return [Segment(*s) for s in done + open_]


def _transposed(s: Segment) -> Segment:
    return Segment(s.left, s.right, s.top, s.bottom)


def _meets(vertical: Segment, across: list[Segment], reach: float) -> bool:
    """Whether the vertical segment's top or bottom end touches one of the horizontal ones."""
    return any(
        h.left - reach <= vertical.left <= h.right + reach
        and any(h.top - reach <= end <= h.bottom + reach for end in (vertical.top, vertical.bottom))
        for h in across
    )


def _ruling(s: Segment, scale: float) -> Ruling:
    return Ruling(s.left / scale, s.top / scale, (s.right + 1) / scale, (s.bottom + 1) / scale)
