"""Sources: one reader per input format, all producing the same `Disclosure` model.

`read_path` detects the format from the content (not the suffix) and returns
(disclosure, problems); bad input raises `SourceError` with a one-line Chinese message.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Disclosure, Problem

MAX_FILE_BYTES = 100 * 1024 * 1024


class SourceError(Exception):
    """Input that cannot be read as a disclosure; the message is for the user, in Chinese."""


def read_path(path: str | Path) -> tuple[Disclosure, list[Problem]]:
    path = Path(path)
    if not path.exists():
        raise SourceError(f"文件不存在：{path}")
    if path.is_dir():
        raise SourceError(f"这是一个文件夹，不是文件：{path}")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"文件为空：{path}")
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"文件过大（{size // 1024 // 1024} MB），上限为 {MAX_FILE_BYTES // 1024 // 1024} MB：{path}"
        )
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    kind = sniff(data)
    if kind == "text":
        from juesuan.sources.text import read_text

        return read_text(data, name)
    raise SourceError(f"无法识别的文件格式（{describe(kind)}）：{name}")


def sniff(data: bytes) -> str:
    """The format of a file from its first bytes: pdf, zip (docx/xlsx), text or binary."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def describe(kind: str) -> str:
    return {"pdf": "PDF", "zip": "压缩包/Office 文件", "binary": "二进制文件", "text": "文本"}[kind]
