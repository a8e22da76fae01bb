"""Which cell a figure of 第三部分 names: the wording → source mapping of sources.toml, and the
rows and columns of a table found by their printed names."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from juesuan.model import Disclosure, Row, Table
from juesuan.narrative.context import normalise


@cache
def source_catalogue() -> dict:
    with resources.files("juesuan.narrative").joinpath("sources.toml").open("rb") as stream:
        return tomllib.load(stream)


def section_spec(key: str) -> dict:
    """The sources of a section; a section printed without the template's sub-sections
    (Shanghai's 三公 section has none) takes those of all its sub-sections."""
    sections = source_catalogue()["section"]
    found = sections.get(key) or sections.get(key[:1])
    return found if found is not None else _merged([v for k, v in sections.items() if k.startswith(key)])


def _merged(specs: list[dict]) -> dict:
    merged: dict = {}
    for spec in specs:
        for name, value in spec.items():
            merged[name] = {**merged.get(name, {}), **value} if isinstance(value, dict) else value
    return merged


def resolve_amount(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    return resolve_amount_in(spec, alias(subject)) or resolve_by_name(disclosure, spec, subject)


def resolve_amount_in(spec: dict, subject: str) -> str | None:
    """The source the section's `amounts` give the subject's words, if any."""
    return _matching(spec.get("amounts", {}), subject)


def resolve_count(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    return _matching(spec.get("counts", {}), subject) or resolve_by_name(disclosure, spec, subject)


def _matching(sources: dict[str, str], subject: str) -> str | None:
    """The source of the first wording pattern the subject matches."""
    return next((source for pattern, source in sources.items() if re.search(pattern, subject)), None)


def resolve_by_name(disclosure: Disclosure, spec: dict, subject: str) -> str | None:
    """The row (`rows`) or column (`columns`) of the spec's table printed with this name;
    the spec's suffix (（类）) is not part of the printed name."""
    suffix = normalise(spec.get("rows", {}).get("suffix", ""))
    name = normalise(alias(normalise(subject).removesuffix(suffix) or subject))
    if not name:
        return None
    if "rows" in spec:
        found = _row_named(disclosure.table(spec["rows"]["table"]), name, spec["rows"]["column"])
        if found is not None:
            return f"{spec['rows']['table']}[{found.key},{spec['rows']['column']}]"
    if "columns" in spec:
        table = disclosure.table(spec["columns"]["table"])
        for column in table.columns if table else ():
            if normalise(column.heading) == name:
                return f"{table.number}[{spec['columns']['row']},{column.key}]"
    return None


def _row_named(table: Table | None, name: str, column: str) -> Row | None:
    """The row printed with this name; where names repeat (06: 30902 and 31002 办公设备购置),
    the one with a figure in the column."""
    rows = [row for row in (table.rows if table else ()) if normalise(row.label) == name]
    return next((row for row in rows if row.get(column) is not None), rows[0] if rows else None)


def share_base(spec: dict, label: str) -> str | None:
    named = re.match(r"^占(.+)的$", label)
    if named:
        source = resolve_amount_in(spec, named.group(1))
        if source:
            return source
    return spec.get("share_base")


def alias(name: str) -> str:
    return source_catalogue()["aliases"].get(name, name)
