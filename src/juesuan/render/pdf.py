"""PDF: the web page's document typeset by Typst.

A4 pages, 目录 with page numbers, page numbers in the footer, landscape pages for wide tables,
table headings repeated on every page a table runs over, the CJK fonts embedded (subset). The
document is written from the views the HTML page is made from (`typeset.source`), so the PDF
and the web page say the same thing; tests/test_render_html_pdf.py checks their texts.

Typst (the ``typst`` package, its compiler bundled) makes the example's 29 pages in about half a
second with its fonts loaded, where WeasyPrint took four (benchmarks/pdf_variants.py); it is
imported only when a PDF is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.render.html import Highlights


def render(disclosure: Disclosure) -> bytes:
    """The disclosure as a PDF file."""
    return typeset(source(disclosure))


def source(
    disclosure: Disclosure,
    *,
    highlights: Highlights | None = None,
    last_year: Mapping[str, Decimal] | None = None,
) -> str:
    """The disclosure as the Typst document `typeset` takes; `highlights` and `last_year` as for
    `html.render_html` (a highlighted cell is shaded in its colour)."""
    from juesuan.render import typeset as markup

    return markup.source(disclosure, highlights=highlights, last_year=last_year)


def typeset(document: str) -> bytes:
    """The PDF of a Typst document made by `source`."""
    from juesuan.render.typeset import compile_pdf

    return compile_pdf(document)
