"""The body text as lines: each non-blank line with its span, and the page chrome around the
bulletin (breadcrumbs, footers, share buttons) that is never part of it."""

from __future__ import annotations

import re

from ..model import Cell
from .text import INVISIBLE

# Page chrome that ends the table or must never become part of a cell: a line of buttons
# (【打印】【关闭】, 【打印本页】), but not an image's caption (【资料图】)
_CHROME = re.compile(
    r"(Produced\s+By|大汉网络|版权所有|ICP备|网站标识码|主办单位|承办单位|联系我们|网站地图|"
    r"^当前位置|浏览次数|打印本页|关闭窗口|扫一扫|分享到|^上一篇|^下一篇|^Baidu$|^map$|"
    r"公网安备|技术支持|^(【[^】]{0,8}】\s*){2,}$|^【\s*(打\s*印|关\s*闭|字\s*[号体]|收\s*藏|分\s*享|返\s*回|"
    r"纠\s*错|下\s*载|[大中小]|默\s*认)[^】]{0,12}】$|^\[?打印\]?$|^字号|^返回顶部)",
    re.IGNORECASE,
)

# A bullet at the start of a line (●, ■, ◆, ▲): an item of a list
LIST_BULLET = re.compile(r"[●■◆▲◇□○]\s*")
# A line ending with 其中 (其中——, 其中:): its parts follow on the lines after it, one a line
SUBSET_ENDS_LINE = re.compile(r"其中\s*[—\-－:：]*\s*$")


def iter_lines(text: str) -> list[Cell]:
    """Non-blank lines with their spans (the span covers the stripped line)."""
    out: list[Cell] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip().strip(INVISIBLE).strip()
        if stripped:
            lead = raw.index(stripped)
            out.append(Cell(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def is_chrome(line: str) -> bool:
    return bool(_CHROME.search(line.strip()))


# Where a text's content starts: a table's header, a sequence number alone, a numbered heading.
# What comes before it (a masthead, an opening paragraph) speaks of the text; what comes after, of
# its tasks.
# (a header or a row on one line counts: 序号 | 重点工作 | …, 1 | 新建学校3所 | …)
_CONTENT_START = re.compile(
    r"^(?:(?:序号|编号)(?:\s|\||$).*|\d{1,3}[.、]?\s*(?:\|.*)?|[一二三四五六七八九十]{1,3}、.*)$"
)


def is_content_start(line: str) -> bool:
    return bool(_CONTENT_START.match(line.strip()))
