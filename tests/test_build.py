"""`juesuan build` and `juesuan init` end to end, and the `build_package` pipeline.

The example unit builds into four files that the checker passes; a table total that disagrees
stops the build before anything is written, unless --force; `init` makes a package that builds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.build import build_package
from juesuan.rules import Severity

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "datong-2024"
REPORTS = ("report.html", "report.pdf", "report.docx", "report.xlsx")


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("built") / "out"
    return juesuan("build", EXAMPLE, "-o", out), out


def test_the_example_builds_into_four_files(built):
    done, out = built
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(REPORTS)
    assert done.stdout.splitlines() == [  # the unit's 十（四） speaks of its self-evaluation alone
        "提示（1）",
        "  N-performance-management 预算绩效管理全过程情况",
        "    第三部分 十（四） 位置不详："
        "预算绩效情况说明未提及绩效目标、运行监控、绩效评价、结果应用或整改的开展情况",
        "共 0 个错误、0 个警告、1 条提示",
    ]
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("name", ["report.xlsx", "report.docx"])
def test_the_checker_finds_no_error_in_the_built_files(built, name):
    done, out = built
    assert done.returncode == 0, done.stderr
    checked = juesuan("check", out / name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "共 0 个错误" in checked.stdout


def test_the_built_workbook_holds_the_samples_cells(built):
    done, out = built
    assert done.returncode == 0, done.stderr
    cells = juesuan("parse", out / "report.xlsx", "--format", "cells")
    expected = (ROOT / "tests" / "data" / "datong-2024-cells.csv").read_text(encoding="utf-8")
    assert cells.stdout.splitlines() == expected.splitlines()


def with_wrong_total(tmp_path: Path) -> Path:
    """The example with 公开02表 合计 本年收入合计 printed as 1200.00 instead of 1126.93."""
    from openpyxl import load_workbook

    folder = tmp_path / "wrong"
    shutil.copytree(EXAMPLE, folder)
    book = load_workbook(folder / "决算表.xlsx")
    sheet = book["公开02表"]
    total = next(row for row in sheet.iter_rows() if row[0].value == "合计")
    first = next(cell for cell in total if isinstance(cell.value, int | float))
    assert first.value == pytest.approx(1126.93)
    first.value = 1200
    book.save(folder / "决算表.xlsx")
    return folder


def test_a_disagreeing_total_stops_the_build_and_nothing_is_written(tmp_path):
    out = tmp_path / "out"
    done = juesuan("build", with_wrong_total(tmp_path), "-o", out)
    assert done.returncode == 1
    assert "T02-sources" in done.stdout or "X01-02-income" in done.stdout
    assert "未生成任何文件" in done.stderr
    assert not out.exists()


def test_force_writes_despite_the_error(tmp_path):
    out = tmp_path / "out"
    done = juesuan("build", with_wrong_total(tmp_path), "-o", out, "--format", "html,xlsx", "--force")
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in out.iterdir()) == ["report.html", "report.xlsx"]
    assert "已按 --force 照常生成" in done.stderr


def test_init_creates_a_package_that_builds(tmp_path):
    package, out = tmp_path / "新单位", tmp_path / "out"
    done = juesuan("init", package, "--unit", "某某局", "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in package.iterdir()) == sorted(["单位信息.yaml", "决算表.xlsx"])
    assert "  名称: 某某局" in (package / "单位信息.yaml").read_text(encoding="utf-8")
    built = juesuan("build", package, "-o", out, "--format", "html", "--force")
    assert built.returncode == 0, built.stderr
    assert "某某局" in (out / "report.html").read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x.txt").write_text("keep me", encoding="utf-8")
    done = juesuan("init", tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("错误：") and "不是空文件夹" in done.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["x.txt"]


def test_an_unknown_format_is_refused(tmp_path):
    done = juesuan("build", EXAMPLE, "-o", tmp_path / "out", "--format", "html,odt")
    assert done.returncode == 2
    assert "不支持的输出格式：odt" in done.stderr


def test_a_failing_renderer_leaves_nothing_written(tmp_path, monkeypatch):
    from juesuan import render
    from juesuan.cli import cli

    def broken(disclosure, fmt):
        if fmt == "xlsx":
            raise RuntimeError("renderer broke")
        return b"<html></html>"

    monkeypatch.setattr(render, "render", broken)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "-o", str(out), "--format", "html,xlsx"])
    assert isinstance(result.exception, RuntimeError)
    assert not out.exists() or not any(out.iterdir())


def test_build_package_gives_disclosure_facts_findings_and_files():
    result = build_package(EXAMPLE, formats=("html",))
    assert result.errors == 0
    assert not [f for f in result.findings if f.severity == Severity.WARNING]
    assert list(result.files) == ["html"] and result.files["html"].lstrip().startswith(b"<!DOCTYPE")
    narrative = result.disclosure.section("六").text
    assert "职工基本医疗保险缴费7.54万元" in narrative  # the table's figure, not the sample's 7.55
    assert len(result.disclosure.glossary) == 12
    assert result.disclosure.table("09").says_no_data


def test_blank_totals_in_the_workbook_are_computed_and_checked(tmp_path):
    """公开05表 with its 合计, 类 and 款 left blank: filled from the 项, each noted. Where the
    exact sum of the rounded 项 differs by rounding from what the other tables print for it
    (2210201 + 2210202 = 15.77 + 1.60 = 17.37 where 公开03表 and 04表 print 17.38 for 住房改革支出),
    the printed figure is used and the note says why: no table contradicts another."""
    from openpyxl import load_workbook

    from juesuan.build import assemble

    folder = tmp_path / "blank"
    shutil.copytree(EXAMPLE, folder)
    book = load_workbook(folder / "决算表.xlsx")
    for row in book["公开05表"].iter_rows():
        key = str(row[0].value or "")
        if key == "合计" or (key.isdigit() and len(key) < 7):
            for cell in row[1:]:
                if isinstance(cell.value, int | float):
                    cell.value = None
    book.save(folder / "决算表.xlsx")
    result = assemble(folder)
    general = result.disclosure.table("05")
    assert [general.figure(row, "1").text for row in ("合计", "208", "221", "22102")] == [
        "1126.92",
        "34.14",
        "17.38",
        "17.38",
    ]
    notes = [f.message for f in result.findings if f.rule == "R-reading"]
    assert "公开05表 合计 第1栏原为空白，已按其下各级科目之和填为 1126.92" in notes
    assert (
        "公开05表 22102 第1栏原为空白，已按第2、3栏之和填为 17.38（按其下各级科目之和为 17.37，"
        "相差 0.01，属各数的尾数误差；取前者，与表中其他数字一致）"
    ) in notes
    assert [f.message for f in result.findings if f.severity != Severity.INFO] == []
