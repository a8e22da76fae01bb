"""Structure, format and outside-facts rules (rules/structure.py, format.py, outside.py): the parts,
the 目录, the cover, the wording of the prose, and what the reviewer knows from outside."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from conftest import SAMPLE
from rule_examples import PASSING_FACTS

from juesuan.model import Figure, Front, Origin, Paragraph, TidyCell
from juesuan.rules import Severity, run_rules
from juesuan.rules.outside import OutsideFacts, given, read_approved
from juesuan.rules.registry import registered_rules
from juesuan.sources import read_bytes, read_path

SAMPLE_DISCLOSURE, _ = read_path(SAMPLE)
TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
COVER = LINES[2:4]  # 大同市政务服务中心 / 2024年度单位决算公开
CONTENTS = LINES[11:21]  # 一、收入支出决算总表.....\t3 … 十、部门决算公开相关信息统计表.....\t15


def found(disclosure, rule_id: str, facts: OutsideFacts | None = None) -> list:
    (rule,) = [each for each in registered_rules() if each.id == rule_id]
    with given(facts):
        return run_rules(disclosure, [rule])


def with_front(cover=(), contents=(), headings=(), heads=(), disclosure=SAMPLE_DISCLOSURE):
    """The disclosure with these front lines (and no others): the cover, the 目录's lines, the
    part headings, the tables' head lines."""

    def lines(texts) -> tuple[Paragraph, ...]:
        return tuple(Paragraph(text) for text in texts)

    front = Front(lines(cover), lines(contents), lines(headings), lines(heads))
    return dataclasses.replace(disclosure, front=front)


def changed(old: str, new: str):
    assert old in TEXT, old
    return read_bytes(TEXT.replace(old, new, 1).encode("utf-8"), "x.txt")[0]


# --- A04 order, H04 目录 ------------------------------------------------------------------------


def test_the_samples_own_contents_agree_with_its_tables():
    sample = with_front(COVER, CONTENTS)
    for rule_id in ("P-table-order", "P-contents", "P-cover", "P-year", "P-placeholder"):
        assert found(sample, rule_id) == [], rule_id


def test_contents_listing_two_tables_the_other_way_round():
    swapped = with_front(contents=[*CONTENTS[:6], CONTENTS[7], CONTENTS[6], *CONTENTS[8:]])
    (finding,) = found(swapped, "P-table-order")
    assert finding.as_tuple() == ("P-table-order", "08", "", "")  # 08, printed after 07, listed before it
    assert "按目录所列应在其前" in finding.message


def test_contents_with_another_title():
    renamed = with_front(contents=[line.replace("决算明细表", "决算表") for line in CONTENTS])
    (finding,) = found(renamed, "P-contents")
    assert "目录写《一般公共预算财政拨款基本支出决算表》" in finding.message


def test_page_numbers_are_judged_by_the_distance_most_entries_keep():
    pages = {"01": 4, "02": 6, "03": 7, "04": 9}  # file pages: two unnumbered pages before page 1
    tables = tuple(
        dataclasses.replace(t, origin=Origin(page=pages[t.number]))
        for t in SAMPLE_DISCLOSURE.tables
        if t.number in pages
    )
    disclosure = dataclasses.replace(SAMPLE_DISCLOSURE, tables=tables)
    right = ["一、收入支出决算总表.....\t2", "二、收入决算表.....\t4", "三、支出决算表.....\t5"]
    assert (
        found(
            with_front(contents=[*right, "四、财政拨款收入支出决算总表.....\t7"], disclosure=disclosure),
            "P-contents",
        )
        == []
    )
    (wrong,) = found(
        with_front(contents=[*right, "四、财政拨款收入支出决算总表.....\t8"], disclosure=disclosure),
        "P-contents",
    )
    assert wrong.message.startswith("目录中《财政拨款收入支出决算总表》页码为 8，正文在第 7 页")


def test_tables_out_of_the_templates_order():
    later = [t for t in SAMPLE_DISCLOSURE.tables if t.number == "02"]
    tables = tuple(t for t in SAMPLE_DISCLOSURE.tables if t.number != "02") + tuple(later)
    findings = found(dataclasses.replace(SAMPLE_DISCLOSURE, tables=tables, front=Front()), "P-table-order")
    assert [f.as_tuple()[1] for f in findings] == ["02"]  # printed last, once, though it follows nine
    # with the sample's own 目录, which lists it second, it is out of that order too
    findings = found(dataclasses.replace(SAMPLE_DISCLOSURE, tables=tables), "P-table-order")
    assert [f.as_tuple()[1] for f in findings] == ["02", "02"]
    assert ["按目录所列" in f.message for f in findings] == [False, True]


def test_the_generic_template_runs_no_structure_rule():
    generic = dataclasses.replace(
        SAMPLE_DISCLOSURE, template="generic", overview=type(SAMPLE_DISCLOSURE.overview)()
    )
    assert {f.rule for f in run_rules(generic)} & {"P-overview", "P-table-order", "P-glossary"} == set()


# --- A05, A07, A13, A14 ----------------------------------------------------------------------


def test_an_overview_without_duties_is_a_warning_and_without_anything_an_error():
    no_duties = changed("一、本部门（单位）职责\n\n（一）负责落实", "（一）负责落实")
    assert [(f.severity, f.message) for f in found(no_duties, "P-overview-duties")] == [
        (Severity.WARNING, "第一部分 概况未写明部门（单位）职责")
    ]
    empty = dataclasses.replace(SAMPLE_DISCLOSURE, overview=type(SAMPLE_DISCLOSURE.overview)())
    assert [f.severity for f in found(empty, "P-overview")] == [Severity.ERROR]
    assert found(empty, "P-overview-duties") == []  # the part is P-overview's, reported once


def test_a_glossary_without_a_core_term_is_a_warning():
    findings = found(changed("- 十二、机关运行经费：", "- 十二、运行经费："), "P-glossary")
    assert [(f.severity, f.message) for f in findings] == [(Severity.WARNING, "名词解释未解释“机关运行经费”")]
    no_glossary = dataclasses.replace(SAMPLE_DISCLOSURE, glossary=())
    assert [f.severity for f in found(no_glossary, "P-glossary")] == [Severity.ERROR]


def test_a_cover_without_its_kind_or_year():
    assert "未写明文种" in found(with_front(["大同市政务服务中心", "2024年度决算公开"]), "P-cover")[0].message
    assert "未写明年度" in found(with_front(["大同市政务服务中心", "单位决算公开"]), "P-cover")[0].message


def test_the_samples_part_heading_calls_it_a_department_while_its_cover_says_unit():
    # The reference sample prints 2024年度单位决算公开 on its cover and 第二部分 2024年部门决算表 over
    # its tables: once a reader keeps the part headings, this is reported (a warning).
    sample = with_front(COVER, ["第二部分 2024年部门决算表\t3"], ["第二部分 2024年部门决算表"])
    findings = found(sample, "P-unit-or-department")
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert "“2024年部门决算”" in findings[0].message and "“2024年度单位决算”" in findings[0].message


def test_subordinate_units_accounts_are_not_the_disclosure_naming_itself():
    text = "部门决算包括：本级决算、下属行政事业单位决算。"
    sample = changed("没有任何下设单位。", text)
    # only the sample's own mixing (cover 单位决算, part heading 部门决算表) is reported, not this
    assert found(sample, "P-unit-or-department") == found(SAMPLE_DISCLOSURE, "P-unit-or-department")


# --- H01, H02, H03, H05 ---------------------------------------------------------------------


def test_a_heading_naming_another_year():
    findings = found(
        changed("一、收入支出决算总体情况说明\n", "一、2023年度收入支出决算总体情况说明\n"), "P-year"
    )
    assert [f.message for f in findings] == [
        "标题“2023年度收入支出决算总体情况说明”中的年度印为 2023 年，应为本次公开的 2024 年度（差 1 年）"
    ]
    assert found(with_front(headings=["第二部分 2023年部门决算表"]), "P-year") != []


def test_a_table_head_naming_another_unit():
    (finding,) = found(
        changed("部门名称：大同市政务服务中心", "部门名称：大同市行政审批服务管理局"), "P-unit-name"
    )
    assert finding.as_tuple() == ("P-unit-name", "01", "", "编制单位")
    assert (
        found(changed("部门名称：大同市政务服务中心", "部门名称：大同市政务服务中心（本级）"), "P-unit-name")
        == []
    )


def test_money_units_that_differ():
    same = with_front(heads=["单位：万元", "金额单位：万元", "部门名称：大同市政务服务中心\t金额单位：万元"])
    assert found(same, "P-money-unit") == []
    (finding,) = found(with_front(heads=["单位：万元", "金额单位：元", "金额单位：万元"]), "P-money-unit")
    assert finding.message == "此处金额单位为“元”，其余各表为“万元”：金额单位不应混用"


def test_a_placeholder_in_a_part_heading():
    (finding,) = found(with_front(headings=["第二部分 XX单位2024年部门决算表"]), "P-placeholder")
    assert "“XX”" in finding.message


# --- H06, H07, H08 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "said"),
    [
        ("新增项目。。", "标点重复“。。”"),
        ("新增项目，。", "标点连用“，。”"),
        ("新增项目,以及", "中文中夹用半角标点“,”"),
    ],
)
def test_punctuation_slips_in_the_narrative(new, said):
    (finding,) = found(changed("新增项目，为", new), "P-punctuation")
    assert finding.severity == Severity.WARNING and finding.message.startswith(said)


def test_punctuation_is_not_judged_in_tables_nor_between_figures():
    assert found(SAMPLE_DISCLOSURE, "P-punctuation") == []  # 1,134.08 and table text pass
    assert found(changed("新增项目", "新增项目1,2"), "P-punctuation") == []


def test_a_word_written_twice():
    (finding,) = found(changed("主要原因是当年新增项目", "主要原因是当年增加增加项目"), "P-repeated-word")
    assert finding.message.startswith("“增加”连写两遍")
    assert found(changed("主要原因是当年新增项目", "主要原因是当年一一落实项目"), "P-repeated-word") == []


def test_a_document_with_only_its_tables_is_incomplete():
    bare = dataclasses.replace(SAMPLE_DISCLOSURE, narrative=(), glossary=())
    (finding,) = found(bare, "P-too-short")
    assert (
        finding.message == "文件不完整：缺少第三部分 情况说明、第四部分 名词解释，只印了应有的10张表中的10张"
    )


# --- H09, I01, I02, A15: facts from outside ---------------------------------------------------

OUTSIDE = ("P-venue", "P-timeliness", "P-approved-figures")


def test_without_facts_in_force_the_outside_rules_are_silent():
    for rule_id in (*OUTSIDE, "P-units-covered"):
        assert found(SAMPLE_DISCLOSURE, rule_id, None) == []


def test_facts_not_given_make_one_info_each():
    for rule_id in OUTSIDE:
        findings = found(SAMPLE_DISCLOSURE, rule_id, OutsideFacts())
        assert [(f.severity, f.message[:8]) for f in findings] == [(Severity.INFO, "无法核对：未提供")], (
            rule_id
        )
    assert found(SAMPLE_DISCLOSURE, "P-units-covered", OutsideFacts()) == []  # only with a corpus


@pytest.mark.parametrize(("published", "late"), [(date(2025, 8, 21), False), (date(2025, 8, 22), True)])
def test_twenty_days_after_approval(published, late):
    facts = OutsideFacts(approved_on=date(2025, 8, 1), published_on=published)
    assert bool(found(SAMPLE_DISCLOSURE, "P-timeliness", facts)) == late


def test_published_before_approval_is_a_warning():
    facts = OutsideFacts(approved_on=date(2025, 8, 1), published_on=date(2025, 7, 1))
    assert [f.severity for f in found(SAMPLE_DISCLOSURE, "P-timeliness", facts)] == [Severity.WARNING]


def test_approved_figures_within_rounding_agree():
    finer = OutsideFacts(approved=(TidyCell("01", "27", "1", "1126.934", "", ""),))  # prints 1126.93
    assert found(SAMPLE_DISCLOSURE, "P-approved-figures", finer) == []
    other = OutsideFacts(approved=(TidyCell("01", "27", "1", "1126.94", "本年收入合计", "金额"),))
    (finding,) = found(SAMPLE_DISCLOSURE, "P-approved-figures", other)
    assert finding.message == "公开01表“本年收入合计”金额印 1126.93，批复数为 1126.94（差 0.01）"
    assert found(SAMPLE_DISCLOSURE, "P-approved-figures", PASSING_FACTS) == []


def test_the_approved_file_is_tidy_cells_csv():
    cells = read_approved(
        'table,row,col,value,item,column\n1,27,1,"1,126.93",本年收入合计,金额\n02,合计,1,,,\n'
    )
    assert cells == (TidyCell("01", "27", "1", "1126.93", "本年收入合计", "金额"),)
    with pytest.raises(ValueError, match="批复数文件须有列"):
        read_approved("表,行,栏,数\n01,27,1,5\n")
    assert Figure.parse(cells[0].value).value == SAMPLE_DISCLOSURE.table("01").figure("27", "1").value


def test_units_listed_without_a_disclosure_in_the_corpus():
    listed = changed(
        "没有任何下设单位。",
        "下设单位：\n\n1\t大同市政务服务中心（本级）\n\n2\t大同市政务服务分中心（下属事业单位）",
    )
    corpus = OutsideFacts(corpus_units=frozenset({("大同市政务服务中心", 2024)}))
    (finding,) = found(listed, "P-units-covered", corpus)
    assert finding.message.startswith("决算单位构成列有“大同市政务服务分中心”")
    both = OutsideFacts(
        corpus_units=frozenset({("大同市政务服务中心", 2024), ("大同市政务服务分中心", 2024)})
    )
    assert found(listed, "P-units-covered", both) == []


def test_check_takes_the_outside_facts_for_one_file_only(tmp_path):
    import json
    import subprocess
    import sys

    approved = tmp_path / "批复数.csv"
    approved.write_text("table,row,col,value\n01,27,1,1126.93\n", encoding="utf-8")
    facts = ["--approved-on", "2025-08-01", "--published-on", "2025-08-25", "--published-in", "部门网站"]
    args = [sys.executable, "-m", "juesuan", "check", str(SAMPLE), "--format", "json", *facts]
    done = subprocess.run([*args, "--approved", str(approved)], capture_output=True, text=True)
    report = json.loads(done.stdout)
    said = {(f["rule"], f["severity"]) for f in report["findings"] if f["rule"] in OUTSIDE}
    assert said == {("P-timeliness", "error"), ("P-venue", "error")}  # the approved figure agrees
    batch = subprocess.run([*args, str(SAMPLE)], capture_output=True, text=True)
    assert batch.returncode == 2 and "只用于单个文件" in batch.stderr
