"""Batch checking: folders, globs, parallel processes, JSON Lines, exit codes, and a Dask cluster."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from juesuan.batch import check_file, check_files, exit_code, expand, totals
from juesuan.synth import write_synthetic


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six clean synthetic disclosures (one in a sub-folder), the sample (one true error), an
    unreadable file and a file of another kind that a folder search skips."""
    root = tmp_path_factory.mktemp("batch")
    write_synthetic(5, root, seed=500)
    write_synthetic(1, root / "sub", seed=600)
    shutil.copy(SAMPLE, root / "sample.txt")
    (root / "broken.txt").write_text("这不是决算公开文件", encoding="utf-8")
    (root / "notes.md").write_text("不审核", encoding="utf-8")
    return root


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_expand_searches_folders_recursively_and_expands_globs(folder: Path):
    found = expand([str(folder)])
    assert len(found) == 8 and folder / "notes.md" not in found
    assert folder / "sub" in {path.parent for path in found}
    assert expand([str(folder / "*.txt")]) == sorted(folder.glob("*.txt"))
    assert len(expand([str(folder / "**" / "*.txt")])) == 8
    assert expand([str(SAMPLE), str(SAMPLE)]) == [SAMPLE]


def test_folder_gives_summary_and_json_lines(folder: Path, tmp_path: Path):
    out = tmp_path / "report.jsonl"
    done = juesuan("check", str(folder), "--jobs", "2", "--format", "jsonl", "-o", str(out))
    assert done.returncode == 1  # the sample's true error
    lines = records(out.read_text(encoding="utf-8"))
    assert len(lines) == 8
    assert set(lines[0]) >= {"path", "sha256", "unit", "year", "summary", "findings"}
    by_name = {Path(line["path"]).name: line for line in lines}
    sample = by_name["sample.txt"]
    assert sample["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert (sample["unit"], sample["year"], sample["summary"]["errors"]) == ("大同市政务服务中心", 2024, 1)
    assert [f["rule"] for f in sample["findings"] if f["severity"] == "error"] == ["N-amount"]
    assert "error" in by_name["broken.txt"] and by_name["broken.txt"]["findings"] == []
    clean = [line for name, line in by_name.items() if name.startswith("000")]
    assert len(clean) == 6 and all(
        line["summary"]["errors"] == line["summary"]["warnings"] == 0 for line in clean
    )


def test_text_summary_table(folder: Path):
    done = juesuan("check", str(folder / "*.txt"))
    summary = done.stdout.decode("utf-8")
    assert done.returncode == 1
    assert "共 7 个文件" in summary and "无法读取" in summary and "有错误" in summary


def test_json_lines_go_to_stdout_and_the_summary_to_stderr(folder: Path):
    done = juesuan("check", str(folder / "sample.txt"), "--format", "jsonl")
    assert len(records(done.stdout.decode("utf-8"))) == 1
    assert "审核汇总" in done.stderr.decode("utf-8")


def test_exit_codes():
    assert exit_code({"files": 3, "files_with_errors": 0, "errors": 0, "warnings": 2, "unreadable": 0}) == 0
    assert exit_code({"files": 3, "files_with_errors": 1, "errors": 4, "warnings": 0, "unreadable": 0}) == 1
    assert exit_code({"files": 3, "files_with_errors": 0, "errors": 0, "warnings": 0, "unreadable": 1}) == 1
    assert exit_code({"files": 2, "files_with_errors": 0, "errors": 0, "warnings": 0, "unreadable": 2}) == 2


def test_every_file_unreadable_exits_2(tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("无关内容", encoding="utf-8")
    done = juesuan("check", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.decode().endswith(
        "错误：2 个文件全部无法读取，未能审核（原因见汇总表或各文件记录的 error）\n"
    )
    assert juesuan("check", str(tmp_path / "nothing-*.xlsx")).returncode == 2


def test_clean_folder_exits_0(folder: Path):
    assert juesuan("check", str(folder / "000*.txt"), str(folder / "sub")).returncode == 0


def test_one_file_keeps_its_own_output(folder: Path):
    single = juesuan("check", str(SAMPLE), "--format", "json")
    assert json.loads(single.stdout)["summary"]["errors"] == 1 and single.returncode == 1
    assert "审核汇总" not in single.stderr.decode("utf-8")


def test_processes_give_the_same_results_as_one_process(folder: Path):
    paths = expand([str(folder)])
    alone = [result.record() for result in check_files(paths)]
    pooled = [result.record() for result in check_files(paths, jobs=2)]
    assert pooled == alone
    assert totals(check_files(paths))["files"] == 8


def test_unreadable_file_is_a_result_not_an_exception(tmp_path: Path):
    result = check_file(tmp_path / "missing.xlsx")
    assert result.unreadable and "missing.xlsx" in result.error


def test_dask_cluster_gives_the_same_findings_as_the_local_run(folder: Path):
    distributed = pytest.importorskip("distributed")
    paths = expand([str(folder)])
    local = [result.record() for result in check_files(paths, jobs=2)]
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_cluster = [result.record() for result in check_files(paths, scheduler=client)]
        by_address = juesuan(
            "check", str(folder), "--scheduler", cluster.scheduler_address, "--format", "jsonl"
        )
    assert on_cluster == local
    assert records(by_address.stdout.decode("utf-8")) == local
