"""OCR of scanned disclosures: accuracy on Chinese tables and seconds per page, engine beside engine.

The example package is built into its PDF; its ten table pages (公开01表 … 公开10表) are rasterised
at 150 and at 300 dpi into image-only pages (8-bit gray, as a scanner makes them) among the text
pages, and the file is read back. Accuracy: the share of the reference cells (the package's own
cells, 237 in the ten tables) read back exactly, the figures OCR was unsure of, and the errors
`check` then raises that it does not raise on the text PDF (errors that come from reading).
Speed: seconds per scanned page (the whole reading, divided by the pages read by OCR), in wall
and CPU time (CPU includes the tesseract processes; steadier on a busy machine; not RapidOCR's
worker, which runs on until the end: its CPU is not counted).

Engines:
- tesseract (Debian tesseract-ocr with chi_sim and eng, Apache-2.0): what juesuan uses;
- rapidocr (PyPI rapidocr-onnxruntime, Apache-2.0, PP-OCRv4 models inside the wheel, with
  onnxruntime MIT, opencv-python Apache-2.0/MIT, shapely BSD, pyclipper MIT): measured when a
  Python that has it is given (``--rapidocr-python``); it is not a juesuan dependency. Its text
  boxes go through the same pipeline (rulings, second reading of figure cells, layout), each box's
  text shared evenly over its width, as it gives no character boxes.

``--full`` also reads the whole document rasterised (every page an image: an image-only PDF) and
checks it: the cells of the ten tables, errors that come from reading, warnings (all from reading:
the text PDF has none) and the sections of 第三部分 read.

Run: .venv/bin/python benchmarks/ocr.py [--pages 4-13] [--rapidocr-python /path/to/python] [--full]
(RapidOCR took ~20 s of CPU a page here: give it a few pages, e.g. --pages 4-5.)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "datong-2024"

WORKER = r"""
import json, sys
from rapidocr_onnxruntime import RapidOCR
engine = RapidOCR()
for path in sys.stdin:
    result, _ = engine(path.strip())
    found = []
    for box, text, score in result or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        found.append([[min(xs), min(ys), max(xs), max(ys)], text, float(score)])
    print(json.dumps(found, ensure_ascii=False), flush=True)
"""


def built_pdf() -> bytes:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "juesuan", "build", str(EXAMPLE), "-o", out, "--format", "pdf"]
        subprocess.run(command, check=True, capture_output=True)
        return (Path(out) / "report.pdf").read_bytes()


def scanned(pdf: bytes, dpi: int, pages: range) -> bytes:
    import pypdfium2 as pdfium

    original = pdfium.PdfDocument(pdf)
    images = [original[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    mixed = pdfium.PdfDocument.new()
    for part, chosen in (
        (original, list(range(pages.start - 1))),
        (pdfium.PdfDocument(buffer.getvalue()), None),
        (original, list(range(pages.stop - 1, len(original)))),
    ):
        if chosen is None or chosen:  # import_pages takes an empty list for every page
            mixed.import_pages(part, chosen)
    out = io.BytesIO()
    mixed.save(out)
    return out.getvalue()


def cells(disclosure) -> dict:
    from juesuan.model import tidy_cells

    return {(c.table, c.row, c.col): c.value for c in tidy_cells(disclosure)}


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def errors_of(pdf: bytes) -> set:
    from juesuan.rules import Severity
    from juesuan.rules.report import review
    from juesuan.sources import read_bytes

    disclosure, problems = read_bytes(pdf, "report.pdf")
    return {f.as_tuple() for f in review(disclosure, problems) if f.severity == Severity.ERROR}


def measure(pdf: bytes, pages: int, reference: dict, text_errors: set) -> dict:
    from juesuan.rules import Severity
    from juesuan.rules.report import review
    from juesuan.sources import read_bytes

    wall, used = time.perf_counter(), cpu()
    disclosure, problems = read_bytes(pdf, "scan.pdf")
    wall, used = time.perf_counter() - wall, cpu() - used
    read = cells(disclosure)
    exact = sum(1 for key, value in reference.items() if read.get(key) == value)
    figures = [
        f for t in disclosure.tables for r in t.rows for _, f in r.cells if f.origin.confidence is not None
    ]
    findings = review(disclosure, problems)
    return {
        "exact": exact,
        "cells": len(reference),
        "unsure": sum(1 for f in figures if f.origin.unsure),
        "errors": sum(
            1 for f in findings if f.severity == Severity.ERROR and f.as_tuple() not in text_errors
        ),
        "warnings": sum(1 for f in findings if f.severity == Severity.WARNING),
        "sections": len(disclosure.narrative),  # 第三部分's sections read
        "wall": wall / pages,
        "cpu": used / pages,
        "misses": [(key, value, read.get(key)) for key, value in reference.items() if read.get(key) != value],
    }


class RapidOcr:
    """`tesseract.recognise` in its place: one RapidOCR worker process in another Python."""

    def __init__(self, python: str) -> None:
        self.process = subprocess.Popen(
            [python, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.folder = tempfile.TemporaryDirectory()

    def recognise(self, gray, seconds: float, language: str = "", only: str = "", mode: str = "") -> list:
        from PIL import Image

        from juesuan.sources.ocr.tesseract import Word

        path = Path(self.folder.name) / "page.png"
        Image.fromarray(gray).save(path)
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        words = []
        for (left, top, right, bottom), text, score in json.loads(self.process.stdout.readline()):
            text = "".join(text.split())
            if only:
                text = "".join(ch for ch in text if ch in only)
            if not text:
                continue
            step = (right - left) / len(text)
            boxes = tuple(
                (round(left + i * step), round(top), round(left + (i + 1) * step), round(bottom))
                for i in range(len(text))
            )
            words.append(Word(text, boxes, (round(top), round(bottom)), score))
        return words


def row(engine: str, dpi: int, found: dict) -> str:
    share = found["exact"] / found["cells"]
    return (
        f"{engine:<10} {dpi:>4} {found['exact']:>4}/{found['cells']:<4} {share:>8.2%} {found['unsure']:>7}"
        f" {found['errors']:>7} {found['wall']:>9.2f} {found['cpu']:>9.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rapidocr-python", help="a Python with rapidocr-onnxruntime installed")
    parser.add_argument("--full", action="store_true", help="also the whole document rasterised")
    parser.add_argument("--pages", default="4-13", help="the table pages rasterised (4-13: 公开01-10表)")
    args = parser.parse_args()
    first, _, last = args.pages.partition("-")
    pages = range(int(first), int(last or first) + 1)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from juesuan.sources.ocr import tesseract, unavailable

    if missing := unavailable():
        print(f"OCR 不可用：{missing}")
        return
    from juesuan.build import build_package

    pdf = built_pdf()
    tables = {f"{page - 3:02d}" for page in pages}  # 公开01表 on page 4 … 公开10表 on page 13
    every = cells(build_package(EXAMPLE, formats=()).disclosure)
    reference = {key: value for key, value in every.items() if key[0] in tables}
    text_errors = errors_of(pdf)
    engines = [("tesseract", None)]
    if args.rapidocr_python:
        engines.append(("rapidocr", RapidOcr(args.rapidocr_python)))
    print(f"{tesseract.version()}; table pages {pages.start}-{pages.stop - 1}, {len(reference)} cells")
    heads = ("engine", "dpi", "exact", "share", "unsure", "errors", "s/page", "cpu/page")
    print("{:<10} {:>4} {:>9} {:>8} {:>7} {:>7} {:>9} {:>9}".format(*heads))
    for dpi in (150, 300):
        scan = scanned(pdf, dpi, pages)
        for name, engine in engines:
            original = tesseract.recognise
            if engine is not None:
                tesseract.recognise = engine.recognise
                import juesuan.sources.ocr.figures as figures

                figures.recognise = engine.recognise
            try:
                found = measure(scan, len(pages), reference, text_errors)
            finally:
                tesseract.recognise = original
                import juesuan.sources.ocr.figures as figures

                figures.recognise = original
            print(row(name, dpi, found))
            for miss in found["misses"]:
                print(f"{'':<16}miss {miss}")
    if args.full:
        import pypdfium2 as pdfium

        whole = range(1, len(pdfium.PdfDocument(pdf)) + 1)  # every page an image: an image-only PDF
        for dpi in (150, 300):
            found = measure(scanned(pdf, dpi, whole), len(whole), every, text_errors)
            print(
                row("tess-full", dpi, found) + f"  warnings {found['warnings']}  sections {found['sections']}"
            )
            for miss in found["misses"]:
                print(f"{'':<16}miss {miss}")


if __name__ == "__main__":
    main()
