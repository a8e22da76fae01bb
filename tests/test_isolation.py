"""A file that blows up costs that file one line, never the process or the batch: memory and time
ceilings per file, a crash in C code, a bug with --debug, an interrupted build leaving nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from juesuan.isolation import Bug, Limits, isolated
from juesuan.sources import SourceError, read_bytes

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "datong-zwfwzx-2024.txt"
EXAMPLE = Path(__file__).parent.parent / "examples" / "datong-2024"
SMALL = Limits(memory_mb=200, seconds=2)
SUSPECT = "文件可能过于复杂、已损坏或含有恶意内容"
HINT = "请用 juesuan --debug 重新运行，并把输出报告给开发者"


def hog_memory(*args):
    return bytearray(1024 * 1024 * 1024)


def sleep_long(*args):
    time.sleep(30)


def abort(*args):
    os.abort()


def divide_by_zero(*args):
    return 1 / 0


def refuse(*args):
    raise SourceError("文件不是决算公开：x.txt")


# --- the child process and its limits ------------------------------------------------------


def test_the_result_comes_back_from_the_child():
    from juesuan.sources import read_path

    assert isolated(read_path, SAMPLE) == read_path(SAMPLE)


def test_a_refusal_keeps_its_message():
    with pytest.raises(SourceError) as refused:
        isolated(refuse, limits=SMALL)
    assert str(refused.value) == "文件不是决算公开：x.txt"


def test_memory_past_the_ceiling_is_stopped():
    with pytest.raises(SourceError) as stopped:
        isolated(hog_memory, limits=SMALL)
    assert str(stopped.value) == f"处理该文件所需内存超过上限（200 MB），已停止：{SUSPECT}"


def test_time_past_the_ceiling_is_stopped_and_the_child_killed():
    started = time.monotonic()
    with pytest.raises(SourceError) as stopped:
        isolated(sleep_long, limits=SMALL)
    assert str(stopped.value) == f"处理超时（上限 2 秒），已停止：{SUSPECT}"
    assert time.monotonic() - started < 10


def test_an_abort_in_c_code_is_one_line():
    with pytest.raises(SourceError) as stopped:
        isolated(abort, limits=SMALL)
    said = f"处理该文件时程序异常退出，无法读取（{SUSPECT}，或所需内存超过上限 200 MB）"
    assert str(stopped.value) == said


def test_a_bug_carries_its_traceback_for_debug():
    with pytest.raises(Bug) as bug:
        isolated(divide_by_zero, limits=SMALL)
    assert str(bug.value) == "读取文件时程序出错，无法审核（文件内容可能不合常规）"
    assert "ZeroDivisionError" in bug.value.details


# --- the command line ----------------------------------------------------------------------


def test_check_past_its_time_limit_is_exit_2(monkeypatch, run_main):
    monkeypatch.setattr("juesuan.sources.read_path", sleep_long)
    code, said = run_main("check", "--time-limit", "1", str(SAMPLE))
    assert (code, said) == (2, f"错误：处理超时（上限 1 秒），已停止：{SUSPECT}：{SAMPLE}\n")


def test_parse_past_its_memory_limit_is_exit_2(monkeypatch, run_main):
    monkeypatch.setattr("juesuan.sources.read_path", hog_memory)
    code, said = run_main("parse", "--memory-limit", "100", str(SAMPLE))
    assert (code, said) == (2, f"错误：处理该文件所需内存超过上限（100 MB），已停止：{SUSPECT}：{SAMPLE}\n")


def test_a_reader_that_aborts_costs_one_line(monkeypatch, run_main):
    monkeypatch.setattr("juesuan.sources.read_path", abort)
    code, said = run_main("check", str(SAMPLE))
    assert code == 2
    assert said.startswith("错误：处理该文件时程序异常退出，无法读取")
    assert said.count("\n") == 1


def test_debug_prints_the_traceback_after_the_line(monkeypatch, capsys):
    from juesuan.cli import main

    monkeypatch.setattr("juesuan.sources.read_path", divide_by_zero)
    monkeypatch.setattr(sys, "argv", ["juesuan", "--debug", "check", str(SAMPLE)])
    monkeypatch.delenv("JUESUAN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as done:
        main()
    said = capsys.readouterr().err
    assert done.value.code == 2
    assert "Traceback" in said and "ZeroDivisionError" in said
    assert said.endswith(f"错误：读取文件时程序出错，无法审核（文件内容可能不合常规）：{SAMPLE}；{HINT}\n")
    os.environ.pop("JUESUAN_DEBUG", None)


# --- a batch -------------------------------------------------------------------------------


def copies(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / name for name in names]
    for path in paths:
        path.write_bytes(SAMPLE.read_bytes())
    return paths


def aborting_on_bomb(data: bytes, name: str = ""):
    if name == "bomb.txt":
        os.abort()
    return read_bytes(data, name)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_aborts_costs_that_file_not_the_batch(tmp_path, monkeypatch, jobs: int):
    from juesuan.batch import check_files

    monkeypatch.setattr("juesuan.sources.read_bytes", aborting_on_bomb)
    paths = copies(tmp_path, ["a.txt", "bomb.txt", "b.txt"])
    results = list(check_files(paths, jobs=jobs))
    assert [result.errors for result in results] == [1, 0, 1]
    bomb = results[1]
    assert bomb.error == (
        f"处理该文件时程序异常退出，无法读取（{SUSPECT}，或所需内存超过上限 2048 MB）：{paths[1]}"
    )


# --- an interrupted build ------------------------------------------------------------------

TERMINATED = """
import os, signal, sys
import juesuan.build
import juesuan.cli.build
from juesuan.cli import main

module = juesuan.build if sys.argv[3] == "render_formats" else juesuan.cli.build
doing = getattr(module, sys.argv[3])


def terminated_while(*args):
    done = doing(*args)
    os.kill(os.getpid(), signal.SIGTERM)
    return done


setattr(module, sys.argv[3], terminated_while)
sys.argv = ["juesuan", "build", sys.argv[1], "-o", sys.argv[2], "--format", "html"]
main()
"""


def build_terminated_while(doing: str, output: Path) -> subprocess.CompletedProcess:
    """`juesuan build` of the example, sent SIGTERM just after `doing` (a function's name)."""
    command = [sys.executable, "-c", TERMINATED, str(EXAMPLE), str(output), doing]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_a_build_terminated_while_rendering_leaves_nothing(tmp_path):
    done = build_terminated_while("render_formats", tmp_path / "out")
    assert (done.returncode, done.stderr.splitlines()[-1]) == (2, "错误：已中断")
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_build_terminated_while_writing_finishes_the_writing_first(tmp_path):
    done = build_terminated_while("stage", tmp_path / "out")
    assert (done.returncode, done.stderr.splitlines()[-1]) == (2, "错误：已中断")
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["report.html"]
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_sigterm_handler_is_put_back_after_the_command(monkeypatch):
    from juesuan.cli import main

    monkeypatch.setattr(sys, "argv", ["juesuan", "templates"])
    before = signal.getsignal(signal.SIGTERM)
    main()
    assert signal.getsignal(signal.SIGTERM) == before
