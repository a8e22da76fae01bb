"""Charts of the compare questions: horizontal bars, PNG or SVG, in a CJK font asked by family name.

The font is "Noto Sans CJK SC" (Debian fonts-noto-cjk): its .ttc holds ten faces and the first
is Japanese, so it is chosen by family name, never by file.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.store.compare import Question

FONT = "Noto Sans CJK SC"
FORMATS = ("png", "svg")


def bar_chart(question: Question, columns: list[str], rows: list[tuple], path: Path) -> Path:
    """The question's value column as horizontal bars, one per row, largest on top."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    labels = [_label(columns, row, question.labels) for row in rows]
    values = [float(row[columns.index(question.value)] or 0) for row in rows]
    with pyplot.rc_context({"font.family": FONT, "axes.unicode_minus": False, "svg.hashsalt": "juesuan"}):
        figure, axes = pyplot.subplots(figsize=(9, 0.35 * len(rows) + 1.5))
        axes.barh(labels[::-1], values[::-1], color="#3a6ea5")
        axes.set_title(question.title)
        axes.set_xlabel(question.value)
        figure.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, metadata=_metadata(path))
        pyplot.close(figure)
    return path


def _label(columns: list[str], row: tuple, names: tuple[str, ...]) -> str:
    parts = [str(row[columns.index(name)]) for name in names if row[columns.index(name)] is not None]
    return "（".join(parts) + ("）" if len(parts) > 1 else "")


def _metadata(path: Path) -> dict[str, object]:
    """No creation date in the file, so that the same data draws the same bytes."""
    return {"Date": None} if path.suffix == ".svg" else {"Software": None}
