"""A short fuzz run (issue 11): a few hundred hostile inputs spread over every kind, each through
`juesuan check` and `juesuan parse` (and `juesuan build` for packages). Every run must end with an
exit code in {0, 1, 2}; exit 2 with exactly one Chinese line on stderr naming no Python exception and
showing no traceback; a failed build leaves nothing behind.

Most runs go through the real entry point in this process (about 0.1 s each instead of 0.5 s for a
new interpreter); PDFs and builds run as processes under the fuzz runner's memory and time limit,
since a PDF bomb can abort inside PDFium. The full run is `python benchmarks/fuzz.py`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fuzz.generate import Case, cases
from fuzz.run import Run, classify, run_case

COUNT = int(os.environ.get("JUESUAN_FUZZ_COUNT", "300"))
SEED = int(os.environ.get("JUESUAN_FUZZ_SEED", "0"))
TIMEOUT = 60.0
MEMORY_MB = 2048

# Cases that fail because of a known, reported bug: case-name pattern -> reason. A listed case that
# passes is fine; an unlisted failure fails the test.
KNOWN: dict[str, str] = {}


# The hand-written PDF bombs run as processes: should the command line's own isolation of each file
# (a forked child under a memory ceiling) ever fail, they abort that process, not the test run. So do
# the slow giants (a million cells or rows: 10-30 s each), beside the in-process runs on the other core.
APART = re.compile(r"pdf_minimal/.*(bomb|inline-image|100k|200000|million|200k)|million|200k|10k-sheet|x100")
BUILD_FORMATS = "html,xlsx"  # the PDF and Word renderers are the full run's business (8 s a build)


def apart(case: Case) -> bool:
    return bool(APART.search(case.name))


@pytest.fixture(scope="module")
def selected() -> list[Case]:
    return cases(SEED, COUNT)


def known(name: str) -> str | None:
    return next((reason for pattern, reason in KNOWN.items() if re.search(pattern, name)), None)


def exit_code(main) -> int:
    """The exit code `juesuan.cli.main` ends with (returning is 0, as at the command line)."""
    try:
        main()
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def describe(run: Run) -> str:
    return f"{run.case} [{run.command}] {run.verdict}: exit {run.exit}, {run.signature()}"


def test_the_short_run_covers_every_kind(selected):
    kinds = {case.kind for case in selected}
    assert kinds == {"text", "pdf", "docx", "xlsx", "package", "other"}
    assert len(selected) == COUNT


def test_short_fuzz_run(selected, tmp_path, monkeypatch, capsys):
    """check and parse of every case through `juesuan.cli.main` in this process, but for the PDF
    bombs and the giants, which run as processes under a 2 GB and 60 s limit in the background with
    the packages' builds (a failed build must leave nothing behind)."""
    from juesuan.cli import main

    def apart_runs(numbered: tuple[int, Case]) -> list[Run]:
        number, case = numbered
        if apart(case):
            return run_case(case, tmp_path / "apart", number, TIMEOUT, MEMORY_MB, ("check", "parse"))
        return run_case(case, tmp_path / "apart", number, TIMEOUT, MEMORY_MB, ("build",), BUILD_FORMATS)

    background = ThreadPoolExecutor(max_workers=1)
    elsewhere = [case for case in selected if apart(case) or case.kind == "package"]
    pending = background.map(apart_runs, enumerate(elsewhere))

    monkeypatch.delenv("JUESUAN_DEBUG", raising=False)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    failures, slow = [], []
    for number, case in enumerate(c for c in selected if not apart(c)):
        source = tmp_path / f"{number:04d}" / (Path(case.filename).name or "input")
        source.parent.mkdir()
        source.write_bytes(case.data)
        for command in ("check", "parse"):
            argv = ["juesuan", command, str(source)]
            monkeypatch.setattr(sys, "argv", argv)
            start = time.perf_counter()
            code = exit_code(main)
            seconds = time.perf_counter() - start
            stderr = capsys.readouterr().err
            run = Run(case.name, case.kind, command, argv, code, stderr, seconds, len(case.data))
            run.problems = classify(run)
            if any(cwd.iterdir()):
                run.problems.append("outside-write")
            if seconds > TIMEOUT:
                run.problems.append("timeout")
            if seconds > 10:
                slow.append(f"{case.name} [{command}] {seconds:.0f} s")
            if run.problems and not known(case.name):
                failures.append(describe(run))
        source.unlink()
    runs = [run for done in pending for run in done]
    background.shutdown()
    failures += [describe(run) for run in runs if run.problems and not known(run.case)]
    assert not failures, "\n".join(failures)
    assert not slow, "slow in-process runs: " + "; ".join(slow)


def test_hostile_folders(tmp_path):
    """A batch over a folder 1,500 deep, with names that are not UTF-8, symbolic link loops, a FIFO,
    devices; builds of packages whose files are not files. (The 5,000-file and 3,000-folder cases are
    for the full run: they take a minute.)"""
    from fuzz.generate import folder_cases
    from fuzz.run import run_folder

    (tmp_path / "in").mkdir()
    chosen = [case for case in folder_cases(tmp_path / "in", SEED) if "many-" not in case.name]

    def one(numbered) -> Run:
        return run_folder(numbered[1], tmp_path, numbered[0], TIMEOUT, MEMORY_MB)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(one, enumerate(chosen)))
    finally:  # the 1,500-deep folder is too deep for shutil.rmtree's recursion (pytest's clean-up)
        subprocess.run(["rm", "-rf", "--", str(tmp_path / "in")], check=False)
    failures = [describe(run) for run in runs if run.problems and not known(run.case)]
    assert not failures, "\n".join(failures)
