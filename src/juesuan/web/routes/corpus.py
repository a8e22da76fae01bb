"""Corpus: browse the units and years of the corpus database and its compare views, with charts.
Only when the app was started with ``--db``; otherwise these pages answer 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juesuan.web import corpus_data
from juesuan.web.errors import WebError
from juesuan.web.jobs import run_job

router = APIRouter(tags=["语料库"])
Year = Annotated[int | None, Query(ge=1990, le=2100, description="年度")]
Unit = Annotated[str | None, Query(max_length=100, description="单位名称（包含即可）")]
Limit = Annotated[int, Query(ge=1, le=200, description="最多几行")]


@router.get("/corpus", response_class=HTMLResponse, summary="语料库：单位与年度")
async def corpus_home(request: Request, unit: Unit = None, year: Year = None) -> Response:
    view = await run_job(request, corpus_data.overview, _corpus(request), unit or None, year)
    context = {**view, "questions": _questions(), "unit": unit or "", "year": year}
    return _page(request, "corpus.html.j2", context)


@router.get("/corpus/units/{unit:path}", response_class=HTMLResponse, summary="语料库：一个单位的各年度")
async def corpus_unit(request: Request, unit: str) -> Response:
    view = await run_job(request, corpus_data.unit_view, _corpus(request), unit)
    return _page(request, "corpus_unit.html.j2", {**view, "unit": unit})


@router.get("/corpus/compare/{question}", response_class=HTMLResponse, summary="语料库：比较（带图表）")
async def corpus_compare(
    request: Request, question: str, year: Year = None, unit: Unit = None, limit: Limit = 20
) -> Response:
    table = await run_job(
        request, corpus_data.compare_view, _corpus(request), question, year, unit or None, limit
    )
    context = {
        "table": table,
        "question": question,
        "questions": _questions(),
        "year": year,
        "unit": unit or "",
    }
    return _page(request, "corpus_compare.html.j2", {**context, "limit": limit})


@router.get(
    "/corpus/disclosures/{sha256}", response_class=HTMLResponse, summary="语料库：一份文件的审核结果与单元格"
)
async def corpus_disclosure(request: Request, sha256: str) -> Response:
    view = await run_job(request, corpus_data.disclosure_view, _corpus(request), sha256)
    return _page(request, "corpus_disclosure.html.j2", view)


@router.get(
    "/api/corpus/compare/{question}",
    summary="语料库比较（JSON）：三公经费、机关运行经费、支出结构、错误最多的单位",
)
async def api_corpus_compare(
    request: Request, question: str, year: Year = None, unit: Unit = None, limit: Limit = 20
) -> Response:
    table = await run_job(
        request, corpus_data.compare_view, _corpus(request), question, year, unit or None, limit
    )
    rows = [dict(zip(table.columns, (_plain(v) for v in row), strict=True)) for row in table.rows]
    return JSONResponse({"question": question, "title": table.title, "columns": table.columns, "rows": rows})


def _corpus(request: Request):
    corpus = request.app.state.corpus
    if corpus is None:
        raise WebError(404, "未启用语料库：启动时用 juesuan serve --db 数据库文件")
    return corpus


def _questions() -> dict[str, str]:
    from juesuan.store.compare import QUESTIONS

    return {name: question.title for name, question in QUESTIONS.items()}


def _page(request: Request, template: str, context: dict) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, context)


def _plain(value: object) -> object:
    """Decimals as strings (exact), other values as JSON has them."""
    from decimal import Decimal

    return str(value) if isinstance(value, Decimal) else value
