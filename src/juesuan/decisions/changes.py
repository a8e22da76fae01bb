"""What changed between two submissions of a disclosure: the findings fixed, new and remaining.

Findings are matched by concern (`concern.concern`), never by line: a corrected file moves its
lines. Equal concerns are matched in order, as many as both have: two “100%” in one section of the
old file and one in the new is one fixed and one remaining.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from juesuan.decisions.concern import concern
from juesuan.rules.findings import Finding


@dataclass(frozen=True)
class Changes:
    fixed: list[Finding]  # in the old findings, not in the new (as the old file had them)
    new: list[Finding]  # in the new findings, not in the old
    remaining: list[Finding]  # in both (as the new file has them)


def changes(
    old_findings: Sequence[Finding], new_findings: Sequence[Finding], old_disclosure, new_disclosure
) -> Changes:
    old_concerns = [concern(finding, old_disclosure) for finding in old_findings]
    new_concerns = [concern(finding, new_disclosure) for finding in new_findings]
    new, remaining = _split(new_findings, new_concerns, Counter(old_concerns))
    fixed, _ = _split(old_findings, old_concerns, Counter(new_concerns))
    return Changes(fixed, new, remaining)


def _split(
    findings: Sequence[Finding], concerns: list[str], other: Counter[str]
) -> tuple[list[Finding], list[Finding]]:
    """(the findings the other side has no match for, those it has), in order."""
    unmatched, matched = [], []
    for finding, key in zip(findings, concerns, strict=True):
        if other[key]:
            other[key] -= 1
            matched.append(finding)
        else:
            unmatched.append(finding)
    return unmatched, matched
