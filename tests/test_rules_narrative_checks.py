"""The narrative checks of CHECKLIST D and E, A06 and A08-A12 (rules/narrative_*.py) on the reference
sample and every real 决算: exactly what each document prints, every finding verified on its page,
and the usual wordings that must not be reported."""

from __future__ import annotations

import pytest
from conftest import SAMPLE
from real_documents import REAL, needs_real

from juesuan.rules import run_rules
from juesuan.rules.registry import registered_rules
from juesuan.sources import read_bytes, read_path

NEW_IDS = (
    "N-sections",
    "N-running-costs-section",
    "N-procurement-section",
    "N-assets-section",
    "N-performance-section",
    "N-forms-attached",
    "N-three-public-none",
    "N-fund-none",
    "N-vehicle-costs-split",
    "N-vehicle-counts",
    "N-running-costs-change",
    "N-procurement-kinds",
    "N-assets-detail",
    "N-basic-composition",
    "N-sources-listed",
    "N-performance-content",
    "N-items-explained",
    "N-change-reasons",
    "N-budget-reasons",
    "N-three-public-reasons",
    "N-template-remnant",
    "N-class-names",
    "N-percent-sign",
    "N-money-unit",
    "N-purpose",
    "N-three-public-budget",
    "N-fund-items",
    "N-totals-together",
    "N-same-figure",
)
NEW_RULES = [r for r in registered_rules() if r.id in NEW_IDS]


def new_findings(disclosure) -> list[tuple[str, str, str]]:
    return sorted((f.rule, f.severity.value, f.where) for f in run_rules(disclosure, NEW_RULES))


def test_every_checklist_item_has_its_rule():
    assert sorted(r.id for r in NEW_RULES) == sorted(NEW_IDS)


def test_the_reference_sample_gives_none():
    disclosure, _ = read_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    assert new_findings(disclosure) == []


# What the new rules find on each real 决算, each checked on the printed page (pdftotext -layout).
EXPECTED = {
    # pp.22-23 (printed 20-21) 五（三） items 7-10: “社会保障和就业（类）行政事业单位离退休（款）…”, the
    # 款's former name; 公开05表 p.11 prints 20805 行政事业单位养老支出
    "central-guojiaxinfangju-2024.pdf": [
        *[("N-class-names", "error", "第三部分 五（三） 第20页（文件第22页）")] * 3,
        ("N-class-names", "error", "第三部分 五（三） 第21页（文件第23页）"),
    ],
    "chongqing-swu-2024.pdf": [],
    "guangdong-foshan-guidaojiaotong-2019.pdf": [],
    "shanghai-putuo-guihuaziyuan-2024.pdf": [
        # p.24 五（三） item 11 “其他国土资源事务支出（项）”; 公开05表 prints 2200199 其他自然资源事务支出
        ("N-class-names", "error", "第三部分 五（三） 第24页"),
        ("N-percent-sign", "error", "第三部分 五（一） 第21页"),  # “增长 13.95。”
        ("N-template-remnant", "error", "第三部分 九 第25页"),  # “减少 0.15 万元，下降（增长）27.78%”
    ],
    # p.20 五（三） item 8: “住房公积金（项）。主要用于：事业单位医疗保险支出”
    "shanghai-putuo-shehuigongzuobu-2024.pdf": [("N-purpose", "warning", "第三部分 五（三） 第20页")],
}


@needs_real
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_documents(name):
    disclosure, _ = read_path(REAL / name)
    assert new_findings(disclosure) == sorted(EXPECTED[name])


def _check(text: str, rule_id: str) -> list[str]:
    disclosure, _ = read_bytes(text.encode("utf-8"), "x.txt")
    return [f.message for f in run_rules(disclosure, [r for r in NEW_RULES if r.id == rule_id])]


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("rule_id", "old", "new"),
    [
        # 没有购置车辆 says there was no 购置费
        ("N-vehicle-costs-split", "公务用车购置费支出0万元，与上年相同", "没有购置车辆"),
        # a purpose that names another topic beside its own
        ("N-purpose", "用于支付员工的公积金", "用于支付员工的住房公积金及补充医疗保险"),
        # 主要原因是： closing a paragraph, the reasons listed in the paragraphs after it
        (
            "N-template-remnant",
            "主要原因是当年新增项目，为新建政务大厅二厅综合改造项目。\n\n二、",
            "主要原因是：\n\n1、当年新增项目，为新建政务大厅二厅综合改造项目。\n\n二、",
        ),
        # the reason for a 决算 below its 预算 given in a paragraph of its own
        (
            "N-budget-reasons",
            "用于支付员工的公积金。较上年决算减少2.79万元，下降13.83%，主要原因是人员增减变动导致。",
            "用于支付员工的公积金。\n\n决算数小于预算数的主要原因：人员减少。",
        ),
        # 占比 with a full-width percent sign
        ("N-percent-sign", "占比81.87%", "占比81.87％"),
        # an amount in 元 that is no table's figure
        ("N-money-unit", "其他需要说明的事项\n\n无", "其他需要说明的事项\n\n人均培训费350.00元"),
    ],
)
def test_usual_wordings_are_not_reported(rule_id, old, new):
    assert old in SAMPLE_TEXT
    assert _check(SAMPLE_TEXT.replace(old, new, 1), rule_id) == []
