"""Where a finding sits, in the words a reviewer reads the document in.

- what it concerns: a table cell by 行次 and 栏次 as printed (公开01表 第40行 九、卫生健康支出 第2栏),
  a code row by its code and name (公开05表 2010301 行政运行 第1栏), a 绩效自评表 by its project; a
  finding about a sentence or a line by its part and section (第三部分 六);
- where it is printed: the page as its footer numbers it (第15页（文件第17页）), the line of a
  text file, the sheet and cell of a workbook.
"""

from __future__ import annotations

import re
from functools import cache

from juesuan.model import Disclosure, Origin
from juesuan.rules.findings import CellRef, Finding, Severity

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
READING_TITLE = "读取时无法归位的内容"
_PLACE_AT_END = re.compile(r"\s*(原文第\d+行|第\d+页(（文件第\d+页）)?|工作表“[^”]*”\S*)$")
_LINE_TABLES = frozenset({"01", "04", "10"})
_ONE_ROW_TABLES = frozenset({"09"})


@cache
def rule_titles() -> dict[str, str]:
    from juesuan.rules.registry import all_rules
    from juesuan.rules.report import READING_RULE

    titles = {each.id: each.title for each in all_rules()}
    titles[READING_RULE] = READING_TITLE
    return titles


def rule_title(rule_id: str) -> str:
    """The rule's Chinese title (情况说明金额与表格一致), or its id when it has none."""
    return rule_titles().get(rule_id, rule_id)


def cell_location(disclosure: Disclosure | None, cell: CellRef) -> str:
    """公开01表 第40行 九、卫生健康支出 第2栏; 公开05表 2010301 行政运行 第1栏;
    公开06表 30110 职工基本医疗保险缴费 (a row's one amount is not named)."""
    if not cell.table.isdigit():
        return _form_location(disclosure, cell)
    from juesuan.catalogue.tables import table_name

    table = disclosure.table(cell.table) if disclosure else None
    row = table.row(cell.row) if table and cell.row else None
    parts = [table_name(cell.table)]
    if cell.row and cell.table not in _ONE_ROW_TABLES:
        line = row.line_no if row and row.line_no else cell.row if cell.table in _LINE_TABLES else ""
        label = row.label if row else ""
        parts.append(f"第{line}行" if line.isdigit() else cell.row)
        parts.append(label if label and label != cell.row else "")
    if cell.col:
        parts.append(f"第{cell.col}栏" if cell.col.isdigit() else _heading(table, cell.col))
    return " ".join(part for part in parts if part)


def _heading(table, column: str) -> str:
    """A column keyed by its heading: named, except the one amount of a row (决算数)."""
    return "" if column in ("决算数", "金额") or (table and len(table.columns) <= 1) else column


def _form_location(disclosure: Disclosure | None, cell: CellRef) -> str:
    """绩效自评表《项目》 行 栏 for the cells of 第五部分 (table P1, P2 …)."""
    index = int(cell.table[1:]) if cell.table[1:].isdigit() else 0
    forms = disclosure.forms if disclosure else ()
    form = forms[index - 1] if 0 < index <= len(forms) else None
    name = f"绩效自评表《{form.project or form.title}》" if form else "绩效自评表"
    return " ".join(part for part in (name, cell.row, cell.col) if part)


def location(disclosure: Disclosure | None, finding: Finding) -> str:
    """What the finding concerns: its sentence's part and section (第三部分 六) or line, else its
    subject cell, else its `where` without the place (`place` says that)."""
    words = _PLACE_AT_END.sub("", finding.where).strip()
    if words.startswith(("第三部分", "第一部分", "第五部分", "目录", "文件之外")) or not finding.cells:
        return words
    if not finding.cells[0].row:  # a whole table (公开09表)
        return words or cell_location(disclosure, finding.cells[0])
    return cell_location(disclosure, finding.cells[0])


def place(finding: Finding) -> str:
    """Where it is printed: 第15页（文件第17页）, 原文第494行, 工作表“公开01表”B7; '' when it
    is outside the file."""
    origin = finding.origin
    if origin is None or origin == Origin():
        found = _PLACE_AT_END.search(finding.where)
        return found[1] if found else ""
    return str(origin)


def place_heading(disclosure: Disclosure | None) -> str:
    """The heading of the place column: 页码 for a PDF, 原文位置 otherwise."""
    return "页码" if disclosure and disclosure.source_format == "pdf" else "原文位置"


def finding_row(disclosure: Disclosure | None, finding: Finding) -> dict[str, str]:
    """A finding as the columns of the CSV, XLSX and the letter: severity, rule, what, where, message."""
    cells = "；".join(cell_location(disclosure, cell) for cell in finding.cells)
    return {
        "严重程度": SEVERITY_NAMES[finding.severity],
        "规则编号": finding.rule,
        "规则名称": rule_title(finding.rule),
        "位置": location(disclosure, finding),
        place_heading(disclosure): place(finding),
        "问题": finding.message,
        "涉及单元格": cells,
    }
