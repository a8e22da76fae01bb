"""The reviewer's workflow on the web, in a real browser (Debian chromium driven by Playwright):
a published PDF's own pages with each finding boxed, a decision recorded on a finding, and a
corrected file uploaded again: the decision carried, the finding listed as fixed. Every page
usable at 375 px width. The screenshots are those of docs/review.md (see `images`).

The corrected pair is built here from the example package (`juesuan build`): one file with
公开06表 30110 changed from 7.54 to 8.54 (so 301 工资福利支出 no longer adds up), one as it is.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, needs_chromium
from real_documents import REAL, needs_real

from juesuan.cli import cli

EXAMPLE = Path(__file__).parent.parent / "examples" / "datong-2024"
DOCS_IMAGES = Path(__file__).parent.parent / "docs" / "images"
# The screenshots go to docs/images/ (docs/review.md shows them) when asked, so that an ordinary
# test run leaves the work tree as it was: JUESUAN_DOCS_SCREENSHOTS=1 pytest tests/test_web_review.py
SCREENSHOTS_ASKED = "JUESUAN_DOCS_SCREENSHOTS"
REAL_PDF = REAL / "shanghai-putuo-shehuigongzuobu-2024.pdf"
SUM_ERROR = "H06-economic-sum"
WIDTHS = "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
SINK = """() => { const frame = document.createElement("iframe"); frame.name = "sink";
  document.body.appendChild(frame); document.querySelector("#review form").target = "sink"; }"""
NOTE = "单位来函说明：该项已在更正稿中改正"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus holding the sample (2024) and a copy dated a year earlier: the corpus pages have
    something to show, a review has a last year to check against, and the reviewers' decisions
    are recorded in it."""
    from juesuan.store import Corpus

    folder = tmp_path_factory.mktemp("corpus")
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "2024.txt").write_text(text, encoding="utf-8")
    (folder / "2023.txt").write_text(text.replace("2024", "2023"), encoding="utf-8")
    with Corpus(folder / "corpus.duckdb") as opened:
        opened.ingest([folder / "2024.txt", folder / "2023.txt"])
    return folder / "corpus.duckdb"


@pytest.fixture(scope="module")
def server(corpus: Path) -> Iterator[str]:
    from juesuan.web.local import local_server
    from juesuan.web.settings import Settings

    with local_server(Settings(db=corpus, workers=2)) as url:
        yield url


@pytest.fixture(scope="module")
def clean_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with an empty corpus, for decisions only (the other corpus holds a made-up last
    year of the example's unit, which the corrected pair would be held against)."""
    from juesuan.store import Corpus
    from juesuan.web.local import local_server
    from juesuan.web.settings import Settings

    path = tmp_path_factory.mktemp("decisions") / "corpus.duckdb"
    Corpus(path).close()
    with local_server(Settings(db=path, workers=2)) as url:
        yield url


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(faulty, corrected): two PDFs of the same unit and year built from the example package,
    the first with 公开06表 30110 changed from 7.54 to 8.54."""
    import openpyxl

    if not EXAMPLE.is_dir():
        pytest.skip("examples/datong-2024 (the build's example) is missing")
    folder = tmp_path_factory.mktemp("pair")
    faulty = folder / "faulty"
    shutil.copytree(EXAMPLE, faulty)
    workbook = openpyxl.load_workbook(faulty / "决算表.xlsx")
    sheet = workbook["公开06表"]
    assert sheet["A14"].value == "30110" and sheet["C14"].value == 7.54
    sheet["C14"] = 8.54
    workbook.save(faulty / "决算表.xlsx")
    built = []
    for package, name in ((faulty, "送审稿"), (EXAMPLE, "更正稿")):
        out = folder / name
        result = CliRunner().invoke(
            cli, ["build", str(package), "-o", str(out), "--format", "pdf", "--force"]
        )
        assert result.exit_code == 0, result.output
        built.append((out / "report.pdf").rename(folder / f"大同市政务服务中心2024年度决算（{name}）.pdf"))
    return built[0], built[1]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 820}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


def upload(page, server: str, path: Path) -> None:
    page.goto(server + "/")
    page.set_input_files("#review input[name=file]", str(path))
    page.click("#review button[type=submit]")
    page.wait_for_url(re.compile(r"/review/[\w-]{22}$"), timeout=120_000)


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: docs/images/ when asked (SCREENSHOTS_ASKED), else a temporary folder."""
    return DOCS_IMAGES if os.environ.get(SCREENSHOTS_ASKED) else tmp_path_factory.mktemp("screenshots")


def screenshot(page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))


def decide(page, item, verdict: str, note: str) -> None:
    item.locator("details.decide summary").click()
    item.locator(f"input[name=verdict][value={verdict}]").check()
    item.locator("textarea[name=note]").fill(note)
    item.locator("button[type=submit]").click()
    page.wait_for_load_state()


def assert_boxed(page, item) -> str:
    """Clicking the finding brings its box into view, flashing, on a rendered page image; the
    box's element id."""
    from playwright.sync_api import expect

    element = item.locator("a.goto").get_attribute("data-goto")
    assert element and element.startswith("box-")
    box = page.locator(f"#{element}")
    item.locator("a.goto").click()
    expect(box).to_have_class(re.compile(r"\bflash\b"))
    expect(box).to_be_in_viewport()
    image = box.locator("xpath=..").locator("img")
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 800", arg=image.element_handle())
    inner, outer = box.bounding_box(), image.bounding_box()
    assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
    assert outer["y"] <= inner["y"] and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    return element


@needs_chromium
@needs_real
def test_a_real_pdf_shows_its_pages_with_the_findings_boxed(server: str, page, images: Path):
    from playwright.sync_api import expect

    upload(page, server, REAL_PDF)
    expect(page.locator(".view-tabs .tab.active")).to_have_text("原页面")
    expect(page.locator("figure.pdf-page")).to_have_count(24)
    first = page.locator(".finding").first
    expect(first).to_have_class(re.compile(r"\berror\b"))  # errors first
    expect(first.locator(".title")).not_to_be_empty()  # the rule's Chinese title
    item = page.locator(".finding.error[data-rule='N-share']")
    expect(item.locator(".title")).to_have_text("情况说明占比")
    expect(item.locator(".where")).to_contain_text("公开05表 合计 第1栏")
    assert_boxed(page, item)
    page.wait_for_timeout(600)  # mid-flash, for the screenshot
    screenshot(page, images, "review-pages.png")

    decide(page, item, "已说明", "单位来函：占比按四舍五入前的金额计算")
    item = page.locator(".finding[data-rule='N-share']")
    expect(item.locator(".decision")).to_contain_text("已说明：单位来函：占比按四舍五入前的金额计算")

    page.click(".view-tabs >> text=表格")
    expect(page.locator(".view-tabs .tab.active")).to_have_text("表格")
    expect(page.locator(".report-document #table-05")).to_be_visible()
    page.locator(".finding[data-rule='N-share'] a.goto").click()
    expect(page.locator("td.highlight.flash").first).to_be_in_viewport()
    screenshot(page, images, "review-tables.png")

    page.locator(".finding[data-rule='N-share'] a", has_text="在原页面上查看").click()  # back to its box
    page.wait_for_url(re.compile(r"view=pages#box-\d+-1$"))
    box = page.locator(".box.flash")
    expect(box).to_have_attribute("data-finding", item.get_attribute("id").removeprefix("finding-"))
    expect(box).to_be_in_viewport()


@needs_chromium
def test_filters_by_severity_and_table(server: str, page):
    from playwright.sync_api import expect

    upload(page, server, SAMPLE)
    page.select_option("select[name=table]", "公开06表")
    expect(page.locator(".finding:visible")).to_have_count(
        page.locator(".finding[data-table='公开06表']").count()
    )
    page.select_option("select[name=table]", "")
    page.uncheck(".severity-filter input[value=info]")
    expect(page.locator(".finding.info").first).to_be_hidden()
    expect(page.locator(".finding.error").first).to_be_visible()


@needs_chromium
def test_a_corrected_file_lists_the_finding_as_fixed_and_carries_the_decisions(
    clean_server, page, pair, images
):
    from playwright.sync_api import expect

    server = clean_server

    faulty, corrected = pair
    upload(page, server, faulty)
    error = page.locator(f".finding.error[data-rule='{SUM_ERROR}']")
    expect(error.locator(".title")).to_have_text("经济分类科目逐级合计")
    expect(error.locator(".where")).to_contain_text("公开06表")
    assert_boxed(page, error)
    page.wait_for_timeout(600)
    screenshot(page, images, "review-faulty.png")
    decide(page, error, "已说明", NOTE)
    expect(page.locator(f".finding[data-rule='{SUM_ERROR}'] .decision")).to_contain_text("已说明")
    note = page.locator(".finding.info[data-rule='N-performance-management']")
    decide(page, note, "不采纳", "请补充绩效管理全过程的说明")

    upload(page, server, corrected)
    changes = page.locator("section.changes")
    expect(changes).to_contain_text(f"与上次上传的 {faulty.name} 相比")
    fixed = changes.locator(f".changes-fixed li[data-rule='{SUM_ERROR}']")
    expect(fixed).to_contain_text("经济分类科目逐级合计")
    expect(fixed.locator(".decision")).to_contain_text("已说明")
    expect(changes.locator(".count-fixed")).to_have_text("1")
    expect(changes.locator(".count-new")).to_have_text("0")
    expect(page.locator(f".finding[data-rule='{SUM_ERROR}']")).to_have_count(0)
    carried = page.locator(".finding[data-rule='N-performance-management'] .decision")
    expect(carried).to_contain_text("不采纳：请补充绩效管理全过程的说明")
    screenshot(page, images, "review-corrected.png")
    carried.scroll_into_view_if_needed()
    screenshot(page, images, "review-carried.png")


@needs_chromium
def test_with_a_corpus_the_narrative_is_held_against_last_year(server: str, page):
    """The corpus holds a copy of the sample dated 2023: the 2024 narrative's changes then give
    last-year figures that the “2023” tables do not print."""
    from playwright.sync_api import expect

    upload(page, server, SAMPLE)
    last_year = page.locator(".finding.error[data-rule='N-last-year']")
    expect(last_year.first.locator(".title")).to_have_text("情况说明上年数与上年决算一致")
    expect(last_year.first).to_contain_text("而2023年度决算公开印 公开01表 第31行 总计 1134.08")


@needs_chromium
def test_without_a_corpus_decisions_say_they_need_one(page):
    from playwright.sync_api import expect

    from juesuan.web.local import local_server
    from juesuan.web.settings import Settings

    with local_server(Settings(workers=1)) as url:
        upload(page, url, SAMPLE)
        expect(page.locator(".decision-note")).to_contain_text("需要语料库")
        expect(page.locator("details.decide")).to_have_count(0)


@needs_chromium
def test_no_page_scrolls_sideways_at_375_px(server: str, browser, images: Path):
    """Every page at a phone's width: nothing wider than the screen but a table's own box."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_default_timeout(120_000)
    upload(page, server, SAMPLE)
    review = page.url
    paths = ["/", review, review + "?view=tables", "/docs", "/corpus", "/review/" + "A" * 22]
    page.goto(server + "/corpus")
    unit = page.locator("a[href^='/corpus/units/']").first.get_attribute("href")
    paths += [unit, *_hrefs(page, "/corpus/compare/")]
    page.goto(server + unit)
    paths += _hrefs(page, "/corpus/disclosures/")[:1]
    if EXAMPLE.is_dir():
        page.goto(server + "/")
        page.set_input_files("#build input[name=workbook]", str(EXAMPLE / "决算表.xlsx"))
        page.set_input_files("#build input[name=info]", str(EXAMPLE / "单位信息.yaml"))
        page.click("#build button[type=submit]")
        page.wait_for_url(re.compile(r"/build/[\w-]{22}$"), timeout=180_000)
        paths += [page.url, page.url + "/review"]
    if REAL_PDF.exists():  # a few seconds' work: the page shows the step and the time so far
        page.goto(server + "/")
        page.set_input_files("#review input[name=file]", str(REAL_PDF))
        page.evaluate(SINK)  # the answer goes to a frame: the page stays to be looked at
        page.click("#review button[type=submit]")
        busy = page.locator("#review .busy")
        expect(busy).to_contain_text(re.compile(r"^正在(读取|审核|绘制|渲染|标出).*（已用时 \d+ 秒）$"))
        expect(page.frame_locator("iframe[name=sink]").locator(".review-findings")).to_be_attached()
        paths += [page.frame(name="sink").url]
    wide = {}
    for path in paths:
        page.goto(path if path.startswith("http") else server + path)
        width = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        if width[0] > width[1]:
            wide[path] = width
    if REAL_PDF.exists():
        screenshot(page, images, "review-375.png")
    context.close()
    assert not wide, wide


def _hrefs(page, start: str) -> list[str]:
    found = page.locator(f"a[href^='{start}']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys(found))


# ---- without a browser: the boxes, the words, the order ---------------------------------------


@pytest.fixture(scope="module")
def reviewed():
    """The real PDF as the worker reviews it for the page view."""
    from juesuan.web.reviewing import review_job

    if not REAL_PDF.exists():
        pytest.skip("真实样本目录不存在（../shared/samples/real）")
    return review_job(REAL_PDF.read_bytes(), REAL_PDF.name, 300, None)


def test_every_page_is_rendered_with_its_printed_number(reviewed):
    kept = reviewed.kept
    assert [page.number for page in kept.pages] == list(range(1, 25))
    assert all(image.startswith(b"\x89PNG") for image in reviewed.images)
    first = kept.pages[0]
    assert (round(first.width), round(first.height)) == (595, 842)  # A4 in points
    assert len(kept.boxes) == len(kept.findings)


def test_a_narrative_finding_boxes_its_quoted_words_then_the_cell_compared(reviewed):
    kept = reviewed.kept
    index = next(i for i, f in enumerate(kept.findings) if f.rule == "N-share")
    quoted, cell = kept.boxes[index]
    assert (quoted.page, quoted.role, cell.page, cell.role) == (18, "subject", 12, "related")
    assert 360 < quoted.x0 < quoted.x1 < 430 and quoted.bottom - quoted.top < 20  # “占9.55%”, one line
    page = kept.pages[17]
    assert quoted.style(page).startswith("left:62.") and "height:2." in quoted.style(page)


def test_quoted_words_across_a_line_break_get_a_box_per_line(reviewed):
    kept = reviewed.kept
    split = [
        boxes
        for f, boxes in zip(kept.findings, kept.boxes, strict=True)
        if "编报绩效目标的2024年度项目1个" in f.message  # 十（一）, its last words on the next line
    ]
    first, second = split[0][:2]
    assert first.page == second.page == 21 and second.top > first.bottom - 1 and second.x0 < first.x0


def test_errors_first_with_titles_and_printed_cells(reviewed):
    from juesuan.web.reviewing import entries

    found = entries(reviewed.kept, "")
    ranks = ["error", "warning", "info"]
    assert [ranks.index(e.severity) for e in found] == sorted(ranks.index(e.severity) for e in found)
    share = next(e for e in found if e.finding.rule == "N-share")
    assert share.title == "情况说明占比" and share.table == "公开05表"
    assert share.places[0].startswith("第三部分 五（二）") and share.places[1] == "公开05表 合计 第1栏"
    assert share.boxes[0][0] == f"box-{share.number}-1"
