"""What the rules read in `Disclosure.front`: the cover, the 目录, the part headings, the tables'
head lines, each kept apart by the reader (`model.Front`). A 目录 line names a part, a section or
a table, and gives its page number after dot leaders or a TAB where the 目录 prints one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.catalogue.tables import definition_for_title, normalise_title
from juesuan.model import Disclosure, Paragraph

_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:(?:[.…·．]{2,}|\t)\s*(?P<page>\d{1,4}))?[.…·．\s]*$")
_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|表\s*\d+\s*[：:]?|\d+[、.．])\s*"
)
MONEY = re.compile(r"(?:金额)?单位\s*[：:]\s*(?P<unit>万元|千元|亿元|元)")  # a head cell, whole


@dataclass(frozen=True)
class Entry:
    """A 目录 line: the title as printed (numbering removed), the page it gives (None where the
    目录 prints none), the line."""

    title: str
    page: int | None
    line: Paragraph


_MARK = re.compile(r"[（(]?公开\d{1,2}表[)）]?")


def bare_title(text: str) -> str:
    """A table's title without its numbering (表1：, 六、) and 公开NN表 mark, spaces or quotes."""
    return normalise_title(_MARK.sub("", _NUMBERING.sub("", text)))


def contents(disclosure: Disclosure) -> tuple[Paragraph, ...]:
    return disclosure.front.contents


def entries(disclosure: Disclosure) -> list[Entry]:
    found = []
    for line in contents(disclosure):
        match = _ENTRY.match(line.text)
        if match is None:
            continue
        title = _NUMBERING.sub("", match.group("title").rstrip(".…·． "))
        page = match.group("page")
        found.append(Entry(title, int(page) if page else None, line))
    return found


def table_entries(disclosure: Disclosure) -> list[tuple[str, Entry]]:
    """(table number, entry) of each 目录 entry naming one of the template's tables."""
    named = []
    for entry in entries(disclosure):
        definition = definition_for_title(entry.title)
        if definition is not None and not _PART.match(entry.title):
            named.append((definition.number, entry))
    return named


def part_headings(disclosure: Disclosure) -> tuple[Paragraph, ...]:
    return disclosure.front.headings


def head_lines(disclosure: Disclosure) -> tuple[Paragraph, ...]:
    return disclosure.front.heads


def money_units(line: Paragraph) -> list[str]:
    """The 金额单位 a head line states, one per cell that states one (部门：X / 金额单位：万元)."""
    return [m.group("unit") for cell in line.text.split("\t") if (m := MONEY.fullmatch(cell.strip()))]


def cover_lines(disclosure: Disclosure) -> tuple[Paragraph, ...]:
    return disclosure.front.cover


def cover_text(disclosure: Disclosure) -> str:
    """The cover's words: its lines where the reader kept them, else the title it read."""
    lines = [line.text.strip() for line in cover_lines(disclosure) if line.text.strip()]
    return "".join(lines) if lines else disclosure.title
