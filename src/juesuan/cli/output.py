"""Writing command output: to stdout, or atomically to a file (temp file, then rename)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(Path(output), text.encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write data so that an interrupted run leaves the old file or none, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
