"""HTML and PDF renderers on the reference disclosure (大同市政务服务中心 2024).

The HTML must hold every table, every figure in the cell its tidy key names, the narrative and
no external reference; the PDF must carry the same text, an embedded CJK font, page numbers that
agree with the 目录, and no glyph WeasyPrint could not find (.notdef).
"""

from __future__ import annotations

import csv
import logging
import re
import shutil
import subprocess
import sys
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from juesuan.catalogue import table_definitions
from juesuan.model import Disclosure, Figure, Overview, Row
from juesuan.render import render
from juesuan.render.html import cell_id, render_html
from juesuan.render.layout import column_widths, placed, table_grid

DATA = Path(__file__).parent / "data"
NEEDS_POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler-utils 未安装（pdftotext/pdffonts/pdftoppm）：运行 bash scripts/setup",
)
LAST_YEAR = {
    "201": Decimal("740.76"),
    "208": Decimal("50.26"),
    "210": Decimal("7.06"),
    "221": Decimal("20.17"),
}


class Cells(HTMLParser):
    """Each element with a data-cell: (key, text, attributes); and the page's whole text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "data-cell" in found:
            self._open, self._buffer = (found["data-cell"] or "", found), []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag in ("td", "th"):
            key, attrs = self._open
            self.cells.append((key, "".join(self._buffer).strip(), attrs))
            self._open = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            self._buffer.append(data)


def parse(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def html(sample) -> str:
    return render_html(sample)


@pytest.fixture(scope="module")
def page(html) -> Cells:
    return parse(html)


@pytest.fixture(scope="module")
def tidy_csv() -> list[dict[str, str]]:
    with open(DATA / "datong-2024-cells.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --- HTML ---------------------------------------------------------------------------------------


def test_registry_renders_html_bytes(sample):
    data = render(sample, "html")
    assert data.startswith(b"<!DOCTYPE html>")
    assert "收入支出决算总表" in data.decode("utf-8")


def test_every_table_title_and_mark(html):
    for number, definition in table_definitions().items():
        assert definition.title in html
        assert f"公开{number}表" in html
    assert html.count('class="grid grid-') == 10


def test_every_tidy_cell_appears_once_with_its_value(page, tidy_csv):
    keys = Counter(key for key, _, _ in page.cells)
    values = {key: text for key, text, _ in page.cells}
    for cell in tidy_csv:
        key = f"{cell['table']}|{cell['row']}|{cell['col']}"
        assert keys[key] == 1, key
        assert values[key] == cell["value"], key


def test_no_figure_outside_the_tidy_cells(page, tidy_csv):
    expected = {f"{c['table']}|{c['row']}|{c['col']}" for c in tidy_csv}
    assert {key for key, text, _ in page.cells if text} == expected


def test_cell_ids_are_unique_and_named_after_the_key(page):
    ids = [attrs["id"] for _, _, attrs in page.cells]
    assert len(ids) == len(set(ids))
    found = {key: attrs["id"] for key, _, attrs in page.cells}
    assert found["06|人员经费合计|决算数"] == cell_id("06", "人员经费合计", "决算数")


def test_narrative_overview_and_glossary_text(sample, page):
    text = squeeze("".join(page.text))
    paragraphs = [p.text for section in sample.narrative for p in section.all_paragraphs()]
    paragraphs += [p.text for p in sample.overview.duties + sample.overview.organisation]
    paragraphs += [term.definition for term in sample.glossary]
    for paragraph in paragraphs:
        assert squeeze(paragraph) in text
    for heading in ("第一部分 概况", "第三部分 情况说明", "第四部分 名词解释", "第五部分 附件"):
        assert heading in text or squeeze(heading) in text


def test_empty_tables_say_no_data(sample, html):
    without_09 = replace(sample, tables=tuple(t for t in sample.tables if t.number != "09"))
    page = render_html(without_09)
    section = page[page.index('id="table-09"') :]
    assert "说明：本表无数据" in section[: section.index("</section>")]
    for number in ("07", "08", "09"):
        section = html[html.index(f'id="table-{number}"') :]
        assert "本表无数据" in section[: section.index("</section>")]


def test_performance_forms(sample, html):
    assert html.count('class="form-page"') == len(sample.forms) == 11
    for form in sample.forms:
        assert form.project in html
    assert "QK关于下达市本级清欠企业欠款资金项目支出绩效自评表" in html  # the title cut short in the text
    assert '<td class="number" data-form="1|总分|得分">89.83</td>' in html


def test_no_external_references(html):
    fetching = re.compile(
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)|url\(\s*["']?\s*(?:https?:|//)|@import""", re.I
    )
    assert not fetching.search(html)
    assert "<link" not in html and "<script" not in html


def test_highlights_mark_the_named_cell(sample):
    marks = {("06", "30110", "决算数"): ("error", "第三部分六印 7.55"), ("01", "27", "1"): "warning"}
    cells = {key: attrs for key, _, attrs in parse(render_html(sample, highlights=marks)).cells}
    assert cells["06|30110|决算数"]["class"] == "number highlight error"
    assert cells["06|30110|决算数"]["title"] == "第三部分六印 7.55"
    assert cells["01|27|1"]["class"] == "number highlight warning"
    assert "title" not in cells["01|27|1"]
    others = [key for key, attrs in cells.items() if "highlight" in (attrs["class"] or "")]
    assert sorted(others) == ["01|27|1", "06|30110|决算数"]


def test_charts_are_inline_svg(sample, html):
    assert html.count("<svg") == 3 and "<img" not in html
    assert 'id="chart-income"' in html and 'id="chart-classes"' in html
    with_last_year = render_html(sample, last_year=LAST_YEAR)
    assert with_last_year.count("<svg") == 4 and 'id="chart-compare"' in with_last_year
    ids = re.findall(r'\bid="([^"]+)"', with_last_year)
    assert len(ids) == len(set(ids))


def test_a_bare_disclosure_still_gives_the_whole_document():
    bare = Disclosure("某单位", None, "", Overview(), (), (), (), ())
    html = render_html(bare)
    assert html.count('class="grid grid-') == 10 and html.count("说明：本表无数据") == 10
    assert "第二部分 部门决算表" in html and "财政拨款收入" in html  # the standard glossary
    assert "<svg" not in html


def test_charts_find_the_cjk_family_by_name(sample, caplog):
    from matplotlib import font_manager

    from juesuan.render import charts

    found = font_manager.findfont(
        font_manager.FontProperties(family=charts.FONT_FAMILY), fallback_to_default=False
    )
    assert "CJK" in found
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING, "matplotlib"):
        warnings.simplefilter("always")
        svg = charts.class_structure(sample)
    assert svg and svg.startswith("<svg") and "<!--" not in svg and "<style" not in svg
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]


def test_print_mode_draws_charts_as_images(sample):
    printed = render_html(sample, for_print=True)
    assert printed.count('src="data:image/svg+xml;base64,') == 3
    assert "@page" in printed and "<svg" not in printed


# --- layout -------------------------------------------------------------------------------------


def test_grouped_headings_span_their_columns(sample):
    head = table_grid(sample.table("05")).head
    assert [(c.text, c.colspan, c.rowspan) for c in head[0]] == [("项目", 2, 1), ("本年支出", 3, 1)]
    assert [c.text for c in head[1]] == ["科目代码", "科目名称", "小计", "基本支出", "项目支出"]
    assert [(c.text, c.rowspan) for c in table_grid(sample.table("02")).head[0][1:3]] == [
        ("本年收入合计", 2),
        ("财政拨款收入", 2),
    ]


def test_placed_skips_columns_covered_by_rowspans(sample):
    head = table_grid(sample.table("09")).head
    positions = {(r, c): cell.text for r, c, cell in placed(head)}
    assert positions[(2, 2)] == "小计" and positions[(2, 8)] == "小计"
    assert positions[(3, 11)] == "12"


def test_column_widths_cover_the_grid(sample):
    for table in sample.tables:
        grid = table_grid(table)
        assert len(column_widths(grid)) == grid.width


def test_economic_code_missing_from_catalogue_still_shown(sample):
    table = sample.table("06")
    extra = Row("30298", "试验费", (("决算数", Figure.parse("1.23")),), code="30298")
    cells = [cell for row in table_grid(replace(table, rows=(*table.rows, extra))).body for cell in row]
    assert any(cell.ref == ("30298", "决算数") and cell.text == "1.23" for cell in cells)
    assert any(cell.text == "试验费" for cell in cells)


# --- PDF ----------------------------------------------------------------------------------------


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def weasyprint_log():
    """The records the 'weasyprint' logger emits inside the block (.notdef warnings among them)."""
    logger, handler = logging.getLogger("weasyprint"), Records()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


@pytest.fixture(scope="module")
def printed(sample, tmp_path_factory):
    """(document, pdf path, weasyprint log records) of the sample, rendered once."""
    from juesuan.render.pdf import document

    with weasyprint_log() as records:
        laid_out = document(sample)
        path = tmp_path_factory.mktemp("pdf") / "datong-2024.pdf"
        path.write_bytes(laid_out.write_pdf())
    return laid_out, path, records


def notdef(records: list[logging.LogRecord]) -> list[str]:
    return [record.getMessage() for record in records if ".notdef" in record.getMessage()]


def pdf_text(path: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-layout", *span, str(path), "-"], capture_output=True, text=True
    ).stdout


def test_pdf_no_notdef_or_other_weasyprint_warning(printed):
    _, _, records = printed
    assert notdef(records) == [], (
        "字体缺字：WeasyPrint 画了 .notdef（缺 Noto CJK 字体？运行 bash scripts/setup）"
    )
    assert [record.getMessage() for record in records if record.levelno >= logging.WARNING] == []


def test_a_missing_glyph_is_caught():
    """The check above can fail: a private-use character no font has is reported as .notdef."""
    from juesuan.render.pdf import layout

    with weasyprint_log() as records:
        layout("<p style=\"font-family: 'Noto Serif CJK SC'\">缺字\U0010fffd</p>").write_pdf()
    assert notdef(records)


def test_importing_the_renderers_loads_neither_weasyprint_nor_matplotlib():
    code = (
        "import sys, juesuan.render.html, juesuan.render.pdf;"
        "print('weasyprint' in sys.modules, 'matplotlib' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "False"]


@NEEDS_POPPLER
def test_pdf_text_has_every_table_title_and_the_narrative(printed, sample):
    _, path, _ = printed
    text = squeeze(pdf_text(path))
    for definition in table_definitions().values():
        assert squeeze(definition.title) in text
    assert "第三部分情况说明" in text
    assert squeeze(sample.narrative[0].paragraphs[0].text) in text


@NEEDS_POPPLER
def test_pdf_embeds_a_cjk_font(printed):
    _, path, _ = printed
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK-SC" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts


@NEEDS_POPPLER
def test_pdf_page_numbers_agree_with_the_toc(printed):
    laid_out, path, _ = printed
    toc = pdf_text(path, 2)
    for number, definition in table_definitions().items():
        listed = re.search(re.escape(definition.title) + r"\s*\.*\s*(\d+)", toc)
        assert listed, definition.title
        index = next(i for i, page in enumerate(laid_out.pages) if f"table-{number}" in page.anchors)
        assert f"—{listed.group(1)}—" in squeeze(pdf_text(path, index + 1)), definition.title


def test_pdf_wide_tables_on_landscape_pages(printed):
    laid_out, _, _ = printed

    def orientation(anchor: str) -> str:
        page = next(page for page in laid_out.pages if anchor in page.anchors)
        return "landscape" if page.width > page.height else "portrait"

    assert orientation("table-06") == orientation("form-1") == "landscape"
    assert orientation("table-01") == orientation("part-3") == "portrait"


@NEEDS_POPPLER
def test_pdf_long_tables_repeat_their_heading(sample, tmp_path):
    """A table longer than a page prints its heading rows again on the next page (thead)."""
    from juesuan.render.pdf import layout

    rows = tuple(
        Row(f"2019{i:03d}", f"科目{i}", (("1", Figure.parse("1.00")),), code=f"2019{i:03d}")
        for i in range(90)
    )
    long = replace(sample, tables=(replace(sample.table("05"), rows=rows),), narrative=(), forms=())
    laid_out = layout(render_html(long, for_print=True))
    first = next(i for i, page in enumerate(laid_out.pages) if "table-05" in page.anchors)
    path = tmp_path / "long.pdf"
    path.write_bytes(laid_out.write_pdf())
    following = squeeze(pdf_text(path, first + 2))
    assert "科目89" in following and "本年支出" in following and "科目代码" in following


@NEEDS_POPPLER
def test_pdf_first_page_renders_the_cover(printed, tmp_path):
    from PIL import Image

    _, path, _ = printed
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert image.width < image.height and dark > 200  # portrait, with the title drawn
    assert "大同市政务服务中心" in pdf_text(path, 1)


# --- speed: the print page parsed by expat, the PDF laid out beside the other formats -----------


def _same_tree(html5: object, xml: object, path: str = "html") -> None:
    """Equal tags, attributes and texts; white space between elements (which the HTML5 parser
    moves from one tail to another around </body>) is not text."""

    def text(value: str | None) -> str:
        return "" if value is None or not value.strip() else value

    assert (html5.tag, dict(html5.attrib)) == (xml.tag, dict(xml.attrib)), path
    assert (text(html5.text), text(html5.tail)) == (text(xml.text), text(xml.tail)), path
    assert len(html5) == len(xml), path
    for index, (a, b) in enumerate(zip(html5, xml, strict=True)):
        _same_tree(a, b, f"{path}/{a.tag}[{index}]")


def test_the_print_page_parses_as_xml_into_the_tree_the_html5_parser_gives(sample):
    import tinyhtml5

    from juesuan.render.pdf import parsed_as_xml

    page = render_html(sample, for_print=True, last_year=LAST_YEAR)
    tree = parsed_as_xml(page)
    assert tree is not None
    _same_tree(tinyhtml5.parse(page, namespace_html_elements=False), tree)


def test_other_html_is_left_to_the_html5_parser(sample):
    from juesuan.render.pdf import parsed_as_xml

    assert parsed_as_xml(render_html(sample)) is None  # inline SVG: xmlns kept as attributes
    assert parsed_as_xml("<p>段落<br>换行</p>") is None
    assert parsed_as_xml("<html><body><p>无 head</p></body></html>") is None


def test_print_page_keys_no_cell_but_keeps_highlights(sample):
    printed = render_html(sample, for_print=True, highlights={("06", "30110", "决算数"): "error"})
    assert "data-cell=" not in printed and 'id="cell-' not in printed
    assert printed.count("highlight error") == 1
    assert 'id="table-06"' in printed and 'id="part-3"' in printed  # the anchors the 目录 needs


def test_formats_rendered_beside_the_pdf_worker_are_the_files_rendered_one_by_one(sample, monkeypatch):
    from juesuan.build import render_formats
    from juesuan.render import parallel

    if not parallel.usable():
        pytest.skip("单核或有其他线程：不另起 PDF 子进程")
    started: list[str] = []
    beside, seconds = render_formats(sample, ("html", "pdf", "xlsx"), started.append)
    assert list(beside) == list(seconds) == ["html", "pdf", "xlsx"] and sorted(started) == sorted(beside)
    monkeypatch.setenv("JUESUAN_JOBS", "1")
    assert not parallel.usable()
    alone, _ = render_formats(sample, ("html", "pdf"))
    assert beside["html"] == alone["html"]
    assert beside["pdf"] == alone["pdf"]


def test_the_pdf_worker_raises_here_what_stopped_it_and_leaves_no_process():
    import os

    from juesuan.render import parallel

    if not parallel.usable():
        pytest.skip("单核或有其他线程：不另起 PDF 子进程")
    worker = parallel.PdfWorker()
    worker.start(None)  # no page: the layout fails in the worker
    with pytest.raises(AttributeError):
        worker.result()
    idle = parallel.PdfWorker()
    idle.close()  # never used: stopped, not left waiting
    for pid in (worker.pid, idle.pid):
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_lean_user_agent_sheet_reads_this_weasyprint():
    """WeasyPrint's sheet still has the five footnote rules and one ::marker rule we leave out
    (else the whole sheet is used, correct but slower: this test says so)."""
    from juesuan.render.pdf import _user_agent_sheet

    assert _user_agent_sheet() is not None
