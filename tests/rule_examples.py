"""For every rule, one change to the (corrected) sample that makes it fail.

A change is either a table cell printed differently, `cell(table, row, col, text)`, a
substitution in the document text, `text(old, new)`, or what the document cannot show:
`given(facts=…, front=…)`, facts from outside (juesuan check --approved-on …) or the lines a
reader keeps around the parts (`Disclosure.front`: cover, 目录, part headings, table heads).
The corrected sample (7.54 in 第三部分 六), checked with `PASSING_FACTS`, is every rule's passing
example.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conftest import SAMPLE

from juesuan.model import Paragraph, TidyCell, tidy_cells
from juesuan.rules.outside import EarlierYears, OutsideFacts, PublishedYear


@dataclass(frozen=True)
class Cell:
    table: str
    row: str
    col: str
    text: str


@dataclass(frozen=True)
class Text:
    old: str
    new: str


@dataclass(frozen=True)
class Given:
    facts: OutsideFacts | None = None  # None: PASSING_FACTS
    front: tuple[Paragraph, ...] = ()
    change: Text | None = None  # a change to the text as well


def given(*front: str, facts: OutsideFacts | None = None, change: Text | None = None) -> Given:
    return Given(facts, tuple(Paragraph(line) for line in front), change)


def cell(table: str, row: str, col: str, text: str) -> Cell:
    return Cell(table, row, col, text)


def text(old: str, new: str) -> Text:
    return Text(old, new)


# The corrected sample's text, which the examples change: its slip of 第三部分 六 mended (7.55 for
# 7.54), and 部门 made 单位 where the 目录 and the part heading name the tables (its cover and title
# say 单位决算; CHECKLIST A14).
SAMPLE_TEXT = (
    SAMPLE.read_text(encoding="utf-8")
    .replace("职工基本医疗保险缴费7.55万元", "职工基本医疗保险缴费7.54万元")
    .replace("2024年部门决算表", "2024年单位决算表")
)


def between(start: str, end: str) -> str:
    """The sample's text from `start` up to (not including) `end`."""
    at = SAMPLE_TEXT.index(start)
    return SAMPLE_TEXT[at : SAMPLE_TEXT.index(end, at)]


def passing_facts() -> OutsideFacts:
    """Approved 1 August, published 15 August on both sites, the approved figures as printed,
    last year's tables as the narrative states them."""
    from juesuan.sources import read_bytes

    disclosure, _ = read_bytes(SAMPLE_TEXT.encode("utf-8"), "corrected.txt")
    return OutsideFacts(
        approved_on=date(2025, 8, 1),
        published_on=date(2025, 8, 15),
        venues=("部门网站", "统一平台"),
        approved=tuple(tidy_cells(disclosure)),
        corpus_units=frozenset({("大同市政务服务中心", 2024)}),
        earlier=last_year_and_budget(),
    )


# The sample's 2024 budget as its narrative states the 年初预算 (X-budget-published): 一般公共预算
# 支出表 合计 and the four classes (第三部分 五（三）).
OPENING_BUDGETS = {"合计": "770.18", "201": "711.37", "208": "26.93", "210": "10.23", "221": "21.65"}


def last_year_and_budget(changed: dict[str, str] | None = None) -> EarlierYears:
    """Last year's tables as stated, and the year's published 预算 (`changed` rows else)."""
    rows = {**OPENING_BUDGETS, **(changed or {})}
    cells = tuple(TidyCell("预算05", row, "合计", value, "", "") for row, value in rows.items())
    budget = PublishedYear("大同市政务服务中心", 2024, cells, kind="预算")
    return EarlierYears(known=(*last_year_as_stated().known, budget))


def last_year_as_stated(changed: dict[tuple[str, str, str], str] | None = None) -> EarlierYears:
    """The sample's 2023 tables as its narrative states or implies them (N-last-year): each
    last-year figure in its cell (a sum's in the cell printed this year), `changed` cells else."""
    from juesuan.rules.cells import figure_at
    from juesuan.rules.last_year import last_year_figures
    from juesuan.sources import read_bytes

    disclosure, _ = read_bytes(SAMPLE_TEXT.encode("utf-8"), "corrected.txt")
    cells = {}
    for figure in last_year_figures(disclosure):
        at = next((cell for cell in figure.cells if figure_at(disclosure, cell)), figure.cells[0])
        address = (at.table, at.row, at.col)
        cells[address] = TidyCell(*address, (changed or {}).get(address, figure.text), "", "")
    return EarlierYears(known=(PublishedYear("大同市政务服务中心", 2023, tuple(cells.values())),))


PASSING_FACTS = passing_facts()
TABLE_07 = between(
    "政府性基金预算财政拨款收入支出决算表\n\n公开07表", "国有资本经营预算财政拨款支出决算表\n\n公开08表"
)
TABLE_08 = between(
    "国有资本经营预算财政拨款支出决算表\n\n公开08表", "财政拨款“三公”经费支出决算表\n\n公开09表"
)
# The sample's own 目录 lines for the tables, as a reader keeps them in `front`.
CONTENTS = [line for line in SAMPLE_TEXT.splitlines()[11:21]]

FAILING = {
    "T01-income-total": cell("01", "27", "1", "1130.00"),
    "T01-income-grand-total": cell("01", "29", "1", "8.15"),
    "T01-expenditure-total": cell("01", "40", "2", "10.05"),
    "T01-expenditure-grand-total": cell("01", "60", "2", "9.08"),
    "T01-balance": cell("01", "62", "2", "1135.08"),
    "T02-sources": cell("02", "2010301", "2", "135.00"),
    "T03-uses": cell("03", "2010306", "2", "1.08"),
    "T04-income-total": cell("04", "27", "1", "1127.92"),
    "T04-carryover": cell("04", "29", "1", "5.53"),
    "T04-income-grand-total": cell("04", "32", "1", "1132.45"),
    "T04-funds": cell("04", "41", "3", "9.50"),
    "T04-expenditure-total": cell("04", "59", "2", "1120.00"),
    "T04-expenditure-grand-total": cell("04", "60", "2", "5.53"),
    "T04-balance": cell("04", "64", "2", "1132.45"),
    "T05-basic-project": cell("05", "2010301", "1", "136.49"),
    "T07-basic-project": cell("07", "合计", "3", "5.00"),
    "T08-basic-project": cell("08", "合计", "1", "5.00"),
    "T09-budget-total": cell("09", "1", "1", "5.00"),
    "T09-budget-vehicles": cell("09", "1", "3", "5.00"),
    "T09-actual-total": cell("09", "1", "7", "5.00"),
    "T09-actual-vehicles": cell("09", "1", "9", "5.00"),
    "T10-procurement": cell("10", "2", "统计数", "300.00"),
    "T10-vehicles": cell("10", "7", "统计数", "2"),
    "X01-02-income": cell("01", "27", "1", "1127.93"),
    "X01-02-appropriations": cell("02", "合计", "2", "1100.00"),
    "X01-02-superior": cell("01", "4", "1", "1.00"),
    "X01-02-business": cell("01", "5", "1", "1.00"),
    "X01-02-operating": cell("01", "6", "1", "1.00"),
    "X01-02-affiliated": cell("01", "7", "1", "1.00"),
    "X01-02-other": cell("01", "8", "1", "1.01"),
    "X01-03-expenditure": cell("03", "合计", "1", "1128.00"),
    "X01-04-appropriation": cell("04", "1", "1", "1127.92"),
    "X01-04-fund": cell("04", "2", "1", "1.00"),
    "X01-04-capital": cell("04", "3", "1", "1.00"),
    "X04-05-total": cell("05", "合计", "1", "1127.92"),
    "X04-07-income": cell("07", "合计", "2", "5.00"),
    "X04-07-total": cell("07", "合计", "3", "5.00"),
    "X04-08-total": cell("08", "合计", "1", "5.00"),
    "X05-06-basic": cell("06", "人员经费合计", "决算数", "189.72"),
    "X06-10-running-costs": cell("10", "6", "统计数", "16.57"),
    "H-functional-sum": cell("02", "2010350", "1", "16.30"),
    "H06-economic-sum": cell("06", "30201", "决算数", "2.11"),
    "X01-03-classes": cell("01", "50", "2", "18.38"),
    "X04-05-classes": cell("04", "51", "3", "18.38"),
    "X04-07-classes": cell("04", "33", "4", "1.00"),
    "X04-08-classes": cell("04", "33", "5", "1.00"),
    "N-amount": text("基本工资59.99万元", "基本工资59.98万元"),
    "N-share": text("基本支出204.37万元，占比18.13%", "基本支出204.37万元，占比18.31%"),
    "N-change-rate": text("增加308.64万元，增长37.39%，支出总计", "增加308.64万元，下降37.39%，支出总计"),
    "N-completion": text("完成年初预算的146.32%", "完成年初预算的164.32%"),
    "N-untraced": text("其他用车0辆，", "其他用车0辆，另有电动自行车3辆，"),
    "N-reception-split": text("国内接待费0万元", "国内接待费1.00万元"),
    "N-change-sum": text(
        "公务用车运行维护费支出0万元，比上年度减少0.72万元",
        "公务用车运行维护费支出0万元，比上年度减少0.27万元",
    ),
    "F-balance": text("1.894\t0.526", "1.894\t0.626"),
    "F-execution-rate": text("0.526\t78.28", "0.526\t87.28"),
    "F-rate-score": text("78.28\t7.83", "78.28\t8.73"),
    "F-indicator-score": text("足额及时\t达成预期指标\t\t\t10\t8", "足额及时\t达成预期指标\t\t\t10\t12"),
    "F-weights": text("保障\t达成预期指标\t\t\t30\t29", "保障\t达成预期指标\t\t\t35\t29"),
    "F-total": text("89.83\t良", "88.83\t良"),
    "F-grade": text("89.83\t良", "89.83\t优"),
    "C-code-name": text("2010301\t行政运行\t135.49", "2010301\t行政运行费\t135.49"),
    "C-code-level": text("20807\t就业补助\t10.32\t10.32\t\t\t\t\t\n", ""),
    "P-tables-present": text("国有资本经营预算财政拨款支出决算表\n\n公开08表", ""),
    "P-empty-note": text("说明：本表无数据", ""),
    "P-line-numbers": text("二、外交支出\t33", "二、外交支出\t34"),  # 34 is 三、国防支出's 行次
    "P-three-public-explained": text("出国（境）团组共0个，0人次。", ""),
    "P-procurement-explained": text(
        "政府采购授予中小企业合同金额564.32万元，占政府采购支出总额的88.10%。", ""
    ),
    "P-year": text("截至2024年12月31日", "截至2023年12月31日"),
    "P-placeholder": text("主要原因是当年新增项目", "主要原因是【请填写主要原因】"),
    "P-comparison-words": text("完成年初预算的146.32%。", "完成年初预算的146.32%，未完成年初预算。"),
    "P-table-order": text(TABLE_07 + TABLE_08, TABLE_08 + TABLE_07),
    "P-overview": text(between("第一部分 概况\n\n一、", "第二部分 2024年单位决算表\n\n收入"), ""),
    "P-overview-duties": text("一、本部门（单位）职责\n\n（一）负责落实", "（一）负责落实"),
    "P-glossary": text("- 九、基本支出：", "- 九、基本经费："),
    "P-cover": text("2024年度单位决算公开", "2024年度决算公开"),
    "P-unit-or-department": text("2024年度收入总计", "2024年度部门决算收入总计"),
    "P-unit-name": text(
        "部门名称：大同市政务服务中心\n\n2024年度\n\n单位：万元\n\n项目\t\t年初",
        "部门名称：大同市行政审批服务管理局\n\n2024年度\n\n单位：万元\n\n项目\t\t年初",
    ),
    "P-money-unit": given(
        "部门名称：大同市政务服务中心 单位：万元",
        "部门名称：大同市政务服务中心 金额单位：元",
        "部门名称：大同市政务服务中心 金额单位：万元",
    ),
    "P-contents": given(*CONTENTS[:9]),  # 目录 without 十、部门决算公开相关信息统计表
    "P-punctuation": text("主要原因是当年新增项目", "主要原因是当年新增项目。。"),
    "P-repeated-word": text("主要原因是当年新增项目", "主要原因是当年新增新增项目"),
    "P-too-short": text(SAMPLE_TEXT[SAMPLE_TEXT.index("第三部分 情况说明\n\n一、") :], ""),
    "P-venue": given(facts=OutsideFacts(venues=("部门网站",))),
    "P-timeliness": given(facts=OutsideFacts(approved_on=date(2025, 8, 1), published_on=date(2025, 8, 22))),
    "P-approved-figures": given(
        facts=OutsideFacts(approved=(TidyCell("01", "27", "1", "1126.39", "本年收入合计", "金额"),))
    ),
    "N-last-year": given(facts=OutsideFacts(earlier=last_year_as_stated({("01", "31", "1"): "830.44"}))),
    "X-budget-published": given(facts=OutsideFacts(earlier=last_year_and_budget({"201": "701.37"}))),
    "P-units-covered": given(
        facts=OutsideFacts(corpus_units=frozenset({("大同市政务服务中心", 2024)})),
        change=text("没有任何下设单位。", "下设单位：\n\n1\t大同市政务服务中心\n\n2\t大同市政务服务分中心"),
    ),
    # table rules of issue 13 (B08, B15-B17, C03, C08, C09, F01, F02, G04)
    "T04-closing-general": cell("04", "60", "3", "5.53"),
    "T04-closing-fund": cell("04", "60", "4", "1.00"),
    "T04-closing-capital": cell("04", "31", "1", "1.00"),
    "X02-04-appropriations": cell("04", "27", "1", "1127.92"),
    "X06-09-three-public": cell("06", "30217", "决算数", "0.50"),
    "X10-sme-within-procurement": text("授予中小企业合同金额564.32万元", "授予中小企业合同金额664.32万元"),
    "X03-forms-funds": text("\t资金总额:\t177\t177\t177\t177\t", "\t资金总额:\t577\t577\t577\t577\t"),
    "T-values-valid": cell("10", "7", "统计数", "1.5"),
    "T09-blank-items": cell("09", "1", "7", "0.50"),
    "X-code-names": text("20805\t行政事业单位养老支出", "20805\t行政事业单位离退休"),
    "D-functional-detail": text("2010150\t事业运行\t2.47\t2.47\t\n", ""),
    "D-economic-detail": text("303\t对个人和家庭的补助\t7.50", "304\t对个人和家庭的补助\t7.50"),
    "R-reading": text("2101102\t事业单位医疗", "2101102\t事业单位医疗\t0.83\t0.83\t\t\t\t\t\t\t9.99"),
}


# narrative checks of issue 12 (CHECKLIST D and E, A06, A08-A12): one change to the text each
def _without(span: str, *parts: str) -> str:
    for part in parts:
        assert part in span, part
        span = span.replace(part, "")
    return span


NARRATIVE_SIX = between(
    "六、一般公共预算财政拨款基本支出决算情况说明\n\n2024年度",
    "七、政府性基金预算财政拨款收支决算情况说明\n\n本年度",
)
THREE_PUBLIC = between(
    "九、财政拨款“三公”经费支出决算情况说明\n\n（一）", "十、其他重要事项情况说明\n\n（一）"
)
PERFORMANCE_TO_END = SAMPLE_TEXT[SAMPLE_TEXT.index("2、其他需要说明的事项") :]
VEHICLE_PURCHASE = between("公务用车购置费支出0万元，与上年相同", "3、公务用车运行维护费支出0万元")
# from 公开07表's 合计 row to 第三部分 七: a row printed in the table, stated otherwise in the narrative
FUND_SPAN = between("合计\t\t\t\t\t\t\t\n\n注：本表反映", "本年度无此项收支。") + "本年度无此项收支。"


def _fund_item(span: str) -> str:
    item = "2120803\t城市基础设施配套费安排的支出\t\t\t5.00\t\t5.00\t"
    row = f"合计\t\t\t5.00\t\t5.00\t\n\n{item}\n\n注：本表反映"
    span = span.replace("合计\t\t\t\t\t\t\t\n\n注：本表反映", row, 1)
    return span.replace("本年度无此项收支。", "本年度城市基础设施配套费安排的支出8.00万元。")


FAILING.update(
    {
        "N-sections": text(NARRATIVE_SIX, ""),
        "N-running-costs-section": text(
            between("（一）机关运行经费支出情况说明\n\n2024年", "（二）政府采购情况说明\n\n2024年度"), ""
        ),
        "N-procurement-section": text(
            between("（二）政府采购情况说明\n\n2024年度", "（三）国有资产占用情况说明"), ""
        ),
        "N-assets-section": text(between("（三）国有资产占用情况说明\n\n截至", "（四）预算绩效情况说明"), ""),
        "N-performance-section": text(
            between("（四）预算绩效情况说明\n\n1、", "2、其他需要说明的事项") + "2、其他需要说明的事项", ""
        ),
        "N-forms-attached": text(PERFORMANCE_TO_END, "2、其他需要说明的事项\n\n各项目自评表详见附件。\n"),
        "N-three-public-none": text(THREE_PUBLIC, ""),
        "N-fund-none": text("本年度无此项收支。", "本年度情况见公开07表。"),
        "N-vehicle-costs-split": text(
            VEHICLE_PURCHASE,
            _without(
                VEHICLE_PURCHASE,
                "公务用车购置费支出0万元，与上年相同，主要原因是：本单位无公务用车购置支出；",
                "2、公务用车购置支出0万元，使用财政拨款共购置公务用车0辆，主要用于：本单位无公务用车购置费支出。",
            ),
        ),
        "N-vehicle-counts": text("使用财政拨款负担的公务用车保有量共0辆，", ""),
        "N-running-costs-change": text(
            "比2023年增加1.14万元，增长7.9%，主要原因当年办公经费增加", "全部用于日常运转"
        ),
        "N-procurement-kinds": text("政府采购工程支出180.10万元、", ""),
        "N-assets-detail": text("单价100万元（含）以上设备（不含车辆）0台（套）。", ""),
        "N-basic-composition": text("公用经费15.57万元，主要包括办公费", "公用经费15.57万元。办公费"),
        "N-sources-listed": text("其他收入0.01万元，占比0%。", ""),
        "N-performance-content": text(
            "2024年二级项目绩效自评个数11个，涉及资金553.86万元：", "2024年开展了二级项目绩效自评："
        ),
        "N-items-explained": text("一般公共服务支出年初预算711.37万元", "行政运行（项）年初预算711.37万元"),
        "N-change-reasons": text(
            "主要原因是当年新增项目，为新建政务大厅二厅综合改造项目。\n\n二、", "\n\n二、"
        ),
        "N-budget-reasons": text(
            "用于支付员工的公积金。较上年决算减少2.79万元，下降13.83%，主要原因是人员增减变动导致。",
            "用于支付员工的公积金。",
        ),
        "N-three-public-reasons": text(
            THREE_PUBLIC,
            THREE_PUBLIC.replace("主要原因是：", "").replace("主要原因是", "").replace("主要是", ""),
        ),
        "N-template-remnant": text("增长7.9%，主要原因当年办公经费增加", "增长（下降）7.9%，主要原因是："),
        "N-class-names": text(
            "社会保障和就业支出(类)34.14万元", "社会保障和就业支出(类)行政事业单位离退休(款)34.14万元"
        ),
        "N-percent-sign": text("项目支出922.63万元，占比81.87%", "项目支出922.63万元，占比81.87"),
        "N-percent-places": text("项目支出922.63万元，占比81.87%", "项目支出922.63万元，占比81.9%"),
        "N-performance-management": text("2024年二级项目绩效自评个数11个", "2024年二级项目绩效评价个数11个"),
        "N-money-unit": text("基本工资59.99万元", "基本工资59.99元"),
        "N-purpose": text("用于支付员工的公积金", "用于支付职工的医疗保险"),
        "N-three-public-budget": text("全年预算0万元，支出决算0万元", "年初预算1.20万元，支出决算0万元"),
        "N-fund-items": text(FUND_SPAN, _fund_item(FUND_SPAN)),
        "N-same-figure": text(
            "主要是本单位无公务接待费支出。\n\n十、其他重要事项情况说明",
            "主要是本单位无公务接待费支出。全年培训工作人员120人次。\n\n十、其他重要事项情况说明"
            "\n\n全年培训工作人员150人次。",
        ),
        "N-totals-together": text(
            "支出总计增加308.64万元，增长37.39%。主要", "支出总计减少308.64万元，下降37.39%。主要"
        ),
    }
)
