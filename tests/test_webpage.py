"""A web page given instead of a disclosure: refused in one line that says what the page is."""

from __future__ import annotations

import pytest

from juesuan.sources import SourceError, read_bytes
from juesuan.sources.webpage import read_page, refusal

HEAD = '<!DOCTYPE html>\n<html><head><meta charset="UTF-8"><title>{title}</title>{meta}</head><body>'
NAV = '<a href="../">预算/决算</a><a href="/">首页</a>'  # the column's links name no year
INFO = "<table><tr><td>索引号</td><td>1150000000927629XA/2026-00118</td></tr></table>"  # the page's data


def page(title: str, body: str, meta: str = "") -> bytes:
    return (HEAD.format(title=title, meta=meta) + NAV + INFO + body + "</body></html>").encode()


def unit_links(count: int) -> str:
    return "".join(
        f'<p>（{i}）<a href="/ys/t{i}.html"><span>某{i}中心2026年单位预算情况说明</span></a></p>'
        for i in range(1, count + 1)
    )


def test_an_index_page_is_named_with_its_links_and_no_tables():
    index = page(
        "首页",
        unit_links(3) + unit_links(3),
        '<meta name="ArticleTitle" content="某委2026年部门预算情况说明">',
    )
    found = read_page(index)
    assert (found.title, found.kind, len(found.disclosure_links), found.figure_tables) == (
        "某委2026年部门预算情况说明",
        "预算",
        3,  # each page once
        0,  # the page's own data table holds no figures
    )
    assert refusal(index) == (
        "这是网页（HTML），不是预算公开文件：网页《某委2026年部门预算情况说明》是预算公开的索引页，"
        "列出 3 个预算公开页面的链接，本身没有预算表，无可审核的内容（请下载所链接的页面或附件后再审核）"
    )


def test_attachments_are_counted_and_a_page_printing_tables_says_so():
    attached = page(
        "某局2024年度部门决算",
        '<a href="/u/1.pdf">附件1</a><a href="/u/2.xlsx?v=1">附件2</a>'
        + unit_links(1).replace("预算", "决算"),
    )
    assert refusal(attached) == (
        "这是网页（HTML），不是决算公开文件：网页《某局2024年度部门决算》是决算公开的索引页，"
        "列出 1 个决算公开页面的链接和 2 个附件，本身没有决算表，无可审核的内容"
        "（请下载所链接的页面或附件后再审核）"
    )
    printed = page("某局2024年度部门决算", "<table><tr><td>合计</td><td>1,126.92</td></tr></table>")
    assert refusal(printed) == (
        "这是网页（HTML），不是决算公开文件：网页《某局2024年度部门决算》在网页中印有 1 张数字表格，"
        "网页格式暂不能读取；请提交 PDF、Word、Excel 或文本格式的公开文件"
    )


def test_a_page_about_something_else_and_a_page_in_gbk():
    other = page("登录", "<script>var s = '2026年部门预算';</script><p>请登录</p>")
    assert refusal(other) == (
        "这是网页（HTML）文件（网页《登录》），不是 PDF、Word、Excel 或文本格式的决算公开"
        "（常见于下载链接返回了网页）"
    )
    gbk = page("某委2026年部门预算", unit_links(2)).replace(b"UTF-8", b"GBK").decode().encode("gbk")
    assert read_page(gbk).title == "某委2026年部门预算" and len(read_page(gbk).disclosure_links) == 2


def test_read_bytes_refuses_a_page_with_its_line_and_the_files_name():
    with pytest.raises(SourceError) as refused:
        read_bytes(page("某委2026年部门预算", unit_links(2)), "预算.pdf")
    assert str(refused.value).endswith("（请下载所链接的页面或附件后再审核）：预算.pdf")
