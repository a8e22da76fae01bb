"""The reader for Word (.docx) disclosures: ours (`render.docx`) and those offices type.

The body becomes layout-text lines (`lines`: a paragraph per line, a table row as TAB-separated
cells), which the layout-text readers read as they read a PDF's text: tables by the title before
them, rows keyed by 行次 / 科目代码 / label, narrative, glossary and forms. Every `Origin` then
names the place in the Word document instead of a line number: ``Origin(cell="表格3 第5行")``.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING

from juesuan.model import Disclosure, Origin, Problem
from juesuan.sources import SourceError, names_the_file
from juesuan.sources.layout import assemble
from juesuan.sources.layout.lines import check_lines, split_parts
from juesuan.sources.origins import relocate

if TYPE_CHECKING:
    from docx.document import Document as WordDocument


@names_the_file
def read_docx(data: bytes, name: str = "") -> tuple[Disclosure, list[Problem]]:
    """(disclosure, problems) from a .docx file's bytes; SourceError when it is none."""
    from juesuan.catalogue.templates import reading_under
    from juesuan.sources.docx.lines import body_lines

    document = _open(data, name)
    try:
        found = body_lines(document)
        check_lines(found.lines, found.places)
    except SourceError as error:
        raise SourceError(f"{error}：{name}") from None
    with reading_under(line.text for line in found.lines) as detection:
        front, parts = split_parts(found.lines)
        if 2 not in parts and 3 not in parts:
            kind = detection.template.kind
            message = f"不是部门{kind}公开文件（Word 文件中找不到“第二部分”{kind}表或“第三部分”情况说明）"
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

    from juesuan.sources.office import check_office

    if not data:
        raise SourceError(f"文件为空，请检查文件是否下载或保存完整：{name}")
    check_office(data, name)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # a damaged zip, another Office format, broken XML …
        said = "无法打开 Word 文件：文件已损坏或不是 .docx 格式，请用 Word 打开检查或重新保存"
        raise SourceError(f"{said}：{name}") from error
