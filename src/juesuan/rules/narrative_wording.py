"""The wording of 第三部分 against the tables (CHECKLIST D16, D17, D19, D20): class names as the tables
print them, a percentage with its “%”, amounts in 万元 not 元, and a purpose that fits its item.
(“决算数大于预算数” against the amounts stated beside it, D06, is N-completion's.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.narrative_text import compact, paragraphs, performance, where
from juesuan.rules.registry import Rule, rule

# Former names of 功能分类 classes and 款 (the table prints the new one): D16
FORMER_NAMES = {
    "文化体育与传媒": "文化旅游体育与传媒",
    "医疗卫生与计划生育": "卫生健康",
    "国土海洋气象等": "自然资源海洋气象等",
    "资源勘探信息等": "资源勘探工业信息等",
    "行政事业单位离退休": "行政事业单位养老支出",
    "国土资源事务": "自然资源事务",
}


@rule(
    id="N-class-names",
    title="科目名称与表格一致",
    doc="第三部分所述科目名称须与表中印出的一致：表中印的是新名称（如文化旅游体育与传媒）时，说明不得用旧名称（D16）。",
)
def class_names(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    printed = {compact(row.label) for table in disclosure.tables for row in table.rows}
    for key, paragraph in paragraphs(disclosure):
        text = compact(paragraph.text)
        for old, new in FORMER_NAMES.items():
            at = text.find(old)
            if (
                at >= 0
                and not any(old in label for label in printed)
                and any(new in label for label in printed)
            ):
                said = text[max(0, at - 10) : at + len(old) + 16]
                message = f"“{said}”用了科目旧名称“{old}”，表中印为“{new}”，应与表格一致"
                yield this.finding(message, (), where(key, paragraph))


_UNIT_AFTER = (
    r"[\d.%％]|万|元|个|辆|人|次|批|台|套|项|倍|亿|千|百|分|年|月|日|家|名|天|小时|期|篇|本|册|件"
    r"|平方|公里|户|所|张|岁|—|-|~|至"
)
PERCENT_WORDS = re.compile(
    r"(占比|占|增长|下降|降低|增幅|降幅|完成(?:年初|全年)?预算(?:数)?的)\s*(\d+\.\d+|\d+)\s*(?!\s*(?:"
    + _UNIT_AFTER
    + "))"
)


@rule(
    id="N-percent-sign",
    title="百分比写明“%”",
    doc="占比、增减率、完成率须写“%”：“占76.23”“增长13.95”漏写百分号即报告（D17）。",
)
def percent_signs(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    skip = {id(p) for _, p in performance(disclosure)}
    for key, paragraph in paragraphs(disclosure):
        if id(paragraph) in skip:
            continue
        for match in PERCENT_WORDS.finditer(paragraph.text):
            said = paragraph.text[max(0, match.start() - 12) : match.end() + 2]
            message = f"“{match.group(0).strip()}”漏写“%”（…{said}…）"
            yield this.finding(message, (), where(key, paragraph))


YUAN = re.compile(r"(?<![\d.,])(\d[\d,]*\.\d{2})\s*元")


@rule(
    id="N-money-unit",
    title="金额单位万元误写为元",
    doc="第三部分的金额以万元计：写作“…元”而数值与表中某一万元金额相同的，多为把万元写成了元（D19）。",
    severity=Severity.WARNING,
)
def money_units(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    cells = {
        f.text.replace(",", ""): (t.number, r.key, c)
        for t in disclosure.tables
        for r in t.rows
        for c, f in r.cells
    }
    skip = {id(p) for _, p in performance(disclosure)}
    for key, paragraph in paragraphs(disclosure):
        for match in YUAN.finditer(paragraph.text) if id(paragraph) not in skip else ():
            value = match.group(1).replace(",", "")
            if value in cells and float(value) != 0:
                message = f"“{match.group(0)}”与表中金额 {value} 万元相同，单位应为万元"
                yield this.finding(message, (CellRef(*cells[value]),), where(key, paragraph))


# what an item is (its name) and the words a fitting purpose uses
TOPICS = {
    "住房": (re.compile(r"住房|公积金|购房|提租"), re.compile(r"住房|公积金|购房|租")),
    "医疗": (re.compile(r"医疗|卫生健康|医保"), re.compile(r"医疗|医保|卫生|健康|体检")),
    "养老": (re.compile(r"养老|职业年金|离退休|退休"), re.compile(r"养老|年金|退休|离休|老干部")),
}
PURPOSE = re.compile(r"用于[：:]?([^。；;]*)")


@rule(
    id="N-purpose",
    title="科目用途描述与科目相符",
    doc="逐项说明的“主要用于……”须与该科目相符：住房公积金写成医疗保险、医疗写成养老等即报告（D20）。",
    severity=Severity.WARNING,
)
def purposes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for key, paragraph in paragraphs(disclosure):
        if key.startswith("六"):
            continue
        text, start = compact(paragraph.text), 0
        for match in PURPOSE.finditer(text):
            topic = _topic(text[start : match.start()])
            start = match.end()
            if topic is None:
                continue
            own, purpose = TOPICS[topic][1], match.group(1)
            others = [name for name, (_, words) in TOPICS.items() if name != topic and words.search(purpose)]
            if others and not own.search(purpose):
                message = f"{topic}类科目的用途写作“{purpose[:30]}”，与科目不符（似为{others[0]}）"
                yield this.finding(message, (), where(key, paragraph))


def _topic(named: str) -> str | None:
    """The topic of the item last named before a purpose (住房公积金（项）→ 住房)."""
    last = {
        name: max((m.end() for m in names.finditer(named)), default=-1) for name, (names, _) in TOPICS.items()
    }
    best = max(last, key=lambda name: last[name])
    return best if last[best] >= 0 else None


PERCENT = re.compile(r"(?<![\d.])\d+(?:\.(\d+))?\s*[%％]")


@rule(
    id="N-percent-places",
    title="百分比保留两位小数",
    doc="第三部分的占比、增减率、完成率按全国模板保留两位小数（D22）；只作提示，中央部门模板另有写法，不核对。",
    severity=Severity.INFO,
)
def percent_places(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for key, paragraph in paragraphs(disclosure):
        for match in PERCENT.finditer(paragraph.text):
            if len(match.group(1) or "") != 2:
                yield this.finding(f"“{match.group(0)}”未保留两位小数", (), where(key, paragraph))
