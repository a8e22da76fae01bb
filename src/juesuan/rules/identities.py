"""The identities declared as data in `identities.txt`, loaded as Rules.

One identity per line, five fields separated by ``|``, and an optional sixth::

    id | severity | 标题 | expression | 说明 [| 解出]

severity is ``error``, ``warning`` or ``info``, optionally followed by ``exact`` when the figures
are counts (车辆数) rather than rounded amounts. ``#`` starts a comment line; blank lines are
skipped. The expression grammar is in `juesuan.rules.expressions`.

Placeholders. An expression naming {code}, {line01} or {line04} states one identity per 功能分类
类: {code} is the class (208), {line01} and {line04} its 行次 in 公开01表 and 公开04表 (39, 40), as
`juesuan.rules.classes` reads them off the national template. The rule checks every instance.

解出. The same file is the arithmetic the derivation (`juesuan.model.derive`) uses to fill blank
cells: an error identity fills its left cell from its right side, and when each side is one cell,
the right cell from the left one. The sixth field names cells of the identity (one each, as
``01[1,1]``, placeholders allowed) that the derivation may also solve it for, from the other
terms: ``02[合计,2] = 01[1,1] + 01[2,1] + 01[3,1] | … | 01[1,1]`` gives 01[1,1] as 02[合计,2] −
01[2,1] − 01[3,1]. It changes nothing in the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from juesuan.model import Disclosure
from juesuan.rules.evaluate import check_identity
from juesuan.rules.expressions import (
    ExpressionError,
    Identity,
    Key,
    Ref,
    identity_refs,
    parse,
    parse_expression,
)
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.registry import Rule

DATA_FILE = "identities.txt"
_ID = re.compile(r"[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)+")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("code", "line01", "line04")  # a 功能分类 类 and its 行次 in 公开01表, 公开04表


class IdentityFileError(ValueError):
    """A line of the identities file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Instance:
    """One identity a rule states (one per class for a placeholder identity), and the cells the
    derivation may also solve it for."""

    identity: Identity
    solve: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class IdentityCheck:
    """The check of an identity rule: its parsed instances, each evaluated for the rule's id."""

    instances: tuple[Instance, ...]
    rule: str
    severity: Severity
    exact: bool = False

    @property
    def identity(self) -> Identity:
        """The identity (the first instance of a placeholder identity)."""
        return self.instances[0].identity

    def __call__(self, disclosure: Disclosure) -> Iterable[Finding]:
        for instance in self.instances:
            yield from check_identity(
                instance.identity, disclosure, rule=self.rule, severity=self.severity, exact=self.exact
            )


@cache
def identity_rules() -> tuple[Rule, ...]:
    """The rules of the packaged `identities.txt`."""
    text = files("juesuan.rules").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return read_identity_rules(text, DATA_FILE)


@cache
def template_identities(name: str) -> tuple[Rule, ...]:
    """The identities a template declares for itself (`rules.identities` in its file)."""
    from juesuan.catalogue.templates import template

    found = template(name)
    own = found.identities[len(template(found.extends).identities) if found.extends else 0 :]
    rules = read_identity_rules("\n".join(own), f"模板 {name}") if own else ()
    return tuple(replace(each, doc=f"（{found.title}）{each.doc}") for each in rules)


def template_identity_rules() -> tuple[Rule, ...]:
    """Every template's own identities (for the catalogue of rules)."""
    from juesuan.catalogue.templates import templates

    return tuple(each for name in templates() for each in template_identities(name))


def read_identity_rules(text: str, name: str = DATA_FILE) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                rules.append(parse_rule_line(line))
            except ValueError as error:
                raise IdentityFileError(f"{name} 第{number}行：{error}") from error
    _check_unique(rules, name)
    return tuple(rules)


def parse_rule_line(line: str) -> Rule:
    """A Rule from one ``id | severity | 标题 | expression | 说明 [| 解出]`` line."""
    fields = [field.strip() for field in line.split("|")]
    if len(fields) not in (5, 6):
        raise ValueError(f"应有 5 个（或加“解出”6 个）以 | 分隔的字段，见到 {len(fields)} 个")
    rule_id, severity_field, title, expression, doc = fields[:5]
    if not _ID.fullmatch(rule_id):
        raise ValueError(f"规则编号 ‘{rule_id}’ 不合格式（如 T01-income-total）")
    severity, exact = _parse_severity(severity_field)
    solve = fields[5].split() if len(fields) == 6 else []
    instances = tuple(_instance(*texts) for texts in _instantiated(expression, solve))
    check = IdentityCheck(instances, rule_id, severity, exact)
    return Rule(rule_id, title, severity, doc, check, expression)


def _instantiated(expression: str, solve: list[str]) -> list[tuple[str, list[str]]]:
    """(expression, cells to solve for) once, or once per expenditure class when they name a
    placeholder."""
    texts = [expression, *solve]
    names = {name for text in texts for name in _PLACEHOLDER.findall(text)}
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        allowed = "、".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise ValueError(f"未知的占位符 {{{unknown[0]}}}，只能用 {allowed}")
    if not names:
        return [(expression, solve)]
    from juesuan.rules.classes import expenditure_classes

    found = []
    for each in expenditure_classes():
        values = {"code": each.code, "line01": each.line01, "line04": each.line04}
        filled = [_PLACEHOLDER.sub(lambda m, v=values: v[m.group(1)], text) for text in texts]
        found.append((filled[0], filled[1:]))
    return found


def _instance(expression: str, solve: list[str]) -> Instance:
    try:
        identity = parse(expression)
        cells = tuple(parse_expression(text) for text in solve)
    except ExpressionError as error:
        raise ValueError(str(error)) from error
    named = identity_refs(identity)
    for cell in cells:
        if not (isinstance(cell, Ref) and isinstance(cell.row, Key) and isinstance(cell.col, Key)):
            raise ValueError(f"解出的应为一个单元格，如 01[1,1]，见到 ‘{' '.join(solve)}’")
        if named.count(cell) != 1:
            raise ValueError(
                f"解出的单元格 {cell.table}[{cell.row.name},{cell.col.name}] 应在表达式中恰好出现一次"
            )
    return Instance(identity, cells)


def _parse_severity(field: str) -> tuple[Severity, bool]:
    words = field.split()
    if not words or words[0] not in {s.value for s in Severity}:
        raise ValueError(f"严重程度应为 error、warning 或 info，见到 ‘{field}’")
    if any(word != "exact" for word in words[1:]):
        raise ValueError(f"严重程度之后只能写 exact，见到 ‘{field}’")
    return Severity(words[0]), len(words) > 1


def _check_unique(rules: list[Rule], name: str) -> None:
    seen: set[str] = set()
    for each in rules:
        if each.id in seen:
            raise IdentityFileError(f"{name}：规则编号重复 {each.id}")
        seen.add(each.id)
