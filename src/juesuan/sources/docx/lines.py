"""A Word document's body as layout-text lines, so that the layout-text readers can read it.

A paragraph gives one line per printed line (a manual line break starts a new one); a table row
gives one line of TAB-separated cells, each merged cell once: a horizontal span leaves empty
cells after its text (as layout text does), a vertically merged cell is empty below its first
row. Paragraphs of the table of contents (styles ``toc 1`` …) are left out. Each line's place
in the document ("段落12", "表格3 第5行") is kept for the `Origin` of what is read from it.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from juesuan.sources import SourceError
from juesuan.sources.layout.lines import Line
from juesuan.sources.limits import MAX_ROW_CELLS, ROW_CELLS

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_CONTENTS_GALLERY = "./w:sdtPr/w:docPartObj/w:docPartGallery[@w:val='Table of Contents']"
_GRID_BEFORE, _GRID_SPAN = f"{qn('w:trPr')}/{qn('w:gridBefore')}", f"{qn('w:tcPr')}/{qn('w:gridSpan')}"

TOO_MANY_CELLS = ROW_CELLS.said(limit=MAX_ROW_CELLS)
NO_BODY = "Word 文件没有正文，无法读取；请用 Word 打开检查或重新保存"


class Lines:
    """Collects numbered lines and where each sits in the document."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.places: dict[int, str] = {}

    def add(self, text: str, place: str) -> None:
        text = text.strip()
        if text:
            number = len(self.lines) + 1
            self.lines.append(Line(number, text))
            self.places[number] = place


def body_lines(document: WordDocument) -> Lines:
    """The lines of a python-docx Document's body, in reading order."""
    found = Lines()
    paragraphs = tables = 0
    body = document.element.body
    if body is None:
        raise SourceError(NO_BODY)
    contents = contents_styles(_styles(document))
    for block in _blocks(body):
        if block.tag == _P:
            paragraphs += 1
            if _style(block) not in contents:
                for text in paragraph_text(block).split("\n"):
                    found.add(text, f"段落{paragraphs}")
        else:
            tables += 1
            for index, row in enumerate(_rows(block), start=1):
                found.add("\t".join(row_cells(row)), f"表格{tables} 第{index}行")
    return found


def _styles(document: WordDocument) -> etree._Element | None:
    """The styles part's XML; None when it cannot be had (a relationship pointing outside the
    file, a part that is not XML): only the table of contents goes unrecognised then."""
    try:
        return document.styles.element
    except (ValueError, KeyError, AttributeError, TypeError):
        return None


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Body-level paragraphs and tables, looking inside content controls (but for a table of
    contents) and custom XML."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS and not child.xpath(_CONTENTS_GALLERY, namespaces=_NS):
            yield from _blocks(child)


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == _TR:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _rows(child)


def contents_styles(styles: etree._Element | None) -> set[str]:
    """Ids of the table-of-contents paragraph styles (named toc 1 … or Contents 1 …)."""
    found = set()
    if styles is None:
        return found
    for style in styles.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        label = (name.get(qn("w:val"), "") if name is not None else "").replace(" ", "").lower()
        if label.startswith(("toc", "contents")):
            found.add(style.get(qn("w:styleId")))
    return found


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val"), "") if style is not None else ""


def paragraph_text(paragraph: etree._Element) -> str:
    """The printed text: runs (also in hyperlinks, insertions, fields), not deleted text."""
    return "".join(run.text for run in paragraph.iter(_R) if not _in_fallback(run, paragraph))


def _in_fallback(run: etree._Element, stop: etree._Element) -> bool:
    """Text boxes appear twice (mc:Choice and mc:Fallback); only the first is read."""
    node = run.getparent()
    while node is not None and node is not stop:
        if node.tag == _FALLBACK:
            return True
        node = node.getparent()
    return False


def row_cells(row: etree._Element) -> list[str]:
    """The row's cells, one per grid column: a merged cell's text once, then empty cells."""
    cells = [""] * _count(row.find(_GRID_BEFORE), 0)
    for cell in _cells(row):
        if len(cells) > MAX_ROW_CELLS:
            break
        cells.append("" if _continues(cell) else cell_text(cell))
        cells += [""] * (_count(cell.find(_GRID_SPAN), 1) - 1)
    if len(cells) > MAX_ROW_CELLS:
        raise SourceError(TOO_MANY_CELLS)
    return cells


def _count(element: etree._Element | None, default: int) -> int:
    """A w:gridBefore / w:gridSpan value; the default when absent or not a whole number ≥ 0,
    capped just above MAX_ROW_CELLS so that no huge span is ever allocated."""
    value = (element.get(qn("w:val"), "") if element is not None else "").strip()
    if not value.isdecimal():
        return default
    return MAX_ROW_CELLS + 1 if len(value) > 9 else min(int(value), MAX_ROW_CELLS + 1)


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    for child in row:
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _cells(child)


def _continues(cell: etree._Element) -> bool:
    """A cell under a vertical merge, or after a legacy horizontal merge (w:hMerge)."""
    properties = cell.tcPr
    if properties is None:
        return False
    legacy = properties.find(qn("w:hMerge"))
    merged_left = legacy is not None and legacy.get(qn("w:val"), "continue") == "continue"
    return cell.vMerge == "continue" or merged_left


def cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs joined without separator (Chinese wraps without spaces)."""
    texts = (paragraph_text(paragraph) for paragraph in cell.iter(_P))
    return "".join(texts).replace("\t", " ").replace("\n", "").strip()
