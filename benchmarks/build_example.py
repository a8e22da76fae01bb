"""Build time of the bundled example: each stage and format, and the whole `juesuan build`.

Prints, in one process: reading, deriving, writing and checking the package; each format's
render time (with two cores the PDF and the Word file are each made in a worker while this
process renders the others, so the formats' times overlap and the render's wall time is printed
too); the same
formats one after the other; and the wall time of the whole command
`juesuan build examples/datong-2024 -o …` (all four formats, a fresh process, imports included),
the least and the median of its runs with its CPU time (both processes), and of the web page's
build (`web.packages.build_files`) in a fresh process and in one that has imported what a build
uses, as the server's worker has when it started (`render.parallel.import_for_build`). The
machine is shared: the load (1-minute average) is printed beside each figure.

Run: .venv/bin/python benchmarks/build_example.py [runs]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from juesuan.build import FORMATS, assemble, render_formats

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "datong-2024"


def main(runs: int = 3) -> None:
    start = time.perf_counter()
    built = assemble(EXAMPLE)
    print(f"读取输入包、推导、撰写、审核：{time.perf_counter() - start:.2f} s{_load()}")
    render_formats(built.disclosure, FORMATS)  # imports and fonts loaded in this process
    start, here, there = time.perf_counter(), time.process_time(), _children_cpu()
    _, seconds = render_formats(built.disclosure, FORMATS)
    wall = time.perf_counter() - start
    for fmt, took in seconds.items():
        print(f"生成 {fmt:<5}：{took:.2f} s")
    print(
        f"四种格式并行生成（PDF、Word 在子进程中）：{wall:.2f} s；"
        f"CPU：本进程 {time.process_time() - here:.2f} s（图表、PDF 的 Typst 文档、网页、Excel），"
        f"子进程 {_children_cpu() - there:.2f} s{_load()}"
    )
    os.environ["JUESUAN_JOBS"] = "1"
    _, one_by_one = render_formats(built.disclosure, FORMATS)
    del os.environ["JUESUAN_JOBS"]
    print("逐个生成：" + "，".join(f"{fmt} {took:.2f} s" for fmt, took in one_by_one.items()) + _load())
    whole = [_command() for _ in range(runs)]
    walls, cpus = [wall for wall, _ in whole], [cpu for _, cpu in whole]
    print(
        f"整个编制（juesuan build，四种格式，新进程）：最少 {min(walls):.2f} s，"
        f"中位数 {statistics.median(walls):.2f} s（{runs} 次）；CPU 最少 {min(cpus):.2f} s"
        f"（两个进程合计）{_load()}"
    )
    for warm, said in ((False, "新进程"), (True, "工作进程已在服务启动时载入模块")):
        web = [_web(warm) for _ in range(runs)]
        walls, cpus = [wall for wall, _ in web], [cpu for _, cpu in web]
        print(
            f"网页编制（build_files，四种格式，{said}）：最少 {min(walls):.2f} s，"
            f"中位数 {statistics.median(walls):.2f} s；CPU 最少 {min(cpus):.2f} s{_load()}"
        )


def _load() -> str:
    return f"（负载 {os.getloadavg()[0]:.1f}，{os.cpu_count()} 核）"


def _children_cpu() -> float:
    """CPU seconds of the child processes ended so far (the workers; commands run here)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _command() -> tuple[float, float]:
    """Wall and CPU seconds (its workers' included) of one `juesuan build`."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "juesuan", "build", str(EXAMPLE), "-o", out]
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - start, _children_cpu() - cpu


def _web(warm: bool) -> tuple[float, float]:
    """Wall and CPU seconds (its workers' included) of the web page's build of the same
    package (its files uploaded), in a fresh process; `warm`: one that imported what a build
    uses first, as the server's worker process does when the server starts (not timed)."""
    code = (
        "import time, pathlib, resource;"
        + ("from juesuan.render.parallel import import_for_build; import_for_build();" if warm else "")
        + "start = time.perf_counter(); before = resource.getrusage(resource.RUSAGE_SELF);"
        "from juesuan.web.packages import build_files;"
        f"folder = pathlib.Path({str(EXAMPLE)!r});"
        "files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()};"
        "build_files(files, ('html', 'pdf', 'docx', 'xlsx'));"
        "wall = time.perf_counter() - start;"
        "used = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)];"
        "cpu = sum(u.ru_utime + u.ru_stime for u in used) - before.ru_utime - before.ru_stime;"
        "print(wall, cpu)"
    )
    found = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    wall, cpu = found.stdout.split()[-2:]
    return float(wall), float(cpu)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
