"""The CPU-bound work behind each request (reading, checking, rendering, building), run in
worker threads so the server keeps answering while it runs.

The library keeps some per-process state that is not thread-safe (the narrative rules cache
the last disclosure's traces, charts use matplotlib's pyplot, PDFium allows one caller at a
time), so the work itself runs under one lock: requests wait their turn instead of mixing
their results. With Python's GIL, CPU-bound threads would not run in parallel anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import anyio
from fastapi import Request

from juesuan.model import Disclosure, Problem
from juesuan.rules import Finding
from juesuan.web.errors import WebError

log = logging.getLogger("juesuan.web")
ENGINE_LOCK = threading.Lock()
T = TypeVar("T")


@dataclass(frozen=True)
class Checked:
    disclosure: Disclosure
    problems: list[Problem]
    findings: list[Finding]


async def run_job(request: Request, work: Callable[..., T], *args: object) -> T:
    """`work(*args)` in a worker thread, under the engine lock, at most `workers` at once."""
    limiter = request.app.state.limiter
    return await anyio.to_thread.run_sync(partial(_locked, work, *args), limiter=limiter)


def _locked(work: Callable[..., T], *args: object) -> T:
    with ENGINE_LOCK:
        return work(*args)


def read_upload(data: bytes, name: str, max_pages: int) -> tuple[Disclosure, list[Problem]]:
    """The disclosure in an uploaded file, its format sniffed from the content."""
    from juesuan.sources import SourceError, read_bytes, sniff

    if sniff(data) == "pdf":
        check_pages(data, name, max_pages)
    try:
        return read_bytes(data, name)
    except SourceError as error:
        raise WebError(422, str(error)) from None
    except Exception as error:  # a reader's bug must not become a 500 for the user
        log.exception("读取 %s 时出错", name)
        raise WebError(422, f"无法读取该文件（读取时出错：{type(error).__name__}）：{name}") from None


def check_pages(data: bytes, name: str, max_pages: int) -> None:
    """Refuse a PDF with more pages than `max_pages` (or one that cannot be opened) up front."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise WebError(422, f"PDF 文件已损坏或已加密，无法打开：{name}") from None
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > max_pages:
        raise WebError(422, f"PDF 共 {pages} 页，超过上限 {max_pages} 页：{name}")


def check_upload(data: bytes, name: str, max_pages: int) -> Checked:
    """Read and check: the findings exactly as `juesuan check` gives them."""
    from juesuan.rules import run_rules
    from juesuan.rules.report import reading_findings

    disclosure, problems = read_upload(data, name, max_pages)
    return Checked(disclosure, problems, reading_findings(problems) + run_rules(disclosure))
