"""Side by side: ways of making the example's PDF, each timed on the same disclosure.

Each variant is run in turn, round after round, and its least CPU time is kept (the machine is
shared: the least is the one others disturbed least); the load is printed beside the figures.

WeasyPrint (how `render.pdf` made the PDF until it moved to Typst; its print page is still
`html.render_html(for_print=True)` with print.css), step by step:

- before: the print page with an id on every table cell, parsed by WeasyPrint's HTML5 parser,
  with its whole user-agent sheet;
- tuned: the print page parsed by expat, without cell ids, with a user-agent sheet less the
  footnote and marker rules no element uses (the last WeasyPrint `render.pdf`);
- tuned + uncompressed / full fonts: its `write_pdf` options (no stream compression; the
  whole CJK fonts embedded instead of subsets);
- tuned, no charts: what drawing the three SVG charts costs;
- tuned, in two halves: cover to 第二部分 and 第三部分 to the end laid out apart, the time of
  the longer half: the least wall time two processes could take (merging the halves and
  renumbering their pages would come on top).

Typst (what `render.pdf` is now): `pdf.typeset(pdf.source(…))` in a fresh process each round,
its import and font loading included, as a build pays them; and making the Typst document
(`pdf.source`, charts already drawn) in this process.

Run: .venv/bin/python benchmarks/pdf_variants.py [rounds]
WeasyPrint is no dependency of juesuan any more: install it with `.venv/bin/pip install -e '.[bench]'`.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from juesuan.build import assemble

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "datong-2024"
TYPST = (
    "import sys, pathlib; from juesuan.build import assemble; from juesuan.render import pdf;"
    "document = pdf.source(assemble(pathlib.Path(sys.argv[1])).disclosure);"
    "import resource; start = resource.getrusage(resource.RUSAGE_SELF);"
    "pdf.typeset(document); end = resource.getrusage(resource.RUSAGE_SELF);"
    "print(end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime)"
)


def main(rounds: int = 3) -> None:
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        sys.exit("WeasyPrint 未安装：.venv/bin/pip install -e '.[bench]'")
    from juesuan.render import html as html_module
    from juesuan.render.html import render_html
    from juesuan.render.pdf import source

    disclosure = assemble(EXAMPLE).disclosure
    page = render_html(disclosure, for_print=True)
    attributes = html_module._cell_attributes
    html_module._cell_attributes = lambda highlights, keyed=True: attributes(highlights, True)
    with_ids = render_html(disclosure, for_print=True)  # as before: every cell keyed
    html_module._cell_attributes = attributes
    first, second = _halves(page)
    variants: dict[str, Callable[[], float]] = {
        "WeasyPrint before": cpu(lambda: _html5(with_ids)),
        "WeasyPrint tuned": cpu(lambda: layout(page).write_pdf()),
        "tuned + uncompressed": cpu(lambda: layout(page).write_pdf(uncompressed_pdf=True)),
        "tuned + full fonts": cpu(lambda: layout(page).write_pdf(full_fonts=True)),
        "tuned, no charts": cpu(lambda: layout(_without_charts(page)).write_pdf()),
        "tuned, longer half": lambda: max(
            cpu(lambda: layout(first).write_pdf())(), cpu(lambda: layout(second).write_pdf())()
        ),
        "Typst (fresh process)": _typst,
        "Typst document (source)": cpu(lambda: source(disclosure)),
    }
    layout(page).write_pdf()  # fonts and imports loaded before timing
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, timed in variants.items():
            took = timed()
            best[name] = min(best.get(name, took), took)
    load = os.getloadavg()[0]
    for name, seconds in best.items():
        print(f"{name:<26} {seconds:.2f} s CPU (least of {rounds}; load {load:.1f}, {os.cpu_count()} cores)")


def cpu(make: Callable[[], Any]) -> Callable[[], float]:
    def timed() -> float:
        start = time.process_time()
        make()
        return time.process_time() - start

    return timed


def _typst() -> float:
    """CPU seconds of one fresh process's typesetting, Typst's import and font loading included
    (the document is made in that process first, outside the time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", TYPST, str(EXAMPLE)], check=True, capture_output=True, text=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert after.ru_utime + after.ru_stime > before.ru_utime + before.ru_stime
    return float(done.stdout.split()[-1])


def _halves(page: str) -> tuple[str, str]:
    """The print page cut in two at 第三部分: each half a whole page with the same head."""
    head, body = page.split("<body", 1)
    cut = body.index('<section class="part part-3')
    return (
        f"{head}<body{body[:cut]}</main></body></html>",
        f"{head}<body{body[: body.index('>') + 1]}<main>{body[cut:]}",
    )


def _without_charts(page: str) -> str:
    return re.sub(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,[^"]*"/>', "", page)


# --- WeasyPrint, as render.pdf used it ---------------------------------------------------------


def _html5(page: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=page, url_fetcher=URLFetcher(allowed_protocols=("data",))).render().write_pdf()


def layout(html: str) -> Any:
    """The print page laid out by WeasyPrint: parsed by expat (it is well-formed XML) where
    WeasyPrint's HTML5 parser took a third of a second, with the lean user-agent sheet."""
    from xml.etree import ElementTree

    from weasyprint.urls import URLFetcher

    root = ElementTree.fromstring(html.removeprefix("<!DOCTYPE html>"))
    root.text = root[1].tail = None  # white space the HTML5 parser does not keep
    return _parsed_class()(root, URLFetcher(allowed_protocols=("data",))).render()


@cache
def _parsed_class() -> type:
    import cssselect2
    from weasyprint import HTML

    sheet = _user_agent_sheet()

    class Parsed(HTML):
        def __init__(self, root: Any, url_fetcher: Any) -> None:
            self.base_url = None
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return Parsed


def _user_agent_sheet() -> Any:
    """WeasyPrint's HTML5 user-agent sheet less its rules for pseudo-elements no element of the
    page has (footnotes; ``::marker`` kept for list items only)."""
    from importlib.resources import files

    import weasyprint.css
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle

    skipped = (
        "::footnote-call {",
        "::footnote-marker {",
        "::note-call {",
        "::note-marker {",
        "::note-callback {",
    )
    text = (files(weasyprint.css) / "html5_ua.css").read_text("utf-8")
    kept = [line for line in text.splitlines() if not line.startswith(skipped)]
    kept = [
        "li::marker, summary::marker" + line.removeprefix("::marker")
        if line.startswith("::marker {")
        else line
        for line in kept
    ]
    return CSS(string="\n".join(kept), counter_style=CounterStyle())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
