"""Templates of the disclosure, as data (`templates/*.toml`): which tables, titled how, with which
lines and 行次, which rules hold, and how a document shows which template it follows.

A template file states only where it differs from the template it `extends` (in the end, the
national one of `data/tables.toml`). Each `[tables.NN]` entry replaces the named fields of the
base table; a line there may print a 行次 (`line`) other than the national one its row stands for
(`key`). A table's `changes` (the change on last year it prints: which columns compare which) name
its columns, so a template that declares the table's `columns` anew declares its `changes` with
them (none unless it does). The readers, the rules, the derivation and the renderers all read the
same `Template`.

Which template a document follows is detected from its printed lines (`detect`), or forced by
the user (`forcing`); the reading of one document runs under its template (`reading_under`).

Each template is of one kind (`kind`): 决算 (the default) or 预算. A document's kind is told
first (`catalogue.kinds.document_kind`); only the templates of that kind compete for it. A 预算
template states its own tables (its ids `预算01` …, never a 决算's `01` …): one that extends no
template starts from none, not from the national 决算 tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from juesuan.catalogue.cache import parsed_toml
from juesuan.catalogue.tables import (
    TableDefinition,
    definition_from_entry,
    national_entries,
    normalise_title,
)

_FOLDER = Path(__file__).with_name("templates")
NATIONAL = "national-2024"
GENERIC = "generic"
BUDGET_GENERIC = "budget-generic"
FINAL, BUDGET = "决算", "预算"
_YEAR = re.compile(r"(20\d{2})\s*年度?")
T = TypeVar("T")
_TITLE_LINE = 80  # longer lines are prose, never a title
COVER_LINES = 12  # a 预算's cover: where its unit and year are printed


@dataclass(frozen=True)
class LineEvidence:
    """A label printed with this 行次 (本年收入合计 on line 23): a template's own numbering."""

    label: str
    line: str


@dataclass(frozen=True)
class Signs:
    """What a document printing this template shows."""

    titles: tuple[str, ...] = ()  # table titles no other template prints
    words: tuple[str, ...] = ()  # words of the cover or the unit's name (上海市, 大学)
    lines: tuple[LineEvidence, ...] = ()
    years: tuple[int, int] | None = None  # the accounts years the template was in force


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    description: str
    sample: str  # a real document printed in it, for the tests and the docs
    tables: Mapping[str, TableDefinition]  # by number, in printed order
    required: tuple[str, ...]  # the tables it must publish
    signs: Signs = Signs()
    skipped_rules: frozenset[str] = frozenset()  # the national rules that do not hold in it
    identities: tuple[str, ...] = ()  # its own identities, in the grammar of rules/identities.txt
    only: tuple[str, ...] = ()  # patterns of the only national rules that hold (none: all of them)
    extends: str = ""
    kind: str = FINAL  # 决算 or 预算: the documents it reads
    money_unit: str = "万元"  # the 金额单位 its tables print (上海 预算: 元); the narrative's is 万元
    money_units: Mapping[str, str] = field(default_factory=dict)  # a table's own (上海's 三公: 万元)

    def unit_of(self, number: str) -> str:
        """The 金额单位 the table of that number prints."""
        return self.money_units.get(number, self.money_unit)

    def applies(self, rule_id: str) -> bool:
        """Whether a national rule holds in this template: not skipped, and within `only` when
        the template names the only rules that hold (the generic template)."""
        if rule_id in self.skipped_rules:
            return False
        return not self.only or any(fnmatch(rule_id, pattern) for pattern in self.only)


@dataclass(frozen=True)
class Detection:
    """The template chosen for a document, and why (in Chinese, for the user)."""

    template: Template
    evidence: tuple[str, ...] = field(default=())
    forced: bool = False
    year: int | None = None  # the year the document's first lines print (a 预算's budget year)
    unit: str = ""  # the unit a 预算's table heads name (部门：江苏省人大常委会办公厅)

    def stamp(self, disclosure: T) -> T:
        """The disclosure marked with this template, the reason, and its kind (决算 or 预算); a
        预算 whose reader found no unit or year (its cover says 部门预算, which the 决算 readers do
        not look for) takes those its first lines print."""
        found = replace(
            disclosure,
            template=self.template.name,
            template_evidence=self.describe(),
            kind=self.template.kind,
        )
        if self.template.kind != BUDGET:
            return found
        return replace(found, unit=found.unit or self.unit, year=found.year or self.year)

    def describe(self) -> str:
        why = "用户指定" if self.forced else "；".join(self.evidence) or "无明显特征，按通用模板读取"
        return f"{self.template.title}（{self.template.name}）：{why}"


@cache
def templates() -> dict[str, Template]:
    """Every template by name: the national one first, the generic one last."""
    entries = {path.stem: parsed_toml(path.read_text(encoding="utf-8")) for path in _FOLDER.glob("*.toml")}
    built: dict[str, Template] = {}
    raw: dict[str, dict[str, dict]] = {}
    for name in _ordered(entries):
        entry = entries[name]
        base = entry.get("extends", "")
        own = entry.get("kind", FINAL) != FINAL  # a 预算 template extending none starts from none
        tables = dict(raw[base]) if base else {} if own else {t["number"]: t for t in national_entries()}
        for number, fields in entry.get("tables", {}).items():
            kept = tables.get(number, {"number": number})
            if "columns" in fields:  # the base's changes name its columns: declared anew with them
                kept = {key: value for key, value in kept.items() if key != "changes"}
            tables[number] = {**kept, **fields}
        raw[name] = tables
        built[name] = _template(name, entry, built.get(base), tables)
    return built


def _ordered(entries: dict[str, dict]) -> list[str]:
    """Each template after the one it extends."""
    ordered: list[str] = []

    def visit(name: str, seen: tuple[str, ...] = ()) -> None:
        if name in ordered:
            return
        if name not in entries or name in seen:
            raise ValueError(f"模板 {name} 不存在或循环继承")
        base = entries[name].get("extends", "")
        if base:
            visit(base, (*seen, name))
        ordered.append(name)

    def rank(name: str) -> tuple:  # national first, then the 决算's, the 预算's, generic last
        kind = entries[name].get("kind", FINAL) if name in entries else FINAL
        return (name != NATIONAL, name == GENERIC, kind != FINAL, name == BUDGET_GENERIC, name)

    for name in sorted(entries, key=rank):
        visit(name)
    return ordered


def _template(name: str, entry: dict, base: Template | None, tables: dict[str, dict]) -> Template:
    rules = entry.get("rules", {})
    own = entry.get("tables", {})
    definitions = {  # a table the file leaves as its base has it is the base's very definition
        number: base.tables[number] if base and number not in own else definition_from_entry(table)
        for number, table in tables.items()
    }
    return Template(
        name=name,
        title=entry["title"],
        description=entry.get("description", ""),
        sample=entry.get("sample", ""),
        tables=MappingProxyType(definitions),
        required=tuple(entry.get("required", base.required if base else definitions)),
        signs=_signs(entry.get("signs", {})),
        skipped_rules=frozenset(rules.get("skip", ())) | (base.skipped_rules if base else frozenset()),
        identities=(*(base.identities if base else ()), *rules.get("identities", ())),
        only=tuple(rules.get("only", base.only if base else ())),
        extends=entry.get("extends", ""),
        kind=entry.get("kind", base.kind if base else FINAL),
        money_unit=entry.get("money_unit", base.money_unit if base else "万元"),
        money_units=MappingProxyType(dict(entry.get("money_units", base.money_units if base else {}))),
    )


def _signs(entry: dict) -> Signs:
    years = entry.get("years")
    return Signs(
        titles=tuple(entry.get("titles", ())),
        words=tuple(entry.get("words", ())),
        lines=tuple(LineEvidence(**line) for line in entry.get("lines", ())),
        years=(int(years[0]), int(years[1])) if years else None,
    )


def template_of(disclosure) -> Template:
    """The template a disclosure was read under (national when it says none)."""
    return templates().get(disclosure.template) or templates()[NATIONAL]


def template(name: str) -> Template:
    """The template of that name; a name no template has is a `KeyError` naming the choices."""
    found = templates().get(name)
    if found is None:
        raise KeyError(f"没有名为 {name} 的模板，可选：{'、'.join(templates())}")
    return found


# The template in force while one document is read, and the one the user forced, if any.
_ACTIVE: ContextVar[Template | None] = ContextVar("juesuan_template", default=None)
_FORCED: ContextVar[str | None] = ContextVar("juesuan_forced_template", default=None)


def active() -> Template:
    return _ACTIVE.get() or templates()[NATIONAL]


@contextmanager
def forcing(name: str | None) -> Iterator[None]:
    """Read every document under this template (None: detect each document's)."""
    if name is not None:
        template(name)
    token = _FORCED.set(name)
    try:
        yield
    finally:
        _FORCED.reset(token)


@contextmanager
def reading_under(texts: Iterable[str]) -> Iterator[Detection]:
    """Detect the template of a document from its printed lines (unless forced) and keep it in
    force while the document is read."""
    forced = _FORCED.get()
    texts = list(texts)
    detection = Detection(template(forced), forced=True) if forced else detect(texts, kind_of(texts))
    if detection.template.kind == BUDGET:
        detection = replace(detection, year=_Printed.of(texts).year, unit=_head_unit(texts))
    token = _ACTIVE.set(detection.template)
    try:
        yield detection
    finally:
        _ACTIVE.reset(token)


@contextmanager
def under(found: Template) -> Iterator[None]:
    """Run with `found` in force (rules and renderers of a document already read)."""
    token = _ACTIVE.set(found)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def kind_of(texts: Iterable[str]) -> tuple[str, str]:
    """(决算 | 预算, the evidence) of a document's printed lines: 预算 when its table titles and
    cover say so (`catalogue.kinds.document_kind`), else 决算 (evidence "")."""
    from juesuan.catalogue.kinds import document_kind

    found, evidence = document_kind("\n".join(texts))
    return (BUDGET, evidence) if found == BUDGET else (FINAL, "")


_HEAD_UNIT = re.compile(r"^\s*(?:编制|预算)?(?:部\s*门|单\s*位)(?:名称)?\s*[:：]\s*\t?\s*(?P<unit>[^\t\s]+)")


_COVER_UNIT = re.compile(
    r"^(?:(?P<unit>[^\d\s]{2,40}?)(?:\d{4})年度?|(?:\d{4})年度?(?P<named>[^\d\s]{2,40}?))(?:部门|单位)(?:综合)?预算(?!表)"
)


_COVER_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}$")  # a unit's name alone on its cover line
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")  # 第一部分 2026年度部门预算情况说明: no unit


def _head_unit(texts: list[str]) -> str:
    """The unit the cover names (江苏省政协办公厅2017年度部门预算), else a table head (部门：\t江苏省
    人大常委会办公厅\t单位：万元), or ""."""
    above = ""
    for text in texts[:COVER_LINES]:
        flat = _PART.sub("", "".join(text.split()))
        match = _COVER_UNIT.match(flat)
        if not match and _COVER_NAME.match(above) and flat[:1].isdigit():
            match = _COVER_UNIT.match(above + flat)  # the name over the year: 西南大学 / 2021年度部门预算
        if match and (match.group("unit") or match.group("named")) not in ("江苏省", "省级"):
            return match.group("unit") or match.group("named")
        above = flat if flat else above
    for text in texts:
        match = _HEAD_UNIT.match(text)
        if match and not match.group("unit").endswith(("万元", "元")):
            return match.group("unit")
    return ""


def detect(texts: Iterable[str], kind: tuple[str, str] = (FINAL, "")) -> Detection:
    """The template of the document's kind whose signs the document shows most; that kind's
    generic template when it shows none of a template's tables. Titles count by table: a
    template scores for each of its tables whose title is printed and loses for each printed
    table it does not have. A 预算's evidence starts with why it is one."""
    printed = _Printed.of(texts)
    name, why = kind
    scored = [
        (score, evidence, found)
        for found in templates().values()
        if found.kind == name
        for score, evidence in [_score(found, printed)]
    ]
    first = (f"{BUDGET}：{why}",) if name == BUDGET else ()
    best = max(scored, key=lambda entry: entry[0], default=(0, (), None))
    if best[0] <= 0:
        fallback = BUDGET_GENERIC if name == BUDGET else GENERIC
        return Detection(templates()[fallback], (*first, "未见任何模板的表题"))
    return Detection(best[2], (*first, *best[1]))


@dataclass
class _Printed:
    """What detection looks at: the document's short lines (where titles are) without white space,
    its lines as printed (cells TAB-separated), its year."""

    short: list[str]
    texts: list[str]
    year: int | None
    seen: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, texts: Iterable[str]) -> _Printed:
        texts = list(texts)
        year = next((int(m.group(1)) for text in texts[:80] if (m := _YEAR.search(text))), None)
        lines = (normalise_title(text) for text in texts if len(text) <= 2 * _TITLE_LINE)
        return cls([line for line in lines if len(line) <= _TITLE_LINE], texts, year)

    def has_title(self, title: str) -> bool:
        title = normalise_title(title)
        if title not in self.seen:
            fits = (len(line) <= len(title) + 40 and line.endswith(title) for line in self.titled)
            self.seen[title] = any(fits)
        return self.seen[title]

    @cached_property
    def titled(self) -> list[str]:
        """The lines that may be a table's title (公开NN表 or its title last)."""
        return [line for line in self.short if line.endswith(("表", "表)", "表）"))]

    def has_word(self, word: str) -> bool:
        return any(word in line for line in self.short[:120])

    def has_line(self, evidence: LineEvidence) -> bool:
        """The label, then the 行次 in the next cell (white space inside the label allowed)."""
        spaced = r"\s*".join(map(re.escape, evidence.label))
        pattern = re.compile(rf"(?:^|\t|、)\s*{spaced}\s*\t\s*{re.escape(evidence.line)}\s*(?:\t|$)")
        return any(evidence.label[-1] in text and pattern.search(text) for text in self.texts)


def _score(found: Template, printed: _Printed) -> tuple[int, tuple[str, ...]]:
    signs = found.signs
    if signs.years and printed.year and not signs.years[0] <= printed.year <= signs.years[1]:
        return -99, ()
    titles = [t for t in signs.titles if printed.has_title(t)]
    if found.kind == BUDGET and signs.titles and not titles:
        return 0, ()  # a 预算 format is told by its own titles (部门收支总表), not by the usual ones
    words = [w for w in signs.words if printed.has_word(w)]
    lines = [e for e in signs.lines if printed.has_line(e)]
    tables = [n for n, d in found.tables.items() if any(printed.has_title(t) for t in d.titles)]
    required = [n for n in tables if n in found.required]
    extra = [n for n in tables if n not in found.required]
    if not required:
        return 0, ()
    score = 3 * len(titles) + 2 * len(words) + 3 * len(lines) + len(required) - 2 * len(extra)
    score += 2 * (set(required) == set(found.required)) + (
        signs.years is not None and printed.year is not None
    )
    evidence = (
        *(f"表题“{t}”" for t in titles),
        *(f"“{w}”" for w in words),
        *(f"“{e.label}”印为第{e.line}行" for e in lines),
        f"印有{len(required)}/{len(found.required)}张应有的表",
    )
    return score, evidence
