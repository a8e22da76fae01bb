"""西南大学 2024 年度决算 (chongqing-swu-2024.pdf, 22 pages, 教育部直属高校) as the reader reads it: the
template, the filled cells of every table, and spot values each checked by hand against the printed
page (`pdftotext -layout -f N -l N`, the page rendered where in doubt).

The university template has four tables: 表1 高等学校收支决算总表 (01), 表2 收入决算表 (02, with an
extra column 其中：教育收费), 表3 支出决算表 (03) and 表4 高等学校财政拨款支出决算表 (U04, with
其中：基本建设资金支出). 表1 prints no 行次: its rows are found by label, keep no `line_no`, and their
`key` is the national 行次 each stands for, or its label where none fits.
"""

from __future__ import annotations

import pytest
from real_documents import REAL, Spot, check_errors, check_spot, filled_cells, needs_real, spot_id

from juesuan.model import Disclosure
from juesuan.sources import read_path

PDF = REAL / "chongqing-swu-2024.pdf"

pytestmark = needs_real


@pytest.fixture(scope="module")
def disclosure() -> Disclosure:
    return read_path(PDF)[0]


def test_the_university_template_is_detected(disclosure):
    assert disclosure.template == "moe-university-2024"


FILLED = {"01": 18, "02": 81, "03": 64, "U04": 73}


def test_filled_cells_per_table(disclosure):
    assert filled_cells(disclosure) == FILLED


SPOTS = [
    # 表1：高等学校收支决算总表 (01), pages 8-9
    Spot(8, "01", "财政拨款收入", "1", "279,818.00", "一、财政拨款收入", "1"),
    Spot(8, "01", "2", "1", "21,887.50", "其中：政府性基金预算财政拨款", "2"),
    Spot(8, "01", "5", "1", "144,017.87", "三、事业收入", "4"),
    Spot(8, "01", "6", "1", None, "四、经营收入", "5"),
    Spot(8, "01", "捐赠收入", "1", "1,001.99", "其中：捐赠收入", "8"),
    Spot(8, "01", "36", "2", "448,061.80", "五、教育支出", "17"),
    Spot(8, "01", "39", "2", "15,171.49", "八、社会保障和就业支出", "20"),
    Spot(9, "01", "54", "2", "109.50", "二十三、其他支出", "35"),
    Spot(9, "01", "27", "1", "477,447.73", "本年收入合计", "9"),
    Spot(9, "01", "28", "1", "24,990.38", "使用非财政拨款结余（含专用结余）", "10"),
    Spot(9, "01", "59", "2", "4,335.69", "结余分配", "40"),
    Spot(9, "01", "62", "2", "609,139.01", "合计", "42"),
    # 表2：高等学校收入决算表 (02), pages 10-11; 合计 printed last
    Spot(10, "02", "2050202", "4", "1.00", "小学教育"),
    Spot(10, "02", "2050204", "教育收费", "960.55", "高中教育"),
    Spot(10, "02", "2050205", "7", "34,991.35", "高等教育"),
    Spot(10, "02", "20598", "1", "21,778.00", "超长期特别国债安排的支出"),
    Spot(11, "02", "2080506", "7", "31.18", "机关事业单位职业年金缴费支出"),
    Spot(11, "02", "2210203", "2", "181.09", "购房补贴"),
    Spot(11, "02", "合计", "3", None, "合计"),
    Spot(11, "02", "合计", "7", "53,611.86", "合计"),
    # 表3：高等学校支出决算表 (03), pages 12-13
    Spot(12, "03", "2050205", "3", "103,126.41", "高等教育"),
    Spot(12, "03", "20598", "2", None, "超长期特别国债安排的支出"),
    Spot(12, "03", "20598", "3", "6,304.68", "超长期特别国债安排的支出"),
    Spot(13, "03", "2060204", "3", "1,165.07", "实验室及相关设施"),
    Spot(13, "03", "合计", "2", "367,180.56", "合计"),
    # 表4：高等学校财政拨款支出决算表 (U04), pages 14-15; 合计 printed first, beside 类 款 项
    Spot(14, "U04", "合计", "基本建设", "20,466.13", "合计"),
    Spot(14, "U04", "2050205", "2", "160,466.74", "高等教育"),
    Spot(14, "U04", "2050204", "基本建设", None, "高中教育"),
    Spot(14, "U04", "206", "基本建设", "265.07", "科学技术支出"),
    Spot(15, "U04", "2060204", "基本建设", "265.07", "实验室及相关设施"),
    Spot(15, "U04", "2210203", "1", "181.09", "购房补贴"),
    Spot(15, "U04", "2296004", "3", "109.50", "用于教育事业的彩票公益金支出"),
]


@pytest.mark.parametrize("spot", SPOTS, ids=spot_id)
def test_spot_value(disclosure, spot):
    check_spot(disclosure, spot, line_numbers_printed=False)


# Every error check reports, each verified in the printed page.
ERRORS = [
    # p.17 决算报表说明（三）: “住房保障支出 16,151.67 万元，占总支出的 3.36%”: 16,151.67 ÷ 481,483.46 =
    # 3.3546 %, which can only print as 3.35 % (the five shares were forced to add up to 100 %)
    ("N-share", "“占总支出的3.36%”"),
    # p.19 （五）其他说明: “授予小微企业合同金额 7,295.12 万元，占授予中小企业合同金额的 60.02%”:
    # 7,295.12 ÷ 12,127.08 = 60.156 %, which prints as 60.16 %
    ("N-share", "“占授予中小企业合同金额的60.02%”"),
]


def test_check_reports_exactly_the_errors_the_document_prints(disclosure):
    check_errors(disclosure, ERRORS)
