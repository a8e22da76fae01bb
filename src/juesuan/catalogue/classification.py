"""Code trees of the 政府收支分类科目: 支出功能分类 (类/款/项) and 部门预算支出经济分类 (类/款).

The packaged catalogues live in ``data/functional.csv`` and ``data/economic.csv`` (columns
``code,name``); a user may load a full year's catalogue with `load_classification_csv`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
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


def _packaged(kind: str, name: str) -> Classification:
    """A catalogue from the package's ``data/<name>`` (a ``code,name`` CSV in UTF-8)."""
    text = files("juesuan.catalogue").joinpath("data", name).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return Classification(kind, tuple((code, label) for code, label in rows))


@cache
def functional_classification() -> Classification:
    """The 支出功能分类科目 (2024 政府收支分类科目): all 类 and the common 款 and 项."""
    return _packaged(FUNCTIONAL, "functional.csv")


@cache
def economic_classification() -> Classification:
    """The 部门预算支出经济分类科目 as 公开06表 lists them (class by class, in its order)."""
    return _packaged(ECONOMIC, "economic.csv")


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
