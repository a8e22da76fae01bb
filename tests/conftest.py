from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "datong-zwfwzx-2024.txt"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, installed by scripts/setup; Playwright drives it
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian chromium (/usr/bin/chromium) is not installed: run `bash scripts/setup` as root",
)


_CACHE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """The parsed-TOML cache (catalogue/cache.py) of this run in a folder of its own, removed after
    it: the tests, and the `juesuan` processes they start, leave the user's ~/.cache alone."""
    config.stash[_CACHE] = folder = tempfile.mkdtemp(prefix="juesuan-test-cache-")
    os.environ["XDG_CACHE_HOME"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    if folder := config.stash.get(_CACHE, None):
        shutil.rmtree(folder, ignore_errors=True)


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


@pytest.fixture
def juesuan(monkeypatch, capsys):
    """`juesuan ARGS…` through the real entry point: (exit code, stdout, stderr)."""
    import sys

    from juesuan.cli import main

    def run(*args: object) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["juesuan", *map(str, args)])
        monkeypatch.delenv("JUESUAN_DEBUG", raising=False)
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, for the module's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
