"""Sums down the classification trees, derived from the codes each table prints.

Which tables hold which tree is the template's word: those whose definition in the template in
force says `hierarchy = "functional"` (national 公开02/03/05/07/08表, the university's U04) or
`"economic"` (公开06表). 功能分类: 类 has 3 digits, 款 5, 项 7. Every 类 = Σ its 款, every 款 = Σ its
项, 合计 = Σ 类, column by column. 经济分类: every 类 (301, 302 …) = Σ its 款 (5 digits);
人员经费合计 = 301 + 303; 公用经费合计 = the other 类. Parents and children come from the code
prefixes of the rows the table itself prints (only children present count), so the rule needs no
catalogue; whether a code exists and sits at the right level is a rule of its own. The derivation
(`juesuan.model.derive`) fills blank parents from the same groups.

A parent the table does not print while it prints its children (a 款 without its 类, 类 rows
without 合计) was not read: it still stands in the tree, so its own sum and the sum it is part of
are reported as not checkable (an info finding, see `juesuan.rules.evaluate`) rather than
computed without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from juesuan.catalogue.tables import table_definitions
from juesuan.model import Disclosure, Table
from juesuan.rules.evaluate import check_concrete, column_keys
from juesuan.rules.expressions import Identity, Key, Ref, Sum
from juesuan.rules.findings import Finding
from juesuan.rules.registry import Rule, rule

FUNCTIONAL = "functional"  # a table's `hierarchy` in the template
ECONOMIC = "economic"
TOTAL = "合计"
PERSONNEL_CLASSES = ("301", "303")  # 工资福利支出, 对个人和家庭的补助
PERSONNEL_TOTAL = "人员经费合计"
PUBLIC_TOTAL = "公用经费合计"
PERCENT = "%"  # the unit of a figure read from a column of percentages (sources/layout/table_rows.py)

Group = tuple[str, tuple[str, ...]]  # (parent row key, children row keys)


def functional_parent(code: str) -> str | None:
    """项 → 款 → 类 → 合计."""
    return {7: code[:5], 5: code[:3], 3: TOTAL}.get(len(code))


def economic_parent(code: str) -> str | None:
    return code[:3] if len(code) == 5 else None


def groups(table: Table, parent_of: Callable[[str], str | None]) -> list[Group]:
    """(parent, children) for every row with printed children, in table order; a parent the table
    does not print stands before its first child."""
    keys = tree_keys(table, parent_of)
    children: dict[str, list[str]] = {}
    for key in keys:
        parent = parent_of(key) if key.isdigit() else None
        if parent is not None:
            children.setdefault(parent, []).append(key)
    return [(key, tuple(children[key])) for key in keys if key in children]


def tree_keys(table: Table, parent_of: Callable[[str], str | None]) -> list[str]:
    """The table's row keys, each parent it does not print inserted before its first child."""
    printed = [row.key for row in table.rows]
    seen = set(printed)
    keys: list[str] = []
    for key in printed:
        missing: list[str] = []
        parent = parent_of(key) if key.isdigit() else None
        while parent is not None and parent not in seen:
            missing.append(parent)
            seen.add(parent)
            parent = parent_of(parent) if parent.isdigit() else None
        keys += [*reversed(missing), key]
    return keys


def economic_groups(table: Table) -> list[Group]:
    """The 06 tree, plus 人员经费合计 = 301 + 303 and 公用经费合计 = the other classes (printed or
    standing above printed 款)."""
    return groups(table, economic_parent) + _expense_totals(table)


def _expense_totals(table: Table) -> list[Group]:
    """(人员经费合计, 301 and 303), (公用经费合计, the other classes), for the classes in the tree."""
    heads = [key for key in tree_keys(table, economic_parent) if key.isdigit() and len(key) == 3]
    totals = {
        PERSONNEL_TOTAL: tuple(head for head in heads if head in PERSONNEL_CLASSES),
        PUBLIC_TOTAL: tuple(head for head in heads if head not in PERSONNEL_CLASSES),
    }
    return [(total, members) for total, members in totals.items() if members]


def tree_tables(disclosure: Disclosure, hierarchy: str) -> list[Table]:
    """The disclosure's tables whose definition in the template in force has this hierarchy."""
    numbers = [number for number, found in table_definitions().items() if found.hierarchy == hierarchy]
    return [table for number in numbers if (table := disclosure.table(number)) is not None]


def tree_groups(table: Table, hierarchy: str) -> list[Group]:
    """The (parent, children) sums of a table holding this hierarchy."""
    return groups(table, functional_parent) if hierarchy == FUNCTIONAL else economic_groups(table)


def is_percent_column(table: Table, column: str) -> bool:
    """Whether the column holds percentages (its figures read in %: a budget's 增减率)."""
    return any(figure.unit == PERCENT for row in table.rows if (figure := row.get(column)) is not None)


def sum_identity(table: str, parent: str, children: tuple[str, ...], col: str) -> Identity:
    terms = tuple(Ref(table, Key(child), Key(col)) for child in children)
    return Identity(Ref(table, Key(parent), Key(col)), Sum(terms))


def check_groups(disclosure: Disclosure, this: Rule, table: Table, found: list[Group]) -> Iterator[Finding]:
    """Each group's sum, column by column; a column of percentages (中央 预算05's 增减(%)) does not add
    up down the tree and is passed over."""
    summed = [col for col in column_keys(table) if not is_percent_column(table, col)]
    for parent, children in found:
        for col in summed:
            identity = sum_identity(table.number, parent, children, col)
            finding = check_concrete(identity, disclosure, this.id, this.severity)
            if finding is not None:
                yield finding


@rule(
    id="H-functional-sum",
    title="功能分类科目逐级合计",
    doc=(
        "按功能分类科目列示的表（公开02/03/05/07/08表，高校表4）逐栏："
        "每个类 = 其下各款之和，每个款 = 其下各项之和，合计 = 各类之和"
    ),
)
def functional_sums(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table in tree_tables(disclosure, FUNCTIONAL):
        yield from check_groups(disclosure, this, table, tree_groups(table, FUNCTIONAL))


@rule(
    id="H06-economic-sum",
    title="经济分类科目逐级合计",
    doc="公开06表：每个类（301、302…）= 其下各款之和；人员经费合计 = 301 + 303；公用经费合计 = 其余各类之和",
)
def economic_sums(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table in tree_tables(disclosure, ECONOMIC):
        yield from check_groups(disclosure, this, table, tree_groups(table, ECONOMIC))
