"""Layout text as numbered lines of TAB-separated cells, split into the five parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.model import Origin
from juesuan.sources import limits

PART_NAMES = ("概况", "部门决算表", "情况说明", "名词解释", "附件")
_PART = re.compile(r"^第([一二三四五])部分\s*(\S.*)?$")
_TOC_TAIL = re.compile(r"(\.{3,}|…{2,})|\t\s*\d+\s*$")


@dataclass(frozen=True)
class Line:
    """A numbered line; a reader that knows where each cell sits gives `origins`, one per cell
    (aligned with `cells`), else every cell is at the line's origin."""

    no: int  # 1-based line number in the source
    text: str  # the line with surrounding white space removed
    origins: tuple[Origin, ...] = field(default=(), kw_only=True, compare=False, repr=False)

    @property
    def cells(self) -> list[str]:
        """The TAB-separated cells, each stripped; empty cells are kept (they carry position)."""
        return [cell.strip() for cell in self.text.split("\t")]

    @property
    def filled(self) -> list[str]:
        return [cell for cell in self.cells if cell]

    @property
    def origin(self) -> Origin:
        return Origin(line=self.no)

    def origin_of(self, index: int) -> Origin:
        """The origin of the index-th cell: its own where the reader gave one, else the line's."""
        return self.origins[index] if 0 <= index < len(self.origins) else self.origin


def split_lines(text: str) -> list[Line]:
    """The text's non-blank lines, numbered as in the text; `Unnamed` past the limits on lines
    (`limits.TEXT_LINES`) and on characters in a line (`limits.LINE_CHARS`)."""
    raws = text.splitlines()
    check_text_lines(raws)
    return [Line(no, raw.strip()) for no, raw in enumerate(raws, start=1) if raw.strip()]


def check_text_lines(raws: list[str]) -> None:
    """`Unnamed` past the limits on lines and on characters in a line."""
    from juesuan.sources import Unnamed

    if len(raws) > limits.MAX_TEXT_LINES:
        raise Unnamed(limits.TEXT_LINES.said(len(raws), limits.MAX_TEXT_LINES))
    if raws and max(map(len, raws)) > limits.MAX_LINE_CHARS:
        number = next(no for no, raw in enumerate(raws, start=1) if len(raw) > limits.MAX_LINE_CHARS)
        raise Unnamed(limits.LINE_CHARS.said(limit=limits.MAX_LINE_CHARS, where=f"文本第{number}行"))


def check_lines(lines: list[Line], places: dict[int, str]) -> None:
    """`Unnamed` for a line longer than `limits.LINE_CHARS`, named by its place ("段落12")."""
    from juesuan.sources import Unnamed

    for line in lines:
        if len(line.text) > limits.MAX_LINE_CHARS:
            where = places.get(line.no, f"第{line.no}行")
            raise Unnamed(limits.LINE_CHARS.said(limit=limits.MAX_LINE_CHARS, where=f"Word 文件{where}"))


def split_parts(lines: list[Line]) -> tuple[list[Line], dict[int, list[Line]]]:
    """(front matter, {part number 1..5: its lines}); table-of-contents lines are front matter."""
    front: list[Line] = []
    parts: dict[int, list[Line]] = {}
    current: list[Line] = front
    for line in lines:
        match = _PART.match(line.text)
        if match and not _TOC_TAIL.search(line.text):
            number = "一二三四五".index(match.group(1)) + 1
            current = parts.setdefault(number, [])
            current.append(line)
            continue
        current.append(line)
    return front, parts
