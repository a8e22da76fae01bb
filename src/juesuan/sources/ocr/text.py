"""What tesseract writes, made the characters a printed page gives.

- A dash alone in a cell (the —— of a cell that does not apply) comes back as 一, -一 or _:
  a word of nothing but such marks, with no other word within an em either side, is "—" (the
  table reader's blank).
- A ruling's faint remnant beside a figure or a name reads as a quote mark: dropped where it
  touches a digit or is as tall as its line (no quote mark is).
- A figure is sometimes split in two words (640. and 57): `continues` says so, and the caller
  sets them side by side.
- chi_sim reads a full-width bracket （ ） as 〈 〉, which a disclosure never prints (it prints
  《》 and （）): 〈 〉 are brackets.
- A bold glyph is sometimes read in two pieces, its top half a line of its own (第五部分's 五
  as 立 over 五): a character within the height of a taller line, over or under a character of
  it that is too short for its line, the two as tall as the line, is a piece of that glyph,
  dropped (`_piece_of`); so is a line of nothing but unsure words across a taller line's words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.sources.ocr.tesseract import Word

DASHES = frozenset("一—–―－-_~─")
BRACKETS = str.maketrans("〈〉", "（）")
GARBLED = 0.5  # a line of words all read less surely than this, inside a taller one, is its glyphs' pieces
QUOTES = frozenset("“”\"'‘’")


def cleaned(words: list[Word]) -> list[Word]:
    words = [replace(word, text=word.text.translate(BRACKETS)) for word in words]
    words = _without_glyph_pieces([word for word in map(_without_stray_quotes, words) if word.text])
    kept = [word for index, word in enumerate(words) if not _stray_quote(words, index)]
    return [
        _dash(word, kept[i - 1] if i else None, kept[i + 1] if i + 1 < len(kept) else None)
        for i, word in enumerate(kept)
    ]


def _without_glyph_pieces(words: list[Word]) -> list[Word]:
    """The words without those that are a piece of a glyph of a taller line (`cleaned`), and
    without a line of nothing but such pieces: every word of it read less surely than
    `GARBLED`, across a taller line's words at the height of that line (the tops of a bold
    heading's 二 and 单 read as a line "ee 一 人" of their own)."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    pieces = set()
    for line, own in lines.items():
        middle = (line[0] + line[1]) / 2
        inside = [other for key, found in lines.items() if _within(line, key) for other in found]
        pieces |= {id(word) for word in own if any(_piece_of(word, other) for other in inside)}
        across = [
            other
            for (top, bottom), found in lines.items()
            if bottom - top > line[1] - line[0] and top <= middle <= bottom
            for other in found
        ]
        if max(word.confidence for word in own) < GARBLED and all(
            any(_over(word, other) for other in across) for word in own
        ):
            pieces |= {id(word) for word in own}
    return [word for word in words if id(word) not in pieces]


def _within(line: tuple[int, int], other: tuple[int, int]) -> bool:
    return other != line and other[0] <= line[0] and line[1] <= other[1]


def _over(piece: Word, word: Word) -> bool:
    """Whether the two overlap in width at all."""
    return min(piece.box[2], word.box[2]) > max(piece.box[0], word.box[0])


def _piece_of(piece: Word, word: Word) -> bool:
    """Whether the one-character `piece` is the rest of the glyph of the one-character `word`:
    over it (most of the piece's width), above or below it, the word shorter than its line and
    the two together as tall as the line (第五部分's 五 read as 立 over 五)."""
    if len(piece.text) != 1 or len(word.text) != 1:
        return False
    left, top, right, bottom = piece.box
    o_left, o_top, o_right, o_bottom = word.box
    height = word.line[1] - word.line[0]
    over = min(right, o_right) - max(left, o_left) > (right - left) / 2
    apart = bottom <= o_top or o_bottom <= top
    short = o_bottom - o_top < 0.6 * height
    whole = max(bottom, o_bottom) - min(top, o_top) >= 0.8 * height
    return over and apart and short and whole


def continues(before: Word, word: Word) -> bool:
    """Whether `word` is the rest of the figure `before` ends (640. then 57, 1,134 then .08): a
    digit or point on both sides of a gap narrower than half the line's height."""
    gap = word.boxes[0][0] - before.boxes[-1][2]
    height = word.line[1] - word.line[0]
    joins = before.text[-1] in "0123456789.," and word.text[0] in "0123456789.,"
    return joins and (before.text[-1] in ".," or word.text[0] in ".,") and gap < height / 2


def _without_stray_quotes(word: Word) -> Word:
    """The word without the quote marks that touch a digit or stand apart from the rest of it
    (a ruling's remnant at the edge of a cell)."""
    keep = [
        index
        for index, char in enumerate(word.text)
        if char not in QUOTES or not (_beside_digit(word.text, index) or _tall(word, index))
    ]
    if len(keep) == len(word.text):
        return word
    return replace(word, text="".join(word.text[i] for i in keep), boxes=tuple(word.boxes[i] for i in keep))


def _stray_quote(words: list[Word], index: int) -> bool:
    """A word of quote marks only, with a figure's digit next to it on its line, or alone."""
    word = words[index]
    if not set(word.text) <= QUOTES:
        return False
    neighbours = [
        other
        for other in (
            words[index - 1] if index else None,
            words[index + 1] if index + 1 < len(words) else None,
        )
        if other is not None and other.line == word.line
    ]
    height = word.line[1] - word.line[0]
    near = [o for o in neighbours if o.box[2] > word.box[0] - height and o.box[0] < word.box[2] + height]
    return not near or any(o.text[-1].isdigit() or o.text[0].isdigit() for o in near)


def _tall(word: Word, index: int) -> bool:
    """Whether the mark is as tall as its line: a quote mark is a third of it; what tesseract
    reads as one where nothing is printed (beside a wiped ruling) is taller than the line."""
    _, top, _, bottom = word.boxes[index]
    return bottom - top >= 0.8 * (word.line[1] - word.line[0])


def _beside_digit(text: str, index: int) -> bool:
    return any(0 <= i < len(text) and text[i].isdigit() for i in (index - 1, index + 1))


def _dash(word: Word, before: Word | None, after: Word | None) -> Word:
    if not set(word.text) <= DASHES:
        return word
    height = word.line[1] - word.line[0]
    left, _, right, _ = word.box
    for other in (before, after):
        if other is not None and other.line == word.line:
            o_left, _, o_right, _ = other.box
            if o_right > left - height and o_left < right + height:
                return word
    return replace(word, text="—" * len(word.text))
