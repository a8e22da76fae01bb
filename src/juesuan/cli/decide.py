"""`juesuan decide FILE N…`: the reviewer's decision on findings, kept in the corpus; and the two
ways `juesuan check` shows decisions: numbered findings with their decisions (``--corpus``) and
what changed since an earlier submission (``--against OLD``).

The numbers are those `juesuan check FILE --corpus DB` prints (the listing's order; see
`juesuan.decisions.text`). A decision is filed by unit, year and what the finding concerns, so it
shows again when a corrected file of the same unit and year is checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from juesuan.cli.reading import limits_options
from juesuan.cli.templates import forced, template_option

VERDICT_NAMES = ("已说明", "不采纳")  # juesuan.decisions.VERDICTS, not imported so --help stays instant


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("numbers", nargs=-1, required=True, type=click.IntRange(min=1))
@click.option(
    "--as", "verdict", type=click.Choice(VERDICT_NAMES), help="处理意见：已说明（单位已作说明）或不采纳"
)
@click.option("--note", default="", help="说明（如“单位已补充说明”）")
@click.option("--clear", is_flag=True, help="撤销这些问题的处理意见")
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False),
    required=True,
    help="保存处理意见的语料库（DuckDB；不存在时新建）",
)
@template_option
@limits_options
def decide(
    file: str,
    numbers: tuple[int, ...],
    verdict: str | None,
    note: str,
    clear: bool,
    corpus: str,
    template_name: str | None,
    seconds: float,
    memory_mb: int,
) -> None:
    """对文件 FILE 的第 NUMBERS 条问题（编号见 juesuan check FILE --corpus 语料库）记录处理意见。

    处理意见按单位、年度和问题所涉内容（单元格，或章节与文字）保存，不按行号：单位修改后重新提交，
    同一单位同一年度的同一问题仍显示原处理意见。同一问题再次标记即替换原意见。

    例：juesuan decide 决算.pdf 3 --as 已说明 --note "单位已补充说明" --corpus 语料库.duckdb
    """
    from juesuan.cli import UserError
    from juesuan.isolation import Limits

    if (verdict is None) == (not clear):
        raise UserError("请用 --as 已说明 或 --as 不采纳 给出处理意见，或用 --clear 撤销（二者选一）")
    disclosure, findings = numbered_findings(file, corpus, template_name, Limits(memory_mb, seconds))
    chosen = pick(findings, numbers)
    from juesuan.cli.corpus import open_corpus
    from juesuan.decisions import DecisionError, Decisions
    from juesuan.decisions.store import identity
    from juesuan.decisions.text import located

    try:
        identity(disclosure)
        with open_corpus(corpus) as store:
            for number, finding in chosen:
                said = mark(Decisions(store), disclosure, finding, verdict, note)
                click.echo(f"[{number}] {finding.rule} {located(finding)}\n    {said}")
    except DecisionError as error:
        raise UserError(str(error)) from None
    click.echo(f"{disclosure.unit} {disclosure.year}年度，语料库：{corpus}", err=True)


def numbered_findings(file: str, corpus: str, template_name: str | None, limits):
    """The disclosure and its findings in listed order, checked as `check FILE --corpus` checks it."""
    from juesuan.cli.check import outside_facts
    from juesuan.cli.reading import read_and_check
    from juesuan.decisions.text import listed
    from juesuan.rules.outside import given

    known = corpus if Path(corpus).is_file() else None
    with forced(template_name), given(outside_facts(None, None, (), None, known)):
        disclosure, _, findings = read_and_check(file, limits)
    return disclosure, listed(findings)


def pick(findings: list, numbers: tuple[int, ...]) -> list[tuple[int, object]]:
    from juesuan.cli import UserError

    beyond = [number for number in numbers if number > len(findings)]
    if beyond:
        raise UserError(
            f"没有第 {beyond[0]} 条问题：本文件共 {len(findings)} 条"
            "（编号见 juesuan check 文件 --corpus 语料库）"
        )
    return [(number, findings[number - 1]) for number in dict.fromkeys(numbers)]


def mark(decisions, disclosure, finding, verdict: str | None, note: str) -> str:
    """Record the verdict on the finding (None: remove its decision); what was done, in words."""
    from juesuan.decisions.text import decision_line

    if verdict is None:
        return "已撤销处理意见" if decisions.forget(disclosure, finding) else "原无处理意见，未改动"
    return "已记录 " + decision_line(decisions.record(disclosure, finding, verdict, note))


def decided_text(disclosure, findings, corpus: str, style) -> str:
    """`check FILE --corpus DB`'s text: the findings numbered, each with its decision if any."""
    from juesuan.decisions.text import numbered_text

    return numbered_text(findings, disclosure, stored_decisions(disclosure, corpus), style)


def stored_decisions(disclosure, corpus: str | None) -> dict:
    """The corpus's decisions for the disclosure's unit and year (read-only; none without a corpus)."""
    if not corpus:
        return {}
    from juesuan.cli.corpus import open_corpus
    from juesuan.decisions import Decisions

    with open_corpus(corpus, read_only=True) as store:
        return Decisions(store).of(disclosure)


def check_against(new: str, old: str, fmt: str, output: str | None, limits, corpus: str | None) -> None:
    """`check NEW --against OLD`: what was fixed, what is new, what remains; exit 1 when NEW has errors."""
    from juesuan.cli import UserError
    from juesuan.cli.output import write_text
    from juesuan.cli.reading import read_and_check
    from juesuan.decisions import changes
    from juesuan.decisions.text import changes_text
    from juesuan.rules.report import summary

    if fmt not in ("text", "json"):
        raise UserError("--against 只支持 text 或 json 格式")
    old_disclosure, _, old_findings = read_and_check(old, limits)
    new_disclosure, _, new_findings = read_and_check(new, limits)
    if (old_disclosure.unit, old_disclosure.year) != (new_disclosure.unit, new_disclosure.year):
        said = f"上次提交为“{old_disclosure.unit}”{old_disclosure.year}年度，本次为“{new_disclosure.unit}”"
        click.echo(f"提示：{said}{new_disclosure.year}年度，不是同一单位同一年度的两次报送", err=True)
    changed = changes(old_findings, new_findings, old_disclosure, new_disclosure)
    decided = stored_decisions(new_disclosure, corpus)
    if fmt == "json":
        write_text(changes_json(changed, new_findings, old_disclosure, new_disclosure, decided), output)
    elif output:
        write_text(changes_text(changed, new_findings, new_disclosure, decided), output)
    else:
        click.echo(changes_text(changed, new_findings, new_disclosure, decided, click.style), nl=False)
    sys.exit(1 if summary(new_findings)["errors"] else 0)


def changes_json(changed, new_findings, old_disclosure, new_disclosure, decided: dict) -> str:
    """The changes as JSON: each finding with its concern, and its decision where NEW has one."""
    import json

    from juesuan.decisions import concern
    from juesuan.rules.report import summary

    def entry(finding, disclosure, decisions: dict) -> dict:
        key = concern(finding, disclosure)
        decision = decisions.get(key)
        shown = {"verdict": decision.verdict, "note": decision.note} if decision else None
        return finding.to_dict() | {"concern": key, "decision": shown}

    document = {
        "fixed": [entry(f, old_disclosure, {}) for f in changed.fixed],
        "new": [entry(f, new_disclosure, decided) for f in changed.new],
        "remaining": [entry(f, new_disclosure, decided) for f in changed.remaining],
        "summary": summary(new_findings),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
