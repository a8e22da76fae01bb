"""The Word document's furniture: A4 pages, CJK fonts, heading styles, fields and footers.

Fonts are named for Word on Chinese Windows (宋体 for text, 黑体 for headings) and set through
``w:eastAsia`` on every style, so no style falls back to a theme font; the font table names the
Noto CJK families as alternatives for machines without them.
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

LATIN = "Times New Roman"
SONG = "宋体"  # body text
HEI = "黑体"  # headings
FALLBACKS = {SONG: ("SimSun", "Noto Serif CJK SC", "roman"), HEI: ("SimHei", "Noto Sans CJK SC", "swiss")}
A4 = (Mm(210), Mm(297))
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TABLE_STYLE = "Table Text"
NOTE_STYLE = "Table Note"
# (style, east-asian font, size in pt, bold, centred)
_HEADINGS = (("Heading 1", HEI, 18, False, True), ("Heading 2", HEI, 15, False, False))
_HEADINGS += (("Heading 3", HEI, 14, False, False),)


def new_document() -> WordDocument:
    """An empty A4 document whose styles carry CJK fonts and Chinese layout."""
    document = Document()
    styles = document.styles
    _defaults(document)
    set_fonts(styles["Normal"].element, SONG, 12)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    styles["Normal"].paragraph_format.line_spacing = 1.5
    for name, east_asia, size, bold, centred in _HEADINGS:
        _heading(styles[name], east_asia, size, bold, centred)
    _own_style(document, TABLE_STYLE, 9, Pt(0)).paragraph_format.line_spacing = Pt(12)  # exactly
    _own_style(document, NOTE_STYLE, 9, Pt(2)).paragraph_format.line_spacing = 1.0
    for level in (1, 2):
        _own_style(document, f"toc {level}", 12, Pt(2)).paragraph_format.left_indent = Pt(24 * (level - 1))
    _font_table(document)
    orient(document.sections[0], landscape=False)
    return document


def set_fonts(owner, east_asia: str, size: float | None = None) -> None:
    """Explicit fonts on a style or a run; sizes in pt."""
    rpr = owner.get_or_add_rPr()
    _explicit(rpr, east_asia)
    if size is not None:
        rpr.sz_val = Pt(size)


def _explicit(rpr, east_asia: str) -> None:
    """Named fonts, theme fonts removed: a theme font would win over the name (w:eastAsiaTheme)."""
    fonts = rpr.get_or_add_rFonts()
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    for attribute, font in (("ascii", LATIN), ("hAnsi", LATIN), ("cs", LATIN), ("eastAsia", east_asia)):
        fonts.set(qn(f"w:{attribute}"), font)


def _defaults(document: WordDocument) -> None:
    """docDefaults: 宋体, and Chinese as the east-asian language of every run."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _explicit(rpr, SONG)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _heading(style, east_asia: str, size: float, bold: bool, centred: bool) -> None:
    set_fonts(style.element, east_asia, size)
    style.font.bold = bold
    rpr = style.element.rPr
    for color in rpr.findall(qn("w:color")):  # the template's blue
        rpr.remove(color)
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.space_after = Pt(6)
    if centred:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _own_style(document: WordDocument, name: str, size: float, after: Pt):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=name.startswith("toc"))
    style.base_style = document.styles["Normal"]
    set_fonts(style.element, SONG, size)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = after
    return style


def _font_table(document: WordDocument) -> None:
    """Name SimSun/SimHei and the Noto CJK families as alternatives of 宋体 and 黑体."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    table = parse_xml(part.blob)
    for name, (windows, noto, family) in FALLBACKS.items():
        table.append(
            parse_xml(
                f'<w:font {_W} w:name="{name}"><w:altName w:val="{windows}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
        table.append(parse_xml(f'<w:font {_W} w:name="{noto}"><w:charset w:val="86"/></w:font>'))
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def orient(section: Section, landscape: bool) -> None:
    """A4, portrait or landscape, with margins fit for tables."""
    short, long = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    margin = Mm(18) if landscape else Mm(25)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = Mm(20) if landscape else Mm(25)


def text_width(section: Section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def page_numbers(section: Section) -> None:
    """Centred “— N —” in this section's footer (later sections inherit it), numbering from 1."""
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    field_start(paragraph, "PAGE")
    paragraph.add_run("1")
    field_end(paragraph)
    paragraph.add_run(" —")
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.find(qn("w:pgMar")).addnext(numbering)  # its place in the w:sectPr sequence


def continue_numbering(section: Section) -> None:
    """Drop the restart at 1 that a new section copies from the one before it."""
    for numbering in section._sectPr.findall(qn("w:pgNumType")):
        section._sectPr.remove(numbering)


def field_start(paragraph: Paragraph, instruction: str, dirty: bool = False) -> None:
    """Open a Word field (begin, instruction, separate); its cached result follows as runs."""
    begin = _field_char(paragraph, "begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")  # Word refreshes it (page numbers) on opening
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph, "separate")


def field_end(paragraph: Paragraph) -> None:
    _field_char(paragraph, "end")


def _field_char(paragraph: Paragraph, kind: str):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)
    return char
