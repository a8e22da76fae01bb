"""Parts that cannot exceed their whole: a figure that is by definition contained in another.

These are inequalities, which the identities grammar (`identities.txt`, equalities only) does not
state. Each compares intervals, as the identities do: a finding only when the part is above the
whole whatever values the printed (rounded) figures stand for.

- `X06-09-three-public` (C08): 公开06表 shows 一般公共预算财政拨款 basic expenditure; 公开09表 the
  “三公” 决算数 of all 财政拨款, basic and project. So 30212 因公出国（境）费用, 30217 公务接待费, 30231
  公务用车运行维护费 and 30913 + 31013 公务用车购置 cannot exceed the matching 决算数 of 公开09表.
- `X10-sme-within-procurement` (B15): the 中小企业 (and 小微企业) amounts 第三部分 states are parts of
  the 政府采购 total (公开10表 第1行, or the total the same section states where there is no 公开10表),
  and 小微企业 are 中小企业.
- `X03-forms-funds` (G04): the 全年执行数 of the 项目支出绩效自评表 is project spending of the year: their
  sum above 公开03表 项目支出 is a warning (a project may be paid through 对附属单位补助 or 上缴上级),
  above the year's whole 本年支出合计 an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from juesuan.catalogue.tables import table_name
from juesuan.model import Disclosure, Figure, Paragraph
from juesuan.model.forms import FundingLine
from juesuan.narrative.claims import Claim, paragraph_claims
from juesuan.narrative.trace import section_paragraphs
from juesuan.rules.cells import figure_at, is_unread, where
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import ZERO, Interval
from juesuan.rules.registry import Rule, rule
from juesuan.rules.table_values import heading_of

NOT_POSITIVE = Interval(None, Fraction(0), True, False)
CENT = Decimal("0.01")


def exceeds(part: Interval, whole: Interval) -> bool:
    """Whether the part is above the whole for every value the figures can stand for."""
    return not (part - whole).overlaps(NOT_POSITIVE)


def amount(value: Interval) -> str:
    """The printed value of a sum of figures, to the cent."""
    return format(value.mid.quantize(CENT), "f")


def excess(part: Interval, whole: Interval) -> str:
    return amount(part - whole)


# ---- C08: 公开06表 items within the 公开09表 “三公” 决算数 ----

# (公开06表 款 codes, the 公开09表 决算数 column holding them, the 三公 item's name)
THREE_PUBLIC_ITEMS = (
    (("30212",), "8", "因公出国（境）费"),
    (("30217",), "12", "公务接待费"),
    (("30231",), "11", "公务用车运行维护费"),
    (("30913", "31013"), "10", "公务用车购置费"),
)
BASIC_COLUMN = "决算数"
THREE_PUBLIC_ROW = "1"


@rule(
    id="X06-09-three-public",
    title="基本支出明细不超过“三公”经费决算",
    doc="公开06表 30212 因公出国（境）费用、30217 公务接待费、30231 公务用车运行维护费、30913 与 31013 "
    "公务用车购置之和，分别不超过公开09表对应的“三公”经费决算数（06表只是一般公共预算基本支出的一部分）",
)
def three_public_items(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    if disclosure.table("06") is None or disclosure.table("09") is None:
        return
    for codes, column, name in THREE_PUBLIC_ITEMS:
        parts = [CellRef("06", code, BASIC_COLUMN) for code in codes]
        whole = CellRef("09", THREE_PUBLIC_ROW, column)
        finding = item_finding(disclosure, this, parts, whole, name)
        if finding is not None:
            yield finding


def item_finding(
    disclosure: Disclosure, this: Rule, parts: list[CellRef], whole: CellRef, name: str
) -> Finding | None:
    printed = [cell for cell in parts if figure_at(disclosure, cell) is not None]
    part = sum((Interval.of(figure_at(disclosure, cell)) for cell in printed), ZERO)
    if not printed or not exceeds(part, ZERO):
        return None
    codes = "、".join(f"{cell.row} {label(disclosure, cell)}" for cell in printed)
    if any(is_unread(disclosure, cell) for cell in (*parts, whole)):
        message = f"无法核对：公开09表 未读到“三公”经费决算数，不能判断公开06表 {codes} 是否超过{name}"
        return Finding(this.id, Severity.INFO, message, (*printed, whole), where(disclosure, printed[0]))
    total = Interval.of(figure_at(disclosure, whole))
    if not exceeds(part, total):
        return None
    stated = figure_at(disclosure, whole)
    message = (
        f"公开06表 {codes} 为 {amount(part)}，大于公开09表“三公”经费决算数{name} "
        f"{stated.text if stated else '空'}（多 {excess(part, total)}）：一般公共预算财政拨款基本支出中的"
        f"{name}不能超过财政拨款“三公”经费中的{name}"
    )
    return this.finding(message, (*printed, whole), where(disclosure, printed[0]))


def label(disclosure: Disclosure, cell: CellRef) -> str:
    table = disclosure.table(cell.table)
    row = table.row(cell.row) if table else None
    return row.label if row else ""


# ---- B15: 中小企业 amounts within the 政府采购 total ----

PROCUREMENT_TOTAL = CellRef("10", "1", "统计数")
_SME = "中小企业"
_SMALL = "小微企业"
_TOTAL_WORDS = re.compile(r"政府采购(支出)?(总额|金额|合计)")
_PART_WORDS = ("中小", "小微", "货物", "工程", "服务", "预留", "占")


def procurement_paragraphs(disclosure: Disclosure) -> list[tuple[str, Paragraph]]:
    return [(key, p) for key, p in section_paragraphs(disclosure) if "政府采购" in p.text or _SME in p.text]


def money(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.figure.unit == "万元" and claim.kind in ("amount", "budget")]


def enterprise_amounts(claims: list[Claim], words: str) -> list[Claim]:
    """Amounts the text gives to 中小企业 (or 小微企业): named so, and no share of them."""
    other = _SMALL if words == _SME else "\0"
    return [c for c in money(claims) if words in c.label and other not in c.label and "占" not in c.label]


def stated_total(claims: list[Claim]) -> Claim | None:
    """The 政府采购 total the text states (政府采购支出总额, 政府采购金额), not a part of it."""
    for claim in money(claims):
        if _TOTAL_WORDS.search(claim.label) and not any(word in claim.label for word in _PART_WORDS):
            return claim
    return None


def reserved(claim: Claim) -> bool:
    """面向中小企业预留…预算金额: a budget, not a contract amount; compared only with budgets."""
    return "预留" in claim.label or "预算" in claim.label


@rule(
    id="X10-sme-within-procurement",
    title="中小企业合同金额不超过政府采购总额",
    doc="第三部分所述授予中小企业、小微企业的合同金额不超过政府采购支出总额（公开10表第1行，无公开10表时为"
    "同节所述总额），小微企业金额不超过同一口径（合同或预留预算）的中小企业金额",
)
def sme_within_procurement(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    claims = [
        (key, p, claim) for key, p in procurement_paragraphs(disclosure) for claim in paragraph_claims(p)
    ]
    every = [claim for _, _, claim in claims]
    total = procurement_total(disclosure, every)
    medium, small = enterprise_amounts(every, _SME), enterprise_amounts(every, _SMALL)
    for key, paragraph, claim in claims:
        place = f"第三部分 {key} {paragraph.origin}"
        if total is not None and claim in medium + small and not reserved(claim):
            yield from above(this, claim, total, place)
        same = [each for each in medium if reserved(each) == reserved(claim)]
        if claim in small and same:
            largest = max(same, key=lambda each: each.figure.value)
            yield from above(
                this, claim, (f"{largest.label}{largest.figure.text}万元", largest.figure, ()), place
            )


Whole = tuple[str, Figure, tuple[CellRef, ...]]  # (how the text names it, the figure, its cells)


def procurement_total(disclosure: Disclosure, claims: list[Claim]) -> Whole | None:
    figure = figure_at(disclosure, PROCUREMENT_TOTAL)
    if figure is not None:
        return (f"公开10表 政府采购合计 {figure.text} 万元", figure, (PROCUREMENT_TOTAL,))
    if disclosure.table("10") is not None:
        return None
    claim = stated_total(claims)
    return (f"同节所述{claim.label}{claim.figure.text}万元", claim.figure, ()) if claim else None


def above(this: Rule, claim: Claim, whole: Whole, place: str) -> Iterator[Finding]:
    name, figure, cells = whole
    part, total = Interval.of(claim.figure), Interval.of(figure)
    if exceeds(part, total):
        message = (
            f"{claim.label}{claim.figure.text}万元，大于{name}（多 {excess(part, total)} 万元）："
            "授予中小企业（小微企业）的金额是政府采购的一部分，不能超过其总额"
        )
        yield this.finding(message, cells, place)


# ---- G04: the funds of the 绩效自评表 within 项目支出 ----

SPENDING = "03"
PROJECT_COLUMN, TOTAL_COLUMN = "3", "1"


@rule(
    id="X03-forms-funds",
    title="绩效自评资金不超过项目支出",
    severity=Severity.WARNING,
    doc="项目支出绩效自评表全年执行数之和不超过公开03表项目支出合计（超过为警告：项目资金也可能列在对附属单位"
    "补助等栏），超过本年支出合计为错误",
)
def project_funds(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    executed = [line.executed for line in funding_totals(disclosure) if line.executed is not None]
    if not executed or disclosure.table(SPENDING) is None:
        return
    spent = sum((Interval.of(figure) for figure in executed), ZERO)
    for column, severity in ((TOTAL_COLUMN, Severity.ERROR), (PROJECT_COLUMN, this.severity)):
        cell = CellRef(SPENDING, "合计", column)
        figure = figure_at(disclosure, cell)
        if figure is not None and exceeds(spent, Interval.of(figure)):
            yield funds_finding(disclosure, this, severity, spent, len(executed), cell, figure)
            return


def funding_totals(disclosure: Disclosure) -> list[FundingLine]:
    """The 资金总额 line of each form that has one."""
    return [form.total_funding for form in disclosure.forms if form.total_funding is not None]


def funds_finding(
    disclosure: Disclosure,
    this: Rule,
    severity: Severity,
    spent: Interval,
    forms: int,
    cell: CellRef,
    figure: Figure,
) -> Finding:
    heading = heading_of(disclosure.table(SPENDING), cell.col)
    over = excess(spent, Interval.of(figure))
    message = (
        f"{forms} 张项目支出绩效自评表的全年执行数合计 {amount(spent)} 万元，大于{table_name(SPENDING)}合计行"
        f"{heading} {figure.text} 万元（多 {over}）：自评项目的执行数是本年项目支出的一部分"
    )
    return Finding(this.id, severity, message, (cell,), where(disclosure, cell))
