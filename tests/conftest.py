from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "datong-zwfwzx-2024.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample():
    from juesuan.sources import read_path

    disclosure, _ = read_path(SAMPLE)
    return disclosure
