"""The reviewer's outputs: findings located as a reviewer reads them, the letter back to the unit
(DOCX), the findings as XLSX and CSV, and a batch's index; all from the real files written by
`juesuan check`, opened with python-docx and openpyxl."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from real_documents import REAL, needs_real

from juesuan.model import Origin
from juesuan.report import FORMATS, check_path
from juesuan.report.locations import cell_location
from juesuan.rules.findings import CellRef, Finding, Severity, cell_origins

SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"
SEVEN_FIFTY_FIVE = "“职工基本医疗保险缴费7.55万元”与公开06表 30110 职工基本医疗保险缴费（7.54）不符，差 0.01"
ROW_HEADERS = [
    "序号",
    "严重程度",
    "规则编号",
    "规则名称",
    "位置",
    "原文位置",
    "问题",
    "涉及单元格",
    "单位说明",
]


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def report():
    return check_path(SAMPLE)


def test_review_gives_each_finding_its_origin(report):
    error = next(f for f in report.findings if f.rule == "N-amount")
    assert error.origin == Origin(line=494)  # the paragraph of 第三部分 六
    figure = report.disclosure.table("06").figure("30110", "决算数")
    assert cell_origins(report.disclosure, error) == (figure.origin,)
    assert {f.where for f in report.findings if f.origin is None} == {
        "文件之外"
    }  # facts the file cannot show


def test_cells_are_named_by_line_and_column_as_printed(report):
    names = [
        cell_location(report.disclosure, CellRef(*cell))
        for cell in (
            ("01", "40", "2"),
            ("05", "2010301", "1"),
            ("06", "30110", "决算数"),
            ("02", "合计", "1"),
        )
    ]
    assert names == [
        "公开01表 第40行 九、卫生健康支出 第2栏",
        "公开05表 2010301 行政运行 第1栏",
        "公开06表 30110 职工基本医疗保险缴费",
        "公开02表 合计 第1栏",
    ]


def test_the_letter_lists_errors_then_warnings_with_a_column_for_the_reply(tmp_path: Path, report):
    import docx

    letter = tmp_path / "审核意见.docx"
    done = juesuan("check", str(SAMPLE), "--format", "docx", "-o", str(letter))
    assert done.returncode == 1 and done.stdout == ""  # errors found; nothing on the terminal
    document = docx.Document(str(letter))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "关于大同市政务服务中心2024年度决算公开文件的审核意见"
    assert text[1] == "大同市政务服务中心："
    assert "共发现错误 1 个、警告 2 个" in text[2] and "《datong-zwfwzx-2024.txt》" in text[2]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["一、错误（1 个，须改正）", "二、警告（2 个，请核实，确属特殊情况的予以说明）"]
    particulars, errors, warnings = ([[c.text for c in row.cells] for row in t.rows] for t in document.tables)
    assert particulars[:3] == [
        ["单位", "大同市政务服务中心"],
        ["年度", "2024年度"],
        ["文件", "datong-zwfwzx-2024.txt"],
    ]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", particulars[3][1])
    assert errors == [
        ["序号", "原文位置", "位置", "审核事项", "问题", "单位说明"],
        ["1", "原文第494行", "第三部分 六", "情况说明金额与表格一致", SEVEN_FIFTY_FIVE, ""],
    ]
    assert [row[3] for row in warnings[1:]] == ["部门决算、单位决算用语一致"] * 2
    assert all(row[5] == "" for row in warnings[1:])


def test_the_workbook_has_one_row_per_finding_errors_first(tmp_path: Path, report):
    import openpyxl

    path = tmp_path / "审核结果.xlsx"
    assert juesuan("check", str(SAMPLE), "--format", "xlsx", "-o", str(path)).returncode == 1
    sheet = openpyxl.load_workbook(path)["审核结果"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ROW_HEADERS
    assert len(rows) - 1 == len(report.findings)
    assert rows[1][1:7] == (
        "错误",
        "N-amount",
        "情况说明金额与表格一致",
        "第三部分 六",
        "原文第494行",
        SEVEN_FIFTY_FIVE,
    )
    assert rows[1][7] == "公开06表 30110 职工基本医疗保险缴费"
    severities = [row[1] for row in rows[1:]]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)
    assert sheet.auto_filter.ref == f"A1:I{len(rows)}" and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["A"].width


def test_csv_has_chinese_headers_and_severities():
    done = juesuan("check", str(SAMPLE), "--format", "csv")
    lines = done.stdout.removeprefix("\ufeff").splitlines()
    assert lines[0] == ",".join(ROW_HEADERS[:-1])
    assert lines[1].startswith("1,错误,N-amount,情况说明金额与表格一致,")
    assert {line.split(",")[1] for line in lines[1:]} == {"错误", "警告", "提示"}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_binary_formats_are_never_written_to_the_terminal(fmt: str):
    done = juesuan("check", str(SAMPLE), "--format", fmt)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().startswith(
        f"错误：{fmt} 格式是二进制文件，不能输出到屏幕；请用 -o 指定输出文件"
    )


def test_json_is_the_report_every_output_shares(report):
    import json

    document = json.loads(FORMATS["json"].write(report))
    assert document["summary"] == report.summary
    seven = next(f for f in document["findings"] if f["rule"] == "N-amount")
    assert seven["origin"] == {"line": 494} and seven["where"] == "第三部分 六 原文第494行"


def test_a_batch_writes_each_report_and_an_index_with_working_links(tmp_path: Path):
    import openpyxl

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "甲单位.txt")
    shutil.copy(SAMPLE, inputs / "乙单位.txt")
    (inputs / "丙单位.txt").write_text("这不是决算公开文件\n", encoding="utf-8")
    out = tmp_path / "审核结果"
    files = [str(inputs / name) for name in ("甲单位.txt", "乙单位.txt", "丙单位.txt")]
    done = juesuan("check", *files, "--format", "html", "-o", str(out))
    assert done.returncode == 1, done.stderr
    assert {p.name for p in out.iterdir()} == {"甲单位.html", "乙单位.html", "审核汇总.html", "审核汇总.xlsx"}
    page = (out / "审核汇总.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr class=\"[^\"]*\">(.*?)</tr>", page)
    assert len(rows) == 3
    links = re.findall(r'<a href="([^"]+)">', page)
    assert [unquote(link) for link in links] == ["甲单位.html", "乙单位.html"]
    assert all((out / unquote(link)).is_file() for link in links)
    back = re.findall(
        r'<a href="([^"]+)">← 返回审核汇总</a>', (out / "甲单位.html").read_text(encoding="utf-8")
    )
    assert [unquote(link) for link in back] == ["审核汇总.html"]
    assert "大同市政务服务中心" in rows[0] and "无法读取" in rows[2]
    sheet = openpyxl.load_workbook(out / "审核汇总.xlsx").active
    lines = list(sheet.iter_rows(min_row=2))
    assert [c.value for c in sheet[1]][:3] == ["序号", "文件", "单位"] and len(lines) == 3
    assert [(row[1].value, row[5].value, row[6].value) for row in lines[:2]] == [
        ("甲单位.txt", 1, 2),
        ("乙单位.txt", 1, 2),
    ]
    assert lines[0][-1].hyperlink.target == "甲单位.html" and lines[2][-1].value is None
    assert lines[2][8].value.startswith("无法读取：")


def test_a_batch_report_needs_a_folder():
    done = juesuan("check", str(SAMPLE), str(SAMPLE), "--format", "docx")
    assert done.returncode == 2 and "须用 -o 指定一个文件夹" in done.stderr


@needs_real
def test_a_pdf_finding_gives_the_page_number_printed_on_the_page():
    """国家信访局's page 17 prints 15 in its footer: the letter cites both."""
    found = check_path(REAL / "central-guojiaxinfangju-2024.pdf")
    rate = next(f for f in found.findings if f.rule == "N-change-rate")
    assert (rate.origin.page, rate.origin.printed_page) == (17, 15)
    rows = [line.split(",") for line in FORMATS["csv"].write(found).decode("utf-8-sig").splitlines()]
    assert rows[0][5] == "页码"
    assert next(row for row in rows if row[2] == "N-change-rate")[4:6] == [
        "第三部分 一",
        "第15页（文件第17页）",
    ]


@needs_real
def test_the_html_report_of_a_pdf_shows_its_pages_with_each_finding_boxed():
    """The 35.74% of 第三部分 一 (file page 17, printed 15): boxed on the page image, and its
    finding links to the box."""
    found = check_path(REAL / "central-guojiaxinfangju-2024.pdf")
    page = FORMATS["html"].write(found).decode("utf-8")
    assert page.count('<figure class="original-page"') == 50  # every page of the file
    assert page.count("data:image/png;base64,") == 50
    number = next(n for n, f in enumerate(found.findings, 1) if f.rule == "N-change-rate")
    box = re.search(rf'<a class="box error" id="(box-{number}-\d+)" href="#finding-{number}"', page)
    figure = page[page.rindex('<figure class="original-page" id="page-', 0, box.start()) :]
    assert figure.startswith('<figure class="original-page" id="page-17"')
    item = page[page.index(f'id="finding-{number}"') :]
    assert f'data-goto="{box[1]}">原页面第15页（文件第17页）</a>' in item[: item.index("</li>")]


def test_the_html_report_of_a_text_has_no_original_pages(report):
    assert 'class="original-page"' not in FORMATS["html"].write(report).decode("utf-8")


def test_cell_origins_of_a_performance_form(report):
    """A 绩效自评表 finding's cells: its funding line's figure, an indicator's 得分, the 总分."""
    form = report.disclosure.forms[0]
    cells = (
        ("P01", "资金总额", "全年执行数"),
        ("P01", form.indicators[0].name, "得分"),
        ("P01", "总分", "总分"),
    )
    finding = Finding("F-test", Severity.ERROR, "", tuple(CellRef(*cell) for cell in cells))
    expected = (form.funding[0].executed.origin, form.indicators[0].score.origin, form.total_score.origin)
    assert cell_origins(report.disclosure, finding) == expected
    assert [origin.line for origin in expected] == [587, 592, 598]


@needs_real
def test_json_gives_a_pdf_finding_its_page_as_printed_and_its_box():
    import json

    found = check_path(REAL / "central-guojiaxinfangju-2024.pdf")
    document = json.loads(FORMATS["json"].write(found))
    rate = next(f for f in document["findings"] if f["rule"] == "N-change-rate")
    assert rate["where"] == "第三部分 一 第15页（文件第17页）"
    assert rate["origin"]["page"] == 17 and rate["origin"]["printed_page"] == 15
    x0, top, x1, bottom = rate["origin"]["box"]
    assert 0 <= x0 < x1 and 0 <= top < bottom


def test_help_loads_no_writer():
    """python-docx and openpyxl are imported by their writers only: `juesuan check --help` stays instant."""
    code = (
        "import sys; from click.testing import CliRunner; from juesuan.cli import cli; "
        "CliRunner().invoke(cli, ['check', '--help']); "
        "heavy = ('docx', 'openpyxl', 'juesuan.report'); "
        "print(sorted({m for m in sys.modules if m.startswith(heavy)}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
