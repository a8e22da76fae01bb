"""Side by side: ways of making the example's PDF, each timed on the same disclosure.

Each variant is run in turn, round after round, and its least CPU time is kept (the machine is
shared: the least is the one others disturbed least). The WeasyPrint variants, step by step:

- before: the print page with an id on every table cell, parsed by WeasyPrint's HTML5 parser,
  with its whole user-agent sheet (as `render.pdf` was);
- expat + lean UA sheet: the same page as `render.pdf.layout` now takes it (parsed by expat;
  no style computed for the footnote and marker pseudo-elements of every element);
- current: and the cells without ids (the print page as `render_html` now makes it);
- no-charts: the current page without its three charts (what drawing them costs);
- png-charts: the charts as PNG images (200 dpi) instead of SVG.

And, when the ``typst`` package is installed (``pip install typst``, Apache-2.0, not a
dependency), `typst_source` writes the same tables, 第三部分, 名词解释 and forms as Typst markup and
times its compiler on it in a fresh process each round (its first compile, fonts found and
loaded, as a build would pay it: a rough port to measure the engine, not a finished template).

Run: .venv/bin/python benchmarks/pdf_variants.py [rounds]
"""

from __future__ import annotations

import base64
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from juesuan.build import assemble

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "datong-2024"


def main(rounds: int = 3) -> None:
    from juesuan.render import html as html_module
    from juesuan.render.html import render_html
    from juesuan.render.pdf import layout

    disclosure = assemble(EXAMPLE).disclosure
    page = render_html(disclosure, for_print=True)
    attributes = html_module._cell_attributes
    html_module._cell_attributes = lambda highlights, keyed=True: attributes(highlights, True)
    with_ids = render_html(disclosure, for_print=True)  # as before: every cell keyed
    html_module._cell_attributes = attributes
    assert 'id="cell-' in with_ids and 'id="cell-' not in page
    variants: dict[str, Callable[[], float]] = {
        "before": cpu(lambda: _html5(with_ids)),
        "expat + lean UA sheet": cpu(lambda: layout(with_ids).write_pdf()),
        "current": cpu(lambda: layout(page).write_pdf()),
        "no-charts": cpu(lambda: layout(_without_charts(page)).write_pdf()),
        "png-charts": cpu(lambda: layout(_png_charts(page, disclosure)).write_pdf()),
    }
    typst = _typst_variant(disclosure)
    if typst:
        variants["typst (rough port)"] = typst
    layout(page).write_pdf()  # fonts and imports loaded before timing
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, timed in variants.items():
            took = timed()
            best[name] = min(best.get(name, took), took)
    for name, seconds in best.items():
        print(f"{name:<24} {seconds:.2f} s CPU (least of {rounds})")


def cpu(make: Callable[[], Any]) -> Callable[[], float]:
    def timed() -> float:
        start = time.process_time()
        make()
        return time.process_time() - start

    return timed


def _html5(page: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=page, url_fetcher=URLFetcher(allowed_protocols=("data",))).render().write_pdf()


def _without_charts(page: str) -> str:
    return re.sub(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,[^"]*"/>', "", page)


def _without_cell_ids(page: str) -> str:
    return re.sub(r' (?:data-cell="[^"]*"|id="cell-[^"]*")', "", page)


def _png_charts(page: str, disclosure: Any) -> str:
    from juesuan.render import charts

    drawn = {
        "本年收入构成": charts.income_structure(disclosure, charts.to_png),
        "本年支出构成": charts.expenditure_structure(disclosure, charts.to_png),
        "一般公共预算财政拨款支出结构": charts.class_structure(disclosure, charts.to_png),
    }

    def png(match: re.Match[str]) -> str:
        data = drawn.get(match.group(1))
        if not data:
            return match.group(0)
        return f'<img alt="{match.group(1)}" src="data:image/png;base64,{base64.b64encode(data).decode()}"/>'

    return re.sub(r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,[^"]*"/>', png, page)


def _typst_variant(disclosure: Any) -> Callable[[], float] | None:
    try:
        import typst  # noqa: F401
    except ImportError:
        print("typst 未安装（pip install typst）：跳过 Typst 的对照")
        return None
    folder = Path(tempfile.mkdtemp(prefix="juesuan-typst-"))
    source = folder / "document.typ"
    source.write_text(typst_source(disclosure, folder), encoding="utf-8")
    code = f"import typst; typst.compile({str(source)!r}, output={str(folder / 'document.pdf')!r})"

    def timed() -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    return timed


def _string(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typst_source(disclosure: Any, folder: Path) -> str:
    """The disclosure in Typst markup (A4, footers, landscape pages for wide tables, repeated
    table headings, spans, charts as the same SVG), written for timing the engine."""
    from juesuan.catalogue.templates import template_of, under
    from juesuan.render.html import _form_view, chart_views, table_views

    lines = [
        '#set page(paper: "a4", margin: (x: 20mm, y: 24mm),'
        " footer: context align(center)[— #counter(page).display() —])",
        '#set text(font: "Noto Serif CJK SC", size: 10.5pt, lang: "zh")',
        '#show heading: set text(font: "Noto Sans CJK SC")',
        f'#align(center)[#text(size: 24pt, font: "Noto Sans CJK SC")[#{_string(disclosure.unit)}]]',
        "#pagebreak()",
        "#outline()",
    ]
    with under(template_of(disclosure)):
        for view in table_views(disclosure):
            wide = view.page_class == "page-wide"
            margin = "13mm" if wide else "(x: 20mm, y: 24mm)"
            lines.append(f"#page(flipped: {str(wide).lower()}, margin: {margin})[")
            lines.append(f"#heading(level: 2)[#{_string(view.title)}]")
            lines.append(
                f"#text(size: 9pt)[部门名称：#{_string(view.unit_name)} #h(1fr) "
                f"#{_string(view.year_text)} #h(1fr) 金额单位：万元]"
            )
            head = ", ".join(_typst_cell(cell) for row in view.grid.head for cell in row)
            body = ", ".join(_typst_cell(cell) for row in view.grid.body for cell in row)
            columns = ", ".join(f"{width}%" for width in view.widths)
            lines.append(
                f"#text(size: {8 if wide else 9}pt)[#table(columns: ({columns}), inset: 2pt,"
                f" stroke: 0.6pt, table.header({head}), {body})]"
            )
            lines.extend(f"#text(size: 9pt)[#{_string(note)}]" for note in view.notes)
            lines.append("]")
        placed = chart_views(disclosure, None, True)
        lines.append("= 第三部分 情况说明")
        for section in disclosure.narrative:
            _typst_section(section, 2, lines)
        for index, views in enumerate(placed.values()):
            for chart in views:
                svg = re.search(r"base64,([^\"]+)", str(chart.markup))
                if svg:
                    (folder / f"chart{index}.svg").write_bytes(base64.b64decode(svg.group(1)))
                    lines.append(f'#image("chart{index}.svg", width: 80%)')
        lines.append("= 第四部分 名词解释")
        for term in disclosure.glossary:
            lines.append(f"#par[*#{_string(term.name)}*：#{_string(term.definition)}]\n")
        lines.append("#set page(flipped: true, margin: 13mm)\n= 第五部分 附件")
        for index, form in enumerate(disclosure.forms, 1):
            lines.extend(_typst_form(_form_view(index, form)))
    return "\n".join(lines)


def _typst_cell(cell: Any) -> str:
    spans = []
    if cell.colspan > 1:
        spans.append(f"colspan: {cell.colspan}")
    if cell.rowspan > 1:
        spans.append(f"rowspan: {cell.rowspan}")
    if cell.kind == "number":
        spans.append("align: right")
    return f"table.cell({', '.join(spans)})[#{_string(cell.text)}]" if spans else f"[#{_string(cell.text)}]"


def _typst_section(section: Any, level: int, lines: list[str]) -> None:
    lines.append("=" * level + f" {section.number}、{section.title}")
    lines.extend(f"#par[#{_string(paragraph.text)}]\n" for paragraph in section.paragraphs)
    for child in section.subsections:
        _typst_section(child, level + 1, lines)


def _typst_form(form: dict[str, Any]) -> list[str]:
    """A 绩效自评表 with its spans, as the HTML template draws it (eleven columns)."""

    def cell(text: object, colspan: int = 1, rowspan: int = 1) -> str:
        spans = [f"colspan: {colspan}"] * (colspan > 1) + [f"rowspan: {rowspan}"] * (rowspan > 1)
        shown = "" if text is None else text
        return f"table.cell({', '.join(spans)})[#{_string(shown)}]" if spans else f"[#{_string(shown)}]"

    cells = [cell("项目名称", 2), cell(form["project"], 9)]
    cells += [cell("主管部门及代码", 2), cell(form["department"], 4), cell("预算单位"), cell(form["unit"], 4)]
    funding = form["funding"]
    cells += [cell("项目资金预算安排及执行进度（万元）", 1, 2 + len(funding)), cell("", 1, 2)]
    cells += [cell("年初预算数", 2), cell("全年预算数", 1, 2), cell("全年执行数", 1, 2)]
    cells += [
        cell("资金结（转）余", 1, 2),
        cell("执行率（%）", 1, 2),
        cell("得分", 1, 2),
        cell("偏差原因", 2, 2),
    ]
    cells += [cell("目标申报数"), cell("预算编制数")]
    for line in funding:
        cells += [cell(line.name), cell(line.declared), cell(line.budgeted), cell(line.full_year_budget)]
        cells += [cell(line.executed), cell(line.balance), cell(line.execution_rate), cell(line.score)]
        cells += [cell(line.deviation, 2)]
    cells += [cell("项目年度绩效目标", 1, 2), cell("年度目标", 5), cell("实际完成情况", 5)]
    cells += [cell(form["annual_goal"], 5), cell(form["achieved"], 5)]
    cells += [cell("绩效指标", 1, 1 + len(form["indicators"]))]
    heads = ("一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值")
    cells += [cell(text) for text in (*heads, "定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施")]
    for item in form["indicators"]:
        indicator = item["indicator"]
        if item["level1_span"]:
            cells.append(cell(indicator.level1, 1, item["level1_span"]))
        if item["level2_span"]:
            cells.append(cell(indicator.level2, 1, item["level2_span"]))
        cells += [cell(indicator.name), cell(indicator.initial_target), cell(indicator.adjusted_target)]
        cells += [cell(indicator.actual), cell(indicator.note), cell(indicator.weight)]
        cells += [cell(indicator.score), cell(indicator.reason)]
    cells += [cell("总分", 9), cell(form["total_score"]), cell(form["grade"])]
    for index, item in enumerate(form["analysis"]):
        if index == 0:
            cells.append(cell("项目绩效分析", 1, len(form["analysis"])))
        if item["span"]:
            cells.append(cell(item["label"], 3, item["span"]))
        cells.append(cell(item["text"], 7))
    columns = "(7%, 9%, 8%, 12%, 9%, 9%, 9%, 8%, 6%, 6%, 17%)"
    return [
        "#pagebreak()",
        f"#align(center)[#text(size: 14pt)[#{_string(form['title'])}]]",
        f"#text(size: 8.5pt)[#table(columns: {columns}, inset: 2pt, stroke: 0.6pt, {', '.join(cells)})]",
        *(f"#text(size: 8pt)[#{_string(note)}]" for note in form["notes"]),
    ]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
