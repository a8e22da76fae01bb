"""Layout text of a disclosure, as PDF-to-text tools lay one out: one line per printed line,
TAB between the cells of a table, the five parts (第一部分 … 第五部分), each table's title, 公开NN表,
部门名称, 年度, 金额单位, its heading rows (项目 / 栏次 …) and notes. `juesuan.sources.layout` reads it
back to the same tables, narrative, glossary and forms.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from juesuan.model import Disclosure, FundingLine, Indicator, PerformanceForm, Section, Table
from juesuan.render.layout import GridCell, part_two_title, table_grid

# the part headings; 第二部分's is `part_two_title`: 部门决算表 or 单位决算表 as the cover says
OVERVIEW, NARRATIVE, GLOSSARY, ATTACHMENTS = (
    "第一部分 概况",
    "第三部分 情况说明",
    "第四部分 名词解释",
    "第五部分 附件",
)
REMARKS = (
    "备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系。",
    "2.“全年预算数”的取数规则：如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
    "3.“全年执行数”是指预算执行指标确认数。",
    "4.“执行率”是执行数与“全年预算数”相比较。",
)


def layout_text(disclosure: Disclosure) -> str:
    """The whole document as layout text (UTF-8 when encoded; lines end with \\n)."""
    return "\n".join(_lines(disclosure)) + "\n"


def _lines(disclosure: Disclosure) -> Iterator[str]:
    yield disclosure.unit
    yield disclosure.title.removeprefix(disclosure.unit)
    yield OVERVIEW
    yield from _overview(disclosure)
    yield part_two_title(disclosure)
    for table in disclosure.tables:
        yield from table_lines(table, disclosure.unit)
    yield NARRATIVE
    for section in disclosure.narrative:
        yield from section_lines(section, f"{section.number}、")
    yield GLOSSARY
    yield from (f"{term.number}、{term.name}：{term.definition}" for term in disclosure.glossary)
    yield ATTACHMENTS
    for form in disclosure.forms:
        yield from form_lines(form)


def _overview(disclosure: Disclosure) -> Iterator[str]:
    yield "一、本部门（单位）职责"
    yield from (paragraph.text for paragraph in disclosure.overview.duties)
    yield "二、机构设置情况"
    yield from (paragraph.text for paragraph in disclosure.overview.organisation)


def cells(row: Sequence[GridCell]) -> str:
    """A grid row as TAB-separated cells; a cell spanning n columns is followed by n − 1 empty ones."""
    return "\t".join("\t".join([cell.text, *[""] * (cell.colspan - 1)]) for cell in row)


def table_lines(table: Table, unit: str) -> Iterator[str]:
    grid = table_grid(table)
    yield table.title
    yield f"公开{table.number}表"
    yield f"{'单位' if table.number == '10' else '部门'}名称：{table.unit_name or unit}"
    yield f"{table.year}年度"
    yield "金额单位：万元"
    yield from (cells(row) for row in (*grid.head, *grid.body))
    yield from table.notes


def section_lines(section: Section, heading: str) -> Iterator[str]:
    yield f"{heading}{section.title}"
    yield from (paragraph.text for paragraph in section.paragraphs)
    for sub in section.subsections:
        yield from section_lines(sub, sub.number)


def form_lines(form: PerformanceForm) -> Iterator[str]:
    yield form.title
    yield f"（{form.year}年度）"
    yield f"项目名称\t\t{form.project}"
    yield f"主管部门及代码\t\t{form.department}\t\t\t预算单位\t{form.unit}"
    yield (
        "项目资金预算安排及执行进度(万元)\t\t年初预算数\t\t全年预算数\t全年执行数\t资金结(转)余"
        "\t执行率\t得分\t偏差原因"
    )
    yield "\t\t目标申报数\t预算编制数"
    yield from (funding_line(line) for line in form.funding)
    yield "项目年度绩效目标\t年度目标\t\t\t\t\t实际完成情况"
    yield f"\t{form.annual_goal}\t\t\t\t\t{form.achieved}"
    yield (
        "绩效指标\t一级指标\t二级指标\t三级指标\t年初指标值\t调整后指标值\t实际完成值\t定性指标情况说明"
        "\t分值\t得分\t偏差原因分析及改进措施"
    )
    yield from indicator_lines(form.indicators)
    yield f"总分\t\t\t\t\t\t\t\t{form.total_score}\t{form.grade}"
    yield from analysis_lines(form.analysis)
    yield from REMARKS


def funding_line(line: FundingLine) -> str:
    figures = (line.declared, line.budgeted, line.full_year_budget, line.executed, line.balance)
    texts = [str(figure) if figure else "" for figure in (*figures, line.execution_rate, line.score)]
    return "\t".join(["", f"{line.name}:" if line.name == "资金总额" else line.name, *texts, line.deviation])


def indicator_lines(indicators: Sequence[Indicator]) -> Iterator[str]:
    level1 = level2 = ""
    for indicator in indicators:
        first = indicator.level1 if indicator.level1 != level1 else ""
        second = indicator.level2 if indicator.level2 != level2 or first else ""
        level1, level2 = indicator.level1, indicator.level2
        values = (indicator.initial_target, indicator.adjusted_target, indicator.actual, indicator.note)
        scores = (str(indicator.weight), str(indicator.score), indicator.reason)
        yield "\t".join(["", first, second, indicator.name, *values, *scores])


def analysis_lines(pairs: Sequence[tuple[str, str]]) -> Iterator[str]:
    for index, (label, text) in enumerate(pairs):
        yield "\t".join(["项目绩效分析" if index == 0 else "", label, text])
