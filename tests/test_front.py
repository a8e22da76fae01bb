"""What the readers keep in `Disclosure.front` (the cover, the 目录, the part headings, the tables'
head lines), for the reference sample and each real 决算 PDF, each line checked against the print
(`pdftotext -layout -f N -l N`); and the findings of the rules reading it on the real documents."""

from __future__ import annotations

import pytest
from conftest import SAMPLE
from real_documents import REAL, needs_real

from juesuan.rules import Severity, run_rules
from juesuan.sources import read_path

FRONT_RULES = {
    "P-contents",
    "P-table-order",
    "P-money-unit",
    "P-cover",
    "P-unit-or-department",
    "P-year",
    "P-placeholder",
}


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def places(lines) -> list[int | None]:
    return [line.origin.page or line.origin.line for line in lines]


def test_the_samples_front():
    front = read_path(SAMPLE)[0].front
    assert texts(front.cover) == ["大同市政务服务中心", "2024年度单位决算公开"]
    assert places(front.cover) == [3, 4]
    assert len(front.contents) == 27  # 目 录 (line 6) itself is left out
    assert texts(front.contents[:2]) == ["第一部分 概况\t1", "一、本部门（单位）职责.....\t1"]
    assert front.contents[-1].text == "第五部分 附件\t19"
    assert texts(front.headings) == [
        "第一部分 概况",
        "第二部分 2024年部门决算表",
        "第三部分 情况说明",
        "第四部分 名词解释",
        "第五部分 附件",
    ]
    assert places(front.headings) == [36, 68, 434, 560, 577]
    # two head lines for each of the ten tables; 公开04表's “金额单位：万” / “元” (lines 212-213) mended
    assert len(front.heads) == 20
    assert texts(front.heads[:2]) == ["部门名称：大同市政务服务中心", "金额单位：万元"]
    assert ("金额单位：万元", 212) in [(line.text, line.origin.line) for line in front.heads]


# (file, cover, first 目录 line, part headings (page, text), head lines, first head line)
REAL_FRONTS = [
    (
        "central-guojiaxinfangju-2024.pdf",
        ["国家信访局", "2024 年度部门决算", "二〇二五年七月"],
        "第一部分国家信访局概况....................................1",
        [
            (3, "第一部分 国家信访局概况"),
            (6, "第二部分 国家信访局2024年度部门决算表"),
            (16, "第三部分 国家信访局2024年度部门决算情况说明"),
            (38, "第四部分名词解释"),
            (43, "第五部分附件"),
        ],
        9,
        (7, "部门：国家信访局\t金额单位：万元"),
    ),
    (
        "chongqing-swu-2024.pdf",
        ["西南大学 2024年度部门决算", "2025 年 8 月"],
        "一、学校概况" + "." * 78 + "1",
        [
            (3, "一、学校概况"),
            (7, "二、2024 年度部门决算报表"),
            (16, "三、决算报表说明"),
            (19, "四、名词解释"),
        ],
        4,
        (8, "单位名称：西南大学\t单位：万元"),
    ),
    (
        "guangdong-foshan-guidaojiaotong-2019.pdf",
        ["2019 年佛山市轨道交通局部门决算"],
        "第一部分 佛山市轨道交通局概况",  # p.2: the 目录 prints no page numbers
        [
            (3, "第一部分 佛山市轨道交通局概况"),
            (5, "第二部分 佛山市轨道交通局 2019年部门决算表"),
            (24, "第三部分 佛山市轨道交通局 2019年部门决算情况说明"),
            (30, "第四部分 名词解释"),
        ],
        19,  # the head repeated on every page a table continues onto
        (5, "部门：佛山市轨道交通局\t单位：万元"),
    ),
    (
        "shanghai-putuo-guihuaziyuan-2024.pdf",
        ["上海市普陀区规划和自然", "资源局", "2024 年度部门决算"],
        "第一部分上海市普陀区规划和自然资源局概况",
        [
            (4, "第一部分 上海市普陀区规划和自然资源局概况"),
            (7, "上海市规划和自然资源局 2024年度部门决算表"),  # p.7: printed without 第二部分
            (20, "第三部分 上海市普陀区规划和自然资源局 2024年度部门决算情况说明"),
            (29, "第四部分 名词解释"),
        ],
        9,
        (7, "单位：万元"),
    ),
    (
        "shanghai-putuo-shehuigongzuobu-2024.pdf",
        ["中共上海市普陀区委", "社会工作部 2024 年度", "部门决算"],
        "第一部分中共上海市普陀区委社会工作部概况",
        [
            (4, "第一部分 中共上海市普陀区委社会工作部概况"),
            (5, "中共上海市普陀区委社会工作部2024 年度部门决算表"),
            (17, "第三部分中共上海市普陀区委社会工作部2024年度部门决算情况说明"),
            (23, "第四部分 名词解释"),
        ],
        9,
        (5, "单位：万元"),
    ),
]


@pytest.fixture(scope="module")
def read():
    return {name: read_path(REAL / name)[0] for name, *_ in REAL_FRONTS}


@needs_real
@pytest.mark.parametrize(
    ("name", "cover", "first", "headings", "heads", "head"), REAL_FRONTS, ids=[r[0][:12] for r in REAL_FRONTS]
)
def test_each_real_documents_front(read, name, cover, first, headings, heads, head):
    front = read[name].front
    assert texts(front.cover) == cover
    assert places(front.cover) == [1] * len(cover)
    assert front.contents[0].text == first and front.contents[0].origin.page == 2
    assert list(zip(places(front.headings), texts(front.headings), strict=True)) == headings
    assert len(front.heads) == heads
    assert (front.heads[0].origin.page, front.heads[0].text) == head


@needs_real
def test_the_foshan_title_is_the_covers_not_the_contents(read):
    # p.1 prints “2019 年佛山市轨道交通局部门决算”; the 目录 follows on p.2
    disclosure = read["guangdong-foshan-guidaojiaotong-2019.pdf"]
    assert (disclosure.title, disclosure.unit, disclosure.year) == (
        "2019年佛山市轨道交通局部门决算",
        "佛山市轨道交通局",
        2019,
    )


# Every finding of the rules reading `front` on the real documents, each verified in the print.
FRONT_FINDINGS = {
    "central-guojiaxinfangju-2024.pdf": [
        # p.2 目录: “七、一般公共预算财政拨款“三公”经费支出决算表 ......11 / 八、政府性基金预算财政拨款
        # 收入支出决算表 ......12 / 九、国有资本经营预算财政拨款支出决算表 ......13”, while the body prints
        # 公开07表 政府性基金 on p.13 (printed page 11), 公开08表 on p.14 and 公开09表 三公 last, on p.15
        ("P-contents", "目录中《一般公共预算财政拨款“三公”经费支出决算表》页码为 11，正文在第 13 页"),
        ("P-contents", "目录中《国有资本经营预算财政拨款支出决算表》页码为 13，正文在第 12 页"),
        ("P-contents", "目录中《政府性基金预算财政拨款收入支出决算表》页码为 12，正文在第 11 页"),
        ("P-table-order", "公开09表印在公开07表之后，按目录所列应在其前"),
    ],
    "chongqing-swu-2024.pdf": [
        # p.2 目录: “表 3：高等学校支出决算表......9”; 表 3 opens on p.12, whose foot prints 10 (p.11,
        # printed 9, is the end of 表 2)
        ("P-contents", "目录中《高等学校支出决算表》页码为 9，正文在第 10 页"),
    ],
    "guangdong-foshan-guidaojiaotong-2019.pdf": [],
    "shanghai-putuo-guihuaziyuan-2024.pdf": [],
    "shanghai-putuo-shehuigongzuobu-2024.pdf": [],
}


@needs_real
@pytest.mark.parametrize("name", list(FRONT_FINDINGS), ids=[name[:12] for name in FRONT_FINDINGS])
def test_the_front_rules_report_only_what_the_document_prints(read, name):
    findings = [f for f in run_rules(read[name]) if f.rule in FRONT_RULES]
    assert all(f.severity == Severity.WARNING for f in findings)
    expected = FRONT_FINDINGS[name]
    assert len(findings) == len(expected), [f.message for f in findings]
    for rule, said in expected:
        assert [f.rule for f in findings if f.message.startswith(said)] == [rule], said
