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
    yield from _against_printed_changes(disclosure, this)
    yield from _against_last_year_budget(disclosure, this)
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


_CHANGE_AND_AMOUNT = 2  # a rate's operands


def _against_printed_changes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """A change of an amount whose table prints the change itself (the part's `changes`): 深圳's
    较2025年年初预算减少14.80万元 of 2026年 因公出国(境)费 against the 三公 table's 增减变化金额 line
    (`row`), 中央's 比2025年执行数增加271.14万元 against 预算05's 增减额 columns (`columns`, a prefix:
    增减额 and 增减额（扣除中央基建投资）, either may be the one meant) and its 增幅4.88% against the
    增减率 columns (`rates`, in %)."""
    from juesuan.rules.narrative import claim_text, where

    traces = _traces(disclosure)
    source_of = {id(t.claim): t.source for t in traces}
    for trace in traces:
        claim = trace.claim
        if claim.kind not in ("change", "rate") or not claim.sign or not trace.operands:
            continue
        changes = budget_spec(trace.section, disclosure.template or "").get("changes")
        if claim.kind == "rate":  # its operands: (the change, the amount)
            if not changes or "rates" not in changes or len(trace.operands) != _CHANGE_AND_AMOUNT:
                continue
            changes, amount = {"columns": changes["rates"]}, trace.operands[1]
        else:
            amount = trace.operands[0]
        cells = _printed_change_cells(disclosure, source_of.get(id(amount)), changes)
        if not cells:
            continue
        changed = _printed(claim) * claim.sign
        values = [
            Interval.of(f)
            if claim.kind == "rate"
            else in_narrative_unit(disclosure, claim, [r], Interval.of(f))
            for r, f in cells
        ]
        if not any(changed.overlaps(value) for value in values):
            said = "、".join(f"{ref.table}表 {ref.row} {ref.col}（{f.text}）" for ref, f in cells)
            message = f"“{claim_text(claim)}”与{said}不符"
            refs = tuple(ref for ref, _ in cells)
            yield this.finding(message, refs, where(trace), origin=trace.paragraph.origin)


def _against_last_year_budget(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """A change of an amount whose table prints last year's budget beside it (the part's
    `last_year`), this year's cells less last year's: 重庆 一般公共预算财政拨款支出18,417.70万元，比
    2025年增加2,781.90万元 (预算05 合计 18,417.70 and 上年预算数 15,635.80), “三公”经费预算394.49万元，较
    2025年减少2.48万元 (the three columns less 上年因公出国（境）费 …); an amount said 与2025持平 did not
    change: last year's cells are this year's."""
    from juesuan.rules.narrative import claim_text, where

    traces = _traces(disclosure)
    source_of = {id(t.claim): t.source for t in traces}
    for trace in traces:
        claim = trace.claim
        last_year = budget_spec(trace.section, disclosure.template or "").get("last_year")
        if last_year is None:
            continue
        if claim.kind == "change" and claim.sign and trace.operands:
            source, stated = source_of.get(id(trace.operands[0])), _printed(claim) * claim.sign
        elif claim.kind == "amount" and trace.source and _said_unchanged(trace):
            source, stated = trace.source, Interval.exact(0)
        else:
            continue
        found = _last_year_budget_cells(disclosure, source, last_year)
        if found is None:
            continue
        now, before, refs = found
        now, before = (in_narrative_unit(disclosure, claim, refs, value) for value in (now, before))
        if not stated.overlaps(now - before):
            said = f"{(now - before).mid:f}"
            what = f"“{claim_text(claim)}”" + ("" if claim.kind == "change" else "（与上年持平）")
            message = f"{what}与表中本年预算数减上年预算数（{said}）不符"
            yield this.finding(message, refs, where(trace), origin=trace.paragraph.origin)


# what a plain sum of cells is made of: 预算07[1,因公出国（境）费] + 预算07[1,公务接待费]
_SUMMED = re.compile(r"预算\d{2}\[[^\]]+\]|[+\s]")


def _summed_cells(source: str | None) -> tuple[CellRef, ...]:
    """The cells of a source that is one cell or a plain sum of cells, read as every source is
    (`rules.expressions`); () for any other (a difference, a sum(), a whole row 预算03[合计,*],
    forms:…, a source that does not parse)."""
    from juesuan.rules.evaluate import cells_of
    from juesuan.rules.expressions import ExpressionError, Key, parse_expression, refs

    if not source or _SUMMED.sub("", source):
        return ()
    try:
        found = tuple(refs(parse_expression(source)))
    except ExpressionError:
        return ()
    if not all(isinstance(ref.row, Key) and isinstance(ref.col, Key) for ref in found):
        return ()
    return tuple(cell for ref in found for cell in cells_of(ref))


def _one_cell(source: str | None) -> CellRef | None:
    """The cell a source names when it is one cell (预算05[2014099,合计]); None for any other."""
    cells = _summed_cells(source)
    return cells[0] if len(cells) == 1 else None


def _last_year_budget_cells(
    disclosure: Disclosure, source: str | None, last_year: dict
) -> tuple[Interval, Interval, tuple[CellRef, ...]] | None:
    """(this year's, last year's, the cells) for a source that is one cell, or a sum of cells, of a
    table that prints last year's budget: in the column `last_year["column"]` of the row (for a cell
    of the columns `last_year["of"]`), or in the column named `last_year["prefix"]` + its own
    (上年公务接待费 beside 公务接待费); None where any is not printed."""
    refs = _summed_cells(source)
    if not refs:
        return None  # not a sum of cells
    now, before = Interval.exact(0), Interval.exact(0)
    for ref in refs:
        table = disclosure.table(ref.table)
        row = table.row(ref.row) if table is not None else None
        if "prefix" in last_year:
            column = last_year["prefix"] + ref.col
        elif len(refs) == 1 and ref.col in last_year.get("of", ()):
            column = last_year["column"]
        else:
            return None
        if row is None or row.get(ref.col) is None or row.get(column) is None:
            return None
        now, before = now + Interval.of(row.get(ref.col)), before + Interval.of(row.get(column))
    return now, before, refs


# 与2025持平, 与上年预算数相同: the clause after an amount saying it did not change
_SAID_UNCHANGED = re.compile(r"^与(上年|上一年|去年|\d{4}年?)[^，。；]*?(持平|相同|一致)$")


def _said_unchanged(trace: Trace) -> bool:
    """Whether the clause right after the amount's says it did not change (重庆: 因公出国（境）费用
    184.49万元，与2025持平；)."""
    from juesuan.narrative.claims import _CLAUSE

    sentence = trace.paragraph.text.split("。")[trace.claim.sentence]
    clauses = [clause.strip() for clause in _CLAUSE.split(sentence)]
    at = next((i for i, clause in enumerate(clauses) if clause == trace.claim.clause.strip()), None)
    return (
        at is not None
        and at + 1 < len(clauses)
        and bool(_SAID_UNCHANGED.match("".join(clauses[at + 1].split())))
    )


def _printed_change_cells(disclosure: Disclosure, source: str | None, changes: dict | None) -> list:
    """[(cell, figure)] of the change printed for a source that is one cell: the same column of the
    row `changes["row"]`, or the columns of its own row starting with `changes["columns"]`."""
    cell = _one_cell(source)
    table = disclosure.table(cell.table) if cell and changes else None
    if table is None or table.row(cell.row) is None:
        return []
    number, row, column = cell.table, cell.row, cell.col
    if "row" in changes:
        figure = table.figure(changes["row"], column)
        return [(CellRef(number, changes["row"], column), figure)] if figure is not None else []
    return [
        (CellRef(number, row, key), figure)
        for key, figure in table.row(row).cells
        if key.startswith(changes["columns"])
    ]


def _last_year_cells(disclosure: Disclosure, source: str | None) -> list[Interval]:
    """[this year's cell, each 上年执行数 column of its row], for a source that is one cell of a
    table printing last year's figures; [] otherwise."""
    cell = _one_cell(source)
    table = disclosure.table(cell.table) if cell else None
    row = table.row(cell.row) if table else None
    if row is None or row.get(cell.col) is None:
        return []
    last = [figure for key, figure in row.cells if key.startswith(_LAST_YEAR_COLUMN)]
    return [Interval.of(row.get(cell.col)), *(Interval.of(f) for f in last)] if last else []


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
        if (
            trace.claim.kind == "amount"
            and trace.source
            and (_unchanged(trace, traces) or _said_unchanged(trace))
        ):
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


def targets_present(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """Each form read from a 绩效目标表 states its target and its indicators."""
    for table in disclosure.targets:
        for form in table.forms:
            name = form.project or table.title
            asked = (("绩效目标", form.goal), ("绩效指标", form.indicators or not table.indicators_printed))
            missing = [what for what, given in asked if not given]
            if missing:
                message = f"{table.number or ''}{table.title}中“{name}”未列{'、'.join(missing)}"
                yield this.finding(message, (), table.title, origin=form.origin)


def target_amounts(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    """A 绩效目标表's money where the document ties it: a form's parts (by source, by use, by task)
    sum to its 资金总额; a project table's 合计 is the sum of its projects (unless it says some are
    left out: 长沙's 注：已剔除涉密部分), and the 部门整体 form's 项目支出; the 部门整体 form's
    资金总额, 基本支出 and 项目支出 are the 收支总表's (预算01) 本年支出合计, 基本支出 and 项目支出;
    a project's money is its line's 合计 in the 项目支出表 (预算10) where that table prints a line
    of the project's very name (深圳 045: 管养维护项目)."""
    if disclosure.kind != BUDGET:
        return
    whole = next((form for table in disclosure.targets for form in table.forms if form.whole), None)
    for table in disclosure.targets:
        for form in table.forms:
            yield from _parts_sum(form, this)
            yield from _project_line(disclosure, form, this)
        if table.total is not None and table.forms and not table.forms[0].whole:
            yield from _listed_total(table, whole, this)
    if whole is not None:
        yield from _whole_against_tables(disclosure, whole, this)


def _parts_sum(form, this: Rule) -> Iterator[Finding]:
    groups: dict[str, list] = {}
    for part in form.parts:
        groups.setdefault(part.group, []).append(part)
    for parts in groups.values():
        total = sum((Interval.of(part.amount) for part in parts), Interval.exact(0))
        if form.amount is not None and not total.overlaps(Interval.of(form.amount)):
            named = " + ".join(f"{part.name} {part.amount.text}" for part in parts)
            gap = _gap(form.amount, parts)
            message = f"{form.title}“{form.project}”：资金总额 {form.amount.text} ≠ {named}，差 {gap}"
            yield this.finding(message, (), form.title, origin=form.amount.origin)


def _gap(amount, parts) -> str:
    return str(amount.value - sum((part.amount.value for part in parts), Decimal(0)))


def _listed_total(table, whole, this: Rule) -> Iterator[Finding]:
    listed = sum((Interval.of(form.amount) for form in table.forms), Interval.exact(0))
    omitted = next((note for note in table.notes if "剔除" in note or "涉密" in note), "")
    if not listed.overlaps(Interval.of(table.total)):
        sum_text = sum((form.amount.value for form in table.forms if form.amount), Decimal(0))
        message = f"{table.title}：合计 {table.total.text} ≠ 所列 {len(table.forms)} 个项目之和 {sum_text}"
        if omitted:
            yield Finding(
                this.id,
                Severity.INFO,
                f"无法核对（表注“{omitted}”）：{message}",
                (),
                table.title,
                table.total.origin,
            )
        else:
            yield this.finding(message, (), table.title, origin=table.total.origin)
    spent = next((part for part in (whole.parts if whole else ()) if part.name == "项目支出"), None)
    if spent is not None and not Interval.of(spent.amount).overlaps(Interval.of(table.total)):
        message = f"{table.title}合计 {table.total.text} ≠ {whole.title}的项目支出 {spent.amount.text}"
        yield this.finding(message, (), table.title, origin=table.total.origin)


def _project_line(disclosure: Disclosure, form, this: Rule) -> Iterator[Finding]:
    """A project's 资金总额 against the 合计 of the 项目支出表's line printed with its name."""
    from juesuan.narrative.budget import YUAN, table_money_unit

    table = disclosure.table("预算10")
    if table is None or form.whole or form.amount is None or form.amount.unit not in YUAN:
        return
    rows = [row for row in table.rows if row.label == form.project]
    unit = table_money_unit(disclosure, "预算10")
    if len(rows) != 1 or unit not in YUAN or not rows[0].cells:
        return
    column, figure = rows[0].cells[0]
    scale = Decimal(YUAN[unit]) / Decimal(YUAN[form.amount.unit])
    if not (Interval.of(figure) * scale).overlaps(Interval.of(form.amount)):
        converted = "" if scale == 1 else f"（表中单位：{unit}，折合{form.amount.unit}核对）"
        named = f"{form.title}“{form.project}”"
        message = f"{named}：资金 {form.amount.text} ≠ 预算10 {form.project} {figure.text}{converted}"
        yield this.finding(
            message, (CellRef("预算10", rows[0].key, column),), form.title, origin=form.amount.origin
        )


_WHOLE_CELLS = (("", "本年支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出"))


def _whole_against_tables(disclosure: Disclosure, whole, this: Rule) -> Iterator[Finding]:
    from juesuan.narrative.budget import YUAN, table_money_unit

    table = disclosure.table("预算01")
    unit = table_money_unit(disclosure, "预算01") if table is not None else None
    if table is None or unit not in YUAN or whole.amount is None or whole.amount.unit not in YUAN:
        return
    scale = Decimal(YUAN[unit]) / Decimal(YUAN[whole.amount.unit])
    for part_name, key in _WHOLE_CELLS:
        row = table.row(key)
        cell = next(((column, figure) for column, figure in row.cells), None) if row else None
        mine = (
            whole.amount
            if not part_name
            else next((p.amount for p in whole.parts if p.name == part_name), None)
        )
        if cell is None or mine is None:
            continue
        column, figure = cell
        if not (Interval.of(figure) * scale).overlaps(Interval.of(mine)):
            converted = "" if scale == 1 else f"（表中单位：{unit}，折合{whole.amount.unit}核对）"
            label = part_name or "资金总额"
            message = f"{whole.title}的{label} {mine.text} ≠ 预算01 {row.label} {figure.text}{converted}"
            yield this.finding(message, (CellRef("预算01", key, column),), whole.title, origin=mine.origin)


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
        "Y-target-forms",
        "绩效目标表列明目标和指标",
        Severity.WARNING,
        "预算的绩效目标表（预算13）中每个项目（及部门整体）列有绩效目标和绩效指标。",
        targets_present,
    ),
    (
        "Y-target-amounts",
        "绩效目标表的金额",
        Severity.ERROR,
        "绩效目标表中项目的资金按来源、用途或任务的分项之和等于资金总额；项目支出绩效目标表的合计等于所列项目之和"
        "（表注说明剔除了部分项目的为“无法核对”）、等于部门整体绩效目标表的项目支出；部门整体绩效目标表的资金总额、"
        "基本支出、项目支出等于收支总表（预算01）的本年支出合计、基本支出、项目支出（按表的金额单位折合）。",
        target_amounts,
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
