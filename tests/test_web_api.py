"""The web app through HTTP (FastAPI's TestClient): every endpoint, the limits and bad uploads.

Every refusal must be a 4xx with one Chinese line, never a 500; `/api/check` must answer exactly
what `juesuan check --format json` prints.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner
from conftest import SAMPLE
from fastapi.testclient import TestClient

from juesuan.cli import cli
from juesuan.rules import CellRef, Finding, Severity
from juesuan.web.app import create_app
from juesuan.web.results import ResultStore
from juesuan.web.settings import MB, Settings

EXAMPLE = Path(__file__).parent.parent / "examples" / "datong-2024"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
N_AMOUNT_CELL = 'data-cell="06|30110|决算数"'


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(max_upload_bytes=2 * MB, max_pdf_pages=2))) as client:
        yield client


def upload(path: Path = SAMPLE, name: str | None = None) -> dict:
    return {"file": (name or path.name, path.read_bytes())}


def cli_stdout(*args: str) -> str:
    return CliRunner().invoke(cli, list(args)).stdout


def assert_refused(response: httpx.Response, status: int, words: str = "") -> str:
    """A 4xx answer of one Chinese line (JSON for the API, a page otherwise)."""
    assert response.status_code == status, response.text
    if response.headers["content-type"].startswith("application/json"):
        message = response.json()["detail"]
    else:
        message = re.search(r'<p class="error-message">(.*?)</p>', response.text)[1]
    assert CHINESE.search(message) and "\n" not in message and "Traceback" not in message
    assert words in message
    return message


# ---- the pages -------------------------------------------------------------------------------


def test_home_offers_review_and_build_uploads(client: TestClient):
    page = client.get("/")
    assert page.status_code == 200
    assert 'action="/review"' in page.text and 'action="/build"' in page.text
    assert "上传上限 2 MB，PDF 不超过 2 页" in page.text
    assert "/corpus" not in page.text  # started without --db


def test_the_blank_package_of_a_chosen_template_is_downloaded_as_a_zip_build_reads(
    client: TestClient, tmp_path: Path
):
    from openpyxl import load_workbook

    from juesuan.package import read_package

    home = client.get("/")
    assert '<option value="shanghai-2024">上海市模板（九张表）（shanghai-2024）</option>' in home.text
    got = client.get(
        "/build/blank.zip", params={"template": "shanghai-2024", "unit": "某某局", "year": "2025"}
    )
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in got.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(got.content))
    assert sorted(archive.namelist()) == ["某某局/决算表.xlsx", "某某局/单位信息.yaml"]
    book = load_workbook(io.BytesIO(archive.read("某某局/决算表.xlsx")))
    assert len(book.sheetnames) == 9 and "公开10表" not in book.sheetnames  # Shanghai's nine
    info = archive.read("某某局/单位信息.yaml").decode("utf-8")
    assert "名称: 某某局" in info and "年度: 2025" in info and "模板: shanghai-2024" in info
    (tmp_path / "blank.zip").write_bytes(got.content)
    disclosure, _, _ = read_package(tmp_path / "blank.zip")
    assert (disclosure.unit, disclosure.year, len(disclosure.tables)) == ("某某局", 2025, 9)


def test_a_blank_package_of_an_unknown_template_or_year_is_refused_in_chinese(client: TestClient):
    unknown = client.get("/build/blank.zip", params={"template": "beijing"})
    assert unknown.status_code == 400 and "没有名为 beijing 的模板" in unknown.text
    year = client.get("/build/blank.zip", params={"year": "25"})
    assert year.status_code == 400 and "年度应是四位年份" in year.text


def test_static_files_health_and_headers(client: TestClient):
    assert "site-header" in client.get("/static/web.css").text
    answer = client.get("/healthz")
    assert answer.text == "ok" and answer.headers["x-content-type-options"] == "nosniff"
    assert client.post("/api/check", files={"file": ("a", b"x" * 3 * MB)}).headers["x-frame-options"]


def test_review_shows_the_tables_with_the_finding_cell_marked(client: TestClient):
    answer = client.post("/review", files=upload(), follow_redirects=False)
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    cell = re.search(rf"<td [^>]*{re.escape(N_AMOUNT_CELL)}[^>]*>([^<]*)</td>", page.text)
    assert cell and "highlight error" in cell[0] and cell[1] == "7.54"
    assert 'data-rule="N-amount"' in page.text and 'data-goto="cell-06-30110-决算数"' in page.text
    assert '<mark class="claim">职工基本医疗保险缴费7.55万元</mark>' in page.text
    assert "共 1 个错误、2 个警告" in page.text and "findings.csv" in page.text


def test_review_downloads_json_csv_html(client: TestClient):
    token = client.post("/review", files=upload(), follow_redirects=False).headers["location"]
    found = client.get(f"{token}/findings.json")
    assert found.text == cli_stdout("check", str(SAMPLE), "--format", "json")
    assert "attachment" in found.headers["content-disposition"]
    table = client.get(f"{token}/findings.csv").content.decode("utf-8-sig").splitlines()
    assert table[0] == "序号,严重程度,规则编号,规则名称,位置,原文位置,问题,涉及单元格"
    assert table[1].startswith("1,错误,N-amount,情况说明金额与表格一致,第三部分 六,原文第494行,")
    report = client.get(f"{token}/findings.html").text
    assert N_AMOUNT_CELL in report and "review-bar" not in report  # the file has no web header
    assert_refused(client.get(f"{token}/findings.exe"), 404)


def test_review_downloads_the_letter_and_the_workbook(client: TestClient):

    import docx
    import openpyxl

    token = client.post("/review", files=upload(), follow_redirects=False).headers["location"]
    assert "findings.docx" in client.get(token).text
    letter = client.get(f"{token}/findings.docx")
    assert letter.headers["content-disposition"].endswith(quote("审核意见.docx"))
    text = "\n".join(cell.text for t in docx.Document(io.BytesIO(letter.content)).tables for cell in t._cells)
    assert "职工基本医疗保险缴费7.55万元" in text
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{token}/findings.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert "N-amount" in rows[1] and rows[0][0] == "序号"


def test_unknown_or_malformed_result_tokens_are_404(client: TestClient):
    assert_refused(client.get("/review/" + "A" * 22), 404, "已过期")
    assert_refused(client.get("/review/..%2F..%2Fetc"), 404)
    assert_refused(client.get("/build/nonsense/report.pdf"), 404)


def test_review_of_a_text_file_has_the_table_view_only_and_decisions_need_a_corpus(client: TestClient):
    token = client.post("/review", files=upload(), follow_redirects=False).headers["location"]
    page = client.get(f"{token}?view=pages").text  # no pages to show: the table view
    assert 'class="tab active" aria-current="page">表格' in page and "pdf-page" not in page
    assert (
        page.count("<body") == 1 and page.count('class="finding-list"') == 1
    )  # the report cut to its tables
    assert "需要语料库" in page and 'class="decide"' not in page
    assert_refused(client.post(f"{token}/decisions", data={"finding": 1, "verdict": "已说明"}), 409, "语料库")
    assert_refused(client.get(f"{token}/pages/1"), 404)
    filtered = client.get(f"{token}?severity=error&table=公开06表").text
    assert re.search(
        r'<li class="finding error" id="finding-\d+" data-rule="N-amount" data-table="公开06表">', filtered
    )
    assert re.search(r'<li class="finding warning"[^>]* hidden>', filtered)


def test_review_against_the_previous_submission_uploaded_beside_it(client: TestClient):
    corrected = SAMPLE.read_text(encoding="utf-8").replace(
        "职工基本医疗保险缴费7.55万元", "职工基本医疗保险缴费7.54万元"
    )
    files = {"file": ("更正稿.txt", corrected.encode()), "against": ("送审稿.txt", SAMPLE.read_bytes())}
    token = client.post("/review", files=files, follow_redirects=False).headers["location"]
    page = client.get(token).text
    assert "与上次上传的 送审稿.txt 相比" in page and '<span class="count-fixed">1</span>' in page
    fixed = re.search(r'<details class="changes-fixed" open>.*?</details>', page, re.S)[0]
    assert 'data-rule="N-amount"' in fixed and "7.55" in fixed
    assert '<span class="count-new">0</span>' in page
    assert 'data-rule="N-amount"' not in page.split('<ol class="finding-list">')[1]


def test_progress_of_an_upload(client: TestClient):
    from juesuan.web import progress

    store = client.app.state.store
    with progress.tracked(store, "p" * 22) as path:
        assert client.get("/progress/" + "p" * 22).json() == {"step": progress.WAITING}
        progress.Progress(path).step("审核")
        assert client.get("/progress/" + "p" * 22).json() == {"step": "审核"}
    assert_refused(client.get("/progress/" + "p" * 22), 404)
    assert_refused(client.get("/progress/..%2F..%2Fetc"), 404)
    with progress.tracked(store, "../../etc") as path:  # a malformed id: nothing written
        assert path is None


def test_api_docs_load_nothing_from_elsewhere(client: TestClient):
    page = client.get("/docs")
    assert page.status_code == 200 and "POST /api/check" in page.text and "multipart 字段" in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # no CDN: every asset is ours
    assert client.get("/redoc").status_code == 404


# ---- the API ---------------------------------------------------------------------------------


def test_api_check_is_exactly_the_cli_json(client: TestClient):
    answer = client.post("/api/check", files=upload())
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.text == cli_stdout("check", str(SAMPLE), "--format", "json")
    assert answer.headers["x-juesuan-errors"] == "1"
    flat = [
        (f["rule"], f["cells"][0]["table"], f["cells"][0]["row"])
        for f in answer.json()["findings"]
        if f["cells"]
    ]
    assert ("N-amount", "06", "30110") in flat


def test_api_check_sniffs_content_not_the_name(client: TestClient):
    answer = client.post("/api/check", files=upload(name="报告.pdf"))
    assert answer.status_code == 200 and answer.json()["summary"]["errors"] == 1


def test_api_parse_gives_tidy_cells_as_json_csv_or_the_model(client: TestClient):
    cells = client.post("/api/parse", files=upload()).json()
    assert cells["unit"] == "大同市政务服务中心" and cells["year"] == 2024
    assert {"table": "06", "row": "30110", "col": "决算数", "value": "7.54"}.items() <= next(
        c for c in cells["cells"] if c["table"] == "06" and c["row"] == "30110"
    ).items()
    csv_text = client.post("/api/parse?format=cells", files=upload()).text
    assert csv_text == cli_stdout("parse", str(SAMPLE), "--format", "cells")
    assert len(csv_text.splitlines()) == len(cells["cells"]) + 1
    model = client.post("/api/parse?format=model", files=upload()).text
    assert model == cli_stdout("parse", str(SAMPLE), "--format", "json")
    assert_refused(client.post("/api/parse?format=xml", files=upload()), 422, "format")


def test_openapi_describes_the_api_in_chinese(client: TestClient):
    schema = client.get("/openapi.json").json()
    for path in ("/api/check", "/api/parse", "/api/build"):
        operation = schema["paths"][path]["post"]
        assert CHINESE.search(operation["summary"])
        body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
        reference = body["$ref"].rsplit("/", 1)[1]
        assert "file" in schema["components"]["schemas"][reference]["properties"]
        assert {"413", "422"} <= set(operation["responses"])


# ---- limits and bad uploads ------------------------------------------------------------------


def blank_pdf(pages: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_UPLOADS = {
    "empty": (b"", 400, "为空"),
    "binary": (bytes(range(256)) * 4, 422, "二进制"),
    "not a disclosure": ("这是一段与决算无关的文字。\n".encode() * 20, 422, ""),
    "plain zip": (zipped({"a.txt": b"hello"}), 422, "压缩包"),
    "broken zip": (b"PK\x03\x04" + b"\x00" * 64, 422, "压缩包"),
    "broken pdf": (b"%PDF-1.7\n" + b"garbage" * 50, 422, "PDF"),
    "too many pdf pages": (blank_pdf(3), 422, "超过上限 2 页"),
    "blank pdf": (blank_pdf(1), 422, ""),
}


@pytest.mark.parametrize("path", ["/api/check", "/api/parse", "/review"])
@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_uploads_are_refused_with_one_chinese_line(client: TestClient, path: str, case: str):
    data, status, words = BAD_UPLOADS[case]
    assert_refused(client.post(path, files={"file": ("../../etc/上传.bin", data)}), status, words)


@pytest.mark.parametrize("path", ["/api/check", "/api/parse", "/review", "/api/build", "/build"])
def test_a_missing_upload_field_is_400(client: TestClient, path: str):
    assert_refused(client.post(path, data={"other": "x"}), 400, "上传")


def test_messages_name_the_file_never_a_client_path(client: TestClient):
    message = assert_refused(client.post("/api/check", files={"file": ("../../x/a.bin", b"\x00\x01")}), 422)
    assert message.endswith("：a.bin") and "/" not in message


def test_an_upload_over_the_declared_limit_is_413(client: TestClient):
    answer = client.post("/api/check", files={"file": ("big.txt", b"x" * (3 * MB))})
    assert_refused(answer, 413, "上限为 2 MB")
    assert_refused(client.post("/review", files={"file": ("big.txt", b"x" * (3 * MB))}), 413, "2 MB")


BOUNDARY = "juesuanboundary"
STREAMED = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


def streamed_upload(megabytes: int) -> Iterator[bytes]:
    """A multipart body with one file of that size, in 256 KB chunks: sent with no Content-Length."""
    yield f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'.encode()
    for _ in range(4 * megabytes):
        yield b"x" * (256 * 1024)
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def test_an_upload_without_length_is_stopped_while_streaming(client: TestClient):
    answer = client.post("/api/check", content=streamed_upload(6), headers=STREAMED)
    assert_refused(answer, 413, "上传内容过大")


def test_pdf_page_limit_is_configurable():
    with TestClient(create_app(Settings(max_pdf_pages=5))) as roomy:
        message = assert_refused(roomy.post("/api/check", files={"file": ("a.pdf", blank_pdf(3))}), 422)
        assert "页数" not in message and "超过上限" not in message  # read, then found not a disclosure


# ---- build -----------------------------------------------------------------------------------

needs_example = pytest.mark.skipif(
    not EXAMPLE.is_dir(), reason="examples/datong-2024 (the build's example) is missing"
)


@pytest.fixture(scope="module")
def package_zip() -> bytes:
    return zipped({f"datong-2024/{f.name}": f.read_bytes() for f in EXAMPLE.iterdir()})


@needs_example
def test_api_build_keeps_every_format_behind_a_token(client: TestClient, package_zip: bytes):
    answer = client.post("/api/build", files={"file": ("输入包.zip", package_zip)})
    assert answer.status_code == 200, answer.text
    built = answer.json()
    assert built["summary"]["errors"] == 0 and answer.headers["x-juesuan-errors"] == "0"
    magic = {"pdf": b"%PDF", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "html": b"<!DOCTYPE"}
    assert set(built["files"]) == set(magic)
    with TestClient(create_app()) as roomy:  # the module's client allows 2 PDF pages only
        for fmt, url in built["files"].items():
            made = client.get(url).content
            assert made.startswith(magic[fmt])
            if fmt in ("pdf", "docx", "xlsx"):  # read back, its format sniffed from the content
                again = roomy.post("/api/check", files={"file": ("公开.bin", made)})
                assert again.status_code == 200 and again.json()["summary"]["errors"] == 0, fmt
    page = client.get(built["page"])
    assert page.status_code == 200 and "/preview" in page.text and "审核未发现错误" in page.text
    assert "大同市政务服务中心" in client.get(f"{built['page']}/preview").text
    assert client.get(f"{built['page']}/check.json").json()["summary"] == built["summary"]
    assert 'class="report-findings"' in client.get(f"{built['page']}/review").text


@needs_example
def test_a_budget_package_is_built_and_downloaded_as_a_budget(client: TestClient):
    budget = EXAMPLE.parent / "datong-2024-budget"
    package = zipped({f"budget/{f.name}": f.read_bytes() for f in budget.iterdir()})
    answer = client.post("/api/build", files={"file": ("预算包.zip", package)})
    assert answer.status_code == 200, answer.text
    assert answer.json()["summary"]["errors"] == 0
    download = client.get(answer.json()["files"]["docx"])
    assert download.headers["content-disposition"].endswith(
        quote("大同市政务服务中心2024年度部门预算公开.docx")
    )
    one = client.post("/api/build?format=xlsx", files={"file": ("预算包.zip", package)})
    assert one.headers["content-disposition"].endswith(quote("大同市政务服务中心2024年度部门预算公开.xlsx"))


@needs_example
def test_build_from_two_fields_returns_one_format(client: TestClient):
    fields = {
        "workbook": ("决算表.xlsx", (EXAMPLE / "决算表.xlsx").read_bytes()),
        "info": ("单位信息.yaml", (EXAMPLE / "单位信息.yaml").read_bytes()),
    }
    answer = client.post("/api/build?format=html", files=fields)
    assert answer.status_code == 200 and answer.text.startswith("<!DOCTYPE html>")
    assert "filename*=UTF-8''" in answer.headers["content-disposition"]
    page = client.post("/build", files=fields, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/build/")


@needs_example
@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"file": ("a.zip", b"not a zip")}, 422, "zip"),
        ({"file": ("a.zip", zipped({"决算表.xlsx": b"PK\x03\x04"}))}, 422, "单位信息.yaml"),
        ({"workbook": ("a.xlsx", b"PK\x03\x04")}, 400, "单位信息.yaml"),
        ({"workbook": ("a.txt", b"text"), "info": ("b.yaml", b"a: 1")}, 422, "Excel"),
    ],
)
def test_bad_packages_are_refused_in_chinese(client: TestClient, fields: dict, status: int, words: str):
    message = assert_refused(client.post("/api/build", files=fields), status, words)
    assert "/tmp" not in message and "juesuan-package" not in message


# ---- the report page's marks (render/findings.py) --------------------------------------------


def test_findings_html_marks_form_cells_and_paragraphs(sample):
    from juesuan.render.findings import findings_html

    line = sample.forms[0].funding[0]
    indicator = sample.forms[0].indicators[2]
    findings = [
        Finding("F-balance", Severity.ERROR, "结余不符", (CellRef("P01", line.name, "资金结(转)余"),)),
        Finding("F-score", Severity.WARNING, "得分超过分值", (CellRef("P01", indicator.name, "得分"),)),
        Finding("N-x", Severity.INFO, "“职工基本医疗保险缴费7.55万元”", (), "第三部分 六 原文第494行"),
    ]
    page = findings_html(sample, findings)
    assert f'highlight error" id="form-cell-1" data-form="1|{line.name}|资金结（转）余"' in page
    assert 'highlight warning" id="form-cell-2" data-form="1|指标3|得分"' in page
    assert re.search(r'<p id="narrative-6-p\d+" class="finding-paragraph info">', page)
    assert page.count('data-goto="form-cell-1"') == 2  # the item's button and its 定位 link


# ---- the result store and concurrency -------------------------------------------------------


def test_results_expire_and_are_removed_at_shutdown(tmp_path: Path):
    store = ResultStore(ttl_seconds=0, root=tmp_path / "store")
    result = store.create("review", unit="某单位")
    result.write("findings.json", "{}")
    assert store.get(result.token, "build") is None and store.get("../../etc", "review") is None
    assert store.get(result.token, "review") is None  # a time to live of 0: already expired
    assert store.sweep() == 1 and not result.folder.exists()
    app = create_app()
    with TestClient(app) as client:
        client.post("/review", files=upload())
        root = app.state.store.root
        assert any(root.iterdir())
    assert not root.exists()


def test_concurrent_checks_of_different_documents_do_not_mix(sample_path: Path, tmp_path: Path):
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(
        sample_path.read_text(encoding="utf-8").replace(
            "职工基本医疗保险缴费7.55万元", "职工基本医疗保险缴费7.54万元"
        ),
        encoding="utf-8",
    )
    expected = {path: cli_stdout("check", str(path), "--format", "json") for path in (sample_path, corrected)}

    async def run() -> list[tuple[Path, str]]:
        transport = httpx.ASGITransport(app=create_app(Settings(workers=4)))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            paths = [sample_path, corrected] * 4
            answers = await asyncio.gather(*(http.post("/api/check", files=upload(p)) for p in paths))
        return [(p, a.text) for p, a in zip(paths, answers, strict=True)]

    for path, text in asyncio.run(run()):
        assert text == expected[path]
    assert json.loads(expected[corrected])["summary"]["errors"] == 0


# ---- the command ----------------------------------------------------------------------------


def test_serve_is_listed_and_help_imports_no_web_framework():
    import subprocess
    import sys

    code = (
        "import sys; from juesuan.cli import cli\n"
        "try: cli.main(['--help'])\nexcept SystemExit: pass\n"
        "assert 'fastapi' not in sys.modules and 'uvicorn' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "serve" in done.stdout
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert "--max-upload-mb" in result.stdout and "127.0.0.1" in result.stdout


def test_every_serve_option_and_api_route_is_documented():
    from juesuan.cli.serve import serve

    documented = (Path(__file__).parent.parent / "docs" / "web.md").read_text(encoding="utf-8")
    for option in serve.params:
        assert f"`{option.opts[0]}`" in documented, option.opts[0]
    for route in create_app().routes:
        path = getattr(route, "path", "")
        if path.startswith("/api/"):
            assert path.split("{")[0].rstrip("/") in documented, path


def test_serve_refuses_a_missing_database(tmp_path: Path):
    from juesuan.cli import UserError

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, UserError) and "数据库文件不存在" in str(result.exception)


# ---- the corpus -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = pytest.importorskip("juesuan.store", reason="the corpus store (juesuan.store) is missing")
    folder = tmp_path_factory.mktemp("corpus")
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "2024.txt").write_text(text, encoding="utf-8")
    (folder / "2023.txt").write_text(text.replace("2024", "2023"), encoding="utf-8")
    with store.Corpus(folder / "corpus.duckdb") as corpus:
        corpus.ingest([folder / "2024.txt", folder / "2023.txt"])
    with TestClient(create_app(Settings(db=folder / "corpus.duckdb"))) as client:
        yield client


def test_corpus_lists_units_and_years(corpus_client: TestClient):
    home = corpus_client.get("/corpus")
    assert home.status_code == 200 and "2 份决算公开" in home.text
    assert 'href="/corpus/units/%E5%A4%A7' in home.text and "2023、2024" in home.text
    assert "大同市政务服务中心" not in corpus_client.get("/corpus?unit=别的单位").text.split("<h2>单位")[1]
    unit = corpus_client.get("/corpus/units/大同市政务服务中心")
    assert unit.status_code == 200 and unit.text.count("/corpus/disclosures/") == 2 and "<svg" in unit.text
    sha = re.search(r"/corpus/disclosures/([0-9a-f]{64})", unit.text)[1]
    one = corpus_client.get(f"/corpus/disclosures/{sha}")
    assert one.status_code == 200 and "N-amount" in one.text and "30110" in one.text


def test_corpus_compare_views_with_charts_and_json(corpus_client: TestClient):
    page = corpus_client.get("/corpus/compare/running-costs?year=2024")
    assert page.status_code == 200 and '<figure class="chart" id="chart"><svg' in page.text
    answer = corpus_client.get("/api/corpus/compare/running-costs")
    rows = answer.json()["rows"]
    assert [(r["单位"], r["年度"], r["机关运行经费"]) for r in rows] == [
        ("大同市政务服务中心", 2023, "15.57"),
        ("大同市政务服务中心", 2024, "15.57"),
    ]
    assert corpus_client.get("/api/corpus/compare/errors?unit=x' OR 1=1 --").json()["rows"] == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/corpus/compare/nothing", 404),
        ("/corpus/units/没有这个单位", 404),
        ("/corpus/disclosures/../../etc", 404),
        ("/corpus/disclosures/" + "0" * 64, 404),
        ("/corpus/compare/errors?limit=100000", 422),
        ("/corpus?year=abc", 422),
    ],
)
def test_corpus_refusals_are_chinese(corpus_client: TestClient, path: str, status: int):
    assert_refused(corpus_client.get(path), status)


def test_corpus_is_off_without_a_database(client: TestClient):
    assert_refused(client.get("/corpus"), 404, "--db")
    assert_refused(client.get("/api/corpus/compare/errors"), 404, "--db")


def test_the_limit_holds_on_a_real_server_with_and_without_a_length():
    from juesuan.web.local import local_server

    with local_server(Settings(max_upload_bytes=1 * MB)) as url:
        # The answer arrives every time, however far over the limit: the server reads and
        # discards the body it refuses (unread bytes at close would reset the connection).
        for _ in range(10):
            declared = httpx.post(url + "/api/check", files={"file": ("a.txt", b"x" * (20 * MB))})
            assert_refused(declared, 413, "上限为 1 MB")
            streamed = httpx.post(url + "/api/check", content=streamed_upload(20), headers=STREAMED)
            assert_refused(streamed, 413, "上限为 1 MB")
        assert httpx.post(url + "/api/check", files=upload()).status_code == 200  # still serving
