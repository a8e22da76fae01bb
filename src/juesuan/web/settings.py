"""The web app's settings: where it listens, its limits and how long results are kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    db: Path | None = None  # the corpus (DuckDB file); without it the corpus pages are off
    max_upload_bytes: int = 50 * MB  # the whole request body, enforced while it streams in
    max_pdf_pages: int = 300
    result_ttl_seconds: int = 30 * 60  # results (downloads, previews) removed after this
    workers: int = 4  # worker processes: uploads processed at once; the rest wait their turn
    job_seconds: int = 300  # one upload's reading, checking or building; stopped beyond this
    job_memory_mb: int = 2048  # each worker's memory beyond what it holds at start; a job past it is stopped

    @property
    def max_upload_mb(self) -> int:
        return self.max_upload_bytes // MB
