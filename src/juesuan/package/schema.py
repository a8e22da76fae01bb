"""单位信息.yaml's fields as data, for whatever fills them in (the web form, `juesuan.web.info_form`).

Declared once: the keys and what each takes are the reader's (`package.info`: `UNIT_KEYS`,
`MEASURES`, `THREE_PUBLIC`, `STATISTICS` …); which of them the blank file offers, in what order,
and the help for each are the template's (`package_template/单位信息.yaml`: a key line and its
``# comment``; the comment block above a section). `schema()` reads the template and gives each
key the kind the reader reads it as, so the template, the reader and a form never list the keys
twice. A key of the template the reader does not know is an error here (and in the tests).

Beside its listed keys a section may take more (`Section.more`): 上年决算数, 年初预算数, 主要原因 and
主要用于 take 功能分类 codes (``201 一般公共服务支出``), 绩效自评 takes projects with their 原因 and 措施.
绩效自评表 (the forms of 第五部分) is a nested list: it is given as YAML text (`Section.block`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

TEMPLATE_FILE = "单位信息.yaml"
BLOCK = "绩效自评表"  # the section kept as YAML text
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[^\s#:\-][^:#]*?):\s*(?:#\s*(?P<help>.*))?$")
ITEM_LINE = re.compile(r"^\s*-\s*$")


@dataclass(frozen=True)
class Field:
    """One value: its path of keys, the kind the reader reads it as, the template's help.

    Kinds: ``text``; ``lines`` (a list of texts, one per item); ``amount`` (万元, exact);
    ``count`` (a whole number); ``year``; ``choice`` (one of `choices`); ``template`` (a name of
    the template catalogue)."""

    path: tuple[str, ...]
    kind: str
    help: str = ""
    choices: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return "/".join(self.path)

    @property
    def key(self) -> str:
        return self.path[-1]

    @property
    def group(self) -> str:
        """The key between the section and this one (三公经费说明 → 公务接待费 → 批次); "" if none."""
        return self.path[1] if len(self.path) == 3 else ""


@dataclass(frozen=True)
class Section:
    """A top-level key: its help, its fields, what more keys it takes, or a YAML block."""

    key: str
    help: str
    fields: tuple[Field, ...]
    groups: tuple[tuple[str, str], ...] = ()  # (group key, its help), in order
    more: tuple[str, ...] = ()  # the columns of each further entry: its key, then its value(s)
    more_kind: str = ""  # the kind of those values: amount or text
    block: bool = False

    def group_help(self, group: str) -> str:
        return dict(self.groups).get(group, "")


# The sections that take more keys than they list: the key's column and the value columns.
CODE = "科目"  # a 功能分类 class (or, in 年初预算数, 项) code, with or without its name
PROJECT = "项目名称"


def _more() -> dict[str, tuple[tuple[str, ...], str]]:
    from juesuan.package.info import PERFORMANCE_KEYS

    return {
        "上年决算数": ((CODE, "金额（万元）"), "amount"),
        "年初预算数": ((CODE, "金额（万元）"), "amount"),
        "主要原因": ((CODE, "主要原因"), "text"),
        "主要用于": ((CODE, "主要用于"), "text"),
        "绩效自评": ((PROJECT, *PERFORMANCE_KEYS), "text"),
    }


def kind_of(path: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The kind (and choices) the reader reads the key at `path` as; ValueError if it reads no such key."""
    from juesuan.package import info

    section, key = path[0], path[-1]
    plain = {
        "上年决算数": (info.MEASURES, "amount"),
        "年初预算数": (info.BUDGET_MEASURES, "amount"),
        "主要原因": (info.MEASURES, "text"),
        "政府采购": (info.PROCUREMENT_KEYS, "amount"),
        "说明": (info.NOTE_KEYS, "text"),
        "概况": (info.OVERVIEW_KEYS, "lines"),
    }
    if section == "单位" and key in info.UNIT_KEYS:
        kinds = {"年度": ("year", ()), "单位类型": ("choice", info.UNIT_KINDS), "模板": ("template", ())}
        return kinds.get(key, ("text", ()))
    if section in plain and key in plain[section][0] and len(path) == 2:
        return plain[section][1], ()
    if section == "三公经费说明" and len(path) == 3 and key in info.THREE_PUBLIC.get(path[1], {}):
        return info.THREE_PUBLIC[path[1]][key][1], ()
    if section == "相关信息" and key in info.STATISTICS:
        return info.STATISTICS[key][1], ()
    if section == "绩效自评汇总" and key in info.PERFORMANCE_SUMMARY:
        return info.PERFORMANCE_SUMMARY[key], ()
    raise ValueError(f"{TEMPLATE_FILE} 模板中的“{': '.join(path)}”不是读取时认得的键")


def template_text() -> str:
    return files("juesuan").joinpath("package_template", TEMPLATE_FILE).read_text(encoding="utf-8")


@cache
def schema() -> tuple[Section, ...]:
    """The sections of the blank 单位信息.yaml, in its order, each field with its kind and help."""
    from juesuan.package.info import TOP_KEYS

    more = _more()
    sections: list[Section] = []
    comments: list[str] = []
    current: dict | None = None
    stack: list[str] = []
    lines = template_text().splitlines()
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(stripped.lstrip("#").strip())
            continue
        match = KEY_LINE.match(line)
        if not stripped or ITEM_LINE.match(line) or not match:
            comments = []
            continue
        depth = len(match["indent"]) // 2
        key, help_text = match["key"].strip(), (match["help"] or "").strip()
        if depth == 0:
            if key not in TOP_KEYS:
                raise ValueError(f"{TEMPLATE_FILE} 模板中的“{key}”不是读取时认得的键")
            if current:
                sections.append(_section(current, more))
            current = {"key": key, "help": _joined(comments), "fields": [], "groups": []}
            stack = [key]
            comments = []
            if key == BLOCK:
                break
            continue
        comments = []
        stack = [*stack[:depth], key]
        if _opens(lines, number, depth):
            current["groups"].append((key, help_text))
            continue
        kind, choices = kind_of(tuple(stack))
        current["fields"].append(Field(tuple(stack), kind, help_text, choices))
    if current:
        sections.append(_section(current, more))
    return tuple(sections)


def _section(found: dict, more: dict) -> Section:
    columns, kind = more.get(found["key"], ((), ""))
    return Section(
        found["key"],
        found["help"],
        tuple(found["fields"]),
        tuple(found["groups"]),
        columns,
        kind,
        block=found["key"] == BLOCK,
    )


def _opens(lines: list[str], number: int, depth: int) -> bool:
    """Whether the key on line `number` holds keys (the next key line is deeper)."""
    for line in lines[number + 1 :]:
        match = KEY_LINE.match(line)
        if match:
            return len(match["indent"]) // 2 > depth
        if line.strip() and not line.strip().startswith("#") and not ITEM_LINE.match(line):
            return False
    return False


def _joined(comments: list[str]) -> str:
    """A comment block as text: its lines, the blank ones (a lone #) dropped."""
    return "\n".join(line for line in comments if line)


def fields() -> dict[str, Field]:
    """Every field by its name (``三公经费说明/公务接待费/批次``)."""
    return {field.name: field for section in schema() for field in section.fields}
