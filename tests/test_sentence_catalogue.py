"""The sentence catalogue of 第三部分 (`narrative/sentences/*.toml`): every sentence the writer writes
is read back by the tracer as the catalogue says, and every example of every wording is traced.

Examples are traced against the reference sample's tables (and a 表4 for the university template):
tracing finds where a figure must come from; whether it agrees is the rules' business.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest
from reads import matches, read_as

from juesuan.model import Disclosure, Paragraph, Section
from juesuan.narrative import catalogue
from juesuan.narrative.trace import Trace, trace_narrative
from juesuan.rules.literals import table_literal
from juesuan.sources import read_path

SAMPLE = Path(__file__).parent / "data" / "datong-zwfwzx-2024.txt"
WRITERS = Path(__file__).parents[1] / "src" / "juesuan" / "narrative"
UNIVERSITY_04 = table_literal(
    "U04",
    {"合计": {"1": "1.00", "2": "1.00", "3": "0.00"}, "2010301": {"1": "1.00", "2": "1.00", "3": "0.00"}},
    {"2010301": "行政运行"},
)


@cache
def reference() -> Disclosure:
    return read_path(SAMPLE)[0]


def in_part(part: str, text: str, template: str = "") -> Disclosure:
    """The reference's tables with `text` as the one paragraph of the part (五（三）: of 五's （三）)."""
    top, sub = (part[: part.index("（")], part[part.index("（") :]) if "（" in part else (part, "")
    paragraphs = (Paragraph(text),)
    if sub:  # a template's own sub-part (广东 2019 一（一）) is titled by the template
        titled = catalogue.parts(template).get(part, {}).get("title") or catalogue.title(part)
        section = Section(top, catalogue.title(top), (), (Section(sub, titled, paragraphs),))
    else:
        section = Section(top, catalogue.title(top), paragraphs)
    tables = reference().tables + ((UNIVERSITY_04,) if template == "moe-university-2024" else ())
    return dataclasses.replace(reference(), narrative=(section,), tables=tables, template=template or None)


def traces_of(part: str, text: str, template: str = "") -> list[Trace]:
    return trace_narrative(in_part(part, text, template))


# the national sentences, and each template's own wording of one (read under that template)
WRITTEN = sorted(
    [*catalogue.written().values(), *catalogue.templates_written()], key=lambda w: (w.template, w.part, w.id)
)


@pytest.mark.parametrize(
    "sentence", WRITTEN, ids=[f"{w.template or 'national'}-{w.part}-{w.id}" for w in WRITTEN]
)
def test_every_written_sentence_is_read_back_as_the_catalogue_says(sentence):
    text = sentence.write(**sentence.values)
    written = f"{sentence.after}，{text}" if sentence.after else text
    traces = traces_of(sentence.part, written, sentence.template)
    assert [read_as(t) for t in traces] == list(sentence.reads) or all(
        matches(expected, trace) for expected, trace in zip(sentence.reads, traces, strict=True)
    ), [read_as(t) for t in traces]


EXAMPLES = catalogue.examples()


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=[f"{e.template or 'national'}-{e.part}-{e.text[:16]}" for e in EXAMPLES]
)
def test_every_example_is_traced_as_the_catalogue_says(example):
    traces = traces_of(example.part, example.text, example.template)
    found = [read_as(t) for t in traces]
    assert len(traces) == len(example.reads), found
    assert all(matches(e, t) for e, t in zip(example.reads, traces, strict=True)), found


def test_every_wording_has_an_example_and_a_known_source_table():
    for key, part in catalogue.parts().items():
        for row in part.get("read", ()):
            assert row.get("example"), (key, row["words"])
            assert re.compile(row["words"])  # a valid pattern
            source = row["source"].removeprefix("zero-with ")
            assert source.startswith("forms:") or re.match(r"^[A-Z]?\d{2}\[", source), row


def test_the_writer_writes_only_catalogue_sentences_and_every_one_is_written():
    """Each ``sentence(part, id …)`` of the writer is in the catalogue, and each catalogue
    sentence is written by some writer (no sentence left in the data that nothing writes): the
    national ones and those a template adds of its own (a template's rewording of a national
    sentence has its id)."""
    code = "".join(path.read_text(encoding="utf-8") for path in WRITERS.glob("write*.py"))
    used = set(re.findall(r'sentence\(\s*"([^"]+)",\s*"([^"]+)"', code))
    used |= {(part, key) for key in re.findall(r'sentence\(part, "([^"]+)"', code) for part in ("二", "三")}
    used |= {("九（二）", key) for key in re.findall(r'used\([^)]*"(reception_used)"\)', code)}
    used |= {("九（二）", "used")}  # _Details.used's default wording
    every = {key for w in catalogue.templates_written() for key in [(w.part, w.id)]}
    assert used == set(catalogue.written()) | every


def test_sections_are_recognised_by_the_catalogues_titles():
    from juesuan.narrative.sections import template_number

    assert template_number("九、财政拨款“三公”经费支出决算情况说明") == "九"
    assert template_number("一、高等学校收支决算总表说明") == "一"
    assert template_number("六、一般公共预算财政拨款基本支出决算情况说明") == "六"
    assert template_number("五、一般公共预算支出决算情况说明") == "五"  # not 三 支出决算
    assert template_number("三、支出决算情况说明") == "三"
    for number, words in catalogue.section_titles():
        assert all(template_number(f"{word}情况说明") == number for word in words), number
