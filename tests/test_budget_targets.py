"""A budget's 绩效目标表 (预算13) read as forms (`Disclosure.targets`), and the rules over them.

Every value asserted here was read by hand on the printed page (`pdftotext -layout -f N -l N`):
- chongqing-2026-049 (重庆市人民政府办公厅): 表十 部门整体绩效目标表 (p.22, ten indicators, no money),
  表十一 市级重点专项资金绩效目标表 (p.23, “故此表无数据”), 表十二 市级一般性项目绩效目标表 (p.24, one
  一级项目 of 8,534.17 万元, eleven indicators). chongqing-2026-051 prints no 绩效目标表 (its tables end
  at 表九 政府采购预算明细表, p.24).
- changsha-2026-072 (长沙市信访局): 项目支出绩效目标表 (p.22-29, 合计 417.41, four projects listed,
  “注：已剔除涉密部分”: they sum to 286.91) and 部门整体支出绩效目标表 (p.30-32, 1,935.36 = 一般公共预算
  1,935.36 = 基本支出 1,517.95 + 项目支出 417.41: the 收支总体情况表's 本年支出合计, 基本支出 and
  项目支出, p.12).
- xian-2026-077 (西安市人民政府办公厅): 表14-1 … 表14-9 部门专项业务经费绩效目标表 (p.34-42), 表15 部门整体
  支出绩效目标表 (p.43: 9216.51 = 6466.25 + 2431.8 + 318.46, the 收支总表's 92,165,133.99 元), 表16
  专项资金总体绩效目标表 printed empty (p.44); xian-2026-079 (西安市公安局): 表14-6 维修改造 (p.58:
  1772.37 = 财政拨款 1722.37 + 其他资金 50.00), 表15 (p.75: 344447.70).
- central-2026-067 (国家信访局): three project forms printed in the 说明 after each 一级项目's account
  (printed p.29, the file's p.30: 信息化运行维护 2,134.87 = 财政拨款 1,384.87 + 上年结转 750.00, 其他资金
  “-”; p.30 信访综合保障经费 2,706.79 = 2,616.79 + 90.00 + 0.00; p.31 信访业务培训 118.01 = 118.01 +
  0.00 + 0.00), each printed page number one less than the file's (the tests assert the file's). No
  项目支出表 is printed (its tables are 预算01 to 09), so a form's money ties only to its own parts.
- swu-2024-008 (西南大学 2024): 五、项目绩效目标表 (p.18-45), 26 forms of the same layout, one of whose
  titles is wrapped before 绩效目标表 (p.27-28) and one whose 年度总体目标 label is cut over p.22-23
  (年度总体目 | 标); some rows are printed without the header's blank column (p.22: 支持科研创新平台数量
  ≥30 个 10). No project table either.
- shenzhen-2026-045 (深圳市交通运输局): 第七部分's table of 重点项目 (printed p.14-15, the file's
  p.17-18: 深圳市交通运输局（本级）, 管养维护项目, 2,573.40, its 绩效目标 over the page, 备注：无。), no
  indicator column; the 项目支出总表 (表5, printed p.31, the file's p.34) prints 管养维护项目's line,
  合计 2,573.40.
- guangzhou-2026-055/057 print their 绩效目标 as a text column of 表12 项目支出及其他支出预算表, one
  line of money a project: not read as forms (docs/budget.md says why).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from conftest import SAMPLE
from real_documents import needs_budgets
from real_documents import read_budget as read

from juesuan.model import Disclosure
from juesuan.rules.report import review
from juesuan.sources import read_path

pytestmark = needs_budgets


def target_findings(disclosure: Disclosure, problems=()) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of what `check` reports on the 绩效目标表."""
    return [
        (f.rule, f.severity.value, f.message)
        for f in review(disclosure, problems)
        if f.rule.startswith("Y-target") or (f.rule == "R-reading" and "绩效目标表" in f.message)
    ]


def indicator(item) -> tuple:
    weight = item.weight.text if item.weight else None
    return (
        item.level1,
        item.level2,
        item.name,
        item.operator,
        item.value,
        item.unit,
        weight,
        item.origin.page,
    )


def test_chongqing_targets():
    disclosure, problems = read("chongqing-2026-049.pdf")
    tables = disclosure.targets
    assert [(t.number, t.title, t.origin.page) for t in tables] == [
        ("表十", "2026年部门整体绩效目标表", 22),
        ("表十一", "2026年市级重点专项资金绩效目标表（一级项目）", 23),
        ("表十二", "2026年市级一般性项目绩效目标表（一级项目）", 24),
    ]
    whole, empty, projects = tables
    (form,) = whole.forms
    assert (form.whole, form.project, form.unit, form.amount, form.parts) == (
        True,
        "重庆市人民政府办公厅",
        "重庆市人民政府办公厅",
        None,
        (),
    )
    assert form.goal.startswith("贯彻落实党中央和国务院的决策部署") and form.goal.endswith(
        "保障已建项目运行顺畅。"
    )
    assert len(form.indicators) == 10
    assert indicator(form.indicators[0]) == ("", "", "市政府门户网站优化整改次数", "≥", "4", "次", "10", 22)
    assert indicator(form.indicators[3]) == (
        "",
        "",
        "人大代表建议和政协提案办理率",
        "＝",
        "100",
        "%",
        "10",
        22,
    )
    assert indicator(form.indicators[8]) == (
        "",
        "",
        "市政府门户网站和政务新媒体访问量",
        "≥",
        "2000",
        "万人次",
        "5",
        22,
    )
    assert empty.forms == () and empty.notes == (
        "备注：本单位主管无市级财力安排的重点专项资金，故此表无数据",
    )
    (project,) = projects.forms
    assert (project.whole, project.project, project.unit) == (
        False,
        "市政府办公厅业务及日常运行项目",
        "重庆市人民政府办公厅",
    )
    assert (project.amount.value, project.amount.unit, project.amount.origin.page) == (
        Decimal("8534.17"),
        "万元",
        24,
    )
    assert project.goal == "完成各项业务工作，分别达到工作要求，保障市政府办公厅的正常运转。"
    assert len(project.indicators) == 11
    assert indicator(project.indicators[0]) == (
        "",
        "",
        "民呼我为（“12345”）咨询一次性解答率",
        "≥",
        "70",
        "%",
        "15",
        24,
    )
    assert indicator(project.indicators[-1]) == ("", "", "年度预算执行率", "=", "100", "%", "10", 24)
    # 表十一 is empty as its note says: a reading note, no error; nothing else to report
    assert target_findings(disclosure, problems) == [
        (
            "R-reading",
            "info",
            "绩效目标表“2026年市级重点专项资金绩效目标表（一级项目）”未填写内容"
            "（备注：本单位主管无市级财力安排的重点专项资金，故此表无数据）",
        )
    ]


def test_chongqing_051_prints_no_targets():
    assert read("chongqing-2026-051.pdf")[0].targets == ()


def test_changsha_targets():
    disclosure, problems = read("changsha-2026-072.pdf")
    projects, whole = disclosure.targets
    assert (projects.title, projects.total.value, projects.notes) == (
        "2026年项目支出绩效目标表",
        Decimal("417.41"),
        ("注：已剔除涉密部分",),
    )
    assert [(f.project, f.amount.text, f.origin.page) for f in projects.forms] == [
        ("基层及其他信访业务工作经费专项", "35.78", 22),
        ("人民来访接待中心及特护期运行专项", "10.22", 23),
        ("人民来访接待中心业务专项", "102.80", 25),
        ("信访业务工作专项", "138.11", 27),
    ]
    first = projects.forms[0]
    assert first.goal.startswith("根据年终考核及综合评价情况，分档次将信访工作经费调拨至各区县（市）")
    assert indicator(first.indicators[0]) == (
        "成本指标",
        "经济成本指标",
        "总成本",
        "≤",
        "35.78",
        "万元",
        None,
        22,
    )
    assert indicator(first.indicators[3]) == (
        "产出指标",
        "数量指标",
        "调拨经费单位数",
        "≥",
        "10",
        "个",
        None,
        22,
    )
    # the form goes on over the page: the project repeated at its top is the same form
    assert indicator(first.indicators[8]) == (
        "产出指标",
        "时效指标",
        "区县（市）信访事项及时受理率",
        "≥",
        "95",
        "%",
        None,
        23,
    )
    (form,) = whole.forms
    assert (form.whole, form.project, form.amount.text, form.origin.page) == (
        True,
        "长沙市信访局",
        "1935.36",
        30,
    )
    assert [(p.group, p.name, p.amount.text) for p in form.parts] == [
        ("收入", "一般公共预算", "1935.36"),
        ("支出", "基本支出", "1517.95"),
        ("支出", "项目支出", "417.41"),
    ]
    assert indicator(form.indicators[0])[:6] == (
        "成本指标",
        "经济成本指标",
        "基本支出不超预算（不含年中调整数）",
        "≤",
        "1517.95",
        "万元",
    )
    # the four projects listed sum to 286.91, not the 合计 417.41: the table says it leaves out
    # the confidential ones, so it cannot be checked; 合计 = 部门整体's 项目支出 = 预算01's, no error
    assert target_findings(disclosure, problems) == [
        (
            "Y-target-amounts",
            "info",
            "无法核对（表注“注：已剔除涉密部分”）："
            "2026年项目支出绩效目标表：合计 417.41 ≠ 所列 4 个项目之和 286.91",
        )
    ]


def test_changsha_amounts_fail_when_changed():
    disclosure = read("changsha-2026-072.pdf")[0]
    projects, whole = disclosure.targets
    form = whole.forms[0]
    changed = dataclasses.replace(form.amount, text="1935.46", value=Decimal("1935.46"))
    disclosure = dataclasses.replace(
        disclosure,
        targets=(projects, dataclasses.replace(whole, forms=(dataclasses.replace(form, amount=changed),))),
    )
    errors = [message for rule, severity, message in target_findings(disclosure) if severity == "error"]
    assert errors == [
        "2026年部门整体支出绩效目标表“长沙市信访局”：资金总额 1935.46 ≠ 一般公共预算 1935.36，差 0.10",
        "2026年部门整体支出绩效目标表“长沙市信访局”："
        "资金总额 1935.46 ≠ 基本支出 1517.95 + 项目支出 417.41，差 0.10",
        "2026年部门整体支出绩效目标表的资金总额 1935.46 ≠ 预算01 本年支出合计 1,935.36",
    ]


def test_xian_targets():
    disclosure, problems = read("xian-2026-077.pdf")
    tables = disclosure.targets
    # the marks 表15 and 表16 printed above the last two (p.43, p.44) do not reach the reader in this
    # file (they do in 079): those two tables go by their titles
    assert [t.number for t in tables] == [*(f"表14-{n}" for n in range(1, 10)), "", ""]
    assert [(t.forms[0].project, t.forms[0].amount.text, t.origin.page) for t in tables[:9]] == [
        ("法律顾问服务", "5.00", 34),
        ("档案整理", "28.91", 35),
        ("政务公开及网站监管", "209.58", 36),
        ("政府网站内容", "106.12", 37),
        ("督查、值班、参事培训", "20.00", 38),
        ("职转营商宣传片", "3.00", 39),
        ("文件、刊物、公报印制", "198.00", 40),
        ("离退休干部、参事馆员活动", "63.55", 41),
        ("政府驻外办保障", "696.10", 42),
    ]
    first = tables[0].forms[0]
    assert (first.unit, first.goal) == (
        "西安市人民政府办公厅",
        "通过聘请法律顾问，有效提升市政府办公厅依法行政、依法办事的能力水平。",
    )
    assert [(p.group, p.name, p.amount.text) for p in first.parts] == [("来源", "财政拨款", "5.00")]
    assert [indicator(i) for i in first.indicators] == [
        ("成本指标", "经济成本", "法律顾问服务成本（万元）", "", "≤5", "", "10", 34),
        ("产出指标", "数量指标", "法律顾问服务人数（人）", "", "3", "", "9", 34),
        ("产出指标", "质量指标", "审核修订合同合格率（%）", "", "100", "", "20", 34),
        ("产出指标", "时效指标", "合同修订完成时限（工作日）", "", "≤3", "", "11", 34),
        ("效益指标", "可持续影响指标", "政府信息公开类行政诉讼胜诉率（%）", "", "≥93", "", "30", 34),
        ("满意度指标", "服务对象满意度指标", "机关人员满意度", "", "≥90", "", "10", 34),
    ]
    (whole,) = tables[9].forms
    assert (whole.whole, whole.project, whole.amount.text, whole.origin.page) == (
        True,
        "西安市人民政府办公厅",
        "9216.51",
        43,
    )
    assert [(p.group, p.name, p.amount.text) for p in whole.parts] == [
        ("任务", "机关运转", "6466.25"),
        ("任务", "政务工作保障", "2431.8"),
        ("任务", "业务活动保障", "318.46"),
        ("来源", "财政拨款", "9216.51"),
    ]
    assert len(whole.indicators) == 19
    assert indicator(whole.indicators[1]) == (
        "成本指标",
        "经济成本",
        "驻外办保障成本（万元）",
        "",
        "≤696.1",
        "",
        "4",
        43,
    )
    assert tables[10].forms == ()
    # 9216.51 万元 is the 收支总表's 92,165,133.99 元; the parts sum; 表16 empty
    assert target_findings(disclosure, problems) == [
        ("R-reading", "info", "绩效目标表“专项资金总体绩效目标表”未填写内容")
    ]


def test_xian_public_security_targets():
    disclosure, problems = read("xian-2026-079.pdf")
    tables = disclosure.targets
    assert len(tables) == 20  # 表14-1 … 表14-18, 表15, 表16
    repair = tables[5].forms[0]
    assert (tables[5].number, repair.project, repair.amount.text, repair.origin.page) == (
        "表14-6",
        "维修改造",
        "1772.37",
        58,
    )
    assert [(p.name, p.amount.text) for p in repair.parts] == [("财政拨款", "1722.37"), ("其他资金", "50.00")]
    (whole,) = tables[18].forms
    assert (tables[18].number, whole.amount.text) == ("表15", "344447.70")
    assert [(p.group, p.name, p.amount.text) for p in whole.parts] == [
        ("任务", "保障单位运转", "229194.92"),
        ("任务", "实施公安专项业务及专用项目等其他业务", "115252.78"),
        ("来源", "财政拨款", "337741.21"),
        ("来源", "其他资金", "6706.49"),
    ]
    assert [f for f in target_findings(disclosure, problems) if f[1] != "info"] == []
    # 其他资金 misread as 5.00 would leave 1772.37 ≠ 1722.37 + 5.00: an error
    part = dataclasses.replace(repair.parts[1].amount, text="5.00", value=Decimal("5.00"))
    changed = dataclasses.replace(
        repair, parts=(repair.parts[0], dataclasses.replace(repair.parts[1], amount=part))
    )
    table = dataclasses.replace(tables[5], forms=(changed,))
    disclosure = dataclasses.replace(disclosure, targets=(*tables[:5], table, *tables[6:]))
    assert [m for _, s, m in target_findings(disclosure) if s == "error"] == [
        "部门专项业务经费绩效目标表“维修改造”：资金总额 1772.37 ≠ 财政拨款 1722.37 + 其他资金 5.00，差 45.00"
    ]


def test_central_targets_in_the_narrative():
    disclosure, problems = read("central-2026-067.pdf")
    tables = disclosure.targets
    assert [(t.number, t.title, t.origin.page) for t in tables] == [
        ("", "信息化运行维护绩效目标表", 30),
        ("", "信访综合保障经费绩效目标表", 31),
        ("", "信访业务培训绩效目标表", 32),
    ]
    forms = [t.forms[0] for t in tables]
    assert [(f.whole, f.project, f.unit, f.amount.text, f.amount.unit, f.origin.page) for f in forms] == [
        (False, "信息化运行维护", "[292]国家信访局", "2134.87", "万元", 30),
        (False, "信访综合保障经费", "[292]国家信访局", "2706.79", "万元", 31),
        (False, "信访业务培训", "[292]国家信访局", "118.01", "万元", 32),
    ]
    # pages are the file's (printed 29 to 31); 其他资金 printed “-” on printed p.29 is not a figure
    assert [[(p.group, p.name, p.amount.text) for p in f.parts] for f in forms] == [
        [("来源", "财政拨款", "1384.87"), ("来源", "上年结转", "750.00")],
        [("来源", "财政拨款", "2616.79"), ("来源", "上年结转", "90.00"), ("来源", "其他资金", "0.00")],
        [("来源", "财政拨款", "118.01"), ("来源", "上年结转", "0.00"), ("来源", "其他资金", "0.00")],
    ]
    first, second, third = forms
    assert first.goal.startswith("1.加强对信访信息系统应用工作的指导和部署") and first.goal.endswith(
        "全面提高网络安全保障工作水平。"
    )
    assert third.goal == (
        "1.分级分类抓好信访系统干部培训，提升队伍整体素质。2.做好两期中央单位实践锻炼干部的培训，"
        "切实做到挂有所获、挂有所得。3.培养锻炼地方信访业务骨干，进一步坚定理想信念，提升干部业务能力。"
    )
    assert [len(f.indicators) for f in forms] == [9, 11, 9]
    assert indicator(first.indicators[0]) == (
        "成本指标",
        "经济成本指标",
        "项目总成本",
        "",
        "≤2134.87 万元",
        "",
        "20",
        30,
    )
    assert indicator(first.indicators[2]) == ("产出指标", "质量指标", "设备完好率", "", "≥96%", "", "8", 30)
    assert indicator(second.indicators[3]) == (
        "产出指标",
        "数量指标",
        "《人民信访》发行量",
        "",
        "720000 册",
        "",
        "8",
        31,
    )
    assert indicator(third.indicators[-1]) == (
        "满意度指标",
        "服务对象满意度指标",
        "受训学员满意率",
        "",
        "≥95%",
        "",
        "10",
        32,
    )
    assert sum(i.weight.value for i in third.indicators) == 90  # 分值权重（90）
    # every form's parts sum to its 资金总额; nothing printed to tie it to beyond that
    assert target_findings(disclosure, problems) == []
    # the 说明 no longer reads the forms as prose: its paragraphs stop at 2026 年拟安排该项目…
    texts = [p.text for section in _sections(disclosure.narrative) for p in section.paragraphs]
    assert not any("年度资金总额" in text or "项目总成本" in text for text in texts)


def _sections(sections):
    for section in sections:
        yield section
        yield from _sections(section.subsections)


def test_central_amounts_fail_when_changed():
    disclosure = read("central-2026-067.pdf")[0]
    tables = disclosure.targets
    form = tables[0].forms[0]
    # 上年结转 misread as 75.00 would leave 2134.87 ≠ 1384.87 + 75.00: an error
    part = dataclasses.replace(form.parts[1].amount, text="75.00", value=Decimal("75.00"))
    changed = dataclasses.replace(
        form, parts=(form.parts[0], dataclasses.replace(form.parts[1], amount=part))
    )
    disclosure = dataclasses.replace(
        disclosure, targets=(dataclasses.replace(tables[0], forms=(changed,)), *tables[1:])
    )
    assert target_findings(disclosure) == [
        (
            "Y-target-amounts",
            "error",
            "信息化运行维护绩效目标表“信息化运行维护”："
            "资金总额 2134.87 ≠ 财政拨款 1384.87 + 上年结转 75.00，差 675.00",
        )
    ]


def test_university_targets_in_a_part_of_their_own():
    disclosure, problems = read("swu-2024-008.pdf")
    tables = disclosure.targets
    assert len(tables) == 26 and all(len(t.forms) == 1 for t in tables)
    forms = [t.forms[0] for t in tables]
    assert [(f.project, f.amount.text, f.origin.page) for f in forms[:3]] == [
        ("236中央高校教育教学改革专项", "1960.35", 18),
        ("236 中央高校管理改革等绩效拨款", "809.21", 19),
        ("236中央高校捐赠配比专项", "972.00", 20),
    ]
    first = forms[0]
    assert [(p.name, p.amount.text) for p in first.parts] == [("财政拨款", "1930.00"), ("上年结转", "30.35")]
    assert first.unit == "[105]教育部"
    assert len(first.indicators) == 18 and sum(i.weight.value for i in first.indicators) == 90
    assert indicator(first.indicators[0]) == (
        "产出指标",
        "数量指标",
        "基础学科拔尖创新基地",
        "",
        "≥1个",
        "",
        "5",
        18,
    )
    # a value wrapped over two lines (≥32 台、件、| 套), on the next page
    assert indicator(first.indicators[8]) == (
        "产出指标",
        "数量指标",
        "设备更新",
        "",
        "≥32台、件、套",
        "",
        "5",
        19,
    )
    # the row printed without the header's blank column: 指标值 and 分值 in their places
    research = forms[3]
    assert (research.project, research.amount.text) == ("236中央高校基本科研业务费专项", "5017.00")
    assert indicator(research.indicators[4]) == (
        "产出指标",
        "数量指标",
        "支持科研创新平台数量",
        "",
        "≥30个",
        "",
        "10",
        22,
    )
    # 年度总体目 | 标 cut over the page: the goal read, the 标 not a stray line
    world = forms[4]
    assert world.goal.startswith("目标 1：通过持续推进“双一流”建设") and world.goal.endswith("落实执行进度。")
    assert indicator(world.indicators[13]) == (
        "效益指标",
        "经济效益指标",
        "科技成果转化金额",
        "",
        "≥300万元",
        "",
        "9",
        23,
    )
    # the title wrapped before 绩效目标表
    primary = tables[8]
    assert (primary.title, primary.forms[0].amount.text, primary.forms[0].origin.page) == (
        "236-中央高校改善基本办学条件专项-基础设施改造项目（小学）项目绩效目标表",
        "55.77",
        28,
    )
    assert [(p.name, p.amount.text) for p in primary.forms[0].parts] == [
        ("财政拨款", "20.00"),
        ("上年结转", "35.77"),
    ]
    assert indicator(primary.forms[0].indicators[1]) == (
        "产出指标",
        "数量指标",
        "整改面积",
        "",
        "≥200平方米",
        "",
        "10",
        28,
    )
    last = forms[-1]
    assert (last.project, last.amount.text, len(last.indicators)) == (
        "236高校思想政治工作专项经费",
        "98.00",
        17,
    )
    assert indicator(last.indicators[-1])[2:] == ("参训学员满意度", "", "≥90%", "", "5", 45)
    assert all(f.goal and f.indicators for f in forms)
    assert target_findings(disclosure, problems) == []
    # the forms are no longer read as 名词解释
    assert not [p for p in problems if "第四部分" in p.message and "绩效" in p.message]


def test_shenzhen_targets_table_in_the_narrative():
    disclosure, problems = read("shenzhen-2026-045.pdf")
    (table,) = disclosure.targets
    assert (table.title, table.notes, table.indicators_printed, table.origin.page) == (
        "2026年，本单位重点项目绩效目标情况",
        ("备注：无。",),
        False,
        17,
    )
    (form,) = table.forms
    assert (form.project, form.unit, form.amount.text, form.amount.unit, form.origin.page) == (
        "管养维护项目",
        "深圳市交通运输局（本级）",
        "2573.40",
        "万元",
        17,
    )
    assert form.goal == (
        "保持盐坝高速坝光收费站、清平二期秀峰收费站和盐排高速横岗收费站高速公路联网收费功能，保障盐坝高速、"
        "清平二期、盐排高速道路运营管理正常运行，方便市民群众出行。为大件运输主通道的规划、安全评价提供有效的"
        "技术支撑，确保通道上桥梁结构安全，发挥主通道对大件运输物流服务的支撑作用。"
    )
    assert form.indicators == ()
    # the table has no indicator column: not “未列绩效指标”; 2,573.40 is 表5's 管养维护项目 合计
    assert target_findings(disclosure, problems) == []


def test_shenzhen_amount_against_the_project_table():
    disclosure = read("shenzhen-2026-045.pdf")[0]
    (table,) = disclosure.targets
    form = table.forms[0]
    changed = dataclasses.replace(form.amount, text="2573.04", value=Decimal("2573.04"))
    table = dataclasses.replace(table, forms=(dataclasses.replace(form, amount=changed),))
    assert target_findings(dataclasses.replace(disclosure, targets=(table,))) == [
        (
            "Y-target-amounts",
            "error",
            "2026年，本单位重点项目绩效目标情况“管养维护项目”：资金 2573.04 ≠ 预算10 管养维护项目 2,573.40",
        )
    ]


def test_a_final_account_has_no_targets():
    """The sample 决算 (its 绩效自评表 are `forms`, tests/test_text_forms.py): no 绩效目标表."""
    disclosure, _ = read_path(SAMPLE)
    assert disclosure.kind == "决算" and disclosure.forms and disclosure.targets == ()
