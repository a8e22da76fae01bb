"""中共上海市普陀区委社会工作部 2024 年度部门决算 (shanghai-putuo-shehuigongzuobu-2024.pdf, 24 pages) as the
reader reads it: the template, the filled cells of every table, and spot values each checked by hand
against the printed page (`pdftotext -layout -f N -l N`, the page rendered where in doubt).

The Shanghai template prints no 行次: 01/04 rows are found by label, keyed by the national 行次 the
label stands for, and keep no `line_no` (none is printed). This document's 01/04 print the
债务还本支出 and 债务付息支出 lines that the 规划和自然资源局 document leaves out.
"""

from __future__ import annotations

import pytest
from real_documents import REAL, Spot, check_spot, filled_cells, needs_real, spot_id

from juesuan.model import Disclosure
from juesuan.sources import read_path

PDF = REAL / "shanghai-putuo-shehuigongzuobu-2024.pdf"

pytestmark = needs_real


@pytest.fixture(scope="module")
def disclosure() -> Disclosure:
    return read_path(PDF)[0]


def test_the_shanghai_template_is_detected(disclosure):
    assert disclosure.template == "shanghai-2024"


# Nine tables in printed order; 09 (page 14), 07 (page 15) and 08 (page 16) print 本表无数据.
FILLED = {"01": 9, "02": 36, "03": 39, "04": 15, "05": 39, "06": 67, "09": 0, "07": 0, "08": 0}


def test_filled_cells_per_table(disclosure):
    assert filled_cells(disclosure) == FILLED
    assert all(disclosure.table(number).says_no_data for number in ("09", "07", "08"))


SPOTS = [
    # 收入支出决算总表 (01), page 5
    Spot(5, "01", "1", "1", "307.82", "一、一般公共预算财政拨款收入", "1"),
    Spot(5, "01", "31", "1", "307.82", "总计", "31"),
    Spot(5, "01", "29", "1", None, "年初结转和结余", "29"),
    Spot(5, "01", "32", "2", "264.87", "一、一般公共服务支出", "32"),
    Spot(5, "01", "40", "2", "2.71", "九、卫生健康支出", "40"),
    Spot(5, "01", "50", "2", "29.42", "十九、住房保障支出", "50"),
    Spot(5, "01", "56", "2", None, "二十五、债务付息支出", "56"),
    Spot(5, "01", "62", "2", "307.82", "总计", "62"),
    # 收入决算表 (02), pages 6-7
    Spot(6, "02", "2013950", "1", "11.31", "事业运行"),
    Spot(6, "02", "2080505", "2", "6.18", "机关事业单位基本养老保险缴费支出"),
    Spot(7, "02", "2101102", "1", "0.49", "事业单位医疗"),
    Spot(7, "02", "2210201", "2", "17.70", "住房公积金"),
    # 支出决算表 (03), pages 8-9
    Spot(8, "03", "合计", "2", "105.58", "合计"),
    Spot(8, "03", "2013999", "3", "202.24", "其他社会工作事务支出"),
    Spot(8, "03", "2013999", "2", None, "其他社会工作事务支出"),
    Spot(8, "03", "2013901", "3", None, "行政运行"),
    Spot(9, "03", "2210203", "2", "11.72", "购房补贴"),
    # 财政拨款收入支出决算总表 (04), pages 10-11
    Spot(10, "04", "33", "3", "264.87", "一、一般公共服务支出", "33"),
    Spot(10, "04", "41", "2", "2.71", "九、卫生健康支出", "41"),
    Spot(11, "04", "51", "2", "29.42", "十九、住房保障支出", "51"),
    Spot(11, "04", "57", "2", None, "二十五、债务付息支出", "57"),
    Spot(11, "04", "27", "1", "307.82", "本年收入合计", "27"),
    Spot(11, "04", "32", "1", "307.82", "总计", "32"),
    Spot(11, "04", "64", "3", "307.82", "总计", "64"),
    # 一般公共预算财政拨款支出决算表 (05), page 12; 合计 printed last
    Spot(12, "05", "201", "3", "202.24", "一般公共服务支出"),
    Spot(12, "05", "2080506", "2", "4.64", "机关事业单位职业年金缴费支出"),
    Spot(12, "05", "2101101", "1", "2.22", "行政单位医疗"),
    Spot(12, "05", "合计", "1", "307.82", "合计"),
    # 一般公共预算财政拨款基本支出决算表 (06), page 13
    Spot(13, "06", "30102", "决算数", "39.72", "津贴补贴"),
    Spot(13, "06", "30112", "决算数", "0.09", "其他社会保障缴费"),
    Spot(13, "06", "30239", "决算数", "2.43", "其他交通费用"),
    Spot(13, "06", "31007", "决算数", "0.00", "信息网络及软件购置更新"),
    Spot(13, "06", "人员经费合计", "决算数", "95.36", "人员经费合计"),
    Spot(13, "06", "公用经费合计", "决算数", "10.23", "公用经费合计"),
]


@pytest.mark.parametrize("spot", SPOTS, ids=spot_id)
def test_spot_value(disclosure, spot):
    check_spot(disclosure, spot, line_numbers_printed=False)
