"""科目代码 rules (C-…): names against the catalogue, code lengths, parents and order."""

from __future__ import annotations

from conftest import SAMPLE
from mutations import findings_of, sample_with

from juesuan.catalogue import Classification, economic_classification
from juesuan.rules import Severity, run_rules
from juesuan.rules import classification as classification_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import Rule, registered_rules
from juesuan.sources import read_bytes, read_path

TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_DISCLOSURE, _ = read_path(SAMPLE)
FUNCTIONAL_ROWS = "20103\t政府办公厅（室）及相关机构事务\t1057.68\t1057.67\t\t\t\t\t0.01"


def rules(rule_id: str = "C-") -> list[Rule]:
    return [each for each in registered_rules() if each.id.startswith(rule_id)]


mutated = sample_with


found = findings_of


def test_the_sample_codes_and_names_raise_nothing():
    assert {each.id for each in rules()} == {"C-code-name", "C-code-level"}
    assert run_rules(SAMPLE_DISCLOSURE, rules()) == []


def test_a_functional_name_that_differs_from_the_catalogue_is_an_error():
    disclosure = mutated("2010301\t行政运行\t135.49", "2010301\t行政运行费\t135.49")
    findings = run_rules(disclosure, rules("C-code-name"))
    assert [f.as_tuple() for f in findings] == [("C-code-name", "02", "2010301", "科目名称")]
    assert findings[0].severity == Severity.ERROR
    assert "“行政运行费”" in findings[0].message and "应为“行政运行”" in findings[0].message
    assert findings[0].where == "第二部分 公开02表 原文第138行"


def test_layout_noise_in_a_name_is_not_an_error():
    noisy = FUNCTIONAL_ROWS.replace("政府办公厅（室）及相关机构事务", "政府办公厅(室)及相关 机构事务")
    assert found(mutated(FUNCTIONAL_ROWS, noisy), "C-code-name") == []


def test_an_economic_name_that_differs_is_an_error():
    disclosure = mutated("30201\t办公费", "30201\t办公用品费")
    assert found(disclosure, "C-code-name") == [("C-code-name", "06", "30201", "科目名称")]


def test_a_code_missing_from_the_catalogue_is_info_that_says_the_catalogue_may_be_incomplete():
    disclosure = mutated("2019999\t其他一般公共服务支出\t5.44", "2019998\t其他一般公共服务支出\t5.44")
    findings = run_rules(disclosure, rules("C-code-name"))
    assert [f.as_tuple() for f in findings] == [("C-code-name", "02", "2019998", "科目名称")]
    assert findings[0].severity == Severity.INFO and "目录可能不全" in findings[0].message


def test_a_full_catalogue_can_be_given_instead_of_the_packaged_one():
    disclosure = mutated("2019999\t其他一般公共服务支出\t5.44", "2019998\t其他一般公共服务支出\t5.44")
    extra = Classification(
        "functional", (("201", "一般公共服务支出"), ("20199", "其他"), ("2019998", "其他"))
    )
    this = rules("C-code-name")[0]
    findings = list(
        classification_rules.code_name_findings(disclosure, this, extra, economic_classification())
    )
    errors = [f.as_tuple() for f in findings if f.severity == Severity.ERROR]
    assert ("C-code-name", "02", "2019998", "科目名称") in errors  # known now, and named differently


def test_a_code_of_invalid_length_is_an_error():
    table = table_literal("02", {"合计": {"1": "1.00"}, "2010": {"1": "1.00"}})
    assert found(disclosure_literal(table), "C-code-level") == [("C-code-level", "02", "2010", "科目代码")]


def test_an_item_without_its_subclass_is_an_error():
    disclosure = mutated("20807\t就业补助\t10.32\t10.32\t\t\t\t\t\n", "")
    assert found(disclosure, "C-code-level") == [("C-code-level", "02", "2080799", "科目代码")]


def test_a_row_not_under_its_parent_is_an_error():
    subclass = "20102\t政协事务\t0.77\t0.77\t\t\t\t\n"
    item = "2010201\t行政运行\t0.77\t0.77\t\t\t\t\n"
    in_03 = TEXT.index("公开03表")
    moved = TEXT[:in_03] + TEXT[in_03:].replace(subclass + item, item + subclass, 1)
    assert moved != TEXT
    disclosure, _ = read_bytes(moved.encode("utf-8"), "x.txt")
    assert found(disclosure, "C-code-level") == [("C-code-level", "03", "2010201", "科目代码")]


def test_an_economic_subclass_without_its_class_is_an_error():
    table = table_literal(
        "06", {"301": {"决算数": "1.00"}, "30101": {"决算数": "1.00"}, "30201": {"决算数": "2.00"}}
    )
    assert found(disclosure_literal(table), "C-code-level") == [("C-code-level", "06", "30201", "科目代码")]


def test_tables_without_codes_do_not_crash():
    assert run_rules(disclosure_literal(), rules()) == []
    assert run_rules(disclosure_literal(table_literal("07", {"合计": {}})), rules()) == []
