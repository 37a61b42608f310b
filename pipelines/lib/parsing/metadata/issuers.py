"""A bulletin's issuer: the body that issues it, named in a 发布机构 / 信息来源 line or tag, a masthead
or a signature, the footer's 主办单位 or the site name — one spelling of it, and never an office's
name alone (办公室, 督查室) nor a media outlet."""

from __future__ import annotations

import re

from .places import PROVINCES as _PROVINCES
from .titles import title_parts

_BODY = (
    r"(人民政府|政府|厅|局|委员会|委|办公室|办|中心|院|会|署|所|队|站|公司|集团|管委会|开发区|园区|"
    r"街道|镇|乡|部)"
)
_ORG = re.compile(rf"^\S{{2,40}}{_BODY}$")
_EXCERPTED_FROM = re.compile(r"^(摘自|转自|来自|转载自)")
_PORTAL = re.compile(r"(?<=[省市县区])(政府)?门户网站$")
_PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,10}(省|市|县|区|自治区|自治州|自治县|旗|盟)$")
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
    "issuing_body": re.compile(
        r"(?:发布机构|发文单位|发文机构|发文机关)\s*[:：]\s*([^\s|,，;；:：]{2,40})"
    ),
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
    name = _EXCERPTED_FROM.sub("", name)  # 摘自上海市门户网站: where the text was taken from
    name = _PORTAL.sub("人民政府", name)  # a place's portal speaks for its government
    if name.endswith("网站"):
        return None  # any other website is where the text was put, not who issued it
    if not name or _OFFICE_ONLY.match(name) or _MEDIA.search(name):
        return None
    # an office inside a government (巴中市人民政府民生工作办公室) speaks for that government
    name = re.sub(r"(?<=人民政府).+$", "", name)
    stripped = _OFFICE_SUFFIX.sub("", name)
    if stripped != name and re.search(r"(政府|厅|局|委|委员会)$", stripped):
        name = stripped
    name = re.sub(r"(?<=[省市县区州旗])政府$", "人民政府", name)
    if _PLACE_ONLY.match(name):  # 发文机构:锡林浩特市 — the place's government
        name += "人民政府"
    if not _ORG.match(name) or not _PLACE.match(name):
        return None
    return name


def find_issuer(
    head: str, foot: str, tags: dict[str, str], lines: list[str], tail: list[str], title: str = ""
) -> str | None:
    """The issuing body: 发布机构, the ContentSource tag or 信息来源, a masthead or signature naming
    a body (澄岭县人民政府督查室 2022年7月18日), the footer's 主办单位, the site name after the page
    title (标题 - 青山县人民政府), the SiteName tag — the first that names a body; else the body a
    news report says its figures come from (记者从…获悉); else the government of the place the title
    begins with (:func:`government_of_title`)."""
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
    return _reported_by(head) or government_of_title(title)


# A news report names the body its figures come from: 记者从金华市政府办公室获悉, 苏州市政府公布了…
_REPORTER_SOURCE = re.compile(
    r"从([^\s,，。:：;；、“”]{2,30}?)(?:了解到|获悉|得知)|"
    r"([^\s,，。:：;；、“”]{2,12}?[省市县区](?:人民)?政府)(?:日前|近日|今天|昨天)?(?:公布|发布|通报)"
)
INTRO_CHARS = 600  # the report's opening, where a news report names its source
_UNNAMED_PLACE = re.compile(r"^(自治区|省|市|县|区|州|全省|全市|全县|全区)")


def _reported_by(head: str) -> str | None:
    """The body a news report's opening names as the source of its figures, if it names a place's
    body (an office of a government standing for that government)."""
    m = _REPORTER_SOURCE.search(head[:INTRO_CHARS])
    if not m or _UNNAMED_PLACE.match(m.group(1) or m.group(2)):
        return None  # 自治区发展改革委, 省发改委: a body of a place the report does not name
    return normalize_issuer(m.group(1) or m.group(2))


# A title that begins with a place (after a year, if any): 普陀区2021年…, 鄂尔多斯市:…, 2024年天津…
_TITLE_PLACE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?P<place>(?![全本我该各])(?:(?!季度|月|年|半|委|政府)[\u4e00-\u9fff]){2,10}?"
    r"(?:自治区|自治州|自治县|省|市|州|盟|旗|县|区))(?![长委办局厅])"
)
# … and a department of it named right after (上海市住建委通报…): the department is the issuer
_ABOUT = re.compile(r"^关于")
_TITLE_DEPARTMENT = re.compile(r"(?:(?!政府)[\u4e00-\u9fff]){1,6}?(?:委员会|委|局|厅)")
_TITLE_PROVINCE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?P<short>" + "|".join(sorted(_PROVINCES, key=len, reverse=True)) + r")"
    r"(?![省市])"
)


def government_of_title(title: str) -> str | None:
    """The government of the place a title begins with, when nothing else names the issuer: a
    bulletin titled 普陀区2021年重点工作推进情况 is 普陀区人民政府's; 河北:18项民生工程… is
    河北省人民政府's (a province by its short name, its full name given)."""
    title = _ABOUT.sub("", title.strip())  # 关于北京市…的报告: the place after 关于
    m = _TITLE_PLACE.match(title)
    if m and m.group("place") not in _PROVINCES:
        department = _TITLE_DEPARTMENT.match(title, m.end())
        return m.group("place") + (department.group(0) if department else "人民政府")
    m = _TITLE_PROVINCE.match(title)
    if m:
        return _PROVINCES[m.group("short")] + "人民政府"
    return None
