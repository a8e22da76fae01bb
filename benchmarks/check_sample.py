"""Parse + check time of the reference disclosure, in-process and as a whole command.

Run: .venv/bin/python benchmarks/check_sample.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from juesuan.rules import run_rules
from juesuan.sources import read_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "datong-zwfwzx-2024.txt"


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def parse_and_check(data: bytes) -> None:
    disclosure, _ = read_bytes(data, SAMPLE.name)
    run_rules(disclosure)


def main() -> None:
    data = SAMPLE.read_bytes()
    parse_and_check(data)  # imports and caches
    print(f"解析+审核（进程内）：中位数 {median_ms(lambda: parse_and_check(data), 50):.1f} ms（50 次）")
    command = [sys.executable, "-m", "juesuan", "check", str(SAMPLE), "--format", "json"]
    whole = median_ms(lambda: subprocess.run(command, capture_output=True, check=False), 10)
    print(f"juesuan check 整条命令：中位数 {whole:.0f} ms（10 次，含 Python 启动）")
    help_ms = median_ms(
        lambda: subprocess.run([sys.executable, "-m", "juesuan", "--help"], capture_output=True), 10
    )
    print(f"juesuan --help：中位数 {help_ms:.0f} ms")


if __name__ == "__main__":
    main()
