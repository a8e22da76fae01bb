"""Which of the template's ten 情况说明 sections a printed section is, by its title.

Regions number them differently (Shanghai puts 三公 in 七 and has eleven sections), and some
title a section by the table it explains (教育部直属高校: 高等学校收支决算总表说明, 高等学校财政拨款
支出决算表说明), so the checker finds a section by what its title says, not by the number printed
before it.
"""

from __future__ import annotations

from juesuan.model import Disclosure, Section

# (the national template's number, words its title contains), the more specific first.
SECTION_TITLES = (
    ("九", ("三公",)),
    ("八", ("国有资本经营",)),
    ("七", ("政府性基金",)),
    ("六", ("基本支出",)),
    ("五", ("一般公共预算财政拨款支出", "财政拨款支出决算")),
    ("四", ("财政拨款收支", "财政拨款收入支出")),
    ("一", ("收入支出决算总体", "收支决算总体", "收入支出决算总表", "收支决算总表")),
    ("二", ("收入决算",)),
    ("三", ("支出决算",)),
    ("十", ("其他重要事项",)),
)


# The sub-sections of 十 其他重要事项 that some print as sections of their own (中央部门: 八、机关运行
# 经费支出说明, 九、政府采购支出说明, 十、国有资产占用情况说明). Not 预算绩效: its figures are over the
# 绩效自评表, and a section that speaks of every project while attaching the forms of a few (国家
# 信访局: 23 projects, 4 forms) must not be read as counting the forms. Only the tracer reads these,
# the reader's part detection keeps to SECTION_TITLES.
OTHER_MATTERS = (
    ("十（一）", ("机关运行经费",)),
    ("十（二）", ("政府采购",)),
    ("十（三）", ("国有资产",)),
)


def canonical_number(section: Section) -> str:
    """The template's number for this section; its printed number marked 其他 when none fits."""
    title = section.title.replace(" ", "")
    other = next((number for number, words in OTHER_MATTERS if any(word in title for word in words)), None)
    return template_number(section.title) or other or f"其他{section.number}"


def template_number(title: str) -> str | None:
    """The template's number (一 … 十) of the section a title names, None when it names none."""
    title = title.replace(" ", "")
    return next((number for number, words in SECTION_TITLES if any(word in title for word in words)), None)


def find_section(disclosure: Disclosure, number: str) -> Section | None:
    """The section that is the template's `number` (一 … 十), whatever number it was printed with."""
    return next((s for s in disclosure.narrative if canonical_number(s) == number), None)
