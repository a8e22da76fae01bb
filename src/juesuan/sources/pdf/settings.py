"""The PDF reader's thresholds, in one place. Distances are in em (the font size of the text at
hand) unless a field says points; each module reads the field it needs from `SETTINGS`."""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.sources.limits import PDF_PAGES


@dataclass(frozen=True)
class PdfSettings:
    max_pages: int = PDF_PAGES.value  # a longer PDF is refused (`limits.PDF_PAGES`)
    thin: float = 3.0  # points: a filled rectangle thinner than this is a ruling line
    ruling_tolerance: float = 2.0  # points: rulings this close are one line (double borders, ends)
    cell_gap: float = 1.5  # a wider gap between words of a line separates two cells
    latin_space: float = 0.25  # a wider gap between Latin letters or digits is a space
    table_word_gap: float = 0.3  # a wider gap without a printed space parts two words of a table
    min_gutter: float = 0.5  # columns of a table are parted by at least this much
    code_gap: float = 0.1  # a 科目代码 set this close to its name is still a word of its own
    page_margin: float = 0.1  # share of the page: running heads and page numbers sit in this margin
    full_line: float = 2.0  # a prose line ending this close to the right margin runs to it
    flush_left: float = 0.5  # a prose line starting this close to the left margin has no indent


SETTINGS = PdfSettings()
