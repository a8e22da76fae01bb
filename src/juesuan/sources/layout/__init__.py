"""The reader for layout text (TAB between cells), as PDF-to-text tools lay a disclosure out.

A disclosure's parts (概况, the tables, 情况说明, 名词解释, 附件) are told by what they are, never by
the number printed before them (`catalogue/data/parts.toml`): a part heading's words say what
the part is (第二部分 情况说明 is the narrative), else its content does (a part holding table titles
is the tables), else its printed number. Parts are headed 第X部分 …, or, in a document that prints
no 第X部分, by 一、 二、 … headings that name parts in turn (一、学校概况 二、2024年度部门决算报表
三、决算报表说明 四、名词解释). The readers get each part under the template's number (1 … 5).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from juesuan.model import Disclosure, Overview, Problem
from juesuan.sources import names_the_file
from juesuan.sources.layout.encoding import decode
from juesuan.sources.layout.lines import Line, split_lines
from juesuan.sources.layout.narrative import (
    NARRATIVE_PART,
    NUMERALS,
    SECTION,
    SUBSECTION,
    chinese_number,
    heading,
    is_prose,
    printed_as_parts,
    term_of,
)

_TITLE = re.compile(r"^(?P<year>\d{4})年度?.*决算公开$")
_PART = re.compile(rf"^第([{NUMERALS}]+)部分")
_TOC_TAIL = re.compile(r"(\.{3,}|…{2,}|·{3,})|\t\s*\d+\s*$")
_NUMBERS = {chinese_number(value): value for value in range(1, 21)}
_GLOSSARY_OPENINGS = ("指", "是指", "反映")  # how a definition begins: 财政拨款收入：指…
READ = (1, 2, 3, 4, 5)  # the template's parts, the ones the readers read


@dataclass(frozen=True)
class PartKind:
    """One of the template's parts, as `data/parts.toml` declares it."""

    number: int
    name: str
    heading: tuple[str, ...]
    content: tuple[str, ...]


@cache
def part_kinds() -> tuple[PartKind, ...]:
    """The parts in the order their heading words are tried (the more specific first)."""
    text = files("juesuan.catalogue").joinpath("data", "parts.toml").read_text(encoding="utf-8")
    return tuple(
        PartKind(part["number"], part["name"], tuple(part["heading"]), tuple(part["content"]))
        for part in tomllib.loads(text)["part"]
    )


@names_the_file
def read_text(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    from juesuan.catalogue.templates import reading_under
    from juesuan.sources import SourceError

    try:
        lines = split_lines(decode(data))
    except SourceError as error:
        raise SourceError(f"{error}：{name}") from None
    with reading_under(line.text for line in lines) as detection:
        front, parts = split_document(lines)
        if 2 not in parts and 3 not in parts:
            kind = detection.template.kind
            raise SourceError(f"不是部门{kind}公开文件（找不到{kind}表或情况说明部分）：{name}")
        disclosure, problems = assemble(front, parts)
    if not disclosure.tables and not disclosure.narrative:
        kind = detection.template.kind
        raise SourceError(f"不是部门{kind}公开文件（没有可识别的{kind}表或情况说明）：{name}")
    return detection.stamp(disclosure), problems


# --- the parts -------------------------------------------------------------------------------


def printed_part(text: str) -> int:
    """The number a 第X部分 heading prints (第三部分 情况说明 → 3); 0 for any other line, a table
    of contents line (第三部分 情况说明……16) included."""
    match = _PART.match(text)
    if not match or _TOC_TAIL.search(text):
        return 0
    return _NUMBERS.get(match.group(1), 0)


def bare_part(text: str) -> int:
    """The number of a heading such as 三、决算报表说明 whose words name a part; 0 for any other
    line: a table of contents line, a heading naming one of the template's 情况说明 sections
    (二、收入决算情况说明) or tables (二、收入决算表)."""
    from juesuan.narrative.sections import template_number

    found = heading(SECTION, text)
    if not found or _TOC_TAIL.search(text) or template_number(found[1]) or heading_kind(found[1]) is None:
        return 0
    return _NUMBERS.get(found[0], 0)


def is_part_heading(text: str) -> bool:
    return bool(printed_part(text) or bare_part(text))


def heading_kind(text: str) -> int | None:
    """The part (the template's number) a heading's words name; None when they name none."""
    words = "".join(text.split())
    return next((kind.number for kind in part_kinds() if any(word in words for word in kind.heading)), None)


class BareParts:
    """The part headings of a document that prints no 第X部分: 一、 二、 … headings naming parts in
    turn. A heading opens a part when it carries the next number and names another kind of part
    than the one open (四、名词解释 after 三、决算报表说明)."""

    def __init__(self) -> None:
        self.expected = 1
        self.kind: int | None = None

    def take(self, text: str) -> int:
        """The part's printed number when the line opens one, else 0."""
        number = bare_part(text)
        kind = heading_kind(text) if number else None
        if not number or number != self.expected or kind == self.kind:
            return 0
        self.expected, self.kind = number + 1, kind
        return number


def split_document(lines: list[Line]) -> tuple[list[Line], dict[int, list[Line]]]:
    """(front matter, {the template's part number: its lines, its heading first}).

    Parts are headed 第X部分 …; in a document that prints none, by `BareParts`. Table of contents
    lines (with dot leaders or page numbers) are front matter.
    """
    numbered = any(printed_part(line.text) for line in lines)
    bare = BareParts()
    front: list[Line] = []
    found: list[tuple[int, list[Line]]] = []
    for line in lines:
        number = printed_part(line.text) if numbered else bare.take(line.text)
        if number:
            found.append((number, [line]))
        elif found:
            found[-1][1].append(line)
        else:
            front.append(line)
    return front, by_kind(found)


def by_kind(parts: Iterable[tuple[int, list[Line]]]) -> dict[int, list[Line]]:
    """{the template's number: lines} from parts in printed order, each with the number printed
    before it. Two parts of one kind are read as one (the second's heading left out)."""
    kinds: dict[int, list[Line]] = {}
    for printed, lines in parts:
        if not lines:
            continue
        kind = part_kind(lines, printed)
        if kind not in kinds:
            kinds[kind] = list(lines)
        else:
            kinds[kind] += lines[1:] if is_part_heading(lines[0].text) else lines
    return kinds


def part_kind(lines: list[Line], printed: int) -> int:
    """What a part is: by its heading's words, else by its content, else by its printed number."""
    if lines and is_part_heading(lines[0].text):
        kind = heading_kind(lines[0].text)
        if kind is not None:
            return kind
    return content_kind(lines) or printed


def content_kind(lines: list[Line]) -> int | None:
    """The part most of the lines that tell one say it is (table titles → the tables …)."""
    votes = Counter(kind for line in lines if (kind := _line_kind(line)) is not None)
    return votes.most_common(1)[0][0] if votes else None


def _line_kind(line: Line) -> int | None:
    """The part a line belongs to by itself: a table's title, a heading naming a 情况说明 section,
    a standard glossary term, a heading of 概况 or 附件 (parts.toml's content words)."""
    from juesuan.narrative.sections import template_number
    from juesuan.sources.layout.table_meta import table_heading

    text = line.text
    if is_prose(text):
        term = term_of(text)
        if term and (term[1] in _glossary_names() or term[2].startswith(_GLOSSARY_OPENINGS)):
            return 4
        return None
    if table_heading(line.filled):
        return 2
    found = heading(SECTION, text) or heading(SUBSECTION, text)
    if found and template_number(found[1]):
        return 3
    words = "".join(text.split())
    return next((kind.number for kind in part_kinds() if any(word in words for word in kind.content)), None)


@cache
def _glossary_names() -> frozenset[str]:
    from juesuan.catalogue import standard_glossary

    return frozenset(entry.name for entry in standard_glossary())


# --- reading them ----------------------------------------------------------------------------


def assemble(front: list[Line], parts: dict[int, list[Line]]) -> tuple[Disclosure, list[Problem]]:
    """The disclosure from the front matter and the parts: keyed by the template's numbers
    (`split_document`) or by the numbers printed (`lines.split_parts`), told apart again here;
    each figure with the precision its column implies (`sources.precision`)."""
    from juesuan.sources.layout.forms import read_forms
    from juesuan.sources.layout.front import front_of
    from juesuan.sources.layout.narrative import read_glossary, read_narrative
    from juesuan.sources.layout.overview import read_overview
    from juesuan.sources.layout.table_meta import head_lines
    from juesuan.sources.layout.tables import read_tables
    from juesuan.sources.layout.targets import printed_targets, read_targets
    from juesuan.sources.precision import as_printed

    kinds = by_kind(sorted(parts.items()))
    bodies = {number: _body(lines, number) for number, lines in kinds.items()}
    elsewhere = []  # 绩效目标表 printed in the 说明 or a part of their own, not read as prose
    for number in (3, 4):
        if number in bodies:
            bodies[number], found = printed_targets(bodies[number])
            elsewhere += found
    problems: list[Problem] = [
        Problem(f"无法识别的部分“{lines[0].text[:30]}”，未读取", lines[0].origin)
        for number, lines in kinds.items()
        if number not in READ
    ]
    overview, found = read_overview(bodies[1]) if 1 in bodies else (Overview(), [])
    problems += found
    tables, found = read_tables(bodies.get(2, []))
    problems += found
    narrative, found = read_narrative(bodies.get(3, []), kinds.get(1, []))  # 重庆: 一、 heads 概况
    problems += found
    glossary, found = read_glossary(bodies.get(4, []))
    problems += found
    forms, found = read_forms(bodies.get(5, []))
    problems += found
    targets, found = read_targets(bodies.get(2, []), elsewhere)  # a budget's 绩效目标表 (预算13)
    problems += found
    unit, year, title = read_front(front, tables)
    disclosure = Disclosure(unit, year, title, overview, tables, narrative, glossary, forms, "text")
    matter = front_of(front, kinds, head_lines(bodies.get(2, [])))
    return as_printed(replace(disclosure, front=matter, targets=targets)), problems


def _body(lines: list[Line], number: int) -> list[Line]:
    """The part without its heading; a narrative printed as several parts keeps them all, the
    titles of its sections (`narrative.printed_as_parts`)."""
    if number == NARRATIVE_PART and printed_as_parts(lines):
        return lines
    return lines[1:] if lines and is_part_heading(lines[0].text) else lines


def read_front(front: list[Line], tables) -> tuple[str, int | None, str]:
    """(unit, year, title) from the cover lines, falling back on the tables' headers."""
    for index, line in enumerate(front):
        match = _TITLE.match(line.text)
        if match:
            unit = front[index - 1].text if index else ""
            return unit or _table_unit(tables), int(match.group("year")), f"{unit}{line.text}"
    return _table_unit(tables), _table_year(tables), ""


def _table_unit(tables) -> str:
    return next((t.unit_name for t in tables if t.unit_name), "")


def _table_year(tables) -> int | None:
    return next((t.year for t in tables if t.year), None)


__all__ = ["assemble", "read_front", "read_text", "split_document"]
