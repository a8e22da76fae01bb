"""The questions people ask of a corpus, as SQL over the tidy cells.

Each question has a name, a Chinese title, its SQL (filters ``$year``, ``$unit`` and ``$limit``
as parameters, never pasted into the text) and what its chart plots: the label columns and the
value column. One row per disclosure (a unit may publish a corrected file: both are shown).

Questions across years pair a disclosure with the same unit's of the year before (its name
without spaces; of several files of one unit and year, the one with the fewest errors, then the
one ingested last). Ratios are computed in exact decimals (DuckDB divides decimals as DOUBLE):
`_ratio` rounds half away from zero in integers.
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


def _ratio(numerator: str, denominator: str, places: int) -> str:
    """numerator ÷ denominator (integer expressions) rounded half away from zero to `places`
    decimals, as an exact DECIMAL; NULL where the denominator is 0 or NULL."""
    scaled = f"(abs({numerator}) * {10**places} * 2 + abs({denominator}))"
    quotient = f"sign({numerator}) * sign({denominator}) * ({scaled} // (2 * abs({denominator})))"
    unit = f"{10**-places:.{places}f}"
    return f"CASE WHEN coalesce({denominator}, 0) <> 0 THEN CAST({quotient} AS DECIMAL(38, 0)) * {unit} END"


def _cents(amount: str) -> str:
    """An amount in 万元 (two decimals) as integer cents of 万元."""
    return f"CAST(({amount}) * 100 AS HUGEINT)"


# one disclosure per unit (name without spaces), year and kind (决算, 预算: k)
CHOSEN = """chosen AS (
        SELECT d.*, regexp_replace(d.unit, '\\s+', '', 'g') AS who, coalesce(d.kind, '决算') AS k
        FROM disclosures d JOIN files f ON f.sha256 = d.sha256
        QUALIFY row_number() OVER (
            PARTITION BY who, d.year, k ORDER BY d.errors, f.ingested_at DESC, d.sha256) = 1)"""
PER_HEAD = Question(
    "per-head",
    "人均“三公”经费（概况印有年末实有在职人员数的单位，元/人）",
    f"""WITH t AS (
        SELECT c.sha256, sum(c.amount) FILTER (c.col = '7') AS 决算数
        FROM cells c WHERE c."table" = '09' AND c."row" = '1' GROUP BY c.sha256)
    SELECT d.unit AS 单位, d.year AS 年度, d.staff AS 在职人数, coalesce(t.决算数, 0) AS "三公经费（万元）",
        {_ratio(_cents("coalesce(t.决算数, 0)") + " * 100", "d.staff", 2)} AS "人均（元）"
    FROM disclosures d LEFT JOIN t ON t.sha256 = d.sha256
    WHERE {FILTERS} AND d.staff > 0
    ORDER BY "人均（元）" DESC, 单位, 年度
    LIMIT $limit""",
    ("单位", "年度"),
    "人均（元）",
)
_RATE = _ratio(_cents("r.经费 - pr.经费") + " * 100", _cents("pr.经费"), 2)
RUNNING_YEARS = Question(
    "running-costs-years",
    "机关运行经费：本年与上年（上年取语料库中同一单位上年的公开10表，并列情况说明所述上年数，万元）",
    f"""WITH {CHOSEN},
    run AS (
        SELECT c.sha256, sum(c.amount) AS 经费 FROM cells c
        WHERE c."table" = '10' AND c."row" IN ('5', '6') GROUP BY c.sha256),
    stated AS (
        SELECT y.sha256, any_value(y.amount) AS 上年数 FROM last_year y
        WHERE y.cell LIKE '10[5,%' OR y.cell LIKE '10[6,%' GROUP BY y.sha256)
    SELECT d.unit AS 单位, d.year AS 年度, r.经费 AS 机关运行经费, pr.经费 AS 上年机关运行经费,
        r.经费 - pr.经费 AS 增减额, {_RATE} AS "增减率%", s.上年数 AS 说明所述上年数
    FROM chosen d JOIN run r ON r.sha256 = d.sha256
    LEFT JOIN chosen p ON p.who = d.who AND p.year = d.year - 1 AND p.k = d.k
    LEFT JOIN run pr ON pr.sha256 = p.sha256
    LEFT JOIN stated s ON s.sha256 = d.sha256
    WHERE {FILTERS}
    ORDER BY 单位, 年度
    LIMIT $limit""",
    ("单位", "年度"),
    "机关运行经费",
)
BOTH_YEARS = Question(
    "both-years",
    "本年与上年并列（同一单位两年公开表的同一单元格，万元；上年取语料库中该单位上一年度的决算）",
    f"""WITH {CHOSEN},
    pairs AS (
        SELECT d.sha256 AS this, p.sha256 AS last, d.unit, d.year FROM chosen d
        JOIN chosen p ON p.who = d.who AND p.year = d.year - 1 AND p.k = d.k
        WHERE {FILTERS}),
    this_year AS (
        SELECT pairs.*, c.* EXCLUDE (sha256) FROM pairs JOIN cells c ON c.sha256 = pairs.this),
    last_year_cells AS (
        SELECT pairs.*, c.* EXCLUDE (sha256) FROM pairs JOIN cells c ON c.sha256 = pairs.last),
    stated AS (
        SELECT y.sha256, y.cell, any_value(y.value) AS 上年数 FROM last_year y GROUP BY y.sha256, y.cell),
    both_years AS (
        SELECT coalesce(c.this, l.this) AS this, coalesce(c.unit, l.unit) AS 单位,
            coalesce(c.year, l.year) AS 年度, coalesce(c."table", l."table") AS 表,
            coalesce(c."row", l."row") AS 行, coalesce(c.col, l.col) AS 栏,
            coalesce(c.item, l.item) AS 项目, coalesce(c."column", l."column") AS 栏目,
            c.value AS 本年, l.value AS 上年, coalesce(c.amount, 0) - coalesce(l.amount, 0) AS 增减
        FROM this_year c FULL JOIN last_year_cells l
            ON l.this = c.this AND l."table" = c."table" AND l."row" = c."row" AND l.col = c.col
        WHERE c.amount IS NOT NULL OR l.amount IS NOT NULL)
    SELECT b.* EXCLUDE (this), s.上年数 AS 说明所述上年数
    FROM both_years b
    LEFT JOIN stated s ON s.sha256 = b.this AND s.cell = b.表 || '[' || b.行 || ',' || b.栏 || ']'
    ORDER BY 单位, 年度, 表, try_cast(行 AS INTEGER) NULLS LAST, 行, try_cast(栏 AS INTEGER) NULLS LAST, 栏
    LIMIT $limit""",
    ("单位", "项目"),
    "本年",
)
_WAN = "CASE WHEN b.money_unit = '元' THEN c.amount / 10000 ELSE c.amount END"  # a 预算 in 元
_COMPLETION = _ratio(_cents("a.一般公共预算") + " * 100", _cents("bb.一般公共预算"), 2)
BUDGET_ACTUAL = Question(
    "budget-actual",
    "预算与决算（同一单位同一年度：已公开预算的一般公共预算支出、“三公”经费，与决算所列，万元）",
    f"""WITH {CHOSEN},
    budgeted AS (
        SELECT b.sha256,
            sum({_WAN}) FILTER (c."table" = '预算05' AND c."row" = '合计' AND c.col = '合计') AS 一般公共预算,
            sum({_WAN}) FILTER (c."table" = '预算07' AND c.col = '合计') AS 三公
        FROM chosen b JOIN cells c ON c.sha256 = b.sha256
        WHERE b.k = '预算' AND c."table" IN ('预算05', '预算07') GROUP BY b.sha256),
    spent AS (
        SELECT c.sha256,
            sum(c.amount) FILTER (c."table" = '05' AND c."row" = '合计' AND c.col = '1') AS 一般公共预算,
            sum(c.amount) FILTER (c."table" = '09' AND c."row" = '1' AND c.col = '7') AS 三公
        FROM cells c WHERE c."table" IN ('05', '09') GROUP BY c.sha256)
    SELECT d.unit AS 单位, d.year AS 年度, bb.一般公共预算 AS 一般公共预算支出预算,
        a.一般公共预算 AS 一般公共预算财政拨款支出决算, {_COMPLETION} AS "决算为预算的%",
        bb.三公 AS "“三公”经费预算", a.三公 AS "“三公”经费决算"
    FROM chosen d JOIN spent a ON a.sha256 = d.sha256
    JOIN chosen p ON p.who = d.who AND p.year = d.year AND p.k = '预算'
    JOIN budgeted bb ON bb.sha256 = p.sha256
    WHERE d.k = '决算' AND {FILTERS}
    ORDER BY 单位, 年度
    LIMIT $limit""",
    ("单位", "年度"),
    "一般公共预算财政拨款支出决算",
)
ASKED = (THREE_PUBLIC, RUNNING_COSTS, STRUCTURE, ERRORS, PER_HEAD, RUNNING_YEARS, BOTH_YEARS, BUDGET_ACTUAL)
QUESTIONS = {q.name: q for q in ASKED}


def parameters(year: int | None = None, unit: str | None = None, limit: int = 20) -> dict[str, object]:
    return {"year": year, "unit": unit, "limit": limit}
