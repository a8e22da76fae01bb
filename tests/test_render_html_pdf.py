"""HTML and PDF renderers on the reference disclosure (大同市政务服务中心 2024).

The HTML must hold every table, every figure in the cell its tidy key names, the narrative and
no external reference; the PDF (Typst, from the same views) must say what the web page says,
table for table and paragraph for paragraph, with an embedded CJK font that has every character,
page numbers that agree with the 目录, and landscape pages for the wide tables.
"""

from __future__ import annotations

import csv
import logging
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections import Counter
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


@pytest.fixture(scope="module")
def printed(sample, tmp_path_factory) -> Path:
    """The sample's PDF, rendered once."""
    from juesuan.render.pdf import render as render_pdf

    path = tmp_path_factory.mktemp("pdf") / "datong-2024.pdf"
    path.write_bytes(render_pdf(sample))
    return path


def pdf_text(path: Path, *pages: int, mode: str = "-layout") -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", mode, *span, str(path), "-"], capture_output=True, text=True).stdout


def page_texts(path: Path) -> list[str]:
    """Each page's text in the order it is drawn (pdftotext -raw), pages split at form feeds."""
    return pdf_text(path, mode="-raw").split("\f")[:-1]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return [tuple(document[index].get_size()) for index in range(len(document))]
    finally:
        document.close()


def first_page_with(path: Path, words: str, after: int = 0) -> int:
    """The number (from 1) of the first page after `after` whose text holds `words`."""
    texts = page_texts(path)
    return next(i + 1 for i, text in enumerate(texts) if i >= after and squeeze(words) in squeeze(text))


class PreviewText(HTMLParser):
    """The web page's texts in document order, each text node apart: the cover's and those of
    <main> (its parts, headings, paragraphs, table titles and notes); a table is one item, the
    list of its cells' texts. The 目录 and the charts' SVG (drawn, not text) are left out."""

    def __init__(self) -> None:
        super().__init__()
        self.cover: list[str] = []
        self.main: list[str | list[str]] = []
        self._where: list | None = None
        self._svg = 0
        self._table: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "header":
            self._where = self.cover
        elif tag == "main":
            self._where = self.main
        elif tag == "svg":
            self._svg += 1
        elif tag == "table" and self._where is not None:
            self._table = []
            self._where.append(self._table)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("header", "main"):
            self._where = None
        elif tag == "svg":
            self._svg -= 1
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._where is None or self._svg or not squeeze(data):
            return
        (self._table if self._table is not None else self._where).append(squeeze(data))


def same_text(preview: list[str | list[str]], printed: str) -> list[str]:
    """The preview's texts found in order in the printed text, a table's cells in any order
    between the texts before and after the table (a cell spanning rows is drawn, and read, in
    its middle); what the printed text has besides (empty when the two say the same)."""
    extra, position, cells = [], 0, None
    for item in preview:
        if isinstance(item, list):
            cells = item
            continue
        found = printed.find(item, position)
        assert found >= 0, f"PDF 中没有（或次序不同）：{item}"
        between = printed[position:found]
        if cells is not None:
            between, cells = _without(between, cells), None
        if between:
            extra.append(between)
        position = found + len(item)
    rest = printed[position:] if cells is None else _without(printed[position:], cells)
    return [*extra, rest] if rest else extra


def _without(printed: str, cells: list[str]) -> str:
    """The printed text of a table less one occurrence of each cell's text, longest first."""
    for cell in sorted(cells, key=len, reverse=True):
        assert cell in printed, f"PDF 的表中没有：{cell}"
        printed = printed.replace(cell, "", 1)
    return printed


@NEEDS_POPPLER
def test_the_pdf_says_what_the_web_page_says_table_for_table_paragraph_for_paragraph(sample, printed):
    """The PDF is the preview's document: every text of the web page (each heading, paragraph,
    table cell, note, form cell) is printed in the same order, and the PDF prints nothing else
    but its page furniture (the 目录, the running title, the page numbers)."""
    preview = PreviewText()
    preview.feed(render_html(sample))
    pages = page_texts(printed)
    title = squeeze(pages[2].splitlines()[0])  # the running title at the top of page 3
    assert title == "大同市政务服务中心2024年度单位决算公开"
    cover = squeeze(pages[0])
    assert same_text(preview.cover, cover) == []
    first = next(i for i, text in enumerate(pages) if re.search(r"^— 1 —$", text, re.M))
    body = "".join(
        squeeze(line)
        for text in pages[first:]
        for line in text.splitlines()
        if squeeze(line) != title and not re.fullmatch(r"— \d+ —", line.strip())
    )
    assert same_text(preview.main, body) == []
    tables = [item for item in preview.main if isinstance(item, list)]
    assert len(tables) == 10 + len(sample.forms) and sum(map(len, tables)) > 2000


@NEEDS_POPPLER
def test_a_text_left_out_or_added_is_seen(sample, printed):
    """The comparison above can fail: a text the PDF lacks, or one it has and the page does not."""
    preview = PreviewText()
    preview.feed(render_html(sample))
    body = squeeze(pdf_text(printed, mode="-raw"))
    with pytest.raises(AssertionError, match="PDF 中没有"):
        same_text([*preview.main[:5], "不在文件中的一段话"], body)
    first, second, third = preview.main[2:5]  # three paragraphs of 第一部分 一
    assert all(isinstance(text, str) for text in (first, second, third))
    printed_three = body[body.index(first) : body.index(third) + len(third)]
    assert same_text([first, third], printed_three) == [second]


def cjk_characters() -> set[int]:
    """The code points the two Noto CJK SC faces Typst uses (serif and sans) both map."""
    import typst
    from fontTools.ttLib import TTCollection

    maps = []
    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC"):
        fonts = typst.Fonts(include_embedded_fonts=False).fonts()
        info = next(f for f in fonts if f.family == family and f.weight == 400)
        font = TTCollection(info.path, lazy=True).fonts[info.index]
        maps.append(set(font.getBestCmap()))
    return maps[0] & maps[1]


def test_every_character_of_the_document_is_in_the_cjk_fonts(sample):
    """No character falls back to another font or to an empty box: each is in Noto CJK SC."""
    from juesuan.render.pdf import source

    covered = cjk_characters()
    document = source(sample)
    strings = re.findall(r'#?"((?:[^"\\]|\\.)*)"', document.split("#let plain-par", 1)[1])
    text = "".join(s for s in strings if not s.startswith("<svg"))
    assert len(text) > 20000
    assert {char for char in text if ord(char) not in covered} == set()


def test_a_missing_glyph_is_caught():
    """The check above can fail: a private-use character no font has is not covered."""
    assert 0x10FFFD not in cjk_characters() and ord("缺") in cjk_characters()


def test_typst_gives_no_warning(sample):
    """An unknown font family, a missing label or a layout that does not converge is a warning."""
    import typst

    from juesuan.render.pdf import source

    _, warned = typst.compile_with_warnings(source(sample).encode("utf-8"), format="pdf")
    assert [warning.message for warning in warned] == []


def test_importing_the_renderers_loads_neither_typst_nor_matplotlib():
    code = (
        "import sys, juesuan.render.html, juesuan.render.pdf;"
        "print('typst' in sys.modules, 'weasyprint' in sys.modules, 'matplotlib' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "False", "False"]


@NEEDS_POPPLER
def test_pdf_text_has_every_table_title_and_the_narrative(printed, sample):
    text = squeeze(pdf_text(printed))
    for definition in table_definitions().values():
        assert squeeze(definition.title) in text
    assert "第三部分情况说明" in text
    assert squeeze(sample.narrative[0].paragraphs[0].text) in text


@NEEDS_POPPLER
def test_pdf_embeds_a_cjk_font(printed):
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True).stdout
    listed = fonts.splitlines()[2:]
    cjk = [line for line in listed if re.match(r"[A-Z]{6}\+NotoS(?:ans|erif)CJKsc-", line)]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts
    assert len(cjk) == len(listed), fonts  # no other font: nothing fell back


@NEEDS_POPPLER
def test_pdf_page_numbers_agree_with_the_toc(printed):
    toc = pdf_text(printed, 2)
    for number, definition in table_definitions().items():
        listed = re.search(re.escape(definition.title) + r"\s*\.*\s*(\d+)", toc)
        assert listed, definition.title
        index = first_page_with(printed, f"公开{number}表", after=2)
        assert f"—{listed.group(1)}—" in squeeze(pdf_text(printed, index)), definition.title
    part3 = re.search(r"第三部分 情况说明\s*\.*\s*(\d+)", toc)
    index = first_page_with(printed, "一、收入支出决算总体情况说明", after=2)
    assert part3 and f"—{part3.group(1)}—" in squeeze(pdf_text(printed, index))


@NEEDS_POPPLER
def test_pdf_wide_tables_on_landscape_pages(printed, sample):
    sizes = page_sizes(printed)

    def orientation(words: str) -> str:
        width, height = sizes[first_page_with(printed, words, after=2) - 1]
        return "landscape" if width > height else "portrait"

    assert orientation("公开06表") == orientation(sample.forms[0].project) == "landscape"
    assert orientation("公开01表") == orientation("第三部分 情况说明") == "portrait"
    assert {(round(w), round(h)) for w, h in sizes} == {(595, 842), (842, 595)}  # A4


@NEEDS_POPPLER
def test_pdf_long_tables_repeat_their_heading(sample, tmp_path):
    """A table longer than a page prints its heading rows again on the next page."""
    from juesuan.render.pdf import render as render_pdf

    rows = tuple(
        Row(f"2019{i:03d}", f"科目{i}", (("1", Figure.parse("1.00")),), code=f"2019{i:03d}")
        for i in range(90)
    )
    long = replace(sample, tables=(replace(sample.table("05"), rows=rows),), narrative=(), forms=())
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(long))
    first = first_page_with(path, "公开05表", after=2)
    following = squeeze(pdf_text(path, first + 1))
    assert "科目89" in following and "本年支出" in following and "科目代码" in following


@NEEDS_POPPLER
def test_pdf_first_page_renders_the_cover(printed, tmp_path):
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(printed), str(tmp_path / "p")], check=True
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert image.width < image.height and dark > 200  # portrait, with the title drawn
    assert "大同市政务服务中心" in pdf_text(printed, 1)


@NEEDS_POPPLER
def test_text_that_looks_like_typst_markup_is_printed_as_it_is(sample, tmp_path):
    """Every text goes into the Typst document as a string: nothing in it is read as markup."""
    from juesuan.render.pdf import render as render_pdf

    unit = '某"单位\\#[x]<y> $z$ @a *b* _c_ // d /* e = f'
    path = tmp_path / "markup.pdf"
    path.write_bytes(render_pdf(Disclosure(unit, 2024, "", Overview(), (), (), (), ())))
    assert pdf_text(path, 1).splitlines()[0].strip() == unit


def test_the_pdf_is_the_same_file_each_time(sample):
    """No date or random id: a build of the same package gives the same bytes."""
    from juesuan.render.pdf import render as render_pdf

    assert render_pdf(sample) == render_pdf(sample)


# --- speed: the charts and the Word file made by one worker, the PDF by another ----------------

BESIDE = """
import io, os, signal, sys, zipfile
from juesuan.build import render_formats
from juesuan.render import parallel
from juesuan.sources import read_path

def parts(data):  # a Word file's parts but its dates (docProps)
    found = zipfile.ZipFile(io.BytesIO(data))
    return {name: found.read(name) for name in found.namelist() if not name.startswith("docProps/")}

sample, _ = read_path(sys.argv[1])
assert parallel.usable()
started = []
formats = ("html", "pdf", "docx", "xlsx")
beside, seconds = render_formats(sample, formats, started.append)
assert list(beside) == list(seconds) == list(formats) and sorted(started) == sorted(formats)
assert not {"typst", "docx", "matplotlib"} & set(sys.modules)  # charts, Word, PDF: in the workers
worker = parallel.PdfWorker(drawing=False)
worker.start(None)  # no document: typesetting fails in the worker
try:
    worker.result()
except Exception as error:
    print(type(error).__name__)
killed = parallel.PdfWorker(drawing=False)
killed.start("#lorem(20000)")
os.kill(killed.pid, signal.SIGKILL)  # a worker that dies
try:
    killed.result()
except parallel.WorkerError:
    print("died")
idle = parallel.PdfWorker()
drawing = idle.drawing.pid
idle.close()  # never given a job: never forked; its drawing process stopped
for pid in (worker.pid, killed.pid, drawing):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        print("reaped")
print(idle.pid)
again, _ = render_formats(sample, ("pdf", "docx", "xlsx"), None, killed)  # made here: used up
assert "typst" in sys.modules and not parallel.usable()  # typeset here: no fork from now on
os.environ["JUESUAN_JOBS"] = "1"
alone, _ = render_formats(sample, ("html", "pdf", "docx"))
print(beside["html"] == alone["html"], beside["pdf"] == alone["pdf"] == again["pdf"])
print(parts(beside["docx"]) == parts(alone["docx"]) == parts(again["docx"]))
"""


def test_formats_rendered_beside_the_workers_are_the_files_rendered_one_by_one(sample_path):
    """In a fresh process (a test process has used Typst already, and is not forked after that):
    the files made beside the workers are those made one by one; a worker's error is raised in
    the parent; a worker that dies or cannot be started costs only time; none is left behind."""
    if len(os.sched_getaffinity(0)) < 2 or not hasattr(os, "fork"):
        pytest.skip("单核或无 fork：不另起子进程")
    environment = {k: v for k, v in os.environ.items() if k != "JUESUAN_JOBS"}
    found = subprocess.run(
        [sys.executable, "-c", BESIDE, str(sample_path)], capture_output=True, text=True, env=environment
    )
    assert found.returncode == 0, found.stderr
    said = ["AttributeError", "died", "reaped", "reaped", "reaped", "None", "True", "True", "True"]
    assert found.stdout.split() == said
