"""The PDF's compressed streams, inflated once before pdfium sees the file, to refuse a flate bomb.

A content stream of a few kilobytes can inflate to gigabytes (zeros compress a thousandfold);
pdfium would inflate it whole and abort the process at the memory limit. So every stream whose
dictionary names /FlateDecode is inflated here in bounded steps, its output counted and thrown
away, and the PDF is refused when one stream inflates past `MAX_STREAM_BYTES` or all of them
past `MAX_STREAMS_TOTAL`. Real disclosures inflate to a few megabytes in all, in a few tens of
milliseconds (docs/limits.md).

Streams are found by their keywords, not through the cross-reference table: a damaged table
does not hide a stream, and pdfium (which repairs such tables) can decode nothing not seen here.
A stream that is not valid zlib data is counted as far as it inflates.
"""

from __future__ import annotations

import re
import zlib

from juesuan.sources import limits

MAX_STREAM_BYTES = limits.PDF_STREAM_BYTES.value
MAX_STREAMS_TOTAL = limits.PDF_STREAMS_TOTAL.value
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_DICTIONARY_BYTES = 4096  # looked back from `stream` for its dictionary, from its `obj` on
_STEP = 1024 * 1024  # inflated at most this much at a time
_INPUT = 64 * 1024  # from at most this much compressed data


def check_streams(data: bytes, name: str = "") -> None:
    """Refuse (SourceError naming the file) a PDF whose Flate streams inflate past a limit."""
    total = 0
    for start, end, ascii_filter in flate_streams(data):
        most = min(MAX_STREAM_BYTES, MAX_STREAMS_TOTAL - total) + 1
        if ascii_filter:  # [/ASCII85Decode /FlateDecode]: the text decoded first (it only shrinks)
            packed = _ascii_decoded(data[start:end], ascii_filter)
            size = inflated_size(packed, 0, len(packed), most)
        else:
            size = inflated_size(data, start, end, most)
        if size > MAX_STREAM_BYTES:
            raise limits.PDF_STREAM_BYTES.refused(name, size, MAX_STREAM_BYTES)
        total += size
        if total > MAX_STREAMS_TOTAL:
            raise limits.PDF_STREAMS_TOTAL.refused(name, total, MAX_STREAMS_TOTAL)


def flate_streams(data: bytes) -> list[tuple[int, int, bytes]]:
    """(start, end, ASCII filter) of the data of every stream whose dictionary names
    /FlateDecode: from after the `stream` line to the next `endstream` (or the end of the file);
    the filter is b"85" or b"hex" when an ASCII filter comes first, else b""."""
    found = []
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _DICTIONARY_BYTES) : match.start()]
        opened = head.rfind(b"obj")
        head = head[opened:] if opened >= 0 else head
        if b"/FlateDecode" not in head:
            continue
        end = data.find(b"endstream", match.end())
        ascii_filter = b"85" if b"/ASCII85Decode" in head else b"hex" if b"/ASCIIHexDecode" in head else b""
        found.append((match.end(), len(data) if end < 0 else end, ascii_filter))
    return found


def _ascii_decoded(text: bytes, ascii_filter: bytes) -> bytes:
    """ASCII85 or ASCIIHex data decoded (up to its end marker); b"" when it is not valid."""
    import base64
    import binascii

    try:
        if ascii_filter == b"85":
            return base64.a85decode(text.split(b"~>")[0].strip(), ignorechars=b" \t\r\n\x0c")
        digits = re.sub(rb"\s", b"", text.split(b">")[0])
        return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    except (ValueError, binascii.Error):
        return b""


def inflated_size(data: bytes, start: int, end: int, most: int) -> int:
    """How many bytes data[start:end] inflates to, counted up to `most` (then stopped); as far
    as it goes when the data is not valid zlib. Input and output go in bounded steps: the
    memory is a few megabytes whatever the stream holds."""
    inflater = zlib.decompressobj()
    view = memoryview(data)
    size = 0
    try:
        for offset in range(start, end, _INPUT):
            pending: bytes | memoryview = view[offset : min(offset + _INPUT, end)]
            while pending:
                size += len(inflater.decompress(pending, _STEP))
                if size >= most or inflater.eof:
                    return size
                pending = inflater.unconsumed_tail
        size += len(inflater.flush())
    except zlib.error:
        pass
    return size
