"""第三部分 traced on every template: 中央部门 (国家信访局 2024), 广东 2019 (佛山市轨道交通局),
教育部直属高校 (西南大学 2024, its narrative the 决算报表说明), Shanghai and the reference sample.

The wordings differ from the reference's: the unit names itself before the year (国家信访局2024年度
收、支总计…), 一 is split into （一）收入 and （二）支出 line by line of 公开01表, changes are 比2023年度
决算数增加 and falls 降低, levels are worded 卫生健康支出（类）支出, 机关运行经费 and 政府采购 are
sections of their own, a 绩效自评表 is printed inside the narrative, 高校 explain their 表4 item by
item by code. Every narrative error left is one the printed page shows, each verified by hand
(`pdftotext -layout -f N -l N`) and explained below by interval arithmetic on the printed figures.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from juesuan.model import Disclosure, Paragraph, Section
from juesuan.narrative.trace import Trace, trace_narrative
from juesuan.rules import Severity, run_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.narrative import TRACED_RULES, claim_text
from juesuan.sources import read_path

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="真实样本目录不存在（../shared/samples/real）")

CENTRAL = "central-guojiaxinfangju-2024.pdf"
FOSHAN = "guangdong-foshan-guidaojiaotong-2019.pdf"
SWU = "chongqing-swu-2024.pdf"
GUIHUA = "shanghai-putuo-guihuaziyuan-2024.pdf"
SHEHUI = "shanghai-putuo-shehuigongzuobu-2024.pdf"
DATONG = "datong-zwfwzx-2024.txt"


@cache
def checked(name: str) -> tuple[Disclosure, tuple]:
    disclosure = read_path(SAMPLE if name == DATONG else REAL / name)[0]
    return disclosure, tuple(run_rules(disclosure))


def narrative_errors(name: str) -> list[tuple[str, str, str]]:
    findings = checked(name)[1]
    chosen = [f for f in findings if f.rule in TRACED_RULES and f.severity != Severity.INFO]
    return sorted((f.rule, f.where, f.message) for f in chosen)


def untraced(name: str) -> list[str]:
    """What each untraced number says (its words and figure), without the reason given."""
    return [f.message.split("未能追溯到来源")[0] for f in checked(name)[1] if f.rule == "N-untraced"]


def traced(name: str) -> list[tuple[str, str, str]]:
    """(section, the claim as printed, its source or the claims it was computed from)."""
    from juesuan.catalogue.templates import template_of, under

    disclosure = checked(name)[0]
    with under(template_of(disclosure)):
        traces = trace_narrative(disclosure)
    return [(t.section, claim_text(t.claim), traced_to(t)) for t in traces if t.traced]


def traced_to(trace: Trace) -> str:
    stated = (claim for claim in trace.operands if claim is not None)  # a kind with no share stated
    return trace.source or " ; ".join(claim_text(claim) for claim in stated)


# N-untraced before tracing under the templates' wordings → after. What stays untraced has no
# source anywhere in the document: counts of 团组, 人次, 批次 and cars; 政府采购 and 国有资产 (公开10表
# is not part of the 中央, 广东 2019, 高校 or Shanghai templates); year-over-year rates stated without
# the change (高校 表4 items); budgets stated with no 决算 to compare (年初预算为0万元); 预算绩效
# sections that speak of every project while attaching the forms of a few (国家信访局: 23 projects,
# 4 forms). Changes against the budget (广东 2019 四（二） 比年初预算数增加, 十（一） 比预算数增加) are
# traced: their rate is of the budget as base (本年数 − 增减额), as a year-over-year rate is of last year.
# Since the stated relations (narrative/relations.py: a total and its parts, a budget compared in words
# with its 决算) and the counts of 九 (0 exactly when their amount is) are checked: → the third
# figure; since the relations within a paragraph (averages, counts of the names listed, 中小企业
# shares by kind, reserved procurement, the funds of 0 projects, counts of part of the receptions
# after their own amount) are checked: → the fourth; since the relations between the paragraphs of a
# section (五（三）'s budget of the whole is the sum of its items', 十（四）'s projects self-evaluated
# stated again, a part 其中/含 within its whole, the units 下属N个单位 with their 三公 item, counts of
# 外宾 receptions against the 外宾 amount) are checked: → the fifth. 广东 2019's 国外来访团组 is no
# longer read as groups sent abroad (a part of the receptions, whose cost is not stated). Since the
# persons of the groups counted right before them (国外来访团组0个，来访外宾0人次) and a count of
# 下属单位 where 第一部分 says there are none (佛山 p.4: 我部门没有下属单位) are checked: → the sixth.
# Since a change that nothing checks (no last year's figure or budget stated, no rate, no sum of
# changes: 西南大学 p.16 其中：财政拨款收入增加36,802.62万元…, 规划资源 较上一度增加1133.95万元) is listed
# as untraced, and a rate printed without % is read (规划资源 p.21 增长13.95, checked against the
# 增加1193.20万元 before it), and a change the words after it say has nothing to compare with (佛山
# p.25-26: 无2018年决算数, 无年初预算数) is checked as the figure itself: → the seventh. Since the
# funds an evaluation involves by kind are parts of its 综述's 全年预算数 and 执行数 where both are 0
# (佛山 pp.28-29, 整体支出绩效自评): → the last.
UNTRACED = {
    CENTRAL: (142, 28, 12, 7, 7, 7, 7, 7),
    FOSHAN: (87, 41, 25, 14, 10, 7, 7, 5),
    SWU: (50, 17, 17, 12, 12, 12, 19, 19),
    GUIHUA: (39, 39, 16, 11, 8, 8, 11, 11),
    SHEHUI: (37, 37, 13, 8, 7, 7, 7, 7),
    DATONG: (15, 15, 2, 0, 0, 0, 0, 0),
}


@pytest.mark.parametrize("name", [CENTRAL, FOSHAN, SWU, GUIHUA, SHEHUI])
@needs_real
def test_untraced_counts_per_real_document(name):
    assert len(untraced(name)) == UNTRACED[name][-1]


def test_untraced_count_of_the_reference_sample():
    assert len(untraced(DATONG)) == UNTRACED[DATONG][-1]


@needs_real
def test_what_central_leaves_untraced_has_no_published_source():
    left = untraced(CENTRAL)
    # 一项 with no completion rate, compared in words (决算数大于预算数): 497.53 > 0, checked
    assert "“年初预算为0万元”" not in left
    assert "“平均每辆2.71万元”" not in left  # 40.61 ÷ 15 辆, both stated before it
    assert not any("国家信访局2024年度" in text for text in left)  # the unit's name no longer hides a subject
    assert not any("\t" in text for text in left)  # the 绩效自评表 printed inside 十一 is no narrative


CENTRAL_TRACED = [
    ("一", "国家信访局2024年度收、支总计22066.59万元", "01[31,1]"),
    ("一", "增长35.74%", "收、支总计各增加5834.37万元 ; 国家信访局2024年度收、支总计22066.59万元"),
    ("一（一）", "一般公共预算财政拨款收入19572.91万元", "01[1,1]"),
    ("一（一）", "降低31.85%", "比2023年度决算数减少754.91万元 ; 年初结转和结余1615.24万元"),
    ("一（二）", "一般公共服务（类）支出10685.56万元", "01[32,2]"),
    ("一（二）", "卫生健康支出（类）支出497.53万元", "01[40,2]"),
    ("一（二）", "年末结转和结余7494.06万元", "01[60,2]"),
    ("二", "一般公共预算财政拨款收入19572.91万元", "01[1,1]"),
    ("二", "占95.7%", "02[合计,1]"),  # printed with a full-width ％
    ("三", "一般公共服务支出10685.56万元", "03[201,1]"),  # after 按功能分类支出划分为
    ("四", "国家信访局2024年度财政拨款收支总决算20727.53万元", "04[32,1]"),
    ("五（一）", "占总支出94.24%", "01[58,2]"),
    ("五（二）", "住房保障（类）支出980.85万元", "05[221,1]"),
    ("五（三）", "支出决算为13733.8万元", "05[合计,1]"),
    ("五（三）", "支出决算为1028.48万元", "05[2080501,1]"),  # 归口管理的行政单位离退休（项）
    ("六", "国家信访局2024年度财政拨款基本支出10234.37万元", "05[合计,2]"),
    ("九（一）", "国家信访局2024年度“三公”经费财政拨款支出预算为76.43万元", "09[1,1]"),
    ("九（一）", "公务用车购置及运行费支出决算为40.61万元", "09[1,9]"),
    ("九（二）", "全年公务用车运行维护费支出40.61万元", "09[1,11]"),
    ("十（一）", "增长16.35%", "比2023年度决算数增加318.58万元 ; 2024年度机关运行经费支出2266.65万元"),
    ("十（二）", "占授予中小企业合同金额的55.78%",
     "授予小微企业合同金额1015.5万元 ; 授予中小企业合同金额1820.69万元"),
    ("十（四）（二）", "完成预算的77.1%", "执行数为413.57万元 ; 全年预算数为536.20万元"),
]  # fmt: skip
FOSHAN_TRACED = [
    ("一（一）", "佛山市轨道交通局2019年度总收入1668.14万元", "01[31,1]"),
    ("一（一）", "本年收入1668.14万元", "01[27,1]"),
    ("一（一）", "其他收入0.01万元", "01[8,1]"),
    ("一（二）", "本年支出1668.14万元", "01[58,2]"),
    ("一（二）", "对附属单位补助支出0万元", "03[合计,6]"),
    ("四（一）", "佛山市轨道交通局2019年度财政拨款收入合计1668.14万元", "04[27,1]"),
    ("四（一）", "增长0%", "比上年决算数相比变化0万元 ; 一般公共预算财政拨款收入1668.14万元"),
    ("四（二）", "一般公共预算财政拨款支出1668.14万元", "04[59,3]"),
    ("四（二）", "比年初预算数增加1668.14万元", "一般公共预算财政拨款支出1668.14万元"),
    ("四（二）", "因此增长率为0%", "比年初预算数增加1668.14万元 ; 一般公共预算财政拨款支出1668.14万元"),
    ("四（二）", "比年初预算数增加0万元", "政府性基金预算财政拨款支出0万元"),
    ("九（一）", "完成预算0万元", "09[1,1]"),  # “三公”经费…决算为0.16万元，完成预算0万元的0%
    ("九（一）", "完成预算0万元", "09[1,6]"),  # 公务接待费支出决算为0.16万元，完成预算0万元的0%
    ("九（二）", "公务用车运行及维护支出0万元", "09[1,11]"),
    ("十（一）", "增长0%", "比预算数增加97.19万元 ; 2019年本部门机关运行经费支出97.19万元"),
]
SWU_TRACED = [
    ("一", "学校2024年度收入总计477,447.73万元", "01[27,1]"),  # 高校: 收入总计 is 本年收入合计
    ("一", "增长10.85%", "增加46,722.70万元 ; 学校2024年度收入总计477,447.73万元"),
    ("一", "教育支出增加22,774.53万元", "01[36,2]"),
    ("三", "学校2024年度各项支出总计481,483.46万元", "01[58,2]"),
    ("三", "住房保障支出16,151.67万元", "03[221,1]"),
    ("五", "学校2024年度财政拨款支出总计为266,783.56万元", "U04[合计,1]"),
    ("五", "占总支出的78.68%", "U04[合计,1]"),  # 总支出 of 表4, not of 表1
    ("五", "2024年度决算数为6,304.68万元", "U04[2059802,1]"),  # 高等教育（2059802）, not 2050205
    ("其他五", "占政府采购支出总额的79.02%",
     "授予中小企业合同金额12,127.08万元 ; 学校2024年度政府采购支出总额15,346.40万元"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"), [(CENTRAL, CENTRAL_TRACED), (FOSHAN, FOSHAN_TRACED), (SWU, SWU_TRACED)]
)
@needs_real
def test_sentences_are_traced_to_their_cells(name, expected):
    found = traced(name)
    assert [entry for entry in expected if entry not in found] == []


# Every narrative error `check` reports, each certain from the printed figures' intervals.
CENTRAL_ERRORS = [
    # 第17页 (printed 15): “国家信访局 2024 年度收、支总计 22066.59 万元，与 2023 年相比，收、支总计各
    # 增加 5834.37 万元，增长 35.74%”. Last year 22066.59 − 5834.37 = 16232.22; 5834.37 ÷ 16232.22
    # lies in [35.9431, 35.9432] %: 35.94 %, never 35.74 % (a slipped digit).
    ("N-change-rate", "第三部分 一 第15页（文件第17页）",
     "“增长35.74%”与按 增减额 5834.37 与本年 22066.59 计算的 35.94% 不符"),
    # 第26页 (printed 24) 九: 货物 171.7 万元 “授予中小企业合同金额占货物支出金额的 9.16%”, 服务
    # 1792.72 万元 “…占服务支出金额的 90.84%”, 工程 3 万元 with no share: awarded at most
    # 171.7 × 9.16% + 3 + 1792.72 × 90.84% ≈ 1647.84, never the 1820.69 stated (9.16 and 90.84 add up
    # to 100: shares of the 1820.69 itself, worded as shares of each kind).
    ("N-share", "第三部分 十（二） 第24页（文件第26页）",
     "“授予中小企业合同金额1820.69万元”与按各类采购金额及其授予中小企业比例（货物 171.7×9.16%、"
     "工程 0～3、服务 1792.72×90.84%）合计的 1644.13～1647.84 万元不符"),
]  # fmt: skip
FOSHAN_ERRORS = [
    # 第25页 四（一）: “一般公共预算财政拨款收入 1668.14 万元，比上年决算数相比变化 0 万元，增长 0%；主要是
    # 因为我局为 2019 年新成立单位，无 2018 年决算数”: by its own words there is no 2018 figure, so the
    # income went from none to 1668.14, no change of 0 (政府性基金 0 万元 “变化 0 万元” is right)
    ("N-change-rate", "第三部分 四（一） 第25页",
     "“比上年决算数相比变化0万元”有误：其后说明没有上年数（为 0），"
     "增减额应为本年的“一般公共预算财政拨款收入1668.14万元”"),
    # 第26页 四（二）: “一般公共预算财政拨款支出 1668.14 万元，比年初预算数增加 1668.14 万元，增长 0%；
    # 主要是因为我局去年预算数为 0，因此增长率为 0%”. The budget is 1668.14 − 1668.14, in [−0.01, 0.01];
    # rate × budget is then within ±0.5% × 0.01, never the 1668.135 (and more) × 100 of the change:
    # of a base of 0 no rate can be stated, 0% no more than any other. Both rates printed are wrong.
    ("N-change-rate", "第三部分 四（二） 第26页",
     "“增长0%”有误：预算数 = 本年 1668.14 − 增减额 1668.14 = 0，增长率无从计算"),
    ("N-change-rate", "第三部分 四（二） 第26页",
     "“因此增长率为0%”有误：预算数 = 本年 1668.14 − 增减额 1668.14 = 0，增长率无从计算"),
    # 第26页 九（一）: ““三公”经费财政拨款支出决算为 0.16 万元，完成预算 0 万元的 0%” (公开09表: 预算数
    # 0.00, 决算数 0.16): a 0% of a budget in [−0.005, 0.005] is within ±0.5% × 0.005, never the
    # 0.155 (and more) × 100 of the 决算. The same for 公务接待费 (0.16 of 0.00). 因公出国（境）费 and
    # 公务用车 (决算 0 of 预算 0, 0%) may be 0 of 0: not reported.
    ("N-completion", "第三部分 九（一） 第26页",
     "“完成预算的0%”无从计算：所述预算为 0，"
     "而“佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元”不为 0"),
    ("N-completion", "第三部分 九（一） 第26页",
     "“完成预算的0%”无从计算：所述预算为 0，而“公务接待费支出决算为0.16万元”不为 0"),
    # 第27页 十（一）: “机关运行经费支出 97.19 万元，比预算数增加 97.19 万元，增长 0%。… 预算数为 0，因此
    # 增长 0%”: the budget is 97.19 − 97.19 = 0 (within ±0.01), the rate of a change of 97.19 undefined.
    ("N-change-rate", "第三部分 十（一） 第27页",
     "“增长0%”有误：预算数 = 本年 97.19 − 增减额 97.19 = 0，增长率无从计算"),
    ("N-change-rate", "第三部分 十（一） 第27页",
     "“因此增长0%”有误：预算数 = 本年 97.19 − 增减额 97.19 = 0，增长率无从计算"),
]  # fmt: skip
SWU_ERRORS = [
    # 第17页 (printed 15): “住房保障支出 16,151.67 万元，占总支出的 3.36%”, 总支出 481,483.46 (表3 合计):
    # 16,151.67 ÷ 481,483.46 lies in [3.35456, 3.35457] %, which rounds to 3.35, never 3.36 (the five
    # shares were made to add up to 100.00; rounded honestly they add up to 99.99).
    ("N-share", "第三部分 三 第15页（文件第17页）",
     "“占总支出的3.36%”与按 住房保障支出16,151.67万元÷公开03表 合计 第1栏（481,483.46） 计算的 3.35% 不符"),
    # 第19页 (printed 17): “授予中小企业合同金额 12,127.08 万元 … 其中：授予小微企业合同金额 7,295.12
    # 万元，占授予中小企业合同金额的 60.02%”: 7,295.12 ÷ 12,127.08 lies in [60.1555, 60.1557] %.
    ("N-share", "第三部分 其他五 第17页（文件第19页）",
     "“占授予中小企业合同金额的60.02%”与按 授予小微企业合同金额7,295.12万元÷"
     "授予中小企业合同金额12,127.08万元 计算的 60.16% 不符"),
]  # fmt: skip
GUIHUA_ERRORS = [
    # 第21页: 五（二） “卫生健康支出（类）236.63 万元”, 公开05表 210 prints 236.64.
    ("N-amount", "第三部分 五（二） 第21页",
     "“卫生健康支出（类）236.63万元”与公开05表 210 卫生健康支出 第1栏（236.64）不符，差 0.01"),
    # 第21页: 9746.50 ÷ 9759.38 lies in [99.8679, 99.8681] %: 99.87, never 99.86.
    ("N-share", "第三部分 五（一） 第21页",
     "“占本年支出合计的99.86%”与按 一般公共预算财政拨款支出9746.50万元÷"
     "公开01表 第58行 本年支出合计（9759.38） 计算的 99.87% 不符"),
    # 第21页: 9746.50 ÷ 10210.34 lies in [95.4571, 95.4572] %: 95.46, never 95.45.
    ("N-completion", "第三部分 五（三） 第21页",
     "“完成年初预算的95.45%”与按 决算 9746.50 ÷ 年初预算 10210.34 计算的 95.46% 不符"),
    # 第24页: 六 “一般公共预算财政拨款基本支出 5377.64 万元 … 人员经费 4896.98 万元”; 05 prints 基本支出
    # 5364.75 and 06 人员经费合计 4884.09 (12.89 apart both times: 03's 基本支出 of all funds).
    ("N-amount", "第三部分 六 第24页",
     "“一般公共预算财政拨款基本支出5377.64万元”与公开05表 合计 第2栏（5364.75）不符，差 12.89"),
    ("N-amount", "第三部分 六 第24页",
     "“人员经费4896.98万元”与公开06表 人员经费合计（4884.09）不符，差 12.89"),
]  # fmt: skip
SHEHUI_ERRORS = [
    # 第17页 一, 四, 五（一） and 第21页 十（一）: a unit set up in 2024 (“单位于 2024 年成立”) writes each
    # change as “增加 307.82 万元，增长 100.00%” of a 2024 figure of 307.82 (10.23 for 机关运行经费): last
    # year is 307.82 − 307.82 = 0 (within ±0.01), and 100.00% × at most 0.01 is never 307.815 × 100.
    # 100% would mean last year's was 307.82 too; of a base of 0 no rate can be stated.
    ("N-change-rate", "第三部分 一 第17页",
     "“增长100.00%”有误：上年数 = 本年 307.82 − 增减额 307.82 = 0，增长率无从计算"),
    ("N-change-rate", "第三部分 四 第17页",
     "“增长100.00%”有误：上年数 = 本年 307.82 − 增减额 307.82 = 0，增长率无从计算"),
    ("N-change-rate", "第三部分 五（一） 第17页",
     "“增长100.00%”有误：上年数 = 本年 307.82 − 增减额 307.82 = 0，增长率无从计算"),
    ("N-change-rate", "第三部分 十（一） 第21页",
     "“增长100.00%”有误：上年数 = 本年 10.23 − 增减额 10.23 = 0，增长率无从计算"),
    # 第18页: 29.42 ÷ 307.82 lies in [9.5558, 9.5593] %: never 9.55.
    ("N-share", "第三部分 五（二） 第18页",
     "“占9.55%”与按 住房保障支出（类）29.42万元÷公开05表 合计 第1栏（307.82） 计算的 9.56% 不符"),
    # 第18页: “年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%”:
    # the rate is of the 全年预算 (307.82 ÷ 321.02 = 95.888 %), not of a 年初预算 of 0.
    ("N-completion", "第三部分 五（三） 第18页",
     "“完成年初预算的95.89%”无从计算：所述年初预算为 0，而按决算 307.82 与此比率推算，预算应约为 321.01"),
    # 第22页 十（二）: 政府采购金额 21.07 万元 in all; the projects reserved for 中小企业 awarded 21.07 and
    # “在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 21.07 万元”: 42.14 of 21.07.
    ("N-amount", "第三部分 十（二） 第22页",
     "其他政府采购项目的“采购金额21.07万元”与面向中小企业预留项目的“采购金额21.07万元”之和超过"
     "“中共上海市普陀区委社会工作部2024年度政府采购金额（以合同签订为准）为21.07万元”"),
]  # fmt: skip
DATONG_ERRORS = [
    # 原文第494行: 六 “职工基本医疗保险缴费7.55万元”, 公开06表 30110 prints 7.54.
    ("N-amount", "第三部分 六 原文第494行",
     "“职工基本医疗保险缴费7.55万元”与公开06表 30110 职工基本医疗保险缴费（7.54）不符，差 0.01"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (CENTRAL, CENTRAL_ERRORS),
        (FOSHAN, FOSHAN_ERRORS),
        (SWU, SWU_ERRORS),
        (GUIHUA, GUIHUA_ERRORS),
        (SHEHUI, SHEHUI_ERRORS),
    ],
)
@needs_real
def test_every_narrative_error_is_one_the_page_prints(name, expected):
    assert narrative_errors(name) == sorted(expected)


def test_the_reference_sample_keeps_its_one_narrative_error():
    assert narrative_errors(DATONG) == DATONG_ERRORS


# The wordings, each on a disclosure written out here (no real document needed).

CENTRAL_01 = table_literal(
    "01",
    {"1": {"1": "19,572.91"}, "8": {"1": "878.44"}, "27": {"1": "20,451.35"}, "29": {"1": "1,615.24"},
     "31": {"1": "22,066.59"}, "32": {"2": "10,685.56"}, "40": {"2": "497.53"}, "58": {"2": "14,572.53"},
     "60": {"2": "7,494.06"}, "62": {"2": "22,066.59"}},
)  # fmt: skip


def with_sections(*sections: Section, tables=(CENTRAL_01,), unit: str = "国家信访局") -> Disclosure:
    return dataclasses.replace(disclosure_literal(*tables, unit=unit), narrative=sections)


def errors_of(disclosure: Disclosure) -> list[str]:
    return [f.rule for f in run_rules(disclosure) if f.rule in TRACED_RULES and f.severity != Severity.INFO]


def sources(disclosure: Disclosure) -> list[tuple[str, str, str]]:
    return [(t.section, claim_text(t.claim), traced_to(t)) for t in trace_narrative(disclosure) if t.traced]


def test_one_split_into_income_and_expenditure_is_traced_line_by_line_of_01():
    income = Section("（一）", "收入决算具体情况", (
        Paragraph("1.一般公共预算财政拨款收入19572.91万元，比2023年度决算数增加6263.17万元，增长47.06%。"),
        Paragraph("3.年初结转和结余1615.24万元，比2023年度决算数减少754.91万元，降低31.85%。"),
    ))  # fmt: skip
    spending = Section("（二）", "支出决算具体情况", (
        Paragraph("4.卫生健康支出（类）支出497.53万元，比2023年度决算增加10.01万元，增长2.05%。"),
        Paragraph("6.年末结转和结余7494.06万元，比2023年度决算数增加5878.82万元，增长363.96%。"),
    ))  # fmt: skip
    opening = Paragraph("国家信访局2024年度收、支总计22066.59万元，与2023年相比，"
                        "收、支总计各增加5834.37万元。")  # fmt: skip
    disclosure = with_sections(Section("一", "收入支出决算总体情况说明", (opening,), (income, spending)))
    found = sources(disclosure)
    assert ("一", "国家信访局2024年度收、支总计22066.59万元", "01[31,1]") in found
    assert ("一（一）", "一般公共预算财政拨款收入19572.91万元", "01[1,1]") in found
    assert ("一（一）", "年初结转和结余1615.24万元", "01[29,1]") in found  # income side
    assert ("一（二）", "年末结转和结余7494.06万元", "01[60,2]") in found  # expenditure side
    assert ("一（二）", "卫生健康支出（类）支出497.53万元", "01[40,2]") in found
    assert len(found) == len(trace_narrative(disclosure))
    assert errors_of(disclosure) == []


def test_a_share_of_a_total_no_table_publishes_is_of_the_total_stated():
    text = ("2024年度国家信访局政府采购支出总额1967.42万元，其中：政府采购货物支出171.7万元。"
            "授予中小企业合同金额1820.69万元，占政府采购支出总额的92.54%，其中："
            "授予小微企业合同金额1015.5万元，占授予中小企业合同金额的55.78%；"
            "货物采购授予中小企业合同金额占货物支出金额的9.16%。")  # fmt: skip
    disclosure = with_sections(Section("九", "政府采购支出说明", (Paragraph(text),)))
    found = sources(disclosure)
    assert ("十（二）", "占政府采购支出总额的92.54%",
            "授予中小企业合同金额1820.69万元 ; 2024年度国家信访局政府采购支出总额1967.42万元"
            ) in found  # fmt: skip
    # the share whose words name its own part is of no amount stated: untraced, not guessed
    assert not any(text.startswith("货物采购") for _, text, _ in found)
    wrong = with_sections(Section("九", "政府采购支出说明", (Paragraph(text.replace("55.78%", "56.78%")),)))
    assert errors_of(wrong) == ["N-share"]


def test_a_table_printed_among_the_paragraphs_holds_no_sentences():
    rows = (Paragraph("\t\t年度资金总额：\t\t180.61\t180.03\t180.03\t10.0\t100.00%\t\t10"),
            Paragraph("质量指标\t培训合格率\t\t≥98%\t100%\t8\t8"))  # fmt: skip
    disclosure = with_sections(Section("十一", "关于2024年度预算绩效情况说明", rows))
    assert trace_narrative(disclosure) == []
    assert [f for f in run_rules(disclosure) if f.rule == "N-untraced"] == []
    # one TAB is Word's, after a list item's number: a sentence still
    item = Paragraph("1.\t其他收入878.44万元。")
    listed = with_sections(Section("一", "收入支出决算总体情况说明", (item,)))
    assert sources(listed) == [("一", "其他收入878.44万元", "01[8,1]")]


def test_a_budget_stated_inside_the_completion_is_09s_budget_of_that_figure():
    nine = table_literal("09", {"1": {"1": "0.00", "6": "0.00", "7": "0.16", "12": "0.16"}})
    text = "佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元，完成预算0万元的0%。"
    section = Section("三", "“三公”经费支出决算情况说明", (Paragraph(text),))
    disclosure = with_sections(section, tables=(nine,))
    assert sources(disclosure) == [
        ("九", "佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元", "09[1,7]"),
        ("九", "完成预算0万元", "09[1,1]"),
        ("九", "完成预算的0%",
         "佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元 ; 完成预算0万元"),
    ]  # fmt: skip
    # 0.16 is no 0% of a budget of 0 (0% × 0.005 is far from 0.155 × 100)
    assert errors_of(disclosure) == ["N-completion"]


NINE = table_literal(
    "09", {"1": {"1": "0.00", "2": "0.00", "6": "0.00", "7": "0.16", "8": "0.00", "12": "0.16"}}
)


def in_three_public(text: str) -> Disclosure:
    return with_sections(Section("三", "“三公”经费支出决算情况说明", (Paragraph(text),)), tables=(NINE,))


def test_a_completion_of_a_budget_of_0_passes_only_when_the_actual_may_be_0():
    abroad = "因公出国（境）费支出决算为0万元，完成预算0万元的0%。"  # 0 of 0: nothing certain
    assert errors_of(in_three_public(abroad)) == []
    assert errors_of(in_three_public(abroad.replace("0%", "3%"))) == []  # 0 of 0 again
    # 0.16 of a budget within ±0.005: 0.16 × 100 = rate × budget needs a rate of 3100% or more
    reception = "公务接待费支出决算为0.16万元，完成预算0万元的0%。"
    found = [f for f in run_rules(in_three_public(reception)) if f.rule == "N-completion"]
    assert [f.message for f in found] == [
        "“完成预算的0%”无从计算：所述预算为 0，而“公务接待费支出决算为0.16万元”不为 0"
    ]
    assert [(cell.table, cell.col) for cell in found[0].cells] == [("09", "12")]  # its 决算数
    assert errors_of(in_three_public(reception.replace("0%", "5000%"))) == []  # 0.16 of 0.0032


def test_a_change_worded_neither_way_goes_the_way_its_rate_says():
    four = table_literal("04", {"1": {"1": "1668.14"}})
    text = "一般公共预算财政拨款收入1668.14万元，比上年决算数相比变化0万元，增长0%。"
    disclosure = with_sections(Section("二", "财政拨款收入支出总表说明", (Paragraph(text),)), tables=(four,))
    assert len(sources(disclosure)) == 3
    assert errors_of(disclosure) == []


FOUR = table_literal("04", {"59": {"2": "1668.14", "3": "1668.14", "4": "0.00"}})


def in_four(text: str) -> Disclosure:
    return with_sections(
        Section("四", "财政拨款收入支出决算总体情况说明", (Paragraph(text),)), tables=(FOUR,)
    )


def in_running_costs(text: str) -> Disclosure:
    running = Section("（一）", "机关运行经费支出情况", (Paragraph(text),))
    return with_sections(Section("十", "其他重要事项", (), (running,)), tables=())


def messages(disclosure: Disclosure, rule: str) -> list[str]:
    return [f.message for f in run_rules(disclosure) if f.rule == rule]


def test_a_rate_of_a_change_from_a_base_of_0_is_an_error_whatever_it_says():
    # 1668.14 − 1668.14 is a base within ±0.01: a change of 1668.14 of it is no 0%, nor 100%
    text = "其中：一般公共预算财政拨款支出1668.14万元，比年初预算数增加1668.14万元，增长0%。"
    assert sources(in_four(text))[1:] == [
        ("四", "比年初预算数增加1668.14万元", "一般公共预算财政拨款支出1668.14万元"),
        ("四", "增长0%", "比年初预算数增加1668.14万元 ; 一般公共预算财政拨款支出1668.14万元"),
    ]
    assert messages(in_four(text), "N-change-rate") == [
        "“增长0%”有误：预算数 = 本年 1668.14 − 增减额 1668.14 = 0，增长率无从计算"
    ]
    for rate in ("增长100%", "增长100.00%", "增长率为0%"):
        assert errors_of(in_four(text.replace("增长0%", rate))) == ["N-change-rate"]
    # a change against last year, worded so: its base is 上年数
    last_year = text.replace("比年初预算数增加", "比上年增加").replace("增长0%", "增长100.00%")
    assert messages(in_four(last_year), "N-change-rate") == [
        "“增长100.00%”有误：上年数 = 本年 1668.14 − 增减额 1668.14 = 0，增长率无从计算"
    ]


def test_a_base_of_0_is_no_error_when_the_change_may_be_0_or_the_base_need_not_be():
    unchanged = "政府性基金预算财政拨款支出0万元，比年初预算数增加0万元，增长0%。"  # 0 of 0
    assert len(sources(in_four(unchanged))) == 3
    assert errors_of(in_four(unchanged)) == []
    # 0.5 − 0.49 may be 0 (it lies in [−0.045, 0.065]) or as much as 0.065: 0.49 of 0.065 is at
    # least 746%, so 800% may be, 1% may not
    rough = "机关运行经费支出0.5万元，比预算数增加0.49万元，增长{}%。"
    assert errors_of(in_running_costs(rough.format("800"))) == []
    assert messages(in_running_costs(rough.format("1")), "N-change-rate") == [
        "“增长1%”有误：预算数 = 本年 0.5 − 增减额 0.49 = 0.01，尾数区间内可能为 0，"
        "而按此推算的增长率不可能为 1%"
    ]


def test_an_item_under_an_older_longer_name_is_the_one_row_ending_it():
    five = table_literal("05", {"208": {"1": "1,239.99"}, "20805": {"1": "1,239.99"},
                                "2080501": {"1": "1,028.48"}, "2080503": {"1": "211.51"}},
                         {"208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
                          "2080501": "行政单位离退休", "2080503": "离退休人员管理机构"})  # fmt: skip
    item = ("7.社会保障和就业（类）行政事业单位离退休（款）归口管理的行政单位离退休（项）。"
            "年初预算为1017.2万元，支出决算为1028.48万元，完成年初预算的101.11%。")  # fmt: skip
    section = Section("五", "一般公共预算财政拨款支出决算情况说明", (),
                      (Section("（三）", "财政拨款支出决算具体情况", (Paragraph(item),)),))  # fmt: skip
    found = sources(with_sections(section, tables=(five,)))
    assert ("五（三）", "支出决算为1028.48万元", "05[2080501,1]") in found


@needs_real
def test_an_untraced_number_says_why():
    found = checked(SWU)[1] + checked(SHEHUI)[1]
    reasons = {f.message for f in found if f.rule == "N-untraced"}
    # 表4's items state the rate alone: last year's 决算 is in last year's disclosure only
    assert (
        "“比2023年度决算数增长8.24%”未能追溯到来源："
        "未写增减额，上年数也不在本文件中（可对照上年公开的决算核对）"
    ) in reasons
    # 五（三）'s 全年预算为321.02万元 is the sum of its nine items' 全年预算 (52.00 + 17.68 + … + 11.72)
    assert not any(reason.startswith("“全年预算为321.02万元”") for reason in reasons)
    assert "“绩效自评中共发现问题0个”未能追溯到来源：本文件的表中没有此计数（单位自报）" in reasons
