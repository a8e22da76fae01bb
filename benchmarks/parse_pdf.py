"""PDF reading speed and memory on real published disclosures, beside poppler's `pdftotext -layout`.

By default every real 决算 PDF in ../shared/samples/real (the files manifest.tsv lists as 决算, else
every *.pdf at the top of the folder); when the folder is absent it says so and stops, exit status 0.

For each PDF: its pages, the template detected, the filled cells (tidy cells, per table) and the parse
time per page; parse and parse+check in-process (after a first run that imports and caches), with
the share spent reading characters and rulings and, within it, pdfium's own page and text page
loading (the floor of our reader), and the same file through `pdftotext -layout` (a separate
program: the floor any reader is compared to),
both as the best of several runs in wall time and in CPU time (steadier on a busy machine), and
the peak memory of a fresh process that parses and checks the file. The load (1-minute average)
is printed before each file.

A summary table (pages, ms per page, cells, least CPU of parse and of parse+check) ends the run.

--instructions: instead, the instructions (valgrind cachegrind, `I refs`) of one parse and of one
parse+check of each file, in-process after a first run (the difference between a fresh process
doing it twice and once), and of a fresh process's first parse+check (with Python's start and the
imports, as in one `juesuan check`). Instruction counts do not depend on the load, so two
versions can be compared on a busy machine: run this script with PYTHONPATH pointing at the other
version's `src` (PYTHONHASHSEED is fixed at 0).

Run: .venv/bin/python benchmarks/parse_pdf.py [--runs N] [--instructions] [PDF …]
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "samples" / "real"
RUNS = 15


def best(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(wall ms, CPU ms) of the fastest of `runs` runs; CPU includes child processes."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return min(walls) * 1000, min(cpus) * 1000


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def instructions(command: list[str]) -> int:
    """The instructions a command executes under valgrind (cachegrind without cache simulation),
    with the modules' bytecode cached as in an installed package (PYTHONDONTWRITEBYTECODE dropped;
    the command is run once before, outside valgrind, to write it)."""
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(command, capture_output=True, check=False, env=environment)
    done = subprocess.run(valgrind + command, capture_output=True, text=True, check=False, env=environment)
    return int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def repeated(action: str, path: Path, times: int) -> list[str]:
    """A command that runs `action` (parse or check) on `path` `times` times in one process."""
    return [sys.executable, __file__, "--repeat", action, str(times), str(path)]


def count_instructions(path: Path) -> tuple[int, int, int]:
    """(parse, parse+check, a fresh process's first parse+check) in instructions: the first two
    in-process after a first run, as the difference between doing it twice and once; the third
    with Python's start, the imports and what is loaded once (catalogues, patterns), as in one
    `juesuan check` (whose child process, reading the file, cannot be counted: it is killed as
    soon as it has answered)."""
    once = {action: instructions(repeated(action, path, 1)) for action in ("parse", "check")}
    twice = {action: instructions(repeated(action, path, 2)) for action in ("parse", "check")}
    return twice["parse"] - once["parse"], twice["check"] - once["check"], once["check"]


def run_repeated(action: str, times: int, path: Path) -> None:
    data = path.read_bytes()
    for _ in range(times):
        (parse if action == "parse" else parse_and_check)(data, path.name)


def load(data: bytes, name: str) -> None:
    """pdfium's own work, the floor of any reader on it: every page loaded and its text page built."""
    from juesuan.sources.pdf.chars import open_document

    document = open_document(data, name)
    try:
        for index in range(len(document)):
            page = document[index]
            page.get_textpage().close()
            page.close()
    finally:
        document.close()


def extract(data: bytes, name: str) -> None:
    """pypdfium2 alone: every page's characters with their boxes, and its ruling lines."""
    from juesuan.sources.pdf.chars import open_document, read_pages

    document = open_document(data, name)
    try:
        for _ in read_pages(document, name):
            pass
    finally:
        document.close()


def parse(data: bytes, name: str) -> object:
    from juesuan.sources import read_bytes

    return read_bytes(data, name)[0]


def parse_and_check(data: bytes, name: str) -> None:
    from juesuan.rules import run_rules

    run_rules(parse(data, name))


def pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)


def peak(path: Path) -> str:
    """Peak memory of a fresh process parsing and checking the file: RSS and Python allocations."""
    command = [sys.executable, __file__, "--peak", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def measure_peak(path: Path) -> None:
    tracemalloc.start()
    parse_and_check(path.read_bytes(), path.name)
    python = tracemalloc.get_traced_memory()[1] / 2**20
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"峰值内存 {rss:.0f} MB（进程 RSS），其中 Python 对象 {python:.0f} MB")


def real_disclosures() -> list[Path]:
    """The real 决算 PDFs of the samples: those manifest.tsv lists as 决算, else every top-level PDF."""
    manifest = REAL / "manifest.tsv"
    if manifest.is_file():
        rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
        listed = [REAL / row[0] for row in rows if len(row) > 1 and row[1] == "决算"]
        return [path for path in listed if path.is_file()]
    return sorted(REAL.glob("*.pdf"))


def pages(data: bytes, name: str) -> int:
    from juesuan.sources.pdf.chars import open_document

    document = open_document(data, name)
    try:
        return len(document)
    finally:
        document.close()


def cells(disclosure) -> dict[str, int]:
    """Filled cells (tidy cells) per table, in printed order."""
    return {table.number: sum(len(row.cells) for row in table.rows) for table in disclosure.tables}


def report(path: Path, runs: int) -> tuple[int, float, int, float, float]:
    """Print the figures of one PDF; return (pages, parse ms per page, cells, least CPU ms of parse
    and of parse+check)."""
    data = path.read_bytes()
    parse_and_check(data, path.name)  # imports, caches
    disclosure = parse(data, path.name)
    count, filled = pages(data, path.name), cells(disclosure)
    loaded = best(lambda: load(data, path.name), runs)
    extracted = best(lambda: extract(data, path.name), runs)
    parsed = best(lambda: parse(data, path.name), runs)
    checked = best(lambda: parse_and_check(data, path.name), runs)
    floor = best(lambda: pdftotext(path), runs)
    per_page = parsed[0] / count
    print(f"{path.name}（负载 {load_average()}）")
    print(f"  页数 {count}，模板 {disclosure.template or 'national-2024'}，每页解析 {per_page:.1f} ms")
    print(f"  已填单元格 {sum(filled.values())}：" + "，".join(f"{table} {n}" for table, n in filled.items()))
    print(f"  解析           {parsed[0]:6.0f} ms（CPU {parsed[1]:4.0f} ms）")
    print(f"  其中取字符     {extracted[0]:6.0f} ms（CPU {extracted[1]:4.0f} ms）pypdfium2 取字符与框线")
    print(f"  其中载入页面   {loaded[0]:6.0f} ms（CPU {loaded[1]:4.0f} ms）pdfium 载入页面与文本页（下限）")
    print(f"  解析+审核      {checked[0]:6.0f} ms（CPU {checked[1]:4.0f} ms）")
    print(f"  pdftotext      {floor[0]:6.0f} ms（CPU {floor[1]:4.0f} ms）")
    ratio = f"墙钟 {checked[0] / floor[0]:.1f}×，CPU {checked[1] / floor[1]:.1f}×"
    print(f"  倍数（解析+审核 / pdftotext）：{ratio}")
    ratio = f"墙钟 {parsed[0] / floor[0]:.1f}×，CPU {parsed[1] / floor[1]:.1f}×"
    print(f"  倍数（解析 / pdftotext）：{ratio}")
    print(f"  {peak(path)}")
    return count, per_page, sum(filled.values()), parsed[1], checked[1]


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--peak"]:
        measure_peak(Path(arguments[1]))
        return
    if arguments[:1] == ["--repeat"]:
        run_repeated(arguments[1], int(arguments[2]), Path(arguments[3]))
        return
    runs = RUNS
    if arguments[:1] == ["--runs"]:
        runs, arguments = int(arguments[1]), arguments[2:]
    counting = arguments[:1] == ["--instructions"]
    if counting:
        arguments = arguments[1:]
    if arguments:
        paths = [Path(a) for a in arguments]
    elif REAL.is_dir():
        paths = real_disclosures()
    else:
        print(f"真实样本目录不存在（{REAL}），跳过")
        return
    if not paths:
        print(f"没有可测的 PDF：{REAL} 中没有决算 PDF，跳过")
        return
    if counting:
        print(
            "指令数（valgrind cachegrind，百万条）：进程内第一次之后的解析、解析+审核；新进程第一次解析+审核"
        )
        print("文件\t解析\t解析+审核\t新进程")
        for path in paths:
            figures = "\t".join(f"{value / 1e6:.0f}" for value in count_instructions(path))
            print(f"{path.name}\t{figures}", flush=True)
        return
    print(f"每项取 {runs} 次中最快的一次（机器繁忙时以 CPU 时间为准）\n")
    summary = [(path.name, *report(path, runs)) for path in paths]
    print("\n文件\t页数\tms/页\t单元格\t解析 CPU ms\t解析+审核 CPU ms")
    for name, count, per_page, filled, parse_cpu, check_cpu in summary:
        print(f"{name}\t{count}\t{per_page:.1f}\t{filled}\t{parse_cpu:.0f}\t{check_cpu:.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
