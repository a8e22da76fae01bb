"""Charts of the disclosure's structure, drawn with matplotlib (Agg) to self-contained SVG.

Each function returns the SVG text (or, given `out=to_png`, the PNG bytes the Word document
embeds), or None when the tables hold nothing to draw. Text is drawn as paths in the CJK font asked
for by family name, so the SVG needs no font where it is shown. matplotlib is imported only when a
chart is drawn. `CHARTS` says which section of 第三部分 each chart illustrates, for every format.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from juesuan.catalogue import functional_classification
from juesuan.model import Disclosure, Table

FONT_FAMILY = "Noto Sans CJK SC"
PALETTE = ("#a61b29", "#1f4e79", "#c8963e", "#4d7f5e", "#7a5c8e", "#5f6b73", "#b5651d")
_INCOME_SOURCES = ("2", "3", "4", "5", "6", "7")  # 公开02表 栏次 of each source of income
_SPENDING_KINDS = ("2", "3", "4", "5", "6")  # 公开03表 栏次: 基本支出, 项目支出, …
_ID = re.compile(r'(id="|href="#|url\(#)')
# Each chart: its title and the (section, sub-section) of 第三部分 it illustrates.
CHARTS = {
    "income": ("本年收入构成", ("二", "")),
    "spending": ("本年支出构成", ("三", "")),
    "classes": ("一般公共预算财政拨款支出结构", ("五", "（二）")),
    "compare": ("与上年对比", ("五", "（三）")),
}
Out = Callable[[Any, str], Any]  # a drawn figure and its key → the chart as the format embeds it


def income_structure(disclosure: Disclosure, out: Out | None = None) -> Any:
    """收入结构: 公开02表 合计 by source of income (财政拨款收入, 事业收入, …)."""
    parts = _total_row_parts(disclosure.table("02"), _INCOME_SOURCES)
    return _share_bars("本年收入构成", parts, "income", out or to_svg) if parts else None


def expenditure_structure(disclosure: Disclosure, out: Out | None = None) -> Any:
    """支出结构: 公开03表 合计, 基本支出 against 项目支出 (and any other kind printed)."""
    parts = _total_row_parts(disclosure.table("03"), _SPENDING_KINDS)
    return _donut("本年支出构成", parts, "spending", out or to_svg) if parts else None


def class_structure(disclosure: Disclosure, out: Out | None = None) -> Any:
    """一般公共预算财政拨款支出 by 类: 公开05表 col 1 of each three-digit code."""
    parts = _class_amounts(disclosure.table("05"))
    title = "一般公共预算财政拨款支出（按功能分类“类”）"
    return _share_bars(title, parts, "classes", out or to_svg) if parts else None


def class_comparison(disclosure: Disclosure, last_year: Mapping[str, Decimal], out: Out | None = None) -> Any:
    """This year's 公开05表 类 amounts beside last year's, for the classes either year has."""
    table = disclosure.table("05")
    this_year = dict(_class_amounts(table, by_code=True))
    codes = sorted(set(this_year) | {code for code, amount in last_year.items() if amount})
    if not codes or table is None:
        return None
    labels = [_class_name(table, code) for code in codes]
    current = [this_year.get(code, Decimal(0)) for code in codes]
    previous = [Decimal(last_year.get(code, 0)) for code in codes]
    year = disclosure.year
    names = (f"{year - 1}年" if year else "上年", f"{year}年" if year else "本年")
    title = "一般公共预算财政拨款支出与上年对比（按“类”）"
    return _paired_bars(title, labels, previous, current, names, out or to_svg)


def _total_row_parts(table: Table | None, columns: Sequence[str]) -> list[tuple[str, Decimal]]:
    row = table.row("合计") if table else None
    if row is None or table is None:
        return []
    parts = [(table.heading(col), row.get(col)) for col in columns]
    return [(name, figure.value) for name, figure in parts if figure is not None and figure.value > 0]


def _class_amounts(table: Table | None, by_code: bool = False) -> list[tuple[str, Decimal]]:
    if table is None:
        return []
    found = [(row, row.get("1")) for row in table.rows if len(row.code) == 3]
    return [
        (row.code if by_code else row.label, figure.value)
        for row, figure in found
        if figure is not None and figure.value > 0
    ]


def _class_name(table: Table, code: str) -> str:
    row = table.row(code)
    if row and row.label:
        return row.label
    return functional_classification().name(code) or code


def _share_bars(title: str, parts: list[tuple[str, Decimal]], key: str, out: Out) -> Any:
    """Horizontal bars, largest first, each labelled with its amount and share."""
    plt = _pyplot()
    parts = sorted(parts, key=lambda part: part[1])
    total = sum(amount for _, amount in parts)
    fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.55 * len(parts)))
    values = [float(amount) for _, amount in parts]
    ax.barh([name for name, _ in parts], values, color=PALETTE[0], height=0.6)
    for index, (_, amount) in enumerate(parts):
        ax.annotate(
            f" {amount_text(amount)}（{share_text(amount, total)}）",
            (values[index], index),
            va="center",
            fontsize=9,
        )
    ax.set_xlim(0, max(values) * 1.5)
    _finish(ax, title)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0, labelsize=10)
    return out(fig, key)


def _donut(title: str, parts: list[tuple[str, Decimal]], key: str, out: Out) -> Any:
    """A ring of shares with a legend giving each part's amount and share."""
    plt = _pyplot()
    total = sum(amount for _, amount in parts)
    fig, ax = plt.subplots(figsize=(7.2, 3.2))
    wedges, _ = ax.pie(
        [float(amount) for _, amount in parts],
        colors=PALETTE[: len(parts)],
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.38, "edgecolor": "white"},
    )
    labels = [f"{name} {amount_text(amount)}万元（{share_text(amount, total)}）" for name, amount in parts]
    ax.legend(wedges, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=10)
    ax.text(0, 0, f"合计\n{amount_text(total)}万元", ha="center", va="center", fontsize=10)
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_aspect("equal")
    return out(fig, key)


def _paired_bars(
    title: str,
    labels: list[str],
    previous: list[Decimal],
    current: list[Decimal],
    names: tuple[str, str],
    out: Out,
) -> Any:
    """Two bars per class, last year (grey) beside this year (red), amounts on top."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    positions = range(len(labels))
    for offset, values, name, color in (
        (-0.2, previous, names[0], PALETTE[5]),
        (0.2, current, names[1], PALETTE[0]),
    ):
        bars = ax.bar(
            [p + offset for p in positions], [float(v) for v in values], 0.38, label=name, color=color
        )
        ax.bar_label(bars, labels=[amount_text(v) for v in values], fontsize=8, padding=2)
    ax.set_xticks(list(positions), labels, fontsize=9)
    ax.legend(frameon=False, fontsize=9)
    ax.margins(y=0.15)
    _finish(ax, title)
    ax.set_ylabel("万元", fontsize=9)
    return out(fig, "compare")


def _finish(ax: Any, title: str) -> None:
    ax.set_title(title, fontsize=12, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9)


def amount_text(amount: Decimal) -> str:
    """万元 as the narrative prints them: thousands separators, two decimals."""
    return f"{amount:,.2f}"


def share_text(amount: Decimal, total: Decimal) -> str:
    return f"{amount / total * 100:.2f}%" if total else "—"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": FONT_FAMILY,
            "svg.fonttype": "path",
            "svg.hashsalt": "juesuan",
            "axes.unicode_minus": False,
        }
    )
    return plt


def to_png(fig: Any, key: str) -> bytes:
    """The figure as PNG bytes (200 dpi), for the Word document."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(fig)
    return buffer.getvalue()


def to_svg(fig: Any, key: str) -> str:
    """The figure as an <svg> element (no XML prolog), its ids prefixed with `key` so that
    several charts can sit in one HTML document."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # The global `*{stroke-linejoin…}` sheet would leak into the HTML page: keep it on the root.
    svg = re.sub(
        r"<metadata>.*?</metadata>\s*|<style[^>]*>.*?</style>\s*|<!--.*?-->\s*", "", svg, flags=re.DOTALL
    )
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return _ID.sub(lambda match: f"{match.group(1)}{key}-", svg)
