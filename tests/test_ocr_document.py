"""The example's whole built PDF as a scan: every page an image (as a scanner makes them, 8-bit
gray in an image-only PDF), at 150 and at 300 dpi, read and checked as `juesuan check` does it
(in a child process under the default limits: the time limit grows with each page read by OCR).

The scan is made and read once per resolution (a module fixture); the tests share it. The ten
tables' cells must come back as the text PDF gives them (≥ 99.5 %), and `check` must raise no
error that the text PDF does not raise: a figure OCR was unsure of, or text on a page it read,
cannot be checked (无法核对), never an error. Figures: benchmarks/ocr.py --full, docs/ocr.md.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_ocr import NEEDED, built, cells, engine, reference, share_read_back, text_errors  # noqa: F401

from juesuan.sources.ocr import unavailable

pytestmark = pytest.mark.skipif(
    bool(unavailable()), reason=f"OCR 不可用（{unavailable()}）/ tesseract with chi_sim and eng not installed"
)


@dataclass(frozen=True)
class Checked:
    dpi: int
    pages: int  # of the built PDF, every one an image in the scan
    disclosure: object
    problems: list
    findings: list


def image_only(pdf: bytes, dpi: int) -> bytes:
    """Every page of the PDF as an image of itself, nothing else."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


@pytest.fixture(scope="module", params=[150, 300], ids=["150dpi", "300dpi"])
def whole(request, built, tmp_path_factory) -> Checked:  # noqa: F811
    """The whole scan read and checked as `juesuan check` does it."""
    import pypdfium2 as pdfium

    from juesuan.cli.reading import read_and_check

    path = Path(tmp_path_factory.mktemp("scan")) / f"scan{request.param}.pdf"
    path.write_bytes(image_only(built, request.param))
    return Checked(request.param, len(pdfium.PdfDocument(built)), *read_and_check(str(path)))


def test_the_whole_scan_reads_back_cell_for_cell(whole, reference):  # noqa: F811
    read = cells(whole.disclosure)
    assert len(reference) == 237
    assert share_read_back(read, reference) >= NEEDED, sorted(
        (key, value, read.get(key)) for key, value in reference.items() if read.get(key) != value
    )
    assert set(read) <= set(reference)  # nothing made up


def test_check_raises_no_error_that_comes_from_reading(whole, text_errors):  # noqa: F811
    from juesuan.rules import Severity

    errors = [f for f in whole.findings if f.severity == Severity.ERROR]
    assert [str(f) for f in errors if f.as_tuple() not in text_errors] == []
    noted = [f.message for f in whole.findings if f.rule == "R-reading" and "已用 OCR 识别" in f.message]
    said = f"第1至{whole.pages}页无文本层（扫描图像），已用 OCR 识别（{engine()}）；识别的数值请以原页面为准"
    assert noted == [said]


def test_every_origin_on_the_scan_is_marked_as_read_by_ocr(whole):
    """No origin of the reading passes for text-layer text, and no finding that rests on text OCR
    read (a finding of the rules with no figure, or at a place of the scan the reading never
    measured) is more than a note that it cannot be checked."""
    from juesuan.rules import Severity
    from juesuan.rules.report import pages_by_reading

    scanned, printed = pages_by_reading((whole.disclosure, whole.problems))
    assert printed == set()
    assert scanned <= set(range(1, whole.pages + 1))
    unmeasured = [
        str(f)
        for f in whole.findings
        if f.origin is not None
        and f.origin.page
        and f.origin.confidence is None
        and f.severity != Severity.INFO
    ]
    assert unmeasured == []


def test_the_parts_are_found_on_the_scan(whole):
    """第三部分's sections and 第五部分's forms are read from the scan as from the text PDF (a
    heading set with letter spacing, 第 三 部 分, is one heading; a bold 五 read in two pieces is
    one character)."""
    assert len(whole.disclosure.forms) == 11
    assert len(whole.disclosure.narrative) == 10
