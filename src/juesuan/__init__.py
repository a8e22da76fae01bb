"""juesuan: build, parse and check China's 部门决算公开 (departmental final-accounts disclosures).

The pipeline: sources (readers) → model → rules / narrative → render / store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.model import Disclosure, Problem


def read(path: str) -> tuple[Disclosure, list[Problem]]:
    """Read a disclosure file (format detected from content): (disclosure, problems)."""
    from juesuan.sources import read_path

    return read_path(path)
