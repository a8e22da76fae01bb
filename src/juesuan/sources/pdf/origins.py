"""Origins in the PDF: every line number the layout-text readers give becomes a page and a box,
and every page's origins carry the number the page prints.

Table figures need no such step: part 2's lines carry each cell's page and box (`tables`), and
each figure takes those of the cell it is read from.
"""

from __future__ import annotations

from dataclasses import replace

from juesuan.model import Origin
from juesuan.sources.pdf.layout import PdfLine


class Locator:
    """Turns line origins into page-and-box origins, and gives every origin on a page the number
    that page prints (`numbers`, by the file's page number), where it prints one."""

    def __init__(self, printed: list[PdfLine], numbers: dict[int, int]):
        self.printed = printed
        self.numbers = numbers

    def place(self, origin: Origin) -> Origin:
        if origin.line is not None and 0 < origin.line <= len(self.printed):
            line = self.printed[origin.line - 1]
            origin = Origin(page=line.page, box=line.box)
        return self.numbered(origin)

    def numbered(self, origin: Origin) -> Origin:
        printed = self.numbers.get(origin.page) if origin.page is not None else None
        return replace(origin, printed_page=printed) if printed is not None else origin
