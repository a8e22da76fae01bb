"""The web app: review a disclosure, build one from an input package, browse the corpus.

A thin layer over the library: server-rendered pages (Jinja2) and a JSON API beside them that
gives the same results as the command line. `create_app(settings)` makes the ASGI app that
`juesuan serve` runs on uvicorn.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from importlib.resources import files

import anyio
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

from juesuan.web.errors import install_error_handlers
from juesuan.web.jobs import Engine
from juesuan.web.limits import SecurityHeadersMiddleware, UploadLimitMiddleware
from juesuan.web.results import ResultStore
from juesuan.web.settings import Settings

SWEEP_SECONDS = 60
DESCRIPTION = """部门决算公开的审核、解析与编制。上传字段统一为 multipart 的 `file`
（编制也可用 `workbook` 与 `info` 两个字段）；文件格式按内容识别，不看文件名。
出错时返回 4xx 与一行中文说明：`{"detail": "…"}`。"""
TAGS = [
    {"name": "审核与解析", "description": "与 `juesuan check`、`juesuan parse` 结果相同"},
    {"name": "编制", "description": "从输入包（决算表.xlsx + 单位信息.yaml）生成决算公开文件"},
    {"name": "页面", "description": "浏览器使用的页面"},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="juesuan 决算",
        summary="部门决算公开：审核、解析、编制",
        description=DESCRIPTION,
        version=_version(),
        openapi_tags=TAGS,
        lifespan=_lifespan,
        docs_url=None,  # our own page (routes/apidocs.py): Swagger UI would load from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = ResultStore(settings.result_ttl_seconds)
    app.state.limiter = anyio.CapacityLimiter(settings.workers)
    app.state.engine = Engine(settings.workers, settings.job_memory_mb)
    app.state.templates = _templates(settings)
    app.state.corpus = _corpus(settings)
    app.add_middleware(UploadLimitMiddleware, max_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(files("juesuan.web") / "static")), name="static")
    _include_routes(app)
    return app


def _include_routes(app: FastAPI) -> None:
    from juesuan.web.routes import api, apidocs, build, corpus, home, info_form, review

    for module in (home, review, info_form, build, api, corpus, apidocs):  # /build/info before /build/{token}
        app.include_router(module.router)


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the first worker process with what a build imports; sweep expired results every
    minute; at shutdown remove them all and stop the workers."""
    store: ResultStore = app.state.store
    _warm(app.state.engine)
    sweeper = asyncio.create_task(_sweep_forever(store))
    try:
        yield
    finally:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        store.close()
        app.state.engine.close()
        if app.state.corpus is not None:
            app.state.corpus.close()


def _warm(engine: Engine) -> None:
    """The slot the first job takes, started now and importing what a build uses (a second or
    two a fresh process would spend on the first build: `render.parallel.import_for_build`).
    The server answers meanwhile; a job sent to that slot waits for the import to end."""
    from juesuan.render.parallel import import_for_build

    slot = engine.take()
    try:
        slot.ready()
        slot.submit(import_for_build)
    finally:
        engine.give_back(slot)


async def _sweep_forever(store: ResultStore) -> None:
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        await anyio.to_thread.run_sync(store.sweep)


def _templates(settings: Settings) -> Jinja2Templates:
    environment = Environment(
        loader=PackageLoader("juesuan.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates = Jinja2Templates(env=environment)
    environment.globals["settings"] = settings
    return templates


def _corpus(settings: Settings):
    if settings.db is None:
        return None
    from juesuan.web.corpus_data import open_corpus

    return open_corpus(settings.db)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("juesuan")
    except PackageNotFoundError:
        return "0"
