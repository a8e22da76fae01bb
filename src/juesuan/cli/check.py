"""`juesuan check FILE…`: audit disclosures against the rule catalogue.

One file: the findings grouped as text, or the report in any format of `juesuan.report.FORMATS`
(json, html, csv, the letter back to the unit as docx, xlsx). Several files, folders or glob
patterns (or ``--jobs``, ``--scheduler``, ``--format jsonl``): a batch, checked in parallel
processes or on a Dask cluster, with a progress bar and a summary table; with ``--format html``
(csv, docx, xlsx) and ``-o FOLDER`` each file's report and an index (审核汇总.html, .xlsx).
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import click

from juesuan.cli.output import write_text
from juesuan.cli.reading import guarded, limits_options
from juesuan.cli.templates import forced, template_option


def ocr_options(function):
    """--no-ocr, --ocr-pages, --ocr-seconds: reading pages without a text layer (`sources.ocr`)."""
    from juesuan.sources.ocr import OcrSettings

    default = OcrSettings()
    function = click.option(
        "--ocr-seconds",
        type=click.FloatRange(min=1),
        default=default.page_seconds,
        show_default=True,
        metavar="SECONDS",
        help="OCR 每页的时间上限（秒），超过则该页不读取并提示",
    )(function)
    function = click.option(
        "--ocr-pages",
        type=click.IntRange(min=1),
        default=default.max_pages,
        show_default=True,
        metavar="N",
        help="每个文件最多 OCR 识别的页数，其余扫描页不读取并提示",
    )(function)
    return click.option(
        "--no-ocr",
        is_flag=True,
        help="不用 OCR 识别扫描页（无文本层的页面、图片文件）；默认识别，识别的页在结果中注明",
    )(function)


def ocr_chosen(no_ocr: bool, pages: int, seconds: float, progress: bool = True):
    """The OCR settings the options choose, in force for the reading inside (a context); on a
    terminal, each page read by OCR is shown on stderr as it starts."""
    from juesuan.sources.ocr import OcrSettings, using

    shown = _ocr_progress() if progress and not no_ocr and sys.stderr.isatty() else None
    return using(OcrSettings(enabled=not no_ocr, max_pages=pages, page_seconds=seconds, progress=shown))


def _ocr_progress():
    """A progress line on the terminal, written from the reading child (whose stderr is closed)
    to a copy of the terminal's descriptor."""
    import os

    terminal = os.dup(sys.stderr.fileno())

    def show(page: int, pages: int) -> None:
        os.write(terminal, f"\rOCR 识别第 {page} 页（共 {pages} 页）…\033[K".encode())

    return show


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html", "csv", "docx", "xlsx", "jsonl"]),
    default="text",
    show_default=True,
    help="text：分组彩色文本（批量时为汇总表）；json：机器可读；html：标出问题单元格的表格；"
    "csv：问题清单（中文表头）；docx：审核意见函（Word，附单位说明栏）；xlsx：问题清单（Excel）；"
    "jsonl：每个文件一行 JSON。docx、xlsx 须用 -o 指定文件；批量时 html、csv、docx、xlsx "
    "须用 -o 指定文件夹，每个文件一份报告，另附汇总（审核汇总.html、审核汇总.xlsx）",
)
@click.option("-o", "--output", help="写入文件（默认输出到屏幕）；批量写报告时为文件夹")
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
@ocr_options
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
    no_ocr: bool,
    ocr_pages: int,
    ocr_seconds: float,
) -> None:
    """审核决算公开文件 FILES：表内表间勾稽、情况说明数字、绩效自评表、科目、公开要求。

    可给多个文件、文件夹（递归查找 .txt .pdf .docx .xlsx）或通配符（如 "公开/**/*.xlsx"）。
    扫描件（无文本层的页面）和图片（PNG、JPEG、TIFF）用 OCR 识别，结果中注明识别的页；
    置信度不足的数值列为“无法核对”，不作为错误（--no-ocr 关闭）。

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
        with ocr_chosen(no_ocr, ocr_pages, ocr_seconds, progress=False):
            check_batch(files, fmt, output, jobs or 1, scheduler, limits)
    else:
        from juesuan.rules.outside import given

        with (
            forced(template_name),
            given(outside_facts(*outside)),
            ocr_chosen(no_ocr, ocr_pages, ocr_seconds),
        ):
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
    from juesuan.report import FORMATS, check_path
    from juesuan.report.text import head

    refuse_binary(fmt, output)
    report = guarded(file, check_path, limits)
    disclosure, findings = report.disclosure, report.findings
    if fmt != "text":
        write_report(FORMATS[fmt].write(report), output)
    elif output:
        write_text(head(report) + listing(disclosure, findings, corpus), output)
    else:
        click.echo(head(report), nl=False)
        click.echo(listing(disclosure, findings, corpus, click.style), nl=False)
    sys.exit(1 if report.summary["errors"] else 0)


def refuse_binary(fmt: str, output: str | None) -> None:
    """A Word or Excel file is never written to the terminal."""
    from juesuan.cli import UserError
    from juesuan.report import FORMATS

    if output is None and fmt in FORMATS and FORMATS[fmt].binary:
        example = "审核意见.docx" if fmt == "docx" else f"审核结果{FORMATS[fmt].suffix}"
        raise UserError(f"{fmt} 格式是二进制文件，不能输出到屏幕；请用 -o 指定输出文件（如 -o {example}）")


def write_report(data: bytes, output: str | None) -> None:
    """The report's bytes to the file, atomically, or (text) to stdout."""
    from juesuan.cli.output import write_atomically

    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_atomically(Path(output), data)


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
    from juesuan.report import PER_FILE

    if fmt in PER_FILE and not output:
        raise UserError(f"批量审核写 {fmt} 报告时须用 -o 指定一个文件夹（如 -o 审核结果/），每个文件一份报告")
    if fmt in PER_FILE and Path(output).exists() and not Path(output).is_dir():
        raise UserError(f"输出位置 {output} 是一个文件；批量写 {fmt} 报告时应为文件夹")
    paths = expand(files)
    if not paths:
        raise UserError(f"没有找到可审核的文件：{' '.join(files)}")
    report = fmt if fmt in PER_FILE else ""
    with progress_bar(len(paths)) as tick:
        found = check_files(
            paths, jobs=jobs, scheduler=scheduler, progress=tick, limits=limits, report=report
        )
        results = list(write_reports(found, paths, fmt, Path(output)) if report else found)
    counts = totals(results)
    if report:
        write_index(results, counts, fmt, Path(output))
    else:
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


def write_reports(results, paths: list, fmt: str, folder: Path):
    """Each readable file's report into the folder as it comes; the results without them (a
    batch of thousands never holds its reports in memory)."""
    from dataclasses import replace

    from juesuan.cli.output import write_atomically
    from juesuan.report import FORMATS
    from juesuan.report.index import report_names

    for result, name in zip(results, report_names([str(p) for p in paths], FORMATS[fmt].suffix), strict=True):
        if not result.unreadable:
            write_atomically(folder / name, result.report)
        yield replace(result, report=b"")


def write_index(results: list, counts: dict[str, int], fmt: str, folder: Path) -> None:
    """The index beside the reports (审核汇总.html and .xlsx); the summary table on stdout."""
    from rich.console import Console

    from juesuan.batch import summary_table
    from juesuan.cli.output import write_atomically
    from juesuan.report import FORMATS
    from juesuan.report.index import INDEX_NAME, Entry, index_html, index_xlsx, report_names

    names = report_names([result.path for result in results], FORMATS[fmt].suffix)
    entries = [
        Entry(result, "" if result.unreadable else name) for result, name in zip(results, names, strict=True)
    ]
    write_atomically(folder / f"{INDEX_NAME}.html", index_html(entries, counts).encode("utf-8"))
    write_atomically(folder / f"{INDEX_NAME}.xlsx", index_xlsx(entries))
    Console().print(summary_table(results, counts))
    click.echo(
        f"已写入 {folder}：{len(results) - counts['unreadable']} 份报告和汇总 {INDEX_NAME}.html、.xlsx"
    )


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
