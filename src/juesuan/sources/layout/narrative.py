"""第三部分 情况说明 (numbered sections of paragraphs) and 第四部分 名词解释 (the glossary).

A narrative printed with no 一、 headings, its sections numbered （一）… directly under the part's
heading (教育部直属高校: 三、决算报表说明 （一）高等学校收支决算总表说明 …), is read with those as
its sections. A glossary may group its terms under headings (（一）支出功能分类科目说明) and print
them unnumbered (财政拨款收入：指…).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from juesuan.model import Origin, Paragraph, Problem, Section, Term
from juesuan.sources.layout.lines import Line

NUMERALS = "一二三四五六七八九十"
NARRATIVE_PART = 3  # the template's number of 情况说明
PART_HEADER = re.compile(r"^第[一二三四五]部分")
# any part's heading, its title after it (第八部分 其他需要说明情况)
_PART_TITLE = re.compile(rf"^第[{NUMERALS}]+部分\s*(?P<title>.*)$")
SECTION = re.compile(rf"^([{NUMERALS}]+)、\s*(\S.*)$")
SUBSECTION = re.compile(rf"^[（(]([{NUMERALS}]+)[)）]\s*(\S.*)$")
# A paragraph's own numbering, stripped before looking for prose punctuation (10.00 opens no item).
_MARKER = re.compile(rf"^([（(][{NUMERALS}\d]+[)）]|[{NUMERALS}]+、|\d+\s*(?:[、．]|\.(?!\d)))\s*")
_TERMINAL = tuple("。；;！!？?：:")
_PROSE = re.compile(r"[。，,；;：:]")
_NUMBER = rf"[{NUMERALS}]+|\d+"
_TERM = re.compile(
    rf"^[-•·●*]?\s*(?:[（(](?P<a>{_NUMBER})[)）]|(?P<b>{_NUMBER})\s*[、.．])"
    r"\s*(?P<name>[^：:]+?)\s*[：:]\s*(?P<text>.*)$"
)
# An unnumbered term: a short name without sentence punctuation, a colon, its definition.
_BARE_TERM = re.compile(
    r"^[-•·●*]?\s*(?P<name>[^：:，,。；;\s][^：:，,。；;]{0,23}?)\s*[：:]\s*(?P<text>\S.*)$"
)
_COLON = re.compile(r"[：:]")
# The template's placeholder for "nothing to say". After the glossary the sample prints a stray
# "无"; it carries no content, so the glossary reader ignores it explicitly (no Problem).
PLACEHOLDER = "无"
_TITLE_LENGTH = 30  # a part's own title is short: 2024年单位预算编制说明


def is_prose(text: str) -> bool:
    """Whether text (numbering aside) has sentence punctuation: prose, not a heading."""
    return bool(_PROSE.search(_MARKER.sub("", text, count=1)))


def titled_part(text: str) -> int | None:
    """The part (the template's number) a line opens as its own title, printed with no 第X部分 and no
    number before it (parts.toml `titles`: 上海 2024年单位预算编制说明, 其他相关情况说明 → 3)."""
    text = "".join(text.split())
    if len(text) > _TITLE_LENGTH or is_prose(text) or SECTION.match(text) or SUBSECTION.match(text):
        return None
    return next((number for number, words in _part_titles() if words and text.endswith(words)), None)


@cache
def _part_titles() -> tuple[tuple[int, tuple[str, ...]], ...]:
    text = files("juesuan.catalogue").joinpath("data", "parts.toml").read_text(encoding="utf-8")
    return tuple((part["number"], tuple(part.get("titles", ()))) for part in tomllib.loads(text)["part"])


def is_broken(text: str) -> bool:
    """A prose line that stops without closing punctuation: a PDF-to-text tool broke it."""
    return not text.endswith(_TERMINAL) and is_prose(text)


def starts_item(text: str) -> bool:
    """Whether the text opens with its own numbering (（一）, 一、, 1. or 1、)."""
    return bool(_MARKER.match(text))


def join_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """One Paragraph per printed paragraph, broken lines joined back (origin: first line)."""
    paragraphs: list[Paragraph] = []
    for line in lines:
        if paragraphs and is_broken(paragraphs[-1].text) and not starts_item(line.text):
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.text + line.text, last.origin)
        else:
            paragraphs.append(Paragraph(line.text, line.origin))
    return paragraphs


def heading(pattern: re.Pattern[str], text: str) -> tuple[str, str] | None:
    """(number, title) when text is a heading of the pattern's kind, not a numbered sentence."""
    match = pattern.match(text)
    if not match or is_prose(match.group(2)):
        return None
    return match.group(1), match.group(2).strip()


@dataclass
class _Draft:
    """A section being read: its heading and the lines under it."""

    number: str
    title: str
    origin: Origin
    lines: list[Line] = field(default_factory=list)
    subs: list[_Draft] = field(default_factory=list)

    def freeze(self) -> Section:
        paragraphs = tuple(join_paragraphs(self.lines))
        subsections = tuple(sub.freeze() for sub in self.subs)
        return Section(self.number, self.title, paragraphs, subsections, self.origin)


def read_narrative(lines: list[Line], before: list[Line] = ()) -> tuple[tuple[Section, ...], list[Problem]]:
    """The sections 一、… of 第三部分, with sub-sections （一）… and their paragraphs; where no
    一、 heading is printed, the （一） headings are the sections (numbered 一, 二 … as such). A title
    of the part's own, unnumbered (上海 2024年单位预算编制说明, `titled_part`), is a section with no
    number; the sections after it are numbered anew. So is each 第X部分 heading of a narrative
    printed as several parts (深圳 预算: 第二部分 部门预算收支总体情况 … 第八部分 其他需要说明情况,
    `parts._with_part_titles`); the one heading of a narrative printed as one part is not read.
    `before` is the part printed before it (第一部分 概况): a narrative whose numbering goes on from
    that part's (西安 预算: 一、… 四、 in 概况, 五、… 十四、 in the 说明) is numbered right
    (`last_section_number`)."""
    drafts: list[_Draft] = []
    problems: list[Problem] = []
    top = SECTION if any(heading(SECTION, line.text) for line in lines) else SUBSECTION
    titled = printed_as_parts(lines)
    for line in lines:
        part = _PART_TITLE.match(line.text) if titled and _part_heading(line) else None
        if part and part["title"].strip():
            drafts.append(_Draft("", "".join(part["title"].split()), line.origin))
            continue
        if part or PART_HEADER.match(line.text):
            continue
        if not _place(line, drafts, top):
            problems.append(Problem(f"第三部分：不属于任何一节的文字“{line.text[:30]}”", line.origin))
    for index, numbered in enumerate(_numbered_runs(drafts)):
        went_on = last_section_number(before) if index == 0 else 0
        problems += _numbering_problems(numbered, "第三部分", went_on)
    drafts = [d for d in drafts if d.number or d.lines or d.subs]  # a title over numbered sections
    for draft in drafts:
        problems += _numbering_problems(draft.subs, f"第三部分 {draft.number}、")
    return tuple(draft.freeze() for draft in drafts), problems


def printed_as_parts(lines: list[Line]) -> bool:
    """Whether the narrative holds more than one 第X部分 heading: printed as several parts and read
    as one (深圳 预算: 第二部分 部门预算收支总体情况 … 第八部分, `pdf.parts._with_part_titles`), each
    heading the title of the sections under it."""
    return sum(map(_part_heading, lines)) > 1


def _part_heading(line: Line) -> bool:
    from juesuan.sources.layout import printed_part

    return bool(printed_part(line.text))


def _numbered_runs(drafts: list[_Draft]) -> list[list[_Draft]]:
    """The numbered sections, each run after an unnumbered title apart (numbered anew under it),
    unless the run goes on with the numbers of the one before (西安 预算: 五、… 九、 under 第二部分,
    十、… 十四、 under 第三部分)."""
    runs: list[list[_Draft]] = [[]]
    for draft in drafts:
        if not draft.number:
            runs.append([])
        elif not runs[-1] and (before := [run for run in runs if run]) and _follows(before[-1][-1], draft):
            while not runs[-1]:  # the titles since: the run goes on
                runs.pop()
            runs[-1].append(draft)
        else:
            runs[-1].append(draft)
    return [run for run in runs if run]


def _follows(before: _Draft, draft: _Draft) -> bool:
    """Whether the section's number is the one after the number of the section before it."""
    numbers = {chinese_number(value): value for value in range(1, 100)}
    return before.number in numbers and numbers.get(draft.number) == numbers[before.number] + 1


def _place(line: Line, drafts: list[_Draft], top: re.Pattern[str]) -> bool:
    """File the line as a heading or under the current (sub-)section; False when there is none."""
    found = heading(top, line.text)
    if found:
        drafts.append(_Draft(found[0], found[1], line.origin))
        return True
    if titled_part(line.text) == NARRATIVE_PART:
        drafts.append(_Draft("", "".join(line.text.split()), line.origin))
        return True
    if not drafts:
        return False
    sub = heading(SUBSECTION, line.text) if top is SECTION else None
    if sub:
        drafts[-1].subs.append(_Draft(f"（{sub[0]}）", sub[1], line.origin))
    else:
        (drafts[-1].subs[-1] if drafts[-1].subs else drafts[-1]).lines.append(line)
    return True


def last_section_number(lines: list[Line]) -> int:
    """The number of the last 一、 heading of a part (四 of 第一部分 部门概况's 一、… 四、), 0 for none."""
    numbers = {chinese_number(value): value for value in range(1, 100)}
    found = [heading(SECTION, line.text) for line in lines]
    return next((numbers.get(f[0], 0) for f in reversed(found) if f), 0)


def _numbering_problems(drafts: list[_Draft], where: str, went_on: int = 0) -> list[Problem]:
    """A Problem for each heading whose number does not follow its predecessor's. A run opening
    with the number after `went_on` (the last of the part before) goes on from it: 五、 after 四、;
    a gap or a repeat inside it is still one."""
    problems = []
    start = went_on if drafts and drafts[0].number == chinese_number(went_on + 1) else 0
    for index, draft in enumerate(drafts):
        expected = chinese_number(start + index + 1)
        if draft.number.strip("（）") != expected:
            message = f"{where}：标题编号“{draft.number}”不连续（应为“{expected}”）"
            problems.append(Problem(message, draft.origin))
    return problems


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (as section
    numbers are printed); outside 1 … 999 the number in digits ("0", "1000")."""
    if not 0 < value < 1000:
        return str(value)
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    if hundreds:
        head = NUMERALS[hundreds - 1] + "百"
        if tens:
            head += NUMERALS[tens - 1] + "十"
        elif units:
            head += "零"
    else:
        head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[units - 1] if units else "")


def term_of(text: str, numbered_only: bool = False) -> tuple[str, str, str] | None:
    """(number, name, definition) of a glossary line: "一、财政拨款收入：指…", or unnumbered
    "财政拨款收入：指…" (number "") unless numbered_only."""
    match = _TERM.match(text)
    if match:
        return match.group("a") or match.group("b"), match.group("name"), match.group("text")
    match = None if numbered_only else _BARE_TERM.match(text)
    return ("", match.group("name"), match.group("text")) if match else None


def read_glossary(lines: list[Line]) -> tuple[tuple[Term, ...], list[Problem]]:
    """The terms of 第四部分: "一、财政拨款收入：指…" → Term("一", "财政拨款收入", "指…").

    Headings that group the terms (（一）收入科目说明) are not terms and are passed over; the
    text under such a heading before its first term (决算收支表中的“科目名称”…其中：) is
    reported as a note, not read as a term.
    """
    terms: list[Term] = []
    problems: list[Problem] = []
    intro = False  # under a group heading, before its first term
    for line in lines:
        if PART_HEADER.match(line.text) or line.text == PLACEHOLDER:
            continue  # the stray "无" is ignored on purpose: see PLACEHOLDER
        unfinished = bool(terms) and not terms[-1].definition.endswith(_TERMINAL)
        found = term_of(line.text, numbered_only=unfinished)
        if found:
            terms.append(Term(*found, line.origin))
            intro = False
        elif unfinished and not intro:
            last = terms[-1]
            terms[-1] = Term(last.number, last.name, last.definition + line.text, last.origin)
        elif _group_heading(line.text):
            intro = True
        elif intro:
            message = f"第四部分：名词解释前的说明文字“{line.text[:30]}”，不作为名词读取"
            problems.append(Problem(message, line.origin, "info"))
        else:
            problems.append(Problem(f"第四部分：无法识别的名词解释“{line.text[:30]}”", line.origin))
    return tuple(terms), problems


def _group_heading(text: str) -> bool:
    """A heading over a group of terms: （一）支出功能分类科目说明, 二、收入科目说明."""
    return bool(heading(SUBSECTION, text) or heading(SECTION, text)) and not _COLON.search(text)
