"""Work on one untrusted file in a child process, with a ceiling on its memory and its time.

The readers meet hostile files: a PDF whose streams inflate to gigabytes, a workbook made to
loop. The input limits (`juesuan.sources.limits`) refuse most of them before any work starts;
what passes them and still blows up must cost that file one line, never the process or the
batch. So `isolated(work, *args)` runs `work` in a forked child whose address space is capped
(`limit_memory`) and which is killed past its time; the child sends back its result, or the
refusal it raised, and the parent raises what happened as a `SourceError` in Chinese:

- the child ran out of memory (a MemoryError, or C code that aborted at the ceiling),
- it ran past its time (its limit, and the time `grant`ed to it for each page it reads by
  OCR, each page bounded by its own time),
- it died in C code (PDFium) for another reason,
- it met a bug in juesuan (`Bug`, with the traceback text for ``--debug``).

A fork costs a few milliseconds and the child inherits the modules already imported, so every
file a command reads goes through here. The web app's worker processes use `limit_memory`
in their initializer instead (they are already separate processes).
"""

from __future__ import annotations

import contextlib
import copyreg
import mmap
import os
import pickle
import select
import signal
import struct
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import NoReturn, TypeVar

from juesuan.sources import SourceError

T = TypeVar("T")

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per file: the memory it may take beyond what the process holds already, and its time."""

    memory_mb: int = 2048  # the largest real disclosure takes under 50 MB to read and check
    seconds: float = 120.0  # the largest real disclosure takes under 10 s; OCR adds its pages' time


DEFAULT_LIMITS = Limits()


class Bug(Exception):
    """An exception in juesuan's own code while working on a file: not the file's fault."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


SUSPECT = "文件可能过于复杂、已损坏或含有恶意内容"


def out_of_memory_message(limits: Limits) -> str:
    return f"处理该文件所需内存超过上限（{limits.memory_mb} MB），已停止：{SUSPECT}"


def too_slow_message(seconds: float, granted: float = 0.0) -> str:
    if granted:
        return f"处理超时（上限 {seconds:g} 秒，另加 OCR 识别扫描页的 {granted:g} 秒），已停止：{SUSPECT}"
    return f"处理超时（上限 {seconds:g} 秒），已停止：{SUSPECT}"


_granted: mmap.mmap | None = None  # in an isolated child: the seconds granted beyond its limit


def grant(seconds: float) -> None:
    """In an isolated child, `seconds` more time for its work than its limit (a page it reads
    by OCR, itself bounded by its own time: `sources.ocr`); nothing elsewhere."""
    if _granted is not None:
        _granted[:8] = struct.pack("d", _seconds_granted(_granted) + seconds)


def _seconds_granted(shared: mmap.mmap) -> float:
    return struct.unpack("d", shared[:8])[0]


def crashed_message(limits: Limits) -> str:
    return f"处理该文件时程序异常退出，无法读取（{SUSPECT}，或所需内存超过上限 {limits.memory_mb} MB）"


BUG = "读取文件时程序出错，无法审核（文件内容可能不合常规）"


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it holds now plus `megabytes`: an allocation
    past it fails (MemoryError in Python, an abort in C code) instead of taking the machine."""
    import resource

    ceiling = _address_space() + megabytes * MEGABYTE
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def isolated(work: Callable[..., T], *args: object, limits: Limits = DEFAULT_LIMITS) -> T:
    """`work(*args)` in a forked child under `limits`: its result, or its SourceError raised
    here; anything else that went wrong is a SourceError (memory, time, crash) or a `Bug`."""
    global _granted
    reading, writing = os.pipe()
    shared = mmap.mmap(-1, 8)  # the seconds the child was granted (`grant`), seen by both
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(reading)
        _granted = shared
        _child(writing, limits, work, args)
    os.close(writing)
    try:
        sent = _receive(reading, limits.seconds, shared)
    finally:
        os.close(reading)
        _end(child)
        granted = _seconds_granted(shared)
        shared.close()
    if sent is None:
        raise SourceError(too_slow_message(limits.seconds, granted))
    if not sent:  # the child died without a word: C code aborted, or the kernel killed it
        raise SourceError(crashed_message(limits))
    outcome, value = pickle.loads(sent)
    if outcome == "done":
        return value
    if outcome == "refused":
        raise SourceError(value)
    if outcome == "memory":
        raise SourceError(out_of_memory_message(limits))
    raise Bug(BUG, value)


def _receive(reading: int, seconds: float, granted: mmap.mmap | None = None) -> bytes | None:
    """All the child writes until it closes the pipe; None when that takes past `seconds` and
    the seconds the child was granted meanwhile (looked at every second)."""
    started = time.monotonic()
    chunks = []
    while True:
        extra = _seconds_granted(granted) if granted is not None else 0.0
        left = started + seconds + extra - time.monotonic()
        if left <= 0:
            return None
        if not select.select([reading], [], [], min(left, 1.0))[0]:
            continue
        chunk = os.read(reading, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(child: int) -> None:
    """Kill the child if it still runs, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)


def _child(writing: int, limits: Limits, work: Callable, args: tuple) -> NoReturn:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent answers an interruption
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not os.environ.get("JUESUAN_DEBUG"):  # what C code says as it dies is not for the user
        _silence_stderr()
    try:
        limit_memory(limits.memory_mb)
        sent = _pickled(_outcome(work, args))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(sent)
    finally:
        os._exit(0)  # no atexit work, no second flush of the parent's buffers


def _silence_stderr() -> None:
    import faulthandler

    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def _outcome(work: Callable, args: tuple) -> tuple[str, object]:
    try:
        return "done", work(*args)
    except SourceError as error:
        return "refused", str(error)
    except MemoryError:
        return "memory", ""
    except Exception:
        return "bug", traceback.format_exc()


def _pickled(outcome: tuple[str, object]) -> bytes:
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps(("memory", ""))
    except Exception:  # a result that cannot travel back is a bug of ours
        return pickle.dumps(("bug", traceback.format_exc()))


# Results travel pickled; the model's read-only mappings go as the dicts they wrap and are
# wrapped again on arrival.
def _read_only(values: dict) -> MappingProxyType:
    return MappingProxyType(values)


copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))
