"""The 类/款/项 a paragraph of 五（三） is about, found in the spec's table by its printed names.

Shanghai writes each item as its own paragraph, headed by its path:
``3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。
主要用于：…。年初预算为452.40万元，支出决算为446.11万元，…``; the 支出决算 is the row of the
deepest level named, under the rows the higher levels name. 教育部直属高校 head it by the name and
its code: ``1.小学教育（2050202），2024年度决算数为8,627.17万元``: the row of that code. A path
that names no row, or more than one, gives no source: a figure is never checked against a guessed
row. A 项 printed under an older, longer name than the table's (归口管理的行政单位离退休 for
2080501 行政单位离退休) is the one row under its 类 and 款 whose name ends it.
"""

from __future__ import annotations

import re

from juesuan.model import Disclosure, Row
from juesuan.narrative.context import normalise

_PATH = re.compile(
    r"^(?:\d+[、.．]|[（(][一二三四五六七八九十]+[)）])?\s*"
    r"(?P<class_>[^，。；：:（(]+)[（(]类[)）]"
    r"(?:(?P<section>[^，。；：:（(]+)[（(]款[)）])?"
    r"(?:(?P<item>[^，。；：:（(]+)[（(]项[)）])?"
)
# the name may hold a bracketed word of its own: 其他政府办公厅（室）及相关机构事务支出（2010399） (西安)
_CODED = re.compile(
    r"^(?:\d+[、.．]|[（(][一二三四五六七八九十]+[)）])?\s*"
    r"(?P<name>(?:[^，。；：:（(]|[（(][^\d类款项，。；：:（()）]+[)）])+)[（(](?P<code>\d{3,7})[)）]"
)
_CODE_LENGTHS = (3, 5, 7)  # 类, 款, 项
_SHORTEST_SUFFIX = 4  # a name ending another must say more than 支出


def item_source(disclosure: Disclosure, spec: dict, text: str) -> str | None:
    """The source of the 类/款/项 named at the head of the paragraph, in the spec's rows."""
    rows_spec = spec.get("rows")
    if not isinstance(rows_spec, dict):
        return None
    table = disclosure.table(rows_spec["table"])
    rows = list(table.rows) if table else []
    coded = _CODED.match(text.strip())
    if coded is not None:
        row = _row_of_code(rows, coded.group("code"), normalise(coded.group("name")))
    else:
        match = _PATH.match(text.strip())
        if match is None:
            return None
        names = [normalise(match.group(g)) if match.group(g) else "" for g in ("class_", "section", "item")]
        row = _row_of_path(rows, names)
    return f"{table.number}[{row.key},{rows_spec['column']}]" if row else None


def _row_of_code(rows: list[Row], code: str, name: str) -> Row | None:
    """The row of the code, when the table prints it under the name the paragraph gives."""
    found = next((row for row in rows if row.key == code), None)
    return found if found is not None and normalise(found.label) == name else None


def _row_of_path(rows: list[Row], names: list[str]) -> Row | None:
    """The one row named by the deepest level, narrowed by each higher level that names rows
    above it (a 款 printed under another name than 05's does not discard the 项)."""
    depth = max(level for level, name in enumerate(names) if name)
    found = _named(rows, _CODE_LENGTHS[depth], names[depth])
    for level in range(depth):
        parents = [row.key for row in _named(rows, _CODE_LENGTHS[level], names[level])]
        narrowed = [row for row in found if row.key.startswith(tuple(parents))]
        found = narrowed if narrowed else found
    if not found and depth == 2:
        found = _ending(rows, names)
    return found[0] if len(found) == 1 else None


def _ending(rows: list[Row], names: list[str]) -> list[Row]:
    """The 项 under the named 类 whose printed name ends the name given, when the 类 is found."""
    classes = [row.key for row in _named(rows, 3, names[0]) or _named(rows, 3, f"{names[0]}支出")]
    if len(classes) != 1:
        return []
    return [
        row
        for row in rows
        if len(row.key) == 7
        and row.key.isdigit()
        and row.key.startswith(classes[0])
        and len(normalise(row.label)) >= _SHORTEST_SUFFIX
        and names[2].endswith(normalise(row.label))
    ]


def _named(rows: list[Row], length: int, name: str) -> list[Row]:
    return [
        row for row in rows if len(row.key) == length and row.key.isdigit() and normalise(row.label) == name
    ]
