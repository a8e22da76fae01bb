"""The reviewer's checklist in docs/checking.md: every requirement has a rule, every rule a
requirement (bar the three named there), and every rule named exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juesuan.rules.registry import all_rules
from juesuan.rules.report import READING_RULE

DOC = Path(__file__).parent.parent / "docs" / "checking.md"
SHARED_CHECKLIST = Path(__file__).parent.parent.parent / "shared" / "CHECKLIST.md"
ITEM = re.compile(r"^\| ([A-I]\d\d) \|(.*)\|(.*)\|$", re.MULTILINE)
RULE_ID = re.compile(r"`([A-Z][\w-]*)`")
OUTSIDE_THE_CHECKLIST = {READING_RULE, "N-untraced", "P-line-numbers", "X-budget-published"}


def documented() -> dict[str, set[str]]:
    """Requirement → the rule ids the table gives it."""
    rows = ITEM.findall(DOC.read_text(encoding="utf-8"))
    return {item: set(RULE_ID.findall(rules)) for item, _, rules in rows}


def test_every_requirement_names_rules_that_exist():
    known = {each.id for each in all_rules()} | {READING_RULE}
    table = documented()
    assert len(table) == 101
    assert {item: rules for item, rules in table.items() if not rules} == {}
    assert {item: rules - known for item, rules in table.items() if rules - known} == {}


def rules_run_on_final_accounts() -> set[str]:
    """The rules some 决算 template runs: the checklist is the 决算's (a 预算's own arithmetic is
    in docs/budget.md)."""
    from juesuan.catalogue.templates import FINAL, templates
    from juesuan.rules.registry import rules_for

    return {r.id for each in templates().values() if each.kind == FINAL for r in rules_for(each)}


def test_every_rule_answers_a_requirement():
    named = set().union(*documented().values())
    unlisted = rules_run_on_final_accounts() - named - OUTSIDE_THE_CHECKLIST
    assert unlisted == set()
    assert OUTSIDE_THE_CHECKLIST.isdisjoint(named)
    assert all(f"`{rule}`" in DOC.read_text(encoding="utf-8") for rule in OUTSIDE_THE_CHECKLIST)


@pytest.mark.skipif(not SHARED_CHECKLIST.exists(), reason="../shared/CHECKLIST.md 不在（只在 CI 与开发机上）")
def test_the_table_lists_exactly_the_reviewers_checklist():
    listed = SHARED_CHECKLIST.read_text(encoding="utf-8")
    assert set(documented()) == set(re.findall(r"^\| ([A-I]\d\d) \|", listed, re.MULTILINE))
