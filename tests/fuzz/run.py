"""Run the hostile inputs through the command line, each as its own process under a hard memory
limit (RLIMIT_AS) and a time limit, and count what went wrong.

    python -m tests.fuzz.run [--seed 0] [--count N] [-j 2] [--timeout 60] [--memory-mb 2048]
                             [--save-failures DIR] [--no-folders] [--only REGEX]

Every case goes through `juesuan check FILE` and `juesuan parse FILE`; packages also through
`juesuan build PKG -o OUT`; the hostile folders through `juesuan check FOLDER` (or `build`). Each run
gets one class (the first that applies, in the order of CLASSES); "ok" means an exit code that says
what it means with a clean message. Exit status: 0 when every run is "ok", 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .generate import ESCAPE_NAME, KINDS, Case, FolderCase, cases, folder_cases

CLASSES = {
    "ok": "exit 0/1/2 with its meaning; on exit 2 one Chinese line",
    "crash": "killed by a signal (an abort in C code, the memory limit)",
    "timeout": "still running at the time limit",
    "traceback": "a Python traceback on stderr",
    "bad-exit": "an exit code outside 0, 1, 2",
    "exception-name": "a Python exception or warning class named on stderr",
    "empty-message": "exit 2 with nothing on stderr",
    "multi-line": "exit 2 with more than one line on stderr",
    "not-chinese": "exit 2 with a line that has no Chinese in it",
    "partial-output": "a failed build left a file in its output folder (or a .part file anywhere)",
    "outside-write": "a file written outside the output folder (or a zip member escaped)",
    "temp-left": "a file left in TMPDIR by a run that ended by itself",
}
FAILING = tuple(name for name in CLASSES if name != "ok")
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b|\bBadZipFile\b|\bzlib\.error\b")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
TRACEBACK = "Traceback (most recent call last)"
STDERR_KEPT = 256 * 1024
FOLDER_TIME_FACTOR = 5


@dataclass
class Run:
    case: str
    kind: str
    command: str
    argv: list[str]
    exit: int | None  # None: stopped at the time limit
    stderr: str
    seconds: float
    size: int  # the input's size in bytes
    problems: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return self.problems[0] if self.problems else "ok"

    def first_line(self) -> str:
        return next((line for line in self.stderr.splitlines() if line.strip()), "")

    def signature(self) -> str:
        """What makes two failures the same bug: a traceback's last frame and exception, or the first
        stderr line with numbers and paths taken out."""
        if TRACEBACK in self.stderr:
            lines = self.stderr.rstrip().splitlines()
            frames = [line.strip() for line in lines if line.strip().startswith('File "')]
            last = frames[-1] if frames else ""
            last = re.sub(r'File ".*?(site-packages|src)/', r'File "\1/', last)
            return f"{last} → {lines[-1].strip()[:160]}"
        if self.exit is None:
            return "(stopped at the time limit)"
        if self.exit < 0:
            return f"(signal {signal.Signals(-self.exit).name})"
        text = self.first_line()
        text = re.sub(r"/\S*", "<path>", text)
        return re.sub(r"\d+", "N", text)[:200]


def limits(memory_mb: int):
    def apply() -> None:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 30, 4 << 30))

    return apply


def juesuan_argv() -> list[str]:
    return [sys.executable, "-m", "juesuan"]


def run_command(
    argv: list[str], work: Path, timeout: float, memory_mb: int
) -> tuple[int | None, str, float, bool]:
    """(exit code or None at the time limit, stderr, seconds, killed) of one run in `work`/cwd."""
    env = {key: value for key, value in os.environ.items() if key != "JUESUAN_DEBUG"}
    env["TMPDIR"] = str(work / "tmp")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    start = time.perf_counter()
    with open(work / "stderr", "w+b") as err:
        process = subprocess.Popen(
            argv,
            cwd=work / "cwd",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            preexec_fn=limits(memory_mb),
            start_new_session=True,
        )
        killed = False
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            killed = True
            code = None
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):  # a batch's workers too
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        err.seek(0)
        stderr = err.read(STDERR_KEPT).decode("utf-8", "replace")
    return code, stderr, time.perf_counter() - start, killed


def classify(run: Run, *, single_file: bool = True) -> list[str]:
    """The problems of a run's exit code and stderr, most serious first (the files are another
    matter: see `files_problems`)."""
    found = []
    if run.exit is None:
        found.append("timeout")
    elif run.exit < 0:
        found.append("crash")
    if TRACEBACK in run.stderr:
        found.append("traceback")
    if run.exit is not None and run.exit >= 0 and run.exit not in (0, 1, 2):
        found.append("bad-exit")
    if EXCEPTION_NAME.search(run.stderr) and TRACEBACK not in run.stderr:
        found.append("exception-name")
    if run.exit == 2:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        if not lines:
            found.append("empty-message")
        elif single_file and len(lines) > 1:
            found.append("multi-line")
        elif not CHINESE.search(lines[0]):
            found.append("not-chinese")
    return found


def prepare(work: Path) -> None:
    for sub in ("cwd", "tmp", "in"):
        (work / sub).mkdir(parents=True, exist_ok=True)


def files_problems(
    work: Path, allowed: set[Path], out: Path | None, failed_build: bool, killed: bool
) -> list[str]:
    """Files a run left where it should not have."""
    found = []
    if out is not None and failed_build and out.exists() and any(out.rglob("*")):
        found.append("partial-output")
    strays = []
    for path in work.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            continue
        if path in allowed or (out is not None and out in path.parents) or path.name == "stderr":
            continue
        if (work / "in") in path.parents and not path.is_symlink():
            continue  # the folder cases' own files
        strays.append(path)
    parts = [p for p in strays if p.name.endswith(".part")]
    if parts and "partial-output" not in found:
        found.append("partial-output")
    outside = [p for p in strays if (work / "tmp") not in p.parents]
    if outside or any(p.name == ESCAPE_NAME for p in strays):
        found.append("outside-write")
    elif not killed and any((work / "tmp") in p.parents for p in strays):
        found.append("temp-left")
    return found


def run_case(
    case: Case,
    base: Path,
    number: int,
    timeout: float,
    memory_mb: int,
    commands: tuple[str, ...] = (),
    build_formats: str | None = None,
) -> list[Run]:
    """The case through each command (default: check, parse, and build for a package; the build
    with `--format build_formats` when given)."""
    runs = []
    commands = commands or ("check", "parse") + (("build",) if case.kind == "package" else ())
    for command in commands:
        work = base / f"{number:05d}-{command}"
        prepare(work)
        source = work / "in" / (Path(case.filename).name or "input")
        source.write_bytes(case.data)
        out = work / "out" if command == "build" else None
        argv = [*juesuan_argv(), command, str(source)] + (["-o", str(out)] if out else [])
        if out and build_formats:
            argv += ["--format", build_formats]
        code, stderr, seconds, killed = run_command(argv, work, timeout, memory_mb)
        run = Run(case.name, case.kind, command, argv, code, stderr, seconds, len(case.data))
        run.problems = classify(run)
        run.problems += files_problems(work, {source}, out, command == "build" and code != 0, killed)
        runs.append(run)
        if not run.problems:
            shutil.rmtree(work, ignore_errors=True)
    return runs


def run_folder(case: FolderCase, base: Path, number: int, timeout: float, memory_mb: int) -> Run:
    work = base / f"{number:05d}-folder"
    prepare(work)
    out = work / "out" if case.command == "build" else None
    argv = [*juesuan_argv(), case.command, str(case.path)] + (["-o", str(out)] if out else [])
    # a batch is many files' work: five times the per-file limit (5,000 small files take about 100 s)
    code, stderr, seconds, killed = run_command(argv, work, timeout * FOLDER_TIME_FACTOR, memory_mb)
    run = Run(case.name, "folder", case.command, argv, code, stderr, seconds, 0)
    run.problems = classify(run, single_file=False)
    run.problems += files_problems(work, set(), out, case.command == "build" and code != 0, killed)
    return run


def run_all(
    selected: list[Case],
    folders: bool,
    jobs: int,
    timeout: float,
    memory_mb: int,
    base: Path,
    seed: int = 0,
    progress: bool = True,
) -> list[Run]:
    runs: list[Run] = []
    lock = threading.Lock()
    start = time.perf_counter()
    total = len(selected)

    def record(done: list[Run]) -> None:
        with lock:
            runs.extend(done)
            if progress and len({r.case for r in runs}) % 50 == 0:
                bad = sum(1 for r in runs if r.problems)
                print(
                    f"  {len({r.case for r in runs})}/{total} cases, {len(runs)} runs, {bad} failing, "
                    f"{time.perf_counter() - start:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(run_case, case, base, i, timeout, memory_mb) for i, case in enumerate(selected)
        ]
        if folders:
            root = base / "folders" / "in"
            root.mkdir(parents=True)
            made = folder_cases(root, seed)
            total += len(made)
            futures += [
                pool.submit(lambda c, n: [run_folder(c, base, n, timeout, memory_mb)], c, len(selected) + n)
                for n, c in enumerate(made)
            ]
        for future in futures:
            record(future.result())
    return runs


def report(runs: list[Run], seconds: float, out=sys.stdout) -> None:
    kinds = [*KINDS, "folder"]
    verdicts = collections.Counter((run.verdict, run.kind) for run in runs)
    width = max(len(name) for name in CLASSES)
    print(f"\n{len({r.case for r in runs})} cases, {len(runs)} runs, {seconds:.0f} s", file=out)
    print(f"{'class':<{width}}  " + "".join(f"{k:>8}" for k in kinds) + f"{'total':>8}", file=out)
    for name in CLASSES:
        row = [verdicts[(name, kind)] for kind in kinds]
        print(f"{name:<{width}}  " + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}", file=out)
    per_command = collections.Counter((run.command, run.verdict == "ok") for run in runs)
    print(
        "by command: "
        + ", ".join(
            f"{c} {per_command[(c, True)]} ok / {per_command[(c, False)]} failing"
            for c in ("check", "parse", "build")
        ),
        file=out,
    )
    exits = collections.Counter(run.exit for run in runs)
    print("exit codes: " + ", ".join(f"{code}: {n}" for code, n in sorted(exits.items(), key=str)), file=out)
    slowest = sorted(runs, key=lambda r: -r.seconds)[:5]
    print("slowest: " + "; ".join(f"{r.command} {r.case} {r.seconds:.1f} s" for r in slowest), file=out)
    failing = [run for run in runs if run.problems]
    if not failing:
        return
    groups: dict[tuple[str, str, str], list[Run]] = collections.defaultdict(list)
    for run in failing:
        groups[(run.verdict, run.command, run.signature())].append(run)
    print(
        f"\n{len(failing)} failing runs in {len(groups)} groups (class, command, cause; smallest input):",
        file=out,
    )
    for (verdict, command, signature), members in sorted(groups.items(), key=lambda g: (g[0][0], -len(g[1]))):
        smallest = min(members, key=lambda r: (r.size, r.case))
        kinds_seen = ",".join(sorted({r.kind for r in members}))
        print(f"- [{verdict}] {command} ×{len(members)} ({kinds_seen}): {signature}", file=out)
        extra = f" +{','.join(smallest.problems[1:])}" if len(smallest.problems) > 1 else ""
        print(
            f"    smallest: {smallest.case} ({smallest.size} B), exit {smallest.exit}{extra}, "
            f"{smallest.seconds:.1f} s: {smallest.first_line()[:200]}",
            file=out,
        )


def save_failures(runs: list[Run], selected: list[Case], folder: Path) -> None:
    by_name = {case.name: case for case in selected}
    for run in runs:
        if not run.problems or run.case not in by_name:
            continue
        case = by_name[run.case]
        target = folder / run.verdict / case.name.replace("/", "__")
        target.mkdir(parents=True, exist_ok=True)
        (target / (Path(case.filename).name or "input")).write_bytes(case.data)
        with open(target / "runs.txt", "a", encoding="utf-8") as notes:
            notes.write(
                f"{' '.join(run.argv[2:])}\nexit {run.exit}, {run.seconds:.1f} s\n{run.stderr[:4000]}\n\n"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=None, help="a spread of N cases (default: all)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run (default 60)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address space per run (default 2048)")
    parser.add_argument("--only", help="only the cases whose name matches this regular expression")
    parser.add_argument("--no-folders", action="store_true", help="skip the hostile folders")
    parser.add_argument("--save-failures", type=Path, help="copy each failing input and its runs here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder of failing runs")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    selected = cases(args.seed, args.count)
    if args.only:
        selected = [case for case in selected if re.search(args.only, case.name)]
    made = time.perf_counter() - start
    counts = collections.Counter(case.kind for case in selected)
    print(
        f"seed {args.seed}: {len(selected)} cases ("
        + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
        + f") made in {made:.0f} s; limits {args.timeout:.0f} s and {args.memory_mb} MB per run,"
        f" -j {args.jobs}",
        flush=True,
    )
    escaped_before = (Path(tempfile.gettempdir()) / ESCAPE_NAME).exists()
    base = Path(tempfile.mkdtemp(prefix="juesuan-fuzz-"))
    try:
        runs = run_all(
            selected,
            not args.no_folders and not args.only,
            args.jobs,
            args.timeout,
            args.memory_mb,
            base,
            args.seed,
        )
        if not escaped_before and (Path(tempfile.gettempdir()) / ESCAPE_NAME).exists():
            print(f"!! a zip member escaped to {Path(tempfile.gettempdir()) / ESCAPE_NAME}")
        report(runs, time.perf_counter() - start)
        if args.save_failures:
            save_failures(runs, selected, args.save_failures)
            print(f"failing inputs saved under {args.save_failures}")
    finally:
        if args.keep:
            print(f"work folders of failing runs kept in {base}")
        else:
            _remove(base)
    return 0 if all(not run.problems for run in runs) else 1


def _remove(base: Path) -> None:
    """The work folder, with the 1,500-deep folder in it (too deep for shutil's recursion)."""
    subprocess.run(["rm", "-rf", "--", str(base)], check=False)
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
