"""Stage 7, meaning: what each figure of a bulletin means beyond its words, decided once all the
others are known: its role (roles.py: a target, a quoted target, an actual, a breakdown's whole or
part …), its subject (subjects.py: a generic label such as 总投资 or 剩余 completed) and its measure
(measures.py and its catalog)."""

from __future__ import annotations

from ..model import FigureMeaning, ParsedBulletin
from .measures import label_measure_id, measure_id_of
from .roles import BENCHMARK, COMPLETION_RATIO, roles
from .subjects import subjects


def figure_meanings(bulletin: ParsedBulletin) -> list[FigureMeaning]:
    """One per figure of the bulletin, in order."""
    found_roles = roles(bulletin)
    found_subjects = subjects(bulletin)
    return [
        FigureMeaning(role, subject, _measure_id(role, subject, pf.figure.base_unit))
        for pf, role, subject in zip(bulletin.figures, found_roles, found_subjects, strict=True)
    ]


def _measure_id(role: str, subject: str, base_unit: str) -> str:
    """A completion ratio or a benchmark is no quantity of the measure it speaks of: it keeps a
    measure of its own words, never a catalog entry's (measures.py, rule 0)."""
    if role in (COMPLETION_RATIO, BENCHMARK):
        return label_measure_id(subject, base_unit)
    return measure_id_of(subject, base_unit)
