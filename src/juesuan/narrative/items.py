"""The 类/款/项 a paragraph of 五（三） is about, found in 公开05表 by its printed names.

Shanghai writes each item as its own paragraph, headed by its path:
``3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。
主要用于：…。年初预算为452.40万元，支出决算为446.11万元，…``; the 支出决算 is the row of the
deepest level named, under the rows the higher levels name. A path that names no row, or more
than one, gives no source: a figure is never checked against a guessed row.
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
_CODE_LENGTHS = (3, 5, 7)  # 类, 款, 项


def item_source(disclosure: Disclosure, spec: dict, text: str) -> str | None:
    """The source of the 类/款/项 named at the head of the paragraph, in the spec's rows."""
    match = _PATH.match(text.strip())
    if match is None or "rows" not in spec:
        return None
    table = disclosure.table(spec["rows"]["table"])
    names = [normalise(match.group(g)) if match.group(g) else "" for g in ("class_", "section", "item")]
    row = _row_of_path(list(table.rows) if table else [], names)
    return f"{table.number}[{row.key},{spec['rows']['column']}]" if row else None


def _row_of_path(rows: list[Row], names: list[str]) -> Row | None:
    """The one row named by the deepest level, narrowed by each higher level that names rows
    above it (a 款 printed under another name than 05's does not discard the 项)."""
    depth = max(level for level, name in enumerate(names) if name)
    found = _named(rows, _CODE_LENGTHS[depth], names[depth])
    for level in range(depth):
        parents = [row.key for row in _named(rows, _CODE_LENGTHS[level], names[level])]
        narrowed = [row for row in found if row.key.startswith(tuple(parents))]
        found = narrowed if narrowed else found
    return found[0] if len(found) == 1 else None


def _named(rows: list[Row], length: int, name: str) -> list[Row]:
    return [
        row for row in rows if len(row.key) == length and row.key.isdigit() and normalise(row.label) == name
    ]
