"""The sentence catalogue of 第三部分: `sentences/*.toml`, read by the writer and the tracer alike.

Each file holds the parts of one section (一, 五（三）, 十（一）…): the title the writer prints and the
words a printed title is recognised by, the wordings the reader recognises (a label pattern → its
source), the rows and columns a label may name, the writer's sentences, and examples, each with
what every number in it is. `tests/test_sentence_catalogue.py` writes every sentence and traces
every example; docs/narrative.md says how to add a wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from juesuan.catalogue.cache import parsed_toml

# the keys of a part that say where its figures come from (the tracer's spec of the part)
READING = ("rows", "columns", "share_base", "budgets", "change_sums", "sums", "involved")


@dataclass(frozen=True)
class Written:
    """A sentence the writer writes: its text with {fields}, values to write it with, and what
    each number of the written sentence is ("amount 01[31,1]", "change ~", "count -")."""

    part: str
    id: str
    text: str
    values: dict
    reads: tuple[str, ...]
    after: str = ""  # what a fragment is read after (比上年度减少… after the amount it changes)
    template: str = ""  # the template whose own wording it is ("" for the national one)

    def write(self, **values: object) -> str:
        return self.text.format(**values)


@dataclass(frozen=True)
class Example:
    """A sentence as documents print it, in a part, read under a template ("" for any)."""

    part: str
    text: str
    reads: tuple[str, ...]
    template: str = ""


@cache
def _files() -> tuple[dict, ...]:
    folder = resources.files("juesuan.narrative").joinpath("sentences")
    found = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".toml")), key=lambda e: e.name
    )
    return tuple(parsed_toml(entry.read_text(encoding="utf-8")) for entry in found)


@cache
def common() -> dict:
    return next(data for data in _files() if "words" in data)


def parts(template: str = "") -> dict[str, dict]:
    """Every part of every section, by key; a template's own parts (`[template."名称".part]`)."""
    return _parts(template)


@cache
def _parts(template: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for data in _files():
        source = data.get("template", {}).get(template, {}) if template else data
        found.update(source.get("part", {}))
    return found


@cache
def reading_specs(template: str = "") -> dict[str, dict]:
    """part key → where its figures come from: `amounts` and `counts` (label pattern → source, in
    the catalogue's order), `rows`, `columns`, `share_base`, `budgets`, `change_sums`, `sums`,
    `involved`. A part that only titles (五, 十) has none, so it takes those of its sub-parts."""
    specs = {}
    for key, part in parts(template).items():
        spec = {name: part[name] for name in READING if name in part}
        for row in part.get("read", ()):
            kind = "counts" if row.get("kind") == "count" else "amounts"
            spec.setdefault(kind, {})[row["words"]] = row["source"]
        if spec:
            specs[key] = spec
    return specs


@cache
def section_titles(template: str = "") -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(the national template's number, words its title contains), in the order they are tried;
    a template's own `titles` for a part replace the national ones."""
    every = (
        {**parts(), **{k: v for k, v in parts(template).items() if "titles" in v}} if template else parts()
    )
    return tuple((number, tuple(every[number]["titles"])) for number in common()["title_order"])


@cache
def other_matters() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The parts of 十 some documents print as sections of their own, with their title words."""
    return tuple(
        (key, tuple(part["titles"]))
        for key, part in parts().items()
        if key.startswith("十（") and "titles" in part
    )


@cache
def written(template: str = "") -> dict[tuple[str, str], Written]:
    """The writer's sentences by (part, id): the national ones, a template's own
    (`[[template."名称".part."…".write]]`) in place of those of the same id."""
    sentences = {}
    for name in ("", template) if template else ("",):
        for key, part in parts(name).items():
            for row in part.get("write", ()):
                reads = tuple(row.get("reads", ()))
                values, after = row.get("values", {}), row.get("after", "")
                sentences[key, row["id"]] = Written(key, row["id"], row["text"], values, reads, after, name)
    return sentences


def templates_written() -> list[Written]:
    """Every template's own sentences (the national ones excluded)."""
    return [w for name in _templates() for w in written(name).values() if w.template]


def sentence(part: str, key: str, /, **values: object) -> str:
    """The writer's sentence `key` of the part, written with the values, in the wording of the
    template in force (the national one unless the template words it its own way)."""
    from juesuan.catalogue.templates import active

    return written(active().name)[part, key].write(**values)


def phrase(key: str, /, **values: object) -> str:
    """One of the phrases every section shares (a change, a share, a reason)."""
    return common()["write"][key].format(**values)


def title(part: str) -> str:
    return parts()[part]["title"]


def examples() -> list[Example]:
    """Every example: those of the parts and of the wordings, national and the templates'."""
    found = []
    for template in ("", *_templates()):
        for key, part in parts(template).items():
            for row in part.get("example", ()):
                found.append(Example(key, row["text"], tuple(row["reads"]), template))
            for row in part.get("read", ()):
                reads = row.get("reads", [f"* {row['source']}"])  # more numbers than its own
                found.append(Example(key, row["example"], tuple(reads), template))
    return found


def _templates() -> list[str]:
    return sorted({name for data in _files() for name in data.get("template", {})})


def words(name: str) -> tuple[str, ...]:
    return tuple(common()["words"][name])


def aliases() -> dict[str, str]:
    return common()["aliases"]
