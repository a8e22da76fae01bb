"""What the rules read in `Disclosure.front`: the cover, the 目录, the part headings, the tables'
head lines. Each line is told by its shape: a 目录 entry ends in a page number (after dot
leaders or a TAB), a part heading opens with 第X部分, a head line states 编制单位 or 金额单位;
the cover is what comes before the first of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.catalogue.tables import definition_for_title, normalise_title
from juesuan.model import Disclosure, Paragraph

_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:[.…·．]{2,}|\t)\s*(?P<page>\d{1,4})\s*$")
_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_HEAD = re.compile(r"(金额)?单位\s*[：:]|编制(单位|部门)\s*[：:]")
_CONTENTS_TITLE = re.compile(r"^\s*目\s*录\s*$")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|表\s*\d+\s*[：:]?|\d+[、.．])\s*"
)
MONEY = re.compile(r"(?:金额)?单位\s*[：:]\s*(?P<unit>万元|千元|亿元|元)")


@dataclass(frozen=True)
class Entry:
    """A 目录 line: the title as printed (numbering removed), the page it gives, the line."""

    title: str
    page: int
    line: Paragraph


_MARK = re.compile(r"[（(]?公开\d{1,2}表[)）]?")


def bare_title(text: str) -> str:
    """A table's title without its numbering (表1：, 六、) and 公开NN表 mark, spaces or quotes."""
    return normalise_title(_MARK.sub("", _NUMBERING.sub("", text)))


def contents(disclosure: Disclosure) -> list[Paragraph]:
    return [line for line in disclosure.front if _ENTRY.match(line.text)]


def entries(disclosure: Disclosure) -> list[Entry]:
    found = []
    for line in contents(disclosure):
        match = _ENTRY.match(line.text)
        title = _NUMBERING.sub("", match.group("title").rstrip(".…·． "))
        found.append(Entry(title, int(match.group("page")), line))
    return found


def table_entries(disclosure: Disclosure) -> list[tuple[str, Entry]]:
    """(table number, entry) of each 目录 entry naming one of the template's tables."""
    named = []
    for entry in entries(disclosure):
        definition = definition_for_title(entry.title)
        if definition is not None and not _PART.match(entry.title):
            named.append((definition.number, entry))
    return named


def part_headings(disclosure: Disclosure) -> list[Paragraph]:
    return [line for line in disclosure.front if _PART.match(line.text) and not _ENTRY.match(line.text)]


def head_lines(disclosure: Disclosure) -> list[Paragraph]:
    return [line for line in disclosure.front if _HEAD.search(line.text) and not _ENTRY.match(line.text)]


def cover_lines(disclosure: Disclosure) -> list[Paragraph]:
    """The lines before the 目录, the first part heading or the first head line."""
    cover = []
    for line in disclosure.front:
        text = line.text
        if _CONTENTS_TITLE.match(text) or _ENTRY.match(text) or _PART.match(text) or _HEAD.search(text):
            break
        cover.append(line)
    return cover


def cover_text(disclosure: Disclosure) -> str:
    """The cover's words: its lines where the reader kept them, else the title it read."""
    lines = [line.text.strip() for line in cover_lines(disclosure) if line.text.strip()]
    return "".join(lines) if lines else disclosure.title
