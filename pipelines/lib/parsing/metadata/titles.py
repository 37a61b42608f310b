"""A bulletin's title: the ArticleTitle tag, a 文件名称 / 标题 field, else the line that reads most like
a bulletin's title; never a breadcrumb (首页 > 政务公开 > …), a site section name or a table header."""

from __future__ import annotations

import re

from .bodies import is_signature_line
from .dates import year_of
from .periods import period_of_title
from .places import PLACE_PREFIX, places_at

_GENRE = re.compile(
    r"(情况|通报|清单|分解|分工|进展|报告|计划|任务|进度|汇报|督查|要点|安排|落实|推进|完成|建设|实事|"
    r"工程|项目|公示)"
)
# The words a title names a report of progress by: with them a text is a bulletin even without figures
REPORT_NAMES = r"完成情况|进展情况|推进情况|落实情况|执行情况|进度情况|工作情况|通报|督查"
_STRONG_GENRE = re.compile(rf"({REPORT_NAMES}|汇报|进度表|公示)")
# … ending a title, the document it is after it or not (…执行情况的报告)
_STRONG_GENRE_END = re.compile("(?:" + _STRONG_GENRE.pattern + r")(?:的?(?:报告|通报|汇报))?$")
# The labels of where a page sits in its site (当前位置:首页 > …)
_LOCATION_LABELS = (
    r"当前位置|您的位置|您现在的位置|您当前所在位置|您现在所在的位置|现在的位置|所在位置|位置"
)
_BREADCRUMB = re.compile(
    rf"(^|\s)({_LOCATION_LABELS}|当前栏目|所在栏目|栏目)\s*[:：]|[>＞»→]|^首页\s|^首页$"
)
# … a site's breadcrumb for sure: by its label or its 首页 (not any line with an arrow: 申请→初审→办结)
_SITE_CRUMB = re.compile(rf"^\s*(?:{_LOCATION_LABELS})\s*[:：]|^\s*首页\s*[>＞»]")
_NOT_TITLE = re.compile(
    r"^(序号|编号|附件|附表|来源|信息来源|发布机构|发布日期|索引号|主题分类|文号|成文日期|导语|摘自|转自|转载自|"
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|[●■▲◆★•·—])|[:：]|[。]|"
    # a news report's dateline (东南网7月8日讯(记者…), 中新网长沙2月2日电)
    r"\d{1,2}月\d{1,2}日(?:讯|电|消息)(?=\s*[(（]|\s|$)|"
    # … or its outlet's name alone (青海新闻网·大美青海客户端讯)
    r"(?:网|客户端|日报|晚报|电视台|融媒)讯$"
)
# A headline that names its place before a colon (河北:18项民生工程…, 鄂尔多斯市:…): a title; any other
# colon makes a label (来源:…) or a sentence
_PLACE_COLON = re.compile(rf"^{PLACE_PREFIX}[\u4e00-\u9fff]{{0,4}}[:：](?=[^:：]{{6,}})")
# What a title line carries that is not its title: 原标题: or a series' issue before it, a date after it (2024-01-19,
# 2024年01月19日), the label of an empty field after it (… 文号:), 《》 around it
_TITLE_NOISE = (
    re.compile(r"^原标题\s*[:：]\s*"),
    # the issue of a series it is published in (督查通报〔2024〕第9期:关于…的通报)
    re.compile(
        r"^[^\s:：]{0,12}?[〔\[(（]?(?:(?:19|20)\d{2}\s?年?)?[〕\])）]?\s?"
        r"第\s?[\d一二三四五六七八九十]{1,3}\s?期[)）]?\s*[:：]\s*(?=\S{6,})"
    ),
    re.compile(r"\s+(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$"),
    re.compile(
        r"\s*[(（]\s*(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[)）]$"
    ),  # ( 2026年02月12日 )
    re.compile(r"\s+(文号|索引号|发文字号|发布日期|发布时间|来源|作者|字号)\s*[:：]\s*$"),
    # the document's number before its name (盘政发〔2016〕1号 盘锦市人民政府关于…的通报)
    re.compile(
        r"^(?!关于)[\u4e00-\u9fff]{1,8}[〔\[(（](?:19|20)\d{2}[〕\])）]\s?\d{1,4}\s?号\s+(?=\S{6,})"
    ),
    # the kind of media a portal files it under (视频丨…, 图文|…)
    re.compile(
        r"^(?:(?:视频|图文|组图|图解|音频|直播|一图读懂)\s*[丨|｜]|【(?:视频|图文|组图|图解)】)\s*(?=\S{6,})"
    ),
    # a separator left at its end (…计划报告 |)
    re.compile(r"\s+[|丨｜_-]+$"),
    # the file's extension after a document's name (…计划草案的报告.pdf)
    re.compile(r"\.(?:pdf|docx?|xlsx?|wps|txt)(?:\s*[(（][^()（）]{0,12}[)）])?$", re.IGNORECASE),
)
_TITLE_SEPARATORS = re.compile(r"\s+[-_|—–]+\s*|\s*[_|]\s*|——|--")
# … in a line of the text, a dash pair joins a headline and its subtitle (厚植为民情怀——…综述)
_LINE_SEPARATORS = re.compile(r"\s+[-_|–]+\s*|\s*[_|]\s*|--")
# The line under a headline that stamps it with its date (and time, source, editor), the source's
# name before it or not (东澜融媒   2023-03-30 16:10:25): a title's mark
_STAMP = re.compile(
    r"^(?:[^\s:：]{0,6}[:：]|[^\s:：]{2,12}\s+)?\s*(?:(?:19|20)?\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$)"
)
STAMPED = 2  # what a line stamped by the next one adds to its score
# A title named in the page's 政府信息公开 block: 文件名称 | … / 标题: …
# (also as a cell of an information table written in one line: 索引号: | … | 名称: | 标题 | …)
_LABELLED_TITLE = re.compile(
    r"(?:^|\|)\s*(?:文件名称|标题|名称|(?:标\s+题|名\s+称)(?=\s*[:：]))\s*[:：]?\s*\|?\s*([^|]{6,90}?)\s*(?:\||$)"
)

_NEXT_LABEL = re.compile(r"\s+[^\s:：|]{2,6}\s*[:：]")


def title_parts(line: str, separators: re.Pattern[str] = _TITLE_SEPARATORS) -> list[str]:
    """A page title split at its separators: 标题 - 青山县人民政府 -> [标题, 青山县人民政府]."""
    return [part.strip() for part in separators.split(line) if part.strip()]


def is_stamp_line(line: str) -> bool:
    """The line under a headline giving its date (and time, source): 东澜融媒 2023-03-30 16:10:25."""
    return bool(_STAMP.match(line.strip()))


def is_site_breadcrumb(line: str) -> bool:
    """A line that opens with a site's breadcrumb label (当前位置:) or its 首页 >."""
    return bool(_SITE_CRUMB.match(line))


def is_breadcrumb(line: str) -> bool:
    return bool(_BREADCRUMB.search(line))


SENTENCE_COMMAS = 3  # a line of this many clauses with figures is a sentence, not a headline


def _could_be_title(text: str) -> bool:
    return (
        6 <= len(text) <= 80
        and not _NOT_TITLE.search(_PLACE_COLON.sub("", text, count=1))
        and not is_breadcrumb(text)
        and not re.search(r"[;；]$", text)
        # 1至9月份,…完成投资…,…,同比提高…: clauses stating figures (not a list, 交通,水利,教育)
        and not (len(re.findall(r"[,，]", text)) >= SENTENCE_COMMAS and re.search(r"\d", text))
    )


# A stamped headline's kicker before a colon (四川经济社会发展半年考:地区生产总值增长8.2%), not a
# field's label (来源:, 发布时间:)
_KICKER = re.compile(
    r"^(?![^:：]*(?:来源|发布|时间|日期|作者|编辑|责编|标题|名称|索引|文号|供稿|审核|发文|机关|机构|"
    r"点击|浏览|阅读|字号|分类|单位|主题|关键词|附件|链接|电话|地址))"
    r"[^\s:：,，。\d]{2,14}[:：](?=[^\s:：\d]\S{5,})"
)
_OPENS_A_TITLE = re.compile(r"^(?:[^\s,，。;；:：]{2,30}?)?关于")


def _broken_title(first: str, second: str) -> bool:
    """A document's title broken over two lines: a line that opens it (关于…, or the issuing body and
    关于: 东澜市人民政府办公室关于2016年) and names no report yet (关于2020年区政府要完成的与人民生活),
    and the next one that ends naming it (密切相关的实事项目完成情况)."""
    return (
        bool(_OPENS_A_TITLE.match(first))
        and not _STRONG_GENRE.search(first)
        and not re.search(r"[,，。;；:：!！?？]$", first)
        and bool(_STRONG_GENRE_END.search(second))
        and not second.startswith(("—", "-"))
        and len(first) + len(second) <= 80
        and _could_be_title(first + second)
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
    if text.startswith("关于"):
        score += 1  # a document's own title (关于…的通报), over a listing's name for it
    return score


# A column's tag before a headline (【防疫稳增长】, 【落实情况】, 【原标题】): no part of it, unless it
# names the headline's subject, a place or a body (【新疆】, 【省水利厅】), or is a kicker in quotes
_COLUMN_TAG = re.compile(r"^【([^】]{1,20})】\s*(?=\S{6,})")
_NAMES_A_BODY = re.compile(r"(?:厅|局|委|办|政府|委员会|管委会|人大|政协)$")
# … a place by its kind (恩施州, 两江新区, 苏州工业园区), a year or a period (【2024年上半年】), quotes
_PLACE_OR_TIME_TAG = re.compile(r"[省市县区州旗镇乡]$|新区|园区|\d|季度|半年|[“”\"]")


def _without_column_tag(text: str) -> str:
    m = _COLUMN_TAG.match(text)
    if m is None:
        return text
    tag = m.group(1)
    if places_at(tag)[0] == tag or _NAMES_A_BODY.search(tag) or _PLACE_OR_TIME_TAG.search(tag):
        return text
    return text[m.end() :]


def clean_title(text: str) -> str:
    """A title line without what it carries besides the title: 原标题: before it, a publication date
    or an empty field's label after it, 《》 around the whole of it."""
    cleaned = None
    while cleaned != text:  # … 2024年04月08日 来源: loses the label, then the date
        cleaned = text
        for noise in _TITLE_NOISE:
            text = noise.sub("", text)
        text = _without_column_tag(text)
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    return text.strip()


def find_title(lines: list[str], tags: dict[str, str]) -> str:
    """The bulletin's title: the ArticleTitle tag, a 文件名称 / 标题 field, else the best title-like
    line among the page's ``<title>`` parts and its first lines (a line that states the genre, its
    year or period); never a breadcrumb, a section name, a numbered heading or a sentence."""
    tagged = tags.get("articletitle")
    if tagged and len(tagged.strip()) >= 4 and tagged.strip() != tags.get("sitename"):
        return re.sub(r"\s+", " ", tagged.strip())
    # (the value ends where the next field's label starts: 名 称: …通报 发布机构: 区政府督查室)
    labelled = {
        _NEXT_LABEL.split(m.group(1), maxsplit=1)[0].strip()
        for line in lines
        if (m := _LABELLED_TITLE.search(line))
    }
    if len(labelled) == 1:  # (the page's one title field, maybe repeated; not a label of each item)
        value = labelled.pop()
        if _GENRE.search(value):
            return clean_title(value.strip())
    best, best_score = "", 0
    candidates = [(part, 0) for part in title_parts(tags.get("title", ""))]
    for i, line in enumerate(map(clean_title, lines)):
        parts = title_parts(line, _LINE_SEPARATORS)
        # (a headline is one line, not the parts of a navigation bar above a date)
        # (nor a masthead, a body's name over its date: 东澜市人民政府督查室 / 2024年3月29日)
        stamped = (
            STAMPED
            if len(parts) == 1
            and i + 1 < len(lines)
            and is_stamp_line(lines[i + 1])
            and not is_signature_line(line)
            else 0
        )
        # (each part of a line is cleaned too: 标 题: | 盘政发〔2016〕1号 …的通报 |)
        candidates.extend(
            (clean_title(part), stamped) for part in (parts if len(parts) > 1 else [line])
        )
        if i + 1 < len(lines) and _broken_title(line, clean_title(lines[i + 1])):
            candidates.append((line + clean_title(lines[i + 1]), 0))
    for text, stamped in candidates:
        # a stamped headline is the page's title even without the genre's words (90天!…开复工368项)
        score = (
            _title_score(text) + stamped
            if stamped and _could_be_title(_KICKER.sub("", text, count=1))
            else _title_score(text)
        )
        if score > best_score:
            best, best_score = text, score
    if best:
        return best
    for text in [clean_title(line) for line in lines] + title_parts(tags.get("title", "")):
        if _could_be_title(text) and not re.search(r"[,，]", text):
            return text
    return ""
