"""Years and dates in a bulletin's text: a year in its title, the publication date of its page, a
line that is a date alone (a signature's or a masthead's). Arabic or Chinese numerals: 2022年7月18日,
二〇二二年七月十八日."""

from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_YEAR = re.compile(r"((?:19|20)\d{2})\s?年")
_CN_YEAR = re.compile(r"([二][〇○零O][一二三四五六七八九〇○零O]{2})年")
_DATE = re.compile(r"((?:19|20)\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})")
# Labelled dates, most telling first: when the page was published, then an unlabelled 时间/日期,
# then when the text was written.
_DATE_LABELS = [
    r"发布日期|发布时间|发表时间|发表日期|公开日期|发文日期|更新时间",
    r"(?<![成文效止])(?:时间|日期)",
    r"成文日期",
]
_LABELLED_DATE = [
    re.compile(
        rf"(?:{labels})\s*[:：]?\s*((?:19|20)\d{{2}})\s?[-/.年]\s?(\d{{1,2}})\s?[-/.月]\s?(\d{{1,2}})"
    )
    for labels in _DATE_LABELS
]
# A line that is a date and little else: a signature's date (2022年7月18日, 二〇二二年七月十八日)
# or a masthead's (督查室 2022年7月18日). Prose ends before it; the publication date may be it.
_DATE_LINE = re.compile(
    r"^\S{0,30}?\s*((?:19|20)\d{2}|二[〇○零O][一二三四五六七八九〇○零O]{2})\s?[-/.年]\s?"
    r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s?[-/.月]\s?(\d{1,2}|[一二三四五六七八九十]{1,3})日?\s*$"
)


# A date line written day first, as some news aggregators print it: 26.09.2018  19:42
_DAY_FIRST_LINE = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)


# A span of years (从2004年至2023年, 建设年限为2020年11月至2022年12月): the text speaks of its end,
# unless it names a year of its own besides (2023年至2025年城市更新行动2024年工作总结 is of 2024)
_YEAR_SPAN = re.compile(
    r"(?:19|20)\d{2}\s?年(?:\d{1,2}月)?\s?(?:至|到|—|-|~)\s?((?:19|20)\d{2})\s?年(?:\d{1,2}月)?"
)
# … and the start of a span up to now: 2018年以来, 2023年10月以来, 自2013年开工以来 (a word or two
# of what began then; a longer phrase, 2024年项目集中开工以来, may be the year the text is about)
_YEAR_SINCE = re.compile(r"((?:19|20)\d{2})\s?年(?:\d{1,2}月)?(?:[^\d\s。，,;；:：]{0,4}?)以来")


def year_of(text: str, written_in: int | None = None) -> int | None:
    """The first year a text names outside a span of years, else the first span's end. A text
    written in a later year (``written_in``) speaks of that year, not of the year a span it names
    starts (2018年以来, written in 2021; 2021年以来 written in 2021 is the year itself)."""
    span = _YEAR_SPAN.search(text)
    text = _YEAR_SPAN.sub(" ", text)
    if span and not _YEAR.search(text) and not _CN_YEAR.search(text):
        return int(span.group(1))
    if written_in is not None:
        text = _YEAR_SINCE.sub(lambda m: "" if int(m.group(1)) < written_in else m.group(0), text)
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    if m:
        return int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
    return None


def _number(text: str) -> int:
    """An Arabic or Chinese-numeral year, month or day: 2022, 二〇二二, 7, 七, 十八, 二十, 三十一."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def calendar_date(y: str, m: str, d: str) -> date | None:
    """The date of a year, month and day in Arabic or Chinese numerals; None if there is none."""
    try:
        return date(_number(y), _number(m), _number(d))
    except (ValueError, KeyError):
        return None


def is_date_line(line: str) -> bool:
    """A line that is only a date (a signature's or a masthead's)."""
    return _DATE_LINE.match(line.strip()) is not None


def parse_date(text: str | None) -> date | None:
    m = _DATE.search(text or "")
    return calendar_date(*m.groups()) if m else None


def published_date(head: str, tail: list[str], tags: dict[str, str]) -> date | None:
    """The publication date: the PubDate tag, the page's 发布日期 line, an unlabelled 时间 or 日期,
    its 成文日期; else a masthead's date at the top (督查室 2022年7月18日), or the signature's."""
    for name in ("pubdate", "publishdate", "firstpublishedtime", "dc.date"):
        found = parse_date(tags.get(name))
        if found:
            return found
    for pattern in _LABELLED_DATE:
        m = pattern.search(head)
        if m:
            return calendar_date(*m.groups())
    for line in head.split("\n")[:12] + tail:
        m = _DATE_LINE.match(line.strip())
        if m:
            return calendar_date(*m.groups())
        m = _DAY_FIRST_LINE.match(line.strip())
        if m:
            day, month, year = m.groups()
            return calendar_date(year, month, day)
    m = _DATE.search("\n".join(head.split("\n")[:12]))  # an unlabelled date in the page's head
    return calendar_date(*m.groups()) if m else None
