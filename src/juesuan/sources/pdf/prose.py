"""Running text: printed lines joined back into paragraphs by where they sit on the page.

A line continues the paragraph above it when the line above runs to the right margin and this
one starts at the left margin (no first-line indent), on the same page or the next, unless it
opens a numbered item after a finished sentence (…收入。 / 四、其他收入…): a paragraph
that breaks after “其中:” is still one paragraph, which its punctuation alone would not say. A
wide gap inside running text is a space, not a cell boundary.
"""

from __future__ import annotations

from collections import Counter

from juesuan.sources.layout.lines import Line
from juesuan.sources.layout.narrative import starts_item
from juesuan.sources.pdf.layout import PdfLine, is_cjk
from juesuan.sources.pdf.settings import SETTINGS

_FULL = SETTINGS.full_line
_FLUSH = SETTINGS.flush_left
_SENTENCE_END = tuple("。；;！!？?")


def page_margins(printed: list[PdfLine]) -> dict[int, tuple[float, float]]:
    """(left, right) margin of running text on each page: the leftmost start shared by two lines
    or more (one line alone may stick out), the farthest end."""
    starts: dict[int, Counter[int]] = {}
    ends: dict[int, float] = {}
    for line in printed:
        if not line.grid and len(line.text) >= 8:
            starts.setdefault(line.page, Counter())[round(line.box[0])] += 1
            ends[line.page] = max(ends.get(line.page, 0.0), line.box[2])
    margins = {}
    for page, counts in starts.items():
        shared = [start for start, count in counts.items() if count >= 2] or list(counts)
        margins[page] = (float(min(shared)), ends[page])
    return margins


def join_prose(
    lines: list[Line], printed: list[PdfLine], margins: dict[int, tuple[float, float]]
) -> list[Line]:
    """The lines of a part of running text, continuation lines joined to their paragraph."""
    joined: list[Line] = []
    last: PdfLine | None = None  # the printed line above, when it was running text
    for line in lines:
        here = printed[line.no - 1]
        text = line.text if here.grid or "\t" not in line.text else " ".join(line.filled)
        if (
            last
            and not here.grid
            and _continues(last, here, margins)
            and not _new_item(joined[-1].text, text)
        ):
            joined[-1] = Line(joined[-1].no, _join(joined[-1].text, text))
        else:
            joined.append(Line(line.no, text))
        last = None if here.grid else here
    return joined


def _join(above: str, text: str) -> str:
    """Two lines of one paragraph: Latin text broken at a space gets it back ("(正科级): (一)")."""
    latin = above and text and not is_cjk(above[-1]) and not is_cjk(text[0])
    return f"{above} {text}" if latin else above + text


def _new_item(above: str, text: str) -> bool:
    """A numbered line after a finished sentence opens an item (三、… 。 / 四、…), even flush left."""
    return starts_item(text) and above.rstrip().endswith(_SENTENCE_END)


def _continues(above: PdfLine, line: PdfLine, margins: dict[int, tuple[float, float]]) -> bool:
    if line.page not in (above.page, above.page + 1) or above.page not in margins or line.page not in margins:
        return False
    em = above.em or 10.5
    runs_on = above.box[2] >= margins[above.page][1] - _FULL * em
    flush = line.box[0] <= margins[line.page][0] + _FLUSH * em
    return runs_on and flush and abs(line.em - above.em) < 0.5
