"""Telling a 部门决算 from a 部门预算 disclosure; each is read as what it is (issue 17).

Real samples (../shared/samples/real): 36 published 预算 under budget/ (one of them, saved as
chongqing-2026-053.pdf, is in fact the web page the download link returned), and the five 决算
PDFs beside them. Every failure of the command line is exit code 2 and one line, never exit 1
(which means "errors found") and never a traceback.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE
from test_pdf_real import REAL

from juesuan.catalogue.kinds import document_kind, titles_found
from juesuan.sources import SourceError, document_text, read_bytes, read_path, sniff

BUDGET = REAL / "budget"
NOT_A_PDF = "chongqing-2026-053.pdf"  # an HTML page (重庆市交通运输委 …2026年部门预算情况说明)
FINALS = sorted(REAL.glob("*.pdf"))
needs_real = pytest.mark.skipif(not BUDGET.is_dir(), reason=f"真实样本目录不存在：{BUDGET}")
INDEX_PAGE_SAYS = (  # the page's 18 links to 重庆市交通运输委员会2026年部门预算情况说明 and its units'
    "这是网页（HTML），不是预算公开文件：网页《重庆市交通运输委员会及委属单位2026年部门预算情况说明》"
    "是预算公开的索引页，列出 18 个预算公开页面的链接，本身没有预算表，无可审核的内容"
    "（请下载所链接的页面或附件后再审核）："
)


def juesuan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, env=env)


# --- document_kind on small texts ---------------------------------------------------------------

BUDGET_TEXT = """XX市交通运输局
2026 年度部门预算
目 录
一、收 支 预 算 总 表
二、收入预算总表
三、支出预算总表
四、财政拨款收支预算总表
五、一般公共预算支出预算表
六、一般公共预算“三公”经费支出预算表
"""

FINAL_TEXT = """XX市政务服务中心
2024年度单位决算公开
第二部分 2024年部门决算表
一、收入支出决算总表
二、收入决算表
三、支出决算表
四、财政拨款收入支出决算总表
五、一般公共预算财政拨款支出决算表
第三部分 情况说明
一般公共预算财政拨款支出年初预算为100.00万元，支出决算为98.00万元，完成年初预算的98.00%。
其中：基本支出年初预算数60.00万元，项目支出预算数40.00万元。部门预算、预算数、预算执行。
"""


def test_a_budget_is_told_by_its_cover_and_table_titles():
    kind, evidence = document_kind(BUDGET_TEXT)
    assert kind == "预算"
    assert evidence == "封面写明“部门预算”；表题 收支预算总表、收入预算总表 等 6 个为预算表"


def test_a_final_account_quoting_budget_words_all_through_is_a_final_account():
    kind, evidence = document_kind(FINAL_TEXT)
    assert kind == "决算"
    assert evidence == "封面写明“单位决算”；表题 收入支出决算总表、收入决算表 等 5 个为决算表"


def test_the_word_budget_alone_is_no_evidence():
    text = "情况说明\n年初预算为100万元，预算数、部门预算、一般公共预算财政拨款、预算执行率。\n" * 50
    assert document_kind(text) == ("", "未见决算表或预算表的表题")


def test_a_cover_alone_names_the_kind():
    """西安 2019: 部门综合预算说明 with its tables as pictures: only the cover says what it is."""
    assert document_kind("西安市发展和改革委员会\n2019 年部门综合预算说明\n一、主要职责") == (
        "预算",
        "封面写明“综合预算”",
    )


def test_tables_without_a_cover_are_enough_when_clearly_of_one_kind():
    tables = "公开01表\n收支预算总表\n公开02表\n收入预算总表\n公开03表\n支出预算总表\n"
    assert document_kind(tables) == ("预算", "表题 收支预算总表、收入预算总表 等 3 个为预算表")


def test_titles_are_counted_once_and_the_longest_that_fits_wins():
    text = "一般公共预算财政拨款支出决算表\n一般公共预算财政拨款支出决算表\n支出决算表\n财政拨款收支总表\n"
    assert titles_found(text) == {
        "预算": ["财政拨款收支总表"],
        "决算": ["一般公共预算财政拨款支出决算表", "支出决算表"],
    }


def test_spaces_quotes_full_width_forms_and_kangxi_radicals_are_ignored():
    # ⽀ is the Kangxi radical U+2F40, as some producers' fonts map 支
    text = "收 支 预 算 总 表\n“三公”经费⽀出预算表\n一般公共预算＂三公＂经费支出表\n"
    assert titles_found(text)["预算"] == ["收支预算总表", "三公经费支出预算表", "一般公共预算三公经费支出表"]


def test_a_few_budget_titles_do_not_outweigh_a_final_accounts_cover_and_tables():
    text = FINAL_TEXT + "附：收支总表\n收入总表\n"
    assert document_kind(text)[0] == "决算"
    mixed = "某单位\n情况说明\n收支预算总表\n收入预算总表\n支出预算总表\n收入决算表\n支出决算表\n"
    assert document_kind(mixed)[0] == ""  # 3 against 2: not clearly either


def test_the_reference_sample_is_a_final_account():
    assert document_kind(SAMPLE.read_text(encoding="utf-8"))[0] == "决算"
    disclosure, _ = read_path(SAMPLE)
    assert disclosure.tables


# --- the readers read a budget as a budget, whatever its format ----------------------------------
# (a budget with no table the 预算 templates know is "not a 部门预算 disclosure"; a real budget's
# reading and checking: tests/test_real_budgets.py)

BUDGET_NO_TABLE = "不是部门预算公开文件（"


def test_a_budget_as_text_is_told_a_budget():
    with pytest.raises(SourceError) as refused:
        read_bytes(BUDGET_TEXT.encode(), "预算.txt")  # its 目录 only: no table to read
    assert str(refused.value) == f"{BUDGET_NO_TABLE}找不到预算表或情况说明部分）：预算.txt"
    table = "第二部分 2026年度部门预算表\n部门支出总表\n单位：万元\n"
    table += "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    rows = "\t合计\t100.00\t60.00\t40.00\n201\t一般公共服务支出\t100.00\t60.00\t40.00\n"
    disclosure, _ = read_bytes(f"{BUDGET_TEXT}{table}{rows}".encode(), "预算.txt")
    assert (disclosure.kind, disclosure.template) == ("预算", "budget-mof")
    assert disclosure.template_evidence.startswith(
        "财政部格式部门预算模板（中央部门）（budget-mof）：预算：封面写明“部门预算”"
    )
    assert disclosure.table("预算03").row("201").get("基本支出").text == "60.00"


def test_a_budget_as_word_is_told_a_budget():
    import docx

    document = docx.Document()
    for line in BUDGET_TEXT.splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    with pytest.raises(SourceError, match=f"^{BUDGET_NO_TABLE}Word 文件中找不到“第二部分”预算表"):
        read_bytes(data.getvalue(), "预算.docx")


def test_a_budget_as_excel_is_read_as_a_budget():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "封面"
    book.active["A1"] = "XX市交通运输局2026年度部门预算"
    for title in ("部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表"):
        book.create_sheet(title)["A1"] = title
    data = io.BytesIO()
    book.save(data)
    disclosure, _ = read_bytes(data.getvalue(), "预算.xlsx")  # its sheets are its tables, empty here
    assert (disclosure.kind, disclosure.template) == ("预算", "budget-mof")
    assert [table.number for table in disclosure.tables] == ["预算01", "预算02", "预算03", "预算04"]


def test_a_web_page_is_not_read_as_text():
    page = "\ufeff  <!DOCTYPE html>\n<html><title>2026年部门预算</title></html>".encode()
    assert sniff(page) == "html"
    with pytest.raises(SourceError) as refused:
        read_bytes(page, "x.pdf")
    said = (
        "这是网页（HTML），不是预算公开文件：网页《2026年部门预算》没有预算表，也没有链接的公开文件，"
        "无可审核的内容"
    )
    assert str(refused.value) == f"{said}：x.pdf"


# --- the real samples ---------------------------------------------------------------------------


@needs_real
def test_every_real_budget_is_told_a_budget_quickly():
    files = sorted(BUDGET.glob("*.pdf"))
    assert len(files) == 36
    started = time.perf_counter()
    said = {path.name: document_kind(document_text(path.read_bytes(), "pdf")) for path in files}
    elapsed = time.perf_counter() - started
    assert said.pop(NOT_A_PDF)[0] == ""  # a web page: no PDF text to tell
    assert not {name: found for name, found in said.items() if found[0] != "预算"}
    assert elapsed < 20, f"{len(files)} 个预算文件用了 {elapsed:.1f} 秒"


@needs_real
def test_a_budget_is_checked_as_one_and_a_web_page_is_exit_2():
    path = BUDGET / "jiangsu-2019-017.pdf"
    done = juesuan("check", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("模板：江苏省级部门预算模板（十二张表）（budget-jiangsu-2017）：预算：")
    done = juesuan("check", str(BUDGET / NOT_A_PDF))
    assert (done.returncode, done.stderr) == (2, f"错误：{INDEX_PAGE_SAYS}{NOT_A_PDF}\n")


@needs_real
@pytest.mark.parametrize("path", FINALS, ids=[path.name for path in FINALS])
def test_real_final_accounts_are_final_accounts(path: Path):
    data = path.read_bytes()
    kind, evidence = document_kind(document_text(data, "pdf"))
    assert kind == "决算", evidence
    assert "为决算表" in evidence
    read_bytes(data, path.name)  # and is read, not refused


@needs_real
def test_a_wrapped_cell_whose_first_line_is_blank_is_read():
    """西南大学 2021 预算 once crashed the PDF reader (IndexError in cell_text)."""
    from juesuan.sources.pdf import read_pdf

    disclosure, _ = read_pdf((BUDGET / "swu-2021-006.pdf").read_bytes(), "swu-2021-006.pdf")
    assert disclosure.kind == "预算" and disclosure.tables  # read to its end (tests/test_real_budgets.py)


def test_cell_text_skips_a_line_of_spaces():
    from juesuan.sources.pdf.chars import Char
    from juesuan.sources.pdf.layout import cell_text

    chars = [Char(" ", 0, 0, 5, 10), Char("行", 0, 12, 10, 22), Char("政", 10, 12, 20, 22)]
    assert cell_text(chars, 10) == "行政"
    assert cell_text([Char("A", 0, 0, 5, 10), Char(" ", 0, 12, 5, 22), Char("1", 0, 24, 5, 34)], 10) == "A 1"


# --- a crash is exit 2 and one line, never a traceback and exit 1 -------------------------------


@pytest.mark.parametrize("command", ["check", "parse"])
def test_a_reader_crash_is_exit_2_and_one_line(monkeypatch, run_main, command: str):
    import juesuan.sources

    def crash(path):
        return "x"[5]

    monkeypatch.setattr(juesuan.sources, "read_path", crash)
    code, said = run_main(command, str(SAMPLE))
    said_first = "错误：读取文件时程序出错，无法审核（文件内容可能不合常规）"
    hint = "请用 juesuan --debug 重新运行，并把输出报告给开发者"
    assert (code, said) == (2, f"{said_first}：{SAMPLE}；{hint}\n")
    assert "IndexError" not in said


def test_any_other_crash_is_exit_2_and_one_line(monkeypatch, run_main):
    def crash(*args):  # in the command itself, after the reading: no file to blame
        raise TypeError("bug")

    monkeypatch.setattr("juesuan.rules.report.reading_quality", crash)
    code, said = run_main("check", str(SAMPLE))
    assert code == 2
    assert said == "错误：程序内部出错，未能完成；请用 juesuan --debug 重新运行，并把输出报告给开发者\n"
