"""Decoding text disclosures: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""

from __future__ import annotations

from juesuan.encoding import decode_text


def decode(data: bytes) -> str:
    try:
        return decode_text(data)
    except UnicodeDecodeError as error:
        from juesuan.sources import SourceError

        raise SourceError("无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK）") from error
