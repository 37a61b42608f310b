"""A figure's subject: its label, or, when the label is only a generic word (总投资, 项目, 剩余,
指标, 完成 …), the thing that word refers to, so that the figure's measure can be found.

In order, a generic label takes:

1. as a part of a breakdown (剩余83家), the subject of the breakdown's whole before it
   (出险和存在隐患企业 + 剩余);
2. as money (总投资, 完成投资, 价值) after a count of projects in the same task within the
   sentence before (项目5035项、总投资12567亿元), the subject of that count;
3. as 项目 or 指标, the noun phrase ending in that word in the sentence before the figure
   (千亿技术改造投资工程项目计划,项目合计5035项 → 千亿技术改造投资工程项目), or the words after
   it (包含17项指标浙江省…平台 → 浙江省…平台指标);
4. a label ending in 等 (省发改委等14个部门): the noun counted after the figure (部门);
5. else the task's title when it names a measure (a short title without figures:
   地区生产总值(第1项) → 地区生产总值, so 增长3.6% is 地区生产总值增长).

A label that is not generic is its own subject, but for these figures, whatever their label
(their roles: roles.py):

- a count after a threshold (10亿元以上项目8个, label 以上项目) is of the class the threshold bounds:
  the threshold's words and the label (10亿元以上项目);
- a target named by the words around it in the progress text (完成全年目标任务5000人的84%, 超额完成
  全年600张的目标) is the target of the last figure of its unit reported before it in its sentence,
  and takes that figure's subject (城镇新增就业);
- the size of a set (roles.py, ``scope``: 全县100个重点项目已开工68个) is of the words after it, up to
  the first word of progress (重点项目).
"""

from __future__ import annotations

import re

from ..model import ParsedBulletin, Task
from .roles import ACTUAL, BREAKDOWN_PART, BREAKDOWN_WHOLE, QUOTED_TARGET, SCOPE

# Words that say what is done, how, or which part, but not of what.
_GENERIC_WORDS = re.compile(
    r"(完成|实现|达到|累计|共计|合计|总计|共|已|仅|剩余|其余|其中|总投资|计划投资|完成投资|投资额|"
    r"投资|项目|指标|价值|金额|总额|总数|数量|个数|增长|下降|增速|同比|占|年度计划|年计划|计划|预算|"
    r"目标任务|目标|比重|开工率|完成率|开工|在建|竣工|建成|化解|低于|高于|序时进度|进度|的|了|额|率)"
)
_MONEY_WORDS = re.compile(r"^(总投资|计划投资|完成投资|投资|投资额|价值|项目价值|金额|总额)$")
_SENTENCE_END = re.compile(r"[。;；!！?？\n]")
_RUN_ENDING = {
    "项目": re.compile(r"[\u4e00-\u9fff“”()]{2,30}?项目"),
    "指标": re.compile(r"[\u4e00-\u9fff“”()]{2,30}?指标"),
}
_RUN_AFTER = re.compile(r"[\u4e00-\u9fff“”()]{2,30}")
_NOUN_AFTER = re.compile(r"个?(部门|单位|县市区|设区市|地市|城市|地区|企业|机构|乡镇|街道)")
_VERB_LEAD = re.compile(
    r"^(?:\d{4}年|年|制定印发|制订印发|印发|制定|制订|实施|推进|开展|组织|完成|新增|下达|建成|启动|"
    r"谋划|形成|出台|增补|省|市|县|区)+"
)
# a count after a threshold: 10亿元以上项目8个 (label 以上项目)
_AFTER_THRESHOLD = re.compile(r"^(?:及)?(?:以上|以下)(?:的)?[\u4e00-\u9fff]+$")
# the words naming a set, up to the first word of progress: 100个重点项目已开工68个
_SET_NOUN = re.compile(
    r"[\u4e00-\u9fff]+?(?=已|中|有|开工|竣工|完工|建成|投产|完成|启动|开业|签约|落地|办结|到位)"
)
_TITLE_MARKS = re.compile(r"[(（]第\d+项[)）]|[(（][^)）]*[)）]$")
_MAX_TITLE = 15


def is_generic(label: str) -> bool:
    """A label that names no thing once its generic words are taken out."""
    rest = _GENERIC_WORDS.sub("", label or "")
    return not re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", rest)


def _title_measure(task: Task | None) -> str | None:
    """The task's title when it names a measure: short, without figures or punctuation."""
    if task is None:
        return None
    title = _TITLE_MARKS.sub("", (task.title or "").strip()).strip()
    if not title or len(title) > _MAX_TITLE or re.search(r"[\d,，;；。:：、]", title):
        return None
    if title.endswith(("情况", "问题", "要求")):
        return None
    return title


def _sentence_start(body: str, pos: int) -> int:
    start = pos
    while start > 0 and not _SENTENCE_END.match(body, start - 1):
        start -= 1
    return start


def _previous_sentence_start(body: str, pos: int) -> int:
    start = _sentence_start(body, pos)
    return _sentence_start(body, start - 1) if start > 0 else 0


def _noun_phrase_ending(body: str, start: int, word: str) -> str | None:
    """The last noun phrase ending in ``word`` in the sentence (or the one before) up to
    ``start``."""
    lower = _previous_sentence_start(body, start)
    text = body[lower:start]
    found = None
    for m in _RUN_ENDING[word].finditer(text):
        phrase = _VERB_LEAD.sub("", m.group())
        if len(phrase) > len(word) + 1:
            found = phrase
    return found


def subjects(bulletin: ParsedBulletin, roles: list[str] | None = None) -> list[str]:
    """The subject of each of the bulletin's figures, in order (``roles``: each figure's role, by
    which a quoted target or the size of a set finds its subject)."""
    body = bulletin.body_text
    tasks = {task.seq: task for task in bulletin.tasks}
    whole_of: dict[int, int] = {}
    for ident in bulletin.identities:
        for part in ident.parts:
            whole_of.setdefault(part, ident.whole)
    out: list[str] = []
    for index, pf in enumerate(bulletin.figures):
        figure = pf.figure
        label = figure.label or ""
        subject = _by_role(bulletin, body, out, roles, index)
        if subject is None:
            subject = label
            if is_generic(label) or label.endswith("等"):
                subject = _resolve(bulletin, body, tasks, whole_of, out, index) or label
        out.append(subject)
    return out


def _by_role(bulletin, body, done, roles, index) -> str | None:
    """The subject of a count after a threshold, a target named in the progress text, or the size
    of a set."""
    pf = bulletin.figures[index]
    figure = pf.figure
    label = figure.label or ""
    previous = bulletin.figures[index - 1] if index else None
    if (
        previous is not None
        and previous.task_seq == pf.task_seq
        and _AFTER_THRESHOLD.match(label)
        and body[previous.figure.char_end : figure.char_start] == label
    ):
        return previous.figure.raw_text + label
    role = roles[index] if roles else None
    if role == SCOPE:
        noun = _SET_NOUN.match(body, figure.char_end)
        return noun.group() if noun else None
    if role == QUOTED_TARGET and not figure.is_quoted_target:
        sentence = _sentence_start(body, figure.char_start)
        for j in range(index - 1, -1, -1):
            other = bulletin.figures[j]
            if other.task_seq != pf.task_seq or other.figure.char_end <= sentence:
                break
            if other.figure.base_unit == figure.base_unit and roles[j] in (
                ACTUAL,
                BREAKDOWN_WHOLE,
                BREAKDOWN_PART,
            ):
                return done[j]
    return None


def _resolve(bulletin, body, tasks, whole_of, done, index) -> str | None:
    pf = bulletin.figures[index]
    figure = pf.figure
    label = figure.label or ""
    if index in whole_of and whole_of[index] < index:
        whole = done[whole_of[index]]
        if not is_generic(whole):
            return whole + label
    if _MONEY_WORDS.match(label) and figure.metric_kind == "amount":
        sentence = _previous_sentence_start(body, figure.char_start)
        for j in range(index - 1, -1, -1):
            other = bulletin.figures[j]
            if other.task_seq != pf.task_seq or other.figure.char_end < sentence:
                break
            if j in whole_of:  # a part (新开工项目39项): the whole's money is the whole's
                continue
            if other.figure.metric_kind == "count" and "项目" in done[j]:
                return done[j] + label
    for word in ("项目", "指标"):
        if label == word:
            after = _RUN_AFTER.match(body, figure.char_end + len(word))
            if word == "指标" and body.startswith(word, figure.char_end) and after:
                return after.group() + word
            phrase = _noun_phrase_ending(body, figure.char_start, word)
            if phrase:
                return phrase
    if label.endswith("等"):
        noun = _NOUN_AFTER.match(body, figure.char_end)
        if noun:
            return noun.group(1)
    title = _title_measure(tasks.get(pf.task_seq))
    if title and title not in label:
        return title + label
    return None
