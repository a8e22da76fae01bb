"""单位信息.yaml → the unit, 第一部分 概况 and the `Facts` 第三部分 needs.

The keys are the domain's own words; the structure (which key sits where, and what kind of
value it takes) is declared here as data, and the template (`package_template/单位信息.yaml`)
and docs/package.md list the same keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from juesuan.model import Overview, Paragraph
from juesuan.model.facts import Facts
from juesuan.package.safe_yaml import Mapping
from juesuan.package.values import (
    amount,
    canonical,
    count,
    fail,
    key_form,
    section,
    text,
    texts,
)

TOP_KEYS = (
    "单位",
    "概况",
    "上年决算数",
    "年初预算数",
    "主要原因",
    "主要用于",
    "三公经费说明",
    "政府采购",
    "说明",
    "绩效自评",
    "绩效自评表",
    "相关信息",
    "绩效自评汇总",
)
UNIT_KEYS = ("名称", "年度", "单位类型", "标题", "模板")
UNIT_KINDS = ("行政单位", "参照公务员法管理事业单位", "事业单位")
OVERVIEW_KEYS = ("职责", "机构设置")
# What last year's figures, the reasons and the 年初预算 are given for (besides class codes).
MEASURES = (
    "收入总计",
    "支出总计",
    "财政拨款收入总计",
    "财政拨款支出总计",
    "一般公共预算财政拨款支出",
    "政府性基金预算财政拨款支出",
    "国有资本经营预算财政拨款支出",
    "机关运行经费",
    "三公经费",
    "因公出国（境）费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
)
# 上年决算数 and 主要原因 take these too, not offered in the blank file: each source of income as
# 公开01表 (or a university's 表1) names it, for a template that states each against last year
# (中央部门 一（一）, 高校 一's 其中：财政拨款收入增加…)
SOURCE_MEASURES = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    "使用非财政拨款结余",
    "年初结转和结余",
)
BUDGET_MEASURES = ("一般公共预算财政拨款支出",)
PROCUREMENT_KEYS = ("中小企业合同金额", "小微企业合同金额")
NOTE_KEYS = ("其他用车说明", "其他需要说明的事项", "预算绩效管理工作开展情况")
# 绩效自评汇总: what 十（四） states when no 绩效自评表 is attached
PERFORMANCE_SUMMARY = {"项目数": "count", "涉及预算金额": "amount"}
PERFORMANCE_KEYS = ("原因", "措施")
# 相关信息 (templates without 公开10表): key → its 公开10表 行次 and kind; 机关运行经费 goes to line 5
# (行政单位) or 6 (参照公务员法管理事业单位) by 单位类型
STATISTICS = {
    "政府采购": ("1", "amount"),
    "政府采购货物": ("2", "amount"),
    "政府采购工程": ("3", "amount"),
    "政府采购服务": ("4", "amount"),
    "机关运行经费": ("5", "amount"),
    "车辆": ("7", "count"),
    "单价100万元以上设备": ("17", "count"),
}
# 三公经费说明: item → {key as written: (Facts.three_public key, kind)}; kind count/amount/text.
THREE_PUBLIC = {
    "因公出国（境）费": {
        "团组": ("出国团组", "count"),
        "人次": ("出国人次", "count"),
        "主要用于": ("因公出国（境）费用途", "text"),
    },
    "公务用车购置费": {"车辆": ("购置车辆", "count"), "主要用于": ("公务用车购置费用途", "text")},
    "公务用车运行维护费": {
        "车辆": ("保有车辆", "count"),
        "主要用于": ("公务用车运行维护费用途", "text"),
    },
    "公务接待费": {
        "批次": ("接待批次", "count"),
        "人次": ("接待人次", "count"),
        "国内接待费": ("国内接待费", "amount"),
        "国内批次": ("国内接待批次", "count"),
        "国内人次": ("国内接待人次", "count"),
        "外事接待费": ("外事接待费", "amount"),
        "外事批次": ("外事接待批次", "count"),
        "外事人次": ("外事接待人次", "count"),
        "国（境）外接待费": ("国（境）外接待费", "amount"),
        "国（境）外批次": ("国（境）外接待批次", "count"),
        "国（境）外人次": ("国（境）外接待人次", "count"),
        "国内接待主要是": ("国内接待用途", "text"),
        "国（境）外接待主要是": ("国（境）外接待用途", "text"),
    },
}
_ENUMERATED = re.compile(r"^\s*([（(][一二三四五六七八九十百\d]+[)）]|\d+[、.．]|[一二三四五六七八九十]+、)")
_CLASS_KEY = re.compile(r"^(\d{3,7})\s*(.*)$")


@dataclass(frozen=True)
class Unit:
    """单位: its name, year, kind and the document's title."""

    name: str
    year: int
    kind: str
    title: str
    template: str = ""  # the catalogue's template the package is built in ("": the national one)


MAX_NAME_CHARS = 100  # the longest unit names are some forty characters


def read_unit(info: Mapping) -> Unit:
    """单位 (名称 and 年度 required); the title defaults to 〈名称〉〈年度〉年度单位决算公开."""
    found = canonical(section(info, "单位"), UNIT_KEYS, "单位")
    name, year_text, kind = text(found, "名称"), text(found, "年度"), text(found, "单位类型")
    if not name:
        raise fail(found.key_line("名称"), "请填写“单位: 名称”（单位全称，与公开表一致）")
    if len(name) > MAX_NAME_CHARS:  # it is printed on every table: a long one costs minutes of layout
        raise fail(found.key_line("名称"), f"“单位: 名称”过长（{len(name)} 字），上限为 {MAX_NAME_CHARS} 字")
    if not re.fullmatch(r"(19|20)\d\d", year_text.removesuffix("年")):
        raise fail(found.key_line("年度"), f"“单位: 年度”应是四位年份（如 2024），见到“{year_text}”")
    if kind and kind not in UNIT_KINDS:
        raise fail(found.key_line("单位类型"), f"“单位类型”应为 {'、'.join(UNIT_KINDS)} 之一，见到“{kind}”")
    year = int(year_text.removesuffix("年"))
    title = text(found, "标题") or f"{name}{year}年度单位决算公开"
    return Unit(name, year, kind, title, _template_name(found))


def _template_name(found: Mapping) -> str:
    """单位: 模板, a name `juesuan templates` lists; blank is the national template."""
    from juesuan.catalogue.templates import templates

    name = text(found, "模板")
    if name and name not in templates():
        choices = "、".join(templates())
        raise fail(found.key_line("模板"), f"“单位: 模板”应为 {choices} 之一，见到“{name}”")
    return name


def read_overview(info: Mapping) -> Overview:
    """概况: 职责 (numbered （一）（二）… unless already numbered) and 机构设置 paragraphs."""
    found = canonical(section(info, "概况"), OVERVIEW_KEYS, "概况")
    duties = texts(found, "职责")
    numbered = any(_ENUMERATED.match(duty) for duty in duties)
    return Overview(
        tuple(
            Paragraph(duty if numbered else f"（{_chinese(n)}）{duty}") for n, duty in enumerate(duties, 1)
        ),
        tuple(Paragraph(paragraph) for paragraph in texts(found, "机构设置")),
    )


def read_facts(info: Mapping, unit: Unit) -> Facts:
    """Everything 第三部分 needs beyond the tables, keyed as `Facts` documents."""
    return Facts(
        unit_kind=unit.kind,
        last_year=_frozen(_measures(info, "上年决算数", MEASURES + SOURCE_MEASURES, amount)),
        initial_budget=_frozen(_measures(info, "年初预算数", BUDGET_MEASURES, amount)),
        reasons=_frozen(_measures(info, "主要原因", MEASURES + SOURCE_MEASURES, text)),
        uses=_frozen(_measures(info, "主要用于", (), text)),
        three_public=_frozen(_three_public(section(info, "三公经费说明"))),
        procurement=_frozen(_plain(info, "政府采购", PROCUREMENT_KEYS, amount)),
        notes=_frozen(_plain(info, "说明", NOTE_KEYS, text)),
        performance=_frozen(_performance(section(info, "绩效自评"))),
        statistics=_frozen(_statistics(section(info, "相关信息"), unit.kind)),
        performance_summary=_frozen(_performance_summary(section(info, "绩效自评汇总"))),
    )


def _performance_summary(found: Mapping) -> dict[str, Decimal]:
    readers = {"count": count, "amount": amount}
    found = canonical(found, PERFORMANCE_SUMMARY, "绩效自评汇总")
    values = {key: readers[PERFORMANCE_SUMMARY[key]](found, key, f"绩效自评汇总: {key}") for key in found}
    return {key: Decimal(value) for key, value in values.items() if value is not None}


def _statistics(found: Mapping, kind: str) -> dict[str, Decimal]:
    """相关信息 by 公开10表 行次 (机关运行经费 of a 参公 unit on line 6)."""
    readers = {"count": count, "amount": amount}
    found = canonical(found, STATISTICS, "相关信息")
    values = {}
    for key in found:
        line, reader = STATISTICS[key]
        line = "6" if line == "5" and kind == "参照公务员法管理事业单位" else line
        value = readers[reader](found, key, f"相关信息: {key}")
        if value is not None:
            values[line] = Decimal(value)
    return values


def _measures(info: Mapping, key: str, measures: tuple[str, ...], read) -> dict:
    """{measure or class code: value} of a section keyed by measures and 功能分类 classes."""
    found = section(info, key)
    values = {}
    for written in found:
        name = _measure(written, measures) or class_code(found, written, key)
        value = read(found, written, f"{key}: {written}")
        if value not in (None, ""):
            values[name] = value
    return values


def _measure(written: str, measures: tuple[str, ...]) -> str | None:
    return next((name for name in measures if key_form(name) == key_form(written)), None)


def class_code(found: Mapping, written: str, where: str) -> str:
    """A 功能分类 code from a key: ``201``, ``201 一般公共服务支出`` or ``一般公共服务支出``."""
    from juesuan.catalogue import functional_classification

    match = _CLASS_KEY.match(written.strip())
    code = match.group(1) if match else _class_named(written)
    if code not in functional_classification():
        example = "如 201 一般公共服务支出"
        message = f"“{where}”下的“{written}”既不是可填的项目，也不是支出功能分类科目（{example}）"
        raise fail(found.key_line(written), message)
    return code


def _class_named(name: str) -> str:
    """The 类 code of a class name (一般公共服务支出 → 201); "" when none has it."""
    from juesuan.catalogue import functional_classification
    from juesuan.catalogue.classification import normalize_name

    catalogue = functional_classification()
    wanted = normalize_name(name)
    return next(
        (code for code in catalogue.roots() if normalize_name(catalogue.name(code) or "") == wanted), ""
    )


def _plain(info: Mapping, key: str, allowed: tuple[str, ...], read) -> dict:
    found = canonical(section(info, key), allowed, key)
    values = {name: read(found, name, f"{key}: {name}") for name in found}
    return {name: value for name, value in values.items() if value not in (None, "")}


def _three_public(found: Mapping) -> dict[str, object]:
    values: dict[str, object] = {}
    readers = {"count": count, "amount": amount, "text": text}
    found = canonical(found, THREE_PUBLIC, "三公经费说明")
    for item in found:
        details = canonical(section(found, item, f"三公经费说明: {item}"), THREE_PUBLIC[item], item)
        for key in details:
            name, kind = THREE_PUBLIC[item][key]
            value = readers[kind](details, key, f"{item}: {key}")
            if value not in (None, ""):
                values[name] = value
    return values


def _performance(found: Mapping) -> dict[str, MappingProxyType]:
    """绩效自评: project → {原因, 措施} for the projects not graded 优."""
    projects = {}
    for project in found:
        details = canonical(section(found, project, f"绩效自评: {project}"), PERFORMANCE_KEYS, project)
        projects[project] = MappingProxyType({key: text(details, key) for key in details})
    return projects


def _frozen(values: dict) -> MappingProxyType:
    return MappingProxyType(dict(values))


def _chinese(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return f"{digits[tens] if tens > 1 else ''}十{digits[ones] if ones else ''}"
