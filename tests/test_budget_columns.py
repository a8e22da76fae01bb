"""A 预算 table's figures go under the columns its printed headings name, not under the template's
columns counted from the left: a 一般公共预算支出表 printing 合计 基本支出 项目支出 is read so under
budget-generic, whose 预算05 begins with the central format's 上年执行数. A printed column no template
column is named by, and header rows that cannot be aligned over the figures, are reading warnings
(无法核对), never a figure under another column. 决算 tables are read by position as before
(tests/test_text_tables.py, tests/test_check_sample.py)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from real_documents import REAL

from juesuan.model import tidy_cells
from juesuan.sources import SourceError, read_bytes

DATONG = """大同市政务服务中心2024年部门预算

第一部分 单位概况

一、主要职能

负责政务服务。

第二部分 2024年部门预算表

一般公共预算支出表

单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t770.18\t500.00\t270.18
201\t一般公共服务支出\t711.37\t461.37\t250.00
208\t社会保障和就业支出\t26.93\t20.00\t6.93
"""

DATONG_CELLS = [
    ("预算05", "合计", "合计", "770.18"),
    ("预算05", "合计", "基本支出", "500.00"),
    ("预算05", "合计", "项目支出", "270.18"),
    ("预算05", "201", "合计", "711.37"),
    ("预算05", "201", "基本支出", "461.37"),
    ("预算05", "201", "项目支出", "250.00"),
    ("预算05", "208", "合计", "26.93"),
    ("预算05", "208", "基本支出", "20.00"),
    ("预算05", "208", "项目支出", "6.93"),
]


def read(text: str):
    return read_bytes(text.encode(), "预算.txt")


def cells(disclosure) -> list[tuple[str, str, str, str]]:
    return [(cell.table, cell.row, cell.col, cell.value) for cell in tidy_cells(disclosure)]


def warnings(problems) -> list[str]:
    return [problem.message for problem in problems]


def test_columns_are_placed_by_their_printed_headings():
    disclosure, problems = read(DATONG)
    assert disclosure.kind == "预算"
    assert disclosure.template == "budget-generic"
    assert cells(disclosure) == DATONG_CELLS
    assert warnings(problems) == []


def test_a_total_printed_with_an_empty_first_cell_is_read_the_same():
    disclosure, problems = read(DATONG.replace("合计\t\t770.18", "\t合计\t770.18"))
    assert cells(disclosure) == DATONG_CELLS
    assert warnings(problems) == []


def test_headings_printed_in_another_order_are_followed():
    text = DATONG.replace("合计\t基本支出\t项目支出", "项目支出\t基本支出\t小计")
    disclosure, _ = read(text)
    swapped = {"合计": "项目支出", "项目支出": "合计", "基本支出": "基本支出"}
    assert cells(disclosure) == [(table, row, swapped[col], value) for table, row, col, value in DATONG_CELLS]


def test_a_column_the_template_does_not_have_is_not_read_and_said_once():
    disclosure, problems = read(DATONG.replace("基本支出\t项目支出\n", "基本支出\t其他支出\n"))
    assert cells(disclosure) == [cell for cell in DATONG_CELLS if cell[2] != "项目支出"]
    assert warnings(problems) == ["预算05表：印出的栏目“其他支出”不是模板中的栏目，该栏数值未读取，无法核对"]


def test_header_rows_that_cannot_be_aligned_leave_the_figures_unread():
    text = DATONG.replace(
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "科目编码\t科目名称\t本年预算\n小计\t基本支出\t项目支出",
    )
    disclosure, problems = read(text)
    assert cells(disclosure) == []
    assert warnings(problems) == [
        "预算05表：表头“小计 | 基本支出 | 项目支出”无法与各栏数值对齐，数值未读取，无法核对"
    ]


def test_without_printed_headings_the_columns_are_taken_in_order():
    disclosure, problems = read(DATONG.replace("科目编码\t科目名称\t合计\t基本支出\t项目支出\n", ""))
    assert cells(disclosure)[:3] == [
        ("预算05", "合计", "上年执行数", "770.18"),
        ("预算05", "合计", "上年执行数（扣除中央基建投资）", "500.00"),
        ("预算05", "合计", "合计", "270.18"),
    ]
    assert warnings(problems) == []


def test_a_worksheet_keeps_its_header_rows_aligned_and_is_read_by_them():
    """A worksheet keeps each cell in its column, so a heading over two rows (本年预算 | 小计) is read
    as one: 上年执行数, then the year's 合计 基本支出 项目支出."""
    book = Workbook()
    sheet = book.active
    sheet.title = "一般公共预算支出表"
    for row in [
        ["大同市政务服务中心2024年部门预算"],
        ["一般公共预算支出表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "上年执行数", "本年预算", None, None],
        [None, None, None, "小计", "基本支出", "项目支出"],
        ["合计", None, "900.00", "770.18", "500.00", "270.18"],
        ["201", "一般公共服务支出", "800.00", "711.37", "461.37", "250.00"],
    ]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    disclosure, problems = read_bytes(buffer.getvalue(), "预算.xlsx")
    assert cells(disclosure) == [
        ("预算05", "合计", "上年执行数", "900.00"),
        ("预算05", "合计", "合计", "770.18"),
        ("预算05", "合计", "基本支出", "500.00"),
        ("预算05", "合计", "项目支出", "270.18"),
        ("预算05", "201", "上年执行数", "800.00"),
        ("预算05", "201", "合计", "711.37"),
        ("预算05", "201", "基本支出", "461.37"),
        ("预算05", "201", "项目支出", "250.00"),
    ]
    assert warnings(problems) == []


BUDGET_PDF = REAL / "budget" / "wuxi-2026-068.pdf"  # its cover alone: 2026 年度 …（本级） 单位预算公开


@pytest.mark.skipif(not BUDGET_PDF.is_file(), reason=f"真实样本不存在：{BUDGET_PDF}")
def test_a_budget_pdf_without_tables_is_refused_as_a_budget():
    import pypdfium2

    cover = pypdfium2.PdfDocument.new()
    cover.import_pages(pypdfium2.PdfDocument(BUDGET_PDF), [0])
    data = io.BytesIO()
    cover.save(data)
    with pytest.raises(SourceError) as refused:
        read_bytes(data.getvalue(), "cover.pdf")
    assert str(refused.value) == "不是部门预算公开文件（PDF 中找不到预算表或“第三部分”情况说明）：cover.pdf"
