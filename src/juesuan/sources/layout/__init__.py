"""The reader for layout text (TAB between cells), as PDF-to-text tools lay a disclosure out."""

from __future__ import annotations

import re

from juesuan.model import Disclosure, Overview, Problem
from juesuan.sources.layout.encoding import decode
from juesuan.sources.layout.lines import Line, split_lines, split_parts

_TITLE = re.compile(r"^(?P<year>\d{4})年度?.*决算公开$")


def read_text(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    from juesuan.sources import SourceError

    try:
        lines = split_lines(decode(data))
    except SourceError as error:
        raise SourceError(f"{error}：{name}") from None
    front, parts = split_parts(lines)
    if 2 not in parts and 3 not in parts:
        raise SourceError(f"不是部门决算公开文件（找不到“第二部分”决算表或“第三部分”情况说明）：{name}")
    disclosure, problems = assemble(front, parts)
    if not disclosure.tables and not disclosure.narrative:
        raise SourceError(f"不是部门决算公开文件（没有可识别的决算表或情况说明）：{name}")
    return disclosure, problems


def assemble(front: list[Line], parts: dict[int, list[Line]]) -> tuple[Disclosure, list[Problem]]:
    from juesuan.sources.layout.forms import read_forms
    from juesuan.sources.layout.narrative import read_glossary, read_narrative
    from juesuan.sources.layout.overview import read_overview
    from juesuan.sources.layout.tables import read_tables

    problems: list[Problem] = []
    overview, found = read_overview(parts.get(1, [])) if 1 in parts else (Overview(), [])
    problems += found
    tables, found = read_tables(parts.get(2, []))
    problems += found
    narrative, found = read_narrative(parts.get(3, []))
    problems += found
    glossary, found = read_glossary(parts.get(4, []))
    problems += found
    forms, found = read_forms(parts.get(5, []))
    problems += found
    unit, year, title = read_front(front, tables)
    disclosure = Disclosure(unit, year, title, overview, tables, narrative, glossary, forms, "text")
    return disclosure, problems


def read_front(front: list[Line], tables) -> tuple[str, int | None, str]:
    """(unit, year, title) from the cover lines, falling back on the tables' headers."""
    for index, line in enumerate(front):
        match = _TITLE.match(line.text)
        if match:
            unit = front[index - 1].text if index else ""
            return unit or _table_unit(tables), int(match.group("year")), f"{unit}{line.text}"
    return _table_unit(tables), _table_year(tables), ""


def _table_unit(tables) -> str:
    return next((t.unit_name for t in tables if t.unit_name), "")


def _table_year(tables) -> int | None:
    return next((t.year for t in tables if t.year), None)


__all__ = ["read_text"]
