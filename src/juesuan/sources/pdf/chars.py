"""A PDF's pages as characters and ruling lines, read with pypdfium2 (imported here only).

Coordinates are PDF points from the top-left corner of the page as displayed, y growing downwards;
a box is (x0, top, x1, bottom), as pdfplumber gives it. Characters keep pdfium's "loose" box (the
font's em square), so that every character of a line has the same height whatever its glyph.
Kangxi radicals (⾏ U+2F8F …), which some producers' fonts map glyphs to, are replaced one by
one by the ordinary characters (行); printed spaces become " "; nothing else is normalised.

Only what is shown is read: a character whose centre lies outside the page's visible box
(CropBox ∩ MediaBox, as pdfium gives it) or outside its text object's clip path (each path taken by
its bounding box) is not read. Some producers write a text box whole on every page it spans and
clip it there (普陀区财政局 2025 p.7 runs on below its clip and is written again on p.8 above its
clip, 江苏 2017 p.11 runs on below the page): pdfium gives every copy, the page shows one.

Speed: after pdfium's own page loading, the cost is one ctypes call per character (its loose
box) and two per page object (three per path; for a text object's clip two or three more, and
for each path of it not seen before two, its points read in one go where pdfium keeps them,
`_points_in_place`; one per character on a page whose text objects are clipped differently), so
those calls take plain addresses (`_pdfium`), write into one buffer per page and are made by
`map`, without a Python loop; the text comes in one call.
"""

from __future__ import annotations

import ctypes
import functools
import struct
import unicodedata
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from types import SimpleNamespace
from typing import Any, NamedTuple

from juesuan.sources import SourceError, limits
from juesuan.sources.pdf.settings import SETTINGS

MAX_PAGES = SETTINGS.max_pages
MAX_PAGE_CHARS = limits.PDF_PAGE_CHARS.value
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
    # a lone UTF-16 surrogate (a broken or hostile font's ToUnicode) is no character to print
    **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),
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
    """Text with Kangxi radicals replaced by the ordinary characters (and lone surrogates by �)."""
    return text.translate(_RADICALS)


def open_document(data: bytes, name: str) -> Any:
    """The pypdfium2 document, or a SourceError saying in Chinese why it cannot be read; a PDF
    whose streams inflate past the limits (`streams`) never reaches pdfium."""
    import pypdfium2 as pdfium

    from juesuan.sources.pdf.streams import check_streams

    check_streams(data, name)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == 4:
            raise SourceError(f"PDF 文件已加密（需要密码），无法读取：{name}") from None
        raise SourceError(f"PDF 文件已损坏或不是有效的 PDF，无法读取：{name}") from None
    if len(document) > MAX_PAGES:
        count = len(document)
        document.close()
        raise limits.PDF_PAGES.refused(name, count, MAX_PAGES)
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
            yield _page(page, index + 1, name)
        finally:
            page.close()


def _page(page: Any, number: int, name: str = "") -> Page:
    import pypdfium2.raw as raw

    width, height = page.get_size()
    visible = page.get_bbox()  # left, bottom, right, top in PDF user space
    flip = _Flip(width, height, page.get_rotation(), visible[:2])
    textpage = page.get_textpage()
    try:
        if raw.FPDFText_CountChars(textpage.raw) > MAX_PAGE_CHARS:
            raise limits.PDF_PAGE_CHARS.refused(name, number, MAX_PAGE_CHARS)
        rulings, images, clips = _objects(page, flip, visible)
        chars = tuple(_chars(textpage, flip, clips))
    finally:
        textpage.close()
    return Page(number, flip.width, flip.height, chars, tuple(rulings), images)


class _Flip:
    """PDF user space (y upwards, unrotated) to the displayed page (y downwards)."""

    def __init__(
        self, width: float, height: float, rotation: int, origin: tuple[float, float] = (0, 0)
    ) -> None:
        """`width` and `height` as displayed (pdfium gives them so), `rotation` clockwise,
        `origin` the lower left corner of the visible box in PDF user space."""
        self.rotation = rotation % 360
        self.width, self.height = width, height
        self.raw = (height, width) if self.rotation in (90, 270) else (width, height)
        self.origin = origin

    def box(self, left: float, bottom: float, right: float, top: float) -> Box:
        if not self.rotation:
            x, y = self.origin
            return left - x, self.raw[1] - top + y, right - x, self.raw[1] - bottom + y
        (ax, ay), (bx, by) = self.point(left, top), self.point(right, bottom)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def point(self, x: float, y: float) -> tuple[float, float]:
        width, height = self.raw
        x, y = x - self.origin[0], y - self.origin[1]
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return width - x, y
        if self.rotation == 270:
            return height - y, width - x
        return x, height - y


def _chars(textpage: Any, flip: _Flip, clips: Box | dict[int, Box]) -> list[Char]:
    """The page's printed characters in text order, each with its loose box: those shown, whose
    centre lies in the box they are shown in (`_text_clips`: one box for the page, or one for each
    text object)."""
    codes = _codes(textpage.raw)
    handle = _address(textpage.raw)
    printed = _printed(handle, codes)
    texts = [_TEXTS.get(code) or chr(code) for code in map(codes.__getitem__, printed)]
    values = iter(_loose_boxes(handle, printed))
    # zip over one iterator four times: each character's left, top, right, bottom
    boxes = zip(texts, values, values, values, values, strict=True)
    boxes = _clipped(boxes, handle, printed, clips) if isinstance(clips, dict) else _shown(boxes, clips)
    if flip.rotation:
        return [
            Char(text, *flip.box(left, bottom, right, top))
            for text, left, top, right, bottom in boxes
            if right > left and top > bottom
        ]
    x, height = flip.origin[0], flip.raw[1] + flip.origin[1]
    return [
        _new(Char, (text, left - x, height - top, right - x, height - bottom))
        for text, left, top, right, bottom in boxes
        if right > left and top > bottom
    ]


_new = tuple.__new__  # Char(...) without NamedTuple's Python-level __new__: thousands a page


def _codes(handle: Any) -> array:
    """The UTF-16 code unit of every character of the text page, in one call (index-aligned)."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(handle)
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    return array("H", buffer.raw[: count * 2])


_BLANKS = frozenset((0xA0, 0x3000, 0xFEFF, 0xFFFE, 0xFFFF))
_SPACES = frozenset((0x20, 0xA0, 0x3000))  # printed spaces: kept as " " (a gap inside a name or sentence)
_TEXTS = {**_RADICALS, **dict.fromkeys(_SPACES, " ")}  # every other code is its own character


def _printed(handle: int, codes: array) -> list[int]:
    """The indices of the characters printed: not line ends, nor the spaces pdfium makes up
    between words (asked of pdfium for spaces only)."""
    generated = _pdfium().is_generated
    return [
        index
        for index, code in enumerate(codes)
        if (code > 32 and code not in _BLANKS) or (code in _SPACES and not generated(handle, index))
    ]


def _loose_boxes(handle: int, indices: list[int]) -> list[float]:
    """The loose boxes of the characters at `indices`, flat: left, top, right, bottom of each
    (pdfium writes each into its slot of one buffer, read back at once)."""
    loose_box = _pdfium().loose_box
    rects = (ctypes.c_float * (4 * len(indices)))()
    base, size = ctypes.addressof(rects), 4 * ctypes.sizeof(ctypes.c_float)
    deque(map(loose_box, repeat(handle), indices, range(base, base + size * len(indices), size)), maxlen=0)
    return array("f", bytes(rects)).tolist()


def _shown(boxes: Iterator[tuple], box: Box) -> list[tuple]:
    """The characters (text, left, top, right, bottom; PDF user space) whose centre lies in `box`
    (left, bottom, right, top)."""
    left, bottom, right, top = (2 * value for value in box)  # against the sums of the two sides
    return [row for row in boxes if left <= row[1] + row[3] <= right and bottom <= row[2] + row[4] <= top]


def _clipped(boxes: Iterator[tuple], handle: int, printed: list[int], clips: dict[int, Box]) -> list:
    """The characters shown on a page whose text objects are clipped differently: each against
    its own object's box (one call a character, on such pages only); a character of no top-level
    object (drawn in a form) against the page's visible box (`clips[0]`)."""
    text_object = _pdfium().text_object
    # each box doubled once (against the sums of a character's two sides), shared by its objects
    doubled = {box: tuple(2 * value for value in box) for box in set(clips.values())}
    page = doubled[clips[0]]
    owner_box = {owner: doubled[box] for owner, box in clips.items()}.get
    shown = []
    for owner, row in zip(map(text_object, repeat(handle), printed), boxes, strict=True):
        left, bottom, right, top = owner_box(owner, page)
        if left <= row[1] + row[3] <= right and bottom <= row[2] + row[4] <= top:
            shown.append(row)
    return shown


def _objects(page: Any, flip: _Flip, visible: Box) -> tuple[list[Ruling], int, Box | dict[int, Box]]:
    """The page's ruling lines (with those of its forms placed as they are, `_form_paths`), its
    number of images (top-level objects only), and the clips of its text objects (`_text_clips`)."""
    import pypdfium2.raw as raw

    objects = _page_objects(page.raw)
    kinds = list(map(_pdfium().get_type, objects))
    paths = [handle for handle, kind in zip(objects, kinds, strict=True) if kind == raw.FPDF_PAGEOBJ_PATH]
    paths += _form_paths(
        [handle for handle, kind in zip(objects, kinds, strict=True) if kind == raw.FPDF_PAGEOBJ_FORM]
    )
    texts = [handle for handle, kind in zip(objects, kinds, strict=True) if kind == raw.FPDF_PAGEOBJ_TEXT]
    rulings: list[Ruling] = []
    for handle, box in _boxes(paths, flip):
        width, height = box[2] - box[0], box[3] - box[1]
        if min(width, height) > THIN:
            rulings += _path_rulings(handle, box, flip)
        elif max(width, height) >= 2:  # a thin path is a line, unless a dot (`_rulings`)
            rulings.append(_new(Ruling, box))
    return rulings, kinds.count(raw.FPDF_PAGEOBJ_IMAGE), _text_clips(texts, visible)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _form_paths(forms: list[int]) -> list[int]:
    """The paths drawn inside forms placed as they are (their matrix the identity, so that their
    objects' coordinates are the page's): a page whose whole content is one form (深圳 2026
    交通运输局: its tables' rulings). A form scaled or moved (a chart pasted in) is left out."""
    import pypdfium2.raw as raw

    found: list[int] = []
    matrix = raw.FS_MATRIX()
    for address in forms:
        form = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
        raw.FPDFPageObj_GetMatrix(form, matrix)
        if (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f) != _IDENTITY:
            continue
        inner = [
            _address(raw.FPDFFormObj_GetObject(form, index))
            for index in range(raw.FPDFFormObj_CountObjects(form))
        ]
        kinds = [_pdfium().get_type(handle) for handle in inner]
        found += [handle for handle, kind in zip(inner, kinds, strict=True) if kind == raw.FPDF_PAGEOBJ_PATH]
        found += _form_paths(
            [handle for handle, kind in zip(inner, kinds, strict=True) if kind == raw.FPDF_PAGEOBJ_FORM]
        )
    return found


def _text_clips(objects: list[int], visible: Box) -> Box | dict[int, Box]:
    """What a page's characters are shown in: one box (the visible box, intersected with the clip
    all its top-level text objects share), or each text object's box where they differ. A clip is
    the intersection of its paths' bounding boxes; a path's box is cached by the address of its
    first point (objects drawn under one clipping share its paths), a clip by its paths'."""
    pdfium = _pdfium()
    clip_path, count_paths, clip_segment = pdfium.clip_path, pdfium.count_paths, pdfium.clip_segment
    path_boxes: dict[int | None, Box | None] = {}
    known: dict[tuple, Box] = {}
    clips: dict[int, Box] = {}
    for handle in objects:
        path = clip_path(handle)
        count = count_paths(path) if path else 0
        key = tuple(map(clip_segment, repeat(path), range(count), repeat(0))) if count > 0 else ()
        clip = known.get(key)
        if clip is None:
            clip = visible
            for index, first in enumerate(key):
                if first not in path_boxes:
                    path_boxes[first] = _path_box(path, index, first) if first else None
                if (own := path_boxes[first]) is not None:
                    clip = (
                        max(clip[0], own[0]),
                        max(clip[1], own[1]),
                        min(clip[2], own[2]),
                        min(clip[3], own[3]),
                    )
            known[key] = clip
        clips[handle] = clip
    shared = set(known.values())
    if len(shared) > 1:
        clips[0] = visible
        return clips
    return shared.pop() if shared else visible


def _path_box(path: int, index: int, first: int) -> Box | None:
    """The bounding box (left, bottom, right, top) of one path of a clip, whose first point's
    handle is `first`; None for an empty one. The points are read in one go where pdfium keeps
    them in one array (`_points_in_place`: the last point's handle where the array puts it),
    else one by one (`_points`)."""
    pdfium = _pdfium()
    count = pdfium.count_segments(path, index)
    if count <= 0:
        return None
    last = first + _POINT_BYTES * (count - 1)
    if _points_in_place() and pdfium.clip_segment(path, index, count - 1) == last:
        values = _point_values(count)(ctypes.string_at(first, _POINT_BYTES * count))
    else:
        values = _points(path, index, count)
    xs, ys = values[0::2], values[1::2]
    return min(xs), min(ys), max(xs), max(ys)


# A segment handle points into its path's array of points (CFX_Path::Point, 12 bytes: x and y as
# floats, then the segment's type and close flag, a byte each, and padding).
_POINT_BYTES = 12


@functools.cache
def _point_values(count: int) -> Callable[[bytes], tuple[float, ...]]:
    """Reads `count` points' x and y (x, y, x, y …) from their array's bytes (native byte order,
    as pdfium wrote them)."""
    return struct.Struct("=" + "ff4x" * count).unpack


@functools.cache
def _points_in_place() -> bool:
    """Whether a path's points lie in pdfium's memory as `_POINT_BYTES` says, tried once on a path
    made for it. Reading them there takes two calls a path instead of two a point: a page of
    cells each clipped on its own (佛山 2019: 2,893 of 4,227 text objects) has thousands."""
    import pypdfium2.raw as raw

    made = [(1.5, 2.5), (3.5, 4.5), (5.5, 6.5)]
    path = raw.FPDFPageObj_CreateNewPath(*made[0])
    try:
        for x, y in made[1:]:
            raw.FPDFPath_LineTo(path, x, y)
        first, last = (_address(raw.FPDFPath_GetPathSegment(path, index)) for index in (0, len(made) - 1))
        if not first or last - first != _POINT_BYTES * (len(made) - 1):
            return False
        values = _point_values(len(made))(ctypes.string_at(first, _POINT_BYTES * len(made)))
        return list(zip(values[0::2], values[1::2], strict=True)) == made
    finally:
        raw.FPDFPageObj_Destroy(path)


def _points(path: int, index: int, count: int) -> list[float]:
    """The path's points (x, y, x, y …) asked of pdfium one by one, each written into its slot of
    one buffer read back at once; a point it cannot give repeats the one before, as pdfium leaves
    an unread point's floats as they were."""
    pdfium = _pdfium()
    points = (ctypes.c_float * (2 * count))()
    base, size = ctypes.addressof(points), ctypes.sizeof(ctypes.c_float)
    at_x = range(base, base + 2 * size * count, 2 * size)  # each point's x, its y 4 bytes on
    at_y = range(base + size, base + (2 * count + 1) * size, 2 * size)
    segments = map(pdfium.clip_segment, repeat(path), repeat(index), range(count))
    read = list(map(pdfium.get_point, segments, at_x, at_y))
    values = points[:]
    if not all(read):
        last = [0.0, 0.0]
        for at, ok in enumerate(read):
            if ok:
                last = values[2 * at : 2 * at + 2]
            else:
                values[2 * at : 2 * at + 2] = last
    return values


def _raw_bounds(objects: list[int]) -> list[Box | None]:
    """Each object's bounding box in PDF user space (left, bottom, right, top); None where pdfium
    gives none."""
    get_bounds = _pdfium().get_bounds
    values = (ctypes.c_float * (4 * len(objects)))()
    base, size = ctypes.addressof(values), ctypes.sizeof(ctypes.c_float)
    # each object's four floats: left at base + 16 k, bottom 4 bytes on, …
    slots = [
        range(base + side * size, base + (4 * len(objects) + side) * size, 4 * size) for side in range(4)
    ]
    found = list(map(get_bounds, objects, *slots))
    flat = iter(array("f", bytes(values)).tolist())
    return [tuple(box) if ok else None for ok, *box in zip(found, flat, flat, flat, flat, strict=True)]


def _page_objects(page: Any) -> list[int]:
    """The addresses of the page's top-level objects."""
    import pypdfium2.raw as raw

    get_object, handle = _pdfium().get_object, _address(page)
    return list(map(get_object, repeat(handle), range(raw.FPDFPage_CountObjects(page))))


def _boxes(objects: list[int], flip: _Flip) -> list[tuple[int, Box]]:
    """Each object with its bounding box as displayed, those pdfium gives no bounds left out
    (pdfium writes each box into its slot of one buffer, read back at once)."""
    return [
        (handle, flip.box(*box))
        for handle, box in zip(objects, _raw_bounds(objects), strict=True)
        if box is not None
    ]


def _address(handle: Any) -> int:
    """A pdfium handle (a ctypes pointer) as the plain address `_pdfium`'s functions take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


@functools.cache
def _pdfium() -> SimpleNamespace:
    """The pdfium functions called once per character or page object, declared to take handles
    and buffers as plain addresses: ctypes then builds no pointer object on each call."""
    import pypdfium2.raw as raw

    def declare(function: Any, restype: Any, *argtypes: Any) -> Any:
        return ctypes.PYFUNCTYPE(restype, *argtypes)(_address(function))

    address, number = ctypes.c_void_p, ctypes.c_int
    return SimpleNamespace(
        is_generated=declare(raw.FPDFText_IsGenerated, number, address, number),
        loose_box=declare(raw.FPDFText_GetLooseCharBox, number, address, number, address),
        get_object=declare(raw.FPDFPage_GetObject, address, address, number),
        get_type=declare(raw.FPDFPageObj_GetType, number, address),
        get_bounds=declare(raw.FPDFPageObj_GetBounds, number, address, address, address, address, address),
        text_object=declare(raw.FPDFText_GetTextObject, address, address, number),
        clip_path=declare(raw.FPDFPageObj_GetClipPath, address, address),
        count_paths=declare(raw.FPDFClipPath_CountPaths, number, address),
        clip_segment=declare(raw.FPDFClipPath_GetPathSegment, address, address, number, number),
        count_segments=declare(raw.FPDFClipPath_CountPathSegments, number, address, number),
        get_point=declare(raw.FPDFPathSegment_GetPoint, number, address, address, address),
    )


def _path_rulings(address: int, box: Box, flip: _Flip) -> list[Ruling]:
    """A wide path's straight lines: its sides when a stroked rectangle, each horizontal or
    vertical segment of a longer stroked path (a whole grid drawn as one path), else none."""
    import pypdfium2.raw as raw

    handle = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
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


THIN = SETTINGS.thin


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
