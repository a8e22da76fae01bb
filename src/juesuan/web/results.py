"""Results kept on the server for a while: a temporary folder per result, named by a random token.

The token is the only thing a client names; file names inside a result are fixed by the app,
never taken from the request. Results older than the time to live are removed by `sweep`
(run periodically), and the whole store is removed when the app shuts down.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")
META = "meta.json"


@dataclass(frozen=True)
class Result:
    token: str
    folder: Path
    meta: dict

    def path(self, name: str) -> Path | None:
        """The file `name` of this result when it exists (`name` comes from the app's own list)."""
        path = self.folder / name
        return path if path.is_file() else None

    def write(self, name: str, data: bytes | str) -> None:
        content = data.encode("utf-8") if isinstance(data, str) else data
        (self.folder / name).write_bytes(content)


class ResultStore:
    def __init__(self, ttl_seconds: int, root: Path | None = None) -> None:
        self.ttl_seconds = ttl_seconds
        self._root = root
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        """The store's folder, made on first use (an app that stores nothing leaves nothing)."""
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="juesuan-web-"))
            self._root.mkdir(parents=True, exist_ok=True)
            return self._root

    def create(self, kind: str, **meta: object) -> Result:
        """A new, empty result of that kind and description; its files are written to it."""
        self.sweep()
        token = secrets.token_urlsafe(16)
        folder = self.root / token
        folder.mkdir(parents=True)
        description = {"kind": kind, "created": time.time(), **meta}
        (folder / META).write_text(json.dumps(description, ensure_ascii=False), encoding="utf-8")
        return Result(token, folder, description)

    def get(self, token: str, kind: str) -> Result | None:
        """The result of that token and kind, unless unknown, malformed or expired."""
        if not TOKEN.match(token) or self._root is None:
            return None
        folder = self._root / token
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("kind") != kind or self._expired(meta):
            return None
        return Result(token, folder, meta)

    def latest(self, kind: str, exclude: str = "", **meta: object) -> Result | None:
        """The newest unexpired result of that kind whose description has these values (the
        previous upload of the same unit and year), `exclude` being a token to pass over."""
        if self._root is None:
            return None
        found = [self.get(folder.name, kind) for folder in self._root.iterdir() if folder.name != exclude]
        same = [r for r in found if r and all(r.meta.get(k) == v for k, v in meta.items())]
        return max(same, key=lambda r: float(r.meta.get("created", 0)), default=None)

    def sweep(self) -> int:
        """Remove expired results; how many were removed."""
        removed = 0
        if self._root is None:
            return 0
        with self._lock:
            for folder in list(self._root.glob("*")):
                if self._expired(_description(folder)):
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
        return removed

    def close(self) -> None:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)

    def _expired(self, meta: dict) -> bool:
        return time.time() - float(meta.get("created", 0)) > self.ttl_seconds


def _description(folder: Path) -> dict:
    """A result's meta.json; for a folder without one (being made, or damaged), its age."""
    try:
        return json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        try:
            return {"created": folder.stat().st_mtime}
        except OSError:
            return {"created": time.time()}
