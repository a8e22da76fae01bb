"""What a finding concerns, in words that survive a resubmission.

A corrected file moves lines and pages, so a finding's place in the file cannot say which finding
a decision was about. What stays is the rule and its cells (table, row, column); a finding with
no cells (a sentence in 情况说明, the cover, something outside the file) is the rule, the part and
section it sits in (`where` without its line, page or sheet cell; where that names no section, the
part of the document holding the line: 封面, 目录, 部分标题 …) and its message with the figures
masked (a 7.9% corrected to 7.90% is the same concern).
"""

from __future__ import annotations

import re

from juesuan.rules.findings import Finding

_SHEET = re.compile(r"工作表“[^”]*”\S*")
_PLACE = re.compile(r"^(原文第\d+行|第\d+页.*|[A-Z]{1,3}\d+|位置不详)$")
_LINE = re.compile(r"原文第(\d+)行")
_FIGURE = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?%?")
MASK = "#"


def concern(finding: Finding, disclosure: object = None) -> str:
    """`N-amount 06/30110/决算数`, or `N-percent-places 第三部分 九（一） “#”未保留两位小数`.

    Never a line or page number. `disclosure` is the one the finding was made on (kept in the
    signature so that a concern may one day use more of it than the finding's words)."""
    if finding.cells:
        return " ".join([finding.rule, *(f"{c.table}/{c.row}/{c.col}" for c in finding.cells)])
    place = section(finding.where) or part_holding(disclosure, line_of(finding))
    return " ".join(part for part in (finding.rule, place, masked(finding.message)) if part)


def section(where: str) -> str:
    """The part and section of a `where` (第三部分 九（一）), its line, page or sheet cell left out."""
    words = _SHEET.sub(" ", where).split()
    return " ".join(word for word in words if not _PLACE.match(word))


def masked(message: str) -> str:
    """The message with every figure (amount, count, rate, year) as `#`."""
    return _FIGURE.sub(MASK, message)


def line_of(finding: Finding) -> int | None:
    origin = getattr(finding, "origin", None)
    if origin is not None and origin.line is not None:
        return origin.line
    found = _LINE.search(finding.where)
    return int(found.group(1)) if found else None


def part_holding(disclosure, line: int | None) -> str:
    """The name of the part whose printed line this is (目录, 第三部分 九（一） …), '' if none is."""
    if disclosure is None or line is None:
        return ""
    return next((name for name, origin in _parts(disclosure) if origin.line == line), "")


def _parts(disclosure):
    """(part name, origin) of each line the model keeps with its origin."""
    front = disclosure.front
    groups = (
        ("封面", front.cover),
        ("目录", front.contents),
        ("部分标题", front.headings),
        ("表头", front.heads),
    )
    for name, paragraphs in groups:
        yield from ((name, paragraph.origin) for paragraph in paragraphs)
    for paragraph in (*disclosure.overview.duties, *disclosure.overview.organisation):
        yield "第一部分", paragraph.origin
    for top in disclosure.narrative:
        yield from _section_lines(f"第三部分 {top.number}", top)
    for term in disclosure.glossary:
        yield "第四部分", term.origin


def _section_lines(name: str, section):
    yield name, section.origin
    yield from ((name, paragraph.origin) for paragraph in section.paragraphs)
    for sub in section.subsections:
        yield from _section_lines(f"{name}{sub.number}", sub)
