"""The packaged TOML data (templates, tables, the sentence catalogue) parsed once per machine.

tomllib is pure Python: parsing the templates and the sentence catalogue took about half a
billion instructions in every new process (docs/speed.md). `parsed_toml(text)` keeps what
tomllib made of a text, as `marshal` data in the user's cache folder (`$XDG_CACHE_HOME/juesuan`
or `~/.cache/juesuan`), under a hash of the text itself and of the Python that parsed it: a
changed file is a new text, so it is parsed anew, and nothing stale is ever served. A cache
folder that cannot be made or written, or an entry that cannot be read back, is passed over
silently: the text is parsed as before. `marshal` data cannot run code when read (unlike pickle);
a parsed result that `marshal` cannot hold (a TOML date) is simply not cached.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import tomllib
from pathlib import Path

try:  # hashlib's own import loads OpenSSL: ~4 ms of each new process, for a hash _blake2 has
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

_FORMAT = b"juesuan-toml-1"  # changes when what is stored changes
_SALT = _FORMAT + sys.version.encode() + b"\0"  # marshal's format and tomllib's reading are Python's


def cache_folder() -> Path:
    """Where parsed data is kept: `$XDG_CACHE_HOME/juesuan`, else `~/.cache/juesuan`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "juesuan" / "toml"


def parsed_toml(text: str) -> dict:
    """`tomllib.loads(text)`, from the cache when this very text was parsed before."""
    key = blake2b(_SALT + text.encode("utf-8"), digest_size=20).hexdigest()
    entry = cache_folder() / f"{key}.marshal"
    try:
        found = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        found = None
    if isinstance(found, dict):
        return found
    parsed = tomllib.loads(text)
    _store(entry, parsed)
    return parsed


def _store(entry: Path, parsed: dict) -> None:
    """Write the entry whole or not at all (a temporary file renamed); never fail the caller."""
    try:
        data = marshal.dumps(parsed)
    except ValueError:  # a value marshal cannot hold
        return
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
