"""The input package (决算表.xlsx + 单位信息.yaml) and `derive`: the example unit read exactly,
blank totals and parents filled from their parts, bad packages refused in one Chinese line."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA

from juesuan.model import Column, Disclosure, Figure, Overview, Row, Table, tidy_cells
from juesuan.model.derive import derive
from juesuan.package import read_package
from juesuan.sources import SourceError

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "datong-2024"
INFO = "单位信息.yaml"
TABLES = "决算表.xlsx"


@pytest.fixture(scope="module")
def example():
    return read_package(EXAMPLE)


def package_with(tmp_path: Path, info: str) -> Path:
    """A copy of the example whose 单位信息.yaml is `info`."""
    folder = tmp_path / "pkg"
    shutil.copytree(EXAMPLE, folder)
    (folder / INFO).write_text(info, encoding="utf-8")
    return folder


def refused(path: Path) -> str:
    with pytest.raises(SourceError) as caught:
        read_package(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# The example unit


def test_example_gives_the_samples_exact_tidy_cells(example):
    disclosure, _, problems = example
    expected = list(csv.reader((DATA / "datong-2024-cells.csv").open(encoding="utf-8")))[1:]
    assert [list(cell.as_tuple()) for cell in tidy_cells(disclosure)] == expected
    assert problems == []


def test_example_overview_and_forms_are_the_samples(example, sample):
    disclosure, _, _ = example
    assert [p.text for p in disclosure.overview.duties] == [p.text for p in sample.overview.duties]
    assert [p.text for p in disclosure.overview.organisation] == [
        p.text for p in sample.overview.organisation
    ]
    assert len(disclosure.forms) == 11
    for ours, theirs in zip(disclosure.forms, sample.forms, strict=True):
        assert ours.project == theirs.project and ours.grade == theirs.grade
        assert ours.total_score.text == theirs.total_score.text
        assert [f.executed.text for f in ours.funding] == [f.executed.text for f in theirs.funding]
        assert [(i.level1, i.level2, i.name, i.weight.text, i.score.text) for i in ours.indicators] == [
            (i.level1, i.level2, i.name, i.weight.text, i.score.text) for i in theirs.indicators
        ]
        assert ours.analysis == theirs.analysis


def test_example_facts_are_exact_decimals(example):
    _, facts, _ = example
    assert facts.unit_kind == "参照公务员法管理事业单位"
    assert facts.last_year["收入总计"] == Decimal("825.44")
    assert facts.last_year["201"] == Decimal("740.76")
    assert facts.initial_budget["221"] == Decimal("21.65")
    assert facts.uses["208"] == "支付职工的社保"
    assert facts.procurement["小微企业合同金额"] == Decimal("564.32")
    assert facts.three_public["保有车辆"] == 0
    assert list(facts.performance) == ["大厅硬件设备升级改造经费", "残疾人就业保障金"]


def test_numbers_are_read_from_their_text_never_through_float(tmp_path):
    info = (
        (EXAMPLE / INFO)
        .read_text(encoding="utf-8")
        .replace("收入总计: 825.44", "收入总计: 0.10000000000000001")
    )
    _, facts, _ = read_package(package_with(tmp_path, info))
    assert facts.last_year["收入总计"] == Decimal("0.10000000000000001")


def test_a_zip_of_the_folder_reads_the_same(tmp_path, example):
    archive = tmp_path / "datong.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name in (INFO, TABLES):
            zipped.write(EXAMPLE / name, f"datong-2024/{name}")
        zipped.writestr("__MACOSX/datong-2024/._决算表.xlsx", b"junk")
    disclosure, facts, _ = read_package(archive)
    assert list(tidy_cells(disclosure)) == list(tidy_cells(example[0]))
    assert facts == example[1]


def test_a_windows_zip_with_gbk_names_reads(tmp_path):
    """Names stored as GBK bytes without the UTF-8 flag, as Windows' own archiver writes them."""
    buffer = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(buffer, "w") as zipped:
        for letter, name in zip("AB", (INFO, TABLES), strict=True):
            gbk = name.encode("gbk")
            placeholder = (letter * (len(gbk) - 5)).encode() + gbk[-5:]
            placeholders[placeholder] = gbk
            zipped.writestr(placeholder.decode(), (EXAMPLE / name).read_bytes())
    data = buffer.getvalue()
    for placeholder, gbk in placeholders.items():
        data = data.replace(placeholder, gbk)
    archive = tmp_path / "windows.zip"
    archive.write_bytes(data)
    assert all(not info.flag_bits & 0x800 for info in zipfile.ZipFile(archive).infolist())
    assert read_package(archive)[0].unit == "大同市政务服务中心"


# Bad packages: one Chinese line, naming the file and line


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ("  名称: 大同市政务服务中心", "  名称: 大同市政务服务中心\n  别名: x"),
            "第8行：“单位”下没有“别名”这一项",
        ),
        (("收入总计: 825.44", "收入总计: 八百"), "“上年决算数: 收入总计”应是数字，见到“八百”"),
        (("收入总计: 825.44", "收入总记: 825.44"), "“上年决算数”下的“收入总记”既不是可填的项目"),
        (("  年度: 2024", "  年度: 24"), "“单位: 年度”应是四位年份"),
        (("  单位类型: 参照公务员法管理事业单位", "  单位类型: 公司"), "“单位类型”应为"),
        (("说明:", "说明:\n  其他用车说明: a\n  其他用车说明: b"), "键“其他用车说明”重复"),
        (("  名称: 大同市政务服务中心", "  名称: 大同: 政务服务中心"), "第7行：格式有误"),
        (("        分值: 20\n", "        分值: 二十\n"), "“保障类费用缴纳”的分值应是数字"),
        (("    团组: 0", "    团组: 1.5"), "应是非负整数"),
        (("    等级: 良", "    等级: 很好"), "“等级”应为 优、良、中、差 之一"),
    ],
)
def test_bad_info_is_a_chinese_source_error(tmp_path, change, words):
    old, new = change
    info = (EXAMPLE / INFO).read_text(encoding="utf-8")
    assert old in info
    message = refused(package_with(tmp_path, info.replace(old, new, 1)))
    assert words in message
    assert message.startswith(INFO)


def test_tabs_and_empty_files_are_explained(tmp_path):
    assert "Tab" in refused(package_with(tmp_path / "a", "单位:\n\t名称: x\n"))
    assert "文件是空的" in refused(package_with(tmp_path / "b", "# 只有注释\n"))


def test_missing_files_and_wrong_inputs(tmp_path):
    folder = package_with(tmp_path, (EXAMPLE / INFO).read_text(encoding="utf-8"))
    (folder / TABLES).unlink()
    assert "缺少“决算表.xlsx”" in refused(folder)
    assert "输入包不存在" in refused(tmp_path / "nowhere")
    assert "应是一个文件夹或 .zip" in refused(EXAMPLE / INFO)
    assert "不是输入包" in refused(EXAMPLE / TABLES)


def test_zip_limits_are_enforced(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(INFO, b"0" * (20 * 1024 * 1024))
    assert "疑似恶意文件" in refused(bomb)
    crowded = tmp_path / "crowded.zip"
    with zipfile.ZipFile(crowded, "w") as zipped:
        for n in range(1001):
            zipped.writestr(f"f{n}.txt", b"")
    assert "超过上限" in refused(crowded)


def test_the_command_reports_a_bad_package_in_one_line_and_exit_2(tmp_path):
    folder = package_with(tmp_path, "单位:\n  名称: x\n  年度: 2024\n未知: 1\n")
    done = subprocess.run(
        [sys.executable, "-m", "juesuan", "build", str(folder), "-o", str(tmp_path / "out")],
        capture_output=True,
    )
    assert done.returncode == 2
    message = done.stderr.decode()
    assert message.startswith("错误：单位信息.yaml 第4行：") and message.count("\n") == 1
    assert not (tmp_path / "out").exists()


# derive: blank totals and parents from their parts


def fig(text: str) -> Figure:
    return Figure.parse(text)


def table(number: str, rows: dict[str, dict[str, str]], columns=("1", "2", "3")) -> Table:
    return Table(
        number,
        "",
        tuple(Column(key, key) for key in columns),
        tuple(
            Row(key, key, tuple((c, fig(v)) for c, v in cells.items()), code=key if key.isdigit() else "")
            for key, cells in rows.items()
        ),
    )


def disclosure(*tables: Table) -> Disclosure:
    return Disclosure("单位", 2024, "", Overview(), tables, (), (), ())


def cells(found: Disclosure) -> dict[tuple[str, str, str], str]:
    return {(c.table, c.row, c.col): c.value for c in tidy_cells(found)}


def test_derive_fills_a_blank_total_and_a_blank_parent():
    given = disclosure(
        table(
            "05",
            {
                "合计": {},
                "208": {},
                "20805": {"1": "23.83", "2": "23.83"},
                "2080501": {"1": "7.50", "2": "7.50"},
                "2080505": {"1": "16.32", "2": "16.32"},
                "20807": {"1": "10.32", "3": "10.32"},
            },
        )
    )
    found, notes = derive(given)
    got = cells(found)
    assert got[("05", "208", "1")] == "34.15"  # the parts' exact sum, not the sample's rounded 34.14
    assert got[("05", "208", "3")] == "10.32"
    assert got[("05", "合计", "1")] == "34.15"
    assert got[("05", "20805", "1")] == "23.83"  # printed: left alone although 7.50 + 16.32 = 23.82
    assert all(note.severity == "info" for note in notes)
    assert any(n.message == "公开05表 208 第1栏原为空白，已按其下各级科目之和填为 34.15" for n in notes)


def test_derive_leaves_a_disagreeing_total_as_printed():
    given = disclosure(table("02", {"合计": {"1": "99.00"}, "201": {"1": "1.00"}, "221": {"1": "2.00"}}))
    found, notes = derive(given)
    assert cells(found)[("02", "合计", "1")] == "99.00"
    assert notes == []


def test_derive_adds_missing_parent_rows_from_the_catalogue():
    found, notes = derive(disclosure(table("03", {"2210201": {"1": "15.77"}, "2210202": {"1": "1.60"}})))
    rows = [(row.key, row.label) for row in found.table("03").rows]
    assert rows[:3] == [("合计", "合计"), ("221", "住房保障支出"), ("22102", "住房改革支出")]
    assert cells(found)[("03", "合计", "1")] == "17.37"
    assert sum("已按分类目录补上" in note.message for note in notes) == 2


def test_derive_cross_fills_the_summary_tables(example):
    blank = {"1", "27", "31", "32", "58", "59", "62", "64", *map(str, range(33, 58))}
    tables = []
    for each in example[0].tables:
        if each.number in ("01", "04"):
            rows = tuple(Row(r.key, r.label, () if r.key in blank else r.cells) for r in each.rows)
            each = Table(each.number, each.title, each.columns, rows)
        tables.append(each)
    found, _ = derive(disclosure(*tables))
    got, printed = cells(found), cells(example[0])
    assert got[("01", "32", "2")] == "1066.43"  # 一般公共服务支出 from 公开03表 201
    assert got[("01", "27", "1")] == printed[("01", "27", "1")]
    assert got[("04", "51", "3")] == "17.38"  # 住房保障支出 from 公开05表 221
    assert got[("04", "1", "1")] == "1126.92"  # via 公开01表 line 1, itself from 公开02表
    assert got[("04", "32", "1")] == "1131.45"
    assert got[("01", "62", "2")] == "1134.08"


def test_derive_is_pure_and_exact(example):
    before = cells(example[0])
    found, notes = derive(example[0])
    assert found == example[0] and notes == []
    assert cells(example[0]) == before


# The keys: every one in the template and documented; the documented example reads


def every_key() -> set[str]:
    from juesuan.package import forms, info

    keys = {*info.TOP_KEYS, *info.UNIT_KEYS, *info.MEASURES, *info.PROCUREMENT_KEYS, *info.NOTE_KEYS}
    keys |= {*info.PERFORMANCE_KEYS, *info.THREE_PUBLIC, *(k for v in info.THREE_PUBLIC.values() for k in v)}
    keys |= {*info.STATISTICS, *info.PERFORMANCE_SUMMARY}
    return keys | {*forms.FORM_KEYS, *forms.FUNDING_KEYS, *forms.INDICATOR_KEYS, "职责", "机构设置"}


def test_every_key_is_in_the_template_and_the_docs():
    from juesuan.package.init import info_template

    template = info_template().decode("utf-8")
    docs = (ROOT / "docs" / "package.md").read_text(encoding="utf-8")
    assert [key for key in sorted(every_key()) if f"{key}:" not in template] == []
    assert [key for key in sorted(every_key()) if key not in docs] == []


def test_the_documented_example_reads(tmp_path):
    docs = (ROOT / "docs" / "package.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    _, facts, _ = read_package(package_with(tmp_path, example))
    assert facts.initial_budget == {"一般公共预算财政拨款支出": Decimal("770.18"), "201": Decimal("711.37")}
    assert read_package(package_with(tmp_path / "again", example))[0].forms[0].grade == "优"


def test_the_empty_template_reads_as_nothing(tmp_path):
    from juesuan.package.init import create_package

    create_package(tmp_path / "new", "某单位", 2025)
    disclosure, facts, problems = read_package(tmp_path / "new")
    assert (disclosure.unit, disclosure.year, disclosure.forms, problems) == ("某单位", 2025, (), [])
    assert facts.last_year == {} and facts.three_public == {}
    assert all(table.is_empty and table.unit_name == "某单位" for table in disclosure.tables)
    assert len(disclosure.tables) == 10


def test_a_linux_zip_with_unflagged_utf8_names_reads(tmp_path, example):
    """Info-ZIP on Linux stores UTF-8 names without setting the UTF-8 flag."""
    import shutil
    import subprocess

    if shutil.which("zip") is None:
        pytest.skip("没有 zip 命令，无法生成 Info-ZIP 压缩包")
    archive = tmp_path / "linux.zip"
    subprocess.run(["zip", "-qr", str(archive), "."], cwd=EXAMPLE, check=True)
    disclosure, _, _ = read_package(archive)
    assert list(tidy_cells(disclosure)) == list(tidy_cells(example[0]))


def with_cell(tmp_path: Path, sheet: str, cell: str, value: object) -> Path:
    """A copy of the example whose 决算表.xlsx holds `value` in `cell`, in Excel's General format."""
    from openpyxl import load_workbook

    folder = tmp_path / "pkg"
    shutil.copytree(EXAMPLE, folder)
    book = load_workbook(folder / TABLES)
    book[sheet][cell].value, book[sheet][cell].number_format = value, "General"
    book.save(folder / TABLES)
    return folder


def test_an_amount_typed_as_a_whole_number_is_exact_to_cents(tmp_path):
    from juesuan.rules import Severity, run_rules

    # 一般公共预算财政拨款收入 1126.92 typed as 1127: 1127.00, not 1127 ± 0.5, so its totals disagree
    disclosure, _, _ = read_package(with_cell(tmp_path, "公开01表", "C7", 1127))
    figure = disclosure.table("01").figure("1", "1")
    assert (figure.text, figure.places) == ("1127.00", 2)
    errors = [f.as_tuple() for f in run_rules(disclosure) if f.severity == Severity.ERROR]
    assert [e for e in errors if e[0].startswith(("T", "X"))] == [
        ("T01-income-total", "01", "27", "1"),  # 本年收入合计 1126.92 + … ≠ 1127.00 + …
        ("X01-02-appropriations", "02", "合计", "2"),
        ("X01-04-appropriation", "04", "1", "1"),
    ]


def test_a_count_typed_whole_stays_whole_and_an_amount_gets_its_cents(example):
    tables = {table.number: table for table in example[0].tables}
    assert tables["10"].figure("7", "统计数").text == "1"  # 车辆数合计(辆)
    assert all(f.places == 2 for t in tables.values() if t.number != "10" for r in t.rows for _, f in r.cells)


def test_the_blank_workbook_formats_amounts_to_cents_and_counts_whole():
    from openpyxl import load_workbook

    from juesuan.package.init import empty_workbook

    book = load_workbook(io.BytesIO(empty_workbook()))
    assert book["公开01表"]["C7"].number_format == "#,##0.00"  # 一般公共预算财政拨款收入
    assert book["公开10表"]["C12"].number_format == "#,##0.00"  # 参照公务员法管理事业单位 机关运行经费
    assert book["公开10表"]["C14"].number_format == "0"  # 车辆数合计(辆)
