"""Last year beside this year: two synthetic years of one unit in a DuckDB corpus, the second year's
上年 figures checked against the first year's tables (N-last-year), the unit's metadata and the
narrative's last-year figures stored, and the questions across years answered in exact decimals."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest
from mutations import with_figure

from juesuan.model import Disclosure, TidyCell, tidy_cells
from juesuan.rules import Severity, run_rules
from juesuan.rules.outside import EarlierYears, OutsideFacts, PublishedYear, given
from juesuan.rules.report import review
from juesuan.sources import read_bytes, read_path
from juesuan.store import Corpus
from juesuan.store.metadata import region_of, staff_of
from juesuan.synth import distinct_units, synthesize_years
from juesuan.synth.facts import published
from juesuan.synth.text import layout_text

SEED = 3  # 临汾市经济开发区交通运输局, a 行政单位 whose 概况 prints 年末实有在职人员55名
UNIT = "临汾市经济开发区交通运输局"
YEARS = (2023, 2024)


def write(folder: Path, disclosure: Disclosure) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{disclosure.unit}-{disclosure.year}.txt"
    path.write_text(layout_text(disclosure), encoding="utf-8")
    return path


def total_income(disclosure: Disclosure) -> Decimal:
    return disclosure.table("01").figure("31", "1").value


@pytest.fixture(scope="module")
def years() -> list[Disclosure]:
    return [synthetic.disclosure for synthetic in synthesize_years(SEED, YEARS)]


@pytest.fixture(scope="module")
def misprinted(years) -> Disclosure:
    """The first year with its 收入总计 (公开01表 第31行) printed 1.00 more than the second year's
    narrative implies."""
    return with_figure(years[0], "01", "31", "1", f"{total_income(years[0]) + 1:.2f}")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory, years, misprinted) -> dict[str, tuple[Path, Path]]:
    """Two corpora, (database, second year's file) each: the pair as synthesized, and the pair
    whose first year prints a different 收入总计."""
    made = {}
    for name, first in (("clean", years[0]), ("misprinted", misprinted)):
        folder = tmp_path_factory.mktemp(name)
        first_path, second_path = write(folder / "files", first), write(folder / "files", years[1])
        db = folder / "语料库.duckdb"
        with Corpus(db) as corpus:
            report = corpus.ingest([first_path, second_path])
        assert (report.added, report.unreadable) == (2, 0)
        made[name] = (db, second_path)
    return made


def last_year_findings(path: Path, db: Path | None) -> list:
    disclosure, problems = read_path(str(path))
    facts = OutsideFacts(earlier=EarlierYears(corpus=str(db))) if db else OutsideFacts()
    with given(facts):
        return [f for f in review(disclosure, problems) if f.rule == "N-last-year"]


# --- juesuan synth --years ------------------------------------------------------------------------


def test_each_year_states_as_last_year_what_the_year_before_printed(years):
    first, second = synthesize_years(SEED, YEARS)
    assert (first.disclosure.unit, second.disclosure.unit) == (UNIT, UNIT)
    assert first.disclosure.overview == second.disclosure.overview
    printed = published(first.disclosure)
    assert {key: value * 100 for key, value in second.facts.last_year.items()} == {
        key: printed.get(key, 0) for key in second.facts.last_year
    }
    assert second.facts.last_year["收入总计"] == total_income(first.disclosure)


def test_every_year_is_a_clean_disclosure(years):
    for disclosure in years:
        assert [f for f in run_rules(disclosure) if f.severity != Severity.INFO] == [], disclosure.year


def test_synth_years_on_the_command_line(tmp_path: Path):
    args = [sys.executable, "-m", "juesuan", "synth", "-n", "2", "-o", str(tmp_path), "--seed", str(SEED)]
    done = subprocess.run([*args, "--years", "2023-2024"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        f"000003-{UNIT}-2023.txt",
        f"000003-{UNIT}-2024.txt",
        "000004-临汾市灵丘县财政国库支付中心-2023.txt",
        "000004-临汾市灵丘县财政国库支付中心-2024.txt",
    ]
    bad = subprocess.run([*args, "--years", "2024-2023"], capture_output=True, text=True)
    assert bad.returncode == 2 and "年度范围" in bad.stderr


# --- N-last-year ----------------------------------------------------------------------------------


def test_a_last_year_figure_unlike_last_years_table_is_an_error(corpora, years, misprinted):
    db, second = corpora["misprinted"]
    (finding,) = last_year_findings(second, db)
    last = total_income(years[0])
    change = total_income(years[1]) - last
    stated = f"收入总计{'增加' if change > 0 else '减少'}{abs(change):.2f}万元"
    assert finding.as_tuple() == ("N-last-year", "01", "31", "1")
    assert finding.severity == Severity.ERROR
    assert finding.message == (
        f"由“{stated}”推得上年收入总计为 {last:.2f}万元，"
        f"而2023年度决算公开印 公开01表 第31行 总计 {total_income(misprinted):.2f}（差 1.00）"
    )
    assert finding.where.startswith("第三部分 一 ")


def test_the_same_pair_as_published_reports_nothing(corpora):
    db, second = corpora["clean"]
    assert last_year_findings(second, db) == []


def test_check_with_the_corpus_on_the_command_line(corpora):
    def checked(name: str) -> tuple[int, list[dict]]:
        db, second = corpora[name]
        args = [
            sys.executable,
            "-m",
            "juesuan",
            "check",
            str(second),
            "--corpus",
            str(db),
            "--format",
            "json",
        ]
        done = subprocess.run(args, capture_output=True, text=True)
        found = json.loads(done.stdout)["findings"]
        return done.returncode, [f for f in found if f["rule"] == "N-last-year"]

    code, found = checked("misprinted")
    assert code == 1
    assert [(f["severity"], f["cells"]) for f in found] == [
        ("error", [{"table": "01", "row": "31", "col": "1"}])
    ]
    assert "而2023年度决算公开印 公开01表 第31行 总计 " in found[0]["message"]
    assert checked("clean") == (0, [])


def test_without_a_corpus_or_without_last_year_one_info(corpora, years, tmp_path: Path):
    db, second = corpora["clean"]
    (no_corpus,) = last_year_findings(second, None)
    assert (no_corpus.severity, no_corpus.message) == (
        Severity.INFO,
        "无法核对：未提供语料库（juesuan check --corpus 语料库.duckdb），"
        "不能判断情况说明上年数与上年决算一致",
    )
    first = write(tmp_path, years[0])
    (no_last_year,) = last_year_findings(first, db)
    assert (no_last_year.severity, no_last_year.message) == (
        Severity.INFO,
        f"无法核对：语料库中没有“{UNIT}”2022年度的决算公开，不能判断情况说明上年数与上年决算一致",
    )


def given_last_year(disclosure: Disclosure, cells) -> list:
    last = PublishedYear(disclosure.unit, disclosure.year - 1, tuple(cells))
    with given(OutsideFacts(earlier=EarlierYears(known=(last,)))):
        return [f for f in run_rules(disclosure) if f.rule == "N-last-year"]


def test_only_the_same_item_of_last_year_is_compared(years, misprinted):
    """A row of last year named otherwise (its 行次 or code changed) or a column keyed otherwise
    says nothing of this year's item: not compared."""
    cells = list(tidy_cells(misprinted))
    assert [f.as_tuple() for f in given_last_year(years[1], cells)] == [("N-last-year", "01", "31", "1")]
    at = next(i for i, c in enumerate(cells) if (c.table, c.row, c.col) == ("01", "31", "1"))
    renamed = TidyCell("01", "31", "1", cells[at].value, "结余分配", cells[at].column)
    assert given_last_year(years[1], [*cells[:at], renamed, *cells[at + 1 :]]) == []
    rekeyed = [dataclasses.replace(c, col="金额") if c.table == "01" else c for c in cells]
    assert given_last_year(years[1], rekeyed) == []


def test_an_error_only_when_no_version_of_last_year_agrees(years, misprinted):
    """An original and its correction both in the corpus: the figure that agrees with one is no error."""
    versions = [PublishedYear(UNIT, 2023, tuple(tidy_cells(first))) for first in (misprinted, years[0])]
    with given(OutsideFacts(earlier=EarlierYears(known=tuple(versions)))):
        assert [f for f in run_rules(years[1]) if f.rule == "N-last-year"] == []
    assert len(given_last_year(years[1], versions[0].cells)) == 1


# the sample's 十（一） as some units write it: last year's figure stated before this year's
STATED = (
    "2024年机关运行经费支出15.57万元，比2023年增加1.14万元",
    "2023年机关运行经费支出14.43万元，2024年机关运行经费支出15.57万元，增加1.14万元",
)


def test_a_stated_last_year_figure(sample_path: Path):
    text = sample_path.read_text(encoding="utf-8").replace(*STATED)
    disclosure, _ = read_bytes(text.encode("utf-8"), "stated.txt")
    running = TidyCell("10", "6", "统计数", "14.44", "(二) 参照公务员法管理事业单位", "统计数")
    (finding,) = given_last_year(disclosure, [running])
    assert finding.message == (
        "情况说明所述上年数“2023年机关运行经费支出14.43万元”，"
        "而2023年度决算公开印 公开10表 第6行 (二) 参照公务员法管理事业单位 14.44（差 0.01）"
    )
    assert finding.where == "第三部分 十（一） 原文第536行"
    in_yuan = PublishedYear(disclosure.unit, 2023, (running,), money_unit="元")
    with given(OutsideFacts(earlier=EarlierYears(known=(in_yuan,)))):
        assert [f for f in run_rules(disclosure) if f.rule == "N-last-year"] == []  # 元, not 万元
    assert given_last_year(disclosure, [dataclasses.replace(running, value="14.43")]) == []


def test_silent_on_the_reference_sample_without_facts_and_with_a_corpus(sample, corpora):
    db, _ = corpora["clean"]
    with given(None):
        assert [f for f in run_rules(sample) if f.rule == "N-last-year"] == []
    with given(OutsideFacts(earlier=EarlierYears(corpus=str(db)))):
        found = [f for f in run_rules(sample) if f.rule == "N-last-year"]
    assert [f.severity for f in found] == [Severity.INFO]


# --- what the corpus stores, and the questions across years ----------------------------------------


def test_the_unit_metadata_is_stored_as_printed(corpora, sample_path: Path, tmp_path: Path):
    db, _ = corpora["clean"]
    with Corpus(db) as corpus:
        rows = corpus.query(
            "SELECT year, region, level, rank, unit_kind, staff FROM disclosures "
            "WHERE unit = ? ORDER BY year",
            [UNIT],
        ).rows
    assert rows == [
        (2023, "临汾市经济开发区", "县级", "正处级", "行政单位", 55),
        (2024, "临汾市经济开发区", "县级", "正处级", "行政单位", 55),
    ]
    with Corpus(tmp_path / "sample.duckdb") as corpus:
        corpus.ingest([sample_path])
        sample = corpus.query(
            "SELECT region, level, rank, unit_kind, staff, money_unit FROM disclosures"
        ).rows
    # the sample's 概况: 市行政审批服务管理局…管理的副处级参公事业单位; 编制17名 is no staff count
    assert sample == [("大同市", "市级", "副处级", "参照公务员法管理事业单位", None, "万元")]


def test_the_narratives_last_year_figures_are_stored(corpora, years):
    db, _ = corpora["clean"]
    with Corpus(db) as corpus:
        rows = corpus.query(
            "SELECT y.section, y.what, y.amount, y.value, y.places, y.derived, y.cell FROM last_year y "
            "JOIN disclosures d USING (sha256) WHERE d.year = 2024 ORDER BY y.cell"
        ).records()
    income = next(row for row in rows if row["cell"] == "01[31,1]")
    last = total_income(years[0])
    assert income == {
        "section": "一",
        "what": "收入总计",
        "amount": last,
        "value": f"{last:.2f}",
        "places": 2,
        "derived": True,
        "cell": "01[31,1]",
    }
    # every stored figure of the second year is what the first year's tables print there
    first = years[0]
    for row in rows:
        if "+" not in row["cell"] and row["cell"].startswith(("01", "04", "05", "09")):
            table, rest = row["cell"].split("[")
            key, col = rest.rstrip("]").split(",")
            figure = first.table(table).figure(key, col)
            assert row["amount"] == (figure.value if figure else 0), row


def test_three_public_per_head(corpora, years):
    db, _ = corpora["clean"]
    with Corpus(db) as corpus:
        rows = corpus.compare("per-head", unit=UNIT).rows
    expected = []
    for disclosure in years:
        figure = disclosure.table("09").figure("1", "7")
        spent = figure.value if figure else Decimal("0.00")
        per_head = (spent * 10000 / 55).quantize(Decimal("0.01"), ROUND_HALF_UP)
        expected.append((UNIT, disclosure.year, 55, spent, per_head))
    assert sorted(rows, key=lambda row: row[1]) == expected
    assert all(isinstance(row[4], Decimal) for row in rows)


def test_running_costs_year_over_year(corpora, years):
    db, _ = corpora["clean"]
    running = [disclosure.table("10").figure("5", "统计数").value for disclosure in years]
    with Corpus(db) as corpus:
        result = corpus.compare("running-costs-years", unit=UNIT)
    assert result.columns == [
        "单位",
        "年度",
        "机关运行经费",
        "上年机关运行经费",
        "增减额",
        "增减率%",
        "说明所述上年数",
    ]
    change = running[1] - running[0]
    rate = (change * 100 / running[0]).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert result.rows[1] == (UNIT, 2024, running[1], running[0], change, rate, running[0])
    assert result.rows[0][:4] == (UNIT, 2023, running[0], None)


def test_both_years_side_by_side(corpora, years):
    db, _ = corpora["clean"]
    with Corpus(db) as corpus:
        result = corpus.compare("both-years", unit=UNIT, limit=1000)
    rows = {(r["表"], r["行"], r["栏"]): r for r in result.records()}
    income = rows[("01", "31", "1")]
    first, second = (total_income(disclosure) for disclosure in years)
    assert (income["年度"], income["本年"], income["上年"], income["增减"]) == (
        2024,
        f"{second:.2f}",
        f"{first:.2f}",
        second - first,
    )
    assert income["说明所述上年数"] == f"{first:.2f}"
    assert {r["年度"] for r in result.records()} == {2024}


def test_an_older_database_gains_the_new_columns(tmp_path: Path, years):
    db = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(db))
    connection.execute(
        """CREATE TABLE disclosures (sha256 VARCHAR, unit VARCHAR, year INTEGER, title VARCHAR,
        errors INTEGER, warnings INTEGER, infos INTEGER)"""
    )
    connection.execute("INSERT INTO disclosures VALUES ('x', '旧单位', 2020, '', 0, 0, 0)")
    connection.close()
    path = write(tmp_path / "files", years[1])
    with Corpus(db) as corpus:
        corpus.ingest([path])
        rows = corpus.query("SELECT unit, staff, template IS NULL FROM disclosures ORDER BY year").rows
        assert corpus.counts()["last_year"] > 0
    assert rows == [("旧单位", None, True), (UNIT, 55, False)]


def test_a_changed_last_year_sentence_of_the_second_year(corpora, years, tmp_path: Path):
    """The second year's 一 states another change than the first year's tables allow."""
    db, second = corpora["clean"]
    change = abs(total_income(years[1]) - total_income(years[0]))
    text = second.read_text(encoding="utf-8")
    said = f"收入总计减少{change:.2f}万元"
    assert said in text
    changed = tmp_path / second.name
    changed.write_text(text.replace(said, f"收入总计减少{change + Decimal('0.10'):.2f}万元", 1), "utf-8")
    (finding,) = last_year_findings(changed, db)
    assert finding.as_tuple() == ("N-last-year", "01", "31", "1")
    assert finding.message.endswith(f"公开01表 第31行 总计 {total_income(years[0]):.2f}（差 0.10）")


@pytest.mark.parametrize(
    ("unit", "region", "level"),
    [
        ("大同市政务服务中心", "大同市", "市级"),
        ("中共上海市普陀区委社会工作部", "上海市普陀区", "县级"),
        ("北京市财政局", "北京市", "省级"),
        ("内蒙古自治区财政厅", "内蒙古自治区", "省级"),
        ("阳泉市矿区财政局", "阳泉市矿区", "县级"),
        ("大同市社区矫正中心", "大同市", "市级"),  # 社区 names no district
        ("国家信访局", None, "中央"),
        ("西南大学", None, None),  # nothing printed says where or at what level
    ],
)
def test_region_and_level_from_the_name(unit, region, level):
    assert region_of(unit) == (region, level)


@pytest.mark.parametrize(
    ("text", "staff"),
    [
        ("2. 人员情况：核定编制45名，年末实有在职人员41名，离退休人员8名。", 41),
        ("年末在职人员：7人", 7),
        ("实有人数 12 人", 12),
        ("市政务服务中心财政拨款事业编制17名。", None),  # a quota, not staff
        ("离退休人员5名", None),
        ("负责在职人员培训30人次", None),
    ],
)
def test_staff_only_as_printed(text, staff):
    assert staff_of(text) == staff


def test_compare_both_years_on_the_command_line(corpora, years):
    db, _ = corpora["clean"]
    args = [sys.executable, "-m", "juesuan", "corpus", "compare", "both-years", "--db", str(db)]
    done = subprocess.run([*args, "--unit", UNIT, "--limit", "500", "--format", "csv"], capture_output=True)
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines[0] == "单位,年度,表,行,栏,项目,栏目,本年,上年,增减,说明所述上年数"
    first, second = (total_income(disclosure) for disclosure in years)
    line = f"{UNIT},2024,01,31,1,总计,金额,{second:.2f},{first:.2f},{second - first:.2f},{first:.2f}"
    assert line in lines


def test_several_years_are_of_units_of_distinct_names():
    """Seeds 35 and 48 draw the same 赣州市浑源县审计服务中心, 32 and 55 the same 阳高县 one: over
    several years the later of each is skipped, so a corpus never takes two units for one."""
    seeds = distinct_units(0, 100)
    assert len(seeds) == 100 and seeds[-1] == 101 and {48, 55}.isdisjoint(seeds)
    assert synthesize_years(48, [2024])[0].disclosure.unit == synthesize_years(35, [2024])[0].disclosure.unit
