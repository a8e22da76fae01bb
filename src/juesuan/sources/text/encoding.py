"""Decoding text disclosures: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""

from __future__ import annotations

import codecs


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        from juesuan.sources import SourceError

        raise SourceError("无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK）") from error
