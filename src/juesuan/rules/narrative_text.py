"""What the narrative checks of `narrative_complete` and `narrative_wording` share: the paragraphs of
a section of 第三部分 found by its title (through the sentence catalogue, whatever number it was
printed with), the whole narrative as one text, the tables a template publishes, and the words that
give a reason.

Sections whose title the catalogue does not name for checking (预算绩效, printed as 十（四）, as a
section of its own, or as a paragraph) are found by the words of their title or paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from juesuan.catalogue.templates import template_of
from juesuan.model import Disclosure, Paragraph, Table
from juesuan.narrative.claims import Claim, paragraph_claims
from juesuan.narrative.sections import canonical_number
from juesuan.narrative.trace import section_paragraphs

Keyed = tuple[str, Paragraph]

# 主要原因是…, 由于…, 因为…, 主要是…, …所致: a reason given
REASON = re.compile(r"原因|由于|因为|主要是|主要系|系因|因此|所致|导致|源于|得益于|主要增减变动")
# a reason announced and left empty: 主要原因是：。  主要原因：；
EMPTY_REASON = re.compile(r"(主要原因(是|为)?|原因(是|为))\s*[：:]?\s*(?=[。；;]|$)")
_SPACE = re.compile(r"\s+")
_PERFORMANCE = re.compile(r"绩效(?!工资)")


def compact(text: str) -> str:
    return _SPACE.sub("", text)


def paragraphs(disclosure: Disclosure) -> list[Keyed]:
    return list(section_paragraphs(disclosure))


def within(key: str, number: str) -> bool:
    """九 and 九（二） are within 九; 十一 is not within 十."""
    return key.startswith(number) and key[len(number) :][:1] in ("", "（")


def part(disclosure: Disclosure, number: str) -> list[Keyed]:
    """The paragraphs of a section or sub-section (五, 五（三）) as the catalogue recognises it; a
    sub-section not printed as one (上海 prints 九's （一） as a paragraph) falls back to its section."""
    found = [(key, p) for key, p in paragraphs(disclosure) if within(key, number)]
    if found or "（" not in number:
        return found
    return part(disclosure, number.split("（")[0])


def text_of(keyed: list[Keyed]) -> str:
    return compact("".join(p.text + "。" for _, p in keyed))


def whole_text(disclosure: Disclosure) -> str:
    """Every title and paragraph of 第三部分, without spaces."""
    titles = [s.title for s in disclosure.narrative]
    titles += [sub.title for s in disclosure.narrative for sub in s.subsections]
    return compact("。".join(titles) + "。" + text_of(paragraphs(disclosure)))


def publishes(disclosure: Disclosure, number: str) -> bool:
    """The disclosure's template requires this table (公开06表 stands for the national narrative's
    sections 六 to 十: the university template has neither)."""
    return number in template_of(disclosure).required


def has_data(table: Table | None) -> bool:
    return table is not None and any(f.value != 0 for row in table.rows for _, f in row.cells)


def where(key: str, paragraph: Paragraph | None = None) -> str:
    return f"第三部分 {key} {paragraph.origin}" if paragraph is not None else f"第三部分 {key}"


def first_where(keyed: list[Keyed], fallback: str) -> str:
    return where(*keyed[0]) if keyed else f"第三部分（{fallback}）"


def performance(disclosure: Disclosure) -> list[Keyed]:
    """The 预算绩效 paragraphs: those of 十（四） or of a section titled with 绩效, and any paragraph
    that speaks of 绩效 (some print the title as a paragraph of 十（三）)."""
    titled = {canonical_number(s, disclosure.template) for s in disclosure.narrative if "绩效" in s.title}
    titled.add("十（四）")
    return [
        (key, p)
        for key, p in paragraphs(disclosure)
        if _PERFORMANCE.search(p.text) or any(within(key, number) for number in titled)
    ]


def sentences(text: str) -> Iterator[str]:
    yield from (s for s in re.split(r"[。；;]", text) if s)


@lru_cache(maxsize=4096)
def claims_of(paragraph: Paragraph) -> tuple[Claim, ...]:
    """The paragraph's claims, read once for all the checks of a run."""
    return tuple(paragraph_claims(paragraph))
