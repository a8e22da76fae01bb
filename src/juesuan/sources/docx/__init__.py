"""The reader for Word (.docx) disclosures: ours (`render.docx`) and those offices type.

The body becomes layout-text lines (`lines`: a paragraph per line, a table row as TAB-separated
cells), which the layout-text readers read as they read a PDF's text: tables by the title before
them, rows keyed by 行次 / 科目代码 / label, narrative, glossary and forms. Every `Origin` then
names the place in the Word document instead of a line number: ``Origin(cell="表格3 第5行")``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from juesuan.model import Disclosure, Origin, Problem
from juesuan.sources import SourceError
from juesuan.sources.layout import assemble
from juesuan.sources.layout.lines import split_parts

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

T = TypeVar("T")


def read_docx(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    """(disclosure, problems) from a .docx file's bytes; SourceError when it is none."""
    from juesuan.catalogue.templates import reading_under
    from juesuan.sources.docx.lines import body_lines

    document = _open(data, name)
    try:
        found = body_lines(document)
    except SourceError as error:
        raise SourceError(f"{error}：{name}") from None
    with reading_under(line.text for line in found.lines) as detection:
        front, parts = split_parts(found.lines)
        if 2 not in parts and 3 not in parts:
            message = "不是部门决算公开文件（Word 文件中找不到“第二部分”决算表或“第三部分”情况说明）"
            raise SourceError(f"{message}：{name}")
        disclosure, problems = assemble(front, parts)
    disclosure = detection.stamp(disclosure)

    def place(origin: Origin) -> Origin:
        if origin.line is None:
            return origin
        return Origin(cell=found.places.get(origin.line, f"第{origin.line}行"))

    disclosure = replace(relocate(disclosure, place), source_format="docx")
    return disclosure, [relocate(problem, place) for problem in problems]


def _open(data: bytes, name: str) -> WordDocument:
    """The python-docx Document, or a SourceError saying in Chinese why there is none."""
    import docx

    if not data:
        raise SourceError(f"文件为空：{name}")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # a damaged zip, another Office format, broken XML …
        raise SourceError(f"无法打开 Word 文件（文件损坏或不是 .docx）：{name}") from error


def relocate(value: T, place: Callable[[Origin], Origin]) -> T:
    """The value with every `Origin` inside it (dataclasses, tuples) replaced by place(origin)."""
    if isinstance(value, Origin):
        return place(value)
    if isinstance(value, tuple):
        return type(value)(relocate(item, place) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: relocate(getattr(value, field.name), place) for field in fields(value)}
        return replace(value, **changes)
    return value
