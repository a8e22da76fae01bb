"""A PDF's lines split into the five parts, as `text.lines.split_parts` does for layout text, with
what printed PDFs add: running heads and page numbers, a table of contents without page numbers,
a part heading wrapped onto two lines, and tables printed without a 第二部分 heading before them.
"""

from __future__ import annotations

import re
from collections import Counter

from juesuan.catalogue.tables import definition_for_title
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.narrative import SECTION
from juesuan.sources.pdf.layout import PdfLine

_PART = re.compile(r"^第([一二三四五])部分")
_TOC_TAIL = re.compile(r"(\.{3,}|…{2,})\s*\d*$|\t\s*\d+\s*$")
_PAGE_NUMBER = re.compile(r"^[-—–－―\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/共]\s*\d+\s*页?)?[-—–－―\s]*$")
_TABLES_HEADING = re.compile(r"\d{4}\s*年度?\s*(?:部门|单位)?决算表$")
_MARGIN = 0.1  # running heads and page numbers sit in the top or bottom tenth of the page
_DIGITS = re.compile(r"\d+")


def drop_furniture(pages: list[list[PdfLine]], heights: list[float]) -> list[PdfLine]:
    """The lines of all pages without running heads, running feet and page numbers."""
    margins = [
        [line for line in lines if _in_margin(line, height)]
        for lines, height in zip(pages, heights, strict=True)
    ]
    counts = Counter(key for lines in margins for key in {_key(line) for line in lines})
    repeated = {key for key, count in counts.items() if count >= max(2, len(pages) * 0.3)}
    kept = []
    for lines, margin in zip(pages, margins, strict=True):
        furniture = {id(line) for line in margin if _key(line) in repeated or _PAGE_NUMBER.match(line.text)}
        kept += [line for line in lines if id(line) not in furniture]
    return kept


def _in_margin(line: PdfLine, height: float) -> bool:
    return not line.grid and (line.box[3] <= height * _MARGIN or line.box[1] >= height * (1 - _MARGIN))


def _key(line: PdfLine) -> str:
    return _DIGITS.sub("#", "".join(line.text.split()))


def split_parts(lines: list[Line], pdf: list[PdfLine]) -> tuple[list[Line], dict[int, list[Line]]]:
    """(front matter, {part number: its lines}). A part heading whose number does not grow ends a
    table of contents (everything before it is front matter); tables before any 第二部分 heading
    open part 2; a short line under a part heading, in its type size, is the heading's end."""
    splitter = _Splitter(pdf)
    for line in lines:
        splitter.take(line)
    return splitter.front, splitter.parts


class _Splitter:
    def __init__(self, pdf: list[PdfLine]) -> None:
        self.pdf = pdf
        self.front: list[Line] = []
        self.parts: dict[int, list[Line]] = {}
        self.current = 0  # the part being read (0: front matter)

    def take(self, line: Line) -> None:
        number, printed = _part_number(line), self.pdf[line.no - 1]
        if number:
            self._open(number, line)
        elif self.current < 2 and _opens_tables(line, printed):
            self.current, self.parts[2] = 2, []
            (self.parts[2] if definition_for_title(line.text) else self.front).append(line)
        elif not self.current:
            self.front.append(line)
        elif not _ends_heading(self.parts[self.current], printed, self.pdf):
            self.parts[self.current].append(line)

    def _open(self, number: int, heading: Line) -> None:
        if number <= self.current:  # the parts so far were a table of contents
            self.front += [line for key in sorted(self.parts) for line in self.parts[key]]
            self.parts.clear()
        self.current = number
        self.parts[number] = [heading]


def _part_number(line: Line) -> int:
    match = _PART.match(line.text)
    if not match or _TOC_TAIL.search(line.text):
        return 0
    return "一二三四五".index(match.group(1)) + 1


def _opens_tables(line: Line, printed: PdfLine) -> bool:
    """A table title (or "…2024年度部门决算表") printed alone on its line, before any table."""
    if printed.grid or len(line.filled) > 1 or any(char.isdigit() for char in line.text[-6:]):
        return False
    return (
        bool(_TABLES_HEADING.search(line.text.replace(" ", "")))
        or definition_for_title(line.text) is not None
    )


def _ends_heading(part: list[Line], printed: PdfLine, pdf: list[PdfLine]) -> bool:
    """Whether the line is the second line of the part heading just above it ("情况说明")."""
    text = "".join(printed.cells)
    if len(part) != 1 or printed.grid or len(text) > 12 or SECTION.match(text):
        return False
    heading = pdf[part[0].no - 1]
    return heading.page == printed.page and abs(heading.em - printed.em) < 0.5
