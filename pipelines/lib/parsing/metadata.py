"""A bulletin's own metadata: title, year, reporting period, publication date and issuer.

Government CMS pages state them in ``<meta>`` tags (ArticleTitle, PubDate, ContentSource, SiteName)
and in the page's title and info lines (发布日期 / 信息来源 / 发布机构, the footer's 主办单位); text
dumps only in their first lines. The tags win where present; a breadcrumb (首页 > 政务公开 > …), a
site section name or a table header is never the title, and an office's name alone (办公室, 督查室)
is never the issuer.
"""

from __future__ import annotations

import re
from datetime import date

from .layout import chinese_number, is_chrome, iter_lines
from .model import Metadata

# --- periods -------------------------------------------------------------------------------------

PERIOD_ENDS = {"一季度": (3, 31), "上半年": (6, 30), "前三季度": (9, 30), "全年": (12, 31)}
_CN_MONTH = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
# Period words of a title, most specific first: "2021年度重点工作上半年完成情况" is 上半年.
_TITLE_PERIODS: list[tuple[re.Pattern, str | None]] = [
    (re.compile(rf"截[至止]\s?({_CN_MONTH})月\s?(\d{{1,2}})日"), "day"),
    (re.compile(rf"截[至止]\s?({_CN_MONTH})月(?:末|底|份)?"), "month"),
    (re.compile(rf"(?:1|一|元)\s?[-—–－~至到]\s?({_CN_MONTH})月(?:份)?"), "month"),
    (re.compile(rf"前\s?({_CN_MONTH})个?月"), "month"),
    (re.compile(r"前三季度|第?三季度|三季度"), "前三季度"),
    (re.compile(r"(?:第?一|1|首)季度"), "一季度"),
    (re.compile(r"上半年|半年度|第?二季度|2季度|年中|(?<![下上])半年"), "上半年"),
    (re.compile(r"第?四季度|全年|年度|年终|年底|全年度"), "全年"),
    (re.compile(rf"(?<![\d-])({_CN_MONTH})月份"), "month"),
]


def _month(token: str) -> int | None:
    value = int(token) if token.isdigit() else chinese_number(token)
    return value if value and 1 <= value <= 12 else None


def month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def month_period(year: int | None, month: int) -> tuple[str, date | None]:
    """The period that runs from January to the end of ``month`` (1-N月)."""
    return f"1-{month}月", month_end(year, month) if year else None


def period_of_title(title: str, year: int | None) -> tuple[str | None, date | None]:
    """The reporting period a title names, with its end date (when the year is known)."""
    for pattern, kind in _TITLE_PERIODS:
        m = pattern.search(title)
        if not m:
            continue
        if kind == "day":
            month, day = _month(m.group(1)), int(m.group(2))
            if month is None:
                continue
            label = f"截至{month}月{day}日"
            try:
                return label, date(year, month, day) if year else None
            except ValueError:
                return label, None
        if kind == "month":
            month = _month(m.group(1))
            if month is None:
                continue
            return month_period(year, month)
        month, day = PERIOD_ENDS[kind]
        return kind, date(year, month, day) if year else None
    return None, None


# The cut-off dates of the figures in the text: 1-8月, 截至8月末, 截至9月14日, 元至八月, 上半年 …
_TEXT_CUTOFF = re.compile(
    rf"(?:(?:1|一|元)\s?[-—–－~至到]\s?({_CN_MONTH})月|截[至止](?:\d{{4}}年)?\s?({_CN_MONTH})月"
    r"(?:(\d{1,2})日)?|(一季度|上半年|前三季度))"
)
_PERIOD_MONTH = {"一季度": 3, "上半年": 6, "前三季度": 9}


def latest_cutoff(texts: list[str]) -> tuple[int, int | None] | None:
    """The latest (month, day) the figures' period phrases reach (1-8月, 截至9月14日, 上半年)."""
    found = []
    for text in texts:
        for m in _TEXT_CUTOFF.finditer(text):
            if m.group(4):
                found.append((_PERIOD_MONTH[m.group(4)], None))
                continue
            month = _month(m.group(1) or m.group(2))
            if month:
                found.append((month, int(m.group(3)) if m.group(3) else None))
    if not found:
        return None
    return max(found, key=lambda md: (md[0], md[1] or 32))


def cutoff_period(year: int | None, cutoff: tuple[int, int | None]) -> tuple[str, date | None]:
    month, day = cutoff
    if day is None:
        return month_period(year, month)
    try:
        return f"截至{month}月{day}日", date(year, month, day) if year else None
    except ValueError:
        return month_period(year, month)


# --- years and dates -----------------------------------------------------------------------------

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


def year_of(text: str) -> int | None:
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


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(_number(y), _number(m), _number(d))
    except (ValueError, KeyError):
        return None


def is_date_line(line: str) -> bool:
    """A line that is only a date (a signature's or a masthead's)."""
    return _DATE_LINE.match(line.strip()) is not None


def parse_date(text: str | None) -> date | None:
    m = _DATE.search(text or "")
    return _date(*m.groups()) if m else None


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
            return _date(*m.groups())
    for line in head.split("\n")[:12] + tail:
        m = _DATE_LINE.match(line.strip())
        if m:
            return _date(*m.groups())
    m = _DATE.search("\n".join(head.split("\n")[:12]))  # an unlabelled date in the page's head
    return _date(*m.groups()) if m else None


# --- titles --------------------------------------------------------------------------------------

_GENRE = re.compile(
    r"(情况|通报|清单|分解|分工|进展|报告|计划|任务|进度|汇报|督查|要点|安排|落实|推进|完成|建设|实事|"
    r"工程|项目|公示)"
)
_STRONG_GENRE = re.compile(
    r"(完成情况|进展情况|推进情况|落实情况|执行情况|进度情况|工作情况|通报|督查|汇报|进度表|公示)"
)
_BREADCRUMB = re.compile(
    r"(^|\s)(当前位置|您的位置|您现在的位置|您当前所在位置|您现在所在的位置|现在的位置|所在位置|位置|"
    r"当前栏目|所在栏目|栏目)\s*[:：]|[>＞»→]|^首页\s|^首页$"
)
_NOT_TITLE = re.compile(
    r"^(序号|编号|附件|附表|来源|信息来源|发布机构|发布日期|索引号|主题分类|文号|成文日期|导语|"
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|[●■▲◆★•·—])|[:：]|[。]"
)
_TITLE_SEPARATORS = re.compile(r"\s+[-_|—–]+\s*|\s*[_|]\s*|——|--")
# A title named in the page's 政府信息公开 block: 文件名称 | … / 标题: …
_LABELLED_TITLE = re.compile(r"^(?:文件名称|标题|名称)\s*[:：|]?\s*([^|]{6,90}?)\s*(?:\||$)")


def title_parts(line: str) -> list[str]:
    """A page title split at its separators: 标题 - 青山县人民政府 -> [标题, 青山县人民政府]."""
    return [part.strip() for part in _TITLE_SEPARATORS.split(line) if part.strip()]


def is_breadcrumb(line: str) -> bool:
    return bool(_BREADCRUMB.search(line))


def _could_be_title(text: str) -> bool:
    return (
        6 <= len(text) <= 80
        and not _NOT_TITLE.search(text)
        and not is_breadcrumb(text)
        and not re.search(r"[;；]$", text)
    )


def _title_score(text: str) -> int:
    """How much a line reads like a bulletin's title (0: not at all)."""
    if not _could_be_title(text) or not _GENRE.search(text):
        return 0
    score = 1
    if _STRONG_GENRE.search(text):
        score += 2
    if year_of(text):
        score += 1
    if period_of_title(text, 2000)[0]:
        score += 1
    if "重点工作" in text or "政府工作报告" in text or "目标任务" in text:
        score += 1
    return score


def find_title(lines: list[str], tags: dict[str, str]) -> str:
    """The bulletin's title: the ArticleTitle tag, a 文件名称 / 标题 field, else the best title-like
    line among the page's ``<title>`` parts and its first lines (a line that states the genre, its
    year or period); never a breadcrumb, a section name, a numbered heading or a sentence."""
    tagged = tags.get("articletitle")
    if tagged and len(tagged.strip()) >= 4 and tagged.strip() != tags.get("sitename"):
        return re.sub(r"\s+", " ", tagged.strip())
    for line in lines:
        m = _LABELLED_TITLE.match(line)
        if m and _GENRE.search(m.group(1)):
            return m.group(1).strip()
    best, best_score = "", 0
    candidates = list(title_parts(tags.get("title", "")))
    for line in lines:
        parts = title_parts(line)
        candidates.extend(parts if len(parts) > 1 else [line])
    for text in candidates:
        score = _title_score(text)
        if score > best_score:
            best, best_score = text, score
    if best:
        return best
    for text in lines + title_parts(tags.get("title", "")):
        if _could_be_title(text) and not re.search(r"[,，]", text):
            return text
    return ""


# --- issuers -------------------------------------------------------------------------------------

_BODY = (
    r"(人民政府|政府|厅|局|委员会|委|办公室|办|中心|院|会|署|所|队|站|公司|集团|管委会|开发区|园区|"
    r"街道|镇|乡|部)"
)
_ORG = re.compile(rf"^\S{{2,40}}{_BODY}$")
_PLACE = re.compile(r"^\S{1,12}?(省|市|县|区|州|盟|旗|自治区|自治州|镇|乡|街道)")
# The office of a body is where a text came from inside it, not the body that issues it.
_OFFICE_ONLY = re.compile(
    r"^(本站|本网|原创|网站|办公室|办公厅|督查室|政务督查室|督查科|综合科|秘书科|综合处|办公室综合科|"
    r"政府办|府办|市府办|县府办|区府办|市政府办|县政府办|区政府办|市政府办公室|县政府办公室|"
    r"区政府办公室|市政府督查室|县政府督查室|区政府督查室|督查办|市督查办|县督查办|效能办|考核办)$"
)
_OFFICE_SUFFIX = re.compile(r"(办公室|办公厅|督查室|政务督查室|督查科|综合科|秘书科|督查办)$")
_MEDIA = re.compile(r"(日报|晚报|新闻网|电视台|广播|新华社|人民网|融媒体|网信办?$|报社)")
_LABELLED = {
    "issuing_body": re.compile(r"发布机构\s*[:：]\s*([^\s|,，;；:：]{2,40})"),
    "source": re.compile(r"(?:信息来源|文章来源|来源单位|来源)\s*[:：]\s*([^\s|,，;；:：]{2,40})"),
    "host": re.compile(r"(?:主办单位|主办)\s*[:：]\s*([^\s|,，;；:：]{2,40})"),
}


# A line that is a body's name, alone or before a date: a masthead or a signature.
_SIGNATURE = re.compile(rf"^([^\s:：,，。;；]{{2,30}}(?:{_BODY}|室|科))(\s+\S*\d{{4}}\s?年.*)?$")


def is_signature_line(text: str) -> bool:
    """A masthead or a signature: a body's name alone, or followed by a date."""
    return bool(_SIGNATURE.match(text.strip()))


def normalize_issuer(name: str | None) -> str | None:
    """One spelling of a body's name: its office dropped (青山县人民政府办公室 -> 青山县人民政府), and
    市政府 written 市人民政府. None for an office alone, a media outlet or a non-name."""
    if not name:
        return None
    name = re.sub(r"\s+", "", name).strip("【】[]()（）")
    if not name or _OFFICE_ONLY.match(name) or _MEDIA.search(name):
        return None
    # an office inside a government (巴中市人民政府民生工作办公室) speaks for that government
    name = re.sub(r"(?<=人民政府).+$", "", name)
    stripped = _OFFICE_SUFFIX.sub("", name)
    if stripped != name and re.search(r"(政府|厅|局|委|委员会)$", stripped):
        name = stripped
    name = re.sub(r"(?<=[省市县区州旗])政府$", "人民政府", name)
    if not _ORG.match(name) or not _PLACE.match(name):
        return None
    return name


def find_issuer(
    head: str, foot: str, tags: dict[str, str], lines: list[str], tail: list[str]
) -> str | None:
    """The issuing body: 发布机构, the ContentSource tag or 信息来源, a masthead or signature naming
    a body (澄岭县人民政府督查室 2022年7月18日), the footer's 主办单位, the site name after the page
    title (标题 - 青山县人民政府), the SiteName tag — the first that names a body."""
    candidates: list[str | None] = []
    for kind in ("issuing_body", "source"):
        m = _LABELLED[kind].search(head)
        candidates.append(m.group(1) if m else None)
        if kind == "issuing_body":
            candidates.append(tags.get("contentsource"))
    for line in lines[:12] + tail:
        m = _SIGNATURE.match(line)
        if m:
            candidates.append(m.group(1))
    m = _LABELLED["host"].search(foot) or _LABELLED["host"].search(head)
    candidates.append(m.group(1) if m else None)
    for text in [tags.get("title", "")] + lines[:8]:
        parts = title_parts(text)
        if len(parts) >= 2:
            candidates.extend(parts[1:])
    candidates.append(tags.get("sitename"))
    for candidate in candidates:
        issuer = normalize_issuer(candidate)
        if issuer:
            return issuer
    return None


# --- all together --------------------------------------------------------------------------------


def read_metadata(body: str, tags: dict[str, str] | None = None) -> Metadata:
    """Title, year, period, publication date and issuer of a bulletin's normalised body text and the
    (normalised) meta tags of its page (lower-case names; ``title`` is the ``<title>`` text)."""
    tags = tags or {}
    top = [ln.text for ln in iter_lines(body[:6000])][:60]
    lines = [t for t in top if not is_chrome(t) or "来源" in t]
    title = find_title(_head_lines([t for t in lines if not is_chrome(t)]), tags)
    year = year_of(title)
    head = body[:4000]
    tail = [ln.text for ln in iter_lines(body[-2000:])][-6:]
    published = published_date(head, tail, tags)
    period, _ = period_of_title(title, year)
    intro = _intro(body, title)
    if period is None:
        # a title without a period: the opening of the text names it (对…上半年完成情况进行了督查)
        period, _ = period_of_title(_GENERIC_YEAR.sub("", intro), year)
    if year is None:
        year = year_of(_FULL_DATE.sub("", intro)) or _year_from_publication(published, period)
    period_end = _period_end(period, year)
    if period is None and year_of(title) and (published is None or published.year > year):
        # a report on the year's tasks titled by its year alone, published after it: the full year
        period, period_end = "全年", _period_end("全年", year)
    return Metadata(
        title=title,
        year=year,
        period_label=period,
        period_end=period_end,
        published_at=published,
        issuer=find_issuer(head, body[-3000:], tags, top, tail),
    )


# 全年/年度 in an opening paragraph speak of the year's goals, not of the report's period
_GENERIC_YEAR = re.compile(r"全年|年度|年终|年底")
_FULL_DATE = re.compile(r"(19|20)\d{2}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}日?")


def _head_lines(lines: list[str]) -> list[str]:
    """The lines a title can be among: those before the text's first paragraph (a line of more than
    100 characters), and that paragraph's opening words when the text lost its line breaks."""
    head = []
    for line in lines:
        if len(line) > 100:
            head.append(re.split(r"\s", line, maxsplit=1)[0])
            break
        head.append(line)
    return head


def _intro(body: str, title: str) -> str:
    """The opening of the bulletin's text, after its title (where it says what it reports on)."""
    start = body.find(title) + len(title) if title and title in body else 0
    return body[start : start + 800]


def _period_end(period: str | None, year: int | None) -> date | None:
    """The last day of a period label (一季度, 1-8月, 截至9月14日) in ``year``."""
    if period is None or year is None:
        return None
    if period in PERIOD_ENDS:
        month, day = PERIOD_ENDS[period]
        return date(year, month, day)
    m = re.fullmatch(r"截至(\d{1,2})月(\d{1,2})日", period)
    if m:
        return _date(str(year), m.group(1), m.group(2))
    m = re.fullmatch(r"1-(\d{1,2})月", period)
    return month_end(year, int(m.group(1))) if m else None


def _year_from_publication(published: date | None, period: str | None) -> int | None:
    """The year of publication; a full-year report published early in the next year is of the year
    before."""
    if published is None:
        return None
    if period == "全年" and published.month <= 4:
        return published.year - 1
    return published.year
