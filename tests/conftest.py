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


@pytest.fixture
def run_main(monkeypatch, capsys):
    """`juesuan ARGS…` through the real entry point: (exit code, what it wrote to stderr)."""
    import sys

    from juesuan.cli import main

    def run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["juesuan", *args])
        monkeypatch.delenv("JUESUAN_DEBUG", raising=False)
        with pytest.raises(SystemExit) as done:
            main()
        return done.value.code, capsys.readouterr().err

    return run
