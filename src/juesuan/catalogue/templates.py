"""Templates of the disclosure, as data (`templates/*.toml`): which tables, titled how, with which
lines and 行次, which rules hold, and how a document shows which template it follows.

A template file states only where it differs from the template it `extends` (in the end, the
national one of `data/tables.toml`). Each `[tables.NN]` entry replaces the named fields of the
base table; a line there may print a 行次 (`line`) other than the national one its row stands for
(`key`). The readers, the rules, the derivation and the renderers all read the same `Template`.

Which template a document follows is detected from its printed lines (`detect`), or forced by
the user (`forcing`); the reading of one document runs under its template (`reading_under`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from juesuan.catalogue.tables import (
    TableDefinition,
    definition_from_entry,
    national_entries,
    normalise_title,
)

_FOLDER = Path(__file__).with_name("templates")
NATIONAL = "national-2024"
GENERIC = "generic"
_YEAR = re.compile(r"(20\d{2})\s*年度?")
T = TypeVar("T")
_TITLE_LINE = 80  # longer lines are prose, never a title


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

    def stamp(self, disclosure: T) -> T:
        """The disclosure marked with this template and the reason."""
        return replace(disclosure, template=self.template.name, template_evidence=self.describe())

    def describe(self) -> str:
        why = "用户指定" if self.forced else "；".join(self.evidence) or "无明显特征，按通用模板读取"
        return f"{self.template.title}（{self.template.name}）：{why}"


@cache
def templates() -> dict[str, Template]:
    """Every template by name: the national one first, the generic one last."""
    entries = {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in _FOLDER.glob("*.toml")}
    built: dict[str, Template] = {}
    raw: dict[str, dict[str, dict]] = {}
    for name in _ordered(entries):
        entry = entries[name]
        base = entry.get("extends", "")
        tables = dict(raw[base]) if base else {table["number"]: table for table in national_entries()}
        for number, fields in entry.get("tables", {}).items():
            tables[number] = {**tables.get(number, {"number": number}), **fields}
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

    for name in sorted(entries, key=lambda n: (n != NATIONAL, n == GENERIC, n)):
        visit(name)
    return ordered


def _template(name: str, entry: dict, base: Template | None, tables: dict[str, dict]) -> Template:
    rules = entry.get("rules", {})
    definitions = {number: definition_from_entry(table) for number, table in tables.items()}
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
    detection = Detection(template(forced), forced=True) if forced else detect(texts)
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


def detect(texts: Iterable[str]) -> Detection:
    """The template whose signs the document shows most; generic when it shows none of a template's
    tables. Titles count by table: a template scores for each of its tables whose title is printed
    and loses for each printed table it does not have."""
    printed = _Printed.of(texts)
    scored = [
        (score, evidence, found)
        for found in templates().values()
        for score, evidence in [_score(found, printed)]
    ]
    best = max(scored, key=lambda entry: entry[0])
    if best[0] <= 0:
        return Detection(templates()[GENERIC], ("未见任何模板的表题",))
    return Detection(best[2], best[1])


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
