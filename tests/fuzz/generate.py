"""Hostile inputs, made from a seed: mutated copies of the reference disclosure, hand-written and
byte-mutated PDFs, Word and Excel files with poisoned XML or zip structure, input packages with YAML
bombs and broken workbooks, random bytes, and folders that are too deep or too wide for a batch.

`cases(seed)` is the full set (more than 1,500); `cases(seed, count=N)` is a subset of N spread over
every kind and family, each case identical to the one of the same name in the full set. The same
seed always gives the same bytes (the example package's built PDF, Word and Excel files are made once
with `juesuan build` and cached; real PDFs are used when /work/shared/samples/real exists).

Run `python -m tests.fuzz.generate --list` to see the families and how many cases each makes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "data" / "datong-zwfwzx-2024.txt"
EXAMPLE = ROOT / "examples" / "datong-2024"
REAL = Path(os.environ.get("JUESUAN_REAL_SAMPLES", "/work/shared/samples/real"))
KINDS = ("text", "pdf", "docx", "xlsx", "package", "other")
# A zip member named to climb out of wherever it is unpacked: the runner looks for this name outside.
ESCAPE_NAME = "juesuan-fuzz-escaped.txt"
TABLES_FILE = "决算表.xlsx"
INFO_FILE = "单位信息.yaml"


@dataclass(frozen=True)
class Case:
    name: str  # kind/family/index-label, unique and stable for a seed
    kind: str  # one of KINDS
    data: bytes
    filename: str  # the name to save it under (its extension matters to the readers)


# --------------------------------------------------------------------------------------------------
# The families. Each makes `quota` cases in the full set; case i of a family is made from its own
# random generator seeded by (seed, family, i), so a subset holds exactly the full set's cases.

Maker = Callable[[random.Random, int], tuple[str, bytes, str]]  # (label, data, filename)


@dataclass(frozen=True)
class Family:
    kind: str
    name: str
    quota: int
    make: Maker


FAMILIES: list[Family] = []


def family(kind: str, quota: int) -> Callable[[Maker], Maker]:
    def register(make: Maker) -> Maker:
        FAMILIES.append(Family(kind, make.__name__.removeprefix("_"), quota, make))
        return make

    return register


def fixed(kind: str, name: str, variants: list[tuple[str, Callable[[random.Random], tuple[bytes, str]]]]):
    """A family of named, hand-written variants (the random generator is theirs to use or not)."""

    def make(rng: random.Random, index: int) -> tuple[str, bytes, str]:
        label, build = variants[index]
        data, filename = build(rng)
        return label, data, filename

    FAMILIES.append(Family(kind, name, len(variants), make))


def cases(seed: int = 0, count: int | None = None) -> list[Case]:
    """The hostile inputs for `seed`: all of them (count=None, at least 1,500) or N spread evenly
    over every kind and family."""
    plan = _plan(count)
    made = []
    for each in FAMILIES:
        for index in plan.get(each.name, ()):
            rng = random.Random(f"{seed}:{each.kind}:{each.name}:{index}")
            label, data, filename = each.make(rng, index)
            made.append(
                Case(f"{each.kind}/{each.name}/{index:04d}-{_slug(label)}", each.kind, data, filename)
            )
    return made


def _plan(count: int | None) -> dict[str, list[int]]:
    """{family: indices}: every index, or a share of `count` proportional to the family's size (at
    least one each while there are enough), indices spread evenly over the family."""
    if count is None:
        return {each.name: list(range(each.quota)) for each in FAMILIES}
    total = sum(each.quota for each in FAMILIES)
    shares = {each.name: 0 for each in FAMILIES}
    # first one per family (round-robin over kinds so a small count still sees every kind) …
    by_kind = {kind: [f for f in FAMILIES if f.kind == kind] for kind in KINDS}
    left = count
    for position in range(max(len(v) for v in by_kind.values())):
        for kind in KINDS:
            if left and position < len(by_kind[kind]):
                shares[by_kind[kind][position].name] += 1
                left -= 1
    # … then the rest in proportion to the families' sizes
    if left:
        wanted = {f.name: f.quota * count / total for f in FAMILIES}
        while left:
            name = max(shares, key=lambda n: (wanted[n] - shares[n], n))
            quota = next(f.quota for f in FAMILIES if f.name == name)
            if shares[name] >= quota:
                wanted[name] = -1.0
                if all(w < 0 for w in wanted.values()):
                    break
                continue
            shares[name] += 1
            left -= 1
    plan = {}
    for each in FAMILIES:
        n = min(shares[each.name], each.quota)
        if n:
            plan[each.name] = sorted({round(i * (each.quota - 1) / max(n - 1, 1)) for i in range(n)})
    return plan


def _slug(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.+-]+", "_", label)[:60] or "x"


# --------------------------------------------------------------------------------------------------
# Shared material: the reference text, the example package and what `juesuan build` makes of it.


@functools.cache
def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@functools.cache
def example_yaml() -> str:
    return (EXAMPLE / INFO_FILE).read_text(encoding="utf-8")


@functools.cache
def example_workbook() -> bytes:
    return (EXAMPLE / TABLES_FILE).read_bytes()


def cache_dir() -> Path:
    return Path(os.environ.get("JUESUAN_FUZZ_CACHE") or Path(tempfile.gettempdir()) / "juesuan-fuzz-cache")


@functools.cache
def built() -> dict[str, bytes]:
    """{"pdf"|"docx"|"xlsx": bytes} of the example package built by `juesuan build`, cached on disk
    under a key of the package's content; {} when it cannot be built."""
    key = hashlib.sha256(example_workbook() + example_yaml().encode()).hexdigest()[:16]
    folder = cache_dir() / f"example-{key}"
    names = {kind: folder / f"report.{kind}" for kind in ("pdf", "docx", "xlsx")}
    if not all(path.is_file() for path in names.values()):
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="building-", dir=folder.parent))
        try:
            command = [sys.executable, "-m", "juesuan", "build", str(EXAMPLE), "-o", str(work / "out")]
            done = subprocess.run(
                [*command, "--format", "pdf,docx,xlsx"], capture_output=True, timeout=600, check=False
            )
            if done.returncode != 0:
                return {}
            with contextlib.suppress(OSError):  # another process cached it first
                (work / "out").rename(folder)
        except (OSError, subprocess.TimeoutExpired):
            return {}
        finally:
            shutil.rmtree(work, ignore_errors=True)
    try:
        return {kind: path.read_bytes() for kind, path in names.items()}
    except OSError:
        return {}


@functools.cache
def real_pdfs() -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of the real disclosures (决算) and budgets (预算) on this machine, if any."""
    if not REAL.is_dir():
        return ()
    found = sorted(REAL.glob("*.pdf")) + sorted((REAL / "budget").glob("*.pdf"))[:4]
    out = []
    for path in found:
        try:
            out.append((path.name, path.read_bytes()))
        except OSError:
            continue
    return tuple(out)


def base_pdf() -> bytes:
    return built().get("pdf") or minimal_pdf()


def base_docx() -> bytes:
    return built().get("docx") or _python_docx()


def base_xlsx(rng: random.Random) -> tuple[bytes, str]:
    """Either the input package's workbook or the built report's, at random."""
    report = built().get("xlsx")
    if report and rng.random() < 0.5:
        return report, "report"
    return example_workbook(), "package"


def _python_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("收入支出决算总表")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}.{c}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# Byte-level mutations, shared by every binary kind.


def mutate_bytes(rng: random.Random, data: bytes, rounds: int | None = None) -> tuple[str, bytes]:
    """`data` changed by 1-4 random byte-level operations; (what was done, result)."""
    buf = bytearray(data)
    done = []
    for _ in range(rounds or rng.randint(1, 4)):
        op = rng.choice(("flip", "chunk", "delete", "duplicate", "insert", "truncate", "swap", "zero"))
        n = len(buf)
        if n < 2:
            buf += rng.randbytes(16)
            continue
        at = rng.randrange(n)
        size = min(n - at, rng.choice((1, 8, 64, 512, 4096, 65536)))
        if op == "flip":
            for _ in range(rng.randint(1, 64)):
                buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == "chunk":
            buf[at : at + size] = rng.randbytes(size)
        elif op == "delete":
            del buf[at : at + size]
        elif op == "duplicate":
            buf[at:at] = buf[at : at + size] * rng.randint(1, 20)
        elif op == "insert":
            buf[at:at] = rng.choice((b"\x00" * size, rng.randbytes(size), b"\xff" * size))
        elif op == "truncate":
            del buf[at:]
        elif op == "swap":
            other = rng.randrange(n)
            a, b = sorted((at, other))
            size = min(size, b - a, n - b)
            buf[a : a + size], buf[b : b + size] = buf[b : b + size], buf[a : a + size]
        elif op == "zero":
            buf[at : at + size] = bytes(size)
        done.append(op)
    return "+".join(done) or "grow", bytes(buf)


@functools.cache
def deflated(pattern: bytes, total: int) -> bytes:
    """`pattern` repeated to `total` bytes, deflated (a zlib stream): a decompression bomb."""
    packer = zlib.compressobj(9)
    chunk = pattern * (8 * 1024 * 1024 // len(pattern))
    parts, made = [], 0
    while made < total:
        piece = chunk[: total - made]
        parts.append(packer.compress(piece))
        made += len(piece)
    parts.append(packer.flush())
    return b"".join(parts)


# --------------------------------------------------------------------------------------------------
# Zip files: rebuilt with parts replaced, and patched at the byte level.


def rezip(
    data: bytes,
    replace: dict[str, bytes | None] | None = None,
    add: list[tuple[str | zipfile.ZipInfo, bytes]] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The zip with members replaced (None: removed) and members added (duplicates allowed)."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression) as target,
    ):
        warnings.simplefilter("ignore")
        for info in source.infolist():
            if info.filename in replace:
                if replace[info.filename] is None:
                    continue
                target.writestr(stamped(info.filename, compression), replace[info.filename])
            else:
                target.writestr(stamped(info.filename, compression), source.read(info))
        for name, content in add or ():
            target.writestr(stamped(name, compression) if isinstance(name, str) else name, content)
    return out.getvalue()


def stamped(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A member's header with a fixed date, so the same seed makes the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = compression
    return info


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def patch_member(
    data: bytes, name: str, *, flags: int = 0, method: int | None = None, size: int | None = None
) -> bytes:
    """The zip with one member's header fields changed in both its local and central headers: flag
    bits or'ed in (1: encrypted), the compression method, the uncompressed size (a lie)."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset

    def patch(at: int, flag_at: int, method_at: int, size_at: int) -> None:
        old = struct.unpack_from("<H", buf, at + flag_at)[0]
        struct.pack_into("<H", buf, at + flag_at, old | flags)
        if method is not None:
            struct.pack_into("<H", buf, at + method_at, method)
        if size is not None:
            struct.pack_into("<I", buf, at + size_at, size)

    patch(local, 6, 8, 22)
    end = buf.rfind(b"PK\x05\x06")
    entries, start = struct.unpack_from("<H", buf, end + 10)[0], struct.unpack_from("<I", buf, end + 16)[0]
    at = start
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", buf, at + 28)
        raw = bytes(buf[at + 46 : at + 46 + name_len])
        if raw.decode("utf-8", "replace") == name or raw.decode("cp437", "replace") == name:
            patch(at, 8, 10, 24)
        at += 46 + name_len + extra_len + comment_len
    return bytes(buf)


def main_part(data: bytes) -> str:
    """The part a zip-level mutation targets: the Word body, the first sheet, or the YAML."""
    listed = names(data)
    for wanted in ("word/document.xml", "xl/worksheets/sheet1.xml", INFO_FILE, TABLES_FILE):
        if wanted in listed:
            return wanted
    return listed[0]


def zip_variants(
    base: Callable[[], bytes], ext: str
) -> list[tuple[str, Callable[[random.Random], tuple[bytes, str]]]]:
    """Zip-structure attacks on an Office file or a package (made from `base()` when asked for)."""

    def v(make: Callable[[random.Random, bytes, str], bytes]):
        def build(rng: random.Random) -> tuple[bytes, str]:
            data = base()
            return make(rng, data, main_part(data)), ext

        return build

    return [
        # an honest but huge member (1 GB of zeros deflates to about 1 MB)
        ("zip-bomb", v(lambda rng, d, t: _bomb_zip(d))),
        # the member says it is small; its stream inflates to 1 GB
        (
            "lying-size-bomb",
            v(
                lambda rng, d, t: patch_member(
                    _raw_deflate_member(d, t, deflated(b"<", 1 << 30), 1 << 30), t, size=len(member(d, t))
                )
            ),
        ),
        ("encrypted-member", v(lambda rng, d, t: patch_member(d, t, flags=1))),
        ("encrypted-all", v(lambda rng, d, t: _patch_all(d, flags=1))),
        ("imploded-member", v(lambda rng, d, t: patch_member(d, t, method=6))),
        ("aes-member", v(lambda rng, d, t: patch_member(d, t, method=99))),
        ("zstd-member", v(lambda rng, d, t: patch_member(d, t, method=93))),
        ("bzip2-all", v(lambda rng, d, t: rezip(d, compression=zipfile.ZIP_BZIP2))),
        ("lzma-all", v(lambda rng, d, t: rezip(d, compression=zipfile.ZIP_LZMA))),
        ("stored-all", v(lambda rng, d, t: rezip(d, compression=zipfile.ZIP_STORED))),
        ("missing-main", v(lambda rng, d, t: rezip(d, {t: None}))),
        ("missing-content-types", v(lambda rng, d, t: rezip(d, {"[Content_Types].xml": None}))),
        ("missing-rels", v(lambda rng, d, t: rezip(d, {"_rels/.rels": None}))),
        ("only-content-types", v(lambda rng, d, t: _only(d, "[Content_Types].xml"))),
        ("empty-zip", v(lambda rng, d, t: _empty_zip())),
        ("duplicate-main", v(lambda rng, d, t: rezip(d, add=[(t, b"<x>not the first</x>")]))),
        ("duplicate-all", v(lambda rng, d, t: rezip(d, add=[(n, b"\x00garbage") for n in names(d)]))),
        ("traversal-names", v(lambda rng, d, t: rezip(d, add=_escapes()))),
        ("traversal-main", v(lambda rng, d, t: _rename(d, t, f"../../{t}"))),
        (
            "many-members",
            v(
                lambda rng, d, t: rezip(
                    d, add=[(f"x/{i}.xml", b"") for i in range(100_000)], compression=zipfile.ZIP_STORED
                )
            ),
        ),
        ("long-member-name", v(lambda rng, d, t: rezip(d, add=[("a" * 65000, b"x")]))),
        ("nul-member-name", v(lambda rng, d, t: _rename(d, t, t + "\x00.evil"))),
        ("gbk-member-names", v(lambda rng, d, t: _gbk_names(d))),
        ("truncated-zip", v(lambda rng, d, t: d[: len(d) // 2])),
        ("no-central-directory", v(lambda rng, d, t: d[: d.rfind(b"PK\x01\x02")])),
        ("garbage-prefix", v(lambda rng, d, t: rng.randbytes(4096) + d)),
        ("huge-comment", v(lambda rng, d, t: _with_comment(d, b"c" * 65535))),
        ("eocd-lies", v(lambda rng, d, t: _eocd_lies(d))),
        ("zip-in-zip", v(lambda rng, d, t: rezip(_empty_zip(), add=[("inner" + ext, d)]))),
    ]


class _GbkInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):  # zipfile's name: GBK bytes, no UTF-8 flag
        return self.filename.encode("gbk", "replace"), self.flag_bits


def _gbk_names(data: bytes) -> bytes:
    """Members inside a folder with a Chinese name, written in GBK without the UTF-8 flag (what old
    Windows tools make)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            new = _GbkInfo("输入包/" + info.filename)
            new.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(new, source.read(info))
    return out.getvalue()


def _bomb_zip(data: bytes) -> bytes:
    packed = deflated(b"\x00", 1 << 30)
    return _raw_deflate_member(data, "bomb.bin", packed, 1 << 30, add=True)


def _raw_deflate_member(data: bytes, name: str, zstream: bytes, size: int, add: bool = False) -> bytes:
    """The zip with `name` (replaced or added) holding an already deflated stream of `size` bytes."""
    raw = zstream[2:-4]  # a zlib stream without its header and checksum is a raw deflate stream
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != name:
                target.writestr(stamped(info.filename), source.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_STORED  # written stored, then relabelled below
        target.writestr(info, raw)
    result = out.getvalue()
    result = patch_member(result, name, method=zipfile.ZIP_DEFLATED, size=size)
    return result


def _patch_all(data: bytes, flags: int) -> bytes:
    for name in names(data):
        data = patch_member(data, name, flags=flags)
    return data


def _only(data: bytes, keep: str) -> bytes:
    return rezip(data, {n: None for n in names(data) if n != keep})


def _empty_zip() -> bytes:
    out = io.BytesIO()
    zipfile.ZipFile(out, "w").close()
    return out.getvalue()


def _escapes() -> list[tuple[str, bytes]]:
    return [
        (f"../../{ESCAPE_NAME}", b"escaped"),
        (f"../../../../../../../../tmp/{ESCAPE_NAME}", b"escaped"),
        (f"/tmp/{ESCAPE_NAME}", b"escaped"),
        (f"..\\..\\{ESCAPE_NAME}", b"escaped"),
    ]


def _rename(data: bytes, old: str, new: str) -> bytes:
    """The zip with a member renamed to `new`, which may hold what zipfile refuses to write (NUL)."""
    placeholder = "Q" * len(new.encode())
    out = rezip(data, {old: None}, add=[(placeholder, member(data, old))])
    return out.replace(placeholder.encode(), new.encode())


def _with_comment(data: bytes, comment: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = comment
    return out.getvalue()


def _eocd_lies(data: bytes) -> bytes:
    buf = bytearray(data)
    end = buf.rfind(b"PK\x05\x06")
    struct.pack_into("<HHII", buf, end + 8, 65535, 65535, 0xFFFFFFF0, 0xFFFFFFF0)
    return bytes(buf)


# --------------------------------------------------------------------------------------------------
# Text: the reference disclosure mutated.

NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9.])")
ODD_NUMERALS = (
    "一千万亿",
    "〇",
    "两",
    "廿三",
    "壹佰贰拾叁万",
    "十十十",
    "万万万",
    "亿亿亿亿",
    "百分之一百二十",
    "负三",
    "零点零零零",
    "一" * 5000,
    "九" * 1000 + "万亿",
    "三点",
    "点五",
    "十百千万",
    "两千零二十四",
    "〇〇〇〇",
    "半",
    "数十",
    "百分之",
    "千分之五",
    "一二三四五六七八九十" * 500,
    "十" * 3000,
    "零" * 2000,
    "万" * 2000 + "一",
    "一点" + "二" * 5000,
    "百分之" * 500,
    "伍拾陆点柒捌",
    "卄",
    "卅",
    "皕",
)
ODD_NUMBERS = (
    "1,126.92",
    "１１２６．９２",
    "1126.92.3",
    "-",
    "—",
    "(1.00)",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "0x10",
    "١٢٣٫٤",
    "1 126.92",
    "+5",
    "--3",
    "1126.92%",
    "9" * 400,
    "9" * 5000 + ".99",
    "0." + "0" * 5000 + "1",
    "-0.00",
    "１e１０",
    "Ⅻ",
    "½",
    "1/3",
    "１２３４５６７８９０" * 100,
    "12.345.678",
    "..",
    ".",
    "00000000000001",
    "1" + "0" * 30,
    "-" + "9" * 40,
    "1.7976931348623157e308",
    "4.9e-324",
    "𝟏𝟐𝟑",
    "١",
    "٠٫٥",
)


def _split(text: str) -> tuple[list[str], list[tuple[int, int]], int]:
    """(lines, [(start, end) of each table's block], index of the narrative part's first line)."""
    lines = text.split("\n")
    marks = [i for i, line in enumerate(lines) if re.fullmatch(r"公开\d\d表\s*", line)]
    if not marks:
        return lines, [], len(lines)
    part3 = next(
        (i for i, line in enumerate(lines) if i > marks[-1] and line.startswith("第三部分")), len(lines)
    )
    starts = []
    for mark in marks:
        j = mark - 1
        while j > 0 and not lines[j].strip():
            j -= 1
        starts.append(j)
    ends = [*starts[1:], part3]
    return lines, list(zip(starts, ends, strict=True)), part3


def _tables_replaced(text: str, arrange: Callable[[list[list[str]]], list[list[str]]]) -> str:
    lines, blocks, _ = _split(text)
    if not blocks:
        return text
    head, tail = lines[: blocks[0][0]], lines[blocks[-1][1] :]
    tables = [lines[a:b] for a, b in blocks]
    return "\n".join(head + [line for table in arrange(tables) for line in table] + tail)


def _numbers_replaced(rng: random.Random, text: str, choices, n: int, part: str = "all") -> str:
    lines, blocks, part3 = _split(text)
    lo, hi = {
        "all": (0, len(lines)),
        "tables": (blocks[0][0] if blocks else 0, part3),
        "narrative": (part3, len(lines)),
    }[part]
    spots = [(i, m.span()) for i in range(lo, hi) for m in NUMBER.finditer(lines[i])]
    for i, (a, b) in sorted(rng.sample(spots, min(n, len(spots))), key=lambda s: (s[0], -s[1][0])):
        lines[i] = lines[i][:a] + (choices(rng) if callable(choices) else rng.choice(choices)) + lines[i][b:]
    return "\n".join(lines)


def _table_rows(lines: list[str], blocks) -> list[int]:
    return [i for a, b in blocks for i in range(a, b) if lines[i].count("\t") >= 2]


def op_delete_tables(rng, text):
    return _tables_replaced(text, lambda t: [x for x in t if rng.random() > 0.4] or t[:1])


def op_duplicate_tables(rng, text):
    def arrange(tables):
        out = list(tables)
        for _ in range(rng.randint(1, 4)):
            out.insert(rng.randrange(len(out) + 1), rng.choice(tables))
        return out

    return _tables_replaced(text, arrange)


def op_shuffle_tables(rng, text):
    return _tables_replaced(text, lambda t: rng.sample(t, len(t)))


def op_change_numbers(rng, text):
    def other(r):
        return f"{r.uniform(-1e6, 1e6):.{r.choice((0, 1, 2, 3))}f}"

    return _numbers_replaced(rng, text, other, rng.choice((1, 5, 50, 500)))


def op_huge_number(rng, text):
    return _numbers_replaced(
        rng,
        text,
        lambda r: r.choice("123456789") + "9" * r.choice((30, 400, 5000, 100_000)),
        rng.randint(1, 3),
    )


def op_odd_number(rng, text):
    return _numbers_replaced(rng, text, ODD_NUMBERS, rng.choice((1, 10, 200)), "tables")


def op_rowno_digits(rng, text):
    lines, blocks, _ = _split(text)
    rows = _table_rows(lines, blocks)
    for i in rng.sample(rows, min(len(rows), rng.choice((1, 3, 50)))):
        cells = lines[i].split("\t")
        at = next((k for k, c in enumerate(cells) if c.strip().isdigit()), 1)
        cells[at] = rng.choice("123456789") + "".join(
            rng.choices("0123456789", k=rng.choice((4999, 5000, 20000)))
        )
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


def op_chinese_numerals(rng, text):
    return _numbers_replaced(rng, text, ODD_NUMERALS, rng.choice((1, 5, 40)), "narrative")


def op_wide_rows(rng, text):
    lines, blocks, _ = _split(text)
    rows = _table_rows(lines, blocks)
    for i in rng.sample(rows, min(len(rows), rng.randint(1, 5))):
        lines[i] += "\t" + "\t".join(["1.00"] * rng.choice((50, 1000, 20000)))
    return "\n".join(lines)


def op_many_rows(rng, text):
    lines, blocks, _ = _split(text)
    rows = _table_rows(lines, blocks)
    i = rng.choice(rows)
    lines[i : i + 1] = [lines[i]] * rng.choice((100, 5000, 50_000))
    return "\n".join(lines)


def op_long_line(rng, text):
    lines = text.split("\n")
    fill = rng.choice(("数", "1", "\t", " ", "a", "公开01表", "1.00\t"))
    lines.insert(rng.randrange(len(lines)), fill * (rng.choice((100_000, 1_000_000)) // len(fill)))
    return "\n".join(lines)


def op_nul(rng, text):
    chars = list(text)
    for _ in range(rng.choice((1, 10, 1000))):
        chars.insert(rng.randrange(len(chars)), "\x00")
    return "".join(chars)


def op_control(rng, text):
    junk = (
        "\u200b",
        "\u202e",
        "\ufeff",
        "\u0301" * 50,
        "\U0001f600",
        "\x0b",
        "\x0c",
        "\x1b[31m",
        "\u2028",
        "\ufffd",
        "\x7f",
        "\u3000",
    )
    chars = list(text)
    for _ in range(rng.choice((1, 20, 2000))):
        chars.insert(rng.randrange(len(chars)), rng.choice(junk))
    return "".join(chars)


def op_line_endings(rng, text):
    return text.replace("\n", rng.choice(("\r\n", "\r", "\u2028", "\n\n", "\x85", "\r\r\n")))


def op_tabs(rng, text):
    return text.replace("\t", rng.choice(("", " ", "  ", "\t\t", "\u3000", "|", ",", "\x00")))


def op_delete_lines(rng, text):
    lines = text.split("\n")
    return "\n".join(line for line in lines if rng.random() > rng.choice((0.01, 0.1, 0.5)))


def op_duplicate_lines(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 20)
    return "\n".join(lines)


def op_shuffle_lines(rng, text):
    lines = text.split("\n")
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.choice((5, 50, 500)))
    middle = lines[a:b]
    rng.shuffle(middle)
    return "\n".join(lines[:a] + middle + lines[b:])


def op_structure(rng, text):
    swaps = (
        ("公开01表", "公开02表"),
        ("公开05表", "公开99表"),
        ("金额单位：万元", "金额单位：亿元"),
        ("金额单位：万元", "金额单位：元"),
        ("金额单位：万元", "金额单位：?"),
        ("2024年度", "99999年度"),
        ("2024年度", "二〇二四年度"),
        ("2024年度", "-1年度"),
        ("第三部分", "第三部份"),
        ("行次", ""),
        ("栏次", "栏次\t" * 100),
        ("合计", "合计合计"),
        ("总计", ""),
        ("公开", ""),
        ("部门名称：", ""),
        ("一、", "一一、"),
        ("第二部分", "第二部分\n公开01表\n" * 1000),
    )
    for _ in range(rng.randint(1, 3)):
        old, new = rng.choice(swaps)
        text = text.replace(old, new, 1 if len(new) > 100 else rng.choice((1, -1)))
    return text


def op_narrative(rng, text):
    lines, _, part3 = _split(text)
    head, narrative = lines[:part3], lines[part3:]
    choice = rng.randrange(4)
    if choice == 0:
        return "\n".join(head)
    if choice == 1:
        return "\n".join(head + narrative * rng.choice((5, 100)))
    if choice == 2:
        return "\n".join(narrative + head)
    return "\n".join(
        head + [line.replace("万元", rng.choice(("亿元", "元", "", "万万元"))) for line in narrative]
    )


def op_budget(rng, text):
    if rng.random() < 0.5:
        return text.replace("决算", "预算")
    return text.replace("决算", "预算", rng.choice((1, 3, 10)))


TEXT_OPS = {name.removeprefix("op_"): fn for name, fn in list(globals().items()) if name.startswith("op_")}


def encode(rng: random.Random, text: str) -> tuple[str, bytes]:
    encoding = rng.choice(
        (
            "gbk",
            "gb18030",
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-8-sig",
            "big5",
            "shift_jis",
            "utf-32",
            "latin-mojibake",
            "invalid-utf8",
            "half-gbk",
            "cp1252",
        )
    )
    if encoding == "latin-mojibake":
        return encoding, text.encode("utf-8").decode("latin-1").encode("utf-8")
    if encoding == "invalid-utf8":
        data = bytearray(text.encode("utf-8"))
        for _ in range(rng.choice((1, 10, 1000))):
            data.insert(rng.randrange(len(data)), rng.choice((0x80, 0xC0, 0xFF, 0xED, 0xF8)))
        return encoding, bytes(data)
    if encoding == "half-gbk":
        half = len(text) // 2
        return encoding, text[:half].encode("utf-8") + text[half:].encode("gbk", "replace")
    return encoding, text.encode(encoding, "replace")


def _text_case(rng, ops: list[str], encoding: bool = False) -> tuple[str, bytes, str]:
    text = reference()
    for name in ops:
        text = TEXT_OPS[name](rng, text)
    label = "+".join(ops)
    if encoding:
        used, data = encode(rng, text)
        label += "@" + used
    else:
        data = text.encode("utf-8", "surrogatepass")
    return label, data, "mutated.txt"


@family("text", 260)
def _text_mutated(rng, index):
    ops = rng.sample(sorted(TEXT_OPS), rng.randint(2, 4))
    if rng.random() < 0.8:
        ops = [op for op in ops if op not in ("many_rows", "long_line")] or ops
    return _text_case(rng, ops, encoding=rng.random() < 0.15)


@family("text", 10 * len(TEXT_OPS))
def _text_single(rng, index):
    ops = sorted(TEXT_OPS)
    return _text_case(rng, [ops[index % len(ops)]])


@family("text", 60)
def _text_encoding(rng, index):
    ops = [] if index % 2 else [rng.choice(sorted(TEXT_OPS))]
    return _text_case(rng, ops, encoding=True)


@family("text", 40)
def _text_truncated(rng, index):
    data = reference().encode(rng.choice(("utf-8", "gbk", "utf-16")))
    cut = rng.randrange(len(data))
    return f"at-{cut}", data[:cut], "truncated.txt"


def _million_rows(rows: int) -> Callable[[random.Random], tuple[bytes, str]]:
    def make(rng):
        lines, blocks, _ = _split(reference())
        rows_at = _table_rows(lines, blocks)
        i = rows_at[3]
        body = (lines[i] + "\n") * rows
        return ("\n".join(lines[:i]) + "\n" + body + "\n".join(lines[i + 1 :])).encode(), "rows.txt"

    return make


def _numbered_rows(rows: int) -> Callable[[random.Random], tuple[bytes, str]]:
    def make(rng):
        lines, blocks, _ = _split(reference())
        i = _table_rows(lines, blocks)[3]
        body = "".join(f"项目{k}\t{k}\t{k}.00\t项目{k}\t{k + rows}\t1.00\n" for k in range(rows))
        return ("\n".join(lines[:i]) + "\n" + body + "\n".join(lines[i + 1 :])).encode(), "rows.txt"

    return make


def _all_rownos(digits: int):
    def make(rng):
        lines, blocks, _ = _split(reference())
        for i in _table_rows(lines, blocks):
            cells = lines[i].split("\t")
            cells[1] = "1" + "0" * (digits - 1)
            lines[i] = "\t".join(cells)
        return "\n".join(lines).encode(), "rownos.txt"

    return make


def _html(rng):
    body = "".join(f"<p>{line}</p>\n" for line in reference().split("\n"))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode(),
        "page.html",
    )


fixed(
    "text",
    "text_hostile",
    [
        ("million-rows", _million_rows(1_000_000)),
        ("200k-rows", _million_rows(200_000)),
        ("100k-numbered-rows", _numbered_rows(100_000)),
        ("rowno-5000-digits-everywhere", _all_rownos(5000)),
        ("rowno-100000-digits", _all_rownos(100_000)),
        ("one-1MB-line", lambda rng: (("数" * 350_000).encode(), "line.txt")),
        ("one-10MB-line", lambda rng: (b"1" * 10_000_000, "line.txt")),
        ("million-tabs", lambda rng: ((reference() + "\n" + "\t" * 1_000_000).encode(), "tabs.txt")),
        ("million-empty-lines", lambda rng: (reference().encode() + b"\n" * 1_000_000, "lines.txt")),
        ("10k-table-marks", lambda rng: (("收入支出决算总表\n公开01表\n" * 10_000).encode(), "marks.txt")),
        (
            "narrative-x100",
            lambda rng: (
                (reference() + reference()[reference().index("第三部分") :] * 100).encode(),
                "n.txt",
            ),
        ),
        (
            "only-tables",
            lambda rng: (
                reference()[reference().index("第二部分") : reference().index("第三部分")].encode(),
                "t.txt",
            ),
        ),
        ("only-narrative", lambda rng: (reference()[reference().index("第三部分") :].encode(), "n.txt")),
        ("only-head", lambda rng: (reference()[: reference().index("第二部分")].encode(), "h.txt")),
        ("empty", lambda rng: (b"", "empty.txt")),
        ("one-newline", lambda rng: (b"\n", "nl.txt")),
        ("whitespace", lambda rng: (b" \t\r\n" * 10_000, "ws.txt")),
        ("bom-only", lambda rng: (b"\xef\xbb\xbf", "bom.txt")),
        ("nul-1MB", lambda rng: (bytes(1 << 20), "nul.txt")),
        ("nul-between-every-char", lambda rng: ("\x00".join(reference()).encode(), "nul.txt")),
        ("html-wrapped", _html),
        ("html-as-txt", lambda rng: (_html(rng)[0], "page.txt")),
        ("budget", lambda rng: (reference().replace("决算", "预算").encode(), "budget.txt")),
        (
            "budget-title-only",
            lambda rng: (reference().replace("单位决算公开", "单位预算公开", 1).encode(), "b.txt"),
        ),
        (
            "budget-and-final",
            lambda rng: ((reference().replace("决算", "预算") + reference()).encode(), "b.txt"),
        ),
        ("reference-x30", lambda rng: (((reference() + "\n") * 30).encode(), "x30.txt")),
        (
            "fullwidth-digits",
            lambda rng: (
                reference().translate(str.maketrans("0123456789.", "０１２３４５６７８９．")).encode(),
                "fw.txt",
            ),
        ),
        (
            "arabic-digits",
            lambda rng: (reference().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")).encode(), "ar.txt"),
        ),
        ("all-numbers-huge", lambda rng: (NUMBER.sub(lambda m: "9" * 300, reference()).encode(), "huge.txt")),
        (
            "all-numbers-5000-digits",
            lambda rng: (NUMBER.sub(lambda m: "9" * 5000, reference()).encode(), "huge.txt"),
        ),
        (
            "all-numbers-negative",
            lambda rng: (NUMBER.sub(lambda m: "-" + m.group(), reference()).encode(), "neg.txt"),
        ),
        ("all-numbers-zero", lambda rng: (NUMBER.sub("0", reference()).encode(), "zero.txt")),
        ("reference-unchanged", lambda rng: (reference().encode(), "reference.txt")),
        ("reference-gbk", lambda rng: (reference().encode("gbk"), "reference.txt")),
        ("reference-utf16", lambda rng: (reference().encode("utf-16"), "reference.txt")),
        (
            "surrogates",
            lambda rng: (reference().encode() + "\ud800\udfff".encode("utf-8", "surrogatepass"), "s.txt"),
        ),
        ("deep-brackets", lambda rng: (("（" * 100_000 + reference() + "）" * 100_000).encode(), "b.txt")),
    ],
)


@family("text", 20)
def _text_random_bytes(rng, index):
    return "random", rng.randbytes(rng.choice((1, 100, 10_000, 1_000_000))), "random.txt"


# --------------------------------------------------------------------------------------------------
# PDF: hand-written minimal files, and byte mutations of built and real ones.

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT_OPS_PDF = b"BT /F1 12 Tf 72 720 Td (Total 1126.92 1134.08) Tj 0 -20 Td (Row 1 2 3) Tj ET"


def pdf_stream(
    content: bytes, extra: bytes = b"", deflate: bool = False, length: bytes | None = None
) -> bytes:
    if deflate:
        content = zlib.compress(content)
        extra += b" /Filter /FlateDecode"
    size = length if length is not None else str(len(content)).encode()
    return b"<< /Length " + size + extra + b" >>\nstream\n" + content + b"\nendstream"


def page(contents: bytes = b"4 0 R", extra: bytes = b"", box: bytes = b"[0 0 612 792]") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents " + contents + b" " + extra + b">>"
    )


def minimal_pdf(
    objects: list[bytes] | None = None,
    *,
    trailer: bytes = b"",
    xref: bool = True,
    shift: int = 0,
    header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    startxref: int | None = None,
) -> bytes:
    """A PDF of the given objects (1: catalog, 2: pages, 3: page, 4: content, 5: font by default),
    with a classic xref table whose offsets can be shifted, or none."""
    if objects is None:
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page(),
            pdf_stream(TEXT_OPS_PDF),
            FONT,
        ]
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % max(o + shift, 0) for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % (start if startxref is None else startxref)
    return bytes(out)


def _with(
    content: bytes | None = None, page_extra: bytes = b"", box: bytes = b"[0 0 612 792]", **kw
) -> bytes:
    """The minimal PDF with its page's content stream or page dictionary changed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(extra=page_extra, box=box),
        content if content is not None else pdf_stream(TEXT_OPS_PDF),
        FONT,
    ]
    return minimal_pdf(objects, **kw)


def _pages(count: int, kids_count: int | None = None, distinct: bool = False) -> bytes:
    if distinct:
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
        objects += [pdf_stream(TEXT_OPS_PDF), FONT]
        kids = []
        for _ in range(count):
            objects.append(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
                b" /Contents 3 0 R >>"
            )
            kids.append(b"%d 0 R" % len(objects))
        objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % count
        return minimal_pdf(objects)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"3 0 R " * count + b"] /Count %d >>" % (kids_count or count),
        page(),
        pdf_stream(TEXT_OPS_PDF),
        FONT,
    ]
    return minimal_pdf(objects)


def _bomb_content(pattern: bytes, total: int) -> bytes:
    packed = deflated(pattern, total)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def _encrypted(rng) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(),
        pdf_stream(rng.randbytes(200)),
        FONT,
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <"
        + rng.randbytes(32).hex().encode()
        + b"> /U <"
        + rng.randbytes(32).hex().encode()
        + b"> >>",
    ]
    return minimal_pdf(objects, trailer=b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (b"ab" * 16, b"cd" * 16))


def _deep(depth: int, open_: bytes, close: bytes) -> bytes:
    return _with(page_extra=b"/Deep " + open_ * depth + close * depth)


def _tounicode_bomb() -> bytes:
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        + b"100 beginbfrange\n"
        + b"<00000000> <FFFFFFFF> <0000>\n" * 100
        + b"endbfrange\nendcmap end end"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(),
        pdf_stream(TEXT_OPS_PDF),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        pdf_stream(cmap),
    ]
    return minimal_pdf(objects)


def _pdf(make: Callable[[random.Random], bytes], name: str = "minimal.pdf"):
    return lambda rng: (make(rng), name)


fixed(
    "pdf",
    "pdf_minimal",
    [
        ("valid", _pdf(lambda rng: minimal_pdf())),
        ("valid-deflated", _pdf(lambda rng: _with(pdf_stream(TEXT_OPS_PDF, deflate=True)))),
        (
            "no-pages",
            _pdf(
                lambda rng: minimal_pdf(
                    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
                )
            ),
        ),
        ("no-root", _pdf(lambda rng: minimal_pdf([b"<< /Type /Font >>"]))),
        ("empty-content", _pdf(lambda rng: _with(pdf_stream(b"")))),
        ("xref-shifted", _pdf(lambda rng: minimal_pdf(shift=7))),
        ("xref-missing", _pdf(lambda rng: minimal_pdf(xref=False))),
        ("startxref-past-end", _pdf(lambda rng: minimal_pdf(startxref=10**12))),
        ("startxref-zero", _pdf(lambda rng: minimal_pdf(startxref=0))),
        ("xref-garbage", _pdf(lambda rng: minimal_pdf().replace(b"xref\n0 6", b"xref\n0 999999999"))),
        (
            "xref-prev-loop",
            _pdf(
                lambda rng: minimal_pdf(
                    trailer=b"/Prev %d " % len(minimal_pdf()[: minimal_pdf().rfind(b"xref")])
                )
            ),
        ),
        (
            "xref-stream-bad-w",
            _pdf(
                lambda rng: minimal_pdf(
                    [
                        b"<< /Type /Catalog /Pages 2 0 R >>",
                        pdf_stream(b"\x00" * 30, b" /Type /XRef /W [99999 99999 99999] /Size 3"),
                    ],
                    xref=False,
                    startxref=0,
                )
            ),
        ),
        ("flate-bomb-spaces-1GB", _pdf(lambda rng: _with(_bomb_content(b" ", 1 << 30)))),
        ("flate-bomb-paths-256MB", _pdf(lambda rng: _with(_bomb_content(b"0 0 m 1 1 l S\n", 256 << 20)))),
        (
            "flate-bomb-text-256MB",
            _pdf(lambda rng: _with(_bomb_content(b"BT /F1 1 Tf 1 1 Td (9.99) Tj ET\n", 256 << 20))),
        ),
        ("flate-bomb-nested-q", _pdf(lambda rng: _with(_bomb_content(b"q ", 128 << 20)))),
        (
            "inline-image-huge",
            _pdf(
                lambda rng: _with(
                    pdf_stream(
                        b"BI /W 100000 /H 100000 /BPC 8 /CS /RGB /F /Fl ID "
                        + deflated(b"\x00", 64 << 20)
                        + b" EI"
                    )
                )
            ),
        ),
        ("pages-100k-same", _pdf(lambda rng: _pages(100_000))),
        ("pages-20k-distinct", _pdf(lambda rng: _pages(20_000, distinct=True))),
        ("pages-count-lies", _pdf(lambda rng: _pages(1, kids_count=2**31 - 1))),
        (
            "page-tree-cycle",
            _pdf(
                lambda rng: minimal_pdf(
                    [
                        b"<< /Type /Catalog /Pages 2 0 R >>",
                        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
                    ]
                )
            ),
        ),
        ("deep-arrays-5000", _pdf(lambda rng: _deep(5000, b"[", b"]"))),
        ("deep-arrays-200000", _pdf(lambda rng: _deep(200_000, b"[", b"]"))),
        ("deep-dicts-5000", _pdf(lambda rng: _deep(5000, b"<< /A ", b">> "))),
        (
            "deep-content-arrays",
            _pdf(lambda rng: _with(pdf_stream(b"[" * 100_000 + b"]" * 100_000 + b" TJ"))),
        ),
        (
            "deep-q-100000",
            _pdf(lambda rng: _with(pdf_stream(b"q " * 100_000 + TEXT_OPS_PDF + b" Q" * 100_000))),
        ),
        ("encrypted", _pdf(_encrypted)),
        ("encrypt-missing-object", _pdf(lambda rng: minimal_pdf(trailer=b"/Encrypt 99 0 R "))),
        (
            "encrypt-unknown-filter",
            _pdf(lambda rng: minimal_pdf(trailer=b"/Encrypt << /Filter /Nope /V 99 >> ")),
        ),
        ("truncated-half", _pdf(lambda rng: minimal_pdf()[: len(minimal_pdf()) // 2])),
        ("truncated-in-stream", _pdf(lambda rng: minimal_pdf()[: minimal_pdf().index(b"stream") + 12])),
        ("header-only", _pdf(lambda rng: b"%PDF-1.7\n")),
        ("header-then-random", _pdf(lambda rng: b"%PDF-1.4\n" + rng.randbytes(50_000))),
        ("garbage-before-header", _pdf(lambda rng: rng.randbytes(2000) + minimal_pdf())),
        ("length-huge", _pdf(lambda rng: _with(pdf_stream(TEXT_OPS_PDF, length=b"999999999999")))),
        ("length-negative", _pdf(lambda rng: _with(pdf_stream(TEXT_OPS_PDF, length=b"-100")))),
        ("length-self-reference", _pdf(lambda rng: _with(pdf_stream(TEXT_OPS_PDF, length=b"4 0 R")))),
        ("length-missing", _pdf(lambda rng: _with(TEXT_OPS_PDF.join((b"<< >>\nstream\n", b"\nendstream"))))),
        ("mediabox-huge", _pdf(lambda rng: _with(box=b"[0 0 1e308 1e308]"))),
        ("mediabox-zero", _pdf(lambda rng: _with(box=b"[0 0 0 0]"))),
        ("mediabox-nan", _pdf(lambda rng: _with(box=b"[0 0 nan -inf]"))),
        ("mediabox-99999999999999999999", _pdf(lambda rng: _with(box=b"[0 0 99999999999999999999 1]"))),
        ("font-size-huge", _pdf(lambda rng: _with(pdf_stream(b"BT /F1 1e30 Tf 1e30 1e30 Td (9) Tj ET")))),
        ("font-size-zero", _pdf(lambda rng: _with(pdf_stream(b"BT /F1 0 Tf 0 0 Td (1126.92) Tj ET")))),
        ("matrix-singular", _pdf(lambda rng: _with(pdf_stream(b"BT /F1 12 Tf 0 0 0 0 0 0 Tm (1) Tj ET")))),
        (
            "one-million-chars",
            _pdf(
                lambda rng: _with(
                    pdf_stream(b"BT /F1 1 Tf 0 0 Td (" + b"9" * 1_000_000 + b") Tj ET", deflate=True)
                )
            ),
        ),
        (
            "200k-text-ops",
            _pdf(
                lambda rng: _with(
                    pdf_stream(b"BT /F1 1 Tf " + b"0.001 0.001 Td (9) Tj " * 200_000 + b"ET", deflate=True)
                )
            ),
        ),
        (
            "100k-lines-of-numbers",
            _pdf(
                lambda rng: _with(
                    pdf_stream(
                        b"BT /F1 2 Tf "
                        + b"".join(
                            b"1 0 0 1 %d %d Tm (%d.00) Tj " % (i % 600, i % 790, i) for i in range(100_000)
                        )
                        + b"ET",
                        deflate=True,
                    )
                )
            ),
        ),
        ("tounicode-bomb", _pdf(lambda rng: _tounicode_bomb())),
        (
            "objstm-lies",
            _pdf(
                lambda rng: minimal_pdf(
                    [
                        b"<< /Type /Catalog /Pages 2 0 R >>",
                        pdf_stream(b"1 0 2 5", b" /Type /ObjStm /N 1000000 /First 0"),
                    ]
                )
            ),
        ),
        (
            "self-referencing-kids",
            _pdf(
                lambda rng: minimal_pdf(
                    [b"<< /Type /Catalog /Pages 1 0 R /Type /Pages /Kids [1 0 R] /Count 1 >>"]
                )
            ),
        ),
        ("pdf-2.0-header", _pdf(lambda rng: minimal_pdf(header=b"%PDF-2.0\n"))),
        ("pdf-99-header", _pdf(lambda rng: minimal_pdf(header=b"%PDF-99.9\n"))),
        (
            "javascript-openaction",
            _pdf(
                lambda rng: minimal_pdf(
                    [
                        b"<< /Type /Catalog /Pages 2 0 R "
                        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
                        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        page(),
                        pdf_stream(TEXT_OPS_PDF),
                        FONT,
                    ]
                )
            ),
        ),
        (
            "budget-words",
            _pdf(lambda rng: _with(pdf_stream(b"BT /F1 12 Tf 72 720 Td (2026 Budget yusuan) Tj ET"))),
        ),
        ("as-txt", lambda rng: (minimal_pdf(), "minimal.txt")),
        ("as-docx", lambda rng: (minimal_pdf(), "minimal.docx")),
    ],
)


@family("pdf", 50)
def _pdf_minimal_mutated(rng, index):
    label, data = mutate_bytes(
        rng,
        rng.choice((minimal_pdf(), _with(pdf_stream(TEXT_OPS_PDF, deflate=True)), _pages(30, distinct=True))),
    )
    return label, data, "mutated.pdf"


@family("pdf", 150)
def _pdf_example_mutated(rng, index):
    label, data = mutate_bytes(rng, base_pdf())
    return label, data, "report.pdf"


@family("pdf", 30)
def _pdf_example_keywords(rng, index):
    """The built PDF with PDF keywords or numbers in its syntax changed."""
    data = base_pdf()
    swaps = (
        (b"endstream", b"endstrea"),
        (b"stream", b"strean"),
        (b"/Length ", b"/Length 9"),
        (b"obj", b"ojb"),
        (b"/FlateDecode", b"/LZWDecode"),
        (b"/Type /Page", b"/Type /Pagez"),
        (b"/Count ", b"/Count 99"),
        (b"xref", b"xreff"),
        (b"/Root", b"/Rooot"),
        (b" 0 R", b" 9 R"),
        (b"/Kids", b"/Kidz"),
        (b"/Font", b"/Fnt"),
        (b"/ToUnicode", b"/ToUnicodes"),
        (b"startxref", b"startxrefs"),
        (b"/W [", b"/W [9"),
    )
    old, new = swaps[index % len(swaps)]
    spots = [m.start() for m in re.finditer(re.escape(old), data)]
    if not spots:
        return "unchanged", data, "report.pdf"
    chosen = set(rng.sample(spots, min(len(spots), rng.choice((1, 5, len(spots))))))
    out, last = bytearray(), 0
    for at in sorted(chosen):
        out += data[last:at] + new
        last = at + len(old)
    out += data[last:]
    return old.decode().strip("/ ") + f"x{len(chosen)}", bytes(out), "report.pdf"


@family("pdf", 100)
def _pdf_real_mutated(rng, index):
    real = real_pdfs()
    if not real:  # no real samples here: the built PDF instead, so the count holds
        label, data = mutate_bytes(rng, base_pdf())
        return "no-real-" + label, data, "report.pdf"
    name, original = real[index % len(real)]
    label, data = mutate_bytes(rng, original)
    return f"{name.removesuffix('.pdf')}-{label}", data, "real.pdf"


@family("pdf", 12)
def _pdf_real_unchanged(rng, index):
    real = real_pdfs()
    if not real:
        return "built", base_pdf(), "report.pdf"
    name, data = real[index % len(real)]
    return name.removesuffix(".pdf"), data, name


# --------------------------------------------------------------------------------------------------
# Word and Excel: poisoned XML parts, zip-level attacks, and byte mutations.

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)
XXE_FILE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XXE_HTTP = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/juesuan-fuzz">]>'
EXTERNAL_DTD = '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/juesuan-fuzz.dtd">'


def with_doctype(xml: bytes, doctype: str, entity: str) -> bytes:
    """The XML with a DOCTYPE after its declaration and `&entity;` in its first text."""
    text = xml.decode("utf-8")
    at = text.index("?>") + 2 if text.startswith("<?xml") else 0
    text = text[:at] + doctype + text[at:]
    for tag in ("<w:t>", "<t>", "<v>", '<w:t xml:space="preserve">'):
        if tag in text:
            text = text.replace(tag, tag + f"&{entity};", 1)
            break
    return text.encode()


def insert_after(xml: bytes, pattern: str, insert: str, count: int = 1) -> bytes:
    """`insert` after the first `count` matches of the regex `pattern` (-1: all)."""
    text = xml.decode("utf-8")
    n = 0

    def put(match):
        nonlocal n
        n += 1
        return match.group(0) + insert if count < 0 or n <= count else match.group(0)

    return re.sub(pattern, put, text).encode()


def _doc(xml_edit: Callable[[bytes], bytes], part: str = "word/document.xml"):
    def make(rng):
        data = base_docx()
        return rezip(data, {part: xml_edit(member(data, part))}), "report.docx"

    return make


def _body(new_body: str):
    return _doc(lambda xml: re.sub(rb"<w:body>.*</w:body>", new_body.encode(), xml, flags=re.S))


def _tbl(rows: str) -> str:
    return f"<w:body><w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>{rows}</w:tbl></w:body>"


def _span(tag: str, value: str, count: int = 1):
    if tag == "gridSpan":
        return _doc(lambda xml: insert_after(xml, r"<w:tcPr>", f'<w:gridSpan w:val="{value}"/>', count))
    return _doc(
        lambda xml: insert_after(
            xml, r"<w:tr(?: [^>]*)?>", f'<w:trPr><w:gridBefore w:val="{value}"/></w:trPr>', count
        )
    )


def _rels(edit: Callable[[str], str], part: str = "word/_rels/document.xml.rels"):
    return _doc(lambda xml: edit(xml.decode()).encode(), part)


EXTERNAL_REL = (
    '<Relationship Id="rIdFuzz" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="http://127.0.0.1:9/juesuan-fuzz.png" TargetMode="External"/>'
)
SPAN_VALUES = (
    "1000000000",
    "2147483648",
    "9223372036854775808",
    "50000",
    "-1",
    "0",
    "abc",
    "",
    "1.5",
    "NaN",
    "٣",
    "1e9",
    "9" * 5000,
)

fixed(
    "docx",
    "docx_xml",
    [
        *[(f"gridSpan-{v[:12]}", _span("gridSpan", v)) for v in SPAN_VALUES],
        *[(f"gridBefore-{v[:12]}", _span("gridBefore", v)) for v in SPAN_VALUES],
        ("gridSpan-50000-everywhere", _span("gridSpan", "50000", -1)),
        ("gridBefore-1000-every-row", _span("gridBefore", "1000", -1)),
        ("gridSpan-63-everywhere", _span("gridSpan", "63", -1)),
        ("vMerge-odd", _doc(lambda xml: insert_after(xml, r"<w:tcPr>", '<w:vMerge w:val="restartz"/>', -1))),
        ("no-body", _doc(lambda xml: re.sub(rb"<w:body>.*</w:body>", b"", xml, flags=re.S))),
        ("empty-body", _body("<w:body/>")),
        ("root-not-document", _doc(lambda xml: b'<?xml version="1.0"?><html><body>x</body></html>')),
        ("empty-document-xml", _doc(lambda xml: b"")),
        (
            "external-image-rel",
            _rels(lambda x: x.replace("</Relationships>", EXTERNAL_REL + "</Relationships>")),
        ),
        (
            "external-document-rel",
            _rels(
                lambda x: re.sub(
                    r'Target="word/document.xml"',
                    'Target="http://127.0.0.1:9/d.xml" TargetMode="External"',
                    x,
                ),
                "_rels/.rels",
            ),
        ),
        (
            "document-rel-traversal",
            _rels(
                lambda x: x.replace('Target="word/document.xml"', 'Target="../../../../etc/passwd"'),
                "_rels/.rels",
            ),
        ),
        (
            "document-rel-missing-target",
            _rels(
                lambda x: x.replace('Target="word/document.xml"', 'Target="word/nothing.xml"'), "_rels/.rels"
            ),
        ),
        ("rels-broken-xml", _rels(lambda x: x[: len(x) // 2])),
        (
            "rels-billion-laughs",
            _doc(lambda xml: with_doctype(xml, LAUGHS, "lol9"), "word/_rels/document.xml.rels"),
        ),
        ("billion-laughs", _doc(lambda xml: with_doctype(xml, LAUGHS, "lol9"))),
        ("xxe-file", _doc(lambda xml: with_doctype(xml, XXE_FILE, "xxe"))),
        ("xxe-http", _doc(lambda xml: with_doctype(xml, XXE_HTTP, "xxe"))),
        ("external-dtd", _doc(lambda xml: with_doctype(xml, EXTERNAL_DTD, "amp"))),
        ("styles-billion-laughs", _doc(lambda xml: with_doctype(xml, LAUGHS, "lol9"), "word/styles.xml")),
        ("content-types-laughs", _doc(lambda xml: with_doctype(xml, LAUGHS, "lol9"), "[Content_Types].xml")),
        (
            "nested-5000-elements",
            _body("<w:body><w:p>" + "<w:r>" * 5000 + "</w:r>" * 5000 + "</w:p></w:body>"),
        ),
        ("nested-100000-elements", _body("<w:body>" + "<w:x>" * 100_000 + "</w:x>" * 100_000 + "</w:body>")),
        (
            "nested-5000-tables",
            _body(
                "<w:body>"
                + "<w:tbl><w:tr><w:tc>" * 5000
                + "<w:p/>"
                + "</w:tc></w:tr></w:tbl>" * 5000
                + "</w:body>"
            ),
        ),
        (
            "nested-300-tables",
            _body(
                "<w:body>"
                + "<w:tbl><w:tr><w:tc>" * 300
                + "<w:p><w:r><w:t>1</w:t></w:r></w:p>"
                + "</w:tc></w:tr></w:tbl>" * 300
                + "</w:body>"
            ),
        ),
        ("million-paragraphs", _body("<w:body>" + "<w:p/>" * 1_000_000 + "</w:body>")),
        ("million-runs", _body("<w:body><w:p>" + "<w:r><w:t>1</w:t></w:r>" * 1_000_000 + "</w:p></w:body>")),
        (
            "200k-table-rows",
            _body(_tbl("<w:tr><w:tc><w:p><w:r><w:t>1.00</w:t></w:r></w:p></w:tc></w:tr>" * 200_000)),
        ),
        (
            "20k-columns",
            _body(_tbl("<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * 20_000 + "</w:tr>")),
        ),
        (
            "10k-tables",
            _body(
                "<w:body>"
                + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>公开01表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                * 10_000
                + "</w:body>"
            ),
        ),
        ("table-without-rows", _body("<w:body><w:tbl/></w:body>")),
        ("row-without-cells", _body(_tbl("<w:tr/>" * 10))),
        ("cell-without-paragraph", _body(_tbl("<w:tr><w:tc/></w:tr>"))),
        (
            "10MB-text-run",
            _body("<w:body><w:p><w:r><w:t>" + "数" * 3_500_000 + "</w:t></w:r></w:p></w:body>"),
        ),
        ("broken-xml-truncated", _doc(lambda xml: xml[: len(xml) // 2])),
        ("broken-xml-mismatch", _doc(lambda xml: xml.replace(b"</w:tc>", b"</w:tcx>", 1))),
        ("broken-xml-control-chars", _doc(lambda xml: xml.replace(b"<w:t>", b"<w:t>\x01\x02", 5))),
        (
            "wrong-encoding-declared",
            _doc(
                lambda xml: xml.replace(b"encoding='UTF-8'", b"encoding='GBK'").replace(
                    b'encoding="UTF-8"', b'encoding="GBK"'
                )
            ),
        ),
        ("utf16-declared-utf8", _doc(lambda xml: xml.decode().encode("utf-16"))),
        (
            "unknown-namespace",
            _doc(
                lambda xml: xml.replace(
                    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"urn:fuzz"
                )
            ),
        ),
        (
            "numbers-huge",
            _doc(lambda xml: re.sub(rb"<w:t>(\d+\.\d\d)</w:t>", b"<w:t>" + b"9" * 5000 + b"</w:t>", xml)),
        ),
        (
            "numbers-odd",
            _doc(lambda xml: re.sub(rb"<w:t>(\d+\.\d\d)</w:t>", "<w:t>１e３０٣</w:t>".encode(), xml)),
        ),
        ("budget-words", _doc(lambda xml: xml.replace("决算".encode(), "预算".encode()))),
    ],
)


@family("docx", 40)
def _docx_xml_mutated(rng, index):
    data = base_docx()
    part = rng.choice(
        (
            "word/document.xml",
            "word/document.xml",
            "word/styles.xml",
            "[Content_Types].xml",
            "word/_rels/document.xml.rels",
            "word/numbering.xml",
        )
    )
    if part not in names(data):
        part = "word/document.xml"
    label, xml = mutate_bytes(rng, member(data, part))
    return f"{part.split('/')[-1]}-{label}", rezip(data, {part: xml}), "report.docx"


@family("docx", 30)
def _docx_cells(rng, index):
    """Table cells' numbers changed to odd or huge values, or cells' text swapped around."""
    data = base_docx()
    xml = member(data, "word/document.xml").decode()
    spots = list(re.finditer(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    chosen = rng.sample(spots, min(len(spots), rng.choice((1, 20, 300))))
    for m in sorted(chosen, key=lambda m: -m.start(1)):
        value = rng.choice((*ODD_NUMBERS[:20], *ODD_NUMERALS[:10], "", rng.choice(spots).group(1)))
        xml = xml[: m.start(1)] + value.replace("&", "&amp;").replace("<", "&lt;") + xml[m.end(1) :]
    return f"{len(chosen)}-cells", rezip(data, {"word/document.xml": xml.encode()}), "report.docx"


@family("docx", 40)
def _docx_bytes(rng, index):
    label, data = mutate_bytes(rng, base_docx())
    return label, data, "report.docx"


def _zip_family(kind: str, name: str, base: Callable[[], bytes], ext: str) -> None:
    fixed(kind, name, zip_variants(base, ext))


def _sheet(edit: Callable[[bytes], bytes], part: str = "xl/worksheets/sheet1.xml", which: str = "package"):
    def make(rng):
        data = example_workbook() if which == "package" else (built().get("xlsx") or example_workbook())
        if part not in names(data):
            return data, "tables.xlsx"
        return rezip(data, {part: edit(member(data, part))}), "tables.xlsx"

    return make


def _sheet_data(rows: str):
    return _sheet(
        lambda xml: re.sub(
            rb"<sheetData>.*</sheetData>|<sheetData/>",
            b"<sheetData>" + rows.encode() + b"</sheetData>",
            xml,
            flags=re.S,
        )
    )


def _cells(count: int, per_row: int = 1) -> str:
    return "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{_col(c)}{r}"><v>{r}.5</v></c>' for c in range(1, per_row + 1))
        + "</row>"
        for r in range(1, count // per_row + 1)
    )


def _col(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


XLSX_XML = [
    (
        "dimension-huge",
        _sheet(lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)),
    ),
    ("cell-ref-far", _sheet(lambda xml: xml.replace(b'r="A1"', b'r="XFD1048576"', 1))),
    ("cell-ref-overflow", _sheet(lambda xml: xml.replace(b'r="A1"', b'r="A99999999999999"', 1))),
    ("cell-ref-letters-only", _sheet(lambda xml: xml.replace(b'r="A1"', b'r="ZZZZZZZZ"', 1))),
    ("cell-ref-empty", _sheet(lambda xml: xml.replace(b'r="A1"', b'r=""', 1))),
    ("row-number-huge", _sheet(lambda xml: xml.replace(b'<row r="1"', b'<row r="99999999999"', 1))),
    ("row-number-negative", _sheet(lambda xml: xml.replace(b'<row r="2"', b'<row r="-2"', 1))),
    ("million-cells", _sheet_data(_cells(1_000_000, 10))),
    ("200k-rows", _sheet_data(_cells(200_000))),
    ("16k-columns", _sheet_data(_cells(16_384, 16_384))),
    ("last-cell-only", _sheet_data('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
    (
        "value-5000-digits",
        _sheet(lambda xml: re.sub(rb"<v>[^<]*</v>", b"<v>" + b"9" * 5000 + b"</v>", xml, count=3)),
    ),
    ("value-1e309", _sheet(lambda xml: re.sub(rb"<v>[^<]*</v>", b"<v>1e309</v>", xml))),
    ("value-nan", _sheet(lambda xml: re.sub(rb"<v>[^<]*</v>", b"<v>NaN</v>", xml))),
    ("value-text-as-number", _sheet(lambda xml: re.sub(rb"<v>[^<]*</v>", "<v>一百</v>".encode(), xml))),
    (
        "shared-string-index-huge",
        _sheet(
            lambda xml: re.sub(
                rb"<c r=\"A1\"[^>]*>.*?</c>",
                b'<c r="A1" t="s"><v>1000000000</v></c>',
                xml,
                count=1,
                flags=re.S,
            )
        ),
    ),
    (
        "shared-string-index-negative",
        _sheet(
            lambda xml: re.sub(
                rb"<c r=\"A1\"[^>]*>.*?</c>", b'<c r="A1" t="s"><v>-1</v></c>', xml, count=1, flags=re.S
            )
        ),
    ),
    ("cell-type-odd", _sheet(lambda xml: xml.replace(b't="inlineStr"', b't="zz"', 5))),
    (
        "bool-cell-odd",
        _sheet(
            lambda xml: re.sub(rb"<v>([^<]*)</v>", b"<v>2</v>", xml).replace(b"<c r=", b'<c t="b" r=', 20)
        ),
    ),
    (
        "error-cells",
        _sheet(
            lambda xml: re.sub(
                rb"<c r=\"(C\d+)\"[^>]*>.*?</c>", rb'<c r="\1" t="e"><v>#DIV/0!</v></c>', xml, flags=re.S
            )
        ),
    ),
    (
        "formula-deep",
        _sheet(
            lambda xml: xml.replace(
                b"</sheetData>",
                b'<row r="999"><c r="A999"><f>'
                + b"(" * 5000
                + b"1"
                + b")" * 5000
                + b"</f></c></row></sheetData>",
            )
        ),
    ),
    (
        "merged-100k",
        _sheet(
            lambda xml: xml.replace(
                b"</sheetData>",
                b"</sheetData><mergeCells>"
                + b"".join(b'<mergeCell ref="A%d:B%d"/>' % (i, i) for i in range(1, 100_001))
                + b"</mergeCells>",
            )
        ),
    ),
    (
        "merged-whole-sheet",
        _sheet(
            lambda xml: xml.replace(
                b"</sheetData>", b'</sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>'
            )
        ),
    ),
    ("billion-laughs", _sheet(lambda xml: with_doctype(b'<?xml version="1.0"?>' + xml, LAUGHS, "lol9"))),
    ("xxe-file", _sheet(lambda xml: with_doctype(b'<?xml version="1.0"?>' + xml, XXE_FILE, "xxe"))),
    (
        "workbook-laughs",
        _sheet(lambda xml: with_doctype(b'<?xml version="1.0"?>' + xml, LAUGHS, "lol9"), "xl/workbook.xml"),
    ),
    (
        "nested-5000",
        _sheet(lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b"<x>" * 5000 + b"</x>" * 5000)),
    ),
    (
        "nested-100000",
        _sheet(
            lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b"<x>" * 100_000 + b"</x>" * 100_000)
        ),
    ),
    ("broken-xml", _sheet(lambda xml: xml[: len(xml) // 2])),
    ("empty-sheet-part", _sheet(lambda xml: b"")),
    (
        "no-sheets",
        _sheet(lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.S), "xl/workbook.xml"),
    ),
    (
        "10k-sheet-entries",
        _sheet(
            lambda xml: xml.replace(
                b"</sheets>",
                b"".join(
                    b'<sheet name="s%d" sheetId="%d" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
                    % (i, i + 100)
                    for i in range(10_000)
                )
                + b"</sheets>",
            ),
            "xl/workbook.xml",
        ),
    ),
    (
        "sheet-missing-part",
        _sheet(
            lambda xml: xml.replace(b"worksheets/sheet1.xml", b"worksheets/nothing.xml"),
            "xl/_rels/workbook.xml.rels",
        ),
    ),
    (
        "external-link-rel",
        _sheet(
            lambda xml: xml.replace(b"</Relationships>", EXTERNAL_REL.encode() + b"</Relationships>"),
            "xl/_rels/workbook.xml.rels",
        ),
    ),
    (
        "sheet-rel-traversal",
        _sheet(
            lambda xml: xml.replace(b"worksheets/sheet1.xml", b"../../../../etc/passwd"),
            "xl/_rels/workbook.xml.rels",
        ),
    ),
    ("styles-broken", _sheet(lambda xml: xml[:100], "xl/styles.xml")),
    (
        "styles-huge-numfmt",
        _sheet(
            lambda xml: xml.replace(
                b"<numFmts",
                b'<numFmts><numFmt numFmtId="999" formatCode="' + b"0" * 100_000 + b'"/></numFmts><numFmtsX',
                1,
            ),
            "xl/styles.xml",
        ),
    ),
    (
        "sheet-names-budget",
        _sheet(lambda xml: xml.replace("公开".encode(), "预算".encode()), "xl/workbook.xml"),
    ),
    (
        "report-dimension-huge",
        _sheet(
            lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
            which="report",
        ),
    ),
    (
        "report-million-cells",
        _sheet(
            lambda xml: re.sub(
                rb"<sheetData>.*</sheetData>",
                b"<sheetData>" + _cells(1_000_000, 10).encode() + b"</sheetData>",
                xml,
                flags=re.S,
            ),
            which="report",
        ),
    ),
    ("report-broken", _sheet(lambda xml: xml[: len(xml) // 3], which="report")),
]
fixed("xlsx", "xlsx_xml", XLSX_XML)


@family("xlsx", 40)
def _xlsx_xml_mutated(rng, index):
    data, which = base_xlsx(rng)
    part = rng.choice([n for n in names(data) if n.endswith(".xml") or n.endswith(".rels")])
    label, xml = mutate_bytes(rng, member(data, part))
    return f"{which}-{part.split('/')[-1]}-{label}", rezip(data, {part: xml}), "tables.xlsx"


@family("xlsx", 40)
def _xlsx_cells(rng, index):
    data, which = base_xlsx(rng)
    sheets = [n for n in names(data) if n.startswith("xl/worksheets/")]
    part = rng.choice(sheets)
    xml = member(data, part).decode()
    spots = list(re.finditer(r"<v>([^<]*)</v>", xml))
    if not spots:
        return f"{which}-none", data, "tables.xlsx"
    chosen = rng.sample(spots, min(len(spots), rng.choice((1, 10, 100))))
    for m in sorted(chosen, key=lambda m: -m.start(1)):
        value = rng.choice(
            (*ODD_NUMBERS, "9" * rng.choice((20, 400)), f"{rng.uniform(-1e9, 1e9):.3f}", "", "-0")
        )
        xml = xml[: m.start(1)] + value.replace("&", "&amp;").replace("<", "&lt;") + xml[m.end(1) :]
    return f"{which}-{part.split('/')[-1]}-{len(chosen)}", rezip(data, {part: xml.encode()}), "tables.xlsx"


@family("xlsx", 40)
def _xlsx_bytes(rng, index):
    data, which = base_xlsx(rng)
    label, data = mutate_bytes(rng, data)
    return f"{which}-{label}", data, "tables.xlsx"


_zip_family("docx", "docx_zip", base_docx, ".docx")
_zip_family("xlsx", "xlsx_zip", example_workbook, ".xlsx")


# --------------------------------------------------------------------------------------------------
# Input packages (a .zip of 决算表.xlsx and 单位信息.yaml) for `juesuan build`.


def package(yaml: bytes | str | None = None, workbook: bytes | None = None, folder: str = "") -> bytes:
    """The example package zipped, with its YAML or workbook replaced."""
    if isinstance(yaml, str):
        yaml = yaml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(stamped(folder + TABLES_FILE), example_workbook() if workbook is None else workbook)
        archive.writestr(stamped(folder + INFO_FILE), example_yaml().encode() if yaml is None else yaml)
    return out.getvalue()


def _set(key: str, value: str, count: int = 1) -> str:
    """The example YAML with the first `key:` line's value replaced (indentation kept)."""
    return re.sub(
        rf"(?m)^(\s*{re.escape(key)}:)[^\n]*", lambda m: f"{m.group(1)} {value}", example_yaml(), count=count
    )


def _yaml(make: Callable[[random.Random], str | bytes], ext: str = ".zip"):
    return lambda rng: (package(make(rng)), "package" + ext)


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)

fixed(
    "package",
    "package_yaml",
    [
        ("alias-bomb", _yaml(lambda rng: ALIAS_BOMB)),
        (
            "alias-bomb-in-unit",
            _yaml(lambda rng: ALIAS_BOMB + example_yaml().replace("单位:", "单位: *i\\n原单位:", 1)),
        ),
        (
            "alias-bomb-mapping",
            _yaml(
                lambda rng: (
                    "a: &a {x: 1, y: 1, z: 1}\n"
                    + "".join(
                        f"{b}: &{b} {{{', '.join(f'k{i}: *{a}' for i in range(9))}}}\n"
                        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
                    )
                )
            ),
        ),
        ("recursive-alias", _yaml(lambda rng: "a: &a [*a]\n")),
        ("recursive-merge", _yaml(lambda rng: "a: &a\n  <<: *a\n  x: 1\n")),
        ("undefined-alias", _yaml(lambda rng: "单位: *nothing\n")),
        ("10k-anchors", _yaml(lambda rng: "".join(f"k{i}: &a{i} {i}\n" for i in range(10_000)))),
        ("deep-flow-5000", _yaml(lambda rng: "单位: " + "[" * 5000 + "]" * 5000 + "\n")),
        ("deep-flow-map-5000", _yaml(lambda rng: "单位: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n")),
        ("deep-block-5000", _yaml(lambda rng: "".join(" " * i + f"k{i}:\n" for i in range(5000)))),
        ("deep-flow-100000", _yaml(lambda rng: "单位: " + "[" * 100_000 + "]" * 100_000 + "\n")),
        ("unit-name-10MB", _yaml(lambda rng: _set("名称", "大" * 3_500_000))),
        ("unit-name-10MB-ascii", _yaml(lambda rng: _set("名称", "a" * 10_000_000))),
        ("comment-20MB", _yaml(lambda rng: example_yaml() + ("#" + "x" * 999 + "\n") * 20_000)),
        (
            "100k-keys",
            _yaml(lambda rng: example_yaml() + "其他:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000))),
        ),
        ("long-key", _yaml(lambda rng: example_yaml() + "k" * 1_000_000 + ": 1\n")),
        ("unit-is-list", _yaml(lambda rng: example_yaml().replace("单位:\n", "单位: [1, 2]\n旧单位:\n", 1))),
        ("unit-is-string", _yaml(lambda rng: example_yaml().replace("单位:\n", "单位: 大同\n旧单位:\n", 1))),
        ("unit-is-null", _yaml(lambda rng: example_yaml().replace("单位:\n", "单位: ~\n旧单位:\n", 1))),
        ("name-is-number", _yaml(lambda rng: _set("名称", "123"))),
        ("name-is-list", _yaml(lambda rng: _set("名称", "[a, b]"))),
        ("name-is-map", _yaml(lambda rng: _set("名称", "{a: b}"))),
        ("name-empty", _yaml(lambda rng: _set("名称", '""'))),
        ("name-control-chars", _yaml(lambda rng: _set("名称", '"\\x00\\x1b[31m\\u202e大同\\n\\r"'))),
        ("name-path-like", _yaml(lambda rng: _set("名称", f'"../../../tmp/{ESCAPE_NAME}"'))),
        ("name-surrogate", _yaml(lambda rng: _set("名称", '"\\ud800"'))),
        ("year-chinese", _yaml(lambda rng: _set("年度", "二〇二四"))),
        ("year-huge", _yaml(lambda rng: _set("年度", "9" * 5000))),
        ("year-negative", _yaml(lambda rng: _set("年度", "-1"))),
        ("year-float", _yaml(lambda rng: _set("年度", "2024.5"))),
        ("year-bool", _yaml(lambda rng: _set("年度", "true"))),
        ("year-inf", _yaml(lambda rng: _set("年度", ".inf"))),
        ("year-date", _yaml(lambda rng: _set("年度", "2024-12-31"))),
        ("year-zero", _yaml(lambda rng: _set("年度", "0"))),
        ("year-1e309", _yaml(lambda rng: _set("年度", "1e309"))),
        ("unit-type-unknown", _yaml(lambda rng: _set("单位类型", "火星单位"))),
        ("amount-huge", _yaml(lambda rng: _set("收入总计", "9" * 5000))),
        ("amount-nan", _yaml(lambda rng: _set("收入总计", ".nan"))),
        ("amount-text", _yaml(lambda rng: _set("收入总计", "很多"))),
        ("amount-list", _yaml(lambda rng: _set("收入总计", "[1, 2]"))),
        (
            "amounts-all-negative",
            _yaml(lambda rng: re.sub(r"(?m)^(\s+[^:#\n]+:) (\d+(?:\.\d+)?)\s*$", r"\1 -\2", example_yaml())),
        ),
        (
            "amounts-all-strings",
            _yaml(
                lambda rng: re.sub(r"(?m)^(\s+[^:#\n]+:) (\d+(?:\.\d+)?)\s*$", r'\1 "\2万"', example_yaml())
            ),
        ),
        (
            "duties-is-number",
            _yaml(lambda rng: example_yaml().replace("  职责:\n", "  职责: 1\n  旧职责:\n", 1)),
        ),
        (
            "sections-swapped-types",
            _yaml(lambda rng: re.sub(r"(?m)^(\S[^:\n]*):\s*$", r"\1: 1\n\1_old:", example_yaml())),
        ),
        ("top-level-list", _yaml(lambda rng: "- 1\n- 2\n")),
        ("top-level-scalar", _yaml(lambda rng: "大同\n")),
        ("empty-yaml", _yaml(lambda rng: "")),
        ("only-comments", _yaml(lambda rng: "# nothing\n")),
        ("multi-document", _yaml(lambda rng: example_yaml() + "\n---\n" + example_yaml())),
        (
            "python-tag",
            _yaml(lambda rng: f'单位: !!python/object/apply:os.system ["touch /tmp/{ESCAPE_NAME}"]\n'),
        ),
        ("binary-tag", _yaml(lambda rng: _set("名称", "!!binary aGVsbG8="))),
        ("set-tag", _yaml(lambda rng: _set("名称", "!!set {a, b}"))),
        ("unknown-tag", _yaml(lambda rng: _set("名称", "!fuzz x"))),
        ("duplicate-keys", _yaml(lambda rng: example_yaml() + "\n单位:\n  名称: 另一个\n")),
        ("tabs-indent", _yaml(lambda rng: example_yaml().replace("  ", "\t"))),
        ("broken-yaml", _yaml(lambda rng: example_yaml()[: len(example_yaml()) // 2] + "\n  : : [\n")),
        ("gbk", _yaml(lambda rng: example_yaml().encode("gbk"))),
        ("utf16", _yaml(lambda rng: example_yaml().encode("utf-16"))),
        ("utf8-bom", _yaml(lambda rng: example_yaml().encode("utf-8-sig"))),
        ("latin1-bytes", _yaml(lambda rng: example_yaml().encode() + b"\xff\xfe\xfa")),
        ("nul-bytes", _yaml(lambda rng: example_yaml().replace("名称", "名\x00称"))),
        ("random-bytes", _yaml(lambda rng: rng.randbytes(5000))),
        ("budget-words", _yaml(lambda rng: example_yaml().replace("决算", "预算"))),
    ],
)


@family("package", 60)
def _package_yaml_mutated(rng, index):
    lines = example_yaml().split("\n")
    op = rng.choice(("delete", "duplicate", "indent", "value", "swap", "bytes"))
    if op == "bytes":
        label, data = mutate_bytes(rng, example_yaml().encode())
        return f"bytes-{label}", package(data), "package.zip"
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(lines))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines[i:i] = [lines[i]] * rng.randint(1, 5)
        elif op == "indent":
            lines[i] = " " * rng.choice((1, 3, 8)) + lines[i]
        elif op == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = rng.choice(
                (
                    "",
                    "~",
                    "[]",
                    "{}",
                    "-1",
                    "1e400",
                    "'x'",
                    "9" * 400,
                    "&x 1",
                    "*x",
                    "|",
                    ">",
                    "!!str",
                    '"\\x00"',
                )
            )
            lines[i] = f"{key}: {value}"
    return op, package("\n".join(lines)), "package.zip"


def _workbook(make: Callable[[random.Random], bytes]):
    return lambda rng: (package(workbook=make(rng)), "package.zip")


def _sheet_bytes(index: int) -> Callable[[random.Random], bytes]:
    variants = dict(XLSX_XML)

    def make(rng):
        return variants[PACKAGE_SHEETS[index]](rng)[0]

    return make


PACKAGE_SHEETS = (
    "dimension-huge",
    "million-cells",
    "value-5000-digits",
    "billion-laughs",
    "nested-5000",
    "broken-xml",
    "no-sheets",
    "merged-whole-sheet",
    "shared-string-index-huge",
    "formula-deep",
)

fixed(
    "package",
    "package_workbook",
    [
        ("workbook-random-bytes", _workbook(lambda rng: rng.randbytes(20_000))),
        ("workbook-empty", _workbook(lambda rng: b"")),
        ("workbook-truncated", _workbook(lambda rng: example_workbook()[: len(example_workbook()) // 2])),
        ("workbook-is-docx", _workbook(lambda rng: base_docx())),
        ("workbook-is-text", _workbook(lambda rng: reference().encode())),
        ("workbook-is-pdf", _workbook(lambda rng: minimal_pdf())),
        ("workbook-zip-bomb", _workbook(lambda rng: _bomb_zip(example_workbook()))),
        (
            "workbook-encrypted",
            _workbook(lambda rng: patch_member(example_workbook(), "xl/worksheets/sheet1.xml", flags=1)),
        ),
        (
            "workbook-imploded",
            _workbook(lambda rng: patch_member(example_workbook(), "xl/worksheets/sheet1.xml", method=6)),
        ),
        ("workbook-report", _workbook(lambda rng: built().get("xlsx") or example_workbook())),
        *[(f"sheet-{label}", _workbook(_sheet_bytes(i))) for i, label in enumerate(PACKAGE_SHEETS)],
    ],
)


@family("package", 40)
def _package_workbook_mutated(rng, index):
    if index % 2:
        label, data = mutate_bytes(rng, example_workbook())
        return f"bytes-{label}", package(workbook=data), "package.zip"
    label, data, _ = _xlsx_cells(rng, index) if index % 4 else _xlsx_xml_mutated(rng, index)
    return label, package(workbook=data), "package.zip"


def _package_layout(make: Callable[[random.Random], bytes], name: str = "package.zip"):
    return lambda rng: (make(rng), name)


fixed(
    "package",
    "package_layout",
    [
        ("in-a-folder", _package_layout(lambda rng: package(folder="大同/"))),
        (
            "two-folders",
            _package_layout(
                lambda rng: rezip(
                    package(folder="a/"),
                    add=[
                        ("b/" + TABLES_FILE, example_workbook()),
                        ("b/" + INFO_FILE, example_yaml().encode()),
                    ],
                )
            ),
        ),
        ("deep-folder", _package_layout(lambda rng: package(folder="d/" * 1500))),
        (
            "yml-extension",
            _package_layout(
                lambda rng: rezip(
                    package(), {INFO_FILE: None}, add=[("单位信息.yml", example_yaml().encode())]
                )
            ),
        ),
        (
            "both-yaml-names",
            _package_layout(lambda rng: rezip(package(), add=[("单位信息.yml", b"a: &a [*a]\n")])),
        ),
        (
            "folder-entries-only",
            _package_layout(
                lambda rng: rezip(_empty_zip(), add=[(TABLES_FILE + "/", b""), (INFO_FILE + "/", b"")])
            ),
        ),
        ("symlink-member", _package_layout(lambda rng: _symlink_zip())),
        ("as-docx-name", _package_layout(lambda rng: package(), "package.docx")),
        ("as-xlsx-name", _package_layout(lambda rng: package(), "package.xlsx")),
        ("no-extension", _package_layout(lambda rng: package(), "package")),
        ("reference-unchanged", _package_layout(lambda rng: package())),
    ],
)
_zip_family("package", "package_zip", package, ".zip")


@family("package", 20)
def _package_bytes(rng, index):
    label, data = mutate_bytes(rng, package())
    return label, data, "package.zip"


def _symlink_zip() -> bytes:
    """A package whose YAML member is a symbolic link to /etc/passwd (Unix mode bits)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(stamped(TABLES_FILE), example_workbook())
        info = zipfile.ZipInfo(INFO_FILE)
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# Other: what is not a disclosure at all, and files named for the wrong kind.

MAGIC = {
    "ole-doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
    "ole-xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
    "ole-as-docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".docx"),
    "png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "png-as-pdf": (b"\x89PNG\r\n\x1a\n", ".pdf"),
    "gif": (b"GIF89a", ".gif"),
    "jpeg": (b"\xff\xd8\xff\xe0", ".jpg"),
    "elf": (b"\x7fELF\x02\x01\x01", ""),
    "gzip": (b"\x1f\x8b\x08\x00", ".gz"),
    "gzip-as-txt": (b"\x1f\x8b\x08\x00", ".txt"),
    "7z": (b"7z\xbc\xaf\x27\x1c", ".7z"),
    "rar": (b"Rar!\x1a\x07\x00", ".rar"),
    "rtf": (b"{\\rtf1\\ansi ", ".rtf"),
    "rtf-as-docx": (b"{\\rtf1\\ansi ", ".docx"),
    "pk-only": (b"PK\x03\x04", ".xlsx"),
    "pk-empty-as-docx": (b"PK\x05\x06" + bytes(18), ".docx"),
    "pdf-magic-as-xlsx": (b"%PDF-1.7\n", ".xlsx"),
    "utf16-bom": (b"\xff\xfe", ".txt"),
    "ofd": (b"PK\x03\x04", ".ofd"),
    "wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".wps"),
}


def _magic_case(magic: bytes, ext: str) -> Callable[[random.Random], tuple[bytes, str]]:
    return lambda rng: (magic + rng.randbytes(rng.choice((0, 100, 50_000))), "file" + ext)


def _html_page(rng) -> tuple[bytes, str]:
    return b"<html><head><title>404 Not Found</title></head><body><h1>404</h1>" + rng.randbytes(
        100
    ).hex().encode() + b"</body></html>", "page.html"


fixed(
    "other",
    "other_fixed",
    [
        *[(label, _magic_case(m, e)) for label, (m, e) in MAGIC.items()],
        ("empty-pdf", lambda rng: (b"", "empty.pdf")),
        ("empty-docx", lambda rng: (b"", "empty.docx")),
        ("empty-xlsx", lambda rng: (b"", "empty.xlsx")),
        ("empty-no-extension", lambda rng: (b"", "empty")),
        ("html-404", _html_page),
        ("html-404-as-pdf", lambda rng: (_html_page(rng)[0], "report.pdf")),
        ("html-404-as-xlsx", lambda rng: (_html_page(rng)[0], "report.xlsx")),
        ("html-reference", lambda rng: (_html(rng)[0], "report.html")),
        ("json", lambda rng: (b'{"findings": [' + b"[" * 10_000 + b"]" * 10_000 + b"]}", "report.json")),
        ("csv-cells", lambda rng: (b"table,row,col,value\n" + b"01,1,1,1126.92\n" * 10_000, "cells.csv")),
        ("csv-as-xlsx", lambda rng: (b"table,row,col,value\n01,1,1,1126.92\n", "cells.xlsx")),
        ("txt-as-pdf", lambda rng: (reference().encode(), "report.pdf")),
        ("txt-as-docx", lambda rng: (reference().encode(), "report.docx")),
        ("txt-as-xlsx", lambda rng: (reference().encode(), "report.xlsx")),
        ("docx-as-xlsx", lambda rng: (base_docx(), "report.xlsx")),
        ("docx-as-pdf", lambda rng: (base_docx(), "report.pdf")),
        ("docx-as-txt", lambda rng: (base_docx(), "report.txt")),
        ("xlsx-as-docx", lambda rng: (example_workbook(), "report.docx")),
        ("xlsx-as-txt", lambda rng: (example_workbook(), "report.txt")),
        ("pdf-as-xlsx", lambda rng: (base_pdf(), "report.xlsx")),
        ("package-zip-as-xlsx", lambda rng: (package(), "report.xlsx")),
        ("package-zip-as-zip", lambda rng: (package(), "report.zip")),
        ("reference-uppercase-ext", lambda rng: (reference().encode(), "REPORT.TXT")),
        ("reference-no-extension", lambda rng: (reference().encode(), "report")),
        ("reference-csv", lambda rng: (reference().encode(), "report.csv")),
        ("reference-long-name", lambda rng: (reference().encode(), "决" * 80 + ".txt")),
        ("reference-odd-name", lambda rng: (reference().encode(), "-o --help ;$(x) 'a\"b.txt")),
        ("reference-newline-name", lambda rng: (reference().encode(), "a\nb.txt")),
        ("pdf-docx-polyglot", lambda rng: (minimal_pdf() + base_docx(), "poly.pdf")),
        ("docx-pdf-polyglot", lambda rng: (base_docx() + minimal_pdf(), "poly.docx")),
    ],
)


@family("other", 60)
def _other_random(rng, index):
    ext = rng.choice((".txt", ".pdf", ".docx", ".xlsx", "", ".bin", ".zip"))
    size = rng.choice((1, 2, 16, 1000, 100_000, 2_000_000))
    return f"random{ext}", rng.randbytes(size), "random" + ext


@family("other", 40)
def _other_misnamed(rng, index):
    """A mutated file of one kind saved under another kind's name."""
    source = rng.choice(("pdf", "docx", "xlsx", "txt", "package"))
    data = {
        "pdf": base_pdf,
        "docx": base_docx,
        "xlsx": example_workbook,
        "txt": lambda: reference().encode(),
        "package": package,
    }[source]()
    label, data = mutate_bytes(rng, data, rounds=1)
    ext = rng.choice([e for e in (".pdf", ".docx", ".xlsx", ".txt") if e != "." + source])
    return f"{source}-as-{ext[1:]}-{label}", data, "file" + ext


# --------------------------------------------------------------------------------------------------
# Folders, for `juesuan check FOLDER` (a batch) and `juesuan build FOLDER`.


@dataclass(frozen=True)
class FolderCase:
    name: str
    path: Path  # what to give the command
    command: str  # "check" or "build"


def folder_cases(root: Path, seed: int = 0) -> list[FolderCase]:
    """Hostile folders written under `root` (which should be empty): too deep, too many files,
    names that are not UTF-8, symbolic link loops, a FIFO that never ends, packages whose files are
    not files."""
    rng = random.Random(f"{seed}:folders")
    root = Path(root)
    small = reference().encode()
    made: list[FolderCase] = []

    def folder(name: str) -> Path:
        path = root / name
        path.mkdir(parents=True)
        return path

    deep = folder("deep-1500")
    path = deep
    for _ in range(1500):  # one mkdir at a time relative to the last, so no path gets too long for a call
        path = path / "d"
        try:
            os.mkdir(path)
        except OSError:
            break
    try:
        fd = os.open(".", os.O_RDONLY)
        os.chdir(path)
        Path("reference.txt").write_bytes(small)
        os.chdir(fd)
        os.close(fd)
    except OSError:
        pass
    made.append(FolderCase("folder/deep-1500", deep, "check"))

    many = folder("many-5000-files")
    for i in range(5000):
        (many / f"{i:05d}.txt").write_bytes(b"" if i % 3 else rng.randbytes(64))
    made.append(FolderCase("folder/many-5000-files", many, "check"))

    wide = folder("many-3000-folders")
    for i in range(3000):
        (wide / str(i)).mkdir()
    (wide / "2999" / "reference.txt").write_bytes(small)
    made.append(FolderCase("folder/many-3000-folders", wide, "check"))

    odd = folder("unreadable-names")
    for raw in (
        b"\xff\xfe.txt",
        b"\xc3\x28.pdf",
        "决".encode("gbk") + b".txt",
        b"a\nb.txt",
        b"-h.txt",
        b" .txt",
    ):
        with open(os.path.join(os.fsencode(odd), raw), "wb") as out:
            out.write(small)
    (odd / ("长" * 80 + ".txt")).write_bytes(small)
    made.append(FolderCase("folder/unreadable-names", odd, "check"))

    loop = folder("symlink-loop")
    (loop / "reference.txt").write_bytes(small)
    os.symlink("..", loop / "up")
    os.symlink(".", loop / "self")
    os.symlink("self-link.txt", loop / "self-link.txt")
    os.symlink("nowhere.pdf", loop / "dangling.pdf")
    os.symlink("b.txt", loop / "a.txt")
    os.symlink("a.txt", loop / "b.txt")
    made.append(FolderCase("folder/symlink-loop", loop, "check"))

    devices = folder("devices")
    os.symlink("/dev/zero", devices / "zero.txt")
    os.symlink("/dev/urandom", devices / "random.pdf")
    (devices / "folder.pdf").mkdir()
    made.append(FolderCase("folder/devices", devices, "check"))

    fifo = folder("fifo")
    os.mkfifo(fifo / "never.txt")
    made.append(FolderCase("folder/fifo", fifo, "check"))

    unreadable = folder("no-permission")
    (unreadable / "secret.txt").write_bytes(small)
    (unreadable / "secret.txt").chmod(0)
    made.append(FolderCase("folder/no-permission", unreadable, "check"))

    for name, setup in (
        (
            "tables-is-folder",
            lambda p: ((p / TABLES_FILE).mkdir(), (p / INFO_FILE).write_text(example_yaml())),
        ),
        (
            "yaml-is-fifo",
            lambda p: ((p / TABLES_FILE).write_bytes(example_workbook()), os.mkfifo(p / INFO_FILE)),
        ),
        (
            "yaml-is-dev-zero",
            lambda p: (
                (p / TABLES_FILE).write_bytes(example_workbook()),
                os.symlink("/dev/zero", p / INFO_FILE),
            ),
        ),
        (
            "tables-symlink-loop",
            lambda p: (os.symlink(TABLES_FILE, p / TABLES_FILE), (p / INFO_FILE).write_text(example_yaml())),
        ),
        ("empty-package-folder", lambda p: None),
    ):
        package_folder = folder("package-" + name)
        setup(package_folder)
        made.append(FolderCase(f"folder/package-{name}", package_folder, "build"))
    return made


def main() -> None:
    import argparse
    import collections
    import time

    parser = argparse.ArgumentParser(description="Make the hostile inputs; list or save them.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--list", action="store_true", help="list the families and their counts")
    parser.add_argument("--save", type=Path, help="write every case into this folder")
    args = parser.parse_args()
    start = time.perf_counter()
    made = cases(args.seed, args.count)
    took = time.perf_counter() - start
    if args.list:
        per_family = collections.Counter(case.name.rsplit("/", 1)[0] for case in made)
        for name, n in sorted(per_family.items()):
            print(f"{n:5d}  {name}")
    per_kind = collections.Counter(case.kind for case in made)
    print("  ".join(f"{kind} {per_kind[kind]}" for kind in KINDS), f"total {len(made)}", f"({took:.1f} s)")
    if args.save:
        for case in made:
            path = args.save / case.name.replace("/", "__") / Path(case.filename).name.replace("\n", "_")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(case.data)


if __name__ == "__main__":
    main()
