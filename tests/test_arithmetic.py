"""The arithmetic of the template is stated once: the identities of `rules/identities.txt` (and a
template's own) and the classification trees of `rules/hierarchy.py`. The derivation fills blank
cells by exactly the rules the checker runs in the disclosure's template, and what it fills, those
rules accept."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from juesuan.catalogue.tables import definition_from_entry
from juesuan.catalogue.templates import NATIONAL, template, template_of, templates
from juesuan.model import Disclosure
from juesuan.model.derive import TREE_RULES, derive, fillers
from juesuan.package import read_package
from juesuan.rules import Severity, run_rules
from juesuan.rules.identities import IdentityCheck
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.rules.registry import rules_for
from juesuan.synth import synthesize

EXAMPLE = Path(__file__).parent.parent / "examples" / "datong-2024"


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return read_package(EXAMPLE)[0]


def under_template(disclosure: Disclosure, name: str) -> Disclosure:
    return dataclasses.replace(disclosure, template=name)


def used_rules(disclosure: Disclosure) -> set[str]:
    return {filler.rule for filler in fillers(disclosure)}


# the 决算 templates: a 预算 template derives nothing on this 决算 example (docs/budget.md)
@pytest.mark.parametrize("name", [name for name, found in templates().items() if found.kind == "决算"])
def test_the_derivation_uses_only_rules_that_hold_in_the_template(example, name):
    held = {each.id: each for each in rules_for(template(name))}
    used = used_rules(under_template(example, name))
    assert used and used <= set(held)
    for rule_id in used:
        assert held[rule_id].severity == Severity.ERROR, rule_id
        assert isinstance(held[rule_id].check, IdentityCheck) or rule_id in TREE_RULES.values()


def test_every_error_identity_and_tree_of_the_national_template_is_used(example):
    held = rules_for(template(NATIONAL))
    identities = {r.id for r in held if isinstance(r.check, IdentityCheck) and r.severity == Severity.ERROR}
    assert used_rules(example) == identities | set(TREE_RULES.values())


def test_a_templates_own_identities_replace_the_ones_it_skips(example):
    shanghai = used_rules(under_template(example, "shanghai-2024"))
    assert "SH-X04-08-total" in shanghai and "X04-08-total" not in shanghai
    assert "SH-T08-basic-project" in shanghai and "T08-basic-project" not in shanghai
    generic = used_rules(under_template(example, "generic"))
    assert not any(rule.startswith(("X", "T01", "T04")) for rule in generic)


def blanked(disclosure: Disclosure, cells: set[tuple[str, str, str]]) -> Disclosure:
    tables = []
    for table in disclosure.tables:
        rows = tuple(
            dataclasses.replace(
                row, cells=tuple(c for c in row.cells if (table.number, row.key, c[0]) not in cells)
            )
            for row in table.rows
        )
        tables.append(dataclasses.replace(table, rows=rows))
    return dataclasses.replace(disclosure, tables=tuple(tables))


def figures(disclosure: Disclosure) -> dict[tuple[str, str, str], object]:
    return {
        (t.number, r.key, col): figure for t in disclosure.tables for r in t.rows for col, figure in r.cells
    }


@pytest.mark.parametrize("seed", range(8))
def test_a_disclosure_derived_from_blanks_gives_its_figures_back_and_satisfies_every_rule(seed):
    """A synthetic disclosure (exact, consistent) with every cell the derivation could compute
    left blank: each is computed back to its figure, and the checker's arithmetic finds nothing."""
    disclosure = synthesize(seed).disclosure
    printed = figures(disclosure)
    targets = {filler.target for filler in fillers(disclosure)} & set(printed)
    assert len(targets) > 50
    derived, notes = derive(blanked(disclosure, targets))
    found = figures(derived)
    assert set(found) <= set(printed)
    assert {cell: found[cell].value for cell in targets if cell in found} == {
        cell: printed[cell].value for cell in targets if cell in found
    }
    assert [cell for cell in targets if cell not in found and printed[cell].value != 0] == []
    assert len(notes) == len(set(found) & targets)
    arithmetic = [r for r in rules_for(template(NATIONAL)) if r.id.startswith(("T", "X", "H"))]
    assert [f for f in run_rules(derived, arithmetic) if f.severity != Severity.INFO] == []


@pytest.mark.parametrize("package", ["datong-2024", "shanghai-putuo-2024"])
def test_a_derived_total_never_contradicts_a_figure_printed_elsewhere(package):
    """Real rounded figures (the examples are made from published disclosures) with every cell the
    derivation could compute left blank. The detail rows of 公开04表 add to 9746.49 where the
    figures the unit typed fix the total at 9746.50: the derivation prints 9746.50, says why, and
    no table then disagrees with another."""
    disclosure = read_package(EXAMPLE.parent / package)[0]
    targets = {filler.target for filler in fillers(disclosure)} & set(figures(disclosure))
    derived, notes = derive(blanked(disclosure, targets))
    arithmetic = [r for r in rules_for(template_of(derived)) if r.id.startswith(("T", "X", "H"))]
    assert [f.message for f in run_rules(derived, arithmetic) if f.severity != Severity.INFO] == []
    if package == "shanghai-putuo-2024":
        assert derived.table("04").figure("59", "2").text == "9746.50"
        assert (
            "公开04表 第59行 第2栏原为空白，已按第3至5栏之和填为 9746.50（按第33至58行之和为 9746.49，"
            "相差 0.01，属各数的尾数误差；取前者，与表中其他数字一致）"
        ) in [note.message for note in notes]


def test_a_cell_is_solved_from_the_identity_that_names_it(example):
    """01[1,1] and 04[1,1] both blank: X01-02-appropriations solved for 01[1,1] (its 解出 field)."""
    blank = {("01", "1", "1"), ("04", "1", "1")}
    _, notes = derive(blanked(example, blank))
    messages = [note.message for note in notes]
    assert messages[0] == (
        "公开01表 第1行 第1栏原为空白，已按公开02表 合计 第2栏 − 第2行 第1栏 − 第3行 第1栏填为 1126.92"
    )
    assert messages[1] == "公开04表 第1行 第1栏原为空白，已按公开01表 第1行 第1栏填为 1126.92"


def test_a_single_cell_identity_fills_either_side(example):
    """X01-03-classes (01 class line = 03 class row) fills a blank 03 class row from 公开01表. The
    款 below it come first, but they add to 34.15 where 公开01表 prints 34.14: a difference of
    rounding, and the figure printed elsewhere is used, so that the tables never disagree."""
    _, notes = derive(blanked(example, {("03", "208", "1")}))
    assert [note.message for note in notes] == [
        "公开03表 208 第1栏原为空白，已按公开01表 第39行 第2栏填为 34.14（按其下各级科目之和为 34.15，"
        "相差 0.01，属各数的尾数误差；取前者，与表中其他数字一致）"
    ]
    codes = ("208", "20805", "2080501", "2080505", "20807", "2080799")
    branch = {("03", code, col) for code in codes for col in "123456"}
    derived, notes = derive(blanked(example, branch))
    assert derived.table("03").figure("208", "1").text == "34.14"
    assert [note.message for note in notes] == [
        "公开03表 208 第1栏原为空白，已按公开01表 第39行 第2栏填为 34.14"
    ]


def test_a_template_table_holding_the_functional_tree_is_derived():
    u04 = table_literal("U04", {"合计": {}, "205": {}, "20502": {"1": "1.50"}, "20503": {"1": "2.25"}})
    derived, notes = derive(under_template(disclosure_literal(u04), "moe-university-2024"))
    assert derived.table("U04").figure("205", "1").text == "3.75"
    assert derived.table("U04").figure("合计", "1").text == "3.75"
    derived, notes = derive(disclosure_literal(u04))  # the national template has no U04
    assert notes == []


def test_a_table_definition_states_no_totals():
    entry = {"number": "02", "title": "收入决算表", "rows": "code", "column_totals": []}
    with pytest.raises(ValueError, match="合计关系写作勾稽等式"):
        definition_from_entry(entry)
