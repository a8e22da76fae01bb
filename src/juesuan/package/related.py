"""What a template without 公开10表 (Shanghai) states in words only: 相关信息 and 绩效自评汇总.

Its 第三部分 十 gives 机关运行经费, 政府采购 (总额, 货物, 工程, 服务) and the assets (车辆, 单价100万元
以上设备) that the national 公开10表 prints, and, with no 绩效自评表 attached, the count and amount
of the projects self-evaluated; `juesuan.package.info` reads them under 相关信息 and 绩效自评汇总.
机关运行经费's last-year figure is this year's less the change stated, as
`juesuan.rules.last_year` derives those of table cells.
"""

from __future__ import annotations

import re
from decimal import Decimal

_N = r"(\d[\d,]*(?:\.\d+)?)"
# 相关信息 key → (part of 十, pattern of its figure)
STATED = {
    "机关运行经费": ("十（一）", rf"机关运行经费(?:支出)?为?{_N}万元"),
    "政府采购": ("十（二）", rf"政府采购(?:支出总额|金额)(?:[（(][^）)]*[）)])?为?{_N}万元"),
    "政府采购货物": ("十（二）", rf"货物(?:采购)?(?:金额|支出)为?{_N}万元"),
    "政府采购工程": ("十（二）", rf"工程(?:采购)?(?:金额|支出)为?{_N}万元"),
    "政府采购服务": ("十（二）", rf"服务(?:采购)?(?:金额|支出)为?{_N}万元"),
    "车辆": ("十（三）", rf"共有车辆{_N}辆"),
    "单价100万元以上设备": ("十（三）", rf"单价100万元[（(]含[）)]以上设备(?:[（(]不含车辆[）)])?{_N}台"),
}
SUMMARY = {
    "项目数": rf"绩效自评的\d{{4}}年度?项目{_N}个",
    "涉及预算金额": rf"绩效自评的\d{{4}}年度?项目\d+个[，,]涉及(?:预算)?(?:金额|资金){_N}万元",
}
_RUNNING_CHANGE = re.compile(
    rf"机关运行经费(?:支出)?为?{_N}万元[，,](?:比|较)\d{{4}}年度?(增加|减少){_N}万元"
)


def _plain(text: str) -> str:
    """The text without the spaces a PDF puts around figures."""
    return re.sub(r"[ \t\u3000]+", "", text)


def stated_statistics(texts: dict[str, str]) -> dict[str, str]:
    """相关信息: {key: figure as printed} of what 十 states."""
    found = {}
    for key, (part, pattern) in STATED.items():
        match = re.search(pattern, _plain(texts.get(part, "")))
        if match:
            found[key] = match.group(1).replace(",", "")
    return found


def performance_summary(texts: dict[str, str]) -> dict[str, str]:
    """绩效自评汇总: 项目数 and 涉及预算金额 as 十（四） states them."""
    text = _plain(texts.get("十（四）", ""))
    found = {}
    for key, pattern in SUMMARY.items():
        match = re.search(pattern, text)
        if match:
            found[key] = match.group(1).replace(",", "")
    return found


def running_costs_last_year(texts: dict[str, str]) -> Decimal | None:
    """机关运行经费 142.80万元，比2023年度减少13.52万元 → 156.32."""
    match = _RUNNING_CHANGE.search(_plain(texts.get("十（一）", "")))
    if match is None:
        return None
    this_year, direction, change = match.groups()
    sign = 1 if direction == "增加" else -1
    return Decimal(this_year.replace(",", "")) - sign * Decimal(change.replace(",", ""))
