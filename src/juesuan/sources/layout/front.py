"""The lines around the parts' content (`model.Front`): the cover and the 目录, which come before
the first part, each part's heading, and each table's head lines (部门名称、金额单位).

The 目录 opens at its title (目 录) or, where none is printed, at the first line ending in dot
leaders or a TAB and a page number; everything before it is the cover. A heading over the tables
printed after the 目录 without a part number (上海市规划和自然资源局 2024年度部门决算表) is a part
heading, not a 目录 line: 目录 lines are numbered (第二部分, 一、, （一）, 表1：).
"""

from __future__ import annotations

import re

from juesuan.model import Front, Paragraph
from juesuan.sources.layout.lines import Line

_CONTENTS_TITLE = re.compile(r"^目录$")
_TOC_TAIL = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\d*$|\t\s*\d+$")
_TABLES_HEADING = re.compile(r"\d{4}年度?(?:部门|单位)?决算表$")
_NUMBERED = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(]\S{1,3}[)）]|表\d+|\d+[、.．])"
)


def front_of(front: list[Line], parts: dict[int, list[Line]], heads: list[Line]) -> Front:
    """The cover and 目录 from the lines before the first part, the parts' own headings (the first
    line of each part that is one) and the tables' head lines."""
    from juesuan.sources.layout import is_part_heading

    cover: list[Line] = []
    contents: list[Line] = []
    headings = [lines[0] for lines in parts.values() if lines and is_part_heading(lines[0].text)]
    for line in front:
        flat = "".join(line.text.split())
        if _CONTENTS_TITLE.match(flat):
            contents.append(line)
        elif contents and _TABLES_HEADING.search(flat) and not _NUMBERED.match(flat):
            headings.append(line)
        elif contents or _TOC_TAIL.search(line.text.strip()):
            contents.append(line)
        else:
            cover.append(line)
    return Front(
        _paragraphs(cover),
        _paragraphs(line for line in contents if not _CONTENTS_TITLE.match("".join(line.text.split()))),
        _paragraphs(sorted(headings, key=lambda line: line.no)),
        _paragraphs(heads),
    )


def _paragraphs(lines) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line.text, line.origin) for line in lines)
