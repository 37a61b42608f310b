"""Stated accounting identities: a whole and the parts the text says it breaks into.

Found by the wording, never by the numbers, so an identity that does not add up is still found (and
then fails its check):

- remainder: ``共156家,……出清73家,剩余83家`` — the whole is marked by 共/合计/总计, the parts follow in
  the same sentence and the last one is what remains (剩余/其余/尚余/还剩). Relation: equals.
- breakdown: ``……3252亿元……。分类型看,减税1740亿元、减费1183亿元……`` — a breakdown marker
  (分类型看/分类别看/按类型分/分别为) followed by at least two figures of the whole's unit. Relation: equals.
- subset: ``剩余83家(其中,……23家;……60家)`` — 其中 with at least two parts; a 其中 list need not be
  exhaustive, so the relation is at_most (the parts may not exceed the whole).
- subset by items: ``共安排项目2738个,计划投资7204亿元。其中:收尾项目323个,计划投资822亿元;续建项目
  1326个,计划投资4420亿元`` — a 其中 list whose items are separated by semicolons, each item with its
  own figures of several measures (counts, money, rates): each item's first figure of a unit is a
  part of the nearest earlier figure of that unit (2738个 ⊇ 323个 + 1326个; 7204亿元 ⊇ 822亿元 +
  4420亿元). Relation: at_most.

Percentages and percentage points are never summed, nor averages (人均, 平均).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..figures.context import counts_within_set
from ..figures.vocabulary import AVERAGE_WORDS, RATE_BASE_UNITS
from ..model import Figure
from ..read.lines import LIST_BULLET, SUBSET_ENDS_LINE, iter_lines
from ..read.sentences import STATEMENT_END, sentence_bounds

_WHOLE_MARK = re.compile(r"(共|合计|总计|共计|共有|总数|总量|累计共)\s?$")
# 共 earlier in the whole's clause: 共排查认定农村危房412户 (not 共同, 共建, 共享, 公共)
_WHOLE_MARK_IN_CLAUSE = re.compile(r"(?<!公)(共(?![同建享治商])|合计|总计)")
_CLAUSE_START = re.compile(r"[,，;；。:：!！?？\n]")
_REMAINDER = re.compile(r"(剩余|其余|尚余|还剩|余下|剩下)")
# what is not done of a set, after what is (全年任务658项,完成628项…;未完成30项): its rest, when the
# parts make the set exactly
_NOT_DONE = re.compile(r"(?:尚)?未(?:完成|开工|启动|办结|达标|达到)")
_REMAINDER_OPENS = re.compile(r"\s*" + _REMAINDER.pattern)
_BREAKDOWN = re.compile(
    r"(分类型看|分类别看|从类型看|从类别看|按类型分|按类别分|分类看|分别为|分项看|具体为|"
    r"(?:分|从|按照?)(?:项目)?(?:建设)?(?:阶段|地区|区域|领域|行业|产业|类型|类别|性质|主体|板块|"
    r"规模|区县|县区|市州|进度|投资主体|资金来源)(?:来)?(?:看|划分)|分为[一二三四五六七八九十两\d]{1,2}类|"
    # 各行业完成投资及占年度计划比例为: the view's parts, category by category
    r"各(?:阶段|地区|区域|领域|行业|产业|类型|类别|板块|区县|县区|市州)[^,，。;；:：]{0,16}?为[:：])"
)
# A breakdown by category lists its parts clause by clause, each with its own rates
# (分类型看,工业投资18.5亿元,增长16.3%;基础设施投资16.2亿元,…): its parts need not be consecutive,
# and the list runs to the end of the sentence or the next item (二是…).
_BY_CATEGORY = re.compile(r"^(分|从|按).{0,6}(看|分)$|^分为.{1,2}类$|^各.{2,20}为[:：]$")
# a sentence of what is besides the things stated (此外,拟安排29个预备项目): no whole of a view of them
_BESIDES_OPENS = re.compile(r"\s*(?:此\s?外|另\s?外|另\s?有)")  # 此 外: a page may space a word
_LIST_END = re.compile(
    r"[。!！?？\n]|[;；,，](?=[一二三四五六七八九十]是|[(（]?[一二三四五六七八九十\d]{1,2}[)）.、])"
)
_SUBSET = re.compile(r"其中|包括[:：]")
# A count of a set, then 中: its groups follow (56项任务中,55项已完成,1项滞后; 181个项目中有基础设施类
# 61个…). Groups by stage may nest (100个项目中,开工80个,竣工30个: the 30 are of the 80), so such a
# list is read as a breakdown only where its groups fit in the set
_GROUPS_OF_A_SET = re.compile(
    r"(?<=\d[个项件家所台座条处])[\u4e00-\u9fff“”]{0,10}?"
    r"(?:任务|项目|事项|实事|小项|分项|工作|指标|工程|问题|民生实事)中(?=[,，:：]|有)|"
    # … or by its classifier alone (省实事11件15项中有9项…;3项…): items or tasks
    r"(?<=\d[项件])中(?=[,，:：]|有)"
)
# Words that leave a list of parts: what follows is besides it (另有50处…) or inside its last part
# (44个…,涉及11个…和33个…; 26项,分别是:甲市11项、乙县6项…: a breakdown of that part, not more
# parts of the whole)
_LIST_LEAVES = re.compile(r"另有|另外|此外|涉及|包括|包含|分别是|分别有")
# A part whose own clause ends with 中 (其他11项主要经济指标中,达到序时进度的10项…) is broken down by
# what follows: the list ends with it (not so a later clause: 新开工项目25个,正在加快建设中,…)
_PART_BROKEN_DOWN = re.compile(r"[^,，;；。:：]{0,12}中[,，:：]")
# An item that opens with the aspect it speaks of and restates a part before it (…实施项目220个…;
# 投资方面,220个项目已完成投资…) is a statement about the whole set, not one more group of it
_ASPECT_OPENS = re.compile(r"\s*[^,，;；。]{1,8}(方面|来看|看)[,，:：]")
_CLAUSE_END = re.compile(r"[,，;；。]")
_ITEM_SEPARATOR = re.compile(r"[;；]")
_ITEMS_END = re.compile(r"[。!！?？\n]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
# what was done, before a count in its clause (开工300个项目): a count of it, not a set's size
_DONE_BEFORE = re.compile(
    r"开复工|复工|开工|竣工|完工|建成|投产|完成|启动|开业|签约|落地|办结|实施|新增|新建"
)
# where a clause's things stand, opening it (已完成1处, 正在建设3处)
_STATUS_OPENS = re.compile(r"\s*(?:已|正在|尚在|仍在|尚未)")
# the stage a project's label names (竣工项目, 新开工项目, 续建项目)
_STAGE = re.compile(r"竣工|建成|投产|完工|开工|续建|新建|在建|前期|预备")
# where a clause's things stand now, opening it (现竣工3项, 目前已完成…, 截至目前…)
_NOW_OPENS = re.compile(r"\s*(?:现(?:已|正|竣工|完成|开工|建成|累计)|目前|截至目前|已)")
# Classifiers that count things of any kind: one set may be counted in one and its groups in
# another (共54个项目…,其中新开工类20项,续建类23项) …
_ANY_THINGS = frozenset({"个", "项"})
# … when the count is of such things: 54个项目, 12个任务 (not 12个部门, 18个乡镇)
_COUNTS_TASKS = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:项目|任务|事项|实事|工程|工作)")
# What may come before a 其中 that opens its sentence: nothing, or one clause of when or of a view
_OPENS_AFTER = re.compile(
    r"\s*(?:(?:截[至止]|到|今年|目前|[上下]半年|前三季度|[一二三四]季度|\d{1,2}\s?[-—至~]\s?\d{1,2}\s?月|"
    r"(?:19|20)\d{2}\s?年|具体|[从分按])[^,，。;；:：\n]{0,12}[,，:：]\s*)?"
)
# What a money figure measures, as its words say: a plan (年度计划投资, 今年计划投资), a total
# (总投资, 在建规模) or what was done (完成投资, 累计完成)
_MEASURE_KINDS = (
    ("total", re.compile(r"总投资|规模|总额")),  # (计划总投资 is a total)
    ("plan", re.compile(r"计划|预计|目标")),
    ("done", re.compile(r"完成|累计|实际")),
    ("plan", re.compile(r"年度|当年|全年")),  # 年度投资: the year's plan (年度完成投资: done)
)


def _measure_kind(label: str) -> str | None:
    return next((kind for kind, words in _MEASURE_KINDS if words.search(label)), None)


_SET_NAME_CHARS = 12  # the longest name of a set between its count and 中 (30项重点改革任务中)
# what follows the total a share is of (…6441亿元的35.8%, 完成年度目标6000人的86.7%)
_SHARE_OF = re.compile(r"\s?的\s?\d+(?:\.\d+)?\s?%")
# a figure its clause says is planned or expected (年度计划投资45亿元, 预计22.6亿元)
_PLANNED = re.compile(r"计划|预计|目标|谋划|任务|力争|拟")


# A part, then a clause of what is already done of it (68个产业项目,已开工55个; 专项债券366亿元,已发行
# 274.6亿元), a clause of when it stood may come between (706个,截至9月底,已开工项目660个): the count
# within the part, no part of its own. Only in a list of parts: elsewhere the first figure stays what
# it reports (组织申报企业42家,已认定30家: 42家 were applied for)
_DONE_OF_THE_PART = re.compile(
    r"[\u4e00-\u9fff“”\"]{0,20}[,，]"
    r"(?:(?:(?:截[至止]|到)(?:目前|(?:(?:19|20)\d{2}\s?年)?(?:\d{1,2}月(?:底|末|\d{1,2}日)?|[一二三四]季度末?))|"
    r"\d{1,2}\s?[-—至]\s?\d{1,2}月份?|今年以来|目前)[,，]?)?已[\u4e00-\u9fff]{1,6}"
)


def _leaves_the_list(text: str, start: int = 0, stop: int | None = None) -> bool:
    """Whether the words of text[start:stop] leave a list of parts: 另有, 涉及 …; 分别是 when the
    figure after it is what it names (26项,分别是:甲市11项), not when it names things and a clause
    ends before a figure (新开工项目12个,分别是城南污水厂、…;续建项目30个)."""
    stop = len(text) if stop is None else stop
    for m in _LIST_LEAVES.finditer(text, start, stop):
        if not m.group(0).startswith("分别"):
            return True
        names = re.match(r"[^\d]*", text[m.end() : stop]).group(0)
        if not _CLAUSE_END.search(names):
            return True
    return False


def _counts_within(between: str) -> bool:
    return counts_within_set(between) or bool(_DONE_OF_THE_PART.fullmatch(between))


ROUNDED_TOLERANCE = 0.01  # 约/超过/近 figures are stated to about two or three digits


_DECIMALS = re.compile(r"\d[.．](\d+)")


def _half_last_decimal(figure: Figure) -> float:
    """Half a unit of the last decimal a figure is written with, in base units (212.47亿元:
    0.005亿元); nothing for a figure written without decimals (a count, 156家, is exact)."""
    m = _DECIMALS.search(figure.raw_text)
    return 0.5 * 10.0 ** -len(m.group(1)) * figure.scale if m else 0.0


@dataclass
class Identity:
    whole: int  # index into the figure list
    parts: list[int]
    relation: str  # 'equals' | 'at_most'
    rule: str  # 'remainder' | 'enumeration' | 'breakdown' | 'subset'

    def holds(self, figures: list[Figure]) -> bool:
        whole = figures[self.whole].base_value
        total = sum(figures[i].base_value for i in self.parts)
        rounded = any(figures[i].qualifier for i in [self.whole, *self.parts])
        # a stated figure is exact unless it says it is not (约1222亿元, 超过50万人): then the
        # breakdown holds within the rounding such a figure allows
        tolerance = (ROUNDED_TOLERANCE if rounded else 1e-9) * max(abs(whole), 1.0)
        # a figure written with decimals is rounded at its last one (212.47亿元 is 212.465 to
        # 212.475亿元): parts so written may miss their whole by the sum of those half-units
        # (60.00亿元 against parts adding up to 60.01亿元)
        tolerance = max(
            tolerance, sum(_half_last_decimal(figures[i]) for i in [self.whole, *self.parts])
        )
        if self.relation == "equals":
            return abs(whole - total) <= tolerance
        return total <= whole + tolerance

    def falls_short(self, figures: list[Figure]) -> bool:
        """The parts add up to less than the whole."""
        return sum(figures[i].base_value for i in self.parts) < figures[self.whole].base_value


class _Depths:
    """Parenthesis depth of each character of text[lower:upper], indexed by position in text."""

    def __init__(self, text: str, lower: int, upper: int):
        self.lower = lower
        self.values = _paren_depths(text[lower:upper])

    def __getitem__(self, pos: int) -> int:
        index = pos - self.lower
        if 0 <= index < len(self.values):
            return self.values[index]
        return 0


def _paren_depths(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        if ch in "(（":
            depth += 1
        out.append(depth)
        if ch in ")）":
            depth = max(0, depth - 1)
    return out


def _paren_group_end(text: str, pos: int, depths: _Depths) -> int:
    """End of the parenthesised group that contains pos (or of the sentence at depth 0)."""
    level = depths[pos]
    i = pos
    end = min(len(text), depths.lower + len(depths.values))
    while i < end:
        if depths[i] < level or (text[i] in ")）" and depths[i] == level and level > 0):
            return i
        if level == 0 and STATEMENT_END.match(text[i]):
            return i
        i += 1
    return end


def _is_marked_whole(text: str, lower: int, start: int) -> bool:
    """A whole is marked 共/合计/总计 just before it, or by 共 earlier in its clause."""
    if _WHOLE_MARK.search(text[max(lower, start - 4) : start]):
        return True
    clause = start
    while clause > lower and not _CLAUSE_START.match(text[clause - 1]):
        clause -= 1
    return bool(_WHOLE_MARK_IN_CLAUSE.search(text, clause, start))


def find_identities(
    text: str, figures: list[Figure], lower: int = 0, upper: int | None = None
) -> list[Identity]:
    """Identities among ``figures`` (all inside one cell of ``text``, spans relative to ``text``)."""
    if len(figures) < 3:
        return []
    upper = len(text) if upper is None else upper
    cell = _Cell(text, figures, lower, upper)
    found = cell.remainders()
    for rule, pattern, relation in (
        ("breakdown", _BREAKDOWN, "equals"),
        ("subset", _SUBSET, "at_most"),
        ("groups", _GROUPS_OF_A_SET, "at_most"),
    ):
        for m in pattern.finditer(text, lower, upper):
            # (a set's groups may be items too: 15项中有9项…;3项…;3项…, of the set's count only:
            # the money its groups state is of no figure before the set)
            items = cell.by_items(m) if rule in ("subset", "groups") else []
            if rule == "groups":
                items = [i for i in items if cell.counts_the_set(i.whole, m)]
            for identity in items or cell.marked(m, rule, relation):
                if rule == "groups":
                    if not identity.holds(figures):
                        continue  # nested groups (开工, then 竣工 of those), not a breakdown
                    identity = Identity(identity.whole, identity.parts, relation, "subset")
                if identity is not None and rule == "breakdown":
                    identity = _shares_the_whole_of_an_earlier_view(identity, found, figures)
                if identity is not None and rule in ("breakdown", "subset"):
                    if cell.guessed(identity, m):
                        continue
                if identity is None or any(
                    x.whole == identity.whole and x.parts == identity.parts for x in found
                ):
                    continue
                found.append(identity)
    return found


def _same_words(label: str) -> str:
    """A measure's name as compared: its characters, whatever their order or spacing (年度计划投资,
    年度投资计划, 年度计 划投资)."""
    return "".join(sorted(label.replace(" ", "")))


def _shares_the_whole_of_an_earlier_view(
    identity: Identity, found: list[Identity], figures: list[Figure]
) -> Identity:
    """A breakdown whose whole would be the last part of an earlier breakdown, and whose parts do
    not add up to it (…竣工项目106亿元;续建项目239亿元;新开工项目26亿元。\n从项目类别看,产业发展
    项目196亿元…), is another view of that breakdown's whole (371亿元 by stage, then by kind); one
    whose parts add up to that part (…新开工项目40个。新开工项目分行业看,工业项目25个,…15个)
    breaks it down."""
    if identity.holds(figures):
        return identity
    for earlier in found:
        if earlier.rule == "breakdown" and earlier.parts and earlier.parts[-1] == identity.whole:
            return Identity(
                whole=earlier.whole, parts=identity.parts, relation="equals", rule="breakdown"
            )
    return identity


class _Cell:
    """The figures of one cell of ``text`` (``text[lower:upper]``), read for identities."""

    def __init__(self, text: str, figures: list[Figure], lower: int, upper: int):
        self.text = text
        self.figures = figures
        self.lower = lower
        self.upper = upper
        self.depths = _Depths(text, lower, upper)
        self.summable = [
            i
            for i, f in enumerate(figures)
            if f.base_unit not in RATE_BASE_UNITS
            and not f.in_quote
            and not AVERAGE_WORDS.search(f.label)
        ]

    def consecutive_run(self, candidates: list[int], unit: str) -> list[int]:
        """Parts are listed one after another: a figure of another unit ends the list, so
        其中工业投资80亿元,增长10%,民间投资90亿元 is not read as 80 + 90; so do 另有/此外 (what follows
        is besides the list), 涉及/包括 and a part's clause ending with 中 (what follows breaks down
        the last part), and a running total after the parts (累计完成139处)."""
        run: list[int] = []
        for j in candidates:
            if self.figures[j].base_unit != unit or self.figures[j].in_quote:
                break
            if not run:
                run.append(j)
                continue
            last, part = self.figures[run[-1]], self.figures[j]
            gap = self.text[last.char_end : part.char_start]
            if (
                self._ends_the_list(run[-1], j)
                or (part.is_cumulative and not last.is_cumulative)  # 已完工29处,累计完成139处
                or (self._opens_with_now(j) and not self._opens_with_now(run[-1]))
            ):
                break
            if _counts_within(gap):
                # two of the unit in one clause (500个省级重点项目已开工450个): the first is the
                # size of the set the second counts within, not a part of its own
                run[-1] = j
                continue
            run.append(j)
        return run

    def _opens_with_now(self, j: int) -> bool:
        """A figure whose clause opens with where things stand now (现竣工3项, 目前已完成…): after
        parts that did not (计划竣工126项,其中各市项目122项,跨市域项目4项,现竣工3项), what is done of
        the whole, no part of it."""
        return bool(_NOW_OPENS.match(self.text, self._clause_start(self.figures[j].char_start)))

    def _ends_the_list(self, last: int, j: int) -> bool:
        """Whether the words between a list's last part and the next figure end the list: 另有/此外
        (what follows is besides it), 涉及/包括, a part's clause ending with 中 (what follows breaks
        down that part)."""
        gap = self.text[self.figures[last].char_end : self.figures[j].char_start]
        return _leaves_the_list(gap) or bool(_PART_BROKEN_DOWN.match(gap))

    def same_level_after(self, idx: int, stop: int, level: int) -> list[int]:
        after = self._figures_between(self.figures[idx].char_end, stop, level)
        return self.consecutive_run(after, self.figures[idx].base_unit)

    def _figures_between(self, start: int, stop: int, level: int) -> list[int]:
        """The figures starting after ``start`` and before ``stop`` at bracket ``level``."""
        return [
            j
            for j, f in enumerate(self.figures)
            if start < f.char_start < stop and self.depths[f.char_start] == level
        ]

    def remainders(self) -> list[Identity]:
        """共W …, A, 剩余B: a marked whole, then parts at its level in its sentence, the last one
        what remains."""
        found = []
        for i in self.summable:
            f = self.figures[i]
            marked = _is_marked_whole(self.text, self.lower, f.char_start)
            sent_start, sent_end = sentence_bounds(self.text, f.char_start, ends=STATEMENT_END)
            not_done = bool(_NOT_DONE.search(self.text, f.char_end, sent_end))
            if not marked and (
                not (_REMAINDER.search(self.text, f.char_end, sent_end) or not_done)
                or not self._first_of_unit(i, sent_start)
            ):
                continue  # an unmarked whole only with a remainder after it
            parts = self.same_level_after(i, sent_end, self.depths[f.char_start])
            if not_done and not marked:
                # what is done and what is not, each with its rate (完成628项,完成率95.4%;未完成30项)
                after = self._figures_between(f.char_end, sent_end, self.depths[f.char_start])
                across = self._run_across_rates(after, f.base_unit)
                if len(across) > len(parts):
                    parts = across
            if len(parts) < 2:
                continue
            if not marked and any(
                _is_marked_whole(self.text, self.lower, self.figures[j].char_start) for j in parts
            ):
                continue  # the sentence marks its whole (共156家): the remainder is of that one
            holds = Identity(i, parts, "equals", "remainder").holds(self.figures)
            if not marked and self._parallel_groups(i, parts[0]) and not holds:
                continue
            last = self.figures[parts[-1]]
            between = self.text[self.figures[parts[-2]].char_end : last.char_start]
            if _REMAINDER.search(between) or (_NOT_DONE.search(between) and holds):
                found.append(Identity(whole=i, parts=parts, relation="equals", rule="remainder"))
            elif marked and self._enumerated(i, parts):
                found.append(Identity(whole=i, parts=parts, relation="equals", rule="enumeration"))
        return found

    def _parallel_groups(self, i: int, j: int) -> bool:
        """Two clauses each opening with where its things stand (截至6月底,已完成1处,正在建设3处,其余
        6处…): groups of a set stated before them, so the first is no unmarked whole — unless the
        remainder is of the first (已开工项目86个,已竣工12个,剩余74个: those started, not done)."""
        return all(
            _STATUS_OPENS.match(self.text, self._clause_start(self.figures[k].char_start))
            for k in (i, j)
        )

    def _first_of_unit(self, i: int, sent_start: int) -> bool:
        """The first figure of its unit in its sentence: a whole a remainder may refer to without
        共 (竣工100万平方米,已有34万平方米封顶,其余66万平方米…)."""
        unit = self.figures[i].base_unit
        return not any(
            sent_start <= self.figures[j].char_start < self.figures[i].char_start
            and self.figures[j].base_unit == unit
            for j in self.summable
        )

    def _enumerated(self, whole: int, parts: list[int]) -> bool:
        """Parts listed with 、 right after a marked whole's clause (共有56个项目竣工,按期竣工22个、
        提前竣工34个), with no 其中 (a 其中 list is the subset rule's)."""
        gaps = [
            self.text[self.figures[a].char_end : self.figures[b].char_start]
            for a, b in zip(parts, parts[1:], strict=False)
        ]
        opening = self.text[self.figures[whole].char_end : self.figures[parts[0]].char_start]
        return all("、" in gap and not _CLAUSE_END.search(gap) for gap in gaps) and not (
            _SUBSET.search(opening)
        )

    def marked(self, m: re.Match, rule: str, relation: str) -> list[Identity]:
        """The identities a breakdown or subset marker opens: the parts after it, and the whole
        before it; a view by category giving each part in two measures (分地区看,甲市新开工项目3个、
        总投资43.6亿元,乙市…) breaks down a whole of each."""
        pos = m.start()
        level = self.depths[pos]
        parts = self._parts_after(m, level)
        if rule == "subset" and (with_rates := self._exact_parts_between_rates(m, level, parts)):
            return [with_rates]
        if len(parts) < 2:
            return []
        lists = [parts]
        if _BY_CATEGORY.match(m.group(0)):
            lists += self._other_measures(m, level, parts)
        found = []
        for of_unit in lists:
            identity = self._with_whole_before(m, of_unit, level, rule, relation)
            if identity is not None:
                found.append(identity)
        return found

    def _exact_parts_between_rates(
        self, m: re.Match, level: int, parts: list[int]
    ) -> Identity | None:
        """A 其中 list whose parts each carry a rate (其中一产增加值44.68亿元、增长3.7%,二产增加值58.44亿元、
        增长7.9%,三产增加值87.13亿元、增长6.8%): more parts than the run the first rate ends, kept only
        where they make their whole exactly — the sectors of a total, not two cuts of one
        (其中工业投资80亿元,增长10%,民间投资90亿元)."""
        stop = min(_paren_group_end(self.text, m.start(), self.depths), self.upper)
        after = self._figures_between(m.start(), stop, level)
        if not after or after[0] not in self.summable:
            return None
        run = self._run_across_rates(after, self.figures[after[0]].base_unit)
        if len(run) <= max(len(parts), 1):
            return None
        identity = self._with_whole_before(m, run, level, "subset", "at_most")
        if identity is None or len(identity.parts) != len(run):
            return None
        exact = Identity(identity.whole, identity.parts, "equals", identity.rule)
        return identity if exact.holds(self.figures) else None

    def _run_across_rates(self, after: list[int], unit: str) -> list[int]:
        """The figures of ``unit`` listed one after another, each part's rates between them skipped
        (a figure of another unit, or a word that leaves the list, ends it)."""
        run: list[int] = []
        for j in after:
            if run and self._ends_the_list(run[-1], j):
                break
            if self.figures[j].base_unit in RATE_BASE_UNITS and run:
                continue
            if self.figures[j].base_unit != unit or j not in self.summable:
                break
            run.append(j)
        return run

    def _other_measures(self, m: re.Match, level: int, parts: list[int]) -> list[list[int]]:
        """Each part's figures of other units, lying between it and the next part, when every
        part gives the same measures in the same order (竣工项目22个,总投资718亿元,年度计划投资160亿
        元;续建项目63个,…): the k-th of each part are the parts of the k-th measure."""
        bounds = [*(self.figures[j].char_start for j in parts[1:]), self._list_stop(m)]
        per_part = [
            [
                k
                for k in self.summable
                if self.figures[j].char_end <= self.figures[k].char_start < stop
                and self.depths[self.figures[k].char_start] == level
                and self.figures[k].base_unit != self.figures[j].base_unit
                and not self._within_a_part(k, m.start())
            ]
            for j, stop in zip(parts, bounds, strict=True)
        ]
        shapes = {tuple(self.figures[k].base_unit for k in found) for found in per_part}
        if len(shapes) != 1 or not per_part[0]:
            return []
        return [list(measure) for measure in zip(*per_part, strict=True)]

    def _with_whole_before(
        self, m: re.Match, parts: list[int], level: int, rule: str, relation: str
    ) -> Identity | None:
        by_category = bool(_BY_CATEGORY.match(m.group(0)))
        whole = self._whole_before(
            m.start(), self.figures[parts[0]].base_unit, level, parts if by_category else None
        )
        if whole is None:
            return None
        parts = self._without_remainder_of_another(whole, parts)
        if len(parts) < 2:
            return None
        identity = Identity(whole=whole, parts=parts, relation=relation, rule=rule)
        if by_category and not identity.holds(self.figures) and identity.falls_short(self.figures):
            return None  # 按行业来看 naming three industries of more: highlights, not a breakdown
        return identity if by_category else self._whole_that_fits(identity, m.start(), level)

    def _whole_that_fits(self, identity: Identity, pos: int, level: int) -> Identity:
        """A 其中 list whose parts exceed the whole it was given, when an earlier figure of the unit
        in the marker's paragraph holds them: that figure, the nearest such, is the whole — one in
        the given whole's sentence (项目共10个…,共7个牵头单位。其中,…1个;…3个;…), or a plan's or a
        forecast's when the parts are too (预计收入52.4亿元…。1—6月实现收入32.92亿元…。其中区本级
        预计22.6亿元,新区预计29.8亿元); never a target, a forecast or a stock the parts are not of
        (年度计划投资45亿元。1-9月完成投资38.2亿元,其中…): else the one given, whose check then
        fails."""
        if identity.holds(self.figures):
            return identity
        para_start = self.text.rfind("\n", 0, pos) + 1
        given = self.figures[identity.whole]
        sentence = sentence_bounds(self.text, given.char_start)
        parts_planned = all(self._planned(k) for k in identity.parts)
        wholes = [
            j
            for j in reversed(self._of_unit_between(para_start, pos, given.base_unit, level))
            if j not in identity.parts
            and self._planned(j) == parts_planned
            and (parts_planned or sentence[0] <= self.figures[j].char_start < sentence[1])
        ]
        whole = self._first_whole_that_holds(wholes, identity)
        return (
            identity
            if whole is None
            else Identity(whole, identity.parts, identity.relation, identity.rule)
        )

    def _first_whole_that_holds(self, wholes: list[int], identity: Identity) -> int | None:
        """The first of ``wholes`` the identity's parts make (its relation holding with it)."""
        return next(
            (
                j
                for j in wholes
                if Identity(j, identity.parts, identity.relation, identity.rule).holds(self.figures)
            ),
            None,
        )

    def _without_remainder_of_another(self, whole: int, parts: list[int]) -> list[int]:
        """The parts up to a clause opening with a remainder (;剩余5所…) when the list's whole is
        not the first of its unit in its sentence, nor marked: the remainder may then be what is
        left of that first one, the whole a remainder refers to (建设学校50所,已有45所开工,其中
        30所已竣工;剩余5所未开工: 50所 less 45所), so it is not taken as one more part of the
        list. A remainder inside a part's words (出险企业剩余23家) is no such clause."""
        w = self.figures[whole]
        sent_start, _ = sentence_bounds(self.text, w.char_start)
        earlier = [
            j
            for j in self.summable
            if sent_start <= self.figures[j].char_start < w.char_start
            and self.figures[j].base_unit == w.base_unit
        ]
        if not earlier or _is_marked_whole(self.text, self.lower, w.char_start):
            return parts
        kept: list[int] = []
        for j in parts:
            if kept and _REMAINDER_OPENS.match(
                self.text, self._clause_start(self.figures[j].char_start)
            ):
                break
            kept.append(j)
        return kept

    def by_items(self, m: re.Match) -> list[Identity]:
        """A 其中 list of items separated by semicolons, to the end of its sentence: for each unit
        of the first item's figures, each item's figure of that unit is a part of the nearest
        earlier figure of that unit. Empty unless two items or more state that unit, each once, and
        no item opens a 其中 list of its own (then the semicolons separate statements)."""
        level = self.depths[m.start()]
        end = _ITEMS_END.search(self.text, m.end(), self.upper)
        stop = end.start() if end else self.upper
        if level > 0:  # inside brackets: the items end with the bracketed group
            stop = min(stop, _paren_group_end(self.text, m.start(), self.depths))
        separators = [
            s.start()
            for s in _ITEM_SEPARATOR.finditer(self.text, m.end(), stop)
            if self.depths[s.start()] == level
        ]
        # items of one list, not statements: no item opens a list of its own, or breaks down its
        # figure (包括…), or adds what is besides the list (另有…), or restates a part as an aspect
        # of the whole set (投资方面,220个项目…)
        if (
            not separators
            or _SUBSET.search(self.text, m.end(), stop)
            or _leaves_the_list(self.text, m.end(), stop)
        ):
            return []
        bounds = list(
            zip([m.end(), *[p + 1 for p in separators]], [*separators, stop], strict=True)
        )
        items = [
            [
                j
                for j in self.summable
                if a <= self.figures[j].char_start < b
                and self.depths[self.figures[j].char_start] == level
            ]
            for a, b in bounds
        ]
        if any(
            _ASPECT_OPENS.match(self.text, a) and self._restates_an_earlier_item(items, k)
            for k, (a, _) in enumerate(bounds)
            if k
        ):
            return []
        found = []
        for unit in dict.fromkeys(self.figures[j].base_unit for j in items[0]):
            measures = self._measures_of_items(items, unit, m.start(), level)
            if measures is not None:
                found += measures
                continue
            whole = self._whole_before(m.start(), unit, level)
            if whole is None:
                continue
            parts = self._item_parts(items, unit, whole)
            if parts is None:
                continue
            if any(sum(self.figures[j].base_unit == unit for j in item) > 1 for item in items):
                whole = self._whole_of_the_same_deed(whole, parts)  # counts within sets
            parts = self._without_remainder_of_another(whole, parts)
            if len(parts) >= 2:
                identity = Identity(whole=whole, parts=parts, relation="at_most", rule="subset")
                found.append(
                    self._exact_first_parts(self._whole_that_fits(identity, m.start(), level))
                )
        return found

    def _whole_of_the_same_deed(self, whole: int, parts: list[int]) -> int:
        """Parts that each count what was done within their item's set (…实施项目460个,已开工项目430个;
        …项目80个,已开工项目70个) break down the figure of that same deed in the given whole's sentence
        (共540个,已开工500个: 500个), not the set's size — never a plan's (计划新建10所), and only where
        the parts fit in it; the given whole otherwise."""
        deeds = {self._deed(j) for j in parts}
        deed = deeds.pop() if len(deeds) == 1 else None
        if deed is None or self._deed(whole) == deed:
            return whole
        start, end = sentence_bounds(self.text, self.figures[whole].char_start)
        same = [
            j
            for j in self.summable
            if start <= self.figures[j].char_start < end
            and self.figures[j].base_unit == self.figures[whole].base_unit
            and self._deed(j) == deed
            and not self._planned(j)
            and Identity(j, parts, "at_most", "subset").holds(self.figures)
        ]
        return same[-1] if same else whole

    def _exact_first_parts(self, identity: Identity) -> Identity:
        """Items whose first parts make the whole exactly and whose later ones carry them beyond it
        (在建项目898个…其中,续建项目472个…;新开工项目426个…;竣工项目204个…): the later items are
        another cut of the same things (竣工 of the 在建), not more parts."""
        if identity.holds(self.figures):
            return identity
        for n in range(len(identity.parts) - 1, 1, -1):
            first = Identity(identity.whole, identity.parts[:n], "equals", identity.rule)
            kept = {self._stage(k) for k in identity.parts[:n]}
            later = {self._stage(k) for k in identity.parts[n:]}
            if first.holds(self.figures) and None not in later and not later & kept:
                return Identity(
                    identity.whole, identity.parts[:n], identity.relation, identity.rule
                )
        return identity

    def _stage(self, j: int) -> str | None:
        """The stage its item names before it (竣工项目120个,完成投资150亿元: 竣工): the cut a later
        item of a list is of."""
        start = self.figures[j].char_start
        item = max(self.text.rfind(c, self.lower, start) for c in ";；。:：") + 1
        found = _STAGE.search(self.text, max(item, self.lower), start)
        return found.group(0) if found else None

    def _states_another_measure(self, item: list[int], unit: str) -> bool:
        """Whether an item states a figure of another measure than ``unit`` (亿元 among 个 items; not
        项 among 个, which count things alike)."""
        alike = _ANY_THINGS if unit in _ANY_THINGS else {unit}
        return any(self.figures[j].base_unit not in alike for j in item)

    def _deed(self, j: int) -> str | None:
        """What its label says was done (开工, 竣工, 完成 …), if anything."""
        found = _DONE_BEFORE.search(self.figures[j].label)
        return found.group(0) if found else None

    def _item_parts(self, items: list[list[int]], unit: str, whole: int) -> list[int] | None:
        """Each item's one figure of the unit: an item stating another measure and not the unit
        (…38个项目超额完成;聚焦十大工程,计划投资1561亿元…;实施项目4344个) ends the unit's list, what
        follows it being other statements; one stating no figure of it is skipped. None when an item
        lists several of the unit (a list, not an item)."""
        of_units: list[list[int]] = []
        for item in items:
            of_unit = [j for j in item if self.figures[j].base_unit == unit]
            if not of_unit and self._states_another_measure(item, unit):
                break
            if of_unit:  # (消防隐患全部整改到位; 医疗类两件: an item stating no figure of the unit)
                of_units.append(of_unit)
        # the group of the whole's deed, when every item that breaks down a set names one
        deed = None if self._sizes_a_set(whole) else self._deed(whole)
        if deed and not all(
            any(self._deed(k) == deed for k in of_unit[1:])
            for of_unit in of_units
            if len(of_unit) > 1
        ):
            deed = None
        parts = [self._item_figure(of_unit, whole, deed) for of_unit in of_units]
        return None if None in parts else parts

    def _measures_of_items(
        self, items: list[list[int]], unit: str, pos: int, level: int
    ) -> list[Identity] | None:
        """Items each giving the unit in the same k measures, k ≥ 2, none a count within another
        (…总投资1009.5亿元,年度计划投资176亿元。其中,新开工项目82个,总投资258.2亿元,年度计划投资61亿元;
        续建项目122个,总投资751.4亿元,年度计划投资115亿元): the k-th figures of the items are the
        parts of the nearest figure of the unit before the list that measures the same (a plan, a
        total, what was done: :func:`_measure_kind`), kept only where every measure's parts fit in
        its whole; None when the items are not of that shape or a measure has no such whole."""
        of_unit = [[j for j in item if self.figures[j].base_unit == unit] for item in items]
        sizes = {len(item) for item in of_unit}
        if len(sizes) != 1 or (k := sizes.pop()) < 2 or len(of_unit) < 2:
            return None
        if any(self._item_figure(item, item[0]) is not None for item in of_unit):
            return None  # a set's size and a count within it: one part per item
        para_start = self.text.rfind("\n", 0, pos) + 1
        candidates = self._of_unit_between(para_start, pos, unit, level)
        found: list[Identity] = []
        for n in range(k):
            parts = [item[n] for item in of_unit]
            kinds = {_measure_kind(self.figures[j].label) for j in parts}
            kind = kinds.pop() if len(kinds) == 1 else None
            wholes = [
                j
                for j in reversed(candidates)
                if kind
                and _measure_kind(self.figures[j].label) == kind
                and all(j != x.whole for x in found)
            ]
            if not wholes:
                return None  # a measure no figure before it measures: not of this shape
            found.append(Identity(wholes[0], parts, relation="at_most", rule="subset"))
        return found if all(identity.holds(self.figures) for identity in found) else []

    def counts_the_set(self, whole: int, m: re.Match) -> bool:
        """Whether a figure is the count of the set a groups marker (…项任务中) follows."""
        between = self.text[self.figures[whole].char_end : m.start()]
        return len(between) <= _SET_NAME_CHARS and not _CLAUSE_END.search(between)

    def _restates_an_earlier_item(self, items: list[list[int]], k: int) -> bool:
        """Whether item k's first figure is one an earlier item states (the same value and unit)."""
        if not items[k]:
            return False
        first = self.figures[items[k][0]]
        return any(
            (self.figures[j].base_value, self.figures[j].base_unit)
            == (first.base_value, first.base_unit)
            for item in items[:k]
            for j in item
        )

    def _item_figure(self, of_unit: list[int], whole: int, deed: str | None = None) -> int | None:
        """An item's one figure of the unit, or None when it lists several. An item may state the
        size of a set and the count within it (100个续建项目中有82个已竣工, 完成投资…): its part is
        the set's size when the whole is the size of a set too (300个重点项目共完成投资…: the
        items are the groups of those projects), else the count within (开工项目300个: the items
        count what was started in each group)."""
        if len(of_unit) == 1:
            return of_unit[0]
        groups = Identity(of_unit[0], of_unit[1:], "equals", "subset")
        if groups.holds(self.figures):
            # a set and its groups (工程类项目22个,20个已启动,2个处于…阶段): its size, or, under a whole
            # that counts what was done (开复工重点项目120个), the group of that deed
            done = [k for k in of_unit[1:] if deed and self._deed(k) == deed]
            return done[0] if done else of_unit[0]
        gaps = [
            self.text[self.figures[a].char_end : self.figures[b].char_start]
            for a, b in zip(of_unit, of_unit[1:], strict=False)
        ]
        if not all(_counts_within(gap) for gap in gaps):
            return None
        return of_unit[0] if self._sizes_a_set(whole) else of_unit[-1]

    def _sizes_a_set(self, i: int) -> bool:
        """A count written before the things it counts, with no word of what was done before it in
        its clause (300个重点项目共完成投资…, not 开工300个项目): the size of a set. An amount is
        one when nothing done is said of it (共争取中央资金487.5亿元, not 完成投资700亿元): its parts
        are the amounts of its kinds (专项债券366亿元,已发行274.6亿元: 366亿元)."""
        f = self.figures[i]
        done = _DONE_BEFORE.search(self.text, self._clause_start(f.char_start), f.char_start)
        if f.metric_kind == "amount":
            return not done
        return bool(_IDEOGRAPH.match(self.text, f.char_end)) and not done

    def _counts_a_marked_total(self, i: int) -> bool:
        """The size of the set whose total its clause marks (300个重点项目共完成投资700亿元): the
        whole of its unit as that total is of its own, rather than a nearer count of one group
        of the set (200个在建项目完成投资650亿元)."""
        end = _CLAUSE_START.search(self.text, self.figures[i].char_end, self.upper)
        clause_end = end.start() if end else self.upper
        return self._sizes_a_set(i) and bool(
            _WHOLE_MARK_IN_CLAUSE.search(self.text, self.figures[i].char_end, clause_end)
        )

    def _clause_start(self, pos: int) -> int:
        while pos > self.lower and not _CLAUSE_START.match(self.text[pos - 1]):
            pos -= 1
        return pos

    def _parts_after(self, m: re.Match, level: int) -> list[int]:
        """The parts a marker lists: the figures after it at its level, up to the end of its
        parenthesised group or sentence, or for a breakdown by category to the end of its list."""
        pos = m.start()
        by_category = bool(_BY_CATEGORY.match(m.group(0)))
        if by_category:
            stop = self._list_stop(m)
        else:
            stop = min(_paren_group_end(self.text, pos, self.depths), self.upper)
            stop = max(stop, self._bullet_lines_end(m))
        after = self._figures_between(pos, stop, level)
        if len(after) < 2 or after[0] not in self.summable:
            return []
        unit = self.figures[after[0]].base_unit
        if by_category:
            return [
                j
                for j in after
                if self.figures[j].base_unit == unit
                and j in self.summable
                and not self._within_a_part(j, pos)
            ]
        return self.consecutive_run(after, unit)

    def _list_stop(self, m: re.Match) -> int:
        """Where a list by category ends: its sentence, or the next item (二是…)."""
        end = _LIST_END.search(self.text, m.end(), self.upper)
        return end.start() if end else self.upper

    def _within_a_part(self, j: int, pos: int) -> bool:
        """A figure after a 其中 in its part's item of a list by category (分领域看,基础设施项目完成
        投资1303.92亿元,其中…项目完成投资966.2亿元;…): a group within that part, not a part."""
        separators = _ITEM_SEPARATOR.finditer(self.text, pos, self.figures[j].char_start)
        item_start = max([pos, *(m.end() for m in separators)])
        return bool(_SUBSET.search(self.text, item_start, self.figures[j].char_start))

    def _bullet_lines_end(self, m: re.Match) -> int:
        """Where the bullet lines after a 其中 ending its line end (其中——/■ 5个项目已完成/■ 7个
        项目…): its parts are listed one a line, so its list runs over them; 0 when there are none."""
        line_end = self.text.find("\n", m.start(), self.upper)
        if line_end < 0 or not SUBSET_ENDS_LINE.match(self.text[m.start() : line_end]):
            return 0
        end = 0
        for line in iter_lines(self.text[line_end : self.upper]):
            if not LIST_BULLET.match(line.text):
                break
            end = line_end + line.end
        return end

    def _whole_before(
        self, pos: int, unit: str, level: int, view_of: list[int] | None = None
    ) -> int | None:
        """The whole: the nearest earlier figure of that unit in the same paragraph, or in the one
        before when the marker's paragraph states none of the unit before it: the marker opens
        its paragraph ("…总投资约1222亿元。\n其中,工业项目…"), or the words before it only name
        what is broken down ("…累计完成投资900亿元。\n这些项目包括:…"), or give another measure
        of the same things ("…开工120个项目。\n年度计划投资150亿元。其中,北区50个、…")."""
        para_start = self.text.rfind("\n", 0, pos) + 1
        candidates = self._of_unit_between(para_start, pos, unit, level)
        if not candidates and unit in _ANY_THINGS and view_of is None:
            # the marker's own sentence counts the set in another classifier (共54个项目…,其中
            # 新开工类20项…): that count, not one of the parts' classifier further back
            sent_start, _ = sentence_bounds(self.text, pos)
            for other in _ANY_THINGS - {unit}:
                candidates += [
                    j
                    for j in self._of_unit_between(max(para_start, sent_start), pos, other, level)
                    if _COUNTS_TASKS.match(self.text, self.figures[j].char_end)
                ]
            candidates.sort()
        if not candidates:
            # one paragraph back, over blank lines: the whole a paragraph of parts refers to
            para_start = self._paragraph_before(para_start)
            candidates = self._of_unit_between(para_start, pos, unit, level)
        if not candidates:
            return None
        if view_of is not None:
            return self._whole_of_a_view(candidates, view_of, pos)
        return self._nearest_or_marked(candidates, pos)

    def _nearest_or_marked(self, candidates: list[int], pos: int) -> int:
        last = candidates[-1]
        if STATEMENT_END.search(self.text, self.figures[last].char_end, pos) is None:
            return last  # 剩余83家(其中…): the figure the marker's own sentence breaks down
        # a 其中 opening a sentence breaks down the total the text marked (共完成投资688.6亿元)
        # rather than a nearer figure of one group of it (220个在建项目完成投资664.8亿元)
        marked = [
            j
            for j in candidates
            if _is_marked_whole(self.text, self.lower, self.figures[j].char_start)
            or self.figures[j].is_cumulative  # 累计完成投资432亿元: a running total
            or self._counts_a_marked_total(j)
        ]
        return (marked or candidates)[-1]

    def _whole_of_a_view(self, candidates: list[int], parts: list[int], pos: int) -> int | None:
        """The whole of a view by category: of its parts' measure when they share one (总投资 of
        总投资718亿元, 总投资2515亿元; none when no figure before it is of that measure), never one in a
        sentence of what is besides the things viewed (此外,拟安排29个预备项目). Of the total the
        text marked (共安排重点项目120个…,其中省重点项目45个。分类型看,…) and the figure just before
        the view (…其中,7月份新开工项目63个。分地区看,…), the first its parts add up to; else the
        marked total, whose breakdown then fails its check (:meth:`guessed`)."""
        kept = [
            j
            for j in candidates
            if not _BESIDES_OPENS.match(
                self.text,
                max(self.lower, sentence_bounds(self.text, self.figures[j].char_start)[0]),
            )
        ]
        labels = {_same_words(self.figures[j].label) for j in parts}
        if len(labels) == 1 and len(parts) > 1:
            named = [j for j in kept if _same_words(self.figures[j].label) in labels]
            if not named:
                # no figure before it says the measure in the parts' words (项目总投资337.39亿元 for
                # 总投资82.72亿元, …): the nearest its parts make, if any
                return (
                    self._first_whole_that_holds(
                        kept[::-1], Identity(kept[-1], parts, "equals", "breakdown")
                    )
                    if kept
                    else None
                )
            kept = named
        if not kept:
            return None
        options = list(dict.fromkeys([self._nearest_or_marked(kept, pos), kept[-1]]))
        whole = self._first_whole_that_holds(
            options, Identity(options[0], parts, "equals", "breakdown")
        )
        return options[0] if whole is None else whole

    def _of_unit_between(self, start: int, pos: int, unit: str, level: int) -> list[int]:
        return [
            j
            for j in self.summable
            if start <= self.figures[j].char_start < pos
            and self.figures[j].base_unit == unit
            and self.depths[self.figures[j].char_start] <= level
            and not self._share_base(j)
        ]

    def guessed(self, identity: Identity, m: re.Match) -> bool:
        """A breakdown (a view by category, 分别为) whose parts make no figure before it, and whose
        whole no word marks (共, 合计, 累计): that whole is only a guess (…其中已竣工17个。分领域看,…
        269个、334个…), and holding the bulletin back for it would hold back a consistent one. A
        marked total whose parts do not make it is kept, and fails its check. So is a 其中 list's
        whole in the marker's own sentence (新增市场主体5万户,其中企业2.2万户、个体工商户3.7万户: the
        text says what it breaks down), or in the sentence before one the marker opens or states no
        figure before (总投资1000亿元。其中,…; 实施项目32个。截至9月底,其中…); one from further back (…14个预备项目2个已开工。…,其中3个生态保护项目和6个公路项目…),
        or before an item of its own (完成141人次…\n*2.其中,…) was a guess."""
        if identity.holds(self.figures):
            return False
        whole = self.figures[identity.whole]
        para_start = self.text.rfind("\n", 0, m.start()) + 1
        if (
            whole.char_start < para_start
            # (a paragraph, not a line wrapped mid-sentence: 同比增\n长8.2%,其中…)
            and re.search(r"[。!！?？]\s*$", self.text[self.lower : para_start])
            and any(para_start <= f.char_start < m.start() for f in self.figures)
        ):
            # from the paragraph before, though the marker's own states figures before it
            # (…累计完成投资21亿元。\n2023年,…287个项目,其中,…975亿元;…): whatever marks it
            return True
        if _is_marked_whole(self.text, self.lower, whole.char_start) or whole.is_cumulative:
            return False
        if identity.rule == "subset":
            start, end = sentence_bounds(self.text, m.start())
            if start > self.lower and _OPENS_AFTER.fullmatch(self.text, start, m.start()):
                # 其中 opens its sentence, or only when or a view comes before it (截至9月底,其中…;
                # 从行业看,其中…): the sentence before it too, over its end and blank space
                before = len(self.text[:start].rstrip()) - 2
                start = sentence_bounds(self.text, max(before, self.lower))[0]
            return not start <= whole.char_start < end
        return True

    def _planned(self, j: int) -> bool:
        """A figure its clause says is planned or expected (预计22.6亿元, 年度计划投资45亿元)."""
        f = self.figures[j]
        return bool(_PLANNED.search(self.text, self._clause_start(f.char_start), f.char_start))

    def _share_base(self, j: int) -> bool:
        """A total a share is of (占全省固定资产投资计划6441亿元的35.8%, 完成年度目标6000人的86.7%): a
        reference, never the whole of a list after it."""
        return bool(_SHARE_OF.match(self.text, self.figures[j].char_end))

    def _paragraph_before(self, para_start: int) -> int:
        """The start of the last non-blank line before the line starting at ``para_start``."""
        end = para_start - 1
        while end > 0:
            start = self.text.rfind("\n", 0, end) + 1
            if self.text[start:end].strip():
                return start
            end = start - 1
        return para_start
