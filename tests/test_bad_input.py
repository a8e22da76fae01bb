"""Regression tests for crashes a fuzz run found, each from the smallest input that reproduced it:
bad input gives one Chinese line (SourceError, or exit 2 at the command line), never a traceback
or an exception's name."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import SAMPLE

from juesuan.sources import SourceError, read_bytes
from juesuan.sources.layout.narrative import chinese_number

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

from juesuan.sources.docx.lines import MAX_ROW_CELLS, NO_BODY, TOO_MANY_CELLS, body_lines  # noqa: E402

EXCEPTION_NAME = re.compile(r"[A-Z][a-z]+(Error|Exception|File)\b")


def one_line(message: str) -> None:
    assert "\n" not in message
    assert not EXCEPTION_NAME.search(message), message


def word(rows: int = 1, cols: int = 1) -> docx.document.Document:
    document = docx.Document()
    document.add_table(rows=rows, cols=cols)
    return document


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_part(data: bytes, part: str, text: str) -> bytes:
    """The .docx with one part's content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, text if item.filename == part else source.read(item))
    return out.getvalue()


def set_span(document, tag: str, value: str) -> None:
    """w:gridSpan on the first cell, or w:gridBefore on the first row, to the value as written."""
    row = document.tables[0]._tbl.tr_lst[0]
    parent = row.tc_lst[0].get_or_add_tcPr() if tag == "w:gridSpan" else row.get_or_add_trPr()
    element = parent.makeelement(qn(tag), {})
    element.set(qn("w:val"), value)
    parent.append(element)


@pytest.mark.parametrize("tag", ["w:gridSpan", "w:gridBefore"])
def test_a_huge_span_is_refused_not_allocated(tag: str):
    document = word()
    set_span(document, tag, str(10**9))
    with pytest.raises(SourceError) as refused:
        read_bytes(saved(document), "span.docx")
    assert str(refused.value) == f"{TOO_MANY_CELLS}：span.docx"
    one_line(str(refused.value))


@pytest.mark.parametrize("value", ["9" * 5000, str(MAX_ROW_CELLS + 1)])
def test_a_span_beyond_the_limit_is_refused(value: str):
    document = word()
    set_span(document, "w:gridSpan", value)
    with pytest.raises(SourceError, match="超过 1000 列"):
        body_lines(docx.Document(io.BytesIO(saved(document))))


def test_many_cells_in_a_row_are_refused():
    document = word(cols=MAX_ROW_CELLS + 1)
    with pytest.raises(SourceError, match="超过 1000 列"):
        body_lines(document)


def test_a_span_at_the_limit_is_read():
    document = word(cols=2)
    document.tables[0].cell(0, 0).text = "甲"
    document.tables[0].cell(0, 1).text = "乙"
    set_span(document, "w:gridSpan", str(MAX_ROW_CELLS - 2))
    [line] = body_lines(document).lines
    assert line.text.split("\t")[0] == "甲" and line.text.split("\t")[-1] == "乙"


@pytest.mark.parametrize("tag", ["w:gridSpan", "w:gridBefore"])
@pytest.mark.parametrize("value", ["x", "", "-3", "1.5"])
def test_a_span_that_is_no_whole_number_counts_as_none(tag: str, value: str):
    document = word(cols=2)
    document.tables[0].cell(0, 0).text = "甲"
    document.tables[0].cell(0, 1).text = "乙"
    set_span(document, tag, value)
    [line] = body_lines(docx.Document(io.BytesIO(saved(document)))).lines
    assert line.text == "甲\t乙"


def test_a_document_without_a_body():
    blank = saved(docx.Document())
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    data = with_part(blank, "word/document.xml", f'<w:document xmlns:w="{w}"/>')
    with pytest.raises(SourceError) as refused:
        read_bytes(data, "empty.docx")
    assert str(refused.value) == f"{NO_BODY}：empty.docx"


def test_an_external_styles_relationship_is_not_followed():
    """python-docx raises ValueError for the target part of an external relationship."""
    document = docx.Document()
    document.add_paragraph("第一部分 概况")
    data = saved(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    styles = re.search(r'<Relationship [^>]*Target="styles.xml"[^>]*/>', rels).group(0)
    external = styles.replace(
        'Target="styles.xml"', 'Target="http://example.com/s.xml" TargetMode="External"'
    )
    data = with_part(data, "word/_rels/document.xml.rels", rels.replace(styles, external))
    with pytest.raises(ValueError):
        _ = docx.Document(io.BytesIO(data)).styles  # the crash the reader used to meet
    [line] = body_lines(docx.Document(io.BytesIO(data))).lines
    assert line.text == "第一部分 概况"
    with pytest.raises(SourceError, match="不是部门决算公开文件"):
        read_bytes(data, "external.docx")


def test_chinese_numbers_past_a_hundred():
    assert chinese_number(110) == "一百一十"  # was an IndexError (tens 11)
    assert [chinese_number(n) for n in (100, 101, 120, 999)] == ["一百", "一百零一", "一百二十", "九百九十九"]
    assert [chinese_number(n) for n in (0, -1, 1000)] == ["0", "-1", "1000"]
    assert [chinese_number(n) for n in (1, 10, 11, 21, 99)] == ["一", "十", "十一", "二十一", "九十九"]


def test_a_narrative_with_110_sections_is_read():
    from juesuan.sources.layout.lines import Line
    from juesuan.sources.layout.narrative import read_narrative

    lines = [Line(n, f"{chinese_number(n)}、标题{n}") for n in range(1, 111)]
    read_narrative(lines)  # numbered one after another: no IndexError


TOO_LONG = "a" * 5000 + ".pdf"


@pytest.mark.parametrize("command", ["check", "parse"])
def test_a_file_name_too_long_for_the_system(run_main, command: str):
    code, said = run_main(command, TOO_LONG)
    assert code == 2
    assert said.startswith("错误：文件名过长，无法打开：aaaa")
    assert said.endswith("…（共 5004 个字符）\n")
    one_line(said.rstrip("\n"))


def test_read_path_names_a_too_long_file():
    from juesuan.sources import read_path

    with pytest.raises(SourceError, match=r"^文件名过长，无法打开："):
        read_path(TOO_LONG)


def test_batch_expansion_keeps_a_too_long_name_for_its_result(tmp_path):
    from juesuan.batch import check_file, expand

    assert [str(path) for path in expand([TOO_LONG, "b" * 5000 + "*.pdf", str(tmp_path)])] == [TOO_LONG]
    assert check_file(TOO_LONG).error


def test_a_broken_workbook_names_no_exception():
    data = with_part(_workbook(), "xl/workbook.xml", "<workbook")
    with pytest.raises(SourceError) as refused:
        read_bytes(data, "broken.xlsx")
    assert str(refused.value).startswith("无法打开 Excel 文件：")
    one_line(str(refused.value))


def _workbook() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def test_a_lone_surrogate_from_a_pdf_font_is_a_replacement_character():
    """A mutated PDF's ToUnicode gave U+DA72: written to stdout it failed after the template
    line (two lines on stderr); the reader now prints � in its place."""
    from juesuan.sources.pdf.chars import _TEXTS, plain

    assert _TEXTS[0xDA72] == "\ufffd"
    assert plain("收入\uda72合计") == "收入\ufffd合计"


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        (
            "--corpus",
            "没有.duckdb",
            "错误：参数 --corpus 的值无效（没有这个文件，或它不是文件：没有.duckdb）；用 --help 查看用法",
        ),
        (
            "--approved-on",
            "2025-13-01",
            "错误：参数 --approved-on 的值无效（应是日期，如 2025-08-01）；用 --help 查看用法",
        ),
    ],
)
def test_a_missing_file_or_a_bad_date_in_an_option_is_said_in_chinese(run_main, option, value, said):
    code, err = run_main("check", str(SAMPLE), option, value)
    assert (code, err.strip()) == (2, said)
