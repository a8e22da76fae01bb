"""Figures of 第三部分 against each other and against the tables where the tracer gives them no
source (CHECKLIST D09, D14, D21): the 三公 budget stated in 九 against 公开09表's 预算数, the items of
七 and 八 against 公开07表 and 公开08表 row by row, and 收入总计 and 支出总计 (equal every year) changing
by the same amount, the same way; a figure with no table behind it stated alike in every section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import Interval
from juesuan.rules.narrative import claim_text, traces_of
from juesuan.rules.narrative_text import claims_of, compact, paragraphs, where, within
from juesuan.rules.registry import Rule, rule

# 公开09表 预算数 columns by the words naming the item (the more specific first)
BUDGET_COLUMNS = (
    ("购置及运行", "3"),
    ("运行", "5"),
    ("购置", "4"),
    ("出国", "2"),
    ("接待", "6"),
    ("三公", "1"),
)


@rule(
    id="N-three-public-budget",
    title="“三公”经费预算数与公开09表一致",
    doc="第三部分 九所述“三公”经费（及各分项）的预算数须与公开09表的预算数一致，"
    "含未能按句式追溯的说法（D09）。",
)
def three_public_budget(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    table = disclosure.table("09")
    if table is None:
        return
    for trace in traces_of(disclosure):
        claim = trace.claim
        if claim.kind != "budget" or trace.source is not None or not within(trace.section, "九"):
            continue
        column = next((col for words, col in BUDGET_COLUMNS if words in claim.label), None)
        figure = table.figure("1", column) if column else None
        printed = figure.value if figure is not None else 0
        value = Interval.of(figure) if figure is not None else Interval.exact(0)
        if column and not Interval.of(claim.figure).overlaps(value):
            shown = figure.text if figure else "空"
            difference = abs(claim.figure.value - printed)
            message = f"“{claim_text(claim)}”与公开09表预算数第{column}栏（{shown}）不符，差 {difference:f}"
            yield this.finding(message, (CellRef("09", "1", column),), where(trace.section, trace.paragraph))


@rule(
    id="N-fund-items",
    title="政府性基金、国有资本经营预算说明逐项与表一致",
    doc="第三部分 七、八逐项所述的科目支出须与公开07表、08表该科目的支出数一致（D14）。",
)
def fund_items(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for number, section, column in (("07", "七", "3"), ("08", "八", "1")):
        table = disclosure.table(number)
        rows = [row for row in table.rows if len(compact(row.label)) >= 4] if table else []
        for key, paragraph in paragraphs(disclosure) if rows else ():
            if not within(key, section):
                continue
            for claim in list(claims_of(paragraph)):
                row = _row_named(rows, claim.label) if claim.kind == "amount" else None
                figure = row.get(column) if row else None
                value = Interval.of(figure) if figure is not None else Interval.exact(0)
                if row and not Interval.of(claim.figure).overlaps(value):
                    printed = figure.text if figure is not None else "空"
                    message = f"“{claim_text(claim)}”与公开{number}表 {row.key} {row.label}（{printed}）不符"
                    yield this.finding(message, (CellRef(number, row.key, column),), where(key, paragraph))


def _row_named(rows, label: str):
    """The row whose name the label ends with (……城市基础设施配套费安排的支出12.00万元)."""
    label = compact(label).removesuffix("为").removesuffix("支出").rstrip("（类款项）()")
    named = [row for row in rows if label.endswith(compact(row.label).removesuffix("支出"))]
    return max(named, key=lambda row: len(row.label), default=None)


@rule(
    id="N-totals-together",
    title="收入总计与支出总计同向同幅增减",
    doc="收入总计与支出总计每年相等，说明中两者与上年的增减额、增减方向和增减率须一致（D21）。",
)
def totals_together(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for key, paragraph in paragraphs(disclosure):
        if not (within(key, "一") or within(key, "四")):
            continue
        claims = list(claims_of(paragraph))
        income = _change_of(claims, "收入")
        spending = _change_of(claims, "支出")
        pairs = [
            (a, b)
            for x, y in zip(income, spending, strict=False)
            for a, b in zip(x, y, strict=True)
            if a and b
        ]
        for a, b in pairs:
            if a.sign and b.sign and a.sign != b.sign:
                said = f"“{claim_text(a)}”与“{claim_text(b)}”"
                yield this.finding(
                    f"收入总计与支出总计相等，增减方向却相反：{said}", (), where(key, paragraph)
                )
            elif not Interval.of(a.figure).overlaps(Interval.of(b.figure)):
                said = f"“{claim_text(a)}”与“{claim_text(b)}”"
                yield this.finding(
                    f"收入总计与支出总计相等，所述增减却不同：{said}", (), where(key, paragraph)
                )


def _change_of(claims, side: str) -> list:
    """The change of 收入总计 (or 支出总计) and the rate after it."""
    found = []
    for at, claim in enumerate(claims):
        if (
            claim.kind == "change"
            and side in claim.label
            and "总计" in claim.label
            and "、" not in claim.label
        ):
            rate = claims[at + 1] if at + 1 < len(claims) else None
            found.append((claim, rate if rate is not None and rate.kind == "rate" else None))
    return found


_NOT_NAME = re.compile(r"20\d\d\s*年度?|其中[：:]?|^[\d.、]+|[为是共]$|本部门|本单位|全年|累计")


@rule(
    id="N-same-figure",
    title="同一指标多处所述一致",
    doc="同一指标（名称相同、无表格来源的金额或计数）在第三部分不同节中所述须一致；"
    "有表格来源的由 N-amount 逐处核对（D15）。",
    severity=Severity.WARNING,
)
def same_figure(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    first: dict[tuple[str, str], object] = {}
    for trace in traces_of(disclosure):
        claim = trace.claim
        if trace.source is not None or trace.operands or claim.kind not in ("amount", "count"):
            continue
        name = _NOT_NAME.sub("", compact(claim.label).replace(compact(disclosure.unit), ""))
        if len(name) < 4:
            continue
        earlier = first.setdefault((name, claim.kind), trace)
        if earlier.section.split("（")[0] == trace.section.split("（")[0]:
            continue  # one section may state the same words of several items (各项目的执行数)
        if not Interval.of(claim.figure, exact=claim.kind == "count").overlaps(
            Interval.of(earlier.claim.figure, exact=claim.kind == "count")
        ):
            said = f"第三部分 {earlier.section}“{claim_text(earlier.claim)}”"
            message = f"“{claim_text(claim)}”与{said}是同一指标，所述不一致"
            yield this.finding(message, (), where(trace.section, trace.paragraph))
