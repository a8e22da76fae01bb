"""第三部分 情况说明 and 第四部分 名词解释: numbered sections of paragraphs, glossary terms."""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.model.figures import Origin


@dataclass(frozen=True)
class Paragraph:
    text: str
    origin: Origin = Origin()


@dataclass(frozen=True)
class Section:
    """A numbered section (一、… or （一）…) with its paragraphs and sub-sections."""

    number: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()
    origin: Origin = Origin()

    @property
    def text(self) -> str:
        own = [p.text for p in self.paragraphs]
        return "\n".join(own + [s.title + "\n" + s.text for s in self.subsections])

    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        return self.paragraphs + tuple(p for s in self.subsections for p in s.all_paragraphs())

    @property
    def heading(self) -> str:
        """The heading as printed: 一、title, （一）title (a university's sections), or the title alone
        of an unnumbered section (上海's 预算编制说明)."""
        separator = "" if not self.number or self.number.endswith(("）", ")")) else "、"
        return f"{self.number}{separator}{self.title}"


@dataclass(frozen=True)
class Term:
    """A 名词解释 entry: number (一…), name (财政拨款收入) and definition."""

    number: str
    name: str
    definition: str
    origin: Origin = Origin()
