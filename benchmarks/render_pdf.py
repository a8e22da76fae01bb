"""Time to render the reference disclosure as HTML and as PDF.

Prints the HTML render time (print mode, charts included), WeasyPrint's time for that same HTML
alone (layout, then writing the file), the total PDF time as `juesuan.render.pdf.render` takes it,
and the page count. Imports (matplotlib, WeasyPrint) are warmed up first and timed apart.
Run: .venv/bin/python benchmarks/render_pdf.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from juesuan.render.html import render_html
from juesuan.sources import read_path

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "datong-zwfwzx-2024.txt"


def timed(action: Callable[[], Any], runs: int) -> tuple[Any, float, float]:
    """(last result, median seconds, min seconds) over `runs` calls."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times), min(times)


def main(runs: int = 3) -> None:
    disclosure, _ = read_path(SAMPLE)
    start = time.perf_counter()
    render_html(disclosure, for_print=True)  # first call: imports matplotlib, loads templates
    from juesuan.render.pdf import layout, render

    print(f"imports and first HTML render: {time.perf_counter() - start:.2f} s")
    html, median, fastest = timed(lambda: render_html(disclosure, for_print=True), runs)
    print(f"HTML render: median {median:.2f} s, min {fastest:.2f} s ({len(html) // 1024} KB)")
    document, median, fastest = timed(lambda: layout(html), runs)
    print(f"WeasyPrint layout of that HTML: median {median:.2f} s, min {fastest:.2f} s")
    pdf, median, fastest = timed(document.write_pdf, runs)
    print(f"WeasyPrint write_pdf: median {median:.2f} s, min {fastest:.2f} s ({len(pdf) // 1024} KB)")
    _, median, fastest = timed(lambda: render(disclosure), runs)
    print(f"total PDF (pdf.render): median {median:.2f} s, min {fastest:.2f} s")
    pages = len(document.pages)
    print(f"pages: {pages} ({median / pages:.2f} s per page)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
