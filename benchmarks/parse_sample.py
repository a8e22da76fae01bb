"""Time to parse the reference disclosure (median of many runs).

Run: .venv/bin/python benchmarks/parse_sample.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from juesuan.sources import read_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "datong-zwfwzx-2024.txt"


def main(runs: int = 200) -> None:
    data = SAMPLE.read_bytes()
    read_bytes(data, SAMPLE.name)  # warm up imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_bytes(data, SAMPLE.name)
        times.append(time.perf_counter() - start)
    print(
        f"parse {SAMPLE.name}: median {statistics.median(times) * 1000:.2f} ms, "
        f"min {min(times) * 1000:.2f} ms over {runs} runs"
    )


if __name__ == "__main__":
    main()
