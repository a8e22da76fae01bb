"""第一部分 概况: 一、职责 (numbered duties) and 二、机构设置 (paragraphs)."""

from __future__ import annotations

import re

from juesuan.model import Overview, Paragraph, Problem
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.narrative import (
    PART_HEADER,
    SECTION,
    SUBSECTION,
    heading,
    join_paragraphs,
    starts_item,
)

_DUTIES = re.compile(r"职责|职能")


def read_overview(lines: list[Line]) -> tuple[Overview, list[Problem]]:
    """Duties (one Paragraph per numbered item, as printed) and the 机构设置 paragraphs.

    Headings naming 职责/职能 open the duties; any other heading opens the organisation.
    A second organisation heading (e.g. 三、人员情况) is kept as a paragraph of its own. Where no
    一、 heading is printed, the （一） headings are the headings (（一）部门主要职责 …).
    """
    duties: list[Line] = []
    organisation: list[Line] = []
    target: list[Line] | None = None
    problems: list[Problem] = []
    top = SECTION if any(heading(SECTION, line.text) for line in lines) else SUBSECTION
    for line in lines:
        found = heading(top, line.text)
        if PART_HEADER.match(line.text):
            continue
        if found:
            target = duties if _DUTIES.search(found[1]) else organisation
            if target is organisation and organisation:
                organisation.append(line)
        elif target is None:
            problems.append(Problem(f"第一部分：标题之前的文字“{line.text[:30]}”", line.origin))
        else:
            target.append(line)
    return Overview(tuple(join_items(duties)), tuple(join_paragraphs(organisation))), problems


def join_items(lines: list[Line]) -> list[Paragraph]:
    """Numbered items: an unnumbered line continues the item above it (once numbering began)."""
    items: list[Paragraph] = []
    for paragraph in join_paragraphs(lines):
        if items and not starts_item(paragraph.text) and starts_item(items[0].text):
            last = items[-1]
            items[-1] = Paragraph(last.text + paragraph.text, last.origin)
        else:
            items.append(paragraph)
    return items
