"""The 情况说明 of a 部门预算 (budget), traced to its 预算 tables.

A budget's narrative explains its own tables (收支总表, 收入总表 … 预算01 …), one section a table
or a topic (收支预算总体情况, “三公”经费预算, 机关运行经费, 政府采购, 国有资产占用, 绩效目标设置),
titled and numbered differently in every region. Its sections are recognised by their titles and
its wordings traced by the data of `sentences/budget-read.toml` (under [budget], which the 决算's
catalogue does not read); the tracing itself is the 决算's (`trace._trace` and the relations of
`relations.py`), with what a budget says differently:

- "预算数为…" and "年初预算…" of this year are the amounts the tables print; a 年初预算 of last year
  (比2025年年初预算数1506121.45万元减少57334.09万元) is the base of the change after it;
- a paragraph under a sub-section titled by a 类 (苏州 五（一） 社会保障和就业支出（类）) names its
  款 and 项 under that 类;
- a source naming a cell the reading did not give (a column or a line the region's table does not
  print) is no source: the figure is listed as untraced, never compared with a blank;
- the narrative writes 万元 where the tables may print 元 (西安 2026: 单位：元 over every table,
  324,638.50万元 in the text): a source's value is taken in the narrative's unit
  (`in_narrative_unit`), 元 ÷ 10000 as an interval, so 3,246,385,029.74 元 is [324638.502974 ±
  0.0000005] 万元 and meets 324,638.50万元's [324638.495, 324638.505]; no epsilon.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from juesuan.model import Disclosure, Paragraph, Section
from juesuan.narrative.catalogue import READING
from juesuan.narrative.claims import Claim, paragraph_claims
from juesuan.narrative.context import Context, subject_of
from juesuan.narrative.items import item_source
from juesuan.narrative.relations import (
    compared_budgets,
    kind_shares,
    listed_counts,
    of_no_projects,
    stated_averages,
    stated_sums,
)
from juesuan.narrative.trace import ZERO_WITH, Trace, _trace

if TYPE_CHECKING:
    from juesuan.rules.findings import CellRef
    from juesuan.rules.intervals import Interval

BUDGET = "预算"
_TABLE_ROWS = 2  # TABs in a paragraph that is a table's row (a 培训费明细表 left among the paragraphs)
_CELL = re.compile(r"(预算\d{2})\[([^\],]+),([^\]]+)\]")
# 比2025年年初预算数, 比上年预算: last year's budget, the base of the change after it
_EARLIER = re.compile(r"上年|上一年|以前年度|\d{4}")
# the words of a paragraph's own 类/款/项 (or code) before its amount: the item it is headed by
_ITEM_WORDS = re.compile(r"[（(][类款项][)）]|[（(]\d{3,7}[)）]")
_CLASS_TITLE = re.compile(r"[（(]类[)）]$")
_LISTED_ITEM = re.compile(r"^\d+[.．、]")  # 1.一般公共预算拨款收入…: one of the parts a title totals
_LAST_BUDGET = re.compile(r"(去年|上年)(的)?预算数?为?$")  # （去年预算数为0万元…: last year's figure
_LISTED = 2  # parts listed after 其中 before a change that is then of the whole
# 1.因公出国（境）费用。(深圳): a paragraph opened by a sentence that only names its item
_LEAD = re.compile(
    r"^\s*(?:\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[)）])\s*(?P<name>[^\d，。；：:,]{2,20}?)\s*。"
)
_THRESHOLD = re.compile(r"(单价|价值|单位价值)(在)?$")
# a money unit in 元: 万元 is 10000 of them (a narrative's 万 is 万元: 0.39万)
YUAN = {"元": Decimal(1), "万元": Decimal(10000), "万": Decimal(10000)}


@cache
def _catalogue() -> dict:
    text = resources.files("juesuan.narrative").joinpath("sentences", "budget-read.toml").read_text("utf-8")
    return tomllib.loads(text)["budget"]


def budget_parts(template: str = "") -> dict[str, dict]:
    """The budget narrative's parts by key (收支总体, 三公 …): the national ones; a template's own."""
    if template:
        return _catalogue().get("template", {}).get(template, {}).get("part", {})
    return _catalogue()["part"]


def title_order() -> tuple[str, ...]:
    return tuple(_catalogue()["title_order"])


@cache
def budget_spec(key: str, template: str = "") -> dict:
    """Where the part's figures come from, as `catalogue.reading_specs` gives a 决算's: `amounts`
    and `counts` (words → source; the template's own tried first), `rows`, `share_base` …"""
    national, own = budget_parts().get(key, {}), budget_parts(template).get(key, {}) if template else {}
    # share_bases: the totals a bare 占…% may be of; changes: where the table prints the change
    # itself (a row, 深圳 三公's 增减变化金额, or columns, 中央 预算05's 增减额 …); last_year: where it
    # prints last year's budget (重庆: a column, 上年预算数, or a column each, 上年公务接待费 …)
    keys = (*READING, "share_bases", "changes", "last_year")
    spec = {name: own.get(name, national.get(name)) for name in keys if name in own or name in national}
    for part in (own, national):
        for row in part.get("read", ()):
            kind = "counts" if row.get("kind") == "count" else "amounts"
            spec.setdefault(kind, {}).setdefault(row["words"], row["source"])
    return spec


def budget_section(title: str) -> str | None:
    """The part a printed title names (九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明 →
    三公), by the catalogue's title words in its order; None for a title naming none."""
    flat = "".join(title.split())
    parts = budget_parts()
    return next((key for key in title_order() if any(word in flat for word in parts[key]["titles"])), None)


def budget_paragraphs(disclosure: Disclosure) -> Iterator[tuple[str, Paragraph, str]]:
    """(part, paragraph, the 类 its sub-section is titled by, else ""), for the sections whose
    title names a part (and their sub-sections, of their own part where their title names one)."""
    for section in disclosure.narrative:
        yield from _walk(section, budget_section(section.title), "")


def _walk(section: Section, key: str | None, heading: str) -> Iterator[tuple[str, Paragraph, str]]:
    if key is not None:
        for paragraph in section.paragraphs:
            yield key, paragraph, heading
    for sub in section.subsections:
        title = "".join(sub.title.split())
        yield from _walk(sub, budget_section(title) or key, title if _CLASS_TITLE.search(title) else "")


def trace_budget(disclosure: Disclosure) -> list[Trace]:
    """The traces of every number in the budget narrative's recognised sections."""
    traces: list[Trace] = []
    for key, paragraph, heading in budget_paragraphs(disclosure):
        traces += _trace_paragraph(disclosure, key, paragraph, heading)
    return traces + _titled_totals(disclosure, traces)


def _titled_totals(disclosure: Disclosure, traces: list[Trace]) -> list[Trace]:
    """A sub-section titled by its total and listing its parts one a paragraph (北京 p.6: （一）本年
    财政拨款收入 1378967.75 万元 over 1.一般公共预算拨款收入 1368602.75万元。 2.政府性基金… 3.…): the
    title's amount is the sum of the parts (checked as any total of parts, `relation = "sum"`)."""
    found = []
    for section in disclosure.narrative:
        key = budget_section(section.title)
        for sub in section.subsections if key is not None else ():
            title = Paragraph(sub.title, sub.origin)
            claims = [c for c in paragraph_claims(title) if c.kind == "amount"]
            parts = [t for t in traces if any(t.paragraph is p for p in sub.paragraphs)]
            listed = [t for t in parts if t.claim.kind == "amount"]
            each = {id(t.paragraph) for t in listed}
            if len(claims) != 1 or not listed or len(each) != len(listed) or len(parts) != len(listed):
                continue
            if not all(_LISTED_ITEM.match(t.paragraph.text.strip()) for t in listed):
                continue
            operands = tuple(t.claim for t in listed)
            found.append(Trace(claims[0], budget_section(sub.title) or key, title, None, operands, "sum"))
    return found


def _trace_paragraph(disclosure: Disclosure, key: str, paragraph: Paragraph, heading: str) -> list[Trace]:
    if paragraph.text.count("\t") >= _TABLE_ROWS:
        return []
    spec = budget_spec(key, disclosure.template or "")
    context = Context(item_source(disclosure, spec, heading + paragraph.text))
    traces = []
    for claim in paragraph_claims(paragraph):
        if _THRESHOLD.search(claim.label) and claim.after.lstrip().startswith(("以上", "（含）", "(含)")):
            continue  # 单位价值100万元以上设备: a threshold, not a figure
        claim = _of_the_lead(_as_budget(claim), paragraph.text)
        first = not context.amounts
        trace = _readable(disclosure, _trace(disclosure, spec, key, paragraph, claim, context))
        trace = _of_the_item(trace, context, first) if claim.kind == "amount" else trace
        trace = _of_the_change(trace, context, traces) if claim.kind in ("change", "rate") else trace
        trace = _of_the_whole(trace, context, traces) if claim.kind in ("change", "rate") else trace
        if claim.kind == "amount" and _LAST_BUDGET.search(claim.label):
            claim = dataclasses.replace(claim, label=claim.label.lstrip("（("))
            traces = _with_last_year(traces, claim)
            trace = dataclasses.replace(trace, claim=claim, source=None, operands=())
        traces.append(trace)
        context.remember(claim, trace.source, trace.operands)
        if claim.kind == "budget":
            context.last_year = claim  # 比2025年年初预算数…: the base of the change after it
        elif claim.kind == "change" and len(trace.operands) == 2:
            context.last_year = None
    traces = of_no_projects(listed_counts(stated_averages(kind_shares(stated_sums(spec, traces)))))
    return compared_budgets(paragraph.text, traces)


def _of_the_lead(claim: Claim, text: str) -> Claim:
    """An amount worded only 2026年预算数 in a paragraph whose first sentence is a name (深圳, 北京: 1.因公
    出国（境）费用。2026年预算数115.00万元): of that name, worded 2026年因公出国（境）费用预算."""
    lead = _LEAD.match(text)
    if lead is None or claim.kind != "amount" or not claim.sentence or subject_of(claim.label) != "预算数":
        return claim
    year = claim.label[: len(claim.label) - len("预算数")]
    return dataclasses.replace(claim, label=f"{year}{''.join(lead['name'].split())}预算")


def _with_last_year(traces: list[Trace], last: Claim) -> list[Trace]:
    """…增加186,525.21万元（去年预算数为0万元，无法计算增减比率）: the change just stated is this year's
    amount less last year's budget stated after it (checked as 2023年…，2024年…，增加… is)."""
    at = next((i for i in reversed(range(len(traces))) if traces[i].claim.kind == "change"), None)
    if at is None or len(traces[at].operands) != 1:
        return traces
    changed = dataclasses.replace(traces[at], operands=(traces[at].operands[0], last))
    return [*traces[:at], changed, *traces[at + 1 :]]


def _of_the_item(trace: Trace, context: Context, first: bool) -> Trace:
    """The paragraph's first amount, untraced, worded by the 类/款/项 it is headed by (1.一般公共服务
    支出（类）信访事务（款）行政运行（项）2026年预算数为…): the cell of that item."""
    if trace.traced or not first or context.item is None or not _ITEM_WORDS.search(trace.claim.label):
        return trace
    return dataclasses.replace(trace, source=context.item)


def _of_the_change(trace: Trace, context: Context, earlier: list[Trace]) -> Trace:
    """A change no words of the 决算's tie to an amount (比上年预算增加…, 比2025年执行数增加…) is of the
    amount just stated (and of last year's budget stated before it); its rate, of that change."""
    if trace.traced:
        return trace
    if trace.claim.kind == "change" and context.last_amount is not None:
        last = (context.last_year,) if context.last_year is not None else ()
        return dataclasses.replace(trace, operands=(context.last_amount, *last))
    change = next((t for t in reversed(earlier) if t.claim is context.change), None)
    if trace.claim.kind == "rate" and change is not None and change.operands:
        return dataclasses.replace(trace, operands=(change.claim, change.operands[0]))
    return trace


def _of_the_whole(trace: Trace, context: Context, earlier: list[Trace]) -> Trace:
    """A change after the parts of a whole is the whole's: 当年预算收入344,447.70万元，其中：…、其他收入
    3,444.00万元，较上年减少129,422.00万元 (西安), 公务用车购置及运行维护费567.72万元（公务用车购置费
    230.55万元…）比上年增加46.49万元 (广州); its rate, of the same whole."""
    claim = trace.claim
    if claim.kind == "rate":
        change = next((t for t in reversed(earlier) if t.claim is context.change), None)
        whole = change.operands[0] if change is not None and change.operands else None
        replaced = (
            change is not None and _whole_before(change.claim, context, trace.paragraph.text) is not None
        )
        return dataclasses.replace(trace, source=None, operands=(change.claim, whole)) if replaced else trace
    whole = _whole_before(claim, context, trace.paragraph.text) if trace.source is None else None
    if whole is None:
        return trace
    return dataclasses.replace(trace, operands=(whole, *trace.operands[1:]))


def _whole_before(change: Claim, context: Context, text: str) -> Claim | None:
    """The whole a change after the parts listed is of; None for a change of its own part: one
    after a ； that follows the 其中 (重庆: 其中：因公出国（境）费用184.49万元，与2025持平；…公务用车运行
    维护费200.00万元，较2025年减少2.48万元 is the 运行维护费's)."""
    if change.label.lstrip().startswith(("）", ")")):  # after the bracketed parts: the amount before them
        return next((a for a in reversed(context.amounts) if a.after.lstrip().startswith(("（", "("))), None)
    same = [a for a in context.amounts if a.sentence == change.sentence]
    opened = [i for i, a in enumerate(same) if i and "其中" in a.clause and "其中" not in same[i - 1].clause]
    if "其中" in change.clause or not opened or len(same) - opened[-1] < _LISTED:
        return None
    sentence = text.split("。")[change.sentence]
    listed = sentence.find(same[opened[-1]].clause)
    last = sentence.find(same[-1].clause, max(listed, 0))
    if 0 <= listed <= last and "；" in sentence[listed:last]:
        return None
    return same[opened[-1] - 1]


def _as_budget(claim: Claim) -> Claim:
    """A budget's 年初预算 of its own year is the amount its tables print; one of an earlier year
    (比2025年年初预算数) stays a budget figure, last year's."""
    if claim.kind != "budget" or _EARLIER.search(subject_of(claim.label)):
        return claim
    return dataclasses.replace(claim, kind="amount")


def _readable(disclosure: Disclosure, trace: Trace) -> Trace:
    """The trace, without a source that names a cell the reading did not give: a column the table
    does not print (会议费 in a 三公 table without it), or a line it does not print. The figure is
    then untraced (无法核对), never compared with a blank read as 0. A code line not printed in a
    table of codes (a 类 with nothing budgeted) is 0, as the table says."""
    from juesuan.rules.expressions import ExpressionError, parse_expression

    source = trace.source
    if source is None or source.startswith((ZERO_WITH, "forms:")):
        return trace
    source = _on_its_side(disclosure, source)
    trace = dataclasses.replace(trace, source=source) if source != trace.source else trace
    try:
        parse_expression(source)
    except ExpressionError:  # a line keyed by its printed label, (1)一般公共预算拨款: not a cell name
        return dataclasses.replace(trace, source=None, operands=())
    for table_id, row, column in _CELL.findall(source):
        table = disclosure.table(table_id)
        printed = table is not None and any(c.key == column for c in table.columns)
        if not printed or (table.row(row) is None and not (row.isdigit() and len(row) >= 3)):
            return dataclasses.replace(trace, source=None, operands=())
    return trace


def _on_its_side(disclosure: Disclosure, source: str) -> str:
    """The source with each 收支总表 line's amount in the column of the side that prints it: the
    national 预算01[本年支出合计,金额] is, where the template prints the expenditure in columns of its own
    (西安: 支出功能分类科目预算数, `功能分类`), that side's first column, as the writer puts it."""
    from juesuan.catalogue.templates import templates

    found = templates().get(disclosure.template or "")
    if found is None:
        return source

    def moved(cell: re.Match) -> str:
        table_id, row, column = cell.groups()
        definition = found.tables.get(table_id)
        line = definition.line_for_row(row) if definition is not None and definition.sides else None
        side = definition.side(line.line) if line is not None else None
        if side is None or column in side.columns or not side.columns:
            return cell.group(0)
        return f"{table_id}[{row},{side.columns[0]}]"

    return _CELL.sub(moved, source)


def table_money_unit(disclosure: Disclosure, table_id: str) -> str | None:
    """The 金额单位 a table prints: the one its head states (单位：元 above it, on its first page),
    else the one most of the document's table heads state; None where none states one (the
    national format, 万元). A table without pages to tie a head to (Word, Excel, and the package a
    build reads from 预算表.xlsx): the one unit its figures were read in under its own head (上海: 元,
    its 三公 table 万元), else as above."""
    from collections import Counter

    from juesuan.rules.front import head_lines, money_units

    table = disclosure.table(table_id)
    page = table.origin.page if table is not None else None
    stated = [(line.origin.page, unit) for line in head_lines(disclosure) for unit in money_units(line)]
    own = [unit for at, unit in stated if page is not None and at == page]
    if table is not None and page is None:
        units = {figure.unit for row in table.rows for _, figure in row.cells if figure.unit in YUAN}
        if len(units) == 1:
            return units.pop()
    counted = Counter(own or [unit for _, unit in stated])
    return counted.most_common(1)[0][0] if counted else None


def in_narrative_unit(
    disclosure: Disclosure, claim: Claim, cells: Iterable[CellRef], value: Interval
) -> Interval:
    """A budget source's value in the unit of the narrative's figure: the cells of tables printed in
    元 divided by 10000 for a figure in 万元 (as an interval: the cells' half units shrink with it).
    A 决算, a figure not of money, or cells of tables of mixed or unstated units: as it is."""
    unit = _other_unit(disclosure, claim, cells)
    return value if unit is None else value * (YUAN[unit] / YUAN[claim.figure.unit])


def unit_note(disclosure: Disclosure, claim: Claim, cells: Iterable[CellRef]) -> str:
    """（表中单位：元） after the cells named in a message, where their unit is not the figure's."""
    unit = _other_unit(disclosure, claim, cells)
    return "" if unit is None else f"（表中单位：{unit}，折合{claim.figure.unit.rstrip('元')}元核对）"


def _other_unit(disclosure: Disclosure, claim: Claim, cells: Iterable[CellRef]) -> str | None:
    """The one money unit of the cells' tables where it is not the budget figure's; else None."""
    if disclosure.kind != BUDGET or claim.figure.unit not in YUAN:
        return None
    units = {table_money_unit(disclosure, cell.table) for cell in cells}
    if len(units) != 1 or (unit := units.pop()) not in YUAN or YUAN[unit] == YUAN[claim.figure.unit]:
        return None
    return unit


def is_budget(disclosure: Disclosure) -> bool:
    return disclosure.kind == BUDGET
