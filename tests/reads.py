"""What the tracer made of a number, worded as the sentence catalogue's `reads` ("amount 01[1,1]",
"change ~", "count -"), and whether it is what a catalogue row expects: shared by the 决算 and the
预算 catalogue tests."""

from __future__ import annotations

from juesuan.narrative.trace import Trace


def read_as(trace: Trace) -> str:
    """What the tracer made of a number, worded as the catalogue's `reads`."""
    if trace.source is not None:
        return f"{trace.claim.kind} {trace.source}"
    return f"{trace.claim.kind} {'~' if trace.operands else '-'}"


def matches(expected: str, trace: Trace) -> bool:
    """`expected` as read, or for "* source" (a wording's example) of that source whatever its kind."""
    kind, source = expected.split(" ", 1)
    found = read_as(trace)
    return found.split(" ", 1)[1] == source if kind == "*" else found == expected
