"""The lines around a table's figures: 部门名称, 年度, 金额单位, header rows, page numbers, notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.catalogue.tables import TableDefinition, definition_for_title
from juesuan.model import Figure
from juesuan.sources.layout.lines import Line

_MONEY = re.compile(r"^(?:金额)?单位\s*[:：]\s*(?P<value>[千万亿]?元?)$")
_UNIT_NAME = re.compile(
    r"^(?:编制|填报|预算)?(?:部门|单位)(?:[（(]单位[)）])?(?:名称)?\s*[:：]\s*(?P<value>\S.*)$"
)
_YEAR = re.compile(r"^[（(]?(?P<year>\d{4})\s*年度?[)）]?$")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*\d?\s*[:：]")
_PAGE = re.compile(r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|第\s*\d+\s*页.*)$")
_DASH = re.compile(r"^[—–―－\-]+$")
_MARK = re.compile(r"^(?:附)?表\s*\d{1,2}$")  # 表1 … 表8 printed above a table, as 广东 2019 does
_SPACE = re.compile(r"\s+")
_NUMBER_MARK = re.compile(r"[（(]?\s*公开\s*\d{1,2}\s*表\s*[)）]?")  # 公开07表, (公开07表)
HEADER_WORDS = frozenset(
    {"项目", "栏次", "行次", "科目代码", "科目名称", "科目编码", "功能分类科目", "经济分类科目"}
)


@dataclass
class Meta:
    """What the lines above a table say about it; collected while reading them."""

    unit_name: str = ""
    year: int | None = None
    money: str = "万元"
    notes: list[str] = field(default_factory=list)


def compact(text: str) -> str:
    """Text without white space: 合  计 = 合计."""
    return _SPACE.sub("", text)


def is_dash(text: str) -> bool:
    """—— / ——— : the cell does not apply (no figure, and no problem)."""
    return bool(_DASH.match(text))


def is_numeric(text: str) -> bool:
    return Figure.parse(text) is not None


def only_figures(texts: list[str]) -> bool:
    """Every cell blank, a figure or a dash: the cells after a line's label."""
    return all(not text or is_numeric(text) or is_dash(text) for text in texts)


def table_heading(filled: list[str]) -> TableDefinition | None:
    """The table a heading line (its filled cells) names: a title line, with or without its
    公开NN表 mark (公开07表 政府性基金预算财政拨款收入支出决算表), or a line whose cell is the mark
    alone (公开07表, its title below). A line that only mentions a number is no heading: the
    note "注：…公开07表、公开08表为空表" names tables it does not head. Rows of figures never do."""
    if not filled or len(filled) > 2 or any(is_numeric(cell) for cell in filled):
        return None
    titled = definition_for_title(_NUMBER_MARK.sub("", " ".join(filled)))
    if titled is not None:
        return titled
    mark = next((cell for cell in filled if _NUMBER_MARK.fullmatch(cell)), None)
    return definition_for_title(mark) if mark else None


def join_broken(lines: list[Line]) -> list[Line]:
    """Mend 金额单位 broken over two lines (“金额单位：万” / “元”)."""
    joined: list[Line] = []
    for line in lines:
        if joined and _unit_is_cut(joined[-1]) and "\t" not in line.text and len(line.text) <= 2:
            joined[-1] = Line(joined[-1].no, joined[-1].text + line.text)
            continue
        joined.append(line)
    return joined


def _unit_is_cut(line: Line) -> bool:
    match = _MONEY.match(line.cells[-1])
    return bool(match) and not match.group("value").endswith("元")


def read_meta(line: Line, meta: Meta) -> bool:
    """Take 部门名称 / 年度 / 金额单位 from the line into `meta`; False when the line is something else."""
    found = [meta_cell(cell) for cell in line.filled]
    if not found or None in found:
        return False
    for name, value in found:
        setattr(meta, name, value)
    return True


def meta_cell(cell: str) -> tuple[str, str | int] | None:
    if match := _MONEY.match(cell):
        return "money", match.group("value")
    if match := _YEAR.match(cell):
        return "year", int(match.group("year"))
    if match := _UNIT_NAME.match(cell):
        return "unit_name", match.group("value").strip()
    return None


def head_lines(lines: list[Line]) -> list[Line]:
    """The lines of part 2 that state a table's 部门名称 or 金额单位 (金额单位 broken over two lines
    mended), as `Disclosure.front` keeps them."""
    return [line for line in join_broken(lines) if _is_head(line)]


def _is_head(line: Line) -> bool:
    found = [meta_cell(cell) for cell in line.filled]
    return bool(found) and None not in found and any(name != "year" for name, _ in found)  # type: ignore[misc]


def read_note(line: Line, meta: Meta, in_notes: bool) -> bool:
    """注：… / 说明：本表无数据, and the lines a long note wraps onto; False for anything else."""
    if _NOTE.match(line.text):
        meta.notes.append(line.text)
        return True
    if (
        in_notes
        and "\t" not in line.text
        and not is_page_furniture(line.text)
        and meta_cell(line.text) is None
    ):
        meta.notes[-1] += line.text
        return True
    return False


def is_page_furniture(text: str) -> bool:
    """A page number, or a 表N mark printed above a table."""
    return bool(_PAGE.match(text) or _MARK.match(text))


def is_furniture(line: Line) -> bool:
    """A header row (项目 / 栏次 …, headings without figures, 栏次 numbers 1 2 3 …) or a page number."""
    filled = line.filled
    if not filled or not any(is_numeric(cell) for cell in filled):
        return True
    if compact(filled[0]) in HEADER_WORDS:
        return True
    if filled == [str(number) for number in range(1, len(filled) + 1)] and len(filled) > 1:
        return True
    return len(filled) == 1 and is_page_furniture(filled[0])
