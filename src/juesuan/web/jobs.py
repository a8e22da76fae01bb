"""The CPU-bound work behind each request (reading, checking, rendering, building).

Reading, checking and building run in a pool of worker processes (`run_in_engine`): they use
every core, and a reader that crashes on a hostile file (PDFium is C code) takes down one
worker, not the server; the request gets a Chinese line and the pool is started afresh. A job
that runs past `Settings.job_seconds` (a file made to send a reader into a loop) is stopped and
answered the same way. The pool is started on first use, with the spawn method (no fork of a
threaded server), and shut down with the app.

What must stay in the server process (the result store, the corpus connection, rendering a
kept result) runs in worker threads under one lock (`run_job`): some of it is not thread-safe
(matplotlib's pyplot, PDFium), and the GIL would not run CPU-bound threads in parallel anyway.
At most `Settings.workers` jobs of either kind run at once; the rest wait their turn.
"""

from __future__ import annotations

import asyncio
import copyreg
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import TypeVar

import anyio
from fastapi import Request

from juesuan.model import Disclosure, Problem
from juesuan.rules import Finding
from juesuan.web.errors import WebError

log = logging.getLogger("juesuan.web")
ENGINE_LOCK = threading.Lock()
T = TypeVar("T")
CRASHED = "处理该文件时程序异常退出，无法读取（文件可能已损坏或含有恶意内容）"


def too_slow_message(seconds: int) -> str:
    return f"处理超时（上限 {seconds} 秒），已停止：文件可能过于复杂、已损坏或含有恶意内容"


# Results come back from the workers pickled; the model's read-only mappings travel as the
# dicts they wrap and are wrapped again on arrival.
def _read_only(values: dict) -> MappingProxyType:
    return MappingProxyType(values)


copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


@dataclass(frozen=True)
class Checked:
    disclosure: Disclosure
    problems: list[Problem]
    findings: list[Finding]


@dataclass(frozen=True)
class Refusal:
    """A WebError raised in a worker process, carried back as plain data."""

    status: int
    message: str


async def run_job(request: Request, work: Callable[..., T], *args: object) -> T:
    """`work(*args)` in a worker thread of the server process, under the engine lock."""
    limiter = request.app.state.limiter
    return await anyio.to_thread.run_sync(partial(_locked, work, *args), limiter=limiter)


def _locked(work: Callable[..., T], *args: object) -> T:
    with ENGINE_LOCK:
        return work(*args)


async def run_in_engine(request: Request, work: Callable[..., T], *args: object) -> T:
    """`work(*args)` in a worker process; its WebError is raised here as if raised in-process."""
    state = request.app.state
    async with state.limiter:
        pool, seconds = state.engine.pool(), state.settings.job_seconds
        job = asyncio.wrap_future(pool.submit(_refusing, work, *args))
        try:
            outcome = await asyncio.wait_for(job, seconds)
        except BrokenProcessPool:
            state.engine.discard(pool)
            log.error("工作进程异常退出：%s", getattr(work, "__name__", work))
            raise WebError(422, CRASHED) from None
        except TimeoutError:
            state.engine.discard(pool, stop=True)
            log.error("工作超时（%s 秒），已停止工作进程：%s", seconds, getattr(work, "__name__", work))
            raise WebError(422, too_slow_message(seconds)) from None
    if isinstance(outcome, Refusal):
        raise WebError(outcome.status, outcome.message)
    return outcome


def _refusing(work: Callable[..., T], *args: object) -> T | Refusal:
    try:
        return work(*args)
    except WebError as error:
        return Refusal(error.status_code, str(error.detail))


class Engine:
    """The app's pool of worker processes: started on first use, started afresh after a worker
    died, shut down with the app."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            return self._pool

    def discard(self, pool: ProcessPoolExecutor, stop: bool = False) -> None:
        """Start afresh next time; with `stop`, end the workers now (one of them is stuck)."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        if stop:
            # Python 3.11 has no public way to end a pool's running workers (3.14 adds
            # terminate_workers); the others' jobs then fail as after a crash.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def read_upload(data: bytes, name: str, max_pages: int) -> tuple[Disclosure, list[Problem]]:
    """The disclosure in an uploaded file, its format sniffed from the content."""
    from juesuan.sources import SourceError, read_bytes, sniff

    if sniff(data) == "pdf":
        check_pages(data, name, max_pages)
    try:
        return read_bytes(data, name)
    except SourceError as error:
        raise WebError(422, str(error)) from None
    except Exception:  # a reader's bug must not become a 500 for the user
        log.exception("读取 %s 时出错", name)
        said = "读取文件时程序出错，无法审核（文件内容可能不合常规），详情已记入服务器日志"
        raise WebError(422, f"{said}：{name}") from None


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


def check_and_mark(data: bytes, name: str, max_pages: int, header: str) -> tuple[Checked, str]:
    """Read and check, and the page of the tables with the findings marked (`header` in it)."""
    from juesuan.render.findings import findings_html

    checked = check_upload(data, name, max_pages)
    return checked, findings_html(checked.disclosure, checked.findings, header=header)
