"""The 绩效自评表 sheet: 项目支出绩效自评表 one after another, in the renderer's layout.

A form opens at its title row (…绩效自评表) or at a second 项目名称. Each block of rows is named
by its first cell (项目名称, 主管部门, 项目资金, 绩效目标, 绩效指标, 总分, 绩效分析); inside a
block, columns are found by their headings (全年执行数, 三级指标, 分值 …), so a form typed by hand
with the same headings reads too. Every figure keeps its own cell as origin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.model import Figure, FundingLine, Indicator, Origin, PerformanceForm, Problem
from juesuan.sources.layout.form_rows import GRADES, number
from juesuan.sources.layout.narrative import PART_HEADER
from juesuan.sources.xlsx.cells import SheetLine, at_margin

_YEAR = re.compile(r"[(（]\s*(\d{4})\s*年度?\s*[)）]")
_SECTIONS = (
    ("project", "项目名称"),
    ("department", "主管部门"),
    ("funding", "项目资金"),
    ("goal", "绩效目标"),
    ("indicators", "绩效指标"),
    ("total", "总分"),
    ("analysis", "绩效分析"),
)
# Heading words → field, first match wins (执行率 before 全年执行, 结(转)余 after both).
_FUNDING = (
    ("execution_rate", "执行率"),
    ("declared", "目标申报"),
    ("budgeted", "预算编制"),
    ("full_year_budget", "全年预算"),
    ("executed", "全年执行"),
    ("balance", "结[(（]?转?[)）]?余|结转"),
    ("score", "得分"),
    ("deviation", "偏差"),
)
_INDICATORS = (
    ("level1", "一级"),
    ("level2", "二级"),
    ("name", "三级"),
    ("initial_target", "年初"),
    ("adjusted_target", "调整后"),
    ("actual", "实际完成"),
    ("note", "定性"),
    ("weight", "分值"),
    ("score", "得分"),
    ("reason", "偏差"),
)
_GOAL = (("goal", "年度目标"), ("achieved", "实际完成"))
_SINGLE_ROWS = ("project", "department", "total")
_REMARK_ITEM = re.compile(r"^\d+\s*[.．、]")
_HEADING_CELL = 16  # a heading cell is short; a longer cell is a value that happens to name one
_UNITS = {"execution_rate": "%", "score": ""}  # the other funding figures are 万元
_AMOUNTS = ("declared", "budgeted", "full_year_budget", "executed", "balance", "execution_rate", "score")
# The renderer's columns (0 = A), used until a heading row says otherwise.
_DEFAULTS = {
    "funding": dict(zip((*_AMOUNTS, "deviation"), range(2, 10), strict=True)),
    "indicators": dict(zip([key for key, _ in _INDICATORS], range(1, 11), strict=True)),
    "goal": {"goal": 1, "achieved": 6},
}


@dataclass
class _Draft:
    """The rows of one form, with the title and year printed above them."""

    title: str = ""
    year: int | None = None
    origin: Origin | None = None
    rows: list[SheetLine] = field(default_factory=list)


def read_forms(lines: list[SheetLine]) -> tuple[tuple[PerformanceForm, ...], list[Problem]]:
    """Every form of the sheet, in order."""
    drafts, problems = _split(at_margin(lines))
    forms = []
    for draft in drafts:
        reader = _FormReader(draft)
        forms.append(reader.read())
        problems += reader.problems
    return tuple(forms), problems


def _split(lines: list[SheetLine]) -> tuple[list[_Draft], list[Problem]]:
    """Cut the sheet into forms: a title row (and year row) above, rows from 项目名称 on."""
    drafts: list[_Draft] = []
    problems: list[Problem] = []
    remark = False
    for line in lines:
        first, single = line.filled[0], len(line.filled) == 1
        remark = first.startswith("备注") or (remark and bool(_REMARK_ITEM.match(first)))
        year = _YEAR.search(first)
        if remark or PART_HEADER.match(first):
            continue
        if single and "绩效自" in first:
            drafts.append(
                _Draft(_YEAR.sub("", first).strip(), int(year.group(1)) if year else None, line.origin)
            )
        elif single and year and drafts and not drafts[-1].rows:
            drafts[-1].year = int(year.group(1))
        elif _is_project(line) and (not drafts or any(map(_is_project, drafts[-1].rows))):
            drafts.append(_Draft(origin=line.origin, rows=[line]))
        elif drafts:
            drafts[-1].rows.append(line)
        else:
            problems.append(Problem(f"第五部分：不属于任何自评表的文字“{_shown(line)}”", line.origin))
    return drafts, problems


def _shown(line: SheetLine) -> str:
    return " ".join(line.filled)[:40]


def _section(line: SheetLine) -> str:
    first = line.cells[0]
    return next((kind for kind, word in _SECTIONS if first and word in first), "")


def _is_project(line: SheetLine) -> bool:
    return _section(line) == "project"


def _columns(line: SheetLine, words: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """{field: column} when the row is a heading row (short cells naming fields, no figures)."""
    found: dict[str, int] = {}
    if any(number(cell, Origin()) is not None for cell in line.cells[1:]):
        return found
    for index, cell in enumerate(line.cells[1:], start=1):
        key = next((key for key, word in words if re.search(word, cell)), None)
        if key and key not in found and len(cell) <= _HEADING_CELL:
            found[key] = index
    return found


def _cell(line: SheetLine, index: int | None) -> str:
    cells = line.cells
    return cells[index] if index is not None and 0 <= index < len(cells) else ""


class _FormReader:
    """Reads one draft's rows into a PerformanceForm, collecting Problems."""

    def __init__(self, draft: _Draft) -> None:
        self.draft = draft
        self.fields = {"project": "", "department": "", "unit": "", "goal": "", "achieved": "", "grade": ""}
        self.columns = {kind: dict(columns) for kind, columns in _DEFAULTS.items()}
        self.funding: list[FundingLine] = []
        self.indicators: list[Indicator] = []
        self.levels = ("", "")
        self.total: Figure | None = None
        self.analysis: list[tuple[str, str]] = []
        self.problems: list[Problem] = []

    def read(self) -> PerformanceForm:
        section = ""
        for line in self.draft.rows:
            kind = _section(line)
            section = kind or section
            if not section or (not kind and section in _SINGLE_ROWS):
                self.problems.append(Problem(f"自评表中无法识别的行“{_shown(line)}”", line.origin))
            else:
                getattr(self, f"_{section}")(line)
        return self._form()

    def _form(self) -> PerformanceForm:
        draft, fields = self.draft, self.fields
        return PerformanceForm(
            title=draft.title,
            project=fields["project"],
            year=draft.year,
            department=fields["department"],
            unit=fields["unit"],
            funding=tuple(self.funding),
            annual_goal=fields["goal"],
            achieved=fields["achieved"],
            indicators=tuple(self.indicators),
            total_score=self.total,
            grade=fields["grade"],
            analysis=tuple(self.analysis),
            origin=draft.origin or (draft.rows[0].origin if draft.rows else Origin()),
        )

    def _figure(self, line: SheetLine, index: int | None, unit: str = "") -> Figure | None:
        text = _cell(line, index)
        found = number(text, line.at(index or 0), unit)
        if text and found is None and text.strip("—–-－ "):
            self.problems.append(Problem(f"自评表：“{text}”不是数字", line.at(index or 0)))
        return found

    def _project(self, line: SheetLine) -> None:
        self.fields["project"] = "".join(line.filled[1:])

    def _department(self, line: SheetLine) -> None:
        cells = line.filled[1:]
        at = next((i for i, cell in enumerate(cells) if cell.startswith("预算单位")), len(cells))
        self.fields["department"], self.fields["unit"] = "".join(cells[:at]), "".join(cells[at + 1 :])

    def _funding(self, line: SheetLine) -> None:
        columns = _columns(line, _FUNDING)
        if columns:
            self.columns["funding"].update(columns)
            return
        at = self.columns["funding"]
        name = _cell(line, min(at.values()) - 1).rstrip(":：")
        figures = [self._figure(line, at.get(key), _UNITS.get(key, "万元")) for key in _AMOUNTS]
        deviation = _cell(line, at.get("deviation"))
        if name or any(figures) or deviation:
            self.funding.append(FundingLine(name, *figures, deviation=deviation, origin=line.origin))

    def _goal(self, line: SheetLine) -> None:
        columns = _columns(line, _GOAL)
        if len(columns) == 2:
            self.columns["goal"] = columns
            return
        self.fields["goal"] += _cell(line, self.columns["goal"]["goal"])
        self.fields["achieved"] += _cell(line, self.columns["goal"]["achieved"])

    def _indicators(self, line: SheetLine) -> None:
        columns = _columns(line, _INDICATORS)
        if "name" in columns:
            self.columns["indicators"].update(columns)
            return
        at = self.columns["indicators"]
        text = {key: _cell(line, index) for key, index in at.items()}
        weight, score = self._figure(line, at.get("weight")), self._figure(line, at.get("score"))
        if weight is None or score is None:
            message = f"绩效指标行缺少分值或得分：“{_shown(line)}”"
            return self.problems.append(Problem(message, line.origin))
        level1 = text["level1"] or self.levels[0]
        level2 = text["level2"] or (self.levels[1] if not text["level1"] else "")
        self.levels = (level1, level2)
        if not level1 or not level2:
            self.problems.append(Problem("绩效指标行缺少一级或二级指标", line.origin))
        values = (text["name"], text["initial_target"], text["adjusted_target"], text["actual"])
        reason, note = text["reason"], text["note"]
        self.indicators.append(Indicator(level1, level2, *values, weight, score, reason, note, line.origin))

    def _total(self, line: SheetLine) -> None:
        cells = line.cells
        index = next((i for i in range(1, len(cells)) if number(cells[i], Origin()) is not None), None)
        self.total = self._figure(line, index) if index is not None else None
        self.fields["grade"] = next((cell for cell in cells[1:] if cell in GRADES), "")
        if self.total is None or not self.fields["grade"]:
            self.problems.append(Problem(f"总分行缺少总分或等级：“{_shown(line)}”", line.origin))

    def _analysis(self, line: SheetLine) -> None:
        label, text = _cell(line, 1), "".join(line.cells[2:])
        if label or text:
            self.analysis.append((label, text))
