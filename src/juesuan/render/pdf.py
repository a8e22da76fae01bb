"""PDF: the HTML page in print mode, laid out by WeasyPrint.

A4 pages, 目录 with page numbers, page numbers in the footer, landscape pages for wide tables,
table headings repeated on every page a table runs over, the CJK fonts embedded (subset).
WeasyPrint takes about a second to import: it is imported only when a PDF is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from juesuan.model import Disclosure
from juesuan.render.html import Highlights, render_html


def render(disclosure: Disclosure) -> bytes:
    """The disclosure as a PDF file."""
    return document(disclosure).write_pdf()


def document(
    disclosure: Disclosure,
    *,
    highlights: Highlights | None = None,
    last_year: Mapping[str, Decimal] | None = None,
) -> Any:
    """The laid-out `weasyprint.Document` (pages, their sizes and anchors); `.write_pdf()` gives
    the file. `highlights` and `last_year` as for `html.render_html`."""
    return layout(render_html(disclosure, for_print=True, highlights=highlights, last_year=last_year))


def layout(html: str) -> Any:
    """A self-contained HTML text laid out in pages.

    Only ``data:`` URLs are read: the page is self-contained, so any other reference is a bug
    (WeasyPrint logs it as a warning), never a download.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))).render()
