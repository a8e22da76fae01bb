"""Identities between table cells, written in a small grammar of our own (no eval).

    identity := expr "=" expr
    expr     := term (("+" | "-") term)*
    term     := ref | "sum" "(" expr ("," expr)* ")" | "(" expr ")"
    ref      := TABLE "[" key "," key "]"            row key, then column key
    key      := NAME | INT ".." INT | "*"

TABLE is a table the catalogue knows: 01 to 10, or a table a template adds (the university's
U04). NAME is a row or column key as in the tidy cells: a 行次
(27), a 栏次 (1), a 科目代码 (2010301) or a label (合计, 人员经费合计, 决算数): letters, digits and
full-width parentheses. ``a..b`` is an integer range of 行次 or 栏次 and may only stand
inside sum(). ``*`` is a wildcard: every ``*`` row (or column) in an identity stands for the
same key, and the identity must hold for every row (column) of the table of the first ``*``
reference. A printed blank cell counts as 0; a cell whose row the table should print but does not
have was not read, and an identity naming it is reported as not checkable (`juesuan.rules.cells`,
`juesuan.rules.evaluate`). Examples::

    01[27,1] = sum(01[1..8,1])
    01[31,1] = 01[27,1] + 01[28,1] + 01[29,1]
    05[合计,2] = 06[人员经费合计,决算数] + 06[公用经费合计,决算数]
    02[*,1] = sum(02[*,2..7])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

_TOKEN = re.compile(r"(?P<range>\.\.)|(?P<punct>[\[\](),+\-=*])|(?P<name>[\w（）]+)")
_TABLE = re.compile(r"0[1-9]|10")  # the national tables; a template may add its own (U04)


class ExpressionError(ValueError):
    """An identity that does not parse; the message shows where."""

    def __init__(self, text: str, pos: int, reason: str) -> None:
        self.text, self.pos, self.reason = text, pos, reason
        pad = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[:pos])
        super().__init__(f"表达式有误（第{pos + 1}个字符）：{reason}\n    {text}\n    {' ' * pad}^")


@dataclass(frozen=True)
class Key:
    """A single row or column key."""

    name: str


@dataclass(frozen=True)
class KeyRange:
    """The keys first..last (行次 or 栏次), both included."""

    first: int
    last: int

    def names(self) -> tuple[str, ...]:
        return tuple(str(n) for n in range(self.first, self.last + 1))


@dataclass(frozen=True)
class AnyKey:
    """The wildcard ``*``."""


Selector = Key | KeyRange | AnyKey


@dataclass(frozen=True)
class Ref:
    table: str
    row: Selector
    col: Selector


@dataclass(frozen=True)
class Sum:
    terms: tuple[Expr, ...]


@dataclass(frozen=True)
class BinOp:
    op: str  # "+" or "-"
    left: Expr
    right: Expr


Expr = Ref | Sum | BinOp


@dataclass(frozen=True)
class Identity:
    left: Expr
    right: Expr
    text: str = ""


@dataclass(frozen=True)
class Token:
    kind: str  # "name", "..", one of [](),+-=*, or "end"
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ExpressionError(text, pos, f"无法识别的字符 ‘{text[pos]}’")
        kind = "name" if match.lastgroup == "name" else match.group()
        tokens.append(Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


def parse(text: str) -> Identity:
    """An Identity from its text; ExpressionError says what is wrong and where."""
    return _Parser(text).identity()


def parse_expression(text: str) -> Expr:
    """One side of an identity (``10[5,统计数] + 10[6,统计数]``), for rules that name a source."""
    parser = _Parser(text)
    node = parser.expr()
    parser.expect("end")
    return node


class _Parser:
    """Recursive descent over the tokens, one method per grammar rule."""

    def __init__(self, text: str) -> None:
        self.text = text.replace("−", "-")
        self.tokens = tokenize(self.text)
        self.index = 0
        self.sum_depth = 0

    def identity(self) -> Identity:
        left = self.expr()
        self.expect("=")
        right = self.expr()
        self.expect("end")
        return Identity(left, right, self.text)

    def expr(self) -> Expr:
        node = self.term()
        while self.peek().kind in ("+", "-"):
            op = self.advance().kind
            node = BinOp(op, node, self.term())
        return node

    def term(self) -> Expr:
        token = self.peek()
        if token.kind == "(":
            self.advance()
            node = self.expr()
            self.expect(")")
            return node
        if token.kind == "name" and token.text == "sum":
            return self.sum()
        if token.kind == "name":
            return self.ref()
        raise self.error(token, "应为单元格引用、sum(…) 或 (…)")

    def sum(self) -> Sum:
        self.advance()
        self.expect("(")
        self.sum_depth += 1
        terms = [self.expr()]
        while self.peek().kind == ",":
            self.advance()
            terms.append(self.expr())
        self.sum_depth -= 1
        self.expect(")")
        return Sum(tuple(terms))

    def ref(self) -> Ref:
        token = self.advance()
        if not (_TABLE.fullmatch(token.text) or token.text in template_tables()):
            raise self.error(token, f"表号应为 01 至 10 或模板所定义的表（如 U04），见到 ‘{token.text}’")
        self.expect("[")
        row = self.key()
        self.expect(",")
        col = self.key()
        self.expect("]")
        return Ref(token.text, row, col)

    def key(self) -> Selector:
        token = self.advance()
        if token.kind == "*":
            return AnyKey()
        if token.kind != "name":
            raise self.error(token, "应为行次、栏次、科目代码、名称或 *")
        if self.peek().kind != "..":
            return Key(token.text)
        self.advance()
        return self.key_range(token, self.expect("name"))

    def key_range(self, first: Token, last: Token) -> KeyRange:
        if not (first.text.isdigit() and last.text.isdigit()):
            raise self.error(first, f"范围两端应为整数：{first.text}..{last.text}")
        if int(first.text) > int(last.text):
            raise self.error(first, f"范围起点大于终点：{first.text}..{last.text}")
        if self.sum_depth == 0:
            raise self.error(first, f"范围 {first.text}..{last.text} 只能写在 sum(…) 中")
        return KeyRange(int(first.text), int(last.text))

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def expect(self, kind: str) -> Token:
        token = self.peek()
        if token.kind != kind:
            wanted = "表达式结束" if kind == "end" else f"‘{kind}’"
            seen = "表达式结束" if token.kind == "end" else f"‘{token.text}’"
            raise self.error(token, f"应为 {wanted}，见到 {seen}")
        return self.advance()

    def error(self, token: Token, reason: str) -> ExpressionError:
        return ExpressionError(self.text, token.pos, reason)


@cache
def template_tables() -> frozenset[str]:
    """Every table number some template defines (01 … 10, U04 …)."""
    from juesuan.catalogue.templates import templates

    return frozenset(number for found in templates().values() for number in found.tables)


def refs(expr: Expr) -> Iterator[Ref]:
    """Every cell reference in an expression, left to right."""
    if isinstance(expr, Ref):
        yield expr
    elif isinstance(expr, Sum):
        for term in expr.terms:
            yield from refs(term)
    else:
        yield from refs(expr.left)
        yield from refs(expr.right)


def identity_refs(identity: Identity) -> list[Ref]:
    return [*refs(identity.left), *refs(identity.right)]


def bind(expr: Expr, row: str | None, col: str | None) -> Expr:
    """The expression with its ``*`` rows replaced by `row` and ``*`` columns by `col`."""
    if isinstance(expr, Ref):
        new_row = Key(row) if isinstance(expr.row, AnyKey) and row is not None else expr.row
        new_col = Key(col) if isinstance(expr.col, AnyKey) and col is not None else expr.col
        return Ref(expr.table, new_row, new_col)
    if isinstance(expr, Sum):
        return Sum(tuple(bind(term, row, col) for term in expr.terms))
    return replace(expr, left=bind(expr.left, row, col), right=bind(expr.right, row, col))
