"""`juesuan parse FILE`: tidy cells as CSV, or the whole model as JSON."""

from __future__ import annotations

import click

from juesuan.cli.check import ocr_chosen, ocr_options
from juesuan.cli.output import write_text
from juesuan.cli.reading import limits_options, read_disclosure
from juesuan.cli.templates import forced, template_option


@click.command()
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["cells", "json"]),
    default="cells",
    show_default=True,
    help="cells：整洁单元格 CSV；json：完整模型",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件（默认输出到屏幕）")
@template_option
@limits_options
@ocr_options
def parse(
    file: str,
    fmt: str,
    output: str | None,
    template_name: str | None,
    seconds: float,
    memory_mb: int,
    no_ocr: bool,
    ocr_pages: int,
    ocr_seconds: float,
) -> None:
    """解析决算公开文件 FILE（文本、PDF、Word、Excel、扫描件和图片）。所用模板及识别依据打印在标准错误上。"""
    from juesuan.export import disclosure_json, tidy_csv
    from juesuan.isolation import Limits

    with forced(template_name), ocr_chosen(no_ocr, ocr_pages, ocr_seconds):
        disclosure, problems = read_disclosure(file, Limits(memory_mb, seconds))
    click.echo(f"模板：{disclosure.template_evidence or '全国统一模板'}", err=True)
    write_text(tidy_csv(disclosure) if fmt == "cells" else disclosure_json(disclosure, problems), output)
    for problem in problems:
        click.echo(f"提示：{problem.origin}：{problem.message}", err=True)
