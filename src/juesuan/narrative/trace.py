"""Tracing each claim of 第三部分 to where it must come from.

The result is a list of `Trace`: the claim, the section it stands in and its source, which is
either a source expression (a cell, a sum of cells, or a figure over the 绩效自评表) or other
claims of the same paragraph (a rate is computed from a change and the amount it changed; a
share from an amount and a total; a completion rate from 决算 and 年初预算), or both (a change
of a figure stated nowhere in the paragraph is of its cell; a completion rate with no budget
stated is against the budget column of 公开09表). What cannot be traced keeps `source=None` and
no operands, so the coverage is visible.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from juesuan.model import Disclosure, Paragraph, Section
from juesuan.narrative.catalogue import other_matters
from juesuan.narrative.claims import COMPLETING, Claim, paragraph_claims, preceding_clause
from juesuan.narrative.context import BARE, Context, subject_of
from juesuan.narrative.items import item_source
from juesuan.narrative.relations import (
    changes_from_none,
    compared_budgets,
    counted_persons,
    included_parts,
    involved_funds,
    item_budgets,
    kind_shares,
    listed_counts,
    of_no_projects,
    reserved_procurement,
    restated_counts,
    stated_averages,
    stated_sums,
    subordinate_units,
)
from juesuan.narrative.resolve import (
    base_words,
    resolve_amount,
    resolve_amount_in,
    resolve_count,
    section_spec,
)
from juesuan.narrative.sections import canonical_number

# a count that is 0 exactly when its amount is (团组 with 因公出国（境）费): "zero-with 09[1,8]"
ZERO_WITH = "zero-with "
_TABLE_REF = re.compile(r"((?:预算)?[A-Z]?\d{2})\[")  # 09[, U04[, 预算07[
# 比年初预算数增加 (广东 2019): a change against the budget, its rate of the budget as base
_COMPARED = (
    r"与(上一?|\d{4})年度?(决算数?)?相比|[较比]上一?年?度?(决算数?)?|比\d{4}年度?(决算数?)?|同比"
    r"|与(年初)?预算数?相比|[较比](年初)?预算数?"
)
# 收、支总计各增加: 各 says both totals changed by as much
_CHANGE_WORDS = re.compile(
    rf"^(\d{{4}}年度?)?({_COMPARED})?(?P<subject>.*?)各?({_COMPARED})?(增加|减少|增长|下降|上升|降低)了?$"
)
_TABLE_ROW_TABS = 2
_LEADING_YEAR = re.compile(r"^(?:与|比|较)?(\d{4})\s*年")
# 占 with its part named before it (货物采购授予中小企业合同金额占货物支出金额的): not the amount stated
_OWN_PART = re.compile(r"^.{2,}占.+的$")
# 主要原因：项目支出增加，较上年度增加…: the clause before names what changed
# a count of part of the receptions (国（境）外, 外宾, 国内): not of the whole 公务接待费 of 公开09表
_A_PART = re.compile(r"国（境）外|国外|外宾|来访|国内|外事")
_NAMED_CHANGE = re.compile(r"(?:^|[：:])(?P<subject>[^：:]+?)(增加|减少)$")


@dataclass(frozen=True)
class Trace:
    claim: Claim
    section: str  # "一", "五（三）" …
    paragraph: Paragraph
    source: str | None = None  # a source expression, or None when traced to other claims
    operands: tuple[Claim, ...] = ()  # change: (current,); rate: (change, current); share: (amount,)…
    # how an amount, count or budget stands to its operands: "sum" (a total of the parts stated
    # after it), "<", ">" or "=" (a budget against its 决算: 决算数小于/大于全年预算数, 与预算持平)
    relation: str = ""

    @property
    def traced(self) -> bool:
        return self.source is not None or bool(self.operands)


def section_paragraphs(disclosure: Disclosure) -> Iterator[tuple[str, Paragraph]]:
    """(section key, paragraph): keys are the template's numbers (九（二）), found by title. The
    rules walk them many times a check, so they are kept per thread for the last disclosure by
    identity (as its traces are, `rules.narrative.traces_of`)."""
    last = getattr(_last_walked, "entry", None)
    if last is None or last[0] is not disclosure:
        last = _last_walked.entry = (disclosure, tuple(_section_paragraphs(disclosure)))
    return iter(last[1])


_last_walked = threading.local()


def _section_paragraphs(disclosure: Disclosure) -> Iterator[tuple[str, Paragraph]]:
    for section in disclosure.narrative:
        yield from _walk(section, canonical_number(section, disclosure.template or ""))


def _walk(section: Section, key: str) -> Iterator[tuple[str, Paragraph]]:
    for paragraph in section.paragraphs:
        key = _heading_of(paragraph.text, key)
        yield key, paragraph
    for sub in section.subsections:
        yield from _walk(sub, f"{key}{sub.number}")


# a sub-section heading the reader left as a paragraph of the one before (佛山 2019: “（四）预算绩效
# 管理工作开展情况。” among the paragraphs of （三）国有资产): the paragraphs after it are of that part
_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）](?P<title>[^，。；]{2,30})。?$")


@lru_cache(maxsize=4096)  # every paragraph, each time a rule walks the sections
def _heading_of(text: str, key: str) -> str:
    """The key of the part of 十 a heading paragraph names, else the key it is under."""
    heading = _HEADING.match(text.strip())
    if heading is None or not key.startswith("十"):
        return key
    title = heading.group("title").replace(" ", "")
    return next((part for part, words in other_matters() if any(word in title for word in words)), key)


def trace_narrative(disclosure: Disclosure) -> list[Trace]:
    if disclosure.kind == "预算":  # a budget's sections and wordings are its own (narrative/budget.py)
        from juesuan.narrative.budget import trace_budget

        return trace_budget(disclosure)
    traces: list[Trace] = []
    for key, paragraph in section_paragraphs(disclosure):
        traces += trace_paragraph(disclosure, key, paragraph)
    for key in dict.fromkeys(t.section for t in traces):
        _relate_in_section(disclosure, traces, key)
    return traces


def _relate_in_section(disclosure: Disclosure, traces: list[Trace], key: str) -> None:
    """The relations between the paragraphs of a section: 十（二）'s reserved procurement, 五（三）'s
    budget of the whole and of its items, 十（四）'s count of projects stated again and the funds an
    evaluation involves against its 综述, a part (其中, 含) of the amount before it."""
    at = [i for i, t in enumerate(traces) if t.section == key]
    section = [traces[i] for i in at]
    spec = section_spec(key, disclosure.template)
    rows = spec.get("rows")
    if key == "十（二）":
        section = reserved_procurement(section)
    if key.startswith("十（四）"):
        section = involved_funds(spec, restated_counts(section))
    if isinstance(rows, dict):
        section = item_budgets(section, rows)
    section = included_parts(section)
    for i, trace in zip(at, section, strict=True):
        traces[i] = trace


def trace_paragraph(disclosure: Disclosure, key: str, paragraph: Paragraph) -> list[Trace]:
    """The traces of a paragraph's claims; a table printed inside 第三部分 (a 绩效自评表 the reader
    left among the paragraphs, its cells joined by TAB) holds no sentences to trace. One TAB is
    not a table: Word puts one after a list item's number."""
    if paragraph.text.count("\t") >= _TABLE_ROW_TABS:
        return []
    spec = section_spec(key, disclosure.template)
    context = Context(item_source(disclosure, spec, paragraph.text))
    traces = []
    for claim in paragraph_claims(paragraph):
        trace = _trace(disclosure, spec, key, paragraph, claim, context)
        traces.append(trace)
        context.remember(claim, trace.source, trace.operands)
        if claim.kind == "amount" and not trace.traced and of_an_earlier_year(disclosure, claim):
            context.last_year = claim
    traces = of_no_projects(listed_counts(stated_averages(kind_shares(stated_sums(spec, traces)))))
    traces = subordinate_units(disclosure.overview.organisation, counted_persons(traces))
    return changes_from_none(paragraph.text, compared_budgets(paragraph.text, traces))


def _trace(disclosure, spec, key, paragraph, claim: Claim, context: Context) -> Trace:
    def made(source=None, operands=()):
        """The trace; a source whose table is not published gives nothing to check against,
        and operands that are to be taken with that source are then no trace either."""
        if source is not None and not _tables_present(disclosure, source):
            source, operands = None, ()
        return Trace(claim, key, paragraph, source, tuple(o for o in operands if o is not None))

    if claim.kind == "amount":
        if of_an_earlier_year(disclosure, claim) and f"{disclosure.year}年" in paragraph.text:
            return made()  # 2023年机关运行经费支出14.43万元: last year's, the change's base
        return made(_amount_source(disclosure, spec, claim, context))
    if claim.kind == "budget":
        return made(_budget_source(spec, claim, context))
    if claim.kind == "count":
        return _count(made, disclosure, spec, claim, context)
    if claim.kind == "change":
        current, source = _current_of(disclosure, spec, paragraph, claim, context)
        last = context.last_year if current is not context.last_year else None
        return made(operands=(current, last)) if current else made(source)
    if claim.kind == "rate" and context.change is not None:
        current, source = _current_of(disclosure, spec, paragraph, context.change, context)
        if current or source:
            return made(operands=(context.change, current)) if current else made(source, (context.change,))
    if claim.kind == "share" and context.last_amount is not None:
        return _share(made, spec, claim, context)
    if claim.kind == "completion":
        return _completion(made, spec, claim, context)
    return made()


def of_an_earlier_year(disclosure: Disclosure, claim: Claim) -> bool:
    """The amount's words open with last year (2023年…, in a 2024 决算 whose paragraph goes on to
    state 2024年's): last year's figure, the base of the change after it."""
    year = _LEADING_YEAR.match(claim.label.strip("、，"))
    return bool(year and disclosure.year and int(year.group(1)) == disclosure.year - 1)


def _amount_source(disclosure, spec, claim: Claim, context: Context) -> str | None:
    """The source its words name; a bare 支出决算 is of the item the paragraph is headed by."""
    subject = subject_of(claim.label, context)
    found = resolve_amount(disclosure, spec, subject)
    if found == "forms:executed" and not _counts_the_forms(context):
        return None  # 一级项目7个、二级项目16个，共涉及资金…: of projects, not of the forms attached
    return found if found or subject not in BARE else context.item


def _counts_the_forms(context: Context) -> bool:
    """No count stated before, or the one just stated is of the 绩效自评表 (绩效自评个数11个，涉及资金…)."""
    last = context.last_count
    return last is None or context.sources.get(id(last)) == "forms:count"


def _count(made, disclosure, spec, claim: Claim, context: Context) -> Trace:
    """The count its words name; 0人次 after 团组0个 (no words of its own) is of the same thing,
    against the same. A count that is only 0 with its amount (团组, 接待批次: `zero-with` a cell) is
    against the amount stated before it in the sentence (国内接待费0万元，共接待0批次), else the cell;
    a count of part of the receptions (接待外宾0批次) against the amount of that part stated
    before it in the paragraph (含外宾接待支出0.00万元), else it is not traced."""
    subject = subject_of(claim.label)
    source = resolve_count(disclosure, spec, subject, claim.after)
    bare = not subject.strip("、，").removeprefix("累计").removeprefix("共")
    if source is None and bare and context.last_count is not None:
        source = context.sources.get(id(context.last_count))
        if source and source.startswith(ZERO_WITH):
            return made(source, context.count_operands)
        source = None
    if source is None or not source.startswith(ZERO_WITH):
        return made(source)
    amount = context.last_amount
    same = amount is not None and amount.sentence == claim.sentence and amount.clause != claim.clause
    part = _A_PART.search(subject)
    if not same and part:
        amount = next((a for a in reversed(context.amounts) if part.group(0) in subject_of(a.label)), None)
        # 接待国（境）外0批次 with no 国（境）外接待费 stated: not of 09's whole 公务接待费
        return made(source, (amount,)) if amount is not None else made()
    return made(source, (amount,) if same else ())


def _budget_source(spec: dict, claim: Claim, context: Context) -> str | None:
    """The budget its words name; one stated inside a completion (…决算为0.16万元，完成预算0万元
    的0%) is the budget column the section gives the 决算 just stated."""
    found = resolve_amount_in(spec, subject_of(claim.label))
    if found or not COMPLETING.search(claim.label) or context.last_amount is None:
        return found
    return spec.get("budgets", {}).get(context.sources.get(id(context.last_amount)) or "")


def _share(made, spec: dict, claim: Claim, context: Context) -> Trace:
    """The last amount's share of the total the words name (占本年支出合计的), else of the
    section's total; a named total with no published cell (占政府采购支出总额的, where 公开10表 is
    not published) is the amount of that name stated before in the paragraph. A share whose
    words name its own part (货物采购授予中小企业合同金额占货物支出金额的) is of no amount stated."""
    if _OWN_PART.match(claim.label):
        return made()
    amount = context.last_amount
    named = base_words(claim.label)
    base = resolve_amount_in(spec, named) if named else None
    if base is not None:
        trace = made(base, (amount,))
        if trace.traced:
            return trace
    stated = context.stated(named) if named else None
    if stated is not None and stated is not amount:
        return made(operands=(amount, stated))
    fallback = None if base else spec.get("share_base")
    return made(fallback, (amount,)) if fallback else made()


def _completion(made, spec: dict, claim: Claim, context: Context) -> Trace:
    """决算 against the budget stated for it; where none is, against the budget column the
    section gives the 决算's cell (公开09表 预算数, the 全年预算: not for words naming 年初预算)."""
    actual = context.last_amount
    if actual is None:
        return made()
    budget = context.budget_for(claim)
    if budget is not None:
        return made(operands=(actual, budget))
    cell = spec.get("budgets", {}).get(context.sources.get(id(actual)) or "")
    return made(cell, (actual,)) if cell and "年初" not in claim.label else made()


def _tables_present(disclosure: Disclosure, source: str) -> bool:
    return all(disclosure.table(number) for number in _TABLE_REF.findall(source))


def _current_of(disclosure, spec, paragraph, change: Claim, context: Context):
    """(the amount a change is relative to, else the source of the figure it is of): the one
    its words name, or the clause before names (项目支出增加，较上年度增加…), else the last amount."""
    match = _CHANGE_WORDS.match(change.label)
    subject = match.group("subject") if match else ""
    if subject:
        source = resolve_amount(disclosure, spec, subject)
        return context.amount_named(subject, source), source
    before = _changed_before(paragraph, change)
    source = resolve_amount(disclosure, spec, before) if before else None
    named = context.amount_named(before, source) if before else None
    return (named, source) if named or source else (context.last_amount, None)


def _changed_before(paragraph: Paragraph, change: Claim) -> str:
    """项目支出 of 项目支出增加 in the clause before, when it changes the same way; else ""."""
    named = _NAMED_CHANGE.search(preceding_clause(paragraph.text, change))
    if named is None or (named.group(2) == "增加") != (change.sign > 0):
        return ""
    return named.group("subject")
