"""Printed numbers and where they were printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import ClassVar

_NUMBER = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@dataclass(frozen=True)
class Origin:
    """Where a value sits in its source: a text line, a PDF page and box, or a sheet cell.

    `page` counts the file's pages from 1; `printed_page` is the number printed on that page
    (its footer's - 15 -, 第15页 or 15), where the reader saw one: the number a reader cites.
    `confidence` (0-1) is OCR's in the figures printed here, on a page read by OCR (`sources.ocr`;
    None elsewhere); below `NEEDED_CONFIDENCE` what was read here is `unsure`: it cannot be checked.
    """

    line: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    sheet: str | None = None
    cell: str | None = None
    printed_page: int | None = None
    confidence: float | None = None

    NEEDED_CONFIDENCE: ClassVar[float] = 0.80

    @property
    def unsure(self) -> bool:
        return self.confidence is not None and self.confidence < self.NEEDED_CONFIDENCE

    def __str__(self) -> str:
        if self.sheet:
            return f"工作表“{self.sheet}”{self.cell or ''}"
        if self.cell:
            return self.cell
        if self.page is not None:
            return self.page_name
        if self.line is not None:
            return f"原文第{self.line}行"
        return "位置不详"

    @property
    def page_name(self) -> str:
        """第15页 as printed, 第15页（文件第17页） where the file's page differs, '' for no page."""
        if self.page is None:
            return ""
        if self.printed_page is None or self.printed_page == self.page:
            return f"第{self.page}页"
        return f"第{self.printed_page}页（文件第{self.page}页）"


@dataclass(frozen=True)
class Figure:
    """A number as printed: its text, exact value, printed decimals and origin.

    A value exact to k decimals stands for the interval [v − ½·10⁻ᵏ, v + ½·10⁻ᵏ]: that is all the
    precision the document gives, and all the rules may assume. k is the decimals printed, unless
    the figure's column shows that trailing zeros were trimmed (`column_precision`): then
    `implied_places` says how many the figure stands for (177 beside 1.894 is 177.000).
    """

    text: str
    value: Decimal
    places: int
    origin: Origin = Origin()
    unit: str = ""
    implied_places: int | None = None

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
    def precision(self) -> int:
        """The decimals the figure is exact to: as printed, or as its column implies."""
        return self.places if self.implied_places is None else self.implied_places

    def exact_to(self, places: int) -> Figure:
        """The figure standing for `places` decimals where it prints fewer (177 for 177.000)."""
        return self if places <= self.precision else replace(self, implied_places=places)

    @property
    def half_unit(self) -> Decimal:
        return Decimal(5).scaleb(-(self.precision + 1))

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        return self.value - self.half_unit, self.value + self.half_unit

    @property
    def plain(self) -> str:
        """The value as printed without thousands separators (the tidy-cell form)."""
        return self.text.replace(",", "").replace("−", "-")

    def __str__(self) -> str:
        return self.text


def column_precision(column: Sequence[Figure]) -> int | None:
    """The decimals every figure of one printed column stands for, when the column shows that its
    trailing zeros were trimmed; None when each figure stands for what it prints.

    Excel's General format prints a value's decimals up to its last nonzero one: 177 and 1.4 beside
    1.894 and 71.126 are 177.000 and 1.400. A column (or the same column over a document's
    绩效自评表) that mixes 0..n printed decimals, with at least one figure at n, is read so: each
    figure is exact to n decimals. A column that prints n decimals throughout is left as printed,
    and so is one where a figure printed with fewer than n decimals ends in a zero (17.70 among
    1.894): neither General format nor one fixed format prints that, so nothing can be inferred.
    """
    most = max((figure.places for figure in column), default=0)
    shorter = [figure for figure in column if figure.places < most]
    if not shorter or any(_ends_in_decimal_zero(figure) for figure in shorter):
        return None
    return most


def _ends_in_decimal_zero(figure: Figure) -> bool:
    return figure.places > 0 and figure.plain.endswith("0")
