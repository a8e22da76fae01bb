"""The findings as text with the reviewer's numbers and decisions, and what changed since a file.

The numbers are the findings' places in the listing (errors, warnings, notes; within each, rule by
rule in order of first finding): `juesuan decide FILE 3` marks the third listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from juesuan.decisions.changes import Changes
from juesuan.decisions.concern import concern
from juesuan.decisions.store import Decision
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.report import READING_RULE, SEVERITY_COLOURS, SEVERITY_NAMES, summary_line

Style = Callable[..., str]


def plain(text: str, **_: object) -> str:
    return text


def listed(findings: Sequence[Finding]) -> list[Finding]:
    """The findings in the order `juesuan check` lists them, the order its numbers count."""
    ordered: list[Finding] = []
    for severity in Severity:
        group = [finding for finding in findings if finding.severity == severity]
        for rule in dict.fromkeys(finding.rule for finding in group):
            ordered += [finding for finding in group if finding.rule == rule]
    return ordered


def numbered_text(
    findings: Sequence[Finding], disclosure, decided: Mapping[str, Decision], style: Style = plain
) -> str:
    """Like `juesuan check`'s text, each finding numbered and followed by its decision, if any."""
    lines: list[str] = []
    shown = listed(findings)
    for severity in Severity:
        group = [(n, f) for n, f in enumerate(shown, start=1) if f.severity == severity]
        if group:
            heading = f"{SEVERITY_NAMES[severity]}（{len(group)}）"
            lines.append(style(heading, fg=SEVERITY_COLOURS[severity], bold=True))
            lines += _rule_groups(group, disclosure, decided, style)
    lines.append(style(summary_line(findings), bold=True))
    lines.append(decided_line(findings, disclosure, decided))
    return "\n".join(lines) + "\n"


def _rule_groups(
    group: list[tuple[int, Finding]], disclosure, decided: Mapping[str, Decision], style: Style
) -> list[str]:
    titles = rule_titles()
    lines: list[str] = []
    for rule in dict.fromkeys(finding.rule for _, finding in group):
        lines.append("  " + style(rule, bold=True) + f" {titles.get(rule, '')}")
        for number, finding in group:
            if finding.rule == rule:
                lines.append(f"    [{number}] {located(finding)}")
                decision = decided.get(concern(finding, disclosure))
                if decision:
                    lines.append("        " + style(decision_line(decision), fg="green"))
    return lines


def located(finding: Finding) -> str:
    return f"{finding.where}：{finding.message}" if finding.where else finding.message


def decision_line(decision: Decision) -> str:
    note = decision.note
    return f"【{decision.verdict}】{note}（{decision.decided_at:%Y-%m-%d} 标记）"


def decided_line(findings: Sequence[Finding], disclosure, decided: Mapping[str, Decision]) -> str:
    """How many findings carry a decision, and how to mark one."""
    verdicts = [decided[key].verdict for key in (concern(f, disclosure) for f in findings) if key in decided]
    counts = "、".join(f"{verdict} {verdicts.count(verdict)} 条" for verdict in dict.fromkeys(verdicts))
    done = f"已处理 {len(verdicts)} 条（{counts}）" if verdicts else "尚无处理意见"
    return f"{done}；标记：juesuan decide 文件 编号 --as 已说明|不采纳 --note 说明 --corpus 语料库"


def changes_text(
    changes: Changes,
    new_findings: Sequence[Finding],
    new_disclosure,
    decided: Mapping[str, Decision] | None = None,
    style: Style = plain,
) -> str:
    """`juesuan check NEW --against OLD`: fixed (where OLD had them, so marked 上次提交), new and
    remaining (where NEW has them), each remaining or new one with its decision in `decided`."""
    lines = [
        style(
            f"对照上次提交：已改正 {len(changes.fixed)} 条，新出现 {len(changes.new)} 条，"
            f"仍存在 {len(changes.remaining)} 条",
            bold=True,
        )
    ]
    lines.append(style(f"已改正（{len(changes.fixed)}）", fg="green", bold=True))
    lines += _changed(changes.fixed, new_disclosure, None, "上次提交 ")
    lines.append(style(f"新出现（{len(changes.new)}）", fg="red", bold=True))
    lines += _changed(changes.new, new_disclosure, decided)
    lines.append(style(f"仍存在（{len(changes.remaining)}）", fg="yellow", bold=True))
    lines += _changed(changes.remaining, new_disclosure, decided)
    lines.append(style(f"本次提交：{summary_line(new_findings)}", bold=True))
    return "\n".join(lines) + "\n"


def _changed(
    group: Sequence[Finding], disclosure, decided: Mapping[str, Decision] | None, submission: str = ""
) -> list[str]:
    titles = rule_titles()
    lines: list[str] = []
    for finding in listed(group):
        severity = SEVERITY_NAMES[finding.severity]
        lines.append(f"  [{severity}] {finding.rule} {titles.get(finding.rule, '')}")
        lines.append(f"    {submission}{located(finding)}")
        decision = (decided or {}).get(concern(finding, disclosure))
        if decision:
            lines.append(f"    {decision_line(decision)}")
    return lines


def rule_titles() -> dict[str, str]:
    from juesuan.rules.registry import all_rules

    titles = {rule.id: rule.title for rule in all_rules()}
    titles[READING_RULE] = "读取时无法归位的内容"
    return titles
