"""Code trees of the 政府收支分类科目: 支出功能分类 (类/款/项) and 部门预算支出经济分类 (类/款), by year.

The packaged catalogues are data: ``data/functional.csv`` and ``data/economic.csv`` (columns
``code,name``) hold the base, the names in force in the newest years, and
``data/classification_years.csv`` (columns ``kind,code,name,first,last,source``) the names that hold
only in some years: a row gives `code` the name `name` from year `first` through year `last` (a blank
bound is open), over the base name in those years, or adds a code the base lacks. Where no row covers
a year the base name holds. `functional_classification(year)` and `economic_classification(year)`
build the catalogue of one year; `name_history` tells every name a code is known by, with its years.
A user may load a full year's catalogue with `load_classification_csv`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from juesuan.encoding import decode_text

FUNCTIONAL = "functional"
ECONOMIC = "economic"

#: Code lengths of each level (1 类, 2 款, 3 项) per kind of classification.
LEVEL_LENGTHS: dict[str, tuple[int, ...]] = {FUNCTIONAL: (3, 5, 7), ECONOMIC: (3, 5)}

PERSONNEL = "人员经费"
PUBLIC_USE = "公用经费"
#: 公开06表: 人员经费合计 = 301 + 303; every other economic class counts as 公用经费.
_PERSONNEL_CLASSES = frozenset({"301", "303"})

_KIND_NAMES = {FUNCTIONAL: "支出功能分类", ECONOMIC: "支出经济分类"}
_HEADER_ALIASES = {"code": ("code", "科目代码", "科目编码"), "name": ("name", "科目名称")}

# Kangxi radicals (U+2F00–U+2FDF) that PDF extractors emit instead of ordinary characters,
# each mapped one by one to its unified ideograph (⼈ → 人); nothing else is folded.
_KANGXI = {
    cp: mapped
    for cp in range(0x2F00, 0x2FE0)
    if len(mapped := unicodedata.normalize("NFKC", chr(cp))) == 1 and mapped != chr(cp)
}
_LOOK_ALIKES = str.maketrans({**_KANGXI, ord("（"): "(", ord("）"): ")"})


def normalize_name(name: str) -> str:
    """A printed 科目名称 without layout noise: white space dropped, brackets half-width,
    Kangxi radicals replaced by ordinary characters."""
    return "".join(name.translate(_LOOK_ALIKES).split())


@dataclass(frozen=True)
class Classification:
    """A classification catalogue: (code, name) pairs in catalogue order, forming a tree."""

    kind: str
    entries: tuple[tuple[str, str], ...]
    #: The fiscal year whose names these are; None for a catalogue of no stated year (a user's file).
    year: int | None = field(default=None, compare=False)
    _names: dict[str, str] = field(init=False, repr=False, compare=False)
    _children: dict[str | None, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in LEVEL_LENGTHS:
            raise ValueError(f"未知的分类类型：{self.kind}（应为 functional 或 economic）")
        names: dict[str, str] = {}
        children: dict[str | None, list[str]] = {}
        for code, name in self.entries:
            self.level(code)
            if not name.strip():
                raise ValueError(f"科目 {code} 没有名称")
            if code in names:
                raise ValueError(f"科目代码 {code} 重复")
            names[code] = name
            children.setdefault(self.parent(code), []).append(code)
        for code in names:
            parent = self.parent(code)
            if parent is not None and parent not in names:
                raise ValueError(f"科目 {code} 的上级科目 {parent} 不在目录中")
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_children", {key: tuple(value) for key, value in children.items()})

    def __contains__(self, code: object) -> bool:
        return code in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def codes(self) -> tuple[str, ...]:
        """Every code, in catalogue order."""
        return tuple(self._names)

    def name(self, code: str) -> str | None:
        """The catalogue name of a code; None when the code is not in the catalogue."""
        return self._names.get(code)

    def level(self, code: str) -> int:
        """1 (类), 2 (款) or 3 (项), from the length of the code alone."""
        return _level(self.kind, code)

    def parent(self, code: str) -> str | None:
        """The code one level up (2010301 → 20103 → 201 → None)."""
        level = self.level(code)
        return code[: LEVEL_LENGTHS[self.kind][level - 2]] if level > 1 else None

    def children(self, code: str) -> tuple[str, ...]:
        """The codes directly under `code`, in catalogue order."""
        return self._children.get(code, ())

    def roots(self) -> tuple[str, ...]:
        """The 类 codes, in catalogue order."""
        return self._children.get(None, ())

    def group(self, code: str) -> str | None:
        """For economic codes: 人员经费 (301, 303) or 公用经费 (the other classes); else None."""
        if self.kind != ECONOMIC or code[:3] not in self or len(code) not in LEVEL_LENGTHS[ECONOMIC]:
            return None
        return PERSONNEL if code[:3] in _PERSONNEL_CLASSES else PUBLIC_USE

    def matches(self, code: str, printed_name: str) -> bool:
        """Whether `code` is in the catalogue under `printed_name`, up to layout noise."""
        name = self._names.get(code)
        return name is not None and normalize_name(name) == normalize_name(printed_name)


def _level(kind: str, code: str) -> int:
    lengths = LEVEL_LENGTHS[kind]
    if not code.isascii() or not code.isdigit() or len(code) not in lengths:
        allowed = "、".join(str(n) for n in lengths)
        raise ValueError(f"“{code}”不是{_KIND_NAMES[kind]}科目代码（应为 {allowed} 位数字）")
    return lengths.index(len(code)) + 1


@dataclass(frozen=True)
class NameSpan:
    """One name of a code and the years it holds: `first` through `last`, None = open."""

    code: str
    name: str
    first: int | None
    last: int | None
    source: str = ""

    def covers(self, year: int) -> bool:
        return (self.first is None or self.first <= year) and (self.last is None or year <= self.last)

    def years(self) -> str:
        """The years in words: 2019年及以前, 2024年起, 2020—2023年, 2019年, 各年."""
        if self.first is None and self.last is None:
            return "各年"
        if self.first is None:
            return f"{self.last}年及以前"
        if self.last is None:
            return f"{self.first}年起"
        return f"{self.first}年" if self.first == self.last else f"{self.first}—{self.last}年"


_DATA = files("juesuan.catalogue").joinpath("data")
_FILES = {FUNCTIONAL: "functional.csv", ECONOMIC: "economic.csv"}
_YEARS_FILE = "classification_years.csv"
#: The year of the base catalogues ``functional.csv`` and ``economic.csv`` (the reference sample's).
BASE_YEAR = 2024


def _rows(name: str) -> list[list[str]]:
    """The rows after the header of the packaged CSV ``data/<name>`` (UTF-8)."""
    return list(csv.reader(io.StringIO(_DATA.joinpath(name).read_text(encoding="utf-8"))))[1:]


def _bound(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def _base(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, label) for code, label in _rows(_FILES[kind]))


@cache
def _spans(kind: str) -> tuple[NameSpan, ...]:
    """The rows of ``data/classification_years.csv`` for one kind, in file order."""
    return tuple(
        NameSpan(code, name, _bound(first), _bound(last), source)
        for row_kind, code, name, first, last, source in _rows(_YEARS_FILE)
        if row_kind == kind
    )


@cache
def latest_year() -> int:
    """The newest year the packaged data names (the base holds then, with the rows that start by then)."""
    bounds = [bound for span in _spans(FUNCTIONAL) + _spans(ECONOMIC) for bound in (span.first, span.last)]
    return max([BASE_YEAR, *(bound for bound in bounds if bound is not None)])


def name_history(kind: str, code: str) -> tuple[NameSpan, ...]:
    """Every name `code` is known by in the packaged data, each with the years it holds (the base
    name spans the years no row of ``classification_years.csv`` claims); () for an unknown code."""
    rows = tuple(span for span in _spans(kind) if span.code == code)
    base = dict(_base(kind)).get(code)
    if base is None:
        return rows
    before = [span.last for span in rows if span.first is None and span.last is not None]
    after = [span.first for span in rows if span.last is None and span.first is not None]
    first = max(before) + 1 if before else None
    last = min(after) - 1 if after else None
    return (NameSpan(code, base, first, last, "base"), *rows)


def _in_year(kind: str, year: int) -> Classification:
    """The base with the rows of `year` applied; codes the base lacks go among their siblings by code."""
    names = dict(_base(kind))
    added: list[str] = []
    for span in _spans(kind):
        if span.covers(year):
            if span.code not in names and span.code not in added:
                added.append(span.code)
            names[span.code] = span.name
    order = [code for code, _ in _base(kind)]
    for code in sorted(added, key=len):
        order.insert(_position(kind, order, code), code)
    return Classification(kind, tuple((code, names[code]) for code in order), year)


def _position(kind: str, order: list[str], code: str) -> int:
    """Where `code` goes in `order`: after its parent's subtree entries whose codes are smaller."""
    parent = _parent(kind, code)
    siblings = [at for at, other in enumerate(order) if _parent(kind, other) == parent]
    start = order.index(parent) + 1 if parent is not None and parent in order else 0
    place = start
    for at in siblings:
        if order[at] < code:
            place = _subtree_end(kind, order, at)
    return place


def _subtree_end(kind: str, order: list[str], at: int) -> int:
    """The index just past the entry at `at` and everything under it."""
    code = order[at]
    end = at + 1
    while end < len(order) and order[end].startswith(code) and len(order[end]) > len(code):
        end += 1
    return end


@cache  # asked of every code once per code placed (_position): building a year took ~30 ms
def _parent(kind: str, code: str) -> str | None:
    level = _level(kind, code)
    return code[: LEVEL_LENGTHS[kind][level - 2]] if level > 1 else None


@lru_cache(maxsize=64)
def _catalogue(kind: str, year: int) -> Classification:
    return _in_year(kind, year)


def functional_classification(year: int | None = None) -> Classification:
    """The 支出功能分类科目 of a fiscal year (None: the newest, `latest_year()`): all 类 and the
    common 款 and 项, under that year's names as far as the packaged data knows them."""
    return _catalogue(FUNCTIONAL, latest_year() if year is None else year)


def economic_classification(year: int | None = None) -> Classification:
    """The 部门预算支出经济分类科目 of a fiscal year (None: the newest) as 公开06表 lists them
    (class by class, in its order)."""
    return _catalogue(ECONOMIC, latest_year() if year is None else year)


def _decode(data: bytes, where: str) -> str:
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise ValueError(f"{where}：无法识别文本编码（应为 UTF-8 或 GB18030/GBK）") from None


def _column(header: list[str], key: str, where: str) -> int:
    cleaned = [cell.strip().lower() for cell in header]
    for alias in _HEADER_ALIASES[key]:
        if alias in cleaned:
            return cleaned.index(alias)
    raise ValueError(f"{where}：第 1 行应为表头 code,name，缺少“{key}”列")


def _entries(
    rows: Iterable[tuple[int, list[str]]], kind: str, columns: tuple[int, int], where: str
) -> Iterator[tuple[str, str]]:
    """(code, name) of each non-blank row, each checked on its own so errors name the line."""
    seen: set[str] = set()
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(columns):
            raise ValueError(f"{where}：第 {number} 行缺少科目代码或科目名称")
        code, name = (row[at].strip() for at in columns)
        try:
            _level(kind, code)
        except ValueError as error:
            raise ValueError(f"{where}：第 {number} 行{error}") from error
        if not name:
            raise ValueError(f"{where}：第 {number} 行科目 {code} 没有名称")
        if code in seen:
            raise ValueError(f"{where}：第 {number} 行科目代码 {code} 重复")
        seen.add(code)
        yield code, name


def load_classification_csv(path: str | Path, kind: str = FUNCTIONAL) -> Classification:
    """A catalogue from a CSV file with a header row ``code,name`` (UTF-8, with or without BOM,
    or GB18030). Raises ValueError with a one-line Chinese message when the file is unusable."""
    where = f"分类科目文件 {path}"
    if kind not in LEVEL_LENGTHS:
        raise ValueError(f"未知的分类类型：{kind}（应为 functional 或 economic）")
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValueError(f"{where}：无法读取（{error.strerror or error}）") from error
    try:
        rows = list(csv.reader(io.StringIO(_decode(data, where))))
    except csv.Error as error:
        raise ValueError(f"{where}：不是有效的 CSV（{error}）") from error
    if not rows:
        raise ValueError(f"{where}：文件为空")
    columns = _column(rows[0], "code", where), _column(rows[0], "name", where)
    entries = tuple(_entries(enumerate(rows[1:], start=2), kind, columns, where))
    if not entries:
        raise ValueError(f"{where}：表头之后没有任何科目")
    try:
        return Classification(kind, entries)
    except ValueError as error:
        raise ValueError(f"{where}：{error}") from error
