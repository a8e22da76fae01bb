"""The cache of parsed TOML data (`catalogue.cache`): the same result as tomllib, cold and warm;
a changed file read anew; a cache folder that cannot be written, or a damaged entry, passed over."""

from __future__ import annotations

import datetime
import os
import tomllib
from pathlib import Path

import pytest

from juesuan.catalogue import cache
from juesuan.catalogue.cache import cache_folder, parsed_toml
from juesuan.catalogue.templates import templates

SOURCE = Path(cache.__file__).resolve().parents[1]  # src/juesuan
PACKAGED = sorted(SOURCE.rglob("*.toml"))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return cache_folder()


def test_the_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "juesuan" / "toml"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "juesuan" / "toml"


def test_every_packaged_file_reads_as_tomllib_reads_it_cold_and_warm(folder: Path) -> None:
    assert len(PACKAGED) >= 30  # the templates, the tables, the sentence catalogue, the layouts
    for path in PACKAGED:
        text = path.read_text(encoding="utf-8")
        expected = tomllib.loads(text)
        cold = parsed_toml(text)
        warm = parsed_toml(text)
        assert cold == expected, path.name
        assert warm == expected, path.name
        assert repr(warm) == repr(expected), path.name  # the same types and key order
    assert len(list(folder.glob("*.marshal"))) == len({p.read_bytes() for p in PACKAGED})
    assert not list(folder.glob("*.tmp"))


def test_templates_built_from_the_cache_are_those_built_from_the_files(folder: Path) -> None:
    cold = templates.__wrapped__()
    assert any(folder.glob("*.marshal"))
    warm = templates.__wrapped__()
    assert list(warm) == list(cold)
    assert warm == cold


def test_a_changed_file_is_read_anew_with_its_size_and_time_unchanged(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "template.toml"
    data.write_text('title = "上海市"\nyears = [2019, 2024]\n', encoding="utf-8")
    stamp = data.stat().st_mtime_ns
    assert parsed_toml(data.read_text(encoding="utf-8")) == {"title": "上海市", "years": [2019, 2024]}
    assert parsed_toml(data.read_text(encoding="utf-8")) == {"title": "上海市", "years": [2019, 2024]}
    data.write_text('title = "江苏省"\nyears = [2017, 2026]\n', encoding="utf-8")  # same size
    os.utime(data, ns=(stamp, stamp))
    assert parsed_toml(data.read_text(encoding="utf-8")) == {"title": "江苏省", "years": [2017, 2026]}
    assert len(list(folder.glob("*.marshal"))) == 2


def test_an_unwritable_cache_folder_is_passed_over(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")  # a file where the folder would be: no one can write there
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert parsed_toml('a = 1\n[b]\nc = "d"\n') == {"a": 1, "b": {"c": "d"}}
    assert parsed_toml('a = 1\n[b]\nc = "d"\n') == {"a": 1, "b": {"c": "d"}}
    assert blocker.read_text(encoding="utf-8") == ""
    unwritable = templates.__wrapped__()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert unwritable == templates.__wrapped__()


def test_a_damaged_entry_is_parsed_anew_and_replaced(folder: Path) -> None:
    assert parsed_toml("a = [1, 2]\n") == {"a": [1, 2]}
    (entry,) = folder.glob("*.marshal")
    entry.write_bytes(entry.read_bytes()[:5])
    assert parsed_toml("a = [1, 2]\n") == {"a": [1, 2]}
    entry.write_bytes(b"")
    assert parsed_toml("a = [1, 2]\n") == {"a": [1, 2]}
    assert parsed_toml("a = [1, 2]\n") == {"a": [1, 2]}
    assert entry.stat().st_size > 5


def test_a_value_marshal_cannot_hold_is_parsed_every_time(folder: Path) -> None:
    assert parsed_toml("day = 2024-12-31\n") == {"day": datetime.date(2024, 12, 31)}
    assert not folder.exists() or not any(folder.iterdir())
