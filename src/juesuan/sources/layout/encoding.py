"""Decoding text disclosures: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""

from __future__ import annotations

from juesuan.encoding import decode_text


def decode(data: bytes) -> str:
    try:
        return decode_text(data)
    except UnicodeDecodeError as error:
        from juesuan.sources import SourceError

        said = "无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 文本"
        raise SourceError(said) from error
