"""What a long upload is doing: the step it is on, written by the worker process to a small file,
read by the page that uploaded it (`GET /progress/<id>`), which shows it with the time elapsed.

The browser makes the id (random, the shape of a result token) and adds it to the upload's
address; without one (a client without JavaScript, the API) nothing is written. The server
writes the first step (waiting for a worker) and removes the file when the upload is answered.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from juesuan.web.results import TOKEN, ResultStore

FOLDER = "progress"
WAITING = "排队等候空闲的工作进程"


class Progress:
    """Writes the steps of one job to its file (nothing when there is no file)."""

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None

    def step(self, words: str) -> None:
        if self.path is None:
            return
        temporary = self.path.with_suffix(".tmp")
        try:
            temporary.write_text(json.dumps({"step": words}, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:  # the upload was answered meanwhile and its file removed: nothing to tell
            pass

    def page(self, number: int, count: int) -> None:
        self.step(f"渲染原页面：第 {number} 页，共 {count} 页")


@contextlib.contextmanager
def tracked(store: ResultStore, progress_id: str | None) -> Iterator[str | None]:
    """The progress file of an upload (None without a well-formed id), removed afterwards."""
    if progress_id is None or not TOKEN.match(progress_id):
        yield None
        return
    folder = store.root / FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / f"{progress_id}.json"
    Progress(str(path)).step(WAITING)
    try:
        yield str(path)
    finally:
        path.unlink(missing_ok=True)


def read(store: ResultStore, progress_id: str) -> dict[str, object] | None:
    """The step an upload is on, or None when unknown (the page counts the time itself)."""
    if not TOKEN.match(progress_id):
        return None
    path = store.root / FOLDER / f"{progress_id}.json"
    try:
        said = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {"step": said.get("step", "")}
