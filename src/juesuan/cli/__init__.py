"""The `juesuan` command. Sub-commands are imported only when run, so `--help` stays instant."""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

import click

# name -> (module:function, one-line Chinese help)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("juesuan.cli.build:init", "创建一个空白输入包（带填写说明）"),
    "build": ("juesuan.cli.build:build", "从输入包生成并审核完整的决算公开文件（网页、PDF、Word、Excel）"),
    "parse": ("juesuan.cli.parse:parse", "解析决算公开文件，导出整洁单元格（CSV）或完整模型（JSON）"),
    "check": ("juesuan.cli.check:check", "审核决算公开文件（可批量、并行），逐条指出问题所在的单元格或语句"),
    "rules": ("juesuan.cli.check:rules", "列出全部审核规则"),
    "decide": ("juesuan.cli.decide:decide", "对审核发现的问题记录处理意见（已说明、不采纳），重新提交时沿用"),
    "templates": (
        "juesuan.cli.templates:templates",
        "列出已知的公开模板（审核、解析时可用 --template 指定）",
    ),
    "corpus": ("juesuan.cli.corpus:corpus", "语料库：批量入库、SQL 查询、三公经费等比较与图表、导出 Parquet"),
    "synth": ("juesuan.cli.synth:synth", "生成随机但完全自洽的决算公开文件（可复现，用于测试和演示）"),
    "serve": ("juesuan.cli.serve:serve", "启动网页应用：上传审核、编制下载、语料库浏览与 JSON API"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, _, attribute = COMMANDS[name][0].partition(":")
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_, short) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="juesuan", message="juesuan %(version)s")
@click.option("--debug", is_flag=True, help="程序内部出错时显示详细信息（供报告问题用）")
def cli(debug: bool) -> None:
    """juesuan：部门决算公开的编制、解析与审核工具。"""
    if debug:
        os.environ[DEBUG] = "1"


DEBUG = "JUESUAN_DEBUG"  # set (or --debug): a bug shows its traceback
BUG_HINT = "请用 juesuan --debug 重新运行，并把输出报告给开发者"


def debugging() -> bool:
    return bool(os.environ.get(DEBUG))


def main() -> None:
    """The command line: exit 0 done (no errors found), 1 errors found, 2 anything else (bad usage,
    a file that cannot be read, an interruption, a bug). SIGTERM interrupts as Ctrl-C does, so
    that an interrupted build removes what it had begun to write."""
    with terminated_as_interrupted():
        run()


def run() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        fail("已中断")
    except click.ClickException as error:
        fail(usage_message(error))
    except UserError as error:
        fail(str(error))
    except OSError as error:  # a path the system refuses (too long, no permission …), wherever
        if error.filename is None:
            bug("程序内部出错（系统调用失败），未能完成")
        from juesuan.sources import os_error_message

        fail(os_error_message(error.filename, error))
    except Exception as error:  # a bug: one line and exit 2, never a traceback and exit 1
        from juesuan.sources import SourceError

        if isinstance(error, SourceError):  # bad input met outside a reader (a folder too deep …)
            fail(str(error))
        bug("程序内部出错，未能完成")


@contextlib.contextmanager
def terminated_as_interrupted() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt while the command runs (its handler put back after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def bug(said: str) -> None:
    """A bug of juesuan's: one line with the hint to report it, and with --debug the traceback."""
    if debugging():
        import traceback

        traceback.print_exc()
    fail(f"{said}；{BUG_HINT}")


def usage_message(error: click.ClickException) -> str:
    """Click's usage errors in Chinese, with `--help` as the way out."""
    if isinstance(error, click.exceptions.NoSuchOption):
        said = f"没有这个选项：{error.option_name}"
    elif isinstance(error, click.exceptions.MissingParameter):
        said = f"缺少参数：{_hint(error)}"
    elif isinstance(error, click.exceptions.BadParameter):
        said = f"参数 {_hint(error)} 的值无效（{_allowed(error)}）"
    elif isinstance(error, click.exceptions.UsageError) and error.message.startswith("No such command"):
        said = f"没有这个命令：{error.message.split(chr(39))[1]}"
    else:
        return error.format_message()
    return f"{said}；用 --help 查看用法"


def _allowed(error: click.exceptions.BadParameter) -> str:
    """What the value should have been, in Chinese where click's own words are English."""
    kind = getattr(error.param, "type", None)
    if isinstance(kind, click.Choice):
        return f"可选：{'、'.join(kind.choices)}"
    if isinstance(kind, click.Path):
        named = error.message.split("'")
        return f"没有这个文件，或它不是文件：{named[1]}" if len(named) > 2 else "路径不可用"
    if isinstance(kind, click.DateTime):
        return "应是日期，如 2025-08-01"
    return error.message


def _hint(error: click.exceptions.BadParameter | click.exceptions.MissingParameter) -> str:
    if error.param is not None and error.ctx is not None:
        return " / ".join(error.param.get_error_hint(error.ctx).replace("'", "").split(" / "))
    return error.param_hint or ""


class UserError(Exception):
    """A problem with the user's input: reported as one Chinese line, exit code 2."""


def fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)
