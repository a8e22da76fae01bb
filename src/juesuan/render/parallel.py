"""The formats of one build rendered on two cores: the PDF in a forked worker, the rest here.

The worker is forked as early as the caller likes (`PdfWorker()` before reading the package):
while this process reads, derives and checks, the worker imports Typst and loads the CJK fonts
(about half a second, the PDF's first cost). It is then sent the Typst document (made here, so
that the charts are drawn once for the web page and the PDF) and sends back the PDF's bytes, or
the exception that stopped it, which is raised here again. The PDF is then typeset while this
process renders the web page, Word and Excel.

A fork costs a few milliseconds and the child inherits what is imported; it is only used where
it is safe and worth it (`usable`): Linux-like fork, two cores or more, no other thread running,
Typst not yet used here (its compiler's threads would not survive a fork), and not turned off
with ``JUESUAN_JOBS=1``.
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
from multiprocessing.connection import Connection, Pipe
from typing import Any


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
    """A forked process that typesets one Typst document as a PDF (`start`, then `result`)."""

    def __init__(self) -> None:
        ours, theirs = Pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child, which never returns
            ours.close()
            _serve(theirs)
        theirs.close()
        self._connection: Connection | None = ours
        self._answered = False

    def start(self, document: str) -> None:
        """Typeset `document` (a Typst document, as `pdf.source` makes it)."""
        assert self._connection is not None
        self._connection.send(document)

    def result(self) -> tuple[bytes, float]:
        """The PDF's bytes and the seconds the worker took to typeset it."""
        assert self._connection is not None
        try:
            outcome, value, seconds = self._connection.recv()
            self._answered = True
        except (EOFError, OSError):
            raise WorkerError("生成 PDF 的子进程意外退出") from None
        finally:
            self.close()
        if outcome == "done":
            return value, seconds
        raise value

    def close(self) -> None:
        """End the worker and reap it: one that has answered exits by itself, one that has not
        (never used, or the build stopped) is stopped. Closing twice is harmless."""
        if self._connection is None:
            return
        self._connection.close()
        self._connection = None
        if not self._answered:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(connection: Connection) -> None:  # pragma: no cover - runs in the forked child
    """Warm up, typeset the one document sent, send the answer, exit without running the
    parent's exit handlers (they belong to the parent)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent says it, we just stop
        warm_up()
        try:
            document = connection.recv()
        except (EOFError, OSError):  # not needed after all
            os._exit(0)
        start = time.perf_counter()
        try:
            answer: tuple[str, Any, float] = ("done", _pdf(document), 0.0)
        except Exception as error:  # raised again in the parent
            answer = ("error", _sendable(error), 0.0)
        connection.send((answer[0], answer[1], time.perf_counter() - start))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def warm_up() -> None:
    """Import Typst, list the fonts and load the two CJK faces the document uses (a first
    document pays for reading the font files), so the real one starts at full speed."""
    from juesuan.render.typeset import SANS, SERIF, compile_pdf

    compile_pdf(f'#text(font: "{SERIF}")[决算]#text(font: "{SANS}", weight: "bold")[公开]')


def _pdf(document: str) -> bytes:
    from juesuan.render.pdf import typeset

    return typeset(document)


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

    plt = charts._pyplot()
    figure, axes = plt.subplots(figsize=(1, 1))
    axes.set_title("决算")
    charts.to_svg(figure, "warm")
