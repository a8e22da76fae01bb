"""PDF: the HTML page in print mode, laid out by WeasyPrint.

A4 pages, 目录 with page numbers, page numbers in the footer, landscape pages for wide tables,
table headings repeated on every page a table runs over, the CJK fonts embedded (subset).
WeasyPrint takes about a second to import: it is imported only when a PDF is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
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
    (WeasyPrint logs it as a warning), never a download. Our page is well-formed XML (void
    elements closed): it is parsed by expat in milliseconds, where WeasyPrint's HTML5 parser,
    written in Python, took a third of a second; any other text goes through that parser.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    tree = parsed_as_xml(html)
    if tree is None:
        return HTML(string=html, url_fetcher=fetcher).render()
    return _parsed_class()(tree, fetcher).render()


def parsed_as_xml(html: str) -> Any:
    """The element tree of `html` when it is a well-formed XML page in no namespace (as our print
    page is), the tree the HTML5 parser gives WeasyPrint; else None."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(html.removeprefix("<!DOCTYPE html>"))
    except ElementTree.ParseError:
        return None
    if root.tag != "html" or [child.tag for child in root] != ["head", "body"]:
        return None
    if any(element.tag.startswith("{") for element in root.iter()):
        return None  # inline SVG: the HTML5 parser keeps its xmlns as attributes
    root.text = root[1].tail = None  # white space the HTML5 parser does not keep
    return root


@cache
def _parsed_class() -> type:
    """WeasyPrint's HTML document made from a tree already parsed (keeping what `HTML.__init__`
    keeps), defined on first use so that importing this module does not import WeasyPrint."""
    import cssselect2
    from weasyprint import HTML

    sheet = _user_agent_sheet()

    class Parsed(HTML):
        def __init__(self, root: Any, url_fetcher: Any) -> None:
            self.base_url = None
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            found = super()._ua_stylesheets(forms)
            return [sheet, *found[1:]] if sheet is not None else found

    return Parsed


_EVERY_ELEMENTS_PSEUDO = (
    "::footnote-call {",
    "::footnote-marker {",
    "::note-call {",
    "::note-marker {",
    "::note-callback {",
)


def _user_agent_sheet() -> Any:
    """WeasyPrint's HTML5 user-agent sheet, less the rules for pseudo-elements our page never has:
    its ``::marker`` and footnote rules name no element, so WeasyPrint computed six styles that
    are never used for each of the page's four thousand elements (a sixth of its time). Markers
    are kept for list items (the 目录's lists show none); our page puts nothing in a footnote.
    None (the sheet as it is) if this WeasyPrint's sheet does not read as expected."""
    from importlib.resources import files

    import weasyprint.css
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle

    text = (files(weasyprint.css) / "html5_ua.css").read_text("utf-8")
    lines = text.splitlines()
    kept = [line for line in lines if not line.startswith(_EVERY_ELEMENTS_PSEUDO)]
    markers = [i for i, line in enumerate(kept) if line.startswith("::marker {")]
    if len(lines) - len(kept) != len(_EVERY_ELEMENTS_PSEUDO) or len(markers) != 1:
        return None
    kept[markers[0]] = "li::marker, summary::marker" + kept[markers[0]].removeprefix("::marker")
    # Its @counter-style rules are those WeasyPrint's sheet registered already (`_ua_counter_style`
    # gives them to every document): read again into a register of their own, they change nothing.
    return CSS(string="\n".join(kept), counter_style=CounterStyle())
