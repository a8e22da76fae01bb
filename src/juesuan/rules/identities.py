"""The identities declared as data in `identities.txt`, loaded as Rules.

One identity per line, five fields separated by ``|``::

    id | severity | 标题 | expression | 说明

severity is ``error``, ``warning`` or ``info``, optionally followed by ``exact`` when the figures
are counts (车辆数) rather than rounded amounts. ``#`` starts a comment line; blank lines are
skipped. The expression grammar is in `juesuan.rules.expressions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from juesuan.model import Disclosure
from juesuan.rules.evaluate import check_identity
from juesuan.rules.expressions import ExpressionError, Identity, parse
from juesuan.rules.findings import Finding, Severity
from juesuan.rules.registry import Rule

DATA_FILE = "identities.txt"
_ID = re.compile(r"[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)+")


class IdentityFileError(ValueError):
    """A line of the identities file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class IdentityCheck:
    """The check of an identity rule: the parsed identity, evaluated for the rule's id."""

    identity: Identity
    rule: str
    severity: Severity
    exact: bool = False

    def __call__(self, disclosure: Disclosure) -> Iterable[Finding]:
        return check_identity(
            self.identity, disclosure, rule=self.rule, severity=self.severity, exact=self.exact
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
    """A Rule from one ``id | severity | 标题 | expression | 说明`` line."""
    fields = [field.strip() for field in line.split("|")]
    if len(fields) != 5:
        raise ValueError(f"应有 5 个以 | 分隔的字段，见到 {len(fields)} 个")
    rule_id, severity_field, title, expression, doc = fields
    if not _ID.fullmatch(rule_id):
        raise ValueError(f"规则编号 ‘{rule_id}’ 不合格式（如 T01-income-total）")
    severity, exact = _parse_severity(severity_field)
    try:
        identity = parse(expression)
    except ExpressionError as error:
        raise ValueError(str(error)) from error
    check = IdentityCheck(identity, rule_id, severity, exact)
    return Rule(rule_id, title, severity, doc, check, expression)


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
