"""HTML: the whole disclosure as one self-contained page (CSS inlined, charts as inline SVG).

The layout follows the official order: cover, 目录, 第一部分 概况, 第二部分 the ten tables (drawn
from `layout.table_grid`), 第三部分 情况说明 (with charts), 第四部分 名词解释, 第五部分 附件.
Every table figure cell carries ``data-cell="TT|row|col"`` (its tidy-cell key) and an id, so that
a check can point at it: `highlights` maps (table, row, col) to a CSS class, or to a
(class, tooltip) pair. With ``for_print`` the page carries the paged-media rules `pdf` uses.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any, TypeAlias

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from juesuan.catalogue import NO_DATA_NOTE, standard_glossary, table_definitions
from juesuan.model import Column, Disclosure, Paragraph, PerformanceForm, Section, Table
from juesuan.render import charts
from juesuan.render.budget_layout import money_unit, table_mark
from juesuan.render.layout import (
    Grid,
    GridCell,
    column_widths,
    part_two_title,
    prints_attachments,
    table_grid,
)

Highlights: TypeAlias = Mapping[tuple[str, str, str], "str | tuple[str, str]"]
WIDE_COLUMNS = 7  # a table this many grid columns wide is printed on a landscape page
FORM_NOTES = (
    "备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系，其中“目标申报数”的数据来源于"
    "项目目标申报表中的项目资金总额表中的年度资金，“预算编制数”数据来源于项目预算支出明细表。",
    "2.“全年预算数”的取数规则：如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
    "3.“全年执行数”是指预算执行指标确认数。",
    "4.“执行率”是执行数与“全年预算数”相比较。",
)
CHARTS = charts.CHARTS  # each chart's title and the part of 第三部分 it illustrates


@dataclass(frozen=True)
class TableView:
    number: str
    title: str
    grid: Grid
    unit_name: str
    year_text: str
    notes: tuple[str, ...]
    page_class: str  # page-wide (landscape) or page-tall
    widths: tuple[float, ...]  # % of the table's width, per grid column
    mark: str = ""  # 公开05表, 预算05表 (printed at the top right)
    money: str = "万元"  # the 金额单位 printed over it (a budget template's: 上海 元)


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    markup: Markup


@dataclass(frozen=True)
class SectionView:
    anchor: str
    heading: str
    paragraphs: tuple[Paragraph, ...]
    children: tuple[SectionView, ...]
    charts: tuple[ChartView, ...]


def render(disclosure: Disclosure) -> bytes:
    """The disclosure as a self-contained HTML file, UTF-8."""
    return render_html(disclosure).encode("utf-8")


def render_html(
    disclosure: Disclosure,
    *,
    for_print: bool = False,
    highlights: Highlights | None = None,
    last_year: Mapping[str, Decimal] | None = None,
) -> str:
    """The HTML text, in the template the disclosure was read under; `last_year` ({类 code: last
    year's 公开05表 amount}) adds a comparison chart."""
    from juesuan.catalogue.templates import template_of, under

    with under(template_of(disclosure)):
        return _render_html(disclosure, for_print, highlights, last_year)


def _render_html(
    disclosure: Disclosure,
    for_print: bool,
    highlights: Highlights | None,
    last_year: Mapping[str, Decimal] | None,
) -> str:
    placed = chart_views(disclosure, last_year, for_print)
    narrative = [_section_view(s, f"narrative-{i}", placed) for i, s in enumerate(disclosure.narrative, 1)]
    return (
        _environment()
        .get_template("document.html.j2")
        .render(
            doc=_document_view(disclosure),
            css=stylesheet(for_print),
            for_print=for_print,
            part2_title=part_two_title(disclosure),
            tables=table_views(disclosure),
            cell_attributes=_cell_attributes(highlights or {}, keyed=not for_print),
            narrative=narrative,
            loose_charts=[chart for views in placed.values() for chart in views],
            glossary=disclosure.glossary or tuple(entry.to_term() for entry in standard_glossary()),
            forms=[_form_view(i, form) for i, form in enumerate(disclosure.forms, 1)],
            attachments=prints_attachments(disclosure),
        )
    )


def cell_key(table: str, row: str, col: str) -> str:
    """The ``data-cell`` value of a table cell: its tidy key ``TT|row|col``."""
    return f"{table}|{row}|{col}"


def cell_id(table: str, row: str, col: str) -> str:
    """The element id of a table cell (white space in keys replaced, as ids may hold none)."""
    return "cell-" + "-".join("_".join(part.split()) for part in (table, row, col))


@cache
def _environment() -> Environment:
    loader = PackageLoader("juesuan.render", "templates")
    return Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)


def stylesheet(for_print: bool) -> str:
    """The CSS inlined in the page: the document's, plus the paged-media rules when printing."""
    static = files("juesuan.render").joinpath("static")
    names = ("document.css", "print.css") if for_print else ("document.css",)
    return "\n".join(static.joinpath(name).read_text(encoding="utf-8") for name in names)


def _document_view(disclosure: Disclosure) -> dict[str, Any]:
    year = f"{disclosure.year}年度" if disclosure.year else ""
    title = disclosure.title or f"{disclosure.unit}{year}部门{disclosure.kind}公开"
    heading = title.removeprefix(disclosure.unit) or title
    return {"title": title, "unit": disclosure.unit, "heading": heading, "overview": disclosure.overview}


def table_views(disclosure: Disclosure) -> list[TableView]:
    """The template's tables in its order (the national ten unless the disclosure was read under
    another template); a table the disclosure lacks is printed empty (本表无数据)."""
    from juesuan.catalogue.templates import active

    definitions, required = table_definitions(), active().required
    order = [*required, *(number for number in definitions if number not in required)]
    numbers = [n for n in order if n in definitions and (disclosure.table(n) or n in required)]
    views = []
    for number in numbers:
        definition = definitions[number]
        table = disclosure.table(number) or _blank_table(disclosure, number)
        grid = table_grid(table)
        year = table.year or disclosure.year
        views.append(
            TableView(
                number=number,
                title=definition.title,
                grid=grid,
                unit_name=table.unit_name or disclosure.unit,
                year_text=f"{year}年度" if year else "",
                notes=_notes(table),
                page_class="page-wide" if grid.width >= WIDE_COLUMNS else "page-tall",
                widths=_percentages(column_widths(grid)),
                mark=table_mark(number),
                money=money_unit(number),
            )
        )
    return views


def _blank_table(disclosure: Disclosure, number: str) -> Table:
    definition = table_definitions()[number]
    columns = tuple(Column(column.key, column.heading) for column in definition.columns)
    return Table(number, definition.title, columns, (), disclosure.unit, disclosure.year)


def _notes(table: Table) -> tuple[str, ...]:
    if table.is_empty and not table.says_no_data:
        return (*table.notes, NO_DATA_NOTE)
    return table.notes


def _percentages(widths: Sequence[float]) -> tuple[float, ...]:
    total = sum(widths) or 1
    return tuple(round(width / total * 100, 2) for width in widths)


def _cell_attributes(highlights: Highlights, keyed: bool = True) -> Callable[..., dict[str, Any]]:
    """The template's function giving a grid cell its class, spans, data-cell, id and highlight.

    The print page (`keyed` false) leaves out data-cell and id: nothing points at a cell in the
    PDF, and WeasyPrint made a named destination of each of the thousands of ids (a tenth of its
    time); a highlight is a class and a title, and stays."""
    marks = {
        key: (value, "") if isinstance(value, str) else tuple(value) for key, value in highlights.items()
    }

    def attributes(table: str, cell: GridCell, *extra: str) -> dict[str, Any]:
        classes = [cell.kind, *extra]
        if cell.kind == "number" and cell.text and cell.figure is None:
            classes.append("not-applicable")  # 公开06表 ——
        found: dict[str, Any] = {}
        if cell.ref is not None:
            row, col = cell.ref
            if keyed:
                found = {"data-cell": cell_key(table, row, col), "id": cell_id(table, row, col)}
            mark, tooltip = marks.get((table, row, col), ("", ""))
            if mark:
                classes += ["highlight", mark]
                found["title"] = tooltip or None
        spans = {"colspan": cell.colspan, "rowspan": cell.rowspan}
        return {"class": " ".join(classes), **{k: v for k, v in spans.items() if v > 1}, **found}

    return attributes


def chart_views(
    disclosure: Disclosure, last_year: Mapping[str, Decimal] | None, for_print: bool
) -> dict[tuple[str, str], list[ChartView]]:
    """The charts there is something to draw for, by the (section, sub-section) they illustrate."""
    drawn = _drawn(disclosure, last_year)
    placed: dict[tuple[str, str], list[ChartView]] = {}
    for key, svg in drawn.items():
        title, place = CHARTS[key]
        if svg:
            placed.setdefault(place, []).append(ChartView(key, title, _chart_markup(svg, title, for_print)))
    return placed


_LAST_DRAWN: list[tuple[Disclosure, object, dict[str, str | None]]] = []


def _drawn(disclosure: Disclosure, last_year: Mapping[str, Decimal] | None) -> dict[str, str | None]:
    """Each chart's SVG; the last disclosure's are kept, so that its web page and its print page
    (made one after the other in a build) draw them once."""
    key = tuple(sorted(last_year.items())) if last_year else None
    if _LAST_DRAWN and _LAST_DRAWN[0][0] is disclosure and _LAST_DRAWN[0][1] == key:
        return _LAST_DRAWN[0][2]
    drawn = {
        "income": charts.income_structure(disclosure),
        "spending": charts.expenditure_structure(disclosure),
        "classes": charts.class_structure(disclosure),
        "compare": charts.class_comparison(disclosure, last_year) if last_year else None,
    }
    _LAST_DRAWN[:] = [(disclosure, key, drawn)]
    return drawn


def _chart_markup(svg: str, title: str, for_print: bool) -> Markup:
    if not for_print:
        return Markup(svg)  # our own matplotlib output, its ids already prefixed
    # WeasyPrint draws an SVG image with its SVG renderer; inline SVG would go through its HTML CSS.
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img alt="{}" src="data:image/svg+xml;base64,{}"/>').format(title, data)


def _section_view(
    section: Section, anchor: str, placed: dict[tuple[str, str], list[ChartView]], parent: str = ""
) -> SectionView:
    """A section with its heading (一、… / （一）…) and the charts placed in it (taken from `placed`)."""
    place = (parent, section.number) if parent else (section.number.strip("（）()"), "")  # （二） of a 高校
    children = tuple(
        _section_view(child, f"{anchor}-{i}", placed, section.number)
        for i, child in enumerate(section.subsections, 1)
    )
    heading = section.heading
    return SectionView(anchor, heading, section.paragraphs, children, tuple(placed.pop(place, ())))


def _form_view(index: int, form: PerformanceForm) -> dict[str, Any]:
    """A 绩效自评表 with the row spans of its merged cells worked out."""
    title = form.title
    if form.project and not title.endswith("自评表"):  # a title cut short in the source
        title = f"{form.project}项目支出绩效自评表"
    level1 = _spans([i.level1 for i in form.indicators])
    level2 = _spans([(i.level1, i.level2) for i in form.indicators])
    labels = _spans([label for label, _ in form.analysis])
    return {
        **{name: getattr(form, name) for name in ("project", "department", "unit", "funding", "grade")},
        **{name: getattr(form, name) for name in ("annual_goal", "achieved", "total_score")},
        "index": index,
        "title": title,
        "year_text": f"（{form.year}年度）" if form.year else "",
        "indicators": [
            {"indicator": item, "level1_span": a, "level2_span": b}
            for item, a, b in zip(form.indicators, level1, level2, strict=True)
        ],
        "analysis": [
            {"label": label, "text": text, "span": span}
            for (label, text), span in zip(form.analysis, labels, strict=True)
        ],
        "notes": FORM_NOTES,
    }


def _spans(keys: Sequence[object]) -> list[int]:
    """For runs of equal keys: the run's length at its first item, 0 at the others (rowspan)."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans
