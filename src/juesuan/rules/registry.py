"""The catalogue of rules and the engine that runs them.

A rule is data (an identity in `identities.txt`) or a function registered with `@rule`.
Either way it becomes a `Rule` with a stable id, a Chinese title, a severity and one line of
documentation. `run_rules` runs them all and returns the findings; a rule that crashes becomes
a finding itself and never stops the run.
"""

from __future__ import annotations

import importlib
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from juesuan.model import Disclosure, Origin
from juesuan.rules.findings import CellRef, Finding, Severity

Check = Callable[[Disclosure], Iterable[Finding]]
RuleFunction = Callable[[Disclosure, "Rule"], Iterable[Finding]]

# Modules whose functions register themselves with @rule; imported on first use.
BUILTIN_MODULES = (
    "juesuan.rules.hierarchy",
    "juesuan.rules.narrative",
    "juesuan.rules.forms",
    "juesuan.rules.classification",
    "juesuan.rules.publication",
    "juesuan.rules.structure",
    "juesuan.rules.format",
    "juesuan.rules.outside",
    "juesuan.rules.last_year",
    "juesuan.rules.budget_cycle",
    "juesuan.rules.detail",
    "juesuan.rules.bounds",
    "juesuan.rules.table_values",
    "juesuan.rules.narrative_complete",
    "juesuan.rules.narrative_detail",
    "juesuan.rules.narrative_reasons",
    "juesuan.rules.narrative_wording",
    "juesuan.rules.narrative_consistency",
)

_REGISTERED: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    doc: str
    check: Check
    expression: str = ""  # the identity's text, for rules declared as data

    def finding(
        self, message: str, cells: tuple[CellRef, ...] = (), where: str = "", origin: Origin | None = None
    ) -> Finding:
        return Finding(self.id, self.severity, message, cells, where, origin)


def rule(
    *, id: str, title: str, doc: str, severity: Severity | str = Severity.ERROR
) -> Callable[[RuleFunction], RuleFunction]:
    """Register `function(disclosure, this_rule)` as a rule; it yields the rule's findings."""

    def register(function: RuleFunction) -> RuleFunction:
        def check(disclosure: Disclosure) -> Iterable[Finding]:
            return function(disclosure, registered)

        check.__module__ = function.__module__  # where it is declared: its place in the order
        registered = Rule(id, title, Severity(severity), doc, check)
        add_rule(registered)
        return function

    return register


def add_rule(new: Rule) -> None:
    if new.id in _REGISTERED:
        raise ValueError(f"规则编号重复：{new.id}")
    _REGISTERED[new.id] = new


def registered_rules() -> list[Rule]:
    """The rules registered as functions (the built-in modules are imported first), in the order
    of BUILTIN_MODULES whatever order they were first imported in, then any others."""
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return sorted(_REGISTERED.values(), key=_module_rank)


def _module_rank(each: Rule) -> int:
    """The place of the built-in module declaring the rule (publication_front: of publication)."""
    module = getattr(each.check, "__module__", "")
    if module in BUILTIN_MODULES:
        return BUILTIN_MODULES.index(module)
    parts = [i for i, name in enumerate(BUILTIN_MODULES) if module.startswith(name + "_")]
    return parts[-1] if parts else len(BUILTIN_MODULES)


def default_rules() -> list[Rule]:
    """The national rules: the identities of `identities.txt`, then the registered functions."""
    from juesuan.rules.identities import identity_rules

    return [*identity_rules(), *registered_rules()]


def all_rules() -> list[Rule]:
    """Every rule: the national ones, then those a template declares for itself, then the budget's
    rules that are code (`rules.budget`)."""
    from juesuan.rules.budget import budget_rules
    from juesuan.rules.identities import template_identity_rules

    return [*default_rules(), *template_identity_rules(), *budget_rules()]


def run_rules(disclosure: Disclosure, rules: Sequence[Rule] | None = None) -> list[Finding]:
    """All findings of `rules` (default: the built-in rules that hold in the disclosure's
    template), rule by rule, with the disclosure's template in force."""
    from juesuan.catalogue.templates import template_of, under

    found = template_of(disclosure)
    chosen = rules_for(found) if rules is None else rules
    findings: list[Finding] = []
    with under(found):
        for each in chosen:
            findings.extend(run_rule(each, disclosure))
    return findings


def rules_for(template) -> list[Rule]:
    """The built-in rules that hold in a template: the national ones it does not skip, its own, and
    those of the templates it extends that it does not skip (a 预算 region's template keeps the
    identities of budget-generic)."""
    from juesuan.catalogue.templates import templates
    from juesuan.rules.identities import template_identities

    own: list[Rule] = []
    found = template
    while found is not None:
        inherited = found is not template
        own += [
            r for r in template_identities(found.name) if not inherited or r.id not in template.skipped_rules
        ]
        found = templates().get(found.extends) if found.extends else None
    if template.kind == "预算":
        from juesuan.rules.budget import budget_rules

        own += [each for each in budget_rules() if template.applies(each.id)]
    return [each for each in default_rules() if template.applies(each.id)] + own


def run_rule(each: Rule, disclosure: Disclosure) -> list[Finding]:
    try:
        return list(each.check(disclosure))
    except Exception:  # a broken rule cannot check; it never stops the run nor blames the document
        if os.environ.get("JUESUAN_DEBUG"):
            traceback.print_exc()
        message = "规则执行出错（程序缺陷），未能核对；请用 juesuan --debug 重新运行，并把输出报告给开发者"
        return [Finding(each.id, Severity.INFO, message, (), f"规则 {each.id}")]
