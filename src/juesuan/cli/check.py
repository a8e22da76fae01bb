"""`juesuan check FILE…`: audit disclosures against the rule catalogue.

One file: the findings grouped as text (or JSON, or HTML), exactly as always. Several files,
folders or glob patterns (or ``--jobs``, ``--scheduler``, ``--format jsonl``): a batch, checked in
parallel processes or on a Dask cluster, with a progress bar and a summary table.
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import click

from juesuan.cli.output import write_text
from juesuan.cli.reading import limits_options, read_and_check
from juesuan.cli.templates import forced, template_option


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html", "jsonl"]),
    default="text",
    show_default=True,
    help="text：分组彩色文本（批量时为汇总表）；json：机器可读；html：标出问题单元格的表格；"
    "jsonl：每个文件一行 JSON",
)
@click.option("-o", "--output", help="写入文件（默认输出到屏幕）")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="批量审核时并行的进程数（默认 1）")
@click.option(
    "--scheduler", metavar="ADDRESS", help="在 Dask 集群上批量审核（调度器地址，如 tcp://host:8786）"
)
@template_option
@limits_options
def check(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    jobs: int | None,
    scheduler: str | None,
    template_name: str | None,
    seconds: float,
    memory_mb: int,
) -> None:
    """审核决算公开文件 FILES：表内表间勾稽、情况说明数字、绩效自评表、科目、公开要求。

    可给多个文件、文件夹（递归查找 .txt .pdf .docx .xlsx）或通配符（如 "公开/**/*.xlsx"）。

    退出码：0 无错误，1 有错误（批量时：任一文件有错误或无法读取），2 文件无法读取（批量时：全部无法读取）。
    """
    from juesuan.isolation import Limits

    limits = Limits(memory_mb, seconds)
    if is_batch(files, fmt, jobs, scheduler):
        if template_name is not None:
            from juesuan.cli import UserError

            raise UserError("--template 只用于单个文件；批量审核时每个文件的模板自动识别")
        check_batch(files, fmt, output, jobs or 1, scheduler, limits)
    else:
        with forced(template_name):
            check_one(files[0], fmt, output, limits)


def is_batch(files: tuple[str, ...], fmt: str, jobs: int | None, scheduler: str | None) -> bool:
    if len(files) > 1 or fmt == "jsonl" or jobs is not None or scheduler is not None:
        return True
    path = Path(files[0])
    return path.is_dir() or (not path.exists() and glob.has_magic(files[0]))


def check_one(file: str, fmt: str, output: str | None, limits) -> None:
    from juesuan.rules.report import as_text, reading_quality, report_json, summary

    disclosure, problems, findings = read_and_check(file, limits)
    quality = reading_quality(disclosure.tables, problems)
    head = "".join(
        f"{line}\n"
        for line in [f"模板：{disclosure.template_evidence}", "读取：", *(f"  {line}" for line in quality)]
    )
    if fmt == "json":
        write_text(report_json(disclosure, problems, findings), output)
    elif fmt == "html":
        from juesuan.render.findings import findings_html

        write_text(findings_html(disclosure, findings), output)
    elif output:
        write_text(head + as_text(findings), output)
    else:
        click.echo(head, nl=False)
        click.echo(as_text(findings, style=click.style), nl=False)
    sys.exit(1 if summary(findings)["errors"] else 0)


def check_batch(
    files: tuple[str, ...], fmt: str, output: str | None, jobs: int, scheduler: str | None, limits
) -> None:
    from juesuan.batch import check_files, exit_code, expand, progress_bar, totals
    from juesuan.cli import UserError

    if fmt == "html":
        raise UserError("html 格式只用于单个文件；批量审核请用 text、json 或 jsonl")
    paths = expand(files)
    if not paths:
        raise UserError(f"没有找到可审核的文件：{' '.join(files)}")
    with progress_bar(len(paths)) as tick:
        results = list(check_files(paths, jobs=jobs, scheduler=scheduler, progress=tick, limits=limits))
    counts = totals(results)
    write_results(results, counts, fmt, output)
    sys.exit(exit_code(counts))


def write_results(results: list, counts: dict[str, int], fmt: str, output: str | None) -> None:
    """jsonl / json to the output (or stdout); the summary table to stdout, or stderr when the
    records go to stdout."""
    import json

    from rich.console import Console

    from juesuan.batch import jsonl, summary_table

    if fmt == "jsonl":
        write_text("".join(jsonl(result) for result in results), output)
    elif fmt == "json":
        document = {"files": [result.record() for result in results], "summary": counts}
        write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", output)
    elif output:
        write_text(plain(summary_table(results, counts)), output)
        return
    records_on_stdout = fmt in ("jsonl", "json") and not output
    Console(stderr=records_on_stdout).print(summary_table(results, counts))


def plain(renderable: object, width: int = 160) -> str:
    """A rich renderable as plain text (for a file)."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


@click.command()
def rules() -> None:
    """列出全部审核规则：编号、严重程度、标题和说明。"""
    from juesuan.rules.registry import all_rules
    from juesuan.rules.report import rules_table

    click.echo(rules_table(all_rules()), nl=False)
