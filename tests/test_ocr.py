"""Scanned disclosures read by OCR (`juesuan.sources.ocr`), on the example's own built PDF.

The built PDF is rasterised at test time (pypdfium2, as a scanner would make its pages: 8-bit
gray images in an image-only PDF page) and read back: its tables' cells must come back as the
text PDF gives them, and `check` must raise no error that comes from reading. To keep the run
short, the pages turned into images are the ten table pages (300 dpi) and the tables with the
narrative (150 dpi); the other pages keep their text layer, which also tests a scanned page
among text pages. The whole document scanned: tests/test_ocr_document.py (figures in
benchmarks/ocr.py and docs/ocr.md). Also here: images given directly, the bounds, the time a page
read by OCR adds to a file's limit, batches (worker processes, Dask) keeping the OCR options,
and the web's page view of an image.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.sources.ocr import unavailable

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "datong-2024"
TABLE_PAGES = range(4, 14)  # 公开01表 … 公开10表 in the built PDF
NARRATIVE_PAGES = range(14, 19)  # 第三部分 情况说明
NEEDED = 0.995  # of the reference cells read back exactly

pytestmark = pytest.mark.skipif(
    bool(unavailable()), reason=f"OCR 不可用（{unavailable()}）/ tesseract with chi_sim and eng not installed"
)


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("built")
    done = juesuan("build", EXAMPLE, "-o", out, "--format", "pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    return (out / "report.pdf").read_bytes()


def page_images(pdf: bytes, dpi: int, pages: range) -> list:
    """The pages (1-based) rendered as 8-bit gray images."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    return [document[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in pages]


def scanned(pdf: bytes, dpi: int, pages: range) -> bytes:
    """The PDF with `pages` replaced by images of themselves (image-only pages)."""
    import pypdfium2 as pdfium

    images = page_images(pdf, dpi, pages)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    original, scans = pdfium.PdfDocument(pdf), pdfium.PdfDocument(buffer.getvalue())
    mixed = pdfium.PdfDocument.new()
    for part, chosen in (
        (original, list(range(pages.start - 1))),
        (scans, None),
        (original, list(range(pages.stop - 1, len(original)))),
    ):
        if chosen is None or chosen:  # import_pages takes an empty list for every page
            mixed.import_pages(part, chosen)
    out = io.BytesIO()
    mixed.save(out)
    return out.getvalue()


def cells(disclosure) -> dict[tuple[str, str, str], str]:
    from juesuan.model import tidy_cells

    return {(c.table, c.row, c.col): c.value for c in tidy_cells(disclosure)}


@pytest.fixture(scope="module")
def reference() -> dict[tuple[str, str, str], str]:
    """The example's cells as the build renders them (237 figures in the ten tables)."""
    from juesuan.build import build_package

    return cells(build_package(EXAMPLE, formats=()).disclosure)


@pytest.fixture(scope="module")
def at_300(built):
    from juesuan.sources import read_bytes

    return read_bytes(scanned(built, 300, TABLE_PAGES), "scan300.pdf")


@pytest.fixture(scope="module")
def at_150(built):
    from juesuan.sources import read_bytes

    return read_bytes(scanned(built, 150, range(TABLE_PAGES.start, NARRATIVE_PAGES.stop)), "scan150.pdf")


def share_read_back(read: dict, reference: dict) -> float:
    return sum(1 for key, value in reference.items() if read.get(key) == value) / len(reference)


@pytest.mark.parametrize("dpi", [300, 150])
def test_the_scanned_tables_read_back_cell_for_cell(dpi, request, reference):
    disclosure, _ = request.getfixturevalue(f"at_{dpi}")
    read = cells(disclosure)
    assert len(reference) == 237
    assert share_read_back(read, reference) >= NEEDED, sorted(
        (key, value, read.get(key)) for key, value in reference.items() if read.get(key) != value
    )
    assert set(read) <= set(reference)  # nothing made up


@pytest.fixture(scope="module")
def text_errors(built) -> set[tuple[str, str, str, str]]:
    """The errors `check` finds in the text PDF itself: none come from OCR."""
    from juesuan.rules import Severity
    from juesuan.rules.report import review
    from juesuan.sources import read_bytes

    disclosure, problems = read_bytes(built, "report.pdf")
    return {f.as_tuple() for f in review(disclosure, problems) if f.severity == Severity.ERROR}


@pytest.mark.parametrize("dpi", [300, 150])
def test_check_raises_no_error_that_comes_from_reading(dpi, request, text_errors):
    from juesuan.rules import Severity
    from juesuan.rules.report import review

    disclosure, problems = request.getfixturevalue(f"at_{dpi}")
    findings = review(disclosure, problems)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert [str(f) for f in errors if f.as_tuple() not in text_errors] == []
    pages = "第4至13页" if dpi == 300 else "第4至18页"
    noted = [f.message for f in findings if f.rule == "R-reading" and "已用 OCR 识别" in f.message]
    assert noted == [f"{pages}无文本层（扫描图像），已用 OCR 识别（{engine()}）；识别的数值请以原页面为准"]


def engine() -> str:
    from juesuan.sources.ocr.tesseract import version

    return f"{version()} chi_sim"


def test_every_figure_on_a_scanned_page_keeps_its_confidence(at_300):
    disclosure, _ = at_300
    figures = [figure for table in disclosure.tables for row in table.rows for _, figure in row.cells]
    assert all(0 <= figure.origin.confidence <= 1 for figure in figures)
    assert {figure.origin.page for figure in figures} <= set(TABLE_PAGES)


def test_a_wrong_figure_read_unsurely_cannot_be_checked_and_is_no_error(at_300):
    """公开02表 合计 第1栏 made 1 万元 too large: an error when OCR was sure of it, a note that it
    cannot be checked when it was not."""
    from dataclasses import replace
    from decimal import Decimal

    from juesuan.rules import Severity
    from juesuan.rules.report import review

    disclosure, problems = at_300

    def with_total(confidence: float):
        tables = []
        for table in disclosure.tables:
            rows = []
            for row in table.rows:
                if table.number == "02" and row.key == "合计":
                    figure = row.get("1")
                    wrong = replace(
                        figure,
                        text="1127.93",
                        value=Decimal("1127.93"),
                        origin=replace(figure.origin, confidence=confidence),
                    )
                    row = replace(row, cells=tuple((k, wrong if k == "1" else f) for k, f in row.cells))
                rows.append(row)
            tables.append(replace(table, rows=tuple(rows)))
        findings = review(replace(disclosure, tables=tuple(tables)), problems)
        return [f for f in findings if ("02", "合计", "1") in {(c.table, c.row, c.col) for c in f.cells}]

    sure = with_total(0.96)
    assert sure and {f.severity for f in sure} == {Severity.ERROR}
    unsure = with_total(0.42)
    assert unsure and {f.severity for f in unsure} == {Severity.INFO}
    assert all(f.message.startswith("无法核对（所涉数值由 OCR 识别，置信度不足") for f in unsure)


def test_images_given_directly_are_read_like_a_scan(built, reference, tmp_path):
    """A PNG of the first table page, and a two-page TIFF of the first two, through the command."""
    png, tiff = tmp_path / "01.png", tmp_path / "01-02.tif"
    first, second = page_images(built, 200, range(4, 6))
    first.save(png, dpi=(200, 200))
    first.save(tiff, save_all=True, append_images=[second], dpi=(200, 200), compression="tiff_lzw")
    for path, tables in ((png, {"01"}), (tiff, {"01", "02"})):
        # a time limit the OCR alone outlasts: each page read by OCR adds its own (--ocr-seconds)
        done = juesuan("parse", path, "--format", "cells", "--time-limit", "1")
        assert done.returncode == 0, done.stderr
        rows = [line.split(",") for line in done.stdout.splitlines()[1:]]
        read = {(t, r, c): v for t, r, c, v, *_ in rows}
        expected = {key: value for key, value in reference.items() if key[0] in tables}
        assert read == expected
        assert "已用 OCR 识别" in done.stderr


def test_no_ocr_refuses_a_scan_and_says_why(built, tmp_path):
    scan = tmp_path / "scan.pdf"
    images = page_images(built, 100, range(4, 5))
    images[0].save(scan, format="PDF", resolution=100)
    done = juesuan("check", scan, "--no-ocr")
    assert done.returncode == 2
    assert done.stderr.strip() == f"错误：扫描件，无文本层，无法读取（未启用 OCR（--no-ocr））：{scan.name}"


def test_ocr_stops_at_its_page_bound_and_says_so(built):
    from juesuan.sources import read_bytes
    from juesuan.sources.ocr import OcrSettings, using

    pdf = scanned(built, 150, range(4, 6))
    with using(OcrSettings(max_pages=1)):
        disclosure, problems = read_bytes(pdf, "scan.pdf")
    messages = [p.message for p in problems]
    assert "第5页是扫描图像，无文本层，未读取（OCR 页数已达上限 1 页（--ocr-pages））" in messages
    assert "第4页无文本层（扫描图像），已用 OCR 识别" in messages[0]
    assert disclosure.table("01") is not None


def test_each_page_read_by_ocr_adds_its_time_to_the_files_limit():
    """`isolation.grant`, which the OCR calls for each page it reads: the parent waits that much
    longer; without it the limit holds."""
    import time

    from juesuan.isolation import Limits, grant, isolated, too_slow_message
    from juesuan.sources import SourceError

    def work(granted: float) -> str:
        grant(granted)
        time.sleep(1.5)
        return "读完"

    assert isolated(work, 3.0, limits=Limits(seconds=1)) == "读完"
    with pytest.raises(SourceError) as refused:
        isolated(work, 0.0, limits=Limits(seconds=1))
    assert str(refused.value) == too_slow_message(1)
    assert too_slow_message(120, 180) == (
        "处理超时（上限 120 秒，另加 OCR 识别扫描页的 180 秒），"
        "已停止：文件可能过于复杂、已损坏或含有恶意内容"
    )


@pytest.fixture(scope="module")
def image_folder(built, tmp_path_factory) -> Path:
    """A folder of a scanned page as PNG, as JPEG and as TIFF (and a note a batch skips)."""
    folder = tmp_path_factory.mktemp("images")
    (image,) = page_images(built, 100, range(4, 5))
    image.save(folder / "01.png")
    image.save(folder / "01.jpg", quality=90)
    (folder / "sub").mkdir()
    image.save(folder / "sub" / "01.tif")
    (folder / "说明.md").write_text("不审核", encoding="utf-8")
    return folder


NO_OCR = "扫描件，无文本层，无法读取（未启用 OCR（--no-ocr））"


def test_a_folder_batch_takes_images_and_its_workers_keep_the_ocr_options(image_folder):
    """--no-ocr reaches the worker processes: each image is refused for it, none read."""
    import json

    from juesuan.batch import expand

    found = [path.relative_to(image_folder).as_posix() for path in expand([str(image_folder)])]
    assert found == ["01.jpg", "01.png", "sub/01.tif"]
    done = juesuan("check", image_folder, "--jobs", "2", "--no-ocr", "--format", "jsonl")
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["01.jpg", "01.png", "01.tif"]
    assert [r["error"] for r in records] == [f"{NO_OCR}：{Path(r['path']).name}" for r in records]
    assert done.returncode == 2


def test_a_dask_cluster_keeps_the_ocr_options(image_folder):
    distributed = pytest.importorskip("distributed")
    from juesuan.batch import check_files
    from juesuan.sources.ocr import OcrSettings, using

    paths = [image_folder / "01.png"]
    with (
        distributed.LocalCluster(
            n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        using(OcrSettings(enabled=False)),
    ):
        (result,) = check_files(paths, scheduler=client)
    assert result.error == f"{NO_OCR}：01.png"


def test_an_image_upload_shows_its_page_on_the_web_with_the_findings_boxed(built):
    """The web's page view of a PNG: the page as the OCR read it, in points at the image's
    resolution (A4), and a finding on a figure boxed where OCR read the figure."""
    from juesuan.render.pages import finding_boxes
    from juesuan.rules import CellRef, Finding, Severity
    from juesuan.web.reviewing import review_job

    (image,) = page_images(built, 200, range(4, 5))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(200, 200))
    reviewed = review_job(buffer.getvalue(), "01.png", 300, None)
    kept = reviewed.kept
    assert [(p.number, round(p.width), round(p.height)) for p in kept.pages] == [(1, 595, 842)]
    assert len(reviewed.images) == 1 and reviewed.images[0].startswith(b"\x89PNG")
    assert len(kept.boxes) == len(kept.findings)
    # 公开01表 第1行 一、财政拨款收入 1126.92: a finding on it is boxed where OCR read it
    total = CellRef("01", "1", "1")
    figure = kept.disclosure.table("01").row("1").get("1")
    (box,) = finding_boxes(kept.disclosure, Finding("T01-x", Severity.ERROR, "…", (total,), "公开01表"))
    assert (figure.text, box.page) == ("1126.92", 1)
    assert (box.x0, box.top, box.x1, box.bottom) == figure.origin.box
    assert 0 < box.x0 < box.x1 < 595 and 0 < box.top < box.bottom < 842
