"""第三部分 as Shanghai words it, traced to the tables it publishes.

Each item of 五（三） is its own paragraph headed by its 类/款/项; 年初预算为 and 全年预算为 are
budgets; the 三公 section states 决算 against 公开09表, which prints 预算数 beside 决算数; a change is
stated with its rate but no last-year figure. The texts are those of 上海市普陀区's 2024 disclosures.
"""

from __future__ import annotations

from juesuan.model import Paragraph, Section
from juesuan.narrative.trace import trace_narrative
from juesuan.rules import Severity, run_rules
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.narrative import TRACED_RULES

FIVE = "一般公共预算财政拨款支出决算情况说明"
SPECIFIC = "一般公共预算财政拨款支出决算具体情况"
THREE_PUBLIC = "财政拨款“三公”经费支出决算情况说明"

TABLE_05 = table_literal(
    "05",
    {
        "208": {"1": "754.75", "2": "754.75"},
        "20805": {"1": "754.75", "2": "754.75"},
        "2080505": {"1": "446.11", "2": "446.11"},
        "2080599": {"1": "0.88", "2": "0.88"},
        "221": {"1": "289.59", "2": "289.59"},
        "22102": {"1": "289.59", "2": "289.59"},
        "2210201": {"1": "289.59", "2": "289.59"},
        "合计": {"1": "9746.50", "2": "5364.75", "3": "4381.74"},
    },
    {"208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
     "2080505": "机关事业单位基本养老保险缴费支出", "2080599": "其他行政事业单位养老支出",
     "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金", "合计": "合计"},
)  # fmt: skip

# 公开09表 as 上海市普陀区规划和自然资源局 printed it: 预算数 in columns 1-6, 决算数 in 7-12.
NINE = {"1": "2.85", "2": "0.00", "3": "0.00", "4": "0.00", "5": "0.00", "6": "2.85",
        "7": "0.39", "8": "0.00", "9": "0.00", "10": "0.00", "11": "0.00", "12": "0.39"}  # fmt: skip


def disclosure_with(section: Section, *tables):
    import dataclasses

    return dataclasses.replace(disclosure_literal(*tables), narrative=(section,))


def specific(*paragraphs: str) -> Section:
    items = tuple(Paragraph(text) for text in paragraphs)
    return Section("五", FIVE, (), (Section("（三）", SPECIFIC, items),))


def three_public(*paragraphs: str, **cells: str) -> tuple[Section, object]:
    table = table_literal("09", {"1": NINE | cells})
    return Section("七", THREE_PUBLIC, tuple(Paragraph(text) for text in paragraphs)), table


def errors(disclosure) -> list[tuple[str, str, str, str]]:
    findings = run_rules(disclosure)
    return [f.as_tuple() for f in findings if f.severity == Severity.ERROR and f.rule in TRACED_RULES]


def untraced(disclosure) -> list[str]:
    findings = [f for f in run_rules(disclosure) if f.rule == "N-untraced"]
    return [f.message.removeprefix("“").split("”未能追溯到来源")[0] for f in findings]


def messages(disclosure, rule: str) -> list[str]:
    return [f.message for f in run_rules(disclosure) if f.rule == rule]


def sources(disclosure) -> list[tuple[str, str, str | None]]:
    return [(t.claim.kind, t.claim.figure.text, t.source) for t in trace_narrative(disclosure)]


PENSION = (
    "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
    "主要用于：行政事业单位养老保险支出。年初预算为 452.40 万元，支出决算为446.11 万元，"
    "完成年初预算的 98.61%。决算数小于预算数的主要原因：机构改革人员变动。"
)


def test_an_item_of_the_specific_section_is_its_row_of_05_by_the_names_of_its_path():
    disclosure = disclosure_with(specific(PENSION), TABLE_05)
    assert sources(disclosure) == [
        ("budget", "452.40", None),
        ("amount", "446.11", "05[2080505,1]"),
        ("completion", "98.61", None),
    ]
    assert errors(disclosure) == [] and untraced(disclosure) == []


def test_an_item_whose_actual_or_completion_disagrees_is_found():
    wrong_actual = disclosure_with(specific(PENSION.replace("446.11", "446.21")), TABLE_05)
    assert errors(wrong_actual) == [("N-amount", "05", "2080505", "1")]
    wrong_rate = disclosure_with(specific(PENSION.replace("98.61%", "98.71%")), TABLE_05)
    assert errors(wrong_rate) == [("N-completion", "05", "2080505", "1")]


def test_a_section_printed_under_another_name_still_finds_its_item_when_the_item_is_unique():
    # 05 prints 22102 as 住房改革支出; 住房公积金 is one row under 221 whatever its 款 is called.
    text = "12、住房保障支出（类）住房保障支出（款）住房公积金（项）。年初预算为289.59万元，支出决算为289.59万元，完成年初预算的100.00%。"  # noqa: E501
    assert sources(disclosure_with(specific(text), TABLE_05))[1] == ("amount", "289.59", "05[2210201,1]")


def test_an_item_05_does_not_print_is_not_checked_against_a_guessed_row():
    # 05 has 2080599 其他行政事业单位养老支出 0.88, not this name: no source, the rate on the stated figures.
    text = "5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）。年初预算为 0.88万元，支出决算为 0.88万元。完成年初预算的 50.00%。"  # noqa: E501
    disclosure = disclosure_with(specific(text), TABLE_05)
    assert sources(disclosure)[1] == ("amount", "0.88", None)
    assert errors(disclosure) == [("N-completion", "", "", "")]


def test_the_total_completion_is_rounded_not_cut():
    # 9746.50 ÷ 10210.34 = 95.457 %: the document prints 95.45 %.
    text = "一般公共预算财政拨款支出年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 {}。"
    assert errors(disclosure_with(specific(text.format("95.46%")), TABLE_05)) == []
    assert errors(disclosure_with(specific(text.format("95.45%")), TABLE_05)) == [
        ("N-completion", "05", "合计", "1")
    ]


def test_a_completion_is_of_the_budget_its_words_name_and_none_is_of_a_zero_budget():
    # 9746.50 ÷ 10164.25 = 95.89 %: of the 全年预算, while the words say 年初预算, which was 0
    text = "一般公共预算财政拨款支出年初预算为0万元，全年预算为10164.25万元，支出决算为9746.50万元，"
    of_zero = disclosure_with(specific(text + "完成年初预算的95.89%。"), TABLE_05)
    assert untraced(of_zero) == ["全年预算为10164.25万元"]
    assert errors(of_zero) == [("N-completion", "05", "合计", "1")]
    assert messages(of_zero, "N-completion") == [
        "“完成年初预算的95.89%”无从计算：所述年初预算为 0，而按决算 9746.50 与此比率推算，预算应约为 10164.25"
    ]
    nothing = text.replace("9746.50", "0.00") + "完成年初预算的0.00%。"
    assert errors(disclosure_with(specific(nothing))) == []  # 0 of 0 may be stated as 0.00 %
    of_year = disclosure_with(specific(text + "完成全年预算数的95.89%。"), TABLE_05)
    assert untraced(of_year) == ["一般公共预算财政拨款支出年初预算为0万元"] and errors(of_year) == []


COMPLETION_09 = (
    "“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39万元，完成预算的 13.68%，其中："
    "因公出国（境）费决算为 0.00 万元，完成预算的 0.00%；"
    "公务用车购置及运行维护费支出决算为 0.00 万元，完成预算的 0.00%；"
    "公务接待费支出决算为 0.39万元，完成预算的 13.68%。"
)


def test_three_public_actuals_are_09_cells_and_their_completion_is_against_its_budget_columns():
    section, nine = three_public(COMPLETION_09)
    assert [source for *_, source in sources(disclosure_with(section, nine))] == [
        None, "09[1,7]", None, "09[1,8]", "09[1,2]", "09[1,9]", "09[1,3]", "09[1,12]", "09[1,6]"
    ]  # fmt: skip
    assert errors(disclosure_with(section, nine)) == [] and untraced(disclosure_with(section, nine)) == []


def test_a_three_public_completion_not_of_its_budget_column_is_found():
    # 0.39 of a 公务接待费 预算数 of 1.95 is 20.00 %, not 13.68 %
    section, nine = three_public(COMPLETION_09, **{"1": "1.95", "6": "1.95"})
    assert errors(disclosure_with(section, nine)) == [("N-completion", "09", "1", "12")]


CHANGE_09 = (
    "2024年度“三公”经费财政拨款支出决算数比 2023年度减少 0.15 万元，下降（增长）{}%，其中：因公出国（境）费"
    "支出与上一年度持平；公务接待费支出决算减少 0.15万元，下降 27.78%。"
)


def test_a_change_with_no_stated_figure_is_of_its_cell_and_its_rate_follows():
    # 0.15 ÷ (0.39 + 0.15) = 27.78 %; 下降（增长） is the template's pair, the first word written
    section, nine = three_public(CHANGE_09.format("27.78"))
    disclosure = disclosure_with(section, nine)
    assert sources(disclosure) == [
        ("change", "0.15", "09[1,7]"), ("rate", "27.78", "09[1,7]"),
        ("change", "0.15", "09[1,12]"), ("rate", "27.78", "09[1,12]"),
    ]  # fmt: skip
    assert errors(disclosure) == [] and untraced(disclosure) == []
    section, nine = three_public(CHANGE_09.format("25.00"))
    assert errors(disclosure_with(section, nine)) == [("N-change-rate", "09", "1", "7")]


def test_shares_of_the_three_public_total_are_of_its_09_cell():
    text = "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算 0.00 万元，占 0.00%；公务接待费支出决算 0.39 万元，占{}%。"  # noqa: E501
    section, nine = three_public(text.format("100.00"))
    assert errors(disclosure_with(section, nine)) == [] and untraced(disclosure_with(section, nine)) == []
    section, nine = three_public(text.format("90.00"))
    assert errors(disclosure_with(section, nine)) == [("N-share", "09", "1", "7")]


def test_basic_expenditure_of_the_general_budget_is_05s_not_03s():
    # 5377.64 is 03's 基本支出 (all funds); of 一般公共预算财政拨款 it is 05's 5364.75
    def basic(amount: str):
        text = f"一般公共预算财政拨款基本支出 {amount}万元。"
        return disclosure_with(
            Section("六", "一般公共预算财政拨款基本支出决算情况说明", (Paragraph(text),)), TABLE_05
        )

    assert errors(basic("5364.75")) == []
    assert errors(basic("5377.64")) == [("N-amount", "05", "合计", "2")]


def test_a_change_whose_subject_is_the_clause_before_is_of_that_figure():
    # 较上一度 is the document's slip for 较上年度; what increased is named in the clause before.
    three = table_literal("03", {"合计": {"1": "9759.38", "2": "5377.64", "3": "4381.74"}}, {"合计": "合计"})
    text = (
        "收入支出总计9859.38 万元。主要原因：项目支出增加，较上一度增加1133.95万元，主要由于办公大楼装修等。"
    )
    disclosure = disclosure_with(Section("一", "收入支出决算总体情况说明", (Paragraph(text),)), three)
    assert sources(disclosure)[1] == ("change", "1133.95", "03[合计,3]")


def test_a_threshold_printed_with_a_space_is_no_figure():
    text = "单价 100万元（含）以上设备（不含车辆）0 台（套）。"
    disclosure = disclosure_with(Section("十", "其他重要事项的情况说明", (Paragraph(text),)))
    assert [kind for kind, *_ in sources(disclosure)] == ["count"]


def test_the_09_budget_column_is_no_stated_annual_budget():
    # 公开09表 预算数 is the 全年预算: a rate said to be of the 年初预算, none stated, is not checked
    section, nine = three_public("公务接待费支出决算为 0.39万元，完成年初预算的 13.68%。")
    assert untraced(disclosure_with(section, nine)) == ["完成年初预算的13.68%"]


def test_a_budget_is_of_the_actual_that_names_the_same_subject_however_worded():
    text = "社会保障和就业支出年初预算{}万元，社会保障和就业支出决算754.75万元，完成年初预算的100.00%。"
    assert errors(disclosure_with(specific(text.format("754.75")), TABLE_05)) == []
    wrong = disclosure_with(specific(text.format("750.00")), TABLE_05)
    assert errors(wrong) == [("N-completion", "", "", "")]


def test_a_change_after_a_clause_naming_nothing_known_is_of_the_last_amount_as_before():
    # 54.75 ÷ (754.75 − 54.75) = 7.82 %
    text = "社会保障和就业支出（类）754.75万元，主要原因是人员增加，较上年增加54.75万元，增长{}%。"

    def structure(rate: str):
        paragraph = Paragraph(text.format(rate))
        structure = Section("（二）", "一般公共预算财政拨款支出决算结构情况", (paragraph,))
        return Section("五", FIVE, (), (structure,))

    assert errors(disclosure_with(structure("7.82"), TABLE_05)) == []
    assert errors(disclosure_with(structure("8.00"), TABLE_05)) == [("N-change-rate", "", "", "")]
