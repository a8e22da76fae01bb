"""The ten 公开表 of the national template, as data (`data/tables.toml`).

Each `TableDefinition` says how the table's rows are keyed (行次, 科目代码, …), its columns (栏次 and
headings), the 行次 printed on each side of two-sided tables with their labels, and which
classification tree its code rows form. Which cells are totals of which is not here: the arithmetic
is stated once, in `juesuan/rules/identities.txt`, for the checker and the derivation alike. A
budget table's change on last year (`changes`: which of its columns compare which) is declared with
its columns: its rate, a quotient of printed figures, is no identity (rules/budget.py checks both).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from juesuan.catalogue.cache import parsed_toml

_DATA = Path(__file__).with_name("data") / "tables.toml"
ROW_KINDS = ("line", "code", "economic", "single")
_NUMBER = re.compile(r"公开\s*(\d{1,2})\s*表")
_MARK = re.compile(r"[（(]?公开\d{1,2}表[)）]?")
_NOISE = re.compile(r"[\s“”\"‘’'「」『』]")
_SENTENCE = re.compile(r"[。；;，,]")
NO_DATA_NOTE = "说明：本表无数据"  # what an empty table must say
_MAX_PREFIX = 40  # a unit name and year printed before the title, never a sentence
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、])")
_ASIDE = re.compile(r"[（(][^（()）]*[)）]")


@dataclass(frozen=True)
class ColumnDefinition:
    key: str  # 栏次 ("1" …) or, where no 栏次 is printed, the heading (决算数, 统计数)
    heading: str


@dataclass(frozen=True)
class ChangeDefinition:
    """A change on last year printed beside a table's figures (中央 预算05: 2026年预算数比2025年执行数
    增减额 and 增减(%)), by the keys of its columns: the change (`change` = `of` − `last_year`), its
    rate in % (`rate` = `change` ÷ `last_year` × 100; "" where none is printed), this year's figure
    (`of`) and last year's (`last_year`). Checked by `Y-change` and `Y-change-rate` (rules/budget.py)."""

    change: str
    of: str
    last_year: str
    rate: str = ""

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(key for key in (self.change, self.rate, self.of, self.last_year) if key)


@dataclass(frozen=True)
class LineDefinition:
    """A 行次 (or the single row of 公开09表) with its label as the template prints it."""

    line: str  # the 行次 the template prints
    label: str
    section: str = ""  # the heading printed above it (公开10表: 一、政府采购情况 …)
    unit: str = ""  # when not the table's 金额单位 (公开10表: 辆, 台（套）)
    key: str = ""  # the national 行次 the row stands for, when not the printed one ("" = same)
    aliases: tuple[str, ...] = ()  # other labels printed for it (用事业基金弥补收支差额)

    @property
    def row(self) -> str:
        """The row's key in the model: the national 行次 (or label) it stands for."""
        return self.key or self.line

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases) if self.label else self.aliases


@dataclass(frozen=True)
class SideDefinition:
    """One side of a two-sided table (01, 04): its 行次 range and its columns, left to right."""

    first: str
    last: str
    columns: tuple[str, ...]

    def holds(self, line: str) -> bool:
        return line.isdigit() and len(line) <= 4 and int(self.first) <= int(line) <= int(self.last)


@dataclass(frozen=True)
class TableDefinition:
    number: str  # "01" … "10"
    title: str
    rows: str  # line | code | economic | single
    note: str = ""  # the 注 printed under the table
    aliases: tuple[str, ...] = ()
    optional_rows: tuple[str, ...] = ()  # lines some units of the template print and others leave out
    label_rows: tuple[str, ...] = ()  # rows keyed by their label: 合计, 人员经费合计, 公用经费合计
    hierarchy: str = ""  # functional | economic: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类
    columns: tuple[ColumnDefinition, ...] = ()
    sides: tuple[SideDefinition, ...] = ()
    lines: tuple[LineDefinition, ...] = ()
    partial: bool = False  # only its `lines` are read; other printed lines are passed over unreported
    unread_columns: tuple[str, ...] = ()  # headings of printed columns not read (rates: 增减(%))
    # rows printed by name without a code (rows = "code"): "economic", keyed by the 经济分类 code the
    # catalogue gives the name (深圳 基本支出总表); "label", by the name itself (项目支出总表's projects);
    # "units", a line per 部门 and unit under the 合计, keyed by 单位编码 and 单位名称 (西安 收入总表)
    named: str = ""
    # the headings of the label columns a table by unit prints before its figures, left to right
    # (西安: 单位编码, 单位名称; 长沙: 部门名称): the code column, where printed, first
    unit_headings: tuple[str, ...] = ()
    # the changes on last year the table prints beside its figures, each of its own columns
    changes: tuple[ChangeDefinition, ...] = ()

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)

    @property
    def by_unit(self) -> bool:
        """A line per 部门 and unit under the 合计 (`named = "units"`)."""
        return self.named == "units"

    @property
    def total_row(self) -> str:
        """The key of the table's total row: its first `label_rows`, else 合计."""
        return self.label_rows[0] if self.label_rows else "合计"

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)

    def heading(self, key: str) -> str:
        return next((column.heading for column in self.columns if column.key == key), key)

    def line(self, line: str) -> LineDefinition | None:
        """The line printed with this 行次."""
        return next((found for found in self.lines if found.line == line), None)

    def line_for_row(self, row: str) -> LineDefinition | None:
        """The line whose row (national 行次) is `row`."""
        return next((found for found in self.lines if found.row == row), None)

    def label(self, row: str) -> str:
        found = self.line_for_row(row)
        return found.label if found else ""

    def lines_labelled(self, label: str) -> tuple[LineDefinition, ...]:
        """The lines a printed label names (two lines may share one: 04's 一般公共预算财政拨款)."""
        return self._by_label.get(label_key(label), ())

    @cached_property
    def _by_label(self) -> dict[str, tuple[LineDefinition, ...]]:
        found: dict[str, tuple[LineDefinition, ...]] = {}
        for line in self.lines:
            for key in dict.fromkeys(label_key(label) for label in line.labels):
                if key:
                    found[key] = (*found.get(key, ()), line)
        return found

    def side(self, line: str) -> SideDefinition | None:
        return next((side for side in self.sides if side.holds(line)), None)


def table_definitions() -> Mapping[str, TableDefinition]:
    """The tables of the template in force (the national one unless a document's reading or
    checking says otherwise), by number, in printed order."""
    from juesuan.catalogue.templates import active

    return active().tables


@cache
def national_entries() -> tuple[dict, ...]:
    """The national template's tables as written in `data/tables.toml`."""
    return tuple(parsed_toml(_DATA.read_text(encoding="utf-8"))["table"])


_ARITHMETIC_KEYS = ("totals", "column_totals", "balances")  # stated as identities now, never here


def definition_from_entry(entry: dict) -> TableDefinition:
    if entry["rows"] not in ROW_KINDS:
        raise ValueError(f"公开{entry['number']}表：未知的行类型 {entry['rows']}")
    stale = [key for key in _ARITHMETIC_KEYS if key in entry]
    if stale:
        raise ValueError(
            f"公开{entry['number']}表：{stale[0]} 不再写在表中，合计关系写作勾稽等式"
            "（rules/identities.txt，模板的 [rules] identities）"
        )
    return TableDefinition(
        number=entry["number"],
        title=entry["title"],
        rows=entry["rows"],
        note=entry.get("note", ""),
        aliases=tuple(entry.get("aliases", ())),
        label_rows=tuple(entry.get("label_rows", ())),
        optional_rows=tuple(entry.get("optional_rows", ())),
        hierarchy=entry.get("hierarchy", ""),
        columns=tuple(ColumnDefinition(**column) for column in entry.get("columns", ())),
        sides=tuple(_side(side) for side in entry.get("sides", ())),
        lines=tuple(_line(line) for line in entry.get("lines", ())),
        partial=bool(entry.get("partial", False)),
        unread_columns=tuple(entry.get("unread_columns", ())),
        named=entry.get("named", ""),
        unit_headings=tuple(entry.get("unit_headings", ())),
        changes=_changes(entry),
    )


def _changes(entry: dict) -> tuple[ChangeDefinition, ...]:
    """The table's `changes`, each naming columns the table declares."""
    changes = tuple(ChangeDefinition(**change) for change in entry.get("changes", ()))
    declared = {column["key"] for column in entry.get("columns", ())}
    for change in changes:
        unknown = [key for key in change.column_keys if key not in declared]
        if unknown:
            raise ValueError(
                f"{table_name(entry['number'])}：changes 中的栏 {unknown[0]} 不是本表的栏（columns）"
            )
    return changes


def _line(entry: dict) -> LineDefinition:
    return LineDefinition(**{**entry, "aliases": tuple(entry.get("aliases", ()))})


def _side(entry: dict) -> SideDefinition:
    return SideDefinition(entry["first"], entry["last"], tuple(entry["columns"]))


@lru_cache(maxsize=8192)  # the template's labels are compared again and again
def label_key(text: str) -> str:
    """A label as compared: its numbering (一、 （一） 1.), white space and bracketed asides
    (（含专用结余）) removed: 二十四、抗疫特别国债安排的支出 → 抗疫特别国债安排的支出."""
    text = "".join(text.split())
    return _ASIDE.sub("", _NUMBERING.sub("", text))


def table_name(number: str) -> str:
    """How messages name a table: 公开01表 …, 预算05表 for a budget's, or 表U04 for a table only its
    template has."""
    if number.startswith("预算"):
        return f"{number}表"
    return f"公开{number}表" if number.isdigit() else f"表{number}"


def normalise_title(text: str) -> str:
    """A printed title without spaces, TABs and quotation marks (“三公” = 三公)."""
    return _NOISE.sub("", text)


def printed_number(text: str) -> str | None:
    """The NN of a 公开NN表 mark in the text ("01" … "10"), or None."""
    match = _NUMBER.search(text)
    return match.group(1).zfill(2) if match else None


def definition_for_title(text: str) -> TableDefinition | None:
    """The table a printed title line names: by its title (longest match wins), else by 公开NN表.

    A title may follow the unit name and year (大同市…2024年度收入支出决算总表) and may carry its
    number (收入支出决算总表（公开01表）); a sentence that merely ends in a title does not match.
    """
    text = normalise_title(text)
    number = printed_number(text)
    found = _by_title(_MARK.sub("", text).strip("：:、-—"))
    if found or number is None:
        return found
    return table_definitions().get(number)


def _by_title(text: str) -> TableDefinition | None:
    best: tuple[int, TableDefinition] | None = None
    for definition in table_definitions().values():
        for title in definition.titles:
            title = normalise_title(title)
            if _names(text, title) and (best is None or len(title) > best[0]):
                best = (len(title), definition)
    return best[1] if best else None


def _names(text: str, title: str) -> bool:
    if not text.endswith(title):
        return False
    prefix = text[: -len(title)]
    return len(prefix) <= _MAX_PREFIX and not _SENTENCE.search(prefix)
