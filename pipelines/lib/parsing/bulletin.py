"""Parsing one bulletin: seven stages over one model (:mod:`.model`), each run once, in this order.

1. read: the file's text (or document) as one normalised Document (:mod:`.read`)
2. metadata: title, year, period, dates, issuer (:mod:`.metadata`)
3. structure: the tasks, as the task reader that fits best reads them (:mod:`.structure`)
4. figures: every figure of every task's spans (:mod:`.figures`)
5. breakdowns: the wholes and parts stated among them, and whether each holds (:mod:`.breakdowns`)
6. targets: each target linked to the progress figure that reports on it (:mod:`.targets`)
7. meaning: each figure's role, subject and measure (:mod:`.meaning`)
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from pipelines.lib.settings import InputLimits, input_limits

from .breakdowns import find_breakdowns
from .figures import read_figures
from .meaning import figure_meanings
from .metadata import period_from_figures, read_metadata, titled_by_file, with_cover
from .model import ParsedBulletin
from .read import read_document, read_file, read_page
from .structure import read_structure
from .targets import link_bulletin_targets

KEY_LENGTH = 16  # hex digits of the content's SHA-256 that name a bulletin


def bulletin_id_for(content_sha256: str) -> str:
    return content_sha256[:KEY_LENGTH]


def parse_document(
    text: str,
    content_sha256: str,
    encoding: str | None = "utf-8",
    source_format: str | None = None,
    companion: str | None = None,
    limits: InputLimits | None = None,
    source_name: str = "",
) -> ParsedBulletin:
    """Parse a decoded bulletin (text, HTML, or a document rendered as HTML). ``companion``: the
    page an attachment came from, which gives the title, dates and issuer the attachment lacks;
    ``source_name``: its file, whose name is the title of a bulletin that states none.
    Raise RejectedFile if it holds no tasks, or if its tables lay out more cells than ``limits``
    allow (the settings' if not given)."""
    limits = limits or input_limits()
    document = read_document(text, source_format, limits)
    meta = read_metadata(document.body, document.tags)
    if companion:
        cover = read_page(companion, None, limits)
        meta = with_cover(meta, read_metadata(cover.body, cover.tags))
    structure = read_structure(document, meta)
    figures, spans = read_figures(document.body, structure.tasks, structure.kind)
    identities = find_breakdowns(document.body, figures, spans)
    target_links = link_bulletin_targets(figures, structure.layout)
    meta = period_from_figures(meta, figures, structure.kind)
    meta = titled_by_file(meta, source_name)
    parsed = ParsedBulletin(
        bulletin_id=bulletin_id_for(content_sha256),
        content_sha256=content_sha256,
        encoding=encoding,
        title=meta.title,
        year=meta.year,
        period_label=meta.period_label,
        period_end=meta.period_end,
        published_at=meta.published_at,
        issuer=meta.issuer,
        kind=structure.kind,
        body_text=document.body,
        tasks=structure.tasks,
        figures=figures,
        identities=identities,
        target_links=target_links,
        layout=structure.layout,
        source_format=document.source_format,
    )
    return replace(parsed, meanings=figure_meanings(parsed))


def parse_bytes(data: bytes, name: str = "", limits: InputLimits | None = None) -> ParsedBulletin:
    """Read (decode or render), normalise and parse a bulletin file's bytes, within ``limits``
    (the settings' if not given). Raise RejectedFile with a reason."""
    limits = limits or input_limits()
    decoded = read_file(data, name, limits)
    return parse_document(
        decoded.text,
        hashlib.sha256(data).hexdigest(),
        decoded.encoding,
        decoded.source_format,
        limits=limits,
        source_name=name,
    )
