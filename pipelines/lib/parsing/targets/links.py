"""Linking each target to the progress figure that reports on it.

Targets are the figures of a task's text (全年为企业减负2700亿元) and targets quoted in its progress
text (提前完成“全年减负3150亿元”的目标任务). The progress figure that reports on a target is one of
the same task with the same base unit and kind whose label says the same thing: the labels' character
bigrams overlap (Dice coefficient) at least ``MIN_LABEL_SIMILARITY``, and the best such figure wins.
Without one, the task's only progress figure of the target's unit and kind is taken when no other
target could claim it; else a stated completion ratio (完成全年目标的27.2%) of a task with a single
target is the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure

MIN_LABEL_SIMILARITY = 0.3
# Words that say how or where, not what: they do not make two labels the same measure.
_NOISE = re.compile(
    r"(全年|年度|累计|全省|全市|全县|全区|力争|确保|实现|完成|达到|超过|突破|提前|超额|目标|任务|新增|新建|"
    r"同比|其中|共|约|近|增加值|增长|下降|提高|降低|增速|[\d.%]+|[“”\"《》()（）,，、;；:：\s])"
)


@dataclass
class TargetLink:
    target: int  # index into the bulletin's figures
    actual: int | None
    evidence: str | None  # 'actual' | 'completion_ratio' | None
    label_similarity: float | None


def _bigrams(label: str) -> set[str]:
    text = _NOISE.sub("", label)
    if len(text) == 1:
        return {text}
    return {text[i : i + 2] for i in range(len(text) - 1)}


def label_similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def is_target(section: str, figure: Figure) -> bool:
    if figure.metric_kind == "completion_ratio":
        return False
    return section == "task" or figure.is_quoted_target


_DONE = re.compile(r"(建成|竣工|完成|实现|达到|办结|投用|投运|通车|交付)")
_UNDERWAY = re.compile(r"(在建|正在|开工|申报|推进|启动|另有|剩余|其余|未)")


def _the_done_one(figures: list[tuple[str, Figure]], candidates: list[int]) -> int | None:
    """Of several figures that could report on a target, the one that says it is done (竣工4所
    rather than 在建8所), if exactly one does."""
    done = [
        a
        for a in candidates
        if _DONE.search(figures[a][1].label) and not _UNDERWAY.search(figures[a][1].label)
    ]
    return done[0] if len(done) == 1 else None


def link_targets(figures: list[tuple[str, Figure]], one_measure: bool = False) -> list[TargetLink]:
    """Links for the figures of one task, given as (section, figure) in text order.

    ``one_measure``: the task is a numbered paragraph of prose, which states one measure's target
    and its progress together; there a target that no label names is reported on by the task's only
    progress figure of its unit and kind (or, of several, the one that says it is done).
    """
    targets = [i for i, (section, f) in enumerate(figures) if is_target(section, f)]
    actuals = [
        i
        for i, (section, f) in enumerate(figures)
        if section == "progress" and not f.in_quote and f.metric_kind != "completion_ratio"
    ]
    ratios = [
        i
        for i, (section, f) in enumerate(figures)
        if section == "progress" and f.metric_kind == "completion_ratio"
    ]
    links: list[TargetLink] = []
    for t in targets:
        target = figures[t][1]
        best, best_score = None, 0.0
        for a in _comparable(figures, t, actuals):
            score = label_similarity(target.label, figures[a][1].label)
            if score >= MIN_LABEL_SIMILARITY and score > best_score:
                best, best_score = a, score
        if best is not None:
            links.append(TargetLink(t, best, "actual", round(best_score, 3)))
        else:
            links.append(TargetLink(t, None, None, None))
    taken = {link.actual for link in links if link.actual is not None}
    for k, link in enumerate(links):
        if link.actual is not None:
            continue
        candidates = [a for a in _comparable(figures, link.target, actuals) if a not in taken]
        rivals = [t for t in targets if t != link.target and _comparable(figures, t, candidates)]
        chosen = None
        if one_measure and candidates and not rivals:
            chosen = candidates[0] if len(candidates) == 1 else _the_done_one(figures, candidates)
        if chosen is not None:
            score = label_similarity(figures[link.target][1].label, figures[chosen][1].label)
            links[k] = TargetLink(link.target, chosen, "actual", round(score, 3))
            taken.add(chosen)
        elif len(targets) == 1 and len(ratios) == 1:
            links[k] = TargetLink(link.target, ratios[0], "completion_ratio", None)
    return links


def _comparable(figures: list[tuple[str, Figure]], t: int, actuals: list[int]) -> list[int]:
    """The progress figures that could report on target ``t``: same base unit and kind, and no
    opposite direction."""
    target = figures[t][1]
    out = []
    for a in actuals:
        actual = figures[a][1]
        if (actual.base_unit, actual.metric_kind) != (target.base_unit, target.metric_kind):
            continue
        if target.direction and actual.direction and target.direction != actual.direction:
            continue
        out.append(a)
    return out
