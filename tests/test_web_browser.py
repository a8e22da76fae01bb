"""The web app in a real browser: Debian chromium driven headless by Playwright.

The server runs on a free loopback port in a thread (`juesuan.web.local.local_server`). Screenshots
are saved under pytest's tmp dir (see the `screenshots` fixture) for a person to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE, needs_chromium

EXAMPLE = Path(__file__).parent.parent / "examples" / "datong-2024"
N_AMOUNT_CELL = 'td[data-cell="06|30110|决算数"]'

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from juesuan.web.local import local_server
    from juesuan.web.settings import Settings

    with local_server(Settings(db=_corpus(tmp_path_factory.mktemp("corpus")))) as url:
        yield url


def _corpus(folder: Path) -> Path | None:
    """A small corpus (the sample, and a copy dated a year earlier); None without the store."""
    try:
        from juesuan.store import Corpus
    except ImportError:
        return None
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "2024.txt").write_text(text, encoding="utf-8")
    (folder / "2023.txt").write_text(text.replace("2024", "2023"), encoding="utf-8")
    with Corpus(folder / "corpus.duckdb") as corpus:
        corpus.ingest([folder / "2024.txt", folder / "2023.txt"])
    return folder / "corpus.duckdb"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    return tmp_path


def test_review_lists_the_finding_and_scrolls_to_its_cell(server: str, page, screenshots: Path):
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.set_input_files("#review input[name=file]", str(SAMPLE))
    page.click("#review button[type=submit]")
    page.wait_for_url(re.compile(r"/review/[\w-]{22}$"))

    item = page.locator(".finding[data-rule='N-amount']")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("职工基本医疗保险缴费7.55万元")
    expect(item).to_contain_text("（7.54）")
    cell = page.locator(N_AMOUNT_CELL)
    expect(cell).to_have_text("7.54")
    expect(cell).to_have_class(re.compile(r"\bhighlight\b.*\berror\b"))
    expect(cell).not_to_be_in_viewport()

    item.locator("a.goto").click()
    expect(cell).to_have_class(re.compile(r"\bflash\b"))
    expect(cell).to_be_in_viewport(ratio=1)
    expect(item).to_have_class(re.compile(r"\bactive\b"))
    page.wait_for_timeout(700)  # mid-flash, for the screenshot
    page.screenshot(path=str(screenshots / "review-n-amount.png"))

    sentence = page.locator("mark.claim", has_text="职工基本医疗保险缴费7.55万元")
    sentence.scroll_into_view_if_needed()
    expect(page.locator("p.finding-paragraph.error", has=sentence)).to_have_count(1)
    page.screenshot(path=str(screenshots / "review-sentence.png"))


def test_review_findings_download_as_json(server: str, page, tmp_path: Path):
    page.goto(server + "/")
    page.set_input_files("#review input[name=file]", str(SAMPLE))
    page.click("#review button[type=submit]")
    page.wait_for_url(re.compile(r"/review/"))
    with page.expect_download() as download:
        page.click(".review-actions a[href$='findings.json']")
    saved = tmp_path / "findings.json"
    download.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    errors = [f["rule"] for f in document["findings"] if f["severity"] == "error"]
    # the sample's one error; the others hold its narrative against the corpus's 2023 copy
    assert errors.count("N-amount") == 1 and set(errors) == {"N-amount", "N-last-year"}
    assert download.value.suggested_filename.endswith("审核结果.json")


def test_severity_filter_hides_the_infos(server: str, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.set_input_files("#review input[name=file]", str(SAMPLE))
    page.click("#review button[type=submit]")
    page.wait_for_url(re.compile(r"/review/"))
    page.uncheck(".severity-filter input[value=info]")
    expect(page.locator(".finding.info").first).to_be_hidden()
    expect(page.locator(".finding.error").first).to_be_visible()


def test_a_bad_upload_shows_a_chinese_message(server: str, page, tmp_path: Path):
    from playwright.sync_api import expect

    bad = tmp_path / "决算.pdf"
    bad.write_bytes(bytes(range(256)) * 8)
    page.goto(server + "/")
    page.set_input_files("#review input[name=file]", str(bad))
    page.click("#review button[type=submit]")
    expect(page.locator(".error-message")).to_contain_text("无法识别的文件格式")


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="examples/datong-2024 (the build's example) is missing")
def test_build_the_example_and_download_its_pdf(server: str, page, screenshots: Path):
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.set_input_files("#build input[name=workbook]", str(EXAMPLE / "决算表.xlsx"))
    page.set_input_files("#build input[name=info]", str(EXAMPLE / "单位信息.yaml"))
    page.click("#build button[type=submit]")
    page.wait_for_url(re.compile(r"/build/[\w-]{22}$"), timeout=180_000)
    expect(page.locator("h1")).to_contain_text("大同市政务服务中心")
    preview = page.frame_locator("iframe.preview")
    expect(preview.locator("#table-06")).to_contain_text("职工基本医疗保险缴费")
    page.screenshot(path=str(screenshots / "build.png"))

    with page.expect_download() as download:
        page.click("a[href$='report.pdf']")
    saved = screenshots / "report.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "大同市政务服务中心2024年度部门决算公开.pdf"


def test_corpus_compare_view_draws_its_chart(server: str, page, screenshots: Path):
    from playwright.sync_api import expect

    page.goto(server + "/corpus")
    page.click("a[href='/corpus/compare/running-costs']")
    expect(page.locator("figure.chart svg")).to_be_visible()
    expect(page.locator("table.data")).to_contain_text("大同市政务服务中心")
    page.screenshot(path=str(screenshots / "corpus-compare.png"), full_page=True)
    page.goto(server + "/corpus")
    page.click("a[href^='/corpus/units/']")
    expect(page.locator("h1")).to_have_text("大同市政务服务中心")
    expect(page.locator("table.data").first).to_contain_text("2023")


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="examples/datong-2024 (the build's example) is missing")
def test_unit_info_filled_in_the_form_at_phone_width_then_downloaded_and_built(
    server: str, browser, screenshots: Path
):
    """At 375 px: read the example package into the form, a bad value said beside its field, then
    the filled package downloaded and the document built in one step."""
    import zipfile

    from playwright.sync_api import expect

    package = screenshots / "输入包.zip"
    with zipfile.ZipFile(package, "w") as archive:
        for file in EXAMPLE.iterdir():
            archive.writestr(f"datong-2024/{file.name}", file.read_bytes())
    context = browser.new_context(viewport={"width": 375, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(server + "/")
        page.fill("#build form.blank input[name=unit]", "某某局")
        page.click("#build form.blank button[formaction='/build/info']")
        page.wait_for_url(re.compile(r"/build/info\?"))
        expect(page.locator("[name='单位/名称']")).to_have_value("某某局")

        page.set_input_files(".info-load input[name=file]", str(package))
        page.click(".info-load button[type=submit]")
        page.wait_for_url(re.compile(r"/build/info/load$"))
        expect(page.locator("[name='单位/名称']")).to_have_value("大同市政务服务中心")
        page.fill("[name='单位/年度']", "24")
        section = page.locator("details.info-section[data-section='三公经费说明']")
        section.locator("summary").click()
        page.fill("[name='三公经费说明/因公出国（境）费/团组']", "两个")
        page.click("button[value=download]")

        year = page.locator(".field", has=page.locator("[name='单位/年度']"))
        expect(year.locator(".field-error")).to_have_text("“单位: 年度”应是四位年份（如 2024），见到“24”")
        expect(page.locator(".form-errors")).to_contain_text("单位信息中有 2 处需要改正")
        expect(section).to_have_attribute("open", "")
        expect(section.locator("summary .badge")).to_have_text("1 处有误")
        count = page.locator(".field", has=page.locator("[name='三公经费说明/因公出国（境）费/团组']"))
        expect(count.locator(".field-error")).to_have_text("“因公出国（境）费: 团组”应是数字，见到“两个”")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
        page.screenshot(path=str(screenshots / "info-form-375.png"), full_page=False)

        page.fill("[name='单位/年度']", "2024")
        page.fill("[name='三公经费说明/因公出国（境）费/团组']", "0")
        with page.expect_download() as download:
            page.click("button[value=download]")
        assert download.value.suggested_filename == "大同市政务服务中心2024年度输入包.zip"
        saved = screenshots / "filled.zip"
        download.value.save_as(saved)
        assert sorted(zipfile.ZipFile(saved).namelist()) == [
            "大同市政务服务中心/决算表.xlsx",
            "大同市政务服务中心/单位信息.yaml",
        ]

        page.click("button[value=build]", no_wait_after=True)  # the build takes a while
        page.wait_for_url(re.compile(r"/build/[\w-]{22}$"), timeout=180_000)
        expect(page.locator("h1")).to_contain_text("大同市政务服务中心")
        expect(page.locator("p.lead")).to_contain_text("审核未发现错误")
        expect(page.locator("a[href$='report.pdf']")).to_be_visible()
    finally:
        context.close()
