"""A PDF's lines split into the five parts, as `layout.split_document` does for layout text, with
what printed PDFs add: running heads and page numbers, a table of contents without page numbers,
a part heading wrapped onto two or three lines, and tables printed without a heading before them.
"""

from __future__ import annotations

import re
from collections import Counter

from juesuan.catalogue.tables import definition_for_title
from juesuan.sources.layout import (
    BareParts,
    by_kind,
    heading_kind,
    is_part_heading,
    part_kind,
    printed_part,
)
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.narrative import (
    NARRATIVE_PART,
    SECTION,
    SUBSECTION,
    heading,
    is_prose,
    titled_part,
)
from juesuan.sources.layout.table_meta import is_numeric
from juesuan.sources.pdf.layout import PdfLine
from juesuan.sources.pdf.settings import SETTINGS

_TOC_TAIL = re.compile(r"(\.{3,}|…{2,})\s*\d*$|\t\s*\d+\s*$")
_PAGE_NUMBER = re.compile(r"^[-—–－―\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/共]\s*\d+\s*页?)?[-—–－―\s]*$")
_TABLES_HEADING = re.compile(r"\d{4}\s*年度?\s*(?:部门|单位)?决算表$")
_MARGIN = SETTINGS.page_margin
_NARRATIVE_TITLE = re.compile(r"\d{4}年度?(?:部门|单位)(?:综合)?预算(?:情况)?说明$")
_TITLE_LINES = 5  # the cover's lines a title is sought in
_TABLES_PART = re.compile(r"^[一二三四五六七八九十]+、表格部分$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
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


def page_numbers(pages: list[list[PdfLine]]) -> dict[int, int]:
    """The number each page prints (- 15 -, 第15页, 15, 3/20) as its top or bottom line, outside
    any table, by the file's page number, for the pages that print one: what a reader cites."""
    found: dict[int, int] = {}
    for lines in pages:
        free = [line for line in lines if not line.grid]
        ends = (
            [min(free, key=lambda line: line.box[1]), max(free, key=lambda line: line.box[3])] if free else []
        )
        for line in reversed(ends):  # the foot first
            if _PAGE_NUMBER.match(line.text) and 0 < (number := int(_DIGITS.findall(line.text)[0])) <= len(
                pages
            ):
                found.setdefault(line.page, number)
    return found


def _in_margin(line: PdfLine, height: float) -> bool:
    return not line.grid and (line.box[3] <= height * _MARGIN or line.box[1] >= height * (1 - _MARGIN))


def _key(line: PdfLine) -> str:
    return _DIGITS.sub("#", "".join(line.text.split()))


def split_parts(lines: list[Line], pdf: list[PdfLine]) -> tuple[list[Line], dict[int, list[Line]]]:
    """(front matter, {the template's part number: its lines, its heading first}).

    Parts are headed 第X部分 … or, where a document prints none, 一、学校概况 … (`BareParts`); what a
    part is comes from its heading's words and its content (`layout.by_kind`), never from its
    printed number. A part heading whose number does not grow ends a table of contents
    (everything before it is front matter); tables before any part heading of theirs open the
    tables; the lines under a part heading that finish it (wrapped: 第三部分 / 国家信访局2024年度
    部门决 / 算情况说明) are joined to it.
    """
    splitter = _Splitter(pdf, numbered=any(_part_number(line) for line in lines))
    for line in lines:
        splitter.take(line)
    if not splitter.parts and _budget():
        return _titled_narrative(splitter.front)
    if not _budget():
        return splitter.front, by_kind(splitter.parts)
    parts = [_narrative_part(part) for part in splitter.parts]
    kinds = _with_part_titles(parts, by_kind(parts))
    if not kinds.get(NARRATIVE_PART) and kinds.get(1) and _titled_narrative(splitter.front)[1]:
        return splitter.front, {**kinds, **_sections_as_parts(kinds[1])}
    return splitter.front, kinds


def _sections_as_parts(lines: list[Line]) -> dict[int, list[Line]]:
    """A 预算 titled as its 说明 on the cover, with tables after it (重庆 2026: 2026年部门预算情况说明,
    then 一、单位基本情况 … 五、其他重要事项的情况说明, 六、名词解释, before 表一): its sections, read
    as one part under 一、单位基本情况, are the parts they name: 概况 and 名词解释 by their titles'
    words, the sections between them the 情况说明."""
    found: dict[int, list[Line]] = {}
    kind = 1
    for line in lines:
        if heading(SECTION, line.text):
            named = heading_kind(line.text)
            kind = named if named in (1, 4) else NARRATIVE_PART
        found.setdefault(kind, []).append(line)
    return found


def _narrative_part(part: tuple[int, list[Line]]) -> tuple[int, list[Line]]:
    """A 预算's part whose heading names no part and which holds no table is part of its 情况说明
    (深圳: 第二部分 部门预算收支总体情况 … 第八部分 其他需要说明情况, the tables under 二、表格部分)."""
    _, lines = part
    if not lines or heading_kind(lines[0].text) is not None or not _PART.match(lines[0].text.strip()):
        return part
    if any(definition_for_title(line.text) is not None for line in lines[1:]):
        return part
    return 3, lines


def _with_part_titles(
    parts: list[tuple[int, list[Line]]], kinds: dict[int, list[Line]]
) -> dict[int, list[Line]]:
    """A 预算's 情况说明 printed as several parts (深圳: 第二部分 部门预算收支总体情况 … 第八部分 其他需要
    说明情况, each numbering its own 一、) keeps each part's 第X部分 heading, which `by_kind` leaves
    out of all but the first: the narrative reader reads them as the titles of its sections."""
    narrative = [lines for printed, lines in parts if lines and part_kind(lines, printed) == NARRATIVE_PART]
    if sum(bool(printed_part(lines[0].text)) for lines in narrative) < 2:
        return kinds
    kept = list(narrative[0])
    for lines in narrative[1:]:
        kept += lines if printed_part(lines[0].text) or not is_part_heading(lines[0].text) else lines[1:]
    return {**kinds, NARRATIVE_PART: kept}


def _titled_narrative(lines: list[Line]) -> tuple[list[Line], dict[int, list[Line]]]:
    """A 预算 that prints no part heading and no table, titled as its 说明 (西安 2019: 西安市发展和改革
    委员会 / 2019 年部门综合预算说明, then 一、… 五、…): all that follows that title is its 情况说明."""
    for index, line in enumerate(lines[:_TITLE_LINES]):
        if _NARRATIVE_TITLE.search("".join(line.text.split())):
            return lines[: index + 1], {3: lines[index + 1 :]}
    return lines, {}


class _Splitter:
    def __init__(self, pdf: list[PdfLine], numbered: bool) -> None:
        self.pdf = pdf
        self.numbered = numbered
        self.bare = BareParts()
        self.front: list[Line] = []
        self.parts: list[tuple[int, list[Line]]] = []  # (printed number, lines), in printed order
        self.current = 0  # the printed number of the part being read (0: front matter)
        self.tables = False  # a part opened by the tables' own title, or headed as the tables
        self.figures = False  # a line of figures read since: the tables printed, not their 目录
        self.wrapped = 0  # heading lines joined to the open part's heading
        self.titled = False  # a part opened by its own unnumbered title (`_titled_part`)

    def take(self, line: Line) -> None:
        number, printed = self._heading(line), self.pdf[line.no - 1]
        titled = _titled_part(line, printed) if not number and _budget() else None
        if number:
            self._open(number, line)
        elif titled is not None and titled != self.current:
            # 预算: a part under its own title, unnumbered (上海 2024年单位预算编制说明 before the
            # tables, 其他相关情况说明 after them): its title stays its first line, read as a section;
            # tables opened before it and printing no figure were its 目录's lines
            if self.tables and not self.figures:
                self.front += [line for _, lines in self.parts for line in lines]
                self.parts.clear()
                self.tables = False
            self.current, self.titled, self.wrapped = titled, True, 0
            self.parts.append((titled, [line]))
        elif self.parts and not printed.grid and _TABLES_PART.match(_flat(printed)) and _budget():
            # 预算: 二、表格部分 after the numbered parts of the 文字部分 (深圳) opens the tables
            self.current, self.tables, self.wrapped = self.current + 1, True, 0
            self.front.append(line)  # as "…2024年度部门决算表" over the tables
            self.parts.append((self.current, []))
        elif (self.current < 2 or self.titled) and not self.tables and _opens_tables(line, printed):
            self.current, self.tables = 2, True
            if definition_for_title(line.text):
                self.parts.append((2, [line]))
            else:  # "…2024年度部门决算表" over the tables: front matter, as before the tables
                self.front.append(line)
                self.parts.append((2, []))
        elif not self.parts:
            self.front.append(line)
        elif self._finishes_heading(line, printed):
            lines = self.parts[-1][1]
            above = lines[0].text
            lines[0] = Line(lines[0].no, f"{above}{' ' if above.endswith('部分') else ''}{_flat(printed)}")
            self.wrapped += 1
        else:
            self.parts[-1][1].append(line)
            self.figures |= self.tables and any(is_numeric(cell) for cell in line.filled)

    def _heading(self, line: Line) -> int:
        return _part_number(line) if self.numbered else self.bare.take(line.text)

    def _open(self, number: int, heading: Line) -> None:
        if number <= self.current and self.figures and _budget():
            # 预算: a heading numbered anew after the tables (上海 七、项目经费情况说明 lists 一、项目概况
            # per project) is the content of the part it is in, not the start of the document; after
            # a 目录 that names the tables (第二部分 部门预算表) and prints none, it is the document's start
            self.parts[-1][1].append(heading)
            return
        if number <= self.current:  # the parts so far were a table of contents
            self.front += [line for _, lines in self.parts for line in lines]
            self.parts.clear()
            self.tables = self.figures = False
            self.bare = BareParts()
        self.current, self.wrapped = number, 0
        self.tables |= heading_kind(heading.text) == 2
        self.parts.append((number, [heading]))

    def _finishes_heading(self, line: Line, printed: PdfLine) -> bool:
        """Whether the line is the end of the part heading just above it, in its type size on its
        page: a short line ("情况说明"), or, while the heading names no part yet, up to two lines."""
        lines = self.parts[-1][1]
        if len(lines) != 1 or not is_part_heading(lines[0].text) or self.wrapped >= 2:
            return False
        text = _flat(printed)
        if printed.grid or is_prose(text) or SECTION.match(text) or SUBSECTION.match(text):
            return False
        if definition_for_title(text) is not None:
            return False
        heading = self.pdf[lines[0].no - 1]
        if heading.page != printed.page or abs(heading.em - printed.em) >= 0.5:
            return False
        return len(text) <= 12 or (heading_kind(lines[0].text) is None and len(text) <= 30)


def _titled_part(line: Line, printed: PdfLine) -> int | None:
    """The part a 预算's line opens as its own title, printed alone outside any table."""
    if printed.grid or len(line.filled) > 1 or _TOC_TAIL.search(line.text):
        return None
    return titled_part(_flat(printed))


def _budget() -> bool:
    from juesuan.catalogue.templates import BUDGET, active

    return active().kind == BUDGET


def _flat(printed: PdfLine) -> str:
    return "".join(printed.cells)


def _part_number(line: Line) -> int:
    return 0 if _TOC_TAIL.search(line.text) else printed_part(line.text)


def _opens_tables(line: Line, printed: PdfLine) -> bool:
    """A table title (or "…2024年度部门决算表") printed alone on its line, before any table."""
    if printed.grid or len(line.filled) > 1 or any(char.isdigit() for char in line.text[-6:]):
        return False
    return (
        bool(_TABLES_HEADING.search(line.text.replace(" ", "")))
        or definition_for_title(line.text) is not None
    )
