"""公开01表 and 公开04表 expenditure lines against the class rows of 公开03/05/07/08表.

The two summary tables print one line per 功能分类 类 (201 一般公共服务支出 at 公开01表 第32行 …);
the detail tables print the same class as a code row. Which line holds which class is data
(`classes.txt`); each rule is an identity template instantiated once per class.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from juesuan.model import Disclosure
from juesuan.rules.evaluate import check_identity
from juesuan.rules.expressions import Identity, parse
from juesuan.rules.findings import Finding
from juesuan.rules.registry import Rule, rule

DATA_FILE = "classes.txt"


@dataclass(frozen=True)
class ExpenditureClass:
    code: str  # 类级科目代码, e.g. 208
    name: str
    line01: str  # 行次 in 公开01表
    line04: str  # 行次 in 公开04表


@cache
def expenditure_classes() -> tuple[ExpenditureClass, ...]:
    text = files("juesuan.rules").joinpath(DATA_FILE).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(ExpenditureClass(*(field.strip() for field in row.split("|"))) for row in rows)


@cache
def class_identities(template: str) -> tuple[Identity, ...]:
    """The template (with {code}, {line01}, {line04}) instantiated for every class."""
    return tuple(
        parse(template.format(code=each.code, line01=each.line01, line04=each.line04))
        for each in expenditure_classes()
    )


def check_by_class(disclosure: Disclosure, this: Rule, template: str) -> Iterator[Finding]:
    for identity in class_identities(template):
        yield from check_identity(identity, disclosure, rule=this.id, severity=this.severity)


@rule(
    id="X01-03-classes",
    title="总表各类支出与支出决算表",
    doc="公开01表第32至57行各类支出 = 公开03表对应类级科目的本年支出合计（第1栏）",
)
def total_vs_expenditure_classes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    return check_by_class(disclosure, this, "01[{line01},2] = 03[{code},1]")


@rule(
    id="X04-05-classes",
    title="一般公共预算财政拨款各类支出",
    doc="公开04表第33至58行一般公共预算财政拨款（第3栏）= 公开05表对应类级科目的小计（第1栏）",
)
def general_budget_classes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    return check_by_class(disclosure, this, "04[{line04},3] = 05[{code},1]")


@rule(
    id="X04-07-classes",
    title="政府性基金预算财政拨款各类支出",
    doc="公开04表第33至58行政府性基金预算财政拨款（第4栏）= 公开07表对应类级科目的本年支出小计（第3栏）",
)
def government_fund_classes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    return check_by_class(disclosure, this, "04[{line04},4] = 07[{code},3]")


@rule(
    id="X04-08-classes",
    title="国有资本经营预算财政拨款各类支出",
    doc="公开04表第33至58行国有资本经营预算财政拨款（第5栏）= 公开08表对应类级科目的本年支出合计（第1栏）",
)
def state_capital_classes(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    return check_by_class(disclosure, this, "04[{line04},5] = 08[{code},1]")
