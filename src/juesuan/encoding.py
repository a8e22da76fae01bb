"""Decoding the text files people give us: UTF-8 (with or without BOM), else GB18030.

GB18030 is a superset of GBK and GB2312, what Chinese Windows editors save by default.
"""

from __future__ import annotations

import codecs


def decode_text(data: bytes) -> str:
    """The text of `data`; UnicodeDecodeError when it is neither UTF-8 nor GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")
