"""Checking many files: in this process, in local worker processes, or on a Dask cluster.

`check_file` reads and checks one file and returns a `FileResult` of plain data (picklable, the
same whichever way it ran); `check_files` maps it over many paths, in order, sequentially, with a
`ProcessPoolExecutor` (``jobs``, chunked) or with Dask's ``client.map`` (``scheduler``). Nothing
here distributes work by itself: the pool and Dask do.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn

from juesuan.isolation import DEFAULT_LIMITS, Limits
from juesuan.sources.ocr import OcrSettings

SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # images: by OCR
MAX_FOLDER_DEPTH = 100  # levels of folders searched below a folder given: deeper is a loop or a trap
MAX_FILES = 200_000  # files found in one run
Progress = Callable[[], None]


@dataclass(frozen=True)
class FileResult:
    """One file's check: who and when (unit, year), counts and findings, or why it was unreadable."""

    path: str
    sha256: str
    unit: str = ""
    year: int | None = None
    title: str = ""
    format: str = ""
    template: str = ""  # the template it was read under
    summary: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("errors", "warnings", "infos"), 0))
    findings: tuple[dict, ...] = ()
    error: str = ""  # the reader's message when the file could not be read
    # with the cells: the unit's metadata and last year's figures (`juesuan.store.metadata`)
    unit_metadata: dict[str, object] = field(default_factory=dict)
    last_year: tuple[tuple[object, ...], ...] = ()
    cells: tuple[tuple[str, ...], ...] = ()  # tidy cells, when asked for (the corpus needs them)
    report: bytes = b""  # the file's own report in the format asked for (`juesuan.report.FORMATS`)

    @property
    def unreadable(self) -> bool:
        return bool(self.error)

    @property
    def errors(self) -> int:
        return self.summary.get("errors", 0)

    @property
    def warnings(self) -> int:
        return self.summary.get("warnings", 0)

    def record(self) -> dict[str, object]:
        """The JSON Lines record: path, sha256, unit, year, template, summary, findings (and error)."""
        record: dict[str, object] = {"path": self.path, "sha256": self.sha256, "unit": self.unit}
        record.update(
            year=self.year, template=self.template, summary=self.summary, findings=list(self.findings)
        )
        if self.error:
            record["error"] = self.error
        return record


def for_the_corpus(disclosure) -> dict[str, object]:
    """What the corpus keeps besides the cells: the unit's metadata and last year's figures."""
    from juesuan.store.metadata import last_year_rows, unit_metadata

    return {"unit_metadata": unit_metadata(disclosure), "last_year": tuple(last_year_rows(disclosure))}


def expand(inputs: Iterable[str]) -> list[Path]:
    """Files as given, folders searched recursively for .txt .pdf .docx .xlsx and images (.png
    .jpg .jpeg .tif .tiff, read by OCR), glob patterns
    expanded (``**`` included); each file once, in the order found, folders sorted.

    A SourceError when a folder goes deeper than `MAX_FOLDER_DEPTH` or more than `MAX_FILES`
    files are found."""
    found: dict[Path, None] = {}
    for text in inputs:
        path = Path(text)
        if _is_dir(path):
            _add(found, _files_under(path))
        elif not _exists(path) and glob.has_magic(text):
            for match in _matches(text):
                _add(found, _files_under(match) if _is_dir(match) else [match])
        else:
            _add(found, [path])
    return list(found)


def _is_dir(path: Path) -> bool:
    """Whether the path is a folder; a name the system refuses (too long …) is not, and is kept
    for its result to say why it cannot be read."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _add(found: dict[Path, None], paths: Iterable[Path]) -> None:
    found.update(dict.fromkeys(paths))
    if len(found) > MAX_FILES:
        _refuse(f"找到的文件超过 {MAX_FILES} 个，请分批审核")


def _matches(pattern: str) -> list[Path]:
    try:  # glob descends into ``**`` by recursion
        return sorted(Path(p) for p in glob.glob(pattern, recursive=True))
    except RecursionError:
        _refuse(f"文件夹层次过深，无法展开：{pattern}")
    except OSError:
        return []  # a pattern the system refuses matches nothing


def _files_under(folder: Path) -> list[Path]:
    """The files to check below `folder`, sorted; a walk with its own stack (no recursion), into
    folders but not through links to folders (a link may loop)."""
    files: list[Path] = []
    stack = [(str(folder), 0)]
    while stack:
        current, depth = stack.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if depth >= MAX_FOLDER_DEPTH:
                            _refuse(f"文件夹层次超过 {MAX_FOLDER_DEPTH} 层，拒绝搜索：{folder}")
                        stack.append((entry.path, depth + 1))
                    elif Path(entry.name).suffix.lower() in SUFFIXES and entry.is_file():
                        files.append(Path(entry.path))
        except OSError:  # a folder that cannot be listed is skipped, as a search skips it
            continue
        if len(files) > MAX_FILES:
            _refuse(f"{folder} 中的文件超过 {MAX_FILES} 个，请分批审核")
    return sorted(files)


def _refuse(message: str) -> NoReturn:
    from juesuan.sources import SourceError

    raise SourceError(message)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_file(
    path: str | Path,
    cells: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    report: str = "",
    ocr: OcrSettings | None = None,
) -> FileResult:
    """Read and check one file, in a child process under `limits`; an unreadable file (or one
    past a limit) is a result with `error`, never an exception. `report` names a format of
    `juesuan.report.FORMATS` the file's own report is written in (`FileResult.report`). `ocr`:
    the OCR settings to read it under (a worker process or a Dask node has only the defaults);
    None keeps those in force here."""
    if ocr is not None:
        from juesuan.sources.ocr import using

        with using(ocr):
            return check_file(path, cells, limits, report)
    from juesuan.isolation import Bug, isolated
    from juesuan.sources import SourceError

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return FileResult(str(path), "", error=f"无法读取文件 {path}：{error.strerror or error}")
    digest = sha256_of(data)
    if not data:
        return FileResult(str(path), digest, error=f"文件为空：{path}")
    try:
        return isolated(_check_bytes, data, str(path), digest, cells, report, limits=limits)
    except (SourceError, Bug) as error:  # a reader's refusal names the file; a limit's does not
        message = str(error)
        return FileResult(str(path), digest, error=message if path.name in message else f"{message}：{path}")


def _check_bytes(data: bytes, path: str, digest: str, cells: bool, report: str = "") -> FileResult:
    from juesuan.sources import read_bytes

    disclosure, problems = read_bytes(data, Path(path).name)
    return checked(path, digest, disclosure, problems, cells, report)


def checked(
    path: str, digest: str, disclosure, problems, cells: bool = False, report: str = ""
) -> FileResult:
    """The result of checking a disclosure already read (with its report written as `report`)."""
    from juesuan.model import tidy_cells
    from juesuan.report import FORMATS, check_disclosure
    from juesuan.report.index import INDEX_NAME
    from juesuan.rules.report import summary

    index = f"{INDEX_NAME}.html" if report else ""  # a report in a batch's folder links back
    checked_report = check_disclosure(disclosure, problems, source=path, index=index)
    findings = checked_report.findings
    return FileResult(
        path=path,
        sha256=digest,
        unit=disclosure.unit,
        year=disclosure.year,
        title=disclosure.title,
        format=disclosure.source_format,
        template=disclosure.template,
        **(for_the_corpus(disclosure) if cells else {}),
        summary=summary(findings),
        findings=tuple(finding.to_dict() for finding in findings),
        cells=tuple(cell.as_tuple() for cell in tidy_cells(disclosure)) if cells else (),
        report=FORMATS[report].write(checked_report) if report else b"",
    )


def check_files(
    paths: Sequence[str | Path],
    jobs: int = 1,
    scheduler: object = None,
    cells: bool = False,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    report: str = "",
) -> Iterator[FileResult]:
    """`check_file` over the paths, results in the order of the paths (each with its own report
    in the format `report`, when given).

    ``scheduler`` (a Dask scheduler address or a `distributed.Client`) runs them on that cluster;
    else ``jobs`` > 1 runs them in as many local processes, in chunks. Either way each file is
    read under the OCR settings in force here (--no-ocr, --ocr-pages, --ocr-seconds), sent along.
    """
    from juesuan.sources.ocr import settings

    tick = progress or (lambda: None)
    ocr = replace(settings(), progress=None)  # a terminal's progress line stays here
    if scheduler is not None:
        yield from _on_dask(paths, scheduler, cells, tick, limits, report, ocr)
        return
    if jobs > 1 and len(paths) > 1:
        results = _in_processes(paths, jobs, cells, limits, report, ocr)
    else:
        results = (check_file(path, cells, limits, report) for path in paths)
    for result in results:
        tick()
        yield result


def chunk_size(count: int, jobs: int) -> int:
    """Big enough to amortise sending work to a process (a file takes ~0.1 s), small enough that
    no process idles long at the end while another finishes its last chunk."""
    return max(1, min(16, count // (jobs * 32)))


def _in_processes(
    paths: Sequence[str | Path],
    jobs: int,
    cells: bool,
    limits: Limits,
    report: str = "",
    ocr: OcrSettings | None = None,
) -> Iterator[FileResult]:
    count, chunks = len(paths), chunk_size(len(paths), jobs)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(
            check_file,
            paths,
            [cells] * count,
            [limits] * count,
            [report] * count,
            [ocr] * count,
            chunksize=chunks,
        )


def _on_dask(
    paths: Sequence[str | Path],
    scheduler: object,
    cells: bool,
    tick: Progress,
    limits: Limits,
    report: str = "",
    ocr: OcrSettings | None = None,
) -> list[FileResult]:
    """client.map over the paths, gathered in order (progress as each finishes)."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(str(scheduler))
    try:
        futures = client.map(
            check_file,
            [str(p) for p in paths],
            cells=cells,
            limits=limits,
            report=report,
            ocr=ocr,
            pure=False,
        )
        for _ in as_completed(futures):
            tick()
        return client.gather(futures)
    finally:
        if client is not scheduler:
            client.close()


def totals(results: Iterable[FileResult]) -> dict[str, int]:
    """files, files with errors, errors, warnings and unreadable files."""
    counts = dict.fromkeys(("files", "files_with_errors", "errors", "warnings", "unreadable"), 0)
    for result in results:
        counts["files"] += 1
        counts["files_with_errors"] += bool(result.errors)
        counts["errors"] += result.errors
        counts["warnings"] += result.warnings
        counts["unreadable"] += result.unreadable
    return counts


def exit_code(counts: dict[str, int]) -> int:
    """2 when every file was unreadable; 1 when any file has an error or could not be read; else 0."""
    if counts["files"] and counts["unreadable"] == counts["files"]:
        return 2
    return 1 if counts["files_with_errors"] or counts["unreadable"] else 0


def jsonl(result: FileResult) -> str:
    return json.dumps(result.record(), ensure_ascii=False) + "\n"


@contextmanager
def progress_bar(total: int, description: str = "审核") -> Iterator[Progress]:
    """A rich progress bar on stderr (drawn only on a terminal); yields the function to advance it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)


def summary_table(results: Sequence[FileResult], counts: dict[str, int], listed: int = 30):
    """A rich table of the files with errors, warnings or no reading, then the totals row."""
    from rich.table import Table

    table = Table(title="审核汇总", show_footer=True)
    headers = ("文件", "单位", "年度", "错误", "警告", "状态")
    footers = (f"共 {counts['files']} 个文件", "", "", str(counts["errors"]), str(counts["warnings"]))
    status = f"{counts['files_with_errors']} 个有错误，{counts['unreadable']} 个无法读取"
    for header, footer in zip(headers, (*footers, status), strict=True):
        table.add_column(header, footer=footer, overflow="fold")
    flagged = [r for r in results if r.errors or r.warnings or r.unreadable]
    for result in flagged[:listed]:
        state = "无法读取" if result.unreadable else ("有错误" if result.errors else "有警告")
        year = "" if result.year is None else str(result.year)
        table.add_row(result.path, result.unit, year, str(result.errors), str(result.warnings), state)
    if len(flagged) > listed:
        table.caption = f"另有 {len(flagged) - listed} 个文件有问题未列出（用 --format jsonl 查看全部）"
    return table
