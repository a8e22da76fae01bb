"""Reasons in 第三部分 (CHECKLIST E01, E02, E04, E18): a change against last year, a 决算 that differs
from its 预算, and a 三公 spending that changed, each needs its reason; a reason announced and
left empty, or a template's alternative left standing (增加（减少）, 下降（增长）), is a remnant.

A reason counts wherever the section gives it: items explained one by one may each carry their
own, and a paragraph that only introduces the items (……完成年初预算的91.14%。其中：) needs none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.narrative.claims import Claim
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.intervals import Interval
from juesuan.rules.narrative_text import (
    EMPTY_REASON,
    REASON,
    Keyed,
    claims_of,
    compact,
    first_where,
    paragraphs,
    part,
    text_of,
    where,
)
from juesuan.rules.registry import Rule, rule


def _changes(found: list[Keyed]) -> list[Claim]:
    """Changes and rates that cannot be 0, stated against last year."""
    return [
        c
        for _, p in found
        for c in list(claims_of(p))
        if c.kind in ("change", "rate") and not Interval.of(c.figure).contains(0) and "预算" not in c.label
    ]


@rule(
    id="N-change-reasons",
    title="收支增减变化的原因",
    doc="收入支出总体、财政拨款收支总体、一般公共预算财政拨款支出总体情况说明写有与上年的增减时，须写明主要原因（E01）。",
    severity=Severity.WARNING,
)
def change_reasons(disclosure, this: Rule) -> Iterator[Finding]:
    for number, what in (
        ("一", "收入支出总体"),
        ("四", "财政拨款收支总体"),
        ("五（一）", "一般公共预算财政拨款支出总体"),
    ):
        found = part(disclosure, number)
        if number == "五（一）" and not any(key.startswith("五（一）") for key, _ in found):
            continue  # 五 not printed with （一）: its reasons are 五 as a whole
        if _changes(found) and not REASON.search(text_of(found)):
            message = f"{what}情况说明写有与上年相比的增减，却未写明增减变化的主要原因"
            yield this.finding(message, (), first_where(found, number))


def _differs(claims: list[Claim]) -> bool:
    """A completion rate that cannot be 100%, or a 决算 that cannot equal the 预算 stated with it."""
    for claim in claims:
        if claim.kind == "completion" and not Interval.of(claim.figure).contains(100):
            return True
    budgets = [c for c in claims if c.kind == "budget"]
    amounts = [c for c in claims if c.kind == "amount"]
    if budgets and amounts and not any(c.kind == "completion" for c in claims):
        return not Interval.of(budgets[-1].figure).overlaps(Interval.of(amounts[-1].figure))
    return False


@rule(
    id="N-budget-reasons",
    title="决算与年初预算差异的原因",
    doc="一般公共预算财政拨款支出决算具体情况说明中，决算数与预算数不同的每一项须写明原因（E02）。",
    severity=Severity.WARNING,
)
def budget_reasons(disclosure, this: Rule) -> Iterator[Finding]:
    found = [(key, p) for key, p in part(disclosure, "五（三）") if key.startswith("五（三）")]
    for at, (key, paragraph) in enumerate(found):
        text = compact(paragraph.text)
        introduces = text.endswith(("其中：", "其中:", "其中")) and at + 1 < len(found)
        # the reason may follow as a paragraph of its own (决算数小于预算数的主要原因：…)
        following = compact(found[at + 1][1].text) if at + 1 < len(found) else ""
        if introduces or REASON.search(text + following[:20]) or not _differs(list(claims_of(paragraph))):
            continue
        head = re.split(r"[。，]", text)[0][:40]
        yield this.finding(f"“{head}…”决算数与预算数不同，却未写明原因", (), where(key, paragraph))


@rule(
    id="N-three-public-reasons",
    title="“三公”经费增减与预决算差异的原因",
    doc="“三公”经费支出决算与预算不同或与上年相比有增减时，第三部分 九须写明原因（E04）。",
    severity=Severity.WARNING,
)
def three_public_reasons(disclosure, this: Rule) -> Iterator[Finding]:
    found = part(disclosure, "九")
    claims = [c for _, p in found for c in list(claims_of(p))]
    if not found or REASON.search(text_of(found)):
        return
    if _changes(found) or _differs(claims) or _table_differs(disclosure):
        yield this.finding(
            "“三公”经费支出决算与预算或上年相比有差异，却未写明原因", (), first_where(found, "九")
        )


def _table_differs(disclosure) -> bool:
    table = disclosure.table("09")
    budget, actual = (table.figure("1", c) if table else None for c in ("1", "7"))
    return budget is not None and actual is not None and not Interval.of(budget).overlaps(Interval.of(actual))


# 增加（减少）, 下降（增长）, 增长(下降), 大于（小于）: the template's choice left to the writer
REMNANT = re.compile(
    r"(增加|减少|增长|下降|降低|大于|小于|高于|低于)\s*[（(]\s*(增加|减少|增长|下降|降低|大于|小于|高于|低于)\s*[）)]"
)


@rule(
    id="N-template-remnant",
    title="模板残留与空原因",
    doc="第三部分不得留有模板的二选一用词（增加（减少）、下降（增长））或只写“主要原因是：”而无内容（E18）。",
)
def template_remnants(disclosure, this: Rule) -> Iterator[Finding]:
    keyed = paragraphs(disclosure)
    for at, (key, paragraph) in enumerate(keyed):
        text = compact(paragraph.text)
        # 主要原因是： closing a paragraph may announce the reasons listed in the paragraphs after it
        listed = at + 1 < len(keyed) and keyed[at + 1][0] == key
        for match in REMNANT.finditer(text):
            said = text[max(0, match.start() - 12) : match.end() + 8]
            message = f"留有模板的二选一用词“{match.group(0)}”（…{said}…），应按实际只写一个"
            yield this.finding(message, (), where(key, paragraph))
        for match in EMPTY_REASON.finditer(text):
            if listed and match.end() == len(text):
                continue
            said = text[max(0, match.start() - 16) : match.end() + 1]
            yield this.finding(
                f"“{match.group(0)}”后没有内容（…{said}…），应写明原因", (), where(key, paragraph)
            )
