"""Renderers: one module per output format behind one registry.

`render(disclosure, fmt)` returns the file's bytes, drawn in the template the disclosure follows
(`disclosure.template`); each renderer is imported only when used.
"""

from __future__ import annotations

import importlib

from juesuan.model import Disclosure

RENDERERS: dict[str, str] = {
    "html": "juesuan.render.html",
    "pdf": "juesuan.render.pdf",
    "docx": "juesuan.render.docx",
    "xlsx": "juesuan.render.xlsx",
}


def render(disclosure: Disclosure, fmt: str) -> bytes:
    """The disclosure as a file of the given format (html, pdf, docx, xlsx)."""
    if fmt not in RENDERERS:
        raise ValueError(f"不支持的输出格式：{fmt}（可选：{'、'.join(RENDERERS)}）")
    from juesuan.catalogue.templates import template_of, under

    with under(template_of(disclosure)):  # its tables, titles and order, whatever the format
        return importlib.import_module(RENDERERS[fmt]).render(disclosure)
