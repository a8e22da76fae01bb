"""The checks an Office file (.xlsx, .docx) passes before openpyxl or python-docx parse it.

A zip bomb (`check_zip`), too many parts, and hostile XML in any part: a DOCTYPE or entity
declaration (Office XML never has one; entities are how a “billion laughs” expands a few lines
into gigabytes), nesting deeper than `MAX_XML_DEPTH` (5,000 levels took the parsers into
recursion errors), or more elements than `MAX_XML_ELEMENTS` in all. Each part is streamed
through expat straight from the zip in chunks, never unpacked whole, so the scan's memory is
bounded whatever the part holds; its cost is about a tenth of the reading (docs/limits.md).
A part that is not well-formed XML is left to the reader, which says so in its own words.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.parsers import expat

from juesuan.sources import SourceError, Unnamed, check_zip, limits

MAX_XML_DEPTH = limits.XML_DEPTH.value
MAX_XML_ELEMENTS = limits.XML_ELEMENTS.value
_CHUNK = 256 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class _Refused(Exception):
    """Raised inside expat's handlers; carries the refusal out of `Parse`."""

    def __init__(self, error: SourceError) -> None:
        super().__init__()
        self.error = error


def check_office(data: bytes, name: str = "") -> None:
    """Refuse an Office file past a limit (SourceError naming the file); a damaged zip passes,
    for the reader to refuse in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            check_zip(parts, name)
            if len(parts) > limits.OFFICE_PARTS.value:
                raise limits.OFFICE_PARTS.refused(name, len(parts))
            elements = 0
            for part in parts:
                if part.filename.lower().endswith(_XML_SUFFIXES):
                    elements = _scan(archive, part, elements, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error):
        return
    except (RuntimeError, NotImplementedError):  # an encrypted part, an unknown compression
        return


def _scan(archive: zipfile.ZipFile, part: zipfile.ZipInfo, elements: int, name: str) -> int:
    """The elements counted so far, with this part's; refuses the part past a limit."""
    scanner = XmlScanner(elements)
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if not scanner.feed(chunk):
                break
    error = scanner.error
    if error is not None:
        raise SourceError(f"{error}：{name}" if name else str(error))
    return scanner.elements


class XmlScanner:
    """Counts the depth and elements of XML fed to it in chunks, and stops at a DOCTYPE or entity
    declaration, at `MAX_XML_DEPTH` levels or at `MAX_XML_ELEMENTS` elements (`error` says which)."""

    def __init__(self, elements: int = 0) -> None:
        self.depth = 0
        self.elements = elements
        self.error: Unnamed | None = None
        self.done = False
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        self._parser = parser

    def feed(self, chunk: bytes, final: bool = False) -> bool:
        """Whether to go on: False once refused or once the XML is found not well formed."""
        if self.done:
            return False
        try:
            self._parser.Parse(chunk, final)
        except _Refused as refused:
            self.error, self.done = refused.error, True  # type: ignore[assignment]
        except expat.ExpatError:
            self.done = True  # not well formed: the reader's parser says so
        return not self.done

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_XML_DEPTH:
            raise _Refused(Unnamed(limits.XML_DEPTH.said(self.depth, MAX_XML_DEPTH)))
        if self.elements > MAX_XML_ELEMENTS:
            raise _Refused(Unnamed(limits.XML_ELEMENTS.said(self.elements, MAX_XML_ELEMENTS)))

    def _end(self, tag: str) -> None:
        self.depth -= 1

    def _doctype(self, *_: object) -> None:
        raise _Refused(Unnamed(limits.XML_DOCTYPE.said()))

    _entity = _doctype


def scan_xml(data: bytes) -> Unnamed | None:
    """The refusal for one XML document's bytes, or None (the scanner in one call, for tests)."""
    scanner = XmlScanner()
    for start in range(0, max(len(data), 1), _CHUNK):
        if not scanner.feed(data[start : start + _CHUNK]):
            break
    else:
        scanner.feed(b"", final=True)
    return scanner.error
