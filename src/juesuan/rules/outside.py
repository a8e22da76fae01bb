"""Rules on facts from outside the document: where and when it was published, what was approved.

A disclosure cannot show when its 决算 was approved (批复), when and where it went online, or
what the approved figures were; the reviewer knows, and `juesuan check` takes them
(--approved-on, --published-on, --published-in, --approved, --corpus) as `OutsideFacts`, in force
while the file is checked (`given`). A rule whose facts were not given says once, as info, that
it could not check; where no facts are in force at all (`juesuan build`, the library), it is
silent: the question was not asked.

- P-venue (H09): published both on the department's website and on the unified platform.
- P-timeliness (I01): published within 20 days of approval.
- P-approved-figures (I02): each published figure is the approved one (within rounding).
- P-units-covered (A15): every unit the 决算单位构成 lists has its own disclosure in the corpus.

Last year's disclosure of the same unit (`EarlierYears`: looked up in the --corpus database, or
given as tidy cells) is checked against by N-last-year (`juesuan.rules.last_year`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta

from juesuan.catalogue.tables import table_name
from juesuan.model import Disclosure, Figure
from juesuan.model.tidy import TidyCell
from juesuan.rules.findings import CellRef, Finding, Severity
from juesuan.rules.intervals import Interval
from juesuan.rules.registry import Rule, rule

DAYS_TO_PUBLISH = 20  # 《地方预决算公开操作规程》: within 20 days of approval
VENUES = ("部门网站", "统一平台")  # the department's own website; the 预决算公开统一平台 (专栏)


@dataclass(frozen=True)
class PublishedYear:
    """A disclosure already published (last year's, from the corpus): its unit, year and tidy cells."""

    unit: str
    year: int
    cells: tuple[TidyCell, ...]
    source: str = ""  # where it was found: the corpus file and the disclosure's file
    money_unit: str | None = None  # the 金额单位 its table heads state (万元, 元), None: not stated
    kind: str = "决算"  # or 预算: the unit's budget disclosure of that year


@dataclass(frozen=True)
class EarlierYears:
    """Where a unit's earlier disclosures are found: a corpus database (`juesuan check --corpus`),
    looked up only when a rule asks, or disclosures given as tidy cells."""

    corpus: str = ""
    known: tuple[PublishedYear, ...] = ()

    def find(self, unit: str, year: int, kind: str = "决算") -> tuple[PublishedYear, ...]:
        """Every version of the unit's disclosure (决算, or 预算) of `year` (an original and its
        correction …), the likeliest first; () when none is known."""
        known = tuple(
            p for p in self.known if _plain(p.unit) == _plain(unit) and p.year == year and p.kind == kind
        )
        if known or not self.corpus:
            return known
        from juesuan.store.years import published_years

        return published_years(self.corpus, _plain(unit), year, kind)


@dataclass(frozen=True)
class OutsideFacts:
    """What the reviewer knows about a disclosure; None or empty: not given."""

    approved_on: date | None = None  # 批复日期
    published_on: date | None = None  # 公开日期
    venues: tuple[str, ...] = ()  # where it was published, of VENUES
    approved: tuple[TidyCell, ...] | None = None  # the approved figures, as tidy cells
    corpus_units: frozenset[tuple[str, int | None]] | None = None  # (unit, year) in the corpus
    earlier: EarlierYears | None = None  # the unit's earlier disclosures (last year's)


_GIVEN: ContextVar[OutsideFacts | None] = ContextVar("juesuan_outside_facts", default=None)


@contextmanager
def given(facts: OutsideFacts | None) -> Iterator[None]:
    """Check with these outside facts in force (`juesuan check` sets them, possibly empty)."""
    token = _GIVEN.set(facts)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def facts_in_force() -> OutsideFacts | None:
    return _GIVEN.get()


def published_versions(
    disclosure: Disclosure, this: Rule, year: int, kind: str = "决算"
) -> tuple[PublishedYear, ...] | Finding | None:
    """The unit's disclosures (决算 or 预算) of `year` in the corpus, most likely first; else the
    one info saying why they cannot be looked at (no corpus, no unit or year read, none there);
    None when no facts from outside are in force (the rule says nothing)."""
    facts = facts_in_force()
    if facts is None:
        return None
    if facts.earlier is None:
        return cannot_check(this, "语料库", "--corpus 语料库.duckdb")
    if not disclosure.unit or not (year and disclosure.year):
        why = "未读到单位名称或年度"
    elif versions := facts.earlier.find(disclosure.unit, year, kind):
        return versions
    else:
        why = f"语料库中没有“{disclosure.unit}”{year}年度的{'部门预算' if kind == '预算' else '决算'}公开"
    return Finding(this.id, Severity.INFO, f"无法核对：{why}，不能判断{this.title}", (), "文件之外")


def cannot_check(this: Rule, what: str, option: str) -> Finding:
    message = f"无法核对：未提供{what}（juesuan check {option}），不能判断{this.title}"
    return Finding(this.id, Severity.INFO, message, (), "文件之外")


@rule(
    id="P-venue",
    title="在部门网站和统一平台公开",
    doc="决算须在部门门户网站和本级政府预决算公开统一平台（专栏）公开；由审核人员以 --published-in 提供。",
)
def venue(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    facts = facts_in_force()
    if facts is None:
        return
    if not facts.venues:
        yield cannot_check(this, "公开载体", "--published-in 部门网站 --published-in 统一平台")
        return
    for missing in (v for v in VENUES if v not in facts.venues):
        message = f"只在{'、'.join(facts.venues)}公开，未在{missing}公开：两处都须公开"
        yield this.finding(message, (), "文件之外 公开载体")


@rule(
    id="P-timeliness",
    title="批复后20日内公开",
    doc="决算须在批复后20日内公开：公开日期不晚于批复日期加20日（由 --approved-on、--published-on 提供）。",
)
def timeliness(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    facts = facts_in_force()
    if facts is None:
        return
    if facts.approved_on is None or facts.published_on is None:
        yield cannot_check(this, "批复日期和公开日期", "--approved-on 日期 --published-on 日期")
        return
    days = (facts.published_on - facts.approved_on).days
    where = "文件之外 批复与公开日期"
    if days > DAYS_TO_PUBLISH:
        deadline = facts.approved_on + timedelta(days=DAYS_TO_PUBLISH)
        late = days - DAYS_TO_PUBLISH
        message = (
            f"{facts.approved_on:%Y年%m月%d日}批复，{facts.published_on:%Y年%m月%d日}公开，相隔 {days} 日："
            f"应在批复后{DAYS_TO_PUBLISH}日内（{deadline:%Y年%m月%d日}前）公开，超出 {late} 日"
        )
        yield this.finding(message, (), where)
    elif days < 0:
        published, approved = f"{facts.published_on:%Y年%m月%d日}", f"{facts.approved_on:%Y年%m月%d日}"
        message = f"公开日期 {published} 早于批复日期 {approved}：请核实日期"
        yield Finding(this.id, Severity.WARNING, message, (), where)


@rule(
    id="P-approved-figures",
    title="公开数与批复数一致",
    doc="公开表中的每个数须与批复的决算数一致（按尾数区间判断；批复数以整洁单元格文件由 --approved 提供）。",
)
def approved_figures(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    facts = facts_in_force()
    if facts is None:
        return
    if facts.approved is None:
        yield cannot_check(this, "批复数", "--approved 批复数.csv")
        return
    for cell in facts.approved:
        table = disclosure.table(cell.table)
        approved = Figure.parse(cell.value)
        if table is None or approved is None:
            continue  # a missing table is P-tables-present's; an unreadable value is not a figure
        printed = table.figure(cell.row, cell.col)
        shown = printed.text if printed else "空白"
        if not Interval.of(printed or Figure.parse("0")).overlaps(Interval.of(approved)):
            label = cell.item or (table.row(cell.row).label if table.row(cell.row) else cell.row)
            message = (
                f"{table_name(cell.table)}“{label}”{cell.column or cell.col}印 {shown}，"
                f"批复数为 {cell.value}（差 {_difference(printed, approved)}）"
            )
            origin = printed.origin if printed else table.origin
            yield this.finding(
                message, (CellRef(cell.table, cell.row, cell.col),), f"{table_name(cell.table)} {origin}"
            )


def _difference(printed: Figure | None, approved: Figure) -> str:
    return f"{abs((printed.value if printed else 0) - approved.value):f}"


def read_approved(text: str) -> tuple[TidyCell, ...]:
    """Tidy cells from CSV (table,row,col,value[,item,column]), as `juesuan parse --format cells`
    writes them; a ValueError in Chinese when the header lacks a column."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    needed = {"table", "row", "col", "value"}
    if rows and not needed <= set(rows[0]):
        raise ValueError(
            f"批复数文件须有列 {', '.join(sorted(needed))}（与 juesuan parse --format cells 相同）"
        )
    return tuple(
        TidyCell(
            r["table"].zfill(2) if r["table"].isdigit() else r["table"],
            r["row"],
            r["col"],
            r["value"].replace(",", ""),
            r.get("item") or "",
            r.get("column") or "",
        )
        for r in rows
        if r.get("value", "").strip()
    )


# A row of the 决算单位构成 list: 序号 TAB 单位名称 [TAB 备注].
_LISTED = re.compile(r"^\s*\d{1,3}[.、]?\t\s*(?P<name>[^\t]{2,60})")
_REMARK = re.compile(r"[（(][^）)]*[）)]\s*$")


def listed_units(disclosure: Disclosure) -> list[tuple[str, object]]:
    """(name, origin) of each unit in the 决算单位构成 list, its remark (（本级）…) removed."""
    found = []
    for paragraph in disclosure.overview.organisation:
        for line in paragraph.text.split("\n"):
            match = _LISTED.match(line)
            if match:
                found.append((_REMARK.sub("", match.group("name")).strip(), paragraph.origin))
    return found


@rule(
    id="P-units-covered",
    title="所属单位决算均已公开",
    doc="决算单位构成所列的每个所属单位须有本年度的决算公开（对照 --corpus 给出的语料库；未给时不核对）。",
    severity=Severity.WARNING,
)
def units_covered(disclosure: Disclosure, this: Rule) -> Iterator[Finding]:
    facts = facts_in_force()
    if facts is None or facts.corpus_units is None:
        return
    own = _plain(disclosure.unit)
    known = {_plain(unit) for unit, year in facts.corpus_units if year in (disclosure.year, None)}
    for name, origin in listed_units(disclosure):
        if _plain(name) != own and _plain(name) not in known:
            message = f"决算单位构成列有“{name}”，语料库中却没有它 {disclosure.year or ''} 年度的决算公开"
            yield this.finding(message, (), f"第一部分 {origin}")


def _plain(name: str) -> str:
    return re.sub(r"\s+", "", name)
