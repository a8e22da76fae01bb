"""OCR of a file's scanned pages within bounds: on or off, how many pages, how long each. Each
page read adds its own time to the file's time limit (`isolation.grant`): a whole scan of 30
pages is not cut off at --time-limit, and stays bounded (pages × seconds a page)."""

from __future__ import annotations

from typing import Any

from juesuan.sources.ocr import Scan, settings, unavailable


class Bounds:
    """One file's OCR: the pages it has read so far against the settings in force."""

    def __init__(self, pages: int) -> None:
        self.pages = pages  # in the file, for the progress shown
        self.read = 0
        self.settings = settings()

    def scan(self, document: Any, number: int) -> tuple[Scan | None, str]:
        """(the page read by OCR, "") or (None, why it was not read)."""
        from juesuan.isolation import grant
        from juesuan.sources.ocr import scan_pdf_page
        from juesuan.sources.ocr.tesseract import TooSlow

        chosen = self.settings
        if not chosen.enabled:
            return None, "未启用 OCR（--no-ocr）"
        if missing := unavailable():
            return None, f"无法 OCR：{missing}"
        if self.read >= chosen.max_pages:
            return None, f"OCR 页数已达上限 {chosen.max_pages} 页（--ocr-pages）"
        self.read += 1
        grant(chosen.page_seconds)  # the file's time limit grows by the page's (`isolation`)
        if chosen.progress is not None:
            chosen.progress(number, self.pages)
        try:
            return scan_pdf_page(document, number, chosen.page_seconds), ""
        except TooSlow:
            return None, f"OCR 超过每页时限 {chosen.page_seconds:g} 秒（--ocr-seconds）"
