"""A reviewer's decision on a finding carries over to a resubmission of the same unit and year,
wherever its lines moved, and to no other year; from the command line through a real corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juesuan.decisions import VERDICTS, DecisionError, Decisions, concern
from juesuan.rules.report import review
from juesuan.sources import read_path
from juesuan.store import Corpus

SAMPLE_TEXT_LINE = "第三部分 六 原文第494行"
SLIP = "“职工基本医疗保险缴费7.55万元”与公开06表 30110 职工基本医疗保险缴费（7.54）不符，差 0.01"


def checked(path: Path):
    disclosure, problems = read_path(path)
    return disclosure, review(disclosure, problems)


def the_slip(findings):
    (slip,) = [finding for finding in findings if finding.rule == "N-amount"]
    return slip


def moved(text: str) -> str:
    """The sample resubmitted with four more lines before 第三部分 六 (blank lines and a paragraph)."""
    text = text.replace("第一部分 概况\n", "\n\n第一部分 概况\n", 1)
    return text.replace(
        "六、一般公共预算财政拨款基本支出决算情况说明\n",
        "六、一般公共预算财政拨款基本支出决算情况说明\n\n\n",
        1,
    )


@pytest.fixture(scope="module")
def resubmitted(tmp_path_factory, sample_path: Path) -> Path:
    path = tmp_path_factory.mktemp("resubmitted") / "大同市政务服务中心-第二次报送.txt"
    path.write_text(moved(sample_path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path):
    with Corpus(tmp_path / "语料库.duckdb") as opened:
        yield opened


def test_the_concern_of_the_slip_is_its_cell_and_of_a_sentence_its_section_and_masked_words(sample_path):
    disclosure, findings = checked(sample_path)
    assert concern(the_slip(findings), disclosure) == "N-amount 06/30110/决算数"
    percents = [concern(f, disclosure) for f in findings if f.rule == "N-percent-places"]
    assert percents == [
        "N-percent-places 第三部分 二 “#”未保留两位小数",
        "N-percent-places 第三部分 九（一） “#”未保留两位小数",
        "N-percent-places 第三部分 九（一） “#”未保留两位小数",
        "N-percent-places 第三部分 十（一） “#”未保留两位小数",
    ]
    # the 部门/单位 mixing in the 目录 and in the part heading: two concerns, by the part holding the line
    mixing = [concern(f, disclosure) for f in findings if f.rule == "P-unit-or-department"]
    assert [key.split()[1] for key in mixing] == ["部分标题", "目录"]


def test_a_decision_carries_to_a_resubmission_whose_lines_moved(sample_path, resubmitted, corpus):
    disclosure, findings = checked(sample_path)
    decision = Decisions(corpus).record(disclosure, the_slip(findings), "已说明", "单位已补充说明")
    assert (decision.unit, decision.year, decision.rule, decision.verdict, decision.note) == (
        "大同市政务服务中心", 2024, "N-amount", "已说明", "单位已补充说明",
    )  # fmt: skip

    again, found_again = checked(resubmitted)
    slip = the_slip(found_again)
    assert (slip.where, slip.message) == ("第三部分 六 原文第498行", SLIP)  # moved four lines down
    decided = Decisions(corpus).of(again)
    assert list(decided) == ["N-amount 06/30110/决算数"]
    assert decided[concern(slip, again)] == decision
    # every other finding is as undecided as it was
    assert [f for f in found_again if concern(f, again) in decided] == [slip]


def test_marking_the_same_concern_again_replaces_the_decision(sample_path, resubmitted, corpus):
    disclosure, findings = checked(sample_path)
    decisions = Decisions(corpus)
    decisions.record(disclosure, the_slip(findings), "已说明", "单位已补充说明")
    again, found_again = checked(resubmitted)
    decisions.record(again, the_slip(found_again), "不采纳", "说明与公开06表仍不一致")
    (only,) = decisions.of(disclosure).values()
    assert (only.verdict, only.note, only.where) == (
        "不采纳",
        "说明与公开06表仍不一致",
        "第三部分 六 原文第498行",
    )
    assert corpus.query("SELECT count(*) FROM decisions").rows == [(1,)]
    assert decisions.forget(disclosure, the_slip(findings)) is True
    assert decisions.of(disclosure) == {}


def test_another_year_of_the_same_unit_does_not_carry_it(sample_path, tmp_path, corpus):
    disclosure, findings = checked(sample_path)
    Decisions(corpus).record(disclosure, the_slip(findings), "已说明")
    next_year = tmp_path / "2025.txt"
    next_year.write_text(sample_path.read_text(encoding="utf-8").replace("2024", "2025"), encoding="utf-8")
    later, later_findings = checked(next_year)
    assert (later.unit, later.year) == ("大同市政务服务中心", 2025)
    assert concern(the_slip(later_findings), later) == "N-amount 06/30110/决算数"  # the same concern …
    assert Decisions(corpus).of(later) == {}  # … in another year


def test_only_the_two_verdicts_and_only_a_disclosure_with_unit_and_year(sample_path, corpus):
    from dataclasses import replace

    disclosure, findings = checked(sample_path)
    from juesuan.cli.decide import VERDICT_NAMES

    assert VERDICTS == VERDICT_NAMES == ("已说明", "不采纳")
    with pytest.raises(DecisionError, match="处理意见只能是已说明或不采纳"):
        Decisions(corpus).record(disclosure, findings[0], "同意")
    with pytest.raises(DecisionError, match="未能从文件中读出单位名称或年度"):
        Decisions(corpus).record(replace(disclosure, year=None), findings[0], "已说明")
    assert Decisions(corpus).of(replace(disclosure, unit="")) == {}


def test_a_corpus_made_before_decisions_is_read_without_them(sample_path, tmp_path):
    import duckdb

    path = tmp_path / "旧语料库.duckdb"
    duckdb.connect(str(path)).close()  # a database without the decisions table, opened read-only
    disclosure, _ = checked(sample_path)
    with Corpus(path, read_only=True) as old:
        assert Decisions(old).of(disclosure) == {}


def numbers(lines: list[str], said: str) -> list[int]:
    """The numbers `check --corpus` gives the findings whose place and message match `said`."""
    return [int(m.group(1)) for line in lines if (m := re.fullmatch(rf"    \[(\d+)\] {said}", line))]


def test_command_line_round_trip_through_a_corpus_file(juesuan, sample_path, resubmitted, tmp_path):
    db = tmp_path / "语料库.duckdb"
    code, out, err = juesuan(
        "decide", sample_path, 1, "--as", "已说明", "--note", "单位已补充说明", "--corpus", db
    )
    assert code == 0, err
    assert out.splitlines()[0] == f"[1] N-amount {SAMPLE_TEXT_LINE}：{SLIP}"
    assert re.fullmatch(r"    已记录 【已说明】单位已补充说明（\d{4}-\d\d-\d\d 标记）", out.splitlines()[1])

    code, out, err = juesuan("check", resubmitted, "--corpus", db)
    assert code == 1  # the error is explained, not gone
    lines = out.splitlines()
    at = lines.index(f"    [1] 第三部分 六 原文第498行：{SLIP}")
    assert re.fullmatch(r"        【已说明】单位已补充说明（\d{4}-\d\d-\d\d 标记）", lines[at + 1])
    assert sum("【" in line for line in lines) == 1  # no other finding shows a decision
    hundreds = numbers(lines, "第三部分 九（一） 原文第(516|522)行：“100%”未保留两位小数")
    assert len(hundreds) == 2
    assert lines[-1].startswith("已处理 1 条（已说明 1 条）；标记：juesuan decide")

    code, out, err = juesuan("decide", resubmitted, *hundreds, "--as", "不采纳", "--corpus", db)
    assert code == 0, err
    with Corpus(db, read_only=True) as stored:
        verdicts = stored.query("SELECT rule, verdict, note FROM decisions ORDER BY rule").rows
    # the two “100%” of 九（一） are one concern: marked once
    assert verdicts == [("N-amount", "已说明", "单位已补充说明"), ("N-percent-places", "不采纳", "")]

    code, out, err = juesuan("decide", resubmitted, 1, "--clear", "--corpus", db)
    assert (code, out.splitlines()[1]) == (0, "    已撤销处理意见")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("99", "--as", "已说明"),
            "错误：没有第 99 条问题：本文件共 {count} 条（编号见 juesuan check 文件 --corpus 语料库）",
        ),
        (("1",), "错误：请用 --as 已说明 或 --as 不采纳 给出处理意见，或用 --clear 撤销（二者选一）"),
        (
            ("1", "--as", "已说明", "--clear"),
            "错误：请用 --as 已说明 或 --as 不采纳 给出处理意见，或用 --clear 撤销（二者选一）",
        ),
        (("1", "--as", "同意"), "错误：参数 --as 的值无效（可选：已说明、不采纳）；用 --help 查看用法"),
    ],
)
def test_a_decision_the_command_cannot_record_is_one_line_and_exit_2(
    juesuan, sample_path, tmp_path, args, said
):
    code, out, err = juesuan("decide", sample_path, *args, "--corpus", tmp_path / "语料库.duckdb")
    count = len(checked(sample_path)[1])
    assert (code, out, err) == (2, "", said.format(count=count) + "\n")


@pytest.mark.parametrize(
    ("where", "section"),
    [
        ("第三部分 九（一） 原文第512行", "第三部分 九（一）"),
        ("第三部分 九（一） 第15页（文件第17页）", "第三部分 九（一）"),
        ("第二部分 公开01表 第3页", "第二部分 公开01表"),
        ("第五部分 绩效自评表《政务服务运行经费》 工作表“P01”C12", "第五部分 绩效自评表《政务服务运行经费》"),
        ("原文第68行", ""),
        ("文件之外", "文件之外"),
    ],
)
def test_a_concern_never_holds_a_line_page_or_sheet_cell(where, section):
    from juesuan.decisions.concern import section as section_of
    from juesuan.rules.findings import Finding, Severity

    assert section_of(where) == section
    finding = Finding("N-percent-places", Severity.INFO, "“7.9%”未保留两位小数", (), where)
    assert concern(finding) == " ".join(filter(None, ["N-percent-places", section, "“#”未保留两位小数"]))
