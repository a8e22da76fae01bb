"""Clip paths as the PDF reader reads them (sources/pdf/chars.py): a path's points are read where
pdfium keeps them, in one array, and give the same box as asking pdfium for each point."""

from __future__ import annotations

import ctypes

from real_documents import REAL, needs_real

from juesuan.sources.pdf import chars


def _boxes_both_ways(clip: int, paths: int) -> list[tuple[tuple, tuple]]:
    """Each path of the clip: its box as the reader reads it, and from pdfium point by point."""
    pdfium = chars._pdfium()
    found = []
    for index in range(paths):
        count = pdfium.count_segments(clip, index)
        one_by_one = chars._points(clip, index, count)
        xs, ys = one_by_one[0::2], one_by_one[1::2]
        first = pdfium.clip_segment(clip, index, 0)
        found.append((chars._path_box(clip, index, first), (min(xs), min(ys), max(xs), max(ys))))
    return found


def test_pdfium_keeps_a_paths_points_in_one_array_as_the_reader_assumes():
    assert chars._points_in_place()


def test_a_rectangular_clip_is_read_in_place_as_pdfium_gives_it_point_by_point():
    import pypdfium2.raw as raw

    clip = raw.FPDF_CreateClipPath(10.5, 20.25, 110.75, 220.5)
    try:
        address = ctypes.cast(clip, ctypes.c_void_p).value
        assert _boxes_both_ways(address, 1) == [((10.5, 20.25, 110.75, 220.5),) * 2]
    finally:
        raw.FPDF_DestroyClipPath(clip)


@needs_real
def test_every_cell_clip_of_a_real_page_is_read_in_place_as_pdfium_gives_it():
    """佛山 2019 p.6 clips the text of each cell on its own: 184 text objects, 330 clip paths."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(REAL / "guangdong-foshan-guidaojiaotong-2019.pdf")
    page = document[5]
    try:
        functions = chars._pdfium()
        texts = [h for h in chars._page_objects(page.raw) if functions.get_type(h) == raw.FPDF_PAGEOBJ_TEXT]
        clips = [functions.clip_path(handle) for handle in texts]
        pairs = [pair for clip in clips for pair in _boxes_both_ways(clip, functions.count_paths(clip))]
        assert (len(texts), len(pairs)) == (184, 330)
        assert all(in_place == one_by_one for in_place, one_by_one in pairs)
    finally:
        page.close()
        document.close()
