"""`juesuan templates`: the templates the readers and rules know (catalogue/templates)."""

from __future__ import annotations

import click


@click.command()
def templates() -> None:
    """列出已知的公开模板：名称、表的数量、说明和样本文件。审核或解析时用 --template 名称 指定。"""
    from juesuan.catalogue.templates import templates as known

    for found in known().values():
        tables = "、".join(found.required) if found.required else "不限"
        click.echo(f"{found.name}\t{found.title}")
        click.echo(f"    {found.description}")
        click.echo(f"    应有的表：{tables}" + (f"；样本：{found.sample}" if found.sample else ""))


def template_option(function):
    """--template NAME: read under this template instead of detecting it."""
    return click.option(
        "--template",
        "template_name",
        metavar="NAME",
        help="按指定模板读取和审核（默认自动识别；juesuan templates 列出可选的模板）",
    )(function)


def forced(name: str | None):
    """The context that reads under the named template; a name no template has is a user error."""
    from juesuan.catalogue.templates import forcing, templates
    from juesuan.cli import UserError

    if name is not None and name not in templates():
        raise UserError(f"没有名为 {name} 的模板；可选：{'、'.join(templates())}")
    return forcing(name)
