"""Synthetic disclosures: random but fully consistent, reproducible from a seed.

Disclosure i of a run with seed S is drawn from ``random.Random(S + i)``: a unit (place,
department, 行政单位 or 参公事业单位), its money in exact cents bottom-up (项 → 款 → 类 → totals,
基本/项目, income sources, carry-overs), the ten tables, the 绩效自评表, the `Facts` (last year,
年初预算, reasons) and 第三部分 written from them by `juesuan.narrative.write`. Every one checks with
no error and no warning. Files: layout text (``txt``, read back by the text reader) or any format
of `juesuan.render` (``xlsx``, ``pdf``, ``docx``, ``html``).

Several years of the same units (``years=(2023, 2024)``, ``juesuan synth --years 2023-2024``):
seed i gives one unit and one disclosure per year, each year's 上年 figures exactly what the
year before published (`synthesize_years`), so a corpus holding both can check the later one;
a seed whose unit has the name of an earlier seed's is skipped (`distinct_units`).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

from juesuan.model import Disclosure
from juesuan.synth.build import Synthetic, synthesize, synthesize_years

FORMATS = ("txt", "xlsx", "pdf", "docx", "html")

__all__ = [
    "FORMATS",
    "Synthetic",
    "check_seed",
    "file_bytes",
    "generate",
    "synthesize",
    "synthesize_years",
    "synthetic_disclosures",
    "write_synthetic",
]


def synthetic_disclosures(n: int, seed: int = 0) -> Iterator[Disclosure]:
    """The n disclosures of seed `seed`, drawn one at a time."""
    for index in range(n):
        yield synthesize(seed + index).disclosure


def check_seed(seed: int) -> list[str]:
    """The errors and warnings of the disclosure of `seed`, as text (there should be none)."""
    from juesuan.rules import Severity, run_rules

    findings = run_rules(synthesize(seed).disclosure)
    return [f"种子 {seed}：{finding}" for finding in findings if finding.severity != Severity.INFO]


def file_bytes(disclosure: Disclosure, fmt: str) -> bytes:
    """The disclosure as a file: layout text (UTF-8) or a `juesuan.render` format."""
    if fmt == "txt":
        from juesuan.synth.text import layout_text

        return layout_text(disclosure).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式：{fmt}（可选：{'、'.join(FORMATS)}）")
    from juesuan.render import render

    return render(disclosure, fmt)


def file_stem(synthetic: Synthetic) -> str:
    """``000042-大同市财政局-2024``: the seed first, so a listing sorts in drawing order."""
    return f"{synthetic.seed:06d}-{synthetic.disclosure.unit}-{synthetic.disclosure.year}"


def write_one(seed: int, out: Path, formats: tuple[str, ...], years: tuple[int, ...] = ()) -> list[Path]:
    """Draw seed `seed` (one disclosure per year of `years`, when given) and write each in each
    format into `out`; the paths written."""
    drawn = synthesize_years(seed, years) if years else [synthesize(seed)]
    paths = []
    for synthetic in drawn:
        for fmt in formats:
            path = out / f"{file_stem(synthetic)}.{fmt}"
            path.write_bytes(file_bytes(synthetic.disclosure, fmt))
            paths.append(path)
    return paths


def distinct_units(seed: int, n: int) -> list[int]:
    """The first n seeds from `seed` on whose units have distinct names: two seeds may draw the
    same unit name, and over several years a corpus would take them for one unit."""
    import random

    from juesuan.synth.profile import draw_profile

    chosen, names = [], set()
    candidate = seed
    while len(chosen) < n:
        name = draw_profile(random.Random(candidate)).unit
        if name not in names:
            names.add(name)
            chosen.append(candidate)
        candidate += 1
    return chosen


def write_synthetic(
    n: int,
    out: str | Path,
    seed: int = 0,
    formats: Iterable[str] = ("txt",),
    jobs: int = 1,
    years: Iterable[int] = (),
) -> list[Path]:
    """Write n synthetic disclosures (n units × `years`, when given: n units of distinct names,
    seeds skipped that repeat a name) into the folder `out` (created if needed); the paths written."""
    years = tuple(years)
    formats = tuple(formats)
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"不支持的格式：{'、'.join(unknown)}（可选：{'、'.join(FORMATS)}）")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    seeds = distinct_units(seed, n) if years else range(seed, seed + n)
    if jobs <= 1:
        return [path for s in seeds for path in write_one(s, out, formats, years)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        chunks = max(1, n // (jobs * 8))
        written = pool.map(write_one, seeds, [out] * n, [formats] * n, [years] * n, chunksize=chunks)
        return [path for paths in written for path in paths]


def generate(
    n: int = 1, seed: int = 0, out: str | Path | None = None, formats: Iterable[str] = ("txt",)
) -> list[Disclosure]:
    """n synthetic disclosures (disclosure i from seed + i); with `out`, also written there in the
    given formats. ``juesuan.synth(n, seed, out, formats)`` calls this."""
    if out is not None:
        write_synthetic(n, out, seed=seed, formats=formats)
    return list(synthetic_disclosures(n, seed))


class _CallableModule(types.ModuleType):
    """Lets ``juesuan.synth(3, seed=7)`` call `generate`, although ``juesuan.synth`` is this package."""

    def __call__(self, *args: object, **kwargs: object) -> list[Disclosure]:
        return generate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
