"""Claims in 第三部分: every number with its unit, its kind and the words that name it.

A paragraph is cut into clauses at Chinese punctuation; in each clause a number followed by a
unit is a claim. The words before it (the clause's label) say what it is: an amount (收入总计),
a change (…增加), a rate (增长/下降), a share (占比…), a completion rate (完成年初预算的…),
a budget figure (年初预算, 全年预算) or a count (个, 辆, 批次, 人次, 台（套）).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.model import Figure, Origin, Paragraph
from juesuan.narrative.catalogue import words

_CLAUSE = re.compile(r"[，。；;！]")
# the count units of the catalogue (sentences/common.toml), longest first: 台（套） before 台
COUNT_UNITS = frozenset(words("count_units"))
_UNITS = "|".join(re.escape(unit) for unit in sorted(COUNT_UNITS, key=len, reverse=True))
# 0.39万（含外宾接待支出0.00万元）: 万 with no 元 before a bracket or a stop is an amount in 万元 too
# (not 830万粉丝, 72万册)
_NUMBER = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    rf"(?P<unit>万元|%|％|{_UNITS}|万(?=\s*[（(，。；、)）]))"
)
_LEADING_NOISE = re.compile(
    r"^(其中[：:]?|主要包括|主要用于|与上年相比|\d+[、.．]|[（(][一二三四五六七八九十]+[)）]"
    r"|按照?(支出)?(功能|经济)(分类|科目)(支出)?划分为?)+"
)
# 增长 13.95。 (规划资源 p.21): a rate with its % left out, ending its clause (N-percent-sign reports it)
_BARE_RATE = re.compile(r"(增长|下降|降低|上升)\s*(?P<number>\d+(?:\.\d+)?)\s*$")
# 完成预算0万元的0%: the budget is stated inside the completion, its rate after 的
COMPLETING = re.compile(r"完成(年初|全年)?预算$")


@dataclass(frozen=True)
class Claim:
    """A number stated in the narrative, with what the text says it is."""

    kind: str  # amount | budget | change | rate | share | completion | count
    figure: Figure
    label: str  # the words naming it, cleaned (e.g. 收入总计, 一般公共服务支出(类))
    clause: str  # the whole clause it stands in
    sentence: int  # index of the sentence in the paragraph (。-separated)
    sign: int = 1  # -1 for 减少 / 下降; 0 for a change not worded either way (变化)
    after: str = ""  # the words after the number, up to the next one (9个项目自评等级为“优”)


def paragraph_claims(paragraph: Paragraph) -> list[Claim]:
    claims: list[Claim] = []
    for sentence_no, sentence in enumerate(paragraph.text.split("。")):
        for clause in _CLAUSE.split(sentence):
            claims += clause_claims(clause, sentence_no, paragraph.origin)
    return claims


def clause_claims(clause: str, sentence: int, origin: Origin) -> list[Claim]:
    claims: list[Claim] = []
    matches = list(_NUMBER.finditer(clause))
    for index, match in enumerate(matches):
        label = clause[matches[index - 1].end() if index else 0 : match.start()]
        after = clause[match.end() : matches[index + 1].start() if index + 1 < len(matches) else None]
        unit = match.group("unit").replace("％", "%")
        figure = Figure.parse(match.group("number"), origin, unit)
        if figure is None or _is_threshold(label, after):
            continue
        if unit == "%" and label.strip() == "的" and claims and claims[-1].kind == "budget":
            label = claims[-1].label + label.strip()  # 完成预算0万元的0%: 完成预算的
        kind, sign = classify(label, unit)
        claims.append(Claim(kind, figure, clean_label(label), clause, sentence, sign, after))
    return claims + _bare_rate(clause, matches[-1].end() if matches else 0, sentence, origin)


def _bare_rate(clause: str, start: int, sentence: int, origin: Origin) -> list[Claim]:
    """The rate ending the clause after its last figure with a unit, printed without %: a rate
    all the same (增长13.95 of 增加1193.20万元), its figure with no unit."""
    bare = _BARE_RATE.search(clause, start)
    figure = Figure.parse(bare.group("number"), origin) if bare else None
    if bare is None or figure is None:
        return []
    label = clause[start : bare.start("number")]
    return [Claim("rate", figure, clean_label(label), clause, sentence, _direction(label.strip()))]


def classify(label: str, unit: str) -> tuple[str, int]:
    words = label.strip()
    if unit in COUNT_UNITS:
        return "count", 1
    direction = _direction(words)
    if unit == "%":
        if direction:
            return "rate", direction
        if "完成" in words and "预算" in words:
            return "completion", 1
        return "share", 1
    if direction and not words.endswith(("增幅", "降幅", "减幅")):
        return "change", direction
    if _UNSIGNED.search(words):
        return "change", 0  # 相比变化0万元: which way, the rate after it says
    if budget_word(words) or COMPLETING.search(words):
        return "budget", 1
    return "amount", 1


BUDGET_WORDS = words("budgets")


def budget_word(label: str) -> str:
    """年初预算 or 全年预算 when the label ends in it (年初预算为, 全年预算数), else ""."""
    words = label.strip().removesuffix("为").removesuffix("数")
    return next((word for word in BUDGET_WORDS if words.endswith(word)), "")


_UNSIGNED = re.compile(r"相比变化了?$")
_RISE = words("rise")
_FALL = words("fall")
# the template's two words left side by side: 下降（增长） is the first, as written
_ALTERNATIVE = re.compile(r"[（(](增长|下降|增加|减少)[)）]$")


def _direction(words: str) -> int:
    """+1 when the words end in a rise (增长, 增加了, 增长率为 …), -1 in a fall (下降, 减少了 …), else 0."""
    words = _ALTERNATIVE.sub("", words).removesuffix("为").removesuffix("了").removesuffix("率")
    return 1 if words.endswith(_RISE) else -1 if words.endswith(_FALL) else 0


def preceding_clause(text: str, claim: Claim) -> str:
    """The clause before the claim's own in its sentence (项目支出增加，较上年增加…), else ""."""
    clauses = _CLAUSE.split(text.split("。")[claim.sentence])
    index = clauses.index(claim.clause) if claim.clause in clauses else 0
    return clauses[index - 1] if index else ""


def clean_label(label: str) -> str:
    text = "".join(label.split())  # spaces, and the TAB Word puts after a list item's number
    text = re.split(r"[：:]", text)[-1]
    return _LEADING_NOISE.sub("", text)


def _is_threshold(label: str, after: str) -> bool:
    """单价100万元（含）以上 names a threshold, not a figure."""
    return label.rstrip().endswith("单价") and after.lstrip().startswith(("（含）", "(含)", "以上"))
