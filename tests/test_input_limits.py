"""The input limits (`juesuan.sources.limits`): each limit refuses the smallest input over it with
its own one-line Chinese message naming the file, and an input at the limit still reads. Limits
too large to reach in a quick test are lowered with monkeypatch; the failures a fuzz run found
(issue 11) are reproduced at full size where that is cheap: a flate-bomb PDF, billion laughs in
a .docx and an .xlsx, 5,000-deep XML, a million-row text, a very long line."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.sources import SourceError, limits, office_kind, read_bytes
from juesuan.sources.layout.lines import Line, split_lines
from juesuan.sources.office import MAX_XML_DEPTH, check_office, scan_xml
from juesuan.sources.pdf.streams import MAX_STREAM_BYTES, check_streams, flate_streams, inflated_size

SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"
EXCEPTION_NAME = re.compile(r"[A-Z][a-z]+(Error|Exception|File)\b|Traceback")


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(SourceError) as refused:
        read_bytes(data, name)
    message = str(refused.value)
    assert message and "\n" not in message and not EXCEPTION_NAME.search(message), message
    assert message.endswith(f"：{name}"), message
    return message


# --- PDF ---------------------------------------------------------------------------------------


def pdf(content: bytes, flate: bool = False) -> bytes:
    """A one-page PDF with this content stream (Helvetica as /F1), its cross-references right."""
    stream = zlib.compress(content) if flate else content
    filters = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_page(chars: int) -> bytes:
    """A content stream printing `chars` characters on one line, in strings of at most 1,000
    (pdfium cuts a longer string; it adds no line ends nor spaces between them)."""
    shown = b"".join(b"(%s) Tj " % (b"x" * min(1000, chars - at)) for at in range(0, chars, 1000))
    return b"BT /F1 1 Tf 10 800 Td " + shown + b"ET"


def test_a_flate_bomb_pdf_is_refused_before_pdfium():
    bomb = pdf(b"\0" * (MAX_STREAM_BYTES + 1), flate=True)
    assert len(bomb) < 100_000  # 64 MB of zeros pack into about 64 KB
    message = refusal(bomb, "bomb.pdf")
    assert message == (
        "PDF 中有一个压缩数据流解压后超过 64 MB，疑似恶意文件（压缩炸弹），拒绝读取；请检查文件来源：bomb.pdf"
    )


def test_a_stream_at_the_limit_passes(monkeypatch):
    monkeypatch.setattr("juesuan.sources.pdf.streams.MAX_STREAM_BYTES", 1000)
    check_streams(pdf(b"\0" * 1000, flate=True), "at.pdf")
    with pytest.raises(SourceError, match=r"解压后超过 0 MB.*：over\.pdf$"):
        check_streams(pdf(b"\0" * 1001, flate=True), "over.pdf")


def test_streams_together_past_the_total_are_refused(monkeypatch):
    monkeypatch.setattr("juesuan.sources.pdf.streams.MAX_STREAMS_TOTAL", 3 * 1024 * 1024)
    one = pdf(b"\0" * (2 * 1024 * 1024), flate=True)
    check_streams(one, "one.pdf")
    two = one + one[one.index(b"4 0 obj") :]  # the same stream again, as an incremental update would
    with pytest.raises(SourceError) as refused:
        check_streams(two, "two.pdf")
    assert str(refused.value) == (
        "PDF 的压缩数据流解压后合计超过 3 MB，疑似恶意文件（压缩炸弹），拒绝读取；请检查文件来源：two.pdf"
    )


def test_the_scanner_finds_flate_streams_only_and_counts_them_exactly():
    plain = pdf(b"BT ET")
    assert flate_streams(plain) == []
    packed = pdf(b"BT /F1 12 Tf (hello) Tj ET", flate=True)
    [(start, end, ascii_filter)] = flate_streams(packed)
    assert ascii_filter == b""
    assert inflated_size(packed, start, end, 10**6) == len(b"BT /F1 12 Tf (hello) Tj ET")
    assert inflated_size(b"not zlib at all", 0, 15, 100) == 0


def test_an_ascii85_wrapped_flate_bomb_is_seen_through(monkeypatch):
    import base64

    monkeypatch.setattr("juesuan.sources.pdf.streams.MAX_STREAM_BYTES", 10_000)
    wrapped = base64.a85encode(zlib.compress(b"\0" * 10_001)) + b"~>"
    data = (
        b"%PDF-1.7\n4 0 obj\n<< /Length 9 /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n"
        + wrapped
        + b"\nendstream\nendobj\n"
    )
    with pytest.raises(SourceError, match="压缩炸弹"):
        check_streams(data, "wrapped.pdf")


def test_a_page_with_too_many_characters_is_refused(monkeypatch):
    monkeypatch.setattr("juesuan.sources.pdf.chars.MAX_PAGE_CHARS", 500)
    message = refusal(pdf(text_page(501)), "dense.pdf")
    assert message == (
        "PDF 第1页的字符超过 500 个，不像决算公开的页面，拒绝读取；请检查文件是否完整：dense.pdf"
    )
    at_limit = refusal(pdf(text_page(500)), "full.pdf")  # read, then found to be no disclosure
    assert "字符超过" not in at_limit and "不是部门决算公开文件" in at_limit


def test_the_page_limit_holds_at_full_size():
    """50,000 characters on one page, as pdfium counts them."""
    from juesuan.sources.pdf.chars import MAX_PAGE_CHARS

    assert MAX_PAGE_CHARS == 50_000
    message = refusal(pdf(text_page(MAX_PAGE_CHARS + 1)), "dense.pdf")
    assert message.startswith("PDF 第1页的字符超过 50000 个")


# --- Office: zip and XML ----------------------------------------------------------------------


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def office(kind: str, part: str | None = None, xml: bytes = b"") -> bytes:
    """A real .docx or .xlsx (python-docx / openpyxl), with one part replaced when asked."""
    out = io.BytesIO()
    if kind == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph("第一部分 概况")
        document.save(out)
    else:
        from openpyxl import Workbook

        Workbook().save(out)
    data = out.getvalue()
    if part is None:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    return zipped({**parts, part: xml})


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>"
)
DOCTYPE_MESSAGE = (
    "文件中的 XML 含有文档类型或实体声明（DOCTYPE/ENTITY），Office 文件从不含有，疑似恶意文件，拒绝读取"
)


@pytest.mark.parametrize(
    ("kind", "part"), [("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml"), ("xlsx", "xl/styles.xml")]
)
def test_billion_laughs_are_refused(kind: str, part: str):
    name = f"laughs.{kind}"
    assert refusal(office(kind, part, LAUGHS), name) == f"{DOCTYPE_MESSAGE}：{name}"


def test_a_bare_doctype_is_refused_too():
    assert scan_xml(b'<?xml version="1.0"?><!DOCTYPE w><w/>') is not None
    assert scan_xml(b"<w><x/></w>") is None


def deep(levels: int) -> bytes:
    return b"<a>" * levels + b"</a>" * levels


@pytest.mark.parametrize(("kind", "part"), [("docx", "word/document.xml"), ("xlsx", "xl/sharedStrings.xml")])
def test_5000_deep_xml_is_refused(kind: str, part: str):
    name = f"deep.{kind}"
    message = refusal(office(kind, part, deep(5000)), name)
    assert message == (
        f"文件中的 XML 嵌套超过 100 层，文件可能已损坏或被篡改，拒绝读取；请用 Word 或 Excel 重新保存：{name}"
    )


def test_xml_depth_at_the_limit_passes():
    assert MAX_XML_DEPTH == 100
    assert scan_xml(deep(MAX_XML_DEPTH)) is None
    assert "嵌套超过 100 层" in str(scan_xml(deep(MAX_XML_DEPTH + 1)))


def test_too_many_xml_elements_are_refused(monkeypatch):
    monkeypatch.setattr("juesuan.sources.office.MAX_XML_ELEMENTS", 1000)
    assert scan_xml(b"<a>" + b"<b/>" * 999 + b"</a>") is None
    refused = scan_xml(b"<a>" + b"<b/>" * 1000 + b"</a>")
    assert str(refused) == (
        "文件中的 XML 元素超过 1000 个，远超决算公开文件的规模，拒绝读取；请只保留决算公开的内容"
    )


def test_elements_are_counted_over_all_parts_of_a_file(monkeypatch):
    data = office("xlsx")
    check_office(data, "fine.xlsx")
    monkeypatch.setattr("juesuan.sources.office.MAX_XML_ELEMENTS", 50)  # each part has fewer
    with pytest.raises(SourceError, match=r"XML 元素超过 50 个.*：many\.xlsx$"):
        check_office(data, "many.xlsx")


def test_badly_formed_xml_is_left_to_the_reader():
    assert scan_xml(b"<a><b></a>") is None
    assert scan_xml(b"") is None
    message = refusal(office("xlsx", "xl/workbook.xml", b"<workbook"), "broken.xlsx")
    assert message.startswith("无法打开 Excel 文件：")


def test_a_real_workbook_and_document_pass_the_scan(tmp_path: Path):
    for kind in ("docx", "xlsx"):
        check_office(office(kind), f"fine.{kind}")


def test_zip_size_and_ratio_are_refused_apart(monkeypatch):
    parts = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * (4 * 1024 * 1024)}
    bomb = zipped(parts)
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        infos = archive.infolist()
    ratio = sum(i.file_size for i in infos) // sum(i.compress_size for i in infos)
    assert refusal(bomb, "ratio.xlsx") == (
        f"压缩包的压缩比过高（{ratio} 倍，上限为 100 倍），疑似恶意文件，拒绝读取；请检查文件来源：ratio.xlsx"
    )
    monkeypatch.setattr("juesuan.sources.MAX_UNZIPPED_BYTES", 3 * 1024 * 1024)
    assert refusal(bomb, "big.xlsx") == (
        "压缩包解压后达 4 MB，超过上限 3 MB，疑似恶意文件，拒绝读取；请检查文件来源：big.xlsx"
    )


def test_a_zip_just_under_the_ratio_floor_is_read():
    small = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * (1024 * 1024 - 100)})
    assert office_kind(small, "small.xlsx") == "xlsx"


def test_too_many_parts_are_refused():
    limit = limits.OFFICE_PARTS.value
    parts = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    at_limit = zipped({**parts, **{f"x/{n}": b"" for n in range(limit - 2)}})
    assert office_kind(at_limit, "at.xlsx") == "xlsx"
    over = zipped({**parts, **{f"x/{n}": b"" for n in range(limit - 1)}})
    assert refusal(over, "parts.xlsx") == (
        f"Office 文件内有 {limit + 1} 个部件，超过上限 {limit}，文件可能已损坏或被篡改；"
        "请用 Word 或 Excel 重新保存：parts.xlsx"
    )


# --- layout text -------------------------------------------------------------------------------


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_a_million_table_rows_are_refused_at_once():
    import time

    data = "2010301\t行政运行\t1.00\t1.00\n".encode() * 1_000_000
    started = time.perf_counter()
    assert refusal(data, "rows.txt") == (
        "文本有 1000000 行，超过上限 100000 行，不像一份决算公开文件；请只提交一个单位的决算公开：rows.txt"
    )
    assert time.perf_counter() - started < 5  # was past 60 s


def test_lines_at_the_limit_still_read():
    text = sample_text()
    lines = text.splitlines()
    padded = "\n".join(lines + [""] * (limits.MAX_TEXT_LINES - len(lines)))
    disclosure, _ = read_bytes(padded.encode(), "padded.txt")
    assert len(disclosure.tables) == 10
    assert "超过上限 100000 行" in refusal((padded + "\n\n").encode(), "over.txt")


def test_a_very_long_line_is_refused():
    lines = sample_text().splitlines()
    long = "\n".join([*lines[:5], "很" * (limits.MAX_LINE_CHARS + 1), *lines[5:]])
    assert refusal(long.encode(), "long.txt") == (
        "文本第6行超过 20000 个字符，不像决算公开的内容，拒绝读取；请检查文件是否完整：long.txt"
    )
    at_limit = "\n".join([*lines[:5], "很" * limits.MAX_LINE_CHARS, *lines[5:]])
    disclosure, _ = read_bytes(at_limit.encode(), "at.txt")
    assert len(disclosure.tables) == 10


def test_a_very_long_paragraph_in_word_is_refused():
    import docx

    document = docx.Document()
    document.add_paragraph("第一部分 概况")
    document.add_paragraph("很" * (limits.MAX_LINE_CHARS + 1))
    out = io.BytesIO()
    document.save(out)
    assert refusal(out.getvalue(), "long.docx") == (
        "Word 文件段落2超过 20000 个字符，不像决算公开的内容，拒绝读取；请检查文件是否完整：long.docx"
    )


def table_reading():
    """公开05表 (一般公共预算财政拨款支出决算表), read by 科目代码."""
    from juesuan.catalogue.tables import table_definitions
    from juesuan.sources.layout.table_rows import Reading

    definition = table_definitions()["05"]
    assert definition.rows == "code"
    return Reading(definition, "万元", [])


def test_table_rows_past_the_limit_are_refused():
    from juesuan.sources import Unnamed
    from juesuan.sources.layout.tables import table_rows

    reading = table_reading()
    row = "2010301\t行政运行\t1.00\t1.00\t0"
    numbers = range(1, limits.MAX_TABLE_ROWS + 1)
    body = [Line(n, row.replace("2010301", f"{2010000 + n:07d}")) for n in numbers]
    assert len(table_rows(reading, body)) == limits.MAX_TABLE_ROWS
    with pytest.raises(Unnamed) as refused:
        table_rows(table_reading(), [*body, Line(len(body) + 1, row)])
    assert str(refused.value) == (
        "公开05表有 5001 行，超过上限 5000 行，不像决算公开表，拒绝读取；请检查表格是否重复或粘贴错误"
    )


def test_table_cells_past_the_limit_are_refused():
    from juesuan.sources import Unnamed
    from juesuan.sources.layout.tables import table_rows

    reading = table_reading()
    at_limit = Line(1, "\t".join(["2010301", "行政运行", *["1.00"] * (limits.MAX_TABLE_CELLS - 2)]))
    table_rows(reading, [at_limit])
    with pytest.raises(Unnamed) as refused:
        table_rows(reading, [Line(1, at_limit.text + "\t1.00")])
    assert str(refused.value) == (
        "公开05表中有一行含 201 个单元格，超过上限 200，不像决算公开表，拒绝读取；请检查文件是否完整"
    )


def test_a_table_too_long_is_refused_through_the_text_reader(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 20)
    message = refusal(sample_text().encode(), "sample.txt")
    assert re.fullmatch(r"公开\d\d表有 \d+ 行，超过上限 20 行，.*：sample\.txt", message), message


def test_a_figure_of_too_many_digits_is_a_problem_not_an_amount():
    reading = table_reading()
    line = Line(7, "x")
    assert reading.figure("1" * 20, line, 0).value == Decimal("1" * 20)
    assert reading.figure("1" * 21, line, 0) is None
    [problem] = reading.problems
    assert problem.message.endswith(f"“{'1' * 21}”有 21 位数字，超过上限 20 位，不是金额，未读取")
    assert reading.figure("9" * 5000, line, 0) is None  # the fuzz run's 5,000 digits
    assert "“" + "9" * 30 + "…”有 5000 位数字" in reading.problems[-1].message


def test_split_lines_counts_every_line():
    assert [line.text for line in split_lines("a\n\n b \r\nc")] == ["a", "b", "c"]
    assert [line.no for line in split_lines("a\n\n b \r\nc")] == [1, 3, 4]


# --- every refusal: one Chinese line --------------------------------------------------------------


def test_every_limit_message_is_one_chinese_line_with_what_to_do():
    for name in dir(limits):
        limit = getattr(limits, name)
        if not isinstance(limit, limits.Limit):
            continue
        said = limit.said(1, text="x", where="文本第1行", table="公开01表", sheet="表")
        assert said and "\n" not in said and not EXCEPTION_NAME.search(said), name
        assert re.search(r"[\u4e00-\u9fff]", said), name
        assert limit.value >= 0
