"""Build time of the bundled example per format, beside WeasyPrint rendering the same HTML alone.

Run: .venv/bin/python benchmarks/build_example.py
"""

from __future__ import annotations

import time
from pathlib import Path

from juesuan.build import assemble, render_formats

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "datong-2024"


def main() -> None:
    start = time.perf_counter()
    built = assemble(EXAMPLE)
    prepared = time.perf_counter() - start
    render_formats(built.disclosure, ("html", "pdf"))  # warm up imports and fonts
    _, seconds = render_formats(built.disclosure, ("html", "pdf", "docx", "xlsx"))
    print(f"读取输入包、推导、撰写、审核：{prepared:.2f} s")
    for fmt, took in seconds.items():
        print(f"生成 {fmt:<5}：{took:.2f} s")
    weasyprint = weasyprint_alone(built.disclosure)
    total = prepared + sum(seconds.values())
    print(f"WeasyPrint 单独排版同一 HTML：{weasyprint:.2f} s")
    print(f"整个编制（四种格式）：{total:.2f} s，为 WeasyPrint 单独排版的 {total / weasyprint:.2f} 倍")


def weasyprint_alone(disclosure) -> float:
    from juesuan.render.html import render_html
    from juesuan.render.pdf import layout

    html = render_html(disclosure, for_print=True)
    start = time.perf_counter()
    layout(html).write_pdf()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
