"""Corpus and scale: batch checking rate, parallel scaling, worker memory, ingest rate, query latency.

Run: .venv/bin/python benchmarks/corpus.py [--files 1000] [--units 10000] [--jobs 2]

1. Writes N synthetic disclosures (layout text) to a temporary folder.
2. Checks them with --jobs 1 and --jobs J (local processes): files per second, CPU per file, the
   scaling (beside a pure CPU loop's, which shows what the machine allows while other processes
   share its cores), and the peak resident memory of each worker (sampled every 50 ms, psutil).
3. Ingests them into a new DuckDB corpus (J processes): files per second; then the insert alone.
4. Copies the disclosures (new hashes and unit names) until the corpus holds U units, and times
   every compare question (median and worst of 20 runs).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def write_files(count: int, folder: Path, jobs: int) -> list[Path]:
    from juesuan.synth import write_synthetic

    start = time.perf_counter()
    paths = write_synthetic(count, folder, seed=0, jobs=jobs)
    print(f"生成 {count} 份合成决算公开（版式文本）：{time.perf_counter() - start:.1f} s")
    return paths


class WorkerMemory:
    """Peak RSS of each child process, sampled in a thread while the block runs."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peaks: dict[int, int] = {}
        self.running = False

    def __enter__(self) -> WorkerMemory:
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.running = False
        self.thread.join()

    def sample(self) -> None:
        while self.running:
            for child in self.me.children(recursive=True):
                try:
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), child.memory_info().rss)
                except Exception:  # the child ended between listing and reading it
                    continue
            time.sleep(0.05)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers, once joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def spin(rounds: int) -> int:
    total = 0
    for number in range(rounds):
        total += number
    return total


def control_speedup(jobs: int) -> float:
    """The speedup of a pure CPU loop on the same pool: what the machine allows right now (other
    processes on the same cores lower it; the batch cannot scale better than this)."""
    work = [3_000_000] * 8 * jobs
    start = time.perf_counter()
    for rounds in work:
        spin(rounds)
    alone = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        start = time.perf_counter()
        list(pool.map(spin, work))
        pooled = time.perf_counter() - start
    return alone / pooled


def check_rate(paths: list[Path], jobs: int) -> float:
    from juesuan.batch import check_files

    load = os.getloadavg()[0]
    with WorkerMemory() as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        results = list(check_files(paths, jobs=jobs))
        elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    errors = sum(result.errors + result.warnings + result.unreadable for result in results)
    rate = len(paths) / elapsed
    print(f"审核 --jobs {jobs}：{len(paths)} 个文件 {elapsed:.1f} s，{rate:.1f} 个/秒", end="")
    print(f"（错误+警告+无法读取 {errors}；开始时负载 {load:.1f}）")
    print(f"  CPU {cpu / len(paths) * 1000:.0f} ms/文件，平均同时占用 {cpu / elapsed:.2f} 个核")
    if memory.peaks:
        peaks = ", ".join(f"{peak / 2**20:.0f}" for peak in memory.peaks.values())
        print(f"  每个工作进程的峰值常驻内存（MB，每 50 ms 采样）：{peaks}")
    return rate


def ingest_rate(paths: list[Path], folder: Path, jobs: int) -> Path:
    from juesuan.batch import check_files
    from juesuan.store import Corpus
    from juesuan.store.ingest import Batch

    db = folder / "corpus.duckdb"
    with Corpus(db) as corpus:
        start = time.perf_counter()
        report = corpus.ingest(paths, jobs=jobs)
        elapsed = time.perf_counter() - start
        counts = corpus.counts()
    print(f"入库 --jobs {jobs}：{report}；{elapsed:.1f} s，{len(paths) / elapsed:.1f} 个/秒；{counts}")
    batch = Batch()
    for result in check_files(paths[:200], jobs=jobs, cells=True):
        batch.add(result)
    with Corpus(folder / "insert-only.duckdb") as corpus:
        rows = sum(len(columns[next(iter(columns))]) for columns in batch.columns.values())
        start = time.perf_counter()
        batch.flush(corpus.connection)
        elapsed = time.perf_counter() - start
    print(f"  其中写入数据库（200 个文件，{rows} 行，一次 INSERT … SELECT）：", end="")
    print(f"{elapsed * 1000:.0f} ms，{rows / elapsed:,.0f} 行/秒")
    return db


def amplify(db: Path, units: int) -> None:
    """Copies of every disclosure with a new hash and unit name until the corpus holds `units`."""
    from juesuan.store import Corpus

    with Corpus(db) as corpus:
        have = corpus.counts()["disclosures"]
        copies = max(0, -(-units // have) - 1)
        start = time.perf_counter()
        for table in ("disclosures", "cells", "findings"):
            columns = ", ".join(f'"{c}"' for c in corpus.query(f"SELECT * FROM {table} LIMIT 0").columns[1:])
            source = columns.replace('"unit"', "unit || '（副本' || k || '）'")
            corpus.query(
                f"INSERT INTO {table} SELECT sha256 || '-' || k, {source} "
                f"FROM (SELECT * FROM {table} WHERE NOT contains(sha256, '-')) t, range(1, {copies + 1}) r(k)"
            )
        counts = corpus.counts()
    elapsed = time.perf_counter() - start
    print(f"复制到 {counts['disclosures']} 个单位（{counts['cells']:,} 个单元格）：{elapsed:.1f} s")


def query_latency(db: Path) -> None:
    from juesuan.store import Corpus
    from juesuan.store.compare import QUESTIONS

    with Corpus(db, read_only=True) as corpus:
        for name in QUESTIONS:
            times = []
            for _ in range(20):
                start = time.perf_counter()
                corpus.compare(name, limit=20)
                times.append((time.perf_counter() - start) * 1000)
            print(f"比较 {name}：中位数 {statistics.median(times):.1f} ms，最慢 {max(times):.1f} ms（20 次）")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--units", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    print(f"{os.cpu_count()} 个核，当前负载 {os.getloadavg()[0]:.1f}（负载高于核数时并行加速会偏低）")
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as temporary:
        folder = Path(temporary)
        paths = write_files(options.files, folder / "files", options.jobs)
        one = check_rate(paths, 1)
        many = check_rate(paths, options.jobs)
        print(f"并行加速：--jobs {options.jobs} 是 --jobs 1 的 {many / one:.2f} 倍", end="")
        print(f"（对照：纯计算循环此刻的加速为 {control_speedup(options.jobs):.2f} 倍）")
        db = ingest_rate(paths, folder, options.jobs)
        amplify(db, options.units)
        query_latency(db)


if __name__ == "__main__":
    main()
