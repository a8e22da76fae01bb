"""Tracing each claim of 第三部分 to where it must come from.

The result is a list of `Trace`: the claim, the section it stands in and its source, which is
either a source expression (a cell, a sum of cells, or a figure over the 绩效自评表) or other
claims of the same paragraph (a rate is computed from a change and the amount it changed; a
share from an amount and a total; a completion rate from 决算 and 年初预算). What cannot be
traced keeps `source=None` and no operands, so the coverage is visible.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from juesuan.model import Disclosure, Paragraph, Row, Section, Table
from juesuan.narrative.claims import Claim, paragraph_claims
from juesuan.narrative.sections import canonical_number

_TABLE_REF = re.compile(r"(\d{2})\[")
_YEAR = re.compile(r"^(\d{4}年(度)?)")
_CHANGE_WORDS = re.compile(
    r"^(与上年相比|较上年(决算)?|比上年(度)?|比\d{4}年(度)?|同比)?(.*?)(增加|减少|增长|下降|上升|降低)了?$"
)
_ENUMERATOR = re.compile(r"^([一二三四五六七八九十]+、|\d+[、.．]\s*|[（(][一二三四五六七八九十\d]+[)）]\s*)")


@dataclass(frozen=True)
class Trace:
    claim: Claim
    section: str  # "一", "五（三）" …
    paragraph: Paragraph
    source: str | None = None  # a source expression, or None when traced to other claims
    operands: tuple[Claim, ...] = ()  # change: (current,); rate: (change, current); share: (amount,)…

    @property
    def traced(self) -> bool:
        return self.source is not None or bool(self.operands)


@cache
def source_catalogue() -> dict:
    with resources.files("juesuan.narrative").joinpath("sources.toml").open("rb") as stream:
        return tomllib.load(stream)


def section_paragraphs(disclosure: Disclosure) -> Iterator[tuple[str, Paragraph]]:
    """(section key, paragraph): keys are the template's numbers (九（二）), found by title."""
    for section in disclosure.narrative:
        yield from _walk(section, canonical_number(section))


def _walk(section: Section, key: str) -> Iterator[tuple[str, Paragraph]]:
    for paragraph in section.paragraphs:
        yield key, paragraph
    for sub in section.subsections:
        yield from _walk(sub, f"{key}{sub.number}")


def trace_narrative(disclosure: Disclosure) -> list[Trace]:
    traces: list[Trace] = []
    for key, paragraph in section_paragraphs(disclosure):
        traces += trace_paragraph(disclosure, key, paragraph)
    return traces


def trace_paragraph(disclosure: Disclosure, key: str, paragraph: Paragraph) -> list[Trace]:
    spec = section_spec(key)
    context = _Context()
    traces = []
    for claim in paragraph_claims(paragraph):
        trace = _trace(disclosure, spec, key, paragraph, claim, context)
        traces.append(trace)
        context.remember(claim)
        context.sources[id(claim)] = trace.source
    return traces


def section_spec(key: str) -> dict:
    """The sources of a section; a section printed without the template's sub-sections
    (Shanghai's 三公 section has none) takes those of all its sub-sections."""
    sections = source_catalogue()["section"]
    found = sections.get(key) or sections.get(key[:1])
    return found if found is not None else _merged([v for k, v in sections.items() if k.startswith(key)])


def _merged(specs: list[dict]) -> dict:
    merged: dict = {}
    for spec in specs:
        for name, value in spec.items():
            merged[name] = {**merged.get(name, {}), **value} if isinstance(value, dict) else value
    return merged


class _Context:
    """What earlier claims of the paragraph a later one may refer to."""

    def __init__(self) -> None:
        self.amounts: list[Claim] = []
        self.sources: dict[int, str | None] = {}  # id(amount claim) -> its source
        self.budget: Claim | None = None
        self.change: Claim | None = None
        self.subject = ""

    def remember(self, claim: Claim) -> None:
        """Keep the claim for those after it; a new amount or budget starts a new subject,
        so an earlier change is no longer what a rate refers to."""
        if claim.kind in ("amount", "budget"):
            self.change = None
        if claim.kind == "amount":
            self.amounts.append(claim)
        elif claim.kind == "budget":
            self.budget = claim
            self.subject = claim.label.removesuffix("年初预算")
        elif claim.kind == "change":
            self.change = claim

    def amount_named(self, subject: str, source: str | None) -> Claim | None:
        """The earlier amount the subject names: by its words, else by the same source."""
        wanted = normalise(subject)
        for claim in reversed(self.amounts):
            named = normalise(subject_of(claim.label))
            if named == wanted or named.endswith(wanted) or wanted.endswith(named):
                return claim
        return next((c for c in reversed(self.amounts) if source and self.sources[id(c)] == source), None)

    @property
    def last_amount(self) -> Claim | None:
        return self.amounts[-1] if self.amounts else None


def _trace(disclosure, spec, key, paragraph, claim: Claim, context: _Context) -> Trace:
    def made(source=None, operands=()):
        if source is not None and not _tables_present(disclosure, source):
            source = None  # the table it comes from is not published: nothing to check against
        return Trace(claim, key, paragraph, source, tuple(o for o in operands if o is not None))

    if claim.kind == "amount":
        return made(resolve_amount(disclosure, spec, subject_of(claim.label, context)))
    if claim.kind == "count":
        return made(resolve_count(disclosure, spec, claim))
    if claim.kind == "change":
        current = _current_of(disclosure, spec, claim, context)
        return made(operands=(current,) if current else ())
    if claim.kind == "rate" and context.change is not None:
        current = _current_of(disclosure, spec, context.change, context)
        return made(operands=(context.change, current) if current else ())
    if claim.kind == "share" and context.last_amount is not None:
        base = share_base(spec, claim.label)
        return made(base, (context.last_amount,)) if base else made()
    if claim.kind == "completion" and context.budget and context.last_amount:
        return made(operands=(context.last_amount, context.budget))
    return made()


def _tables_present(disclosure: Disclosure, source: str) -> bool:
    return all(disclosure.table(number) for number in _TABLE_REF.findall(source))


def _current_of(disclosure: Disclosure, spec: dict, change: Claim, context: _Context) -> Claim | None:
    """The amount a change is relative to: the one its words name, else the last amount."""
    match = _CHANGE_WORDS.match(change.label)
    subject = match.group(5) if match else ""
    if not subject:
        return context.last_amount
    return context.amount_named(subject, resolve_amount(disclosure, spec, subject))


def subject_of(label: str, context: _Context | None = None) -> str:
    """The thing an amount's label names, without the year (2024年度) or enumerators."""
    subject = _ENUMERATOR.sub("", _YEAR.sub("", label.strip("、，")))
    if context is not None and subject in ("支出决算", "决算") and context.subject:
        return _YEAR.sub("", context.subject)
    return subject


def resolve_amount(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    subject = alias(subject)
    for pattern, source in spec.get("amounts", {}).items():
        if re.search(pattern, subject):
            return source
    return resolve_by_name(disclosure, spec, subject)


def resolve_count(disclosure: Disclosure, spec: dict, claim: Claim) -> str | None:
    subject = subject_of(claim.label)
    for pattern, source in spec.get("counts", {}).items():
        if re.search(pattern, subject):
            return source
    return resolve_by_name(disclosure, spec, subject)


def resolve_by_name(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    name = normalise(alias(subject.removesuffix(spec.get("rows", {}).get("suffix", "")) or subject))
    if not name:
        return None
    if "rows" in spec:
        found = _row_named(disclosure.table(spec["rows"]["table"]), name, spec["rows"]["column"])
        if found is not None:
            return f"{spec['rows']['table']}[{found.key},{spec['rows']['column']}]"
    if "columns" in spec:
        table = disclosure.table(spec["columns"]["table"])
        for column in table.columns if table else ():
            if normalise(column.heading) == name:
                return f"{table.number}[{spec['columns']['row']},{column.key}]"
    return None


def _row_named(table: Table | None, name: str, column: str) -> Row | None:
    """The row printed with this name; where names repeat (06: 30902 and 31002 办公设备购置),
    the one with a figure in the column."""
    rows = [row for row in (table.rows if table else ()) if normalise(row.label) == name]
    return next((row for row in rows if row.get(column) is not None), rows[0] if rows else None)


def share_base(spec: dict, label: str) -> str | None:
    named = re.match(r"^占(.+)的$", label)
    if named:
        source = resolve_amount_in(spec, named.group(1))
        if source:
            return source
    return spec.get("share_base")


def resolve_amount_in(spec: dict, subject: str) -> str | None:
    for pattern, source in spec.get("amounts", {}).items():
        if re.search(pattern, subject):
            return source
    return None


def alias(name: str) -> str:
    return source_catalogue()["aliases"].get(name, name)


def normalise(text: str) -> str:
    """Names compared without layout noise: spaces, bracket widths, enumerators, quotes."""
    text = _ENUMERATOR.sub("", text.strip())
    text = text.replace("(", "（").replace(")", "）").replace(" ", "").replace("\u3000", "")
    return text.replace("“", "").replace("”", "").replace('"', "")
