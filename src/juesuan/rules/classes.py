"""Which line of 公开01表 and 公开04表 holds which 功能分类 类, read off the national template.

The two summary tables print one expenditure line per 类 (公开01表 第39行 and 公开04表 第40行
“八、社会保障和就业支出” are 208); the detail tables (03, 05, 07, 08) print the same class as a code
row. The map is not written down anywhere: each line of the national template's 公开01表 and
公开04表 whose label, without its numbering (八、), is the name of a 3-digit class of the
functional classification (`juesuan.catalogue.functional_classification`) holds that class.

The identities of `identities.txt` name the lines through the placeholders {code}, {line01} and
{line04} (`juesuan.rules.identities`); the synthetic generator lays out its summary tables by it.
Keys are national 行次 whatever the template: a template's own numbering is mapped to them when
it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from juesuan.catalogue.tables import label_key


@dataclass(frozen=True)
class ExpenditureClass:
    code: str  # 类级科目代码, e.g. 208
    name: str
    line01: str  # 行次 in 公开01表
    line04: str  # 行次 in 公开04表


class ClassLineError(ValueError):
    """The national template's summary tables and the classification do not fit together."""


@cache
def expenditure_classes() -> tuple[ExpenditureClass, ...]:
    """Every 类 printed by both 公开01表 and 公开04表 of the national template, in code order."""
    from juesuan.catalogue import functional_classification
    from juesuan.catalogue.templates import NATIONAL, template

    catalogue = functional_classification()
    names = {label_key(name): code for code, name in catalogue.entries if len(code) == 3}
    tables = template(NATIONAL).tables
    lines01, lines04 = (_class_lines(tables[number].lines, names, number) for number in ("01", "04"))
    if set(lines01) != set(lines04):
        odd = "、".join(sorted(set(lines01) ^ set(lines04)))
        raise ClassLineError(f"公开01表与公开04表印出的支出类不同：{odd}")
    return tuple(
        ExpenditureClass(code, catalogue.name(code) or "", lines01[code], lines04[code])
        for code in sorted(lines01)
    )


def _class_lines(lines, names: dict[str, str], number: str) -> dict[str, str]:
    """{class code: the national 行次 printing it} for one summary table."""
    found: dict[str, str] = {}
    for line in lines:
        code = names.get(label_key(line.label)) if line.label else None
        if code is None:
            continue
        if code in found:
            raise ClassLineError(f"公开{number}表第{found[code]}行与第{line.row}行都是 {code} 类")
        found[code] = line.row
    return found
