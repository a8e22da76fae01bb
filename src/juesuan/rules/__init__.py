"""The rules: the consistency catalogue of a disclosure and the engine that runs it.

- `findings`: what a rule reports (`Finding`, `CellRef`, `Severity`), flat tuples for tests.
- `intervals`: exact interval arithmetic on Decimal; a printed figure is the interval it rounds.
- `expressions`: our small grammar for identities (``01[27,1] = sum(01[1..8,1])``), parsed, never eval'd.
- `evaluate`: an identity against a disclosure; a finding only where the two sides cannot agree.
- `identities.txt`: the within- and cross-table identities as data (those of a template beside it in
  its file); `identities` loads them as rules, once per 功能分类 class where they name {code}.
- `hierarchy`: 类 = Σ款 = Σ项 and 06's 经济分类 sums, derived from the codes each table prints.
- `classes`: which 公开01/04表 line holds which 功能分类 class, from the national template's labels.
- `registry`: `Rule`, the `@rule` decorator and `run_rules` (a crashing rule becomes a finding).
"""

from juesuan.rules.findings import CellRef, Finding, Severity, flatten
from juesuan.rules.intervals import Interval, rate_consistent
from juesuan.rules.registry import Rule, default_rules, rule, run_rules

__all__ = [
    "CellRef",
    "Finding",
    "Interval",
    "Rule",
    "Severity",
    "default_rules",
    "flatten",
    "rate_consistent",
    "rule",
    "run_rules",
]
