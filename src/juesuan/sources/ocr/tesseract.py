"""The engine: Debian's tesseract (Apache-2.0) with its chi_sim model, run as a program.

One call per page: the page image goes in as PNG on standard input, the words come back as hOCR
with each character's box and confidence (0-100), each word's confidence and each line's box.
``OMP_THREAD_LIMIT=1``: tesseract's OpenMP threads, on a machine shared with other work, made a
page five times slower, not faster.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

PROGRAM = "tesseract"
LANGUAGE = "chi_sim"
DIGITS = "eng"  # figures are read again with the Latin model, digits only (`figures`)
PAGE_MODE = "6"  # one block of text: a table's rows come out as lines, cell by cell
LINE_MODE = "7"  # one line of text: a single cell read alone


class TooSlow(Exception):
    """The page took longer than its time."""


def time_left(deadline: float) -> float:
    """The seconds left before `deadline` (`time.monotonic`); TooSlow when none are."""
    import time

    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TooSlow
    return remaining


@dataclass(frozen=True)
class Word:
    """A word as tesseract read it, in pixels: its characters' boxes, the line it is on (top,
    bottom) and its confidence 0-1 (the lower of the word's and its least sure character's)."""

    text: str
    boxes: tuple[tuple[int, int, int, int], ...]  # (left, top, right, bottom) of each character
    line: tuple[int, int]
    confidence: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (
            min(b[0] for b in self.boxes),
            min(b[1] for b in self.boxes),
            max(b[2] for b in self.boxes),
            max(b[3] for b in self.boxes),
        )


@cache
def available() -> str:
    """'' when tesseract and its chi_sim model are installed, else what is missing (Chinese)."""
    program = shutil.which(PROGRAM)
    if program is None:
        return "未安装 tesseract（apt-get install tesseract-ocr tesseract-ocr-chi-sim，或运行 scripts/setup）"
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "tesseract 无法运行"
    if LANGUAGE not in listed.split():
        return (
            "未安装 tesseract 的简体中文模型（apt-get install tesseract-ocr-chi-sim，或运行 scripts/setup）"
        )
    if DIGITS not in listed.split():
        return "未安装 tesseract 的英文模型（apt-get install tesseract-ocr-eng，或运行 scripts/setup）"
    return ""


def version() -> str:
    try:
        said = subprocess.run([PROGRAM, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return said.split("\n", 1)[0]


def recognise(
    gray: np.ndarray, seconds: float, language: str = LANGUAGE, only: str = "", mode: str = PAGE_MODE
) -> list[Word]:
    """The words of a page image (8-bit gray); TooSlow past `seconds`. `only`: the characters
    it may read (a whitelist), all when empty."""
    from PIL import Image

    png = io.BytesIO()
    Image.fromarray(gray).save(png, format="PNG", compress_level=1)
    settings = ["-c", "hocr_char_boxes=1"] + (["-c", f"tessedit_char_whitelist={only}"] if only else [])
    command = [PROGRAM, "stdin", "stdout", "-l", language, "--psm", mode, *settings, "hocr"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, input=png.getvalue(), capture_output=True, timeout=seconds, env=environment, check=False
        )
    except subprocess.TimeoutExpired:
        raise TooSlow from None
    return words_of(done.stdout.decode("utf-8", "replace"))


_SPAN = re.compile(
    r"<span class='(ocr_line|ocrx_word|ocrx_cinfo)'[^>]*title=[\"']([^\"']*)[\"'][^>]*>([^<]*)"
)
_BOX = re.compile(r"(?:bbox|x_bboxes) (\d+) (\d+) (\d+) (\d+)")
_CONF = re.compile(r"(?:x_wconf|x_conf) ([\d.]+)")


def words_of(hocr: str) -> list[Word]:
    """The words of tesseract's hOCR with character boxes (``hocr_char_boxes=1``)."""
    words: list[Word] = []
    line = (0, 0)
    word: list = []  # [confidence, [(text, box, confidence)…]]

    def close() -> None:
        chars = [c for c in word[1] if c[0].strip()] if word else []
        if chars:
            least = min(min(c[2] for c in chars), word[0])
            words.append(Word("".join(c[0] for c in chars), tuple(c[1] for c in chars), line, least / 100))

    for kind, title, text in _SPAN.findall(hocr):
        box = _BOX.search(title)
        found = tuple(int(v) for v in box.groups()) if box else (0, 0, 0, 0)
        conf = _CONF.search(title)
        confidence = float(conf.group(1)) if conf else 0.0
        if kind == "ocr_line":
            close()
            word, line = [], (found[1], found[3])
        elif kind == "ocrx_word":
            close()
            word = [confidence, []]
        elif word:
            word[1].append((html.unescape(text), found, confidence))
    close()
    return words
