"""Origins in the PDF: every line number the layout-text readers give becomes a page and a box.

Table figures need no such step: part 2's lines carry each cell's page and box (`tables`), and
each figure takes those of the cell it is read from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from juesuan.model import Origin
from juesuan.sources.pdf.layout import PdfLine

T = TypeVar("T")


class Locator:
    """Turns line origins into page-and-box origins."""

    def __init__(self, printed: list[PdfLine]):
        self.printed = printed

    def place(self, origin: Origin) -> Origin:
        if origin.line is None or not 0 < origin.line <= len(self.printed):
            return origin
        line = self.printed[origin.line - 1]
        return Origin(page=line.page, box=line.box)


def relocate(value: T, place: Callable[[Origin], Origin]) -> T:
    """The value with every `Origin` inside it (dataclasses, tuples) replaced by place(origin)."""
    if isinstance(value, Origin):
        return place(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return type(value)(relocate(item, place) for item in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: relocate(getattr(value, field.name), place) for field in fields(value)}
        return replace(value, **changes)  # type: ignore[return-value]
    return value
