"""Reading an input file for a command, turning every failure into `UserError` (exit 2).

A reader's own refusal (`SourceError`) keeps its message; a file that cannot be opened says why;
any other exception is a bug of the reader, reported in one line with the file's name, never as
a traceback and never as exit code 1 (which means "errors found"). Set JUESUAN_DEBUG=1 to see
the traceback instead.
"""

from __future__ import annotations

import os

from juesuan.cli import UserError
from juesuan.model import Disclosure, Problem


def read_disclosure(path: str) -> tuple[Disclosure, list[Problem]]:
    from juesuan.sources import SourceError, read_path

    try:
        return read_path(path)
    except SourceError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"无法读取文件 {path}：{error.strerror or error}") from None
    except Exception as error:
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        raise UserError(reading_crash(path, error)) from None


def reading_crash(path: str, error: BaseException) -> str:
    """读取文件时程序出错（IndexError），无法审核：FILE — the one line for a reader's bug."""
    return f"读取文件时程序出错（{type(error).__name__}），无法审核：{path}"
