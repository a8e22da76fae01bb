"""The formats of one build rendered on two cores: the PDF and the Word file in a forked worker,
the web page and Excel here.

The worker is forked as early as the caller likes (`PdfWorker()` before reading the package):
while this process reads, derives and checks, the worker imports Typst and loads the CJK fonts,
and imports the Word renderer and matplotlib (about a second in all, off the build's path). It
is then sent the disclosure for the Word file, and the PDF's Typst document (made here, so that
the charts are drawn once for the web page and the PDF); it answers each in turn with the
file's bytes, or the exception that stopped it, which is raised here again. This process makes
the web page and the Excel file meanwhile: the two halves take about as long (`render_beside`).

A fork costs a few milliseconds and the child inherits what is imported; it is only used where
it is safe and worth it (`usable`): Linux-like fork, two cores or more, no other thread running,
Typst not yet used here (its compiler's threads would not survive a fork), and not turned off
with ``JUESUAN_JOBS=1``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from typing import Any

BESIDE = ("docx",)  # the formats the worker renders besides the PDF: about as long as the rest here
Files = tuple[dict[str, bytes], dict[str, float]]


def usable() -> bool:
    """Whether a forked PDF worker can help here."""
    if os.environ.get("JUESUAN_JOBS", "").strip() == "1" or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS
        cores = os.cpu_count() or 1
    return cores >= 2 and threading.active_count() == 1 and "typst" not in sys.modules


class WorkerError(RuntimeError):
    """The worker died without an answer (killed, or C code aborted)."""


class PdfWorker:
    """A forked process that renders files sent to it, in turn: the PDF of a Typst document
    (`start`) and other formats of a disclosure (`render`); `result` gives each answer in the
    order asked."""

    def __init__(self) -> None:
        ours, theirs = Pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child, which never returns
            ours.close()
            _serve(theirs)
        theirs.close()
        self._connection: Connection | None = ours
        self._waiting = 0

    def start(self, document: str) -> None:
        """Typeset `document` (a Typst document, as `pdf.source` makes it)."""
        self._send(("pdf", document))

    def render(self, disclosure: Any, fmt: str) -> None:
        """Render `disclosure` in `fmt` (as `juesuan.render.render`)."""
        self._send((fmt, disclosure))

    def _send(self, job: tuple[str, Any]) -> None:
        assert self._connection is not None
        try:
            self._connection.send(job)
        except OSError:  # it died (killed, or C code aborted)
            self.close()
            raise WorkerError("生成 PDF 的子进程意外退出") from None
        self._waiting += 1

    def result(self) -> tuple[bytes, float]:
        """The next answer: the file's bytes and the seconds the worker took to make it. The
        worker is closed after its last answer."""
        assert self._connection is not None and self._waiting
        try:
            outcome, value, seconds = self._connection.recv()
            self._waiting -= 1
        except (EOFError, OSError):
            self.close()
            raise WorkerError("生成 PDF 的子进程意外退出") from None
        if not self._waiting:
            self.close()
        if outcome == "done":
            return value, seconds
        raise value

    def close(self) -> None:
        """End the worker and reap it: one that has answered everything exits by itself, one
        that has not (never used, or the build stopped) is stopped. Closing twice is harmless."""
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
    """Each format's bytes and seconds: the Word file (`BESIDE`) and the PDF made by the worker,
    the others by `render_here` meanwhile. The disclosure goes to the worker first (it starts on
    the Word file at once), then the PDF's Typst document, made here with the charts the web page
    shares. What a worker that died did not take or answer is rendered here afterwards."""
    from juesuan.render.pdf import source

    there = (*(fmt for fmt in formats if fmt in BESIDE), "pdf")
    sent: list[str] = []
    paging = 0.0
    with worker:
        with contextlib.suppress(WorkerError):  # what it did not take is rendered here
            for fmt in there:
                if before is not None:
                    before(fmt)
                start = time.perf_counter()
                if fmt == "pdf":
                    worker.start(source(disclosure))
                    paging = time.perf_counter() - start
                else:
                    worker.render(disclosure, fmt)
                sent.append(fmt)
        files, seconds = render_here(disclosure, tuple(f for f in formats if f not in there), before)
        with contextlib.suppress(WorkerError):
            for fmt in sent:
                files[fmt], seconds[fmt] = worker.result()
    if "pdf" in files:
        seconds["pdf"] += paging
    missing = tuple(fmt for fmt in there if fmt not in files)
    if missing:
        made, took = render_here(disclosure, missing, None)
        files.update(made)
        seconds.update(took)
    return {fmt: files[fmt] for fmt in formats}, {fmt: seconds[fmt] for fmt in formats}


def _serve(connection: Connection) -> None:  # pragma: no cover - runs in the forked child
    """Warm up, render each job sent until the parent closes the connection, answering each;
    exit without running the parent's exit handlers (they belong to the parent).

    Jobs are received, and answers sent, by threads of their own: a job sent while this process
    still warms up does not hold the parent (a pipe holds 64 KB, the disclosure is more), and
    the Word file's answer, waiting for the parent to read it, does not hold up the PDF."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent says it, we just stop
        jobs: queue.SimpleQueue = queue.SimpleQueue()
        answers: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=_receive, args=(connection, jobs), daemon=True).start()
        sender = threading.Thread(target=_send_all, args=(connection, answers), daemon=True)
        sender.start()
        warm_up()
        while (job := jobs.get()) is not None:
            fmt, payload = job
            start = time.perf_counter()
            try:
                answer: tuple[str, Any] = ("done", _make(fmt, payload))
            except Exception as error:  # raised again in the parent
                answer = ("error", _sendable(error))
            answers.put((*answer, time.perf_counter() - start))
        answers.put(None)
        sender.join()
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _receive(connection: Connection, jobs: queue.SimpleQueue) -> None:  # pragma: no cover - child
    try:
        while True:
            jobs.put(connection.recv())
    except (EOFError, OSError):  # all sent, or not needed after all
        jobs.put(None)


def _send_all(connection: Connection, answers: queue.SimpleQueue) -> None:  # pragma: no cover - child
    with contextlib.suppress(OSError):  # the parent stopped listening
        while (answer := answers.get()) is not None:
            connection.send(answer)


def warm_up() -> None:
    """Import Typst, list the fonts and load the two CJK faces the document uses (a first
    document pays for reading the font files), and import what the Word file needs (matplotlib
    with its CJK font for the charts), so the real jobs start at full speed."""
    from juesuan.render.typeset import SANS, SERIF, compile_pdf

    compile_pdf(f'#text(font: "{SERIF}")[决算]#text(font: "{SANS}", weight: "bold")[公开]')
    import juesuan.render.docx  # noqa: F401
    from juesuan.render import charts

    _draw_a_chart(charts)


def _make(fmt: str, payload: Any) -> bytes:
    if fmt == "pdf":
        from juesuan.render.pdf import typeset

        return typeset(payload)
    from juesuan.render import render

    return render(payload, fmt)


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
    this when the server starts, so that the first build does not pay for it. Typst is left out:
    the PDF worker is forked from this process, and imports it itself."""
    import importlib

    for name in BUILD_MODULES:
        importlib.import_module(name)
    from juesuan.render import charts

    _draw_a_chart(charts)
