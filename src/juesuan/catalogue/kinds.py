"""What a document is: a 决算 (final accounts) disclosure, a 预算 (budget) one, or neither.

Told from its text by the words that mark each kind (`data/kinds.toml`): the printed table titles
(收支预算总表, 一般公共预算支出表 … against 收入支出决算总表, 收入决算表 …), counted once each, and
the cover or heading (2026年度部门预算, 2024年度单位决算公开). Words such as 预算 alone are no
evidence: a 决算 quotes 年初预算 and 预算数 all through. Pure and fast: no I/O but the data file,
read once; a linear pass over the text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "kinds.toml"
BUDGET, FINAL = "预算", "决算"
COVER_CHARS = 200  # the cover and the first heading, before any narrative
SHOWN = 2  # titles named in the evidence
_NOISE = re.compile(r"[\s“”\"‘’'「」『』]")
_TABLE = re.compile("表")
_SENTENCE = re.compile(r"[，。；,;]")


@dataclass(frozen=True)
class Kind:
    name: str  # 预算 or 决算
    headings: tuple[str, ...]
    titles: tuple[str, ...]


@cache
def kinds() -> tuple[Kind, Kind]:
    """(预算, 决算) as the data file defines them."""
    with _DATA.open("rb") as file:
        data = tomllib.load(file)
    found = tuple(
        Kind(
            data[key]["name"],
            tuple(normalise(word) for word in data[key]["headings"]),
            tuple(normalise(title) for title in data[key]["titles"]),
        )
        for key in ("budget", "final")
    )
    return found[0], found[1]


def normalise(text: str) -> str:
    """Text as matched: NFKC (full-width forms, Kangxi radicals), no white space, no quotes."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


@cache
def _titles() -> tuple[tuple[str, str], ...]:
    """(title, kind name) of both kinds, longest first, so that the longest that fits wins."""
    pairs = [(title, kind.name) for kind in kinds() for title in kind.titles]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def titles_found(text: str) -> dict[str, list[str]]:
    """The distinct table titles of each kind printed in text, in the order first printed.

    A title is found where a printed "…表" ends with it: the text before each 表 is compared with
    the titles, longest first.
    """
    flat = normalise(text)
    titles = _titles()
    longest = len(titles[0][0]) if titles else 0
    found: dict[str, list[str]] = {kind.name: [] for kind in kinds()}
    for match in _TABLE.finditer(flat):
        before = flat[max(0, match.end() - longest) : match.end()]
        for title, name in titles:
            if before.endswith(title):
                if title not in found[name]:
                    found[name].append(title)
                break
    return found


def cover_kind(text: str) -> tuple[str, str]:
    """(kind, the heading word) the first characters of text name, the first named if both are;
    ("", "") when they name neither. Lines of running text (with a ， or 。) are no heading."""
    lines = text[: COVER_CHARS * 4].splitlines()
    cover = normalise("".join(line for line in lines if not _SENTENCE.search(line)))[:COVER_CHARS]
    named = [
        (at, -len(word), kind.name, word)
        for kind in kinds()
        for word in kind.headings
        if (at := cover.find(word)) >= 0
    ]
    return min(named)[2:] if named else ("", "")


def document_kind(text: str) -> tuple[str, str]:
    """("决算" | "预算" | "", the evidence in Chinese) for a document's text.

    A kind whose table titles clearly outnumber the other's (at least 3, and more than twice as
    many) is the document's kind; else the kind its cover names, unless the other kind has more
    table titles; else "" (neither, or no telling).
    """
    found = titles_found(text)
    budget, final = len(found[BUDGET]), len(found[FINAL])
    cover, word = cover_kind(text)
    for name, mine, other in ((BUDGET, budget, final), (FINAL, final, budget)):
        if mine >= 3 and mine > 2 * other:
            return name, _evidence(name, found, word if cover == name else "")
    for name, mine, other in ((BUDGET, budget, final), (FINAL, final, budget)):
        if cover == name and mine >= other:
            return name, _evidence(name, found, word)
    return "", _evidence("", found, word)


def _evidence(name: str, found: dict[str, list[str]], word: str) -> str:
    """封面写明“部门预算”；表题 收支预算总表、收入预算总表 等 11 个为预算表（决算表 1 个）."""
    parts = [f"封面写明“{word}”"] if word else []
    for kind in sorted(found, key=lambda kind: kind != name):
        titles = found[kind]
        if not titles:
            continue
        named = "、".join(titles[:SHOWN])
        more = f" 等 {len(titles)} 个" if len(titles) > SHOWN else ""
        if kind == name or not name:
            parts.append(f"表题 {named}{more}为{kind}表")
        else:
            parts.append(f"另有{kind}表题 {len(titles)} 个")
    return "；".join(parts) if parts else "未见决算表或预算表的表题"
