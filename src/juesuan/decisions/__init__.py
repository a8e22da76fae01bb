"""The reviewer's decisions on findings, and what changed between two submissions.

    decisions = Decisions(corpus)                       # a juesuan.store.Corpus
    decisions.record(disclosure, finding, "已说明", "单位已补充说明")
    decisions.of(resubmitted)                           # {concern: Decision}: the same unit and year
    changes(old_findings, new_findings, old, new)       # Changes(fixed, new, remaining)

A decision is filed by unit, year, rule and what the finding concerns (`concern`: its cells, or
its section and message with figures masked), never by line or page, so a corrected file of the
same unit and year shows it again. See docs/decisions.md.
"""

from juesuan.decisions.changes import Changes, changes
from juesuan.decisions.concern import concern
from juesuan.decisions.store import VERDICTS, Decision, DecisionError, Decisions

__all__ = ["VERDICTS", "Changes", "Decision", "DecisionError", "Decisions", "changes", "concern"]
