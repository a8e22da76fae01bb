"""Rows of a 项目支出绩效自评表, read by content: funding lines, indicators, 总分, analysis.

Layouts vary from form to form (leading empty cells dropped, empty cells missing or added,
the grade one cell further right), so nothing here relies on a fixed column position.
"""

from __future__ import annotations

import re

from juesuan.model import Figure, FundingLine, Indicator, Origin, Problem
from juesuan.sources.layout.lines import Line

# The standard 二级指标 → 一级指标 mapping (财政部 绩效指标体系), with and without the 指标 suffix.
_OUTPUT = ("数量指标", "质量指标", "时效指标", "成本指标")
_EFFECT = ("社会效益", "经济效益", "生态效益", "可持续影响")
_COST = ("经济成本指标", "社会成本指标", "生态环境成本指标")  # the 2021 framework's 成本指标
LEVEL1_OF: dict[str, str] = {
    **dict.fromkeys(_OUTPUT, "产出指标"),
    **{name: "效益指标" for base in _EFFECT for name in (base, base + "指标")},
    **dict.fromkeys(("服务对象满意度", "服务对象满意度指标"), "满意度指标"),
    **dict.fromkeys(_COST, "成本指标"),
}
LEVEL1 = frozenset(("产出指标", "效益指标", "满意度指标", "成本指标"))
GRADES = ("优", "良", "中", "差")
_FUNDING_FIELDS = 7  # 目标申报数, 预算编制数, 全年预算数, 全年执行数, 结余, 执行率, 得分
_FUNDING_UNITS = ("万元",) * 5 + ("%", "")
_LABEL = re.compile(r"(情况|分析|做法|建议|措施)$")


def shown(line: Line, width: int = 40) -> str:
    """A row as quoted in a Problem: its filled cells, space-separated, cut to width."""
    return " ".join(line.filled)[:width]


def number(text: str, origin: Origin, unit: str = "") -> Figure | None:
    """A Figure from a cell such as 1.894 or 78.28%; None when the cell is no number."""
    return Figure.parse(text.removesuffix("%"), origin, unit) if text else None


def funding_line(line: Line) -> tuple[FundingLine | None, list[Problem]]:
    """A 资金总额 / 市县区财政资金 … row: its label, seven figures and the 偏差原因."""
    printed, *rest = line.filled
    name = printed.rstrip(":：")
    if number(name, line.origin) is not None:
        return None, [Problem(f"资金行缺少名称：“{shown(line)}”", line.origin)]
    figures = [number(cell, line.origin) for cell in rest]
    count = next((i for i, figure in enumerate(figures) if figure is None), len(figures))
    deviation = "".join(rest[count:])
    problems = []
    if count != _FUNDING_FIELDS:
        message = f"资金行“{name}”应有{_FUNDING_FIELDS}个数，实有{count}个（按右对齐读取）"
        problems.append(Problem(message, line.origin))
    amounts = rest[:count][-_FUNDING_FIELDS:]  # right-aligned: a blank 目标申报数 is the usual gap
    units = _FUNDING_UNITS[_FUNDING_FIELDS - len(amounts) :]
    values = [number(cell, line.origin, unit) for cell, unit in zip(amounts, units, strict=True)]
    values = [None] * (_FUNDING_FIELDS - len(values)) + values
    return FundingLine(name, *values, deviation=deviation, origin=line.origin), problems


def total_row(line: Line) -> tuple[Figure | None, str, list[Problem]]:
    """(总分, 等级) from a 总分 row, wherever the two cells sit."""
    cells = line.filled[1:]
    total = next((f for f in (number(c, line.origin) for c in cells) if f is not None), None)
    grade = next((cell for cell in cells if cell in GRADES), "")
    problems = []
    if total is None or not grade:
        problems.append(Problem(f"总分行缺少总分或等级：“{shown(line)}”", line.origin))
    return total, grade, problems


def analysis_pairs(cells: list[str], carried: str) -> list[tuple[str, str]]:
    """(label, text) pairs of a 项目绩效分析 row (its header cell already removed).

    The last cell is the text and the one before it its label; a leading group heading
    (目标与自评结果分析 …) becomes a pair of its own with empty text. A lone cell is a label
    with no text when it reads like one, else text under the label carried from above.
    """
    if len(cells) == 1:
        lone = cells[0]
        looks_like_label = bool(_LABEL.search(lone)) and not re.search(r"[。，,；;]", lone)
        return [(lone, "")] if looks_like_label else [(carried, lone)]
    return [(group, "") for group in cells[:-2]] + [(cells[-2], cells[-1])]


class IndicatorReader:
    """Reads 绩效指标 rows, carrying 一级/二级指标 down when a row leaves them blank."""

    def __init__(self) -> None:
        self.level1 = ""
        self.level2 = ""

    def read(self, line: Line) -> tuple[Indicator | None, list[Problem]]:
        cells = _trimmed(line.cells)
        scores = _scores(cells)
        if scores is None:
            return None, [Problem(f"绩效指标行读不出分值和得分：“{shown(line)}”", line.origin)]
        tokens = [(index, cell) for index, cell in enumerate(cells[:scores]) if cell]
        printed1, printed2, used = level_tokens([cell for _, cell in tokens])
        if used >= len(tokens):
            return None, [Problem(f"绩效指标行缺少三级指标名称：“{shown(line)}”", line.origin)]
        problems = self._resolve(printed1, printed2, line.origin)
        name_at, name = tokens[used]
        values = _values(cells[name_at + 1 : scores])
        weight, score = (number(cell, line.origin) for cell in cells[scores : scores + 2])
        reason = "".join(cells[scores + 2 :])
        indicator = Indicator(
            self.level1, self.level2, name, *values[:3], weight, score, reason, values[3], line.origin
        )
        return indicator, problems

    def _resolve(self, printed1: str, printed2: str, origin: Origin) -> list[Problem]:
        """Set the row's levels: 一级 follows from a standard 二级, else printed or carried."""
        if printed1 and not printed2 and LEVEL1_OF.get(self.level2, printed1) != printed1:
            self.level2 = ""  # a new 一级 with its 二级 left blank: the old 二级 does not carry
        self.level2 = printed2 or self.level2
        standard = LEVEL1_OF.get(self.level2)
        problems = []
        if printed1 and standard and printed1 != standard:
            # e.g. the sample's QK form prints 效益指标 beside 成本指标: the 二级 decides.
            message = f"一级指标“{printed1}”与二级指标“{self.level2}”不符，按标准归入“{standard}”"
            problems.append(Problem(message, origin, "info"))
        self.level1 = standard or printed1 or self.level1
        if not self.level1 or not self.level2:
            problems.append(Problem("绩效指标行缺少一级或二级指标", origin))
        return problems


def level_tokens(tokens: list[str]) -> tuple[str, str, int]:
    """(printed 一级, printed 二级, cells used) at the start of a row's filled cells.

    A pair needs a 一级 name then a different 二级 name; so "成本指标, 成本指标, …" is a
    二级 followed by a 三级 of the same name (as in the sample's 政务工作运行经费 form).
    """
    first, second = [*tokens, "", ""][:2]
    if first in LEVEL1 and second in LEVEL1_OF and first != second and len(tokens) > 2:
        return first, second, 2
    if first in LEVEL1_OF and len(tokens) > 1:
        return "", first, 1
    if first in LEVEL1 and len(tokens) > 1:
        return first, "", 1
    return "", "", 0


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _scores(cells: list[str]) -> int | None:
    """Index of 分值: the last two numeric cells, side by side, followed by text only."""
    numeric = [index for index, cell in enumerate(cells) if number(cell, Origin()) is not None]
    if len(numeric) < 2 or numeric[-1] != numeric[-2] + 1:
        return None
    return numeric[-2]


def _values(cells: list[str]) -> list[str]:
    """[年初指标值, 调整后指标值, 实际完成值, 定性指标情况说明] from the cells between name and 分值.

    With fewer than three cells (trailing empties dropped) an empty cell went missing in the
    layout; it is taken to be 年初指标值, which qualitative indicators leave blank.
    """
    cells = _trimmed(cells)
    cells = [""] * (3 - len(cells)) + cells
    return [*cells[:3], "".join(cells[3:])]
