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
import re
from typing import TYPE_CHECKING

from juesuan.narrative.context import subject_of

if TYPE_CHECKING:
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
