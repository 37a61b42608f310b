"""Parsing one bulletin: its text and page, its metadata, its tasks (from a table or from numbered
prose), and the figures and identities of each task."""

from __future__ import annotations

import hashlib
import re

from pipelines.lib.settings import InputLimits, input_limits

from .breakdowns.identities import find_identities
from .figures.finder import column_figure, extract_figures
from .metadata.reader import cutoff_period, latest_cutoff, read_metadata
from .model import (
    SECTION_PROGRESS,
    SECTION_TASK,
    Metadata,
    ParsedBulletin,
    ParsedFigure,
    ParsedIdentity,
    RejectedFile,
    Task,
)
from .read.html import looks_like_html, render_html
from .read.text import normalize_text, read_file, strip_readings
from .structure.prose import reads_as_bulletin
from .structure.task_readers import Source, read_tasks

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
) -> ParsedBulletin:
    """Parse a decoded bulletin (text, HTML, or a document rendered as HTML). ``companion``: the
    page an attachment came from, which gives the title, dates and issuer the attachment lacks.
    Raise RejectedFile if it holds no tasks, or if its tables lay out more cells than ``limits``
    allow (the settings' if not given)."""
    limits = limits or input_limits()
    text = strip_readings(text)
    grids, tags = [], {}
    if looks_like_html(text):
        page = render_html(text, limits)
        text, grids = page.text, page.grids
        tags = {name: normalize_text(value) for name, value in page.tags.items()}
        source_format = source_format or "html"
    body = normalize_text(text)
    if is_template(body):
        raise RejectedFile(
            "a template, not a bulletin: its figures are placeholders (x, XX, ***) in place of numbers"
        )
    meta = read_metadata(body, tags)
    if companion:
        meta = _with_page_metadata(meta, companion, limits)
    tasks, layout, kind = _read_tasks(body, grids, meta.title)
    figures, identities = read_figures(body, tasks, kind)
    meta = _period_from_text(meta, figures, kind)
    return ParsedBulletin(
        bulletin_id=bulletin_id_for(content_sha256),
        content_sha256=content_sha256,
        encoding=encoding,
        title=meta.title,
        year=meta.year,
        period_label=meta.period_label,
        period_end=meta.period_end,
        published_at=meta.published_at,
        issuer=meta.issuer,
        kind=kind,
        body_text=body,
        tasks=tasks,
        figures=figures,
        identities=identities,
        layout=layout,
        source_format=source_format or "text",
    )


_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:[xX]{1,3}|\*{2,}|×{2,})(?=\s?(?:%|个|项|家|亿|万|元|人|月|日|年|位|件|户|所))"
)


def is_template(body: str) -> bool:
    """A writing template (范文) fills the places of its numbers with x, XX or ***."""
    return len(_PLACEHOLDER.findall(body)) >= 3


def _read_tasks(body: str, grids: list, title: str) -> tuple[list[Task], str, str]:
    """The bulletin's tasks, its layout and kind, as the task reader that fits it best reads them
    (pipelines/lib/parsing/task_readers)."""
    found = read_tasks(Source(body, grids, title))
    if found is None:
        raise RejectedFile(_no_tasks_reason(title, body))
    return found.tasks, found.layout, found.kind


def _no_tasks_reason(title: str, body: str) -> str:
    if not reads_as_bulletin(title, body):
        return (
            "does not read as a progress bulletin: no task table, and none of the genre's words "
            "(重点工作, 目标任务, 完成情况, 进展情况, 督查 …)"
        )
    return (
        "no tasks were found: no task table (a header row with a task column such as 重点工作 or "
        "工作事项 over numbered rows) and no numbered sections (一、/(一)/1.) stating figures"
    )


def read_figures(
    body: str, tasks: list[Task], kind: str
) -> tuple[list[ParsedFigure], list[ParsedIdentity]]:
    """The figures of every task's spans, and the identities the text states among them."""
    figures: list[ParsedFigure] = []
    identities: list[ParsedIdentity] = []
    for task in tasks:
        for span in task.spans:
            found = extract_figures(body, span.start, span.end)
            offset = len(figures)
            for f in found:
                section = span.section
                if kind == "plan" or any(a <= f.char_start < b for a, b in task.target_ranges):
                    section = SECTION_TASK
                item_no = None
                if section == SECTION_PROGRESS or task.target_ranges:
                    for item in task.items:
                        if item.char_start <= f.char_start < item.char_end + 1:
                            item_no = item.item_no
                figures.append(ParsedFigure(task.seq, section, item_no, f))
            for ident in find_identities(body, found, span.start, span.end):
                identities.append(
                    ParsedIdentity(
                        task_seq=task.seq,
                        section=figures[offset + ident.whole].section,
                        whole=offset + ident.whole,
                        parts=[offset + p for p in ident.parts],
                        relation=ident.relation,
                        rule=ident.rule,
                        holds=ident.holds(found),
                    )
                )
        for cf in task.column_figures:
            figure = column_figure(body, cf.start, cf.end, cf.measure, cf.unit)
            section = SECTION_TASK if kind == "plan" else cf.section
            figures.append(ParsedFigure(task.seq, section, None, figure))
    return figures, identities


def _with_page_metadata(meta: Metadata, page: str, limits: InputLimits) -> Metadata:
    """An attachment's metadata, completed by its page's where the attachment says nothing."""
    page = strip_readings(page)
    tags: dict[str, str] = {}
    if looks_like_html(page):
        rendered = render_html(page, limits)
        page, tags = rendered.text, {k: normalize_text(v) for k, v in rendered.tags.items()}
    cover = read_metadata(normalize_text(page), tags)
    title = meta.title or cover.title
    year = meta.year or cover.year
    period, end = (
        (meta.period_label, meta.period_end)
        if meta.period_label
        else (
            cover.period_label,
            cover.period_end,
        )
    )
    return Metadata(
        title,
        year,
        period,
        end,
        meta.published_at or cover.published_at,
        meta.issuer or cover.issuer,
    )


def _period_from_text(meta: Metadata, figures: list[ParsedFigure], kind: str) -> Metadata:
    """A title without a period: the latest month the progress figures' period phrases reach."""
    if meta.period_label is not None or meta.year is None or kind != "progress":
        return meta
    cutoff = latest_cutoff(
        [
            f.figure.period_label
            for f in figures
            if f.section == SECTION_PROGRESS and f.figure.period_label
        ]
    )
    if cutoff is None:
        return meta
    label, end = cutoff_period(meta.year, cutoff)
    return Metadata(meta.title, meta.year, label, end, meta.published_at, meta.issuer)


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
    )
