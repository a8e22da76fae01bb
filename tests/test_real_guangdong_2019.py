"""佛山市轨道交通局 2019 年部门决算 (guangdong-foshan-guidaojiaotong-2019.pdf, 31 pages) as the reader reads
it: the template, the filled cells of every table, and spot values each checked by hand against the
printed page (`pdftotext -layout -f N -l N`, the page rendered where in doubt).

The 2019 Guangdong template: eight tables headed 表1-表8 (no 公开08表 or 10表), every table continued
over several pages with its heading and 合计 repeated, 0.00 printed in empty cells. 01/04 print their
own 行次 (本年收入合计 is line 23, national 27), so `key` is the national 行次 and `line_no` the printed
one; 公开04表 prints 二、外交支出 as line 39 (it should be 29), and the reader keeps that 39.
"""

from __future__ import annotations

import pytest
from real_documents import REAL, Spot, check_errors, check_spot, filled_cells, needs_real, spot_id

from juesuan.model import Disclosure, Problem
from juesuan.sources import read_path

PDF = REAL / "guangdong-foshan-guidaojiaotong-2019.pdf"

pytestmark = needs_real


@pytest.fixture(scope="module")
def reading() -> tuple[Disclosure, list[Problem]]:
    return read_path(PDF)


@pytest.fixture(scope="module")
def disclosure(reading) -> Disclosure:
    return reading[0]


def test_the_guangdong_2019_template_is_detected(disclosure):
    assert disclosure.template == "guangdong-2019"


# 表1-表8 in printed order: 01 02 03 04 05 06, 三公 (09) as 表7, 政府性基金 (07) as 表8.
FILLED = {"01": 37, "02": 91, "03": 78, "04": 82, "05": 39, "06": 81, "09": 12, "07": 90}


def test_filled_cells_per_table(disclosure):
    assert filled_cells(disclosure) == FILLED


SPOTS = [
    # 收入支出决算总表 (表1), pages 5-7: printed 行次 1-7 left, 27-52 right
    Spot(5, "01", "1", "1", "1668.14", "一、一般公共预算财政拨款收入", "1"),
    Spot(5, "01", "4", "1", "0.00", "三、上级补助收入", "3"),
    Spot(5, "01", "8", "1", "0.01", "七、其他收入", "7"),
    Spot(5, "01", "39", "2", "76.23", "八、社会保障和就业支出", "34"),
    Spot(6, "01", "44", "2", "1531.04", "十三、交通运输支出", "39"),
    Spot(6, "01", "53", "2", "0.00", "二十一、灾害防治及应急管理支出", "47"),
    Spot(6, "01", "27", "1", "1668.14", "本年收入合计", "23"),
    Spot(6, "01", "58", "2", "1668.14", "本年支出合计", "49"),
    Spot(7, "01", "28", "1", "0.00", "用事业基金弥补收支差额", "24"),
    Spot(7, "01", "60", "2", "0.01", "年末结转和结余", "51"),
    Spot(7, "01", "62", "2", "1668.14", "总计", "52"),
    # 收入决算表 (表2), pages 8-9
    Spot(8, "02", "合计", "7", "0.01", "合计"),
    Spot(8, "02", "20805", "1", "76.23", "行政事业单位离退休"),
    Spot(8, "02", "2140101", "1", "609.30", "行政运行"),
    Spot(8, "02", "2140101", "2", "609.29", "行政运行"),
    Spot(8, "02", "2140101", "7", "0.01", "行政运行"),
    Spot(9, "02", "2210201", "1", "60.87", "住房公积金"),
    # 支出决算表 (表3), pages 10-11
    Spot(10, "03", "合计", "3", "921.75", "合计"),
    Spot(10, "03", "2140102", "3", "905.60", "一般行政管理事务"),
    Spot(10, "03", "2140199", "2", "0.00", "其他公路水路运输支出"),
    Spot(11, "03", "22102", "2", "60.87", "住房改革支出"),
    # 财政拨款收入支出决算总表 (表4), pages 12-14: printed 行次 1-27 left, 28-54 right
    Spot(12, "04", "2", "1", "0.00", "二、政府性基金预算财政拨款", "2"),
    Spot(12, "04", "34", "2", "0.00", "二、外交支出", "39"),  # printed 39, stands for 29
    Spot(12, "04", "40", "3", "76.23", "八、社会保障和就业支出", "35"),
    Spot(13, "04", "45", "2", "1531.04", "十三、交通运输支出", "40"),
    Spot(13, "04", "27", "1", "1668.14", "本年收入合计", "23"),
    Spot(13, "04", "59", "4", "0.00", "本年支出合计", "50"),
    Spot(14, "04", "30", "1", "0.00", "政府性基金预算财政拨款", "26"),
    Spot(14, "04", "32", "1", "1668.14", "总计", "27"),
    Spot(14, "04", "64", "3", "1668.14", "总计", "54"),
    # 一般公共预算财政拨款支出决算表 (表5), pages 15-16
    Spot(15, "05", "合计", "2", "746.39", "合计"),
    Spot(15, "05", "2140199", "3", "16.15", "其他公路水路运输支出"),
    Spot(16, "05", "2210201", "1", "60.87", "住房公积金"),
    # 一般公共预算财政拨款基本支出决算表 (表6), pages 17-20: 人员经费 left, 公用经费 right
    Spot(17, "06", "30103", "决算数", "92.38", "奖金"),
    Spot(17, "06", "30213", "决算数", "7.14", "维修(护)费"),
    Spot(18, "06", "30239", "决算数", "16.19", "其他交通费用"),
    Spot(18, "06", "307", "决算数", "0.00", "债务利息及费用支出"),
    Spot(19, "06", "31002", "决算数", "2.54", "办公设备购置"),
    Spot(20, "06", "39908", "决算数", "0.00", "对民间非营利组织和群众性自治组织补贴"),
    Spot(20, "06", "人员经费合计", "决算数", "649.20", "人员经费合计"),
    Spot(20, "06", "公用经费合计", "决算数", "97.19", "公用经费合计"),
    # 一般公共预算财政拨款“三公”经费支出决算表 (表7), page 21: 栏次 1-12
    Spot(21, "09", "1", "1", "0.00"),
    Spot(21, "09", "1", "7", "0.16"),
    Spot(21, "09", "1", "12", "0.16"),
    # 政府性基金预算财政拨款收入支出决算表 (表8), pages 22-23
    Spot(22, "07", "21208", "1", "0.00", "国有土地使用权出让收入及对应专项债务收入安排的支出"),
    Spot(23, "07", "2296003", "6", "0.00", "用于体育事业的彩票公益金支出"),
]


@pytest.mark.parametrize("spot", SPOTS, ids=spot_id)
def test_spot_value(disclosure, spot):
    check_spot(disclosure, spot)


NOTE_TAIL = "本表金额转换为万元时，因四舍五入可能存在尾差。"
# The 注 printed under each table (last page of the table), as printed.
NOTES = {
    "01": "注：本表反映部门本年度的总收支和年末结转情况。" + NOTE_TAIL,  # page 7
    "02": "注：本表反映部门本年度取得的各项收入情况。" + NOTE_TAIL,  # page 9
    "03": "注：本表反映部门本年度各项支出情况。" + NOTE_TAIL,  # page 11
    "04": "注：本表反映部门本年度财政拨款的总收支和年末结转结余情况。" + NOTE_TAIL,  # page 14
    "05": "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。" + NOTE_TAIL,  # page 16
    "06": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。" + NOTE_TAIL,  # page 20
    "09": "注：本表反映部门本年度财政拨款“三公”经费支出情况。其中，预算数为“三公”经费年初预算数，"
    "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。" + NOTE_TAIL,  # page 21
}


@pytest.mark.parametrize("number", list(NOTES))
def test_each_note_is_read_as_printed(disclosure, number):
    assert disclosure.table(number).notes == (NOTES[number],)


def test_the_last_tables_note_is_read_as_printed(disclosure):
    # page 23: the 政府性基金 table is the last one, no 表N follows its note
    assert disclosure.table("07").notes == (
        "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转结余情况。" + NOTE_TAIL,
    )


def test_the_first_tables_heading_is_not_stray_content(reading):
    assert not [problem for problem in reading[1] if "“表 1”" in problem.message]


# Every error check reports, each verified in the printed page (pdftotext -layout -f N -l N).
ERRORS = [
    # p.12 公开04表: 二、外交支出 is printed on 行次 39, which is also 十二、农林水支出's; the template
    # numbers 外交支出 29 (行次 28-49 run through the 22 classes of 2019)
    ("P-line-numbers", "公开04表“二、外交支出”印为第39行"),
    # p.25 四（一）: “比上年决算数相比变化 0 万元，增长 0%；主要是因为我局为 2019 年新成立单位，无 2018 年
    # 决算数”: with no 2018 figure, 一般公共预算财政拨款收入 went from none to 1668.14, not by 0
    ("N-change-rate", "“比上年决算数相比变化0万元”有误：其后说明没有上年数"),
    # p.26 四（二）: “比年初预算数增加 1668.14 万元，增长 0%；……因此增长率为 0%”: the budget is
    # 1668.14 − 1668.14 = 0, and a growth rate of a zero base cannot be stated (CHECKLIST D18)
    ("N-change-rate", "“增长0%”有误：预算数 = 本年 1668.14"),
    ("N-change-rate", "“因此增长率为0%”有误"),
    # p.27 十（一）: “机关运行经费支出 97.19 万元，比预算数增加 97.19 万元，增长 0%……因此增长 0%”: same
    ("N-change-rate", "“增长0%”有误：预算数 = 本年 97.19"),
    ("N-change-rate", "“因此增长0%”有误"),
    # p.26 九（一）: “决算为 0.16 万元，完成预算 0 万元的 0%” (the 三公 total and 公务接待费): 0.16 of a
    # budget of 0 is no percentage at all, and 0 % would mean nothing was spent
    ("N-completion", "“完成预算的0%”无从计算：所述预算为 0，而“佛山市轨道交通局2019年度“三公”经费"),
    ("N-completion", "“完成预算的0%”无从计算：所述预算为 0，而“公务接待费"),
]


def test_check_reports_exactly_the_errors_the_document_prints(disclosure):
    check_errors(disclosure, ERRORS)
