"""What every section writer of 第三部分 shares: reading cells, facts and building paragraphs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from juesuan.model import Disclosure, Paragraph, Section, Table
from juesuan.model.facts import Facts
from juesuan.narrative.catalogue import common, phrase, title

ZERO = Decimal(0)


def cell(disclosure: Disclosure, table: str, row: str, column: str) -> Decimal:
    """The printed value of a cell; a blank cell, row or table is 0."""
    found = disclosure.table(table)
    figure = found.figure(row, column) if found else None
    return figure.value if figure else ZERO


def has_figures(disclosure: Disclosure, table: str) -> bool:
    """Whether the table prints any figure at all (本表无数据 otherwise)."""
    found = disclosure.table(table)
    return found is not None and not found.is_empty


def table_rows(disclosure: Disclosure, table: str) -> tuple:
    found: Table | None = disclosure.table(table)
    return found.rows if found else ()


def year_of(disclosure: Disclosure) -> int:
    if disclosure.year is None:
        raise ValueError("决算年度不详，无法撰写情况说明")
    return disclosure.year


def because(facts: Facts, *keys: str, wording: str = "because") -> str:
    """``主要原因是…`` with the first reason the facts give under any of the keys; else empty."""
    for key in keys:
        if facts.reasons.get(key):
            return phrase(wording, reason=facts.reasons[key])
    return ""


def last_year(facts: Facts, key: str) -> Decimal | None:
    value = facts.last_year.get(key)
    return None if value is None else Decimal(value)


def joined(*parts: str, sep: str = "，") -> str:
    """The non-empty parts joined (an absent reason or share leaves no empty clause)."""
    return sep.join(part for part in parts if part)


def sentences(*parts: str) -> str:
    """Non-empty sentences, each closed with 。 (a part may already end with its own stop)."""
    return "".join(part if part.endswith(("。", "：")) else f"{part}。" for part in parts if part)


def listing(lead: str, items: Iterable[str]) -> list[str]:
    """A lead paragraph (…，其中：) and one paragraph per item, ；-closed, the last 。-closed."""
    texts = list(items)
    closed = [f"{text}；" for text in texts[:-1]] + [f"{text}。" for text in texts[-1:]]
    return [text for text in (lead, *closed) if text]


def paragraphs(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text) for text in texts if text)


def section(part: str, texts: Iterable[str] = (), subsections: Iterable[Section] = ()) -> Section:
    """The part of the catalogue (一, 五（三）…) with its title, printed as a section (十) or under
    its section (（三）)."""
    number = part[part.index("（") :] if "（" in part else part
    return Section(number, title(part), paragraphs(*texts), tuple(subsections))


def laid_out(sections: tuple[Section, ...], template: str, year: int | None = None) -> tuple[Section, ...]:
    """The national ten sections numbered, titled and ordered as the template prints them (the
    `layout` of `[template."名称"]` in sentences/common.toml); as they are when it has none."""
    printed = common().get("template", {}).get(template, {})
    sections = tuple(_in_one(s, set(printed.get("one_paragraph", ()))) for s in sections)
    if not printed.get("layout"):
        return sections
    placed = (_placed(sections, entry, year) for entry in printed["layout"])
    return tuple(found for found in placed if found is not None)


def _in_one(section: Section, parts: set[str], parent: str = "") -> Section:
    """The section with the paragraphs of each part in `parts` (二, 五（二）) printed as one: a lead
    (…，其中：) and its items run on, as a template prints them (`one_paragraph`)."""
    key = parent + section.number
    subsections = tuple(_in_one(sub, parts, key) for sub in section.subsections)
    texts = [p.text for p in section.paragraphs]
    if key in parts and len(texts) > 1:
        return replace(section, paragraphs=paragraphs("".join(texts)), subsections=subsections)
    return replace(section, subsections=subsections)


def _placed(sections: tuple[Section, ...], entry: dict, year: int | None) -> Section | None:
    """The section (or sub-part, 十（四）) `entry["part"]` holds, as the template prints it: its
    `number`, its `title` ({year} the year of the accounts), its sub-parts retitled (`titles`) or
    left out (`without`), or other parts placed under it (`subsections`); None when the writer
    wrote no such part (a university's 其他说明 without 政府采购)."""
    part = entry["part"]
    number, _, sub = part.partition("（")
    found = next((s for s in sections if s.number == number), None)
    if found is not None and sub:
        found = next((s for s in found.subsections if s.number == f"（{sub}"), None)
    if found is None:
        return None
    left_out = {key[key.index("（") :] for key in entry.get("without", ())}
    retitled = entry.get("titles", {})
    kept = tuple(
        replace(s, title=retitled[s.number].format(year=year)) if s.number in retitled else s
        for s in found.subsections
        if s.number not in left_out
    )
    if "subsections" in entry:
        under = (_placed(sections, sub_entry, year) for sub_entry in entry["subsections"])
        kept = tuple(s for s in under if s is not None)
    title = entry.get("title", found.title).format(year=year)
    return replace(found, number=entry["number"], title=title, subsections=kept)
