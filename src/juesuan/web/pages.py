"""The original pages of an uploaded PDF, and where each finding sits on them.

`render_pages` draws every page as the unit published it (PNG, pypdfium2), in the worker process
that read the file; `finding_boxes` gives the boxes of a finding's cells (or of its paragraph) on
those pages. A box is in PDF points from the top-left corner of the page as displayed, the
coordinates the PDF reader gives every `Origin` (`juesuan.sources.pdf.chars`), so the page view
places it as a share of the page's width and height, whatever the size the image is shown at.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from juesuan.model import Disclosure, Origin
from juesuan.rules import Finding

SCALE = 1.5  # 108 dpi: a table's figures readable at the image's own size
SUBJECT, RELATED = "subject", "related"


@dataclass(frozen=True)
class PageImage:
    """A rendered page: its number (from 1), its size in points as displayed, the PNG's name."""

    number: int
    width: float
    height: float

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
        image = page.render(scale=SCALE).to_pil()
    finally:
        page.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return PageImage(index + 1, width, height), buffer.getvalue()


def finding_boxes(disclosure: Disclosure, finding: Finding) -> list[Box]:
    """Where a finding points on the pages: the sentence or form line it is about first, then its
    cells (`cell_origins`), the first box in the finding's colour, the others as related."""
    from juesuan.rules.findings import cell_origins

    cells = cell_origins(disclosure, finding)
    place = _place(disclosure, finding, cells)
    boxes: list[Box] = []
    for origin in ([place] if place else []) + list(cells):
        if origin.page and origin.box:
            role = RELATED if boxes else SUBJECT
            boxes.append(Box(origin.page, *origin.box, role=role, printed=origin.printed_page))
    return list(dict.fromkeys(boxes))


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
