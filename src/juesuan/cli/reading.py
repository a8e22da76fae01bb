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
    from juesuan.sources import SourceError, os_error_message, read_path

    try:
        return read_path(path)
    except SourceError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(os_error_message(path, error)) from None
    except Exception as error:
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        raise UserError(reading_crash(path, error)) from None


def reading_crash(path: str, error: BaseException) -> str:
    """The one line for a reader's bug: what happened and what to do, without the exception's
    name (JUESUAN_DEBUG=1 shows the traceback)."""
    from juesuan.sources import shown

    said = "读取文件时程序出错，无法审核（文件内容可能不合常规）；设置环境变量 JUESUAN_DEBUG=1 可查看详情"
    return f"{said}：{shown(path)}"
