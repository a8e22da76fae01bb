"""Writing command output: to stdout, or atomically to files (temp file beside it, then rename)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(Path(output), text.encode("utf-8"))


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM deferred while files are staged and renamed (milliseconds), and acted
    on after: an interruption comes before anything is written or after all of it, and never
    strands a hidden `.part` file between a temporary's creation and its removal."""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main one
        yield
        return
    received: list[int] = []
    deferred = {signal.SIGINT, signal.SIGTERM}
    previous = {
        number: signal.signal(number, lambda number, frame: received.append(number)) for number in deferred
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise KeyboardInterrupt


def write_atomically(path: Path, data: bytes) -> None:
    """Write data so that an interrupted run leaves the old file or none, never half a file."""
    from juesuan.cli import UserError

    if path.is_dir():
        raise UserError(f"输出位置 {path} 是一个文件夹，应为文件")
    with uninterrupted():
        _replace(path, data)


def _replace(path: Path, data: bytes) -> None:
    from juesuan.cli import UserError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = stage(path, data)
    except OSError as error:
        raise UserError(f"无法写入 {path}：{error.strerror or error}") from None
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stage(path: Path, data: bytes) -> str:
    """A hidden temporary file beside `path` holding `data`, with an ordinary new file's mode."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
