"""`juesuan synth -n N -o DIR`: random but fully consistent disclosures, reproducible from a seed."""

from __future__ import annotations

import click


@click.command()
@click.option("-n", "count", type=click.IntRange(min=1), default=10, show_default=True, help="生成几份")
@click.option(
    "-o", "--output", "folder", required=True, type=click.Path(file_okay=False), help="写入此文件夹"
)
@click.option("--seed", type=int, default=0, show_default=True, help="随机种子：第 i 份用 seed + i")
@click.option(
    "--format",
    "formats",
    default="txt",
    show_default=True,
    help="逗号分隔的格式：txt（版式文本）、xlsx、pdf、docx、html",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="并行进程数")
def synth(count: int, folder: str, seed: int, formats: str, jobs: int) -> None:
    """生成 N 份随机但完全自洽的决算公开文件（十张表、情况说明、绩效自评表），每份审核无错误、无警告。"""
    from juesuan.cli import UserError
    from juesuan.synth import FORMATS, write_synthetic

    wanted = tuple(dict.fromkeys(fmt.strip().lower() for fmt in formats.split(",") if fmt.strip()))
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown or not wanted:
        raise UserError(f"不支持的格式：{'、'.join(unknown) or formats}（可选：{'、'.join(FORMATS)}）")
    written = write_synthetic(count, folder, seed=seed, formats=wanted, jobs=jobs)
    click.echo(f"已生成 {count} 份（{len(written)} 个文件）：{folder}", err=True)
