"""The whole disclosure, as every reader produces it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.model.figures import Origin
from juesuan.model.forms import PerformanceForm, TargetTable
from juesuan.model.narrative import Paragraph, Section, Term
from juesuan.model.tables import Table


@dataclass(frozen=True)
class Overview:
    """第一部分 概况: 职责 (numbered duties) and 机构设置 paragraphs."""

    duties: tuple[Paragraph, ...] = ()
    organisation: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something a reader could not make sense of; kept and reported, never dropped silently.

    `severity` is "warning" for content that could not be placed, "info" for a reading note
    (e.g. a cell the layout put beside the wrong row, read by its meaning).
    """

    message: str
    origin: Origin = Origin()
    severity: str = "warning"


@dataclass(frozen=True)
class Front:
    """The lines printed around the parts' content, as the reader found them, each with its origin.

    Each group keeps printed order; a reader fills the groups it can tell apart and leaves the
    others empty (the rules reading an empty group are silent).
    """

    cover: tuple[Paragraph, ...] = ()  # the cover: unit, title (2024年度单位决算公开), date
    contents: tuple[Paragraph, ...] = ()  # the 目录's lines (title … page number), not the word 目录
    headings: tuple[Paragraph, ...] = ()  # each part's heading in the body (第二部分 2024年部门决算表)
    heads: tuple[Paragraph, ...] = ()  # each table's head lines (部门名称 / 编制单位、金额单位)

    def __iter__(self) -> Iterator[Paragraph]:
        """Every line: the cover, the 目录, the part headings, the tables' head lines."""
        yield from (*self.cover, *self.contents, *self.headings, *self.heads)

    def __bool__(self) -> bool:
        return any((self.cover, self.contents, self.headings, self.heads))


@dataclass(frozen=True)
class Disclosure:
    unit: str
    year: int | None
    title: str
    overview: Overview
    tables: tuple[Table, ...]
    narrative: tuple[Section, ...]
    glossary: tuple[Term, ...]
    forms: tuple[PerformanceForm, ...]
    source_format: str = ""
    extras: tuple[Paragraph, ...] = ()  # text not belonging to any recognised part
    template: str = ""  # the template it was read under (catalogue/templates); "" = national
    template_evidence: str = ""  # why that template, in Chinese
    front: Front = Front()  # the cover, the 目录, the part headings, the tables' head lines
    kind: str = "决算"  # 决算 (final accounts) or 预算 (budget): what the document discloses
    targets: tuple[TargetTable, ...] = ()  # a budget's 绩效目标表 (预算13), read as forms

    def table(self, number: str) -> Table | None:
        for table in self.tables:
            if table.number == number:
                return table
        return None

    def section(self, number: str) -> Section | None:
        for section in self.narrative:
            if section.number == number:
                return section
        return None
