"""P-placeholder and P-comparison-words: the wording of a disclosure.

P-placeholder: the template's placeholders and instructions must be gone: XX/XXX/××, X万元,
填写说明, （此处填写…）, 【请填写…】. Brackets 【】 count only when they hold an instruction word, since
documents also cite 文号 as 【2024】5号.

P-comparison-words: words comparing 决算 with 年初预算 must agree with the completion rate printed
next to them (超出/超过/大于 needs > 100%, 未完成/未达到/小于 needs < 100%, 与预算持平 needs 100%),
and 与上年持平 must not stand with a change that is not 0. A word is paired with the nearest
completion rate in its 分句 group (between 。 and ；); 持平 with the changes of the item it speaks
of (from the amount it follows up to the next amount), so a 持平 about one item is never held
against the change of another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.model import Disclosure, Origin
from juesuan.narrative.claims import Claim, clause_claims
from juesuan.narrative.trace import section_paragraphs
from juesuan.rules.findings import CellRef, Finding
from juesuan.rules.forms import numbered
from juesuan.rules.forms import where as form_where
from juesuan.rules.intervals import Interval
from juesuan.rules.registry import Rule, rule

PLACEHOLDERS = (
    re.compile(r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])"),
    re.compile(r"[×✕╳]{2,}"),
    re.compile(r"(?<![A-Za-z])[XＸ×](?=\s*(万元|元|%|％|个|辆|批次|人次|台|项|年度))"),
    re.compile(r"填写说明|填表说明|此处填写"),
    re.compile(r"[（(]\s*此处[^）)]*[）)]"),
    re.compile(r"【[^】]*(填|请|此处|删除|说明|如有|如无|根据实际|名称|XX|××)[^】]*】"),
)

Text = tuple[str, str, tuple[CellRef, ...]]  # (text, where, cells)


def placeholder(text: str) -> re.Match[str] | None:
    for pattern in PLACEHOLDERS:
        match = pattern.search(text)
        if match:
            return match
    return None


def front_texts(disclosure: Disclosure) -> Iterator[Text]:
    yield disclosure.unit, "封面 单位名称", ()
    yield disclosure.title, "封面 标题", ()
    for line in disclosure.front:  # the cover, the 目录 and the part headings, where a reader keeps them
        yield line.text, f"封面、目录或部分标题 {line.origin}", ()
    for paragraph in (*disclosure.overview.duties, *disclosure.overview.organisation):
        yield paragraph.text, f"第一部分 {paragraph.origin}", ()


def table_texts(disclosure: Disclosure) -> Iterator[Text]:
    for table in disclosure.tables:
        where, cells = f"第二部分 公开{table.number}表 {table.origin}", (CellRef(table.number, "", ""),)
        for text in (table.title, table.unit_name, *table.notes, *(c.heading for c in table.columns)):
            yield text, where, cells
        for row in table.rows:
            yield (
                row.label,
                f"第二部分 公开{table.number}表 {row.origin}",
                (CellRef(table.number, row.key, ""),),
            )


def narrative_texts(disclosure: Disclosure) -> Iterator[Text]:
    for section in disclosure.narrative:
        yield section.title, f"第三部分 {section.number} {section.origin}", ()
        for sub in section.subsections:
            yield sub.title, f"第三部分 {section.number}{sub.number} {sub.origin}", ()
    for key, paragraph in section_paragraphs(disclosure):
        yield paragraph.text, f"第三部分 {key} {paragraph.origin}", ()
    for term in disclosure.glossary:
        yield f"{term.name}：{term.definition}", f"第四部分 {term.origin}", ()
    for paragraph in disclosure.extras:
        yield paragraph.text, str(paragraph.origin), ()


def form_texts(disclosure: Disclosure) -> Iterator[Text]:
    for name, form in numbered(disclosure):
        cells = (CellRef(name, "", ""),)
        heads = (form.title, form.project, form.department, form.unit, form.annual_goal, form.achieved)
        for text in (*heads, *(line.deviation for line in form.funding)):
            yield text, form_where(form), cells
        for pair in form.analysis:
            yield "：".join(pair), form_where(form), cells
        for i in form.indicators:
            words = (
                i.level1,
                i.level2,
                i.name,
                i.initial_target,
                i.adjusted_target,
                i.actual,
                i.reason,
                i.note,
            )
            yield " ".join(words), form_where(form, i.origin), (CellRef(name, i.name, ""),)


@rule(
    id="P-placeholder",
    title="未删除的模板占位符",
    doc="公开文本（含封面、目录和部分标题）中不得留有模板占位符或填写说明（XX、××、X万元、填写说明、（此处填写…）、【请填写…】）。",
)
def placeholders(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for source in (front_texts, table_texts, narrative_texts, form_texts):
        for text, where, cells in source(disclosure):
            match = placeholder(text or "")
            if match is not None:
                context = text[max(0, match.start() - 12) : match.end() + 12].replace("\n", " ")
                message = f"留有模板占位符或填写说明“{match.group(0)}”（…{context}…），应填入实际内容或删除"
                yield this.finding(message, cells, where)


# Words comparing 决算 with 年初预算, and the completion rates (in %) they allow.
OVER = re.compile(r"(?<![未不无])(?<!没有)(超出|超过|高于|大于)[^，。；]{0,6}预算")
UNDER = re.compile(r"(未完成|未达到|没有完成|没有达到|低于|小于)[^，。；]{0,6}预算")
LEVEL_BUDGET = re.compile(
    r"(与|和|同)[^，。；]{0,6}预算[^，。；]{0,3}(持平|相同|一致|相等)|等于[^，。；]{0,6}预算"
)
LEVEL_CHANGE = re.compile(
    r"(?<!基本)(?<!大体)(?<!大致)(?<!总体)(?<!略有)持平|(与|较|比|同)上年度?[^，。；]{0,4}(相同|一致|无变化)"
)
_SUBJECT_END = re.compile(r"(与|较|比|同)上年|同比|持平")
_NOISE = re.compile(r"^(其中[：:]?|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])+")


@dataclass(frozen=True)
class Clause:
    text: str
    claims: tuple[Claim, ...]


def segments(text: str, origin: Origin) -> Iterator[list[Clause]]:
    """The paragraph's 分句 groups (between 。 and ；), each as clauses with their claims."""
    for sentence_no, sentence in enumerate(text.split("。")):
        for segment in re.split(r"[；;]", sentence):
            parts = re.split(r"[，！]", segment)
            yield [Clause(part, tuple(clause_claims(part, sentence_no, origin))) for part in parts]


def above_100(rate: Interval) -> bool:
    return rate.hi is None or rate.hi > 100


def below_100(rate: Interval) -> bool:
    return rate.lo is None or rate.lo < 100


def at_100(rate: Interval) -> bool:
    return rate.contains(100)


# (words, what the completion rate printed with them must allow, that condition in words)
COMPLETION_WORDS = ((OVER, above_100, "大于"), (UNDER, below_100, "小于"), (LEVEL_BUDGET, at_100, "等于"))


def completion_problems(segment: list[Clause]) -> Iterator[str]:
    """Each comparison word against the completion rate nearest to it in the 分句 group."""
    rates = [(at, c) for at, clause in enumerate(segment) for c in clause.claims if c.kind == "completion"]
    for at, clause in enumerate(segment if rates else ()):
        rate = min(rates, key=lambda pair: abs(pair[0] - at))[1]
        for pattern, allows, wanted in COMPLETION_WORDS:
            match = pattern.search(clause.text)
            if match and not allows(Interval.of(rate.figure)):
                printed = f"{rate.label}{rate.figure.text}%"
                yield f"写“{match.group(0)}”，完成年初预算的比例应{wanted} 100%，但印为“{printed}”"


def own_subject(clause: Clause) -> bool:
    """Whether a 持平 clause names what it speaks of (因公出国费与上年持平), not just 与上年持平."""
    end = _SUBJECT_END.search(clause.text)
    return bool(_NOISE.sub("", clause.text[: end.start() if end else 0].strip()))


def items(segment: list[Clause]) -> list[list[Clause]]:
    """The clauses grouped by the item they speak of: a new item at each amount or named 持平."""
    grouped: list[list[Clause]] = []
    for clause in segment:
        amount = any(c.kind == "amount" for c in clause.claims)
        if not grouped or amount or (LEVEL_CHANGE.search(clause.text) and own_subject(clause)):
            grouped.append([])
        grouped[-1].append(clause)
    return grouped


def level_problems(segment: list[Clause]) -> Iterator[str]:
    """持平 against the changes printed for the same item: each must be able to be 0."""
    for item in items(segment):
        level = next(
            (c for c in item if LEVEL_CHANGE.search(c.text) and not LEVEL_BUDGET.search(c.text)), None
        )
        if level is None:
            continue
        changes = [c for clause in item for c in clause.claims if c.kind in ("change", "rate")]
        said = "、".join(f"“{c.label}{c.figure.text}{c.figure.unit}”" for c in changes if not _can_be_zero(c))
        if said:
            yield f"写“{LEVEL_CHANGE.search(level.text).group(0)}”，但同一事项印有{said}，增减应为 0"


def _can_be_zero(claim: Claim) -> bool:
    return Interval.of(claim.figure).contains(0)


@rule(
    id="P-comparison-words",
    title="与预算、上年比较的用词",
    doc="超出/超过预算须完成率大于100%，未完成/未达到须小于100%，与预算持平须等于100%；与上年持平须增减为0。",
)
def comparison_words(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for key, paragraph in section_paragraphs(disclosure):
        for segment in segments(paragraph.text, paragraph.origin):
            for message in (*completion_problems(segment), *level_problems(segment)):
                yield this.finding(message, (), f"第三部分 {key} {paragraph.origin}")
