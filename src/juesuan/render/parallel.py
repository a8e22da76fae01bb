"""The formats of one build rendered on two cores: the charts and the Word file in one forked
process, the PDF in another, the web page and Excel here.

`PdfWorker()` (made before the package is read: `build.start_renderers`) forks its drawing
process at once, which imports matplotlib and the Word renderer while this process reads,
derives and checks (about 0.7 s of CPU off the build's path; this process never imports
matplotlib). `render_beside` then gives it the disclosure: it draws the charts and sends them
back (the web page and the PDF use the same SVG), then makes the Word file (the longest format,
about 0.9 s). Meanwhile this process makes the Excel file, then, with the charts, the PDF's
Typst document, which the worker typesets in a process forked then (sharing what this process
has loaded; Typst, about 0.5 s with its import), and the web page. A worker sends back the
bytes, or the exception that stopped it, which is raised here again; what a worker that could
not be started or died did not make is made here afterwards.

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
    another format (`render`); `result` gives it. The process is forked when the job is given.
    With `drawing`, a `Drawing` process is forked at once, for `render_beside`."""

    def __init__(self, drawing: bool = True) -> None:
        self.pid: int | None = None
        self._connection: Connection | None = None
        self._waiting = False
        self._closed = False
        self.drawing: Drawing | None = None
        if drawing:  # forked now, to import matplotlib while the package is read
            with contextlib.suppress(WorkerError):
                self.drawing = Drawing()

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
            _stop(self)
        if outcome == "done":
            return value, seconds
        raise value

    def close(self) -> None:
        """End the worker and reap it: one that has answered has exited, one that has not (the
        build stopped) is stopped; one never given a job never forks. Closing twice is harmless."""
        self._closed = True
        if self.drawing is not None:
            self.drawing.close()
        _stop(self)

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Drawing:
    """A process forked early (before the package is read) that imports matplotlib and the Word
    renderer meanwhile; given the disclosure, it draws the charts and sends them back (for the
    web page and the PDF: this process then never imports matplotlib), then makes the Word file
    if asked."""

    def __init__(self) -> None:
        if not usable():
            raise WorkerError("无法另起画图的子进程")
        ours, theirs = Pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child, which never returns
            ours.close()
            _draw_and_serve(theirs)
        theirs.close()
        self._connection: Connection | None = ours
        self._waiting = 0

    def give(self, disclosure: Any, word: bool) -> None:
        """Draw the disclosure's charts, then make its Word file if `word`."""
        try:
            self._call().send((disclosure, word))
        except OSError:
            self.close()
            raise WorkerError("画图的子进程意外退出") from None
        self._waiting = 1 + word

    def charts(self) -> dict[str, str | None]:
        """The charts' SVG, as `html._drawn` gives them."""
        return self._answer()

    def word(self) -> tuple[bytes, float]:
        """The Word file's bytes and the seconds it took."""
        return self._answer()

    def _call(self) -> Connection:
        if self._connection is None:
            raise WorkerError("画图的子进程已结束")
        return self._connection

    def _answer(self) -> Any:
        try:
            outcome, value = self._call().recv()
        except (EOFError, OSError):
            self.close()
            raise WorkerError("画图的子进程意外退出") from None
        self._waiting -= 1
        if not self._waiting:
            self.close()
        if outcome == "done":
            return value
        self.close()
        raise value

    def close(self) -> None:
        """Stop the process if it still works, and reap it. Closing twice is harmless."""
        _stop(self)


def _stop(worker: PdfWorker | Drawing) -> None:
    """A worker's process stopped if it still works (it is waited on), and reaped; its pipe closed."""
    if worker._connection is None:
        return
    worker._connection.close()
    worker._connection = None
    if worker._waiting:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGTERM)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(worker.pid, 0)


def render_beside(
    disclosure: Any,
    formats: tuple[str, ...],
    before: Callable[[str], None] | None,
    worker: PdfWorker,
    render_here: Callable[[Any, tuple[str, ...], Callable[[str], None] | None], Files],
) -> Files:
    """Each format's bytes and seconds. The charts are drawn, and the Word file made, by the
    worker's drawing process (given the disclosure first); this process makes the Excel file
    meanwhile, then, with the charts, the PDF's Typst document, which the worker typesets, and
    the web page. What a worker did not make (it could not be started, or died) is made here."""
    from juesuan.render import html
    from juesuan.render.pdf import source

    drawing, files, seconds = worker.drawing, {}, {}
    word = "docx" in formats and drawing is not None
    with worker:
        if drawing is not None:
            if before is not None and word:
                before("docx")
            try:
                drawing.give(disclosure, word)
            except WorkerError:
                drawing, word = None, False
        first = tuple(fmt for fmt in formats if fmt not in ("pdf", "html", "docx"))
        made, took = render_here(disclosure, first, before)
        files.update(made)
        seconds.update(took)
        if drawing is not None:
            with contextlib.suppress(WorkerError):  # else drawn here
                _keep_charts(html, disclosure, drawing.charts())
        if before is not None:
            before("pdf")
        start, typesetting = time.perf_counter(), False
        with contextlib.suppress(WorkerError):  # else typeset here
            worker.start(source(disclosure))
            typesetting = True
        paging = time.perf_counter() - start
        then = tuple(fmt for fmt in formats if fmt == "html" or (fmt == "docx" and not word))
        made, took = render_here(disclosure, then, before)
        files.update(made)
        seconds.update(took)
        if typesetting:
            with contextlib.suppress(WorkerError):
                files["pdf"], seconds["pdf"] = worker.result()
                seconds["pdf"] += paging
        if word:
            with contextlib.suppress(WorkerError):
                files["docx"], seconds["docx"] = drawing.word()
    missing = tuple(fmt for fmt in formats if fmt not in files)
    if missing:
        made, took = render_here(disclosure, missing, None)
        files.update(made)
        seconds.update(took)
    return {fmt: files[fmt] for fmt in formats}, {fmt: seconds[fmt] for fmt in formats}


def _draw_and_serve(connection: Connection) -> None:  # pragma: no cover - the forked child
    """Import matplotlib (its CJK font loaded) and the Word renderer, then draw the charts of
    the disclosure sent and send them, then make and send its Word file if asked; exit without
    running the parent's exit handlers."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from juesuan.render import charts

        _draw_a_chart(charts)
        import juesuan.render.docx  # noqa: F401

        try:
            disclosure, word = connection.recv()
        except (EOFError, OSError):  # not needed after all
            os._exit(0)
        for job in ("charts", "docx")[: 1 + word]:
            start = time.perf_counter()
            try:
                if job == "charts":
                    answer: tuple[str, Any] = ("done", _charts(disclosure))
                else:
                    made = _make("docx", disclosure)
                    answer = ("done", (made, time.perf_counter() - start))
            except Exception as error:  # raised again in the parent
                answer = ("error", _sendable(error))
            connection.send(answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _charts(disclosure: Any) -> dict[str, str | None]:
    """The charts as the web page draws them (`html._drawn`, no last year's comparison)."""
    from juesuan.catalogue.templates import template_of, under
    from juesuan.render.html import _drawn

    with under(template_of(disclosure)):
        return _drawn(disclosure, None)


def _keep_charts(html: Any, disclosure: Any, drawn: dict[str, str | None]) -> None:
    """The charts drawn by the drawing process, kept where `html._drawn` keeps the last
    disclosure's: the web page and the PDF's document then take them as drawn here."""
    html._LAST_DRAWN[:] = [(disclosure, None, drawn)]


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
