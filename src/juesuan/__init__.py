"""juesuan: build, parse and check China's 部门决算公开 (departmental final-accounts disclosures).

The pipeline: sources (readers) → model → rules / narrative → render / store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from juesuan.batch import FileResult
    from juesuan.model import Disclosure, Problem
    from juesuan.rules import Finding
    from juesuan.store import Corpus


def read(path: str) -> tuple[Disclosure, list[Problem]]:
    """Read a disclosure file (format detected from content): (disclosure, problems)."""
    from juesuan.sources import read_path

    return read_path(path)


def check(path: str | Path) -> list[Finding]:
    """Read and check one file: its reading problems and rule findings, in the order `juesuan check`
    prints them. Raises `juesuan.sources.SourceError` when the file cannot be read."""
    from juesuan.rules.report import review
    from juesuan.sources import read_path

    return review(*read_path(path))


def check_many(inputs: Iterable[str | Path], jobs: int = 1, scheduler: object = None) -> list[FileResult]:
    """Check files, folders (recursively) and glob patterns, in `jobs` local processes or on a Dask
    cluster (`scheduler`: an address or a `distributed.Client`); one `FileResult` per file, in order."""
    from juesuan.batch import check_files, expand

    return list(check_files(expand(str(item) for item in inputs), jobs=jobs, scheduler=scheduler))


def __getattr__(name: str) -> object:
    """`juesuan.synth` is the synthetic-data package, callable as a function (see its docs)."""
    if name == "synth":
        import importlib

        return importlib.import_module("juesuan.synth")
    raise AttributeError(f"module 'juesuan' has no attribute {name!r}")


def corpus(db: str | Path = "corpus.duckdb", read_only: bool = False) -> Corpus:
    """The DuckDB corpus at `db` (created if needed): ingest, query, compare, chart, export_parquet."""
    from juesuan.store import Corpus

    return Corpus(db, read_only=read_only)
