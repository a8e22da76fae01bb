"""Property tests (Hypothesis) on the readers' inner functions where the shape of the input
matters: whatever text, cells or bytes they are given, they answer in their own terms (a value,
None, or a SourceError with a Chinese message), never with another exception."""

from __future__ import annotations

import itertools
import re
import zlib
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.catalogue.tables import table_definitions
from juesuan.model import Figure
from juesuan.sources import SourceError, Unnamed, limits, read_bytes
from juesuan.sources.layout import printed_part
from juesuan.sources.layout.lines import Line, split_lines
from juesuan.sources.layout.narrative import NUMERALS, SECTION, chinese_number, heading, term_of
from juesuan.sources.layout.table_rows import Reading, _code_cells
from juesuan.sources.office import scan_xml
from juesuan.sources.pdf.streams import check_streams, flate_streams, inflated_size

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXCEPTION_NAME = re.compile(r"[A-Z][a-z]+(Error|Exception)\b")

# Text that looks like what the readers meet: digits, separators, signs, Chinese numerals and
# table words, TABs and line ends, with any other character now and then.
PIECES = st.sampled_from(
    [
        *"0123456789,.-− \t\n、（）：%",
        *NUMERALS,
        *["——", "合计", "第二部分", "第三部分", "公开05表", "2010301", "行政运行", "万元", "百", "零"],
    ]
)
# any character a file can hold: a lone surrogate has no UTF-8 form (a PDF's is tested in test_bad_input)
LIKE_TEXT = st.lists(st.one_of(PIECES, st.characters(exclude_categories=("Cs",))), max_size=40).map("".join)
NUMBERISH = st.lists(st.sampled_from([*"0123456789", ",", ".", "-", "−", " "]), max_size=30).map("".join)


@QUICK
@given(st.one_of(NUMBERISH, LIKE_TEXT))
def test_the_number_parser_gives_a_decimal_or_none(text: str):
    figure = Figure.parse(text)
    if figure is not None:
        assert isinstance(figure.value, Decimal)
        assert figure.places == len(figure.plain.partition(".")[2])
        assert Decimal(figure.plain) == figure.value


@QUICK
@given(NUMBERISH)
def test_a_table_cell_is_a_figure_a_problem_or_nothing(text: str):
    reading = Reading(table_definitions()["05"], "万元", [])
    figure = reading.figure(text.strip(), Line(1, text), 0)
    if figure is not None:
        assert sum(char.isdigit() for char in figure.text) <= limits.MAX_NUMBER_DIGITS
        assert not reading.problems
    for problem in reading.problems:
        assert problem.message.startswith("公开05表：")


@QUICK
@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_chinese_numbers_never_fail(value: int):
    printed = chinese_number(value)
    if 0 < value < 1000:
        assert printed and set(printed) <= set(NUMERALS + "百零")
    else:
        assert printed == str(value)


def test_chinese_numbers_are_distinct_from_1_to_999():
    printed = [chinese_number(value) for value in range(1, 1000)]
    assert len(set(printed)) == 999
    # headings are read up to 九十九、 (SECTION knows no 百 or 零)
    assert all(heading(SECTION, f"{number}、标题") == (number, "标题") for number in printed[:99])


@QUICK
@given(LIKE_TEXT)
def test_headings_parts_and_terms_never_fail(text: str):
    assert 0 <= printed_part(text) <= 20
    found = heading(SECTION, text)
    assert found is None or (found[0] and found[1])
    term = term_of(text)
    assert term is None or len(term) == 3


@QUICK
@given(st.lists(st.one_of(LIKE_TEXT, NUMBERISH), min_size=1, max_size=8))
def test_code_cells_never_fail(cells: list[str]):
    for number in ("02", "05", "06"):
        definition = table_definitions()[number]
        found = _code_cells(definition, cells)
        assert found is None or (isinstance(found[0], list) and found[1] in (1, 2))
        for line in definition.lines:
            assert line.holds(cells[0]) in (True, False)


@QUICK
@given(st.lists(LIKE_TEXT, max_size=30).map("\n".join))
def test_the_line_splitter_keeps_every_non_blank_line_in_order(text: str):
    lines = split_lines(text)
    assert [line.text for line in lines] == [raw.strip() for raw in text.splitlines() if raw.strip()]
    assert all(a.no < b.no for a, b in itertools.pairwise(lines))
    assert all(line.text and line.text == line.text.strip() for line in lines)
    for line in lines:
        assert line.cells == [cell.strip() for cell in line.text.split("\t")]


@QUICK
@given(st.lists(LIKE_TEXT, max_size=20).map("\n".join))
def test_the_text_reader_answers_any_text_with_a_disclosure_or_one_chinese_line(text: str):
    try:
        read_bytes(text.encode("utf-8"), "t.txt")
    except SourceError as error:
        message = str(error)
        assert message and "\n" not in message and not EXCEPTION_NAME.search(message)


SPAN_VALUES = st.one_of(
    st.integers(min_value=-5, max_value=3000).map(str),
    st.text(alphabet="0123456789x.- ", max_size=12),
    st.just("9" * 50),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPAN_VALUES, SPAN_VALUES)
def test_docx_spans_give_bounded_rows_or_a_refusal(span: str, before: str):
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from juesuan.sources.docx.lines import TOO_MANY_CELLS, row_cells

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "甲", "乙"
    row = table._tbl.tr_lst[0]
    for parent, tag, value in (
        (row.tc_lst[0].get_or_add_tcPr(), "w:gridSpan", span),
        (row.get_or_add_trPr(), "w:gridBefore", before),
    ):
        element = parent.makeelement(qn(tag), {})
        element.set(qn("w:val"), value)
        parent.append(element)
    try:
        cells = row_cells(row)
    except SourceError as error:
        assert str(error) == TOO_MANY_CELLS
        return
    assert len(cells) <= limits.MAX_ROW_CELLS
    assert [cell for cell in cells if cell] == ["甲", "乙"]


@QUICK
@given(st.binary(max_size=2000))
def test_the_pdf_stream_scanner_takes_any_bytes(data: bytes):
    check_streams(data, "x.pdf")  # anything but a SourceError fails the test
    for start, end, _ in flate_streams(data):
        assert 0 <= start <= end <= len(data)


PDF_LIKE = st.lists(
    st.one_of(
        st.sampled_from([b"stream\n", b"stream\r\n", b"endstream", b"obj", b"<< /Filter /FlateDecode >>"]),
        st.binary(max_size=40),
        st.binary(max_size=3000).map(zlib.compress),
    ),
    max_size=12,
).map(b"".join)


@QUICK
@given(PDF_LIKE)
def test_the_pdf_stream_scanner_takes_any_pdf_like_bytes(data: bytes):
    try:
        check_streams(b"%PDF-1.7\n" + data, "x.pdf")
    except SourceError as error:
        assert "压缩炸弹" in str(error)


@QUICK
@given(st.binary(max_size=5000), st.integers(min_value=1, max_value=10_000))
def test_inflated_size_counts_exactly_up_to_the_bound(content: bytes, most: int):
    packed = zlib.compress(content)
    size = inflated_size(packed, 0, len(packed), most)
    assert size == len(content) if len(content) < most else size >= most
    assert inflated_size(packed, 0, len(packed) // 2, 10**6) <= len(content)  # cut short: as far as it goes


@QUICK
@given(st.binary(max_size=2000))
def test_the_xml_scanner_takes_any_bytes(data: bytes):
    found = scan_xml(data)
    assert found is None or isinstance(found, Unnamed)


@QUICK
@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=5))
def test_the_xml_scanner_refuses_depth_past_the_limit_only(depth: int, siblings: int):
    xml = b"<a>" * depth + b"<b/>" * siblings + b"</a>" * depth
    found = scan_xml(xml or b"<r/>")
    assert (found is not None) == (depth + (1 if siblings else 0) > limits.XML_DEPTH.value)
