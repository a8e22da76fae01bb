"""What the tables do not hold but 第三部分 情况说明 needs: last year's figures, 年初预算,
reasons, 三公 details, 政府采购 中小企业 amounts, and the notes the unit writes itself.

Filled from the input package's text file (单位信息.yaml); keys are the domain's own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Facts:
    # 单位类型: 行政单位 / 参照公务员法管理事业单位 / 事业单位 (decides 公开10表 机关运行经费 line 5 or 6)
    unit_kind: str = ""
    # 上年决算数, by what it measures: 收入总计, 支出总计, 财政拨款收入总计, 财政拨款支出总计,
    # 一般公共预算财政拨款支出, 机关运行经费, 三公经费, 因公出国（境）费, 公务用车购置费,
    # 公务用车运行维护费, 公务接待费, and 功能分类 class codes ("201" …)
    last_year: Mapping[str, Decimal] = field(default_factory=lambda: EMPTY)
    # 年初预算数: 一般公共预算财政拨款支出 and class codes; 三公经费 预算 is in 公开09表
    initial_budget: Mapping[str, Decimal] = field(default_factory=lambda: EMPTY)
    # 主要原因 (the words after 主要原因是), by the same keys as last_year
    reasons: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    # 主要用于 (what a class's money was used for), by class code
    uses: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    # 三公 counts and words: 出国团组, 出国人次, 购置车辆, 保有车辆, 接待批次, 接待人次,
    # 国内接待费, 国内接待批次, 国内接待人次, 外事接待费 …, and 用途 texts by item
    three_public: Mapping[str, object] = field(default_factory=lambda: EMPTY)
    # 政府采购: 中小企业合同金额, 小微企业合同金额
    procurement: Mapping[str, Decimal] = field(default_factory=lambda: EMPTY)
    # free notes: 其他用车说明, 其他需要说明的事项 …
    notes: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    # 绩效自评: project name → {原因, 措施} for the projects not graded 优
    performance: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: EMPTY)
    # 绩效自评汇总: 项目数, 涉及预算金额, the summary of 十（四） a unit gives without attaching forms
    performance_summary: Mapping[str, Decimal] = field(default_factory=lambda: EMPTY)
    # 相关信息: the 公开10表 statistics of a template that does not publish 公开10表 (上海), by its
    # 行次 ("1" 政府采购 … "5"/"6" 机关运行经费, "7" 车辆, "17" 单价100万元以上设备)
    statistics: Mapping[str, Decimal] = field(default_factory=lambda: EMPTY)
