"""`juesuan corpus …`: a DuckDB corpus of checked disclosures, queried as tidy data."""

from __future__ import annotations

import os

import click

from juesuan.cli.output import write_text

QUESTION_NAMES = (
    *("three-public", "running-costs", "structure", "errors"),
    *("per-head", "running-costs-years", "both-years", "budget-actual"),
)
DB_OPTION = click.option(
    "--db",
    default=lambda: os.environ.get("JUESUAN_DB", "corpus.duckdb"),
    show_default="corpus.duckdb 或环境变量 JUESUAN_DB",
    help="语料库文件（DuckDB）",
)


def open_corpus(db: str, read_only: bool = False):
    """The corpus, or a UserError (missing file for reading, locked by another process …)."""
    from pathlib import Path

    import duckdb

    from juesuan.cli import UserError
    from juesuan.store import Corpus

    if read_only and not Path(db).exists():
        raise UserError(f"语料库不存在：{db}（先用 juesuan corpus ingest 建立）")
    try:
        return Corpus(db, read_only=read_only)
    except duckdb.Error as error:
        raise UserError(f"无法打开语料库 {db}：{error}") from None


@click.group()
def corpus() -> None:
    """语料库：把审核过的决算公开文件存入 DuckDB，按整洁单元格查询和比较。"""


@corpus.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="并行进程数")
@click.option("--scheduler", metavar="ADDRESS", help="在 Dask 集群上读取和审核（调度器地址）")
def ingest(paths: tuple[str, ...], db: str, jobs: int, scheduler: str | None) -> None:
    """读取、审核文件（文件、文件夹或通配符）并存入语料库；内容相同的文件（SHA-256）只存一次。"""
    from juesuan.batch import expand, progress_bar
    from juesuan.cli import UserError
    from juesuan.store.ingest import ingest as ingest_paths

    found = expand(paths)
    if not found:
        raise UserError(f"没有找到可入库的文件：{' '.join(paths)}")
    with open_corpus(db) as store, progress_bar(len(found), "入库") as tick:
        report = ingest_paths(store.connection, found, jobs=jobs, scheduler=scheduler, progress=tick)
    click.echo(f"{report}（语料库：{db}）", err=True)


@corpus.command()
@click.argument("sql")
@DB_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option("-o", "--output", help="写入文件（默认输出到屏幕）")
def query(sql: str, db: str, fmt: str, output: str | None) -> None:
    """执行一条 SQL 查询（表：files、disclosures、cells、findings、last_year）并打印结果。"""
    import duckdb

    from juesuan.cli import UserError

    with open_corpus(db, read_only=True) as store:
        try:
            result = store.query(sql)
        except duckdb.Error as error:
            raise UserError(f"查询出错：{error}") from None
    show(result, fmt, output)


@corpus.command()
@click.argument("question", type=click.Choice(QUESTION_NAMES), required=False)
@DB_OPTION
@click.option("--year", type=int, help="只看这一年度")
@click.option("--unit", help="只看单位名称含有这些字的")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="最多列出几行")
@click.option("--chart", "chart_dir", type=click.Path(file_okay=False), help="把图表写入此文件夹")
@click.option("--chart-format", type=click.Choice(["png", "svg"]), default="png", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
def compare(
    question: str | None,
    db: str,
    year: int | None,
    unit: str | None,
    limit: int,
    chart_dir: str | None,
    chart_format: str,
    fmt: str,
) -> None:
    """常见比较：three-public（三公经费）、running-costs（机关运行经费）、structure（支出结构）、
    errors（错误最多的单位）、per-head（人均三公经费，概况印有在职人数的单位）、
    running-costs-years（机关运行经费本年与上年）、both-years（同一单位两年公开表逐格并列）、
    budget-actual（同一单位同一年度的预算与决算）；不指定时列出前四项。"""
    with open_corpus(db, read_only=True) as store:
        for name in (question,) if question else QUESTION_NAMES[:4]:
            result = store.compare(name, year=year, unit=unit, limit=limit)
            show(result, fmt, None)
            if chart_dir and result.rows:
                path = store.chart(name, result, chart_dir, chart_format)
                click.echo(f"图表：{path}", err=True)


@corpus.command()
@DB_OPTION
@click.option("--parquet", "folder", required=True, type=click.Path(file_okay=False), help="导出到此文件夹")
def export(db: str, folder: str) -> None:
    """把各表导出为 Parquet 文件（files、disclosures、cells、findings、last_year）。"""
    with open_corpus(db, read_only=True) as store:
        for path in store.export_parquet(folder):
            click.echo(str(path))


def show(result, fmt: str, output: str | None) -> None:
    """A result as a rich table (on a terminal), CSV or JSON."""
    if fmt == "csv":
        write_text(as_csv(result), output)
    elif fmt == "json":
        import json

        write_text(json.dumps(result.records(), ensure_ascii=False, default=str, indent=1) + "\n", output)
    elif output:
        from juesuan.cli.check import plain

        write_text(plain(as_table(result)), output)
    else:
        from rich.console import Console

        Console().print(as_table(result))


def as_csv(result) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if value is None else value for value in row] for row in result.rows)
    return buffer.getvalue()


def as_table(result):
    from rich.table import Table

    table = Table(title=result.title or None)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    return table
