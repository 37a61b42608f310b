"""Stage 7, meaning: what each figure of a bulletin means beyond its words, decided once all the
others are known: its role (roles.py: a target, a quoted target, an actual, a breakdown's whole or
part …), its subject (subjects.py: a generic label such as 总投资 or 剩余 completed) and its measure
(measures.py and its catalog)."""

from __future__ import annotations

from ..model import FigureMeaning, ParsedBulletin
from .measures import label_measure_id, measure_id_of
from .roles import BENCHMARK, COMPLETION_RATIO, REPORTED, RESTATED, roles
from .subjects import subjects


def figure_meanings(bulletin: ParsedBulletin) -> list[FigureMeaning]:
    """One per figure of the bulletin, in order."""
    found_roles = roles(bulletin)
    found_subjects = subjects(bulletin, found_roles)
    measure_ids = [
        _measure_id(role, subject, pf.figure.base_unit)
        for pf, role, subject in zip(bulletin.figures, found_roles, found_subjects, strict=True)
    ]
    found_roles = _restated(bulletin, found_roles, measure_ids)
    return [
        FigureMeaning(role, subject, measure_id)
        for role, subject, measure_id in zip(found_roles, found_subjects, measure_ids, strict=True)
    ]


def _restated(
    bulletin: ParsedBulletin, found_roles: list[str], measure_ids: list[str]
) -> list[str]:
    """A reported figure whose raw text, measure and period a reported figure of an earlier task of
    the bulletin already states is ``restated`` (the seed's 186项 in its tasks 2 and 12), so that
    summing the reported quantities counts it once."""
    first_task: dict[tuple, int] = {}
    out = list(found_roles)
    for index, pf in enumerate(bulletin.figures):
        if out[index] not in REPORTED:
            continue
        key = (pf.figure.raw_text, measure_ids[index], pf.figure.period_label)
        task = first_task.setdefault(key, pf.task_seq)
        if task != pf.task_seq:
            out[index] = RESTATED
    return out


def _measure_id(role: str, subject: str, base_unit: str) -> str:
    """A completion ratio or a benchmark is no quantity of the measure it speaks of: it keeps a
    measure of its own words, never a catalog entry's (measures.py, rule 0)."""
    if role in (COMPLETION_RATIO, BENCHMARK):
        return label_measure_id(subject, base_unit)
    return measure_id_of(subject, base_unit)
