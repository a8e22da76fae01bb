"""Time to render the reference disclosure as HTML and as PDF.

Prints the HTML render time (charts included), the time to write the PDF's Typst document
(`pdf.source`, the same views and charts), Typst's time to typeset it (the first time with its
import and fonts, then warm), the total PDF time as `juesuan.render.pdf.render` takes it, and the
page count, each with its CPU time and the load beside it. Imports (matplotlib) are warmed up
first and timed apart.
Run: .venv/bin/python benchmarks/render_pdf.py [runs]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from juesuan.render.html import render_html
from juesuan.sources import read_path

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "datong-zwfwzx-2024.txt"


def timed(action: Callable[[], Any], runs: int) -> tuple[Any, str]:
    """(last result, "median wall, least wall, least CPU, load") over `runs` calls."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    said = f"median {statistics.median(walls):.2f} s, min {min(walls):.2f} s, CPU min {min(cpus):.2f} s"
    return result, f"{said} (load {os.getloadavg()[0]:.1f})"


def main(runs: int = 3) -> None:
    disclosure, _ = read_path(SAMPLE)
    start = time.perf_counter()
    render_html(disclosure)  # first call: imports matplotlib, loads templates
    from juesuan.render.pdf import render, source, typeset

    print(f"imports and first HTML render: {time.perf_counter() - start:.2f} s")
    html, said = timed(lambda: render_html(disclosure), runs)
    print(f"HTML render: {said} ({len(html) // 1024} KB)")
    document, said = timed(lambda: source(disclosure), runs)
    print(f"Typst document (pdf.source): {said} ({len(document) // 1024} KB)")
    _, said = timed(lambda: typeset(document), 1)
    print(f"Typst, first document (import, fonts): {said}")
    pdf, said = timed(lambda: typeset(document + f"\n// {time.time()}"), runs)
    print(f"Typst again in this process (its caches warm): {said} ({len(pdf) // 1024} KB)")
    _, said = timed(lambda: render(disclosure), runs)
    print(f"total PDF (pdf.render): {said}")
    import pypdfium2 as pdfium

    print(f"pages: {len(pdfium.PdfDocument(pdf))}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
