"""A figure's label: the name of the measure it quantifies, how analysts find it and how targets are
matched to what reports on them.

The label is the noun phrase of the figure's clause, without numbering, punctuation, periods, or
words that say how rather than what (同比, 累计, 达到 …). When the words before a figure are only a
verb (下达4.4亿元省级财政专项资金), the noun after it completes them; a bare change (同比增长9.6%)
or rate (占年计划的56.3%) takes the measure of the figure before it; and in a list (城镇和农村居民
人均可支配收入分别增长4.9%、6.8%) each item takes its own subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .vocabulary import COUNT_UNITS, PERIOD_PATTERN

_NUMBERING = (
    r"\d{1,2}\s?[.、)）]|[(（]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[是、)）]|"
    r"[(（][一二三四五六七八九十]{1,3}[)）]"
)
_WORD_LEAD = (
    r"其中|同比|全省|全市|全区|全县|累计|共计|共有|总计|合计|目前|已经|达到|超过|实现|力争|确保|争取|"
    r"全年|截至\S{0,6}?[末底]"
)
# Single characters that lead a clause (共有…, 并新增…, 已完成…) but also begin words of their own
# (有效, 为民, 及时, 其他, 近视, 超市, 达标, 共享): stripped only when no such word follows.
_CHAR_LEAD = (
    r"(?:共(?![享建同])|并(?!购)|及(?!时)|和(?!谐)|与(?!会)|其(?![他余])|达(?!标)|为(?!民)|"
    r"是(?!否)|有(?![效序机关力])|约(?!束)|超(?![市高进序额时])|近(?!视)|已)"
)
_LABEL_LEAD = re.compile(rf"^(?:{_NUMBERING}|{_WORD_LEAD}|{_CHAR_LEAD}|[|｜\s])+")
_LABEL_CLAUSE_BREAK = re.compile(r"[,，;；。:：!！?？\n、|｜]")
# Words that end a clause before its number but are not part of the measure; a single character
# only where it does not end a word of its own (下达, 作为, 拥有, 附近, 集中).
_LABEL_TRAIL = re.compile(
    r"(达到|共计|合计|总计|超过|突破|同比|比上年|较上年|分别|不少于|不低于|不超过|不高于|至少|以上|"
    r"(?<![下到表传送抵通发直])达|(?<![作成认行因更称视])为|(?<![但就总还于])是|"
    r"(?<![拥具享所占持没只])有|(?<![公总])共|(?<![节制合签])约|超|(?<![附接将邻])近|"
    r"(?<![集高初其之])中|的)+$"
)
# A comparison's base is not what is measured: 同比 / 比上年 / 较一季度 …
_COMPARISON = re.compile(
    rf"(同比|环比|比上年同期|比上年|较上年同期|较上年|比去年同期|较去年同期|较上月|"
    rf"(?:较|比)(?:{PERIOD_PATTERN.pattern}))"
)
# A deadline is when, not what: 6月底前建成150个 measures 建成
_DEADLINE = re.compile(r"\d{1,2}月(底|末|中旬|上旬|下旬)?(前|以前)|年底前|年内")
_QUALIFIER_TRAIL = re.compile(r"(超过|超|约|近|突破|逾|不少于|不低于|不超过|至少)$")
_COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff A-Za-z0-9]{1,10}")
_NOT_A_NOUN = re.compile(r"^(以上|左右|以内|以下|的|次|后|前|内|外|中|里|间|余)")
# Words that do something to a measure rather than name it: a label of only these needs the noun
# written after the figure (组织完成24家国家新型工业化产业示范基地…).
_VERBS = re.compile(
    r"^(组织|完成|开展|实现|新增|新建|建成|建设|实施|推进|培育|引进|下达|认定|审核|推荐|召开|印发|出台|"
    r"制定|发布|举办|征集|梳理|形成|改造|整治|淘汰|申报|签约|开工|竣工|投产|获得|争取|帮扶|排除|化解|"
    r"服务|带动|拉动|吸引|覆盖|惠及|发放|兑现|减免|培训|安置|招引|落地|开设|设立|创建|打造|举行|开通|"
    r"新开工|改扩建|了|已|共)+$"
)
_INCLUSION = re.compile(r"(包含|包括|含有|涵盖|涉及)$")


def _counted_noun(text: str, end: int, inside_quote: bool) -> str:
    """The noun a count classifier counts, written right after it (17项平台指标 -> 平台指标): the
    characters up to the clause's end, if few and not a direction or comparison."""
    m = _COUNTED_NOUN.match(text, end)
    if not m or _NOT_A_NOUN.match(m.group(0)):
        return ""
    tail = text[m.end() : m.end() + 1]
    if tail and not (
        _LABEL_CLAUSE_BREAK.match(tail) or tail in "。(（" or (inside_quote and tail in '”"')
    ):
        return ""  # a longer phrase follows: not just the counted noun
    if re.search(r"\d", m.group(0)):
        return ""
    return m.group(0).strip()


def _words_after(text: str, end: int, inside_quote: bool) -> str:
    """What is written after the figure up to its clause's end (no numbers, no qualifiers)."""
    stop = end
    while (
        stop < len(text)
        and not _LABEL_CLAUSE_BREAK.match(text[stop])
        and not text[stop].isdigit()
        and text[stop] not in "(（"
        and not (inside_quote and text[stop] in '”"')
    ):
        stop += 1
    return re.sub(r"^[)）]?(以上|左右|以内|以下|的|等)*", "", text[end:stop]).strip()


def clean_label(words: str) -> str:
    """Words as a label: no numbering, periods, comparison bases, deadlines, leads or trails."""
    words = _COMPARISON.sub("", words)
    words = _DEADLINE.sub("", PERIOD_PATTERN.sub("", words))
    words = re.sub(r"[|｜]", "", words)
    words = _LABEL_LEAD.sub("", words.strip(" ,，、()（）")).strip(" ,，、")
    return _LABEL_TRAIL.sub("", words).strip(" ,，、(（的")


def label_of(
    text: str, start: int, end: int, prev_end: int, inside_quote: bool = False, unit: str = ""
) -> str:
    """What the figure at ``text[start:end]`` measures (``prev_end``: where the figure before it
    ends, so that a label never reaches back over another figure)."""
    left = start
    while left > prev_end and not _LABEL_CLAUSE_BREAK.match(text[left - 1]):
        left -= 1
    raw_before = text[left:start]
    before = clean_label(raw_before)
    if _INCLUSION.search(before):
        # 开发建设了包含17项指标…: what is counted is written after the count
        noun = _counted_noun(text, end, inside_quote) or _words_after(text, end, inside_quote)[:2]
        return noun or before
    counted = _counted_noun(text, end, inside_quote) if unit in COUNT_UNITS else ""
    if len(before) >= 4 and not _VERBS.match(before):
        return (before + counted)[-40:]
    after = _COMPARISON.sub("", _words_after(text, end, inside_quote))
    # a qualifier before the number is not what is measured (服务超10万家工业企业)
    label = _LABEL_TRAIL.sub("", _QUALIFIER_TRAIL.sub("", before) + after)[:40]
    return (
        label or clean_label(raw_before.strip(" ,，、"))[-40:] or raw_before.strip(" ,，、")[-40:]
    )


# --- labels that take the measure of the figure before them ------------------------------------------

_BARE_CHANGE = re.compile(
    r"(同比|比上年|较上年|比去年同期|较去年同期)?(增长|下降|提高|降低|减少|增加|回落|上升|收窄|扩大)?"
)
_DIRECTION_WORDS = re.compile(r"(同比)?(增长|下降|提高|降低|减少|增加(?!值)|回落|上升|收窄|扩大)$")
_COMPARED = re.compile(r"^(增速|增幅|降幅)?(高出|高于|低于|快于|慢于|领先|超出|超过|落后)")
_RATE = re.compile(
    r"^(完成率|开工率|竣工率|到位率|占比|占|比重|增长面|分别)$|"
    r"^(分别)?(完成|占)(全年|年度|年初|年)?[\u4e00-\u9fff]{0,4}?(目标|任务|计划|预算)[\u4e00-\u9fff]{0,3}$|"
    r"^为年度预算数$"
)


def bare_change_label(label: str, previous: str) -> str:
    """A label that names no measure of its own takes that of the figure before it in its sentence:
    完成1234.5亿元,同比增长9.6% (增长); 增长12.7%,高出规模以上工业10.9个百分点 (高出…);
    完成投资236.5亿元,占年计划的56.3% (占年计划)."""
    measure = _DIRECTION_WORDS.sub("", previous)
    if not measure:
        return label
    if _BARE_CHANGE.fullmatch(label):
        return measure + _COMPARISON.sub("", label)
    if label == "占":
        return measure + "占比"
    if _COMPARED.match(label) or _RATE.match(label):
        return measure + label
    return label


# --- lists: each item with its own subject ---------------------------------------------------------

_LIST_JOIN = re.compile(r"^\s?(、|和|及|与)\s?$")
_SUBJECT_SPLIT = re.compile(r"[、和及与]")
# Where the noun shared by a list of subjects begins (城镇和农村|居民人均可支配收入)
_SHARED_NOUN = re.compile(
    r"(居民|产业|行业|企业|收入|产值|增加值|投资|消费|零售|总额|人均|项目|工业|农业|服务业|进出口|"
    r"出口|进口|营业|利润|税收|财政|贷款|存款|人口|产品|学校|医院)"
)
_FILLER = re.compile(r"[一二三四五六七八九十两\d]+大(主导|重点|支柱|新兴|传统|优势)?")
_COPULA = re.compile(r"^(为|是|达到|达|分别为|分别是)$")


def _split_subject(subject: str, n: int) -> list[str] | None:
    """城镇和农村居民人均可支配收入, 2 -> [城镇居民人均可支配收入, 农村居民人均可支配收入]."""
    parts = [p for p in _SUBJECT_SPLIT.split(subject) if p]
    if len(parts) != n:
        return None
    last = parts[-1]
    m = _SHARED_NOUN.search(last)
    if not m or m.start() == 0:
        return parts
    head, shared = _FILLER.sub("", last[: m.start()]), last[m.start() :]
    return [p + shared for p in parts[:-1]] + [head + shared]


def _list_runs(text: str, figures: list) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in range(1, len(figures)):
        joined = _LIST_JOIN.match(text[figures[i - 1].char_end : figures[i].char_start])
        if joined and figures[i - 1].base_unit == figures[i].base_unit:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i - 1, i])
    return runs


def label_lists(text: str, figures: list) -> None:
    """Give each item of a 分别 list its own subject: the list's figures replaced by ones with that label.

    The subject before 分别 is split at 、/和/及 into one name per item, sharing its noun
    (城镇和农村居民人均可支配收入分别为13650元、6120元); a list with no subject of its own
    (…,分别增长4.9%、6.8%) takes the names of the list just before it in the sentence, or the labels
    of the figures listed there (新增规上工业企业23家、“专精特新”中小企业9家,分别完成…).
    """
    previous: tuple[int, list[str]] | None = None  # (end of the list, its names)
    for run in _list_runs(text, figures):
        first = figures[run[0]]
        left = first.char_start
        while left > 0 and not re.match(r"[,，;；。:：!！?？\n]", text[left - 1]):
            left -= 1
        clause = text[left : first.char_start]
        if "分别" not in clause:
            previous = (figures[run[-1]].char_end, [figures[i].label for i in run])
            continue
        subject_words, _, verb = clause.partition("分别")
        subject = clean_label(subject_words)
        verb = "" if _COPULA.match(verb.strip()) else clean_label(_COMPARISON.sub("", verb))
        names = _split_subject(subject, len(run)) if subject else None
        same_sentence = previous and not re.search(r"[;；。!！?？\n]", text[previous[0] : left])
        if names is None and not subject and same_sentence and len(previous[1]) == len(run):
            names = previous[1]
        if names is None and not subject and run[0] >= len(run):
            # 接待游客132.6万人次,实现旅游收入9.85亿元,分别增长36.2%、41.7%
            before = figures[run[0] - len(run) : run[0]]
            if not re.search(r"[;；。!！?？\n]", text[before[0].char_start : left]):
                names = [f.label for f in before]
        for k, i in enumerate(run):
            name = names[k] if names else subject
            label = (_DIRECTION_WORDS.sub("", name) if verb else name) + verb or figures[i].label
            figures[i] = replace(figures[i], label=label)  # figures are values: a new one
        previous = (figures[run[-1]].char_end, names or [figures[i].label for i in run])
