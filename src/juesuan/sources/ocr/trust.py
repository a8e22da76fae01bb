"""What OCR read, and how sure it is: the pages it read named, each origin on them given the
confidence of the figures in its box, and the figures below the confidence they need listed for
a person (they cannot be checked; `rules.report.review` makes a finding resting on one "无法核对")."""

from __future__ import annotations

from dataclasses import replace

from juesuan.model import Disclosure, Origin, Problem
from juesuan.sources.ocr import Scan


def scanned_pages(numbers: list[int]) -> list[Problem]:
    """One note naming the pages read by OCR (第3、5至9页), none when there are none."""
    if not numbers:
        return []
    from juesuan.sources.ocr.tesseract import LANGUAGE, version

    engine = " ".join(part for part in (version(), LANGUAGE) if part)
    message = f"{page_list(numbers)}无文本层（扫描图像），已用 OCR 识别（{engine}）；识别的数值请以原页面为准"
    return [Problem(message, Origin(page=numbers[0]), "info")]


def page_list(numbers: list[int]) -> str:
    """第3、5至9页: runs of consecutive pages joined."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return "第" + "、".join(f"{r[0]}至{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + "页"


def trusted(
    disclosure: Disclosure, problems: list[Problem], scans: dict[int, Scan]
) -> tuple[Disclosure, list[Problem]]:
    """Every origin on a scanned page (the reading's notes' too: a cell OCR could not read as a
    number is noted where it sits) with the lowest confidence of what may be a figure in its
    box; a note for each table figure below the confidence it needs."""
    from juesuan.sources.origins import relocate

    def place(origin: Origin) -> Origin:
        scan = scans.get(origin.page) if origin.page is not None else None
        if scan is None:
            return origin
        # a place without a box (a line OCR could not place) is on a scanned page all the same
        return replace(origin, confidence=scan.confidence_in(origin.box) if origin.box else 1.0)

    disclosure = relocate(disclosure, place)
    return disclosure, [relocate(problem, place) for problem in problems] + unsure_figures(disclosure)


def unsure_figures(disclosure: Disclosure) -> list[Problem]:
    """A note for each table figure OCR read with too little confidence: what it read, and where."""
    from juesuan.catalogue.tables import table_name

    found = []
    for table in disclosure.tables:
        for row in table.rows:
            for col, figure in row.cells:
                origin = figure.origin
                if origin.unsure and origin.confidence is not None:
                    where = " ".join(
                        part
                        for part in (table_name(table.number), row.key, row.label, table.heading(col))
                        if part
                    )
                    said = (
                        f"OCR 识别置信度 {origin.confidence:.0%}，低于所需的 {Origin.NEEDED_CONFIDENCE:.0%}"
                    )
                    message = f"{where} 读作 {figure.text}：{said}，无法核对，请对照原页面人工核实"
                    found.append(Problem(message, origin, "info"))
    return found
