"""`juesuan serve`: the web app (review, build, corpus) on a local port."""

from __future__ import annotations

from pathlib import Path

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认只对本机开放）")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口")
@click.option(
    "--db", type=click.Path(dir_okay=False), help="语料库数据库文件（DuckDB）；给出时提供语料库浏览"
)
@click.option(
    "--max-upload-mb", default=50, show_default=True, type=click.IntRange(1), help="上传大小上限（MB）"
)
@click.option("--max-pdf-pages", default=300, show_default=True, type=click.IntRange(1), help="PDF 页数上限")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1), help="工作进程数")
@click.option(
    "--job-seconds", default=300, show_default=True, type=click.IntRange(1), help="单个上传的处理时限（秒）"
)
@click.option(
    "--job-memory-mb",
    default=2048,
    show_default=True,
    type=click.IntRange(64),
    help="每个工作进程的内存上限（MB）",
)
def serve(
    host: str,
    port: int,
    db: str | None,
    max_upload_mb: int,
    max_pdf_pages: int,
    workers: int,
    job_seconds: int,
    job_memory_mb: int,
) -> None:
    """启动网页应用：上传审核、上传编制、语料库浏览，以及 JSON API（/docs）。"""
    import uvicorn

    from juesuan.cli import UserError
    from juesuan.web.app import create_app
    from juesuan.web.settings import MB, Settings

    if db is not None and not Path(db).is_file():
        raise UserError(f"数据库文件不存在：{db}")
    if host not in LOOPBACK:
        click.echo(f"注意：服务将在 {host} 上对网络开放，且没有身份验证。", err=True)
    settings = Settings(
        host=host,
        port=port,
        db=Path(db) if db else None,
        max_upload_bytes=max_upload_mb * MB,
        max_pdf_pages=max_pdf_pages,
        workers=workers,
        job_seconds=job_seconds,
        job_memory_mb=job_memory_mb,
    )
    try:
        app = create_app(settings)
    except ValueError as error:  # the corpus database cannot be opened
        raise UserError(str(error)) from None
    click.echo(f"juesuan 网页应用：http://{host}:{port}/ （Ctrl+C 停止）", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
