"""Images given directly (PNG, JPEG, TIFF, a multi-page TIFF): one image-only PDF page each, so
that they are read as a scanned PDF is (OCR, then the PDF reader's layout)."""

from __future__ import annotations

import io
import warnings

from juesuan.sources import SourceError, limits

MAX_PIXELS = 60_000_000  # an A3 page at 600 dpi has 70 million: a page image is refused past this
DEFAULT_DPI = 300  # when the image does not say its resolution


def image_kind(data: bytes) -> str:
    """PNG, JPEG or TIFF from the first bytes, '' for none of them."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    return ""


def image_pdf(data: bytes, name: str = "") -> bytes:
    """An image-only PDF of the image's frames (pages), each at the image's resolution."""
    from PIL import Image, ImageSequence

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = []
            for frame in ImageSequence.Iterator(image):
                if len(frames) >= limits.PDF_PAGES.value:
                    raise limits.PDF_PAGES.refused(name, len(frames) + 1)
                if frame.width * frame.height > MAX_PIXELS:
                    raise SourceError(f"图片过大（{frame.width}×{frame.height} 像素），无法识别：{name}")
                frames.append(frame.convert("L"))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise SourceError(f"图片已损坏或无法打开：{name}") from None
    dpi = _dpi(image.info.get("dpi"))
    out = io.BytesIO()
    frames[0].save(out, format="PDF", save_all=True, append_images=frames[1:], resolution=dpi)
    return out.getvalue()


def _dpi(said: object) -> float:
    """The image's horizontal resolution, when it states a plausible one."""
    if isinstance(said, tuple) and said and isinstance(said[0], int | float) and 72 <= said[0] <= 1200:
        return float(said[0])
    return DEFAULT_DPI
