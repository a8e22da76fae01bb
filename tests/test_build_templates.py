"""`juesuan init --template NAME` and `build` in the unit's own template.

The blank package of a template holds that template's tables, as the template catalogue declares
them (Shanghai: nine, no 公开10表, its own 公开08表); the Shanghai example (made from the figures of a
real Putuo disclosure) goes init → fill → build → check, each output detected as shanghai-2024
and clean of errors.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from real_documents import REAL, needs_real
from test_narrative_write import misquoted, quoted_amounts

from juesuan.build import build_package
from juesuan.catalogue.templates import template
from juesuan.sources import SourceError, read_path

ROOT = Path(__file__).parent.parent
SHANGHAI = ROOT / "examples" / "shanghai-putuo-2024"
SHANGHAI_TABLES = ["01", "02", "03", "04", "05", "06", "09", "07", "08"]


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True, text=True)


def sheets(path: Path) -> list[tuple[str, str]]:
    """(sheet name, title in A1) of each sheet of a workbook."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path.read_bytes()))
    return [(sheet.title, sheet["A1"].value) for sheet in book.worksheets]


def test_init_template_gives_the_templates_own_tables(tmp_path):
    done = juesuan(
        "init", tmp_path / "new", "--template", "shanghai-2024", "--unit", "某单位", "--year", "2024"
    )
    assert done.returncode == 0, done.stderr
    declared = template("shanghai-2024").tables
    assert sheets(tmp_path / "new" / "决算表.xlsx") == [
        (f"公开{number}表", declared[number].title) for number in SHANGHAI_TABLES
    ]
    assert declared["08"].title == "国有资本经营预算财政拨款收入支出决算表"
    assert "  模板: shanghai-2024" in (tmp_path / "new" / "单位信息.yaml").read_text(encoding="utf-8")


def test_the_blank_package_of_a_template_reads_back_as_that_template(tmp_path):
    from juesuan.package import read_package

    juesuan("init", tmp_path / "new", "--template", "shanghai-2024", "--unit", "上海市某局", "--year", "2024")
    workbook, _ = read_path(tmp_path / "new" / "决算表.xlsx")
    assert workbook.template == "shanghai-2024"
    assert [table.number for table in workbook.tables] == SHANGHAI_TABLES
    assert [column.heading for column in workbook.table("08").columns] == [
        "年初结转和结余",
        "本年收入",
        "小计",
        "基本支出",
        "项目支出",
        "年末结转和结余",
    ]
    disclosure, _, _ = read_package(tmp_path / "new")
    assert disclosure.template == "shanghai-2024"


def test_init_without_a_template_gives_the_national_ten(tmp_path):
    juesuan("init", tmp_path / "new")
    assert [name for name, _ in sheets(tmp_path / "new" / "决算表.xlsx")] == [
        f"公开{n:02d}表" for n in range(1, 11)
    ]


def test_an_unknown_template_is_refused_and_nothing_is_made(tmp_path):
    from juesuan.package.init import create_package

    done = juesuan("init", tmp_path / "new", "--template", "beijing-2030")
    assert done.returncode == 2
    assert "没有名为 beijing-2030 的模板，可选：national-2024" in done.stderr
    assert not (tmp_path / "new").exists()
    with pytest.raises(SourceError):
        create_package(tmp_path / "other", template="beijing-2030")


def test_an_unknown_template_in_the_package_is_named_with_its_line(tmp_path):
    shutil.copytree(SHANGHAI, tmp_path / "unit")
    info = tmp_path / "unit" / "单位信息.yaml"
    info.write_text(
        info.read_text(encoding="utf-8").replace("模板: shanghai-2024", "模板: 上海"), encoding="utf-8"
    )
    done = juesuan("build", tmp_path / "unit", "-o", tmp_path / "out")
    assert done.returncode == 2
    assert "“单位: 模板”应为 national-2024" in done.stderr and "见到“上海”" in done.stderr


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory) -> Path:
    """init --template shanghai-2024, filled with the example's figures, built into three formats."""
    folder = tmp_path_factory.mktemp("shanghai") / "unit"
    done = juesuan("init", folder, "--template", "shanghai-2024")
    assert done.returncode == 0, done.stderr
    blank = sheets(folder / "决算表.xlsx")
    assert sheets(SHANGHAI / "决算表.xlsx") == blank  # the example fills the blank package's sheets
    for name in ("决算表.xlsx", "单位信息.yaml"):
        shutil.copy(SHANGHAI / name, folder / name)
    out = folder.parent / "out"
    done = juesuan("build", folder, "-o", out, "--format", "xlsx,docx,pdf")
    assert done.returncode == 0, done.stderr
    assert "共 0 个错误" in done.stdout
    return out


@pytest.mark.parametrize("name", ["report.xlsx", "report.docx", "report.pdf"])
def test_each_built_file_of_the_shanghai_example_checks_clean_as_shanghai(shanghai, name):
    checked = juesuan("check", shanghai / name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "模板：上海市模板（九张表）（shanghai-2024）" in checked.stdout
    assert "共 0 个错误" in checked.stdout
    document, _ = read_path(shanghai / name)
    assert [table.number for table in document.tables] == SHANGHAI_TABLES


def test_the_shanghai_build_quotes_its_own_tables():
    result = build_package(SHANGHAI, formats=())
    assert result.errors == 0
    assert result.disclosure.template == "shanghai-2024"
    assert [table.number for table in result.disclosure.tables] == SHANGHAI_TABLES
    first = result.disclosure.narrative[0].paragraphs[0].text
    assert first.startswith(  # as 规划资源 p.18 prints it: the unit, one total, 与2023年度相比
        "上海市普陀区规划和自然资源局2024年度收入支出总计9,859.38万元。"
        "与2023年度相比，收入支出总计增加1,062.85万元，增长12.08%。"
    )


def section_texts(section) -> list[str]:
    return [p.text for p in section.paragraphs] + [
        p.text for sub in section.subsections for p in sub.paragraphs
    ]


def test_what_there_was_none_of_is_said_once_and_the_rest_in_full():
    """Putuo 规划资源 had no 因公出国（境） nor 公务用车 and received two delegations at home. Its 七（一）
    states 购置及运行维护费 as one amount, so 七（二） states 购置 and 运行维护 each, as p.21 does, after
    each item's share of the total."""
    narrative = build_package(SHANGHAI, formats=()).disclosure.narrative
    details = [p.text for p in narrative[6].subsections[1].paragraphs]
    assert details == [
        "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；公务用车购置及运行维护费支出决算"
        "0.00万元，占0.00%；公务接待费支出决算0.39万元，占100.00%。具体情况如下：",
        "本年度无因公出国（境）支出。",
        "1、公务用车购置费支出0.00万元，使用财政拨款共购置公务用车0辆。",
        "2、公务用车运行维护费支出0.00万元，使用财政拨款负担的公务用车保有量共0辆。",
        "3、公务接待费支出0.39万元，共接待2批次，26人次。国内接待费0.39万元，共接待2批次，26人次，"
        "主要是接待上级部门及外省市单位调研学习及考察；无国（境）外接待。",
    ]


def test_what_basic_spending_comprises_follows_a_colon_and_is_named_as_shanghai_names_it():
    """规划资源 p.20: one paragraph, 人员经费 and 公用经费 each with the items it comprises, by name only."""
    narrative = build_package(SHANGHAI, formats=()).disclosure.narrative
    assert section_texts(narrative[5]) == [
        "一般公共预算财政拨款基本支出5,364.75万元。其中：人员经费4,884.09万元，主要包括：基本工资、津贴补贴、"
        "绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、"
        "其他工资福利支出、退休费；公用经费480.66万元，主要包括：办公费、手续费、水费、电费、邮电费、物业管理费、"
        "差旅费、维修（护）费、培训费、公务接待费、劳务费、委托业务费、工会经费、福利费、其他交通费用、"
        "其他商品和服务支出、办公设备购置。"
    ]


def test_the_shanghai_narrative_is_numbered_and_titled_as_shanghai_prints_it():
    """As the Putuo 规划资源 disclosure prints its 第三部分: eleven sections, 三公 in 七."""
    narrative = build_package(SHANGHAI, formats=()).disclosure.narrative
    assert [(s.number, s.title) for s in narrative] == [
        ("一", "收入支出决算总体情况说明"),
        ("二", "收入决算情况说明"),
        ("三", "支出决算情况说明"),
        ("四", "财政拨款收入支出决算总体情况说明"),
        ("五", "一般公共预算财政拨款支出决算情况说明"),
        ("六", "一般公共预算财政拨款基本支出决算情况说明"),
        ("七", "财政拨款“三公”经费支出决算情况说明"),
        ("八", "政府性基金预算财政拨款收入支出决算情况说明"),
        ("九", "国有资本经营预算财政拨款收入支出决算情况说明"),
        ("十", "预算绩效管理情况"),
        ("十一", "其他重要事项的情况说明"),
    ]
    assert [s.number for s in narrative[-1].subsections] == ["（一）", "（二）", "（三）"]


def test_without_a_public_10_table_the_other_matters_come_from_the_units_statistics():
    """Shanghai publishes no 公开10表: 相关信息 gives 十一's figures, and no table is added."""
    result = build_package(SHANGHAI, formats=())
    assert [table.number for table in result.disclosure.tables] == SHANGHAI_TABLES
    assert section_texts(result.disclosure.narrative[-1]) == [  # worded as 规划资源 pp.23–24
        "机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%，主要原因是严格落实中央八项规定，"
        "控制机关运行成本，勤俭节约，合理支出，较上一年度减少了培训费支出等。",
        "上海市普陀区规划和自然资源局2024年度政府采购金额（以合同签订为准）为2,319.21万元，其中：货物采购金额"
        "122.43万元、工程采购金额1,387.72万元、服务采购金额809.07万元。",
        "截至2024年12月31日，上海市普陀区规划和自然资源局部门（单位）共有车辆0辆。"
        "单价100万元（含）以上设备（不含车辆）0台（套）。",
    ]
    assert [(s.number, s.title) for s in result.disclosure.narrative[-1].subsections] == [
        ("（一）", "机关运行经费支出情况"),
        ("（二）", "政府采购支出情况"),
        ("（三）", "国有资产占有使用情况说明"),
    ]


def test_a_performance_summary_is_given_without_forms():
    """The Putuo disclosure attaches no 绩效自评表: its 十 states the unit's own summary."""
    narrative = build_package(SHANGHAI, formats=()).disclosure.narrative
    said = section_texts(narrative[9])
    assert said[0] == "1、预算绩效管理工作开展情况"
    assert said[1].startswith("本部门建立了如下预算绩效管理制度：")
    assert said[2:] == [
        "绩效自评的2024年度项目39个，涉及预算金额4,415.48万元。",
        "2、其他需要说明的事项",
        "无",
    ]


def test_a_budget_given_by_item_is_explained_item_by_item():
    """年初预算 by 项 (上海): each 项 its paragraph, as the Putuo disclosure's 五（三） prints it."""
    narrative = build_package(SHANGHAI, formats=()).disclosure.narrative
    details = [p.text for p in narrative[4].subsections[2].paragraphs]
    assert len(details) == 14
    assert details[1] == (
        "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：行政单位退休人员支出。"
        "年初预算为54.53万元，支出决算为54.53万元，完成年初预算的100.00%。决算数同预算数持平。"
    )
    assert details[6] == (
        "6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：行政单位医疗保险支出。"
        "年初预算为42.73万元，支出决算为40.35万元，完成年初预算的94.43%。"
        "决算数小于预算数的主要原因：医疗保险基数变更，医疗保险单位部分降低，导致支出减少。"
    )


REAL_SAMPLES = {  # a template → a real disclosure printed in it (../shared/samples/real; the national
    # one is the reference sample, 大同市政务服务中心's, in tests/data)
    "national-2024": ROOT / "tests" / "data" / "datong-zwfwzx-2024.txt",
    "central-2024": "central-guojiaxinfangju-2024.pdf",
    "guangdong-2019": "guangdong-foshan-guidaojiaotong-2019.pdf",
    "shanghai-2024": "shanghai-putuo-shehuigongzuobu-2024.pdf",
    "moe-university-2024": "chongqing-swu-2024.pdf",
}


def filled_from(document, name: str, folder: Path) -> Path:
    """init --template `name`, its tables filled with the document's figures and 单位信息 with its
    unit, year and 概况 (as a unit's finance officer would, from the disclosure they have)."""
    from dataclasses import replace

    from juesuan.package.init import tables_workbook

    done = juesuan("init", folder, "--template", name, "--unit", document.unit, "--year", document.year)
    assert done.returncode == 0, done.stderr
    declared = template(name).tables
    tables = tuple(
        replace(table, title=declared[table.number].title, notes=())
        for table in document.tables
        if table.number in declared
    )
    (folder / "决算表.xlsx").write_bytes(tables_workbook(tables, document.unit, document.year, name))
    duties = [p.text for p in document.overview.duties] or ["负责本部门职责范围内的工作。"]
    bodies = [p.text for p in document.overview.organisation] or [f"{document.unit}本级。"]
    listed = "".join(f"    - {json.dumps(text, ensure_ascii=False)}\n" for text in duties)
    organised = "".join(f"    - {json.dumps(text, ensure_ascii=False)}\n" for text in bodies)
    (folder / "单位信息.yaml").write_text(
        f"单位:\n  名称: {document.unit}\n  年度: {document.year}\n  模板: {name}\n"
        f"概况:\n  职责:\n{listed}  机构设置:\n{organised}",
        encoding="utf-8",
    )
    return folder


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_SAMPLES))
def test_each_template_builds_a_real_units_figures_and_checks_clean_as_itself(tmp_path, name):
    document, _ = read_path(REAL / REAL_SAMPLES[name])  # an absolute path stays itself
    folder = filled_from(document, name, tmp_path / "unit")
    done = juesuan("build", folder, "-o", tmp_path / "out", "--format", "xlsx,docx,pdf,html")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "out" / "report.html").stat().st_size  # the preview, the same document as the PDF
    for built in ("report.xlsx", "report.docx", "report.pdf"):
        checked = juesuan("check", tmp_path / "out" / built)
        assert f"（{name}）：" in checked.stdout
        assert "共 0 个错误" in checked.stdout, checked.stdout
    disclosure = build_package(folder, formats=()).disclosure
    assert quoted_amounts(disclosure) and misquoted(disclosure) == []  # the narrative quotes the tables


def test_the_word_document_shows_the_charts_of_the_web_page_in_their_sections():
    """收入构成 after 二, 支出构成 after 三, the classes after 五（二）: as pictures in the text."""
    from docx import Document

    built = build_package(SHANGHAI, formats=("docx",)).files["docx"]
    body = Document(io.BytesIO(built)).paragraphs
    pictured = [i for i, p in enumerate(body) if p._p.xpath(".//pic:pic")]
    headings = {p.text: i for i, p in enumerate(body) if p.style.name.startswith("Heading")}
    assert len(pictured) == 3
    assert headings["二、收入决算情况说明"] < pictured[0] < headings["三、支出决算情况说明"]
    assert headings["三、支出决算情况说明"] < pictured[1] < headings["四、财政拨款收入支出决算总体情况说明"]
    assert headings["（二）一般公共预算财政拨款支出决算结构情况"] < pictured[2]
    assert pictured[2] < headings["（三）一般公共预算财政拨款支出决算具体情况"]


def test_the_shanghai_narrative_is_worded_as_shanghai_words_it():
    """The template's own writer rows in place of the national ones, as 规划资源 pp.18–22 print them:
    no year before 本年收入合计, 占 not 占比, a lead and its items in one paragraph, （类） in full width,
    年初预算为…，支出决算为…, the unit before the year where it says there was none."""
    narrative = build_package(SHANGHAI, formats=()).disclosure.narrative
    firsts = [narrative[i].paragraphs[0].text for i in (1, 2, 5, 7, 8)]
    assert firsts == [
        "本年收入合计9,746.50万元，其中：财政拨款收入9,746.50万元，占100.00%。",
        "本年支出合计9,759.38万元，其中：基本支出5,377.64万元，占55.10%；项目支出4,381.74万元，占44.90%。",
        "一般公共预算财政拨款基本支出5,364.75万元。其中：人员经费4,884.09万元，主要包括：基本工资、津贴补贴、"
        "绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、"
        "其他工资福利支出、退休费；公用经费480.66万元，主要包括：办公费、手续费、水费、电费、邮电费、物业管理费、"
        "差旅费、维修（护）费、培训费、公务接待费、劳务费、委托业务费、工会经费、福利费、其他交通费用、"
        "其他商品和服务支出、办公设备购置。",
        "上海市普陀区规划和自然资源局2024年度无政府性基金预算财政拨款收入和支出。",
        "上海市普陀区规划和自然资源局2024年度无国有资本经营预算财政拨款收入和支出。",
    ]
    general = narrative[4].subsections
    assert (
        general[0]
        .paragraphs[0]
        .text.startswith(
            "一般公共预算财政拨款支出9,746.50万元，占本年支出合计的99.87%。"
            "与2023年度相比，一般公共预算财政拨款支出增加1,193.20万元，增长13.95%。"
        )
    )
    assert [p.text for p in general[1].paragraphs] == [
        "一般公共预算财政拨款支出9,746.50万元，主要用于以下方面：社会保障和就业支出（类）754.75万元，占7.74%；"
        "卫生健康支出（类）236.64万元，占2.43%；城乡社区支出（类）3,832.36万元，占39.32%；"
        "自然资源海洋气象等支出（类）4,461.67万元，占45.78%；住房保障支出（类）461.08万元，占4.73%。"
    ]
    assert general[2].paragraphs[0].text == (
        "一般公共预算财政拨款支出年初预算为10,210.34万元，支出决算为9,746.50万元，完成年初预算的95.46%。其中："
    )
    assert [p.text for p in narrative[6].subsections[0].paragraphs] == [
        "“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%。其中：因公出国（境）费"
        "决算为0.00万元；公务用车购置及运行维护费支出决算为0.00万元；公务接待费支出决算为0.39万元，完成预算的"
        "13.68%。主要原因是：严格落实中央八项规定，控制“三公”经费支出。",
        "2024年度“三公”经费财政拨款支出决算数比2023年度减少0.15万元，下降27.78%。",
    ]


# What 西南大学's 决算报表说明 states beyond its tables (chongqing-swu-2024.pdf pp.14, 16–17), as its
# finance officer would add it to the package init --from gives: last year's totals, sources of income
# and classes of spending (this year's less the change printed; the sources add up to last year's
# 收入总计, the classes to its 支出总计), the reason, the one 项 printed as unchanged, and 政府采购.
SWU_FACTS = {
    "上年决算数:\n": (
        "  收入总计: 430725.03\n  支出总计: 457676.75\n  2296004 用于教育事业的彩票公益金支出: 109.50\n"
        "  财政拨款收入: 243015.38\n  事业收入: 136385.24\n  其他收入: 51324.41\n"
        "  205 教育支出: 425287.27\n  206 科学技术支出: 2536.65\n  208 社会保障和就业支出: 13465.05\n"
        "  221 住房保障支出: 16278.28\n  229 其他支出: 109.50\n"
    ),
    "主要原因:\n": (
        "  收入总计: 短期培训班培训收入增加，非同级中央和地方拨款增加，捐赠收入和后勤保障单位净收入增加\n"
    ),
    "政府采购:\n": "  中小企业合同金额: 12127.08\n  小微企业合同金额: 7295.12\n",
    "相关信息:\n": (
        "  政府采购: 15346.40\n  政府采购货物: 5510.39\n  政府采购工程: 9069.87\n  政府采购服务: 766.15\n"
    ),
}


@pytest.fixture(scope="module")
def university(tmp_path_factory) -> Path:
    """init --from 西南大学's disclosure, with what its 说明 states beyond the tables added."""
    if not (REAL / "chongqing-swu-2024.pdf").exists():
        pytest.skip("needs ../shared/samples/real/chongqing-swu-2024.pdf")
    folder = tmp_path_factory.mktemp("university") / "unit"
    done = juesuan("init", folder, "--from", REAL / "chongqing-swu-2024.pdf")
    assert done.returncode == 0, done.stderr
    info = folder / "单位信息.yaml"
    text = info.read_text(encoding="utf-8")
    for heading, lines in SWU_FACTS.items():
        assert text.count(f"\n{heading}") == 1, heading
        text = text.replace(f"\n{heading}", f"\n{heading}{lines}")
    info.write_text(text, encoding="utf-8")
    return folder


@needs_real
def test_the_university_explains_its_four_tables_as_its_disclosure_does(university):
    """chongqing-swu-2024.pdf pp.14–17: 表1 to 表4 each explained, then 其他说明; 收入总计 is 本年收入
    合计 (01 line 27), not 表1's 合计 (the two N-amount errors of the national wording)."""
    result = build_package(university, formats=())
    assert result.errors == 0
    narrative = result.disclosure.narrative
    assert [(s.number, s.title) for s in narrative] == [  # （一）…（五） as printed under 三、决算报表说明
        ("（一）", "高等学校收支决算总表说明"),
        ("（二）", "高等学校收入决算表说明"),
        ("（三）", "高等学校支出决算表说明"),
        ("（四）", "高等学校财政拨款支出决算表说明"),
        ("（五）", "其他说明"),
    ]
    said = [[p.text for p in s.paragraphs] for s in narrative]
    assert said[0] == [  # p.14: each source and class against last year, as printed
        "学校2024年度收入总计477,447.73万元，与2023年度相比，增加46,722.70万元，增长10.85%。"
        "其中：财政拨款收入增加36,802.62万元，事业收入增加7,632.63万元，其他收入增加2,287.45万元。"
        "主要原因是短期培训班培训收入增加，非同级中央和地方拨款增加，捐赠收入和后勤保障单位净收入增加。",
        "学校2024年度支出总计481,483.46万元，与2023年度相比，增加23,806.71万元，增长5.20%。"
        "其中：教育支出增加22,774.53万元，科学技术支出减少547.65万元，社会保障和就业支出增加1,706.44万元，"
        "住房保障支出减少126.61万元，其他支出保持不变。",
    ]
    assert said[1] == [
        "学校2024年度收入总计477,447.73万元，其中：财政拨款收入279,818.00万元，占总收入的58.61%；"
        "事业收入144,017.87万元，占总收入的30.16%；其他收入53,611.86万元，占总收入的11.23%。"
    ]
    # 住房保障支出 16,151.67 ÷ 481,483.46 = 3.3545…%: 3.35% (the disclosure prints 3.36%, its N-share error)
    assert said[2][1].endswith(
        "住房保障支出16,151.67万元，占总支出的3.35%；其他支出109.50万元，占总支出的0.02%。"
    )
    assert said[3][0] == (
        "学校2024年度财政拨款支出总计为266,783.56万元，其中：基本支出209,899.51万元，占总支出的78.68%；"
        "项目支出56,884.05万元，占总支出的21.32%。具体包括："
    )
    assert len(said[3]) == 15
    assert said[3][1] == "1.小学教育（2050202），2024年度决算数为8,627.17万元。"
    assert misquoted(result.disclosure) == [] and len(quoted_amounts(result.disclosure)) == 31
    assert (
        said[3][14]
        == "14.用于教育事业的彩票公益金支出（2296004），2024年度决算数为109.50万元，与2023年度决算数一致。"
    )
    # 7,295.12 ÷ 12,127.08 = 60.155…%: 60.16% (the disclosure prints 60.02%, its other N-share error)
    assert said[4] == [
        "学校2024年度政府采购支出总额15,346.40万元，其中：政府采购货物支出5,510.39万元、政府采购工程支出"
        "9,069.87万元、政府采购服务支出766.15万元。授予中小企业合同金额12,127.08万元，占政府采购支出总额的"
        "79.02%，其中：授予小微企业合同金额7,295.12万元，占授予中小企业合同金额的60.16%。"
    ]


@needs_real
def test_each_built_file_of_the_university_checks_clean_as_a_university(university, tmp_path):
    done = juesuan("build", university, "-o", tmp_path / "out", "--format", "xlsx,docx,pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "共 0 个错误、0 个警告" in done.stdout
    for built in ("report.xlsx", "report.docx", "report.pdf"):
        checked = juesuan("check", tmp_path / "out" / built)
        assert "（moe-university-2024）：" in checked.stdout
        assert "共 0 个错误、0 个警告" in checked.stdout, checked.stdout
    from docx import Document
    from openpyxl import load_workbook

    titled = ["（一）高等学校收支决算总表说明", "（二）高等学校收入决算表说明", "（五）其他说明"]
    document = Document(io.BytesIO((tmp_path / "out" / "report.docx").read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert all(title in headings for title in titled), headings  # as p.14 prints them, not 一、…
    sheet = load_workbook(io.BytesIO((tmp_path / "out" / "report.xlsx").read_bytes()))["情况说明"]
    assert all(title in [row[0] for row in sheet.iter_rows(values_only=True)] for title in titled)


@needs_real
def test_a_university_without_its_procurement_says_no_other_matters(tmp_path):
    """Without 政府采购 in the package there is nothing to say under 其他说明 (not 本年度无政府采购支出,
    which the unit never said)."""
    folder = tmp_path / "unit"
    juesuan("init", folder, "--from", REAL / "chongqing-swu-2024.pdf")
    result = build_package(folder, formats=())
    assert result.errors == 0
    assert [s.title for s in result.disclosure.narrative][-1] == "高等学校财政拨款支出决算表说明"
    assert result.disclosure.narrative[0].paragraphs[0].text == "学校2024年度收入总计477,447.73万元。"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The build of init --from a real disclosure (its tables, 概况 and what its 第三部分 states)."""
    built = {}

    def build(name: str):
        if name not in built:
            folder = tmp_path_factory.mktemp("imported") / "unit"
            done = juesuan("init", folder, "--from", REAL / name)
            assert done.returncode == 0, done.stderr
            built[name] = build_package(folder, formats=())
        return built[name]

    return build


@needs_real
def test_the_central_narrative_is_numbered_titled_and_worded_as_a_central_department_prints_it(imported):
    """central-guojiaxinfangju-2024.pdf pp.14–24: eleven sections, 三公 in 七, 机关运行经费 … 预算绩效
    each its own, no section for the funds; the unit before the year, 收、支总计 once."""
    result = imported("central-guojiaxinfangju-2024.pdf")
    assert result.errors == 0
    narrative = result.disclosure.narrative
    assert [(s.number, s.title) for s in narrative] == [
        ("一", "收入支出决算总体情况说明"),
        ("二", "收入决算情况说明"),
        ("三", "支出决算情况说明"),
        ("四", "财政拨款收入支出决算总体情况说明"),
        ("五", "一般公共预算财政拨款支出决算情况说明"),
        ("六", "一般公共预算财政拨款基本支出决算情况说明"),
        ("七", "一般公共预算财政拨款“三公”经费支出决算情况说明"),
        ("八", "机关运行经费支出说明"),
        ("九", "政府采购支出说明"),
        ("十", "国有资产占用情况说明"),
        ("十一", "关于2024年度预算绩效情况说明"),
    ]
    assert [s.title for s in narrative[4].subsections] == [
        "财政拨款支出决算总体情况",
        "财政拨款支出决算结构情况",
        "财政拨款支出决算具体情况",
    ]
    # 5,834.37 ÷ 16,232.22 = 35.94%: the disclosure prints 35.74% (its N-rate error)
    assert narrative[0].paragraphs[0].text == (
        "国家信访局2024年度收、支总计22,066.59万元。与2023年相比，收、支总计各增加5,834.37万元，增长35.94%。"
    )
    assert narrative[1].paragraphs[0].text == (
        "国家信访局2024年度本年收入合计20,451.35万元，其中：财政拨款收入19,572.91万元，占95.70%；"
        "其他收入878.44万元，占4.30%。"
    )
    assert (
        narrative[3]
        .paragraphs[0]
        .text.startswith(
            "国家信访局2024年度财政拨款收支总决算20,727.53万元。与2023年度相比，财政拨款收、支总计各增加5,551.73万元，"
            "增长36.58%。"
        )
    )
    assert (
        narrative[4]
        .subsections[1]
        .paragraphs[0]
        .text.startswith(
            "国家信访局2024年度财政拨款支出13,733.80万元，主要用于以下方面：一般公共服务支出（类）9,846.82万元，占71.70%；"
        )
    )
    assert [p.text for p in narrative[6].subsections[0].paragraphs] == [  # p.22, by completion of the budget
        "国家信访局2024年度“三公”经费财政拨款支出预算为76.43万元，2024年度支出决算为46.21万元，完成预算的60.46%。"
        "其中：因公出国（境）费支出决算为4.69万元，完成预算的15.63%；公务用车购置及运行费支出决算为40.61万元，"
        "完成预算的99.95%；公务接待费支出决算为0.90万元，完成预算的15.52%。"
    ]
    assert misquoted(result.disclosure) == []


# What 国家信访局's 一（一） states beyond its tables (central-guojiaxinfangju-2024.pdf p.15): each source's
# last-year 决算数 (this year's less the change printed) and the reason for its change
CENTRAL_FACTS = {
    "上年决算数:\n": "  一般公共预算财政拨款收入: 13309.74\n  其他收入: 552.33\n  年初结转和结余: 2370.15\n",
    "主要原因:\n": (
        "  一般公共预算财政拨款收入: 根据工作需要，增加一次性项目支出\n  其他收入: 非同级财政拨款收入增加\n"
        "  年初结转和结余: 2024年初结转和结余资金减少\n"
    ),
}


@needs_real
def test_the_central_income_is_stated_by_source_against_last_year(tmp_path):
    """一（一） 收入决算具体情况 as 国家信访局 prints it (p.15): each source of 公开01表 and 年初结转和结余,
    what it is, its change from last year's 决算数 and the reason; built, each file checks clean."""
    folder = tmp_path / "unit"
    done = juesuan("init", folder, "--from", REAL / "central-guojiaxinfangju-2024.pdf")
    assert done.returncode == 0, done.stderr
    info = folder / "单位信息.yaml"
    text = info.read_text(encoding="utf-8")
    for heading, lines in CENTRAL_FACTS.items():
        assert text.count(f"\n{heading}") == 1, heading
        text = text.replace(f"\n{heading}", f"\n{heading}{lines}")
    info.write_text(text, encoding="utf-8")
    result = build_package(folder, formats=())
    assert result.errors == 0
    overall = result.disclosure.narrative[0]
    assert [(s.number, s.title) for s in overall.subsections] == [("（一）", "收入决算具体情况")]
    assert [p.text for p in overall.subsections[0].paragraphs] == [
        "1.一般公共预算财政拨款收入19,572.91万元，为国家信访局及所属单位当年从中央财政取得的资金，比2023年度"
        "决算数增加6,263.17万元，增长47.06%，主要原因是根据工作需要，增加一次性项目支出。",
        "2.其他收入878.44万元，为国家信访局及所属单位在财政拨款收入、事业收入、经营收入、附属单位上缴收入之外"
        "取得的收入，例如：存款利息收入、房产出租收入、非同级财政拨款收入等，比2023年度决算数增加326.11万元，"
        "增长59.04%，主要原因是非同级财政拨款收入增加。",
        "3.年初结转和结余1,615.24万元，为国家信访局及所属单位以前年度支出预算尚未完成，结转到本年仍按原规定用途"
        "继续使用的资金，既包括财政拨款结转和结余，也包括其他收入的结转和结余，比2023年度决算数减少754.91万元，"
        "降低31.85%，主要原因是2024年初结转和结余资金减少。",
    ]
    assert misquoted(result.disclosure) == []
    done = juesuan("build", folder, "-o", tmp_path / "out", "--format", "xlsx,docx,pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    for built in ("report.xlsx", "report.docx", "report.pdf"):
        checked = juesuan("check", tmp_path / "out" / built)
        assert "（central-2024）：" in checked.stdout
        assert "共 0 个错误" in checked.stdout, checked.stdout
        read, _ = read_path(tmp_path / "out" / built)
        assert [s.title for s in read.narrative[0].subsections] == ["收入决算具体情况"]


# What 佛山's 三 states beyond its tables (guangdong-foshan-guidaojiaotong-2019.pdf pp.26–27): why the
# 决算 exceeds the 预算 (0), and the one domestic reception (1 次, 13 人) with what it was for
FOSHAN_FACTS = {
    "主要原因:\n": (
        "  三公经费: 因为我局为2019年新成立单位，成立时间晚于预算数制定时间，预算数为0，"
        "因此，“三公”经费支出的决算数大于预算数\n"
    ),
    "  公务用车运行维护费:\n": (
        "  公务接待费:\n    国内批次: 1\n    国内人次: 13\n"
        "    国内接待主要是: 接待其他省市交通局参观所产生的费用\n"
    ),
}


@needs_real
def test_the_guangdong_three_public_is_worded_as_foshan_words_it(tmp_path):
    """三 as 佛山 prints it (p.26): 决算为…, each item's 决算, the reason the 决算 exceeds the 预算 a
    paragraph of its own; each item's share, 具体情况如下：, then 1. 2. 3. But no rate on a zero
    budget (佛山's 完成预算0万元的0% is N-completion's error): 年初预算为0.00万元."""
    folder = tmp_path / "unit"
    done = juesuan("init", folder, "--from", REAL / "guangdong-foshan-guidaojiaotong-2019.pdf")
    assert done.returncode == 0, done.stderr
    info = folder / "单位信息.yaml"
    text = info.read_text(encoding="utf-8")
    for heading, lines in FOSHAN_FACTS.items():  # an indented item goes before the one it names
        assert text.count(f"\n{heading}") == 1, heading
        text = text.replace(
            f"\n{heading}", f"\n{lines}{heading}" if heading.startswith(" ") else f"\n{heading}{lines}"
        )
    info.write_text(text, encoding="utf-8")
    result = build_package(folder, formats=())
    assert result.errors == 0
    three = result.disclosure.narrative[2]
    assert [p.text for p in three.subsections[0].paragraphs] == [
        "佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元，年初预算为0.00万元。其中：因公出国（境）费"
        "支出决算为0.00万元，年初预算为0.00万元；公务用车购置及运行费支出决算为0.00万元，年初预算为0.00万元；"
        "公务接待费支出决算为0.16万元，年初预算为0.00万元。",
        "2019年度“三公”经费支出决算大于预算数的主要情况：因为我局为2019年新成立单位，成立时间晚于预算数制定时间，"
        "预算数为0，因此，“三公”经费支出的决算数大于预算数。",
    ]
    assert [p.text for p in three.subsections[1].paragraphs] == [
        "2019年“三公”经费财政拨款支出决算中，因公出国（境）费0.00万元，占0.00%；公务用车购置及运行费支出0.00万元，"
        "占0.00%；公务接待费支出0.16万元，占100.00%。具体情况如下：",
        "本年度无因公出国（境）支出。",
        "1.公务用车购置支出0.00万元，公务用车购置数0辆。",
        "2.公务用车运行及维护支出0.00万元，公务用车保有量为0辆，主要用于：无。",
        "3.公务接待费支出0.16万元，共接待1批次，13人次。国内接待费0.16万元，共接待1批次，13人次，"
        "主要是接待其他省市交通局参观所产生的费用；无国（境）外接待。",
    ]
    assert misquoted(result.disclosure) == []
    done = juesuan("build", folder, "-o", tmp_path / "out", "--format", "xlsx,docx,pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    for built in ("report.xlsx", "report.docx", "report.pdf"):
        checked = juesuan("check", tmp_path / "out" / built)
        assert "（guangdong-2019）：" in checked.stdout
        assert "共 0 个错误" in checked.stdout, checked.stdout


@needs_real
def test_the_guangdong_narrative_explains_its_totals_line_by_line_as_2019_printed_it(imported):
    """guangdong-foshan-guidaojiaotong-2019.pdf pp.21–25: four sections with the year in their titles;
    一 （一） 总收入 and each income line, （二） 总支出 and each kind; 二 财政拨款 收入 and 支出."""
    result = imported("guangdong-foshan-guidaojiaotong-2019.pdf")
    assert result.errors == 0
    narrative = result.disclosure.narrative
    assert [(s.number, s.title, [(c.number, c.title) for c in s.subsections]) for s in narrative][:2] == [
        (
            "一",
            "2019年度收入支出决算总体情况说明",
            [("（一）", "2019年度收入总体情况"), ("（二）", "2019年度支出总体情况")],
        ),
        (
            "二",
            "2019年度财政拨款收入支出总表说明",
            [("（一）", "2019年度财政拨款收入说明"), ("（二）", "2019年度财政拨款支出说明")],
        ),
    ]
    assert [(s.number, s.title) for s in narrative][2:] == [
        ("三", "2019年度一般公共预算财政拨款“三公”经费支出决算情况说明"),
        ("四", "其他重要事项的情况说明"),
    ]
    income = [p.text for p in narrative[0].subsections[0].paragraphs]
    assert income[:2] == [
        "佛山市轨道交通局2019年度总收入1,668.14万元，其中本年收入1,668.14万元。具体情况如下：",
        "1.一般公共预算财政拨款收入1,668.14万元。",
    ]
    assert income[-1] == "7.其他收入0.01万元。"
    assert [p.text for p in narrative[1].subsections[1].paragraphs] == [
        "佛山市轨道交通局2019年度财政拨款支出合计1,668.14万元。其中：一般公共预算财政拨款支出1,668.14万元；"
        "政府性基金预算财政拨款支出0.00万元。"
    ]
    assert misquoted(result.disclosure) == []
