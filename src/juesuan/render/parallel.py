"""The formats of one build rendered on two cores: the PDF and the Word file each in a forked
worker, the web page and Excel here.

A worker makes one file. It is forked when it is given its job, after the package has been
read, so that it shares what this process has loaded (modules, the catalogue, matplotlib, the
disclosure itself) instead of loading it again. `render_beside`, once the package is read:
imports matplotlib (both this process and the Word file draw charts), forks a worker for the
Word file (the longest, about 0.9 s of CPU), makes the PDF's Typst document here (its charts
drawn once for the web page and the PDF) and forks a worker to typeset it (Typst, about 0.5 s
with its import), then makes the web page and the Excel file; the three take about as long.
A worker sends back the file's bytes, or the exception that stopped it, which is raised here
again; what a worker that died did not make is made here afterwards.

A fork costs a few milliseconds; it is only used where it is safe and worth it (`usable`):
Linux-like fork, two cores or more, no other thread running, Typst not yet used here (its
compiler's threads would not survive a fork), and not turned off with ``JUESUAN_JOBS=1``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from typing import Any

BESIDE = ("docx",)  # the formats made by a worker of their own besides the PDF
Files = tuple[dict[str, bytes], dict[str, float]]


def usable() -> bool:
    """Whether a forked worker can help here."""
    if os.environ.get("JUESUAN_JOBS", "").strip() == "1" or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS
        cores = os.cpu_count() or 1
    return cores >= 2 and threading.active_count() == 1 and "typst" not in sys.modules


class WorkerError(RuntimeError):
    """The worker could not be started, or died without an answer (killed, or C code aborted)."""


class PdfWorker:
    """A process that makes one file: the PDF of a Typst document (`start`) or a disclosure in
    another format (`render`); `result` gives it. The process is forked when the job is given."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self._connection: Connection | None = None
        self._waiting = False
        self._closed = False

    def start(self, document: str) -> None:
        """Typeset `document` (a Typst document, as `pdf.source` makes it)."""
        self._fork(("pdf", document))

    def render(self, disclosure: Any, fmt: str) -> None:
        """Render `disclosure` in `fmt` (as `juesuan.render.render`)."""
        self._fork((fmt, disclosure))

    def _fork(self, job: tuple[str, Any]) -> None:
        """The process forked with its job (inherited, not sent: nothing to wait for)."""
        if self._closed or self.pid is not None or not usable():
            raise WorkerError("无法另起生成文件的子进程")
        ours, theirs = Pipe(duplex=False)
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child, which never returns
            ours.close()
            _serve(theirs, job)
        theirs.close()
        self._connection = ours
        self._waiting = True

    def result(self) -> tuple[bytes, float]:
        """The file's bytes and the seconds the worker took to make it; the worker is then
        reaped."""
        assert self._connection is not None and self._waiting
        try:
            outcome, value, seconds = self._connection.recv()
            self._waiting = False
        except (EOFError, OSError):
            raise WorkerError("生成文件的子进程意外退出") from None
        finally:
            self.close()
        if outcome == "done":
            return value, seconds
        raise value

    def close(self) -> None:
        """End the worker and reap it: one that has answered has exited, one that has not (the
        build stopped) is stopped; one never given a job never forks. Closing twice is harmless."""
        self._closed = True
        if self._connection is None:
            return
        self._connection.close()
        self._connection = None
        if self._waiting:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_beside(
    disclosure: Any,
    formats: tuple[str, ...],
    before: Callable[[str], None] | None,
    worker: PdfWorker,
    render_here: Callable[[Any, tuple[str, ...], Callable[[str], None] | None], Files],
) -> Files:
    """Each format's bytes and seconds: the PDF made by `worker`, each of `BESIDE` by a worker
    of its own, the others by `render_here` meanwhile. What a worker did not make (it could not
    be started, or died) is made here afterwards."""
    from juesuan.render.pdf import source

    if any(fmt in BESIDE for fmt in formats):
        _import_pyplot()  # here, once, for this process's charts and the Word file's
    workers = {fmt: PdfWorker() for fmt in formats if fmt in BESIDE}
    workers["pdf"] = worker
    paging, taken = 0.0, []
    with contextlib.ExitStack() as stack:
        for fmt, each in workers.items():
            stack.enter_context(each)
            if before is not None:
                before(fmt)
            start = time.perf_counter()
            with contextlib.suppress(WorkerError):  # made here afterwards
                if fmt == "pdf":
                    each.start(source(disclosure))
                    paging = time.perf_counter() - start
                else:
                    each.render(disclosure, fmt)
                taken.append(fmt)
        files, seconds = render_here(disclosure, tuple(f for f in formats if f not in workers), before)
        for fmt in taken:
            with contextlib.suppress(WorkerError):
                files[fmt], seconds[fmt] = workers[fmt].result()
    if "pdf" in files:
        seconds["pdf"] += paging
    missing = tuple(fmt for fmt in workers if fmt not in files)
    if missing:
        made, took = render_here(disclosure, missing, None)
        files.update(made)
        seconds.update(took)
    return {fmt: files[fmt] for fmt in formats}, {fmt: seconds[fmt] for fmt in formats}


def _serve(connection: Connection, job: tuple[str, Any]) -> None:  # pragma: no cover - the child
    """Make the one file, send it, exit without running the parent's exit handlers (they
    belong to the parent)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent says it, we just stop
        start = time.perf_counter()
        try:
            answer: tuple[str, Any] = ("done", _make(*job))
        except Exception as error:  # raised again in the parent
            answer = ("error", _sendable(error))
        with contextlib.suppress(OSError):  # the parent stopped listening
            connection.send((*answer, time.perf_counter() - start))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _make(fmt: str, payload: Any) -> bytes:
    if fmt == "pdf":
        from juesuan.render.pdf import typeset

        return typeset(payload)
    from juesuan.render import render

    return render(payload, fmt)


def _import_pyplot() -> None:
    """matplotlib's pyplot, set up as the charts use it (half a second the first time)."""
    from juesuan.render import charts

    charts._pyplot()


def _draw_a_chart(charts: Any) -> None:
    """A tiny chart drawn and dropped: matplotlib imported, its CJK font found and loaded."""
    plt = charts._pyplot()
    figure, axes = plt.subplots(figsize=(1, 1))
    axes.set_title("决算")
    charts.to_png(figure, "warm")


def _sendable(error: Exception) -> Exception:
    """The exception itself when it survives pickling, else a RuntimeError with its text."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        return RuntimeError(text)


BUILD_MODULES = (
    "juesuan.build",
    "juesuan.package",
    "juesuan.rules.report",
    "juesuan.narrative.write",
    "juesuan.render.html",
    "juesuan.render.docx",
    "juesuan.render.xlsx",
    "juesuan.render.pdf",
    "juesuan.render.typeset",
    "juesuan.web.packages",
)


def import_for_build() -> None:
    """Import what a build uses and load the charts' CJK font: the web app's worker process does
    this when the server starts, so that the first build does not pay for it (and the workers
    it forks inherit it). Typst is left out: it must not be loaded in a process that forks."""
    import importlib

    for name in BUILD_MODULES:
        importlib.import_module(name)
    from juesuan.render import charts

    _draw_a_chart(charts)
