"""单位信息 filled in a web form instead of a YAML editor.

The form's fields are the package's schema (`juesuan.package.schema`: the template's keys, each
with the kind the reader reads it as and the template's help); nothing here lists them again.
What the form holds becomes 单位信息.yaml by filling in the blank template itself (every comment
kept, so the file stays readable and editable by hand), and is checked by the reader the CLI
uses (`juesuan.package.read_info`). The reader stops at the first bad value; to show every bad
value next to its field, the check is run again without each value found bad, until it passes.

Field names are the key paths (``单位/名称``, ``三公经费说明/公务接待费/批次``); the further
entries of a section (功能分类 codes, projects) are columns ``<section>/+0``, ``<section>/+1`` …
repeated once per row; 绩效自评表 is one text field of YAML. An error is keyed by the field name,
by ``<section>/#<row>`` for a row, or by "" for the form as a whole.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest

from juesuan.package.schema import BLOCK, ITEM_LINE, KEY_LINE, Section, fields, schema, template_text

FORM = ""  # the key of an error that belongs to no one field
MAX_ROWS = 200  # further entries per section: a unit has some twenty classes and projects
MAX_ERRORS = 50  # values found bad in one answer (each costs a reading of the whole file)
_ERROR = re.compile(r"^单位信息\.ya?ml 第(\d+)行：(.*)$", re.S)
_PREFIX = re.compile(r"^单位信息\.ya?ml[：:]\s*")
# Stand-ins for a required value found bad, so that the values after it are checked too.
STAND_INS = {"单位/名称": "某单位", "单位/年度": "2000"}


@dataclass
class InfoForm:
    """What the form holds: each field's text as typed, the further rows, the 绩效自评表 YAML."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    block: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what an uploaded file had that the form has not

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def unit(self) -> str:
        return self.value("单位/名称").strip()

    @property
    def year(self) -> int | None:
        year = self.value("单位/年度").strip().removesuffix("年")
        return int(year) if year.isdigit() and len(year) == 4 else None

    @property
    def template(self) -> str:
        return self.value("单位/模板").strip()

    def filled_rows(self, section: str) -> int:
        return sum(1 for row in self.rows.get(section, []) if any(cell.strip() for cell in row))

    def copy(self) -> InfoForm:
        rows = {key: list(found) for key, found in self.rows.items()}
        return InfoForm(dict(self.values), rows, self.block)


def row_key(section: str, row: int) -> str:
    return f"{section}/#{row}"


def column_name(section: str, column: int) -> str:
    return f"{section}/+{column}"


# ---- from a request, from a file ---------------------------------------------------------------


def from_fields(get, get_list) -> InfoForm:
    """The form from submitted fields (`get(name)` → text or None, `get_list(name)` → texts)."""
    found = InfoForm()
    for name in fields():
        value = get(name)
        found.values[name] = value if isinstance(value, str) else ""
    for section in schema():
        if section.more:
            columns = [
                [v if isinstance(v, str) else "" for v in get_list(column_name(section.key, c))]
                for c in range(len(section.more))
            ]
            rows = [tuple(cell or "" for cell in row) for row in zip_longest(*columns)]
            while rows and not any(cell.strip() for cell in rows[-1]):
                rows.pop()  # the blank rows the page offers (it offers them again)
            found.rows[section.key] = rows[:MAX_ROWS]
    block = get(BLOCK)
    found.block = block if isinstance(block, str) else ""
    return found


def from_yaml(data: bytes) -> InfoForm:
    """The form filled from a 单位信息.yaml; what the form has no field for is listed in `notes`.
    A file that is not YAML at all is a SourceError (one Chinese line)."""
    from juesuan.package.files import INFO_FILE
    from juesuan.package.safe_yaml import Mapping, decode, load_yaml
    from juesuan.package.values import key_form

    info = load_yaml(data, INFO_FILE)
    found = InfoForm()
    sections = {key_form(section.key): section for section in schema()}
    for written, value in info.items():
        section = sections.get(key_form(written))
        if section is None:
            found.notes.append(f"“{written}”不是单位信息的项目，未读入")
        elif section.block:
            found.block = _block(decode(data, INFO_FILE))
        elif value is not None and not _blank(value):
            if isinstance(value, Mapping):
                _read_section(found, section, value)
            else:
                found.notes.append(f"“{written}”下应是若干“键: 值”，未读入")
    return found


def _read_section(found: InfoForm, section: Section, values) -> None:
    from juesuan.package.safe_yaml import Mapping
    from juesuan.package.values import key_form

    named = {key_form(f.path[1]): f for f in section.fields if not f.group}
    groups = {key_form(group): group for group, _ in section.groups}
    for written, value in values.items():
        form = key_form(written)
        if form in named:
            found.values[named[form].name] = _text(value, named[form].kind)
        elif form in groups and isinstance(value, Mapping):
            inner = {key_form(f.key): f for f in section.fields if f.group == groups[form]}
            for key, item in value.items():
                if key_form(key) in inner:
                    found.values[inner[key_form(key)].name] = _text(item, inner[key_form(key)].kind)
                else:
                    found.notes.append(f"“{section.key}: {written}”下的“{key}”不是表单中的项目，未读入")
        elif section.more and len(section.more) == 2:
            found.rows.setdefault(section.key, []).append((written, _text(value, "text")))
        elif section.more and isinstance(value, Mapping):
            by_form = {key_form(k): v for k, v in value.items()}
            cells = (_text(by_form.get(key_form(column)), "text") for column in section.more[1:])
            found.rows.setdefault(section.key, []).append((written, *cells))
        else:
            found.notes.append(f"“{section.key}”下的“{written}”不是表单中的项目，未读入")


def _blank(value) -> bool:
    return isinstance(value, str) and not value.strip()


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value).strip()
    if isinstance(value, list):  # a list: its texts one per line
        return "\n".join(str(item).strip() for item in value if isinstance(item, str) and item.strip())
    return ""


def _block(text: str) -> str:
    """The 绩效自评表 part of a 单位信息.yaml as written (the list under the key), "" when it holds
    only the template's blank form."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(rf"^{BLOCK}\s*:", line)), None)
    if start is None:
        return ""
    kept = []
    for line in lines[start + 1 :]:
        if line and not line[0].isspace() and not line.startswith(("-", "#")):
            break  # the next top-level key
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    block = "\n".join(kept)
    return "" if _only_blank_forms(block) else block


def _only_blank_forms(block: str) -> bool:
    from juesuan.package.forms import read_forms
    from juesuan.package.safe_yaml import load_yaml
    from juesuan.sources import SourceError

    try:
        return read_forms(load_yaml(f"{BLOCK}:\n{block}\n".encode(), "绩效自评表"), 2000, "") == ()
    except SourceError:
        return False


# ---- to 单位信息.yaml --------------------------------------------------------------------------


def quoted(text: str) -> str:
    """A text as YAML reads it back exactly: double-quoted with JSON's escapes (YAML's own)."""
    return json.dumps(text, ensure_ascii=False)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def info_yaml(form: InfoForm) -> tuple[str, list[str | None]]:
    """单位信息.yaml: the blank template with the form's values written in, every comment kept;
    and, for each of its lines, the field (or row) it was written from."""
    lines: list[str] = []
    owners: list[str | None] = []
    by_name = fields()
    section: Section | None = None
    sections = {s.key: s for s in schema()}
    stack: list[str] = []
    after: int = 0  # where the section's further entries go: after its last key line
    skipping_items = False

    def add(text: str, owner: str | None) -> None:
        lines.append(text)
        owners.append(owner)

    def close_section() -> None:
        if section is not None and section.more:
            extra, extra_owners = _more_lines(section, form.rows.get(section.key, []))
            lines[after:after] = extra
            owners[after:after] = extra_owners

    for line in template_text().splitlines():
        match = KEY_LINE.match(line)
        if ITEM_LINE.match(line):
            if not skipping_items:
                add(line, owners[-1] if owners else None)
                after = len(lines)
            continue
        if not match or line.lstrip().startswith("#"):
            add(line, None)
            continue
        skipping_items = False
        depth, key = len(match["indent"]) // 2, match["key"].strip()
        stack = [*stack[:depth], key]
        if depth == 0:
            close_section()
            section = sections[key]
            if section.block and _clean(form.block):
                add(line, BLOCK)
                for text in _block_lines(form.block):
                    add(text, BLOCK)
                return _ended(lines, owners)
            add(line, key)
            after = len(lines)
            continue
        name = "/".join(stack)
        found = by_name.get(name)
        value = _clean(form.value(name)) if found else ""
        if found and value and found.kind == "lines":
            add(line, name)
            for item in (part.strip() for part in value.split("\n")):
                if item:
                    add(f"{match['indent']}  - {quoted(item)}", name)
            skipping_items = True
        elif found and value:
            comment = f"  # {match['help']}" if match["help"] else ""
            add(f"{match['indent']}{key}: {quoted(value)}{comment}", name)
        else:
            add(line, name if found else None)
        after = len(lines)
    close_section()
    return _ended(lines, owners)


def _ended(lines: list[str], owners: list[str | None]) -> tuple[str, list[str | None]]:
    return "\n".join(lines) + "\n", owners


def _block_lines(block: str) -> list[str]:
    lines = block.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip().split("\n")
    if lines and re.match(rf"^{BLOCK}\s*:\s*$", lines[0].strip()):
        lines = lines[1:]  # pasted with its key
    return [line.rstrip() for line in lines]


def _more_lines(section: Section, rows: list[tuple[str, ...]]) -> tuple[list[str], list[str | None]]:
    """A section's further entries: ``"201 一般公共服务支出": "…"``, or a project with its 原因 and 措施."""
    lines, owners = [], []
    for number, row in enumerate(rows):
        cells = [_clean(cell) for cell in row]
        if not any(cells) or not cells[0]:
            continue  # a blank row; one without its key is said by `missing_keys`
        owner = row_key(section.key, number)
        if len(section.more) == 2:
            lines.append(f"  {quoted(cells[0])}: {quoted(cells[1] if len(cells) > 1 else '')}")
            owners.append(owner)
            continue
        lines.append(f"  {quoted(cells[0])}:")
        owners.append(owner)
        for column, cell in zip(section.more[1:], cells[1:], strict=False):
            if cell:
                lines.append(f"    {column}: {quoted(cell)}")
                owners.append(owner)
    return lines, owners


def missing_keys(form: InfoForm) -> dict[str, str]:
    """Rows with a value but no key (科目 or 项目名称): nothing the reader could say where."""
    found = {}
    for section in schema():
        for number, row in enumerate(form.rows.get(section.key, [])):
            if not _clean(row[0]) and any(_clean(cell) for cell in row[1:]):
                example = "如 201 一般公共服务支出" if section.more[0] == "科目" else "与绩效自评表一致"
                found[row_key(section.key, number)] = f"请填写{section.more[0]}（{example}）"
    return found


# ---- the check ---------------------------------------------------------------------------------


def check(form: InfoForm) -> dict[str, str]:
    """{field, row or FORM: the reader's Chinese message} for every value the reader refuses.

    The values are checked without 绩效自评表 first (a round per bad value), then once with it:
    the forms are most of the file, and nothing outside them depends on them."""
    errors = missing_keys(form)
    trial = form.copy()
    for key in errors:
        _drop(trial, key)
    block, trial.block = trial.block, ""
    _rounds(trial, errors)
    if block.strip() and FORM not in errors:
        trial.block = block
        _rounds(trial, errors)
    return dict(sorted(errors.items(), key=lambda item: _order(form).get(item[0], -1)))


def _rounds(trial: InfoForm, errors: dict[str, str]) -> None:
    """Read the form's file until the reader takes it, each bad value noted and left out."""
    from juesuan.package import read_info
    from juesuan.sources import SourceError

    for _ in range(len(fields()) + sum(len(r) for r in trial.rows.values()) + 2):
        if len(errors) >= MAX_ERRORS:  # each round reads the whole file again: enough for one answer
            errors.setdefault(FORM, f"错误较多，以上先列出 {MAX_ERRORS} 处，改正后再提交")
            return
        text, owners = info_yaml(trial)
        try:
            read_info(text.encode("utf-8"))
            return
        except SourceError as error:
            owner, message = _place(str(error), owners, text)
        if owner is None or owner in errors:
            errors.setdefault(FORM, message)
            return
        errors[owner] = message
        _drop(trial, owner)


def _order(form: InfoForm) -> dict[str, int]:
    """Each field and row by its place in the form (the whole form's error first)."""
    order: list[str] = []
    for section in schema():
        order += [f.name for f in section.fields]
        order += [row_key(section.key, n) for n in range(len(form.rows.get(section.key, [])))]
        order += [section.key] if section.block else []
    return {name: number for number, name in enumerate(order)}


def _place(message: str, owners: list[str | None], text: str) -> tuple[str | None, str]:
    """The field a reader's message is about, and the message as said beside it."""
    found = _ERROR.match(message)
    if not found:
        return None, _PREFIX.sub("", message)
    line, said = int(found[1]), found[2]
    owner = owners[line - 1] if 0 < line <= len(owners) else None
    if owner == BLOCK:
        start = owners.index(BLOCK)
        return owner, f"第{line - start - 1}行：{said}" if line - 1 > start else said
    return owner, said


def _drop(form: InfoForm, owner: str) -> None:
    """The form without the value found bad (a required one replaced by a stand-in)."""
    if owner == BLOCK:
        form.block = ""
    elif "/#" in owner:
        section, number = owner.split("/#")
        rows = form.rows[section]
        rows[int(number)] = tuple("" for _ in rows[int(number)])
    elif owner in form.values:
        form.values[owner] = STAND_INS.get(owner, "")


def checked_yaml(form: InfoForm) -> bytes | None:
    """单位信息.yaml of the form when the reader takes every value; None (errors in
    `form.errors`) otherwise."""
    form.errors = check(form)
    if form.errors:
        return None
    return info_yaml(form)[0].encode("utf-8")


# ---- the package -------------------------------------------------------------------------------


def package_zip(info: bytes, workbook: bytes, unit: str) -> bytes:
    """The package as `juesuan build` reads it: a zip of its folder (named for the unit)."""
    from juesuan.package.files import INFO_FILE, TABLES_FILE

    folder = unit or "输入包"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/{INFO_FILE}", info)
        archive.writestr(f"{folder}/{TABLES_FILE}", workbook)
    return buffer.getvalue()


def anchors(form: InfoForm) -> dict[str, tuple[str, str]]:
    """{error key: (the id of its place on the page, its name)}, as the form's page numbers them."""
    found = {"workbook": ("workbook-file", "决算表.xlsx")}
    for s, section in enumerate(schema(), 1):
        for i, item in enumerate(section.fields, 1):
            found[item.name] = (f"f{s}-{i}", " · ".join(item.path))
        for r in range(len(form.rows.get(section.key, []))):
            found[row_key(section.key, r)] = (f"row-{s}-{r}", f"{section.key} · 第{r + 1}行")
        if section.block:
            found[section.key] = (f"f{s}-block", section.key)
    return found


def schema_json() -> list[dict]:
    """The schema as the API gives it (`GET /api/info/schema`)."""
    return [
        {
            "key": section.key,
            "help": section.help,
            "fields": [
                {"name": f.name, "kind": f.kind, "help": f.help, "choices": list(f.choices)}
                for f in section.fields
            ],
            "groups": [{"key": key, "help": words} for key, words in section.groups],
            "more": [column_name(section.key, n) + f"（{c}）" for n, c in enumerate(section.more)],
            "more_kind": section.more_kind,
            "block": section.block,
        }
        for section in schema()
    ]
