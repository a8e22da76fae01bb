"""第二部分 from layout text: the ten tables of the sample as tidy cells, and small hand-made tables."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import DATA, SAMPLE

from juesuan.catalogue.tables import definition_for_title, printed_number, table_definitions
from juesuan.model import Table
from juesuan.sources.layout.lines import Line, split_lines, split_parts
from juesuan.sources.layout.table_meta import table_heading
from juesuan.sources.layout.tables import read_tables

EXPECTED = DATA / "datong-2024-cells.csv"
NUMBERS = [f"{n:02d}" for n in range(1, 11)]


def part_two() -> list[Line]:
    _, parts = split_parts(split_lines(SAMPLE.read_text(encoding="utf-8")))
    return parts[2]


@pytest.fixture(scope="module")
def read() -> tuple[dict[str, Table], list]:
    tables, problems = read_tables(part_two())
    return {table.number: table for table in tables}, problems


@pytest.fixture(scope="module")
def tables(read) -> dict[str, Table]:
    return read[0]


def cells(tables: dict[str, Table]) -> list[tuple[str, ...]]:
    return [
        (table.number, row.key, col, figure.plain, row.label, table.heading(col))
        for table in tables.values()
        for row in table.rows
        for col, figure in row.cells
    ]


def expected_cells() -> list[tuple[str, ...]]:
    with EXPECTED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["table", "row", "col", "value", "item", "column"]
    return [tuple(row) for row in rows[1:]]


def test_cells_are_exactly_the_expected_csv(tables):
    got, expected = cells(tables), expected_cells()
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"
    assert len(got) == len(set(got))
    assert got == expected, "same cells, different order"


def test_cell_count_equals_the_figures_printed_in_part_two():
    """Independent of the reader: every amount in 第二部分 has two decimals; 公开10表 adds two counts."""
    lines = part_two()
    decimals = sum(bool(re.fullmatch(r"\d+\.\d{2}", cell)) for line in lines for cell in line.cells)
    start = next(i for i, line in enumerate(lines) if line.text == "公开10表")
    counts = sum(
        len(line.cells) == 3 and line.cells[2].isdigit() and line.cells[1].isdigit() for line in lines[start:]
    )
    assert (decimals, counts) == (235, 2)
    assert len(expected_cells()) == decimals + counts


def test_the_sample_reads_without_problems(read):
    assert read[1] == []


def test_ten_tables_each_with_unit_year_and_title(tables):
    assert list(tables) == NUMBERS
    definitions = table_definitions()
    for number, table in tables.items():
        assert table.unit_name == "大同市政务服务中心", number
        assert table.year == 2024, number
        assert table.title == definitions[number].title
        assert [column.key for column in table.columns] == list(definitions[number].column_keys)
    assert tables["01"].origin.line == 70 and tables["10"].origin.line == 400


def test_empty_tables_say_so(tables):
    for number in ("07", "08", "09"):
        assert tables[number].is_empty and tables[number].says_no_data, number
    assert tables["09"].rows == ()
    assert tables["07"].row("合计") is not None
    assert not any(tables[number].says_no_data for number in NUMBERS if number not in ("07", "08", "09"))
    assert tables["01"].notes[0].startswith("注：本表反映部门本年度的总收支")


def test_06_groups_totals_and_not_applicable_cells(tables):
    table = tables["06"]
    values = {key: str(table.figure(key, "决算数")) for key in ("301", "302", "303", "30110", "30299")}
    assert values == {"301": "181.22", "302": "15.57", "303": "7.50", "30110": "7.54", "30299": "0.75"}
    assert str(table.figure("人员经费合计", "决算数")) == "188.72"
    assert str(table.figure("公用经费合计", "决算数")) == "15.57"
    assert table.row("30905").label == "基础设施建设" and not table.row("30905").cells  # ———
    assert table.row("30913").code == "30913" and not table.row("30913").cells  # ——
    assert len([row for row in table.rows if row.code]) == 110


def test_two_sided_tables_keep_unlabelled_lines(tables):
    first = tables["01"]
    assert [row.key for row in first.rows] == [str(n) for n in range(1, 63)]
    assert first.row("9").label == "" and first.row("9").cells == ()
    assert first.row("40").label == "九、卫生健康支出"
    assert first.figure("40", "2").text == "9.05"
    assert first.figure("31", "1").value == first.figure("62", "2").value
    assert tables["04"].figure("64", "3").text == "1131.45" and tables["04"].figure("64", "4") is None
    assert tables["10"].row("16") is None and tables["10"].row("17").cells == ()


def test_figures_keep_their_line_numbers_and_units(tables):
    raw = SAMPLE.read_text(encoding="utf-8").splitlines()
    for table in tables.values():
        for row in table.rows:
            for _, figure in row.cells:
                assert figure.origin.line == row.origin.line
                assert figure.text in raw[figure.origin.line - 1].split("\t")
    assert tables["01"].figure("1", "1").origin.line == 83
    assert tables["01"].figure("32", "2").origin.line == 83
    assert tables["04"].row("20").origin.line == 238  # after the page break
    assert tables["06"].row("30299").origin.line == 338
    assert tables["01"].figure("1", "1").unit == "万元"
    assert tables["10"].figure("7", "统计数").unit == "辆"


def lines_of(text: str) -> list[Line]:
    return split_lines(text)


def test_a_small_05_table():
    text = (
        "一般公共预算财政拨款支出决算表\n公开05表\n部门名称：某单位\n2023年度\n金额单位：万元\n"
        "项目\t\t本年支出\t\t\n科目代码\t科目名称\t小计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n"
        "合计\t\t1,234.50\t1,200.00\t34.50\n"
        "2010301\t行政运行\t1,234.50\t1,200.00\t34.50\n"
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。\n"
    )
    (table,), problems = read_tables(lines_of(text))
    assert problems == []
    assert (table.number, table.unit_name, table.year) == ("05", "某单位", 2023)
    assert [row.key for row in table.rows] == ["合计", "2010301"]
    row = table.row("2010301")
    assert (row.label, row.code, row.origin.line) == ("行政运行", "2010301", 10)
    assert row.get("1").plain == "1234.50" and row.get("1").text == "1,234.50"
    assert table.heading("2") == "基本支出"


def test_a_two_sided_table_with_lost_leading_cells_and_a_broken_unit():
    text = (
        "公开01表\n收入支出决算总表\n单位名称：某单位\n2024年度\n金额单位：万\n元\n"
        "收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额\n栏次\t\t1\t栏次\t\t2\n"
        "一、一般公共预算财政拨款收入\t1\t10.00\t一、一般公共服务支出\t32\t9.00\n"
        "\t9\t\t九、卫生健康支出\t40\t1.00\n"
        "\t30\t\t\t61\t\n"
        "\t\t\t\t57\t2.00\n"
    )
    (table,), problems = read_tables(lines_of(text))
    assert problems == []
    assert table.title == "收入支出决算总表" and table.year == 2024
    assert [row.key for row in table.rows] == ["1", "9", "30", "32", "40", "61", "57"]
    assert table.figure("40", "2").text == "1.00" and table.figure("9", "1") is None
    assert table.row("57").label == "二十六、抗疫特别国债安排的支出"  # from the catalogue
    assert table.figure("57", "2").origin.line == 13


def test_what_cannot_be_placed_is_a_problem():
    text = (
        "一般公共预算财政拨款支出决算表\n公开05表\n"
        "合计\t\t10.00\t10.00\t\n"
        "某个没有代码的科目\t\t5.00\t5.00\t\n"
        "2010301\t行政运行\t五元\t\t\n"
        "2010301\t行政运行\t1.00\t1.00\t\t\t9.99\n"
    )
    tables, problems = read_tables(lines_of(text))
    assert len(tables) == 1
    messages = [problem.message for problem in problems]
    assert any("无法识别的表格行" in m and "某个没有代码的科目" in m for m in messages)
    assert any("“五元”不是数字" in m for m in messages)
    assert any("数值多于栏次" in m for m in messages)
    assert any("重复出现" in m for m in messages)
    assert {problem.origin.line for problem in problems} == {4, 5, 6}
    assert all(m.startswith("公开05表：") for m in messages)


def test_a_small_06_table_with_stray_cells_and_a_mismatched_mark():
    text = (
        "一般公共预算财政拨款基本支出决算明细表\n公开05表\n"
        "科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n"
        "怪东西\t\t5.00\t30101\t基本工资\t1.00\n"
        "\t\t\t30299\t其他商品和服务支出\t0.75\n"
        "人员经费合计\t\t1.00\t公用经费合计\t\t\t\t\t0.75\n"
    )
    (table,), problems = read_tables(lines_of(text))
    assert table.number == "06"
    assert [row.key for row in table.rows] == ["30101", "30299", "人员经费合计", "公用经费合计"]
    assert str(table.figure("公用经费合计", "决算数")) == "0.75"
    messages = [problem.message for problem in problems]
    assert messages[0].startswith("表名与表号不一致")
    assert messages[1:] == ["公开06表：无法识别的单元格“怪东西”", "公开06表：无法识别的单元格“5.00”"]


def test_lines_before_any_table_are_problems_but_the_part_heading_is_not():
    tables, problems = read_tables(lines_of("第二部分 2024年部门决算表\n一段不明文字\n"))
    assert tables == ()
    assert [problem.origin.line for problem in problems] == [2]


def test_definitions_hold_the_template():
    definitions = table_definitions()
    assert list(definitions) == NUMBERS
    first = definitions["01"]
    assert [side.columns for side in first.sides] == [("1",), ("2",)]
    assert first.label("28") == "使用非财政拨款结余（含专用结余）" and first.label("9") == ""
    assert len(first.lines) == 62 and len(definitions["04"].lines) == 64
    assert definitions["04"].side("40").columns == ("2", "3", "4", "5")
    assert definitions["06"].rows == "economic" and definitions["06"].column_keys == ("决算数",)
    assert definitions["10"].column_keys == ("统计数",)
    assert definitions["02"].heading("6") == "附属单位上缴收入"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("收入支出决算总表", "01"),
        ("公开04表", "04"),
        ("支出决算表", "03"),
        ("大同市政务服务中心2024年度一般公共预算财政拨款支出决算表", "05"),
        ('财政拨款"三公"经费支出决算表', "09"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "09"),
        ("一般公共预算财政拨款基本支出决算表", "06"),
        ("收入支出决算总表\t公开01表", "01"),
        ("单位决算公开相关信息统计表", "10"),
        ("第二部分 2024年部门决算表", None),
        ("注：本表反映部门本年度各项支出情况。", None),
        ("2024年度单位决算公开", None),
    ],
)
def test_definition_for_title(text, number):
    found = definition_for_title(text)
    assert (found.number if found else None) == number
    assert printed_number("公开 7 表") == "07"


def test_codes_printed_with_spaces_are_read_as_one_code():
    """Shanghai prints 公开06表 in two groups with codes set apart (301 12), and 类 款 项 spaced."""
    text = (
        "一般公共预算财政拨款基本支出决算表\n公开06表\n单位：万元\n"
        "科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n"
        "301\t工资福利支出\t100.00\t302\t商品和服务支出\t20.00\n"
        "301 01\t基本工资\t60.00\t302 01\t办公费\t20.00\n"
        "301 12\t其他社会保障缴费\t40.00\n"
        "人员经费合计\t100.00\t公用经费合计\t20.00\n"
        "一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n"
        "合计\t\t5.00\t5.00\t\n"
        "201\t一般公共服务支出\t5.00\t5.00\t\n"
        "201 03\t政府办公厅（室）及相关机构事务\t5.00\t5.00\t\n"
        "201 03 01\t行政运行\t5.00\t5.00\t\n"
    )
    tables, problems = read_tables(lines_of(text))
    six, five = tables
    assert [row.key for row in six.rows if row.code] == ["301", "30101", "30112", "302", "30201"]
    assert six.figure("30112", "决算数").text == "40.00"
    assert [row.key for row in five.rows] == ["合计", "201", "20103", "2010301"]
    assert five.figure("2010301", "1").text == "5.00"
    assert problems == []


@pytest.mark.parametrize(
    ("cells", "number"),
    [
        (["公开07表"], "07"),
        (["（公开07表）"], "07"),
        (["公开07表 政府性基金预算财政拨款收入支出决算表"], "07"),
        (["公开07表", "政府性基金预算财政拨款收入支出决算表"], "07"),
        (["收入支出决算总表（公开01表）"], "01"),
        (["一般公共预算财政拨款支出决算表"], "05"),
        (["注：本单位无政府性基金预算、国有资本经营预算财政拨款收支，公开07表、公开08表为空表。"], None),
        (["本单位2024年度无国有资本经营预算财政拨款支出，故公开08表为空表"], None),
        (["公开08表为空表"], None),
        (["公开07表", "12.00"], None),
    ],
)
def test_a_heading_is_a_title_line_or_the_mark_alone(cells, number):
    found = table_heading(cells)
    assert (found.number if found else None) == number


def test_a_note_naming_a_table_by_its_number_stays_a_note_of_the_table_above():
    text = (
        "国有资本经营预算财政拨款支出决算表\n公开08表\n金额单位：万元\n"
        "科目代码\t科目名称\t本年支出\n合计\t\t\n"
        "注：本单位2024年度无国有资本经营预算财政拨款支出，故公开08表为空表。\n"
        "公开09表\n财政拨款“三公”经费支出决算表\n"
        "说明：本单位无“三公”经费支出，公开07表、公开09表为空表。\n"
    )
    tables, problems = read_tables(lines_of(text))
    assert [table.number for table in tables] == ["08", "09"]
    assert problems == []
    assert tables[0].notes == ("注：本单位2024年度无国有资本经营预算财政拨款支出，故公开08表为空表。",)
    assert tables[1].notes == ("说明：本单位无“三公”经费支出，公开07表、公开09表为空表。",)
