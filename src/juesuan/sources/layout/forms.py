"""第五部分 附件: the 项目支出绩效自评表, one per project.

The part is cut into forms at each 项目名称 row; the title and year lines before it name the
form, the 备注 block after it is boilerplate and skipped. Each row of a form is recognised by
its first filled cell (项目名称, 主管部门及代码, 项目资金…, 项目年度绩效目标, 绩效指标, 总分,
项目绩效分析); rows below a heading row belong to it until the next heading row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.model import Figure, FundingLine, Indicator, Origin, PerformanceForm, Problem
from juesuan.sources.layout.form_rows import (
    IndicatorReader,
    analysis_pairs,
    funding_line,
    shown,
    total_row,
)
from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.narrative import PART_HEADER

YEAR_LINE = re.compile(r"[(（]\s*(\d{4})\s*年度?\s*[)）]")  # （2026年度） under a title
_REMARK_ITEM = re.compile(r"^\d+\s*[.．、]")
_STRAY = "第五部分：不属于任何自评表的文字"
_HEADINGS = (
    ("project", re.compile(r"^项目名称")),
    ("department", re.compile(r"^主管部门")),
    ("funding", re.compile(r"^项目资金")),
    ("goal", re.compile(r"^项目年度.*目标")),
    ("indicators", re.compile(r"^绩效指标")),
    ("total", re.compile(r"^总分")),
    ("analysis", re.compile(r"绩效分析$")),
)


@dataclass
class _Block:
    """The lines of one form: its title, year and table rows."""

    title: str = ""
    year: int | None = None
    origin: Origin = Origin()
    rows: list[Line] = field(default_factory=list)


def read_forms(lines: list[Line]) -> tuple[tuple[PerformanceForm, ...], list[Problem]]:
    """Every 项目支出绩效自评表 of 第五部分, in printed order."""
    blocks, problems = _split(lines)
    forms = []
    for block in blocks:
        form, found = _FormReader(block).read()
        forms.append(form)
        problems += found
    return tuple(forms), problems


def _split(lines: list[Line]) -> tuple[list[_Block], list[Problem]]:
    """Cut the part into forms: title/year lines, then rows from 项目名称 on; 备注 skipped."""
    blocks: list[_Block] = []
    head = _Block()
    state = "head"  # head: before 项目名称; body: in the table; remark: in the 备注 block
    problems: list[Problem] = []
    for line in lines:
        if PART_HEADER.match(line.text):
            continue
        if _is_remark(line, state):
            state = "remark"
        elif line.filled[0].startswith("项目名称"):
            blocks.append(head if state != "body" else _Block(origin=line.origin))
            head, state = _Block(), "body"
            blocks[-1].rows.append(line)
        elif state == "body" and not _is_title(line):
            blocks[-1].rows.append(line)
        else:
            state = "head"
            problems += _take_head(line, head)
    return blocks, _stray_runs(problems) + [_untitled(block) for block in blocks if not block.title]


def _stray_runs(problems: list[Problem]) -> list[Problem]:
    """Consecutive lines outside any form (a 绩效评价报告 printed after the forms) as one note."""
    runs: list[list[Problem]] = []
    for problem in problems:
        if runs and problem.message.startswith(_STRAY) and runs[-1][0].message.startswith(_STRAY):
            runs[-1].append(problem)
        else:
            runs.append([problem])
    return [run[0] if len(run) == 1 else _run_note(run) for run in runs]


def _run_note(run: list[Problem]) -> Problem:
    first = run[0].message.removeprefix(_STRAY)
    message = f"第五部分：自{first}起 {len(run)} 行文字不属于任何自评表，未读取"
    return Problem(message, run[0].origin, "info")


def _is_remark(line: Line, state: str) -> bool:
    """备注 opens the boilerplate block; its numbered items 2. 3. 4. follow."""
    return line.text.startswith("备注") or (state == "remark" and bool(_REMARK_ITEM.match(line.text)))


def _is_title(line: Line) -> bool:
    cells = _without_year(line)
    return len(cells) == 1 and "绩效自" in cells[0]


def _without_year(line: Line) -> list[str]:
    """The filled cells with any (2024年度) taken out."""
    return [cell for cell in (YEAR_LINE.sub("", cell).strip() for cell in line.filled) if cell]


def _take_head(line: Line, head: _Block) -> list[Problem]:
    """A title line (year possibly inline, the title possibly truncated) or a year line."""
    year = YEAR_LINE.search(line.text)
    if year:
        head.year = int(year.group(1))
    cells = _without_year(line)
    if not cells:
        return []
    if head.title or len(cells) > 1:
        return [Problem(f"{_STRAY}“{shown(line)}”", line.origin)]
    head.title, head.origin = cells[0], line.origin
    return []


def _untitled(block: _Block) -> Problem:
    return Problem("项目支出绩效自评表缺少标题", block.rows[0].origin)


class _FormReader:
    """Reads one form's rows into a PerformanceForm, collecting Problems."""

    def __init__(self, block: _Block) -> None:
        self.block = block
        self.fields: dict[str, str] = {"project": "", "department": "", "unit": ""}
        self.goal: list[str] = []
        self.achieved: list[str] = []
        self.funding: list[FundingLine] = []
        self.indicators: list[Indicator] = []
        self.levels = IndicatorReader()
        self.total: Figure | None = None
        self.grade = ""
        self.analysis: list[tuple[str, str]] = []
        self.problems: list[Problem] = []

    def read(self) -> tuple[PerformanceForm, list[Problem]]:
        section = ""
        for line in self.block.rows:
            kind = _heading_kind(line)
            section = kind or section
            handler = getattr(self, f"_{section}", None) if section else None
            if handler is None:
                self._stray(line)
            else:
                handler(line, bool(kind))
        return self._form(), self.problems

    def _form(self) -> PerformanceForm:
        block, fields = self.block, self.fields
        return PerformanceForm(
            title=block.title,
            project=fields["project"],
            year=block.year,
            department=fields["department"],
            unit=fields["unit"],
            funding=tuple(self.funding),
            annual_goal="".join(self.goal),
            achieved="".join(self.achieved),
            indicators=tuple(self.indicators),
            total_score=self.total,
            grade=self.grade,
            analysis=tuple(self.analysis),
            origin=block.origin if block.title else block.rows[0].origin,
        )

    def _stray(self, line: Line) -> None:
        self.problems.append(Problem(f"自评表中无法识别的行“{shown(line)}”", line.origin))

    def _project(self, line: Line, heading: bool) -> None:
        if not heading:
            return self._stray(line)
        self.fields["project"] = "".join(line.filled[1:])

    def _department(self, line: Line, heading: bool) -> None:
        if not heading:
            return self._stray(line)
        cells = line.filled[1:]
        at = next((i for i, cell in enumerate(cells) if cell.startswith("预算单位")), len(cells))
        self.fields["department"] = "".join(cells[:at])
        self.fields["unit"] = "".join(cells[at + 1 :])

    def _funding(self, line: Line, heading: bool) -> None:
        if heading or "目标申报数" in line.text:
            return
        found, problems = funding_line(line)
        self.problems += problems
        if found:
            self.funding.append(found)

    def _goal(self, line: Line, heading: bool) -> None:
        if heading:
            return
        first, *rest = line.filled
        self.goal.append(first)
        self.achieved.extend(rest)
        if not rest:
            message = f"年度目标与实际完成情况无法区分，整行作为年度目标：“{first[:30]}”"
            self.problems.append(Problem(message, line.origin))

    def _indicators(self, line: Line, heading: bool) -> None:
        if heading:
            return
        found, problems = self.levels.read(line)
        self.problems += problems
        if found:
            self.indicators.append(found)

    def _total(self, line: Line, heading: bool) -> None:
        if not heading:
            return self._stray(line)
        self.total, self.grade, problems = total_row(line)
        self.problems += problems

    def _analysis(self, line: Line, heading: bool) -> None:
        cells = line.filled[1:] if heading else line.filled
        if cells:
            carried = self.analysis[-1][0] if self.analysis else ""
            self.analysis += analysis_pairs(cells, carried)


def _heading_kind(line: Line) -> str:
    first = line.filled[0]
    return next((kind for kind, pattern in _HEADINGS if pattern.search(first)), "")
