"""A check's result: findings grouped for people (text), or as JSON for programs."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from juesuan.catalogue.tables import table_name
from juesuan.model import Problem
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.registry import Rule, all_rules

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
READING_RULE = "R-reading"


def reading_findings(problems: Iterable[Problem]) -> list[Finding]:
    """What the reader could not place, reported like any finding (never dropped silently)."""
    return [
        Finding(READING_RULE, Severity(p.severity), p.message, (), str(p.origin), p.origin) for p in problems
    ]


def review(disclosure, problems: Iterable[Problem]) -> list[Finding]:
    """What `juesuan check` reports for a disclosure read with these problems, wherever it runs
    (command line, batch, web, library): the reading's notes, then every rule's findings, with the
    reviewer's outside facts in force — none given, the rules that need them say once that they
    cannot check. Each finding carries its origin: the rule's, else its subject cell's."""
    from juesuan.rules import run_rules
    from juesuan.rules.findings import named_origins, with_origin
    from juesuan.rules.outside import OutsideFacts, facts_in_force, given

    with given(facts_in_force() or OutsideFacts()):
        found = reading_findings(problems) + run_rules(disclosure)
    named = named_origins(disclosure)
    problems = list(problems)
    unread = unsure_tables(problems)
    incomplete = incomplete_tables(disclosure, problems)
    scanned, printed = pages_by_reading(disclosure)
    found = [not_placed(with_origin(disclosure, finding, named), incomplete) for finding in found]
    return [
        unsure(disclosure, finding, unread, on_scanned_text(disclosure, finding, scanned, printed))
        for finding in found
    ]


def pages_by_reading(disclosure) -> tuple[set[int], set[int]]:
    """(the pages read by OCR, the pages read from a text layer), by the origins on them."""
    from dataclasses import fields, is_dataclass

    from juesuan.model import Origin

    scanned: set[int] = set()
    printed: set[int] = set()
    stack = [disclosure]
    while stack:
        value = stack.pop()
        if isinstance(value, Origin):
            if value.page is not None:
                (scanned if value.confidence is not None else printed).add(value.page)
        elif isinstance(value, tuple | list):
            stack.extend(value)
        elif is_dataclass(value) and not isinstance(value, type):
            stack.extend(getattr(value, field.name) for field in fields(value))
    return scanned, printed - scanned


def on(finding: Finding, pages: set[int]) -> bool:
    return finding.origin is not None and finding.origin.page in pages


def on_scanned_text(disclosure, finding: Finding, scanned: set[int], printed: set[int]) -> bool:
    """Whether a finding, in a document with pages read by OCR, rests on text OCR read: it
    names no figure (a heading's year, a placeholder, a table's title against the 目录, a
    科目名称, a blank cell), or it sits on a scanned page in a place the reading never measured
    (an origin the rule made itself, with no OCR confidence: a section of 情况说明 that does not
    state what it should). OCR's confidence is measured on figures; a word it was sure of may
    still be misread (〈 for （). Never when it sits on a page with a text layer."""
    from juesuan.rules.cells import figure_at

    if not scanned or on(finding, printed):
        return False
    origin = finding.origin
    unmeasured = origin is not None and origin.page in scanned and origin.confidence is None
    figures = any(not c.table.isdigit() or figure_at(disclosure, c) is not None for c in finding.cells)
    return unmeasured or not figures


NOT_PLACED = "无法核对（该表有读取时未能归位的内容，所涉数值可能不全，请对照原页面核实）"


def incomplete_tables(disclosure, problems: Iterable[Problem]) -> frozenset[str]:
    """Of a 预算 (read under a template that may not fit its region yet), the tables whose reading
    left a warning (预算04表：“…”对应不到模板的行次 …): a sum over them may miss what was not placed.
    None for a 决算, whose templates are each verified on the documents they read."""
    if getattr(disclosure, "kind", "") != "预算":
        return frozenset()
    notes = [p.message for p in problems if p.severity != "info"]
    return frozenset(
        t.number for t in disclosure.tables if any(m.startswith(f"{table_name(t.number)}：") for m in notes)
    )


def not_placed(finding: Finding, tables: frozenset[str]) -> Finding:
    """A finding over a table whose reading was incomplete (`incomplete_tables`): one of its cells,
    or a table its message compares with (按 预算01表 …), is a note that it cannot be checked, never
    an error or a warning: what was not read may be what it misses."""
    from dataclasses import replace

    touched = {cell.table for cell in finding.cells} | {n for n in tables if table_name(n) in finding.message}
    if finding.severity == Severity.INFO or finding.rule == READING_RULE or not touched & tables:
        return finding
    return replace(finding, severity=Severity.INFO, message=f"{NOT_PLACED}：{finding.message}")


UNSURE = "无法核对（所涉数值由 OCR 识别，置信度不足，请对照原页面核实）"
UNSURE_TEXT = (
    "无法核对（所在页由 OCR 识别，文字可能识别有误，请对照原页面核实）"  # a finding on text, not figures
)


def unsure_tables(problems: Iterable[Problem]) -> frozenset[str]:
    """The tables ('02') where OCR left a cell it could not read surely (a reading note of the
    table, 公开02表：…, sitting where OCR was unsure): a blank there may be a figure not read."""
    from juesuan.catalogue.tables import table_name

    unsure_notes = [p.message for p in problems if p.severity != "info" and p.origin.unsure]
    names = {table_name(f"{n:02d}"): f"{n:02d}" for n in range(1, 11)}
    return frozenset(
        number for name, number in names.items() for m in unsure_notes if m.startswith(f"{name}：")
    )


def unsure(
    disclosure, finding: Finding, unread_tables: frozenset[str] = frozenset(), off_text: bool = False
) -> Finding:
    """A finding that rests on a value OCR read below the confidence it needs (`Origin.unsure`),
    or on a table where OCR left a cell unread (`unsure_tables`), is a note that it cannot be
    checked, never an error or a warning: the reading may be wrong. So is a finding that rests
    on text OCR read (`off_text`, `on_scanned_text`): its words may be misread, or a line OCR
    could not place may have been taken for a heading."""
    from dataclasses import replace

    from juesuan.rules.findings import cell_origins

    if finding.severity == Severity.INFO:
        return finding
    origins = [finding.origin, *cell_origins(disclosure, finding)]
    in_unread = any(cell.table in unread_tables for cell in finding.cells)
    if in_unread or any(origin is not None and origin.unsure for origin in origins):
        return replace(finding, severity=Severity.INFO, message=f"{UNSURE}：{finding.message}")
    if off_text:
        return replace(finding, severity=Severity.INFO, message=f"{UNSURE_TEXT}：{finding.message}")
    return finding


def reading_quality(tables: Iterable, problems: Iterable[Problem]) -> list[str]:
    """One line per table read: its rows and figures, and how many of its lines could not be placed."""
    problems = list(problems)
    lines = []
    for table in tables:
        name = table_name(table.number)
        figures = sum(len(row.cells) for row in table.rows)
        unplaced = sum(1 for p in problems if p.message.startswith(f"{name}：") and p.severity != "info")
        note = f"，{unplaced} 处未能归位" if unplaced else ""
        lines.append(f"{name}：{len([r for r in table.rows if r.cells])} 行 {figures} 个数值{note}")
    return lines


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(finding.severity for finding in findings)
    return {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def summary_line(findings: Sequence[Finding]) -> str:
    counts = summary(findings)
    return f"共 {counts['errors']} 个错误、{counts['warnings']} 个警告、{counts['infos']} 条提示"


def report_json(disclosure, problems: Iterable[Problem], findings: Sequence[Finding]) -> str:
    """`juesuan check --format json` (and the web API's check): the findings, their counts, the
    template the disclosure was read under and why, and the reading of each table."""
    template = {"name": disclosure.template, "evidence": disclosure.template_evidence}
    return as_json(findings, template=template, reading=reading_quality(disclosure.tables, problems))


def as_json(findings: Sequence[Finding], **extra: object) -> str:
    document = {"findings": [f.to_dict() for f in findings], "summary": summary(findings), **extra}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def as_text(findings: Sequence[Finding], style=lambda text, **_: text, unlisted: Collection[str] = ()) -> str:
    """Grouped by severity, then rule; `style` is click.style when colour is wanted. The findings
    of the `unlisted` rules are counted, not listed."""
    titles = {rule.id: rule.title for rule in all_rules()}
    titles[READING_RULE] = "读取时无法归位的内容"
    listed = [f for f in findings if f.rule not in unlisted]
    lines: list[str] = []
    for severity in Severity:
        group = [f for f in listed if f.severity == severity]
        if group:
            lines.append(
                style(f"{SEVERITY_NAMES[severity]}（{len(group)}）", fg=SEVERITY_COLOURS[severity], bold=True)
            )
            lines += _rule_groups(group, titles, style)
    if len(listed) < len(findings):
        names = "、".join(titles.get(rule, rule) for rule in unlisted)
        lines.append(f"另有 {len(findings) - len(listed)} 条未列出：{names}（juesuan check 可查看）")
    lines.append(style(summary_line(findings), bold=True))
    return "\n".join(lines) + "\n"


def _rule_groups(findings: Sequence[Finding], titles: dict[str, str], style) -> list[str]:
    lines = []
    for rule_id in dict.fromkeys(f.rule for f in findings):
        lines.append("  " + style(rule_id, bold=True) + f" {titles.get(rule_id, '')}")
        lines += [
            f"    {f.where}：{f.message}" if f.where else f"    {f.message}"
            for f in findings
            if f.rule == rule_id
        ]
    return lines


def rules_table(rules: Sequence[Rule]) -> str:
    """`juesuan rules`: id, severity, title and the line of documentation of every rule."""
    rows = [f"{r.id}\t{SEVERITY_NAMES[r.severity]}\t{r.title}\t{r.doc}" for r in rules]
    return "\n".join(["编号\t严重程度\t标题\t说明", *rows]) + "\n"
