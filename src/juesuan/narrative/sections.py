"""Which of the template's ten 情况说明 sections a printed section is, by its title.

Regions number them differently (Shanghai puts 三公 in 七 and has eleven sections), and some
title a section by the table it explains (教育部直属高校: 高等学校收支决算总表说明, 高等学校财政拨款
支出决算表说明), so the checker finds a section by what its title says, not by the number printed
before it.
"""

from __future__ import annotations

from juesuan.model import Disclosure, Section
from juesuan.narrative.catalogue import other_matters, section_titles


def canonical_number(section: Section, template: str = "") -> str:
    """The template's number for this section; its printed number marked 其他 when none fits."""
    title = section.title.replace(" ", "")
    other = next((number for number, words in other_matters() if any(word in title for word in words)), None)
    return template_number(section.title, template) or other or f"其他{section.number}"


def template_number(title: str, template: str = "") -> str | None:
    """The national number (一 … 十) of the section a title names, by the title words of the
    sentence catalogue (and the template's own, where it has them); None when it names none."""
    title = title.replace(" ", "")
    titles = section_titles(template or "")
    return next((number for number, words in titles if any(word in title for word in words)), None)


def find_section(disclosure: Disclosure, number: str) -> Section | None:
    """The section that is the template's `number` (一 … 十), whatever number it was printed with."""
    return next((s for s in disclosure.narrative if canonical_number(s, disclosure.template) == number), None)
