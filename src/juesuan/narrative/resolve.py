"""Which cell a figure of 第三部分 names: the wordings of the sentence catalogue (a label pattern →
its source, `sentences/*.toml`), and the rows and columns of a table found by their printed names.

A template may word a part otherwise (教育部直属高校 call 本年收入合计 收入总计 and explain their
表4, not 公开05表): `[template."名称".part."…"]` in the catalogue replaces the national part's
sources for documents read under that template.
"""

from __future__ import annotations

import re

from juesuan.model import Disclosure, Row, Table
from juesuan.narrative.catalogue import aliases, reading_specs
from juesuan.narrative.context import normalise

_SUB = re.compile(r"[（(][一二三四五六七八九十]+[)）]$")
_LEVEL = re.compile(r"[（(][类款项][)）]")
_CODE_LENGTHS = {"类": 3, "款": 5, "项": 7}


def section_spec(key: str, template: str = "") -> dict:
    """The sources of a section: its own, else those of the section it is printed under (一（一）
    of 一, 十（四）（二） of 十（四）); a section printed without the template's sub-sections
    (Shanghai's 三公 section has none) takes those of all its sub-sections."""
    sections = {**reading_specs(), **(reading_specs(template) if template else {})}
    wanted = key
    while wanted:
        if wanted in sections:
            return sections[wanted]
        shorter = _SUB.sub("", wanted)
        if shorter == wanted:
            break
        wanted = shorter
    return _merged([v for k, v in sections.items() if k.startswith(key)])


def _merged(specs: list[dict]) -> dict:
    merged: dict = {}
    for spec in specs:
        for name, value in spec.items():
            merged[name] = {**merged.get(name, {}), **value} if isinstance(value, dict) else value
    return merged


def lookups(spec: dict, kind: str) -> list[dict]:
    """The spec's `rows` or `columns`: one table, or several tried in order."""
    found = spec.get(kind, [])
    return [found] if isinstance(found, dict) else list(found)


def resolve_amount(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    return resolve_amount_in(spec, alias(subject)) or resolve_by_name(disclosure, spec, subject)


def resolve_amount_in(spec: dict, subject: str) -> str | None:
    """The source the section's `amounts` give the subject's words, if any."""
    return _matching(spec.get("amounts", {}), subject)


def resolve_count(disclosure: Disclosure, spec: dict, subject: str, after: str = "") -> str | None:
    """The count's source by its words, or by the words before and after it where the words
    before say only whose it is (机关及下属0个单位出国团组: `words = "下属#单位出国"`)."""
    found = _matching(spec.get("counts", {}), subject, "".join(after.split()))
    return found or resolve_by_name(disclosure, spec, subject)


def _matching(sources: dict[str, str], subject: str, after: str = "") -> str | None:
    """The source of the first wording pattern the subject matches; a pattern with # in it is
    matched against the words before the number, #, and the words after it."""
    return next(
        (
            source
            for pattern, source in sources.items()
            if re.search(pattern, f"{subject}{AT}{after}" if AT in pattern else subject)
        ),
        None,
    )


AT = "#"  # where the number stands, in a wording that names it by the words after it too


def resolve_by_name(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    """The row (`rows`) or column (`columns`) of the spec's tables printed with this name; the
    level named in the narrative (一般公共服务（类）支出, 卫生健康支出（类）支出) is not part of
    the printed name."""
    name = row_name(subject)
    if not name:
        return None
    for rows in lookups(spec, "rows"):
        found = _row_named(disclosure.table(rows["table"]), name, rows["column"], rows.get("level", ""))
        if found is not None:
            return f"{rows['table']}[{found.key},{rows['column']}]"
    for columns in lookups(spec, "columns"):
        table = disclosure.table(columns["table"])
        for column in table.columns if table else ():
            if normalise(column.heading) == name:
                return f"{table.number}[{columns['row']},{column.key}]"
    return None


def row_name(subject: str) -> str:
    """The name a table prints for what the words name: 一般公共服务（类）支出 and 卫生健康支出
    （类）支出 are 一般公共服务支出 and 卫生健康支出."""
    name = normalise(_LEVEL.sub("", normalise(subject))).replace("支出支出", "支出")
    return normalise(alias(name))


def _row_named(table: Table | None, name: str, column: str, level: str = "") -> Row | None:
    """The row printed with this name that has the column, of the level asked (类: a 3-digit
    code); where names repeat (06: 30902 and 31002 办公设备购置), the one with a figure in it,
    none when several have one. A row of the other side of a two-sided table (公开01表's 年初结转
    和结余 is income, 年末结转和结余 expenditure) is not named with this column."""
    rows = [row for row in (table.rows if table else ()) if normalise(row.label) == name]
    rows = [row for row in rows if _on_side(table, row, column) and _of_level(row, level)]
    filled = [row for row in rows if row.get(column) is not None]
    if len(filled) > 1:
        return None
    return filled[0] if filled else rows[0] if rows else None


def _of_level(row: Row, level: str) -> bool:
    return not level or (row.key.isdigit() and len(row.key) == _CODE_LENGTHS[level])


def _on_side(table: Table, row: Row, column: str) -> bool:
    from juesuan.catalogue import table_definitions

    definition = table_definitions().get(table.number)
    if definition is None or not definition.sides:
        return True
    line = definition.line_for_row(row.key)
    side = definition.side(line.line if line else row.key)
    return side is None or column in side.columns


def base_words(label: str) -> str:
    """总支出 of 占总支出的, 政府采购支出总额 of 占政府采购支出总额的; "" for a bare 占."""
    named = re.match(r"^占(.+?)的?$", label)
    return named.group(1) if named else ""


def alias(name: str) -> str:
    return aliases().get(name, name)
