"""What 第三部分 九 must state, as the sentence catalogue words it (09-three-public.toml): each
count (团组, 人次, 辆, 批次) by the words of its topic and of the count, or a statement that there
was none of it (本年度未发生因公出国（境）); and the ways a unit says it had no 三公 spending at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from juesuan.narrative.catalogue import parts


@dataclass(frozen=True)
class CountStated:
    what: str  # 因公出国（境）团组数
    topic: re.Pattern[str]
    count: re.Pattern[str]
    none: re.Pattern[str]
    column: str  # its 决算数 column of 公开09表

    def stated(self, sentence: str) -> bool:
        """The sentence gives the count, or says there was none of it."""
        given = self.topic.search(sentence) and self.count.search(sentence)
        return bool(given or self.none.search(sentence))


@cache
def three_public_counts_stated() -> tuple[CountStated, ...]:
    rows = parts()["九"]["stated"]
    return tuple(
        CountStated(
            row["what"],
            re.compile(row["topic"]),
            re.compile(row["count"]),
            re.compile(row["none"]),
            row["column"],
        )
        for row in rows
    )


@cache
def _none_at_all() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in parts()["九"]["none_at_all"])


def none_at_all(sentence: str) -> bool:
    """The sentence says the unit had no 三公 spending (本单位无“三公”经费财政拨款支出 …)."""
    return any(pattern.search(sentence) for pattern in _none_at_all())
