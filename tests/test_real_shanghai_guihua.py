"""上海市普陀区规划和自然资源局 2024 年度部门决算 (shanghai-putuo-guihuaziyuan-2024.pdf, 30 pages) as the
reader reads it: the template, the filled cells of every table, and spot values each checked by hand
against the printed page (`pdftotext -layout -f N -l N`, the page rendered where in doubt).

The Shanghai template prints no 行次: 01/04 rows are found by label, keyed by the national 行次 the
label stands for, and keep no `line_no` (none is printed).
"""

from __future__ import annotations

import pytest
from real_documents import REAL, Spot, check_spot, filled_cells, needs_real, spot_id

from juesuan.model import Disclosure
from juesuan.sources import read_path

PDF = REAL / "shanghai-putuo-guihuaziyuan-2024.pdf"

pytestmark = needs_real


@pytest.fixture(scope="module")
def disclosure() -> Disclosure:
    return read_path(PDF)[0]


def test_the_shanghai_template_is_detected(disclosure):
    assert disclosure.template == "shanghai-2024"


# Nine tables in printed order (09 printed before 07 and 08); 07 and 08 print 本表无数据.
FILLED = {"01": 12, "02": 50, "03": 75, "04": 17, "05": 75, "06": 67, "09": 12, "07": 0, "08": 0}


def test_filled_cells_per_table(disclosure):
    assert filled_cells(disclosure) == FILLED
    assert disclosure.table("07").says_no_data and disclosure.table("08").says_no_data


SPOTS = [
    # 收入支出决算总表 (01), page 7
    Spot(7, "01", "1", "1", "9746.50", "一、一般公共预算财政拨款收入", "1"),
    Spot(7, "01", "29", "1", "112.88", "年初结转和结余", "29"),
    Spot(7, "01", "31", "1", "9859.38", "总计", "31"),
    Spot(7, "01", "42", "2", "3845.25", "十一、城乡社区支出", "42"),
    Spot(7, "01", "49", "2", "4461.67", "十八、自然资源海洋气象等支出", "49"),
    Spot(7, "01", "58", "2", "9759.38", "本年支出合计", "58"),
    Spot(7, "01", "60", "2", "100.00", "年末结转和结余", "60"),
    Spot(7, "01", "57", "2", None, "二十四、抗疫特别国债安排的支出", "57"),
    # 收入决算表 (02), pages 8-9; names wrapped onto two lines
    Spot(8, "02", "2080501", "1", "54.53", "行政单位离退休"),
    Spot(8, "02", "2080505", "2", "446.11", "机关事业单位基本养老保险缴费支出"),
    Spot(9, "02", "2200150", "1", "4416.67", "事业运行"),
    Spot(9, "02", "2210203", "2", "171.49", "购房补贴"),
    # 支出决算表 (03), pages 10-11
    Spot(10, "03", "合计", "2", "5377.64", "合计"),
    Spot(11, "03", "2120101", "3", "8.77", "行政运行"),
    Spot(11, "03", "2200199", "2", "0.00", "其他自然资源事务支出"),
    Spot(11, "03", "212", "1", "3845.24", "城乡社区支出"),
    # 财政拨款收入支出决算总表 (04), pages 12-13 (the right side runs on to page 13)
    Spot(12, "04", "1", "1", "9746.50", "一、一般公共预算财政拨款", "1"),
    Spot(12, "04", "43", "3", "3832.36", "十一、城乡社区支出", "43"),
    Spot(13, "04", "50", "2", "4461.67", "十八、自然资源海洋气象等支出", "50"),
    Spot(13, "04", "27", "1", "9746.50", "本年收入合计", "27"),
    Spot(13, "04", "59", "3", "9746.50", "本年支出合计", "59"),
    Spot(13, "04", "64", "2", "9746.50", "总计", "64"),
    # 一般公共预算财政拨款支出决算表 (05), pages 14-15; 合计 printed last
    Spot(14, "05", "21201", "2", "1084.02", "城乡社区管理事务"),
    Spot(14, "05", "2200150", "3", "2077.09", "事业运行"),
    Spot(15, "05", "2210203", "1", "171.49", "购房补贴"),
    Spot(15, "05", "合计", "2", "5364.75", "合计"),
    # 一般公共预算财政拨款基本支出决算表 (06), page 16
    Spot(16, "06", "30107", "决算数", "1594.02", "绩效工资"),
    Spot(16, "06", "30108", "决算数", "446.11", "机关事业单位基本养老保险缴费"),
    Spot(16, "06", "30229", "决算数", "73.19", "福利费"),
    Spot(16, "06", "31002", "决算数", "39.76", "办公设备购置"),
    Spot(16, "06", "人员经费合计", "决算数", "4884.09", "人员经费合计"),
    Spot(16, "06", "公用经费合计", "决算数", "480.66", "公用经费合计"),
    # 财政拨款“三公”经费支出决算表 (09), page 17: (预算数, 决算数) pairs under each heading
    Spot(17, "09", "1", "1", "2.85"),
    Spot(17, "09", "1", "6", "2.85"),
    Spot(17, "09", "1", "7", "0.39"),
    Spot(17, "09", "1", "11", "0.00"),
    Spot(17, "09", "1", "12", "0.39"),
]


@pytest.mark.parametrize("spot", SPOTS, ids=spot_id)
def test_spot_value(disclosure, spot):
    check_spot(disclosure, spot, line_numbers_printed=False)
