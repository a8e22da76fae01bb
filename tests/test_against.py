"""`check NEW --against OLD`: the findings fixed, new and remaining between two submissions,
matched by what they concern, never by line. OLD is the reference sample (its 7.55 slip); NEW
corrects it to 7.54, moves its lines and misprints 基本工资 59.99 as 59.90."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from juesuan.decisions import Changes, changes, concern
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.report import review, summary_line
from juesuan.sources import read_path
from juesuan.store import Corpus

SLIP = "“职工基本医疗保险缴费7.55万元”与公开06表 30110 职工基本医疗保险缴费（7.54）不符，差 0.01"
MISPRINT = "“基本工资59.90万元”与公开06表 30101 基本工资（59.99）不符，差 0.09"


def resubmission(text: str) -> str:
    text = text.replace("职工基本医疗保险缴费7.55万元", "职工基本医疗保险缴费7.54万元", 1)
    text = text.replace("基本工资59.99万元", "基本工资59.90万元", 1)
    return text.replace("第三部分 情况说明\n", "\n\n\n第三部分 情况说明\n", 1)  # three lines down


@pytest.fixture(scope="module")
def files(tmp_path_factory, sample_path: Path) -> tuple[Path, Path]:
    new = tmp_path_factory.mktemp("against") / "第二次报送.txt"
    new.write_text(resubmission(sample_path.read_text(encoding="utf-8")), encoding="utf-8")
    return sample_path, new


def checked(path: Path):
    disclosure, problems = read_path(path)
    return disclosure, review(disclosure, problems)


def test_fixed_new_and_remaining_exactly(files):
    (old, old_findings), (new, new_findings) = map(checked, files)
    found = changes(old_findings, new_findings, old, new)
    (slip,) = [f for f in old_findings if f.rule == "N-amount"]
    (misprint,) = [f for f in new_findings if f.rule == "N-amount"]
    assert (slip.where, slip.message) == ("第三部分 六 原文第494行", SLIP)
    assert (misprint.where, misprint.message) == ("第三部分 六 原文第497行", MISPRINT)
    assert found == Changes(
        fixed=[slip], new=[misprint], remaining=[f for f in new_findings if f != misprint]
    )
    # the remaining ones as NEW has them: those in 第三部分 moved three lines
    moved = {(o.where, n.where) for o, n in zip(old_findings[2:], found.remaining[1:], strict=True)}
    assert ("第三部分 十（一） 原文第536行", "第三部分 十（一） 原文第539行") in moved


def test_equal_concerns_are_matched_as_many_as_both_have():
    def percent(line: int) -> Finding:
        said = "“100%”未保留两位小数"
        return Finding("N-percent-places", Severity.INFO, said, (), f"第三部分 九（一） 原文第{line}行")

    old = [percent(512), percent(518)]
    assert concern(old[0]) == concern(old[1]) == "N-percent-places 第三部分 九（一） “#”未保留两位小数"
    assert changes(old, [percent(520)], None, None) == Changes(
        fixed=[old[1]], new=[], remaining=[percent(520)]
    )
    assert changes([], old, None, None) == Changes(fixed=[], new=old, remaining=[])


def test_the_command_lists_each_change_with_its_location_and_exits_1_for_new_errors(juesuan, files):
    old, new = files
    remaining = len(checked(new)[1]) - 1  # all but the misprint
    code, out, err = juesuan("check", new, "--against", old)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:7] == [
        f"对照上次提交：已改正 1 条，新出现 1 条，仍存在 {remaining} 条",
        "已改正（1）",
        "  [错误] N-amount 情况说明金额与表格一致",
        f"    上次提交 第三部分 六 原文第494行：{SLIP}",
        "新出现（1）",
        "  [错误] N-amount 情况说明金额与表格一致",
        f"    第三部分 六 原文第497行：{MISPRINT}",
    ]
    assert lines[7] == f"仍存在（{remaining}）"
    assert lines[8:10] == [
        "  [警告] P-unit-or-department 部门决算、单位决算用语一致",
        "    原文第68行：此处写“2024年部门决算”，而封面 标题写“2024年度单位决算”：部门决算与单位决算不应混用",
    ]
    assert lines[-1] == f"本次提交：{summary_line(checked(new)[1])}"


def test_a_resubmission_that_only_corrects_exits_0(juesuan, sample_path, tmp_path):
    corrected = tmp_path / "改正.txt"
    text = sample_path.read_text(encoding="utf-8")
    corrected.write_text(
        text.replace("职工基本医疗保险缴费7.55万元", "职工基本医疗保险缴费7.54万元"), encoding="utf-8"
    )
    code, out, _ = juesuan("check", corrected, "--against", sample_path, "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert [(f["rule"], f["concern"], f["where"]) for f in report["fixed"]] == [
        ("N-amount", "N-amount 06/30110/决算数", "第三部分 六 原文第494行")
    ]
    remaining = len(checked(sample_path)[1]) - 1  # all but the slip
    assert (report["new"], len(report["remaining"]), report["summary"]["errors"]) == ([], remaining, 0)


def test_against_shows_the_decisions_carried_over(juesuan, files, tmp_path):
    old, new = files
    db = tmp_path / "语料库.duckdb"
    Corpus(db).close()
    listing = juesuan("check", old, "--corpus", db)[1].splitlines()
    (number,) = [line.split("]")[0][5:] for line in listing if line.endswith("：“7.9%”未保留两位小数")]
    assert (
        juesuan("decide", old, number, "--as", "已说明", "--note", "按模板保留一位", "--corpus", db)[0] == 0
    )
    _, out, _ = juesuan("check", new, "--against", old, "--corpus", db)
    lines = out.splitlines()
    at = lines.index("    第三部分 十（一） 原文第539行：“7.9%”未保留两位小数")
    assert lines[at + 1].startswith("    【已说明】按模板保留一位（")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--format", "html"), "错误：--against 只支持 text 或 json 格式\n"),
        (("--jobs", "2"), "错误：--against 只用于单个文件\n"),
    ],
)
def test_against_refuses_what_it_cannot_do(juesuan, files, args, said):
    old, new = files
    assert juesuan("check", new, "--against", old, *args) == (2, "", said)


def test_two_files_of_different_years_are_compared_with_a_note(juesuan, sample_path, tmp_path):
    later = tmp_path / "2025.txt"
    later.write_text(sample_path.read_text(encoding="utf-8").replace("2024", "2025"), encoding="utf-8")
    code, out, err = juesuan("check", later, "--against", sample_path)
    assert err == (
        "提示：上次提交为“大同市政务服务中心”2024年度，本次为“大同市政务服务中心”2025年度，"
        "不是同一单位同一年度的两次报送\n"
    )
    assert (code, out.startswith("对照上次提交：")) == (1, True)  # the 7.55 slip stays: exit 1
