"""What the earlier claims of a paragraph tell the later ones.

A completion rate is of the 决算 just stated against the 年初预算 (or 全年预算) stated before it,
for the same subject; a rate is of the change just stated; 支出决算 with no subject of its own is
that of the budget before it, or of the 类/款/项 the paragraph is about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from juesuan.narrative.claims import Claim, budget_word

# the year, and the unit naming itself before it (国家信访局2024年度, 学校2024年度, 本部门2019年):
# words ending as a body's name does, so that 组织对2019年度 keeps what it says
_YEAR = re.compile(
    r"^((?:\S{0,30}?(?:局|部|委|办|院|校|学|中心|厅|室|会|所|站|处|队|馆|社|署|门|位|司))?\d{4}\s*年(度)?)"
)
_ENUMERATOR = re.compile(r"^([一二三四五六七八九十]+、|\d+[、.．]\s*|[（(][一二三四五六七八九十\d]+[)）]\s*)")
_ACTUAL = re.compile(r"决算数?$")
# words naming the 决算 of whatever the budget before them is of (全年预算数为…，执行数为…)
BARE = ("支出决算", "决算", "决算数", "支出决算数", "执行数", "全年执行数")


class Context:
    """The claims of one paragraph seen so far, for those after them."""

    def __init__(self, item: str | None = None) -> None:
        self.amounts: list[Claim] = []
        self.sources: dict[int, str | None] = {}  # id(claim) -> its source
        self.budgets: dict[str, Claim] = {}  # 年初预算 / 全年预算 -> the budget stated
        self.change: Claim | None = None
        self.last_count: Claim | None = None
        self.count_operands: tuple[Claim, ...] = ()  # what the last count is against (外宾接待支出)
        self.last_year: Claim | None = None  # 2023年…14.43万元: an amount of an earlier year
        self.subject = ""  # what the budgets are of (一般公共服务支出)
        self.item = item  # the source of the 类/款/项 the paragraph is about, if it names one

    def remember(self, claim: Claim, source: str | None, operands: tuple[Claim, ...] = ()) -> None:
        """Keep the claim for those after it; a new amount or budget starts a new subject, so
        an earlier change is no longer what a rate refers to, and an amount of another subject
        than the budgets' is not what they were the budget of."""
        self.sources[id(claim)] = source
        if claim.kind in ("amount", "budget"):
            self.change = None
        if claim.kind == "amount":
            self.amounts.append(claim)
            named = actual_subject(claim.label)
            if named and _core(named) != _core(self.subject):
                self.budgets.clear()
        elif claim.kind == "budget":
            self.budgets[budget_word(claim.label)] = claim
            subject = budget_subject(claim.label)
            self.subject = subject or self.subject
        elif claim.kind == "change":
            self.change = claim
        elif claim.kind == "count":
            self.last_count, self.count_operands = claim, operands

    def budget_for(self, completion: Claim) -> Claim | None:
        """The budget a completion rate is of: the one its words name (完成全年预算数的),
        any stated when they say only 预算 (完成预算的)."""
        named = next((word for word in self.budgets if word in completion.label), None)
        if named:
            return self.budgets[named]
        return None if "年初" in completion.label or "全年" in completion.label else self.last_budget

    @property
    def last_budget(self) -> Claim | None:
        return list(self.budgets.values())[-1] if self.budgets else None

    def amount_named(self, subject: str, source: str | None) -> Claim | None:
        """The earlier amount the subject names: by its words, else by the same source."""
        wanted = normalise(subject)
        for claim in reversed(self.amounts):
            named = normalise(subject_of(claim.label))
            if named == wanted or named.endswith(wanted) or wanted.endswith(named):
                return claim
        return next((c for c in reversed(self.amounts) if source and self.sources[id(c)] == source), None)

    def stated(self, name: str) -> Claim | None:
        """The last amount stated under this name (授予中小企业合同金额), or a longer name ending
        in it (2024年度国家信访局政府采购支出总额 for 政府采购支出总额); never a shorter one."""
        wanted = normalise(name)
        return next(
            (c for c in reversed(self.amounts) if normalise(subject_of(c.label)).endswith(wanted)), None
        )

    @property
    def last_amount(self) -> Claim | None:
        return self.amounts[-1] if self.amounts else None


def subject_of(label: str, context: Context | None = None) -> str:
    """The thing an amount's label names, without the year (2024年度), enumerators or 为;
    a bare 支出决算 is of the subject of the budgets stated before it."""
    subject = _ENUMERATOR.sub("", _YEAR.sub("", label.strip("、，"))).removesuffix("为")
    if context is not None and subject in BARE and context.subject:
        return _YEAR.sub("", context.subject)
    return subject


def budget_subject(label: str) -> str:
    """一般公共服务支出 of 一般公共服务支出年初预算为."""
    words = subject_of(label).removesuffix("数")
    return words.removesuffix(budget_word(words))


def actual_subject(label: str) -> str:
    """因公出国（境）费 of 因公出国（境）费决算为; "" for a bare 支出决算."""
    subject = subject_of(label)
    return "" if subject in BARE else _ACTUAL.sub("", subject)


def _core(name: str) -> str:
    """The name without 决算 and 支出: 公务接待费支出决算 is of 公务接待费, as is 公务接待费决算支出."""
    return normalise(name).replace("决算", "").removesuffix("数").removesuffix("支出")


@lru_cache(maxsize=8192)  # the same row labels and names are compared again and again
def normalise(text: str) -> str:
    """Names compared without layout noise: spaces, bracket widths, enumerators, quotes."""
    text = _ENUMERATOR.sub("", text.strip())
    text = text.replace("(", "（").replace(")", "）").replace(" ", "").replace("\u3000", "")
    return text.replace("“", "").replace("”", "").replace('"', "")
