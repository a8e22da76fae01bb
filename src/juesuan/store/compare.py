"""The questions people ask of a corpus, as SQL over the tidy cells.

Each question has a name, a Chinese title, its SQL (filters ``$year``, ``$unit`` and ``$limit``
as parameters, never pasted into the text) and what its chart plots: the label columns and the
value column. One row per disclosure (a unit may publish a corrected file: both are shown).
"""

from __future__ import annotations

from dataclasses import dataclass

FILTERS = "($year IS NULL OR d.year = $year) AND ($unit IS NULL OR contains(d.unit, $unit))"


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    sql: str
    labels: tuple[str, ...]  # columns naming a bar of the chart
    value: str  # the column the chart plots


THREE_PUBLIC = Question(
    "three-public",
    "财政拨款“三公”经费（按单位和年度，万元）",
    f"""WITH t AS (
        SELECT c.sha256,
            sum(c.amount) FILTER (c.col = '1') AS 预算数,
            sum(c.amount) FILTER (c.col = '7') AS 决算数,
            sum(c.amount) FILTER (c.col = '8') AS "因公出国（境）费",
            sum(c.amount) FILTER (c.col = '10') AS 公务用车购置费,
            sum(c.amount) FILTER (c.col = '11') AS 公务用车运行维护费,
            sum(c.amount) FILTER (c.col = '12') AS 公务接待费
        FROM cells c WHERE c."table" = '09' AND c."row" = '1' GROUP BY c.sha256)
    SELECT d.unit AS 单位, d.year AS 年度, t.* EXCLUDE (sha256)
    FROM t JOIN disclosures d ON d.sha256 = t.sha256
    WHERE {FILTERS}
    ORDER BY 决算数 DESC NULLS LAST, 单位, 年度
    LIMIT $limit""",
    ("单位", "年度"),
    "决算数",
)
RUNNING_COSTS = Question(
    "running-costs",
    "机关运行经费（按单位和年度，万元）",
    f"""WITH t AS (
        SELECT c.sha256,
            sum(c.amount) FILTER (c."table" = '10') AS 机关运行经费,
            sum(c.amount) FILTER (c."table" = '06') AS 公用经费合计,
            sum(c.amount) FILTER (c."table" = '05') AS 基本支出
        FROM cells c
        WHERE (c."table" = '10' AND c."row" IN ('5', '6'))
            OR (c."table" = '06' AND c."row" = '公用经费合计')
            OR (c."table" = '05' AND c."row" = '合计' AND c.col = '2')
        GROUP BY c.sha256)
    SELECT d.unit AS 单位, d.year AS 年度, t.* EXCLUDE (sha256)
    FROM t JOIN disclosures d ON d.sha256 = t.sha256
    WHERE {FILTERS} AND t.机关运行经费 IS NOT NULL
    ORDER BY 机关运行经费 DESC, 单位, 年度
    LIMIT $limit""",
    ("单位", "年度"),
    "机关运行经费",
)
STRUCTURE = Question(
    "structure",
    "支出结构（按功能分类类级科目，公开03表，万元）",
    f"""SELECT c."row" AS 科目代码, any_value(c.item) AS 科目名称, count(*) FILTER (c.col = '1') AS 份数,
        sum(c.amount) FILTER (c.col = '1') AS 支出合计,
        sum(c.amount) FILTER (c.col = '2') AS 基本支出,
        sum(c.amount) FILTER (c.col = '3') AS 项目支出,
        round(100 * 支出合计 / sum(支出合计) OVER (), 2) AS "占比%"
    FROM cells c JOIN disclosures d ON d.sha256 = c.sha256
    WHERE c."table" = '03' AND length(c."row") = 3 AND {FILTERS}
    GROUP BY c."row"
    ORDER BY 支出合计 DESC NULLS LAST, 科目代码
    LIMIT $limit""",
    ("科目名称",),
    "支出合计",
)
ERRORS = Question(
    "errors",
    "错误最多的单位",
    f"""WITH worst AS (
        SELECT d.sha256, d.unit, d.year, d.errors, d.warnings FROM disclosures d
        WHERE {FILTERS} AND d.errors > 0
        ORDER BY d.errors DESC, d.warnings DESC, d.unit LIMIT $limit),
    rules AS (
        SELECT f.sha256, f.rule, count(*) AS n FROM findings f JOIN worst w ON w.sha256 = f.sha256
        WHERE f.severity = 'error' GROUP BY f.sha256, f.rule)
    SELECT w.unit AS 单位, w.year AS 年度, w.errors AS 错误, w.warnings AS 警告,
        string_agg(r.rule || '×' || r.n, '，' ORDER BY r.n DESC, r.rule) AS 规则
    FROM worst w LEFT JOIN rules r ON r.sha256 = w.sha256
    GROUP BY w.sha256, w.unit, w.year, w.errors, w.warnings
    ORDER BY 错误 DESC, 警告 DESC, 单位""",
    ("单位", "年度"),
    "错误",
)
QUESTIONS = {q.name: q for q in (THREE_PUBLIC, RUNNING_COSTS, STRUCTURE, ERRORS)}


def parameters(year: int | None = None, unit: str | None = None, limit: int = 20) -> dict[str, object]:
    return {"year": year, "unit": unit, "limit": limit}
