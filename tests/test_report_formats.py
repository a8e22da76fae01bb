"""The reviewer's outputs: findings located as a reviewer reads them, the letter back to the unit
(DOCX), the findings as XLSX and CSV, and a batch's index."""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Origin
from juesuan.rules.findings import cell_origins
from juesuan.rules.report import review
from juesuan.sources import read_path

SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"


def sample_findings():
    disclosure, problems = read_path(SAMPLE)
    return disclosure, review(disclosure, problems)


def test_review_gives_each_finding_its_origin():
    disclosure, findings = sample_findings()
    error = next(f for f in findings if f.rule == "N-amount")
    assert error.origin == Origin(line=494)  # the paragraph of 第三部分 六
    assert cell_origins(disclosure, error) == (disclosure.table("06").figure("30110", "决算数").origin,)
    assert {f.where for f in findings if f.origin is None} == {"文件之外"}  # facts the file cannot show
