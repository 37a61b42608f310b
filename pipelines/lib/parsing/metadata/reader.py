"""A bulletin's own metadata: title, year, reporting period, publication date and issuer.

Government CMS pages state them in ``<meta>`` tags (ArticleTitle, PubDate, ContentSource, SiteName)
and in the page's title and info lines (发布日期 / 信息来源 / 发布机构, the footer's 主办单位); text
dumps only in their first lines. The tags win where present; a breadcrumb (首页 > 政务公开 > …), a
site section name or a table header is never the title, and an office's name alone (办公室, 督查室)
is never the issuer.

The parts are read by :mod:`.titles`, :mod:`.dates`, :mod:`.periods` and :mod:`.issuers`; their
names used elsewhere are importable from here.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Metadata
from ..read.lines import is_chrome, is_content_start, iter_lines
from .bodies import is_signature_line
from .dates import is_date_line, parse_date, published_date, year_of
from .issuers import find_issuer, normalize_issuer
from .periods import (
    PERIOD_ENDS,
    cutoff_period,
    end_of_period,
    latest_cutoff,
    month_end,
    month_period,
    period_of_opening,
    period_of_title,
)
from .titles import find_title, is_breadcrumb, is_site_breadcrumb, title_parts

__all__ = [
    "PERIOD_ENDS",
    "cutoff_period",
    "find_issuer",
    "find_title",
    "is_breadcrumb",
    "is_date_line",
    "is_signature_line",
    "latest_cutoff",
    "month_end",
    "month_period",
    "normalize_issuer",
    "parse_date",
    "period_of_title",
    "published_date",
    "read_metadata",
    "title_parts",
    "year_of",
]


# Where in the text each piece of metadata is looked for, in characters of the normalised body.
# A page's title, date and source sit in its first screen, after at most a site's navigation;
# a signature and date at its end. Looking further only finds the same words used in the text.
TOP_CHARS = 6000  # the lines a title can be among (a long navigation block included) …
TOP_LINES = 60  # … at most this many of them
HEAD_CHARS = 4000  # the publication date and the source line (发布日期, 来源)
TAIL_CHARS = 2000  # the signature block at the end (issuer, date) …
TAIL_LINES = 6  # … its last lines
ISSUER_TAIL_CHARS = 3000  # the closing text, where the issuing office signs
INTRO_CHARS = 800  # the opening paragraph after the title, which names what it reports on
PARAGRAPH_CHARS = 100  # a line longer than this is the text's first paragraph, not a heading
NAVIGATION_BARS = 3  # … unless it is a navigation bar: items between this many | or more
CRUMB_LINES = 6  # a long line this close above a breadcrumb is the site's header (a weather widget)


def read_metadata(body: str, tags: dict[str, str] | None = None) -> Metadata:
    """Title, year, period, publication date and issuer of a bulletin's normalised body text and the
    (normalised) meta tags of its page (lower-case names; ``title`` is the ``<title>`` text)."""
    tags = tags or {}
    top = [ln.text for ln in iter_lines(body[:TOP_CHARS])][:TOP_LINES]
    # (a breadcrumb stays: it tells where the site's header ends, and is never a title)
    title = find_title(_head_lines([t for t in top if not is_chrome(t) or is_breadcrumb(t)]), tags)
    year = year_of(title)
    head = body[:HEAD_CHARS]
    tail = [ln.text for ln in iter_lines(body[-TAIL_CHARS:])][-TAIL_LINES:]
    published = published_date(head, tail, tags)
    period, _ = period_of_title(title, year)
    intro = _intro(body, title)
    if period is None:
        # a title without a period: the opening of the text names it (对…上半年完成情况进行了督查)
        # the opening paragraph, before the content, names it first (通报1-10月份…。截至11月14日…);
        # else the most specific period the opening's first lines name
        opening = _GENERIC_YEAR.sub("", intro)
        period, _ = period_of_opening(_before_content(opening), year)
        if period is None:
            period, _ = period_of_title(opening, year)
    if year is None:
        year = year_of(
            _FULL_DATE.sub("", intro), published.year if published else None
        ) or _year_from_publication(published, period)
    period_end = end_of_period(period, year)
    if (
        period is None
        and year is not None
        and ((year_of(title) and published is None) or (published and published.year > year))
    ):
        # a report on a year's tasks that names no period, published after that year (or titled by
        # its year alone and undated): the full year
        period, period_end = "全年", end_of_period("全年", year)
    return Metadata(
        title=title,
        year=year,
        period_label=period,
        period_end=period_end,
        published_at=published,
        issuer=find_issuer(head, body[-ISSUER_TAIL_CHARS:], tags, top, tail, title, intro),
    )


# 全年/年度 in an opening paragraph speak of the year's goals, not of the report's period
_GENERIC_YEAR = re.compile(r"全年|年度|年终|年底")
_FULL_DATE = re.compile(r"(19|20)\d{2}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}日?")


def _head_lines(lines: list[str]) -> list[str]:
    """The lines a title can be among: those before the text's first paragraph (a line of more than
    100 characters), and that paragraph's opening words when the text lost its line breaks."""
    head = []
    for i, line in enumerate(lines):
        if len(line) > PARAGRAPH_CHARS and line.count("|") >= NAVIGATION_BARS:
            continue  # a navigation bar (要闻 | 城市 | 原创 | …), however long, is no paragraph
        if len(line) > PARAGRAPH_CHARS and any(
            map(is_site_breadcrumb, lines[i + 1 : i + 1 + CRUMB_LINES])
        ):
            continue  # above the breadcrumb (当前位置:首页 > …): the site's header, not the text
        if len(line) > PARAGRAPH_CHARS:
            head.append(re.split(r"\s", line, maxsplit=1)[0])
            break
        head.append(line)
    return head


def _intro(body: str, title: str) -> str:
    """The opening of the bulletin's text, after its title (where it says what it reports on)."""
    start = body.find(title) + len(title) if title and title in body else 0
    return body[start : start + INTRO_CHARS]


def _before_content(intro: str) -> str:
    """The opening's lines before the content starts (a table's header, a numbered heading)."""
    opening = []
    for line in intro.splitlines():
        if is_content_start(line):
            break
        opening.append(line)
    return "\n".join(opening)


def _year_from_publication(published: date | None, period: str | None) -> int | None:
    """The year of publication; a full-year report published early in the next year is of the year
    before."""
    if published is None:
        return None
    if period == "全年" and published.month <= 4:
        return published.year - 1
    return published.year
