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
@click.option(
    "--approved-on", type=click.DateTime(["%Y-%m-%d"]), help="批复日期（如 2025-08-01），核对批复后20日内公开"
)
@click.option("--published-on", type=click.DateTime(["%Y-%m-%d"]), help="公开日期（如 2025-08-15）")
@click.option(
    "--published-in",
    type=click.Choice(["部门网站", "统一平台"]),
    multiple=True,
    help="在何处公开（可给两次）：部门网站、统一平台（预决算公开统一平台专栏）",
)
@click.option(
    "--approved",
    "approved_file",
    type=click.Path(exists=True, dir_okay=False),
    help="批复数：整洁单元格 CSV（table,row,col,value，同 juesuan parse --format cells），逐数核对公开数",
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, dir_okay=False),
    help="语料库（DuckDB），核对决算单位构成所列单位是否都已公开本年度决算；"
    "并为问题编号、显示已记录的处理意见（juesuan decide）",
)
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False),
    metavar="OLD",
    help="与上次提交的文件 OLD 对照：列出已改正、新出现、仍存在的问题",
)
@limits_options
def check(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    jobs: int | None,
    scheduler: str | None,
    template_name: str | None,
    approved_on,
    published_on,
    published_in: tuple[str, ...],
    approved_file: str | None,
    corpus: str | None,
    against: str | None,
    seconds: float,
    memory_mb: int,
) -> None:
    """审核决算公开文件 FILES：表内表间勾稽、情况说明数字、绩效自评表、科目、公开要求。

    可给多个文件、文件夹（递归查找 .txt .pdf .docx .xlsx）或通配符（如 "公开/**/*.xlsx"）。

    文件之外的事实（只用于单个文件）：--approved-on、--published-on 核对批复后20日内公开；
    --published-in 核对公开载体；--approved 核对公开数与批复数；--corpus 核对所属单位决算是否都已公开。
    未提供时，相应规则各报一条“无法核对”提示。

    审核意见：--corpus 时问题逐条编号并显示已记录的处理意见（用 juesuan decide 记录）；
    --against 上次提交的文件，列出已改正、新出现、仍存在的问题。

    退出码：0 无错误，1 有错误（批量时：任一文件有错误或无法读取），2 文件无法读取（批量时：全部无法读取）。
    """
    from juesuan.isolation import Limits

    limits = Limits(memory_mb, seconds)
    outside = (approved_on, published_on, published_in, approved_file, corpus)
    if is_batch(files, fmt, jobs, scheduler):
        from juesuan.cli import UserError

        if template_name is not None:
            raise UserError("--template 只用于单个文件；批量审核时每个文件的模板自动识别")
        if against:
            raise UserError("--against 只用于单个文件")
        if any(outside):
            raise UserError(
                "--approved-on、--published-on、--published-in、--approved、--corpus 只用于单个文件"
            )
        check_batch(files, fmt, output, jobs or 1, scheduler, limits)
    else:
        from juesuan.rules.outside import given

        with forced(template_name), given(outside_facts(*outside)):
            if against:
                from juesuan.cli.decide import check_against

                check_against(files[0], against, fmt, output, limits, corpus)
            check_one(files[0], fmt, output, limits, corpus)


def outside_facts(approved_on, published_on, published_in, approved_file, corpus):
    """The reviewer's facts from the options (each None or empty when not given)."""
    from juesuan.cli import UserError
    from juesuan.rules.outside import EarlierYears, OutsideFacts, read_approved

    approved = None
    if approved_file:
        try:
            approved = read_approved(Path(approved_file).read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError, KeyError) as error:
            raise UserError(f"无法读取批复数文件 {approved_file}：{error}") from None
    units = None
    if corpus:
        from juesuan.store import Corpus

        with Corpus(corpus, read_only=True) as opened:
            rows = opened.query("SELECT DISTINCT unit, year FROM disclosures").records()
        units = frozenset((row["unit"], row["year"]) for row in rows)
    return OutsideFacts(
        approved_on=approved_on.date() if approved_on else None,
        published_on=published_on.date() if published_on else None,
        venues=tuple(published_in),
        approved=approved,
        corpus_units=units,
        earlier=EarlierYears(corpus=str(Path(corpus).resolve())) if corpus else None,
    )


def is_batch(files: tuple[str, ...], fmt: str, jobs: int | None, scheduler: str | None) -> bool:
    if len(files) > 1 or fmt == "jsonl" or jobs is not None or scheduler is not None:
        return True
    path = Path(files[0])
    return path.is_dir() or (not path.exists() and glob.has_magic(files[0]))


def check_one(file: str, fmt: str, output: str | None, limits, corpus: str | None = None) -> None:
    from juesuan.rules.report import reading_quality, report_json, summary

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
        write_text(head + listing(disclosure, findings, corpus), output)
    else:
        click.echo(head, nl=False)
        click.echo(listing(disclosure, findings, corpus, click.style), nl=False)
    sys.exit(1 if summary(findings)["errors"] else 0)


def listing(disclosure, findings, corpus: str | None, style=lambda text, **_: text) -> str:
    """The findings as text; with a corpus numbered, each with its decision (juesuan decide)."""
    from juesuan.rules.report import as_text

    if corpus:
        from juesuan.cli.decide import decided_text

        return decided_text(disclosure, findings, corpus, style)
    return as_text(findings, style=style)


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
    code = exit_code(counts)
    if code == 2:  # nothing could be checked: said on stderr, as every exit 2 is
        said = f"{counts['files']} 个文件全部无法读取，未能审核（原因见汇总表或各文件记录的 error）"
        click.echo(f"错误：{said}", err=True)
    sys.exit(code)


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
