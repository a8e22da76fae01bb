"""`juesuan check FILE`: audit a disclosure against the rule catalogue."""

from __future__ import annotations

import sys

import click

from juesuan.cli.output import write_text
from juesuan.cli.reading import read_disclosure


@click.command()
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text：分组彩色文本；json：机器可读；html：标出问题单元格的表格",
)
@click.option("-o", "--output", help="写入文件（默认输出到屏幕）")
def check(file: str, fmt: str, output: str | None) -> None:
    """审核决算公开文件 FILE：表内表间勾稽、情况说明数字、绩效自评表、科目、公开要求。

    退出码：0 无错误，1 有错误，2 文件无法读取。
    """
    from juesuan.rules import run_rules
    from juesuan.rules.report import as_json, as_text, reading_findings, summary

    disclosure, problems = read_disclosure(file)
    findings = reading_findings(problems) + run_rules(disclosure)
    if fmt == "json":
        write_text(as_json(findings), output)
    elif fmt == "html":
        from juesuan.render.findings import findings_html

        write_text(findings_html(disclosure, findings), output)
    elif output:
        write_text(as_text(findings), output)
    else:
        click.echo(as_text(findings, style=click.style), nl=False)
    sys.exit(1 if summary(findings)["errors"] else 0)


@click.command()
def rules() -> None:
    """列出全部审核规则：编号、严重程度、标题和说明。"""
    from juesuan.rules import default_rules
    from juesuan.rules.report import rules_table

    click.echo(rules_table(default_rules()), nl=False)
