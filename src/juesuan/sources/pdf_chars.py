"""A PDF's pages as characters and ruling lines, read with pypdfium2 (imported here only).

Coordinates are PDF points from the top-left corner of the page as displayed, y growing downwards;
a box is (x0, top, x1, bottom), as pdfplumber gives it. Characters keep pdfium's "loose" box (the
font's em square), so that every character of a line has the same height whatever its glyph.
Kangxi radicals (⾏ U+2F8F …), which some producers' fonts map glyphs to, are replaced one by
one by the ordinary characters (行); printed spaces become " "; nothing else is normalised.
"""

from __future__ import annotations

import ctypes
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from juesuan.sources import SourceError

MAX_PAGES = 500
Box = tuple[float, float, float, float]

# CJK Radicals Supplement (U+2E80–U+2EFF) has no compatibility mapping: the look-alikes of
# ordinary characters, one by one.
_SUPPLEMENT = dict(
    zip(
        "⺁⺇⺊⺓⺝⺟⺠⺩⺮⺯⺶⺼⺽⻁⻄⻅⻆⻉⻊⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
        "厂几卜幺月母民王竹糸羊肉臼虎西见角贝足车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
        strict=True,
    )
)
_RADICALS = {
    **{ord(k): v for k, v in _SUPPLEMENT.items()},
    **{
        cp: mapped
        for cp in range(0x2F00, 0x2FE0)
        if len(mapped := unicodedata.normalize("NFKC", chr(cp))) == 1 and mapped != chr(cp)
    },
}


class Char(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


class Ruling(NamedTuple):
    """A drawn line (or a thin filled rectangle) of a table's grid."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rulings: tuple[Ruling, ...]
    images: int  # image objects: a page with images and no characters is a scan


def plain(text: str) -> str:
    """Text with Kangxi radicals replaced by the ordinary characters."""
    return text.translate(_RADICALS)


def open_document(data: bytes, name: str) -> Any:
    """The pypdfium2 document, or a SourceError saying in Chinese why it cannot be read."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == 4:
            raise SourceError(f"PDF 文件已加密（需要密码），无法读取：{name}") from None
        raise SourceError(f"PDF 文件已损坏或不是有效的 PDF，无法读取：{name}") from None
    if len(document) > MAX_PAGES:
        count = len(document)
        document.close()
        raise SourceError(f"PDF 页数过多（{count} 页），上限为 {MAX_PAGES} 页：{name}")
    return document


def read_pages(document: Any, name: str = "") -> Iterator[Page]:
    """Every page of an open document, in order; SourceError for a page pdfium cannot load."""
    import pypdfium2 as pdfium

    for index in range(len(document)):
        try:
            page = document[index]
        except pdfium.PdfiumError:
            raise SourceError(f"PDF 第{index + 1}页已损坏，无法读取：{name}") from None
        try:
            yield _page(page, index + 1)
        finally:
            page.close()


def _page(page: Any, number: int) -> Page:
    width, height = page.get_size()
    flip = _Flip(width, height, page.get_rotation())
    textpage = page.get_textpage()
    try:
        chars = tuple(_chars(textpage, flip))
    finally:
        textpage.close()
    rulings, images = _objects(page, flip)
    return Page(number, flip.width, flip.height, chars, tuple(rulings), images)


class _Flip:
    """PDF user space (y upwards, unrotated) to the displayed page (y downwards)."""

    def __init__(self, width: float, height: float, rotation: int) -> None:
        """`width` and `height` as displayed (pdfium gives them so), `rotation` clockwise."""
        self.rotation = rotation % 360
        self.width, self.height = width, height
        self.raw = (height, width) if self.rotation in (90, 270) else (width, height)

    def box(self, left: float, bottom: float, right: float, top: float) -> Box:
        if not self.rotation:
            return left, self.raw[1] - top, right, self.raw[1] - bottom
        (ax, ay), (bx, by) = self.point(left, top), self.point(right, bottom)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def point(self, x: float, y: float) -> tuple[float, float]:
        width, height = self.raw
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return width - x, y
        if self.rotation == 270:
            return height - y, width - x
        return x, height - y


def _chars(textpage: Any, flip: _Flip) -> Iterator[Char]:
    import pypdfium2.raw as raw

    handle, rect = textpage.raw, raw.FS_RECTF()
    where = ctypes.byref(rect)
    loose_box, height, radicals = raw.FPDFText_GetLooseCharBox, flip.raw[1], _RADICALS
    for index, code in enumerate(_codes(handle)):
        if (code <= 32 or code in _BLANKS) and (
            code not in _SPACES or raw.FPDFText_IsGenerated(handle, index)
        ):
            continue  # line ends, and the spaces pdfium makes up between words
        loose_box(handle, index, where)
        left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
        if right <= left or top <= bottom:
            continue
        text = " " if code in _SPACES else radicals.get(code) or chr(code)
        if flip.rotation:
            yield Char(text, *flip.box(left, bottom, right, top))
        else:
            yield Char(text, left, height - top, right, height - bottom)


def _codes(handle: Any) -> array:
    """The UTF-16 code unit of every character of the text page, in one call (index-aligned)."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(handle)
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    return array("H", buffer.raw[: count * 2])


_BLANKS = frozenset((0xA0, 0x3000, 0xFEFF, 0xFFFE, 0xFFFF))
_SPACES = frozenset((0x20, 0xA0, 0x3000))  # printed spaces: kept as " " (a gap inside a name or sentence)


def _objects(page: Any, flip: _Flip) -> tuple[list[Ruling], int]:
    """The page's ruling lines and its number of images (top-level objects only)."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    get_object, get_type, get_bounds = (
        raw.FPDFPage_GetObject,
        raw.FPDFPageObj_GetType,
        raw.FPDFPageObj_GetBounds,
    )
    path, image = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE
    rulings: list[Ruling] = []
    images = 0
    page = page.raw
    for index in range(raw.FPDFPage_CountObjects(page)):
        handle = get_object(page, index)
        kind = get_type(handle)
        if kind == image:
            images += 1
        elif kind == path and get_bounds(handle, left, bottom, right, top):
            box = flip.box(left.value, bottom.value, right.value, top.value)
            thin = min(box[2] - box[0], box[3] - box[1]) <= THIN
            rulings += _rulings(box, False) if thin else _path_rulings(handle, box, flip)
    return rulings, images


def _path_rulings(handle: Any, box: Box, flip: _Flip) -> list[Ruling]:
    """A wide path's straight lines: its sides when a stroked rectangle, each horizontal or
    vertical segment of a longer stroked path (a whole grid drawn as one path), else none."""
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(handle, fill, stroke)
    if not stroke.value:
        return []  # shading, a chart bar: no grid
    count = raw.FPDFPath_CountSegments(handle)
    return _segments(handle, count, flip) if count > 5 else _rulings(box, not fill.value)


def _segments(handle: Any, count: int, flip: _Flip) -> list[Ruling]:
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(handle, matrix)
    x, y = ctypes.c_float(), ctypes.c_float()
    found: list[Ruling] = []
    start = last = (0.0, 0.0)
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(handle, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        a, b, c, d, e, f = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        point = flip.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO:
            start = point
        else:
            found += _straight(last, point)
        if raw.FPDFPathSegment_GetClose(segment):
            found += _straight(point, start)
        last = point
    return found


def _straight(a: tuple[float, float], b: tuple[float, float]) -> list[Ruling]:
    """The segment a–b as a ruling when it is horizontal or vertical."""
    (ax, ay), (bx, by) = a, b
    if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
        return [Ruling(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))]
    return []


THIN = 3.0  # a filled rectangle thinner than this is a line


def _rulings(box: Box, stroked: bool) -> list[Ruling]:
    x0, top, x1, bottom = box
    width, height = x1 - x0, bottom - top
    if max(width, height) < 2:
        return []  # a dot (the corner pieces some producers draw)
    if width <= THIN or height <= THIN:
        return [Ruling(*box)]
    if not stroked:
        return []  # shading, a chart bar: no grid
    return [
        Ruling(x0, top, x1, top),
        Ruling(x0, bottom, x1, bottom),
        Ruling(x0, top, x0, bottom),
        Ruling(x1, top, x1, bottom),
    ]
