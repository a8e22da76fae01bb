"""国家信访局 2024 年度部门决算 (central-guojiaxinfangju-2024.pdf, 50 pages) as the reader reads it: the
template, the filled cells of every table, and spot values each checked by hand against the printed
page (`pdftotext -layout -f N -l N`, the page rendered where in doubt).

The central template prints 公开01表-09表 with 行次 and 栏次 and thousands separators; 公开08表 is
国有资本经营预算财政拨款支出决算表 (three columns). 01/04 print the national 行次, so key = line_no.
"""

from __future__ import annotations

import pytest
from real_documents import REAL, Spot, check_errors, check_spot, filled_cells, needs_real, spot_id

from juesuan.model import Disclosure
from juesuan.sources import read_path

PDF = REAL / "central-guojiaxinfangju-2024.pdf"

pytestmark = needs_real


@pytest.fixture(scope="module")
def disclosure() -> Disclosure:
    return read_path(PDF)[0]


def test_the_central_template_is_detected(disclosure):
    assert disclosure.template == "central-2024"


# 07 (page 13) and 08 (page 14) print 本表无数据.
FILLED = {"01": 13, "02": 55, "03": 54, "04": 21, "05": 54, "06": 42, "07": 0, "08": 0, "09": 10}


def test_filled_cells_per_table(disclosure):
    assert filled_cells(disclosure) == FILLED
    assert disclosure.table("07").says_no_data and disclosure.table("08").says_no_data


SPOTS = [
    # 收入支出决算总表 (公开01表), page 7
    Spot(7, "01", "1", "1", "19,572.91", "一、一般公共预算财政拨款收入", "1"),
    Spot(7, "01", "8", "1", "878.44", "八、其他收入", "8"),
    Spot(7, "01", "29", "1", "1,615.24", "年初结转和结余", "29"),
    Spot(7, "01", "31", "1", "22,066.59", "总计", "31"),
    Spot(7, "01", "36", "2", "180.03", "五、教育支出", "36"),
    Spot(7, "01", "58", "2", "14,572.53", "本年支出合计", "58"),
    Spot(7, "01", "60", "2", "7,494.06", "年末结转和结余", "60"),
    Spot(7, "01", "57", "2", None, "二十六、抗疫特别国债安排的支出", "57"),
    # 收入决算表 (公开02表), page 8
    Spot(8, "02", "合计", "7", "878.44", "合计"),
    Spot(8, "02", "2014001", "2", "5,732.26", "行政运行"),
    Spot(8, "02", "2014003", "7", "609.94", "机关服务"),
    Spot(8, "02", "2014002", "7", None, "一般行政管理事务"),
    Spot(8, "02", "2210202", "1", "65.00", "提租补贴"),
    # 支出决算表 (公开03表), page 9
    Spot(9, "03", "合计", "2", "11,073.11", "合计"),
    Spot(9, "03", "2014004", "3", "2,066.84", "信访业务"),
    Spot(9, "03", "2014004", "2", None, "信访业务"),
    Spot(9, "03", "2014099", "2", "540.61", "其他信访事务支出"),
    Spot(9, "03", "2080505", "1", "659.05", "机关事业单位基本养老保险缴费支出"),
    # 财政拨款收入支出决算总表 (公开04表), page 10
    Spot(10, "04", "28", "1", "1,154.62", "年初财政拨款结转和结余", "28"),
    Spot(10, "04", "29", "1", "1,154.62", "一般公共预算财政拨款", "29"),
    Spot(10, "04", "32", "1", "20,727.53", "总计", "32"),
    Spot(10, "04", "33", "3", "9,846.82", "一、一般公共服务支出", "33"),
    Spot(10, "04", "33", "4", None, "一、一般公共服务支出", "33"),
    Spot(10, "04", "51", "2", "980.85", "十九、住房保障支出", "51"),
    Spot(10, "04", "60", "3", "6,993.74", "年末财政拨款结转和结余", "60"),
    Spot(10, "04", "64", "2", "20,727.53", "总计", "64"),
    # 一般公共预算财政拨款支出决算表 (公开05表), page 11
    Spot(11, "05", "合计", "2", "10,234.37", "合计"),
    Spot(11, "05", "2014003", "1", "229.19", "机关服务"),
    Spot(11, "05", "2050803", "3", "180.03", "培训支出"),
    # 一般公共预算财政拨款基本支出决算表 (公开06表), page 12: three column groups
    Spot(12, "06", "30103", "决算数", "143.61", "奖金"),
    Spot(12, "06", "30208", "决算数", "122.87", "取暖费"),
    Spot(12, "06", "30301", "决算数", "537.43", "离休费"),
    Spot(12, "06", "31099", "决算数", "2.58", "其他资本性支出"),
    Spot(12, "06", "人员经费合计", "决算数", "7,967.72", "人员经费合计"),
    Spot(12, "06", "公用经费合计", "决算数", "2,266.65", "公用经费合计"),
    # 一般公共预算财政拨款“三公”经费支出决算表 (公开09表), page 15: 栏次 1-12
    Spot(15, "09", "1", "1", "76.43"),
    Spot(15, "09", "1", "2", "30.00"),
    Spot(15, "09", "1", "4", None),
    Spot(15, "09", "1", "5", "40.63"),
    Spot(15, "09", "1", "8", "4.69"),
    Spot(15, "09", "1", "11", "40.61"),
    Spot(15, "09", "1", "12", "0.90"),
]


@pytest.mark.parametrize("spot", SPOTS, ids=spot_id)
def test_spot_value(disclosure, spot):
    check_spot(disclosure, spot)


# Every error check reports, each verified in the printed page.
ERRORS = [
    # p.17 第三部分 一: “收、支总计各增加5834.37万元，增长35.74%”: last year 22066.59 − 5834.37 =
    # 16232.22, and 5834.37 ÷ 16232.22 = 35.943 %, which prints as 35.94 %, not 35.74 %
    ("N-change-rate", "“增长35.74%”"),
    # p.26 第三部分 九: “授予中小企业合同金额1820.69万元…货物采购授予中小企业合同金额占货物支出金额的9.16%，
    # 服务采购授予中小企业合同金额占服务支出金额的90.84%”: 171.7 × 9.16% + 1792.72 × 90.84% + at most 工程
    # 3 = at most 1647.84, not 1820.69 (9.16% + 90.84% = 100%: shares of the total awarded, not of each kind)
    ("N-share", "“授予中小企业合同金额1820.69万元”与按各类采购金额"),
    # pp.22-23 第三部分 五（三） items 7-10 name the 款 “社会保障和就业（类）行政事业单位离退休（款）…”, the
    # name before the 2023 reform; 公开05表 p.11 prints 20805 as “行政事业单位养老支出” (CHECKLIST D16)
    ("N-class-names", "“社会保障和就业（类）行政事业单位离退休（款）归口"),
    ("N-class-names", "“社会保障和就业（类）行政事业单位离退休（款）离退休"),
    ("N-class-names", "“社会保障和就业（类）行政事业单位离退休（款）机关事业单位基本"),
    ("N-class-names", "“社会保障和就业（类）行政事业单位离退休（款）机关事业单位职业"),
]


def test_check_reports_exactly_the_errors_the_document_prints(disclosure):
    check_errors(disclosure, ERRORS)
