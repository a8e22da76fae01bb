"""`juesuan init FOLDER --from FILE`: an input package made from a published disclosure.

This year's disclosure gives a package that rebuilds it: its tables are the document's cells
exactly, and 第三部分's last-year figures, 年初预算, reasons, uses, 三公 counts and 中小企业
amounts become the 单位信息 the build writes them from. Last year's disclosure (`--year` the next
year) gives this year's package: last year's printed figures as 上年决算数, its rows without
figures, its unit, 概况 and projects. What could not be read opens 单位信息.yaml as notes.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from real_documents import REAL, needs_real

from juesuan.model import tidy_cells
from juesuan.package import INFO_FILE, read_package

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
SAMPLE = DATA / "datong-zwfwzx-2024.txt"
EXAMPLE = ROOT / "examples" / "datong-2024"
# each Shanghai PDF with the last-year figures its 第三部分 states (this year's less the change)
SHANGHAI = {
    "shanghai-putuo-guihuaziyuan-2024.pdf": {
        "收入总计": "8796.53",
        "财政拨款收入总计": "8553.30",
        "一般公共预算财政拨款支出": "8553.30",
        "三公经费": "0.54",
        "公务接待费": "0.54",
        "机关运行经费": "156.32",  # 机关运行经费支出 142.80万元，比 2023年度减少13.52万元 (no 公开10表)
    },
    "shanghai-putuo-shehuigongzuobu-2024.pdf": {  # 单位于2024年成立
        "收入总计": "0.00",
        "财政拨款收入总计": "0.00",
        "一般公共预算财政拨款支出": "0.00",
        "机关运行经费": "0.00",
    },
}


def sample_cells() -> list[tuple[str, ...]]:
    return [
        tuple(row) for row in list(csv.reader((DATA / "datong-2024-cells.csv").open(encoding="utf-8")))[1:]
    ]


def cells_of(disclosure) -> list[tuple[str, ...]]:
    return [cell.as_tuple() for cell in tidy_cells(disclosure)]


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """The package `init --from` makes of the reference sample."""
    from click.testing import CliRunner

    from juesuan.cli.build import init

    folder = tmp_path_factory.mktemp("from") / "大同"
    done = CliRunner().invoke(init, [str(folder), "--from", str(SAMPLE)])
    assert done.exit_code == 0, done.output
    return folder


def test_the_sample_gives_a_package_of_its_exact_cells(imported):
    disclosure, _, problems = read_package(imported)
    assert cells_of(disclosure) == sample_cells()
    assert problems == []
    assert (disclosure.unit, disclosure.year) == ("大同市政务服务中心", 2024)


def test_the_package_holds_what_the_narrative_states(imported):
    """As the hand-made example holds them: last year's figures (this year's less each change
    stated, or as this year's where 与上年相同), 年初预算, uses, 三公 counts, 中小企业 amounts."""
    disclosure, facts, _ = read_package(imported)
    example, known, _ = read_package(EXAMPLE)
    assert dict(facts.last_year) == dict(known.last_year)
    assert facts.last_year["收入总计"] == Decimal("825.44")
    assert facts.last_year["201"] == Decimal("740.76")
    assert dict(facts.initial_budget) == dict(known.initial_budget)
    assert dict(facts.uses) == dict(known.uses)
    assert dict(facts.procurement) == dict(known.procurement)
    assert dict(facts.notes) == dict(known.notes)
    assert facts.unit_kind == known.unit_kind == "参照公务员法管理事业单位"
    counts = {key: value for key, value in facts.three_public.items() if not key.endswith("用途")}
    assert counts == {key: value for key, value in known.three_public.items() if not key.endswith("用途")}
    # the reasons stated after each change; 支出总计's is the sentence's one reason for both totals
    assert {key: value for key, value in facts.reasons.items() if key in known.reasons} == {
        key: value for key, value in known.reasons.items() if key in facts.reasons
    }
    assert set(facts.reasons) - set(known.reasons) == {"支出总计", "财政拨款支出总计"}
    # the narrative names a project 残疾人交易保障金: read as written, and said to match no form
    assert dict(facts.performance["残疾人交易保障金"]) == {
        "原因": "预算计算有误",
        "措施": "精确计算，尽量减少误差",
    }
    notes = (imported / INFO_FILE).read_text(encoding="utf-8").split("\n\n")[0]
    assert "“残疾人交易保障金”与各绩效自评表的项目名称都不符" in notes
    assert "名词解释 未读入" in notes
    assert disclosure.overview == example.overview
    assert [form.project for form in disclosure.forms] == [form.project for form in example.forms]


def test_the_package_builds_back_to_the_samples_cells(imported, tmp_path, juesuan):
    code, _, err = juesuan("build", imported, "-o", tmp_path / "out", "--format", "xlsx")
    assert code == 0, err
    code, out, _ = juesuan("parse", tmp_path / "out" / "report.xlsx", "--format", "cells")
    assert out.splitlines() == (DATA / "datong-2024-cells.csv").read_text(encoding="utf-8").splitlines()


def test_the_package_writes_the_narrative_the_hand_made_example_writes(imported):
    """第三部分 as built from the imported package and from examples/datong-2024 (made by hand
    from the same sample): the same, but for the project the sample's 十（四） names 残疾人交易保障金,
    which no form has (the example corrected it by hand; the import keeps it and notes it)."""
    from juesuan.build import assemble
    from juesuan.narrative.trace import section_paragraphs

    def narrative(package: Path) -> list[tuple[str, str]]:
        return [(key, p.text) for key, p in section_paragraphs(assemble(package).disclosure)]

    ours, example = narrative(imported), narrative(EXAMPLE)
    differing = [(a, b) for a, b in zip(ours, example, strict=True) if a != b]
    assert differing == [
        (
            ("十（四）", "J残疾人就业保障金（良）。"),
            ("十（四）", "残疾人就业保障金（良）；原因：预算计算有误；措施：精确计算，尽量减少误差。"),
        )
    ]


@needs_real
@pytest.mark.parametrize("name", SHANGHAI)
def test_a_shanghai_pdf_gives_a_package_that_builds_back_to_its_cells(name, tmp_path, juesuan):
    """In its own template (shanghai-2024, nine tables): the package's tables and the built
    workbook read back are the PDF's cells; last year's figures are those 第三部分 states, keyed
    where the Shanghai tables head their columns as the national ones do."""
    from juesuan.sources import read_path

    original, _ = read_path(REAL / name)
    code, _, err = juesuan("init", tmp_path / "pkg", "--from", REAL / name)
    assert code == 0, err
    disclosure, facts, _ = read_package(tmp_path / "pkg")
    assert cells_of(disclosure) == cells_of(original)
    assert (disclosure.unit, disclosure.year) == (original.unit, original.year)
    assert dict(facts.last_year) == {key: Decimal(value) for key, value in SHANGHAI[name].items()}
    # duties the PDF leaves unnumbered are numbered (一)(二)… by the package, and the notes say so
    duties = [p.text for p in disclosure.overview.duties]
    if not original.overview.duties[0].text.startswith("1."):
        assert duties == [f"（一）{p.text}" for p in original.overview.duties]
        assert "职责 原文未编号" in (tmp_path / "pkg" / INFO_FILE).read_text(encoding="utf-8")
    else:
        assert duties == [p.text for p in original.overview.duties]
    code, _, err = juesuan("build", tmp_path / "pkg", "-o", tmp_path / "out", "--format", "xlsx")
    assert code == 0, err
    built, _ = read_path(tmp_path / "out" / "report.xlsx")
    assert built.template == original.template == "shanghai-2024"
    assert cells_of(built) == cells_of(original)
    info = (tmp_path / "pkg" / INFO_FILE).read_text(encoding="utf-8")
    assert "  模板: shanghai-2024" in info
    assert "单位类型 未读入，请填写" in info  # no 公开10表 to tell it by


@pytest.fixture(scope="module")
def next_year(tmp_path_factory) -> Path:
    """The example built (Excel), then `init --from` its output for 2025."""
    from click.testing import CliRunner

    from juesuan.cli.build import build, init

    folder = tmp_path_factory.mktemp("next")
    done = CliRunner().invoke(build, [str(EXAMPLE), "-o", str(folder / "2024"), "--format", "xlsx"])
    assert done.exit_code == 0, done.output
    done = CliRunner().invoke(
        init, [str(folder / "2025"), "--from", str(folder / "2024" / "report.xlsx"), "--year", "2025"]
    )
    assert done.exit_code == 0, done.output
    return folder / "2025"


def test_last_years_figures_become_this_years_last_year_fields(next_year):
    _, facts, _ = read_package(next_year)
    zero = Decimal("0")
    assert dict(facts.last_year) == {
        "收入总计": Decimal("1134.08"),
        "支出总计": Decimal("1134.08"),
        "财政拨款收入总计": Decimal("1131.45"),
        "财政拨款支出总计": Decimal("1131.45"),
        "一般公共预算财政拨款支出": Decimal("1126.92"),
        "政府性基金预算财政拨款支出": zero,  # 公开07表 本表无数据
        "国有资本经营预算财政拨款支出": zero,
        "机关运行经费": Decimal("15.57"),
        "三公经费": zero,  # 公开09表 本表无数据
        "因公出国（境）费": zero,
        "公务用车购置费": zero,
        "公务用车运行维护费": zero,
        "公务接待费": zero,
        "201": Decimal("1066.35"),
        "208": Decimal("34.14"),
        "210": Decimal("9.05"),
        "221": Decimal("17.38"),
    }
    assert facts.unit_kind == "参照公务员法管理事业单位"
    assert dict(facts.initial_budget) == dict(facts.reasons) == {}


def test_the_structure_carries_over_without_figures(next_year):
    disclosure, _, _ = read_package(next_year)
    example, _, _ = read_package(EXAMPLE)
    assert (disclosure.unit, disclosure.year) == ("大同市政务服务中心", 2025)
    assert cells_of(disclosure) == []
    for number in ("02", "03", "05", "06"):
        assert [row.key for row in disclosure.table(number).rows] == [
            row.key for row in example.table(number).rows
        ]
    assert disclosure.overview == example.overview
    assert [form.project for form in disclosure.forms] == [form.project for form in example.forms]
    assert all(not form.funding and not form.indicators for form in disclosure.forms)
    info = (next_year / INFO_FILE).read_text(encoding="utf-8")
    assert "# 上年指标：产出指标／数量指标／物业服务面积，指标值 16000平方米，分值 20" in info
    assert "决算表为2024年度的表式和科目，数字留空" in info


def test_a_year_neither_the_files_nor_the_next_is_refused(tmp_path, juesuan):
    code, out, err = juesuan("init", tmp_path / "pkg", "--from", SAMPLE, "--year", "2023")
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        "错误：--year 2023 与文件的年度 2024 不符：同一年度重新生成，或取下一年度（2025）"
    ]
    assert not (tmp_path / "pkg").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, world\n", "不是部门决算公开文件"),
        (b"", "文件为空"),
        (b"%PDF-1.7\n garbage", ""),
    ],
)
def test_a_bad_file_is_one_chinese_line_and_leaves_no_folder(content, message, tmp_path, juesuan):
    bad = tmp_path / ("bad.pdf" if content.startswith(b"%PDF") else "bad.txt")
    bad.write_bytes(content)
    code, out, err = juesuan("init", tmp_path / "pkg", "--from", bad)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and err.startswith("错误：") and message in err
    assert not (tmp_path / "pkg").exists()


def test_a_folder_in_use_is_left_as_it_was(tmp_path, juesuan):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mine.txt").write_text("keep")
    code, _, err = juesuan("init", tmp_path / "pkg", "--from", SAMPLE)
    assert code == 2 and "不是空文件夹" in err
    assert [path.name for path in (tmp_path / "pkg").iterdir()] == ["mine.txt"]


def test_from_takes_unit_and_template_from_the_file(tmp_path, juesuan):
    code, _, err = juesuan("init", tmp_path / "pkg", "--from", SAMPLE, "--unit", "别的单位")
    assert code == 2 and "不能同时指定 --unit 或 --template" in err
    assert not (tmp_path / "pkg").exists()


@needs_real
def test_the_shanghai_sentences_are_read():
    """上海's 九（二） says 列明公务接待 2批次、26人次 and 国内公务接待支出 0.39 万 (spaced out in the
    PDF); what it does not state (国内批次, the 购置 count) is noted, not guessed. With no 公开10表,
    its 十 gives 相关信息 and, with no forms attached, 绩效自评汇总 (as the hand-made Shanghai
    example holds them)."""
    from juesuan.package.importing import import_disclosure

    found = import_disclosure(REAL / "shanghai-putuo-guihuaziyuan-2024.pdf")
    example = (ROOT / "examples" / "shanghai-putuo-2024" / INFO_FILE).read_text(encoding="utf-8")
    assert found.sections["相关信息"] == {
        "机关运行经费": "142.80",
        "政府采购": "2319.21",
        "政府采购货物": "122.43",
        "政府采购工程": "1387.72",
        "政府采购服务": "809.07",
        "车辆": "0",
        "单价100万元以上设备": "0",
    }
    assert all(f"  {key}: {value}\n" in example for key, value in found.sections["相关信息"].items())
    assert found.sections["绩效自评汇总"] == {"项目数": "39", "涉及预算金额": "4415.48"}
    assert found.sections["主要原因"]["机关运行经费"].startswith(
        "严格落实中央八项规定，控制机关运行成本相关规定"
    )
    assert found.sections["三公经费说明"] == {
        "因公出国（境）费": {"团组": "0", "人次": "0"},
        "公务用车运行维护费": {"车辆": "0"},
        "公务接待费": {
            "批次": "2",
            "人次": "26",
            "国内接待费": "0.39",
            "外事接待费": "0.00",
            "外事批次": "0",
            "外事人次": "0",
            "国内接待主要是": "接待上级部门及外省市单位调研学习及考察",
        },
    }
    assert any(
        note.startswith("三公经费说明 未读入：公务用车购置费车辆、公务接待费国内批次") for note in found.notes
    )


def test_texts_yaml_could_misread_are_read_back_as_written(tmp_path, juesuan):
    """A duty with “: ” and “#”, a reason with a quote and a backslash: written quoted, read back
    exactly (the narrative's 大厅硬件… project named “- 大厅: 改造” as a key too)."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("负责落实“放管服”改革", '负责: 落实 # "放管服" \\改革', 1)
    text = text.replace("主要原因是人员增减变动导致", "主要原因是人员: 增减 # 变动导致", 1)
    text = text.replace("大厅硬件设备升级改造经费（良）", "- 大厅: 改造（良）", 1)
    source = tmp_path / "改过的.txt"
    source.write_text(text, encoding="utf-8")
    code, _, err = juesuan("init", tmp_path / "pkg", "--from", source)
    assert code == 0, err
    disclosure, facts, _ = read_package(tmp_path / "pkg")
    assert (
        disclosure.overview.duties[0].text
        == '（一）负责: 落实 # "放管服" \\改革政务服务方面有关政策措施，积极推进政务服务标准化规范化便利化。'
    )
    assert facts.reasons["221"] == "人员: 增减 # 变动导致"
    assert dict(facts.performance["- 大厅: 改造"]) == {"原因": "评估后尾款减少", "措施": "无此项目"}


@needs_real
def test_a_shanghai_pdf_for_the_next_year_gives_its_printed_figures():
    """Last year's tables where their columns are headed as the national ones (公开08表 第1栏 is
    年初结转和结余 there: noted, not taken); 机关运行经费 from its 第三部分, having no 公开10表."""
    from juesuan.package.importing import import_disclosure

    found = import_disclosure(REAL / "shanghai-putuo-guihuaziyuan-2024.pdf", 2025)
    last_year = found.sections["上年决算数"]
    assert {
        key: last_year[key]
        for key in ("收入总计", "一般公共预算财政拨款支出", "公务接待费", "212", "机关运行经费")
    } == {
        "收入总计": Decimal("9859.38"),
        "一般公共预算财政拨款支出": Decimal("9746.50"),
        "公务接待费": Decimal("0.39"),
        "212": Decimal("3832.36"),
        "机关运行经费": Decimal("142.80"),
    }
    assert "国有资本经营预算财政拨款支出" not in last_year
    assert (
        found.notes[0]
        == "上年决算数 未读入（2024年度文件的表中没有或栏目不同）：国有资本经营预算财政拨款支出"
    )
    assert found.disclosure.year == 2025 and not any(
        row.cells for t in found.disclosure.tables for row in t.rows
    )
