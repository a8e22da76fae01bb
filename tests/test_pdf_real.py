"""Two disclosures as 上海市普陀区 published them (Word and WPS PDFs, 2024): nine tables under other
titles, no 行次, names wrapped onto two lines, 科目编码 columns, tables continued on the next page.

The expected rows below were copied by hand from the printed pages, not from this reader.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from juesuan.export import tidy_csv
from juesuan.model import Disclosure
from juesuan.rules import Severity, run_rules
from juesuan.sources import read_path

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
GUIHUA = REAL / "shanghai-putuo-guihuaziyuan-2024.pdf"  # 上海市普陀区规划和自然资源局
SHEHUI = REAL / "shanghai-putuo-shehuigongzuobu-2024.pdf"  # 中共上海市普陀区委社会工作部

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"真实样本目录不存在：{REAL}")

# The nine tables each publishes (公开10表 is not part of Shanghai's set), in printed order:
# 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表, 一般公共预算财政拨款支出决算表,
# 一般公共预算财政拨款基本支出决算表 (= 06), 财政拨款“三公”经费支出决算表 (09, printed seventh),
# 政府性基金预算财政拨款收入支出决算表 (07), 国有资本经营预算财政拨款收入支出决算表 (= 08).
PUBLISHED = ["01", "02", "03", "04", "05", "06", "09", "07", "08"]

# (code, name, 栏次 1, 2, 3); "" where the cell is blank.
SHEHUI_CODE_ROWS = [
    ("201", "一般公共服务支出", "264.87", "62.63", "202.24"),
    ("20139", "社会工作事务", "264.87", "62.63", "202.24"),
    ("2013901", "行政运行", "51.32", "51.32", ""),
    ("2013950", "事业运行", "11.31", "11.31", ""),
    ("2013999", "其他社会工作事务支出", "202.24", "", "202.24"),
    ("208", "社会保障和就业支出", "10.82", "10.82", ""),
    ("20805", "行政事业单位养老支出", "10.82", "10.82", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", ""),
    ("210", "卫生健康支出", "2.71", "2.71", ""),
    ("21011", "行政事业单位医疗", "2.71", "2.71", ""),
    ("2101101", "行政单位医疗", "2.22", "2.22", ""),
    ("2101102", "事业单位医疗", "0.49", "0.49", ""),
    ("221", "住房保障支出", "29.42", "29.42", ""),
    ("22102", "住房改革支出", "29.42", "29.42", ""),
    ("2210201", "住房公积金", "17.70", "17.70", ""),
    ("2210203", "购房补贴", "11.72", "11.72", ""),
]
SHEHUI_03 = [("合计", "合计", "307.82", "105.58", "202.24"), *SHEHUI_CODE_ROWS]
SHEHUI_05 = [*SHEHUI_CODE_ROWS, ("合计", "合计", "307.82", "105.58", "202.24")]  # 合计 printed last

GUIHUA_PENSIONS = [
    ("208", "社会保障和就业支出", "754.75", "754.75", "0.00"),
    ("20805", "行政事业单位养老支出", "754.75", "754.75", "0.00"),
    ("2080501", "行政单位离退休", "54.53", "54.53", "0.00"),
    ("2080502", "事业单位离退休", "28.11", "28.11", "0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "446.11", "446.11", "0.00"),
    ("2080506", "机关事业单位职业年金缴费支出", "225.12", "225.12", "0.00"),
    ("2080599", "其他行政事业单位养老支出", "0.88", "0.88", "0.00"),
    ("210", "卫生健康支出", "236.64", "236.64", "0.00"),
    ("21011", "行政事业单位医疗", "236.64", "236.64", "0.00"),
    ("2101101", "行政单位医疗", "40.35", "40.35", "0.00"),
    ("2101102", "事业单位医疗", "196.29", "196.29", "0.00"),
]
GUIHUA_RESOURCES = [
    ("21202", "城乡社区规划与管理", "2739.56", "488.68", "2250.88"),
    ("2120201", "城乡社区规划与管理", "2739.56", "488.68", "2250.88"),
    ("220", "自然资源海洋气象等支出", "4461.67", "2339.58", "2122.09"),
    ("22001", "自然资源事务", "4461.67", "2339.58", "2122.09"),
    ("2200150", "事业运行", "4416.67", "2339.58", "2077.09"),
    ("2200199", "其他自然资源事务支出", "45.00", "0.00", "45.00"),
    ("221", "住房保障支出", "461.08", "461.08", "0.00"),
    ("22102", "住房改革支出", "461.08", "461.08", "0.00"),
    ("2210201", "住房公积金", "289.59", "289.59", "0.00"),
    ("2210203", "购房补贴", "171.49", "171.49", "0.00"),
]
GUIHUA_03 = [
    ("合计", "合计", "9759.38", "5377.64", "4381.74"),
    *GUIHUA_PENSIONS,
    ("212", "城乡社区支出", "3845.24", "1585.59", "2259.65"),
    ("21201", "城乡社区管理事务", "1105.68", "1096.91", "8.77"),
    ("2120101", "行政运行", "1105.68", "1096.91", "8.77"),
    *GUIHUA_RESOURCES,
]
GUIHUA_05 = [
    *GUIHUA_PENSIONS,
    ("212", "城乡社区支出", "3832.36", "1572.70", "2259.65"),
    ("21201", "城乡社区管理事务", "1092.80", "1084.02", "8.77"),
    ("2120101", "行政运行", "1092.80", "1084.02", "8.77"),
    *GUIHUA_RESOURCES,
    ("合计", "合计", "9746.50", "5364.75", "4381.74"),
]

# 公开01表, printed without 行次: the 行次 each label stands for, and its amount.
SHEHUI_01 = {"1": "307.82", "27": "307.82", "31": "307.82", "32": "264.87", "39": "10.82", "40": "2.71",
             "50": "29.42", "58": "307.82", "62": "307.82"}  # fmt: skip
GUIHUA_01 = {"1": "9746.50", "27": "9746.50", "29": "112.88", "31": "9859.38", "39": "754.75",
             "40": "236.63", "42": "3845.25", "49": "4461.67", "50": "461.08", "58": "9759.38",
             "60": "100.00", "62": "9859.38"}  # fmt: skip

# What `juesuan check` finds in each, every one a disagreement the document itself prints:
# One unit of the last place between two tables: warnings (the template's note allows 尾数误差)
GUIHUA_WARNINGS = [
    ("X01-03-classes", "01", "40", "2"),  # 01 prints 卫生健康支出 236.63, 03 prints 210 as 236.64
    ("X01-03-classes", "01", "42", "2"),  # 01 prints 城乡社区支出 3845.25, 03 prints 212 as 3845.24
    ("X04-05-classes", "04", "41", "3"),  # 04 prints 236.63, 05 prints 210 as 236.64
]
GUIHUA_ERRORS = [
    ("N-amount", "05", "210", "1"),  # 第三部分 五（二） says 卫生健康支出（类）236.63, 05 prints 236.64
    # 第三部分 六 says 一般公共预算财政拨款基本支出 5377.64 (03's 基本支出, all funds), 05 prints 5364.75
    ("N-amount", "05", "合计", "2"),
    ("N-amount", "06", "人员经费合计", "决算数"),  # 第三部分 六 says 人员经费 4896.98, 06 prints 4884.09
    ("N-share", "01", "58", "2"),  # 9746.50 ÷ 9759.38 = 99.868 %, printed as 99.86 %
    ("N-completion", "05", "合计", "1"),  # 五（三）: 9746.50 ÷ 10210.34 = 95.457 %, printed as 95.45 %
    # p.21 五（一）: “增加1193.20 万元，增长 13.95。主要原因”: the rate printed without its “%” (D17)
    ("N-percent-sign", "", "", ""),
    # p.25 九: “比 2023年度减少 0.15 万元，下降（增长）27.78%”: the template's alternative left standing (E18)
    ("N-template-remnant", "", "", ""),
    # p.24 五（三） item 11: “自然资源事务（款）其他国土资源事务支出（项）”, the pre-2019 name; 公开05表
    # prints 2200199 as “其他自然资源事务支出” (D16)
    ("N-class-names", "", "", ""),
]
SHEHUI_ERRORS = [
    # 一、四、五（一） p.17 and 十（一） p.21: “增加307.82（10.23）万元，增长100.00%”: the unit was set up in
    # 2024, last year is 0, and a growth rate of a zero base must not be stated (CHECKLIST D18)
    ("N-change-rate", "", "", ""),
    ("N-change-rate", "", "", ""),
    ("N-change-rate", "", "", ""),
    ("N-change-rate", "", "", ""),
    ("N-share", "05", "合计", "1"),  # 29.42 ÷ 307.82 = 9.557 %, printed as 9.55 %
    # 五（三）: "年初预算为0万元 … 完成年初预算的95.89%": 307.82 ÷ 321.02, the 全年预算, not of a 0
    ("N-completion", "05", "合计", "1"),
    # 十（二） p.22: 政府采购金额 21.07, all of it awarded in projects reserved for 中小企业 (21.07), and
    # “在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额21.07万元” more
    ("N-amount", "", "", ""),
]


# What stays N-untraced: figures whose source is published nowhere. By section: none of 十（二）政府采购
# (the total and its 货物/工程/服务 are checked as a sum, the 采购金额 of reserved projects within their
# 预留 budget, of the other projects with the 中小企业-reserved within the total), 十（三） equipment
# (vehicles by kind are checked as a sum; 公开10表 is not published), 十（四） the
# counts of projects and the 涉及预算金额 (budgets, no 绩效自评表 attached; the grades are checked as
# a sum of the 自评 count); the rest, one by one, are below.
GUIHUA_UNTRACED_BY_SECTION = {"一": 1, "四": 1, "五（一）": 1, "五（三）": 1, "十（四）": 6, "十（三）": 1}
SHEHUI_UNTRACED_BY_SECTION = {"十（四）": 6, "十（三）": 1}
GUIHUA_UNTRACED = [
    # pp.20-21: the change from 2023, stated three times, with no 2023 figure and no rate in the document
    *["较上一度增加1133.95万元"] * 3,
    "项目支出规划服务较年初完成92%",  # a project's progress, in no table
]  # fmt: skip
# 九's 0.39万 (含外宾接待支出0.00万元) is within the reception total, 接待外宾0批次、0人次 zero with the
# 外宾 amount; 社会工作部's 全年预算 321.02 is the sum of its items' budgets stated after it
SHEHUI_UNTRACED: list[str] = []


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[Disclosure, list]]:
    return {path.name: read_path(path) for path in (GUIHUA, SHEHUI)}


def code_rows(disclosure: Disclosure, number: str) -> list[tuple[str, ...]]:
    table = disclosure.table(number)
    shown = [(row.key, row.label, *((f.text if (f := row.get(k)) else "") for k in ("1", "2", "3")))
             for row in table.rows]  # fmt: skip
    return [tuple(row) for row in shown]


@pytest.mark.parametrize("path", [GUIHUA, SHEHUI], ids=["guihuaziyuan", "shehuigongzuobu"])
def test_every_published_table_is_recognised_and_nothing_is_left_over(read, path):
    disclosure, problems = read[path.name]
    assert [table.number for table in disclosure.tables] == PUBLISHED
    assert problems == []
    assert disclosure.year == 2024 and disclosure.source_format == "pdf"


def test_units_are_read_from_the_cover(read):
    assert read[GUIHUA.name][0].unit == "上海市普陀区规划和自然资源局"
    assert read[SHEHUI.name][0].unit == "中共上海市普陀区委社会工作部"


@pytest.mark.parametrize(
    ("path", "number", "expected"),
    [
        (SHEHUI, "03", SHEHUI_03),
        (SHEHUI, "05", SHEHUI_05),
        (GUIHUA, "03", GUIHUA_03),
        (GUIHUA, "05", GUIHUA_05),
    ],
    ids=["shehui-03", "shehui-05", "guihua-03", "guihua-05"],
)
def test_code_rows_read_exactly(read, path, number, expected):
    assert code_rows(read[path.name][0], number) == expected


@pytest.mark.parametrize(
    ("path", "expected"), [(SHEHUI, SHEHUI_01), (GUIHUA, GUIHUA_01)], ids=["shehui", "guihua"]
)
def test_summary_rows_get_their_line_numbers_from_their_labels(read, path, expected):
    table = read[path.name][0].table("01")
    assert {row.key: row.cells[0][1].text for row in table.rows if row.cells} == expected
    assert table.row("1").label == "一、一般公共预算财政拨款收入"
    assert table.row("28").label == "使用非财政拨款结余"  # the template adds （含专用结余）
    assert table.row("57").label.endswith("抗疫特别国债安排的支出")


def test_three_public_budget_and_actual_printed_side_by_side_go_to_their_columns(read):
    row = read[GUIHUA.name][0].table("09").row("1")
    amounts = {key: figure.text for key, figure in row.cells}
    assert amounts == {str(n): "0.00" for n in (2, 3, 4, 5, 8, 9, 10, 11)} | {
        "1": "2.85", "6": "2.85", "7": "0.39", "12": "0.39"
    }  # fmt: skip


def test_basic_expenditure_by_economic_class(read):
    six = read[GUIHUA.name][0].table("06")
    assert six.figure("人员经费合计", "决算数").text == "4884.09"
    assert six.figure("公用经费合计", "决算数").text == "480.66"
    assert six.row("30108").label == "机关事业单位基本养老保险缴费"  # wrapped onto two lines
    assert six.row("31007").label == "信息网络及软件购置更新"
    assert len(six.rows) == 67


@pytest.mark.parametrize(
    ("path", "expected"), [(GUIHUA, GUIHUA_ERRORS), (SHEHUI, SHEHUI_ERRORS)], ids=["guihua", "shehui"]
)
def test_check_finds_only_what_the_document_prints(read, path, expected):
    findings = run_rules(read[path.name][0])
    # rules run in the order their modules were first imported, which other test modules change
    assert sorted(f.as_tuple() for f in findings if f.severity == Severity.ERROR) == sorted(expected)


def test_a_difference_of_one_unit_between_two_tables_is_a_warning(read):
    findings = run_rules(read[GUIHUA.name][0])
    warnings = [f for f in findings if f.severity == Severity.WARNING]
    assert sorted(f.as_tuple() for f in warnings) == sorted(GUIHUA_WARNINGS)
    assert all("尾数误差之内" in f.message for f in warnings)


def test_every_figure_points_at_a_cell_of_its_page(read):
    for disclosure, _ in read.values():
        for table in disclosure.tables:
            for row in table.rows:
                for _, figure in row.cells:
                    x0, top, x1, bottom = figure.origin.box
                    assert figure.origin.page and x0 < x1 and top < bottom, (table.number, row.key)
    first = read[SHEHUI.name][0].table("02").figure("201", "1").origin
    assert first.page == 6


def test_a_page_turned_by_its_rotate_entry_reads_the_same(read):
    """Landscape pages are often portrait pages whose content is drawn turned, shown by /Rotate 90."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(SHEHUI)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        for item in list(page.get_objects(max_depth=1)):
            item.transform(pdfium.PdfMatrix(0, 1, -1, 0, height, 0))
        page.set_mediabox(0, 0, height, width)
        page.set_cropbox(0, 0, height, width)
        page.set_rotation(90)
        page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    from juesuan.sources import read_bytes

    turned, problems = read_bytes(buffer.getvalue(), SHEHUI.name)
    original = read[SHEHUI.name][0]
    assert tidy_csv(turned) == tidy_csv(original) and problems == []
    assert turned.table("02").figure("201", "1").origin == original.table("02").figure("201", "1").origin


@pytest.mark.parametrize(
    ("path", "by_section", "listed"),
    [
        (GUIHUA, GUIHUA_UNTRACED_BY_SECTION, GUIHUA_UNTRACED),
        (SHEHUI, SHEHUI_UNTRACED_BY_SECTION, SHEHUI_UNTRACED),
    ],
    ids=["guihua", "shehui"],
)
def test_only_figures_with_no_published_source_stay_untraced(read, path, by_section, listed):
    untraced = [f for f in run_rules(read[path.name][0]) if f.rule == "N-untraced"]
    sections = [f.where.split()[1] for f in untraced]
    assert {section: sections.count(section) for section in sections} == by_section
    texts = [f.message.removeprefix("“").split("”未能追溯到来源")[0] for f in untraced]
    assert [text for text, section in zip(texts, sections, strict=True) if "十" not in section] == listed
