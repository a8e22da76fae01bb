"""What a tables part prints before its first table: its own cover and its 目录.

西安 2026 (xian-2026-077.pdf pp.18-19) opens 第五部分 部门预算公开报表 with a cover of its own
(2026年部门综合预算公开报表 / 部门名称：西安市人民政府办公厅（汇总） / 保密审查情况：已审查 /
部门主要负责人审签情况：已审签) and a 报表目录 (报表 / 报表名称 / 是否空表 / 表格为空的理由, then a line a
table). These lines are what they say, not content left out of a table: `tables.read_tables` passes
them over. The 目录's lines naming a table are told by their titles (`tables._contents`); only its
title and its header are recognised here.
"""

from __future__ import annotations

import re

from juesuan.sources.layout.lines import Line

# the part's cover: its title (2026年部门综合预算公开报表), whose unit, and who reviewed and signed it
_COVER = (
    re.compile(r"^\d{4}\s*年度?\S{0,20}(预算|决算)(公开)?报表$"),
    re.compile(r"^(部门|单位)名称[：:]"),
    re.compile(r"^保密审查(情况)?[：:]"),
    re.compile(r"^(部门|单位)?(主要)?负责人审签(情况)?[：:]"),
)
_CONTENTS = re.compile(r"^(报表)?目录$")
# the 目录's header: every cell a heading of a list of tables, one of them naming the tables
_HEADINGS = frozenset(
    {"报表", "表号", "序号", "报表名称", "表名", "是否空表", "表格为空的理由", "空表理由", "备注"}
)
_NAMING = frozenset({"报表名称", "表名", "是否空表"})


def is_tables_cover(line: Line) -> bool:
    """Whether the line, printed before the part's first table, is of the part's cover or 目录."""
    text = "".join(line.text.split())
    if _CONTENTS.match(text) or any(pattern.match(text) for pattern in _COVER):
        return True
    cells = {"".join(cell.split()) for cell in line.filled}
    return len(cells) > 1 and cells <= _HEADINGS and bool(cells & _NAMING)
