"""The print document as Typst markup, made from the views the HTML page is made from.

`source` writes the same document the web page shows (`html.render_html`), in the same order
and from the same views: the cover, the 目录 (its page numbers found by Typst), 第一部分, the
tables (`html.table_views`: the same grid, spans, widths, notes), 第三部分 with its charts (the
same SVG, drawn once for both), 第四部分 and the 绩效自评表 (`html._form_view`). Only the page
furniture is the PDF's own: A4 pages, landscape pages for wide tables, the title at the top
right and the page number at the foot of every page after the 目录, heading rows repeated on
every page a table runs over. tests/test_render_html_pdf.py asserts that the PDF's text is the
web page's text, table for table and paragraph for paragraph.

Every text goes into the markup as a Typst string literal (`#"…"`), never as markup, so no
character of the disclosure is read as Typst syntax. `compile_pdf` runs the compiler bundled
in the ``typst`` package (Apache-2.0), which embeds the subset CJK fonts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from juesuan.model import Disclosure
from juesuan.render.html import Highlights

SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"  # 宋体 for text and tables, 黑体 for headings
_DIGITS = "一二三四五六七八九"
# 一 … 二十: the contents number the tables (a 预算 may have 13: 江苏 2026)
NUMERALS = (*_DIGITS, "十", *(f"十{d}" for d in _DIGITS), "二十")
HIGHLIGHT_FILL = {"error": "#ffd9d6", "warning": "#ffecc7", "info": "#dcecff", "": "#fff1a8"}
TALL_MARGIN = "(top: 24mm, bottom: 22mm, x: 20mm)"
WIDE_MARGIN = "(y: 13mm, x: 16mm)"
FORM_COLUMNS = "(7%, 9%, 8%, 12%, 9%, 9%, 9%, 8%, 6%, 6%, 17%)"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")

# The page set-up and the styles of document.css and print.css, in Typst.
PREAMBLE = """\
#set document(title: TITLE, date: none)
#set text(font: "SERIF", size: 11pt, lang: "zh", region: "cn", cjk-latin-spacing: none)
#set par(justify: true, leading: 0.85em, spacing: 0.7em)
#set page(paper: "a4", margin: TALL_MARGIN, header: none, footer: none)
#show heading: set text(font: "SANS", weight: "bold")
#show heading.where(level: 1): it => align(center,
  block(above: 0pt, below: 1.2em, text(size: 17pt, tracking: 0.05em, it.body)))
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 2): set block(above: 1.2em, below: 0.6em)
#show heading: set par(first-line-indent: 0em)
#show heading.where(level: 3): set text(size: 11.5pt)
#show heading.where(level: 4): set text(size: 11pt)
#set table(stroke: 0.6pt, inset: (x: 3pt, y: 2pt))
#show table: set text(top-edge: 1em, bottom-edge: -0.22em)
#show table: set par(leading: 0.04em, justify: false)
#set table.cell(breakable: false)
#let furniture = (
  header: align(right, text(size: 8pt, fill: rgb("#666666"), TITLE)),
  footer: context align(center, text(size: 9.5pt)[— #counter(page).display() —]),
)
#let wide(body) = page(flipped: true, margin: WIDE_MARGIN, header-ascent: 20%, footer-descent: 20%,
  ..furniture, body)
#let tall(body) = page(flipped: false, margin: TALL_MARGIN, ..furniture, body)
#let pageno(target) = context counter(page).at(target).first()
#let entry(body, target, indent) = block(above: 0.5em, below: 0.5em, pad(left: indent,
  link(target, box(width: 100%, [#body #box(width: 1fr, repeat[.]) #pageno(target)]))))
#let text-par(body) = par(first-line-indent: (amount: 2em, all: true), body)
#let plain-par(body) = par(first-line-indent: 0em, body)
"""


def source(
    disclosure: Disclosure,
    *,
    highlights: Highlights | None = None,
    last_year: Mapping[str, Decimal] | None = None,
) -> str:
    """The disclosure as one self-contained Typst document (charts inline), in its template."""
    from juesuan.catalogue.templates import template_of, under

    with under(template_of(disclosure)):
        return _source(disclosure, highlights or {}, last_year)


def _source(disclosure: Disclosure, highlights: Highlights, last_year: Mapping[str, Decimal] | None) -> str:
    from juesuan.catalogue import standard_glossary
    from juesuan.render.html import (
        _document_view,
        _form_view,
        _section_view,
        chart_views,
        table_views,
    )
    from juesuan.render.layout import part_two_title, prints_attachments

    doc = _document_view(disclosure)
    tables = table_views(disclosure)
    placed = chart_views(disclosure, last_year, False)
    narrative = [_section_view(s, f"narrative-{i}", placed) for i, s in enumerate(disclosure.narrative, 1)]
    loose = [chart for views in placed.values() for chart in views]
    glossary = disclosure.glossary or tuple(entry.to_term() for entry in standard_glossary())
    forms = [_form_view(i, form) for i, form in enumerate(disclosure.forms, 1)]
    part2 = part_two_title(disclosure)
    attachments = prints_attachments(disclosure)
    title = f"{doc['unit']} {doc['heading']}".strip()

    out = [
        PREAMBLE.replace("TITLE", _string(title))
        .replace("SERIF", SERIF)
        .replace("SANS", SANS)
        .replace("TALL_MARGIN", TALL_MARGIN)
        .replace("WIDE_MARGIN", WIDE_MARGIN)
    ]
    out += _cover(doc)
    out += _contents(part2, tables, narrative, attachments)
    out.append("#set page(..furniture)")
    out.append("#counter(page).update(1)")
    out += _overview(doc)
    for index, table in enumerate(tables):
        out += _table_page(table, part2 if index == 0 else None, highlights)
    out += ["#tall[", _heading(1, "第三部分 情况说明", "part-3")]
    for section in narrative:
        out += _section(section, 2)
    if loose:
        out.append(_heading(2, "图示", "charts"))
        out += [_chart(chart) for chart in loose]
    out.append("]")
    out += ["#tall[", _heading(1, "第四部分 名词解释", "part-4")]
    for term in glossary:
        name = _string(f"{term.number}、{term.name}：")
        out.append(f'#plain-par[#text(font: "{SANS}", weight: "bold", {name})#{_string(term.definition)}]')
    out.append("]")
    if attachments:
        out += _forms(forms)
    return "\n".join(out) + "\n"


def _string(text: object) -> str:
    """A Typst string literal of `text`, its white space collapsed as HTML shows it."""
    shown = _HTML_SPACE.sub(" ", "" if text is None else str(text)).strip(" ")
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _heading(level: int, text: str, label: str | None = None) -> str:
    marked = f" <{label}>" if label else ""
    return f"#heading(level: {level})[#{_string(text)}]{marked}"


def _cover(doc: Mapping[str, Any]) -> list[str]:
    return [
        "#page[",
        "#v(70mm)",
        f'#align(center, text(font: "{SANS}", weight: "bold", size: 24pt, {_string(doc["unit"])}))',
        "#v(0.8em)",
        f'#align(center, text(font: "{SANS}", weight: "bold", size: 26pt, tracking: 0.08em, '
        f"{_string(doc['heading'])}))",
        "]",
    ]


def _contents(part2: str, tables: Sequence[Any], narrative: Sequence[Any], attachments: bool) -> list[str]:
    """The 目录 as the HTML page lists it, each line with its page number (the part's first
    page, found by Typst from the heading's label)."""
    entries: list[tuple[str, str, int]] = [
        ("第一部分 概况", "part-1", 0),
        ("一、本部门（单位）职责", "overview-duties", 1),
        ("二、机构设置情况", "overview-organisation", 1),
        (part2, "part-2", 0),
        *((f"{NUMERALS[i]}、{t.title}", f"table-{t.number}", 1) for i, t in enumerate(tables)),
        ("第三部分 情况说明", "part-3", 0),
        *((section.heading, section.anchor, 1) for section in narrative),
        ("第四部分 名词解释", "part-4", 0),
        *([("第五部分 附件", "part-5", 0)] if attachments else []),
    ]
    heading = f'#align(center, text(font: "{SANS}", weight: "bold", size: 17pt, tracking: 1em)[目录])'
    out = ["#page[", heading]
    for text, label, depth in entries:
        shown = f'text(font: "{SANS}", weight: "bold", {_string(text)})' if depth == 0 else _string(text)
        space = "#v(0.3em)" if depth == 0 else ""
        out.append(f"{space}#entry({shown}, <{label}>, {2 * depth}em)")
    out.append("]")
    return out


def _overview(doc: Mapping[str, Any]) -> list[str]:
    overview = doc["overview"]
    out = [_heading(1, "第一部分 概况", "part-1"), _heading(2, "一、本部门（单位）职责", "overview-duties")]
    out += [f"#text-par[#{_string(p.text)}]" for p in overview.duties]
    out.append(_heading(2, "二、机构设置情况", "overview-organisation"))
    out += [f"#text-par[#{_string(p.text)}]" for p in overview.organisation]
    return out


def _table_page(table: Any, part_heading: str | None, highlights: Highlights) -> list[str]:
    wide = table.page_class == "page-wide"
    size = 7.5 if table.number == "06" else 8 if wide else 9
    out = [f"#{'wide' if wide else 'tall'}["]
    if part_heading is not None:
        out.append(_heading(1, part_heading, "part-2"))
    title_size = 14 if wide else 15
    out.append(
        f'#align(center, text(font: "{SANS}", weight: "bold", size: {title_size}pt, '
        f"{_string(table.title)})) <table-{table.number}>"
    )
    mark = getattr(table, "mark", "") or f"公开{table.number}表"
    out.append(f"#align(right, text(size: 9.5pt, {_string(mark)}))")
    money = "金额单位：" + (getattr(table, "money", "") or "万元")
    out.append(
        "#text(size: 9.5pt, grid(columns: (1fr, 1fr, 1fr), "
        f"align(left, {_string('部门名称：' + table.unit_name)}), "
        f"align(center, {_string(table.year_text)}), align(right, {_string(money)})))"
    )
    columns = ", ".join(f"{width}%" for width in table.widths)
    inset = "(x: 3pt, y: 0.8pt)" if wide else "(x: 3pt, y: 1pt)"
    if table.number == "06":
        inset = "(x: 2pt, y: 1pt)"
    head = ", ".join(_grid_cell(table.number, cell, highlights) for row in table.grid.head for cell in row)
    body = ", ".join(
        _grid_cell(table.number, cell, highlights, body=True) for row in table.grid.body for cell in row
    )
    out.append(
        f"#block(above: 0.4em, below: 0.4em)[#set text(size: {size}pt); "
        f"#table(columns: ({columns}), inset: {inset}, align: center + horizon, "
        f"table.header({head}), {body})]"
    )
    for note in table.notes:
        if "本表无数据" in note:
            out.append(f'#plain-par(text(size: 9.5pt, font: "{SANS}", weight: "bold", {_string(note)}))')
        else:
            out.append(f"#plain-par(text(size: 9.5pt, {_string(note)}))")
    out.append("]")
    return out


def _grid_cell(number: str, cell: Any, highlights: Highlights, body: bool = False) -> str:
    """A grid cell as the HTML page draws it: headings centred, a body heading (section) in
    bold sans on the left, figures on the right, codes and line numbers centred where HTML does."""
    options = []
    if cell.colspan > 1:
        options.append(f"colspan: {cell.colspan}")
    if cell.rowspan > 1:
        options.append(f"rowspan: {cell.rowspan}")
    text = _string(cell.text)
    if body and cell.kind == "head":
        options.append("align: left + horizon")
        text = f'text(font: "{SANS}", weight: "bold", {text})'
    elif body and cell.kind == "number":
        centred = cell.text and cell.figure is None  # 公开06表 ——
        options.append("align: center + horizon" if centred else "align: right + horizon")
    elif body and (cell.kind == "text" or (cell.kind == "code" and cell.colspan == 1)):
        options.append("align: left + horizon")
    if cell.ref is not None:
        mark = highlights.get((number, *cell.ref))
        if mark:
            kind = mark if isinstance(mark, str) else mark[0]
            options.append(f'fill: rgb("{HIGHLIGHT_FILL.get(kind, HIGHLIGHT_FILL[""])}")')
    return f"table.cell({', '.join(options)}, {text})" if options else f"[#{text}]"


def _section(view: Any, level: int) -> list[str]:
    out = [_heading(level, view.heading, view.anchor)]
    out += [f"#text-par[#{_string(paragraph.text)}]" for paragraph in view.paragraphs]
    for child in view.children:
        out += _section(child, level + 1)
    out += [_chart(chart) for chart in view.charts]
    return out


def _chart(chart: Any) -> str:
    """The chart's SVG (the web page's own), centred, at its own size within the text's width."""
    svg = str(chart.markup)
    return (
        f"#block(above: 0.8em, below: 1em, breakable: false, align(center, "
        f'image(bytes({_raw(svg)}), format: "svg", alt: {_string(chart.title)})))'
    )


def _raw(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _forms(forms: Sequence[Mapping[str, Any]]) -> list[str]:
    out = ["#wide[", _heading(1, "第五部分 附件", "part-5")]
    if not forms:
        out.append("#plain-par[无]")
    for index, form in enumerate(forms):
        if index:
            out.append("#pagebreak()")
        out += _form(form)
    out.append("]")
    return out


def _form(form: Mapping[str, Any]) -> list[str]:
    """A 绩效自评表 with its spans, as _forms.html.j2 draws it (eleven columns)."""

    def cell(text: object, colspan: int = 1, rowspan: int = 1, align: str = "center") -> str:
        options = [f"colspan: {colspan}"] * (colspan > 1) + [f"rowspan: {rowspan}"] * (rowspan > 1)
        options.append(f"align: {align} + horizon")
        return f"table.cell({', '.join(options)}, {_string('' if text is None else text)})"

    def figure(value: object) -> str:
        return cell(value, align="right")

    def left(text: object, colspan: int = 1) -> str:
        return cell(text, colspan, align="left")

    cells = [cell("项目名称", 2), left(form["project"], 9)]
    cells += [cell("主管部门及代码", 2), left(form["department"], 4), cell("预算单位"), left(form["unit"], 4)]
    funding = form["funding"]
    cells += [cell("项目资金预算安排及执行进度（万元）", 1, 2 + len(funding)), cell("", 1, 2)]
    cells += [cell("年初预算数", 2), cell("全年预算数", 1, 2), cell("全年执行数", 1, 2)]
    cells += [cell("资金结（转）余", 1, 2), cell("执行率（%）", 1, 2), cell("得分", 1, 2)]
    cells += [cell("偏差原因", 2, 2), cell("目标申报数"), cell("预算编制数")]
    for line in funding:
        cells += [left(line.name), figure(line.declared), figure(line.budgeted)]
        cells += [figure(line.full_year_budget), figure(line.executed), figure(line.balance)]
        cells += [figure(line.execution_rate), figure(line.score), left(line.deviation, 2)]
    cells += [cell("项目年度绩效目标", 1, 2), cell("年度目标", 5), cell("实际完成情况", 5)]
    cells += [left(form["annual_goal"], 5), left(form["achieved"], 5)]
    cells += [cell("绩效指标", 1, 1 + len(form["indicators"]))]
    heads = ("一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值")
    cells += [cell(text) for text in (*heads, "定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施")]
    for item in form["indicators"]:
        indicator = item["indicator"]
        if item["level1_span"]:
            cells.append(cell(indicator.level1, 1, item["level1_span"]))
        if item["level2_span"]:
            cells.append(cell(indicator.level2, 1, item["level2_span"]))
        cells += [left(indicator.name), left(indicator.initial_target), left(indicator.adjusted_target)]
        cells += [left(indicator.actual), left(indicator.note), figure(indicator.weight)]
        cells += [figure(indicator.score), left(indicator.reason)]
    grade = _string(form["grade"])
    grade = f'table.cell(align: center + horizon, text(font: "{SANS}", weight: "bold", {grade}))'
    cells += [cell("总分", 9), figure(form["total_score"]), grade]
    for index, item in enumerate(form["analysis"]):
        if index == 0:
            cells.append(cell("项目绩效分析", 1, len(form["analysis"])))
        if item["span"]:
            cells.append(cell(item["label"], 3, item["span"]))
        cells.append(left(item["text"], 7))
    notes = ", ".join(_string(note) for note in form["notes"])
    return [
        f'#align(center, text(font: "{SANS}", weight: "bold", size: 14pt, {_string(form["title"])}))'
        f" <form-{form['index']}>",
        f"#align(center, {_string(form['year_text'])})" if form["year_text"] else "",
        "#block(above: 0.4em, below: 0.3em)[#set text(size: 8.5pt); "
        f"#table(columns: {FORM_COLUMNS}, inset: (x: 2pt, y: 1pt), {', '.join(cells)})]",
        f"#text(size: 8pt, par(leading: 0.45em, first-line-indent: 0em, ({notes}).join(linebreak())))",
    ]


def compile_pdf(markup: str) -> bytes:
    """The PDF of a Typst document (`source`), its fonts the system's (Noto CJK: scripts/setup)."""
    return _compiler().compile(markup.encode("utf-8"), format="pdf", pdf_tags=False)


@cache
def _compiler() -> Any:
    """One compiler for the process: the system's fonts are listed once."""
    import typst

    return typst.Compiler(font_paths=typst.Fonts(include_system_fonts=True, include_embedded_fonts=False))
