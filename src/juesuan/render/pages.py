"""The original pages of an uploaded PDF, and where each finding sits on them.

`render_pages` draws every page as the unit published it (PNG, pypdfium2), in the worker process
that read the file; `finding_boxes` gives the boxes of a finding's cells (or of its paragraph) on
those pages. A box is in PDF points from the top-left corner of the page as displayed, the
coordinates the PDF reader gives every `Origin` (`juesuan.sources.pdf.chars`), so the page view
places it as a share of the page's width and height, whatever the size the image is shown at.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass

from juesuan.model import Disclosure, Origin
from juesuan.rules import Finding

SCALE = 1.5  # 108 dpi: a table's figures readable at the image's own size
COLOURS, FAST_OCTREE = 64, 2  # PIL.Image.Quantize.FASTOCTREE
SUBJECT, RELATED = "subject", "related"
QUOTE = re.compile(r"“([^”]+)”")
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元|%|个|辆|人次|人|次|批次|项)?")


@dataclass(frozen=True)
class PageImage:
    """A rendered page: its number (from 1), its size in points as displayed, the PNG's name."""

    number: int
    width: float
    height: float
    printed: int | None = None  # the page number printed on it (its footer's - 6 -), if read

    @property
    def file(self) -> str:
        return f"page-{self.number}.png"


@dataclass(frozen=True)
class Box:
    """Where a finding points on a page, in points; `role` is subject or related."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    role: str = SUBJECT
    printed: int | None = None  # the page number printed on the page, where the reader saw one

    @property
    def page_name(self) -> str:
        if self.printed is None or self.printed == self.page:
            return f"第{self.page}页"
        return f"第{self.printed}页（文件第{self.page}页）"

    def style(self, page: PageImage, pad: float = 1.5) -> str:
        """The CSS placing the box on its page, as shares of the page (scales with the image)."""
        left, top = max(self.x0 - pad, 0) / page.width, max(self.top - pad, 0) / page.height
        width = (self.x1 - self.x0 + 2 * pad) / page.width
        height = (self.bottom - self.top + 2 * pad) / page.height
        return f"left:{left:.3%};top:{top:.3%};width:{width:.3%};height:{height:.3%}"


def render_pages(
    data: bytes, on_page: Callable[[int, int], None] | None = None
) -> list[tuple[PageImage, bytes]]:
    """Every page of the PDF as a PNG, with its size; `on_page(number, count)` before each."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        count = len(document)
        return [_render(document, index, count, on_page) for index in range(count)]
    finally:
        document.close()


def _render(document, index: int, count: int, on_page) -> tuple[PageImage, bytes]:
    if on_page is not None:
        on_page(index + 1, count)
    page = document[index]
    try:
        width, height = page.get_size()
        image = page.render(scale=SCALE).to_pil()  # Pillow: a dependency of matplotlib
    finally:
        page.close()
    buffer = io.BytesIO()
    # 64 colours: the text as sharp, the stamps still red, a quarter of the bytes, quicker to write
    image.quantize(colors=COLOURS, method=FAST_OCTREE).save(buffer, "PNG")
    return PageImage(index + 1, width, height), buffer.getvalue()


def printed_pages(disclosure: Disclosure) -> dict[int, int]:
    """The number printed on each page (file page → printed), from the origins the reader gave
    everything it read (`Origin.printed_page`)."""
    found: dict[int, int] = {}
    for origin in _origins(disclosure):
        if origin.page is not None and origin.printed_page is not None:
            found.setdefault(origin.page, origin.printed_page)
    return found


def _origins(value: object) -> Iterator[Origin]:
    if isinstance(value, Origin):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _origins(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for each in fields(value):
            yield from _origins(getattr(value, each.name))


def finding_boxes(disclosure: Disclosure, finding: Finding, claims: Claims | None = None) -> list[Box]:
    """Where a finding points on the pages: the words it quotes (found by `claims` near its
    sentence) or the sentence or form line it is about, then its cells (`cell_origins`), the
    first box in the finding's colour, the others as related."""
    from juesuan.rules.findings import cell_origins

    cells = cell_origins(disclosure, finding)
    place = _place(disclosure, finding, cells)
    boxes: list[Box] = []
    if place is not None and place.page and place.box:
        near = Box(place.page, *place.box, printed=place.printed_page)
        quoted = claims.find(finding.message, near) if claims is not None else []
        boxes += quoted or [near]
    for origin in cells:
        if origin.page and origin.box:
            role = RELATED if boxes else SUBJECT
            boxes.append(Box(origin.page, *origin.box, role=role, printed=origin.printed_page))
    return list(dict.fromkeys(boxes))


class Claims:
    """Finds the words a finding quotes (“占9.55%”) on the PDF's pages, near the sentence it is
    about: the sentence's origin is the box of its first line, the quoted words may sit lines
    (or a page) further on. Open while the boxes are found; pdfium searches its own text."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium

        self.document = pdfium.PdfDocument(data)

    def close(self) -> None:
        self.document.close()

    def find(self, message: str, near: Box) -> list[Box]:
        quote = QUOTE.search(message)
        if quote is None:
            return []
        figures = FIGURE.findall(quote[1])
        for words in dict.fromkeys([quote[1], *figures[-1:]]):
            for page, top, printed in ((near.page, near.top - 2, near.printed), (near.page + 1, 0.0, None)):
                found = self._search(page, words, top, printed)
                if found:
                    return found
        return []

    def _search(self, number: int, words: str, top: float, printed: int | None) -> list[Box]:
        """The boxes (one per line) of the first match of `words` at or below `top` on the page."""
        if not 1 <= number <= len(self.document):
            return []
        page = self.document[number - 1]
        textpage = page.get_textpage()
        try:
            if page.get_rotation():
                return []
            height = page.get_size()[1]
            for rects in _matches(textpage, words):
                lines = _lines([(x0, height - y1, x1, height - y0) for x0, y0, x1, y1 in rects])
                if lines and lines[0][1] >= top:
                    return [Box(number, *line, printed=printed) for line in lines]
            return []
        finally:
            textpage.close()
            page.close()


def _matches(textpage, words: str) -> Iterator[list[tuple[float, float, float, float]]]:
    searcher = textpage.search(words, match_case=True)
    try:
        while (found := searcher.get_next()) is not None:
            index, count = found
            yield [textpage.get_rect(k) for k in range(textpage.count_rects(index, count))]
    finally:
        searcher.close()


def _lines(rects: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """The characters' boxes joined line by line (a box per line the words run over)."""
    lines: list[list[float]] = []
    for x0, top, x1, bottom in sorted(rects, key=lambda r: (round(r[1]), r[0])):
        line = lines[-1] if lines else None
        if line is not None and top < line[3] and bottom > line[1]:
            line[:] = [min(line[0], x0), min(line[1], top), max(line[2], x1), max(line[3], bottom)]
        else:
            lines.append([x0, top, x1, bottom])
    return [(x0, top, x1, bottom) for x0, top, x1, bottom in lines]


def _place(disclosure: Disclosure, finding: Finding, cells: Sequence[Origin]) -> Origin | None:
    """What a finding is about besides its cells: the origin its rule gave (a paragraph, a form's
    figure), else for a finding on 第三部分 its paragraph (`where` names it)."""
    origin = finding.origin
    if origin is not None and origin.box and origin not in cells:
        return origin
    if not finding.where.startswith("第三部分"):
        return None
    from juesuan.render.findings import narrative_paragraph, narrative_paragraphs

    found = narrative_paragraph(list(narrative_paragraphs(disclosure)), finding)
    return found[1].origin if found else None
