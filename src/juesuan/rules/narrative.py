"""Every number in 第三部分 情况说明 against its source.

The narrative package reads the claims and traces each to a source (a cell, a sum of cells, a
figure over the 绩效自评表) or to other claims (a rate to its change and amount; a share to its
amount and total; a completion rate to 决算 and 年初预算). Here each trace is checked with exact
intervals; numbers that could not be traced are reported as info, so the coverage is visible.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cache

from juesuan.model import Disclosure, Figure
from juesuan.narrative.budget import YUAN, in_narrative_unit, unit_note
from juesuan.narrative.claims import Claim, budget_word
from juesuan.narrative.relations import FROM_NONE, KINDS, LISTED, NO_SUBORDINATES
from juesuan.narrative.trace import ZERO_WITH, Trace, trace_narrative
from juesuan.rules.cells import cell_name, figure_at
from juesuan.rules.evaluate import cells_of, evaluate
from juesuan.rules.expressions import Expr, parse_expression, refs
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import Interval
from juesuan.rules.registry import Rule, rule

# the rules of this module: the numbers of 第三部分 against their sources (the checks of the
# narrative's words, completeness and reasons are in rules/narrative_*.py)
TRACED_RULES = frozenset(
    (
        "N-amount",
        "N-share",
        "N-change-rate",
        "N-completion",
        "N-untraced",
        "N-reception-split",
        "N-change-sum",
    )
)
FORMS_SOURCES = ("forms:count", "forms:executed", "forms:grade")
# 比年初预算数增加, 较预算增加, 与预算数相比: a change against the budget, not last year
_AGAINST_BUDGET = re.compile(r"[较比](年初)?预算|与(年初)?预算数?相比")


@cache
def _expression(source: str) -> Expr:
    return parse_expression(source)


_last_traced = threading.local()


def traces_of(disclosure: Disclosure) -> tuple[Trace, ...]:
    """The narrative's traces, shared by the narrative rules of one run: kept per thread for the
    last disclosure by identity (hashing a whole disclosure would cost more than tracing it)."""
    last = getattr(_last_traced, "entry", None)
    if last is None or last[0] is not disclosure:
        last = _last_traced.entry = (disclosure, tuple(trace_narrative(disclosure)))
    return last[1]


def claim_text(claim: Claim) -> str:
    return f"{claim.label}{claim.figure.text}{claim.figure.unit}"


def where(trace: Trace) -> str:
    return f"第三部分 {trace.section} {trace.paragraph.origin}"


def source_value(disclosure: Disclosure, trace: Trace) -> tuple[Interval, tuple[CellRef, ...], str]:
    """The source's interval, the cells it reads and a Chinese name for it."""
    if trace.source in FORMS_SOURCES:
        return _forms_value(disclosure, trace)
    if trace.source.startswith(ZERO_WITH):  # says only whether the count is 0: no value
        return Interval.unbounded(), (), ""
    if trace.source == NO_SUBORDINATES:  # 含下属单位0个, where 第一部分 says there are none
        return Interval.exact(0), (), "第一部分所述“没有下属单位”（0 个）"
    if trace.source.startswith(LISTED):  # “…”、“…”和“…”3个: the names listed before it
        names = int(trace.source.removeprefix(LISTED))
        return Interval.exact(names), (), f"其前所列名称 {names} 个"
    exact = trace.claim.kind == "count"
    expr = _expression(trace.source)
    cells = tuple(cell for ref in refs(expr) for cell in cells_of(ref))
    names = "＋".join(_printed_cell(disclosure, cell) for cell in cells) + unit_note(
        disclosure, trace.claim, cells
    )
    # a budget's tables in 元 under a narrative in 万元 (西安 2026): the value in the narrative's unit
    return in_narrative_unit(disclosure, trace.claim, cells, evaluate(expr, disclosure, exact)), cells, names


def _printed_cell(disclosure: Disclosure, cell: CellRef) -> str:
    figure = figure_at(disclosure, cell)
    return f"{cell_name(disclosure, cell)}（{figure.text if figure else '空'}）"


def _forms_value(disclosure: Disclosure, trace: Trace) -> tuple[Interval, tuple[CellRef, ...], str]:
    forms = disclosure.forms
    if trace.source == "forms:count":
        return Interval.exact(len(forms)), (), f"绩效自评表共 {len(forms)} 张"
    if trace.source == "forms:executed":
        total = Interval.exact(0)
        for form in forms:
            line = form.total_funding
            total = total + Interval.of(line.executed if line else None)
        return total, (), f"各绩效自评表全年执行数合计 {total.mid.normalize():f}"
    grade = next((g for g in ("优", "良", "中", "差") if g in trace.claim.after), "")
    count = sum(1 for form in forms if form.grade == grade)
    return Interval.exact(count), (), f"自评等级为“{grade}”的绩效自评表 {count} 张"


def _printed(claim: Claim) -> Interval:
    return Interval.of(claim.figure, exact=claim.kind == "count")


def known(disclosure: Disclosure, claim: Claim) -> Interval:
    """What an operand can be: its printed interval, narrowed by its source where it has one.

    “支出决算0万元” printed without decimals could be anything below 0.5 万元, but when the
    table it comes from is blank the amount is exactly 0.
    """
    printed = _printed(claim)
    trace = _trace_of(disclosure, claim)
    if trace is None or trace.source is None:
        return printed
    value = source_value(disclosure, trace)[0]
    # where the narrative misprints the amount, N-amount says so; shares and rates built on
    # it are judged against the table's figure, so one slip is reported once
    return printed.intersect(value) if printed.overlaps(value) else value


def _trace_of(disclosure: Disclosure, claim: Claim) -> Trace | None:
    return next((t for t in traces_of(disclosure) if t.claim is claim), None)


@rule(
    id="N-amount",
    title="情况说明金额与表格一致",
    doc="第三部分的每个金额、数量与其来源（表格单元格、单元格之和、绩效自评表）在尾数区间内一致。",
)
def narrative_amounts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for trace in traces_of(disclosure):
        if trace.relation == "sum":
            yield from _check_sum(disclosure, this, trace)
        if trace.relation == "average":
            yield from _check_average(disclosure, this, trace)
        if trace.relation == "within":
            yield from _check_within(disclosure, this, trace)
        if trace.relation == "part":
            yield from _check_part(disclosure, this, trace)
        if trace.relation == "items":
            yield from _check_items(disclosure, this, trace)
        if trace.relation == "restated":
            yield from _check_restated(disclosure, this, trace)
        if trace.relation == "persons":
            yield from _check_persons(trace)
        if trace.relation == "none" and trace.claim.figure.value != 0:
            project = trace.operands[0]
            message = f"“{claim_text(project)}”项目，而“{claim_text(trace.claim)}”不为 0"
            yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)
        if trace.source is not None and trace.source.startswith(ZERO_WITH):
            yield from _check_zero_with(disclosure, trace)
            continue
        if trace.source is None or trace.claim.kind not in ("amount", "budget", "count"):
            continue
        value, cells, name = source_value(disclosure, trace)
        if not _printed(trace.claim).overlaps(value):
            difference = _difference(trace.claim.figure, value)
            message = f"“{claim_text(trace.claim)}”与{name}不符，差 {difference}"
            yield this.finding(message, cells, where(trace), origin=trace.paragraph.origin)


def _check_sum(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """共有车辆15辆，其中：…1辆、…2辆: the total against the parts stated after it."""
    summed = sum((known(disclosure, part) for part in trace.operands), Interval.exact(0))
    if not _printed(trace.claim).overlaps(summed):
        parts = "＋".join(f"{part.figure.text}" for part in trace.operands)
        difference = _difference(trace.claim.figure, summed)
        message = f"“{claim_text(trace.claim)}”与其后所列各项之和（{parts}）不符，差 {difference}"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _check_average(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """保有量为15辆，…运行维护费支出40.61万元，平均每辆2.71万元: the average against total ÷ count."""
    total, count = trace.operands
    average = known(disclosure, total) / known(disclosure, count)
    if not _printed(trace.claim).overlaps(average):
        basis = f"{claim_text(total)}÷{claim_text(count)}"
        message = f"“{claim_text(trace.claim)}”与 {basis} = {average.mid:.2f}万元 不符"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _check_within(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """在其他政府采购项目中…采购金额21.07万元 with the 21.07 the reserved projects awarded, within a
    政府采购金额 of 21.07: the parts may not exceed their whole."""
    whole, *others = trace.operands
    parts = [trace.claim, *others]
    summed = sum((known(disclosure, part) for part in parts), Interval.exact(0))
    excess = summed - known(disclosure, whole)
    if excess.lo is not None and excess.lo > 0:
        if others:  # the other projects' and the 中小企业-reserved projects' awards, within all contracts
            reserved = claim_text(others[0])
            said = f"其他政府采购项目的“{claim_text(trace.claim)}”与面向中小企业预留项目的“{reserved}”之和"
        else:
            said = f"预留项目授予的“{claim_text(trace.claim)}”"
        message = f"{said}超过“{claim_text(whole)}”"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _check_part(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """其中：国内公务接待支出0.39万（含外宾接待支出0.00万元）: a part may not exceed its whole."""
    (whole,) = trace.operands
    excess = known(disclosure, trace.claim) - known(disclosure, whole)
    if excess.lo is not None and excess.lo > 0:
        message = f"“{claim_text(trace.claim)}”是“{claim_text(whole)}”的一部分，却大于它"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _check_items(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """五（三）: the budget of the whole against the sum of its items' budgets stated after it."""
    summed = sum((known(disclosure, item) for item in trace.operands), Interval.exact(0))
    if not _printed(trace.claim).overlaps(summed):
        difference = _difference(trace.claim.figure, summed)
        said = f"其后逐项所述{budget_word(trace.claim.label) or '预算'}之和 {summed.mid:f}"
        message = f"“{claim_text(trace.claim)}”与{said}不符，差 {difference}"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _check_restated(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """…及7个项目绩效自评 against the projects stated before as self-evaluated (组织对7个…, 对0个…)."""
    summed = sum((known(disclosure, stated) for stated in trace.operands), Interval.exact(0))
    if not _printed(trace.claim).overlaps(summed):
        stated = "、".join(f"“{claim_text(c)}”" for c in trace.operands)
        message = f"“{claim_text(trace.claim)}”与前文所述开展绩效自评的项目数（{stated}）不符"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _check_persons(trace: Trace) -> Iterator[Finding]:
    """共接待国外来访团组0个，来访外宾0人次: every group has at least one person, and no persons come
    without a group. A warning: the words may count the groups and the persons otherwise."""
    (groups,) = trace.operands
    persons, count = trace.claim.figure.value, groups.figure.value
    if (persons == 0) == (count == 0) and persons >= count:
        return
    said = f"“{claim_text(trace.claim)}”与其前的“{claim_text(groups)}”"
    because = "不能有人次而无团组（批次）" if count == 0 else "每个团组（批次）至少一人次"
    message = f"{said}不符：{because}，请核实"
    yield Finding("N-amount", Severity.WARNING, message, (), where(trace), origin=trace.paragraph.origin)


def _check_zero_with(disclosure: Disclosure, trace: Trace) -> Iterator[Finding]:
    """团组0个 with 因公出国（境）费 4.69, or 10批次 with 公务接待费 0: a warning, since costs
    settled in another year or borne by others can part the two."""
    if trace.operands:
        amount, name = known(disclosure, trace.operands[0]), claim_text(trace.operands[0])
    else:
        expr = _expression(trace.source.removeprefix(ZERO_WITH))
        cells = tuple(cell for ref in refs(expr) for cell in cells_of(ref))
        amount = evaluate(expr, disclosure, False)
        name = "＋".join(_printed_cell(disclosure, cell) for cell in cells)
    none = trace.claim.figure.value == 0
    if none == amount.contains(0) or (none and not amount.is_bounded):
        return
    said = "为 0" if none else "不为 0"
    message = f"“{claim_text(trace.claim)}”{said}，而{name}{'不为 0' if none else '为 0'}，请核实"
    yield Finding("N-amount", Severity.WARNING, message, (), where(trace), origin=trace.paragraph.origin)


def _difference(figure: Figure, value: Interval) -> str:
    """|printed − source|, to the finer of the two precisions (8 against 9.05 differs by 1.05)."""
    if not value.is_bounded:
        return "无法计算"
    source = value.mid
    places = max(figure.places, -source.normalize().as_tuple().exponent, 0)
    return f"{abs(figure.value - source).quantize(Decimal(1).scaleb(-places)):f}"


@rule(
    id="N-share",
    title="情况说明占比",
    doc="“占比…%”“占…的…%”等于所述金额除以其总额（表格中的总额，或同段所述的该总额），按两边的尾数区间判断。",
)
def narrative_shares(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    reported = set()
    for trace in traces_of(disclosure):
        if trace.relation == "kinds" and id(trace.paragraph) not in reported:
            reported.add(id(trace.paragraph))
            yield from _check_kind_shares(disclosure, this, trace)
        if trace.claim.kind != "share" or not trace.operands or trace.relation:
            continue
        base, cells, name = _operand_or_source(disclosure, trace)
        name = claim_text(trace.operands[1]) if len(trace.operands) == 2 else name
        share = known(disclosure, trace.operands[0]) / base * 100
        if not _printed(trace.claim).overlaps(share):
            yield this.finding(
                _rate_message(trace, share, f"{claim_text(trace.operands[0])}÷{name}"),
                cells,
                where(trace),
                origin=trace.paragraph.origin,
            )


def _check_kind_shares(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """货物采购授予中小企业合同金额占货物支出金额的9.16%, 服务… 90.84%: what is awarded by kind (the
    kind's amount × its share; between 0 and the kind's amount where no share is stated) adds up
    to the 授予中小企业合同金额 stated."""
    total, *by_kind = trace.operands
    awarded, said = Interval.exact(0), []
    for kind, amount, share in zip(KINDS, by_kind[::2], by_kind[1::2], strict=True):
        spent = known(disclosure, amount)
        if share is None:
            awarded = awarded + Interval(Decimal(0), spent.hi)
            said.append(f"{kind} 0～{amount.figure.text}")
        else:
            awarded = awarded + _product(spent, _printed(share)) * Fraction(1, 100)
            said.append(f"{kind} {amount.figure.text}×{share.figure.text}%")
    if not _printed(total).overlaps(awarded):
        low, high = (f"{float(v):.2f}" for v in (awarded.lo, awarded.hi))
        message = (
            f"“{claim_text(total)}”与按各类采购金额及其授予中小企业比例（{'、'.join(said)}）"
            f"合计的 {low}～{high} 万元不符"
        )
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _rate_message(trace: Trace, computed: Interval, basis: str) -> str:
    expected = f"{computed.mid:.2f}%" if computed.is_bounded else "无法确定"
    return f"“{claim_text(trace.claim)}”与按 {basis} 计算的 {expected} 不符"


@rule(
    id="N-change-rate",
    title="情况说明增减率",
    doc="“增长/下降…%”等于增减额除以上年数（本年数减增减额，本年数未述时取其表格单元格；“比年初预算数增加”的，除以预算数），"
    "增加与增长、减少与下降用词一致；上年数（预算数）为0而增减额不为0时增减率无从计算，印出任何比率都是错误；"
    "增减额其后说明没有上年数或预算数（“无2018年决算数”“无年初预算数”）的，增减额应等于本年数。",
)
def narrative_change_rates(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for trace in traces_of(disclosure):
        if trace.claim.kind == "change" and len(trace.operands) == 2:
            yield from _check_change_of_last_year(disclosure, this, trace)
        if trace.relation == FROM_NONE:
            yield from _check_change_from_none(disclosure, this, trace)
        if trace.claim.kind != "rate" or not trace.operands:
            continue
        change = trace.operands[0]
        if change.sign and change.sign != trace.claim.sign:
            words = f"“{change.label}”与“{trace.claim.label}”"
            yield Finding(
                "N-change-rate",
                Severity.ERROR,
                f"增减方向用词不一致：{words}",
                (),
                where(trace),
                origin=trace.paragraph.origin,
            )
            continue
        current, cells, name = _operand_or_source(disclosure, trace)
        # a change worded neither way (相比变化0万元，增长0%) goes the way its rate says
        signed_change = _printed(change) * (change.sign or trace.claim.sign)
        base, printed = current - signed_change, _printed(trace.claim) * trace.claim.sign
        if base.contains(0):
            # rate = change ÷ base, so change × 100 = rate × base: where the base may be 0 the
            # quotient is unbounded, but the product is not (0.00 of a change that is not 0)
            if not (signed_change * 100).overlaps(_product(printed, base)):
                yield this.finding(
                    _of_zero_base(trace, change, base, name),
                    cells,
                    where(trace),
                    origin=trace.paragraph.origin,
                )
        elif not printed.overlaps(rate := signed_change / base * 100):
            basis = f"增减额 {change.figure.text} 与本年 {name}"
            yield this.finding(
                _rate_message(trace, rate * trace.claim.sign, basis),
                cells,
                where(trace),
                origin=trace.paragraph.origin,
            )


def _check_change_of_last_year(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """2023年…14.43万元，2024年…15.57万元，增加1.14万元: the change is this year's less last year's."""
    current, last = trace.operands
    change = known(disclosure, current) - _printed(last)
    if trace.claim.sign and not (_printed(trace.claim) * trace.claim.sign).overlaps(change):
        basis = f"{claim_text(current)}－{claim_text(last)}"
        message = f"“{claim_text(trace.claim)}”与 {basis} = {change.mid:f} 不符"
        yield this.finding(
            message, _claim_cells(disclosure, current), where(trace), origin=trace.paragraph.origin
        )


def _check_change_from_none(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """…相比变化0万元，…无2018年决算数 (佛山 2019): with nothing to compare with, the change is the
    figure itself (本年 − 0)."""
    if trace.operands:
        current, name = known(disclosure, trace.operands[0]), f"“{claim_text(trace.operands[0])}”"
    else:
        current, _, name = source_value(disclosure, trace)
    printed = _printed(trace.claim)
    changed = printed * trace.claim.sign if trace.claim.sign else printed
    if changed.overlaps(current) or (not trace.claim.sign and (printed * -1).overlaps(current)):
        return
    said = "预算数" if _AGAINST_BUDGET.search(trace.claim.label) else "上年数"
    message = f"“{claim_text(trace.claim)}”有误：其后说明没有{said}（为 0），增减额应为本年的{name}"
    yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _of_zero_base(trace: Trace, change: Claim, base: Interval, name: str) -> str:
    """增加1668.14万元，增长0% of 1668.14: the base (上年数, or the 预算数 of a change against the
    budget: 比年初预算数增加) is 0, and no rate of a change that is not 0 can be stated."""
    what = "预算数" if _AGAINST_BUDGET.search(change.label) else "上年数"
    words = "增长率" if trace.claim.sign > 0 else "下降率"
    value = f"{base.mid.normalize():f}" if base.is_bounded else "0"
    stated = f"“{claim_text(trace.claim)}”有误：{what} = 本年 {name} − 增减额 {change.figure.text} = {value}"
    if base.is_bounded and base.mid == 0:
        return f"{stated}，{words}无从计算"
    return f"{stated}，尾数区间内可能为 0，而按此推算的{words}不可能为 {trace.claim.figure.text}%"


def _product(a: Interval, b: Interval) -> Interval:
    """Every a·b (closed: taking in the ends an open interval leaves out reports nothing more)."""
    if not (a.is_bounded and b.is_bounded):
        return Interval.unbounded()
    corners = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(corners), max(corners))


def _operand_or_source(disclosure: Disclosure, trace: Trace) -> tuple[Interval, tuple[CellRef, ...], str]:
    """The second operand (本年数, 年初预算) as stated, else the cell it is (公开09表 预算数), in the
    unit of the first operand (a budget's table in 元 under a share of an amount in 万元)."""
    if len(trace.operands) == 2:
        operand = trace.operands[1]
        return known(disclosure, operand), (), operand.figure.text
    if trace.operands and trace.claim.figure.unit not in YUAN:
        return source_value(disclosure, dataclasses.replace(trace, claim=trace.operands[0]))
    return source_value(disclosure, trace)


@rule(
    id="N-completion",
    title="情况说明预算完成率",
    doc="“完成年初预算的…%”等于支出决算数除以所述年初预算（全年预算）数；未述预算的，除以公开09表的预算数；"
    "预算为0时，决算×100＝比率×预算仍须在尾数区间内成立：决算为0（0的0%）可以，决算不为0则不可。",
)
def narrative_completion(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for trace in traces_of(disclosure):
        if trace.claim.kind == "budget" and trace.relation in _COMPARED_WORDS:
            yield from _check_compared(disclosure, this, trace)
        if trace.claim.kind != "completion" or not trace.operands:
            continue
        budget, cells, name = _operand_or_source(disclosure, trace)
        actual, stated = known(disclosure, trace.operands[0]), _budget_words(trace)
        if budget.contains(0):
            message = _of_zero_budget(trace, actual, budget, f"所述{stated}为 {name}")
        elif not _printed(trace.claim).overlaps(rate := actual / budget * 100):
            basis = f"决算 {trace.operands[0].figure.text} ÷ {stated} {name}"
            message = _rate_message(trace, rate, basis)
        else:
            continue
        if message:
            cells = _claim_cells(disclosure, trace.operands[0]) + cells
            yield this.finding(message, cells, where(trace), origin=trace.paragraph.origin)


_COMPARED_WORDS = {"<": "小于", ">": "大于", "=": "等于（持平）"}


def _check_compared(disclosure: Disclosure, this: Rule, trace: Trace) -> Iterator[Finding]:
    """全年预算为17.68万元，支出决算为11.31万元。决算数小于全年预算数: the words against the two."""
    actual, budget = known(disclosure, trace.operands[0]), _printed(trace.claim)
    difference = actual - budget  # may the 决算 be below, above or equal to the budget?
    possible = {
        "<": difference.lo is None or difference.lo < 0,
        ">": difference.hi is None or difference.hi > 0,
        "=": difference.contains(0),
    }[trace.relation]
    if not possible:
        words = _COMPARED_WORDS[trace.relation]
        stated = f"说明称决算{words}{budget_word(trace.claim.label) or '预算'}"
        message = f"{stated}，而“{claim_text(trace.operands[0])}”、“{claim_text(trace.claim)}”"
        yield this.finding(
            message, _claim_cells(disclosure, trace.operands[0]), where(trace), origin=trace.paragraph.origin
        )


def _budget_words(trace: Trace) -> str:
    return (budget_word(trace.operands[1].label) if len(trace.operands) == 2 else "") or "预算"


def _of_zero_budget(trace: Trace, actual: Interval, budget: Interval, named: str) -> str | None:
    """A budget that may be 0 leaves the rate unbounded, but not free: 决算 × 100 = rate × budget
    must still hold for some budget within the budget's interval. A 0% of a budget of 0 passes
    only when the 决算 may be 0 too (0 of 0); 0.16 万元 is no 0% of 0."""
    rate = _printed(trace.claim)
    if (actual * 100).overlaps(_product(rate, budget)):
        return None
    stated = f"“{claim_text(trace.claim)}”无从计算：{named}"
    implied = actual * 100 / rate
    if implied.is_bounded:  # the budget the rate implies (决算 ÷ rate)
        return (
            f"{stated}，而按决算 {trace.operands[0].figure.text} 与此比率推算，预算应约为 {implied.mid:.2f}"
        )
    return f"{stated}，而“{claim_text(trace.operands[0])}”不为 0"


def _claim_cells(disclosure: Disclosure, claim: Claim) -> tuple[CellRef, ...]:
    """The cells a stated figure was traced to (the 决算 of a completion rate), if any."""
    trace = _trace_of(disclosure, claim)
    if trace is None or trace.source is None or trace.source in FORMS_SOURCES:
        return ()
    return source_value(disclosure, trace)[1]


# Why a number of each kind may have no source in the document, as the finding says it
_UNTRACED_BECAUSE = {
    "rate": "未写增减额，上年数也不在本文件中（可对照上年公开的决算核对）",
    "change": "上年数不在本文件中，也未写增减率（可对照上年公开的决算核对）",
    "budget": "本文件的表中没有此预算数",
    "count": "本文件的表中没有此计数（单位自报）",
    "share": "未能确定所占的总额",
    "completion": "未能确定所对的预算数",
    "amount": "本文件的表中没有此数，或未能识别其所指",
}


_BUDGET_NOT_STATED = "未写预算数，也未写增减率，无从核对"


@rule(
    id="N-untraced",
    title="情况说明中未能追溯的数字",
    doc="列出第三部分中无法追溯到表格、绩效自评表或同段其他数字的数及其原因，使核对覆盖面可见；"
    "只知本年数、既无上年数（预算数）也无增减率的增减额无从核对，也列出。",
    severity=Severity.INFO,
)
def narrative_untraced(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    traces = traces_of(disclosure)
    used = {id(operand) for trace in traces for operand in trace.operands}
    receptions = [_reception_parts(trace, traces) for trace in traces if _is_reception(trace)]
    used |= {id(part) for parts in receptions if len(parts) == 3 for part in parts}
    used |= _summed_changes(disclosure, traces)
    for trace in traces:
        unchecked = _unchecked_change(trace)
        if (unchecked or not trace.traced) and id(trace.claim) not in used:
            against_budget = unchecked and _AGAINST_BUDGET.search(trace.claim.label)
            because = _BUDGET_NOT_STATED if against_budget else _UNTRACED_BECAUSE[trace.claim.kind]
            yield this.finding(
                f"“{claim_text(trace.claim)}”未能追溯到来源：{because}",
                (),
                where(trace),
                origin=trace.paragraph.origin,
            )


def _unchecked_change(trace: Trace) -> bool:
    """A change traced at most to the figure it is of (项目支出增加，较上一度增加1133.95万元: 公开03表's
    项目支出), with no last year's figure stated: unless a rate is stated with it or it enters a sum
    of changes, nothing checks how much the figure changed."""
    return trace.claim.kind == "change" and len(trace.operands) < 2 and trace.relation != FROM_NONE


def _summed_changes(disclosure: Disclosure, traces: tuple[Trace, ...]) -> set[int]:
    """The changes N-change-sum checks: a total's and all its parts', each found in its section."""
    from juesuan.narrative.resolve import section_spec

    found: set[int] = set()
    by_section: dict[str, list[Trace]] = {}
    for trace in traces:
        by_section.setdefault(trace.section, []).append(trace)
    for section, in_section in by_section.items():
        specs = section_spec(section, disclosure.template).get("change_sums", ())
        changes = _changes_by_source(in_section) if specs else {}
        for spec in specs:
            summed = [changes.get(spec["total"]), *(changes.get(part) for part in spec["parts"])]
            if all(each is not None for each in summed):
                found |= {id(trace.claim) for _, trace in summed}
    return found


@rule(
    id="N-reception-split",
    title="公务接待费分项",
    doc="第三部分 九 中公务接待费等于国内接待费与国（境）外接待费之和，外事接待费不超过国内接待费。",
)
def reception_split(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for trace in traces_of(disclosure):
        if _is_reception(trace):
            parts = _reception_parts(trace, traces_of(disclosure))
            if len(parts) == 3:
                yield from _check_reception(this, known(disclosure, trace.claim), trace, *parts)


def _is_reception(trace: Trace) -> bool:
    return trace.claim.kind == "amount" and trace.claim.label.endswith("公务接待费支出")


def _reception_parts(trace: Trace, traces: tuple[Trace, ...]) -> list[Claim]:
    """国内接待费, 外事接待费 and 国（境）外接待费 stated after 公务接待费 in the same paragraph."""
    names = ("国内接待费", "外事接待费", "国（境）外接待费")
    claims = [t.claim for t in traces if t.paragraph is trace.paragraph and t.claim.kind == "amount"]
    found = {name: next((c for c in claims if c.label.endswith(name)), None) for name in names}
    return [c for c in found.values() if c is not None]


def _check_reception(
    this: Rule, total: Interval, trace: Trace, home: Claim, foreign_affairs: Claim, abroad: Claim
):
    if not total.overlaps(_printed(home) + _printed(abroad)):
        basis = f"{claim_text(home)}＋{claim_text(abroad)}"
        yield this.finding(
            f"“{claim_text(trace.claim)}”不等于 {basis}", (), where(trace), origin=trace.paragraph.origin
        )
    if (_printed(foreign_affairs) - _printed(home)).lo > 0:
        yield this.finding(
            f"“{claim_text(foreign_affairs)}”大于“{claim_text(home)}”",
            (),
            where(trace),
            origin=trace.paragraph.origin,
        )


@rule(
    id="N-change-sum",
    title="分项增减额之和",
    doc="总额的增减额等于各分项增减额之和（如“三公”经费与其四个分项；“与上年相同”即增减为零）。",
)
def change_sums(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.narrative.resolve import section_spec

    traces = traces_of(disclosure)
    for section in dict.fromkeys(t.section for t in traces):
        for rule_spec in section_spec(section, disclosure.template).get("change_sums", ()):
            yield from _check_change_sum(this, [t for t in traces if t.section == section], rule_spec)


def _check_change_sum(this: Rule, traces: list[Trace], spec: dict) -> Iterator[Finding]:
    if (stated := stated_change_sum(_changes_by_source(traces), spec)) is not None:
        yield from change_sum_findings(this, *stated)


def stated_change_sum(
    changes: dict[str, tuple[Interval, Trace]], spec: dict
) -> tuple[tuple[Interval, Trace], Interval] | None:
    """The total's stated change (with its trace) and the sum of its parts' (a `change_sums` row of
    the catalogue), where each of them is stated; else None."""
    total = changes.get(spec["total"])
    parts = [changes.get(part) for part in spec["parts"]]
    if total is None or any(part is None for part in parts):
        return None
    return total, sum((interval for interval, _ in parts), Interval.exact(0))


def change_sum_findings(this: Rule, total: tuple[Interval, Trace], summed: Interval) -> Iterator[Finding]:
    """A finding where the total's change and the sum of its parts' cannot be equal."""
    if not total[0].overlaps(summed):
        trace = total[1]
        message = f"“{claim_text(trace.claim)}”与各分项增减额之和 {summed.mid:f} 不符"
        yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _changes_by_source(traces: list[Trace]) -> dict[str, tuple[Interval, Trace]]:
    """source of an amount → (its signed change, the change's trace); 与上年相同 counts as 0."""
    source_of = {id(t.claim): t.source for t in traces if t.claim.kind == "amount"}
    found: dict[str, tuple[Interval, Trace]] = {}
    for trace in traces:
        if trace.claim.kind == "amount" and "与上年相同" in trace.paragraph.text and trace.source:
            found.setdefault(trace.source, (Interval.exact(0), trace))
        if trace.claim.kind == "change" and trace.traced and trace.claim.sign:
            source = source_of.get(id(trace.operands[0])) if trace.operands else trace.source
            if source:
                found[source] = (_printed(trace.claim) * trace.claim.sign, trace)
    return found
