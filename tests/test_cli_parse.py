"""`juesuan parse` end to end: the tidy cells of the sample, encodings, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import DATA, SAMPLE


def juesuan(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, input=stdin)


def test_parse_cells_is_the_expected_tidy_csv():
    done = juesuan("parse", str(SAMPLE), "--format", "cells")
    assert done.returncode == 0, done.stderr.decode()
    expected = (DATA / "datong-2024-cells.csv").read_text(encoding="utf-8")
    assert done.stdout.decode("utf-8").splitlines() == expected.splitlines()


def test_gb18030_and_bom_copies_parse_identically(tmp_path: Path):
    text = SAMPLE.read_text(encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    original = juesuan("parse", str(SAMPLE), "--format", "json").stdout
    assert juesuan("parse", str(gb), "--format", "json").stdout == original
    assert juesuan("parse", str(bom), "--format", "json").stdout == original


def test_json_holds_the_whole_model():
    document = json.loads(juesuan("parse", str(SAMPLE), "--format", "json").stdout)
    disclosure = document["disclosure"]
    assert disclosure["unit"] == "大同市政务服务中心"
    assert disclosure["year"] == 2024
    assert len(disclosure["tables"]) == 10
    assert len(disclosure["narrative"]) == 10
    assert len(disclosure["glossary"]) == 12
    assert len(disclosure["forms"]) == 11
    assert len(disclosure["overview"]["duties"]) == 9


def test_output_file_is_written_whole(tmp_path: Path):
    target = tmp_path / "cells.csv"
    done = juesuan("parse", str(SAMPLE), "-o", str(target))
    assert done.returncode == 0
    assert target.read_text(encoding="utf-8") == juesuan("parse", str(SAMPLE)).stdout.decode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["cells.csv"]


def test_bad_input_gets_one_chinese_line_and_exit_code_2(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一封普通的信，不是决算公开。\n", encoding="utf-8")
    heading_only = tmp_path / "heading.txt"
    heading_only.write_text("第二部分\n", encoding="utf-8")
    cases = {
        str(tmp_path / "missing.txt"): "文件不存在",
        str(empty): "文件为空",
        str(binary): "无法识别",
        str(prose): "不是部门决算公开文件",
        str(heading_only): "不是部门决算公开文件",
        str(tmp_path): "文件夹",
    }
    for path, words in cases.items():
        done = juesuan("parse", path)
        message = done.stderr.decode("utf-8")
        assert done.returncode == 2, (path, message)
        assert words in message and message.count("\n") == 1, message
        assert "Traceback" not in message


def test_help_is_instant_because_readers_are_not_imported():
    code = "import sys, juesuan.cli; print(any(m.startswith('juesuan.sources') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"
    assert "parse" in juesuan("--help").stdout.decode("utf-8")


def test_an_output_that_cannot_be_written_gets_one_chinese_line(tmp_path: Path):
    occupied = tmp_path / "a-folder"
    occupied.mkdir()
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    for target, words in ((occupied, "是一个文件夹"), (a_file / "x.csv", "无法写入")):
        done = juesuan("check", str(SAMPLE), "--format", "json", "-o", str(target))
        message = done.stderr.decode("utf-8")
        assert done.returncode == 2 and words in message and "Traceback" not in message, message


def test_usage_mistakes_are_explained_in_chinese():
    cases = {
        ("parse",): "缺少参数：FILE",
        ("parse", "x", "--bogus"): "没有这个选项：--bogus",
        ("frob",): "没有这个命令：frob",
        ("parse", "x", "--format", "zzz"): "可选：cells、json",
    }
    for args, words in cases.items():
        done = juesuan(*args)
        message = done.stderr.decode("utf-8")
        assert done.returncode == 2 and words in message and message.count("\n") == 1, message
