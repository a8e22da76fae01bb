"""第五部分 附件: the 项目支出绩效自评表 read from layout text, against forms typed by eye."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import DATA, SAMPLE

from juesuan.model import Figure, FundingLine, Indicator, Origin, PerformanceForm, Problem
from juesuan.sources.layout.forms import read_forms
from juesuan.sources.layout.lines import split_lines, split_parts

EXPECTED = json.loads((DATA / "datong-2024-forms.json").read_text(encoding="utf-8"))["forms"]


@pytest.fixture(scope="module")
def read() -> tuple[tuple[PerformanceForm, ...], list[Problem]]:
    parts = split_parts(split_lines(SAMPLE.read_text(encoding="utf-8")))[1]
    return read_forms(parts[5])


def text(figure: Figure | None) -> str | None:
    return figure.text if figure else None


def funding_row(line: FundingLine) -> list[str | None]:
    figures = (line.declared, line.budgeted, line.full_year_budget, line.executed)
    figures += (line.balance, line.execution_rate, line.score)
    return [line.name, *map(text, figures), line.deviation]


def indicator_row(i: Indicator) -> list[str]:
    values = [i.initial_target, i.adjusted_target, i.actual, i.weight.text, i.score.text, i.reason]
    return [i.level1, i.level2, i.name, *values]


def as_expected(form: PerformanceForm) -> dict:
    return {
        "title": form.title,
        "year": form.year,
        "project": form.project,
        "department": form.department,
        "unit": form.unit,
        "funding": [funding_row(line) for line in form.funding],
        "annual_goal": form.annual_goal,
        "achieved": form.achieved,
        "total_score": text(form.total_score),
        "grade": form.grade,
        "indicators": [indicator_row(i) for i in form.indicators],
    }


def test_sample_has_eleven_forms_equal_to_the_typed_ones(read):
    forms, _ = read
    assert len(forms) == len(EXPECTED) == 11
    for form, expected in zip(forms, EXPECTED, strict=True):
        assert as_expected(form) == expected, form.project


def test_sample_first_form_in_detail(read):
    form = read[0][0]
    assert form.project == "J残疾人就业保障金"
    total = form.total_funding
    assert total is not None and total.name == "资金总额"
    assert total.full_year_budget == Figure("2.42", Decimal("2.42"), 2, Origin(line=587), "万元")
    assert total.executed == Figure("1.894", Decimal("1.894"), 3, Origin(line=587), "万元")
    assert (text(total.balance), text(total.execution_rate), text(total.score)) == ("0.526", "78.28", "7.83")
    assert total.execution_rate.unit == "%"
    assert [i.weight.value for i in form.indicators] == [20, 10, 10, 10, 30, 10]
    assert [i.score.value for i in form.indicators] == [20, 8, 9, 7, 29, 9]
    assert form.total_score == Figure("89.83", Decimal("89.83"), 2, Origin(line=598))
    assert form.grade == "良"
    assert form.origin == Origin(line=579)
    assert [i.origin.line for i in form.indicators] == list(range(592, 598))


def test_sample_problems_are_only_the_qk_level1_mismatch(read):
    assert read[1] == [
        Problem("一级指标“效益指标”与二级指标“成本指标”不符，按标准归入“产出指标”", Origin(line=626), "info"),
    ]


def test_sample_forms_agree_with_the_narrative_counts(read):
    """第三部分 十（四）: 11 forms, 553.86万元, 9 优 and 2 良 (大厅硬件设备升级改造经费, 残疾人…)."""
    forms = read[0]
    executed = sum(form.total_funding.executed.value for form in forms)
    assert executed.quantize(Decimal("0.01")) == Decimal("553.86")
    assert [form.grade for form in forms].count("优") == 9
    assert [form.project for form in forms if form.grade == "良"] == [
        "J残疾人就业保障金",
        "Z大厅硬件设备升级改造经费",
    ]
    assert all(sum(i.weight.value for i in form.indicators) == 90 for form in forms)


def test_sample_analysis_pairs(read):
    forms = read[0]
    assert forms[0].analysis[:2] == (
        ("项目实施和预算执行情况及分析", "项目预算执行情况, 全额执行。"),
        ("项目实施和预算执行情况及分析", "产出情况, 全额产出。"),
    )
    assert forms[0].analysis[-1] == ("下一步改进措施及管理建议", "继续严格规范项目预算审批流程。")
    assert forms[1].analysis[:2] == (
        ("目标与自评结果分析", ""),
        ("项目实施和预算执行情况", "项目施工进度为100%，预算执行度为100%。"),
    )
    assert ("效益情况及分析", "利企便民率达到98%") in forms[5].analysis
    assert all(len(form.analysis) >= 7 for form in forms)


LITERAL = "\n".join(
    [
        "第五部分 附件",
        "甲项目支出绩效自 (2023年度)",
        "项目名称\t\t甲项目\t\t",
        "主管部门及代码\t001-某局\t\t预算单位\t\t001001-某中心",
        "项目资金预算安排及执行进度(万元)\t年初预算数\t\t全年预算数\t全年执行数",
        "\t目标申报数\t预算编制数",
        "\t资金总额：\t\t10\t10\t8\t2\t80.00%\t8\t",
        "\t其中：财政拨款\t0\t10\t10\t8\t2\t80\t8\t进度慢",
        "项目年度绩效目标\t年度目标\t\t实际完成情况",
        "\t完成甲\t\t\t基本完成甲",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年初指标值\t调整后指标值\t实际完成值\t说明\t分值\t得分\t偏差原因",
        "\t产出指标\t数量指标\t甲数量\t=1个\t=1个\t=1个\t\t20\t20\t无偏差",
        "\t\t\t乙数量\t=2个\t=2个\t=1个\t\t\t20\t10\t数量不足",
        "\t\t\t\t质量指标\t合格率\t≥90%\t≥90%\t≥95%\t\t10\t10",
        "\t效益指标\t社会效益\t便民\t\t良好\t达成\t\t30\t30\t无偏差",
        "\t\t\t丙效益\t良好\t达成",
        "满意度指标\t服务对象满意度\t满意度\t≥90%\t≥90%\t≥90%\t\t10\t9\t",
        "总分\t\t\t\t\t\t\t\t87\t\t良",
        "项目绩效分析\t自评分析\t项目实施情况\t按期实施。",
        "\t\t产出情况及分析",
        "\t\t效益良好。",
        "备注: 1.“年初预算数”为并列关系。",
        "2.“全年预算数”的取数规则。",
        "乙项目支出绩效自评表\t（2023年度）",
        "项目名称\t乙项目",
        "总分\t95\t优",
    ]
)


def test_forms_literal_with_layout_quirks():
    forms, problems = read_forms(split_lines(LITERAL))
    first, second = forms
    assert (first.title, first.year, first.project) == ("甲项目支出绩效自", 2023, "甲项目")
    assert (first.department, first.unit) == ("001-某局", "001001-某中心")
    assert [funding_row(line) for line in first.funding] == [
        ["资金总额", None, "10", "10", "8", "2", "80.00", "8", ""],
        ["其中：财政拨款", "0", "10", "10", "8", "2", "80", "8", "进度慢"],
    ]
    assert (first.annual_goal, first.achieved) == ("完成甲", "基本完成甲")
    assert [indicator_row(i) for i in first.indicators] == [
        ["产出指标", "数量指标", "甲数量", "=1个", "=1个", "=1个", "20", "20", "无偏差"],
        ["产出指标", "数量指标", "乙数量", "=2个", "=2个", "=1个", "20", "10", "数量不足"],
        ["产出指标", "质量指标", "合格率", "≥90%", "≥90%", "≥95%", "10", "10", ""],
        ["效益指标", "社会效益", "便民", "", "良好", "达成", "30", "30", "无偏差"],
        ["满意度指标", "服务对象满意度", "满意度", "≥90%", "≥90%", "≥90%", "10", "9", ""],
    ]
    assert (text(first.total_score), first.grade) == ("87", "良")
    assert first.analysis == (
        ("自评分析", ""),
        ("项目实施情况", "按期实施。"),
        ("产出情况及分析", ""),
        ("产出情况及分析", "效益良好。"),
    )
    assert (second.title, second.year, second.project, text(second.total_score), second.grade) == (
        "乙项目支出绩效自评表", 2023, "乙项目", "95", "优",
    )  # fmt: skip
    assert problems == [
        Problem("资金行“资金总额”应有7个数，实有6个（按右对齐读取）", Origin(line=7)),
        Problem("绩效指标行读不出分值和得分：“丙效益 良好 达成”", Origin(line=16)),
    ]


def test_forms_stray_text_becomes_a_problem():
    text_ = "第五部分 附件\n说明\t一\t二\n丙项目支出绩效自评表\n项目名称\t丙\n随便写的\n"
    forms, problems = read_forms(split_lines(text_))
    assert [form.project for form in forms] == ["丙"]
    assert problems == [
        Problem("第五部分：不属于任何自评表的文字“说明 一 二”", Origin(line=2)),
        Problem("自评表中无法识别的行“随便写的”", Origin(line=5)),
    ]
