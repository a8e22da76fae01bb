"""Excel: the sample rendered as a workbook in the official layout, and read back.

The round trip disclosure → xlsx → disclosure keeps every tidy cell, the narrative, the glossary,
the forms and the overview; a workbook filled in by hand (numbers typed as text, blanks, ——)
reads too; the format is told by the content, never by the file name.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA
from openpyxl import Workbook, load_workbook

from juesuan.export import tidy_csv
from juesuan.model import Disclosure, Figure, Origin
from juesuan.render import render
from juesuan.sources import SourceError, office_kind, read_bytes, read_path
from juesuan.sources.xlsx.cells import cell_text, sheet_lines

EXPECTED_CELLS = (DATA / "datong-2024-cells.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workbook_bytes(sample: Disclosure) -> bytes:
    return render(sample, "xlsx")


@pytest.fixture(scope="module")
def reread(workbook_bytes: bytes):
    return read_bytes(workbook_bytes, "datong.xlsx")


@pytest.fixture(scope="module")
def book(workbook_bytes: bytes):
    return load_workbook(io.BytesIO(workbook_bytes))


def bare(value):
    """The model with every Origin left out: what must survive a change of format."""
    if isinstance(value, Origin):
        return None
    if dataclasses.is_dataclass(value):
        return tuple((f.name, bare(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, tuple | list):
        return tuple(bare(item) for item in value)
    return value


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True)


def test_sheets_follow_the_document(book):
    tables = [f"公开{n:02d}表" for n in range(1, 11)]
    assert book.sheetnames == ["封面", "概况", *tables, "情况说明", "名词解释", "绩效自评表"]
    assert book.properties.title == "大同市政务服务中心2024年度单位决算公开"


def test_tidy_cells_survive_the_round_trip(reread):
    disclosure, problems = reread
    assert tidy_csv(disclosure).splitlines() == EXPECTED_CELLS.splitlines()
    assert problems == []
    assert disclosure.source_format == "xlsx"


def test_the_whole_model_survives_but_origins(sample, reread):
    disclosure = reread[0]
    assert (disclosure.unit, disclosure.year, disclosure.title) == (sample.unit, sample.year, sample.title)
    assert bare(disclosure.tables) == bare(sample.tables)
    assert bare(disclosure.overview) == bare(sample.overview)
    assert len(disclosure.overview.duties) == 9


def test_narrative_glossary_and_forms_survive(sample, reread):
    disclosure = reread[0]
    assert len(disclosure.narrative) == 10 and bare(disclosure.narrative) == bare(sample.narrative)
    assert len(disclosure.glossary) == 12 and bare(disclosure.glossary) == bare(sample.glossary)
    assert len(disclosure.forms) == 11
    for form, original in zip(disclosure.forms, sample.forms, strict=True):
        assert bare(form) == bare(original), form.project
        assert len(form.indicators) == len(original.indicators)


def test_figures_point_at_their_cells(reread):
    disclosure = reread[0]
    assert disclosure.table("01").figure("1", "1").origin == Origin(sheet="公开01表", cell="C7")
    assert disclosure.table("01").figure("32", "2").origin == Origin(sheet="公开01表", cell="F7")
    assert disclosure.table("06").figure("30110", "决算数").origin == Origin(sheet="公开06表", cell="C14")
    assert str(disclosure.forms[0].total_score.origin) == "工作表“绩效自评表”J20"
    assert disclosure.narrative[0].paragraphs[0].origin.sheet == "情况说明"


def test_numbers_are_numeric_cells_printing_their_decimals(book):
    first = book["公开01表"]["C7"]
    assert (first.value, first.number_format) == (pytest.approx(1126.92), "#,##0.00")
    vehicles = next(row for row in book["公开10表"].iter_rows() if row[1].value == "7")[2]
    assert (vehicles.value, vehicles.number_format) == (1, "0")
    for number in (f"{n:02d}" for n in range(1, 10)):
        for row in book[f"公开{number}表"].iter_rows(min_row=4):
            for cell in row:
                if isinstance(cell.value, str):  # 行次, 栏次 and codes are text; amounts never are
                    assert not (Figure.parse(cell.value) and "." in cell.value), (number, cell.coordinate)
                elif cell.value is not None:
                    assert cell.number_format == "#,##0.00", (number, cell.coordinate)


def test_headings_are_merged_and_print_on_every_page(book):
    merged = {
        name: {str(r) for r in book[name].merged_cells.ranges}
        for name in ("公开01表", "公开02表", "公开09表")
    }
    assert {"A4:C4", "D4:F4", "B5:B6", "E5:E6"} <= merged["公开01表"]  # 收入, 支出, 行次 over 栏次
    assert {"A4:B4", "C4:C5", "A6:B6"} <= merged["公开02表"]  # 项目, 本年收入合计, 栏次
    assert {"A4:F4", "C5:E5", "A5:A6"} <= merged["公开09表"]  # 预算数, 公务用车…, 合计
    sheet = book["公开01表"]
    assert sheet.print_title_rows == "$4:$6"
    assert (sheet.page_setup.paperSize, sheet.page_setup.fitToWidth) == (9, 1)  # A4, one page wide
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["C7"].border.left.style == "thin"
    assert [cell.value for cell in book["公开07表"]["A"]][-1] == "说明：本表无数据"


def test_targets_starting_with_equals_are_text_not_formulas(book):
    cell = book["绩效自评表"]["E14"]
    assert (cell.value, cell.data_type) == ("=1项", "s")


def test_cli_parses_the_workbook_to_the_same_csv(tmp_path: Path, workbook_bytes: bytes):
    target = tmp_path / "out.xlsx"
    target.write_bytes(workbook_bytes)
    done = juesuan("parse", str(target), "--format", "cells")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").splitlines() == EXPECTED_CELLS.splitlines()


def test_a_workbook_renamed_txt_is_still_read_as_excel(tmp_path: Path, workbook_bytes: bytes):
    disguised = tmp_path / "datong.txt"
    disguised.write_bytes(workbook_bytes)
    disclosure, _ = read_path(disguised)
    assert disclosure.source_format == "xlsx" and len(disclosure.tables) == 10


HAND_FILLED = [  # 公开02表 typed from column B, on a sheet with no 公开NN表 name
    [None, "收入决算表"],
    [None, None, None, None, None, None, None, None, "公开02表"],
    [None, "部门名称：大同市政务服务中心", None, "2024年度", None, None, None, None, "金额单位：万元"],
    [
        None,
        "项目",
        None,
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ],
    [None, "科目代码", "科目名称"],
    [None, "栏次", None, 1, 2, 3, 4, 5, 6, 7],
    [None, "合计", None, "1,126.93", "1,126.92", None, None, None, None, "0.01"],
    [None, "201", "一般公共服务支出", 1066.4, " 1066.35 ", "——", None, None, None, 0.01],
    [None, "208", "社会保障和就业支出", "34.14", "三十四"],
    [None, "注：本表反映部门本年度取得的各项收入情况。"],
]


def hand_filled_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "收入"
    for row in HAND_FILLED:
        sheet.append(row)
    sheet["D8"].number_format = "#,##0.00"  # 1066.4 printed as 1066.40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_hand_filled_workbook_with_text_numbers_parses():
    disclosure, problems = read_bytes(hand_filled_workbook(), "hand.xlsx")
    table = disclosure.table("02")
    cells = [(row.key, col, figure.text, figure.plain) for row in table.rows for col, figure in row.cells]
    assert cells == [
        ("合计", "1", "1,126.93", "1126.93"),
        ("合计", "2", "1,126.92", "1126.92"),
        ("合计", "7", "0.01", "0.01"),
        ("201", "1", "1066.40", "1066.40"),
        ("201", "2", "1066.35", "1066.35"),
        ("201", "7", "0.01", "0.01"),
        ("208", "1", "34.14", "34.14"),
    ]
    assert (table.unit_name, table.year, table.notes) == ("大同市政务服务中心", 2024, (HAND_FILLED[-1][1],))
    assert table.figure("合计", "2").origin == Origin(sheet="收入", cell="E7")
    assert [(p.message, str(p.origin)) for p in problems] == [
        ("公开02表：“三十四”不是数字", "工作表“收入”E9")
    ]


FUNDING_TAIL = ("资金结(转)余", "执行率", "得分", "偏差原因")
INDICATOR_TAIL = ("实际完成值", "定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施")
HAND_FILLED_FORM = [  # typed from column B; 执行率 with a % sign, a blank 目标申报数, a score in words
    ["J残疾人就业保障金项目支出绩效自评表"],
    ["（2024年度）"],
    ["项目名称", "J残疾人就业保障金"],
    ["主管部门及代码", "032-大同市行政审批服务管理局", None, None, "预算单位", "032002-大同市政务服务中心"],
    ["项目资金（万元）", None, "年初预算数", None, "全年预算数", "全年执行数", *FUNDING_TAIL],
    [None, None, "目标申报数", "预算编制数"],
    [None, "资金总额：", None, "2.42", 2.42, 1.894, "0.526", "78.28%", "7.83"],
    ["项目年度绩效目标", "年度目标", None, None, None, None, "实际完成情况"],
    [None, "为残疾人士就业提供帮助。", None, None, None, None, "全额完成。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", *INDICATOR_TAIL],
    [None, "产出指标", "数量指标", "保障类费用缴纳", "1项", "1项", "1项", None, 20, 20, "无偏差"],
    [None, None, "质量指标", "足额及时缴纳", None, "足额及时", "达成预期指标", None, "10", "八"],
    [None, None, "时效指标", "缴纳时间", None, "2024年4季度", "达成预期指标", None, "10", "9"],
    [None, "满意度指标", "服务对象满意度", "残疾人保障机制", "≥%", "≥90%", "≥90%", None, 10, 9],
    ["总分", None, None, None, None, None, None, None, None, "89.83", "良"],
    ["项目绩效分析", "主要经验做法", None, None, "为残疾人就业提供帮助。"],
]


def test_a_hand_filled_form_parses():
    book = Workbook()
    book.active.title = "绩效自评表"
    for row in HAND_FILLED_FORM:
        book.active.append([None, *row])
    book.create_sheet("收入")
    for row in HAND_FILLED:
        book["收入"].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    disclosure, problems = read_bytes(buffer.getvalue(), "hand.xlsx")
    (form,) = disclosure.forms
    assert (form.project, form.year, form.unit) == ("J残疾人就业保障金", 2024, "032002-大同市政务服务中心")
    (total,) = form.funding
    figures = (total.declared, total.budgeted, total.executed, total.execution_rate, total.score)
    assert [f and (f.text, f.unit) for f in figures] == [
        None,
        ("2.42", "万元"),
        ("1.894", "万元"),
        ("78.28", "%"),
        ("7.83", ""),
    ]
    assert (form.annual_goal, form.achieved) == ("为残疾人士就业提供帮助。", "全额完成。")
    levels = [(i.level1, i.level2, i.name, i.weight.text, i.score.text) for i in form.indicators]
    assert levels == [
        ("产出指标", "数量指标", "保障类费用缴纳", "20", "20"),
        ("产出指标", "时效指标", "缴纳时间", "10", "9"),
        ("满意度指标", "服务对象满意度", "残疾人保障机制", "10", "9"),
    ]
    assert (form.total_score.text, form.grade, form.analysis) == (
        "89.83",
        "良",
        (("主要经验做法", "为残疾人就业提供帮助。"),),
    )
    assert form.total_score.origin == Origin(sheet="绩效自评表", cell="K15")
    messages = [p.message for p in problems]
    assert "自评表：“八”不是数字" in messages and any("缺少分值或得分" in m for m in messages)


def test_unknown_sheets_are_reported_not_dropped():
    book = load_workbook(io.BytesIO(hand_filled_workbook()))
    book.create_sheet("备忘").append(["明年记得更新封面"])
    buffer = io.BytesIO()
    book.save(buffer)
    _, problems = read_bytes(buffer.getvalue(), "hand.xlsx")
    assert "无法识别的工作表“备忘”，未读取" in [p.message for p in problems]


def test_cells_read_as_printed():
    assert cell_text(1127, "#,##0.00") == "1127.00"
    assert cell_text(1126.92, "General") == "1126.92"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(0.7828, "0.00%") == "78.28"
    assert cell_text(1.8944, '_ * #,##0.000_ ;_ * -#,##0.000_ ;_ * "-"??_ ;_ @_ ') == "1.894"
    assert cell_text(" 1,126.92\n") == "1,126.92"


def zipped(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def test_a_zip_that_is_neither_excel_nor_word_gets_one_chinese_line(tmp_path: Path):
    archive = tmp_path / "report.xlsx"
    archive.write_bytes(zipped(**{"notes.txt": "不是报表".encode()}))
    done = juesuan("parse", str(archive))
    message = done.stderr.decode("utf-8")
    assert done.returncode == 2 and message.count("\n") == 1, message
    assert "不是 Excel（xlsx）或 Word（docx）文件" in message and "Traceback" not in message


def test_office_files_are_told_apart_by_their_parts(workbook_bytes: bytes):
    word = zipped(**{"[Content_Types].xml": b"<Types/>", "word__document.xml": b"<w:document/>"})
    plain = zipped(**{"xl__workbook.xml": b"<workbook/>"})  # no [Content_Types].xml: no Office file
    kinds = [office_kind(data, "report.xlsx") for data in (workbook_bytes, word, plain)]
    assert kinds == ["xlsx", "docx", "zip"]


def test_zip_bombs_and_broken_workbooks_are_refused():
    bomb = zipped(**{"[Content_Types].xml": b"<Types/>", "xl__workbook.xml": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(SourceError, match="疑似恶意文件"):
        read_bytes(bomb, "bomb.xlsx")
    broken = zipped(**{"[Content_Types].xml": b"<Types/>", "xl__workbook.xml": b"<not a workbook"})
    with pytest.raises(SourceError, match="无法打开 Excel 文件"):
        read_bytes(broken, "broken.xlsx")


def test_too_many_sheets_or_rows_are_refused(monkeypatch, workbook_bytes: bytes):
    import juesuan.sources.xlsx as reader

    monkeypatch.setattr(reader, "MAX_SHEETS", 5)
    with pytest.raises(SourceError, match="超过上限 5"):
        read_bytes(workbook_bytes, "datong.xlsx")
    sheet = load_workbook(io.BytesIO(workbook_bytes), read_only=True)["公开02表"]
    with pytest.raises(SourceError, match="超过 10 行"):
        sheet_lines(sheet, limit=10)


def test_rendering_and_help_do_not_load_excel_code_early():
    code = "import sys, juesuan.cli, juesuan.render, juesuan.sources; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"
