"""科目代码 and 科目名称 against the classification catalogues, and the shape of the code tree.

功能分类 (公开02/03/05/07/08表): 类 3 digits, 款 5, 项 7. 经济分类 (公开06表): 类 3, 款 5. Each printed
(code, name) pair must be the catalogue's of the disclosure's year (`Disclosure.year`, the fiscal
year of the accounts; the newest catalogue when the year is unknown), up to layout noise
(`Classification.matches`). A name the code bears in another year (`name_history`) is only info
(a name of the wrong year, e.g. last year's template), never an error. The packaged catalogues hold
the common codes, not every one: a code they lack is reported as info, not as an error;
`code_name_findings` takes any catalogue, e.g. a full year's loaded with `load_classification_csv`.

The tree: every printed 项 has its 款 printed in the same table, every 款 its 类, and in the
functional tables each row stands under its parent (the nearest row one level up is its parent).
公开06表 is laid out in four column groups and readers order its rows by code, so only the presence
of parents is checked there, not the order.

Across tables (`X-code-names`): a code printed in several 功能分类 tables bears the same name in each.
Where the catalogue knows the code and rejects the names that differ, `C-code-name` has reported
them already; the rule speaks for the rest (a code the catalogue lacks, last year's name beside
this year's).
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.catalogue.classification import (
    ECONOMIC,
    FUNCTIONAL,
    LEVEL_LENGTHS,
    Classification,
    NameSpan,
    economic_classification,
    functional_classification,
    name_history,
    normalize_name,
)
from juesuan.model import Disclosure, Row, Table
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.registry import Rule, rule

KIND_NAMES = {FUNCTIONAL: "支出功能分类", ECONOMIC: "支出经济分类"}
LEVEL_NAMES = ("类", "款", "项")


def coded_tables(disclosure: Disclosure) -> Iterator[tuple[Table, str]]:
    """Each printed table the template in force keys by 科目代码, with its classification's kind."""
    from juesuan.catalogue import table_definitions

    kinds = {"functional": FUNCTIONAL, "economic": ECONOMIC}
    for table in disclosure.tables:
        definition = table_definitions().get(table.number)
        if definition is not None and definition.hierarchy in kinds:
            yield table, kinds[definition.hierarchy]


def coded_rows(table: Table) -> Iterator[Row]:
    return (row for row in table.rows if row.code)


def valid_code(kind: str, code: str) -> bool:
    return code.isascii() and code.isdigit() and len(code) in LEVEL_LENGTHS[kind]


def parent_code(kind: str, code: str) -> str | None:
    """The code one level up (2010301 → 20103 → 201 → None)."""
    lengths = LEVEL_LENGTHS[kind]
    level = lengths.index(len(code))
    return code[: lengths[level - 1]] if level else None


def level_name(code: str) -> str:
    return LEVEL_NAMES[{3: 0, 5: 1, 7: 2}[len(code)]]


def where(table: Table, row: Row) -> str:
    return f"第二部分 {_named(table.number)} {row.origin}"


def _named(number: str) -> str:
    """公开06表 as 决算 messages have always named it (公开U04表 too); 预算06表 for a budget's."""
    from juesuan.catalogue.tables import table_name

    return table_name(number) if number.startswith("预算") else f"公开{number}表"


def catalogue_of(kind: str, year: int | None = None) -> Classification:
    """The packaged catalogue of `kind` for a fiscal year (None: the newest)."""
    return economic_classification(year) if kind == ECONOMIC else functional_classification(year)


@rule(
    id="C-code-name",
    title="科目代码与科目名称一致",
    doc="公开02/03/05/07/08表（功能分类）和06表（经济分类）每个科目代码的名称与决算年度的分类目录一致；"
    "名称是该代码其他年度的名称时只作提示；目录中没有的代码列为提示。",
)
def code_names(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    functional, economic = catalogue_of(FUNCTIONAL, disclosure.year), catalogue_of(ECONOMIC, disclosure.year)
    yield from code_name_findings(disclosure, this, functional, economic)


def code_name_findings(
    disclosure: Disclosure, this: Rule, functional: Classification, economic: Classification
) -> Iterator[Finding]:
    """C-code-name against the given catalogues (the packaged ones of a year, or a full year's);
    a printed name that the packaged data knows for the code in other years is info."""
    catalogues = {FUNCTIONAL: functional, ECONOMIC: economic}
    for table, kind in coded_tables(disclosure):
        for row in coded_rows(table):
            if valid_code(kind, row.code):
                yield from name_finding(this, table, row, catalogues[kind])


def catalogue_words(catalogue: Classification) -> str:
    """所用的支出功能分类目录 / 2024年支出功能分类目录."""
    year = f"{catalogue.year}年" if catalogue.year is not None else "所用的"
    return f"{year}{KIND_NAMES[catalogue.kind]}目录"


def other_years(catalogue: Classification, code: str, printed: str) -> NameSpan | None:
    """The span of another year in which `code` bears the printed name, if the packaged data has one."""
    wanted = normalize_name(printed)
    for span in name_history(catalogue.kind, code):
        if normalize_name(span.name) != wanted:
            continue
        if catalogue.year is None or not span.covers(catalogue.year):
            return span
    return None


def other_year_message(row: Row, catalogue: Classification, span: NameSpan) -> str:
    words = catalogue_words(catalogue)
    name = catalogue.name(row.code)
    now = f"{words}中为“{name}”" if name else f"{words}未收录该科目"
    bounded = span.first is not None or span.last is not None
    known = f"{span.years()}的科目名称" if bounded else "内置目录中的名称"
    return f"科目 {row.code} 的名称印为“{row.label}”，是{known}（{now}），请确认是否使用了本年度的科目名称"


def name_finding(this: Rule, table: Table, row: Row, catalogue: Classification) -> Iterator[Finding]:
    cells = (CellRef(table.number, row.key, "科目名称"),)
    name = catalogue.name(row.code)
    if name is not None and catalogue.matches(row.code, row.label):
        return
    span = other_years(catalogue, row.code, row.label)
    if span is not None:
        message = other_year_message(row, catalogue, span)
        yield Finding(this.id, Severity.INFO, message, cells, where(table, row))
    elif name is None:
        message = (
            f"科目代码 {row.code}（印为“{row.label}”）不在{catalogue_words(catalogue)}中，"
            "无法核对名称；内置目录可能不全，可载入当年完整的分类科目目录后复核"
        )
        yield Finding(this.id, Severity.INFO, message, cells, where(table, row))
    else:
        message = f"科目 {row.code} 的名称印为“{row.label}”，{catalogue_words(catalogue)}中应为“{name}”"
        yield this.finding(message, cells, where(table, row))


@rule(
    id="C-code-level",
    title="科目代码层级",
    doc="科目代码位数有效（功能分类 3/5/7 位，经济分类 3/5 位），项、款的上级科目列在同表且位于其上方。",
)
def code_levels(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    for table, kind in coded_tables(disclosure):
        yield from length_findings(this, table, kind)
        yield from parent_findings(this, table, kind)


def length_findings(this: Rule, table: Table, kind: str) -> Iterator[Finding]:
    allowed = "、".join(str(length) for length in LEVEL_LENGTHS[kind])
    for row in coded_rows(table):
        if not valid_code(kind, row.code):
            message = f"科目代码“{row.code}”位数无效：{KIND_NAMES[kind]}科目代码应为 {allowed} 位数字"
            yield this.finding(message, (CellRef(table.number, row.key, "科目代码"),), where(table, row))


def parent_findings(this: Rule, table: Table, kind: str) -> Iterator[Finding]:
    """A missing parent anywhere; in functional tables also a row not under its parent."""
    printed = {row.code for row in coded_rows(table)}
    nearest: dict[int, str] = {}  # code length → the last code printed at that level
    for row in coded_rows(table):
        if not valid_code(kind, row.code):
            continue
        parent = parent_code(kind, row.code)
        nearest = {length: code for length, code in nearest.items() if length < len(row.code)}
        nearest[len(row.code)] = row.code
        if parent is None:
            continue
        if parent not in printed:
            yield missing_parent(this, table, row, parent)
        elif kind == FUNCTIONAL and nearest.get(len(parent)) != parent:
            yield misplaced(this, table, row, parent, nearest.get(len(parent)))


def missing_parent(this: Rule, table: Table, row: Row, parent: str) -> Finding:
    message = (
        f"{level_name(row.code)} {row.code}“{row.label}”的上级{level_name(parent)} {parent} 未列在"
        f"{_named(table.number)}中，应列出上级科目"
    )
    return this.finding(message, (CellRef(table.number, row.key, "科目代码"),), where(table, row))


def misplaced(this: Rule, table: Table, row: Row, parent: str, above: str | None) -> Finding:
    printed = f"列在 {above} 之下" if above else "列在其上级之前"
    expected = f"应列在其上级{level_name(parent)} {parent} 之下"
    message = f"{level_name(row.code)} {row.code}“{row.label}”{printed}，{expected}"
    cells = (CellRef(table.number, row.key, "科目代码"), CellRef(table.number, parent, "科目代码"))
    return this.finding(message, cells, where(table, row))


@rule(
    id="X-code-names",
    title="同一科目在各表名称一致",
    doc="同一功能分类科目代码在公开02/03/05/07/08表（高校表4）中印的科目名称相同；名称已由 C-code-name "
    "按目录报告为错的不再重复；一个名称只是另一个的开头（换行截断）时为警告。",
)
def code_names_across_tables(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    catalogue = catalogue_of(FUNCTIONAL, disclosure.year)
    for code, printed in names_by_code(disclosure).items():
        names = {normalize_name(label) for _, label in printed.values()}
        if len(names) > 1 and not reported_by_catalogue(catalogue, code, printed):
            yield mismatch(this, code, printed)


def names_by_code(disclosure: Disclosure) -> dict[str, dict[str, tuple[Table, str]]]:
    """code → table number → (table, printed name), over the 功能分类 tables, in table order."""
    found: dict[str, dict[str, tuple[Table, str]]] = {}
    for table, kind in coded_tables(disclosure):
        if kind != FUNCTIONAL:
            continue
        for row in coded_rows(table):
            if valid_code(kind, row.code) and row.label.strip():
                found.setdefault(row.code, {}).setdefault(table.number, (table, row.label))
    return found


def reported_by_catalogue(
    catalogue: Classification, code: str, printed: dict[str, tuple[Table, str]]
) -> bool:
    """Whether the catalogue knows the code and the names it rejects are all that differ: C-code-name
    then reports each wrong table as an error already."""
    if catalogue.name(code) is None:
        return False
    accepted = {
        normalize_name(label)
        for _, label in printed.values()
        if catalogue.matches(code, label) or other_years(catalogue, code, label) is not None
    }
    return len(accepted) <= 1 and len(accepted) < len(
        {normalize_name(label) for _, label in printed.values()}
    )


def mismatch(this: Rule, code: str, printed: dict[str, tuple[Table, str]]) -> Finding:
    pairs = "，".join(f"{_named(number)}印为“{label}”" for number, (_, label) in printed.items())
    names = sorted({normalize_name(label) for _, label in printed.values()}, key=len)
    truncated = all(longer.startswith(names[0]) for longer in names[1:])
    severity = Severity.WARNING if truncated else this.severity
    hint = "，其一可能是换行截断，请核实" if truncated else "，同一科目在各表应使用同一名称"
    cells = tuple(
        CellRef(number, table_row_key(table, code), "科目名称") for number, (table, _) in printed.items()
    )
    first_table = next(iter(printed.values()))[0]
    row = next(row for row in coded_rows(first_table) if row.code == code)
    return Finding(this.id, severity, f"科目 {code} {pairs}{hint}", cells, where(first_table, row))


def table_row_key(table: Table, code: str) -> str:
    return next((row.key for row in coded_rows(table) if row.code == code), code)
