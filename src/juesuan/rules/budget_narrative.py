"""The 情况说明 of a 部门预算 against its tables (`Y-narrative-*`, `Y-three-public-budget`, …).

The narrative is traced by `narrative/budget.py` (its sections by title, its wordings in
`sentences/budget-read.toml`); the checks of a traced number are the 决算's (`rules/narrative.py`:
an amount against its cell within printed precision, a share against amount ÷ total, a rate against
change ÷ base, a change against this year less last year's stated figure), run here under the
budget's own rule ids, since no 决算 rule (N-*) runs on a budget. What only a budget has:

- the change of a 项 against the column of last year's figures its table prints (中央部门 预算05:
  上年执行数, and 上年执行数（扣除中央基建投资）: either may be the base);
- a table printed in 元 under a narrative in 万元 (西安 2026): every table figure is taken in 万元,
  元 ÷ 10000 as an interval (`narrative.budget.in_narrative_unit`, used by `rules/narrative.py`'s
  `source_value` too), so the comparison stays at the narrative's printed precision;
- such a figure may be cut to 万元 rather than rounded (普陀区财政局 2025: 87.70万元 for
  877,080.00 元): where it disagrees by rounding but agrees by cutting (the table's value in
  [v, v + one unit of its last place)), it is no error. A document that shows it cuts (two or more
  figures where the two ways differ, every one cut, none rounded) agrees with its tables; elsewhere
  the way is unknown and a one-unit slip looks the same, so it cannot be checked (无法核对, info);
  `_cut_not_rounded`;
- the 三公 budget and its parts against 预算07 (or, where no table is read, the total against the
  sum of its parts stated in the section), and its change against the sum of its parts' changes
  (与上年预算数相同 / 持平 is no change);
- 机关运行经费 and 绩效目标 stated at all.

Numbers that cannot be traced are listed (info) with the reason, so the coverage is visible.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.narrative.budget import BUDGET, budget_paragraphs, budget_spec, in_narrative_unit
from juesuan.narrative.trace import Trace
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import Interval
from juesuan.rules.registry import Rule

THREE_PUBLIC = "三公"
# 与上年预算数相同, 与2025年“三公”经费预算持平, 较上年无增减: a figure that did not change
_UNCHANGED = re.compile(r"与(上年|上一年|\d{4}\s*年)[^，。；]*?(相同|持平)|较上年无增减|与上年持平")
_LAST_YEAR_COLUMN = "上年执行数"
# 绩效目标 stated: a section so titled, or a paragraph that speaks of the targets set
_PERFORMANCE = re.compile(r"绩效目标")
_OPERATING = re.compile(r"机关运行经费")
# the first year whose budgets must state their 绩效目标 (before it the finance ministry asked for
# them only 逐步, and 江苏's 2017-2018 template has no such section): earlier, 无法核对
_TARGETS_REQUIRED = 2019
# 教育部直属高校 publish in their own format (budget-moe-university-*), with no place for either
_UNIVERSITY = "university"


def _traces(disclosure: Disclosure) -> tuple[Trace, ...]:
    from juesuan.rules.narrative import traces_of

    return traces_of(disclosure)


def _national(check: Callable, disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """The findings of a 决算 narrative check on the budget's traces, under this rule's id."""
    for finding in check(disclosure, this):
        yield dataclasses.replace(finding, rule=this.id)


# the national checks' message of a rate or share: “占3.32%”与按 …÷… 计算的 3.31% 不符
_RATE_MESSAGE = re.compile(
    r"^“[^”]*?(?P<printed>\d+(?:\.(?P<places>\d+))?)%”与按 .+ 计算的 (?P<computed>-?\d+\.\d+)% 不符$"
)
UNSURE_LAST_PLACE = "无法核对（相差不超过末位一个单位，可能是截尾或为凑足100%所作的尾差调整）"


def _within_a_unit(finding: Finding) -> Finding:
    """A rate or share one unit of its last printed place from the computed one (占3.32% for 3.3145%,
    the shares of a list made to add up to 100%; 增长10.15% for 10.158%, cut rather than rounded) is
    not a certain disagreement: the document's convention is unknown, so it cannot be checked."""
    found = _RATE_MESSAGE.match(finding.message)
    if found is None:
        return finding
    unit = Decimal(1).scaleb(-len(found.group("places") or ""))
    if abs(abs(Decimal(found.group("printed"))) - abs(Decimal(found.group("computed")))) > unit:
        return finding
    message = f"{UNSURE_LAST_PLACE}：{finding.message}"
    return dataclasses.replace(finding, severity=Severity.INFO, message=message)


def _section(finding: Finding) -> str:
    words = finding.where.split()
    return words[1] if len(words) > 1 else ""


def narrative_amounts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.rules.narrative import narrative_amounts as amounts

    if disclosure.kind == BUDGET:
        cut, cuts = _cut_not_rounded(disclosure)
        for finding in _national(amounts, disclosure, this):
            if _section(finding) != THREE_PUBLIC:
                said = next(
                    (s for o, s in cut if o == finding.origin and finding.message.startswith(s)), None
                )
                if said is None:
                    yield finding
                elif not cuts:
                    message = f"{UNSURE_CUT}：{finding.message}"
                    yield dataclasses.replace(finding, severity=Severity.INFO, message=message)


UNSURE_CUT = "无法核对（按四舍五入与表中数不符、按截尾相符，本文件的取舍办法无从确定）"
_AT_LEAST_CUT = 2  # figures cut, where cutting and rounding differ, that show a document cuts


def _cut_not_rounded(disclosure: Disclosure) -> tuple[set[tuple], bool]:
    """The amounts in another unit than their table's (万元 of 元) that disagree with it rounded
    but agree with it cut, as (paragraph origin, the start of their message); and whether the
    document shows that it cuts: at least two figures where the two ways differ, every one agreeing
    cut and none rounded only. Intervals only: cut, v stands for [v, v + one unit) (a negative v,
    (v − one unit, v])."""
    from juesuan.narrative.budget import unit_note
    from juesuan.rules.narrative import claim_text, source_value

    cut, rounded = set(), 0
    for trace in _traces(disclosure):
        if trace.source is None or trace.claim.kind not in ("amount", "budget"):
            continue
        value, cells, name = source_value(disclosure, trace)
        if not value.is_bounded or not unit_note(disclosure, trace.claim, cells):
            continue
        by_rounding, by_cutting = _printed(trace.claim).overlaps(value), _cut(trace.claim).overlaps(value)
        if by_cutting and not by_rounding:
            cut.add((trace.paragraph.origin, f"“{claim_text(trace.claim)}”与{name}不符"))
        rounded += by_rounding and not by_cutting
    return cut, len(cut) >= _AT_LEAST_CUT and not rounded


def _cut(claim) -> Interval:
    figure = claim.figure
    unit = 2 * figure.half_unit
    if figure.value < 0:
        return Interval(figure.value - unit, figure.value, lo_open=True)
    return Interval(figure.value, figure.value + unit, hi_open=True)


def narrative_shares(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.rules.narrative import narrative_shares as shares

    if disclosure.kind != BUDGET:
        return
    spared = _of_another_total(disclosure)
    for finding in _national(shares, disclosure, this):
        if (finding.origin, finding.message.split("与按 ")[0]) not in spared:
            yield _within_a_unit(finding)


def _of_another_total(disclosure: Disclosure) -> set:
    """(paragraph, “share”) of the shares a part's other total fits: a bare 占…% or 占总支出的…% may
    be of the 本年支出合计 or of the 支出总计 with 结转下年 (西南大学 2021 the one, 2024 the other;
    the part's `share_bases`)."""
    from juesuan.rules.evaluate import cells_of, evaluate
    from juesuan.rules.expressions import parse_expression, refs
    from juesuan.rules.narrative import claim_text, known

    spared = set()
    for trace in _traces(disclosure):
        bases = budget_spec(trace.section, disclosure.template or "").get("share_bases", ())
        if trace.claim.kind != "share" or trace.source not in bases or len(trace.operands) != 1:
            continue
        amount = known(disclosure, trace.operands[0])
        for base in bases:
            expression = parse_expression(base)
            cells = [cell for ref in refs(expression) for cell in cells_of(ref)]
            total = in_narrative_unit(disclosure, trace.operands[0], cells, evaluate(expression, disclosure))
            if not total.contains(0) and _printed(trace.claim).overlaps(amount / total * 100):
                spared.add((trace.paragraph.origin, f"“{claim_text(trace.claim)}”"))
    return spared


def narrative_changes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.rules.narrative import narrative_change_rates

    if disclosure.kind != BUDGET:
        return
    yield from (_within_a_unit(f) for f in _national(narrative_change_rates, disclosure, this))
    yield from _against_last_year_column(disclosure, this)
    yield from _change_sums(disclosure, this)


def _against_last_year_column(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """比2025年执行数增加271.14万元 of a 项 whose row prints 上年执行数 5,555.07 and 合计 5,826.21."""
    from juesuan.rules.narrative import claim_text, where

    traces = _traces(disclosure)
    source_of = {id(t.claim): t.source for t in traces}
    for trace in traces:
        if trace.claim.kind != "change" or not trace.claim.sign or "执行" not in trace.claim.label:
            continue
        source = source_of.get(id(trace.operands[0])) if trace.operands else None
        bases = _last_year_cells(disclosure, source)
        if not bases:
            continue
        cells = [CellRef(source.partition("[")[0], "", "")]  # the table of its row: its money unit
        bases = [in_narrative_unit(disclosure, trace.claim, cells, base) for base in bases]
        current, changed = bases[0], _printed(trace.claim) * trace.claim.sign
        if not any(changed.overlaps(current - base) for base in bases[1:]):
            said = "、".join(f"{(current - base).mid:f}" for base in bases[1:])
            message = f"“{claim_text(trace.claim)}”与表中本年预算数减上年执行数（{said}）不符"
            yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


def _last_year_cells(disclosure: Disclosure, source: str | None) -> list[Interval]:
    """[this year's cell, each 上年执行数 column of its row], for a source that is one cell of a
    table printing last year's figures; [] otherwise."""
    found = re.fullmatch(r"(预算\d{2})\[([^\],]+),([^\]]+)\]", source or "")
    table = disclosure.table(found.group(1)) if found else None
    row = table.row(found.group(2)) if table else None
    if row is None or row.get(found.group(3)) is None:
        return []
    last = [figure for key, figure in row.cells if key.startswith(_LAST_YEAR_COLUMN)]
    return [Interval.of(row.get(found.group(3))), *(Interval.of(f) for f in last)] if last else []


def _printed(claim) -> Interval:
    return Interval.of(claim.figure, exact=claim.kind == "count")


def _change_sums(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """The change of a total (“三公”经费 比上年预算减少27.97万元) against the sum of its parts'
    changes (购置 +22.97, 运行维护 −44.95, 接待 −5.99, 出国 与上年预算数相同), where every part's is
    stated; the first combination of the part's `change_sums` that is stated whole is checked."""
    from juesuan.rules.narrative import change_sum_findings, stated_change_sum

    traces = _traces(disclosure)
    for key in dict.fromkeys(t.section for t in traces):
        changes = _changes_by_source([t for t in traces if t.section == key])
        for rule in budget_spec(key, disclosure.template or "").get("change_sums", ()):
            if (stated := stated_change_sum(changes, rule)) is not None:
                yield from change_sum_findings(this, *stated)
                break


def _changes_by_source(traces: list[Trace]) -> dict[str, tuple[Interval, Trace]]:
    """source of an amount → (its signed change, the trace saying it); an amount alone in a
    sentence that says it did not change (与上年预算数相同) changed by 0."""
    source_of = {id(t.claim): t.source for t in traces if t.claim.kind == "amount"}
    found: dict[str, tuple[Interval, Trace]] = {}
    for trace in traces:
        if trace.claim.kind == "amount" and trace.source and _unchanged(trace, traces):
            found.setdefault(trace.source, (Interval.exact(0), trace))
        if trace.claim.kind == "change" and trace.operands and trace.claim.sign:
            source = source_of.get(id(trace.operands[0]))
            if source:
                found[source] = (_printed(trace.claim) * trace.claim.sign, trace)
    return found


def _unchanged(trace: Trace, traces: list[Trace]) -> bool:
    sentence = trace.paragraph.text.split("。")[trace.claim.sentence]
    alongside = [
        t for t in traces if t.paragraph is trace.paragraph and t.claim.sentence == trace.claim.sentence
    ]
    return bool(_UNCHANGED.search(sentence)) and len(alongside) == 1


def three_public_budget(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.rules.narrative import narrative_amounts as amounts

    if disclosure.kind != BUDGET:
        return
    yield from (f for f in _national(amounts, disclosure, this) if _section(f) == THREE_PUBLIC)
    yield from _three_public_parts(disclosure, this)


# the 三公 total and its three parts as the section words them (the parts by the catalogue's words)
_TOTAL_WORDS = re.compile(r"三公[”\"]?经费(财政拨款)?(支出)?预算(数|支出)?$")
_PART_WORDS = (
    re.compile(r"因公出国[（(]境[)）]费(用)?(预算)?(支出)?$"),
    re.compile(r"公务用车购置(及|和)运行(维护)?费(预算)?(支出)?$"),
    re.compile(r"公务接待费(预算)?(支出)?$"),
)


def _three_public_parts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """Where no 三公 table is read (北京 publishes its tables apart), the total the section states
    against the sum of the three parts it states (each its first mention)."""
    from juesuan.narrative.context import subject_of
    from juesuan.rules.narrative import claim_text, where

    traces = [t for t in _traces(disclosure) if t.section == THREE_PUBLIC and t.claim.kind == "amount"]
    if disclosure.table("预算07") is not None or not traces:
        return
    total = next((t for t in traces if _TOTAL_WORDS.search(subject_of(t.claim.label))), None)
    named = [(t, _own_words(subject_of(t.claim.label), t)) for t in traces]
    parts = [next((t for t, words in named if p.search(words)), None) for p in _PART_WORDS]
    if total is None or any(part is None for part in parts):
        return
    summed = sum((_printed(part.claim) for part in parts), Interval.exact(0))
    if not _printed(total.claim).overlaps(summed):
        named = "＋".join(part.claim.figure.text for part in parts)
        message = f"“{claim_text(total.claim)}”与所述三项之和（{named}）不符"
        yield this.finding(message, (), where(total), origin=total.paragraph.origin)


def _own_words(subject: str, trace: Trace) -> str:
    """北京: （一）因公出国（境）费用。2026年预算数166.98万元: the part is named by the sentence
    before its figure, the figure's own words only say 预算数."""
    if subject.rstrip("为").endswith(("预算数", "预算")) and len(subject) <= 6:
        head = trace.paragraph.text.split("。")[0]
        return re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", head)
    return subject


def operating_costs_stated(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """A budget whose narrative is read says what its 机关运行经费 are (or that it has none)."""
    if disclosure.kind != BUDGET or not _read_sections(disclosure) or _said(disclosure, _OPERATING):
        return
    message = "情况说明中未说明机关运行经费预算（或说明无机关运行经费）"
    if _UNIVERSITY in (disclosure.template or ""):  # a 事业单位: it may have none, its format no place
        yield _unsure(this, message)
        return
    yield this.finding(message, (), "第三部分")


def performance_targets(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """A budget whose narrative is read has a section on its 绩效目标."""
    if disclosure.kind != BUDGET or not _read_sections(disclosure):
        return
    if _said(disclosure, _PERFORMANCE):
        return
    message = "情况说明中未说明预算绩效目标设置情况"
    if disclosure.year is not None and disclosure.year < _TARGETS_REQUIRED:
        said = f"无法核对（{disclosure.year}年预算公开尚未普遍要求公开绩效目标）：{message}"
        yield Finding(this.id, Severity.INFO, said, (), "第三部分")
        return
    if _UNIVERSITY in (disclosure.template or ""):
        yield _unsure(this, message)
        return
    yield this.finding(message, (), "第三部分")


def _unsure(this: Rule, message: str) -> Finding:
    return Finding(this.id, Severity.INFO, f"无法核对（高等学校的预算公开格式）：{message}", (), "第三部分")


def _read_sections(disclosure: Disclosure) -> bool:
    return any(True for _ in budget_paragraphs(disclosure))


def _said(disclosure: Disclosure, words: re.Pattern) -> bool:
    """Whether the narrative, a table's title or the 目录 names it: 北京 publishes its 绩效目标表
    apart from the file, and lists them in its 目录 (十二、项目支出绩效目标表)."""

    def texts(sections) -> Iterable[str]:
        for section in sections:
            yield section.title
            yield from (p.text for p in section.paragraphs)
            yield from texts(section.subsections)

    printed = (*texts(disclosure.narrative), *(t.title for t in disclosure.tables))
    return any(words.search(text) for text in (*printed, *(line.text for line in disclosure.front)))


# Why a number of a budget's narrative may have no source, as the finding says it
_UNTRACED_BECAUSE = {
    "rate": "未写增减额，上年数也不在本文件中（可对照上年公开的预算核对）",
    "change": "上年数不在本文件中（可对照上年公开的预算核对）",
    "budget": "上年预算数不在本文件中",
    "count": "本文件的表中没有此计数（单位自报）",
    "share": "未能确定所占的总额",
    "completion": "未能确定所对的预算数",
    "amount": "本文件读到的预算表中没有此数，或未能识别其所指",
}


def narrative_untraced(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    from juesuan.rules.narrative import claim_text, where

    if disclosure.kind != BUDGET:
        return
    traces = _traces(disclosure)
    used = {id(operand) for trace in traces for operand in trace.operands}
    for trace in traces:
        if not trace.traced and id(trace.claim) not in used:
            because = _UNTRACED_BECAUSE[trace.claim.kind]
            message = f"无法核对：“{claim_text(trace.claim)}”未能追溯到来源：{because}"
            yield this.finding(message, (), where(trace), origin=trace.paragraph.origin)


# (id, title, severity, documentation, check): run under a 预算 template only (rules/budget.py)
RULES = (
    (
        "Y-narrative-amount",
        "预算情况说明金额与预算表一致",
        Severity.ERROR,
        "预算情况说明（“三公”经费一节除外）的每个金额追溯到其预算表单元格（预算01…），在尾数区间内一致；"
        "所列分项之和等于总数（政府采购、车辆）。",
        narrative_amounts,
    ),
    (
        "Y-narrative-share",
        "预算情况说明占比",
        Severity.ERROR,
        "预算情况说明中“占…%”等于所述金额除以其总额（表中总额，或所说的总额），按两边的尾数区间判断。",
        narrative_shares,
    ),
    (
        "Y-narrative-change",
        "预算情况说明与上年比较",
        Severity.ERROR,
        "与上年比较的增减率等于增减额除以上年数；写出上年数的，增减额等于本年减上年；表中印有上年执行数的，"
        "增减额等于本年预算减上年执行数；总额的增减等于各分项增减之和（持平为零）。",
        narrative_changes,
    ),
    (
        "Y-three-public-budget",
        "“三公”经费预算与三公表一致",
        Severity.ERROR,
        "情况说明所述“三公”经费预算及因公出国（境）费、公务用车购置及运行维护费、公务接待费（会议费、培训费）"
        "与“三公”经费支出表（预算07）一致；未读到该表的，总数等于所述三项之和。",
        three_public_budget,
    ),
    (
        "Y-operating-costs-stated",
        "说明机关运行经费预算",
        Severity.WARNING,
        "预算情况说明写明机关运行经费预算数（或写明无机关运行经费）。",
        operating_costs_stated,
    ),
    (
        "Y-performance-targets",
        "说明绩效目标设置情况",
        Severity.WARNING,
        "预算情况说明有绩效目标设置情况一节（2019年以前的预算为“无法核对”）。",
        performance_targets,
    ),
    (
        "Y-narrative-untraced",
        "预算情况说明中未能追溯的数字",
        Severity.INFO,
        "列出预算情况说明中无法追溯到预算表或同段其他数字的数及其原因（无法核对），使核对覆盖面可见。",
        narrative_untraced,
    ),
)


def narrative_rules() -> tuple[Rule, ...]:
    """The budget narrative's rules, in the order they run (added by `rules.budget.budget_rules`)."""
    return tuple(_made(*row) for row in RULES)


def _made(rule_id: str, title: str, severity: Severity, doc: str, function: Callable) -> Rule:
    def check(disclosure: Disclosure) -> Iterator[Finding]:
        return function(disclosure, made)

    made = Rule(rule_id, title, severity, doc, check)
    return made
