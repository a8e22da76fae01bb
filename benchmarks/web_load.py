"""Load on the web app: many concurrent `POST /api/check` uploads of the reference disclosure.

Starts `juesuan serve` on a free loopback port (a separate process, so that the client does not
compete with the server for the GIL), keeps `--concurrency` uploads in flight until `--requests`
have been answered, and prints the latency percentiles, the throughput and the error count.

Run: .venv/bin/python benchmarks/web_load.py [--requests 200] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "datong-zwfwzx-2024.txt"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "juesuan", "serve", "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("服务未能启动")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("服务启动超时")


async def one_check(client: httpx.AsyncClient, data: bytes, gate: asyncio.Semaphore) -> tuple[float, bool]:
    async with gate:
        start = time.perf_counter()
        try:
            answer = await client.post("/api/check", files={"file": (SAMPLE.name, data)})
            ok = answer.status_code == 200 and answer.json()["summary"]["errors"] == 1
        except (httpx.HTTPError, ValueError):
            ok = False
        return time.perf_counter() - start, ok


async def load(url: str, requests: int, concurrency: int) -> tuple[list[float], int, float]:
    data = SAMPLE.read_bytes()
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as client:
        start = time.perf_counter()
        results = await asyncio.gather(*(one_check(client, data, gate) for _ in range(requests)))
        elapsed = time.perf_counter() - start
    return sorted(seconds for seconds, _ in results), sum(1 for _, ok in results if not ok), elapsed


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, round(share * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="the server's --workers")
    options = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, options.workers)
    try:
        wait_ready(url, server)
        latencies, errors, elapsed = asyncio.run(load(url, options.requests, options.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{options.requests} 次 POST /api/check（参考文件），并发 {options.concurrency}，", end="")
    print(f"服务 --workers {options.workers}")
    print(
        "延迟 p50 {:.0f} ms，p90 {:.0f} ms，p99 {:.0f} ms，最长 {:.0f} ms".format(
            *(1000 * percentile(latencies, q) for q in (0.5, 0.9, 0.99)), 1000 * latencies[-1]
        )
    )
    print(f"吞吐 {options.requests / elapsed:.1f} 次/秒（共 {elapsed:.1f} 秒），错误 {errors} 个")


if __name__ == "__main__":
    main()
