"""Reading pages that have no text layer (scans, photographs, images given directly) by OCR.

A scanned page becomes what the PDF reader gets from a printed one: characters with their boxes
(`pdf.chars.Page`) and the table's ruling lines, found in the pixels (`raster`). From there the
PDF reader's own steps lay it out into lines and tables, so templates, tables, narrative,
checks and the page view work unchanged. The engine is Debian's tesseract with its chi_sim
model (`tesseract`): nothing is downloaded at run time. Why tesseract, with figures:
docs/ocr.md and benchmarks/ocr.py.

Each word keeps tesseract's confidence. After reading, every origin on a scanned page gets the
lowest confidence of the figures printed in its box (`trust`): a figure below
`Origin.NEEDED_CONFIDENCE` cannot be checked; it is listed for a person, and a finding that rests
on it is "无法核对", never an error.

OCR is on by default and bounded: at most `max_pages` pages a file, `page_seconds` a page
(`settings`, set by the command line's --no-ocr, --ocr-pages, --ocr-seconds).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from juesuan.sources.ocr.tesseract import Word
    from juesuan.sources.pdf.chars import Box, Char, Page, Ruling

DPI = 300  # a scanned page is rendered at this resolution for recognition


@dataclass(frozen=True)
class OcrSettings:
    enabled: bool = True
    max_pages: int = 60  # pages read by OCR in one file; further scanned pages are not read
    page_seconds: float = 60.0  # a page that takes longer is not read
    progress: Callable[[int, int], None] | None = None  # (page number, pages in the file)


_SETTINGS: ContextVar[OcrSettings | None] = ContextVar("ocr_settings", default=None)


def settings() -> OcrSettings:
    return _SETTINGS.get() or OcrSettings()


@contextmanager
def using(chosen: OcrSettings) -> Iterator[OcrSettings]:
    """OCR under these settings for the reading done inside (a forked child inherits them)."""
    token = _SETTINGS.set(chosen)
    try:
        yield chosen
    finally:
        _SETTINGS.reset(token)


@dataclass(frozen=True)
class Scan:
    """A page read by OCR: its characters and rulings, and each word's box (points) and confidence."""

    page: Page
    words: tuple[tuple[Box, float, str], ...]
    seconds: float

    def confidence_in(self, box: Box) -> float:
        """The lowest confidence of the words whose centre lies in the box that hold a digit or
        that OCR was unsure of (what may be a misread figure); 1 when there is none (a label, a
        heading read surely): every origin on a scanned page has a confidence."""
        from juesuan.model import Origin

        x0, top, x1, bottom = box
        found = [
            confidence
            for (a, b, c, d), confidence, text in self.words
            if x0 <= (a + c) / 2 <= x1
            and top <= (b + d) / 2 <= bottom
            and (confidence < Origin.NEEDED_CONFIDENCE or any(ch.isdigit() for ch in text))
        ]
        return min(found, default=1.0)


def unavailable() -> str:
    """'' when OCR can run here, else why not (Chinese)."""
    from juesuan.sources.ocr.tesseract import available

    return available()


def scan_image(gray: np.ndarray, number: int, scale: float, seconds: float) -> Scan:
    """The page image (8-bit gray, `scale` pixels a point) read by OCR; TooSlow past `seconds`."""
    from juesuan.sources.pdf.chars import Page

    started = time.perf_counter()
    found, words = recognised(gray, scale, seconds)
    chars = page_chars(words, scale)
    height, width = gray.shape
    page = Page(number, width / scale, height / scale, chars, tuple(found), 1)
    boxes = tuple((_points(word, scale), word.confidence, word.text) for word in words)
    return Scan(page, boxes, time.perf_counter() - started)


def recognised(gray: np.ndarray, scale: float, seconds: float) -> tuple[list[Ruling], list[Word]]:
    """The page's ruling lines (`raster`) and its words, read on the page with the rulings
    wiped, figures read again (`figures`); TooSlow past `seconds`."""
    from juesuan.sources.ocr.figures import reread
    from juesuan.sources.ocr.raster import rulings, wiped
    from juesuan.sources.ocr.tesseract import recognise

    deadline = time.monotonic() + seconds
    found, segments = rulings(gray, scale)
    clean = wiped(gray, segments, scale)
    return found, reread(clean, recognise(clean, seconds), found, scale, deadline)


def scan_pdf_page(document: Any, number: int, seconds: float) -> Scan:
    """Page `number` (1-based) of an open pypdfium2 document, rendered at `DPI` and read by OCR."""
    import numpy as np

    page = document[number - 1]
    try:
        width, _ = page.get_size()
        image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    finally:
        page.close()
    gray = np.asarray(image)
    return scan_image(gray, number, gray.shape[1] / width, seconds)


def chars_of(word: Word, scale: float, after: float = 0.0) -> list[Char]:
    """A word's characters in points, each as tall as the word's line (the loose box a PDF gives
    every character of a line, whatever its glyph), none starting left of `after` or of the one
    before it (tesseract's boxes overlap a little; the order it read them in is kept)."""
    from juesuan.sources.pdf.chars import Char

    top, bottom = word.line[0] / scale, word.line[1] / scale
    chars = []
    for index, (char, (left, _, right, _)) in enumerate(zip(word.text, word.boxes, strict=True)):
        x0 = after if index else max(left / scale, after)  # a word's characters abut: no space inside
        x1 = max(right / scale, x0 + 0.5)
        chars.append(Char(char, x0, top, x1, bottom))
        after = x1
    return chars


def page_chars(words: list[Word], scale: float) -> tuple[Char, ...]:
    """Every word's characters, in reading order within each line, as a printed page gives them
    (`text.cleaned`): a figure split in two words joined again; a Chinese character as wide as
    its advance (`_advanced`)."""
    from juesuan.sources.ocr.text import cleaned, continues

    chars: list[Char] = []
    words = cleaned(words)
    for index, word in enumerate(words):
        same_line = index > 0 and words[index - 1].line == word.line
        if same_line:
            chars[-1] = _advanced(chars[-1], word, scale)
        after = chars[-1].x1 if chars and same_line else 0.0
        if same_line and continues(words[index - 1], word):
            after = max(after, word.boxes[0][0] / scale)
            chars += _abutting(chars_of(word, scale, after), chars[-1].x1)
        else:
            chars += chars_of(word, scale, after)
    return tuple(chars)


def _advanced(char: Char, word: Word, scale: float) -> Char:
    """The last character before `word` on its line, its box ending where the word begins: never
    over it (tesseract sometimes gives a word's last character a box reaching far into the words
    after it: 2024 over 年单位决算表), and a Chinese character followed by another reaching to it,
    up to an em (its line's height) wide, as a PDF gives a character's advance, not its ink.
    tesseract reads each Chinese character as a word of its own, with the gaps between the ink
    of one and the next: a heading set with letter spacing (第 三 部 分) would be cut into
    cells there, and no line of body text would be whole."""
    from juesuan.sources.pdf.layout import is_cjk

    left = word.boxes[0][0] / scale
    if left < char.x1:
        return char._replace(x1=max(left, char.x0 + 0.5))
    em = (word.line[1] - word.line[0]) / scale
    if not (is_cjk(char.text) and is_cjk(word.text[0])):
        return char
    return char._replace(x1=max(char.x1, min(left, char.x0 + em)))


def _abutting(chars: list[Char], left: float) -> list[Char]:
    """The characters moved left to start where the one before them ends."""
    shift = chars[0].x0 - left
    return [c._replace(x0=c.x0 - shift, x1=c.x1 - shift) for c in chars]


def _points(word: Word, scale: float) -> Box:
    left, top, right, bottom = word.box
    return left / scale, top / scale, right / scale, bottom / scale
