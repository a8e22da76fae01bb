"""Which template column (栏次) each printed column of a ruled table is, read from its headings.

Where a table prints its 栏次 (1 2 3 …), or its headings cannot be told apart, columns are taken
in order. Otherwise each column's heading path (every heading above it, top to bottom) is matched
against the template's headings: a heading matches when the path holds all of it, in pieces of
two characters or more; the fewest pieces win (公务用车购置费 beats 公务用车 + 运行维护费).
Shanghai's 公开09表, for instance, prints 预算数 and 决算数 side by side under each item, where
the template puts all 预算数 first; its 公开08表 has columns the template does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from juesuan.catalogue.tables import TableDefinition
from juesuan.sources.layout.table_columns import heading_pieces

_NOISE = re.compile(r"[\s“”\"‘’'「」『』]")
_LABEL_HEADING = re.compile(r"科目|编码|代码|名称|项目|功能分类")
_COLUMN_NUMBERS = re.compile(r"^\d{1,2}$")


def normalise(text: str) -> str:
    return _NOISE.sub("", text).replace("（", "(").replace("）", ")")


def prints_column_numbers(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a header row is the 栏次 row: 栏次 then 1 2 3 …, or 1 2 3 … alone."""
    for cells in rows:
        filled = [cell for cell in cells if cell]
        if filled and filled[0] == "栏次":
            return True
        if len(filled) > 1 and all(_COLUMN_NUMBERS.match(c) for c in filled) and filled[:2] == ["1", "2"]:
            return True
    return False


def heading_paths(rows: Sequence[Sequence[str]], spans: Sequence[Sequence[int]], width: int) -> list[str]:
    """Each column's headings, top to bottom; a merged heading counts for every column it covers."""
    paths = [""] * width
    for cells, widths in zip(rows, spans, strict=True):
        for first, text in enumerate(cells):
            covered = widths[first] if first < len(widths) and widths[first] else 1
            for column in range(first, min(first + covered, width)):
                paths[column] += normalise(text)
    return paths


def split_code(paths: Sequence[str]) -> bool:
    """Whether the 科目代码 is printed in three columns, 类 款 项 (201 | 06 | 01)."""
    return len(paths) > 3 and all(path.endswith(part) for path, part in zip(paths, "类款项", strict=False))


def label_columns(paths: Sequence[str], definition: TableDefinition) -> int:
    """How many columns on the left hold 科目代码 / 科目名称 (none in 公开09表)."""
    if definition.rows == "single":
        return 0
    if len(paths) > 1 and paths[0].startswith("预算单位") and _LABEL_HEADING.search(paths[1]):
        return 1 + label_columns(paths[1:], definition)  # 深圳: the unit's column, then 科目编码 …
    if split_code(paths):
        return 4
    count = 0
    while count < min(2, len(paths)) and _LABEL_HEADING.search(paths[count]):
        count += 1
    return count or min(2, max(1, len(paths) - len(definition.columns)))


def column_keys(paths: Sequence[str], definition: TableDefinition, numbered: bool) -> list[str | None]:
    """The template key of each figure column (None: not in the template)."""
    keys = list(definition.column_keys)
    if numbered or not any(paths):
        return [*keys[: len(paths)], *[None] * (len(paths) - len(keys))]
    found: list[str | None] = [None] * len(paths)
    scored = sorted(
        (
            (pieces, column, key)
            for column, path in enumerate(paths)
            for key in keys
            if (pieces := heading_pieces(normalise(definition.heading(key)), path)) is not None
        ),
    )
    for _, column, key in scored:
        if found[column] is None and key not in found:
            found[column] = key
    return _fill_in_order(found, keys)


def _fill_in_order(found: list[str | None], keys: list[str]) -> list[str | None]:
    """Columns whose heading matched nothing take the keys left over, in order, when exactly as
    many keys are left (公开05表 printing 合计 where the template says 小计)."""
    unused = [key for key in keys if key not in found]
    missing = [column for column, key in enumerate(found) if key is None]
    if len(unused) == len(missing):
        for column, key in zip(missing, unused, strict=True):
            found[column] = key
    return found
