"""The catalogues against the reference disclosure (大同市政务服务中心 2024)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import juesuan.catalogue
from juesuan.catalogue.classification import (
    Classification,
    economic_classification,
    functional_classification,
    latest_year,
    load_classification_csv,
    name_history,
    normalize_name,
)
from juesuan.catalogue.glossary import GlossaryEntry, standard_glossary

SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()


def table_lines(number: str) -> list[list[str]]:
    """The TAB-split lines of 公开<number>表, from its number to its 注."""
    start = LINES.index(f"公开{number}表")
    end = next(i for i in range(start, len(LINES)) if LINES[i].startswith("注："))
    return [line.split("\t") for line in LINES[start:end]]


def functional_rows(number: str) -> list[tuple[str, str]]:
    """(科目代码, 科目名称) of the code rows of table 02, 03 or 05."""
    return [
        (cells[0], cells[1]) for cells in table_lines(number) if re.fullmatch(r"\d{3}|\d{5}|\d{7}", cells[0])
    ]


def economic_rows() -> list[tuple[str, str]]:
    """(科目代码, 科目名称) of 公开06表, read down each of its four column groups in turn."""
    groups: list[list[tuple[str, str]]] = [[], [], [], []]
    for cells in table_lines("06"):
        for g, group in enumerate(groups):
            if len(cells) > 3 * g + 1 and re.fullmatch(r"\d{3}|\d{5}", cells[3 * g]):
                group.append((cells[3 * g], cells[3 * g + 1]))
    return [row for group in groups for row in group]


def printed_classes() -> list[tuple[str, str]]:
    """The class names printed on the right of 公开01表 (一、一般公共服务支出 … 二十六、…)."""
    names = []
    for cells in table_lines("01"):
        if len(cells) > 4 and re.fullmatch(r"[一二三四五六七八九十]+、.+支出", cells[3]):
            names.append(cells[3].split("、", 1)[1])
    return names


# ---------------------------------------------------------------- 支出功能分类


@pytest.mark.parametrize("number", ["02", "03", "05"])
def test_every_printed_functional_code_is_in_the_catalogue_under_its_name(number: str) -> None:
    catalogue = functional_classification()
    rows = functional_rows(number)
    assert len(rows) >= 25
    for code, name in rows:
        assert catalogue.name(code) == name, (number, code)
        assert catalogue.matches(code, name)


def test_the_classes_are_those_of_table_01_in_its_order() -> None:
    catalogue = functional_classification()
    assert [catalogue.name(code) for code in catalogue.roots()] == printed_classes()
    assert catalogue.roots() == (
        "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
        "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
    )  # fmt: skip


def test_functional_levels_parents_and_children() -> None:
    catalogue = functional_classification()
    assert catalogue.name("2010301") == "行政运行"
    assert [catalogue.level(code) for code in ("201", "20103", "2010301")] == [1, 2, 3]
    assert catalogue.parent("2010301") == "20103"
    assert catalogue.parent("20103") == "201"
    assert catalogue.parent("201") is None
    assert {"2010301", "2010306", "2010350"} <= set(catalogue.children("20103"))
    children = catalogue.children("20103")
    assert children.index("2010301") < children.index("2010306") < children.index("2010350")
    assert "20103" in catalogue.children("201")
    assert catalogue.children("2010301") == ()
    assert "2010301" in catalogue and "2010397" not in catalogue
    assert catalogue.name("2010397") is None


def test_every_functional_code_sits_under_its_parent() -> None:
    catalogue = functional_classification()
    assert len(catalogue) > 900
    for code in catalogue.codes():
        parent = catalogue.parent(code)
        assert parent is None or code in catalogue.children(parent)


def test_level_rejects_what_is_no_functional_code() -> None:
    catalogue = functional_classification()
    for code in ("20", "2010", "201030", "20103011", "2O1"):
        with pytest.raises(ValueError):
            catalogue.level(code)


def test_names_match_despite_layout_noise() -> None:
    catalogue = functional_classification()
    assert catalogue.matches("20103", "政府办公厅(室)及相关机构事务")
    assert catalogue.matches("20103", "政府办公厅（室）及相关 机构事务")
    assert catalogue.matches("2010301", "⾏政运⾏")  # Kangxi radical ⾏ (U+2F8F) for 行
    assert not catalogue.matches("2010301", "一般行政管理事务")
    assert not catalogue.matches("2010397", "行政运行")
    assert normalize_name("⼈⼤事务") == "人大事务"


# ---------------------------------------------------------------- 支出经济分类


def test_the_economic_catalogue_is_table_06_exactly() -> None:
    catalogue = economic_classification()
    assert list(catalogue.entries) == economic_rows()
    assert len(catalogue) == 110


def test_economic_levels_parents_and_children() -> None:
    catalogue = economic_classification()
    assert catalogue.roots() == ("301", "303", "302", "307", "309", "310", "311", "312", "313", "399")
    assert catalogue.level("301") == 1 and catalogue.level("30110") == 2
    assert catalogue.parent("30110") == "301"
    assert catalogue.children("303")[:2] == ("30301", "30302")
    assert catalogue.name("30913") == catalogue.name("31013") == "公务用车购置"
    with pytest.raises(ValueError):
        catalogue.level("3011001")


def test_personnel_and_public_use_groups() -> None:
    catalogue = economic_classification()
    assert catalogue.group("30110") == "人员经费"
    assert catalogue.group("303") == "人员经费"
    assert catalogue.group("30201") == "公用经费"
    assert catalogue.group("39999") == "公用经费"
    assert catalogue.group("40101") is None
    assert functional_classification().group("201") is None
    personnel = {code[:3] for code in catalogue.codes() if catalogue.group(code) == "人员经费"}
    assert personnel == {"301", "303"}


# ---------------------------------------------------------------- 名词解释


def printed_glossary() -> list[tuple[str, str, str]]:
    start = LINES.index("第四部分 名词解释")
    entries = []
    for line in LINES[start:]:
        if match := re.match(r"^- ([一二三四五六七八九十]+)、(.+?)：(.*)$", line):
            entries.append(match.groups())
    return entries


def test_the_glossary_is_the_samples_twelve_terms() -> None:
    glossary = standard_glossary()
    assert len(glossary) == 12
    assert [(e.number, e.name, e.definition) for e in glossary] == printed_glossary()
    assert glossary[0] == GlossaryEntry("一", "财政拨款收入", "指单位从同级财政部门取得的财政预算资金。")
    assert glossary[11].name == "机关运行经费"
    assert glossary[4].text.startswith("五、使用非财政拨款结余（含专用结余）：指")
    assert glossary[10].to_term().name == "“三公”经费"


# ---------------------------------------------------------------- 用户目录


def test_a_users_catalogue_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "2025.csv"
    path.write_text(
        "code,name\n201,一般公共服务支出\n20103,政府办公厅（室）及相关机构事务\n"
        "2010301,行政运行\n\n2010302,一般行政管理事务\n",
        encoding="utf-8-sig",
    )
    catalogue = load_classification_csv(path)
    assert catalogue.codes() == ("201", "20103", "2010301", "2010302")
    assert catalogue.children("20103") == ("2010301", "2010302")
    assert catalogue.name("2010302") == "一般行政管理事务"


def test_a_users_catalogue_may_be_gb18030_with_chinese_headers(tmp_path: Path) -> None:
    path = tmp_path / "economic.csv"
    path.write_bytes("科目代码,科目名称\n301,工资福利支出\n30101,基本工资\n".encode("gb18030"))
    catalogue = load_classification_csv(path, kind="economic")
    assert catalogue.name("30101") == "基本工资"
    assert catalogue.group("30101") == "人员经费"


def test_the_packaged_catalogue_round_trips_through_a_file(tmp_path: Path) -> None:
    catalogue = functional_classification()
    path = tmp_path / "functional.csv"
    path.write_text("code,name\n" + "".join(f"{c},{n}\n" for c, n in catalogue.entries), encoding="utf-8")
    assert load_classification_csv(path) == catalogue


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "文件为空"),
        ("201,一般公共服务支出\n", "表头"),
        ("code,name\n", "没有任何科目"),
        ("code,name\n201,一般公共服务支出\n2013,行政运行\n", "第 3 行"),
        ("code,name\n201,一般公共服务支出\n201,外交支出\n", "重复"),
        ("code,name\n201,一般公共服务支出\n2010301,行政运行\n", "上级科目 20103"),
        ("code,name\n201,\n", "没有名称"),
    ],
)
def test_a_bad_catalogue_is_rejected_with_a_chinese_message(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as caught:
        load_classification_csv(path)
    assert "\n" not in str(caught.value)


def test_unreadable_files_and_unknown_kinds_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="无法读取"):
        load_classification_csv(tmp_path / "missing.csv")
    path = tmp_path / "binary.csv"
    path.write_bytes(b"code,name\n201,\xff\xfe\xfd\n")
    with pytest.raises(ValueError, match="编码"):
        load_classification_csv(path)
    with pytest.raises(ValueError, match="分类类型"):
        load_classification_csv(path, kind="administrative")
    with pytest.raises(ValueError):
        Classification("functional", (("201", "一般公共服务支出"), ("201", "外交支出")))


# ---------------------------------------------------------------- 按年度的目录

YEARS_FILE = Path(juesuan.catalogue.__file__).parent / "data" / "classification_years.csv"
YEARS = range(2017, latest_year() + 2)


def year_rows() -> list[dict[str, str]]:
    with YEARS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_no_argument_catalogues_are_those_of_the_newest_year():
    assert latest_year() >= 2025
    assert functional_classification() is functional_classification(latest_year())
    assert economic_classification() is economic_classification(latest_year())
    assert functional_classification().year == latest_year()
    assert functional_classification(2019).year == 2019


@pytest.mark.parametrize("year", YEARS)
def test_every_years_catalogue_is_a_tree_in_catalogue_order(year: int) -> None:
    for catalogue in (functional_classification(year), economic_classification(year)):
        assert catalogue.year == year
        for code in catalogue.codes():
            parent = catalogue.parent(code)
            assert parent is None or code in catalogue.children(parent)
            if parent is not None:
                assert catalogue.codes().index(parent) < catalogue.codes().index(code)


def test_the_pension_and_land_names_change_after_2019() -> None:
    for year, pensions, land in (
        (2019, "行政事业单位离退休", "国有土地使用权出让收入及对应专项债务收入安排的支出"),
        (2020, "行政事业单位养老支出", "国有土地使用权出让收入安排的支出"),
        (2024, "行政事业单位养老支出", "国有土地使用权出让收入安排的支出"),
        (2025, "行政事业单位养老支出", "国有土地使用权出让收入安排的支出"),
    ):
        catalogue = functional_classification(year)
        assert (catalogue.name("20805"), catalogue.name("21208")) == (pensions, land), year
    assert "2080504" in functional_classification(2019)
    assert "2080504" not in functional_classification(2024)


def test_codes_added_in_2024_sit_among_their_siblings() -> None:
    assert "20140" not in functional_classification(2023)
    catalogue = functional_classification(2024)
    assert catalogue.name("20140") == "信访事务"
    assert catalogue.children("20140") == ("2014001", "2014002", "2014003", "2014004", "2014099")
    assert catalogue.children("201")[-2:] == ("20140", "20199")
    assert catalogue.name("20598") == "超长期特别国债安排的支出"
    assert catalogue.children("205")[-2:] == ("20598", "20599")
    assert functional_classification(2025).name("22911") == "中央金融机构注资特别国债财务基金支出"
    assert "22911" not in catalogue


def test_the_2019_economic_catalogue_has_gifts() -> None:
    assert economic_classification(2019).children("399")[:2] == ("39906", "39907")
    assert "39906" not in economic_classification(2024)
    assert economic_classification(2024).entries == economic_classification().entries


def test_name_history_tells_each_name_with_its_years() -> None:
    spans = name_history("functional", "20805")
    assert [(s.name, s.first, s.last, s.years()) for s in spans] == [
        ("行政事业单位养老支出", 2020, None, "2020年起"),
        ("行政事业单位离退休", None, 2019, "2019年及以前"),
    ]
    assert spans[1].covers(2017) and not spans[1].covers(2020)
    assert [s.years() for s in name_history("functional", "20140")] == ["2024年起"]
    assert [(s.name, s.years()) for s in name_history("functional", "2010301")] == [("行政运行", "各年")]
    assert name_history("functional", "2019998") == ()


def test_the_years_file_is_well_formed_and_sourced() -> None:
    rows = year_rows()
    assert rows and list(rows[0]) == ["kind", "code", "name", "first", "last", "source"]
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for row in rows:
        assert row["kind"] in ("functional", "economic")
        assert row["name"].strip() and row["source"].strip(), row
        first = int(row["first"]) if row["first"] else 0
        last = int(row["last"]) if row["last"] else 9999
        assert first <= last, row
        for other in seen.setdefault((row["kind"], row["code"]), []):
            assert last < other[0] or other[1] < first, f"{row['code']} 的年度重叠"
        seen[(row["kind"], row["code"])].append((first, last))
        catalogue = functional_classification if row["kind"] == "functional" else economic_classification
        for year in YEARS:
            if first <= year <= last:
                assert catalogue(year).name(row["code"]) == row["name"], (row, year)
    assert normalize_name(rows[0]["name"]) == rows[0]["name"]
