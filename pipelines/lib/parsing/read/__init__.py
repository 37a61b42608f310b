"""Stage 1, read: a file's bytes decoded (or a Word, Excel or PDF document rendered) to one
:class:`~pipelines.lib.parsing.model.Document`: the normalised body text, the grids of its tables and
its page's tags."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Document, RejectedFile
from .html import looks_like_html, render_html
from .text import normalize_text, read_file, strip_readings

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits

__all__ = ["read_document", "read_file", "read_page"]


def read_document(text: str, source_format: str | None, limits: InputLimits) -> Document:
    """A decoded bulletin (text, HTML, or a document rendered as HTML) as one Document. Raise
    RejectedFile for a writing template, or for tables that lay out more cells than ``limits``."""
    document = read_page(text, source_format, limits)
    if is_template(document.body):
        raise RejectedFile(
            "a template, not a bulletin: its figures are placeholders (x, XX, ***) in place of numbers"
        )
    return document


def read_page(text: str, source_format: str | None, limits: InputLimits) -> Document:
    """A decoded text or HTML page as one Document (an attachment's page is read for its metadata
    only: whatever it states, it is not judged as a bulletin)."""
    text = strip_readings(text)
    grids, tags = [], {}
    if looks_like_html(text):
        page = render_html(text, limits)
        text, grids = page.text, page.grids
        tags = {name: normalize_text(value) for name, value in page.tags.items()}
        source_format = source_format or "html"
    return Document(normalize_text(text), grids, tags, source_format or "text")


# A writing template (范文) fills the places of its numbers with x, XX or ***: three of them make one
TEMPLATE_PLACEHOLDERS = 3
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:[xX]{1,3}|\*{2,}|×{2,})(?=\s?(?:%|个|项|家|亿|万|元|人|月|日|年|位|件|户|所))"
)


def is_template(body: str) -> bool:
    return len(_PLACEHOLDER.findall(body)) >= TEMPLATE_PLACEHOLDERS
