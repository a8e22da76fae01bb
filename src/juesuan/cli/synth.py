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
@click.option(
    "--years",
    metavar="YYYY-YYYY",
    help="同一批单位连续几年的决算（如 2023-2024）：每单位每年一份，情况说明的上年数即上年公开的表中数",
)
def synth(count: int, folder: str, seed: int, formats: str, jobs: int, years: str | None) -> None:
    """生成 N 份随机但完全自洽的决算公开文件（十张表、情况说明、绩效自评表），每份审核无错误、无警告。

    给 --years 时生成 N 个单位各年的决算，同一单位各年名称、结构相同。
    """
    from juesuan.cli import UserError
    from juesuan.synth import FORMATS, write_synthetic

    wanted = tuple(dict.fromkeys(fmt.strip().lower() for fmt in formats.split(",") if fmt.strip()))
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown or not wanted:
        raise UserError(f"不支持的格式：{'、'.join(unknown) or formats}（可选：{'、'.join(FORMATS)}）")
    span = year_span(years) if years else ()
    written = write_synthetic(count, folder, seed=seed, formats=wanted, jobs=jobs, years=span)
    made = f"{count} 个单位 × {len(span)} 年" if span else f"{count} 份"
    click.echo(f"已生成 {made}（{len(written)} 个文件）：{folder}", err=True)


def year_span(text: str) -> tuple[int, ...]:
    """``2023-2024`` (or one year, ``2024``): the consecutive years, first to last."""
    from juesuan.cli import UserError

    first, _, last = text.strip().partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise UserError(f"年度范围应写作 2023-2024：{text}") from None
    if not (2000 <= start <= end <= 2100) or end - start >= 20:
        raise UserError(f"年度范围应为 2000–2100 年间、不超过 20 年，前小后大：{text}")
    return tuple(range(start, end + 1))
