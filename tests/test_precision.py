"""Precision as the producer printed it: a column exported in Excel's General format drops trailing
zeros, so 177 beside 1.894 stands for 177.000, not 177 ± 0.5. The column's figures say so once
(`column_precision`); every reader applies it (`sources.precision.as_printed`), and
the rules see it through each figure's interval.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SAMPLE
from real_documents import REAL, needs_real

from juesuan.model import Figure
from juesuan.model.figures import column_precision
from juesuan.rules import Severity, run_rules
from juesuan.rules.intervals import Interval
from juesuan.rules.literals import disclosure_literal, table_literal
from juesuan.sources import read_bytes
from juesuan.sources.precision import as_printed

TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_ERROR = ("N-amount", "06", "30110", "决算数")


def column(*texts: str) -> list[Figure]:
    return [Figure.parse(text) for text in texts]


@pytest.mark.parametrize(
    ("texts", "places"),
    [
        # the sample's 全年执行数 over its 绩效自评表, as General format prints them
        (("1.894", "13.06", "1.4", "177", "19.5", "71.126", "65.616"), 3),
        (("177", "12.34", "17.70", "0.00"), 2),  # a whole number among figures of two decimals
        (("12.34", "17.70", "0.00"), None),  # two decimals throughout: as printed
        (("177", "25", "50"), None),  # whole numbers throughout: as printed
        (("1.40", "1.894", "177"), None),  # 1.40: neither General nor one fixed format prints it
        ((), None),
    ],
)
def test_the_precision_a_column_implies(texts, places):
    assert column_precision(column(*texts)) == places


def test_a_whole_number_among_figures_of_three_decimals_is_exact_to_three():
    whole, trimmed = (figure.exact_to(3) for figure in column("177", "1.4"))
    assert (whole.text, whole.places, whole.precision) == ("177", 0, 3)
    assert Interval.of(whole) == Interval(Decimal("176.9995"), Decimal("177.0005"), hi_open=True)
    assert Interval.of(trimmed) == Interval(Decimal("1.3995"), Decimal("1.4005"), hi_open=True)
    assert Interval.of(Figure.parse("177")) == Interval(Decimal("176.5"), Decimal("177.5"), hi_open=True)


def test_a_column_printing_two_decimals_throughout_is_read_as_printed():
    table = table_literal("05", {"合计": {"1": "10.00", "2": "7.55"}, "2010301": {"1": "10.00", "2": "7.55"}})
    disclosure = disclosure_literal(table)
    assert as_printed(disclosure) is disclosure


def test_a_whole_number_in_a_column_of_two_decimals_stands_for_two():
    table = table_literal("05", {"合计": {"1": "177"}, "2010301": {"1": "176.99"}, "2010302": {"1": "0.01"}})
    (read,) = as_printed(disclosure_literal(table)).tables
    assert read.figure("合计", "1").interval == (Decimal("176.995"), Decimal("177.005"))
    assert read.figure("2010301", "1").implied_places is None  # printed at the column's precision


@pytest.fixture
def as_printed_only(monkeypatch):
    """The readers without the inference: every figure stands for the decimals it prints."""
    monkeypatch.setattr("juesuan.sources.precision.as_printed", lambda disclosure: disclosure)


def involved_funds(text: str) -> str:
    said = "涉及资金553.86万元"
    assert said in text
    return text.replace(said, "涉及资金554.23万元")


def errors(disclosure) -> list[tuple]:
    return [f.as_tuple() for f in run_rules(disclosure) if f.severity == Severity.ERROR]


def test_involved_funds_against_executed_amounts_printed_in_general_format(monkeypatch):
    """十（四） says 涉及资金554.23万元; the forms' 全年执行数 (1.894, 13.06, 4.04, 1.4, 177, 19.5,
    48.8, 102.02, 49.4, 71.126, 65.616) sum to 553.856, each exact to three decimals: an error.
    Read as printed, 177 ± 0.5 and four figures ± 0.05 let 554.23 pass."""
    text = involved_funds(TEXT).encode("utf-8")
    disclosure, _ = read_bytes(text, "x.txt")
    assert errors(disclosure) == [SAMPLE_ERROR, ("N-amount", "", "", "")]
    found = [f for f in run_rules(disclosure) if f.severity == Severity.ERROR][1]
    assert found.message == "“涉及资金554.23万元”与各绩效自评表全年执行数合计 553.856不符，差 0.374"
    with monkeypatch.context() as without:
        without.setattr("juesuan.sources.precision.as_printed", lambda disclosure: disclosure)
        raw, _ = read_bytes(text, "x.txt")
    assert errors(raw) == [SAMPLE_ERROR]


def test_the_sample_reads_its_forms_to_three_decimals_and_keeps_its_one_error(monkeypatch):
    disclosure, _ = read_bytes(TEXT.encode("utf-8"), "x.txt")
    with monkeypatch.context() as without:
        without.setattr("juesuan.sources.precision.as_printed", lambda disclosure: disclosure)
        raw, _ = read_bytes(TEXT.encode("utf-8"), "x.txt")
    executed = [form.total_funding.executed for form in disclosure.forms]
    assert {figure.precision for figure in executed} == {3}
    changed = [table.number for table, old in zip(disclosure.tables, raw.tables, strict=True) if table != old]
    assert changed == ["10"]  # its 统计数: vehicle counts among amounts of two decimals
    assert errors(disclosure) == errors(raw) == [SAMPLE_ERROR]
    assert run_rules(disclosure) == run_rules(raw)


REAL_DOCUMENTS = [
    "central-guojiaxinfangju-2024.pdf",
    "chongqing-swu-2024.pdf",
    "guangdong-foshan-guidaojiaotong-2019.pdf",
    "shanghai-putuo-guihuaziyuan-2024.pdf",
    "shanghai-putuo-shehuigongzuobu-2024.pdf",
]


@needs_real
@pytest.mark.parametrize("name", REAL_DOCUMENTS)
def test_the_real_documents_print_their_tables_at_one_precision_a_column(name, as_printed_only):
    """Their tables print two decimals throughout (0.00 for nothing), and they carry no forms the
    reader reads: nothing to infer, every finding as before (tests/test_real_*.py list them)."""
    raw, _ = read_bytes((REAL / name).read_bytes(), name)
    assert raw.tables and as_printed(raw) is raw
