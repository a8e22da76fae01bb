"""A review on the web: the work done in the worker process for one upload (`review_job`), what
is kept of it (`Kept`, saved with the result), and what the review page lists (`Entry`).

The worker reads and checks the file, draws the tables with the findings marked (the table
view, `juesuan.render.findings`), and for a PDF or an image (PNG, JPEG, TIFF: its frames as the
OCR read them) renders its pages (the page view) and finds each finding's boxes on them; every
step is told to the uploading page (`juesuan.web.progress`).
"""

from __future__ import annotations

import functools
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from juesuan.model import Disclosure, Problem
from juesuan.render.pages import Box, PageImage
from juesuan.rules import Finding, Severity
from juesuan.rules.outside import OutsideFacts
from juesuan.web.progress import Progress

Read = tuple[Disclosure, list[Problem]]
KEPT = "review.pickle"
PREVIOUS = "previous.pickle"  # the previous submission uploaded beside it, when one was
TABLES = "tables.html"
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
DOCUMENT = r'<div class="report-document">(.*?)</div>\s*<aside class="report-findings"'


@dataclass(frozen=True)
class Kept:
    """What the review page is made from, saved with the result (the app's own pickle)."""

    disclosure: Disclosure
    problems: list[Problem]
    findings: list[Finding]
    pages: tuple[PageImage, ...] = ()
    boxes: tuple[tuple[Box, ...], ...] = ()  # each finding's, in the findings' order

    def save(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def load(data: bytes) -> Kept:
        return pickle.loads(data)  # written by this app, into its own result folder


@dataclass(frozen=True)
class Reviewed:
    """The worker's answer: what is kept, the report page (the table view) and the page images."""

    kept: Kept
    report: str
    images: tuple[bytes, ...] = field(default=(), repr=False)


def read_job(data: bytes, name: str, max_pages: int, progress_path: str | None) -> Read:
    """Read the upload (in a worker process): the first half of a review whose facts come from
    the corpus, looked up in the server between the two halves."""
    from juesuan.web.jobs import read_upload

    Progress(progress_path).step("读取文件")
    return read_upload(data, name, max_pages)


def review_job(
    data: bytes,
    name: str,
    max_pages: int,
    progress_path: str | None,
    read: Read | None = None,
    facts: OutsideFacts | None = None,
    drawn: bool = True,
) -> Reviewed:
    """Read (unless `read` already), check with the corpus's `facts` in force (if any), draw the
    tables and (for a PDF) render the pages (unless not `drawn`: a previous submission, only
    compared with): run in a worker process."""
    from juesuan.render.findings import findings_html
    from juesuan.render.pages import Claims, finding_boxes, printed_pages, render_pages
    from juesuan.rules.outside import given
    from juesuan.rules.report import review
    from juesuan.sources import sniff

    progress = Progress(progress_path)
    disclosure, problems = read or read_job(data, name, max_pages, progress_path)
    progress.step("审核：表内表间勾稽、情况说明、绩效自评表")
    with given(facts):
        findings = review(disclosure, problems)
    if not drawn:
        return Reviewed(Kept(disclosure, problems, findings), "")
    progress.step("绘制表格视图")
    report = findings_html(disclosure, findings)
    kind = sniff(data)
    if kind == "image":  # its pages as the reader read them: an image-only PDF, read by OCR
        from juesuan.sources.ocr.images import image_pdf

        data, kind = image_pdf(data, name), "pdf"
    if kind != "pdf":
        return Reviewed(Kept(disclosure, problems, findings), report)
    rendered = render_pages(data, progress.page)
    progress.step("标出问题所在位置")
    claims = Claims(data)
    try:
        boxes = tuple(tuple(finding_boxes(disclosure, finding, claims)) for finding in findings)
    finally:
        claims.close()
    printed = printed_pages(disclosure)
    pages = tuple(replace(page, printed=printed.get(page.number)) for page, _ in rendered)
    kept = Kept(disclosure, problems, findings, pages, boxes)
    return Reviewed(kept, report, tuple(image for _, image in rendered))


def table_view(report: str) -> str:
    """The table view cut from the report page: its stylesheet and its document, without the
    page's own list of findings (the review page lists them with titles and decisions)."""
    style = re.search(r"<style>(.*?)</style>", report, re.S)
    document = re.search(DOCUMENT, report, re.S)
    if not style or not document:
        return report
    return f"<style>{style[1]}</style>\n{document[1]}"


@dataclass(frozen=True)
class Entry:
    """One finding as the review page lists it."""

    number: int  # from 1, in the report's order
    finding: Finding
    title: str
    places: tuple[str, ...]  # 公开06表 第3行 第2栏 …, or 第18页 …
    table: str  # the table it is filed under (公开06表, 情况说明, 绩效自评表, 其他)
    boxes: tuple[tuple[str, Box], ...]  # (element id, box) on the rendered pages
    goto: str  # the element of the table view to go to ("" when none)
    decision: object | None = None  # juesuan.decisions.Decision, when one was recorded

    @property
    def severity(self) -> str:
        return str(self.finding.severity)

    @property
    def severity_words(self) -> str:
        from juesuan.rules.report import SEVERITY_NAMES

        return SEVERITY_NAMES[self.finding.severity]


def entries(kept: Kept, table_document: str, decisions: dict | None = None) -> list[Entry]:
    """The findings, errors first (then warnings, then notes), each with what the page shows."""
    titles = rule_titles()
    order = sorted(range(len(kept.findings)), key=lambda i: RANK[kept.findings[i].severity])
    found = []
    for i in order:
        finding = kept.findings[i]
        boxes = kept.boxes[i] if i < len(kept.boxes) else ()
        found.append(
            Entry(
                number=i + 1,
                finding=finding,
                title=titles.get(finding.rule, ""),
                places=places(kept.disclosure, finding),
                table=filed_under(finding),
                boxes=tuple((f"box-{i + 1}-{k + 1}", box) for k, box in enumerate(boxes)),
                goto=_goto(kept.disclosure, finding, table_document),
                decision=_decision(decisions, kept.disclosure, finding),
            )
        )
    return found


@functools.cache
def rule_titles() -> dict[str, str]:
    """Each rule's Chinese title by its id."""
    from juesuan.rules.registry import all_rules
    from juesuan.rules.report import READING_RULE

    return {READING_RULE: "读取时的说明", **{rule.id: rule.title for rule in all_rules()}}


def places(disclosure: Disclosure, finding: Finding) -> tuple[str, ...]:
    """Where a finding sits, in words: the place its rule names, then its subject cell as the
    table prints it (公开01表 第27行 本年收入合计, 公开06表 30110 职工基本医疗保险缴费), and how
    many other cells it was compared with."""
    from juesuan.rules.cells import cell_name

    cells = [cell for cell in finding.cells if cell.row or cell.col]
    named = (
        [cell_name(disclosure, cells[0]) if cells[0].table.isdigit() else form_cell(cells[0])]
        if cells
        else []
    )
    if len(cells) > 1:
        named.append(f"及与之比较的 {len(cells) - 1} 个单元格")
    where = [finding.where] if finding.where and finding.where not in named else []
    return tuple(where + named)


def form_cell(cell) -> str:
    return f"绩效自评表{cell.table[1:]} {cell.row} {cell.col}".strip()


def filed_under(finding: Finding) -> str:
    """The table filter's name for a finding: its subject's table, else its part of the file."""
    if finding.cells and finding.cells[0].table.isdigit():
        return f"公开{finding.cells[0].table}表"
    if finding.cells and finding.cells[0].table.startswith("P"):
        return "绩效自评表"
    if finding.where.startswith("第三部分"):
        return "情况说明"
    return "其他"


def table_names(found: Sequence[Entry]) -> list[str]:
    """The table filter's choices, in the document's order."""
    names = sorted({entry.table for entry in found})
    tables = [name for name in names if name.startswith("公开")]
    return tables + [name for name in ("情况说明", "绩效自评表", "其他") if name in names]


def _goto(disclosure: Disclosure, finding: Finding, document: str) -> str:
    """The element of the table view a finding's link goes to: its first cell drawn there, else
    the paragraph of 情况说明 it is about."""
    from juesuan.render.findings import narrative_paragraph, narrative_paragraphs
    from juesuan.render.html import cell_id

    for cell in finding.cells:
        element = cell_id(cell.table, cell.row, cell.col)
        if f'id="{element}"' in document:
            return element
    found = narrative_paragraph(list(narrative_paragraphs(disclosure)), finding)
    return found[0] if found else ""


def _decision(decisions: dict | None, disclosure: Disclosure, finding: Finding):
    if not decisions:
        return None
    from juesuan.decisions import concern

    return decisions.get(concern(finding, disclosure))
