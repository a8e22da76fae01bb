"""Every origin inside a read disclosure placed anew: a text line's number becomes a PDF page and
box or a Word cell, a page gets the number it prints, a scanned page its OCR confidence."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from operator import is_
from typing import Any, TypeVar

from juesuan.model import Origin

T = TypeVar("T")


def relocate(value: T, place: Callable[[Origin], Origin]) -> T:
    """The value with every `Origin` inside it (dataclasses, tuples) replaced by place(origin).

    What holds no changed origin is returned as it is, not copied: a disclosure has thousands of
    figures and most of its strings, amounts and flags hold none. The model's dataclasses are
    frozen and derive nothing in `__init__`, so a changed one is a copy of its fields with the new
    ones (and nothing else: an index a table keeps of its rows is built again for the copy)."""

    def walk(value: Any) -> Any:
        kind = type(value)
        if kind is Origin:
            return place(value)
        if isinstance(value, tuple):
            items = tuple(map(walk, value))
            if all(map(is_, items, value)):
                return value
            return items if kind is tuple else kind(items)
        names = _field_names(kind)
        if not names:
            return value
        state = value.__dict__
        changed = {name: new for name in names if (new := walk(state[name])) is not state[name]}
        if not changed:
            return value
        copy = object.__new__(kind)
        copy.__dict__.update({name: state[name] for name in names}, **changed)
        return copy

    return walk(value)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names; none for any other type."""
    return tuple(field.name for field in fields(kind)) if is_dataclass(kind) else ()
