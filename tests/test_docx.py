"""Word: the sample rendered as .docx and read back, the document's structure, and bad files."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA

from juesuan.export import tidy_csv
from juesuan.model import Disclosure, Origin
from juesuan.render import render
from juesuan.sources import SourceError
from juesuan.sources.docx import read_docx, relocate

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

PARTS = [
    "第一部分 概况",
    "第二部分 2024年单位决算表",  # the title's word (单位决算公开), never both
    "第三部分 情况说明",
    "第四部分 名词解释",
    "第五部分 附件",
]


@pytest.fixture(scope="module")
def rendered(sample: Disclosure) -> bytes:
    return render(sample, "docx")


@pytest.fixture(scope="module")
def read_back(rendered: bytes):
    return read_docx(rendered, "datong.docx")


@pytest.fixture(scope="module")
def document(rendered: bytes):
    return docx.Document(io.BytesIO(rendered))


def without_origins(value):
    return relocate(value, lambda origin: Origin())


# --- the round trip -------------------------------------------------------------------------------


def test_tidy_cells_equal_the_sample_csv(read_back):
    disclosure, _ = read_back
    assert tidy_csv(disclosure) == (DATA / "datong-2024-cells.csv").read_text(encoding="utf-8")


def test_our_own_document_reads_without_problems(read_back):
    assert read_back[1] == []


def test_every_part_survives(sample: Disclosure, read_back):
    disclosure, _ = read_back
    assert (disclosure.unit, disclosure.year, disclosure.title) == (sample.unit, 2024, sample.title)
    assert disclosure.source_format == "docx"
    ours, theirs = without_origins(sample), without_origins(disclosure)
    assert len(theirs.overview.duties) == 9
    assert theirs.overview == ours.overview
    assert [section.number for section in theirs.narrative] == list("一二三四五六七八九十")
    assert theirs.narrative == ours.narrative
    assert len(theirs.glossary) == 12
    assert theirs.glossary == ours.glossary
    assert theirs.tables == ours.tables


def test_forms_survive_with_every_indicator(sample: Disclosure, read_back):
    forms = without_origins(read_back[0]).forms
    assert len(forms) == 11
    for form, expected in zip(forms, without_origins(sample).forms, strict=True):
        assert form.indicators == expected.indicators, form.project
        assert form == expected, form.project


def test_origins_name_the_place_in_the_word_document(read_back):
    disclosure, _ = read_back
    table = disclosure.table("01")
    assert table.origin.cell and table.origin.cell.startswith("段落")
    assert table.figure("1", "1").origin == Origin(cell="表格1 第4行")
    cells = [figure.origin.cell for t in disclosure.tables for row in t.rows for _, figure in row.cells]
    assert all(re.fullmatch(r"表格\d+ 第\d+行", cell) for cell in cells)
    assert re.fullmatch(r"表格\d+ 第\d+行", disclosure.forms[0].indicators[0].origin.cell)
    assert re.fullmatch(r"段落\d+", disclosure.narrative[0].paragraphs[0].origin.cell)


def test_an_empty_table_says_no_data(sample: Disclosure):
    tables = tuple(replace(t, notes=()) for t in sample.tables if t.number in ("01", "08"))
    disclosure, _ = read_docx(render(replace(sample, tables=tables, forms=()), "docx"), "x.docx")
    assert disclosure.table("08").notes == ("说明：本表无数据",)
    assert disclosure.table("01").notes == ()


# --- the Word document itself ---------------------------------------------------------------------


def test_tables_are_real_word_tables(document):
    assert len(document.tables) == 10 + 11
    first = document.tables[0]
    assert [cell.text for cell in first.rows[3].cells] == [
        "一、一般公共预算财政拨款收入", "1", "1126.92", "一、一般公共服务支出", "32", "1066.43"
    ]  # fmt: skip
    assert first.rows[0].cells[0].text == "收入" and first.rows[0].cells[2].text == "收入"  # a span


def test_heading_rows_repeat_and_rows_do_not_split(document):
    for table in document.tables[:10]:
        rows = table._tbl.tr_lst
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)


def test_merged_cells_are_spans_and_figures_are_right_aligned(document):
    spans = document.tables[8]._tbl.xpath(".//w:gridSpan | .//w:vMerge")  # 公开09表's heading
    assert len(spans) > 10
    figure = document.tables[1].rows[3].cells[2]  # 公开02表 合计, 本年收入合计
    assert figure.text == "1126.93"
    assert figure.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def test_headings_use_heading_styles(document):
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"] == PARTS
    assert "收入支出决算总表" in by_style["Heading 2"]
    assert "一、收入支出决算总体情况说明" in by_style["Heading 2"]
    assert "（一）一般公共预算财政拨款支出决算总体情况" in by_style["Heading 3"]


def test_fonts_are_set_for_chinese_text(document):
    def east_asian(name: str) -> str | None:
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsiaTheme")) is None
        return fonts.get(qn("w:eastAsia"))

    assert east_asian("Normal") == "宋体"
    assert east_asian("Heading 1") == east_asian("Heading 2") == east_asian("Heading 3") == "黑体"


def test_a4_pages_landscape_tables_page_numbers_and_contents(document):
    sections = document.sections
    assert {(round(s.page_width.mm), round(s.page_height.mm)) for s in sections} == {(210, 297), (297, 210)}
    assert (round(sections[2].page_width.mm), len(sections)) == (297, 5)  # 第二部分 in landscape
    assert "PAGE" in "".join(sections[1].footer._element.itertext())
    instructions = document.element.body.xpath(".//w:instrText")
    assert any("TOC" in instruction.text for instruction in instructions)


# --- other documents and bad input ----------------------------------------------------------------


def office_document() -> bytes:
    """A small disclosure typed in Word: plain paragraphs, a table merged with Word's own merge,
    a table of contents styled as Chinese Word does (style id "10", name "toc 1")."""
    document = docx.Document()
    contents = document.styles.add_style("toc 1", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    contents.style_id = "10"
    for text in ("第三部分 情况说明", "一、收入支出决算总体情况说明"):
        document.add_paragraph(text, contents)
    for text in ("某某单位", "2024年度部门决算公开", "第二部分 2024年度部门决算表", "收入决算表", "公开02表"):
        document.add_paragraph(text)
    document.add_paragraph("部门名称：某某单位\t2024年度\t金额单位：万元")
    table = document.add_table(rows=5, cols=4)
    rows = [
        ["项目", "", "本年收入合计", "财政拨款收入"],
        ["科目代码", "科目名称", "", ""],
        ["栏次", "", "1", "2"],
        ["合计", "", "10.00", "10.00"],
        ["201", "一般公共服务支出", "10.00", "10.00"],
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    for r, c, r2, c2 in ((0, 0, 0, 1), (2, 0, 2, 1), (3, 0, 3, 1), (0, 2, 1, 2)):
        table.cell(r, c).merge(table.cell(r2, c2))
    document.add_paragraph("第三部分 情况说明")
    document.add_paragraph("一、收入支出决算总体情况说明")
    document.add_paragraph("2024年度收入总计10.00万元。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_document_typed_in_word_is_read():
    disclosure, problems = read_docx(office_document(), "office.docx")
    assert (disclosure.unit, disclosure.year) == ("某某单位", 2024)
    table = disclosure.table("02")
    assert [(row.key, [(k, f.text) for k, f in row.cells]) for row in table.rows] == [
        ("合计", [("1", "10.00"), ("2", "10.00")]),
        ("201", [("1", "10.00"), ("2", "10.00")]),
    ]
    assert table.unit_name == "某某单位"
    assert [(section.number, section.title) for section in disclosure.narrative] == [
        ("一", "收入支出决算总体情况说明")
    ]
    assert disclosure.narrative[0].paragraphs[0].text == "2024年度收入总计10.00万元。"
    assert problems == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_our_document_saved_again_by_libreoffice_reads_the_same(rendered: bytes, tmp_path: Path):
    """LibreOffice rewrites everything (styles, a TOC content control, its own table XML)."""
    source = tmp_path / "ours.docx"
    source.write_bytes(rendered)
    command = ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"]
    subprocess.run([*command, str(tmp_path / "out"), str(source)], capture_output=True, timeout=120)
    disclosure, problems = read_docx((tmp_path / "out" / "ours.docx").read_bytes(), "resaved.docx")
    assert tidy_csv(disclosure) == (DATA / "datong-2024-cells.csv").read_text(encoding="utf-8")
    assert len(disclosure.narrative) == 10 and len(disclosure.forms) == 11
    assert problems == []


def empty_word_file() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"PK\x03\x04 not really a zip", "无法打开 Word 文件"),
        (bytes(range(256)), "无法打开 Word 文件"),
        (empty_word_file(), "不是部门决算公开文件"),
    ],
)
def test_bad_input_gives_one_chinese_source_error(data: bytes, message: str):
    with pytest.raises(SourceError, match=message):
        read_docx(data, "bad.docx")


def test_read_bytes_dispatches_word_files(rendered: bytes):
    from juesuan.sources import read_bytes

    disclosure, _ = read_bytes(rendered, "datong.docx")
    assert disclosure.source_format == "docx"
    assert tidy_csv(disclosure) == (DATA / "datong-2024-cells.csv").read_text(encoding="utf-8")


def test_python_docx_is_not_imported_by_the_packages():
    code = "import sys, juesuan.render, juesuan.sources; print('docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
