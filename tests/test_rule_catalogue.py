"""The rule catalogue: every rule documented, and shown to pass and to fail."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from mutations import with_figure
from rule_examples import FAILING, PASSING_FACTS, SAMPLE_TEXT, Cell, Given

from juesuan.rules import default_rules, run_rules
from juesuan.rules.outside import given
from juesuan.rules.report import READING_RULE, reading_findings
from juesuan.sources import read_bytes

CORRECTED_TEXT = SAMPLE_TEXT  # the sample with its slips mended (rule_examples)
RULES = {rule.id: rule for rule in default_rules()}


def corrected():
    return read_bytes(CORRECTED_TEXT.encode("utf-8"), "corrected.txt")


def findings_of(rule_id: str, disclosure, problems, facts=PASSING_FACTS) -> list:
    """The rule's findings, checked with these facts from outside the document."""
    if rule_id == READING_RULE:
        return reading_findings(p for p in problems if p.severity != "info")
    with given(facts):
        return run_rules(disclosure, [RULES[rule_id]])


def test_every_rule_has_an_id_title_severity_and_a_line_of_documentation():
    for rule in RULES.values():
        assert rule.id and rule.title and rule.doc and "\n" not in rule.doc, rule.id


def test_every_rule_has_a_failing_example_and_nothing_else_is_listed():
    assert set(FAILING) == set(RULES) | {READING_RULE}


# What the corrected sample itself prints and these rules note (info only): it has no example to pass.
NOTED_ON_THE_SAMPLE = {
    "N-untraced": "the 三公 counts given by the unit alone",
    "N-percent-places": "it prints 占比0%, 下降100% and 增长7.9%",
    "N-performance-management": "its 十（四） speaks of 自评 alone",
}


@pytest.mark.parametrize("rule_id", sorted(set(RULES) | {READING_RULE}))
def test_rule_passes_on_the_corrected_sample(rule_id):
    disclosure, problems = corrected()
    found = findings_of(rule_id, disclosure, problems)
    if rule_id in NOTED_ON_THE_SAMPLE:
        assert {finding.severity.value for finding in found} <= {"info"}
    else:
        assert found == []


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fails_on_its_example(rule_id):
    change = FAILING[rule_id]
    disclosure, problems = corrected()
    facts = PASSING_FACTS
    if isinstance(change, Given):  # facts from outside, lines a reader keeps, maybe a text change
        facts = change.facts or PASSING_FACTS
        if change.change is not None:
            disclosure, problems = read_bytes(
                CORRECTED_TEXT.replace(change.change.old, change.change.new, 1).encode("utf-8"), "x.txt"
            )
        disclosure = dataclasses.replace(disclosure, front=change.front)
    elif isinstance(change, Cell):
        disclosure = with_figure(disclosure, *dataclasses.astuple(change))
    else:
        assert change.old in CORRECTED_TEXT, change.old
        disclosure, problems = read_bytes(
            CORRECTED_TEXT.replace(change.old, change.new, 1).encode("utf-8"), "x.txt"
        )
    before = {f.message for f in findings_of(rule_id, *corrected())}
    assert [f for f in findings_of(rule_id, disclosure, problems, facts) if f.message not in before], rule_id


def test_rules_run_in_one_order_whatever_module_was_imported_first():
    """A Dask or web worker imports the rule modules in another order than the command line; the
    findings come out in the same order all the same."""
    show = "from juesuan.rules.registry import registered_rules; print([r.id for r in registered_rules()])"
    orders = {
        subprocess.run(
            [sys.executable, "-c", f"import {first}; {show}"], capture_output=True, text=True, check=True
        ).stdout
        for first in ("juesuan.rules.narrative_consistency", "juesuan.rules.outside", "juesuan.cli.check")
    }
    assert len(orders) == 1
