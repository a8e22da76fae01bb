"""The money of a synthetic unit, 项 by 项 and source by source, in exact cents.

Each 功能分类 项 holds one `Flow` per source of money (一般公共预算 …, 其他收入): what was spent as
基本支出 and 项目支出, what of it came from last year's balance (年初结转和结余) and what is left
for next year (年末结转和结余). This year's income follows: spent − carried in + carried out. Every
table is a sum over these flows (项 → 款 → 类 → 合计), so every identity holds exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from juesuan.synth.money import Cents

GENERAL, FUND, CAPITAL = "general", "fund", "capital"
FISCAL = (GENERAL, FUND, CAPITAL)
# The non-fiscal sources in the order of 公开02表 栏次 3-7 (and 公开01表 lines 4-8).
NON_FISCAL = ("superior", "business", "operating", "affiliated", "other")
SOURCES = (*FISCAL, *NON_FISCAL)
TOTAL = "合计"


@dataclass
class Flow:
    """One source's money on one 项."""

    basic: Cents = 0
    project: Cents = 0
    carried_in: Cents = 0
    carried_out: Cents = 0

    @property
    def spent(self) -> Cents:
        return self.basic + self.project

    @property
    def income(self) -> Cents:
        return self.spent - self.carried_in + self.carried_out


@dataclass
class Project:
    """A 项目 with its 绩效自评表 money: 年初预算 (declared, budgeted), 全年预算 and 执行数."""

    name: str
    code: str  # the 功能分类 项 it is booked on
    source: str
    declared: Cents
    budgeted: Cents
    full_year: Cents
    executed: Cents

    @property
    def balance(self) -> Cents:
        return self.full_year - self.executed


@dataclass
class Ledger:
    flows: dict[str, dict[str, Flow]] = field(default_factory=dict)  # 项 → source → Flow
    economic: dict[str, Cents] = field(default_factory=dict)  # 公开06表 款 → amount
    projects: list[Project] = field(default_factory=list)

    def flow(self, code: str, source: str) -> Flow:
        return self.flows.setdefault(code, {}).setdefault(source, Flow())

    def total(self, measure: Callable[[Flow], Cents], sources: Iterable[str] = SOURCES) -> Cents:
        wanted = tuple(sources)
        return sum(measure(f) for by in self.flows.values() for s, f in by.items() if s in wanted)

    def by_code(self, measure: Callable[[Flow], Cents], sources: Iterable[str]) -> dict[str, Cents]:
        """项 → Σ measure over the sources, for the 项 where it is not zero."""
        wanted = tuple(sources)
        found = {
            code: sum(measure(f) for s, f in by.items() if s in wanted) for code, by in self.flows.items()
        }
        return {code: value for code, value in found.items() if value}


def rolled_up(leaves: dict[str, dict[str, Cents]]) -> dict[str, dict[str, Cents]]:
    """Leaf rows (项, or a 款 without 项) with their 款, 类 and 合计 rows, column by column."""
    rows: dict[str, dict[str, Cents]] = {}
    for code, values in leaves.items():
        for key in (TOTAL, *(code[:n] for n in (3, 5) if n < len(code)), code):
            row = rows.setdefault(key, {})
            for column, value in values.items():
                row[column] = row.get(column, 0) + value
    return rows


def tree_order(codes: Iterable[str]) -> list[str]:
    """合计 first, then codes in catalogue order (a prefix sorts before its children)."""
    found = set(codes)
    return ([TOTAL] if TOTAL in found else []) + sorted(found - {TOTAL})
