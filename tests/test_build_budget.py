"""`build` of a budget disclosure (部门预算公开): the example budget of the Datong unit
(examples/datong-2024-budget, budget-mof) built in all four formats reads back exactly, as a 预算 of
its template, and checks clean; `init --template budget-*` gives the blank budget package; every
sentence of the budget catalogue (sentences/11-budget.toml) is written by the writer and states the
numbers its `reads` say.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from juesuan.build import build_package
from juesuan.catalogue.templates import template
from juesuan.model import tidy_cells
from juesuan.package import read_package
from juesuan.rules.findings import Severity
from juesuan.rules.report import review
from juesuan.sources import read_bytes, read_path

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "datong-2024-budget"
WRITER = ROOT / "src" / "juesuan" / "narrative" / "write_budget_disclosure.py"
MOF_TABLES = ["预算01", "预算02", "预算03", "预算04", "预算05", "预算06", "预算08", "预算09", "预算07"]


def juesuan(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True, text=True)


def cells(disclosure) -> list[tuple[str, str, str, str]]:
    return sorted((c.table, c.row, c.col, c.value) for c in tidy_cells(disclosure))


@pytest.fixture(scope="module")
def built():
    return build_package(EXAMPLE)


def test_the_example_builds_as_a_budget_without_findings(built):
    assert built.disclosure.kind == "预算"
    assert built.disclosure.template == "budget-mof"
    assert built.disclosure.title == "大同市政务服务中心2024年度部门预算"
    assert [table.number for table in built.disclosure.tables] == MOF_TABLES
    assert [f for f in built.findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []
    assert sorted(built.files) == ["docx", "html", "pdf", "xlsx"]


def test_the_package_holds_the_figures_the_juesuan_states(built):
    """The 决算 (tests/data/datong-zwfwzx-2024.txt, 五（三）) states the 年初预算: 770.18 in all, and
    by class 201 711.37, 208 26.93, 210 10.23, 221 21.65; the budget prints them so."""
    package, _, _ = read_package(EXAMPLE)
    general = package.table("预算05")
    assert general.figure("合计", "合计").text == "770.18"
    assert {code: general.figure(code, "合计").text for code in ("201", "208", "210", "221")} == {
        "201": "711.37",
        "208": "26.93",
        "210": "10.23",
        "221": "21.65",
    }
    assert package.table("预算07").figure("1", "合计").text == "0.00"
    assert cells(package) == cells(built.disclosure)  # nothing left blank for the build to derive


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_each_format_reads_back_exactly_and_checks_clean(built, fmt):
    document, problems = read_bytes(built.files[fmt], f"report.{fmt}")
    assert document.kind == "预算"
    assert document.template == "budget-mof"
    assert (document.unit, document.year) == ("大同市政务服务中心", 2024)
    assert [table.number for table in document.tables] == MOF_TABLES
    assert cells(document) == cells(built.disclosure)
    findings = review(document, problems)
    assert [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []


def test_a_budget_without_forms_prints_no_attachments_part(built):
    """A 预算 has no 第五部分 附件: none of the four formats prints its heading, as the 决算 does."""
    import docx
    import openpyxl

    pdf_text = subprocess.run(
        ["pdftotext", "-", "-"], input=built.files["pdf"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(built.files["docx"])).paragraphs)
    sheets = openpyxl.load_workbook(io.BytesIO(built.files["xlsx"]), read_only=True).sheetnames
    assert "第四部分 名词解释" in pdf_text and "第四部分 名词解释" in word
    for text in (pdf_text, word, built.files["html"].decode("utf-8")):
        assert "第五部分" not in text
    assert "绩效自评表" not in sheets


class _Cells(HTMLParser):
    """The data-cell key and the text of every figure cell of the web page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        key = dict(attrs).get("data-cell")
        if tag == "td" and key:
            self._open = key
            self.found[key] = ""

    def handle_data(self, data):
        if self._open:
            self.found[self._open] += data.strip()

    def handle_endtag(self, tag):
        if tag == "td":
            self._open = None


def test_the_web_page_shows_every_cell_of_the_package(built):
    page = built.files["html"].decode("utf-8")
    parser = _Cells()
    parser.feed(page)
    shown = sorted((*key.split("|"), text) for key, text in parser.found.items() if text)
    assert shown == cells(built.disclosure)
    assert "第二部分 2024年部门预算表" in page and "预算05表" in page


def test_the_narrative_is_written_from_the_tables(built):
    first, *_, other = built.disclosure.narrative
    assert first.paragraphs[0].text == (
        "大同市政务服务中心2024年收入、支出预算总计770.18万元，与上年预算相比，收、支预算总计各"
        "减少35.28万元，下降4.38%，主要原因是政务服务大厅运行保障项目预算减少。"
    )
    general = built.disclosure.narrative[4]
    assert [p.text for p in general.subsections[1].paragraphs] == [
        "2024年一般公共预算支出预算770.18万元，主要用于以下方面：",
        "一般公共服务支出711.37万元，占92.36%；",
        "社会保障和就业支出26.93万元，占3.50%；",
        "卫生健康支出10.23万元，占1.33%；",
        "住房保障支出21.65万元，占2.81%。",
    ]
    assert [s.title for s in built.disclosure.narrative] == [
        "收支预算总体情况说明",
        "收入预算情况说明",
        "支出预算情况说明",
        "财政拨款收支预算总体情况说明",
        "一般公共预算支出情况说明",
        "一般公共预算基本支出情况说明",
        "“三公”经费预算情况说明",
        "政府性基金预算支出情况说明",
        "国有资本经营预算支出情况说明",
        "其他重要事项的情况说明",
    ]
    assert other.subsections[0].paragraphs[0].text == (  # 预算06 公用经费 of a 参公 unit
        "2024年本单位机关运行经费预算16.25万元，比上年预算增加1.05万元，增长6.91%，主要原因是办公经费标准调整。"
    )
    assert built.disclosure.glossary[0].name == "一般公共预算拨款收入"


def _rows():
    from juesuan.narrative.write_budget_disclosure import budget_parts

    return [(part, row) for part, found in budget_parts().items() for row in found.get("write", ())]


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.mark.parametrize("part,row", _rows(), ids=[f"{part}-{row['id']}" for part, row in _rows()])
def test_every_budget_sentence_states_the_numbers_its_reads_say(part, row):
    written = row["text"].format(**row["values"])
    assert len(_NUMBER.findall(written)) == len(row["reads"]), written


_CELL = re.compile(r"^amount (预算\d\d)\[([^,\]]+),([^\]]+)\]$")


@pytest.mark.parametrize("part,row", _rows(), ids=[f"{part}-{row['id']}" for part, row in _rows()])
def test_the_cells_a_sentence_reads_are_the_example_budgets(built, part, row):
    """Where a sentence's `reads` name a cell, its example (written with its `values`) states that
    cell of the example budget (a sentence for what the example has none of, 政府性基金, is left)."""
    from juesuan.narrative.numbers import amount

    written = row["text"].format(**row["values"])
    for read in row["reads"]:
        match = _CELL.match(read)
        if match is None or "*" in match.groups():
            continue
        table = built.disclosure.table(match[1])
        figure = table.figure(match[2], match[3]) if table else None
        if figure is not None:
            assert amount(figure.value) in written, (read, written)


def test_the_writer_writes_every_budget_sentence_and_only_those():
    code = WRITER.read_text(encoding="utf-8")
    used = set(re.findall(r'_say\(\s*"([^"]+)",\s*"([^"]+)"', code))
    used |= {(part, key) for part, key in re.findall(r'"([^"]+)": "((?:class_)?unchanged)"', code)}
    used |= {(part, "because") for part in ("一", "四", "五（一）", "五（三）", "七", "十（一）")}  # _because
    used |= {(part, "compared") for part in ("一", "四", "五（一）", "七", "十（一）")}  # _compared
    used |= {("五（三）", "class_compared")}
    used |= {("二", "item"), ("三", "item"), ("二", "lead"), ("三", "lead")}  # _breakdown
    used |= {
        ("六", "people"),
        ("六", "goods"),
        ("八", "none"),
        ("九", "none"),
        ("八", "total"),
        ("九", "total"),
    }
    assert used == {(part, row["id"]) for part, row in _rows()}


# the template a blank workbook of each reads back as: budget-generic prints the finance ministry's
# titles (部门收支总表 …), which are budget-mof's signs
READ_BACK = {
    "budget-generic": "budget-mof",
    "budget-mof": "budget-mof",
    "budget-shanghai-2024": "budget-shanghai-2024",
}


@pytest.mark.parametrize("name", sorted(READ_BACK))
def test_init_gives_the_blank_budget_package_of_the_template(tmp_path, name):
    from openpyxl import load_workbook

    done = juesuan("init", tmp_path / "new", "--template", name, "--unit", "某单位", "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["单位信息.yaml", "预算表.xlsx"]
    book = load_workbook(io.BytesIO((tmp_path / "new" / "预算表.xlsx").read_bytes()))
    declared = template(name)
    assert [(sheet.title, sheet["A1"].value) for sheet in book.worksheets] == [
        (f"{number}表", declared.tables[number].title) for number in declared.required
    ]
    headings = [cell.value for cell in book["预算03表"][4]]
    assert headings == ["科目编码", "科目名称", *declared.tables["预算03"].column_keys]
    info = (tmp_path / "new" / "单位信息.yaml").read_text(encoding="utf-8")
    assert f"模板: {name}" in info and "上年预算数:" in info
    disclosure, _, _ = read_package(tmp_path / "new")
    assert (disclosure.kind, disclosure.template) == ("预算", name)
    assert disclosure.title == "某单位2025年度部门预算"
    workbook, problems = read_path(tmp_path / "new" / "预算表.xlsx")
    assert (workbook.kind, workbook.template, problems) == ("预算", READ_BACK[name], [])
    assert [table.number for table in workbook.tables] == list(declared.required)


def test_the_example_fills_the_blank_budget_packages_sheets(tmp_path):
    from openpyxl import load_workbook

    juesuan("init", tmp_path / "new", "--template", "budget-mof")

    def sheets(path: Path) -> list[tuple[str, str]]:
        book = load_workbook(io.BytesIO(path.read_bytes()))
        return [(sheet.title, sheet["A1"].value) for sheet in book.worksheets]

    assert sheets(EXAMPLE / "预算表.xlsx") == sheets(tmp_path / "new" / "预算表.xlsx")


def test_a_budget_package_is_read_with_its_own_keys(tmp_path):
    """A 决算's key (上年决算数) under a budget template is refused by name, with the budget's keys."""
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "unit")
    info = tmp_path / "unit" / "单位信息.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace("上年预算数:", "上年决算数:"), encoding="utf-8")
    done = juesuan("build", tmp_path / "unit", "-o", tmp_path / "out")
    assert done.returncode == 2
    assert "“单位信息.yaml”下没有“上年决算数”这一项（可填：单位、概况、上年预算数" in done.stderr


def test_a_workbook_of_another_year_is_reported_by_its_budget_table(tmp_path):
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "unit")
    info = tmp_path / "unit" / "单位信息.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace("年度: 2024", "年度: 2025"), encoding="utf-8")
    _, _, problems = read_package(tmp_path / "unit")
    assert problems[0].message == "预算表.xlsx 预算01表的年度 2024 与单位信息中的 2025 不一致"


def test_every_number_the_narrative_takes_from_the_tables_is_traced(built):
    """Of the narrative's numbers only those the unit states itself (车辆, 设备, 绩效目标's 项目数 and
    amount) are untraced; the rest are traced to the tables and checked (Y-narrative-*)."""
    document, problems = read_bytes(built.files["xlsx"], "report.xlsx")
    untraced = [f.message for f in review(document, problems) if f.rule == "Y-narrative-untraced"]
    assert [message.split("”")[0].split("“")[1] for message in untraced] == [
        "本单位共有车辆1辆",
        "（含）以上设备0台（套）",
        "2024年本单位1个",
        "涉及一般公共预算拨款555.00万元",
    ]


def test_a_misstated_figure_in_the_built_narrative_is_an_error(built):
    import dataclasses

    narrative = list(built.disclosure.narrative)
    general = narrative[4]
    specific = general.subsections[2]
    first = specific.paragraphs[0]
    assert "711.37万元" in first.text
    wrong = dataclasses.replace(first, text=first.text.replace("711.37万元", "711.73万元"))
    specific = dataclasses.replace(specific, paragraphs=(wrong, *specific.paragraphs[1:]))
    narrative[4] = dataclasses.replace(general, subsections=(*general.subsections[:2], specific))
    findings = review(dataclasses.replace(built.disclosure, narrative=tuple(narrative)), [])
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert [f.rule for f in errors] == ["Y-narrative-amount"], [f.message for f in errors]
