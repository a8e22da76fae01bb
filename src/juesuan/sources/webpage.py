"""A web page given instead of a disclosure (a download link that returned the page, a page saved
under .pdf): what it is, said in one line, since there is nothing in it to check.

Units publish their 预算 and 决算 on their websites; a page of the 预算/决算 column either holds
the disclosure as attachments or links (an index: 某委及委属单位2026年部门预算情况说明, with a link
to each unit's page) or prints it in the page itself. None of them is a document juesuan reads:
the refusal names the page by its title, says whether it is a 预算 or 决算 page, how many
disclosure pages and attachments it links to and whether it holds tables, so the reviewer knows
what to fetch instead. Standard library only (`html.parser`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_DISCLOSURE_LINK = re.compile(r"\d{4}\s*年.*(?:预算|决算)")  # 某单位2026年单位预算情况说明
_ATTACHMENT = re.compile(r"\.(?:pdf|xlsx?|docx?|zip|rar|wps|et)(?:[?#].*)?$", re.I)
_TABLE_WORDS = ("合计", "万元", "科目", "功能分类", "本年收入", "本年支出")  # a table of figures
_TITLE_METAS = ("articletitle", "og:title", "title")
_SKIPPED = frozenset({"script", "style", "noscript", "template"})


@dataclass
class WebPage:
    """What a page is about: its title, its links (href, text), its tables' text."""

    title: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)

    @property
    def disclosure_links(self) -> list[str]:
        """The links that name a 预算 or 决算 of a year (each page once): the units' pages."""
        found = {href: None for href, text in self.links if _DISCLOSURE_LINK.search(text)}
        return list(found)

    @property
    def attachments(self) -> list[str]:
        return list({href: None for href, _ in self.links if _ATTACHMENT.search(href)})

    @property
    def figure_tables(self) -> int:
        return sum(1 for text in self.tables if any(word in text for word in _TABLE_WORDS))

    @property
    def kind(self) -> str:
        """预算 or 决算 when the title names one (both: the first), else ''."""
        found = re.search(r"预算|决算", self.title)
        return found.group(0) if found else ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = WebPage()
        self.skipping = 0
        self.in_title = False
        self.title_tag = ""
        self.meta_title = ""
        self.link: list[str] | None = None  # the text of the open <a>
        self.href = ""
        self.tables: list[list[str]] = []  # the text of each open <table>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and not self.meta_title:
            name = (values.get("name") or values.get("property") or "").lower()
            if name in _TITLE_METAS and values.get("content", "").strip():
                self.meta_title = values["content"]
        elif tag == "a":
            self.link, self.href = [], values.get("href", "")
        elif tag == "table":
            self.tables.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag == "a" and self.link is not None:
            self.page.links.append((self.href, _squeezed("".join(self.link))))
            self.link = None
        elif tag == "table" and self.tables:
            self.page.tables.append(_squeezed("".join(self.tables.pop())))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_title:
            self.title_tag += data
        if self.link is not None:
            self.link.append(data)
        for table in self.tables:
            table.append(data)


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def read_page(data: bytes) -> WebPage:
    """The page's title (its article's, else its <title>), links and tables."""
    reader = _Reader()
    reader.feed(_decoded(data))
    reader.close()
    reader.page.title = _squeezed(reader.meta_title) or _squeezed(reader.title_tag)
    return reader.page


def _decoded(data: bytes) -> str:
    """UTF-8 (what government sites serve now), else the charset the page declares, else GB18030."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096])
    for charset in (declared.group(1).decode("ascii") if declared else "", "gb18030"):
        try:
            return data.decode(charset or "gb18030", "replace")
        except LookupError:
            continue
    return data.decode("utf-8", "replace")


def refusal(data: bytes) -> str:
    """One line saying what the web page is and why there is nothing in it to check."""
    page = read_page(data)
    named = f"网页《{page.title}》" if page.title else "这个网页"
    kind, tables = page.kind, page.figure_tables
    links, attachments = len(page.disclosure_links), len(page.attachments)
    if not kind:
        said = "不是 PDF、Word、Excel 或文本格式的决算公开（常见于下载链接返回了网页）"
        return f"这是网页（HTML）文件{f'（{named}）' if page.title else ''}，{said}"
    if tables:
        return (
            f"这是网页（HTML），不是{kind}公开文件：{named}在网页中印有 {tables} 张数字表格，"
            "网页格式暂不能读取；请提交 PDF、Word、Excel 或文本格式的公开文件"
        )
    listed = [f" {links} 个{kind}公开页面的链接"] if links else []
    listed += [f" {attachments} 个附件"] if attachments else []
    if listed:
        return (
            f"这是网页（HTML），不是{kind}公开文件：{named}是{kind}公开的索引页，列出{'和'.join(listed)}，"
            f"本身没有{kind}表，无可审核的内容（请下载所链接的页面或附件后再审核）"
        )
    return f"这是网页（HTML），不是{kind}公开文件：{named}没有{kind}表，也没有链接的公开文件，无可审核的内容"
