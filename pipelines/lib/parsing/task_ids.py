"""The same task across the bulletins of an issuer's year: one task_id.

A task keeps its id from bulletin to bulletin (一季度, 上半年, 前三季度, 全年) when its text is the same
after removing white space and punctuation, or, failing that, when it is at least
``MIN_TEXT_SIMILARITY`` similar (difflib's ratio) to a task already seen for the same issuer and
year that begins or ends with the same four characters (a small edit leaves one end alone; this
keeps the comparison to a handful of candidates instead of every task of the year), each earlier
task matching at most one task of a bulletin. Bulletins are taken in order of their period end, so
the id is that of the task's first wording.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

MIN_TEXT_SIMILARITY = 0.9
_IGNORED = re.compile(r"[\s,，。;；:：、“”\"《》()（）!！?？.]")


def canonical_text(text: str) -> str:
    return _IGNORED.sub("", text)


def task_id_for(issuer: str | None, year: int | None, text: str) -> str:
    key = f"{issuer or ''}|{year or ''}|{canonical_text(text)}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class TaskRef:
    bulletin_id: str
    task_seq: int
    text: str


MIN_SHARED_TASKS = 0.5


def infer_issuers(
    bulletins: list[tuple[str | None, int | None, list[TaskRef]]],
) -> list[str | None]:
    """The issuer of each bulletin, a bulletin that names none taking that of the issuer whose
    bulletins of the same year list at least half of its tasks word for word (a text dump of a page
    whose copy elsewhere names its issuer). Without one clear match it stays unnamed."""
    known: dict[tuple[str, int | None], set[str]] = {}
    for issuer, year, tasks in bulletins:
        if issuer:
            known.setdefault((issuer, year), set()).update(canonical_text(t.text) for t in tasks)
    out: list[str | None] = []
    for issuer, year, tasks in bulletins:
        if issuer or not tasks:
            out.append(issuer)
            continue
        mine = {canonical_text(t.text) for t in tasks}
        shares = sorted(
            (
                (len(mine & texts) / len(mine), name)
                for (name, y), texts in known.items()
                if y == year
            ),
            reverse=True,
        )
        clear = shares and shares[0][0] >= MIN_SHARED_TASKS
        unique = len(shares) == 1 or (shares and shares[1][0] < shares[0][0])
        out.append(shares[0][1] if clear and unique else None)
    return out


@functools.lru_cache(maxsize=65536)
def _chars(text: str) -> Counter:
    return Counter(text)


def _may_be_similar(a: str, b: str) -> bool:
    """Whether two texts can reach MIN_TEXT_SIMILARITY: difflib's own upper bounds of its ratio
    (real_quick_ratio from the lengths, quick_ratio from the characters in common), computed
    without building a SequenceMatcher for every pair (most pairs stop here)."""
    total = len(a) + len(b)
    if not total:
        return True  # difflib's ratio of two empty texts is 1
    if 2 * min(len(a), len(b)) / total < MIN_TEXT_SIMILARITY:
        return False
    common = sum((_chars(a) & _chars(b)).values())
    return 2 * common / total >= MIN_TEXT_SIMILARITY


def assign_task_ids(
    bulletins: list[tuple[str | None, int | None, list[TaskRef]]],
) -> dict[tuple[str, int], str]:
    """task_id for every (bulletin_id, task_seq); bulletins given as (issuer, year, tasks) in period order."""
    known: dict[tuple[str | None, int | None], dict[str, str]] = {}  # canonical text -> id
    ends: dict[
        tuple[str | None, int | None], dict[str, list[str]]
    ] = {}  # first/last 4 chars -> texts
    ids: dict[tuple[str, int], str] = {}
    for issuer, year, tasks in bulletins:
        by_text = known.setdefault((issuer, year), {})
        by_end = ends.setdefault((issuer, year), {})
        taken: set[str] = set()
        pending = []
        for task in tasks:
            canon = canonical_text(task.text)
            if canon in by_text and by_text[canon] not in taken:
                ids[(task.bulletin_id, task.task_seq)] = by_text[canon]
                taken.add(by_text[canon])
            else:
                pending.append((task, canon))
        for task, canon in pending:
            best, best_ratio = None, 0.0
            candidates = dict.fromkeys(
                by_end.get("^" + canon[:4], []) + by_end.get("$" + canon[-4:], [])
            )
            for other in candidates:
                other_id = by_text[other]
                if other_id in taken or not _may_be_similar(canon, other):
                    continue
                ratio = difflib.SequenceMatcher(None, canon, other, autojunk=False).ratio()
                if ratio >= MIN_TEXT_SIMILARITY and ratio > best_ratio:
                    best, best_ratio = other_id, ratio
            if best is None:
                best = task_id_for(issuer, year, task.text)
                by_text[canon] = best
                by_end.setdefault("^" + canon[:4], []).append(canon)
                by_end.setdefault("$" + canon[-4:], []).append(canon)
            ids[(task.bulletin_id, task.task_seq)] = best
            taken.add(best)
    return ids
