"""The whole disclosure, as every reader produces it."""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.model.figures import Origin
from juesuan.model.forms import PerformanceForm
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
    # The lines printed around the parts' content, in printed order with their origins: the cover,
    # the 目录 (title … page number), each part's heading (第二部分 2024年部门决算表) and each table's
    # head lines (编制单位、金额单位). Empty where a reader keeps none; the rules reading it are then silent.
    front: tuple[Paragraph, ...] = ()

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
