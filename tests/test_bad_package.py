"""Hostile input packages found by fuzzing: each refused in one Chinese line (a SourceError),
never a crash, a hang or runaway memory."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest

from juesuan.batch import MAX_FOLDER_DEPTH, expand
from juesuan.package.files import package_files
from juesuan.package.safe_yaml import MAX_DEPTH, MAX_TEXT_CHARS, MAX_YAML_BYTES, load_yaml
from juesuan.sources import SourceError

INFO = "单位信息.yaml"


def refused_yaml(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(SourceError) as caught:
        load_yaml(data, INFO)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(INFO)
    assert not any(word in message for word in ("Error", "expected", "found", "while"))
    return message


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    assert "锚点引用" in refused_yaml("\n".join(levels) + "\n")


def test_a_recursive_alias_is_refused():
    assert "第1行：不支持锚点引用" in refused_yaml("a: &a [*a]\n")


def test_deep_nesting_is_refused():
    assert f"嵌套超过 {MAX_DEPTH} 层" in refused_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n")
    block = "".join(" " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 1))
    assert f"第{MAX_DEPTH}行：嵌套超过" in refused_yaml(block)


def test_a_long_text_and_a_large_file_are_refused():
    assert f"上限为 {MAX_TEXT_CHARS} 字" in refused_yaml(
        "单位:\n  名称: " + "大" * (MAX_TEXT_CHARS + 1) + "\n"
    )
    assert "文件过大" in refused_yaml(b"a: " + b"x" * MAX_YAML_BYTES)


def test_a_yaml_error_is_told_in_chinese_with_its_line():
    assert refused_yaml("a: x\nb: [1, 2\n").startswith(f"{INFO} 第")
    assert "第2行：格式有误（" in refused_yaml("a: x\nb: c: d\n")
    assert "控制字符 U+0001" in refused_yaml("a: x\nb: \x01\n")


def zip_with(tmp_path, flags: int, method: int) -> Path:
    """A package zip whose members carry the general-purpose `flags` and compression `method`,
    written into the local and central headers (zipfile would not write them)."""
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in ("决算表.xlsx", INFO):
            zipped.writestr(name, b"x" * 20)
    data = bytearray(archive.read_bytes())
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + at : start + at + 4] = struct.pack("<HH", flags, method)
            start = data.find(signature, start + 4)
    archive.write_bytes(bytes(data))
    return archive


@pytest.mark.parametrize(("flags", "method"), [(0x1, 0), (0, 6)])  # encrypted; imploded
def test_an_encrypted_or_imploded_zip_member_is_refused(tmp_path, flags, method):
    archive = zip_with(tmp_path, flags, method)
    with pytest.raises(SourceError) as caught:
        package_files(archive)
    assert (
        str(caught.value) == "压缩包中的文件已加密或使用了不支持的压缩方式（请不设密码重新压缩）：决算表.xlsx"
    )


def test_a_deep_folder_tree_is_refused_not_recursed(tmp_path):
    folder = tmp_path
    for _ in range(MAX_FOLDER_DEPTH + 1):
        folder = folder / "d"
        folder.mkdir()
    (folder / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SourceError, match=f"超过 {MAX_FOLDER_DEPTH} 层"):
        expand([str(tmp_path)])
    assert expand([str(tmp_path / os.path.join(*["d"] * 10))]) == [folder / "x.txt"]


def test_a_long_unit_name_is_refused(tmp_path):
    from juesuan.package.info import MAX_NAME_CHARS, read_unit

    info = load_yaml(f"单位:\n  名称: {'大' * (MAX_NAME_CHARS + 1)}\n  年度: 2024\n".encode(), INFO)
    with pytest.raises(SourceError, match=f"上限为 {MAX_NAME_CHARS} 字"):
        read_unit(info)
