"""A bulletin's issuer: the body that issues it, named in a 发布机构 / 信息来源 line or tag, a masthead
or a signature, the footer's 主办单位 or the site name — one spelling of it, and never an office's
name alone (办公室, 督查室) nor a media outlet."""

from __future__ import annotations

import re

from ..read.lines import is_content_start
from .bodies import BODY, SIGNATURE
from .dates import is_date_line
from .places import first_place_named, parent_of, place_chain, places_at, places_named
from .titles import title_parts

# the kinds of zone a name may be alone (开发区重点办 names no place)
_ZONE = re.compile(r"^(?:开发|高新|经开|经济开发|新|园|工业|保税|自贸|示范|试验|新城)区$")
# a zone's kind at the end of its name (无锡高新区, 宁波经济技术开发区, 西海岸新区)
_ZONE_NAME = r"(?:高新区|开发区|新区|园区|自贸区|示范区|试验区)"
# bodies a place's name begins that are none of its government's (西安铁路局, 新疆兵团发改委)
_NOT_A_GOVERNMENTS = re.compile(r"铁路|供电|电力|电网|油田|石油|石化|兵团|烟草|邮政|海关|银行|公司")
_ORG = re.compile(rf"^\S{{2,40}}{BODY}$")
_EXCERPTED_FROM = re.compile(r"^(摘自|转自|来自|转载自)")
_PORTAL = re.compile(r"(?<=[省市县区])(政府)?门户网站$")
# a department's own site (not a people's congress's, 人大常委会门户网站: no government body)
_OWN_SITE = re.compile(r"(?:(?<=[委局厅])|(?<=委员会))(?:(?:门户|官方)?网站|官网)$")
_PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,10}(省|市|县|区|自治区|自治州|自治县|旗|盟)$")
_PLACE = re.compile(r"^\S{1,12}?(省|市|县|区|州|盟|旗|自治区|自治州|镇|乡|街道)")
# The office of a body is where a text came from inside it, not the body that issues it.
_OFFICE_ONLY = re.compile(
    r"^(本站|本网|原创|网站|办公室|办公厅|督查室|政务督查室|督查科|综合科|秘书科|综合处|办公室综合科|"
    r"政府办|府办|市府办|县府办|区府办|市政府办|县政府办|区政府办|市政府办公室|县政府办公室|"
    r"区政府办公室|市政府督查室|县政府督查室|区政府督查室|督查办|市督查办|县督查办|效能办|考核办)$"
)
# an office of a place's government, named after the place: 民生办, 重点办, 重点建设领导小组办公室
_PLACES_OFFICE = re.compile(
    r"(?:政府|府)?(?:民生|民心|民生工作|重点|重点建设|重点项目|重大|重大项目|项目|督查|督办|督考|效能|"
    r"考核|目标)(?:办公室|办)|(?:政府|府)(?:办公室|办)|"
    r"(?:(?!委|局|厅)[\u4e00-\u9fff]){0,12}领导小?组办公室"
)
_OFFICE_SUFFIX = re.compile(r"(办公室|办公厅|督查室|政务督查室|督查科|综合科|秘书科|督查办)$")
_MEDIA = re.compile(r"(日报|晚报|新闻网|电视台|广播|新华社|人民网|融媒体|网信办?$|报社)")
_LABELLED = {
    "issuing_body": re.compile(
        r"(?:发布机构|发布部门|发布单位|发文单位|发文机构|发文机关)\s*[:：]\s*([^\s|,，;；:：]{2,40})"
    ),
    "source": re.compile(r"(?:信息来源|文章来源|来源单位|来源)\s*[:：]\s*([^\s|,，;；:：]{2,40})"),
    "host": re.compile(r"(?:主办单位|主办)\s*[:：]\s*([^\s|,，;；:：]{2,40})"),
}


def normalize_issuer(name: str | None) -> str | None:
    """One spelling of a body's name: its office dropped (青山县人民政府办公室 -> 青山县人民政府), and
    市政府 written 市人民政府. None for an office alone, a media outlet or a non-name."""
    if not name:
        return None
    name = re.sub(r"\s+", "", name).strip("【】[]()（）")
    # a list of bodies (区政府办公室*、区财政局: a table's cell of who is responsible): its first
    name = re.split(r"[、,，]", name, maxsplit=1)[0].strip("*")
    name = _EXCERPTED_FROM.sub("", name)  # 摘自上海市门户网站: where the text was taken from
    name = _PORTAL.sub("人民政府", name)  # a place's portal speaks for its government
    name = _OWN_SITE.sub("", name)  # 来源:省发展和改革委员会网站 — a body's own site speaks for it
    if name.endswith("网站"):
        return None  # any other website is where the text was put, not who issued it
    if not name or _OFFICE_ONLY.match(name) or _MEDIA.search(name):
        return None
    if _UNNAMED_PLACE.match(name) and not places_at(name)[0]:
        return None  # 自治区人民政府, 该市发改委: a body by its level alone, placed by the caller
    name = _DIVISION.sub("", name)  # 银川市发改委固定资产投资科: the body, its division dropped
    # a zone named with the district it is (无锡高新区(新吴区)发改委): the district; a district with
    # its zone in brackets (宁波市北仑区(宁波经济技术开发区)发展和改革局): the district
    name = re.sub(
        rf"^[^()（）]{{2,12}}?{_ZONE_NAME}[（(]([^()（）]{{2,8}}[区县市])[)）]", r"\1", name
    )
    name = re.sub(rf"[（(][^()（）]{{0,10}}{_ZONE_NAME}[)）]", "", name)
    # a province or a city by its short name (宁夏发展改革委, 宁夏政府): its full name
    written, full = places_at(name)
    rest = name[len(written) :]
    if (
        written
        and re.fullmatch(rf"[\u4e00-\u9fff]{{0,12}}{_DEPARTMENT}|(?:人民)?政府", rest)
        and not _NOT_A_GOVERNMENTS.search(rest)
    ):
        level = re.match(r"自治区|区|省|市|州", rest)  # 新疆自治区发改委, 广西区发改委: once
        name = full + (rest[level.end() :] if level and full.endswith(level.group(0)) else rest)
    # an office inside a government (巴中市人民政府民生工作办公室, 甘肃省政府重大项目建设管理办公室)
    # speaks for that government
    name = re.sub(r"(?<=人民政府).+$", "", name)
    name = re.sub(r"(?<=[省市县区州旗])政府[\u4e00-\u9fff]{0,14}(?:办公室|办)$", "人民政府", name)
    # so does an office a place names without it (眉山市民生办, 河北省重点建设领导小组办公室)
    written, full = places_at(name)
    if not written and (m := _PLACE.match(name)) and not _ZONE.search(m.group(0)):
        written = full = m.group(0)  # a place the gazetteer lacks (青禾区政府办), not a zone's kind
    if written and _PLACES_OFFICE.fullmatch(name, len(written)):
        return full + "人民政府"
    stripped = _OFFICE_SUFFIX.sub("", name)
    if stripped != name and re.search(r"(政府|厅|局|委|委员会)$", stripped):
        name = stripped
    name = re.sub(r"(?<=[省市县区州旗])政府$", "人民政府", name)
    if _PLACE_ONLY.match(name):  # 发文机构:锡林浩特市 — the place's government
        name += "人民政府"
    if not _ORG.match(name) or not _PLACE.match(name) or name.endswith("小镇"):
        return None  # (特色小镇, 梦想小镇: a kind of project, no town's name)
    return name


# A line of the page that gives its title and site (标题 - 工作动态 - 政务公开 - 青山县人民政府) has a
# few parts; one of this many is a navigation bar (南昌 | 九江 | 南昌县 | 进贤 | 永修 | …)
NAVIGATION_PARTS = 6


def find_issuer(
    head: str,
    foot: str,
    tags: dict[str, str],
    lines: list[str],
    tail: list[str],
    title: str = "",
    intro: str = "",
) -> str | None:
    """The issuing body: 发布机构, the ContentSource tag or 信息来源, a masthead or signature naming
    a body (澄岭县人民政府督查室 2022年7月18日), the official who delivers a report (…委员会主任
    张三), the footer's 主办单位, the site name after the page title (标题 - 青山县人民政府), the
    SiteName tag — the first that names a body; else the body a news report says its figures come
    from (记者从…获悉); a title naming it (…人民政府关于…) comes before the official; else the
    government a title names (:func:`government_of_title`); else the government of the place the
    opening of the text reports on (:func:`government_reported_on`)."""
    candidates: list[str | None] = []
    site = None  # a 来源 that is a department's own site: where the text was put, after the body a
    # title or a signature names (青溪县人民政府关于…, signed …人民政府督查室)
    for kind in ("issuing_body", "source"):
        m = _LABELLED[kind].search(head)
        if m and kind == "source" and _OWN_SITE.search(m.group(1)):
            site, m = m.group(1), None
        candidates.append(_named_in_full(m.group(1), title, head, title_only=True) if m else None)
        if kind == "issuing_body":
            candidates.append(tags.get("contentsource"))
    # (来源: 区发展改革委, a masthead 市发展改革委: a body by its level alone, of the title's place;
    # not so at the text's end, where a table's last cells name the bodies responsible, 市经信委)
    candidates.extend(
        _named_in_full(name, title, head, title_only=True) for name in _mastheads(lines[:12])
    )
    candidates.extend(_signatures(tail, foot))
    # the official who delivers the report (…委员会主任 张三), or the body named before the salutation
    # of a report flattened onto one line: a department's head delivering it makes the department
    # the issuer, before the government a title names (湖北省人民政府关于…的报告 delivered by
    # 省发展和改革委员会主任; docs/ANNOTATION.md); a government's own official comes after it
    delivered = [m.group("body") for line in lines[:12] if (m := _DELIVERED_BY.match(line))]
    if m := _ADDRESSED_BY.search(head[:INTRO_CHARS]):
        delivered.append(m.group("body"))
    by_department = [body for body in delivered if re.search(f"{_DEPARTMENT}$", body)]
    # (the official's body by its level alone is of the place the title names: 区发改委主任 under
    # 关于武昌区…的报告; not one its text names in passing, 赴北京开展招商)
    candidates.extend(_named_in_full(body, title) for body in by_department)
    m = _ISSUED_AS.match(title)
    candidates.append(m.group("body") if m else None)
    candidates.append(_named_in_full(site, title, head, title_only=True) if site else None)
    candidates.extend(
        _named_in_full(body, title) for body in delivered if body not in by_department
    )
    # the body a news report's opening says its figures come from (记者从…获悉, 据…提供的数据): before
    # the site's host or name, which is where the text was put (a portal reposting a department's
    # news) — on a news report only: an official bulletin citing its statistics bureau is its own
    candidates.append(_reported_by(head) if _NEWS.search(head[:INTRO_CHARS]) else None)
    m = _LABELLED["host"].search(foot) or _LABELLED["host"].search(head)
    candidates.append(m.group(1) if m else None)
    candidates.extend(title_parts(tags.get("title", ""))[1:])
    for text in lines[:8]:
        parts = title_parts(text)
        # (a line of many parts is a navigation bar: its places are links, not the page's site)
        if 2 <= len(parts) < NAVIGATION_PARTS:
            candidates.extend(parts[1:])
    candidates.append(tags.get("sitename"))
    for candidate in candidates:
        issuer = normalize_issuer(candidate)
        if issuer:
            return issuer
    # a source named by its level alone (记者从省发改委获悉) is a body the page names: it comes before
    # the place the title begins with (docs/ANNOTATION.md, issuer)
    return (
        _reported_by(head)
        or _reported_by(head, level_alone=True, title=title)
        or government_of_title(title, head)
        or government_reported_on(intro)
        or _own_place_of_paper(head)
        or _the_one_own_place(head)
    )


# A document's title that begins with the body issuing it: 青山县人民政府关于…的报告
_ISSUED_AS = re.compile(rf"^(?P<body>[^\s:：,，。]{{2,30}}?{BODY})关于")
# The official who delivers a report, under its title: 北京市发展和改革委员会主任 张三
_DELIVERED_BY = re.compile(
    rf"^(?P<body>[^\s:：,，。]{{2,30}}?{BODY})"
    r"副?(?:主任|局长|厅长|区长|市长|县长|省长|州长|旗长|镇长|乡长|秘书长)(?:\(\S*\)|（\S*）)?"
    r"(?:\s*[\u4e00-\u9fff·](?:\s*[\u4e00-\u9fff·]){1,4})?\s*$"  # (甄  宇: a name spaced out)
)
# … or names its body alone right before addressing the session (…会议上 瑶海区发展和改革委员会 各位代表:
# 受区人民政府委托): a report flattened onto one line
_ADDRESSED_BY = re.compile(
    rf"(?:^|\s)(?P<body>[^\s:：,，。\d]{{2,30}}?{BODY})"
    r"(?:副?(?:主任|局长|厅长|区长|市长|县长)\s*[\u4e00-\u9fff·](?:\s*[\u4e00-\u9fff·]){1,3})?"
    r"[\s|]+(?:各位代表|主任、各位副主任)"
)


# What follows a signature above the attachments (a table's body cell and its deadline do not)
_ATTACHMENT = re.compile(r"^附件")


def _mastheads(top: list[str]) -> list[str]:
    """Bodies named by a line of their own among the text's first lines, before its content."""
    names = []
    for line in top:
        if is_content_start(line):
            break  # a table's cells or a list's items, not a masthead
        if (m := SIGNATURE.match(line)) and not _EVENT.search(m.group(1)):
            names.append(m.group(1))
    return names


# A masthead names a body (市发展改革委, 县人民政府督查室), not an event (…召开重点项目推进会)
_EVENT = re.compile(
    r"召开|举行|举办|(?:推进|调度|座谈|观摩|工作|动员|部署|现场|例|汇报|评议|督导|推介|发布|签约|对接|"
    r"协调|讲评|交流|培训|总结|启动|开工|竣工|评审|论证)会$"
)


def _signatures(tail: list[str], foot: str) -> list[str]:
    """Bodies that sign the text: at its end, a body's name followed only by other names and dates;
    in its closing text, a body's name on the line before a date that ends the text or comes before
    its attachments (附件1 …)."""
    names = []
    for i, line in enumerate(tail):
        m = SIGNATURE.match(line)
        if m and all(SIGNATURE.match(after) or is_date_line(after) for after in tail[i + 1 :]):
            names.append(m.group(1))
    closing = [line.strip() for line in foot.splitlines() if line.strip()] + [""]
    for line, date_line, after in zip(closing, closing[1:], closing[2:], strict=False):
        m = SIGNATURE.match(line)
        if (
            m
            and is_date_line(date_line)
            and not m.group(2)
            and (not after or _ATTACHMENT.match(after))
        ):
            names.append(m.group(1))
    return names


# A news report, by its opening: a reporter, the paper's or the site's 讯, a dateline
_NEWS = re.compile(r"记者|本报讯|网讯|融媒|\d{1,2}月\d{1,2}日\s?(?:讯|电|消息)")
# A department that may present a report's figures: 委员会, 委, 局, 厅 — not 市委 or 县委 (a party committee, not the
# government that issues a bulletin), nor the words 格局, 布局, 大厅
_DEPARTMENT = r"(?:委员会|(?<![省市县区])委|(?<![格布结当])局|(?<!大)厅)"
# A news report names the body its figures come from: 记者从金华市政府办公室获悉, 苏州市政府公布了…,
# 新疆维吾尔自治区发展和改革委员会项目管理建设处公布 (the body, its division dropped),
# 上海市住建委、市重大办介绍 (the first of the bodies that present them)
_REPORTER_SOURCE = re.compile(
    r"从([^\s,，。:：;；、“”]{2,30}?)(?:、[^\s,，。:：;；“”]{2,12}?)*(?:了解到|获悉|得知)|"
    # 从东澜市发改委传来喜讯 (a body's news; not 从工地传来轰鸣声)
    rf"从([^\s,，。:：;；、“”]{{2,20}}?(?:政府|{_DEPARTMENT}|办))传来|"
    rf"([^\s,，。:：;；、“”]{{2,20}}?(?:[省市县区](?:人民)?政府|{_DEPARTMENT}))"
    r"(?:[^\s,，。:：;；、“”]{1,10}?[处室科])?"  # 新疆…发展和改革委员会项目管理建设处公布
    r"(?:网站|官网|官方网站|门户网站)?"  # 贵州省发展和改革委员会网站公布了…: the body, on its site
    r"(?:日前|近日|今天|昨天)?(?:公布|发布|通报|显示)(?!会)|"
    r"([^\s,，。:：;；、“”]{2,20}?(?:委员会|委|局|厅|办|政府))(?:、[^\s,，。:：;；、]{2,12}?)*"
    # (its head presents the figures: 副主任李明介绍; what anyone 表示 is a view, save its 负责人's)
    r"(?:(?:相关)?(?:负责人|负责同志)(?:介绍|表示)|副?(?:主任|局长|厅长)[\u4e00-\u9fff·]{2,4}?介绍|介绍)|"
    # 省发展改革委消息, 据四川省发展改革委网站消息, (喀什地区发改委供稿): the body the news is from
    rf"([^\s,，。:：;；、“”()（）]{{2,20}}?{_DEPARTMENT})(?:网站|官网|门户网站)?(?:消息|供稿)|"
    # 省发改委主任张某向省人大常委会汇报…, 在《关于…的报告》中: the body whose head delivers the report
    rf"([^\s,，。:：;；、“”]{{2,20}}?{_DEPARTMENT})副?主任[\u4e00-\u9fff·]{{2,4}}?[,，]?"
    r"(?:向|在|作了?|代表)(?:[^。\n]{0,20}?)(?:汇报|报告|关于)|"
    # 据自治区发展和改革委员会提供的数据, 据市发改委统计: where the figures come from
    rf"据([^\s,，。:：;；、“”]{{2,20}}?{_DEPARTMENT})(?:提供的|发布的|公布的)?(?:数据|统计|消息|监测)|"
    # 市发改委昨日传来消息: the body's news
    rf"((?:(?!从)[^\s,，。:：;；、“”()（）]){{2,20}}?{_DEPARTMENT})(?:昨日|日前|近日|今天|昨天)?传来(?:消息|喜讯)"
)
# a body's division after it (市发展改革委重点项目建设科) or its other name in brackets (市发改委(重点办))
_DIVISION = re.compile(
    r"(?<=[委会局厅])(?!员会)(?!.*政府)(?:[(（][^)）]{1,10}[)）]?|[\u4e00-\u9fff]{1,10}?[处科室])$"
)
# The body a longer source begins with (辽宁省政府新闻办召开的发布会上 -> 辽宁省政府)
_LEADING_BODY = re.compile(rf"^[\u4e00-\u9fff]{{2,20}}?(?:人民政府|政府|{_DEPARTMENT})")
INTRO_CHARS = 600  # the report's opening, where a news report names its source
PLACE_NAMED_CHARS = 1500  # the page's first screen: where it names the place it speaks of
# A body named by its level alone (省发改委, 自治区发展改革委): of the place of that level the report
# names first
_UNNAMED_PLACE = re.compile(
    r"^[该本我]?(自治区|省|市|县|区|州)(?!长|委)"
)  # 市委: a party's committee


def _reported_by(head: str, level_alone: bool = False, title: str = "") -> str | None:
    """The body a news report's opening names as the source of its figures, if it names a place's
    body (an office of a government standing for that government); with ``level_alone``, also one
    named by its level alone (省发改委), in the place of that level the report names first."""
    # (the first source that names a body: 中铁十一局负责人表示 names no place's body)
    for m in _REPORTER_SOURCE.finditer(head[:INTRO_CHARS]):
        body = re.sub(r"^[据经由]", "", next(g for g in m.groups() if g))  # 据东澜市发改委介绍
        if normalize_issuer(body) is None and (lead := _LEADING_BODY.match(body)):
            body = lead.group(0)  # 从辽宁省政府新闻办召开的发布会上获悉: the government holds it
        if _UNNAMED_PLACE.match(body) and not level_alone:
            return None  # the first source names its body by level alone: placed afterwards
        if named := _named_in_full(body, title, head):
            return named
    return None


def _named_in_full(body: str, title: str, head: str = "", title_only: bool = False) -> str | None:
    """A body's name with its place, when the body is named by its level alone (省发改委, 区发改委):
    the place of that level the ``title`` and then the ``head`` name first in full, else a
    province the title names by its short name (宁夏100个重点项目… for 自治区发展改革委); None for a
    body of a place they do not name. With ``title_only``, only the place the title begins with
    (a 来源 or a masthead: a place the text names in passing is none of theirs)."""
    unnamed = _UNNAMED_PLACE.match(body)
    if unnamed:
        text = title + "\n" + head
        place = _title_place(title, unnamed.group(1))
        if place is None and not title_only:
            place = first_place_named(
                text[:PLACE_NAMED_CHARS], unnamed.group(1), short_in=title
            ) or _the_one_place_above(text[:PLACE_NAMED_CHARS], unnamed.group(1))
        if place is None:
            return None
        body = place + body[unnamed.end() :]
    return normalize_issuer(body)


def _the_one_place_above(text: str, suffix: str) -> str | None:
    """The one place of the level ``suffix`` names (省, 市) that every place the text names lies in,
    when it names none of that level itself (记者从省发改委获悉…成都…绵阳…西昌: 四川省), or None —
    None too when the text speaks of a place below as its own (我市…进入全省红榜: a city's page naming
    its province's body)."""
    below = "[市县区]" if suffix == "省" else "[县区]"
    if re.search(_as_its_own(below, "全我本", ranked=True), text):
        return None
    above = set()
    for _, _, place in places_named(text):
        if suffix == "市" and place.level == "province":
            continue  # (a province named beside its cities, 广西柳州, is above them)
        while place is not None and not place.name.endswith(suffix):
            place = parent_of(place)
        above.add(place.name if place is not None else None)
    return above.pop() if len(above) == 1 else None


def _title_place(title: str, suffix: str) -> str | None:
    """The place of the level ``suffix`` names (市, 省…) among those a title begins with, by its full
    name or its short one (昆明今年… for 市重点项目办公室: the title's subject is no place in passing)."""
    lead = _TITLE_LEAD.match(title).end()
    chain = place_chain(title, lead)
    if not chain and (m := _TITLE_PLACE.match(title, lead)):  # a place the gazetteer lacks
        return m.group("place") if m.group("place").endswith(suffix) else None
    for n, (_, place) in enumerate(chain):
        if place.name.endswith(suffix):
            return "".join(p.name for _, p in chain[: n + 1])  # with those before: 天津市滨海新区
    return None


# What a title may say before the place it begins with: 关于, a year, a period (1-8月, 上半年)
_TITLE_LEAD = re.compile(
    r"^(?:【[^】\s]{1,12}】)?(?:关于)?(?:(?:19|20)\d{2}\s?年度?)?"
    r"(?:(?:\d{1,2}|元)\s?[-—–~至]\s?\d{1,2}\s?月份?|前?[一二三四1-4]季度|[上下]半年|前\d{1,2}个月|"
    r"截[至止](?:(?:19|20)\d{2}年)?\d{1,2}月(?:底|末|\d{1,2}日)?)?\s?"
)
# A place the gazetteer does not list, by its suffix: a town (泗洲头镇), a new district (丨, the bar
# of 视频丨省政府…, is an ideograph's code point but no part of a name)
# (a town only before a year or its government: 泗洲头镇2024年…; 美丽乡村, 特色小镇 are no towns)
_TITLE_PLACE = re.compile(
    r"(?P<place>(?![全本我该各])(?:(?!季度|月|年|半|委|政府|丨|网|报)[\u4e00-\u9fff]){2,10}?"
    r"(?:(?:自治区|自治州|自治县|省|市|州|盟|旗|县|区)(?![长委办局厅报网])|"
    r"(?:镇|乡|街道)(?=\s?(?:(?:19|20)\d{2}|人民政府|政府|[:：]))))"
)
# … and a department of it named right after (上海市住建委通报…): the department is the issuer
_TITLE_DEPARTMENT = re.compile(r"(?:(?!政府)[\u4e00-\u9fff]){1,6}?(?:委员会|委|局|厅)")
# … or a department it begins with by its level alone (市机关事务管理局2025年…)
_UNNAMED_DEPARTMENT = re.compile(r"[省市区县州](?:(?!政府)[\u4e00-\u9fff]){1,10}?(?:委员会|局|厅)")
# A government a title names anywhere (2021年徐汇区政府实事项目…), and one it names by its level
# alone (区政府实事项目, 今年市政府…): the place of that level the text names first
_GOVERNMENT = re.compile(r"(?:人民)?政府")
_UNNAMED_GOVERNMENT = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=年)|(?<=年度)|(?<=关于))([省市区县州])"
    r"(?:(?:人民)?政府|《政府工作报告》)"  # 2021年区《政府工作报告》…: the district's own report
)
PLACE_CHARS = 12  # the longest chain of place names before a 政府 (重庆市沙坪坝区)


def government_of_title(title: str, text: str = "") -> str | None:
    """The body a title names, when nothing else names the issuer: the government of the place it
    begins with (普陀区2021年… is 普陀区人民政府's; 福州今年… 福州市人民政府's; 上海市住建委通报…
    that department's), a government it names further on (2021年徐汇区政府实事项目), or the
    government of the level it names without a place (区政府实事项目) in the place of that level
    the ``text`` names first."""
    title = title.strip()
    lead = _TITLE_LEAD.match(title).end()
    written, full = places_at(title, lead)
    m = None if written else _TITLE_PLACE.match(title, lead)
    if written or m:
        end = lead + len(written) if written else m.end()
        department = _TITLE_DEPARTMENT.match(title, end)
        return (full if written else m.group("place")) + (
            department.group(0) if department else "人民政府"
        )
    if m := _UNNAMED_DEPARTMENT.match(title, lead):
        # 市机关事务管理局2025年…: a department by its level alone, of the place the text names
        return _named_in_full(m.group(0), "", text)
    for m in _GOVERNMENT.finditer(title):
        if before := _place_ending_at(title, m.start()):
            return before[2] + "人民政府"
    m = _UNNAMED_GOVERNMENT.search(title)
    if m:
        place = first_place_named(text[:PLACE_NAMED_CHARS], m.group(1))
        return place + "人民政府" if place else None
    return None


# What may come between a clause's start and the place that is its subject: when (今年, 1-9月,
# 截至6月底), never a word of its own (在, 据, 向: the place is then no subject)
_BEFORE_SUBJECT = re.compile(
    r"(?:今年以来|今年|去年|近年来|目前|截至|截止|到|全年|[上下]半年|前?[一二三四1-4]季度|"
    r"(?:19|20)\d{2}\s?年|\d{1,2}\s?[-—–~至]\s?\d{1,2}\s?月份?|\d{1,2}\s?月份?|[底末中旬以来]|\s)*"
)
_CLAUSE_BOUNDARY = re.compile(r"[,，。;；:：!！?？\n]")
# … and a byline in brackets ends one too ((记者 翟媛)2010年天津市委…), not any bracket ((一)济南市。)
_BYLINE = re.compile(r"[(（][^()（）\n]{0,30}?(?:记者|通讯员)[^()（）\n]{0,30}[)）]")
# a news agency's dateline (新华社北京7月1日电) names where the report was filed, not its subject
_DATELINE_AFTER = re.compile(r"\s?\d{1,2}月\d{1,2}日\s?(?:电|讯|消息)")
# … and a place's name followed by one of these opens a name, not a place (中山路, 青岛港, 青岛新闻网,
# 贵港至合浦高速公路)
_NAME_AFTER = re.compile(
    r"路|街|巷|港|湾|桥|站|至|大道|广场|公园|新闻|日报|晚报|在线|网|电视|广播|报"
)


def government_reported_on(intro: str) -> str | None:
    """The government of the place the opening of the text reports on, when no body is named: the
    first place that opens a clause as its subject, after no more than when (丹棱县承担的…; 今年,
    海口市86个项目…; 1-9月,南康区…), not one inside a name (开封市陇海医院 opens no clause)."""
    for start, _, _ in places_named(intro):
        clause = max((m.end() for m in _CLAUSE_BOUNDARY.finditer(intro, 0, start)), default=0)
        clause = max((m.end() for m in _BYLINE.finditer(intro, clause, start)), default=clause)
        if not _BEFORE_SUBJECT.fullmatch(intro, clause, start):
            continue
        written, full = places_at(intro, start)
        after = start + len(written)
        if not written or _DATELINE_AFTER.match(intro, after) or _NAME_AFTER.match(intro, after):
            continue
        return own_place_above(full, intro) + "人民政府"
    return None


# The last character of a place's name, as a text speaking of it as its own says it (我市, 本省)
_LEVEL_CHARS = "[省市县区州]"


def _as_its_own(level: str, voices: str = "我本", ranked: bool = False) -> str:
    """The pattern of a text speaking of the place of ``level`` (市, or a class of them) as its
    own: 我市, 本省; with 全 among the ``voices``, 全市 — and, ``ranked``, not where a place ranks
    itself in it or takes a share of it (居全市第一, 占全市的15%, 高于全省平均); with 该, the place
    just named (该县)."""
    if ranked:
        return f"(?<![居占于列在获])[{voices}]{level}(?![第首前平的])"
    return f"[{voices}]{level}"


# … as the whole it reports on, more than once: a place named once so is as often where a lower
# one ranks itself (居全省第2名)
SPOKEN_OF_AS_ITS_OWN = 2


def own_place_above(place: str, text: str) -> str:
    """The place a text reports on, given the first it names: the one above it (its city, its
    province) when the text speaks of that one as its own (全市, 我市) more than once and never of
    the one it named (全县, 我县) — 叶县 named first on a page of 全市 figures is one of 平顶山市's counties; the named
    one when both are said alike (石狮市 and 泉州市: 全市) or neither is."""
    chain = place_chain(place)
    if not chain:
        return place
    lowest = chain[-1][1]
    above = parent_of(lowest)
    if above is None:
        return place
    own, up = lowest.name[-1], above.name[-1]
    if (
        own == up
        or re.search(_as_its_own(own, "全我本该"), text)
        or len(re.findall(_as_its_own(up, "全我本", ranked=True), text)) < SPOKEN_OF_AS_ITS_OWN
    ):
        return place
    return above.name + place[len("".join(w for w, _ in chain)) :]


# A place's own paper named as the page's outlet (来源:泰安日报, 第01版:泰安日报 — not one a text
# quotes, 湖北日报头版报道了…); a text that speaks of its place as its own (我市, 本省 — not 全市,
# which a county uses to rank itself in its city) reports on the paper's place
_PAPER = re.compile(r"(?:日报|晚报)")
_OUTLET_BEFORE = re.compile(r"(?:来源|稿源|版|信息来源|文章来源)\s*[:：]\s*$")


def _own_place_of_paper(head: str) -> str | None:
    """The government of the place whose paper published the page (来源:天津日报, 第01版:泰安日报),
    when nothing else names the issuer and the text speaks of that place as its own (我市, 本省):
    a place's paper reports on its place."""
    for m in _PAPER.finditer(head[:INTRO_CHARS]):
        before = _place_ending_at(head, m.start())
        if before is None:
            continue
        start, _, full = before
        level = full[-1]
        if (
            _OUTLET_BEFORE.search(head, max(0, start - 8), start)
            and re.fullmatch(_LEVEL_CHARS, level)
            and re.search(_as_its_own(level), head)
        ):
            return full + "人民政府"
    return None


# a text speaking of its own place (我县, 本市, 该市): the level it names
_OWN_PLACE_WORD = re.compile(_as_its_own(f"({_LEVEL_CHARS})", "我本该"))


def _the_one_own_place(head: str) -> str | None:
    """The government of the one place of the level a text speaks of as its own (我县…西平县中心敬老院;
    该市…桐城市青草镇) that it names in full anywhere, even inside a name: the last resort, when
    nothing else names the issuer; None when it names two of that level or none."""
    for level in dict.fromkeys(m.group(1) for m in _OWN_PLACE_WORD.finditer(head)):
        named = {
            place.name
            for _, written, place in places_named(head)
            if written == place.name and place.name.endswith(level)
        }
        if len(named) == 1:
            return named.pop() + "人民政府"
    return None


def _place_ending_at(text: str, end: int) -> tuple[int, str, str] | None:
    """The places written one after another that end right at ``end`` (重庆市沙坪坝区政府, 泰安日报):
    where they start, what is written and the same in full names; None when none does."""
    for start in range(max(0, end - PLACE_CHARS), end):
        written, full = places_at(text, start)
        if written and start + len(written) == end:
            return start, written, full
    return None
