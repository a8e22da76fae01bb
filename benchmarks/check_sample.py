"""Parse + check time of the reference disclosure, in-process and as a whole command.

Wall time (median) and CPU time (least of the runs: steadier on a busy machine; the whole command's
counts the command and the child it reads the file in, with the modules' bytecode cached as in an
installed package, and the parsed TOML data in the user's cache as after a first run: see
`catalogue.cache`), with the load (1-minute average) at the start.

--instructions: also the instructions (valgrind cachegrind, `I refs`) of one parse and one
parse+check in-process after a first run, and of a fresh process's first parse+check (Python's
start, the imports, what is loaded once), as `parse_pdf.count_instructions` counts them. They do
not depend on the load: to compare two versions, run this script with PYTHONPATH pointing at the
other version's `src`.

Run: .venv/bin/python benchmarks/check_sample.py [--instructions] [FILE]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from juesuan.rules import run_rules
from juesuan.sources import read_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "datong-zwfwzx-2024.txt"


def timed(action, runs: int) -> tuple[float, float]:
    """(median wall ms, least CPU ms) of `runs` runs; CPU counts this process and its children."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls) * 1000, min(cpus) * 1000


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def parse_and_check(data: bytes, name: str) -> None:
    disclosure, _ = read_bytes(data, name)
    run_rules(disclosure)


def main(arguments: list[str]) -> None:
    counting = "--instructions" in arguments
    paths = [Path(argument) for argument in arguments if argument != "--instructions"]
    sample = paths[0] if paths else SAMPLE
    data = sample.read_bytes()
    print(f"{sample.name}，负载 {os.getloadavg()[0]:.2f}")
    parse_and_check(data, sample.name)  # imports and caches
    parsed = timed(lambda: read_bytes(data, sample.name), 50)
    checked = timed(lambda: parse_and_check(data, sample.name), 50)
    print(f"解析（进程内）：中位数 {parsed[0]:.1f} ms，CPU 最少 {parsed[1]:.1f} ms（50 次）")
    print(f"解析+审核（进程内）：中位数 {checked[0]:.1f} ms，CPU 最少 {checked[1]:.1f} ms（50 次）")
    command = [sys.executable, "-m", "juesuan", "check", str(sample), "--format", "json"]
    # the modules' bytecode and the parsed TOML data cached, as after a first run (which writes them)
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=False, env=environment)
    whole = timed(lambda: subprocess.run(command, capture_output=True, check=False, env=environment), 10)
    print(f"juesuan check 整条命令：中位数 {whole[0]:.0f} ms，CPU 最少 {whole[1]:.0f} ms（10 次，含启动）")
    helping = [sys.executable, "-m", "juesuan", "--help"]
    help_ms = timed(lambda: subprocess.run(helping, capture_output=True, check=False, env=environment), 10)
    print(f"juesuan --help：中位数 {help_ms[0]:.0f} ms，CPU 最少 {help_ms[1]:.0f} ms")
    if counting:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from parse_pdf import count_instructions

        labels = ("解析", "解析+审核", "新进程第一次解析+审核")
        counts = count_instructions(sample)
        figures = "，".join(f"{label} {value / 1e6:.0f}" for label, value in zip(labels, counts, strict=True))
        print(f"指令数（valgrind，百万条；进程内为第一次之后）：{figures}")


if __name__ == "__main__":
    main(sys.argv[1:])
