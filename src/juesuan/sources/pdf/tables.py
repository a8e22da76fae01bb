"""Ruled table rows reshaped into the template's layout, so that the layout-text table readers
read them: figure columns put in 栏次 order (by heading where no 栏次 is printed), 行次 added by
label where none is printed. A table continued on the next page keeps the columns found on its
first page when the continuation prints no header. Labels and columns the template does not know
are reported; labelled figures are kept (`Kept`) for the reader to add under their own name.
Every line of part 2 leaves with the origin (page and box) of each of its cells: a reshaped row's
cells those of the printed cells they come from (`sources`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from juesuan.catalogue.tables import SideDefinition, TableDefinition, table_name
from juesuan.model import Figure, Origin, Problem
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.table_meta import HEADER_WORDS, compact, is_dash, table_heading
from juesuan.sources.pdf.columns import (
    column_keys,
    heading_paths,
    label_columns,
    normalise,
    prints_column_numbers,
    split_code,
)
from juesuan.sources.pdf.labels import SideCursor, cursors, number_cells, side_widths, split_sides
from juesuan.sources.pdf.layout import PdfLine

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_HEADING_TEXT = re.compile(r"^[^\d]*[\u4e00-\u9fff][^\d]*$")


@dataclass(frozen=True)
class Kept:
    """Figures under a label that fits no 行次 of the template: kept under the label itself."""

    table: str
    label: str
    figures: tuple[tuple[str, str], ...]  # (column key, printed text)
    line: int
    origins: tuple[Origin, ...] = ()  # the page and box of each figure


@dataclass
class _Columns:
    """How a ruled table's columns map to the template: label columns first, then figure columns."""

    labels: int  # columns of 科目代码 / 科目名称 on the left
    keys: list[str | None]  # the template key of each figure column (None: not in the template)
    code_parts: int = 1  # 3 where the code is printed as 类 | 款 | 项, 2 as 类 | 款

    @property
    def width(self) -> int:
        return self.labels + len(self.keys)

    @property
    def where(self) -> dict[str, int]:
        """The printed column of each template key the table prints."""
        return {key: self.labels + index for index, key in enumerate(self.keys) if key}


@dataclass
class _Block:
    definition: TableDefinition
    grid: str = ""
    header: list[PdfLine] = field(default_factory=list)
    columns: _Columns | None = None
    numbered: bool = False  # the table prints 行次
    fresh: bool = True  # no data row read yet in the current grid: non-data rows are its header
    sides: list[SideCursor] = field(default_factory=list)
    code: list[str] = field(default_factory=lambda: ["", ""])  # the 类 and 款 of the row above

    @property
    def number(self) -> str:
        return self.definition.number


@dataclass
class Shaper:
    """Reshapes part 2's grid rows, table by table."""

    problems: list[Problem] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    unnumbered: set[str] = field(default_factory=set)  # tables given 行次 by label: none printed
    sources: dict[int, list[int | None]] = field(default_factory=dict)  # line → printed cell of each
    block: _Block | None = None

    def shape(self, lines: list[Line], pdf: list[PdfLine]) -> list[Line]:
        """Part 2's lines with every grid row of a recognised table in the template's layout."""
        shaped = []
        for line in lines:
            printed = pdf[line.no - 1]
            if not printed.grid:
                self._title(line)
                if self.block is not None:
                    self.block.numbered |= "行次" in line.filled
                    line = self._budget_text_row(self.block, line, printed)
            elif self.block is not None:
                line = self._row(self.block, line, printed)
            shaped.append(_placed(line, printed, self.sources.get(line.no)))
        return shaped

    def _title(self, line: Line) -> None:
        definition = table_heading(line.filled)
        if definition and (self.block is None or self.block.definition != definition):
            self.block = _Block(definition, sides=cursors(definition))

    def _row(self, block: _Block, line: Line, printed: PdfLine) -> Line:
        if printed.grid != block.grid:
            block.grid, block.header, block.fresh = printed.grid, [], True
        if block.definition.rows == "line":
            block.numbered |= "行次" in printed.cells
            return line if block.numbered else self._numbered(block, line, printed)
        if not _is_data(block.definition, printed):
            if block.fresh:
                block.header.append(printed)
            return line
        if block.definition.rows in ("code", "single"):
            line = self._figures(block, line, printed)
        block.fresh = False
        return line

    def _figures(self, block: _Block, line: Line, printed: PdfLine) -> Line:
        """The row as 科目代码, 科目名称 (none in 09), then one cell per template column."""
        cells = _label_first(list(printed.cells), block.definition)
        if block.columns is None or (block.fresh and (block.header or block.columns.width != len(cells))):
            block.columns = _columns(block, cells)
        columns, keys = block.columns, block.definition.column_keys
        self._strays(block, columns, cells, printed)
        where = columns.where
        figures = [_figure(cells[where[key]]) if key in where else "" for key in keys]
        labels, sources = cells[: columns.labels], list(range(columns.labels))
        if columns.code_parts == 3:
            code = _joined_code([*labels, "", "", ""][:3], block.code)  # a short row: blanks, no crash
            labels, sources = [code, *labels[3:]], [0, *sources[3:]]
        elif columns.code_parts == 2:  # 经济分类 as 类 | 款 (上海 预算)
            section = "".join(labels[1].split()) if len(labels) > 1 else ""
            if len(section) == 1 and section.isdigit():  # 301 | 2: the 款's leading zero not printed
                self._report(block, f"款印为“{section}”，按“0{section}”读取（前导零未印出）", printed, "info")
                labels = [labels[0], f"0{section}", *labels[2:]]
            labels, sources = [_joined_code([*labels[:2], ""], block.code), *labels[2:]], [0, *sources[2:]]
        self.sources[line.no] = [*sources, *(where.get(key) for key in keys)]
        return _line(line, _label_first([*labels, *figures], block.definition))

    def _strays(self, block: _Block, columns: _Columns, cells: list[str], printed: PdfLine) -> None:
        """Figures in a column the template does not have: reported, not read."""
        for index, key in enumerate(columns.keys):
            text = cells[columns.labels + index] if columns.labels + index < len(cells) else ""
            if key is None and text and not _heading(text) and not is_dash(text):
                self._report(block, f"模板中没有的列中有“{text}”，未读取", printed)

    def _budget_text_row(self, block: _Block, line: Line, printed: PdfLine) -> Line:
        """Under a 预算 template, a line of an unnumbered two-sided table printed outside its grid
        (the first line of a page the table runs on to): its cells put on their sides by label."""
        from juesuan.catalogue.templates import BUDGET, active

        if active().kind != BUDGET or block.definition.rows != "line" or block.numbered:
            return line
        from juesuan.sources.pdf.budget import text_cells

        found = text_cells(list(printed.cells), block.definition, block.sides)
        return line if found is None else self._numbered(block, line, printed, found)

    def _numbered(
        self,
        block: _Block,
        line: Line,
        printed: PdfLine,
        given: tuple[list[str], list[int | None]] | None = None,
    ) -> Line:
        """The row with the 行次 its labels stand for; header rows (收入 / 项目 …) left as they are.
        `given`: the cells in the side layout and the printed cell of each, when already placed."""
        cells, printed_at = given or _overfull(block, printed) or _side_cells(printed, block.definition)
        parts = split_sides(cells, block.definition)
        if any(compact(label) in HEADER_WORDS for _, (label, *_) in parts):
            return line  # 栏次 1 … 2: the header
        labelled = (
            cursor.fits(label) or any(Figure.parse(text) for text in texts)
            for (_, (label, *texts)), cursor in zip(parts, block.sides, strict=True)
        )
        if not any(labelled):
            return line
        numbered, unknown = number_cells(cells, block.definition, block.sides)
        self.unnumbered.add(block.number)
        self.sources[line.no] = [
            at if at is None or at >= len(printed_at) else printed_at[at]
            for at in _numbered_sources(block.definition)
        ]
        starts = [sum(side_widths(block.definition)[:index]) for index in range(len(parts))]
        for index in unknown:
            self._keep(block, parts[index], printed, line, starts[index], printed_at)
        return _line(line, numbered)

    def _keep(
        self,
        block: _Block,
        part: tuple[SideDefinition, list[str]],
        printed: PdfLine,
        line: Line,
        start: int,
        printed_at: list[int | None],
    ) -> None:
        """`start`: the cell of the side's label; `printed_at`: the printed cell of each cell."""
        side, (label, *texts) = part
        at = [printed_at[i] if i < len(printed_at) else i for i in range(start + 1, start + 1 + len(texts))]
        if block.definition.partial:
            return  # a table of which the template reads some lines only (江苏 政府采购预算表)
        found = [
            (key, text, _cell_origin(printed, at[offset]))
            for offset, (key, text) in enumerate(zip(side.columns, texts, strict=True))
            if text
        ]
        figures = tuple((key, text) for key, text, _ in found)
        if figures:
            origins = tuple(origin for _, _, origin in found)
            self.kept.append(Kept(block.number, label, figures, line.no, origins))
            self._report(block, f"“{label}”对应不到模板的行次，按原标签保留", printed)
        else:
            self._report(block, f"“{label}”对应不到模板的行次", printed, "info")

    def _report(self, block: _Block, message: str, printed: PdfLine, severity: str = "warning") -> None:
        origin = Origin(page=printed.page, box=printed.box)
        self.problems.append(Problem(f"{table_name(block.number)}：{message}", origin, severity))


def _overfull(block: _Block, printed: PdfLine) -> tuple[list[str], list[int | None]] | None:
    """Under a 预算 template, a two-sided line whose ruled cells run a figure and the next side's
    label together (`budget.overfull_cells`)."""
    from juesuan.catalogue.templates import BUDGET, active

    if active().kind != BUDGET:
        return None
    from juesuan.sources.pdf.budget import overfull_cells

    return overfull_cells(list(printed.cells), block.definition, block.sides)


def _side_cells(printed: PdfLine, definition: TableDefinition) -> tuple[list[str], list[int | None]]:
    """The printed cells in the side layout and the printed cell of each: as printed, or, under a
    预算 template, with a budget's ways of printing a line undone (`budget.budget_cells`)."""
    from juesuan.catalogue.templates import BUDGET, active

    if active().kind == BUDGET:
        from juesuan.sources.pdf.budget import budget_cells

        return budget_cells(list(printed.cells), definition)
    return list(printed.cells), list(range(len(printed.cells)))


def _is_data(definition: TableDefinition, printed: PdfLine) -> bool:
    """A row of figures, a 科目代码 or a 合计: not a header row (项目, 栏次 1 2 3 …)."""
    cells = [cell for cell in printed.cells if cell]
    if not cells or prints_column_numbers([cells]):
        return False
    first = cells[0].replace(" ", "")
    if any(Figure.parse(c) for c in cells) or _CODE.match(first):
        return True
    # 合计 as a column's heading, beside the others, the label cells before it blank (西安 收入总表:
    # | | 合计 | 一般公共预算拨款 | …): a header; 合计 in the label cell, headings beside it, is the 合计
    # row (上海 决算 07/08: 合计 | … | 合计 | 基本支出 | 项目支出, its figures below)
    headed = not printed.cells[0] and len(cells) > 1 and all(_heading(c) for c in cells[1:])
    return first in definition.label_rows and not headed


def _columns(block: _Block, cells: list[str]) -> _Columns:
    """The columns from the header rows above, and the headings printed in the first data row
    (Shanghai's 07/08 print 合计 基本支出 项目支出 beside the 合计 row)."""
    rows = [list(p.cells) for p in block.header] + [[text if _heading(text) else "" for text in cells]]
    spans = [list(p.spans) for p in block.header] + [[1] * len(cells)]
    paths = heading_paths(rows, spans, len(cells))
    two = _split_in_two(paths)
    labels = 3 if two else label_columns(paths, block.definition)
    numbered = prints_column_numbers(rows)
    keys = column_keys(paths[labels:], block.definition, numbered)
    if not numbered and any(paths[labels:]) and _budget():  # a 预算: by heading only, none in order
        from juesuan.sources.layout.table_columns import heading_keys

        keys = list(heading_keys(paths[labels:], block.definition))
    elif block.definition.unread_columns:  # printed, not read, not reported (a budget's 增减率)
        keys = [_unread(key, path, block.definition) for key, path in zip(keys, paths[labels:], strict=False)]
    return _Columns(labels, keys, 3 if split_code(paths) else 2 if two else 1)


def _budget() -> bool:
    from juesuan.catalogue.templates import BUDGET, active

    return active().kind == BUDGET


def _split_in_two(paths: list[str]) -> bool:
    """Under a 预算 template, whether the 经济分类 code is printed in two columns, 类 款 (上海: 301 |
    01 基本工资), the name beside them; a 决算's columns are read as before."""
    from juesuan.catalogue.templates import BUDGET, active

    two = (
        len(paths) > 3 and paths[0].endswith("类") and paths[1].endswith("款") and not paths[2].endswith("项")
    )
    return two and active().kind == BUDGET


def _unread(key: str | None, path: str, definition: TableDefinition) -> str | None:
    """ "" for a column the template names as printed and not read; else its key."""
    if key is not None:
        return key
    return "" if any(normalise(heading) in path for heading in definition.unread_columns) else None


def _joined_code(parts: list[str], above: list[str]) -> str:
    """类 款 项 printed apart, as one code: 201 | 06 | 01 → 2010601. A row printing only its 款 or
    项 takes the 类 (and 款) from the rows above it; 合计 stays 合计."""
    kind, section, item = ("".join(part.split()) for part in parts)
    if not (kind + section + item).strip("类款项"):
        return ""  # the 类 款 项 heading printed beside 合计
    if not kind.isdigit() and kind:
        return kind
    kind = kind or (above[0] if section or item else "")
    section = section or (above[1] if item else "")
    above[:] = [kind, section]
    return kind + section + item


def _label_first(cells: list[str], definition: TableDefinition) -> list[str]:
    """合计 set across 科目代码 and 科目名称 (found in the name column when no ruling says so, or
    beside the 类 款 项 heading of the code column, as universities print it)."""
    heading = not cells[0] or not cells[0].replace(" ", "").strip("类款项") if cells else False
    if len(cells) > 1 and heading and cells[1].replace(" ", "") in definition.label_rows:
        return [cells[1], "", *cells[2:]]
    return cells


def _heading(text: str) -> bool:
    """Words without digits in a figure column: a heading, not a figure."""
    return bool(_HEADING_TEXT.match(text))


def _figure(text: str) -> str:
    return "" if _heading(text) else text


def _numbered_sources(definition: TableDefinition) -> list[int | None]:
    """For a line given 行次: the printed cell each cell comes from (the 行次 from none)."""
    sources: list[int | None] = []
    start = 0
    for side in definition.sides:
        sources += [start, None, *range(start + 1, start + 1 + len(side.columns))]
        start += 1 + len(side.columns)
    return sources


def _placed(line: Line, printed: PdfLine, sources: list[int | None] | None) -> Line:
    """The line with each cell's page and box: a reshaped row's from the printed cell it comes
    from (`sources`), else from the printed cell it is (the text of a line outside a grid has
    lost its leading empty cells)."""
    if sources is None:
        skip = 0 if printed.grid else next((i for i, cell in enumerate(printed.cells) if cell.strip()), 0)
        sources = list(range(skip, len(printed.cells)))
    return replace(line, origins=tuple(_cell_origin(printed, index) for index in sources))


def _cell_origin(printed: PdfLine, index: int | None) -> Origin:
    """The printed cell's page and box; the line's box for a cell printed nowhere (a 行次 given by
    label)."""
    if index is None or not 0 <= index < len(printed.boxes):
        return Origin(page=printed.page, box=printed.box)
    return Origin(page=printed.page, box=printed.boxes[index])


def _line(line: Line, cells: list[str]) -> Line:
    """The line with new cells; leading empty cells kept (they carry position), trailing dropped."""
    return Line(line.no, "\t".join(cells).rstrip("\t "))
