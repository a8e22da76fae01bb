"""The disclosure as an editable Word document, in the official order and layout.

Cover, 目录 (a Word TOC field whose cached result lists the parts and sections; Word refreshes
it with page numbers), 第一部分 概况, 第二部分 the ten tables (landscape pages, tables drawn from
`render.layout`), 第三部分 情况说明 (with the charts of the HTML page, as pictures), 第四部分
名词解释, 第五部分 附件 (the 绩效自评表, landscape).
Parts are Heading 1, sections and tables Heading 2, sub-sections Heading 3, so Word's navigation
pane and TOC work. `sources.docx` reads the result back into the same model.
"""

from __future__ import annotations

import io

from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph

from juesuan.catalogue import NO_DATA_NOTE
from juesuan.model import Disclosure, PerformanceForm, Section, Table
from juesuan.render.budget_layout import money_unit, table_mark
from juesuan.render.docx_forms import REMARKS, form_rows
from juesuan.render.docx_style import (
    HEI,
    NOTE_STYLE,
    continue_numbering,
    field_end,
    field_start,
    new_document,
    orient,
    page_numbers,
    set_fonts,
    text_width,
)
from juesuan.render.docx_tables import add_grid_table
from juesuan.render.layout import part_two_title, prints_attachments, table_grid

TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'
CENTRE, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def render(disclosure: Disclosure) -> bytes:
    """The .docx file's bytes."""
    writer = _Writer(new_document())
    contents = writer.front(disclosure)
    _overview(writer, disclosure)
    _tables(writer, disclosure)
    _narrative(writer, disclosure)
    _glossary(writer, disclosure)
    if prints_attachments(disclosure):
        _forms(writer, disclosure)
    writer.fill_contents(contents)
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return buffer.getvalue()


class _Writer:
    """Appends headings (remembering them for the 目录), paragraphs and page sections."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.headings: list[tuple[int, str]] = []

    def heading(self, text: str, level: int, new_page: bool = False, centred: bool = False) -> Paragraph:
        paragraph = self.document.add_heading(text, level)
        paragraph.paragraph_format.page_break_before = new_page
        if centred:
            paragraph.alignment = CENTRE
        if level <= 2:
            self.headings.append((level, text))
        return paragraph

    def picture(self, png: bytes) -> None:
        """A chart across the text width, centred, in a paragraph of its own."""
        width = Emu(int(text_width(self.document.sections[-1]) * 0.9))
        self.document.add_picture(io.BytesIO(png), width=width)
        self.document.paragraphs[-1].alignment = CENTRE

    def text(self, text: str) -> Paragraph:
        """A body paragraph, its first line indented two characters."""
        paragraph = self.document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(24)
        return paragraph

    def line(self, text: str, align=None, style: str | None = None, keep: bool = True) -> Paragraph:
        """A one-line paragraph; kept on the page of what follows (a table) unless it is a note."""
        paragraph = self.document.add_paragraph(text, style)
        paragraph.alignment = align
        paragraph.paragraph_format.keep_with_next = keep
        paragraph.paragraph_format.line_spacing = 1.0
        return paragraph

    def section(self, landscape: bool, numbered: bool = False) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        orient(section, landscape)
        if numbered:
            page_numbers(section)
        else:
            continue_numbering(section)

    def front(self, disclosure: Disclosure) -> Paragraph:
        """Cover and 目录 heading; returns the paragraph the contents go before."""
        for _ in range(6):
            self.document.add_paragraph()
        self._big(disclosure.unit, 26)
        self._big(cover_title(disclosure), 22)
        self.document.add_page_break()
        self._big("目  录", 16)
        return self.document.add_paragraph()

    def _big(self, text: str, size: float) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = CENTRE
        paragraph.paragraph_format.space_after = Pt(18)
        run = paragraph.add_run(text)
        run.bold = True
        set_fonts(run._r, HEI, size)

    def fill_contents(self, anchor: Paragraph) -> None:
        """The TOC field, its cached result the headings written (Word adds page numbers)."""
        entries = self.headings or [(1, "")]
        paragraphs = [anchor.insert_paragraph_before(style=f"toc {level}") for level, _ in entries]
        field_start(paragraphs[0], TOC_FIELD, dirty=True)
        for paragraph, (_, text) in zip(paragraphs, entries, strict=True):
            paragraph.add_run(text)
        field_end(paragraphs[-1])
        anchor._p.getparent().remove(anchor._p)


def cover_title(disclosure: Disclosure) -> str:
    """The cover's second line: the title without the unit name (2024年度单位决算公开)."""
    title, unit = disclosure.title, disclosure.unit
    if title and unit and title.startswith(unit) and title != unit:
        return title[len(unit) :].strip()
    if title:
        return title
    kind = disclosure.kind
    return f"{disclosure.year}年度单位{kind}公开" if disclosure.year else f"单位{kind}公开"


def _overview(writer: _Writer, disclosure: Disclosure) -> None:
    writer.section(landscape=False, numbered=True)
    writer.heading("第一部分 概况", 1)
    writer.heading("一、本部门（单位）职责", 2)
    for paragraph in disclosure.overview.duties:
        writer.text(paragraph.text)
    writer.heading("二、机构设置情况", 2)
    for paragraph in disclosure.overview.organisation:
        writer.text(paragraph.text)


def _tables(writer: _Writer, disclosure: Disclosure) -> None:
    writer.section(landscape=True)
    writer.heading(part_two_title(disclosure), 1)
    for index, table in enumerate(disclosure.tables):
        _table(writer, table, new_page=index > 0)


def _table(writer: _Writer, table: Table, new_page: bool) -> None:
    """Title, 公开NN表, 部门名称 / 年度 / 金额单位, the table, its notes."""
    grid = table_grid(table)
    writer.heading(table.title or grid.title, 2, new_page, centred=True)
    writer.line(table_mark(table.number), RIGHT)
    _meta(writer, table)
    add_grid_table(writer.document, (*grid.head, *grid.body), len(grid.head))
    notes = table.notes
    if table.is_empty and not table.says_no_data:
        notes += (NO_DATA_NOTE,)
    for note in notes:
        writer.line(note, style=NOTE_STYLE, keep=False)


def _meta(writer: _Writer, table: Table) -> None:
    """One line, TAB-separated: 部门名称 at the left, 年度 centred, 金额单位 at the right."""
    cells = (
        f"部门名称：{table.unit_name}" if table.unit_name else "",
        f"{table.year}年度" if table.year else "",
        f"金额单位：{money_unit(table.number)}",
    )
    paragraph = writer.line("\t".join(cells))
    width = text_width(writer.document.sections[-1])
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Emu(width // 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT)


def _narrative(writer: _Writer, disclosure: Disclosure) -> None:
    writer.section(landscape=False)
    writer.heading("第三部分 情况说明", 1)
    placed = _charts(disclosure)
    for section in disclosure.narrative:
        _section(writer, section, 2, placed)
    for pictures in placed.values():  # a chart whose section the narrative lacks: at its end
        for picture in pictures:
            writer.picture(picture)


def _charts(disclosure: Disclosure) -> dict[tuple[str, str], list[bytes]]:
    """The charts the HTML page shows, as PNG, by the (section, sub-section) they illustrate."""
    from juesuan.render import charts

    drawn = {
        "income": charts.income_structure(disclosure, charts.to_png),
        "spending": charts.expenditure_structure(disclosure, charts.to_png),
        "classes": charts.class_structure(disclosure, charts.to_png),
    }
    placed: dict[tuple[str, str], list[bytes]] = {}
    for key, png in drawn.items():
        if png:
            placed.setdefault(charts.CHARTS[key][1], []).append(png)
    return placed


def _section(
    writer: _Writer,
    section: Section,
    level: int,
    placed: dict[tuple[str, str], list[bytes]],
    parent: str = "",
) -> None:
    """一、… as Heading 2, （一）… as Heading 3, then paragraphs, the charts of the section and deeper
    sections."""
    number = section.number
    if level == 2:  # a university numbers its sections （一）… (chongqing-swu-2024.pdf p.14)
        writer.heading(section.heading, 2)
    else:
        bracketed = number if number.startswith(("（", "(")) else f"（{number}）"
        writer.heading(f"{bracketed}{section.title}", 3)
    for paragraph in section.paragraphs:
        writer.text(paragraph.text)
    for picture in placed.pop((parent, number) if parent else (number.strip("（）()"), ""), ()):
        writer.picture(picture)
    for subsection in section.subsections:
        _section(writer, subsection, 3, placed, number)


def _glossary(writer: _Writer, disclosure: Disclosure) -> None:
    writer.heading("第四部分 名词解释", 1, new_page=True)
    for term in disclosure.glossary:
        paragraph = writer.text(f"{term.number}、")
        paragraph.add_run(term.name).bold = True
        paragraph.add_run(f"：{term.definition}")


def _forms(writer: _Writer, disclosure: Disclosure) -> None:
    writer.section(landscape=True)
    writer.heading("第五部分 附件", 1)
    for index, form in enumerate(disclosure.forms):
        _form(writer, form, new_page=index > 0)


def _form(writer: _Writer, form: PerformanceForm, new_page: bool) -> None:
    if form.title:
        writer.heading(form.title, 2, new_page, centred=True)
    if form.year:
        writer.line(f"（{form.year}年度）", CENTRE)
    add_grid_table(writer.document, form_rows(form), header_rows=1)
    for remark in REMARKS:
        writer.line(remark, style=NOTE_STYLE, keep=False)
