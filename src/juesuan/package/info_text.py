"""单位信息.yaml written from an imported disclosure (`juesuan.package.importing`).

Every text is written double-quoted (JSON's escaping is YAML's), so a colon, a leading dash or a
quote inside never changes its meaning; figures are written as printed. The notes on what could
not be read open the file as comments.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from juesuan.model import Figure, PerformanceForm
from juesuan.package.forms import FUNDING_FIELDS, INDICATOR_FIELDS


def quoted(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Figure):
        return value.text.replace(",", "").removesuffix("%")
    return json.dumps(str(value), ensure_ascii=False)


def info_text(found) -> str:
    """The whole file: the notes, 单位, 概况, the sections read and the 绩效自评表."""
    disclosure = found.disclosure
    lines = [
        f"# {disclosure.unit} {disclosure.year} 年度决算公开的输入包，"
        f"由 juesuan init --from {found.source} 创建。",
        "# 各键的含义见 docs/package.md；生成整份文件：juesuan build 本文件夹 -o 输出文件夹",
        "#",
    ]
    lines += (
        ["# 未能读取、须核对或填写的内容："] + [f"#   - {note}" for note in found.notes]
        if found.notes
        else []
    )
    lines += ["", "单位:", f"  名称: {quoted(disclosure.unit)}", f"  年度: {disclosure.year}"]
    lines += [f"  单位类型: {found.kind}"] if found.kind else ["  单位类型:"]
    from juesuan.package.importing import template_of

    if template_of(disclosure):
        lines.append(f"  模板: {template_of(disclosure)}")
    default_title = f"{disclosure.unit}{disclosure.year}年度单位决算公开"
    if disclosure.title and disclosure.title != default_title:
        lines.append(f"  标题: {quoted(disclosure.title)}")
    lines += ["", "概况:", "  职责:", *_list(p.text for p in disclosure.overview.duties)]
    lines += ["  机构设置:", *_list(p.text for p in disclosure.overview.organisation)]
    for name, values in found.sections.items():
        lines += ["", f"{name}:", *_mapping(values, "  ")]
    lines += ["", "绩效自评表:"]
    for form in disclosure.forms:
        lines += _outline(form) if found.form_outlines else _form(form)
    return "\n".join(lines) + "\n"


def _list(texts) -> list[str]:
    return [f"    - {quoted(text)}" for text in texts] or ["    -"]


_UNSAFE_KEY = re.compile(r"[:：#\[\]{}&*!|>'\"%@`,]|^[-?\s]|\s$")


def _key(key: str) -> str:
    """A class code as 201 一般公共服务支出; a key YAML could misread (a project named as the
    narrative names it) quoted; any other as written."""
    if key.isdigit():
        from juesuan.catalogue import functional_classification

        return f"{key} {functional_classification().name(key) or ''}".strip()
    return quoted(key) if _UNSAFE_KEY.search(key) else key


def _mapping(values: dict, indent: str) -> list[str]:
    lines = []
    for key, value in values.items():
        if isinstance(value, dict):
            lines += [f"{indent}{_key(key)}:", *_mapping(value, indent + "  ")]
        else:
            plain = isinstance(value, Decimal) or (
                isinstance(value, str) and value.replace(".", "").isdigit()
            )
            lines.append(
                f"{indent}{_key(key)}: {value if plain and isinstance(value, str) else quoted(value)}"
            )
    return lines


def _form(form: PerformanceForm) -> list[str]:
    lines = [f"  - 项目名称: {quoted(form.project)}"]
    if form.title != f"{form.project}项目支出绩效自评表":
        lines.append(f"    标题: {quoted(form.title)}")
    lines += _fields(
        "    ", (("年度", form.year), ("主管部门及代码", form.department), ("预算单位", form.unit))
    )
    lines.append("    资金:")
    for line in form.funding:
        values = tuple((key, getattr(line, field)) for key, field in FUNDING_FIELDS)
        lines += _entry(_fields("        ", values))
    lines += _fields("    ", (("年度目标", form.annual_goal), ("实际完成情况", form.achieved)))
    lines.append("    绩效指标:")
    for indicator in form.indicators:
        values = tuple((key, getattr(indicator, field)) for key, field in INDICATOR_FIELDS)
        lines += _entry(_fields("        ", values))
    lines += _fields("    ", (("总分", form.total_score), ("等级", form.grade)))
    lines += ["    绩效分析:"] + [f"      - {quoted(label)}: {quoted(text)}" for label, text in form.analysis]
    return lines


def _outline(form: PerformanceForm) -> list[str]:
    """Last year's project: its name and units; its indicators as comments, to fill in again."""
    lines = [f"  - 项目名称: {quoted(form.project)}"]
    lines += _fields("    ", (("主管部门及代码", form.department), ("预算单位", form.unit)))
    for indicator in form.indicators:
        words = "／".join(w for w in (indicator.level1, indicator.level2, indicator.name) if w)
        target = indicator.adjusted_target or indicator.initial_target
        lines.append(
            f"    # 上年指标：{words}{'，指标值 ' + target if target else ''}，分值 {indicator.weight.text}"
        )
    return lines


def _fields(indent: str, values) -> list[str]:
    return [f"{indent}{key}: {quoted(value)}" for key, value in values if value not in (None, "")]


def _entry(lines: list[str]) -> list[str]:
    """Fields as one list entry: the first line opens with “- ”."""
    if not lines:
        return []
    first = lines[0]
    indent = len(first) - len(first.lstrip())
    return [f"{first[: indent - 2]}- {first[indent:]}", *lines[1:]]
