"""Relations a paragraph states between its own numbers, where no table holds them.

- A total and the parts listed after it in the same sentence (共有车辆15辆，其中，…用车1辆、…;
  政府采购金额…，其中：货物采购金额…、工程…、服务…; 绩效自评的项目39个（其中，评级为“优”的项目39个；
  …）): the catalogue's `sums` name the total's and the parts' words; the total is checked against
  the sum of the parts (`relation = "sum"`).
- A budget compared in words with the 决算 stated after it (全年预算为17.68万元，支出决算为11.31万元。
  决算数小于全年预算数; 决算数与全年预算数持平): `relation` "<", ">" or "=" of the 决算 to the budget.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import TYPE_CHECKING

from juesuan.narrative.claims import budget_word
from juesuan.narrative.context import BARE, subject_of

if TYPE_CHECKING:
    from juesuan.model import Paragraph
    from juesuan.narrative.claims import Claim
    from juesuan.narrative.trace import Trace

_LESS = re.compile(r"(小于|低于|少于|未达到?|未完成)[^，。；]{0,4}预算")
_MORE = re.compile(r"(大于|高于|多于|超过|超出)[^，。；]{0,4}预算")
_SAME = re.compile(r"(与|同|和|等于)[^，。；]{0,4}预算数?[^，。；]{0,2}(持平|相同|一致|相等)")
_MIN_PARTS = 2


def stated_sums(spec: dict, traces: list[Trace]) -> list[Trace]:
    """The traces, each total the spec's `sums` name given the parts stated after it."""
    for row in spec.get("sums", ()):
        traces = _summed(row, traces)
    return traces


def _summed(row: dict, traces: list[Trace]) -> list[Trace]:
    at = next((i for i, t in enumerate(traces) if _named(t, row["total"])), None)
    if at is None:
        return traces
    total = traces[at]
    parts = [
        t
        for t in traces[at + 1 :]
        if t.claim.sentence == total.claim.sentence
        and t.claim.kind == total.claim.kind
        and _named(t, row["parts"])
    ]
    if len(parts) < _MIN_PARTS or (total.source and all(p.source for p in parts)):
        return traces
    summed = dataclasses.replace(total, operands=tuple(p.claim for p in parts), relation="sum")
    return [*traces[:at], summed, *traces[at + 1 :]]


def _named(trace: Trace, pattern: str) -> bool:
    claim = trace.claim
    return claim.kind in ("amount", "count") and bool(re.search(pattern, subject_of(claim.label)))


def compared_budgets(text: str, traces: list[Trace]) -> list[Trace]:
    """Each budget no rate is stated for, given the 决算 after it when the words after that 决算
    (up to the next budget) compare the two."""
    starts = _clause_starts(text, traces)
    found = list(traces)
    for i, trace in enumerate(traces):
        if trace.claim.kind != "budget" or trace.traced:
            continue
        actual = next((j for j in range(i + 1, len(traces)) if traces[j].claim.kind == "amount"), None)
        if actual is None or any(t.claim.kind in ("completion", "budget") for t in traces[i + 1 : actual]):
            continue
        following = range(actual + 1, len(traces))
        until = next((j for j in following if traces[j].claim.kind == "budget"), len(traces))
        if any(t.claim.kind == "completion" for t in traces[actual:until]):
            continue  # a rate is stated: P-comparison-words holds the words to it
        end = starts[until] if until < len(traces) else None
        relation = _relation(text[starts[actual] + len(traces[actual].claim.clause) : end])
        if relation:
            found[i] = dataclasses.replace(trace, operands=(traces[actual].claim,), relation=relation)
    return found


def _relation(words: str) -> str:
    for pattern, relation in ((_SAME, "="), (_LESS, "<"), (_MORE, ">")):
        if pattern.search(words):
            return relation
    return ""


def _clause_starts(text: str, traces: list[Trace]) -> list[int]:
    """Where each claim's clause starts in the paragraph's text, in order."""
    starts, at = [], 0
    for trace in traces:
        found = text.find(trace.claim.clause, at)
        at = found if found >= 0 else at
        starts.append(at)
    return starts


# 平均每辆2.71万元 after 保有量为15辆，…运行维护费支出40.61万元: the amount over the count
_AVERAGE = re.compile(r"平均每(?P<unit>辆|人次|批次|个|台（套）|台|人)$")


def stated_averages(traces: list[Trace]) -> list[Trace]:
    """An average (平均每辆) stated after the total and the count it divides in its sentence:
    `relation = "average"`, operands (the total, the count). 年末实际保有量为15辆，全年公务用车运行
    维护费支出40.61万元，平均每辆2.71万元: 40.61 ÷ 15."""
    found = list(traces)
    for i, trace in enumerate(traces):
        claim = trace.claim
        named = _AVERAGE.search(claim.label)
        if claim.kind != "amount" or trace.traced or named is None:
            continue
        before = [t.claim for t in traces[:i] if t.claim.sentence == claim.sentence]
        total = next((c for c in reversed(before) if c.kind == "amount"), None)
        count = next(
            (c for c in reversed(before) if c.kind == "count" and c.figure.unit == named.group("unit")), None
        )
        if total is not None and count is not None:
            found[i] = dataclasses.replace(trace, operands=(total, count), relation="average")
    return found


# “信访研究宣传立法专项”、“资产运行维护”、“信息化运行维护”和“信访干部培训专项”4个: the names
# listed right before a count, each quoted (a level in brackets may follow), joined by 、 和 及 与
_LISTED = re.compile(r"(?:“[^”“]+”(?:[（(][^）)]*[）)])?\s*[、和及与]?\s*){2,}(?P<etc>等)?\s*$")
_QUOTED = re.compile(r"“[^”“]+”")
LISTED = "listed:"


def listed_counts(traces: list[Trace]) -> list[Trace]:
    """A count stated right after the quoted names it counts is the number of names: source
    `listed:N`. 等3个 after three names is three; 等7个 after one name (“质量抽检…”等7个) lists
    only some of them and stays untraced."""
    found = list(traces)
    for i, trace in enumerate(traces):
        claim = trace.claim
        listed = _LISTED.search(claim.label) if claim.kind == "count" and not trace.traced else None
        if listed is None:
            continue
        names = len(_QUOTED.findall(listed.group(0)))
        if listed.group("etc") and claim.figure.value > names:
            continue  # 等: more than those named
        found[i] = dataclasses.replace(trace, source=f"{LISTED}{names}")
    return found


# 货物采购授予中小企业合同金额占货物支出金额的9.16%: of an amount the paragraph does not state
_KIND_SHARE = re.compile(r"(?P<kind>货物|工程|服务)采购?授予中小企业合同金额占(?P=kind)(采购)?支出金额的$")
_KIND_AMOUNT = re.compile(r"^(政府采购)?(?P<kind>货物|工程|服务)(采购金额|支出)$")
_SME_TOTAL = re.compile(r"(?<!小微企业)(?<![货物工程服务]采购)授予中小企业合同金额$")
KINDS = ("货物", "工程", "服务")


def kind_shares(traces: list[Trace]) -> list[Trace]:
    """The shares of 货物/工程/服务 awarded to 中小企业, each of its kind's 政府采购 amount: with the
    kinds' amounts and the 授予中小企业合同金额 stated in the paragraph, the amounts awarded by kind
    (share × kind, and between 0 and the kind for a kind with no share stated) add up to the
    total awarded. `relation = "kinds"`, operands (the total awarded, then per kind its amount and
    its share or None), the same on each share of the paragraph."""
    shares = {}
    for i, trace in enumerate(traces):
        named = _KIND_SHARE.search(trace.claim.label) if trace.claim.kind == "share" else None
        if named and not trace.traced:
            shares[named.group("kind")] = i
    if not shares:
        return traces
    claims = [t.claim for t in traces]
    total = next((c for c in claims if c.kind == "amount" and _SME_TOTAL.search(subject_of(c.label))), None)
    amounts = {}
    for claim in claims:
        named = _KIND_AMOUNT.search(subject_of(claim.label)) if claim.kind == "amount" else None
        if named:
            amounts.setdefault(named.group("kind"), claim)
    if total is None or set(amounts) != set(KINDS):
        return traces
    operands = (total, *(c for kind in KINDS for c in (amounts[kind], _share_of(traces, shares, kind))))
    found = list(traces)
    for i in shares.values():
        found[i] = dataclasses.replace(traces[i], operands=operands, relation="kinds")
    return found


def _share_of(traces: list[Trace], shares: dict[str, int], kind: str):
    return traces[shares[kind]].claim if kind in shares else None


# 上海 十（二）: 在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额…；在面向小微
# 企业预留…；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额…
_AWARDED = re.compile(r"采购金额$")
_RESERVED_BUDGET = re.compile(r"面向(?P<whom>中小|小微)企业预留政府采购项目预算金额$")
_RESERVED_SCOPE = re.compile(r"面向(?P<whom>中小|小微)企业预留")
_OTHER_SCOPE = re.compile(r"其他政府采购项目")
_PROCUREMENT_TOTAL = re.compile(r"政府采购(支出总额|金额)")


def reserved_procurement(traces: list[Trace]) -> list[Trace]:
    """The amounts awarded in projects reserved for 中小/小微企业 and in the other projects, each a
    part of a whole stated in the section (`relation = "within"`, operands (the whole, the other
    parts taken with it)): what the reserved projects awarded is within their budget (a contract
    does not exceed its project's budget); what the other projects awarded to 中小企业, with what
    the 中小企业-reserved projects awarded, is within the 政府采购金额 of all contracts."""
    budgets, awarded, total = {}, {}, None
    for trace, scope in zip(traces, _scopes(traces), strict=True):
        claim, subject = trace.claim, subject_of(trace.claim.label)
        if claim.kind == "amount" and total is None and _PROCUREMENT_TOTAL.search(subject):
            total = claim
        named = _RESERVED_BUDGET.search(subject) if claim.kind == "budget" else None
        if named:
            budgets.setdefault(named.group("whom"), claim)
        if claim.kind == "amount" and _AWARDED.search(subject) and not trace.traced:
            reserved = _RESERVED_SCOPE.search(scope)
            whom = reserved.group("whom") if reserved else "其他" if _OTHER_SCOPE.search(scope) else ""
            if whom:
                awarded.setdefault(whom, claim)
    wholes = {whom: (budgets.get(whom),) for whom in ("中小", "小微")}
    wholes["其他"] = (total, awarded.get("中小"))
    found = []
    for trace in traces:
        whom = next((w for w, claim in awarded.items() if claim is trace.claim), None)
        operands = wholes[whom] if whom else ()
        if operands and all(o is not None for o in operands):
            trace = dataclasses.replace(trace, operands=operands, relation="within")
        found.append(trace)
    return found


def _scopes(traces: list[Trace]) -> list[str]:
    """The words of each claim's clause and those before it back to the last 。 or ；."""
    by_paragraph: dict[int, list[int]] = {}
    for i, trace in enumerate(traces):
        by_paragraph.setdefault(id(trace.paragraph), []).append(i)
    scopes = [""] * len(traces)
    for indexes in by_paragraph.values():
        text = traces[indexes[0]].paragraph.text
        at = 0
        for i in indexes:  # clauses may repeat (采购金额21.07万元 three times): each after the last
            found = text.find(traces[i].claim.clause, at)
            start, at = (found, found + 1) if found >= 0 else (at, at)
            before = text[:start]
            cut = max(before.rfind("。"), before.rfind("；"))
            scopes[i] = before[cut + 1 :] + traces[i].claim.clause
    return scopes


# 组织对2019年度0个政府性基金预算项目开展绩效自评，共涉及资金0万元，占…的0%; 共组织对0个项目开展了重点绩效
# 评价，涉及一般公共预算支出0万元，政府性基金预算支出0万元; 对0个项目分别委托0个第三方机构
_OF_PROJECTS = re.compile(r"^[^，。；、]*项目")
_INVOLVED = re.compile(r"涉及")
_LISTED_SPENDING = re.compile(r"支出$")
_ENTRUSTED = re.compile(r"委托$")


def of_no_projects(traces: list[Trace]) -> list[Trace]:
    """What a count of 0 projects is stated with in its sentence is 0: the funds they involve
    (涉及资金, 涉及一般公共预算支出 and the spending listed after it), the share of those funds, the
    third parties they were entrusted to (委托0个). `relation = "none"`: each such figure, with the
    count as operand, must be 0; the count, with them as operands, is checked by them."""
    found = list(traces)
    for i, trace in enumerate(traces):
        claim = trace.claim
        if claim.kind != "count" or claim.figure.value != 0 or trace.traced:
            continue
        dependents = _stated_with(traces, i) if _OF_PROJECTS.search(claim.after) else []
        if dependents:
            stated = tuple(traces[j].claim for j in dependents)
            found[i] = dataclasses.replace(trace, operands=stated, relation="of")
        for j in dependents:
            found[j] = dataclasses.replace(traces[j], operands=(claim,), relation="none")
    return found


def _stated_with(traces: list[Trace], at: int) -> list[int]:
    """The figures after the count in its sentence that are of its projects (see of_no_projects)."""
    sentence, dependents, listing = traces[at].claim.sentence, [], False
    for j in range(at + 1, len(traces)):
        claim, label = traces[j].claim, subject_of(traces[j].claim.label)
        if claim.sentence != sentence or traces[j].traced:
            break
        funds = claim.kind in ("amount", "budget")
        if funds and (_INVOLVED.search(label) or (listing and _LISTED_SPENDING.search(label))):
            listing = True
        elif _of_funds_or_entrusted(claim, label, [traces[d].claim for d in dependents]):
            listing = False
        else:
            break
        dependents.append(j)
    return dependents


def _of_funds_or_entrusted(claim, label: str, before: list) -> bool:
    """The share of the funds just stated, or the third parties the projects were entrusted to."""
    if claim.kind == "share":
        return bool(before) and before[-1].kind in ("amount", "budget")
    return claim.kind == "count" and bool(_ENTRUSTED.search(label))


# 组织部门（单位）整体支出绩效自评（含下属单位0个），涉及一般公共预算支出0万元，政府性基金预算支出0万元
# and the 综述 of the same evaluation: 部门整体支出绩效自评综述：…全年预算数0万元，执行数0万元 (佛山 2019
# pp.28-29)
_YEAR_BUDGET = "全年预算"


def involved_funds(spec: dict, traces: list[Trace]) -> list[Trace]:
    """The funds an evaluation involves by kind (涉及一般公共预算支出…, and the spending listed after
    it), where its 综述 states 全年预算数 and 执行数 both 0: each is a part of what the evaluation
    covers, whose budget and executed amount are both 0, so each is 0 whether 涉及 means the budget
    or the executed amount. `relation = "part"`, operand the 全年预算数; it may not exceed it. The
    catalogue's `involved` rows name the evaluation by the words (`of`) its sentence and its 综述
    share. A 综述 of other figures leaves them untraced: the kinds of funds involved only bound the
    whole (their sum is at most it; the evaluation may cover other funds), they are not determined."""
    for row in spec.get("involved", ()):
        whole = _evaluated_whole(row["of"], traces)
        if whole is None:
            continue
        found = list(traces)
        for i in _funds_involved(row["of"], traces):
            found[i] = dataclasses.replace(traces[i], operands=(whole,), relation="part")
        traces = found
    return traces


def _evaluated_whole(words: str, traces: list[Trace]) -> Claim | None:
    """The 全年预算数 of the evaluation's 综述 (the words before it in its paragraph, with no 项目
    between: not a project's), when the 执行数 stated right after it and it are both 0; the first
    综述 of the evaluation decides."""
    for trace, after in itertools.pairwise(traces):
        claim, actual = trace.claim, after.claim
        if claim.kind != "budget" or budget_word(claim.label) != _YEAR_BUDGET:
            continue
        if actual.kind != "amount" or subject_of(actual.label) not in BARE:
            continue
        if after.paragraph is not trace.paragraph:
            continue
        text = _joined(trace.paragraph.text)
        before = text[: max(text.find(_joined(claim.clause)), 0)]
        at = before.rfind(words)
        if at < 0 or "项目" in before[at:]:
            continue
        return claim if claim.figure.value == actual.figure.value == 0 else None
    return None


def _funds_involved(words: str, traces: list[Trace]) -> list[int]:
    """The untraced amounts a sentence of the evaluation (its words before them) says it involves:
    涉及…, and the spending listed right after it in the sentence (政府性基金预算支出…)."""
    found: list[int] = []
    for i, (trace, scope) in enumerate(zip(traces, _scopes(traces), strict=True)):
        claim, label = trace.claim, subject_of(trace.claim.label)
        funds = claim.kind == "amount" and not trace.traced and words in _joined(scope)
        before = traces[i - 1]
        listed = bool(found) and found[-1] == i - 1 and before.paragraph is trace.paragraph
        listed = listed and before.claim.sentence == claim.sentence
        if funds and (_INVOLVED.search(label) or (listed and _LISTED_SPENDING.search(label))):
            found.append(i)
    return found


def _joined(text: str) -> str:
    return "".join(text.split())


# 其中：国内公务接待支出0.39万（含外宾接待支出0.00万元）: a part the words include in the amount stated
# right before it (其中, 含), where nothing else gives it a source
_PART_OF = re.compile(r"^\s*(其中|[（(]?含)")
_OPENS_PARTS = re.compile(r"其中[：:]\s*$")


def included_parts(traces: list[Trace]) -> list[Trace]:
    """An amount the words say is part of the amount stated right before it (其中：…, （含…）; the
    reader may have left 其中： at the end of the paragraph before), with no source of its own and
    not already held to the whole (a part a total is summed from, the amount of a share):
    `relation = "part"`, operand the whole; it may not exceed it."""
    compared = {
        id(operand)
        for trace in traces
        if trace.relation == "sum" or trace.claim.kind == "share"
        for operand in trace.operands
    }
    found = list(traces)
    for i, trace in enumerate(traces):
        claim = trace.claim
        if not i or claim.kind != "amount" or trace.traced or id(claim) in compared:
            continue
        before = traces[i - 1]
        if before.paragraph is trace.paragraph:  # 其中：国内…, after the whole's clause
            opens = before.claim.clause != claim.clause and _PART_OF.match(claim.clause)
        else:  # 3、公务接待费支出0.39万元。其中： | 国内公务接待支出0.39万…
            first = trace.paragraph.text.startswith(claim.clause)
            opens = first and _OPENS_PARTS.search(before.paragraph.text)
        if before.claim.kind == "amount" and (opens or _PART_OF.match(claim.label)):
            found[i] = dataclasses.replace(trace, operands=(before.claim,), relation="part")
    return found


def item_budgets(traces: list[Trace], rows: dict) -> list[Trace]:
    """五（三）: the budget of the whole (年初预算为10210.34万元，支出决算为9746.50万元) is the sum of the
    budgets of the same word (年初预算, 全年预算) stated after it for each item (…（项）。…年初预算为
    54.53万元，支出决算为54.53万元…), when the items' 决算 add up to the whole's: every item is
    listed (an item printed under another name than the table's is summed all the same). `relation
    = "items"`, operands the items' budgets. Items nested in one another (a 类 and its 项) are not
    summed."""
    total_cell = f"{rows['table']}[合计,{rows['column']}]"
    pairs = _budgets_with_their_actuals(traces)
    for at, (budget, actual) in enumerate(pairs):
        if actual.source != total_cell or budget.traced:
            continue
        word = budget_word(budget.claim.label)
        items = [(b, a) for b, a in pairs[at + 1 :] if budget_word(b.claim.label) == word]
        codes = [code for _, a in items if (code := _row_code(a.source, rows))]
        if len(items) < _MIN_PARTS or _nested(codes):
            continue
        if not _adds_up([a.claim for _, a in items], actual.claim):
            continue  # some items are not listed: their budgets cannot add up to the whole's
        summed = dataclasses.replace(budget, operands=tuple(b.claim for b, _ in items), relation="items")
        traces = [summed if t is budget else t for t in traces]
    return traces


def _budgets_with_their_actuals(traces: list[Trace]) -> list[tuple[Trace, Trace]]:
    """Each budget with the 决算 stated after it in its paragraph, no other amount between."""
    pairs = []
    for i, trace in enumerate(traces):
        if trace.claim.kind != "budget":
            continue
        for after in traces[i + 1 :]:
            if after.paragraph is not trace.paragraph or after.claim.kind == "amount":
                if after.paragraph is trace.paragraph:
                    pairs.append((trace, after))
                break
    return pairs


def _row_code(source: str | None, rows: dict) -> str:
    named = re.fullmatch(rf"{re.escape(rows['table'])}\[(\d+),{re.escape(rows['column'])}\]", source or "")
    return named.group(1) if named else ""


def _nested(codes: list[str]) -> bool:
    return len(set(codes)) < len(codes) or any(a != b and b.startswith(a) for a in codes for b in codes)


def _adds_up(parts: list, whole) -> bool:
    from juesuan.rules.intervals import Interval

    summed = sum((Interval.of(p.figure) for p in parts), Interval.exact(0))
    return summed.overlaps(Interval.of(whole.figure))


# 十（四）: 组织对7个一般公共预算项目支出开展绩效自评 … 我部门今年开展了部门整体支出及7个项目绩效自评 …
# “质量抽检和试验检测管理”等7个项目的自评: the projects self-evaluated, stated again
_SELF_EVALUATED = re.compile(r"^[^，。；]*项目[^，。；]*开展(了)?[^，。；]*绩效自评")
_AGAIN = re.compile(r"^\s*项目的?(绩效)?自评")


def restated_counts(traces: list[Trace]) -> list[Trace]:
    """A count of the projects self-evaluated stated again (…及7个项目绩效自评) is the sum of the
    counts stated before in the section of the projects self-evaluated by fund (组织对7个一般公共
    预算项目…开展绩效自评, 组织对0个政府性基金预算项目开展绩效自评): `relation = "restated"`."""
    stated: list[Claim] = []
    found = list(traces)
    for i, trace in enumerate(traces):
        claim = trace.claim
        if claim.kind != "count":
            continue
        if _SELF_EVALUATED.match(claim.after) and claim.label.rstrip().endswith("对"):
            stated.append(claim)
        elif _AGAIN.match(claim.after) and stated and not trace.traced:
            found[i] = dataclasses.replace(trace, operands=tuple(stated), relation="restated")
    return found


# 共接待国外来访团组0个，来访外宾0人次 (广东 2019): the persons of the groups (visits) counted right
# before them in the sentence; the persons' words name no other thing counted
_GROUP_UNITS = ("个", "批次")
_GROUPS = re.compile(r"(团组|批次)数?共?$")
_PERSON_UNITS = ("人次",)
_OTHER_COUNTED = re.compile(r"团组|批次|单位|项目|车|设备|机构")


def counted_persons(traces: list[Trace]) -> list[Trace]:
    """A count of persons (人次) with no source of its own, right after a count of groups (团组, 批次)
    in its sentence, is of those groups: each group has at least one person, and there are no
    persons without a group. `relation = "persons"`, operand the groups; the groups are checked
    with it."""
    found = list(traces)
    for i, trace in enumerate(traces[1:], start=1):
        claim, before = trace.claim, traces[i - 1].claim
        if claim.kind != "count" or trace.traced or claim.figure.unit not in _PERSON_UNITS:
            continue
        if _OTHER_COUNTED.search(subject_of(claim.label)) or before.sentence != claim.sentence:
            continue
        groups = before.kind == "count" and before.figure.unit in _GROUP_UNITS
        if groups and (before.figure.unit == "批次" or _GROUPS.search(subject_of(before.label))):
            found[i] = dataclasses.replace(trace, operands=(before,), relation="persons")
    return found


# 组织部门（单位）整体支出绩效自评（含下属单位0个） where 第一部分 says 我部门没有下属单位
_SUBORDINATES = re.compile(r"(下属|所属|下设)(预算)?单位$")
# 我部门没有下属单位 (佛山 2019), 没有任何下设单位 (the reference sample)
_NO_SUBORDINATES = re.compile(r"(没有|无|不存在|未设)(任何)?(下属|所属|下设)的?(预算)?单位")
NO_SUBORDINATES = "overview:no-subordinates"


def subordinate_units(overview: tuple[Paragraph, ...], traces: list[Trace]) -> list[Trace]:
    """A count of the subordinate units something covers (含下属单位0个), where 第一部分's 部门决算
    单位构成 says the department has none (我部门没有下属单位, 没有任何下设单位): it is 0, source
    `NO_SUBORDINATES`."""
    found = list(traces)
    for i, trace in enumerate(traces):
        claim = trace.claim
        if claim.kind != "count" or trace.traced or not _SUBORDINATES.search(subject_of(claim.label)):
            continue
        if any(_NO_SUBORDINATES.search(p.text) for p in overview):
            found[i] = dataclasses.replace(trace, source=NO_SUBORDINATES)
    return found


# 比上年决算数相比变化0万元…，主要是因为我局是2019年新成立单位，当年无发生额，同时无2018年决算数;
# 比年初预算数增加0万元，主要是因为我局为新成立单位，无年初预算数 (佛山 2019 四): nothing to compare with
_NOTHING_BEFORE = re.compile(
    r"无\d{4}年度?决算数|不存在\d{4}年|无(上年|上一年度?)决算数|无年初预算数?|(去年|上年|年初)预算数?为0(?![.\d])"
)
FROM_NONE = "from-none"


def changes_from_none(text: str, traces: list[Trace]) -> list[Trace]:
    """A change whose own words go on to say there is nothing to compare with (no 2018 决算数, no
    年初预算数, 去年预算数为0) is of a base of 0: it must be the figure itself. `relation =
    "from-none"`, operands as traced (the figure changed, when stated)."""
    starts = _clause_starts(text, traces)
    found = list(traces)
    for i, trace in enumerate(traces):
        if trace.claim.kind != "change" or len(trace.operands) > 1 or not (trace.operands or trace.source):
            continue
        following = range(i + 1, len(traces))
        until = next((j for j in following if traces[j].claim.kind in ("amount", "change")), None)
        end = starts[until] if until is not None else None
        if _NOTHING_BEFORE.search("".join(text[starts[i] + len(trace.claim.clause) : end].split())):
            found[i] = dataclasses.replace(trace, relation=FROM_NONE)
    return found
