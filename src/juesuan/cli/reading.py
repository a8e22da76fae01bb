"""Reading (and checking) an input file for a command, in a child process under the file limits,
every failure turned into `UserError` (exit 2).

A reader's own refusal (`SourceError`) keeps its message; so do the limits (`juesuan.isolation`:
memory, time, a crash in C code). A bug of juesuan's is one line with the file's name and a hint
to report it, never a traceback and never exit code 1 (which means "errors found"); ``--debug``
prints the traceback after it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from juesuan.cli import BUG_HINT, UserError, debugging
from juesuan.isolation import DEFAULT_LIMITS, Limits
from juesuan.model import Disclosure, Problem
from juesuan.rules import Finding

T = TypeVar("T")


def limits_options(function: Callable) -> Callable:
    """--time-limit and --memory-limit: the ceiling on each file's reading and checking."""
    function = click.option(
        "--memory-limit",
        "memory_mb",
        type=click.IntRange(min=64),
        default=DEFAULT_LIMITS.memory_mb,
        show_default=True,
        metavar="MB",
        help="每个文件读取和审核可用的内存上限（MB），超过即停止并报告",
    )(function)
    return click.option(
        "--time-limit",
        "seconds",
        type=click.FloatRange(min=1),
        default=DEFAULT_LIMITS.seconds,
        show_default=True,
        metavar="SECONDS",
        help="每个文件读取和审核的时间上限（秒），超过即停止并报告；"
        "OCR 识别的每个扫描页另加该页的时限（--ocr-seconds）",
    )(function)


def read_disclosure(path: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Disclosure, list[Problem]]:
    from juesuan.sources import read_path

    return guarded(path, read_path, limits)


def read_and_check(
    path: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Disclosure, list[Problem], list[Finding]]:
    """The disclosure, what its reading noted, and the findings: reading's first, then the rules'."""
    return guarded(path, _read_and_check, limits)


def _read_and_check(path: str) -> tuple[Disclosure, list[Problem], list[Finding]]:
    from juesuan.rules.report import review
    from juesuan.sources import read_path

    disclosure, problems = read_path(path)
    return disclosure, problems, review(disclosure, problems)


def guarded(path: str, work: Callable[[str], T], limits: Limits) -> T:
    """`work(path)` under the limits, in a child process; what went wrong as one line."""
    from juesuan.isolation import Bug, isolated
    from juesuan.sources import SourceError, shown

    try:
        return isolated(work, path, limits=limits)
    except SourceError as error:  # a reader's refusal names the file; a limit's does not
        message = str(error)
        raise UserError(message if Path(path).name in message else f"{message}：{shown(path)}") from None
    except Bug as bug:
        if debugging():
            click.echo(bug.details, err=True, nl=False)
        raise UserError(f"{bug}：{shown(path)}；{BUG_HINT}") from None
