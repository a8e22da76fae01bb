"""The reader for PDF disclosures: ours (`render.pdf`) and those units publish.

Pipeline, each step a module of its own:
- `chars`: pypdfium2 gives each page's characters with their boxes, and its ruling lines;
- `layout` / `grid`: characters become layout lines: a ruled table row gives one cell per
  column (wrapped names joined, figures set high or low kept in their cell), other text one line
  per printed line with a TAB at wide gaps; `align` finds the columns of a table printed
  without rulings by how its words line up;
- `parts`: running heads and page numbers dropped, the five parts found;
- `tables` (with `columns`, `labels`): rows reshaped into the template's layout;
- `prose`: lines of running text joined into paragraphs by where they sit;
- the layout-text readers (`sources.text`) read tables, narrative, glossary, forms and overview;
- `origins`: every line origin becomes a page and a box; table figures come with their own
  cell's (`tables` gives part 2's lines each cell's page and box).
A box is (x0, top, x1, bottom) in points from the top-left corner of the page as displayed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from juesuan.model import Disclosure, Figure, Origin, Problem, Row, Table
from juesuan.sources import KIND_PAGES, MAX_FILE_BYTES, SourceError, limits, names_the_file, refuse_budget
from juesuan.sources.layout.lines import Line
from juesuan.sources.pdf.chars import Page
from juesuan.sources.pdf.layout import PdfLine
from juesuan.sources.pdf.parts import drop_furniture, page_numbers
from juesuan.sources.pdf.tables import Kept

if TYPE_CHECKING:
    from juesuan.sources.ocr import Scan
    from juesuan.sources.ocr.pages import Bounds

# The cover's title: the unit then the year (国家信访局2024年度部门决算) or the year first
# (2019年佛山市轨道交通局部门决算).
_COVER = re.compile(
    r"^(?:(?P<unit>\S+?)(?P<year>\d{4})年度?|(?P<first>\d{4})年度?(?P<named>\S+?))(?:部门|单位)?决算"
)
_PROSE_PARTS = (1, 3, 4, 5)


@dataclass(frozen=True)
class _Page:
    """A page once read: its layout lines, and what tells a scanned page."""

    number: int
    height: float
    lines: list[PdfLine]
    chars: int
    unreadable: int  # characters with no Unicode meaning (private use, U+FFFD)
    images: int
    scan: Scan | None = None  # the page read by OCR, when it has no text layer
    unscanned: str = ""  # why a page without text was not read by OCR


@names_the_file
def read_pdf(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    """(disclosure, problems) from a PDF file's bytes; SourceError when it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise limits.FILE_BYTES.refused(name, len(data), MAX_FILE_BYTES)
    pages = _pages(data, name)
    _refuse_without_text(pages, name)
    refuse_budget("\n".join(line.text for page in pages[:KIND_PAGES] for line in page.lines), name)
    lines, heights = [page.lines for page in pages], [page.height for page in pages]
    disclosure, problems = _read(drop_furniture(lines, heights), _scanned(pages), page_numbers(lines), name)
    return _trusted(disclosure, problems, pages)


def _trusted(
    disclosure: Disclosure, problems: list[Problem], pages: list[_Page]
) -> tuple[Disclosure, list[Problem]]:
    """With pages read by OCR: every origin on them with its confidence, and what a person must see."""
    scans = {page.number: page.scan for page in pages if page.scan is not None}
    if not scans:
        return disclosure, problems
    from juesuan.sources.ocr.trust import trusted

    return trusted(disclosure, problems, scans)


def _pages(data: bytes, name: str) -> list[_Page]:
    """Every page as layout lines, one page at a time (a page's characters are not kept)."""
    from juesuan.sources.ocr.pages import Bounds
    from juesuan.sources.pdf.chars import open_document, read_pages

    document = open_document(data, name)
    bounds = Bounds(len(document))
    try:
        return [
            _scanned_page(document, page, bounds) or _page_of(page) for page in read_pages(document, name)
        ]
    finally:
        document.close()


def _page_of(page: Page, unscanned: str = "") -> _Page:
    from juesuan.sources.pdf.layout import page_lines

    return _Page(
        page.number,
        page.height,
        page_lines(page),
        len(page.chars),
        _unreadable(page),
        page.images,
        None,
        unscanned,
    )


def _scanned_page(document: object, page: Page, bounds: Bounds) -> _Page | None:
    """A page of images without text, read by OCR where it is on and within its bounds (`ocr`);
    else None, or the page unread with the reason."""
    if page.chars or not page.images:
        return None
    scan, reason = bounds.scan(document, page.number)
    if scan is None:
        return _page_of(page, reason)
    read = _page_of(scan.page)
    return replace(read, images=page.images, scan=scan)


def _unreadable(page: Page) -> int:
    return sum(1 for char in page.chars if char.text == "\ufffd" or "\ue000" <= char.text <= "\uf8ff")


def _refuse_without_text(pages: list[_Page], name: str) -> None:
    """A scan, a PDF without text, or one whose fonts map no character to Unicode."""
    chars = sum(page.chars for page in pages)
    if not chars and any(page.images for page in pages):
        reason = next((page.unscanned for page in pages if page.unscanned), "")
        raise SourceError(
            f"扫描件，无文本层，无法读取（{reason}）：{name}"
            if reason
            else f"扫描件，无文本层，无法读取：{name}"
        )
    if not chars:
        raise SourceError(f"PDF 中没有文字（无文本层），无法读取：{name}")
    if sum(page.unreadable for page in pages) > chars / 2:
        raise SourceError(f"PDF 的文字无法解码（字体缺少 Unicode 映射），无法读取：{name}")


def _scanned(pages: list[_Page]) -> list[Problem]:
    """A page of images without text among pages with text: a scanned page, not read (and why);
    the pages read by OCR, named once."""
    from juesuan.sources.ocr.trust import scanned_pages

    unread = [
        Problem(
            f"第{page.number}页是扫描图像，无文本层，未读取"
            + (f"（{page.unscanned}）" if page.unscanned else ""),
            Origin(page=page.number),
        )
        for page in pages
        if page.images and not page.chars and page.scan is None
    ]
    return scanned_pages([page.number for page in pages if page.scan is not None]) + unread


def _read(
    printed: list[PdfLine], problems: list[Problem], numbers: dict[int, int], name: str
) -> tuple[Disclosure, list[Problem]]:
    """The disclosure read from the printed lines, every origin a page and box with the number
    that page prints (`numbers`, by the file's page number; `Origin.printed_page`)."""
    from juesuan.catalogue.templates import reading_under

    with reading_under(line.text for line in printed) as detection:
        disclosure, found = _read_under(printed, problems, numbers, name)
    return detection.stamp(disclosure), found


def _read_under(
    printed: list[PdfLine], problems: list[Problem], numbers: dict[int, int], name: str
) -> tuple[Disclosure, list[Problem]]:
    from juesuan.sources.layout import assemble
    from juesuan.sources.layout.table_columns import placed
    from juesuan.sources.origins import relocate
    from juesuan.sources.pdf.origins import Locator
    from juesuan.sources.pdf.parts import split_parts
    from juesuan.sources.pdf.prose import join_prose, page_margins
    from juesuan.sources.pdf.tables import Shaper
    from juesuan.sources.precision import as_printed

    lines = [Line(number, line.text) for number, line in enumerate(printed, start=1)]
    front, parts = split_parts(lines, printed)
    if 2 not in parts and 3 not in parts:
        from juesuan.catalogue.templates import active

        kind = active().kind  # 决算 or 预算, as the reading detected it
        raise SourceError(f"不是部门{kind}公开文件（PDF 中找不到{kind}表或“第三部分”情况说明）：{name}")
    shaper = Shaper()
    parts[2] = shaper.shape(parts.get(2, []), printed)
    margins = page_margins(printed)
    for number in _PROSE_PARTS:
        parts[number] = join_prose(parts.get(number, []), printed, margins)
    with placed(frozenset(shaper.sources)):  # the ruled tables' rows: already in the template's order
        disclosure, found = assemble(front, {number: lines for number, lines in parts.items() if lines})
    locator = Locator(printed, numbers)
    tables = _without_line_numbers(_with_kept(disclosure.tables, shaper.kept), shaper.unnumbered)
    disclosure = relocate(as_printed(replace(disclosure, tables=tables)), locator.place)
    disclosure = _cover(replace(disclosure, source_format="pdf"))
    placed = [relocate(p, locator.numbered) for p in problems + shaper.problems]
    return disclosure, placed + [relocate(p, locator.place) for p in found]


def _without_line_numbers(tables: tuple[Table, ...], unnumbered: set[str]) -> tuple[Table, ...]:
    """The tables printed without 行次 keep none: the 行次 found by label are only their keys."""
    return tuple(
        replace(t, rows=tuple(replace(row, line_no="") for row in t.rows)) if t.number in unnumbered else t
        for t in tables
    )


def _with_kept(tables: tuple[Table, ...], kept: list[Kept]) -> tuple[Table, ...]:
    """The tables with the rows whose label fits no 行次, under the label itself."""
    extra: dict[str, list[Row]] = {}
    for found in kept:
        origins = found.origins or (Origin(line=found.line),) * len(found.figures)
        cells = tuple(
            (key, figure)
            for (key, text), origin in zip(found.figures, origins, strict=True)
            if (figure := Figure.parse(text, origin, "万元")) is not None
        )
        extra.setdefault(found.table, []).append(
            Row(found.label, found.label, cells, origin=Origin(line=found.line))
        )
    return tuple(replace(t, rows=t.rows + tuple(extra.get(t.number, ()))) for t in tables)


def _cover(disclosure: Disclosure) -> Disclosure:
    """Unit, year and title from the cover when the text reader found none (普陀区 …): the lines
    before the 目录, never the 目录 itself (佛山 2019 prints its 目录 on page 2, right after)."""
    if disclosure.unit and disclosure.year:
        return disclosure
    cover = "".join("".join(line.text.split()) for line in disclosure.front.cover[:6])
    match = _COVER.match(cover)
    if not match:
        return disclosure
    unit = disclosure.unit or match.group("unit") or match.group("named")
    year = disclosure.year or int(match.group("year") or match.group("first"))
    return replace(disclosure, unit=unit, year=year, title=disclosure.title or match.group(0))
