"""The build pipeline: an input package in, the whole disclosure out, every figure checked.

    read_package → derive → write_narrative + standard_glossary → run_rules → render

`build_package` does it all in one call; `assemble` and `render_formats` are its two halves, for
a caller (the `juesuan build` command) that stops between them when the check finds an error,
or shows progress while rendering.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from juesuan.catalogue import NO_DATA_NOTE
from juesuan.model import Disclosure, Table
from juesuan.model.facts import Facts
from juesuan.rules.findings import Finding, Severity

if TYPE_CHECKING:
    from juesuan.render.parallel import PdfWorker

FORMATS = ("html", "pdf", "docx", "xlsx")
NARRATIVE_RULE = "B-narrative"
BUDGET = "预算"


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the disclosure, the facts it used, the findings and the files by format."""

    disclosure: Disclosure
    facts: Facts
    findings: tuple[Finding, ...]
    files: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    seconds: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == Severity.ERROR)


def build_package(path: str | Path, formats: Iterable[str] = FORMATS) -> BuildResult:
    """Read, complete, write, check and render the package at `path` (a folder or a .zip).

    Files are rendered even when the check finds errors: the result says so (`errors`)."""
    assembled = assemble(path)
    files, seconds = render_formats(assembled.disclosure, formats)
    return replace(assembled, files=MappingProxyType(files), seconds=MappingProxyType(seconds))


def assemble(path: str | Path) -> BuildResult:
    """The complete disclosure of the package and its findings, nothing rendered yet."""
    from juesuan.model.derive import derive
    from juesuan.package import read_package
    from juesuan.rules import run_rules
    from juesuan.rules.report import reading_findings

    disclosure, facts, problems = read_package(path)
    disclosure, derived = derive(disclosure)
    disclosure = with_no_data_notes(disclosure)
    disclosure, written = with_narrative(disclosure, facts)
    findings = reading_findings([*problems, *derived]) + written + run_rules(disclosure)
    return BuildResult(disclosure, facts, tuple(findings))


def with_narrative(disclosure: Disclosure, facts: Facts) -> tuple[Disclosure, list[Finding]]:
    """第三部分 written from the tables, forms and facts, and 第四部分 the standard glossary (a
    budget's: narrative/write_budget_disclosure.py).

    A failure to write is reported as an error finding, and the document goes on without it."""
    from juesuan.catalogue import standard_glossary
    from juesuan.narrative.write import write_narrative

    if disclosure.kind == BUDGET:  # a 部门预算: its own sections and terms
        from juesuan.narrative.write_budget_disclosure import budget_glossary, write_budget_disclosure

        glossary, writer = budget_glossary(), write_budget_disclosure
    else:
        glossary, writer = tuple(entry.to_term() for entry in standard_glossary()), write_narrative
    try:
        narrative = writer(disclosure, facts)
    except Exception:  # a writer's failure must not hide the other findings
        if os.environ.get("JUESUAN_DEBUG"):
            traceback.print_exc()
        message = "无法撰写第三部分 情况说明（程序出错）；请用 juesuan --debug 重新运行，并把输出报告给开发者"
        return replace(disclosure, glossary=glossary), [Finding(NARRATIVE_RULE, Severity.ERROR, message)]
    return replace(disclosure, narrative=tuple(narrative), glossary=glossary), []


def with_no_data_notes(disclosure: Disclosure) -> Disclosure:
    """Each table without figures says 本表无数据 (as the template requires); others do not."""
    return replace(disclosure, tables=tuple(_noted(table) for table in disclosure.tables))


def _noted(table: Table) -> Table:
    if table.says_no_data or any(figure.value for row in table.rows for _, figure in row.cells):
        return table
    return replace(table, notes=(*table.notes, NO_DATA_NOTE))


def start_renderers(formats: Iterable[str]) -> PdfWorker | None:
    """The build's workers: a process forked now that imports matplotlib and the Word renderer
    while this one reads and checks the package (it then draws the charts and makes the Word
    file), and the PDF's, forked when it is given the PDF; None when workers would not help (no
    PDF asked for, one core, threads running, or JUESUAN_JOBS=1). Pass it to `render_formats`;
    close it (or use it as a context manager) when the build stops before rendering."""
    from juesuan.render import parallel

    if "pdf" in tuple(formats) and parallel.usable():
        return parallel.PdfWorker()
    return None


def render_formats(
    disclosure: Disclosure,
    formats: Iterable[str],
    before: Callable[[str], None] | None = None,
    worker: PdfWorker | None = None,
) -> tuple[dict[str, bytes], dict[str, float]]:
    """The bytes of each format, and the seconds each took; `before(fmt)` is called before each.

    With two cores the charts, the Word file and the PDF are made in forked workers (`worker`,
    or ones made here when another format is asked for too) while this process renders the
    others (`parallel.render_beside`)."""
    from juesuan.render import parallel

    formats = tuple(formats)
    if worker is None and "pdf" in formats and len(formats) > 1 and parallel.usable():
        worker = parallel.PdfWorker()
    if worker is None or "pdf" not in formats:
        if worker is not None:
            worker.close()
        return _render_here(disclosure, formats, before)
    with worker:
        return _render_beside(disclosure, formats, before, worker)


def _render_here(
    disclosure: Disclosure, formats: tuple[str, ...], before: Callable[[str], None] | None
) -> tuple[dict[str, bytes], dict[str, float]]:
    from juesuan.render import render

    files: dict[str, bytes] = {}
    seconds: dict[str, float] = {}
    for fmt in formats:
        if before is not None:
            before(fmt)
        start = time.perf_counter()
        files[fmt] = render(disclosure, fmt)
        seconds[fmt] = time.perf_counter() - start
    return files, seconds


def _render_beside(
    disclosure: Disclosure,
    formats: tuple[str, ...],
    before: Callable[[str], None] | None,
    worker: PdfWorker,
) -> tuple[dict[str, bytes], dict[str, float]]:
    """The charts, the Word file and the PDF made by workers, the other formats here meanwhile
    (`parallel.render_beside`)."""
    from juesuan.render import parallel

    return parallel.render_beside(disclosure, formats, before, worker, _render_here)
