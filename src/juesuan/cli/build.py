"""`juesuan build DIR -o OUT`: the whole disclosure from an input package; `juesuan init DIR`."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from juesuan.cli import UserError
from juesuan.cli.output import stage, uninterrupted

FORMATS = ("html", "pdf", "docx", "xlsx")
NAMES = {"html": "网页", "pdf": "PDF", "docx": "Word", "xlsx": "Excel"}


@click.command()
@click.argument("package")
@click.option(
    "-o", "--output", required=True, help="输出文件夹：写入 report.html、report.pdf、report.docx、report.xlsx"
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="输出格式，逗号分隔（html、pdf、docx、xlsx）",
)
@click.option("--force", is_flag=True, help="审核发现错误时仍然生成文件")
def build(package: str, output: str, formats: str, force: bool) -> None:
    """从输入包 PACKAGE（文件夹或其 .zip）生成完整的决算公开文件，逐项审核后写入 OUTPUT。

    输入包含 决算表.xlsx 和 单位信息.yaml（用 juesuan init 创建）；预算模板的输入包含 预算表.xlsx，
    生成部门预算公开文件（见 docs/budget.md）。审核发现错误时不写任何文件、
    退出码为 1，除非加 --force。退出码：0 已生成，1 有错误未生成，2 输入包无法读取。
    """
    from juesuan.build import start_renderers
    from juesuan.rules.report import summary

    chosen = parse_formats(formats)
    start = time.perf_counter()
    worker = start_renderers(chosen)  # the PDF's worker warms up while the package is read
    try:
        assembled = _assemble(package)
        _report(assembled.findings)
        errors = summary(assembled.findings)["errors"]
        if errors and not force:
            click.echo(
                f"审核发现 {errors} 个错误，未生成任何文件（改正后重试，或加 --force 照常生成）", err=True
            )
            sys.exit(1)
        files = _render(assembled.disclosure, chosen, worker)
    finally:
        if worker is not None:
            worker.close()
    _write(Path(output), files)
    if errors:
        click.echo(f"注意：审核发现 {errors} 个错误，已按 --force 照常生成", err=True)
    click.echo(f"完成，用时 {time.perf_counter() - start:.1f} 秒", err=True)


def parse_formats(text: str) -> tuple[str, ...]:
    """The formats named in ``html,pdf``: known, without repeats, in the order given."""
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise UserError(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}（可选：{'、'.join(FORMATS)}）")
    return chosen


def _assemble(package: str):
    from juesuan.build import assemble
    from juesuan.sources import SourceError

    try:
        return assemble(package)
    except SourceError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"无法读取输入包 {package}：{error.strerror or error}") from None


def _report(findings) -> None:
    """The findings; the numbers with no table behind them (the 三公 counts the unit gave
    itself) only counted: `juesuan check` on an output file lists them."""
    from juesuan.rules.report import as_text

    click.echo(as_text(findings, style=click.style, unlisted=("N-untraced",)), nl=False)


def _render(disclosure, formats: tuple[str, ...], worker=None) -> dict[str, bytes]:
    """Every format rendered in memory first, with a progress bar, so that nothing is written
    unless all of them succeed."""
    from juesuan.build import render_formats

    with click.progressbar(length=len(formats), label="生成", file=sys.stderr, item_show_func=_label) as bar:
        files, _ = render_formats(disclosure, formats, lambda fmt: bar.update(1, fmt), worker)
    return files


def _label(fmt: str | None) -> str:
    return f"{NAMES[fmt]}（report.{fmt}）" if fmt else ""


def _write(folder: Path, files: dict[str, bytes]) -> None:
    """Every file written beside its target first, then all renamed into place: an error or
    Ctrl-C leaves the previous files or the new ones, never half a file."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"输出位置 {folder} 是一个文件，应为文件夹")
    taken = [name for fmt in files if (folder / (name := f"report.{fmt}")).is_dir()]
    if taken:
        raise UserError(f"输出文件夹 {folder} 中已有同名文件夹：{'、'.join(taken)}，无法写入")
    with uninterrupted():
        staged = _stage_and_rename(folder, files)
    for target, data in zip(staged, files.values(), strict=True):
        click.echo(f"已写入 {target}（{max(1, len(data) // 1024)} KB）", err=True)


def _stage_and_rename(folder: Path, files: dict[str, bytes]) -> list[Path]:
    import os

    staged: dict[Path, str] = {}
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, data in files.items():
            target = folder / f"report.{fmt}"
            staged[target] = stage(target, data)
        for target, temporary in staged.items():
            os.replace(temporary, target)
    except OSError as error:
        raise UserError(f"无法写入输出文件夹 {folder}：{error.strerror or error}") from None
    finally:
        for temporary in staged.values():
            Path(temporary).unlink(missing_ok=True)
        if created and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # begun for this build, left empty by its failure
    return list(staged)


@click.command()
@click.argument("folder")
@click.option("--unit", default="", help="单位全称（写入单位信息.yaml 和决算表）")
@click.option("--year", default="", help="决算年度，如 2024")
@click.option(
    "--template",
    "template",
    default="",
    help="决算公开的格式（模板名，juesuan templates 列出全部），如 shanghai-2024；默认 national-2024",
)
@click.option(
    "--from",
    "source",
    default="",
    help="由已公开的决算文件（PDF、Word、Excel 或文本）创建：同一年度则可重新生成该文件；"
    "--year 为其下一年度则以其数字为上年决算数",
)
def init(folder: str, unit: str, year: str, template: str, source: str) -> None:
    """在新的（或空的）文件夹 FOLDER 中创建一个空白输入包：决算表.xlsx 和带说明的 单位信息.yaml。

    决算表.xlsx 中是所选模板的各张公开表（全国十张、上海九张……），build 按该模板生成；
    预算模板（--template budget-mof 等）则为 预算表.xlsx 和预算的 单位信息.yaml。
    加 --from 文件 则由已公开的决算文件创建输入包，未能读取的内容列在 单位信息.yaml 开头的说明中。"""
    from juesuan.package.init import create_package

    if year and not (year.isdigit() and len(year) == 4):
        raise UserError(f"--year 应是四位年份（如 2024），见到“{year}”")
    if source:
        if unit or template:
            raise UserError("--from 的单位和模板取自文件本身，不能同时指定 --unit 或 --template")
        _init_from(folder, source, int(year) if year else None)
        return
    with creating(folder):
        written = create_package(folder, unit, int(year) if year else None, template)
    for path in written:
        click.echo(f"已创建 {path}")
    click.echo(f"填好两个文件后运行：juesuan build {folder} -o 输出文件夹")


@contextmanager
def creating(folder: str) -> Iterator[None]:
    """A package being made in `folder`: a bad source or a folder that cannot be written is one line."""
    from juesuan.sources import SourceError

    try:
        yield
    except SourceError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"无法在 {folder} 中创建输入包：{error.strerror or error}") from None


def _init_from(folder: str, source: str, year: int | None) -> None:
    """`init --from FILE`: the package made in memory, then written whole (nothing left on failure)."""
    from juesuan.package.importing import import_disclosure, package_bytes, write_package

    with creating(folder):
        found = import_disclosure(source, year)
        written = write_package(folder, package_bytes(found))
    for path in written:
        click.echo(f"已创建 {path}")
    for note in found.notes:
        click.echo(f"未读入或须填写：{note}")
    click.echo(f"核对、补全 单位信息.yaml 后运行：juesuan build {folder} -o 输出文件夹")
