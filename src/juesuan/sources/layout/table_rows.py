"""Rows of the tables keyed by 科目代码 (02 03 05 07 08), by 经济分类 code (06), and 公开09表.

Cells arrive as the TAB-separated cells of a layout-text line, stripped at both ends: leading empty
cells are lost, so a reader anchors on what it recognises (a code, a label) rather than on positions
counted from the left margin. Each figure takes the origin of the cell it is read from, by the
cell's index in the line (`Line.origin_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from juesuan.catalogue.tables import TableDefinition, table_name
from juesuan.model import Figure, Problem, Row
from juesuan.sources import limits
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.table_columns import PrintedColumns, Unaligned, is_column_numbers
from juesuan.sources.layout.table_meta import compact, is_dash, is_furniture, is_numeric, only_figures

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_AND_NAME = re.compile(
    r"^(?:(?P<code>\d{3}(?:\d{2}){0,2})\s+|[\[［【](?P<bracketed>\d{3}(?:\d{2}){0,2})[\]］】]\s*)(?P<name>[^\d\s].*)$"
)  # 201 一般公共服务支出, or [201]一般公共服务支出 (广州)
_ECONOMIC = re.compile(r"^3\d{2}(?:\d{2})?$")
_UNITS = "预算单位"  # the heading of a column naming the unit of each line (深圳 2026)
_UNIT_HEADING = re.compile(r"编码|代码|名称")  # 单位编码, 单位名称, 部门名称
_TOTAL = "合计"
PERCENT = "%"  # the unit of a column whose printed heading says so (中央 预算05: 增减(%))


@dataclass
class Reading:
    """One table being read: its definition, its 金额单位, and where problems go."""

    definition: TableDefinition
    money: str
    problems: list[Problem]
    printed: PrintedColumns | Unaligned | None = None  # a 预算's columns by their headings
    said: set[str] = field(default_factory=set)  # the unplaced columns already reported
    unit: str = ""  # the 部门名称 the table's head prints: a 预算's line under that name is its total
    year: int | None = None  # the year the table prints (its 年度), for the names of 经济分类 codes

    def report(self, message: str, line: Line) -> None:
        self.problems.append(Problem(f"{table_name(self.definition.number)}：{message}", line.origin))

    def skip(self, line: Line) -> None:
        """A line that holds no row: header rows and the 栏次 row pass, and every line of a table read
        in part (only its template's lines: 江苏 政府采购预算表, 重庆 绩效目标表); anything else is
        reported."""
        if not is_furniture(line) and not self.definition.partial and not is_column_numbers(line.cells):
            self.report(f"无法识别的表格行“{line.text.replace(chr(9), ' | ')[:80]}”", line)

    def figure(self, text: str, line: Line, index: int, unit: str = "") -> Figure | None:
        """The Figure the line's index-th cell prints (`text`); None for a blank or
        not-applicable (——) cell. In a column of percentages (`unit` "%"), 60.86% is 60.86."""
        if not text or is_dash(text):
            return None
        if unit == PERCENT:
            text = text.removesuffix(PERCENT)
        origin = line.origin_of(index)
        digits = sum(char.isdigit() for char in text)
        if digits > limits.MAX_NUMBER_DIGITS:
            said = limits.NUMBER_DIGITS.said(digits, limits.MAX_NUMBER_DIGITS, text=_cut(text))
            self.problems.append(Problem(f"{table_name(self.definition.number)}：{said}", origin))
            return None
        figure = Figure.parse(text, origin, unit or self.money)
        if figure is None:
            self.problems.append(Problem(f"{table_name(self.definition.number)}：“{text}”不是数字", origin))
        return figure

    def unit_of(self, key: str) -> str:
        """ "%" for a column of percentages (the template's heading says so: 增减(%)); "" for the
        table's money."""
        return PERCENT if PERCENT in self.definition.heading(key) else ""

    def figures(
        self, keys: tuple[str, ...], texts: list[str], line: Line, start: int
    ) -> tuple[tuple[str, Figure], ...]:
        """The figures of `texts`, the line's cells from index `start` on, one per key (the
        template's columns: under a 预算 template, the columns its headings name)."""
        if self.printed is not None and keys == self.definition.column_keys:
            return self._by_heading(self.printed, texts, line, start)
        if len(texts) > len(keys):
            self.report(f"数值多于栏次（{len(texts)} > {len(keys)}），多出的没有读取", line)
        pairs = (
            (key, self.figure(text, line, start + offset, self.unit_of(key)))
            for offset, (key, text) in enumerate(zip(keys, texts, strict=False))
        )
        return tuple((key, figure) for key, figure in pairs if figure is not None)

    def _by_heading(
        self, printed: PrintedColumns | Unaligned, texts: list[str], line: Line, start: int
    ) -> tuple[tuple[str, Figure], ...]:
        """The figures placed by the printed headings; a figure no heading places is not read and
        said once per column (无法核对)."""
        if isinstance(printed, Unaligned):
            if any(texts) and not self.said:
                self.said.add("")
                header = printed.line.text.replace(chr(9), " | ")[:60]
                self.report(f"表头“{header}”无法与各栏数值对齐，数值未读取，无法核对", line)
            return ()
        found: list[tuple[str, Figure]] = []
        for offset, text in enumerate(texts):
            key = printed.keys[offset] if offset < len(printed.keys) else None
            if key is None and text and not is_dash(text):
                heading = printed.headings[offset] if offset < len(printed.keys) else ""
                self._unplaced(heading, offset, line)
            elif key and (figure := self.figure(text, line, start + offset, self.unit_of(key))) is not None:
                found.append((key, figure))
        return tuple(found)

    def _unplaced(self, heading: str, offset: int, line: Line) -> None:
        if heading in self.said:
            return
        self.said.add(heading)
        if heading:
            self.report(f"印出的栏目“{heading}”不是模板中的栏目，该栏数值未读取，无法核对", line)
        else:
            self.report(f"第{offset + 1}栏数值没有印出的栏目，未读取，无法核对", line)

    def add(self, rows: list[Row], row: Row, line: Line) -> None:
        """Add a row; a row printed again with the same figures (合计 repeated on each page of a
        continued table) is passed over, with other figures it is reported."""
        found = next((found for found in rows if found.key == row.key), None)
        if found is None:
            rows.append(row)
        elif _texts(found) != _texts(row):
            self.report(f"行“{row.key}”重复出现且数值不同，只保留第一次", line)


def _cut(text: str, most: int = 30) -> str:
    return text if len(text) <= most else f"{text[:most]}…"


def _texts(row: Row) -> tuple[tuple[str, str], ...]:
    return tuple((key, figure.text) for key, figure in row.cells)


def code_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """02 03 05 07 08: 科目代码, 科目名称, then one cell per 栏次; 合计 keyed by its label.

    Under a 预算 template a table may print a 预算单位 column first (深圳): the unit's line, its name
    in that column and no code, is the table's total (keyed as its 合计); a second unit's lines are
    not read, and said. Rows printed by name without a code are read by `named_rows`."""
    if reading.definition.by_unit:
        return unit_rows(reading, body)
    if reading.definition.named:
        return named_rows(reading, body)
    rows: list[Row] = []
    units = _prints_units(body)
    for line in body:
        found = _unit_cells(reading, line, rows) if units else _code_cells(reading.definition, line.cells)
        if found is None:
            reading.skip(line)
            continue
        if not found[0]:
            break  # a second unit's lines (said)
        reading.add(rows, _code_row(reading, *found, line), line)
    return tuple(rows)


def _prints_units(body: list[Line]) -> bool:
    """Whether the table's header prints a 预算单位 column before the 科目 (深圳 2026)."""
    from juesuan.sources.layout.table_columns import header_lines

    return any(line.cells and compact(line.cells[0]) == _UNITS for line in header_lines(body))


def _unit_cells(reading: Reading, line: Line, rows: list[Row]) -> tuple[list[str], int] | None:
    """The cells of a line under a 预算单位 column: a 科目's line (its unit cell empty, or lost with
    the line's leading empty cells) as `_code_cells` reads it; the unit's line, its name and then
    figures, as the total. ([], 0) at a second unit's line: the lines from there on are not read."""
    cells = line.cells
    if not cells[0] and len(cells) > 1:
        found = _code_cells(reading.definition, cells[1:])
        return None if found is None else (found[0], found[1] + 1)
    found = _code_cells(reading.definition, cells)
    name = compact(cells[0])
    if found is not None or not name or is_numeric(name):
        return found
    first = next((index for index, cell in enumerate(cells[1:], start=1) if cell), len(cells))
    if first == len(cells) or not is_numeric(cells[first]):
        return None
    total = reading.definition.total_row
    if any(row.key == total for row in rows) and name != compact(reading.unit):
        reading.report(f"预算单位“{cells[0]}”的各行没有读取（只读取部门“{reading.unit}”的行）", line)
        return [], 0
    return [total, cells[0], *cells[first:]], first


def _code_cells(definition: TableDefinition, cells: list[str]) -> tuple[list[str], int] | None:
    """(科目代码, 科目名称, figures …) and the index in the line of the first figure."""
    first = compact(cells[0])
    if match := _CODE_AND_NAME.match(cells[0]):
        return [match.group("code") or match.group("bracketed"), match.group("name"), *cells[1:]], 1
    if first in definition.label_rows:
        rest = cells[1:]
        return ([first, "", *rest], 1) if rest and is_numeric(rest[0]) else ([first, *rest], 2)
    if len(cells) > 2 and compact(cells[1]) in definition.label_rows and not is_numeric(first):
        # a 预算单位 column before the label (深圳's 三公 table: the unit's name, then 2025年 …)
        label, rest = compact(cells[1]), cells[2:]
        return ([label, "", *rest], 2) if rest and is_numeric(rest[0]) else ([label, *rest], 3)
    return ([first, *cells[1:]], 2) if _CODE.match(first) else None  # 201 06 01 printed spaced: 2010601


def _code_row(reading: Reading, cells: list[str], start: int, line: Line) -> Row:
    first, name = cells[0], cells[1] if len(cells) > 1 else ""
    figures = reading.figures(reading.definition.column_keys, cells[2:], line, start)
    if first in reading.definition.label_rows or first == _TOTAL:
        return Row(first, name or first, figures, origin=line.origin)
    return Row(first, name, figures, code=first, origin=line.origin)


def economic_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """06: up to four (科目代码, 科目名称, 决算数) groups per line, then 人员经费合计 / 公用经费合计.

    Rows come in classification order (301, 30101 …, 302 …), the totals last.
    """
    rows: list[Row] = []
    for line in body:
        found = _economic_line(reading, line)
        if not found:
            reading.skip(line)
        for row in found:
            reading.add(rows, row, line)
    coded = sorted((row for row in rows if row.code), key=lambda row: row.code)
    return (*coded, *(row for row in rows if not row.code))


def _economic_line(reading: Reading, line: Line) -> list[Row]:
    """The line's rows; cells outside any group are reported (when the line has rows at all)."""
    cells, rows, strays, index = line.cells, [], [], 0
    while index < len(cells):
        cell = compact(cells[index])
        if _ECONOMIC.match(cell):
            rows.append(_economic_row(reading, cells[index : index + 3], line, index))
            index += 3
        elif cell in reading.definition.label_rows:
            row, index = _labelled_total(reading, cells, index, line)
            rows.append(row)
        else:
            strays += [cell] if cell else []
            index += 1
    for stray in strays if rows else []:
        reading.report(f"无法识别的单元格“{stray}”", line)
    return rows


def _economic_row(reading: Reading, cells: list[str], line: Line, index: int) -> Row:
    """A (科目代码, 科目名称, 决算数) group whose code is the line's index-th cell."""
    code, name, text = [*cells, "", ""][:3]
    code = compact(code)  # 301 12 printed spaced: 30112
    figures = reading.figures(reading.definition.column_keys, [text], line, index + 2)
    return Row(code, name, figures, code=code, origin=line.origin)


def _labelled_total(reading: Reading, cells: list[str], index: int, line: Line) -> tuple[Row, int]:
    """人员经费合计 / 公用经费合计: the first figure after the label, however far right it is printed."""
    label, index = compact(cells[index]), index + 1
    while index < len(cells) and not cells[index]:
        index += 1
    text = cells[index] if index < len(cells) and (is_numeric(cells[index]) or is_dash(cells[index])) else ""
    figures = reading.figures(reading.definition.column_keys, [text], line, index)
    return Row(label, label, figures, origin=line.origin), index + (1 if text else 0)


def single_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """09: one unnumbered line of figures under the 栏次 1 … 12; its row key is "1"."""
    rows: list[Row] = []
    row_line = reading.definition.lines[0]
    for line in body:
        cells = line.cells
        if is_furniture(line) or not all(not cell or is_numeric(cell) or is_dash(cell) for cell in cells):
            reading.skip(line)
            continue
        figures = reading.figures(reading.definition.column_keys, cells, line, 0)
        reading.add(rows, Row(row_line.line, row_line.label, figures, origin=line.origin), line)
    return tuple(rows)


def named_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """Rows printed by name, without a code (rows = "code", `named`): 深圳's 基本支出总表 by 经济分类
    name (工资福利支出, 基本工资 …), keyed by the code the catalogue of the year gives the name under
    the 类 above it (其他支出: 399, or 39999 under 399); its 项目支出总表 by project, keyed by the
    name. The line under the unit's name (its 部门名称) is the total (合计)."""
    rows: list[Row] = []
    within = [""]  # the 类 read last
    for line in body:
        cells = line.cells
        at = next((index for index, cell in enumerate(cells) if cell), len(cells))
        texts = cells[at + 1 :]
        if at == len(cells) or is_numeric(cells[at]) or is_furniture(line) or not texts:
            reading.skip(line)
            continue
        if not only_figures(texts):
            reading.skip(line)
            continue
        name = cells[at]
        key, code = _named_key(reading, name, within)
        if not key:
            reading.report(f"“{name}”不是{reading.year or ''}年经济分类科目的名称，该行未读取", line)
            continue
        figures = reading.figures(reading.definition.column_keys, texts, line, at + 1)
        reading.add(rows, Row(key, name, figures, code=code, origin=line.origin), line)
    return tuple(rows)


def _named_key(reading: Reading, name: str, within: list[str]) -> tuple[str, str]:
    """(row key, code) of a line printed by name; ("", "") for a 经济分类 name the catalogue lacks."""
    if compact(name) == compact(reading.unit) or compact(name) == _TOTAL:
        return _TOTAL, ""
    if reading.definition.named != "economic":
        return name, ""
    code = economic_code(name, within[0], reading.year)
    if code and len(code) == 3:
        within[0] = code
    return (code, code) if code else ("", "")


def economic_code(name: str, within: str, year: int | None) -> str | None:
    """The 经济分类 code the catalogue of the year gives the printed name: the 款 of that name
    under the 类 `within`, else the 类 of that name, else the one code of that name; None when
    the catalogue has none, or several and none of them under `within`."""
    from juesuan.catalogue.classification import normalize_name

    found = _economic_codes_by_name(year).get(normalize_name(name), ())
    members = [code for code in found if len(code) == 5 and code[:3] == within]
    classes = [code for code in found if len(code) == 3 and code != within]
    chosen = members or classes or (found if len(found) == 1 else [])
    return chosen[0] if chosen else None


@cache
def _economic_codes_by_name(year: int | None) -> dict[str, tuple[str, ...]]:
    """The year's 经济分类 codes by their normalised name, in catalogue order (asked once a line)."""
    from juesuan.catalogue.classification import economic_classification, normalize_name

    catalogue = economic_classification(year)
    found: dict[str, list[str]] = {}
    for code in catalogue.codes():
        found.setdefault(normalize_name(catalogue.name(code) or ""), []).append(code)
    return {name: tuple(codes) for name, codes in found.items()}


def unit_rows(reading: Reading, body: list[Line]) -> tuple[Row, ...]:
    """Rows printed by unit (`named = "units"`): the 合计, then a line per 部门 and unit, each
    keyed by its label cells as printed, joined (西安 收入总表 under 单位编码 | 单位名称: “153
    西安市公安局” for the 部门, “153001 西安市公安局” for its unit, the name alone repeating and the
    code too: 153002 prints two units; 长沙 三公 table under 部门名称: the name), its figures after
    them. A line naming a 经济分类 类 under a unit's line (广州 基本支出预算表: 广州市交通管理总站, then
    工资福利支出 …) is that unit's, keyed by both: “广州市交通管理总站 工资福利支出”. The 合计 is keyed
    by the table's total row (its `label_rows`, else 合计)."""
    labels = _unit_labels(body)
    total = reading.definition.total_row
    rows: list[Row] = []
    unit = ""  # the key of the last unit's line
    for line in body:
        cells = [*line.cells, ""]
        head, printed = _unit_label_cells(cells, labels)
        name = printed[-1] if printed else ""
        if name in (_TOTAL, total):
            key, label = total, _TOTAL
        else:
            key, label = " ".join(printed), name
            if not name or is_furniture(line):
                reading.skip(line)
                continue
            if unit and len(printed) == 1 and len(economic_code(name, "", reading.year) or "") == 3:
                key = f"{unit} {name}"
            else:
                unit = key
        texts = line.cells[head:]
        if not only_figures(texts) or not any(texts):
            reading.skip(line)
            continue
        figures = reading.figures(reading.definition.column_keys, texts, line, head)
        reading.add(rows, Row(key, label, figures, origin=line.origin), line)
    return tuple(rows)


def _unit_label_cells(cells: list[str], labels: int) -> tuple[int, list[str]]:
    """(index of the first figure cell, the label cells printed) of a line under `labels` label
    columns: a 单位编码 (digits) and the name after it, or a name alone (its code blank, or the blank
    lost with the line's leading empty cells); 合计 with the blank label cells after it."""
    at = 0
    while at < labels - 1 and not cells[at]:
        at += 1  # leading blank label cells, where the reader keeps them
    first = compact(cells[at])
    if not first or (is_numeric(first) and not first.isdigit()):
        return at, []
    if first.isdigit() and at + 1 < len(cells) and (name := compact(cells[at + 1])) and not is_numeric(name):
        return at + 2, [first, name]
    if is_numeric(first):
        return at, []
    head = at + 1
    if first == _TOTAL:
        while head < labels and not cells[head]:
            head += 1
    return head, [first]


def _unit_labels(body: list[Line]) -> int:
    """How many label cells (单位编码, 单位名称) the header prints before the figures: the label
    headings of its first line that opens with one (a line above it may be the table's mark alone,
    预算03表, as a built document prints it); 1 where none is printed."""
    from juesuan.sources.layout.table_columns import header_lines

    for line in header_lines(body):
        count = 0
        while count < len(line.cells) and _UNIT_HEADING.search(compact(line.cells[count])):
            count += 1
        if count:
            return count
    return 1
