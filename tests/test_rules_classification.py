"""科目代码 rules (C-…): names against the catalogue, code lengths, parents and order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import SAMPLE
from mutations import findings_of, sample_with

from juesuan.catalogue import Classification, economic_classification
from juesuan.catalogue.classification import latest_year
from juesuan.model import Disclosure, Table
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


# ---------------------------------------------------------------- 科目名称按年度


REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
FOSHAN_2019 = REAL / "guangdong-foshan-guidaojiaotong-2019.pdf"  # 佛山市轨道交通局 2019年度决算
XINFANG_2024 = REAL / "central-guojiaxinfangju-2024.pdf"  # 国家信访局 2024年度决算
SWU_2024 = REAL / "chongqing-swu-2024.pdf"  # 西南大学 2024年度决算
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"真实样本目录不存在：{REAL}")
OLD_PENSIONS = TEXT.replace("20805\t行政事业单位养老支出", "20805\t行政事业单位离退休")  # 02, 03, 05


def sample_text(text: str, year: int | None = 2024) -> Disclosure:
    disclosure, _ = read_bytes(text.encode("utf-8"), "x.txt")
    return dataclasses.replace(disclosure, year=year)


def relabelled(disclosure: Disclosure, number: str, code: str, label: str) -> Disclosure:
    """The disclosure with the 科目名称 of `code` in 公开<number>表 printed as `label`."""

    def relabel(table: Table) -> Table:
        rows = tuple(dataclasses.replace(r, label=label) if r.code == code else r for r in table.rows)
        return dataclasses.replace(table, rows=rows)

    tables = tuple(relabel(table) if table.number == number else table for table in disclosure.tables)
    assert tables != disclosure.tables
    return dataclasses.replace(disclosure, tables=tables)


def name_findings(disclosure: Disclosure) -> list[tuple[str, str, str, str, Severity]]:
    return [(*f.as_tuple(), f.severity) for f in run_rules(disclosure, rules("C-code-name"))]


def test_the_old_pension_name_is_right_in_2019():
    assert name_findings(sample_text(OLD_PENSIONS, 2019)) == []


def test_the_old_pension_name_in_a_2024_document_is_info_naming_both_years():
    disclosure, _ = read_bytes(OLD_PENSIONS.encode("utf-8"), "x.txt")
    assert disclosure.year == 2024
    findings = run_rules(disclosure, rules("C-code-name"))
    assert [(*f.as_tuple(), f.severity) for f in findings] == [
        ("C-code-name", number, "20805", "科目名称", Severity.INFO) for number in ("02", "03", "05")
    ]
    assert findings[0].message == (
        "科目 20805 的名称印为“行政事业单位离退休”，是2019年及以前的科目名称"
        "（2024年支出功能分类目录中为“行政事业单位养老支出”），请确认是否使用了本年度的科目名称"
    )


def test_the_new_pension_name_in_a_2019_document_is_info():
    disclosure = dataclasses.replace(SAMPLE_DISCLOSURE, year=2019)
    findings = [f for f in run_rules(disclosure, rules("C-code-name")) if f.as_tuple()[2] == "20805"]
    assert [(f.as_tuple()[1], f.severity) for f in findings] == [
        ("02", Severity.INFO),
        ("03", Severity.INFO),
        ("05", Severity.INFO),
    ]
    assert "是2020年起的科目名称（2019年支出功能分类目录中为“行政事业单位离退休”）" in findings[0].message


def test_a_name_of_no_year_is_still_an_error_and_names_the_years_catalogue():
    text = TEXT.replace("20805\t行政事业单位养老支出", "20805\t行政事业单位退休")
    for year, expected in ((2019, "行政事业单位离退休"), (2024, "行政事业单位养老支出")):
        findings = run_rules(sample_text(text, year), rules("C-code-name"))
        assert [(*f.as_tuple(), f.severity) for f in findings] == [
            ("C-code-name", number, "20805", "科目名称", Severity.ERROR) for number in ("02", "03", "05")
        ]
        assert findings[0].message == (
            f"科目 20805 的名称印为“行政事业单位退休”，{year}年支出功能分类目录中应为“{expected}”"
        )


def test_a_code_added_later_is_info_in_an_earlier_year():
    labels = {"201": "一般公共服务支出", "20140": "信访事务"}
    table = table_literal("02", {"201": {"1": "1.00"}, "20140": {"1": "1.00"}}, labels)
    findings = run_rules(disclosure_literal(table, year=2019), rules("C-code-name"))
    assert [(*f.as_tuple(), f.severity) for f in findings] == [
        ("C-code-name", "02", "20140", "科目名称", Severity.INFO)
    ]
    assert "是2024年起的科目名称（2019年支出功能分类目录未收录该科目）" in findings[0].message
    assert run_rules(disclosure_literal(table, year=2024), rules("C-code-name")) == []


def test_an_unknown_year_is_checked_against_the_newest_catalogue():
    findings = run_rules(sample_text(OLD_PENSIONS, None), rules("C-code-name"))
    assert [f.severity for f in findings] == [Severity.INFO] * 3
    assert f"{latest_year()}年支出功能分类目录中为“行政事业单位养老支出”" in findings[0].message


@needs_real
def test_the_foshan_2019_codes_are_right_under_the_2019_catalogue():
    disclosure, _ = read_path(FOSHAN_2019)
    assert disclosure.year == 2019
    assert name_findings(disclosure) == []  # 20805, 21208, 20822, 21211, 22908, 39906 … all 2019 names


@needs_real
def test_the_foshan_2019_document_with_a_wrong_name_has_exactly_that_error():
    disclosure, _ = read_path(FOSHAN_2019)
    wrong = relabelled(disclosure, "07", "21208", "国有土地出让收入安排的支出")
    findings = run_rules(wrong, rules("C-code-name"))
    assert [(*f.as_tuple(), f.severity) for f in findings] == [
        ("C-code-name", "07", "21208", "科目名称", Severity.ERROR)
    ]
    assert (
        "2019年支出功能分类目录中应为“国有土地使用权出让收入及对应专项债务收入安排的支出”"
        in findings[0].message
    )
    today = relabelled(disclosure, "07", "21208", "国有土地使用权出让收入安排的支出")
    assert [(f[1], f[2], f[4]) for f in name_findings(today)] == [("07", "21208", Severity.INFO)]


@needs_real
@pytest.mark.parametrize("path", [XINFANG_2024, SWU_2024], ids=["xinfang", "swu"])
def test_the_2024_codes_of_real_documents_are_in_the_2024_catalogue(path: Path):
    disclosure, _ = read_path(path)
    assert disclosure.year == 2024
    assert name_findings(disclosure) == []  # 20140 信访事务 …, 20598 超长期特别国债安排的支出 …
