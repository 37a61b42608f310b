"""The measure a figure belongs to: an entry of the catalog (measure_catalog.csv), or one made
from its normalised subject.

Matching rules (stated in the README, one test per catalog entry):

0. A completion ratio or a benchmark (roles.py) takes no catalog entry: it is not a
   quantity of the measure it speaks of (rule 4 gives it one of its own words).
1. The figure's subject (its label, completed when the label is only a generic word: see
   subjects.py) is normalised: white space, quotes and brackets' marks dropped; leading
   words of scope, time or manner (全省, 全市, 我市, 累计, 共, 已, 今年, 全年, 年度 …) dropped, and
   the adverb 已 / 已经 before a verb wherever it is (重点项目已开工 → 重点项目开工).
2. A catalog entry matches when the figure's base unit is one of the entry's units, the normalised
   subject contains one of the entry's synonyms, and what is left of the subject once that synonym
   is taken out contains none of the entry's excludes. A level or flow entry never matches a
   subject ending in a word of change (增长, 下降, 增加, 减少, 提高, 降低): that is a change of the
   measure, not the measure.
3. Of the matching entries, the one with the longest synonym wins (城镇居民人均可支配收入 before
   居民人均可支配收入); on a tie, the first in the catalog.
4. A figure no entry matches takes the measure ``label:<normalised subject>[<base unit>]``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipelines.lib.settings import MEASURE_CATALOG

CATALOG = MEASURE_CATALOG  # settings.py names the file once, for the parser and dbt alike
LABEL_PREFIX = "label:"

_LEAD = re.compile(
    r"^(?:全省|全市|全县|全区|全镇|全州|全盟|我省|我市|我县|我区|本市|本县|本区|今年|全年|年度|当年|"
    r"累计|共计|合计|总计|共|已经|已|仅|其中|目前)+"
)
_MARKS = re.compile(r"[\s“”\"‘’'《》「」]|累计")
# 已 / 已经 (already) before a verb: 重点项目已开工, 已经建成
_ALREADY = re.compile(r"已经|已(?=[\u4e00-\u9fff])")
_CHANGE_END = re.compile(r"(增长|下降|增加|减少|提高|降低|增幅|降幅|增速|收窄|扩大)$")


@dataclass(frozen=True)
class Measure:
    measure_id: str
    name: str
    base_units: tuple[str, ...]
    display_unit: str
    measure_type: str  # 'level' | 'flow' | 'rate'
    synonyms: tuple[str, ...]
    excludes: tuple[str, ...]
    example: str


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


@cache
def catalog() -> tuple[Measure, ...]:
    """The catalog's entries, in the file's order."""
    with CATALOG.open(encoding="utf-8", newline="") as f:
        return tuple(
            Measure(
                measure_id=row["measure_id"],
                name=row["name"],
                base_units=_split(row["base_unit"]),
                display_unit=row["display_unit"],
                measure_type=row["measure_type"],
                synonyms=_split(row["synonyms"]),
                excludes=_split(row["excludes"]),
                example=row["example"],
            )
            for row in csv.DictReader(f)
        )


def normalise(subject: str) -> str:
    """A subject without marks and without leading words of scope, time or manner."""
    text = _ALREADY.sub("", _MARKS.sub("", subject or ""))
    stripped = _LEAD.sub("", text)
    return stripped or text


def _match(measure: Measure, subject: str, base_unit: str) -> int:
    """The length of the longest synonym by which ``measure`` matches, 0 if it does not."""
    if base_unit not in measure.base_units:
        return 0
    if measure.measure_type != "rate" and _CHANGE_END.search(subject):
        return 0
    best = 0
    for synonym in measure.synonyms:
        if synonym in subject and len(synonym) > best:
            rest = subject.replace(synonym, "", 1)
            if not any(word in rest for word in measure.excludes):
                best = len(synonym)
    return best


@cache
def _by_base_unit() -> dict[str, tuple[Measure, ...]]:
    """The catalog's entries of each base unit, in the file's order."""
    units: dict[str, list[Measure]] = {}
    for measure in catalog():
        for unit in measure.base_units:
            units.setdefault(unit, []).append(measure)
    return {unit: tuple(measures) for unit, measures in units.items()}


@lru_cache(maxsize=65536)  # subjects recur across an issuer's bulletins and quarters
def catalog_measure(subject: str, base_unit: str) -> Measure | None:
    """The catalog entry a figure of this subject and base unit belongs to, or None."""
    norm = normalise(subject)
    best, best_len = None, 0
    for measure in _by_base_unit().get(base_unit, ()):
        length = _match(measure, norm, base_unit)
        if length > best_len:
            best, best_len = measure, length
    return best


def label_measure_id(subject: str, base_unit: str) -> str:
    return f"{LABEL_PREFIX}{normalise(subject)}[{base_unit}]"


def measure_id_of(subject: str, base_unit: str) -> str:
    """The measure of a figure: its catalog entry's id, else one made from its subject."""
    found = catalog_measure(subject, base_unit)
    return found.measure_id if found else label_measure_id(subject, base_unit)
