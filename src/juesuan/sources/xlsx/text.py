"""The prose sheets: 概况, 情况说明, 名词解释 (and 其他), one heading or paragraph per row.

Headings are recognised as the layout-text reader recognises them (一、… / （一）…, never a
sentence). Unlike printed text, a row is a whole paragraph, so rows are never joined.
"""

from __future__ import annotations

import re
from dataclasses import replace

from juesuan.model import Overview, Paragraph, Problem, Section, Term
from juesuan.sources.layout.narrative import (
    NUMERALS,
    PART_HEADER,
    PLACEHOLDER,
    SECTION,
    heading,
    read_glossary,
)
from juesuan.sources.xlsx.cells import SheetLine

_SUBSECTION = re.compile(rf"^[（(]([{NUMERALS}]+)[)）]\s*(\S.*)$")
_DUTIES = re.compile(r"职责|职能")
_GLOSSARY_HEADS = ("序号", "编号", "名词")


def prose(lines: list[SheetLine]) -> list[SheetLine]:
    """Each row as one text (its filled cells joined), part headings (第三部分 …) left out."""
    joined = (line.joined() for line in lines)
    return [line for line in joined if line.text and not PART_HEADER.match(line.text)]


def paragraph(line: SheetLine) -> Paragraph:
    return Paragraph(line.text, line.origin)


def read_overview(lines: list[SheetLine]) -> tuple[Overview, list[Problem]]:
    """职责 (under a heading naming 职责/职能) and 机构设置 (under any other heading).

    A later heading under 机构设置 (三、人员情况) is kept as a paragraph, as the text reader does.
    """
    duties: list[Paragraph] = []
    organisation: list[Paragraph] = []
    target: list[Paragraph] | None = None
    problems: list[Problem] = []
    for line in prose(lines):
        found = heading(SECTION, line.text)
        if found:
            if organisation and not _DUTIES.search(found[1]):
                organisation.append(paragraph(line))
            target = duties if _DUTIES.search(found[1]) else organisation
        elif target is None:
            problems.append(Problem(f"第一部分：标题之前的文字“{line.text[:30]}”", line.origin))
        else:
            target.append(paragraph(line))
    return Overview(tuple(duties), tuple(organisation)), problems


def read_sections(lines: list[SheetLine]) -> tuple[tuple[Section, ...], list[Problem]]:
    """The sections 一、… with their sub-sections （一）… and paragraphs; where no 一、 heading comes
    first, the （一） headings are the sections (a university's, as the layout-text reader reads them)."""
    sections: list[Section] = []
    problems: list[Problem] = []
    bracketed = False
    for line in prose(lines):
        top = heading(SECTION, line.text)
        sub = heading(_SUBSECTION, line.text)
        if sub and (bracketed or not sections):
            bracketed = True
            sections.append(Section(sub[0], sub[1], origin=line.origin))
        elif top:
            sections.append(Section(top[0], top[1], origin=line.origin))
        elif not sections:
            problems.append(Problem(f"第三部分：不属于任何一节的文字“{line.text[:30]}”", line.origin))
        elif sub:
            child = Section(f"（{sub[0]}）", sub[1], origin=line.origin)
            sections[-1] = replace(sections[-1], subsections=(*sections[-1].subsections, child))
        else:
            sections[-1] = _with_paragraph(sections[-1], paragraph(line))
    return tuple(sections), problems


def _with_paragraph(section: Section, found: Paragraph) -> Section:
    """The section with a paragraph added to its last sub-section, or to itself when it has none."""
    if section.subsections:
        last = section.subsections[-1]
        last = replace(last, paragraphs=(*last.paragraphs, found))
        return replace(section, subsections=(*section.subsections[:-1], last))
    return replace(section, paragraphs=(*section.paragraphs, found))


def read_terms(lines: list[SheetLine]) -> tuple[tuple[Term, ...], list[Problem]]:
    """Terms from rows of (序号, 名词, 解释), or from rows typed whole: 一、财政拨款收入：指…"""
    terms: list[Term] = []
    problems: list[Problem] = []
    for line in lines:
        filled = line.filled
        if PART_HEADER.match(filled[0]) or filled[0] == PLACEHOLDER or filled[0] in _GLOSSARY_HEADS:
            continue
        if len(filled) >= 3:
            terms.append(Term(filled[0].strip("、.． "), filled[1], "".join(filled[2:]), line.origin))
            continue
        found, trouble = read_glossary([line.joined()])
        terms += found
        problems += trouble
    return tuple(terms), problems
