"""The CPU-bound work behind each request (reading, checking, rendering, building).

Reading, checking and building run in worker processes (`run_in_engine`): they use every core,
and each job's failure is its own. The `Engine` keeps `Settings.workers` slots, each a
single-process executor; a job takes a free slot, and when it goes wrong only that slot's
process is ended and replaced (started afresh at once, so the next job does not wait for it):

- a reader that crashes on a hostile file (PDFium is C code, and aborts when an allocation
  fails) costs that request a Chinese line, `crashed_message`;
- a job past `Settings.job_seconds` (a file made to send a reader into a loop) is stopped,
  `too_slow_message`;
- a job past `Settings.job_memory_mb`: every worker caps its address space when it starts
  (`juesuan.isolation.limit_memory`), so the allocation fails with a MemoryError (answered
  `out_of_memory_message`) or, in C code, as a crash.

The jobs running beside it in the other slots finish normally. A slot's process is started on
first use, with the spawn method (no fork of a threaded server); the job's clock starts once
the process is ready. The slots are shut down with the app.

What must stay in the server process (the result store, the corpus connection, rendering a
kept result) runs in worker threads under one lock (`run_job`): some of it is not thread-safe
(matplotlib's pyplot, PDFium), and the GIL would not run CPU-bound threads in parallel anyway.
At most `Settings.workers` jobs of either kind run at once (the app's limiter); the rest wait
their turn. So a job that holds the limiter always finds a free slot.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import anyio
from fastapi import Request

from juesuan.isolation import Limits, crashed_message, out_of_memory_message, too_slow_message
from juesuan.model import Disclosure, Problem
from juesuan.rules import Finding
from juesuan.web.errors import WebError

log = logging.getLogger("juesuan.web")
ENGINE_LOCK = threading.Lock()
T = TypeVar("T")
SPAWN = multiprocessing.get_context("spawn")
STARTUP_SECONDS = 60  # a worker process not ready by then is taken for crashed


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


@dataclass(frozen=True)
class OutOfMemory:
    """A job that ran into its worker's memory limit (a MemoryError), carried back."""


async def run_job(request: Request, work: Callable[..., T], *args: object) -> T:
    """`work(*args)` in a worker thread of the server process, under the engine lock."""
    limiter = request.app.state.limiter
    return await anyio.to_thread.run_sync(partial(_locked, work, *args), limiter=limiter)


def _locked(work: Callable[..., T], *args: object) -> T:
    with ENGINE_LOCK:
        return work(*args)


async def run_in_engine(request: Request, work: Callable[..., T], *args: object) -> T:
    """`work(*args)` in a worker process; its WebError is raised here as if raised in-process.
    A crash, a timeout or a MemoryError is a 422 with its line, and costs only this job."""
    state = request.app.state
    engine: Engine = state.engine
    seconds = state.settings.job_seconds
    limits = Limits(memory_mb=state.settings.job_memory_mb, seconds=seconds)
    name = getattr(work, "__name__", repr(work))
    async with state.limiter:
        slot = engine.take()
        try:
            outcome = await _run(slot, seconds, limits, name, work, *args)
        finally:
            engine.give_back(slot)
    if isinstance(outcome, Refusal):
        raise WebError(outcome.status, outcome.message)
    return outcome


async def _run(slot: Slot, seconds: int, limits: Limits, name: str, work: Callable, *args: object):
    job: concurrent.futures.Future | None = None
    try:
        try:  # the job's clock starts once its process is ready
            await asyncio.wait_for(asyncio.wrap_future(slot.ready()), STARTUP_SECONDS)
        except TimeoutError:
            raise BrokenProcessPool from None
        job = slot.submit(work, *args)
        outcome = await asyncio.wait_for(asyncio.wrap_future(job), seconds)
    except BrokenProcessPool:
        log.error("工作进程异常退出：%s", name)
        slot.replace()
        raise WebError(422, crashed_message(limits)) from None
    except TimeoutError:
        log.error("工作超时（%s 秒），已停止该工作进程：%s", seconds, name)
        slot.replace()
        raise WebError(422, too_slow_message(seconds)) from None
    except MemoryError:  # the result was too large to send back within the limit
        outcome = OutOfMemory()
    except BaseException:
        if job is None or not job.done():  # cancelled (the server stopping): the job stops too
            slot.replace()
        raise
    if isinstance(outcome, OutOfMemory):
        log.error("工作所需内存超过上限（%s MB），已停止该工作进程：%s", limits.memory_mb, name)
        slot.replace()  # what failed to allocate may have left C libraries in a bad state
        raise WebError(422, out_of_memory_message(limits))
    return outcome


def _refusing(work: Callable[..., T], *args: object) -> T | Refusal | OutOfMemory:
    try:
        return work(*args)
    except WebError as error:
        return Refusal(error.status_code, str(error.detail))
    except MemoryError:
        return OutOfMemory()


def _start_worker(memory_mb: int) -> None:
    """A worker process's start: its memory limit, beyond the modules it holds by now (this
    module, which imports the model, the rules and `juesuan.isolation`)."""
    from juesuan.isolation import limit_memory

    try:
        limit_memory(memory_mb)
    except (OSError, ValueError) as error:  # no /proc, or a system without address-space limits
        log.warning("无法为工作进程设置内存上限：%s", error)


class Slot:
    """One worker process (a single-process executor) that runs one job at a time; ended and
    replaced on its own when its job crashes, runs too long or runs out of memory."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self._executor: ProcessPoolExecutor | None = None
        self._ready: concurrent.futures.Future | None = None

    def ready(self) -> concurrent.futures.Future:
        """Done once the process has started (started now if it has not been)."""
        if self._executor is None or self._ready is None:
            self._start()
        assert self._ready is not None
        return self._ready

    def submit(self, work: Callable, *args: object) -> concurrent.futures.Future:
        assert self._executor is not None
        try:
            return self._executor.submit(_refusing, work, *args)
        except BrokenProcessPool:  # its process died while idle (killed from outside)
            self.replace()
            assert self._executor is not None
            return self._executor.submit(_refusing, work, *args)

    def _start(self) -> None:
        self._executor = ProcessPoolExecutor(
            1, mp_context=SPAWN, initializer=_start_worker, initargs=(self.memory_mb,)
        )
        self._ready = self._executor.submit(os.getpid)  # starts the process

    def replace(self) -> None:
        """End this slot's process, whatever it is doing, and start a fresh one in its place."""
        self.close(stop=True)
        self._start()

    def close(self, stop: bool = False) -> None:
        executor, self._executor, self._ready = self._executor, None, None
        if executor is None:
            return
        if stop:
            _kill(executor)
        executor.shutdown(wait=not stop, cancel_futures=True)


def _kill(executor: ProcessPoolExecutor) -> None:
    """End an executor's process now, whatever it is doing; the executor's own thread reaps it."""
    kill_workers = getattr(executor, "kill_workers", None)  # Python 3.14
    if kill_workers is not None:
        kill_workers()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()


class Engine:
    """The app's worker processes: `workers` slots, each started on first use, each replaced
    alone after its job failed, all shut down with the app."""

    def __init__(self, workers: int, memory_mb: int = Limits.memory_mb) -> None:
        self.workers = workers
        self._slots = [Slot(memory_mb) for _ in range(workers)]
        self._free = list(reversed(self._slots))  # last in, first out: warm slots first
        self._lock = threading.Lock()

    def take(self) -> Slot:
        """A free slot; the caller holds the app's limiter, so there is one."""
        with self._lock:
            if not self._free:
                raise RuntimeError("no free worker slot: run_in_engine must hold the app's limiter")
            return self._free.pop()

    def give_back(self, slot: Slot) -> None:
        with self._lock:
            self._free.append(slot)

    def close(self) -> None:
        for slot in self._slots:
            slot.close()


def read_upload(data: bytes, name: str, max_pages: int) -> tuple[Disclosure, list[Problem]]:
    """The disclosure in an uploaded file, its format sniffed from the content."""
    from juesuan.sources import SourceError, read_bytes, sniff

    if sniff(data) == "pdf":
        check_pages(data, name, max_pages)
    try:
        return read_bytes(data, name)
    except SourceError as error:
        raise WebError(422, str(error)) from None
    except MemoryError:  # answered as the worker's memory limit, not as a bug
        raise
    except Exception:  # a reader's bug must not become a 500 for the user
        log.exception("读取 %s 时出错", name)
        said = "读取文件时程序出错，无法审核（文件内容可能不合常规），详情已记入服务器日志"
        raise WebError(422, f"{said}：{name}") from None


def check_pages(data: bytes, name: str, max_pages: int) -> None:
    """Refuse a PDF with more pages than `max_pages` (or one that cannot be opened) up front;
    opened as the reader opens it, so a flate bomb is refused before pdfium inflates it."""
    from juesuan.sources import SourceError
    from juesuan.sources.pdf.chars import open_document

    try:
        document = open_document(data, name)
    except SourceError as error:
        raise WebError(422, str(error)) from None
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > max_pages:
        raise WebError(422, f"PDF 共 {pages} 页，超过上限 {max_pages} 页：{name}")


def check_upload(data: bytes, name: str, max_pages: int) -> Checked:
    """Read and check: the findings exactly as `juesuan check` gives them."""
    from juesuan.rules.report import review

    disclosure, problems = read_upload(data, name, max_pages)
    return Checked(disclosure, problems, review(disclosure, problems))
