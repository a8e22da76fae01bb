"""One synthetic disclosure, drawn from one seed: profile → money → tables → forms → facts → narrative."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass

from juesuan.catalogue import standard_glossary
from juesuan.model import Disclosure, Overview, Paragraph, Table
from juesuan.model.facts import Facts
from juesuan.synth.economic import book_basic, draw_economic
from juesuan.synth.facts import draw_facts
from juesuan.synth.forms import draw_form
from juesuan.synth.ledger import Ledger
from juesuan.synth.profile import ADMINISTRATIVE, Profile, draw_profile, duties, organisation
from juesuan.synth.projects import book_other_income, book_projects, draw_projects
from juesuan.synth.public import Statistics, draw_procurement, draw_statistics
from juesuan.synth.summary import appropriation_table, statistics_table, three_public_table, total_table
from juesuan.synth.tables import code_tables, economic_table

YEARS = (2021, 2022, 2023, 2024)


@dataclass(frozen=True)
class Synthetic:
    """A synthetic disclosure with the facts its narrative was written from."""

    disclosure: Disclosure
    facts: Facts
    seed: int


def synthesize(seed: int, year: int | None = None, previous: Disclosure | None = None) -> Synthetic:
    """The disclosure of seed `seed` (the same seed always gives the same disclosure).

    With `previous` (the same seed's disclosure of the year before, see `synthesize_years`): the
    same unit and 概况, this year's money drawn afresh, last year's figures as `previous` printed.
    """
    from juesuan.narrative.write import write_narrative

    rng = random.Random(seed)
    profile = draw_profile(rng)
    year = year or rng.choice(YEARS)
    if previous is not None:
        rng = random.Random(f"{seed}:{year}")  # the unit is the seed's; each year's money its own
    stats = draw_statistics(rng)
    ledger = draw_ledger(rng, profile, stats)
    draw_procurement(rng, stats, ledger.total(lambda flow: flow.spent))
    disclosure = Disclosure(
        unit=profile.unit,
        year=year,
        title=f"{profile.unit}{cover_title(profile, year)}",
        overview=previous.overview if previous else _overview(profile, rng),
        tables=draw_tables(ledger, stats, profile, year),
        narrative=(),
        glossary=tuple(entry.to_term() for entry in standard_glossary()),
        forms=tuple(draw_form(rng, project, profile, year) for project in ledger.projects),
        source_format="synthetic",
    )
    facts = draw_facts(rng, disclosure, profile, stats, previous)
    narrative = write_narrative(disclosure, facts)
    return Synthetic(dataclasses.replace(disclosure, narrative=narrative), facts, seed)


def synthesize_years(seed: int, years: Sequence[int]) -> list[Synthetic]:
    """The same unit's disclosures of consecutive `years`: the first is `synthesize(seed, year)`,
    each later one states as 上年 exactly what the one before printed."""
    series: list[Synthetic] = []
    for year in years:
        previous = series[-1].disclosure if series else None
        series.append(synthesize(seed, year, previous))
    return series


def cover_title(profile: Profile, year: int) -> str:
    kind = "部门" if profile.kind == ADMINISTRATIVE else "单位"
    return f"{year}年度{kind}决算公开"


def draw_ledger(rng: random.Random, profile: Profile, stats: Statistics) -> Ledger:
    actual = {column: value for column, value in stats.three_public.items() if int(column) > 6}
    ledger = Ledger(economic=draw_economic(rng, profile, actual))
    book_basic(ledger, profile)
    ledger.projects = draw_projects(rng, profile)
    book_projects(rng, ledger)
    book_other_income(rng, ledger, profile)
    return ledger


def draw_tables(ledger: Ledger, stats: Statistics, profile: Profile, year: int) -> tuple[Table, ...]:
    unit = profile.unit
    economic = economic_table(ledger.economic, unit, year)
    public_use = economic.figure("公用经费合计", "决算数")
    tables = {
        "01": total_table(ledger, unit, year),
        "04": appropriation_table(ledger, unit, year),
        **code_tables(ledger, unit, year),
        "06": economic,
        "09": three_public_table(stats, unit, year),
        "10": statistics_table(stats, profile, int(public_use.value * 100) if public_use else 0, unit, year),
    }
    return tuple(tables[number] for number in sorted(tables))


def _overview(profile: Profile, rng: random.Random) -> Overview:
    return Overview(_paragraphs(duties(profile, rng)), _paragraphs(organisation(profile, rng)))


def _paragraphs(texts: tuple[str, ...]) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text) for text in texts)
