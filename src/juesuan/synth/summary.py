"""The 公开表 keyed by 行次 (01, 04, 10) and 公开09表, from the ledger and the statistics.

公开01表: income by source and every 功能分类 class of 公开03表; 公开04表: the same for 财政拨款,
split into the three budgets; both balance because income = spent − carried in + carried out.
"""

from __future__ import annotations

from collections.abc import Callable

from juesuan.catalogue import table_definitions
from juesuan.model import Row, Table
from juesuan.rules.classes import expenditure_classes
from juesuan.synth.ledger import CAPITAL, FISCAL, FUND, GENERAL, SOURCES, Flow, Ledger
from juesuan.synth.money import Cents, count, money
from juesuan.synth.profile import Profile
from juesuan.synth.public import Statistics
from juesuan.synth.tables import new_table

Lines = dict[str, dict[str, Cents]]  # 行次 → 栏次 → amount


def line_table(number: str, values: Lines, unit: str, year: int) -> Table:
    """Every 行次 of the template, with a figure in each nonzero cell."""
    definition = table_definitions()[number]
    rows = []
    for line in definition.lines:
        cells = tuple(
            (col, money(v, line.unit or "万元")) for col, v in values.get(line.line, {}).items() if v
        )
        rows.append(Row(line.line, line.label, cells, line_no=line.line))
    return new_table(number, rows, unit, year)


def by_class(ledger: Ledger, sources: tuple[str, ...], measure: Callable[[Flow], Cents]) -> dict[str, Cents]:
    found: dict[str, Cents] = {}
    for code, value in ledger.by_code(measure, sources).items():
        found[code[:3]] = found.get(code[:3], 0) + value
    return found


def total_table(ledger: Ledger, unit: str, year: int) -> Table:
    """公开01表 收入支出决算总表."""
    spent = by_class(ledger, SOURCES, lambda f: f.spent)
    left = {str(n): ledger.total(lambda f: f.income, (source,)) for n, source in enumerate(SOURCES, 1)}
    left["27"] = sum(left.values())
    left["29"] = ledger.total(lambda f: f.carried_in)
    left["31"] = left["27"] + left["29"]
    right = {each.line01: spent.get(each.code, 0) for each in expenditure_classes()}
    right["58"] = sum(right.values())
    right["60"] = ledger.total(lambda f: f.carried_out)
    right["62"] = right["58"] + right["60"]
    lines = {line: {"1": v} for line, v in left.items()} | {line: {"2": v} for line, v in right.items()}
    return line_table("01", lines, unit, year)


def appropriation_table(ledger: Ledger, unit: str, year: int) -> Table:
    """公开04表 财政拨款收入支出决算总表 (columns 3, 4, 5: 一般公共, 政府性基金, 国有资本经营)."""
    lines: Lines = {}
    for line, source in zip(("1", "2", "3"), FISCAL, strict=True):
        lines[line] = {"1": ledger.total(lambda f: f.income, (source,))}
        lines[str(int(line) + 28)] = {"1": ledger.total(lambda f: f.carried_in, (source,))}
    lines["27"] = {"1": sum(lines[line]["1"] for line in ("1", "2", "3"))}
    lines["28"] = {"1": sum(lines[line]["1"] for line in ("29", "30", "31"))}
    lines["32"] = {"1": lines["27"]["1"] + lines["28"]["1"]}
    for column, source in zip(("3", "4", "5"), (GENERAL, FUND, CAPITAL), strict=True):
        spent = by_class(ledger, (source,), lambda f: f.spent)
        for each in expenditure_classes():
            lines.setdefault(each.line04, {})[column] = spent.get(each.code, 0)
        lines.setdefault("60", {})[column] = ledger.total(lambda f: f.carried_out, (source,))
    _sum_right_side(lines, [each.line04 for each in expenditure_classes()])
    return line_table("04", lines, unit, year)


def _sum_right_side(lines: Lines, classes: list[str]) -> None:
    """Column 2 = 3 + 4 + 5 on every right-side line; 59 = Σ classes; 64 = 59 + 60."""
    lines["59"] = {c: sum(lines[line][c] for line in classes) for c in ("3", "4", "5")}
    lines["64"] = {c: lines["59"][c] + lines["60"][c] for c in ("3", "4", "5")}
    for line in (*classes, "59", "60", "64"):
        lines[line]["2"] = sum(lines[line][c] for c in ("3", "4", "5"))


def three_public_table(stats: Statistics, unit: str, year: int) -> Table:
    """公开09表: one row of 12 figures (zeros printed), or blank with 本表无数据."""
    line = table_definitions()["09"].lines[0]
    columns = stats.three_public
    cells = tuple((column, money(columns[column])) for column in map(str, range(1, 13)) if columns)
    return new_table("09", [Row(line.line, line.label, cells)] if cells else [], unit, year)


def statistics_table(stats: Statistics, profile: Profile, public_use: Cents, unit: str, year: int) -> Table:
    """公开10表: 政府采购 (1–4), 机关运行经费 (5 or 6), vehicles (7–15), equipment (17)."""
    money_lines: Lines = {line: {"统计数": value} for line, value in stats.procurement.items()}
    money_lines[profile.running_line] = {"统计数": public_use}
    table = line_table("10", money_lines, unit, year)
    counts = {**stats.vehicles, "7": sum(stats.vehicles.values()), "17": stats.equipment}
    rows = tuple(_with_count(row, counts.get(row.key)) for row in table.rows if row.key != "16")
    return Table(table.number, table.title, table.columns, rows, unit, year, table.notes)


def _with_count(row: Row, value: int | None) -> Row:
    if value is None or (value == 0 and row.key not in ("7", "17")):
        return row
    unit = table_definitions()["10"].line(row.key).unit
    return Row(row.key, row.label, (("统计数", count(value, unit)),), line_no=row.line_no)
