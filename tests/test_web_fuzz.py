"""The web app sent a few hundred hostile uploads (the fuzz generator's cases) while an innocent
upload of the reference sample is checked over and over beside them: no answer is a 5xx, every
refusal is one Chinese line naming no Python exception, no innocent check fails, and afterwards
the server still checks the reference sample exactly as `juesuan check --format json` does.

Real worker processes, the app in this process (TestClient: nothing leaves the machine).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import SAMPLE
from fastapi.testclient import TestClient
from fuzz.generate import Case, cases

from juesuan.web.app import create_app
from juesuan.web.settings import MB, Settings

COUNT = int(os.environ.get("JUESUAN_WEB_FUZZ_COUNT", "200"))
CHINESE = re.compile(r"[\u4e00-\u9fff]")
EXCEPTION_NAME = re.compile(r"[A-Z][a-z]+(Error|Exception|Exit)\b")
# Two workers: hostile uploads two at a time, the innocent one waiting its turn beside them.
SETTINGS = Settings(workers=2, job_seconds=20, job_memory_mb=1024, max_upload_bytes=20 * MB)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS)) as client:
        yield client


def check_sample(client: TestClient) -> tuple[int, dict]:
    answer = client.post("/api/check", files={"file": (SAMPLE.name, SAMPLE.read_bytes())})
    return answer.status_code, answer.json()


def send(client: TestClient, case: Case):
    route = "/api/build" if case.kind == "package" else "/api/check"
    return client.post(route, files={"file": (case.filename, case.data)})


def refusal_problems(case: Case, answer) -> list[str]:
    """What is wrong with the answer to a hostile upload (nothing, when it is fine)."""
    if answer.status_code >= 500:
        return [f"{case.name}: {answer.status_code}"]
    if answer.status_code < 400:
        return []
    detail = answer.json().get("detail", "")
    wrong = []
    if not isinstance(detail, str) or not CHINESE.search(detail) or "\n" in detail:
        wrong.append(f"{case.name}: not one Chinese line: {detail!r}")
    elif EXCEPTION_NAME.search(detail) or "Traceback" in detail:
        wrong.append(f"{case.name}: names an exception: {detail}")
    return wrong


def test_hostile_uploads_beside_an_innocent_one(client: TestClient):
    expected = check_sample(client)  # what /api/check answers equals the CLI's JSON (test_web_api)
    assert expected[0] == 200 and expected[1]["summary"]["errors"] == 1
    hostile = cases(0, COUNT)
    done = threading.Event()
    innocent: list[tuple[int, dict]] = []

    def keep_checking_the_sample() -> None:
        while not done.is_set():
            innocent.append(check_sample(client))

    checker = threading.Thread(target=keep_checking_the_sample)
    checker.start()
    try:
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda case: send(client, case), hostile))
    finally:
        done.set()
        checker.join()

    wrong = [
        problem
        for case, answer in zip(hostile, answers, strict=True)
        for problem in refusal_problems(case, answer)
    ]
    assert wrong == []
    assert innocent and all(answer == expected for answer in innocent)
    assert {answer.status_code for answer in answers} <= {200, 400, 413, 422}
    assert check_sample(client) == expected
