"""单位信息 in a web form (`/build/info`): the fields are the package's schema, a bad value is said
in Chinese beside its field (422), and what the form downloads builds clean with the CLI's code.

The server is real (uvicorn on a free loopback port, `juesuan.web.local.local_server`); the form
is submitted as a browser submits it, its fields read from the page served.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from juesuan.package import read_package
from juesuan.package.schema import fields, schema, template_text
from juesuan.web.info_form import InfoForm, info_yaml

EXAMPLE = Path(__file__).parent.parent / "examples" / "datong-2024"
needs_example = pytest.mark.skipif(not EXAMPLE.is_dir(), reason="examples/datong-2024 is missing")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
TIMEOUT = httpx.Timeout(300.0)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    from juesuan.web.local import local_server
    from juesuan.web.settings import Settings

    with local_server(Settings()) as url:
        yield url


@pytest.fixture(scope="module")
def example_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in EXAMPLE.iterdir():
            archive.writestr(f"datong-2024/{file.name}", file.read_bytes())
    return buffer.getvalue()


class FormFields(HTMLParser):
    """The fields a browser submits from the form with `action`: [(name, value)], in order."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, []
        self.select: str | None = None
        self.textarea: str | None = None
        self.text, self.chosen, self.first = "", None, None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "form":
            self.inside = found.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and found.get("type", "text") in ("text", "hidden") and found.get("name"):
            self.fields.append((found["name"], found.get("value") or ""))
        elif tag == "select":
            self.select, self.chosen, self.first = found["name"], None, None
        elif tag == "option" and self.select:
            self.first = found.get("value", "") if self.first is None else self.first
            if "selected" in found:
                self.chosen = found.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = found["name"], ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            self.fields.append((self.select, self.first if self.chosen is None else self.chosen))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))  # as HTML reads it
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data


def form_fields(page: str, action: str = "/build/info") -> dict[str, list[str]]:
    parser = FormFields(action)
    parser.feed(page)
    found: dict[str, list[str]] = {}
    for name, value in parser.fields:
        found.setdefault(name, []).append(value)
    return found


def field_errors(page: str) -> dict[str, str]:
    """{field name: the message printed beside it} of a page of the form."""
    found = {}
    invalid = r'<div class="(?:field|more-row)[^"]*\binvalid\b[^"]*"[^>]*>(.*?)</div>'
    for block in re.finditer(invalid, page, re.S):
        name = re.search(r'name="([^"]+)"', block[1])[1]
        found[name] = re.search(r'<p class="field-error"[^>]*>(.*?)</p>', block[1], re.S)[1]
    return found


def zip_member(data: bytes, name: str) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive.read(next(n for n in archive.namelist() if n.endswith(name)))


def without_origins(value: object) -> object:
    """A model value with every Origin (the line a value was read from) left out."""
    if dataclasses.is_dataclass(value):
        return {k: without_origins(v) for k, v in vars(value).items() if k != "origin"}
    if isinstance(value, tuple | list):
        return [without_origins(v) for v in value]
    return value


# ---- the schema ---------------------------------------------------------------------------------


def test_the_fields_are_the_templates_keys_as_the_reader_reads_them():
    from juesuan.package import info

    sections = schema()
    assert [s.key for s in sections] == [
        "单位", "概况", "上年决算数", "年初预算数", "主要原因", "主要用于", "三公经费说明",
        "政府采购", "相关信息", "说明", "绩效自评汇总", "绩效自评", "绩效自评表",
    ]  # fmt: skip
    assert set(s.key for s in sections) == set(info.TOP_KEYS)
    found = fields()
    assert len(found) == 66
    assert found["单位/年度"].kind == "year" and found["单位/单位类型"].choices == info.UNIT_KINDS
    assert found["概况/职责"].kind == "lines"
    assert found["上年决算数/三公经费"].help == "财政拨款“三公”经费合计"
    assert found["三公经费说明/公务接待费/国内接待费"].kind == "amount"
    assert found["三公经费说明/公务接待费/批次"].kind == "count"
    assert found["相关信息/车辆"].kind == "count" and found["绩效自评汇总/涉及预算金额"].kind == "amount"
    assert [f.key for f in sections[2].fields] == list(info.MEASURES)
    by_key = {s.key: s for s in sections}
    assert by_key["主要用于"].more == ("科目", "主要用于") and by_key["主要用于"].fields == ()
    assert by_key["绩效自评"].more == ("项目名称", *info.PERFORMANCE_KEYS)
    assert by_key["绩效自评表"].block and by_key["三公经费说明"].group_help("公务接待费") == ""


def test_an_empty_form_writes_the_blank_template_exactly():
    assert info_yaml(InfoForm())[0] == template_text()


# ---- the page -----------------------------------------------------------------------------------


def test_the_form_offers_every_field_of_the_schema(server: str):
    page = httpx.get(
        server + "/build/info", params={"template": "shanghai-2024", "unit": "某某局", "year": "2025"}
    )
    assert page.status_code == 200
    submitted = form_fields(page.text)
    assert [name for name in fields() if name not in submitted] == []
    assert submitted["单位/名称"] == ["某某局"] and submitted["单位/年度"] == ["2025"]
    assert submitted["单位/模板"] == ["shanghai-2024"]
    assert len(submitted["上年决算数/+0"]) == 3 and len(submitted["绩效自评/+2"]) == 3  # blank rows
    assert "绩效自评表" in submitted
    assert (
        '<option value="shanghai-2024" selected>上海市模板（九张表）（shanghai-2024）</option>' in page.text
    )
    assert "财政拨款“三公”经费合计" in page.text  # the template's help beside its field
    home = httpx.get(server + "/")
    assert 'formaction="/build/info"' in home.text
    assert "部门预算" not in page.text + home.text  # a package builds a 决算: no 预算 template offered


def test_a_form_filled_by_hand_downloads_a_package_that_reads_back_exactly(server: str, tmp_path: Path):
    values = {
        "单位/名称": "某某区某某局",
        "单位/年度": "2025",
        "单位/单位类型": "行政单位",
        "单位/模板": "national-2024",
        "概况/职责": "负责本区某某工作。\r\n\r\n承办区委、区政府交办的其他任务。",
        "概况/机构设置": "内设机构3个：办公室、业务科、财务科。",
        "上年决算数/收入总计": "1,134.08",
        "上年决算数/+0": ["201 一般公共服务支出", ""],
        "上年决算数/+1": ["740.76", ""],
        "主要原因/收入总计": "新增项目: 政务大厅改造",  # a colon and a space: written quoted
        "三公经费说明/因公出国（境）费/团组": "2",
        "三公经费说明/因公出国（境）费/主要用于": "#开头的文字",
        "说明/预算绩效管理工作开展情况": "建立了全过程预算绩效管理机制。\n第二段。",
        "绩效自评/+0": ["大厅改造"],
        "绩效自评/+1": ["评估后尾款减少"],
        "绩效自评/+2": ["无此项目"],
        "action": "download",
    }
    answer = httpx.post(server + "/build/info", data=values, timeout=TIMEOUT)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in answer.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert sorted(archive.namelist()) == ["某某区某某局/决算表.xlsx", "某某区某某局/单位信息.yaml"]
    info = zip_member(answer.content, "单位信息.yaml").decode("utf-8")
    assert '  名称: "某某区某某局"  # 单位全称，与公开表一致，如：大同市政务服务中心' in info  # comments kept
    assert '  "201 一般公共服务支出": "740.76"' in info
    (tmp_path / "package.zip").write_bytes(answer.content)
    disclosure, facts, problems = read_package(tmp_path / "package.zip")
    assert (disclosure.unit, disclosure.year, disclosure.template, len(disclosure.tables)) == (
        "某某区某某局", 2025, "national-2024", 10
    )  # fmt: skip
    assert [p.text for p in disclosure.overview.duties] == [
        "（一）负责本区某某工作。",
        "（二）承办区委、区政府交办的其他任务。",
    ]
    assert [p.text for p in disclosure.overview.organisation] == ["内设机构3个：办公室、业务科、财务科。"]
    assert facts.unit_kind == "行政单位"
    assert dict(facts.last_year) == {"收入总计": Decimal("1134.08"), "201": Decimal("740.76")}
    assert dict(facts.reasons) == {"收入总计": "新增项目: 政务大厅改造"}
    assert dict(facts.three_public) == {"出国团组": 2, "因公出国（境）费用途": "#开头的文字"}
    assert dict(facts.notes) == {"预算绩效管理工作开展情况": "建立了全过程预算绩效管理机制。\n第二段。"}
    assert {k: dict(v) for k, v in facts.performance.items()} == {
        "大厅改造": {"原因": "评估后尾款减少", "措施": "无此项目"}
    }
    assert problems == [] and disclosure.forms == ()


def test_bad_values_are_said_in_chinese_beside_their_fields(server: str):
    values = {
        "单位/名称": "某局",
        "单位/年度": "24",
        "单位/单位类型": "其他",
        "上年决算数/收入总计": "abc",
        "上年决算数/+0": ["201", "", "999"],
        "上年决算数/+1": ["1.5x", "3", "2"],
        "三公经费说明/因公出国（境）费/团组": "两个",
        "三公经费说明/公务接待费/批次": "2.5",
        "绩效自评/+0": [""],
        "绩效自评/+1": ["原因"],
        "绩效自评表": "  - 项目名称: A\n    总分: 九十\n",
        "action": "download",
    }
    expected = {
        "单位/年度": "“单位: 年度”应是四位年份（如 2024），见到“24”",
        "单位/单位类型": "“单位类型”应为 行政单位、参照公务员法管理事业单位、事业单位 之一，见到“其他”",
        "上年决算数/收入总计": "“上年决算数: 收入总计”应是数字，见到“abc”",
        "上年决算数/#0": "“上年决算数: 201”应是数字，见到“1.5x”",
        "上年决算数/#1": "请填写科目（如 201 一般公共服务支出）",
        "上年决算数/#2": "“上年决算数”下的“999”既不是可填的项目，"
        "也不是支出功能分类科目（如 201 一般公共服务支出）",
        "三公经费说明/因公出国（境）费/团组": "“因公出国（境）费: 团组”应是数字，见到“两个”",
        "三公经费说明/公务接待费/批次": "“公务接待费: 批次”应是非负整数，见到“2.5”",
        "绩效自评/#0": "请填写项目名称（与绩效自评表一致）",
        "绩效自评表": "第2行：绩效自评表“A”的总分应是数字，见到“九十”",
    }
    page = httpx.post(server + "/build/info", data=values)
    assert page.status_code == 422
    assert "单位信息中有 10 处需要改正，见各项下的说明" in page.text and "Traceback" not in page.text
    assert '<li><a href="#f1-2">单位 · 年度</a></li>' in page.text  # the list at the top leads to each
    assert '<li><a href="#row-3-1">上年决算数 · 第2行</a></li>' in page.text
    assert 'id="row-3-1"' in page.text
    beside = field_errors(page.text)
    rows = {"上年决算数/#0": 0, "上年决算数/#1": 1, "上年决算数/#2": 2}
    for key, message in expected.items():
        if key in rows:  # a row's message under the row: the rows are in order on the page
            continue
        name = "绩效自评/+0" if key == "绩效自评/#0" else key
        assert beside[name] == message, key
    row_messages = re.findall(
        r'<div class="more-row invalid"[^>]*>.*?name="上年决算数/\+0".*?'
        r'<p class="field-error"[^>]*>(.*?)</p>',
        page.text,
        re.S,
    )
    assert row_messages == [expected[key] for key in rows]
    assert 'value="24"' in page.text and ">九十" not in page.text  # what was typed is kept
    assert "总分: 九十" in page.text

    api = httpx.post(server + "/api/info", data=values)
    assert api.status_code == 422
    assert api.json()["errors"] == expected
    assert (
        api.json()["detail"]
        == "单位信息中有 10 处需要改正，见各项下的说明：“单位: 年度”应是四位年份（如 2024），见到“24”"
    )
    assert all(CHINESE.search(message) for message in api.json()["errors"].values())


def test_a_blank_name_is_asked_for_and_the_other_values_still_checked(server: str):
    answer = httpx.post(server + "/api/info", data={"单位/年度": "2025", "政府采购/中小企业合同金额": "十万"})
    assert answer.json()["errors"] == {
        "单位/名称": "请填写“单位: 名称”（单位全称，与公开表一致）",
        "政府采购/中小企业合同金额": "“政府采购: 中小企业合同金额”应是数字，见到“十万”",
    }


@needs_example
def test_a_package_read_into_the_form_downloads_the_same_and_builds_clean(
    server: str, example_zip: bytes, tmp_path: Path, juesuan
):
    from juesuan.build import assemble

    loaded = httpx.post(server + "/build/info/load", files={"file": ("输入包.zip", example_zip)})
    assert loaded.status_code == 200 and "field-error" not in loaded.text
    assert "已读入输入包中的决算表.xlsx" in loaded.text
    submitted = form_fields(loaded.text)
    assert submitted["单位/名称"] == ["大同市政务服务中心"]
    classes = ["201 一般公共服务支出", "208 社会保障和就业支出", "210 卫生健康支出", "221 住房保障支出"]
    assert submitted["上年决算数/+0"] == [*classes, "", ""]  # and two blank rows
    assert submitted["三公经费说明/公务接待费/国内接待主要是"] == ["本单位无公务接待费支出"]
    assert submitted["绩效自评表"][0].startswith("  - 项目名称: J残疾人就业保障金\n")

    answer = httpx.post(server + "/build/info", data={**submitted, "action": "download"}, timeout=TIMEOUT)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    assert zip_member(answer.content, "决算表.xlsx") == (EXAMPLE / "决算表.xlsx").read_bytes()  # the kept one
    package = tmp_path / "filled.zip"
    package.write_bytes(answer.content)

    again, original = assemble(package), assemble(EXAMPLE)
    assert again.facts == original.facts
    assert without_origins(again.disclosure.overview) == without_origins(original.disclosure.overview)
    assert without_origins(again.disclosure.forms) == without_origins(original.disclosure.forms)
    assert [p.text for p in again.disclosure.narrative] == [p.text for p in original.disclosure.narrative]
    assert again.errors == 0

    code, out, err = juesuan("build", package, "-o", tmp_path / "out", "--format", "xlsx")
    assert code == 0, err
    code, out, err = juesuan("check", tmp_path / "out" / "report.xlsx")
    assert code == 0, out + err
    assert "0 个错误" in out + err


@needs_example
def test_the_workbook_uploaded_with_the_form_builds_in_one_step(server: str, example_zip: bytes):
    loaded = httpx.post(server + "/build/info/load", files={"file": ("输入包.zip", example_zip)})
    submitted = form_fields(loaded.text)
    submitted["kept"] = [""]  # not the kept one: the workbook chosen in the form
    submitted["主要原因/机关运行经费"] = ["当年办公经费增加"]
    no_workbook = httpx.post(server + "/build/info", data={**submitted, "action": "build"})
    assert no_workbook.status_code == 422
    assert "生成需要填好的决算表.xlsx：请在此选择文件" in no_workbook.text

    gone = httpx.post(server + "/build/info", data={**submitted, "kept": ["A" * 22], "action": "download"})
    assert gone.status_code == 422  # a kept workbook no longer there is said, never replaced by a blank one
    assert "读入的决算表已过期（保留 30 分钟），请在此重新选择决算表.xlsx" in gone.text

    workbook = {"workbook": ("决算表.xlsx", (EXAMPLE / "决算表.xlsx").read_bytes())}
    built = httpx.post(
        server + "/build/info", data={**submitted, "action": "build"}, files=workbook, timeout=TIMEOUT
    )
    assert built.status_code == 303 and re.fullmatch(r"/build/[\w-]{22}", built.headers["location"])
    page = httpx.get(server + built.headers["location"])
    assert "大同市政务服务中心 2024年度部门决算公开" in page.text and "审核未发现错误" in page.text
    magic = {"pdf": b"%PDF", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "html": b"<!DOCTYPE"}
    for fmt, start in magic.items():
        assert httpx.get(f"{server}{built.headers['location']}/report.{fmt}").content.startswith(start)


def test_a_file_that_is_not_a_package_fills_nothing_and_says_why(server: str):
    answer = httpx.post(server + "/build/info/load", files={"file": ("a.zip", b"PK\x03\x04broken")})
    assert answer.status_code == 422
    assert re.search(r'class="field-error form-error">压缩包已损坏，无法打开：a\.zip</p>', answer.text)
    bad_yaml = httpx.post(
        server + "/build/info/load", files={"file": ("单位信息.yaml", "单位:\n  名称: a: b\n".encode())}
    )
    assert bad_yaml.status_code == 422 and "第2行：格式有误" in bad_yaml.text
    notes = httpx.post(
        server + "/build/info/load",
        files={
            "file": (
                "单位信息.yaml",
                "单位:\n  名称: 某局\n  年度: 2025\n说明:\n  备注: 无\n其他: 1\n".encode(),
            )
        },
    )
    assert notes.status_code == 200
    assert (
        "“说明”下的“备注”不是表单中的项目，未读入" in notes.text
        and "“其他”不是单位信息的项目，未读入" in notes.text
    )
    assert form_fields(notes.text)["单位/名称"] == ["某局"]


def test_the_api_gives_the_schema_and_the_filled_file(server: str):
    described = httpx.get(server + "/api/info/schema").json()
    assert [s["key"] for s in described] == [s.key for s in schema()]
    assert {f["name"] for s in described for f in s["fields"]} == set(fields())
    assert described[2]["more"] == ["上年决算数/+0（科目）", "上年决算数/+1（金额（万元））"]

    answer = httpx.post(
        server + "/api/info", data={"单位/名称": "某局", "单位/年度": "2025", "相关信息/车辆": "3"}
    )
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/yaml; charset=utf-8"
    from juesuan.package import read_info

    read = read_info(answer.content)
    assert (read.unit.name, read.unit.year, dict(read.facts.statistics)) == ("某局", 2025, {"7": Decimal(3)})
    packaged = httpx.post(
        server + "/api/info",
        params={"format": "zip"},
        data={"单位/名称": "某局", "单位/年度": "2025", "单位/模板": "shanghai-2024"},
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(zip_member(packaged.content, "决算表.xlsx")))
    assert len(book.sheetnames) == 9  # the blank workbook of the template chosen
    refused = httpx.post(server + "/api/info", params={"format": "xml"}, data={})
    assert refused.status_code == 422 and refused.json() == {"detail": "请求参数有误：format"}
