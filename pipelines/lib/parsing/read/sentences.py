"""Where a sentence of the body text begins and ends, found by bisecting the text's sentence ends
(found once per text): the breakdowns and the meaning stage ask for many sentences of one text."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

SENTENCE_END = re.compile(r"[。!！?？\n]")
# what ends a statement in a list of them: a sentence end or a semicolon (共156家…,剩余83家;…)
STATEMENT_END = re.compile(r"[。;；!！?？\n]")


def sentence_bounds(
    text: str, start: int, end: int | None = None, ends: re.Pattern = SENTENCE_END
) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: after the last end before ``start``, up to the
    first end at or after ``end`` (``start`` when not given)."""
    found = _ends(text, ends)
    k = bisect.bisect_left(found, start)
    lower = found[k - 1] + 1 if k else 0
    k = bisect.bisect_left(found, start if end is None else end)
    upper = found[k] if k < len(found) else len(text)
    return lower, upper


@lru_cache(maxsize=8)  # the bulletin being read, for each kind of end
def _ends(text: str, ends: re.Pattern) -> list[int]:
    return [m.start() for m in ends.finditer(text)]
