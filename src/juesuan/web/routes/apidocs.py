"""The API's documentation as a page of our own, made from the OpenAPI schema on the server:
it loads nothing from elsewhere (FastAPI's own /docs takes Swagger UI from a CDN, which a
reviewer's office network often blocks), needs no JavaScript and reads on a phone."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["页面"])
METHODS = ("get", "post", "put", "patch", "delete")
PLACES = {"query": "查询参数", "path": "路径", "header": "请求头", "cookie": "Cookie", "body": "表单字段"}
OK_WORDS = {"Successful Response": "成功", "Validation Error": "参数不合法"}


@dataclass(frozen=True)
class Field:
    name: str
    place: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    fields: list[Field]
    responses: list[tuple[str, str]]

    @property
    def anchor(self) -> str:
        return f"{self.method}-{self.path}".replace("/", "-").replace("{", "").replace("}", "")


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
async def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    groups = _groups(schema)
    context = {"info": schema.get("info", {}), "groups": groups, "tags": schema.get("tags", [])}
    return request.app.state.templates.TemplateResponse(request, "api_docs.html.j2", context)


def _groups(schema: dict) -> list[tuple[str, str, list[Operation]]]:
    """(tag, its description, its operations), the API's tags first, the pages last."""
    described = {tag["name"]: tag.get("description", "") for tag in schema.get("tags", [])}
    found: dict[str, list[Operation]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                tag = (item[method].get("tags") or ["其他"])[0]
                found.setdefault(tag, []).append(_operation(schema, path, method, item[method]))
    ranks = {tag: rank for rank, tag in enumerate(described)}
    order = sorted(found, key=lambda tag: (tag == "页面", ranks.get(tag, len(ranks))))
    return [(tag, described.get(tag, ""), found[tag]) for tag in order]


def _operation(schema: dict, path: str, method: str, spec: dict) -> Operation:
    fields = [_parameter(schema, parameter) for parameter in spec.get("parameters", [])]
    fields += _body_fields(schema, spec.get("requestBody", {}))
    responses = [
        (code, OK_WORDS.get(answer.get("description", ""), answer.get("description", "")))
        for code, answer in spec.get("responses", {}).items()
    ]
    summary, description = spec.get("summary", ""), spec.get("description", "")
    return Operation(method.upper(), path, summary, description, fields, responses)


def _parameter(schema: dict, parameter: dict) -> Field:
    spec = parameter.get("schema", {})
    return Field(
        parameter["name"],
        PLACES.get(parameter["in"], parameter["in"]),
        parameter.get("required", False),
        _kind(schema, spec),
        parameter.get("description", "") or spec.get("description", ""),
    )


def _body_fields(schema: dict, body: dict) -> list[Field]:
    for media, content in body.get("content", {}).items():
        found = _resolve(schema, content.get("schema", {}))
        required = set(found.get("required", []))
        place = "multipart 字段" if media.startswith("multipart/") else "表单字段"
        return [
            Field(name, place, name in required, _kind(schema, prop), prop.get("description", ""))
            for name, prop in found.get("properties", {}).items()
        ]
    return []


def _resolve(schema: dict, spec: dict) -> dict:
    ref = spec.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
    return spec


def _kind(schema: dict, spec: dict) -> str:
    """A short name of a field's type: 文件, 整数, 文本, one of a list of values …"""
    spec = _resolve(schema, spec)
    if "enum" in spec:
        return "、".join(map(str, spec["enum"]))
    if "anyOf" in spec:
        kinds = [_kind(schema, option) for option in spec["anyOf"] if option.get("type") != "null"]
        return " 或 ".join(kinds)
    if spec.get("format") == "binary" or spec.get("contentMediaType") == "application/octet-stream":
        return "文件"
    kind = spec.get("type", "")
    if kind == "array":
        return f"{_kind(schema, spec.get('items', {}))}（可多个）"
    return {"string": "文本", "integer": "整数", "number": "数", "boolean": "是/否"}.get(kind, kind)
