"""How much of 第三部分 the checker covers, per document (benchmarks/narrative_coverage.py): every
number is traced to its source, reported as an error, or listed as N-untraced; and the complete list
of what the tracer's rules report, each error verified against the printed page.

The issue's aim is 95% traced or reported. The reference sample and the central department's
disclosure reach it; the four others cannot, for the reasons named below: the figures left are
published nowhere in the document (no 公开10表, no 绩效自评表, no 上年数, the 上海 预算绩效 summary
of projects and budgets). The floors are what they reach, so that a change that loses coverage
fails; the list of every untraced number is in `benchmarks/narrative_coverage.py --untraced`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from real_documents import REAL, needs_real

from juesuan.rules import Severity, run_rules
from juesuan.rules.narrative import TRACED_RULES
from juesuan.sources import read_path

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from narrative_coverage import coverage

SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"

# (numbers, untraced) and the share traced or reported, at least
COVERAGE = {
    # every number: 共接待国（境）外0批次，0人次 against the 国（境）外接待费0万元 stated before them
    "datong": (130, 0, 1.0),
    # 团组, 车辆 and 接待 counts against 09; 平均每辆2.71万元 against 40.61 ÷ 15; the 中小企业 shares of
    # 货物/服务 against the total awarded; 4个/等3个 against the project names listed; 五（三）'s 年初预算
    # 15068.55 against its 14 items'. Left: 设备 0台（套） (no 公开10表 in the 中央 template), the 预算
    # 绩效 counts of 7 + 16 projects and their 涉及资金 5105.75 (4 forms attached; 5105.75 is no table's
    # figure, so its 100% neither), the 1639.34 of the three projects evaluated (p.27: it is the 全年
    # 预算数 of the 信息化运行维护 form, p.35, but the words say 支出, which is the form's 1032.99: the
    # tracer does not guess which), a data centre's 31个
    "central": (179, 7, 0.96),
    # left: 表4's twelve rates stated without the change or last year's figure (p.17-18; no 上年数 is
    # published anywhere in the document), and （一）'s seven changes of 表1's sources and 表3's classes
    # (p.16: 其中：财政拨款收入增加36,802.62万元…; 教育支出增加22,774.53万元…) stated with neither last
    # year's figure nor a rate: nothing checks them. 57 of 76
    "swu": (76, 19, 0.75),
    # 7个 = 一级项目6个 + 二级项目1个 (the （四）预算绩效 heading the reader leaves among （三）'s
    # paragraphs starts 十（四）), and stated again twice (…及7个项目绩效自评, “…”等7个项目的自评); 0
    # projects with 0 funds, 0% and 0 third parties; the units (下属0个单位出国团组, …0个单位公务用车保有量,
    # …1个单位共接待) 0 exactly when their 三公 item is; 国外来访团组0个 with 来访外宾0人次 (p.27: no
    # persons without a group, at least one per group); the 整体支出 self-evaluation's 含下属单位0个
    # against 第一部分 (p.4: 我部门没有下属单位), and its 涉及一般公共预算支出0万元，政府性基金预算支出0万元
    # (p.28), parts of what it covers, against its 综述's 全年预算数0万元 and 执行数0万元 (p.29: both 0,
    # so each part is 0 whether 涉及 means the budget or the executed); 四's changes the words after
    # them say have nothing to compare with (p.25-26: 无2018年决算数, 无年初预算数, 去年预算数为0): each is
    # the figure itself. Left (p.28): 设备 ×2 (no 公开10表 in the 2019 template), 涉及资金940.15 and its
    # 100% (940.15 is neither 公开05表's 项目支出 921.75 nor any printed figure), the 整体支出 evaluation's
    # 委托0个 (p.29: not evaluated, but no figure of third parties is published): 94 of 99
    "foshan": (99, 5, 0.94),
    # 十（二）: the 采购金额 of reserved projects within their 预留 budget, of the other projects with
    # the 中小企业-reserved within the 政府采购金额; 五（三）'s 年初预算 10210.34 against the sum of its 13
    # items' (10210.33, within rounding); 七 (三公): 国内公务接待支出0.39万 (no 元) within 公务接待费 0.39,
    # 外宾 0.00 within it, 接待外宾0批次、0人次 against the 外宾 0.00; 五（一）'s 增长13.95 printed without
    # % (p.21) against the 增加1193.20万元 before it. Left (p.20-21, p.26, p.28): 项目支出's 较上一度增加
    # 1133.95万元 ×3 (no last year's 项目支出, no rate), a project's progress (较年初完成92%), the 十
    # 预算绩效 counts (39 ×2) and 涉及预算金额 (4415.48 ×3: budgets, no forms attached, no published
    # table holds them), problems found (0个), 设备 0台（套） (no 公开10表 in the Shanghai template):
    # 133 of 144
    "guihua": (144, 11, 0.92),
    # 五（三）'s 全年预算 321.02 against the sum of its nine items'. Left: the same 预算绩效 and 设备
    # figures as 规划资源 (1个 ×2, 175.52 ×3, 0个, 0台（套）): 81 of 88
    "shehui": (88, 7, 0.92),
}
FILES = {
    "datong": SAMPLE,
    "central": REAL / "central-guojiaxinfangju-2024.pdf",
    "swu": REAL / "chongqing-swu-2024.pdf",
    "foshan": REAL / "guangdong-foshan-guidaojiaotong-2019.pdf",
    "guihua": REAL / "shanghai-putuo-guihuaziyuan-2024.pdf",
    "shehui": REAL / "shanghai-putuo-shehuigongzuobu-2024.pdf",
}

# Every error and warning of the tracer's rules (rule, start of message), each checked on the page.
FINDINGS = {
    # 原文第494行: 六 says 职工基本医疗保险缴费 7.55 万元, 公开06表 30110 prints 7.54
    "datong": [("N-amount", "“职工基本医疗保险缴费7.55万元”")],
    # p.17 一: 收、支总计各增加5834.37万元，增长35.74%; 5834.37 ÷ (22066.59 − 5834.37) = 35.943 %
    "central": [
        # p.26 九: 授予中小企业合同金额 1820.69, but 货物 171.7 × 9.16% + 工程 ≤ 3 + 服务 1792.72 × 90.84%
        # is at most 1647.84 (9.16% + 90.84% = 100%: shares of the total awarded, worded as of each kind)
        ("N-share", "“授予中小企业合同金额1820.69万元”与按各类采购金额"),
        ("N-change-rate", "“增长35.74%”"),
    ],
    "swu": [
        # p.15 （三）: 住房保障支出 16,151.67 ÷ 表3 合计 481,483.46 = 3.3546 %, printed 3.36 %
        ("N-share", "“占总支出的3.36%”"),
        # p.17 （五）: 授予小微企业 7,295.12 ÷ 授予中小企业 12,127.08 = 60.155 %, printed 60.02 %
        ("N-share", "“占授予中小企业合同金额的60.02%”"),
    ],
    "foshan": [
        # p.25 四（一）: 一般公共预算财政拨款收入 1668.14 万元 “比上年决算数相比变化0万元，增长0%；主要是
        # 因为我局为2019年新成立单位，无2018年决算数”: from no 2018 figure to 1668.14 is no change of 0
        ("N-change-rate", "“比上年决算数相比变化0万元”有误：其后说明没有上年数"),
        # p.26 四（二）: 1668.14 万元 “比年初预算数增加1668.14万元，增长0%……因此增长率为0%”: the budget
        # is 1668.14 − 1668.14 = 0, no rate of it can be stated
        ("N-change-rate", "“增长0%”有误：预算数 = 本年 1668.14"),
        ("N-change-rate", "“因此增长率为0%”有误"),
        # p.27 十（一）: 机关运行经费 97.19 万元 “比预算数增加97.19万元，增长0%……因此增长0%”: the same
        ("N-change-rate", "“增长0%”有误：预算数 = 本年 97.19"),
        ("N-change-rate", "“因此增长0%”有误"),
        # p.26 九（一）: “三公” 0.16 万元 “完成预算0万元的0%”; 公务接待费 the same: 0.16 is no 0 % of 0
        ("N-completion", "“完成预算的0%”无从计算：所述预算为 0，而“佛山市轨道交通局2019年度"),
        ("N-completion", "“完成预算的0%”无从计算：所述预算为 0，而“公务接待费"),
    ],
    "guihua": [
        ("N-amount", "“卫生健康支出（类）236.63万元”"),  # p.21 五（二）; 公开05表 210 prints 236.64
        # p.24 六: 基本支出 5377.64 and 人员经费 4896.98; 公开05表 prints 5364.75, 06 prints 4884.09
        ("N-amount", "“一般公共预算财政拨款基本支出5377.64万元”"),
        ("N-amount", "“人员经费4896.98万元”"),
        ("N-share", "“占本年支出合计的99.86%”"),  # p.21 五（一）: 9746.50 ÷ 9759.38 = 99.868 %
        ("N-completion", "“完成年初预算的95.45%”"),  # p.21 五（三）: 9746.50 ÷ 10210.34 = 95.457 %
    ],
    "shehui": [
        # p.22 十（二）: 政府采购金额 21.07, all of it awarded in projects reserved for 中小企业 (21.07),
        # and “在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额21.07万元” more
        ("N-amount", "其他政府采购项目的“采购金额21.07万元”与面向中小企业预留项目"),
        ("N-share", "“占9.55%”"),  # p.18 五（二）: 29.42 ÷ 307.82 = 9.557 %
        # p.17 一、四、五（一） and p.21 十（一）: the unit was set up in 2024, last year is 0: no growth
        # rate (增长100.00%) of a zero base
        ("N-change-rate", "“增长100.00%”有误：上年数 = 本年 307.82"),
        ("N-change-rate", "“增长100.00%”有误：上年数 = 本年 307.82"),
        ("N-change-rate", "“增长100.00%”有误：上年数 = 本年 307.82"),
        ("N-change-rate", "“增长100.00%”有误：上年数 = 本年 10.23"),
        # p.18 五（三）: 年初预算为0万元 … 完成年初预算的95.89%: 307.82 ÷ 321.02, the 全年预算
        ("N-completion", "“完成年初预算的95.89%”无从计算"),
    ],
}


@pytest.fixture(scope="module", params=list(FILES))
def checked(request):
    path = FILES[request.param]
    if request.param != "datong" and not REAL.is_dir():
        pytest.skip("真实样本目录不存在（../shared/samples/real）")
    disclosure = read_path(path)[0]
    return request.param, disclosure, run_rules(disclosure)


def test_share_of_numbers_traced_or_reported(checked):
    name, disclosure, findings = checked
    found = coverage(disclosure, findings)
    numbers, untraced, floor = COVERAGE[name]
    assert (found.numbers, found.untraced) == (numbers, untraced)
    assert found.share >= floor


def test_the_tracer_reports_exactly_the_verified_findings(checked):
    name, _, findings = checked
    reported = [f for f in findings if f.rule in TRACED_RULES and f.severity != Severity.INFO]
    assert all(f.severity == Severity.ERROR for f in reported)
    expected = FINDINGS[name]
    assert len(reported) == len(expected), [f.message for f in reported]
    for (rule, said), finding in zip(expected, reported, strict=True):
        assert (finding.rule, finding.message.startswith(said)) == (rule, True), finding.message


@needs_real
def test_the_real_samples_are_all_measured():
    assert {p.name for p in REAL.glob("*.pdf")} == {p.name for n, p in FILES.items() if n != "datong"}


def _running_costs(text: str) -> list[tuple[str, str]]:
    import dataclasses

    from juesuan.model import Paragraph, Section

    reference = read_path(SAMPLE)[0]
    sub = Section("（一）", "机关运行经费支出情况说明", (Paragraph(text),))
    ten = Section("十", "其他重要事项情况说明", (), (sub,))
    findings = run_rules(dataclasses.replace(reference, narrative=(ten,)))
    return [(f.rule, f.message) for f in findings if f.rule in TRACED_RULES]


def test_a_year_first_comparison_reads_the_first_figure_as_last_years():
    said = "2023年机关运行经费支出14.43万元，2024年机关运行经费支出15.57万元，增加1.14万元，增长7.90%。"
    assert _running_costs(said) == []  # 14.43 is last year's, not this year's 15.57
    slip = _running_costs(said.replace("增加1.14", "增加1.41"))
    assert [rule for rule, _ in slip] == ["N-change-rate", "N-change-rate"]  # 15.57 − 14.43 = 1.14


def _in_part(number: str, title: str, text: str) -> list[tuple[str, str]]:
    """The tracer's errors for `text` as the one paragraph of 十's sub-section (number, title)."""
    import dataclasses

    from juesuan.model import Paragraph, Section

    reference = read_path(SAMPLE)[0]
    sub = Section(number, title, (Paragraph(text),))
    ten = Section("十", "其他重要事项情况说明", (), (sub,))
    findings = run_rules(dataclasses.replace(reference, narrative=(ten,)))
    return [(f.rule, f.message) for f in findings if f.rule in TRACED_RULES and f.severity == Severity.ERROR]


PERFORMANCE = ("（四）", "预算绩效情况说明")
PROCUREMENT = ("（二）", "政府采购情况说明")
NONE = "共组织对0个项目开展了重点绩效评价，涉及一般公共预算支出0万元，政府性基金预算支出"
NAMES = "反映了“信访研究宣传立法专项”、“资产运行维护”和“信访干部培训专项”"
CARS = "年末实际保有量为15辆，全年公务用车运行维护费支出40.61万元，平均每辆"
ASSETS = ("（三）", "国有资产占用情况说明")
RUNNING = ("（一）", "机关运行经费支出情况说明")
SELF_EVALUATED = "组织对7个一般公共预算项目支出开展绩效自评，其中一级项目6个，二级项目1个。我部门今年开展了"
WHOLE = "组织部门（单位）整体支出绩效自评（含下属单位"
NEW_UNIT = "主要是因为本单位为2024年新成立单位，无2023年决算数。"
# 佛山 2019 pp.28-29: the 整体支出 self-evaluation's funds by kind, and its 综述
INVOLVED = f"{WHOLE}0个），涉及一般公共预算支出{{}}万元，政府性基金预算支出{{}}万元。"
SUMMARY = "部门整体支出绩效自评综述：部门整体支出绩效自评得分为0分。全年预算数{}万元，执行数{}万元。"
RELATIONS = [
    # a part (其中, 含) within the amount stated right before it: the sample's 机关运行经费 is 15.57
    (RUNNING, "机关运行经费支出15.57万元，其中：办公费3.00万元。", 0),
    (RUNNING, "机关运行经费支出15.57万元，其中：办公费16.00万元。", 1),
    # the projects self-evaluated, stated again
    (PERFORMANCE, f"{SELF_EVALUATED}部门整体支出及7个项目绩效自评。", 0),
    (PERFORMANCE, f"{SELF_EVALUATED}部门整体支出及8个项目绩效自评。", 1),
    # a count of 0 projects: the funds, shares and third parties stated with it are 0
    (PERFORMANCE, f"{NONE}0万元。", 0),
    (PERFORMANCE, f"{NONE}12万元。", 1),
    (PERFORMANCE, "其中，对0个项目分别委托2个第三方机构开展绩效评价。", 1),
    # a count after the quoted names it counts
    (PERFORMANCE, f"{NAMES}3个项目绩效自评结果。", 0),
    (PERFORMANCE, f"{NAMES}4个项目绩效自评结果。", 1),
    # an average against the total and the count
    (ASSETS, f"{CARS}2.71万元。", 0),
    (ASSETS, f"{CARS}2.17万元。", 1),
    # the subordinate units covered, where 第一部分 says there are none (the sample: 没有任何下设单位)
    (PERFORMANCE, f"{WHOLE}0个）。", 0),
    (PERFORMANCE, f"{WHOLE}2个）。", 1),
    # the funds the evaluation involves by kind, parts of its 综述's 全年预算数 and 执行数, both 0
    (PERFORMANCE, INVOLVED.format(0, 0) + SUMMARY.format(0, 0), 0),
    (PERFORMANCE, INVOLVED.format(12, 0) + SUMMARY.format(0, 0), 1),
    (PERFORMANCE, INVOLVED.format(0, 3) + SUMMARY.format(0, 0), 1),
    # of any other 综述 they are only a bound (the evaluation may cover other funds): not checked
    (PERFORMANCE, INVOLVED.format(12, 0) + SUMMARY.format(20, 20), 0),
    # a change whose words say there is nothing to compare with is the figure itself
    (RUNNING, f"机关运行经费支出15.57万元，比上年增加15.57万元，{NEW_UNIT}", 0),
    (RUNNING, f"机关运行经费支出15.57万元，比上年增加10.00万元，{NEW_UNIT}", 1),
]


@pytest.mark.parametrize(("part", "text", "errors"), RELATIONS)
def test_relations_within_a_paragraph(part, text, errors):
    found = _in_part(*part, text)
    assert len(found) == errors, found


VISITS = "共接待国外来访团组{}个，来访外宾{}人次。"


@pytest.mark.parametrize(
    ("groups", "persons", "warned"), [(0, 0, False), (2, 5, False), (2, 1, True), (0, 3, True)]
)
def test_the_persons_of_the_groups_counted_before_them(groups, persons, warned):
    import dataclasses

    from juesuan.model import Paragraph, Section

    reference = read_path(SAMPLE)[0]
    sub = Section(
        "（二）", "“三公”经费财政拨款支出决算具体情况说明", (Paragraph(VISITS.format(groups, persons)),)
    )
    nine = Section("九", "财政拨款“三公”经费支出决算情况说明", (), (sub,))
    findings = run_rules(dataclasses.replace(reference, narrative=(nine,)))
    found = [(f.rule, f.severity) for f in findings if f.rule in TRACED_RULES]
    # each group has one person at least, and there are no persons without a group: a warning
    assert found == ([("N-amount", Severity.WARNING)] if warned else [])


# 五（三） of the reference sample, without its rates: the budget of the whole and of each 类
ITEMS = (
    "2024年度一般公共预算财政拨款支出年初预算770.18万元，支出决算1,126.92万元。",
    "一般公共服务支出年初预算711.37万元，支出决算1,066.35万元。",
    "社会保障和就业支出年初预算26.93万元，支出决算34.14万元。",
    "卫生健康支出年初预算10.23万元，支出决算9.05万元。",
    "住房保障支出年初预算21.65万元，支出决算17.38万元。",
)


def _budgets(paragraphs: tuple[str, ...]) -> list[tuple[str, str]]:
    import dataclasses

    from juesuan.model import Paragraph, Section

    reference = read_path(SAMPLE)[0]
    sub = Section("（三）", "一般公共预算财政拨款支出决算具体情况", tuple(Paragraph(p) for p in paragraphs))
    five = Section("五", "一般公共预算财政拨款支出决算情况说明", (), (sub,))
    findings = run_rules(dataclasses.replace(reference, narrative=(five,)))
    return [(f.rule, f.message) for f in findings if f.rule in TRACED_RULES and f.severity == Severity.ERROR]


def test_the_budget_of_the_whole_is_the_sum_of_its_items():
    assert _budgets(ITEMS) == []  # 711.37 + 26.93 + 10.23 + 21.65 = 770.18
    wrong = (ITEMS[0].replace("770.18", "780.18"), *ITEMS[1:])
    said = "“2024年度一般公共预算财政拨款支出年初预算780.18万元”与其后逐项所述年初预算之和 770.18"
    assert _budgets(wrong) == [("N-amount", f"{said}不符，差 10.00")]
    # an item left out: its 决算 no longer adds up to the whole's, so the budgets are not summed
    assert _budgets(ITEMS[:-1]) == []
