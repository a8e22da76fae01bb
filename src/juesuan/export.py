"""Exports of the model: tidy cells as CSV, the whole disclosure as JSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal

from juesuan.model import Disclosure, Figure, Problem, tidy_cells
from juesuan.model.tidy import TIDY_COLUMNS


def tidy_csv(disclosure: Disclosure) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    writer.writerows(cell.as_tuple() for cell in tidy_cells(disclosure))
    return buffer.getvalue()


def disclosure_json(disclosure: Disclosure, problems: list[Problem] = ()) -> str:
    document = {"disclosure": to_plain(disclosure), "problems": [to_plain(p) for p in problems]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_plain(value):
    """Dataclasses to dicts, Decimals to strings (exact), tuples to lists; None-valued origin keys dropped."""
    if isinstance(value, Figure):
        return {
            "text": value.text,
            "value": str(value.value),
            "places": value.places,
            "unit": value.unit,
            "origin": to_plain(value.origin),
        }
    if dataclasses.is_dataclass(value):
        fields = {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {k: v for k, v in fields.items() if v is not None}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    return value
