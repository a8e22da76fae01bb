"""A budget's 绩效目标表 (预算13), read as forms (`Disclosure.targets`).

The tables part of a budget may end with 绩效目标表 (重庆 表十 to 表十二, 长沙's 项目支出 and
部门整体支出 tables, 西安 表14-N to 表16): each names its title as the template's 预算13 does,
and runs to the next table's title. Two layouts, read alike:
- a table by columns (长沙, 重庆 表十二): a header (one to three lines) names each column
  (单位编码, 项目名称, 资金总额, 绩效目标, 一级/二级/三级指标, 指标值 …); a line naming a project
  opens its form, the lines below it add indicators; a 合计 line is the table's total, a unit's
  line without target or indicator (长沙: 126001 长沙市信访局 417.41) is a subtotal, not read;
- a form by labels (西安, 重庆 表十): 项目名称 | …, 主管部门 | …, 资金金额（万元）with
  实施期资金总额：and 其中：财政拨款, 年度目标 | …, then the indicators under their own header.
A table printed over several pages repeats its title (长沙): the pages are one table and a
project repeated at the top of a page is the same form. A table with no money, target or
indicator filled in (重庆 表十一 “故此表无数据”, 西安 表16) is read as empty, with its note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from juesuan.model import Figure, Origin, Problem
from juesuan.model.forms import TargetAmount, TargetForm, TargetIndicator, TargetTable
from juesuan.sources.layout.form_rows import number, shown
from juesuan.sources.layout.forms import YEAR_LINE
from juesuan.sources.layout.lines import Line

_TARGETS = "预算13"
_TARGET_NUMBER = re.compile(r"^表[一二三四五六七八九十\d]+(?:[-－—]\d+)?$")
_GOAL_LABELS = ("年度目标", "年度总体目标", "当年整体绩效目标", "当年绩效目标", "总体目标")
_NAME_LABEL = re.compile(r"^(项目名称|单位名称|资金主管部门|主管部门|部门（单位）名称|部门名称)[:：]?(.*)$")
_LABEL_CELLS = frozenset(("主管部门", "实施期限", "项目概况"))
_HEADER_WORDS = (
    "单位编码",
    "序号",
    "指标名称",
    "一级指标",
    "三级指标",
    "资金总额",
    "按收入性质分",
    "一级项目名称",
)
_PART_GROUPS = (
    ("一般公共预算", "收入"),
    ("政府性基金", "收入"),
    ("财政专户", "收入"),
    ("其他资金", "收入"),
    ("基本支出", "支出"),
    ("项目支出", "支出"),
)
# (role, words in the column's joined header), tried in order: the levels before 绩效目标 (长沙 heads
# its indicator columns 部门整体支出年度绩效目标), 指标值类型 and 指标值内容 before 指标值
_ROLES = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称")),
    ("operator", ("指标性质", "指标值类型")),
    ("", ("指标值内容", "评（扣）分标准", "指标解释", "备注", "是否核心")),
    ("value", ("指标值",)),
    ("unit", ("计量单位", "度量单位")),
    ("weight", ("权重", "分值")),
    ("code", ("单位编码", "序号")),
    ("owner", ("预算单位名称",)),
    ("project", ("项目名称", "单位名称", "（项目）名称")),
    ("amount", ("资金总额", "预算金额", "预算数")),
    ("goal", ("绩效目标",)),
)


def read_targets(
    lines: list[Line], elsewhere: list[tuple[Line, str, list[Line]]] = ()
) -> tuple[tuple[TargetTable, ...], list[Problem]]:
    """Every 绩效目标表 (预算13) among a budget's table lines, then those printed elsewhere
    (`printed_targets`), in printed order."""
    tables: list[TargetTable] = []
    problems: list[Problem] = []
    for title, printed, block in _target_blocks(lines) + list(elsewhere):
        table, found = _TargetReader(title, printed, block).read()
        problems += found
        if tables and not printed and tables[-1].title == table.title and table.forms:
            tables[-1] = _continued(tables[-1], table)  # the same table on its next page (长沙)
        else:
            tables.append(table)
    return tuple(tables), problems


def _target_blocks(lines: list[Line]) -> list[tuple[Line, str, list[Line]]]:
    """(title line, printed number, the lines up to the next table's title) of each 绩效目标表."""
    from juesuan.sources.layout.table_meta import is_page_furniture, table_heading

    blocks: list[tuple[Line, str, list[Line]]] = []
    number, inside = "", False
    for line in lines:
        filled = line.filled
        if not filled:
            continue
        if len(filled) == 1 and _TARGET_NUMBER.match(filled[0]):
            number = filled[0]
            continue
        if len(filled) == 1 and is_page_furniture(filled[0]):
            continue
        definition = table_heading(filled)
        if definition is not None:
            inside = definition.number == _TARGETS and len(filled) == 1
            if inside:
                blocks.append((line, number, []))
            number = ""
        elif inside:
            blocks[-1][2].append(line)
    return blocks


# Outside the tables part a 绩效目标表 is printed in the 说明 (国家信访局: each 一级项目's form after
# its 年度预算安排; 深圳: 第七部分's table of 重点项目, its 预算数 and 绩效目标) or in a part of its own
# (西南大学 2024: 五、项目绩效目标表, a form for each project). A form opens at a title ending in
# 绩效目标表 (a title wrapped before 绩效目标表 is joined) followed by its 项目名称 line; a table at a
# header naming 项目名称 and 绩效目标, its title the line before it where that names 绩效目标. It runs
# to a line of one cell printed after its indicators' header (the next title, a heading such as
# （二）236 中央高校管理改革等绩效拨款, a 第八部分) or a note (备注：无。), which it keeps.

_PRINTED_TITLE = "绩效目标表"


def printed_targets(lines: list[Line]) -> tuple[list[Line], list[tuple[Line, str, list[Line]]]]:
    """The 绩效目标表 printed in a part other than the tables (`read_targets`' blocks), and the part's
    other lines, which its own reader reads as before."""
    rest: list[Line] = []
    blocks: list[tuple[Line, str, list[Line]]] = []
    at = 0
    while at < len(lines):
        start = _printed_start(lines, at)
        if start is None:
            rest.append(lines[at])
            at += 1
            continue
        title, at, table = start
        if table and rest and rest[-1].no == title.no:
            rest.pop()  # 2026年，本单位重点项目绩效目标情况如下： (深圳)
        body, at = _printed_body(lines, at, table)
        blocks.append((title, "", body))
    return rest, blocks


def _printed_start(lines: list[Line], at: int) -> tuple[Line, int, bool] | None:
    """(title, where its lines start, a table by columns) if a printed 绩效目标表 opens at `at`."""
    line = lines[at]
    if _target_header(line):
        before = lines[at - 1] if at else None
        titled = before is not None and len(before.filled) == 1 and "绩效目标" in before.text
        return (_lead_title(before) if titled else line), at, True
    if len(line.filled) != 1 or line.filled[0] == _PRINTED_TITLE:
        return None  # the end of a wrapped title is met with its start
    following = lines[at + 1] if at + 1 < len(lines) else None
    if following is not None and following.filled == [_PRINTED_TITLE]:
        joined = line.filled[0] + _PRINTED_TITLE  # 236-…基础设施改造项目（小学）项目 | 绩效目标表 (西南大学)
        line, at = replace(line, text=joined, origins=line.origins[:1]), at + 1
    if not line.filled[0].endswith(_PRINTED_TITLE):
        return None
    title, after = line, at + 1
    opening = next((other for other in lines[after : after + 2] if not YEAR_LINE.fullmatch(other.text)), None)
    if opening is None or not opening.filled[0].startswith("项目名称"):
        return None
    return title, after, False


def _lead_title(line: Line) -> Line:
    """2026年，本单位重点项目绩效目标情况如下： as a title: 2026年，本单位重点项目绩效目标情况 (深圳)."""
    return replace(line, text=re.sub(r"(如下)?[:：]$", "", line.text))


def _target_header(line: Line) -> bool:
    """A table's header naming its projects and their 绩效目标, no figure in it (深圳)."""
    cells = line.filled
    return (
        len(cells) > 2
        and any(cell.endswith("项目名称") for cell in cells)
        and "绩效目标" in cells
        and not any(number(cell, line.origin) is not None for cell in cells)
    )


def _printed_body(lines: list[Line], at: int, table: bool) -> tuple[list[Line], int]:
    """A printed 绩效目标表's lines from `at`, and where the part's other lines resume."""
    body: list[Line] = []
    header = table
    while at < len(lines):
        line = lines[at]
        filled = line.filled
        single = len(filled) == 1 and line.cells[0] != ""
        if single and filled[0].startswith(("注", "备注")):
            return [*body, line], at + 1
        if (
            single
            and (header or _printed_start(lines, at) is not None)
            and not YEAR_LINE.fullmatch(line.text)
        ):
            return body, at
        header = header or filled[:1] == ["绩效指标"] or any("三级指标" in cell for cell in filled)
        body.append(line)
        at += 1
    return body, at


def _continued(table: TargetTable, page: TargetTable) -> TargetTable:
    """A table with its next page's forms: a form repeated at the top of the page goes on."""
    forms = list(table.forms)
    for form in page.forms:
        if forms and form.project in ("", forms[-1].project):
            last = forms[-1]
            forms[-1] = replace(
                last, indicators=last.indicators + form.indicators, goal=last.goal or form.goal
            )
        else:
            forms.append(form)
    return replace(table, forms=tuple(forms), total=table.total or page.total, notes=table.notes + page.notes)


@dataclass
class _Draft:
    """A form being read."""

    project: str = ""
    unit: str = ""
    amount: Figure | None = None
    parts: list[TargetAmount] = field(default_factory=list)
    goal: list[str] = field(default_factory=list)
    indicators: list[TargetIndicator] = field(default_factory=list)
    origin: Origin = Origin()

    def filled(self) -> bool:
        return bool(self.amount or self.goal or self.indicators)


class _TargetReader:
    """Reads one 绩效目标表's lines (`read_targets`)."""

    def __init__(self, title: Line, number: str, lines: list[Line]) -> None:
        self.title, self.number, self.lines = title.filled[0], number, lines
        self.origin = title.origin
        self.money = "元" if any("单位：元" in line.text for line in lines) else "万元"
        self.whole = "整体" in self.title
        self.forms: list[_Draft] = [_Draft(origin=title.origin)]
        self.header: dict[int, str] = {}
        self.in_header = False
        self.pending_goal = False
        self.label_tail = ""  # the rest of a label cut over two lines, still to come
        self.tasks: dict[int, str] | None = None  # 西安 整体: 年度主要任务's columns, once met
        self.levels = ["", ""]
        self.total: Figure | None = None
        self.notes: list[str] = []
        self.unread: list[Line] = []

    def read(self) -> tuple[TargetTable, list[Problem]]:
        for line in self.lines:
            self._line(line)
        forms = tuple(self._form(draft) for draft in self.forms if draft.filled())
        columns = {
            role for label in self.header.values() for role, words in _ROLES if any(w in label for w in words)
        }
        printed = not self.header or bool(columns & {"level1", "level2", "name"})
        table = TargetTable(
            self.title, self.number, forms, self.total, tuple(self.notes), self.origin, printed
        )
        if not forms and self.total is None:
            note = f"（{self.notes[0]}）" if self.notes else ""
            return table, [Problem(f"绩效目标表“{self.title}”未填写内容{note}", self.origin, "info")]
        problems = [
            Problem(f"绩效目标表“{self.title}”中无法识别的行“{shown(line)}”，未读取", line.origin)
            for line in self.unread
        ]
        return table, problems

    def _form(self, draft: _Draft) -> TargetForm:
        project = draft.project or (draft.unit if self.whole else "")
        return TargetForm(
            self.title,
            self.number,
            self.whole,
            project,
            draft.unit or self.forms[0].unit,
            draft.amount,
            tuple(draft.parts),
            "".join(draft.goal),
            tuple(draft.indicators),
            draft.origin,
        )

    def _line(self, line: Line) -> None:
        filled = line.filled
        first = filled[0]
        if first.startswith(("注", "备注")):
            self.notes.append("".join(filled))
        elif len(filled) == 1 and YEAR_LINE.fullmatch(first):
            pass  # （2026年度）under the title
        elif self._header_line(line) or (self.header and self._row(line)):
            pass
        elif not self._labelled(line):
            self.unread.append(line)

    # -- the header and the rows under it

    def _header_line(self, line: Line) -> bool:
        cells = line.cells
        if any(number(cell, line.origin) is not None for cell in cells if cell):
            return False
        named = any(word in cell for cell in cells for word in _HEADER_WORDS)
        if not named and not (self.in_header and not _starts_labelled(line)):
            self.in_header = False
            return False
        if not self.in_header:
            self.header, self.in_header, self.levels = {}, True, ["", ""]
        for index, cell in enumerate(cells):
            if cell:
                self.header[index] = self.header.get(index, "") + cell
        return True

    def _roles(self, cells: list[str]) -> dict[str, tuple[int, str]]:
        """{role: (index, cell)} of a row's filled cells, by the header above their columns. A row
        printed without the header's blank column (西南大学: 三级指标 | | 指标值 over a row of
        三级指标 | 指标值) is read by the header's labels in order."""
        header = self.header
        labels = [header[index] for index in sorted(header)]
        if len(cells) == len(labels) < max(header, default=0) + 1:
            header = dict(enumerate(labels))
        found: dict[str, tuple[int, str]] = {}
        for index, cell in enumerate(cells):
            label = header.get(index, "")
            if not cell or not label:
                continue
            role = next((role for role, words in _ROLES if any(word in label for word in words)), "")
            part = next((name for name, _ in _PART_GROUPS if name in label), "")
            if part and role in ("", "amount"):
                role = f"part:{part}"
            if role and role not in found:
                found[role] = (index, cell)
        return found

    def _row(self, line: Line) -> bool:
        self.in_header = False
        roles = self._roles(line.cells)
        if not roles:
            return False
        code = roles.get("code", (0, ""))[1]
        project = roles.get("project", (0, ""))[1]
        amount = self._figure(line, roles.get("amount"))
        if "合计" in (code, project):
            self.total = amount
            return True
        if project:
            if "goal" not in roles and "name" not in roles:
                return True  # a unit's subtotal line (长沙): not read
            draft = self.forms[-1]
            if draft.project or draft.filled():
                draft = _Draft(origin=line.origin)
                self.forms.append(draft)
            draft.project, draft.origin, draft.amount = project, line.origin_of(roles["project"][0]), amount
            draft.unit = roles.get("owner", (0, draft.unit))[1]
            draft.parts += self._parts(line, roles)
        if "goal" in roles and (not self.forms[-1].goal or set(roles) == {"goal"}):
            self.forms[-1].goal.append(roles["goal"][1])  # or its text's next line (深圳)
        self._indicator(line, roles)
        return True

    def _parts(self, line: Line, roles: dict[str, tuple[int, str]]) -> list[TargetAmount]:
        groups = dict(_PART_GROUPS)
        found = []
        for role, at in roles.items():
            if role.startswith("part:") and (figure := self._figure(line, at)) is not None:
                name = role.removeprefix("part:")
                found.append(TargetAmount(name, figure, groups[name], line.origin_of(at[0])))
        return found

    def _indicator(self, line: Line, roles: dict[str, tuple[int, str]]) -> None:
        level1, level2 = roles.get("level1", (0, ""))[1], roles.get("level2", (0, ""))[1]
        if level1:
            self.levels = [level1, ""]
        if level2:
            self.levels[1] = level2
        name = roles.get("name", (0, ""))[1]
        if not name:
            return
        weight = self._figure(line, roles.get("weight"), "")
        indicator = TargetIndicator(
            *self.levels,
            name,
            roles.get("value", (0, ""))[1],
            roles.get("operator", (0, ""))[1],
            roles.get("unit", (0, ""))[1],
            weight,
            line.origin_of(roles["name"][0]),
        )
        self.forms[-1].indicators.append(indicator)

    def _figure(self, line: Line, at: tuple[int, str] | None, unit: str | None = None) -> Figure | None:
        if at is None:
            return None
        return number(at[1].replace(",", ""), line.origin_of(at[0]), self.money if unit is None else unit)

    # -- the labelled lines above the indicators

    def _labelled(self, line: Line) -> bool:
        filled = line.filled
        draft = self.forms[-1]
        first, rest = filled[0], [cell for cell in filled[1:] if cell not in _LABEL_CELLS]
        if self.pending_goal and len(filled) == 1:
            self.pending_goal = False
            draft.goal.append(first)
            return True
        if filled == [self.label_tail]:
            self.label_tail = ""  # 标, the end of 年度总体目 | 标 printed over a page's foot (西南大学)
            return True
        cut = next((label for label in _GOAL_LABELS if len(first) >= 4 and label.startswith(first)), "")
        if first in _GOAL_LABELS or cut:
            self.label_tail = cut.removeprefix(first)
            texts = [cell for cell in rest if not (cell.endswith("目标") and len(cell) < 10)]
            draft.goal += texts
            self.pending_goal = not rest
            return True
        if first == "年度主要任务":
            self.tasks = {index: cell for index, cell in enumerate(line.cells) if cell}
            return True
        if self.tasks is not None and not self.header:
            return self._task(line)
        labelled = _NAME_LABEL.match(first)
        if labelled:
            own = labelled.group(2).removeprefix("及代码")  # 主管部门及代码 (国家信访局, 西南大学)
            given = [cell for cell in rest if not cell.startswith("单位：")]
            given = given[: given.index("实施单位")] if "实施单位" in given else given
            value = own or "".join(given)
            if labelled.group(1) == "项目名称":
                draft.project, draft.origin = value, line.origin
            elif value:
                draft.unit = draft.unit or value
            return True
        if "资金" in first or first.startswith("其中") or first == "上年结转":
            return self._money(line)
        return False

    def _money(self, line: Line) -> bool:
        """资金金额（万元）| 实施期资金总额：| 5.00, then 其中：财政拨款 | 5.00 and 其他资金 | … (西安);
        项目资金（万元）| 年度资金总额：| 2,134.87, then 其中：财政拨款, 上年结转, 其他资金 (国家信访局)."""
        cells, draft = line.cells, self.forms[-1]
        for index, cell in enumerate(cells):
            following = next((i for i in range(index + 1, len(cells)) if cells[i]), None)
            figure = self._figure(line, (following, cells[following])) if following is not None else None
            if figure is None:
                continue
            if cell.endswith("资金总额：") and draft.amount is None:
                draft.amount = figure
            elif cell.startswith("其中：") or cell in ("其他资金", "上年结转"):
                name = cell.removeprefix("其中：")
                draft.parts.append(TargetAmount(name, figure, "来源", line.origin_of(following)))
        return True

    def _task(self, line: Line) -> bool:
        """A line of 年度主要任务 (西安 整体): a task and its 预算金额, or the 金额合计."""
        cells, draft = line.cells, self.forms[-1]
        figures = [(i, f) for i, cell in enumerate(cells) if cell and (f := self._figure(line, (i, cell)))]
        if not figures:
            self.tasks.update({i: cell for i, cell in enumerate(cells) if cell})  # 总额 | 财政拨款 …
            return True
        name = line.filled[0]
        if name.endswith("合计"):
            draft.amount = figures[0][1]
            for index, figure in figures[1:]:
                draft.parts.append(TargetAmount(self.tasks.get(index, ""), figure, "来源", figure.origin))
        else:
            draft.parts.append(TargetAmount(name, figures[0][1], "任务", figures[0][1].origin))
        return True


def _starts_labelled(line: Line) -> bool:
    first = line.filled[0]
    return first in _GOAL_LABELS or bool(_NAME_LABEL.match(first)) or "资金" in first
