"""第四部分 名词解释: the standard glossary, kept in ``data/glossary.csv`` (number,name,definition)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from juesuan.model.narrative import Term


@dataclass(frozen=True)
class GlossaryEntry:
    """A glossary term: number (一…十二), name (财政拨款收入) and definition (指…。)."""

    number: str
    name: str
    definition: str

    @property
    def text(self) -> str:
        """The entry as the document prints it: ``一、财政拨款收入：指…。``."""
        return f"{self.number}、{self.name}：{self.definition}"

    def to_term(self) -> Term:
        """The entry as a model `Term`."""
        return Term(self.number, self.name, self.definition)


@cache
def standard_glossary() -> tuple[GlossaryEntry, ...]:
    """The twelve terms of 名词解释, worded and ordered exactly as the reference disclosure prints them."""
    text = files("juesuan.catalogue").joinpath("data", "glossary.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return tuple(GlossaryEntry(number, name, definition) for number, name, definition in rows)
