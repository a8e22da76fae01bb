"""What 第三部分 of a published disclosure states beyond its tables, as 单位信息.yaml sections.

Last year's figures come from `juesuan.rules.last_year.last_year_figures` (stated, or this year's
figure less the change stated), keyed by the cell the tracer found them of; 年初预算 from the
completion rates the tracer pairs with their 决算; the 三公 counts and amounts and the 中小企业
amounts as the tracer reads them (the sentence catalogue's wordings); reasons and uses from the
words after them. A figure's cell gives its
key only where the file's table heads that column as the national template does
(`juesuan.package.importing.measure_cells`); what is not read is noted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.narrative.claims import Claim
from juesuan.narrative.context import subject_of
from juesuan.narrative.trace import ZERO_WITH, Trace, of_an_earlier_year, section_paragraphs, trace_narrative
from juesuan.package.info import BUDGET_MEASURES, THREE_PUBLIC

_REASON = re.compile(r"主要原因(?:是|为)?[：:]?(?P<words>[^。；]+)")
_USE = re.compile(r"^[，,]?\s*(?:主要)?用于[：:]?(?P<words>[^。；]+)")
# 三公经费说明's words (第三部分 九（二）): (item, key, pattern), the first match in the section; its
# counts and amounts are read through the tracer (`_three_public_figures`)
THREE_PUBLIC_WORDS = (
    (
        "因公出国（境）费",
        "主要用于",
        r"团组共?\d+个[，,]\s*(?:累计)?\d+人次[。，,]\s*主要用于[：:]?([^。；]+)",
    ),
    ("公务用车购置费", "主要用于", r"购置公务用车\d+辆[，,]\s*主要用于[：:]?([^。；]+)"),
    ("公务用车运行维护费", "主要用于", r"保有量(?:共|为)?\d+辆[，,]\s*主要用于[：:]?([^。；]+)"),
    ("公务接待费", "国内接待主要是", r"国内接待费[^；]*?主要是([^。；]+)"),
    # 上海: 国内公务接待支出0.39万（含外宾接待支出0.00万元）。主要用于…，列明公务接待2批次、26人次
    ("公务接待费", "国内接待主要是", r"国内公务接待支出[^。]*。主要用于([^，。；]+)"),
    ("公务接待费", "国（境）外接待主要是", r"国（境）外接待费[^；]*?主要是([^。；]+)"),
)
# a count the tracer holds to a 三公 cell of 公开09表 (zero-with), by the cell and its unit
_COUNTED = {
    ("09[1,8]", "个"): ("因公出国（境）费", "团组"),
    ("09[1,8]", "人次"): ("因公出国（境）费", "人次"),
    ("09[1,10]", "辆"): ("公务用车购置费", "车辆"),
    ("09[1,11]", "辆"): ("公务用车运行维护费", "车辆"),
    ("09[1,12]", "批次"): ("公务接待费", "批次"),
    ("09[1,12]", "人次"): ("公务接待费", "人次"),
}
# a part of the receptions, by the words of its amount (上海: 国内公务接待支出, 含外宾接待支出)
_RECEPTION_PARTS = (
    ("国内", re.compile(r"国内(公务)?接待(费|支出)$")),
    ("外事", re.compile(r"(外事接待费|外宾接待支出)$")),
    ("国（境）外", re.compile(r"国（境）外接待费$")),
)
# the amounts awarded to 中小企业 and 小微企业 as 十（二） states them (not 货物采购授予中小企业…, a share)
PROCUREMENT = (
    ("中小企业合同金额", re.compile(r"(?<!小微企业)(?<![货物工程服务]采购)授予中小企业合同金额$")),
    ("小微企业合同金额", re.compile(r"授予小微企业合同金额$")),
)


def narrated_facts(disclosure: Disclosure) -> tuple[dict[str, dict], list[str]]:
    """({section of 单位信息.yaml: {key: value}}, notes on what could not be read)."""
    from juesuan.package.importing import measure_cells

    sections: dict[str, dict] = {name: {} for name in ("上年决算数", "年初预算数", "主要原因", "主要用于")}
    notes: list[str] = []
    if not disclosure.narrative:
        notes.append(
            "第三部分 情况说明 未读到：上年决算数、年初预算数、原因、用途、“三公”数量、政府采购均未读入"
        )
        return sections, notes
    traces = trace_narrative(disclosure)
    measures = measure_cells(disclosure)
    _last_year(disclosure, measures, sections)
    _unchanged(traces, measures, sections)
    _budgets(traces, measures, sections)
    missing = [name for name in measures if name not in sections["上年决算数"] and _has(disclosure, name)]
    if missing:
        notes.append(f"上年决算数 未读入（情况说明未述及或未能读出）：{'、'.join(missing)}")
    if not sections["年初预算数"]:
        notes.append("年初预算数 未读入（情况说明未按支出功能分类的类述及或未能读出）")
    texts = {key: text for key, text in section_texts(disclosure).items()}
    public = texts.get("九（二）", "") or texts.get("九", "")
    sections["三公经费说明"], missing_public = _three_public(public, _three_public_figures(traces))
    if missing_public:
        notes.append(f"三公经费说明 未读入：{'、'.join(missing_public)}")
    sections["政府采购"] = _procurement(traces)
    sections["说明"] = _said(texts, notes)
    if disclosure.table("10") is None:
        _related(disclosure, traces, sections, notes)
    sections["绩效自评"] = _explained(texts.get("十（四）", ""))
    projects = [form.project for form in disclosure.forms]
    for name in sections["绩效自评"]:
        if projects and not any(project.endswith(name) for project in projects):
            notes.append(f"绩效自评 中的“{name}”与各绩效自评表的项目名称都不符（照原文读入），请核对")
    return sections, notes


def _has(disclosure: Disclosure, name: str) -> bool:
    from juesuan.package.importing import MEASURE_CELLS, _printed

    return any(_printed(disclosure, *cell) for cell in MEASURE_CELLS[name])


def _measure(source: str | None, measures: dict) -> str | None:
    """The 上年决算数 key of a source expression: 01[31,1] → 收入总计, 05[201,1] → 201."""
    from juesuan.package.importing import CLASS_COLUMN, CLASS_TABLE

    if not source:
        return None
    cells = tuple(tuple(part.strip().rstrip("]").replace("[", ",").split(",")) for part in source.split("+"))
    for name, known in measures.items():
        if cells == known or (len(known) > 1 and len(cells) == 1 and cells[0] in known):
            return name
    if len(cells) == 1 and len(cells[0]) == 3:
        table, row, column = cells[0]
        alike = "一般公共预算财政拨款支出" in measures  # 公开05表 第1栏 headed as nationally
        if alike and table == CLASS_TABLE and column == CLASS_COLUMN and len(row) == 3 and row.isdigit():
            return row
    return None


def _last_year(disclosure: Disclosure, measures: dict, sections: dict[str, dict]) -> None:
    from juesuan.rules.last_year import last_year_figures

    for figure in last_year_figures(disclosure):
        name = _measure(figure.source, measures)
        if name is None or name in sections["上年决算数"]:
            continue
        sections["上年决算数"][name] = Decimal(figure.text)
        reason = _after(figure.trace, _REASON)
        if reason:
            sections["主要原因"].setdefault(name, reason)


_UNCHANGED = re.compile(
    r"^[，,]\s*(?:与上年度?(?:决算数?)?(?:相同|持平|一致)|[较比]上年度?(?:相同|持平|无变化))"
)


def _unchanged(traces: list[Trace], measures: dict, sections: dict[str, dict]) -> None:
    """An amount said to be as last year's (因公出国（境）费支出0万元，与上年相同): last year's is it."""
    for trace in traces:
        name = _measure(trace.source, measures) if trace.claim.kind == "amount" else None
        if (
            name is None
            or name in sections["上年决算数"]
            or not _after(trace, _UNCHANGED, anchored=True, group=0)
        ):
            continue
        sections["上年决算数"][name] = trace.claim.figure.value
        reason = _after(trace, _REASON)
        if reason:
            sections["主要原因"].setdefault(name, reason)


def _budgets(traces: list[Trace], measures: dict, sections: dict[str, dict]) -> None:
    """年初预算数 and 主要用于 of each 完成年初预算的…% whose 决算 is a cell of a class or the total."""
    sources = {id(trace.claim): trace.source for trace in traces}
    for trace in traces:
        if trace.claim.kind != "completion" or len(trace.operands) != 2:
            continue
        actual, budget = trace.operands
        name = _measure(sources.get(id(actual)), measures)
        if name is None or budget.kind != "budget" or not (name.isdigit() or name in BUDGET_MEASURES):
            continue
        sections["年初预算数"].setdefault(name, budget.figure.value)
        use = _after(trace, _USE, anchored=True)
        if use and name.isdigit():
            sections["主要用于"].setdefault(name, use)


def _after(trace: Trace, pattern: re.Pattern, anchored: bool = False, group: str | int = "words") -> str:
    """The words the pattern finds after the claim's clause in its paragraph ("" when none)."""
    text = trace.paragraph.text
    start = text.find(trace.claim.clause)
    if start < 0:
        return ""
    rest = text[start + len(trace.claim.clause) :]
    found = pattern.match(rest) if anchored else pattern.search(rest)
    return found.group(group).strip() if found else ""


def section_texts(disclosure: Disclosure) -> dict[str, str]:
    texts: dict[str, str] = {}
    for key, paragraph in section_paragraphs(disclosure):
        texts[key] = texts.get(key, "") + paragraph.text + "\n"
    return texts


# 本年度无因公出国（境）、公务用车购置及运行、公务接待支出: the items listed have counts of 0
_NONE = re.compile(r"本年度?无(?P<items>[^。，；]*?)支出")
_NONE_WORDS = {"因公出国（境）费": "因公出国", "公务用车购置费": "公务用车购置", "公务接待费": "公务接待"}


def _none_of(text: str, item: str, kind: str) -> str | None:
    """ "0" for a count or amount of an item the text says there was none of; else None."""
    stated = _NONE.search(text)
    words = _NONE_WORDS.get(item)
    if stated is None or words is None or words not in stated.group("items") or kind == "text":
        return None
    return "0"


def _three_public_figures(traces: list[Trace]) -> dict[str, dict[str, str]]:
    """The counts and amounts of 九 as the tracer read them, the first of each key: a count by the
    公开09表 cell it goes with and its unit, of a part of the receptions (国内, 外事, 国（境）外) when the
    amount it goes with is that part's; a part's amount by its words. Not the units that sent or
    received (下属0个单位出国团组), nor a count the tracer found no cell for."""
    found: dict[str, dict[str, str]] = {}
    for trace in traces:
        claim = trace.claim
        if not trace.section.startswith("九"):
            continue
        if claim.kind == "amount" and (part := _reception_part(claim)):
            found.setdefault("公务接待费", {}).setdefault(f"{part}接待费", _plain(claim))
        source = trace.source or ""
        if (
            claim.kind != "count"
            or not source.startswith(ZERO_WITH)
            or claim.after.lstrip().startswith("单位")
        ):
            continue
        named = _COUNTED.get((source.removeprefix(ZERO_WITH), claim.figure.unit))
        if named is None:
            continue
        item, key = named
        part = _reception_part(trace.operands[0]) if trace.operands and item == "公务接待费" else ""
        found.setdefault(item, {}).setdefault(f"{part}{key}", _plain(claim))
    return found


def _reception_part(claim: Claim) -> str:
    subject = subject_of(claim.label)
    return next((part for part, words in _RECEPTION_PARTS if words.search(subject)), "")


def _plain(claim: Claim) -> str:
    return claim.figure.text.replace(",", "")


def _three_public(text: str, figures: dict[str, dict[str, str]]) -> tuple[dict[str, dict], list[str]]:
    """The 三公经费说明: the counts and amounts the tracer read, or 0 for an item the text says
    there was none of, and the words the text states (spaces dropped: PDFs space them out); the
    counts and amounts it does not state."""
    text = re.sub(r"[ \t\u3000]+", "", text)
    found: dict[str, dict] = {}
    for item, keys in THREE_PUBLIC.items():
        for key, (_, kind) in keys.items():
            value = figures.get(item, {}).get(key) if kind != "text" else None
            value = value if value is not None else _none_of(text, item, kind)
            if value is not None:
                found.setdefault(item, {})[key] = value
    for item, key, pattern in THREE_PUBLIC_WORDS:
        match = re.search(pattern, text)
        if match and key not in found.get(item, {}):
            found.setdefault(item, {})[key] = match.group(1).strip()
    missing = [
        f"{item}{key}"
        for item, keys in THREE_PUBLIC.items()
        for key, (_, kind) in keys.items()
        if kind != "text" and key not in found.get(item, {})
    ]
    ordered = {
        item: {key: found[item][key] for key in keys if key in found[item]}
        for item, keys in THREE_PUBLIC.items()
        if item in found
    }
    return ordered, missing


# 相关信息 of a template without 公开10表 (Shanghai), as the tracer reads 十: key → (part, kind of the
# figure, its words); the first of each that is not of an earlier year
STATED = {
    "机关运行经费": ("十（一）", "amount", re.compile(r"机关运行经费(支出)?$")),
    "政府采购": ("十（二）", "amount", re.compile(r"政府采购(支出总额|金额)")),
    "政府采购货物": ("十（二）", "amount", re.compile(r"^(政府采购)?货物(采购)?(金额|支出)$")),
    "政府采购工程": ("十（二）", "amount", re.compile(r"^(政府采购)?工程(采购)?(金额|支出)$")),
    "政府采购服务": ("十（二）", "amount", re.compile(r"^(政府采购)?服务(采购)?(金额|支出)$")),
    "车辆": ("十（三）", "count", re.compile(r"共有车辆$")),
    "单价100万元以上设备": ("十（三）", "count", re.compile(r"以上设备(（不含车辆）)?$")),
}
# 绩效自评汇总 with no forms attached: 绩效自评的2024年度项目39个，涉及预算金额4415.48万元
_SELF_EVALUATED = re.compile(r"绩效自评的\d{4}年度?项目$")
_INVOLVED = re.compile(r"^涉及(预算)?(金额|资金)$")


def _related(
    disclosure: Disclosure, traces: list[Trace], sections: dict[str, dict], notes: list[str]
) -> None:
    """相关信息 and 绩效自评汇总 of a template without 公开10表, and 机关运行经费's last year."""
    from juesuan.package.info import STATISTICS

    stated = _stated(disclosure, traces)
    sections["相关信息"] = {key: _plain(trace.claim) for key, trace in stated.items()}
    missing = [key for key in STATISTICS if key not in sections["相关信息"]]
    if missing:
        notes.append(f"相关信息 未读入：{'、'.join(missing)}")
    running = stated.get("机关运行经费")
    last = _last_of(running, traces) if running else None
    if last is not None:
        sections["上年决算数"].setdefault("机关运行经费", last)
        reason = _after(running, _REASON)
        if reason:
            sections["主要原因"].setdefault("机关运行经费", reason)
    if not disclosure.forms:
        sections["绩效自评汇总"] = _performance_summary(traces)


def running_costs_stated(disclosure: Disclosure) -> Decimal | None:
    """机关运行经费 as 第三部分 十（一） states it (for a file without 公开10表: Shanghai)."""
    running = _stated(disclosure, trace_narrative(disclosure)).get("机关运行经费")
    return running.claim.figure.value if running else None


def _stated(disclosure: Disclosure, traces: list[Trace]) -> dict[str, Trace]:
    found: dict[str, Trace] = {}
    for key, (part, kind, words) in STATED.items():
        for trace in traces:
            claim = trace.claim
            if trace.section != part or claim.kind != kind or of_an_earlier_year(disclosure, claim):
                continue
            if words.search(subject_of(claim.label)):
                found[key] = trace
                break
    return found


def _last_of(running: Trace, traces: list[Trace]) -> Decimal | None:
    """Last year's 机关运行经费: the one stated (2023年…14.43万元，2024年…15.57万元，增加1.14万元), else
    this year's less the change stated of it (142.80万元，比2023年度减少13.52万元 → 156.32)."""
    for trace in traces:
        claim = trace.claim
        if claim.kind != "change" or not trace.operands or trace.operands[0] is not running.claim:
            continue
        if "预算" in claim.label:
            return None  # 比预算数增加97.19万元 (广东 2019): against the budget, not last year
        if len(trace.operands) == 2:
            return trace.operands[1].figure.value
        return running.claim.figure.value - claim.sign * claim.figure.value if claim.sign else None
    return None


def _performance_summary(traces: list[Trace]) -> dict[str, str]:
    """项目数 and 涉及预算金额 of the projects self-evaluated, as 十（四） states them."""
    found: dict[str, str] = {}
    for at, trace in enumerate(traces):
        claim = trace.claim
        if not trace.section.startswith("十（四）") or claim.kind != "count":
            continue
        if _SELF_EVALUATED.search(subject_of(claim.label)):
            found["项目数"] = _plain(claim)
            after = traces[at + 1].claim if at + 1 < len(traces) else None
            if after and after.sentence == claim.sentence and _INVOLVED.match(subject_of(after.label)):
                found["涉及预算金额"] = _plain(after)
            break
    return found


def _said(texts: dict[str, str], notes: list[str]) -> dict[str, str]:
    """说明: 其他用车主要是… (十（三）) and the paragraph under 其他需要说明的事项 (十（四）)."""
    found = {}
    vehicles = re.search(r"其他用车主要是([^。；\n]+)", texts.get("十（三）", ""))
    if vehicles:
        found["其他用车说明"] = vehicles.group(1).strip()
    other = re.search(
        r"其他需要说明的事项[。：:]?\s*\n([^\n]+)", texts.get("十（四）", "") + texts.get("十", "")
    )
    if other:
        found["其他需要说明的事项"] = other.group(1).strip().removesuffix("。")
    missing = [key for key in ("其他用车说明", "其他需要说明的事项") if key not in found]
    if missing:
        notes.append(f"说明 未读入：{'、'.join(missing)}")
    return found


# 大厅硬件设备升级改造经费（良）；原因：评估后尾款减少；措施：无此项目。
_EXPLAINED = re.compile(
    r"(?m)^\s*(?P<project>[^\n；。（]+?)（[良中差]）[；;]原因[：:](?P<reason>[^；;\n]+)[；;]措施[：:](?P<measure>[^。\n]+)"
)


def _explained(text: str) -> dict[str, dict[str, str]]:
    """绩效自评: the projects not graded 优, each with its 原因 and 措施, named as the text names them."""
    return {
        found["project"].strip(): {"原因": found["reason"].strip(), "措施": found["measure"].strip()}
        for found in _EXPLAINED.finditer(text)
    }


def _procurement(traces: list[Trace]) -> dict[str, str]:
    """The amounts awarded to 中小企业 and 小微企业 that 十（二） states, the first of each."""
    found: dict[str, str] = {}
    for trace in traces:
        if trace.section != "十（二）" or trace.claim.kind != "amount":
            continue
        subject = subject_of(trace.claim.label)
        for key, words in PROCUREMENT:
            if words.search(subject):
                found.setdefault(key, _plain(trace.claim))
    return found
