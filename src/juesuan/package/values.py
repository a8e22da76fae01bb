"""Reading the values of 单位信息.yaml: keys checked against what is allowed, numbers read
exactly (Decimal from the text written), every error a one-line Chinese `SourceError` that names
the file, the line and the key."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from juesuan.model import Figure, Origin
from juesuan.package.safe_yaml import Items, Mapping, Text
from juesuan.sources import SourceError

INFO_FILE = "单位信息.yaml"
_KEY_NOISE = str.maketrans({"（": "(", "）": ")", "：": ":"})
_UNIT = re.compile(r"\s*(万元|元|%|％|个|辆|批次|人次|次|人)$")


def key_form(key: str) -> str:
    """A key as compared: no spaces, half-width brackets (因公出国（境）费 = 因公出国(境)费)."""
    return "".join(key.translate(_KEY_NOISE).split())


def quoted(what: str) -> str:
    """“what”, unless it already quotes its own parts (绩效自评表“…”的分值)."""
    return what if "“" in what else f"“{what}”"


def fail(line: int, message: str) -> SourceError:
    return SourceError(f"{INFO_FILE} 第{line}行：{message}")


def canonical(mapping: Mapping, allowed: Iterable[str], where: str) -> Mapping:
    """The mapping keyed by the `allowed` keys as spelled here; any other key is an error."""
    by_form = {key_form(key): key for key in allowed}
    renamed = Mapping()
    renamed.line, renamed.key_lines = mapping.line, {}
    for written, value in mapping.items():
        key = by_form.get(key_form(written))
        if key is None:
            choices = "、".join(by_form.values())
            raise fail(mapping.key_line(written), f"“{where}”下没有“{written}”这一项（可填：{choices}）")
        renamed[key] = value
        renamed.key_lines[key] = mapping.key_line(written)
    return renamed


def section(mapping: Mapping, key: str, where: str = "") -> Mapping:
    """The mapping under `key`; an empty one when the key is absent or left blank."""
    value = mapping.get(key)
    if value is None or (isinstance(value, Text) and not value.strip()):
        empty = Mapping()
        empty.line, empty.key_lines = mapping.key_line(key), {}
        return empty
    if not isinstance(value, Mapping):
        raise fail(mapping.key_line(key), f"“{where or key}”下应是若干“键: 值”，每项一行并缩进")
    return value


def items(mapping: Mapping, key: str, where: str = "") -> Items:
    """The list under `key` (each entry a line starting with “- ”); empty when absent or blank."""
    value = mapping.get(key)
    if value is None or (isinstance(value, Text) and not value.strip()):
        return Items()
    if not isinstance(value, Items):
        raise fail(mapping.key_line(key), f"“{where or key}”下应是列表，每项一行，以“- ”开头")
    return value


def text(mapping: Mapping, key: str, where: str = "") -> str:
    """The text under `key`, stripped; "" when absent or blank."""
    value = mapping.get(key)
    if value is None:
        return ""
    if not isinstance(value, Text):
        raise fail(mapping.key_line(key), f"“{where or key}”应是一段文字（含冒号时请整段加引号）")
    return value.strip()


def texts(mapping: Mapping, key: str, where: str = "") -> tuple[Text, ...]:
    """The non-blank texts of a list under `key`."""
    found = items(mapping, key, where)
    for entry in found:
        if not isinstance(entry, Text):
            raise fail(found.line, f"“{where or key}”的每一项应是一段文字（含冒号时请整段加引号）")
    return tuple(Text.at(entry.strip(), entry.line) for entry in found if entry.strip())


def figure(mapping: Mapping, key: str, what: str, unit: str = "万元") -> Figure | None:
    """The number under `key` as a Figure (its text kept); None when blank."""
    written = text(mapping, key, what)
    if not written:
        return None
    cleaned = _UNIT.sub("", written)
    found = Figure.parse(cleaned, Origin(line=mapping.key_line(key)), unit)
    if found is None:
        raise fail(mapping.key_line(key), f"{quoted(what)}应是数字，见到“{written}”")
    return found


def amount(mapping: Mapping, key: str, what: str) -> Decimal | None:
    """An amount in 万元, exact; None when blank."""
    found = figure(mapping, key, what)
    return None if found is None else found.value


def count(mapping: Mapping, key: str, what: str) -> int | None:
    """A whole number (团组, 人次, 辆, 批次); None when blank."""
    found = figure(mapping, key, what, "")
    if found is None:
        return None
    if found.value != found.value.to_integral_value() or found.value < 0:
        raise fail(mapping.key_line(key), f"{quoted(what)}应是非负整数，见到“{found.text}”")
    return int(found.value)
