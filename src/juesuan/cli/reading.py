"""Reading an input file for a command, turning reader errors into `UserError`."""

from __future__ import annotations

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
