"""The disclosure model: immutable dataclasses, Decimal amounts, no I/O.

A `Disclosure` is what every reader produces and every rule, renderer and store consumes.
Every printed number is a `Figure` that keeps its text, value, precision and `Origin`.
"""

from juesuan.model.disclosure import Disclosure, Front, Overview, Problem
from juesuan.model.figures import Figure, Origin
from juesuan.model.forms import FundingLine, Indicator, PerformanceForm
from juesuan.model.narrative import Paragraph, Section, Term
from juesuan.model.tables import Column, Row, Table
from juesuan.model.tidy import TidyCell, tidy_cells

__all__ = [
    "Column",
    "Disclosure",
    "Figure",
    "Front",
    "FundingLine",
    "Indicator",
    "Origin",
    "Overview",
    "Paragraph",
    "PerformanceForm",
    "Problem",
    "Row",
    "Section",
    "Table",
    "Term",
    "TidyCell",
    "tidy_cells",
]
