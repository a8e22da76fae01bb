"""Printed numbers and where they were printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@dataclass(frozen=True)
class Origin:
    """Where a value sits in its source: a text line, a PDF page and box, or a sheet cell."""

    line: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet:
            return f"工作表“{self.sheet}”{self.cell or ''}"
        if self.cell:
            return self.cell
        if self.page is not None:
            return f"第{self.page}页"
        if self.line is not None:
            return f"原文第{self.line}行"
        return "位置不详"


@dataclass(frozen=True)
class Figure:
    """A number as printed: its text, exact value, printed decimals and origin.

    A printed value with k decimals stands for the interval [v − ½·10⁻ᵏ, v + ½·10⁻ᵏ]:
    that is all the precision the document gives, and all the rules may assume.
    """

    text: str
    value: Decimal
    places: int
    origin: Origin = Origin()
    unit: str = ""

    @classmethod
    def parse(cls, text: str, origin: Origin = Origin(), unit: str = "") -> Figure | None:
        """A Figure from printed text such as ``1,134.08``; None when the text is no number."""
        cleaned = text.strip().replace("−", "-")
        if not _NUMBER.match(cleaned):
            return None
        plain = cleaned.replace(",", "")
        places = len(plain.partition(".")[2])
        return cls(text.strip(), Decimal(plain), places, origin, unit)

    @property
    def half_unit(self) -> Decimal:
        return Decimal(5).scaleb(-(self.places + 1))

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        return self.value - self.half_unit, self.value + self.half_unit

    @property
    def plain(self) -> str:
        """The value as printed without thousands separators (the tidy-cell form)."""
        return self.text.replace(",", "").replace("−", "-")

    def __str__(self) -> str:
        return self.text
