"""Crash isolation on the server: a job that runs too long, runs out of memory or kills its
worker costs only its own request; the jobs running beside it finish normally, and the server
goes on checking the reference sample exactly as the command line does.

Real worker processes (spawned by the app's engine), no mocks. The hostile jobs are the
functions below, reached through a route added to the app for the test.
"""

from __future__ import annotations

import os
import re
import resource
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from click.testing import CliRunner
from conftest import SAMPLE
from fastapi import Request
from fastapi.testclient import TestClient

from juesuan.cli import cli
from juesuan.isolation import Limits, crashed_message, out_of_memory_message, too_slow_message
from juesuan.web.app import create_app
from juesuan.web.jobs import run_in_engine
from juesuan.web.settings import Settings

# A fresh worker starts and checks the sample in about 0.5 s, and the job's clock starts only
# once its process is ready; a normal check is nowhere near either limit.
SECONDS = 8  # room for a loaded machine: the memory case must reach its cap before the clock
MEMORY_MB = 400
LIMITS = Limits(memory_mb=MEMORY_MB, seconds=SECONDS)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
EXCEPTION_NAME = re.compile(r"[A-Z][a-z]+(Error|Exception|Exit)\b")


def sleep_past_the_limit(*_: object) -> None:
    time.sleep(60)


def allocate_without_end(*_: object) -> None:
    time.sleep(0.5)  # let the concurrent check get going first
    chunks = []
    for _ in range(128):  # 8 GB of address space at most, untouched (never the machine's memory)
        chunks.append(bytearray(64 * 1024 * 1024))


def exit_like_a_segfault(*_: object) -> None:
    time.sleep(0.5)
    os._exit(139)  # what a segmentation fault in PDFium looks like from outside


def abort_in_c(*_: object) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file
    time.sleep(0.5)
    os.abort()


HOSTILE: dict[str, Callable[..., None]] = {
    "slow": sleep_past_the_limit,
    "memory": allocate_without_end,
    "exit": exit_like_a_segfault,
    "abort": abort_in_c,
}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(Settings(workers=2, job_seconds=SECONDS, job_memory_mb=MEMORY_MB))

    async def hostile(request: Request, kind: str) -> None:
        await run_in_engine(request, HOSTILE[kind])

    app.add_api_route("/api/hostile/{kind}", hostile, methods=["POST"])
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def expected() -> str:
    return CliRunner().invoke(cli, ["check", str(SAMPLE), "--format", "json"]).stdout


def check(client: TestClient) -> httpx.Response:
    return client.post("/api/check", files={"file": (SAMPLE.name, SAMPLE.read_bytes())})


def together(client: TestClient, kind: str) -> tuple[httpx.Response, list[httpx.Response]]:
    """The hostile job, and checks of the sample one after another in the other worker for as
    long as it runs: one of them is in flight when the hostile job is stopped."""
    with ThreadPoolExecutor(1) as thread:
        hostile = thread.submit(client.post, f"/api/hostile/{kind}")
        normal = [check(client)]
        while not hostile.done():
            normal.append(check(client))
        return hostile.result(), normal


def assert_refused(answer: httpx.Response, message: str) -> None:
    assert answer.status_code == 422, answer.text
    detail = answer.json()["detail"]
    assert detail == message and CHINESE.search(detail) and not EXCEPTION_NAME.search(detail)


MESSAGES = {
    "slow": too_slow_message(SECONDS),
    "memory": out_of_memory_message(LIMITS),
    "exit": crashed_message(LIMITS),
    "abort": crashed_message(LIMITS),
}


@pytest.mark.parametrize("kind", MESSAGES)
def test_a_failing_job_costs_only_its_own_request(client: TestClient, expected: str, kind: str):
    started = time.monotonic()
    hostile, normal = together(client, kind)
    assert_refused(hostile, MESSAGES[kind])
    assert [answer.text for answer in normal] == [expected] * len(normal)  # the usual findings
    assert all(answer.status_code == 200 for answer in normal)
    if kind == "slow":
        assert time.monotonic() - started < SECONDS + 5  # stopped at the limit, not at its end
        assert len(normal) > 2
    # Afterwards, with the failed worker replaced, the server checks the sample as before.
    assert [check(client).text for _ in range(3)] == [expected] * 3


def test_every_worker_has_a_memory_limit(client: TestClient):
    assert [check(client).status_code for _ in range(2)] == [200, 200]  # both workers started
    for slot in client.app.state.engine._slots:
        pid = slot.ready().result()
        ceiling, _ = resource.prlimit(pid, resource.RLIMIT_AS)
        assert MEMORY_MB * 1024 * 1024 < ceiling < (MEMORY_MB + 4096) * 1024 * 1024
