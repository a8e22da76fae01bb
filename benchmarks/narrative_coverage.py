"""How much of 第三部分 the checker covers, per document: every number of the narrative is traced
to its source (and checked), reported as an error, or listed as untraced (N-untraced, info).

Run: .venv/bin/python benchmarks/narrative_coverage.py [--untraced] [file ...]
With no file: the reference sample and every 决算 of ../shared/samples/real (not its budget/ folder).
--untraced lists each untraced number by section; --groups counts them by their words.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from juesuan.model import Disclosure
from juesuan.rules import Severity, run_rules
from juesuan.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "datong-zwfwzx-2024.txt"
REAL = ROOT.parent / "shared" / "samples" / "real"


class Coverage(NamedTuple):
    numbers: int  # every number with a unit (万元, %, 个, 辆…) in 第三部分
    traced: int  # traced to a cell, a form, or the other numbers of its paragraph
    reported: int  # narrative errors (N-…)
    untraced: int  # listed as N-untraced

    @property
    def share(self) -> float:
        """Traced or reported, of all numbers."""
        return (self.numbers - self.untraced) / self.numbers if self.numbers else 1.0


def documents() -> list[Path]:
    real = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    return [SAMPLE, *real]


def coverage(disclosure: Disclosure, findings) -> Coverage:
    from juesuan.rules.narrative import traces_of

    numbers = len(traces_of(disclosure))
    untraced = sum(1 for f in findings if f.rule == "N-untraced")
    reported = sum(1 for f in findings if f.rule.startswith("N-") and f.severity == Severity.ERROR)
    return Coverage(numbers, numbers - untraced, reported, untraced)


def _words(message: str) -> str:
    """The words of an untraced number without the number: its group."""
    text = message.removeprefix("“").split("”未能追溯到来源")[0]
    return re.sub(r"[\d,.]+(万元|%|个|辆|人次|批次|台（套）|台|次|人)", "#", text)[-24:]


def main(argv: list[str]) -> None:
    listing, groups = "--untraced" in argv, "--groups" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or documents()
    print(f"{'文件':<44}{'数字':>6}{'追溯':>6}{'报错':>6}{'未追溯':>7}{'覆盖':>9}")
    for path in paths:
        disclosure, _ = read_path(path)
        findings = run_rules(disclosure)
        found = coverage(disclosure, findings)
        print(f"{path.name:<46}{found.numbers:>6}{found.traced:>6}{found.reported:>6}"
              f"{found.untraced:>7}{found.share:>10.1%}")  # fmt: skip
        untraced = [f for f in findings if f.rule == "N-untraced"]
        if listing:
            for f in untraced:
                print(f"    {f.where.split()[1]:<8}{f.message}")
        if groups:
            for words, n in Counter(_words(f.message) for f in untraced).most_common(15):
                print(f"    {n:>4}  {words}")


if __name__ == "__main__":
    main(sys.argv[1:])
