"""第五部分 绩效自评表 rules (F-…): each passes on the sample and fails on a changed form."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import SAMPLE
from mutations import findings_of, sample_with

from juesuan.model import Disclosure, Figure, FundingLine, Indicator, PerformanceForm
from juesuan.rules import Severity, run_rules
from juesuan.rules import forms as form_rules
from juesuan.rules.literals import disclosure_literal
from juesuan.rules.registry import Rule, registered_rules
from juesuan.sources import read_path

TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_DISCLOSURE, _ = read_path(SAMPLE)
assert form_rules.TOTAL_ROW == "总分"  # the module is imported: its rules are registered


def form_rules_by_id(rule_id: str = "F-") -> list[Rule]:
    return [each for each in registered_rules() if each.id.startswith(rule_id)]


mutated = sample_with


found = findings_of


def figure(text: str) -> Figure:
    parsed = Figure.parse(text)
    assert parsed is not None
    return parsed


def form_literal(
    budget: str, executed: str, balance: str, rate: str, score: str, total: str
) -> PerformanceForm:
    """A form with one funding line and two indicators (60 + 30 points, scored 50 + 30)."""
    amounts = (figure(budget), figure(budget), figure(executed), figure(balance))
    funding = FundingLine("资金总额", None, *amounts, figure(rate), figure(score))
    indicators = (
        Indicator("产出指标", "数量指标", "完成数量", "", "", "", figure("60"), figure("50")),
        Indicator("满意度指标", "服务对象满意度", "满意度", "", "", "", figure("30"), figure("30")),
    )
    return PerformanceForm(
        "示例项目支出绩效自评表",
        "示例项目",
        2024,
        "",
        "",
        (funding,),
        "",
        "",
        indicators,
        figure(total),
        "良",
    )


def with_forms(*forms: PerformanceForm) -> Disclosure:
    return dataclasses.replace(disclosure_literal(), forms=forms)


def test_the_sample_forms_raise_nothing():
    assert found(SAMPLE_DISCLOSURE, "F-") == []


def test_every_form_rule_is_documented_in_chinese():
    rules = form_rules_by_id()
    assert {each.id for each in rules} == {
        "F-balance",
        "F-execution-rate",
        "F-rate-score",
        "F-indicator-score",
        "F-weights",
        "F-total",
        "F-grade",
    }
    assert all(each.title and each.doc and each.severity == Severity.ERROR for each in rules)


def test_balance_must_be_budget_minus_executed():
    disclosure = mutated("1.894\t0.526", "1.894\t0.626")
    assert found(disclosure, "F-balance") == [("F-balance", "P01", "资金总额", "资金结(转)余")]
    finding = run_rules(disclosure, form_rules_by_id("F-balance"))[0]
    assert "0.626" in finding.message and "应为 0.526" in finding.message and "差 0.100" in finding.message
    assert finding.where == "第五部分 绩效自评表《J残疾人就业保障金》 原文第587行"


def test_execution_rate_is_checked_within_rounding():
    # 1.894 / 2.42 = 78.26%, printed 78.28%: 全年执行数 1.89444 (18944.4元) rounds to 1.894.
    assert found(SAMPLE_DISCLOSURE, "F-execution-rate") == []
    disclosure = mutated("0.526\t78.28", "0.526\t87.28")
    assert found(disclosure, "F-execution-rate") == [("F-execution-rate", "P01", "资金总额", "执行率")]
    assert "应为 78.26%" in run_rules(disclosure, form_rules_by_id("F-execution-rate"))[0].message


def test_rate_score_is_ten_times_the_execution_rate():
    disclosure = mutated("78.28\t7.83", "78.28\t8.73")
    assert found(disclosure, "F-rate-score") == [("F-rate-score", "P01", "资金总额", "得分")]


def test_rate_score_is_capped_at_ten_when_more_than_the_budget_is_spent():
    assert found(with_forms(form_literal("10", "12", "-2", "120.00", "10.00", "90")), "F-rate-score") == []
    capped_wrong = with_forms(form_literal("10", "12", "-2", "120.00", "12.00", "92"))
    assert found(capped_wrong, "F-rate-score") == [("F-rate-score", "P01", "资金总额", "得分")]


def test_indicator_score_above_its_weight():
    disclosure = mutated("足额及时\t达成预期指标\t\t\t10\t8", "足额及时\t达成预期指标\t\t\t10\t12")
    assert found(disclosure, "F-indicator-score") == [("F-indicator-score", "P01", "足额及时缴纳", "得分")]


def test_negative_indicator_score():
    form = form_literal("10", "10", "0", "100.00", "10.00", "90")
    negative = dataclasses.replace(form.indicators[0], score=figure("-5"))
    disclosure = with_forms(dataclasses.replace(form, indicators=(negative, form.indicators[1])))
    assert found(disclosure, "F-indicator-score") == [("F-indicator-score", "P01", "完成数量", "得分")]


def test_weights_add_up_to_ninety():
    disclosure = mutated("保障\t达成预期指标\t\t\t30\t29", "保障\t达成预期指标\t\t\t35\t29")
    assert found(disclosure, "F-weights") == [("F-weights", "P01", "总分", "分值")]
    assert "应为 90（差 5）" in run_rules(disclosure, form_rules_by_id("F-weights"))[0].message


def test_total_is_indicator_scores_plus_rate_score():
    disclosure = mutated("89.83\t良", "88.83\t良")
    assert found(disclosure, "F-total") == [("F-total", "P01", "总分", "总分")]
    assert "应为 89.83（差 1.00）" in run_rules(disclosure, form_rules_by_id("F-total"))[0].message


def test_grade_must_fit_the_total():
    assert found(mutated("89.83\t良", "89.83\t优"), "F-grade") == [("F-grade", "P01", "总分", "等级")]


@pytest.mark.parametrize(
    ("total", "grade", "wrong"),
    [
        ("90.01", "良", True),
        ("90.00", "良", False),
        ("90", "优", False),
        ("79.99", "良", True),
        ("59", "差", False),
    ],
)
def test_grade_boundaries_use_the_printed_total_interval(total: str, grade: str, wrong: bool):
    form = dataclasses.replace(form_literal("10", "10", "0", "100.00", "10.00", total), grade=grade)
    assert bool(found(with_forms(form), "F-grade")) is wrong


def test_a_disclosure_without_forms_or_figures_does_not_crash():
    empty = dataclasses.replace(form_literal("10", "10", "0", "100.00", "10.00", "90"), indicators=())
    blank = dataclasses.replace(
        empty, funding=(FundingLine("资金总额", None, None, None, None, None, None, None),)
    )
    for disclosure in (disclosure_literal(), with_forms(empty), with_forms(blank)):
        assert found(disclosure, "F-") == []
