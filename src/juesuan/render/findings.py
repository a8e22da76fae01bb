"""A check's findings on the document: the tables (and 情况说明, 附件) as they were read, every
finding's cells highlighted, the findings listed beside them; clicking one scrolls to its cell
(or its sentence) and flashes it. One self-contained HTML page: `juesuan check --format html`
writes it, and the web app shows it with its own header (download links) on top.

Table cells are marked through `render_html`'s highlights; the cells of 绩效自评表 and the
paragraph of a narrative finding are marked here, by the ids and attributes the page carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from juesuan.model import Disclosure, Paragraph, Section
from juesuan.report.locations import cell_location, rule_title
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.report import SEVERITY_NAMES, summary_line

RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
RELATED = "related"  # a cell a finding compared its subject with
# 绩效自评表: the rules' column names → the names the page's data-form attributes use.
FORM_COLUMNS = {"资金结(转)余": "资金结（转）余", "总分": "得分", "等级": "得分"}
_QUOTE = re.compile(r"“([^”]+)”")


@dataclass(frozen=True)
class Target:
    """Something on the page a finding points at: its element id and a Chinese label."""

    element: str
    label: str


def findings_html(
    disclosure: Disclosure, findings: Sequence[Finding], *, header: str = "", pdf: bytes | None = None
) -> str:
    """The report page; `header` is HTML put above it (the web app's links), empty for a file.
    With the `pdf` the disclosure was read from, its pages follow the document as the unit
    published them, each finding's cells boxed, and each finding links to its boxes too."""
    from juesuan.render.html import render_html

    page = render_html(disclosure, highlights=table_highlights(findings))
    style, body = _parts(page)
    marker = _Marker(disclosure, body)
    targets = [marker.mark(finding) for finding in findings]
    original = Markup("")
    if pdf is not None:
        boxes = original_boxes(disclosure, findings, pdf)
        targets = [
            [*box_targets(n, found), *marked]
            for n, (found, marked) in enumerate(zip(boxes, targets, strict=True))
        ]
        original = original_pages(pdf, findings, boxes)
    title = f"审核结果：{disclosure.unit}{f' {disclosure.year}年度' if disclosure.year else ''}"
    return _PAGE.format(
        title=escape(title),
        css=style + REPORT_CSS,
        header=header,
        document=Markup(marker.body) + original,  # the body is the renderer's HTML, already escaped
        findings=findings_list(findings, targets),
        script=REPORT_JS,
    )


def original_boxes(disclosure: Disclosure, findings: Sequence[Finding], pdf: bytes) -> list[list]:
    """Each finding's boxes on the PDF's pages (`render.pages.finding_boxes`)."""
    from juesuan.render.pages import Claims, finding_boxes

    claims = Claims(pdf)
    try:
        return [finding_boxes(disclosure, finding, claims) for finding in findings]
    finally:
        claims.close()


def box_targets(finding: int, boxes: Sequence) -> list[Target]:
    """A link to each page a finding's boxes are on (the first box of the page)."""
    firsts = {box.page: i for i, box in reversed(list(enumerate(boxes)))}
    return [
        Target(
            f"box-{finding + 1}-{i}",
            f"原页面{boxes[i].page_name}{'（比较）' if boxes[i].role != 'subject' else ''}",
        )
        for i in sorted(firsts.values())
    ]


def original_pages(pdf: bytes, findings: Sequence[Finding], boxes: Sequence[Sequence]) -> Markup:
    """The PDF's pages as images in the page itself (data: URLs, so the report stays one file),
    each finding's boxes placed over them as shares of the page."""
    import base64

    from juesuan.render.pages import render_pages

    figures = []
    for page, png in render_pages(pdf):
        marks = Markup("").join(
            Markup(
                '<a class="box {cls}" id="box-{n}-{i}" href="#finding-{n}"'
                ' title="{title}" style="{style}"></a>'
            ).format(
                cls=finding.severity if box.role == "subject" else "related",
                n=n + 1,
                i=i,
                title=f"{SEVERITY_NAMES[finding.severity]} {rule_title(finding.rule)}：{finding.message}",
                style=box.style(page),
            )
            for n, (finding, found) in enumerate(zip(findings, boxes, strict=True))
            for i, box in enumerate(found)
            if box.page == page.number
        )
        printed = f"（印第{page.printed}页）" if page.printed else ""
        figures.append(
            Markup(
                '<figure class="original-page" id="page-{n}"><div class="sheet">'
                '<img src="data:image/png;base64,{png}" alt="第{n}页" width="{w}">{marks}</div>'
                "<figcaption>文件第{n}页{printed}</figcaption></figure>"
            ).format(
                n=page.number,
                png=base64.b64encode(png).decode("ascii"),
                w=round(page.width),
                marks=marks,
                printed=printed,
            )
        )
    heading = Markup('<h2 class="original-heading">原页面（单位公开的 PDF，问题所在处已框出）</h2>')
    return Markup('<section class="original">{}{}</section>').format(heading, Markup("").join(figures))


def table_highlights(findings: Sequence[Finding]) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(table, row, col) → (css class, tooltip): a finding's subject cell in its severity's colour,
    the cells it was compared with as related; a subject's mark beats a related one and the more
    severe beats the less, and the tooltip lists every finding on the cell."""
    marks: dict[tuple[str, str, str], tuple[str, str]] = {}
    for finding in sorted(findings, key=lambda f: RANK[f.severity]):
        for index, cell in enumerate(finding.cells):
            key = (cell.table, cell.row, cell.col)
            note = f"{finding.rule}：{finding.message}"
            css, tooltip = marks.get(key, (RELATED, ""))
            if index == 0 and css == RELATED:
                css = str(finding.severity)
            marks[key] = (css, f"{tooltip}\n{note}" if tooltip else note)
    return marks


def findings_csv(findings: Sequence[Finding], disclosure: Disclosure | None = None) -> str:
    """One row per finding, errors first, under Chinese headers (`juesuan.report.csv_table`);
    given the disclosure, cells are named with their rows' labels."""
    from juesuan.report.csv_table import findings_csv as as_csv

    return as_csv(disclosure, findings)


def findings_list(findings: Sequence[Finding], targets: Sequence[Sequence[Target]]) -> Markup:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    boxes = Markup("").join(
        Markup('<label><input type="checkbox" value="{}" checked> {}（{}）</label>').format(
            severity, SEVERITY_NAMES[severity], counts[severity]
        )
        for severity in Severity
    )
    order = sorted(range(len(findings)), key=lambda i: RANK[findings[i].severity])
    items = Markup("").join(_item(i, findings[i], targets[i]) for i in order)
    return Markup(
        '<h2>审核结果</h2><p class="summary">{}</p><p class="severity-filter">{}</p>'
        '<ol class="finding-list">{}</ol>'
    ).format(summary_line(findings), boxes, items or Markup("<li>没有发现问题</li>"))


def _item(index: int, finding: Finding, targets: Sequence[Target]) -> Markup:
    goto = Markup(' data-goto="{}"').format(targets[0].element) if targets else Markup("")
    links = Markup(" ").join(
        Markup('<a href="#{0}" data-goto="{0}">{1}</a>').format(t.element, t.label) for t in targets
    )
    return Markup(
        '<li class="finding {sev}" id="finding-{n}" data-rule="{rule}">'
        '<button type="button" class="goto"{goto}><span class="badge">{name}</span> '
        '<span class="rule">{rule}</span> <span class="title">{title}</span>'
        '<span class="message">{message}</span>'
        '<span class="where">{where}</span></button>{targets}</li>'
    ).format(
        sev=finding.severity,
        n=index + 1,
        rule=finding.rule,
        title=rule_title(finding.rule),
        goto=goto,
        name=SEVERITY_NAMES[finding.severity],
        message=finding.message,
        where=finding.where,
        targets=Markup('<p class="targets">定位：{}</p>').format(links) if targets else "",
    )


class _Marker:
    """Marks the page's body for each finding and says where the finding points."""

    def __init__(self, disclosure: Disclosure, body: str) -> None:
        self.disclosure = disclosure
        self.body = body
        self.paragraphs = list(narrative_paragraphs(disclosure))
        self.form_cells: dict[str, str] = {}

    def mark(self, finding: Finding) -> list[Target]:
        targets = [t for cell in finding.cells if (t := self._cell(finding, cell))]
        sentence = self._sentence(finding)
        return targets + ([sentence] if sentence else [])

    def _cell(self, finding: Finding, cell: CellRef) -> Target | None:
        from juesuan.render.html import cell_id

        if cell.table.isdigit():
            element = cell_id(cell.table, cell.row, cell.col)
            found = f'id="{escape(element)}"' in self.body
            return Target(element, cell_location(self.disclosure, cell)) if found else None
        return self._form_cell(finding, cell)

    def _form_cell(self, finding: Finding, cell: CellRef) -> Target | None:
        key = form_key(self.disclosure, cell)
        if key is None:
            return None
        if key not in self.form_cells:
            attribute = f'<td class="number" data-form="{escape(key)}"'
            if attribute not in self.body:
                return None
            element = f"form-cell-{len(self.form_cells) + 1}"
            marked = (
                f'<td class="number highlight {finding.severity}" id="{element}" data-form="{escape(key)}"'
            )
            self.body = self.body.replace(attribute, marked, 1)
            self.form_cells[key] = element
        return Target(self.form_cells[key], cell_location(self.disclosure, cell))

    def _sentence(self, finding: Finding) -> Target | None:
        """The paragraph of 第三部分 the finding's `where` names, marked, its claim highlighted."""
        found = narrative_paragraph(self.paragraphs, finding)
        if found is None:
            return None
        element, _ = found
        start = self.body.find(f'<p id="{element}"')
        end = self.body.find("</p>", start)
        if start < 0 or end < 0:
            return None
        text = self.body[start:end]
        if text.startswith(f'<p id="{element}">'):
            text = text.replace(">", f' class="finding-paragraph {finding.severity}">', 1)
        quote = _QUOTE.search(finding.message)
        claim = escape(quote[1]) if quote else ""
        if claim and claim in text and f'<mark class="claim">{claim}</mark>' not in text:
            text = text.replace(claim, f'<mark class="claim">{claim}</mark>', 1)
        self.body = self.body[:start] + text + self.body[end:]
        return Target(element, "情况说明原句")


def narrative_paragraphs(disclosure: Disclosure) -> Iterator[tuple[str, Paragraph, str]]:
    """(section key such as 九（二）, paragraph, its element id) in the ids `render_html` gives.

    Keys are the template's section numbers, found by title, as the checker's `where` names them."""
    from juesuan.narrative.sections import canonical_number

    for i, section in enumerate(disclosure.narrative, 1):
        yield from _walk(section, canonical_number(section), f"narrative-{i}")


def _walk(section: Section, key: str, anchor: str) -> Iterator[tuple[str, Paragraph, str]]:
    for k, paragraph in enumerate(section.paragraphs, 1):
        yield key, paragraph, f"{anchor}-p{k}"
    for j, child in enumerate(section.subsections, 1):
        yield from _walk(child, key + child.number, f"{anchor}-{j}")


def narrative_paragraph(
    paragraphs: Sequence[tuple[str, Paragraph, str]], finding: Finding
) -> tuple[str, Paragraph] | None:
    """The paragraph a narrative finding's ``where`` (第三部分 六 原文第494行) names; its quoted
    claim decides between paragraphs sharing a location (a PDF page)."""
    parts = finding.where.split(maxsplit=2)
    if len(parts) < 3 or parts[0] != "第三部分":
        return None
    here = [(e, p) for key, p, e in paragraphs if key == parts[1] and str(p.origin) == parts[2]]
    quote = _QUOTE.search(finding.message)
    quoted = [(e, p) for e, p in here if quote and quote[1] in p.text]
    return (quoted or here or [None])[0]


def form_key(disclosure: Disclosure, cell: CellRef) -> str | None:
    """The ``data-form`` key (form number|row|column) of a 绩效自评表 cell a finding names."""
    if not (cell.table.startswith("P") and cell.table[1:].isdigit()):
        return None
    index = int(cell.table[1:])
    if not 1 <= index <= len(disclosure.forms):
        return None
    form = disclosure.forms[index - 1]
    row = cell.row
    names = [indicator.name for indicator in form.indicators]
    if row not in {line.name for line in form.funding} and row in names:
        row = f"指标{names.index(row) + 1}"
    return f"{index}|{row}|{FORM_COLUMNS.get(cell.col, cell.col)}"


def _parts(page: str) -> tuple[str, str]:
    """The inlined stylesheet and the body of a page `render_html` made."""
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    body = re.search(r"<body[^>]*>(.*)</body>", page, re.S)
    if not style or not body:
        raise ValueError("render_html 的输出缺少 <style> 或 <body>")
    return style[1], body[1]


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="juesuan">
<title>{title}</title>
<style>{css}</style>
</head>
<body class="screen report">
{header}
<div class="report-layout">
<div class="report-document">{document}</div>
<aside class="report-findings" aria-label="审核结果">{findings}</aside>
</div>
<script>{script}</script>
</body>
</html>
"""

REPORT_CSS = """
body.report { max-width: none; margin: 0; padding: 0; }
.report-layout { display: grid; grid-template-columns: minmax(0, 1fr) 25rem; align-items: start; }
.report-document { min-width: 0; padding: 0 24px 64px; }
.report-document .cover, .report-document .toc { display: none; }
.report-findings { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; box-sizing: border-box;
  padding: 12px 14px 32px; border-left: 1px solid #ccc; background: #fafafa;
  font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10pt; line-height: 1.5; }
.report-findings h2 { margin-top: 0; }
.report-findings .summary { font-weight: bold; text-align: left; }
.severity-filter label { margin-right: 0.8em; white-space: nowrap; }
.finding-list { list-style: none; margin: 0; padding: 0; }
.finding { margin: 0 0 8px; border-left: 4px solid #1f66c2; background: #fff; }
.finding.error { border-left-color: #c62828; }
.finding.warning { border-left-color: #e08a00; }
.finding.active { box-shadow: 0 0 0 2px #333; }
.finding .goto { display: block; width: 100%; padding: 6px 8px; border: 0; background: none;
  font: inherit; text-align: left; cursor: pointer; }
.finding .goto:not([data-goto]) { cursor: default; }
.finding .goto:hover[data-goto] { background: #f0f0f0; }
.finding .badge { font-weight: bold; }
.finding .rule { font-family: monospace; margin-left: 0.3em; }
.finding .title { font-weight: bold; }
.finding .message { display: block; }
.finding .where { display: block; color: #666; font-size: 9pt; }
.finding .targets { margin: 0; padding: 0 8px 6px; font-size: 9pt; text-indent: 0; }
.finding .targets a { color: #1f66c2; text-decoration: underline; margin-right: 0.6em; }
.highlight.related { background: #f1f1f1; outline: 1.5pt dashed #777; }
.finding-paragraph { background: #fff6f5; outline: 1px solid #e3a6a1; }
.finding-paragraph.warning { background: #fff8ea; }
.finding-paragraph.info { background: #eef5ff; outline-color: #9cbce6; }
mark.claim { background: #ffd9d6; outline: 1.5pt solid #c62828; }
.original-page { margin: 24px 0; }
.original-page .sheet { position: relative; display: inline-block; max-width: 100%; border: 1px solid #ccc; }
.original-page img { display: block; max-width: 100%; height: auto; }
.original-page .box { position: absolute; border: 2px solid #1f66c2; background: rgba(31, 102, 194, 0.08); }
.original-page .box.error { border-color: #c62828; background: rgba(198, 40, 40, 0.10); }
.original-page .box.warning { border-color: #e08a00; background: rgba(224, 138, 0, 0.10); }
.original-page .box.related { border: 1.5px dashed #777; background: none; }
.original-page figcaption { color: #666; font-size: 9pt; }
@keyframes juesuan-flash { 0%, 60% { box-shadow: 0 0 0 4px #c62828; } 100% { box-shadow: none; } }
.flash { animation: juesuan-flash 0.7s ease-in-out 3; position: relative; z-index: 1; }
@media (max-width: 900px) {
  .report-layout { grid-template-columns: 1fr; }
  .report-findings { position: static; max-height: none; border-left: 0; order: -1; }
}
"""

REPORT_JS = """
(function () {
  function flash(el) {
    el.scrollIntoView({ behavior: "smooth", block: "center", inline: "center" });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    clearTimeout(el.flashTimer);
    el.flashTimer = setTimeout(function () { el.classList.remove("flash"); }, 3000);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-goto]");
    if (!link) return;
    event.preventDefault();
    var el = document.getElementById(link.getAttribute("data-goto"));
    if (!el) return;
    document.querySelectorAll(".finding.active").forEach(function (li) { li.classList.remove("active"); });
    var item = link.closest(".finding");
    if (item) item.classList.add("active");
    flash(el);
  });
  document.querySelectorAll(".severity-filter input").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll(".finding." + box.value).forEach(function (li) { li.hidden = !box.checked; });
    });
  });
})();
"""
