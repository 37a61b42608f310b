"""Stage 2, metadata: the bulletin's title, year, period and its end, publication date and issuer,
from its text and its page's tags; an attachment's completed by the page it came from; a period the
title does not state, from the latest month its progress figures reach."""

from __future__ import annotations

from pathlib import PurePath

from ..model import SECTION_PROGRESS, Metadata, ParsedFigure
from .dates import year_of
from .periods import end_of_period
from .reader import cutoff_period, latest_cutoff, read_metadata

__all__ = ["period_from_figures", "read_metadata", "titled_by_file", "with_cover"]


def with_cover(meta: Metadata, cover: Metadata) -> Metadata:
    """An attachment's metadata, completed by its page's (``cover``) where the attachment says
    nothing; a period comes whole (label and end) from one or the other."""
    period, end = (
        (meta.period_label, meta.period_end)
        if meta.period_label
        else (cover.period_label, cover.period_end)
    )
    return Metadata(
        meta.title or cover.title,
        meta.year or cover.year,
        period,
        end,
        meta.published_at or cover.published_at,
        meta.issuer or cover.issuer,
    )


def period_from_figures(meta: Metadata, figures: list[ParsedFigure], kind: str) -> Metadata:
    """A progress bulletin whose title states no period: the latest month its progress figures'
    period phrases reach (截至8月底 -> 1-8月)."""
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
        return _full_year_by_its_december(meta)
    label, end = cutoff_period(meta.year, cutoff)
    return Metadata(meta.title, meta.year, label, end, meta.published_at, meta.issuer)


def _full_year_by_its_december(meta: Metadata) -> Metadata:
    """A report titled by its year alone (青溪县2022年民生实事完成情况), published in that year's
    December, whose figures reach no cut-off: the full year."""
    published = meta.published_at
    if not (published and (published.year, published.month) == (meta.year, 12)):
        return meta
    if year_of(meta.title or "") != meta.year:
        return meta
    return Metadata(
        meta.title, meta.year, "全年", end_of_period("全年", meta.year), published, meta.issuer
    )


def titled_by_file(meta: Metadata, source_name: str) -> Metadata:
    """A bulletin whose text states no title is named by its file (its name without the
    extension), never left blank. Applied after the structure stage, which reads the title the
    text states (or none) to find where the content begins."""
    if meta.title or not source_name:
        return meta
    title = PurePath(source_name).stem
    return Metadata(
        title, meta.year, meta.period_label, meta.period_end, meta.published_at, meta.issuer
    )
