"""The two files of an input package, from a folder or a .zip of it (zip bombs refused).

A zip may hold the files at its root or inside one folder (what “compress this folder” makes);
names written by Windows in GBK without the UTF-8 flag are decoded as GBK.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from juesuan.sources import MAX_FILE_BYTES, SourceError, check_zip, limits, os_error_message

TABLES_FILE = "决算表.xlsx"
BUDGET_TABLES_FILE = "预算表.xlsx"  # a budget package's tables (package/budget.py)
TABLES_NAMES = (TABLES_FILE, BUDGET_TABLES_FILE)
INFO_FILE = "单位信息.yaml"
INFO_ALIASES = ("单位信息.yaml", "单位信息.yml")
MAX_ENTRIES = limits.MAX_ENTRIES
_UTF8_FLAG = 0x800


def package_files(path: str | Path) -> dict[str, bytes]:
    """{决算表.xlsx: bytes, 单位信息.yaml: bytes} of the package at `path` (a budget package's
    预算表.xlsx under the key 决算表.xlsx: the tables workbook)."""
    path = Path(path)
    if not path.exists():
        raise SourceError(f"输入包不存在：{path}")
    if path.is_dir():
        return _from_folder(path)
    data = _read_limited(path)
    if not data.startswith(b"PK\x03\x04") and not data.startswith(b"PK\x05\x06"):
        raise SourceError(f"输入包应是一个文件夹或 .zip 压缩包：{path}")
    return _from_zip(data, path.name)


def _from_folder(folder: Path) -> dict[str, bytes]:
    found = {}
    for wanted, names in ((TABLES_FILE, TABLES_NAMES), (INFO_FILE, INFO_ALIASES)):
        file = next((folder / name for name in names if (folder / name).is_file()), None)
        if file is None:
            raise SourceError(f"输入包 {folder} 中缺少“{wanted}”{_present(p.name for p in folder.iterdir())}")
        found[wanted] = _read_limited(file)
    return found


def _read_limited(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise limits.FILE_BYTES.refused(str(path), size, MAX_FILE_BYTES)
        return path.read_bytes()
    except OSError as error:
        raise SourceError(os_error_message(path, error)) from None


def _from_zip(data: bytes, name: str) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = _checked_entries(archive, name)
            return {wanted: _member(archive, entries, wanted, name) for wanted in (TABLES_FILE, INFO_FILE)}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error):
        raise SourceError(f"压缩包已损坏，无法打开：{name}") from None


def _checked_entries(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """{file name inside the package: entry}, after the limits on count, size and ratio."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise limits.PACKAGE_ENTRIES.refused(name, len(infos), MAX_ENTRIES)
    if "[Content_Types].xml" in {info.filename for info in infos}:
        raise SourceError(f"这是一个 Excel 或 Word 文件，不是输入包（文件夹或其 .zip 压缩包）：{name}")
    check_zip(infos, name)
    return _by_package_name(infos, name)


def _by_package_name(infos: list[zipfile.ZipInfo], name: str) -> dict[str, zipfile.ZipInfo]:
    """The entries of the folder holding 决算表.xlsx (the zip's root or one folder), by name."""
    files = [(PurePosixPath(_entry_name(info)), info) for info in infos if not info.is_dir()]
    files = [(path, info) for path, info in files if not _is_noise(path)]
    homes = {path.parts[:-1] for path, _ in files if path.name in TABLES_NAMES}
    if len(homes) > 1:
        listed = "、".join(sorted("/".join(home) or "（根目录）" for home in homes))
        raise SourceError(f"压缩包内有多个“{TABLES_FILE}”（在 {listed}），应只含一个输入包：{name}")
    home = next(iter(homes), ())
    return {path.name: info for path, info in files if path.parts[:-1] == home}


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name: flagged UTF-8; else the raw bytes as UTF-8 (Linux zip), else GB18030 (Windows)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _is_noise(path: PurePosixPath) -> bool:
    """macOS resource forks and hidden files that archivers add."""
    return path.parts[0] == "__MACOSX" or path.name.startswith((".", "~$"))


def _member(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], wanted: str, name: str) -> bytes:
    names = TABLES_NAMES if wanted == TABLES_FILE else INFO_ALIASES
    info = next((entries[n] for n in names if n in entries), None)
    if info is None:
        raise SourceError(f"压缩包 {name} 中缺少“{wanted}”{_present(entries)}")
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except (RuntimeError, NotImplementedError):  # zipfile's words for a password and for e.g. implode
        words = "压缩包中的文件已加密或使用了不支持的压缩方式（请不设密码重新压缩）"
        raise SourceError(f"{words}：{_entry_name(info)}") from None
    if len(data) > MAX_FILE_BYTES:
        said = f"压缩包中的“{wanted}”过大，上限为 {MAX_FILE_BYTES // 1024 // 1024} MB，请只放入填好的输入文件"
        raise SourceError(f"{said}：{name}")
    return data


def _present(names) -> str:
    names = sorted(names)
    return (
        f"（现有：{'、'.join(names[:8])}{' 等' if len(names) > 8 else ''}）" if names else "（文件夹是空的）"
    )
