"""The lines of a bulletin's own text on its page: after its title and info block, before the
page's tail, without a masthead or a signature; a very long line (text whose line breaks were lost)
broken before the numbered headings inside it."""

from __future__ import annotations

import re

from ..figures.finder import extract_figures
from ..metadata.bodies import is_signature_line
from ..metadata.dates import is_date_line
from ..metadata.titles import is_breadcrumb, is_stamp_line
from ..model import Cell
from ..read.lines import is_chrome, is_content_start, iter_lines
from ..read.text import strip_readings

# Lines of the page's head: info blocks and their labels.
_HEAD_LINE = re.compile(
    r"^(发布日期|发布时间|信息来源|来源|文章来源|浏览次数|点击数|作者|字号|索引号|发布机构|成文日期|"
    r"文号|主题分类|公文种类|生效日期|有效性|体裁分类|发文机关|【字体|字体)|(发布日期|浏览次数|信息来源)\s*[:：]|"
    # a news page's dateline: its date (and time), then its source (2021年12月28日 09:41 | 来源:…)
    # (a date alone is a masthead's or a signature's, read as such)
    r"^(19|20)\d{2}[-年./]\d{1,2}[-月./]\d{1,2}日?\s*(\d{1,2}:\d{2}(:\d{2})?\s*(\||来源|$)|(\||来源))"
)
# A newspaper's name alone on its line (齐鲁晚报, 东澜日报): a masthead
_NEWSPAPER = re.compile(r"^\S{2,10}(日报|晚报|早报|时报|商报|新闻网)$")
# Where the bulletin's text ends: the page's tail, a signature's date, the attachment list.
_END_LINE = re.compile(
    r"^(上一篇|下一篇|相关链接|相关文章|相关阅读|相关新闻|相关稿件|附件\s*[:：]?|附件\d|【打印|打印本页|摘自|转自|"
    r"关闭窗口|分享到|扫一扫|责任编辑|编辑\s*[:：]|审核\s*[:：]|校对\s*[:：])"
)

# A line that opens with an item's number (1.扩大投资, 2、…, (3), ①): an item, not a headline
_BARE_NUMBERING = re.compile(
    r"^\s*(\d{1,2}\s*[.、)）]|[(（]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+是)"
)

# In text whose line breaks were lost, a numbered heading still follows a space: 。 一、完成情况 (一)…
_RUN_IN_HEADING = re.compile(
    r"(?<=\s)(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、](?!\d))"
)


def _broken_lines(body: str) -> list[Cell]:
    """The text's lines; a very long line is broken before the numbered headings inside it."""
    out: list[Cell] = []
    for line in iter_lines(body):
        if len(line.text) < 300:
            out.append(line)
            continue
        cuts = [line.start] + [
            m.start() for m in _RUN_IN_HEADING.finditer(body, line.start, line.end)
        ]
        for a, b in zip(cuts, cuts[1:] + [line.end], strict=True):
            text = body[a:b].strip()
            if text:
                lead = len(body[a:b]) - len(body[a:b].lstrip())
                out.append(Cell(text, a + lead, a + lead + len(text)))
    return out


# A headline above the text: its original title (原标题:…), or a subtitle, a short line with no
# sentence end in it (其余46件正按序时进度推进; 1至9月份,省重点工程累计完成投资3867.03亿元,完成年度
# 计划87.35%: a news subtitle of clauses) whose every figure the text states again below it, as
# written (a number alone, 12 of 12月, is no figure stated again)
_ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]")
_SENTENCE_MARK = re.compile(r"[。;；:：]")
HEADLINE_CHARS = 60
# Lines of text after the title and its info lines, past which a 来源 line is the text's tail: a
# page's head gives its source and date within a few lines of its title (a text written in short
# lines, as some news pages do, may never have a line of paragraph length)
HEAD_GAP = 8


def _is_headline(line: Cell, body: str) -> bool:
    if _ORIGINAL_TITLE.match(line.text):
        return True
    figures = [f.raw_text for f in extract_figures(line.text)]
    return (
        bool(figures)
        and len(line.text) <= HEADLINE_CHARS
        and not _SENTENCE_MARK.search(line.text)
        and not is_content_start(line.text)
        and not _BARE_NUMBERING.match(line.text)
        and all(re.search(rf"(?<![\d.]){re.escape(f)}", body[line.end :]) for f in figures)
    )


def _after_glued_title(text: str, title: str) -> int:
    """Where a line's text begins after the title it opens with, a space between (as written, a
    mirror's pinyin readings in it: 重點(diǎn)項(xiàng)目…); 0 when it does not open so."""
    if len(title) < 6 or len(text) <= len(title):
        return 0
    for m in re.finditer(r"\s+", text):
        head = strip_readings(text[: m.start()])
        if head == title:
            return m.end() if m.end() < len(text) else 0
        if len(head) > len(title):
            break
    return 0


def _is_title_line(text: str, title: str) -> bool:
    return bool(title) and (text == title or (title in text and len(text) <= len(title) + 30))


def content_lines(body: str, title: str) -> list[Cell]:
    """The lines of the bulletin's own text: after its title and info block, before the page's tail."""
    lines = _broken_lines(body)
    # the head runs to the title at least: what stands above it (a weather widget's long line) is
    # the page's, not the text's
    start = next(
        (i + 1 for i, line in enumerate(lines[:80]) if _is_title_line(line.text, title)), 0
    )
    for i, line in enumerate(lines[:80]):
        if i < start:
            continue
        text = line.text
        if start and i - start >= HEAD_GAP:
            break  # the text has begun, in lines after the head: a 来源 line now is its tail
        if (
            _is_title_line(text, title)
            or _HEAD_LINE.search(text)
            or is_breadcrumb(text)
            or (is_stamp_line(text) and i == start)  # the stamp right under the head
        ):
            start = i + 1
        elif len(text) > 100:
            break  # the text has begun: a source line after it is its tail, not the page's head
    content: list[Cell] = []
    for line in lines[start:]:
        if not content and (after := _after_glued_title(line.text, title)):
            # the headline glued to the text's first line by a space (…完成投资2450亿元 记者近日从…):
            # the text begins after it
            line = Cell(line.text[after:], line.start + after, line.end)
        # chrome words can stand in a sentence (经主办单位分解): only a short line is the page's tail
        # the page's tail ends the text only once the text has begun (分享到 can stand above it)
        if content and (
            _END_LINE.match(line.text) or (is_chrome(line.text) and len(line.text) < 60)
        ):
            break
        if _END_LINE.match(line.text):
            continue
        if (is_chrome(line.text) and len(line.text) < 60) or _HEAD_LINE.match(line.text):
            continue
        if not content and (
            is_date_line(line.text) or is_signature_line(line.text) or _NEWSPAPER.match(line.text)
        ):
            continue  # a masthead before the text: the issuing office or the paper, and the date
        if not content and _is_headline(line, body):
            continue  # a headline's figures are the text's, which states them again
        content.append(line)
    # a signature at the end: the issuing office's name and the date
    while content and (is_date_line(content[-1].text) or is_signature_line(content[-1].text)):
        content.pop()
    return content
